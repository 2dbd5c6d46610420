/**
 * Bounded fuzz of the diffraction import path on every shared fixture (whatever its technique: a user may drop any
 * file on the SXRD workspace): truncations, byte flips and, for ZIP containers, bombs, nested archives and member
 * floods. Only FormatErrors naming the file may escape; every pattern that comes back passed checkPattern (two
 * points, one-way finite axis). Deterministic seeds (Park–Miller), one seed per file, so a failure repeats.
 */
import { describe, expect, it } from 'vitest';
import { importPatternsAsync } from '../../src/core/formats/xrd/index';
import { archiveVariants, damaged, isZipBytes } from './damage';
import { fuzzFixtures, sharedFixtures } from './fixture-set';
import { outcome } from './fuzz-check';

const files = fuzzFixtures();

describe.skipIf(files.length === 0)('XRD import of damaged files: a pattern or a FormatError naming the file', () => {
  files.forEach((file, i) => {
    it(file.rel, async () => {
      const bytes = file.read();
      const variants = [...damaged(bytes, 7000 + i), ...(isZipBytes(bytes) ? archiveVariants(bytes) : [])];
      const tally = { read: 0, refused: 0 };
      for (const v of variants) {
        tally[
          await outcome(file.name, v.label, async () => {
            for (const p of await importPatternsAsync(file.name, v.bytes)) expect(p.x.length).toBe(p.intensity.length);
          })
        ]++;
      }
      expect(tally.read + tally.refused).toBe(variants.length);
    }, 60_000);
  });
});

if (files.length === 0) console.log(`[skip] XRD fuzz: ${sharedFixtures} not found (the shared fixtures are read in place, never copied)`);
