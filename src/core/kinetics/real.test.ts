/**
 * Real multi-rate exports (read in place from ../shared/fixtures/tga, with their provenance there; skipped with the reason when absent):
 * - TA TRIOS cellulose in air at 5, 10, 50 and 100 K/min (mpecchi/tga_data_analysis): cross-check against that
 *   package's own published KAS values for this series (its tests/test_kas_kinetics.py, mean of three replicates per
 *   rate; one replicate each here), with the peer's α window (120–880 °C, after the 38 min drying hold).
 * - Paracetamol at 5, 10 and 20 K/min (ErickErock/pICNIK example data, UTF-16 CSV): the project publishes no values;
 *   the methods are checked against each other.
 */
import { describe, expect, it } from 'vitest';
import { missingShared, readShared } from '../../../test/fixtures/shared-fixtures';
import { importTga } from '../formats/tga/index';
import { alphaGrid, analyseRun, analyseSeries, prepareKineticRun } from './index';
import { linearIsoconversional } from './linear-methods';

/** tga_data_analysis tests/test_kas_kinetics.py: KAS E (kJ/mol) at α = 0.10, 0.15, …, 0.80. */
const PEER_KAS = [182.98695, 177.93534, 175.00305, 174.24923, 173.10248, 172.17212, 172.38984, 171.32, 171.9362, 171.33484, 171.92425, 172.5278, 177.92904, 195.6594, 247.71379];

const missingCellulose = missingShared('tga/mpecchi-tga_data_analysis');
describe.skipIf(!!missingCellulose)('TA TRIOS cellulose series: KAS against the tga_data_analysis package', () => {
  if (missingCellulose) return; // skipped: vitest still collects the body
  const files = ['CLSOx5_1', 'CLSOx10_2', 'CLSOx50_4', 'CLSOx100_4'];
  const runs = files.map((f) => {
    const run = importTga(`${f}.txt`, readShared(`tga/mpecchi-tga_data_analysis/${f}.txt`));
    const T = run.temperatureC as Float64Array;
    const t = run.timeS;
    let i0 = 0;
    while (!(t[i0] > 38 * 60 && T[i0] > 120)) i0++;
    let i1 = i0;
    while (i1 < T.length - 1 && !(T[i1] > 880)) i1++;
    return prepareKineticRun(run, { startS: t[i0], endS: t[i1] });
  });
  const grid = alphaGrid(0.1, 0.8, 0.05);
  const res = analyseSeries('cellulose', runs, { alphaMin: 0.1, alphaMax: 0.8, alphaStep: 0.05, methods: ['kas', 'vyazovkin'] });

  it('β is fitted to the measured T(t): the "5 K/min" run is heated at 5.39 K/min', () => {
    const betas = res.runs.map((r) => r.heatingRateKPerMin as number);
    expect(betas[0]).toBeCloseTo(5.39, 2);
    expect(betas[1]).toBeCloseTo(9.99, 2);
    expect(betas[2]).toBeCloseTo(49.97, 2);
    expect(betas[3]).toBeCloseTo(99.92, 2);
  });

  it('with the peer\'s nominal heating rates, KAS agrees with its published values within 2.1 % (α 0.1–0.75)', () => {
    const rk = runs.map((r) => analyseRun(r, { grid }));
    [5, 10, 50, 100].forEach((b, i) => (rk[i].heatingRateKPerS = b / 60));
    const nominal = linearIsoconversional('kas', rk, grid);
    nominal.points.forEach((p, k) => {
      if (p.alpha > 0.751) return;
      expect(Math.abs((p.eKJPerMol as number) / PEER_KAS[k] - 1), `α ${p.alpha}`).toBeLessThan(0.021);
    });
  });

  it('with the measured heating rates, E is 2–5 % lower than the peer\'s, and the series is flagged multi-step', () => {
    res.isoconversional.kas?.points.forEach((p, k) => {
      if (p.alpha > 0.751) return;
      const rel = (p.eKJPerMol as number) / PEER_KAS[k] - 1;
      expect(rel, `α ${p.alpha}`).toBeLessThan(-0.02);
      expect(rel, `α ${p.alpha}`).toBeGreaterThan(-0.055);
    });
    expect(res.multiStep?.flagged).toBe(true);
    expect(res.warnings.join(' ')).toMatch(/Sample masses differ by/);
  });
});

const missingParacetamol = missingShared('tga/ErickErock-pICNIK');
describe.skipIf(!!missingParacetamol)('paracetamol at 5, 10, 20 K/min (pICNIK example data, generic UTF-16 CSV)', () => {
  if (missingParacetamol) return; // skipped: vitest still collects the body
  const runs = [5, 10, 20].map((b) => prepareKineticRun(importTga(`PARACETAMOL_${b}.csv`, readShared(`tga/ErickErock-pICNIK/PARACETAMOL_${b}.csv`))));
  const res = analyseSeries('paracetamol', runs, { alphaMin: 0.1, alphaMax: 0.9, alphaStep: 0.05 });
  it('heating rates from T(t); the start detected before the step; the methods agree with each other', () => {
    expect(res.runs.map((r) => Math.round((r.heatingRateKPerMin as number) * 100) / 100)).toEqual([4.99, 9.98, 19.98]);
    for (const r of res.runs) expect(r.startNote).toMatch(/^detected: the main mass-loss step .* moved back/);
    const vy = res.isoconversional.vyazovkin?.points ?? [];
    // E/RT is only 9–17 here (E 37–65 kJ/mol near 500 K), where the approximations degrade: against the exact
    // integral (Vyazovkin), Starink is 0.2–1.1 % low, KAS 0.6–1.9 % low and Doyle's OFW 6–15 % high
    res.isoconversional.starink?.points.forEach((p, k) => expect(Math.abs((p.eKJPerMol as number) / (vy[k].eKJPerMol as number) - 1)).toBeLessThan(0.012));
    res.isoconversional.kas?.points.forEach((p, k) => expect(Math.abs((p.eKJPerMol as number) / (vy[k].eKJPerMol as number) - 1)).toBeLessThan(0.02));
    res.isoconversional.ofw?.points.forEach((p, k) => expect((p.eKJPerMol as number) / (vy[k].eKJPerMol as number) - 1).toBeGreaterThan(0.05));
    expect(res.kissinger?.peaks).toHaveLength(3);
    expect(res.warnings.join(' ')).toMatch(/No blank/);
  });
});
