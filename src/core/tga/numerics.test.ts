import savitzkyGolay from 'ml-savitzky-golay';
import { describe, expect, it } from 'vitest';
import type { TgaRun } from '../../shared/types';
import { analyzeTga, computeMetrics, firstCrossing, interpolateLinear, isReducingGas, savitzkyGolayDerivative, subtractBlank } from './index';
import { tgaRun } from './testkit';

const f64 = (xs: number[]): Float64Array => Float64Array.from(xs);

describe('numeric helpers', () => {
  it('interpolates linearly and holds the ends', () => {
    const { values, heldPoints } = interpolateLinear(f64([0, 10, 20]), f64([0, 1, 3]), f64([-5, 5, 15, 20, 30]));
    expect(Array.from(values)).toEqual([0, 0.5, 2, 3, 3]);
    expect(heldPoints).toBe(2);
  });
  it('finds first crossings by linear interpolation', () => {
    expect(firstCrossing(f64([0, 1, 2, 3]), f64([0, 0.2, 0.6, 0.4]), 0.5)).toBeCloseTo(1.75, 12);
    expect(firstCrossing(f64([0, 1]), f64([0, 0.2]), 0.5)).toBeNull();
  });
  it('recognises reducing gases', () => {
    for (const g of ['H2', 'H₂', '5% H2/Ar', 'Ar-H2', 'hydrogen', 'Forming gas', 'CO']) expect(isReducingGas(g)).toBe(true);
    for (const g of ['Ar', 'N2', 'CO2', 'air', 'He', 'O2', 'CH4']) expect(isReducingGas(g)).toBe(false);
  });
});

describe('Savitzky–Golay dα/dt', () => {
  it('is exact for a quadratic, including the edges', () => {
    const t = Float64Array.from({ length: 200 }, (_, i) => i * 0.5);
    const y = t.map((x) => 0.01 * x * x - 0.3 * x + 2);
    const d = savitzkyGolayDerivative(t, y, { windowS: 31, polynomial: 2 });
    expect(d.windowPoints).toBe(63);
    expect(d.resampled).toBe(false);
    for (const i of [0, 10, 100, 199]) expect(d.values[i]).toBeCloseTo(0.02 * t[i] - 0.3, 9);
  });
  it('the O(n) running-sum path equals ml-savitzky-golay on noisy data (order 2), over many recompute blocks', () => {
    let seed = 7;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const n = 10000;
    const t = Float64Array.from({ length: n }, (_, i) => i * 0.25);
    const y = t.map((x) => Math.exp(-x / 300) + 0.01 * (rand() - 0.5));
    const d = savitzkyGolayDerivative(t, y, { windowS: 7.5, polynomial: 2 });
    expect(d.windowPoints).toBe(31);
    const lib = savitzkyGolay(Array.from(y), 0.25, { windowSize: 31, derivative: 1, polynomial: 2, pad: 'none' });
    let worst = 0;
    for (let i = 0; i < lib.length; i++) worst = Math.max(worst, Math.abs(d.values[i + 15] - lib[i]));
    expect(worst).toBeLessThan(1e-12);
    // order 3 goes through the library and is exact for a cubic, edges included
    const c = t.map((x) => 1e-6 * x ** 3 - 1e-3 * x * x + x);
    const d3 = savitzkyGolayDerivative(t, c, { windowS: 7.5, polynomial: 3 });
    for (const i of [0, 7, 5000, n - 1]) expect(d3.values[i]).toBeCloseTo(3e-6 * t[i] ** 2 - 2e-3 * t[i] + 1, 8);
  });
  it('resamples uneven time steps', () => {
    const t = Float64Array.from({ length: 300 }, (_, i) => i + (i % 3 === 0 ? 0.3 : 0) + (i > 150 ? 2 : 0)); // jitter and a gap
    const y = t.map((x) => Math.sin(x / 40));
    const d = savitzkyGolayDerivative(t, y, { windowS: 11 });
    expect(d.resampled).toBe(true);
    for (const i of [50, 150, 250]) expect(d.values[i]).toBeCloseTo(Math.cos(t[i] / 40) / 40, 4);
  });
});

