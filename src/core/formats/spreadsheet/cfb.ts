/**
 * Compound File Binary (OLE2) containers, the envelope of Excel 97–2003 .xls files: a reader of the streams by name,
 * written to the published specification [MS-CFB] (Microsoft Open Specifications, v3 with 512-byte sectors and v4
 * with 4096-byte sectors), little-endian throughout.
 *
 *   header (512 bytes): signature D0 CF 11 E0 A1 B1 1A E1; major version u16 at 0x1A (3 or 4); sector shift u16 at
 *   0x1E (9 or 12); mini sector shift u16 at 0x20 (6); FAT sector count u32 at 0x2C; first directory sector u32 at
 *   0x30; mini-stream cutoff u32 at 0x38 (4096); first mini-FAT sector u32 at 0x3C and its count at 0x40; first
 *   DIFAT sector u32 at 0x44 and its count at 0x48; the first 109 DIFAT entries from 0x4C.
 *   sector n starts at byte (n + 1) × sector size; the FAT (its sectors listed by the DIFAT) chains sectors; chains end
 *   with 0xFFFFFFFE. Directory entries are 128 bytes: UTF-16LE name (64 bytes) with its byte length u16 at 0x40, type
 *   u8 at 0x42 (1 storage, 2 stream, 5 root), start sector u32 at 0x74, size u64 at 0x78. Streams smaller than the
 *   cutoff live in the mini stream (the root entry's data) in 64-byte mini sectors chained by the mini FAT.
 *
 * Hostile files cannot make it loop or allocate without bound: every chain is walked at most once per sector of the
 * file (a cycle is an error), sizes are checked against the sectors the chain actually has, and the DIFAT, FAT and
 * directory are bounded by the file's length. Errors are FormatErrors naming the file and the byte offset.
 */
import { FormatError } from '../types';

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;

