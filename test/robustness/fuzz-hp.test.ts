/**
 * Bounded fuzz of the high-pressure import paths (issue 6 §4): EDD spectra (the generated spectra of
 * test/fixtures/simulated/edd, and every shared fixture, since a user may drop any file on the EDD workspace) and
 * pressure-scale tables (a valid user table, damaged). Truncations and byte flips, deterministic seeds. EDD: a
 * spectrum with as many counts as channels, or a FormatError naming the file. Scale tables: definitions, or an
 * error whose message starts with the file's name and is not a reader's internal error.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEddFile } from '../../src/core/formats/edd';
import { inProcessImports } from '../../src/main/import-read';
import { damaged } from './damage';
import { fuzzFixtures } from './fixture-set';
import { outcome } from './fuzz-check';

const simulated = resolve(__dirname, '../fixtures/simulated/edd');
const own = readdirSync(simulated)
  .filter((n) => /\.(mca|csv)$/i.test(n))
  .map((n) => ({ rel: `simulated/edd/${n}`, name: n, read: () => new Uint8Array(readFileSync(join(simulated, n))) }));
const files = [...own, ...fuzzFixtures()];

describe('EDD import of damaged files: spectra or a FormatError naming the file', () => {
  files.forEach((file, i) => {
    it(file.rel, async () => {
      const variants = damaged(file.read(), 9100 + i);
      const tally = { read: 0, refused: 0 };
      for (const v of variants) {
        tally[
          await outcome(file.name, v.label, () => {
            for (const s of readEddFile(file.name, v.bytes)) expect(s.counts.length).toBe(s.channel.length);
          })
        ]++;
      }
      expect(tally.read + tally.refused).toBe(variants.length);
    }, 60_000);
  });
});

describe('pressure-scale tables, damaged: definitions or an error naming the file', () => {
  const table = {
    scales: [
      { id: 'lab2025', calibrant: 'Au', name: 'Lab Au', citation: 'notebook', structure: { lattice: 'fcc', z: 4, atomsPerFormula: 1 }, v0A3: 67.85, eos: { kind: 'analytic', isotherm: { form: 'vinet', k0GPa: 167, k0Prime: 6 }, thermal: { model: 'none', referenceTemperatureK: 300 } } },
      { id: 'lab2025-bm', calibrant: 'Au', name: 'Lab Au BM3', citation: 'notebook', structure: { lattice: 'fcc', z: 4, atomsPerFormula: 1 }, v0A3: 67.85, eos: { kind: 'analytic', isotherm: { form: 'bm3', k0GPa: 167, k0Prime: 5.9 }, thermal: { model: 'none', referenceTemperatureK: 300 } } },
    ],
  };
  const bytes = new TextEncoder().encode(JSON.stringify(table, null, 2));
  const read = inProcessImports();

  it('the intact table reads', async () => {
    expect((await read({ kind: 'scale', name: 'lab.json', bytes })).map((d) => d.id)).toEqual(['lab2025', 'lab2025-bm']);
  });

  it('every truncation and byte flip reads or is refused by name', async () => {
    const variants = damaged(bytes, 9300);
    let refused = 0;
    for (const v of variants) {
      try {
        const defs = await read({ kind: 'scale', name: 'lab.json', bytes: v.bytes });
        expect(defs.length, v.label).toBeGreaterThan(0);
      } catch (e) {
        const message = (e as Error).message;
        expect(message, v.label).toMatch(/^lab\.json: /);
        expect(message, v.label).not.toMatch(/\b(RangeError|TypeError|ReferenceError|InternalError)\b/);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
  });
});
