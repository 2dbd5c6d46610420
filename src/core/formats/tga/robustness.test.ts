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

/** Damaged copies per file: six truncations, then four copies with random byte flips. */
const COPIES = 10;

/**
 * Damaged copy `k` (0…9) of one file: truncations at fixed fractions and a few odd offsets (k < 6), then random byte
 * flips (k ≥ 6) drawn from one PRNG stream per file, so copy k is the same whether or not copies 0…k−1 are built.
 * One copy per test: a mutant in one reader reruns only the copies that reach it, and a failure names the copy.
 */
function damagedCopy(bytes: Uint8Array, seed: number, k: number): { label: string; bytes: Uint8Array } {
  const cuts = [1, 17, Math.floor(bytes.length * 0.05), Math.floor(bytes.length * 0.3), Math.floor(bytes.length * 0.5) + 1, bytes.length - 1];
  if (k < cuts.length) return { label: `cut at ${cuts[k]}`, bytes: bytes.slice(0, cuts[k]) };
  const rand = prng(seed);
  for (let v = 0; v < 4; v++) {
    const flips = v < 2 ? 1 + Math.floor(rand() * 4) : 20 + Math.floor(rand() * 200);
    // half the variants hit the header (first 4 KiB) where the structure lives, the rest anywhere
    const span = v % 2 === 0 ? Math.min(bytes.length, 4096) : bytes.length;
    const copy = v === k - cuts.length ? bytes.slice() : null;
    for (let f = 0; f < flips; f++) {
      const at = Math.floor(rand() * span);
      const value = Math.floor(rand() * 256);
      if (copy) copy[at] = value;
    }
    if (copy) return { label: `${flips} bytes flipped (seed ${seed}, variant ${v})`, bytes: copy };
  }
  throw new Error(`no damaged copy ${k}`);
}

describe.skipIf(missingShared('tga'))('damaged fixtures: a run or a FormatError, nothing else', () => {
  it('finds the fixtures', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it.for(files.flatMap((file, i) => Array.from({ length: COPIES }, (_, k) => [file, k, i] as const)))('%s, damaged copy %i', { timeout: 60_000 }, ([file, k, i]) => {
    const bytes = readShared(`tga/${file}`);
    // Long enough for all six cuts to be shorter than the file.
    expect(bytes.length).toBeGreaterThan(17);
    const d = damagedCopy(bytes, 1000 + i, k);
    try {
      expect(['run', 'format-error']).toContain(check(file, d.bytes));
    } catch (e) {
      throw new Error(`${file}, ${d.label}: ${(e as Error).message}`);
    }
  });

  it.for(files)('%s, emptied: a FormatError', (file) => {
    // the empty file always fails cleanly
    expect(() => importTga(file, new Uint8Array(0))).toThrow(FormatError);
  });
});