/** Is this the signature of a compound file (an .xls, .doc, .msg …)? */
export function isCompoundFile(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

export interface CompoundEntry {
  name: string;
  type: 'storage' | 'stream' | 'root';
  size: number;
}

export interface CompoundFile {
  entries: CompoundEntry[];
  /** The bytes of a stream (case-insensitive name), or null when there is none. */
  stream(name: string): Uint8Array | null;
}

export function readCompoundFile(fileName: string, bytes: Uint8Array): CompoundFile {
  if (!isCompoundFile(bytes)) throw new FormatError(fileName, null, 'a compound file (signature D0 CF 11 E0 A1 B1 1A E1 at byte 0)');
  if (bytes.length < 512) throw new FormatError(fileName, null, 'the 512-byte compound-file header', `${bytes.length} bytes (truncated file)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (at: number): number => view.getUint32(at, true);
  const sectorShift = view.getUint16(0x1e, true);
  const miniShift = view.getUint16(0x20, true);
  if (sectorShift !== 9 && sectorShift !== 12) throw new FormatError(fileName, null, 'a sector shift of 9 or 12 at byte 0x1E', String(sectorShift));
  if (miniShift !== 6) throw new FormatError(fileName, null, 'a mini sector shift of 6 at byte 0x20', String(miniShift));
  const sectorSize = 1 << sectorShift;
  const sectorCount = Math.floor((bytes.length - sectorSize) / sectorSize) + (bytes.length % sectorSize > 0 ? 1 : 0);
  const sectorAt = (n: number, what: string): number => {
    const at = (n + 1) * sectorSize;
    if (n >= sectorCount || at >= bytes.length) throw new FormatError(fileName, null, `${what} in sector ${n} inside the file`, `sector ${n} starts at byte ${at}, the file ends at byte ${bytes.length}`);
    return at;
  };

  // DIFAT: the FAT's own sectors (109 in the header, then chained DIFAT sectors of sectorSize/4 − 1 entries).
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = u32(0x4c + 4 * i);
    if (s !== FREE && s !== END_OF_CHAIN) fatSectors.push(s);
  }
  let difat = u32(0x44);
  for (let k = 0; difat !== END_OF_CHAIN && difat !== FREE && k < u32(0x48); k++) {
    if (k > sectorCount) throw new FormatError(fileName, null, 'a DIFAT chain without a cycle', `more than ${sectorCount} DIFAT sectors`);
    const at = sectorAt(difat, 'a DIFAT sector');
    const per = sectorSize / 4 - 1;
    for (let i = 0; i < per; i++) {
      const s = u32(at + 4 * i);
      if (s !== FREE && s !== END_OF_CHAIN) fatSectors.push(s);
    }
    difat = u32(at + 4 * per);
  }
  if (fatSectors.length > sectorCount) throw new FormatError(fileName, null, `at most ${sectorCount} FAT sectors (the file's length)`, String(fatSectors.length));
  const fat = new Uint32Array(fatSectors.length * (sectorSize / 4));
  fatSectors.forEach((s, k) => {
    const at = sectorAt(s, 'a FAT sector');
    for (let i = 0; i < sectorSize / 4; i++) fat[k * (sectorSize / 4) + i] = u32(at + 4 * i);
  });

  /** The sectors of a chain, in order; refuses cycles and chains that leave the file. */
  const chain = (start: number, table: Uint32Array, limit: number, what: string): number[] => {
    const out: number[] = [];
    let s = start;
    while (s !== END_OF_CHAIN) {
      if (s === FREE || s >= table.length) throw new FormatError(fileName, null, `a sector chain for ${what}`, `sector ${s} is not in the allocation table (${table.length} entries)`);
      if (out.length >= limit) throw new FormatError(fileName, null, `a sector chain for ${what} without a cycle`, `more than ${limit} sectors`);
      out.push(s);
      s = table[s];
    }
    return out;
  };
  const readChain = (start: number, size: number, what: string): Uint8Array => {
    const sectors = chain(start, fat, sectorCount, what);
    if (size > sectors.length * sectorSize) throw new FormatError(fileName, null, `${size} bytes of ${what} in its ${sectors.length} sectors`, `${sectors.length * sectorSize} bytes`);
    const out = new Uint8Array(size);
    let filled = 0;
    for (const s of sectors) {
      if (filled >= size) break;
      const at = sectorAt(s, what);
      const n = Math.min(sectorSize, size - filled, bytes.length - at);
      out.set(bytes.subarray(at, at + n), filled);
      filled += n;
    }
    if (filled < size) throw new FormatError(fileName, null, `${size} bytes of ${what}`, `the file ends after ${filled} (truncated file)`);
    return out;
  };

  // Directory: 128-byte entries along the directory chain.
  const dirSectors = chain(u32(0x30), fat, sectorCount, 'the directory');
  const dir = readChain(u32(0x30), dirSectors.length * sectorSize, 'the directory');
  const dview = new DataView(dir.buffer, dir.byteOffset, dir.byteLength);
  const raw: { name: string; type: number; start: number; size: number }[] = [];
  for (let at = 0; at + 128 <= dir.length; at += 128) {
    const type = dir[at + 0x42];
    if (type === 0) continue;
    const nameBytes = Math.min(64, dview.getUint16(at + 0x40, true));
    let name = '';
    for (let i = 0; i + 1 < nameBytes - 1; i += 2) name += String.fromCharCode(dview.getUint16(at + i, true));
    const size = Number(dview.getBigUint64(at + 0x78, true) & 0xffffffffn);
    raw.push({ name, type, start: dview.getUint32(at + 0x74, true), size });
  }
  const root = raw.find((e) => e.type === 5);
  if (!root) throw new FormatError(fileName, null, 'a root entry in the compound-file directory');
  const cutoff = u32(0x38) || 4096;
  let miniStream: Uint8Array | null = null;
  let miniFat: Uint32Array | null = null;
  const mini = (): { data: Uint8Array; table: Uint32Array } => {
    if (!miniStream) miniStream = readChain(root.start, root.size, 'the mini stream');
    if (!miniFat) {
      const count = u32(0x40);
      const first = u32(0x3c);
      const table = count > 0 && first !== END_OF_CHAIN ? readChain(first, Math.min(count, sectorCount) * sectorSize, 'the mini FAT') : new Uint8Array(0);
      miniFat = new Uint32Array(table.buffer, table.byteOffset, table.byteLength >> 2);
    }
    return { data: miniStream, table: miniFat };
  };
  const readMini = (start: number, size: number, what: string): Uint8Array => {
    const { data, table } = mini();
    const sectors = chain(start, table, Math.ceil(data.length / 64) + 1, what);
    if (size > sectors.length * 64) throw new FormatError(fileName, null, `${size} bytes of ${what} in its ${sectors.length} mini sectors`, `${sectors.length * 64} bytes`);
    const out = new Uint8Array(size);
    let filled = 0;
    for (const s of sectors) {
      if (filled >= size) break;
      const at = s * 64;
      if (at >= data.length) throw new FormatError(fileName, null, `mini sector ${s} of ${what} inside the mini stream`, `the mini stream holds ${data.length} bytes`);
      const n = Math.min(64, size - filled, data.length - at);
      out.set(data.subarray(at, at + n), filled);
      filled += n;
    }
    return out;
  };

  return {
    entries: raw.map((e) => ({ name: e.name, type: e.type === 5 ? 'root' : e.type === 1 ? 'storage' : 'stream', size: e.size })),
    stream(name: string): Uint8Array | null {
      const e = raw.find((r) => r.type === 2 && r.name.toLowerCase() === name.toLowerCase());
      if (!e) return null;
      if (e.size > bytes.length) throw new FormatError(fileName, null, `a stream '${e.name}' no larger than the file`, `${e.size} bytes declared`);
      return e.size < cutoff ? readMini(e.start, e.size, `stream '${e.name}'`) : readChain(e.start, e.size, `stream '${e.name}'`);
    },
  };
}
