/**
 * Onset temperatures on continuous heating. The real check: the Mettler-Toledo STARe fixture (30 K/min to 650 °C)
 * whose own step evaluation is in the file (../shared/fixtures/tga/PROVENANCE.md 1b): step −8.5696 mg, limits 38.13–647.27 °C,
 * inflection 397.19 °C, midpoint 401.27 °C ("horizontal" type).
 */
import { describe, expect, it } from 'vitest';
import type { TgaRun } from '../../shared/types';
import { importTga } from '../formats/tga/index';
import { analyzeTga, extrapolatedOnset, firstCrossing, ONSET_DEFINITIONS, savitzkyGolayDerivative } from './index';
import { missingShared, readShared } from '../../../test/fixtures/shared-fixtures';

const mettler = (): TgaRun => importTga('mettlerToledoWeight.txt', readShared('tga/cheminfo-tga-spectrum/mettlerToledoWeight.txt'));

/** Temperature at which y(t) first reaches level, interpolated. */
function temperatureAt(run: TgaRun, y: Float64Array, level: number): number {
  const t = firstCrossing(run.timeS, y, level) as number;
  const T = run.temperatureC as Float64Array;
  const i = run.timeS.findIndex((x) => x >= t);
  return T[i - 1] + ((t - run.timeS[i - 1]) / (run.timeS[i] - run.timeS[i - 1])) * (T[i] - T[i - 1]);
}

describe.skipIf(missingShared('tga/cheminfo-tga-spectrum'))('STARe step evaluation of mettlerToledoWeight.txt, reproduced', () => {
  it('the horizontal step and its midpoint (401.27 °C) from the parsed mass and temperature', () => {
    const run = mettler();
    const T = run.temperatureC as Float64Array;
    const m = run.massMg as Float64Array;
    const iL = T.findIndex((x) => x >= 38.13);
    const iR = T.findIndex((x) => x >= 647.27);
    expect(m[iL] - m[iR]).toBeCloseTo(8.5696, 3);
    const step = m.map((x) => (m[iL] - x) / (m[iL] - m[iR]));
    expect(temperatureAt(run, step, 0.5)).toBeCloseTo(401.27, 1);
  });

  it('inflection point = STARe 397.19 °C; extrapolated onset agrees with an independent tangent fit', () => {
    const run = mettler();
    const a = analyzeTga(run, { startS: 0 });
    expect(a.metrics.inflectionC as number).toBeCloseTo(397.19, 1);
    const onset = a.metrics.onsetExtrapolatedC as number;
    // Independent construction on m(T): least-squares line through ±5 °C around the DTG peak, intersected with the
    // starting-mass line m = m(0).
    const T = run.temperatureC as Float64Array;
    const m = run.massMg as Float64Array;
    let sx = 0, sy = 0, sxx = 0, sxy = 0, k = 0;
    for (let i = 0; i < T.length; i++) {
      if (Math.abs(T[i] - 397.19) > 5 || run.timeS[i] > 1230) continue;
      sx += T[i]; sy += m[i]; sxx += T[i] * T[i]; sxy += T[i] * m[i]; k++;
    }
    const slope = (k * sxy - sx * sy) / (k * sxx - sx * sx);
    const intercept = (sy - slope * sx) / k;
    const tangentOnset = (m[0] - intercept) / slope;
    expect(tangentOnset).toBeGreaterThan(355);
    expect(tangentOnset).toBeLessThan(365);
    expect(Math.abs(onset - tangentOnset)).toBeLessThan(1.5);
    // The α = 0.02 onset lies far lower: the slow loss before the main step (2 % of the whole loss by 205 °C)
    // reaches it long before the step starts, so it measures the pre-step drift, not the step.
    expect(a.metrics.onsetC as number).toBeLessThan(250);
    expect(a.metrics.onsetExtrapolatedC as number).toBeGreaterThan(a.metrics.onsetC as number);
    // it does not depend on the SG window much: 15 s and 31 s agree within 1 °C
    expect(Math.abs((analyzeTga(run, { startS: 0, sgWindowS: 31 }).metrics.onsetExtrapolatedC as number) - onset)).toBeLessThan(1);
  });
});

describe('extrapolated onset (ISO 11358-1)', () => {
  it('is T0 − 2w for a logistic step α = 1/(1 + exp(−(T − T0)/w)) on a linear ramp', () => {
    const n = 4000;
    const tS = Float64Array.from({ length: n }, (_, i) => i);
    const T = tS.map((t) => 100 + (10 * t) / 60); // 10 °C/min
    const T0 = 420;
    const w = 12;
    const alpha = T.map((x) => 1 / (1 + Math.exp(-(x - T0) / w)));
    const d = savitzkyGolayDerivative(tS, alpha, { windowS: 15 }).values;
    const r = extrapolatedOnset(tS, alpha, d, T);
    expect(r?.inflectionC as number).toBeCloseTo(T0, 0);
    expect(r?.onsetC as number).toBeCloseTo(T0 - 2 * w, 1);
    // NaN temperatures at the ends (TRIOS) are skipped
    const withGaps = T.slice();
    withGaps.fill(NaN, 0, 5);
    withGaps.fill(NaN, n - 5);
    expect(extrapolatedOnset(tS, alpha, d, withGaps)?.onsetC as number).toBeCloseTo(T0 - 2 * w, 1);
  });

  it('is null for an isothermal step and for a step in a hold after the ramp', () => {
    const n = 3000;
    const tS = Float64Array.from({ length: n }, (_, i) => i);
    const alpha = tS.map((t) => 1 - Math.exp(-t / 200));
    const d = savitzkyGolayDerivative(tS, alpha, { windowS: 15 }).values;
    expect(extrapolatedOnset(tS, alpha, d, tS.map(() => 700))).toBeNull();
    // ramp 20 °C/min for 1000 s (slow creep), then a hold where the main (fast) step happens
    const T = tS.map((t) => (t < 1000 ? 300 + t / 3 : 633.3));
    const a2 = tS.map((t) => (t < 1500 ? 0.0001 * (t / 100) : 0.0015 + (1 - Math.exp(-(t - 1500) / 50)) * 0.9));
    const d2 = savitzkyGolayDerivative(tS, a2, { windowS: 15 }).values;
    expect(extrapolatedOnset(tS, a2, d2, T)).toBeNull();
  });

  it("is null for a flat curve (a DSC run's constant TG channel) and for a mass gain", () => {
    const n = 2000;
    const tS = Float64Array.from({ length: n }, (_, i) => i);
    const T = tS.map((t) => 50 + t / 6);
    const flat = tS.map((t) => 1e-19 * Math.sin(t));
    expect(extrapolatedOnset(tS, flat, savitzkyGolayDerivative(tS, flat, { windowS: 15 }).values, T)).toBeNull();
    const gain = tS.map((t) => -0.3 / (1 + Math.exp(-(t - 1000) / 50)));
    expect(extrapolatedOnset(tS, gain, savitzkyGolayDerivative(tS, gain, { windowS: 15 }).values, T)).toBeNull();
  });

  it('has a definition text for screens', () => {
    expect(ONSET_DEFINITIONS.extrapolated).toMatch(/ISO 11358-1/);
    expect(ONSET_DEFINITIONS.alpha(0.02)).toMatch(/α first reaches 0\.02 \(2 % of the theoretical loss\)/);
  });
});
