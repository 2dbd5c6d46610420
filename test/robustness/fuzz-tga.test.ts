/**
 * Bounded fuzz of the TGA import path on every shared fixture (whatever its technique: a user may drop any file on
 * the TGA workspace): truncations, byte flips and, for ZIP containers, bombs, nested archives and member floods. Only
 * FormatErrors naming the file may escape; every run that comes back has arrays of one length. Deterministic seeds.
 */
import { describe, expect, it } from 'vitest';
import { importTga } from '../../src/core/formats/tga/index';
import { archiveVariants, damaged, isZipBytes } from './damage';
import { fuzzFixtures, sharedFixtures } from './fixture-set';
import { outcome } from './fuzz-check';

const files = fuzzFixtures();

describe.skipIf(files.length === 0)('TGA import of damaged files: a run or a FormatError naming the file', () => {
  files.forEach((file, i) => {
    it(file.rel, async () => {
      const bytes = file.read();
      const variants = [...damaged(bytes, 9000 + i), ...(isZipBytes(bytes) ? archiveVariants(bytes) : [])];
      const tally = { read: 0, refused: 0 };
      for (const v of variants) {
        tally[
          await outcome(file.name, v.label, () => {
            const run = importTga(file.name, v.bytes);
            const n = run.timeS.length;
            for (const a of [run.massMg, run.massPercent, run.temperatureC, ...run.channels.map((c) => c.values)]) if (a) expect(a.length).toBe(n);
          })
        ]++;
      }
      expect(tally.read + tally.refused).toBe(variants.length);
    }, 60_000);
  });
});

if (files.length === 0) console.log(`[skip] TGA fuzz: ${sharedFixtures} not found (the shared fixtures are read in place, never copied)`);
