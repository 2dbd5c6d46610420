/**
 * ZIP containers (.brml, .rasx, .ngb-ss3/.ngb-bs3, .fxye.zip) read with caps, so that a small file cannot expand into
 * gigabytes (a "zip bomb") or hold millions of members. The central directory is read first and checked (member
 * count, every declared size, their total); then only the members the caller selects are inflated, in 16 KiB steps,
 * counting the bytes actually produced, so a member whose header understates its size is stopped at the cap too.
 * Each inflated member is checked against its CRC-32, so a damaged archive is refused rather than read as garbage.
 * Archives are opened one level deep: a member that is itself an archive is handed to the caller as bytes, never
 * expanded. Every refusal is a FormatError naming the file and the member.
 *
 * Layout (PKWARE APPNOTE 6.3.x): end of central directory 'PK\5\6' within the last 64 KiB + 22 bytes (entry count
 * u16 at +10, directory offset u32 at +16); ZIP64 locator 'PK\6\7' 20 bytes before it pointing at 'PK\6\6' (count
 * u64 at +32, offset u64 at +48); central entries 'PK\1\2' (method u16 +10, CRC u32 +16, compressed u32 +20,
 * uncompressed u32 +24, name length +28, extra +30, comment +32, local-header offset u32 +42, name at +46; ZIP64
 * extra field id 1 holds the 0xFFFFFFFF sizes/offset as u64); local headers 'PK\3\4' (name length +26, extra +28,
 * data at +30 + both).
 */
import { Inflate } from 'fflate';
import { FormatError } from './types';

export interface ArchiveLimits {
  /** Largest uncompressed size of one member read (bytes). */
  maxMemberBytes: number;
  /** Largest uncompressed size of all members read together (bytes). */
  maxTotalBytes: number;
  /** Most entries the central directory may list. */
  maxMembers: number;
}

/** 256 MiB per member, 512 MiB in all, 10,000 entries: far above any instrument export, far below a machine's memory. */
export const ARCHIVE_LIMITS: ArchiveLimits = {
  maxMemberBytes: 256 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
  maxMembers: 10_000,
};

export interface ZipEntry {
  name: string;
  method: number;
  crc32: number;
  compressedBytes: number;
  /** As declared in the central directory (checked against what inflating produces). */
  uncompressedBytes: number;
  localHeaderOffset: number;
}

const MiB = 1024 * 1024;
const sizeText = (bytes: number): string => (bytes >= 1024 * MiB ? `${(bytes / (1024 * MiB)).toFixed(1)} GiB` : `${(bytes / MiB).toFixed(1)} MiB`);

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320) as ZIP stores it; `crc` continues a running value. */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

function u16(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8);
}
function u32(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) + b[at + 3] * 0x1000000;
}
function u64(b: Uint8Array, at: number): number {
  return u32(b, at) + u32(b, at + 4) * 0x100000000;
}
function sig(b: Uint8Array, at: number, c: number, d: number): boolean {
  return at >= 0 && at + 4 <= b.length && b[at] === 0x50 && b[at + 1] === 0x4b && b[at + 2] === c && b[at + 3] === d;
}

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

