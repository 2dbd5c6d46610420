/**
 * Zip bombs for the robustness tests, built in milliseconds without ever holding the inflated data: one deflate chunk
 * of 1 MiB of zeros, flushed to a byte boundary and not final, repeated; each copy inflates to 1 MiB more zeros
 * (its back-references point at zeros either way), and an empty final block ends the stream. 3,072 copies are a
 * ~3 MB file that inflates to 3 GiB. The ZIP around it is written by hand so the header can state either the true
 * size or a lie.
 */
import { constants, deflateRawSync } from 'node:zlib';

const MiB = 1024 * 1024;

/** A raw deflate stream inflating to `mib` MiB of zeros. */
export function zeroDeflate(mib: number): Uint8Array {
  const chunk = deflateRawSync(new Uint8Array(MiB), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const out = new Uint8Array(chunk.length * mib + 2);
  for (let k = 0; k < mib; k++) out.set(chunk, k * chunk.length);
  // final block, fixed Huffman, end-of-block code only: bits 1 (BFINAL), 01 (fixed), 0000000 (256) → 0x03 0x00
  out[out.length - 2] = 0x03;
  out[out.length - 1] = 0x00;
  return out;
}

interface Member {
  name: string;
  /** Raw deflate data, or stored bytes with method 0. */
  data: Uint8Array;
  method: 0 | 8;
  /** Uncompressed size written in the headers. */
  declaredBytes: number;
  crc32?: number;
}

/** A ZIP (no ZIP64) of the given members, each header stating `declaredBytes`. */
export function writeZip(members: Member[]): Uint8Array {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const m of members) {
    const name = enc.encode(m.name);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, m.method, true);
    lv.setUint32(14, m.crc32 ?? 0, true);
    lv.setUint32(18, m.data.length, true);
    lv.setUint32(22, Math.min(m.declaredBytes, 0xfffffffe), true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const c = new Uint8Array(46 + name.length);
    const cv = new DataView(c.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, m.method, true);
    cv.setUint32(16, m.crc32 ?? 0, true);
    cv.setUint32(20, m.data.length, true);
    cv.setUint32(24, Math.min(m.declaredBytes, 0xfffffffe), true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    c.set(name, 46);
    parts.push(local, m.data);
    central.push(c);
    offset += local.length + m.data.length;
  }
  const dirSize = central.reduce((s, c) => s + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, members.length, true);
  ev.setUint16(10, members.length, true);
  ev.setUint32(12, dirSize, true);
  ev.setUint32(16, offset, true);
  const all = [...parts, ...central, end];
  const out = new Uint8Array(all.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of all) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Member names that make each container's detection claim the file (so the reader, not detection, must refuse). */
export const BOMB_MEMBERS = {
  brml: ['experimentCollection.xml', 'Experiment0/RawData0.xml'],
  rasx: ['Data0/Profile0.txt', 'Data0/MesurementConditions0.xml'],
  'ngb-ss3': ['Streams/stream_1.table', 'Streams/stream_2.table', 'Streams/stream_3.table'],
} as const;

/**
 * A container of the given kind whose members together inflate to `mib` MiB (default 3 GiB from a ~3 MB file).
 * `honest`: the headers state the true sizes (refused from the directory); otherwise 1 KiB (refused while inflating).
 */
export function zipBomb(kind: keyof typeof BOMB_MEMBERS, options: { mib?: number; honest?: boolean } = {}): Uint8Array {
  const names = BOMB_MEMBERS[kind];
  const each = Math.max(1, Math.floor((options.mib ?? 3072) / names.length));
  const data = zeroDeflate(each);
  return writeZip(names.map((name) => ({ name, data, method: 8 as const, declaredBytes: options.honest === false ? 1024 : each * MiB })));
}