describe('damaged time values', () => {
  it('a huge gap does not ask for a huge resampling grid (a damaged file once ran the process out of memory)', () => {
    const n = 2000;
    const t = Float64Array.from({ length: n }, (_, i) => (i < n - 1 ? i : 1e15)); // the last time value damaged
    const y = t.map((x, i) => Math.exp(-i / 500));
    const d = savitzkyGolayDerivative(t, y, { windowS: 15 });
    expect(d.resampled).toBe(true);
    expect(d.stepS).toBeCloseTo(1e15 / (4 * n + 999), -3); // the grid was widened to 4n + 1000 points
    expect(d.values.length).toBe(n);
    // and the whole analysis survives such a run (with a message, not a crash)
    const run: TgaRun = tgaRun({ source: { fileName: 'damaged', dataEndLine: n }, timeS: t, massMg: y.map((v) => 10 + v) });
    const a = analyzeTga(run, { startS: 0 });
    expect(a.alpha.length).toBe(n);
    expect(a.warnings.some((w) => /Uneven time steps/.test(w))).toBe(true);
  });
});

describe('metrics with empty cells', () => {
  it('a NaN rate at the first point does not hide the maximum; a NaN temperature at the crossing gives no onset', () => {
    const tS = f64([0, 1, 2, 3, 4]);
    const alpha = f64([NaN, 0.01, 0.03, 0.2, 0.5]);
    const m = computeMetrics({ tS, alpha, dAlphaDtPerS: f64([NaN, 0.02, 0.1, 0.3, 0.2]), temperatureC: f64([100, 110, NaN, 130, 140].map((x, i) => (i === 2 ? NaN : 100 + 600 * i))), windowPoints: 5, alphaTargets: [0.5], saturationFraction: 0.99, onsetAlpha: 0.02 });
    expect(m.maxRatePerS).toBe(0.3);
    expect(m.tAtMaxRateS).toBe(3);
    expect(m.onsetC).toBeNull();
  });
});

describe('blank correction', () => {
  it('removes the blank change aligned on programme time', () => {
    const sampleT = f64([100, 101, 102, 103]);
    const blankT = f64([0, 2, 4]);
    const blankM = f64([0.5, 0.7, 0.9]); // its own initial mass (mean of the first points) is removed
    const r = subtractBlank(sampleT, f64([10, 10, 10, 10]), blankT, blankM);
    // blank change at programme times 0..3: mean of first points = 0.7 → [-0.2, -0.1, 0, 0.1]
    [-0.2, -0.1, 0, 0.1].forEach((v, i) => expect(r.blankMg[i]).toBeCloseTo(v, 12));
    [10.2, 10.1, 10, 9.9].forEach((v, i) => expect(r.correctedMg[i]).toBeCloseTo(v, 12));
  });
});

describe('continuous-heating run (synthetic JMAK in H2 during a 10 °C/min ramp)', () => {
  // Synthetic: H2 from t = 0, T = 200 + 10 t/60 °C; α = 1 − exp(−(k(T) t)^1) with an Arrhenius-like k switched on
  // by temperature: choose α = 0 below 350 °C and 1 − exp(−(t − t350)/300) above. Onset at α = 0.02 is then at
  // t350 + 300·ln(1/0.98) s → T = 350 + 10/60 · 6.06 = 351.01 °C.
  const n = 3000;
  const timeS = Float64Array.from({ length: n }, (_, i) => i);
  const temperatureC = timeS.map((t) => 200 + (10 * t) / 60);
  const t350 = 900;
  const alphaTrue = timeS.map((t) => (t < t350 ? 0 : 1 - Math.exp(-(t - t350) / 300)));
  const m0 = 20;
  const loss = 0.3 * m0;
  const massMg = alphaTrue.map((a) => m0 - a * loss);
  const run: TgaRun = tgaRun({ source: { dataEndLine: n }, sample: { initialMassMg: m0 }, timeS, temperatureC, massMg, gasEvents: [{ timeS: 0, gas: 'H2', source: 'synthetic' }] });
  it('reports the onset temperature and the recipe-based α', () => {
    // A recipe whose theoretical loss is 30 % of the powder: Fe2O3 removes 30.06 %.
    const a = analyzeTga(run, { recipe: { precursors: [{ formula: 'Fe2O3' }] } });
    const scale = 0.3 / a.reduction.theoreticalLossFraction;
    expect(a.reduction.startNote).toMatch(/H2 flows from the first point/);
    expect(a.metrics.onsetC).not.toBeNull();
    // α reaches 0.02 when alphaTrue reaches 0.02 / scale
    const tOnset = t350 - 300 * Math.log(1 - 0.02 / scale);
    expect(a.metrics.onsetC as number).toBeCloseTo(200 + (10 * tOnset) / 60, 1);
    expect(a.metrics.tAlphaS['0.5'] as number).toBeCloseTo(t350 - 300 * Math.log(1 - 0.5 / scale), 1);
  });
});
