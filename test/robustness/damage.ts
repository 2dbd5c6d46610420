/**
 * Deterministic damage for the robustness tests: truncations, byte flips and, for ZIP containers, archives that
 * inflate beyond the import caps, nest an archive in an archive or hold too many members. Park–Miller PRNG, so a
 * failure repeats with its seed.
 */
import { strToU8, zipSync, unzipSync } from 'fflate';
import { writeZip, zeroDeflate } from './zip-bomb';

export interface Damaged {
  label: string;
  bytes: Uint8Array;
}

/** Park–Miller minimal standard generator. */
export function prng(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

export function isZipBytes(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

/** Truncations at fixed fractions and odd offsets, then random byte flips (in the header and anywhere). */
export function damaged(bytes: Uint8Array, seed: number): Damaged[] {
  const rand = prng(seed);
  const out: Damaged[] = [];
  const cuts = [0, 1, 17, 200, Math.floor(bytes.length * 0.05), Math.floor(bytes.length * 0.3), Math.floor(bytes.length * 0.5) + 1, bytes.length - 22, bytes.length - 1];
  for (const cut of new Set(cuts)) if (cut >= 0 && cut < bytes.length) out.push({ label: `cut at ${cut}`, bytes: bytes.slice(0, cut) });
  for (let k = 0; k < 4; k++) {
    const copy = bytes.slice();
    const flips = k < 2 ? 1 + Math.floor(rand() * 4) : 20 + Math.floor(rand() * 200);
    const span = k % 2 === 0 ? Math.min(copy.length, 4096) : copy.length;
    for (let f = 0; f < flips; f++) copy[Math.floor(rand() * span)] = Math.floor(rand() * 256);
    out.push({ label: `${flips} bytes flipped (seed ${seed}, variant ${k})`, bytes: copy });
  }
  return out;
}

/**
 * Archive damage for a ZIP fixture, keeping its member names (so detection still claims it): members that declare
 * 300 MiB each (refused from the directory), members that inflate past the size their headers state (stopped while
 * inflating), each member replaced by the archive itself (a nested archive is never opened), 20,000 extra members
 * (over the count cap) and 5,000 (under it: the reader picks its members and reads the file).
 */
export function archiveVariants(bytes: Uint8Array): Damaged[] {
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(bytes);
  } catch {
    return [];
  }
  const names = Object.keys(members);
  const bomb = zeroDeflate(300);
  const out: Damaged[] = [
    { label: 'members declaring 300 MiB each', bytes: writeZip(names.map((name) => ({ name, data: bomb, method: 8, declaredBytes: 300 * 1024 * 1024 }))) },
    { label: 'members inflating past their stated size', bytes: writeZip(names.map((name) => ({ name, data: bomb, method: 8, declaredBytes: members[name].length }))) },
  ];
  const nested: Record<string, Uint8Array> = {};
  for (const n of names) nested[n] = bytes;
  out.push({ label: 'each member is the archive itself', bytes: zipSync(nested, { level: 0 }) });
  for (const extra of [20_000, 5_000]) {
    const many: Record<string, Uint8Array> = { ...members };
    for (let i = 0; i < extra; i++) many[`junk/${i}.txt`] = strToU8('x');
    out.push({ label: `${extra.toLocaleString('en')} extra members`, bytes: zipSync(many, { level: 0 }) });
  }
  return out;
}
