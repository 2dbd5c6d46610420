/**
 * Implausible inputs and results are said, not silently carried: a blank analysed with a recipe (α_final ≈ 150),
 * masses of 1e308 mg, a negative or absurd stated sample mass.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importTga } from '../formats/tga/index';
import { analyzeTga } from './analyze';
import { alphaFinalWarning, importPlausibilityWarnings } from './plausibility';

const csv = (rows: string[]): Uint8Array => new TextEncoder().encode(['time_s,temperature_C,mass_mg', ...rows].join('\n'));
/** 600 s of a run losing 3 mg of 10 mg, 1 s steps, with a chosen first mass line. */
function run(first = '0,700,10', loss = 3): string[] {
  const rows = [first];
  for (let t = 1; t <= 600; t++) rows.push(`${t},700,${(10 - loss * (1 - Math.exp(-t / 100))).toFixed(6)}`);
  return rows;
}

const blankFile = resolve(__dirname, '../../../../shared/fixtures/simulated/tga-700C-isothermal/blank.csv');

describe('implausible results are flagged', () => {
  it('a blank analysed with a recipe: α is refused (no positive mass) or α_final far above 1 is flagged first', (ctx) => {
    // A tared blank starts near 0 mg: the simulated one at −0.001 mg (refused), one at +0.002 mg reaches α > 1000.
    const drift = (m0: number): string[] => Array.from({ length: 601 }, (_, t) => `${t},700,${(m0 - 0.09 * (1 - Math.exp(-t / 100))).toFixed(6)}`);
    const a = analyzeTga(importTga('tared-blank.csv', csv(drift(0.002))), { startS: 0, recipe: { precursors: [{ formula: 'Fe2O3' }] } });
    expect(a.metrics.alphaFinal).toBeGreaterThan(100);
    // with a recipe the loss compared against is the recipe's, not an expected one
    expect(a.warnings[0]).toMatch(/^Implausible: α_final = \d+(\.\d+)?, i\.e\. the run lost [\d.]+× the recipe's theoretical loss \([\d.e-]+ mg\)\. Check the recipe and the sample mass, and whether this run is a blank\.$/);
    if (!existsSync(blankFile)) ctx.skip(`${blankFile} not found (../shared/fixtures is read in place)`);
    const blank = importTga('blank.csv', new Uint8Array(readFileSync(blankFile)));
    expect(() => analyzeTga(blank, { recipe: { precursors: [{ formula: 'Fe2O3' }] } })).toThrow(/^blank\.csv: the sample mass \(-0\.00\d+ mg, the mean of the first points\) is not a positive mass.*blank/);
  });

  it('a plausible run gets no such warning, and the bounds are where the text says', () => {
    const a = analyzeTga(importTga('ok.csv', csv(run())), { startS: 0, recipe: { precursors: [{ formula: 'Fe2O3' }] } });
    expect(a.warnings.some((w) => w.startsWith('Implausible'))).toBe(false);
    expect(alphaFinalWarning(1.49, 3, true)).toBeNull();
    expect(alphaFinalWarning(147, 0.5, true)).toMatch(/^Implausible: α_final = 147, i\.e\. the run lost 147× the recipe's theoretical loss \(0\.5 mg\)/);
    expect(alphaFinalWarning(-0.6, 3, true)).toMatch(/gained mass/);
    expect(alphaFinalWarning(NaN, 3, true)).toMatch(/not a number/);
  });

  it('masses of 1e308 mg are flagged at import, naming the first such point', () => {
    const rows = run();
    rows[100] = '100,700,1e308';
    const r = importTga('huge.csv', csv(rows));
    expect(r.warnings.join('\n')).toMatch(/Mass values up to 1\.000e\+308 mg \(first at data point 101\) are not masses a TGA records/);
  });

  it('a stated sample mass that is negative or beyond any balance is flagged and not used', () => {
    const base = importTga('ok.csv', csv(run()));
    expect(importPlausibilityWarnings(base)).toEqual([]);
    for (const stated of [-5, 0, 2e6]) {
      const r = { ...base, sample: { ...base.sample, initialMassMg: stated } };
      const w = importPlausibilityWarnings(r);
      expect(w).toHaveLength(1);
      expect(w[0]).toMatch(stated > 0 ? /beyond any thermobalance/ : /not a positive mass/);
      // the analysis falls back on the measured mass (10 mg): α_final as for the run without a stated mass
      const a = analyzeTga(r, { startS: 0, recipe: { precursors: [{ formula: 'Fe2O3' }] } });
      const ref = analyzeTga(base, { startS: 0, recipe: { precursors: [{ formula: 'Fe2O3' }] } });
      expect(a.metrics.alphaFinal).toBe(ref.metrics.alphaFinal);
    }
  });

  it('a measured mass that is not positive leaves α undefined, with a sentence naming the file', () => {
    const neg = run('0,700,-10').map((l, i) => (i === 0 ? l : l.replace(/,([\d.]+)$/, (_, m: string) => `,${-Number(m)}`)));
    expect(() => analyzeTga(importTga('negative.csv', csv(neg)), { startS: 0, recipe: { precursors: [{ formula: 'Fe2O3' }] } })).toThrow(/^negative\.csv: the sample mass \(-9\.9\d* mg/);
  });
});
