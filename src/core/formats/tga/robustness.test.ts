/**
 * A damaged file never takes the app down: for every real TGA fixture, cut the bytes at several points and flip
 * random bytes; importTga must either return a run with consistent arrays or throw a FormatError (never another
 * exception type, never a hang — a hang fails the test by its timeout). Every run that does come back is also
 * analysed (analyzeTga): it returns or throws a plain Error with a sentence, never a TypeError/RangeError, and never
 * runs out of memory (a damaged time value once asked the derivative for a resampling grid of ~10⁹ points).
 * Deterministic PRNG, so a failure repeats.
 */
import { describe, expect, it } from 'vitest';
import type { TgaRun } from '../../../shared/types';
import { FormatError } from '../types';
import { importTga } from './index';
import { analyzeTga } from '../../tga/analyze';
import { listShared, missingShared, readShared } from '../../../../test/fixtures/shared-fixtures';

/** Every real TGA export of ../shared/fixtures/tga (not the provenance notes nor pyngb's JSON). */
const files = listShared('tga').filter((f) => !/\.(md|json)$/.test(f));

/** Park–Miller minimal standard generator: reproducible damage. */
function prng(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

function check(name: string, bytes: Uint8Array): 'run' | 'format-error' {
  let run: TgaRun;
  try {
    run = importTga(name, bytes);
  } catch (e) {
    if (e instanceof FormatError) {
      expect(e.message.startsWith(name)).toBe(true);
      return 'format-error';
    }
    throw new Error(`${name}: ${(e as Error)?.constructor?.name ?? typeof e} instead of FormatError: ${(e as Error)?.stack ?? String(e)}`);
  }
  const n = run.timeS.length;
  expect(n).toBeGreaterThan(0);
  if (run.temperatureC) expect(run.temperatureC.length).toBe(n);
  if (run.massMg) expect(run.massMg.length).toBe(n);
  if (run.massPercent) expect(run.massPercent.length).toBe(n);
  for (const c of run.channels) expect(c.values.length).toBe(n);
  if (n >= 3) {
    try {
      analyzeTga(run, { startS: run.timeS[0], recipe: { precursors: [{ formula: 'Fe2O3' }] } });
    } catch (e) {
      if (e instanceof TypeError || e instanceof RangeError || !(e instanceof Error)) throw new Error(`${name}: analyzeTga threw ${String(e)}`);
    }
  }
  return 'run';
}

/** Damaged copies of one file: truncations at fixed fractions and a few odd offsets, then random byte flips. */
function damaged(bytes: Uint8Array, seed: number): { label: string; bytes: Uint8Array }[] {
  const rand = prng(seed);
  const out: { label: string; bytes: Uint8Array }[] = [];
  const cuts = [1, 17, Math.floor(bytes.length * 0.05), Math.floor(bytes.length * 0.3), Math.floor(bytes.length * 0.5) + 1, bytes.length - 1];
  for (const cut of cuts) if (cut >= 0 && cut < bytes.length) out.push({ label: `cut at ${cut}`, bytes: bytes.slice(0, cut) });
  for (let k = 0; k < 4; k++) {
    const copy = bytes.slice();
    const flips = k < 2 ? 1 + Math.floor(rand() * 4) : 20 + Math.floor(rand() * 200);
    // half the variants hit the header (first 4 KiB) where the structure lives, the rest anywhere
    const span = k % 2 === 0 ? Math.min(copy.length, 4096) : copy.length;
    for (let f = 0; f < flips; f++) copy[Math.floor(rand() * span)] = Math.floor(rand() * 256);
    out.push({ label: `${flips} bytes flipped (seed ${seed}, variant ${k})`, bytes: copy });
  }
  return out;
}

describe.skipIf(missingShared('tga'))('damaged fixtures: a run or a FormatError, nothing else', () => {
  it('finds the fixtures', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });
  files.forEach((file, i) => {
    it(file, () => {
      const bytes = readShared(`tga/${file}`);
      const tally = { run: 0, 'format-error': 0 };
      for (const d of damaged(bytes, 1000 + i)) {
        try {
          tally[check(file, d.bytes)]++;
        } catch (e) {
          throw new Error(`${file}, ${d.label}: ${(e as Error).message}`);
        }
      }
      // the empty file always fails cleanly
      expect(() => importTga(file, new Uint8Array(0))).toThrow(FormatError);
      expect(tally.run + tally['format-error']).toBe(10);
    }, 60_000);
  });
});