/** The central directory's entries, checked against the limits. Throws FormatError naming the file. */
export function zipEntries(fileName: string, bytes: Uint8Array, limits: ArchiveLimits = ARCHIVE_LIMITS): ZipEntry[] {
  let eocd = -1;
  for (let e = bytes.length - 22; e >= Math.max(0, bytes.length - 65557); e--) {
    if (sig(bytes, e, 5, 6)) {
      eocd = e;
      break;
    }
  }
  if (eocd < 0) throw new FormatError(fileName, null, 'a complete ZIP archive (its central directory at the end)', 'no end-of-directory record: the file is truncated or not a ZIP');
  let count = u16(bytes, eocd + 10);
  let offset = u32(bytes, eocd + 16);
  if (sig(bytes, eocd - 20, 6, 7)) {
    const z = u64(bytes, eocd - 12);
    if (sig(bytes, z, 6, 6) && z + 56 <= bytes.length) {
      count = u64(bytes, z + 32);
      offset = u64(bytes, z + 48);
    }
  }
  if (count > limits.maxMembers) {
    throw new FormatError(fileName, null, `a ZIP archive of at most ${limits.maxMembers.toLocaleString('en')} members`, `${count.toLocaleString('en')} members`);
  }
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let k = 0; k < count; k++) {
    if (!sig(bytes, p, 1, 2) || p + 46 > bytes.length) {
      throw new FormatError(fileName, null, `central-directory entry ${k + 1} of ${count} at byte ${p}`, 'damaged or truncated archive');
    }
    const flags = u16(bytes, p + 8);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    if (p + 46 + nameLen + extraLen > bytes.length) throw new FormatError(fileName, null, `central-directory entry ${k + 1} of ${count}`, 'truncated archive');
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLen);
    const name = flags & 0x800 ? utf8.decode(nameBytes) : latin1.decode(nameBytes);
    let compressedBytes = u32(bytes, p + 20);
    let uncompressedBytes = u32(bytes, p + 24);
    let localHeaderOffset = u32(bytes, p + 42);
    // ZIP64 extended information: the fields that are 0xFFFFFFFF above follow as u64, in this order.
    for (let x = p + 46 + nameLen; x + 4 <= p + 46 + nameLen + extraLen; x += 4 + u16(bytes, x + 2)) {
      if (u16(bytes, x) !== 1) continue;
      let at = x + 4;
      if (uncompressedBytes === 0xffffffff) {
        uncompressedBytes = u64(bytes, at);
        at += 8;
      }
      if (compressedBytes === 0xffffffff) {
        compressedBytes = u64(bytes, at);
        at += 8;
      }
      if (localHeaderOffset === 0xffffffff) localHeaderOffset = u64(bytes, at);
      break;
    }
    entries.push({ name, method: u16(bytes, p + 10), crc32: u32(bytes, p + 16), compressedBytes, uncompressedBytes, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Inflate (or copy) one member, never producing more than `cap` bytes. */
function readMember(fileName: string, bytes: Uint8Array, entry: ZipEntry, cap: number): Uint8Array {
  const h = entry.localHeaderOffset;
  if (!sig(bytes, h, 3, 4) || h + 30 > bytes.length) throw new FormatError(fileName, null, `the local header of member ${entry.name} at byte ${h}`, 'damaged or truncated archive');
  const start = h + 30 + u16(bytes, h + 26) + u16(bytes, h + 28);
  const end = start + entry.compressedBytes;
  if (end > bytes.length) throw new FormatError(fileName, null, `${entry.compressedBytes} compressed bytes of member ${entry.name}`, 'the file ends before them (truncated)');
  const tooBig = (size: string): FormatError =>
    new FormatError(fileName, null, `members of at most ${sizeText(cap)} uncompressed`, `${entry.name} inflates to ${size} (a damaged archive or a "zip bomb"); it was not read`);
  let out: Uint8Array;
  if (entry.method === 0) {
    if (entry.compressedBytes > cap) throw tooBig(sizeText(entry.compressedBytes));
    out = bytes.slice(start, end);
  } else if (entry.method === 8) {
    const buffer = new Uint8Array(Math.min(entry.uncompressedBytes, cap));
    let produced = 0;
    let ended = false;
    const inflater = new Inflate((chunk, final) => {
      if (produced + chunk.length > buffer.length) {
        const over = produced + chunk.length > cap;
        throw over ? tooBig(`more than ${sizeText(cap)}`) : new FormatError(fileName, null, `member ${entry.name} of ${entry.uncompressedBytes} bytes as its header says`, 'more data when inflated: damaged archive');
      }
      buffer.set(chunk, produced);
      produced += chunk.length;
      if (final) ended = true;
    });
    const step = 16384;
    try {
      for (let at = start; at < end; at += step) inflater.push(bytes.subarray(at, Math.min(end, at + step)), at + step >= end);
      if (start === end) inflater.push(new Uint8Array(0), true);
    } catch (e) {
      if (e instanceof FormatError) throw e;
      throw new FormatError(fileName, null, `deflate data in member ${entry.name}`, e instanceof Error ? e.message : String(e));
    }
    if (!ended) throw new FormatError(fileName, null, `the end of the deflate stream of member ${entry.name}`, 'truncated data');
    out = produced === buffer.length ? buffer : buffer.slice(0, produced);
  } else {
    throw new FormatError(fileName, null, `member ${entry.name} stored or deflated (ZIP method 0 or 8)`, `method ${entry.method}`);
  }
  if (out.length !== entry.uncompressedBytes) throw new FormatError(fileName, null, `member ${entry.name} of ${entry.uncompressedBytes} bytes as its header says`, `${out.length} bytes`);
  if (crc32(out) !== entry.crc32) throw new FormatError(fileName, null, `member ${entry.name} with the CRC-32 its header states`, 'a different checksum: the archive is damaged');
  return out;
}

/**
 * The members of a ZIP whose names `select` accepts, inflated within the limits. Throws FormatError naming the file
 * (and the member) when the archive is damaged, truncated or over a limit.
 */
export function readZipMembers(fileName: string, bytes: Uint8Array, select: (name: string) => boolean, limits: ArchiveLimits = ARCHIVE_LIMITS): Record<string, Uint8Array> {
  const chosen = zipEntries(fileName, bytes, limits).filter((e) => select(e.name));
  let declared = 0;
  for (const e of chosen) {
    if (e.uncompressedBytes > limits.maxMemberBytes) {
      throw new FormatError(fileName, null, `members of at most ${sizeText(limits.maxMemberBytes)} uncompressed`, `${e.name} declares ${sizeText(e.uncompressedBytes)} (a damaged archive or a "zip bomb"); it was not read`);
    }
    declared += e.uncompressedBytes;
  }
  if (declared > limits.maxTotalBytes) {
    throw new FormatError(fileName, null, `at most ${sizeText(limits.maxTotalBytes)} uncompressed in all`, `${chosen.length} members declaring ${sizeText(declared)}; nothing was read`);
  }
  const out: Record<string, Uint8Array> = {};
  let total = 0;
  for (const e of chosen) {
    const data = readMember(fileName, bytes, e, Math.min(limits.maxMemberBytes, limits.maxTotalBytes - total));
    total += data.length;
    out[e.name] = data;
  }
  return out;
}
