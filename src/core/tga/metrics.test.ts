// Kinetic metrics on curves whose answers follow by hand (docs/tga-analysis.md gives the definitions): a linear α(t),
// a linear heating ramp, a logistic step on a ramp (ISO 11358-1 onset = T0 − 2w), ratios of times.
import { describe, expect, it } from 'vitest';
import type { TgaMetrics } from '../../shared/analysis';
import { alphaKey, computeMetrics, extrapolatedOnset, initialHeatingRateCPerMin, speedUps } from './metrics';

const f64 = (xs: number[]): Float64Array => Float64Array.from(xs);
const range = (n: number, f: (i: number) => number): Float64Array => Float64Array.from({ length: n }, (_, i) => f(i));

describe('computeMetrics on α = t / 400 (t = 0…300 s, 1 s steps)', () => {
  const n = 301;
  const tS = range(n, (i) => i);
  const alpha = range(n, (i) => i / 400);
  // dα/dt as a derivative would give it, with a sharper peak at t = 40 s, a larger one past the window (t = 200 s)
  // and an empty first cell
  const rate = range(n, (i) => (i === 0 ? NaN : i === 40 ? 0.01 : i === 200 ? 0.05 : 0.0025));
  const base = { tS, alpha, dAlphaDtPerS: rate, temperatureC: null, alphaTargets: [0.1, 0.25, 0.45], saturationFraction: 0.99, onsetAlpha: 0.05 };

  it('t(α) is the first crossing, interpolated; α_final is the mean over the last 30 s of the window; nothing past the window counts', () => {
    // window: the first 151 points (t ≤ 150 s); last 30 s = t 120…150 (31 points), mean α = 135/400
    const m = computeMetrics({ ...base, windowPoints: 151 });
    expect(m.tAlphaS).toEqual({ '0.1': 40, '0.25': 100, '0.45': null });
    expect(m.alphaFinal).toBeCloseTo(135 / 400, 14);
    // t_sat: α = 0.99 × 0.3375 = 0.334125 at t = 133.65 s
    expect(m.tSaturationS as number).toBeCloseTo(0.99 * 135, 10);
    // the largest rate inside the window (t = 40 s), not the one at t = 200 s, nor the NaN at t = 0
    expect(m.maxRatePerS).toBe(0.01);
    expect(m.tAtMaxRateS).toBe(40);
    expect(m.alphaAtMaxRate).toBe(0.1);
    expect(m.onsetC).toBeNull();
    expect(m.onsetExtrapolatedC).toBeNull();
    expect(m.inflectionC).toBeNull();
  });

  it('the averaging window of α_final is 30 s unless set (a tenfold window would move it by 0.16)', () => {
    const whole = computeMetrics({ ...base, windowPoints: n });
    expect(whole.alphaFinal).toBeCloseTo(285 / 400, 14); // t 270…300
    expect(whole.tAlphaS['0.45']).toBe(180);
    expect(whole.maxRatePerS).toBe(0.05);
    expect(computeMetrics({ ...base, windowPoints: n, finalWindowS: 10 }).alphaFinal).toBeCloseTo(295 / 400, 14);
    expect(computeMetrics({ ...base, windowPoints: n, finalWindowS: 300 }).alphaFinal).toBeCloseTo(150 / 400, 14);
  });

  it('a window longer than the data is cut to the data; t_sat is null when α never rises', () => {
    expect(computeMetrics({ ...base, windowPoints: 10_000 }).alphaFinal).toBeCloseTo(285 / 400, 14);
    const flat = computeMetrics({ ...base, alpha: range(n, () => 0), windowPoints: n });
    expect(flat.alphaFinal).toBe(0);
    expect(flat.tSaturationS).toBeNull();
    const falling = computeMetrics({ ...base, alpha: range(n, (i) => -i / 400), windowPoints: n });
    expect(falling.tSaturationS).toBeNull();
  });

  it('the point just past the window does not count, and of two equal maxima the first is kept', () => {
    // windowPoints 200: indices 0…199; the 0.05 peak sits at index 200
    const m = computeMetrics({ ...base, windowPoints: 200 });
    expect([m.maxRatePerS, m.tAtMaxRateS]).toEqual([0.01, 40]);
    const ties = computeMetrics({ ...base, dAlphaDtPerS: f64([0.001, 0.004, 0.002, 0.004, 0.001]), tS: tS.subarray(0, 5), alpha: alpha.subarray(0, 5), windowPoints: 5 });
    expect([ties.maxRatePerS, ties.tAtMaxRateS, ties.alphaAtMaxRate]).toEqual([0.004, 1, 1 / 400]);
  });

  it('a NaN maximum at the first point gives way to the first finite rate, and a NaN later does not win', () => {
    const m = computeMetrics({ ...base, dAlphaDtPerS: f64([NaN, 0.001, NaN, 0.003, 0.002]), tS: tS.subarray(0, 5), alpha: alpha.subarray(0, 5), windowPoints: 5 });
    expect(m.maxRatePerS).toBe(0.003);
    expect(m.tAtMaxRateS).toBe(3);
  });

  it('continuous heating (10 °C/min from the start): the onset is the temperature where α reaches onsetAlpha', () => {
    const T = range(n, (i) => 25 + i / 6);
    const m = computeMetrics({ ...base, temperatureC: T, windowPoints: n });
    // α = 0.05 at t = 20 s → T = 25 + 20/6
    expect(m.onsetC as number).toBeCloseTo(25 + 20 / 6, 10);
    // between samples: onsetAlpha 0.05125 → t = 20.5 s, T interpolated
    expect(computeMetrics({ ...base, temperatureC: T, windowPoints: n, onsetAlpha: 0.05125 }).onsetC as number).toBeCloseTo(25 + 20.5 / 6, 10);
    // reached at the first point: that point's temperature
    expect(computeMetrics({ ...base, temperatureC: T, windowPoints: n, onsetAlpha: 0 }).onsetC).toBe(25);
    // never reached inside the window
    expect(computeMetrics({ ...base, temperatureC: T, windowPoints: 100, onsetAlpha: 0.5 }).onsetC).toBeNull();
  });

  it('the onset temperature is interpolated between samples 2 s apart', () => {
    const t2 = range(151, (i) => 2 * i);
    const a2 = t2.map((t) => t / 400);
    const T2 = t2.map((t) => 25 + t / 6);
    // α = 0.0525 at t = 21 s, between the samples at 20 and 22 s: T = 25 + 21/6
    const m = computeMetrics({ ...base, tS: t2, alpha: a2, dAlphaDtPerS: range(151, () => 0.0025), temperatureC: T2, windowPoints: 151, onsetAlpha: 0.0525 });
    expect(m.onsetC as number).toBeCloseTo(25 + 21 / 6, 10);
    expect(m.tAlphaS['0.1']).toBeCloseTo(40, 10);
  });

  it('an isothermal start (0.5 °C/min, below the 1 °C/min that counts as heating) has no onset temperature', () => {
    expect(computeMetrics({ ...base, temperatureC: range(n, (i) => 700 + i / 120), windowPoints: n }).onsetC).toBeNull();
    expect(computeMetrics({ ...base, temperatureC: range(n, (i) => 700 + i / 50), windowPoints: n }).onsetC as number).toBeCloseTo(700 + 20 / 50, 10);
  });
});

describe('initialHeatingRateCPerMin: least-squares slope over the first 60 s', () => {
  it('a 12 °C/min ramp that then holds: only the first 60 s count', () => {
    const tS = range(200, (i) => 1000 + i);
    const T = tS.map((t) => (t < 1060 ? 100 + 0.2 * (t - 1000) : 112));
    expect(initialHeatingRateCPerMin(tS, T)).toBeCloseTo(12, 10);
    // a different span takes in the hold and lowers the slope
    expect(initialHeatingRateCPerMin(tS, T, 200)).toBeLessThan(8);
  });

  it('empty temperature cells are skipped; fewer than two points or one time give 0', () => {
    const tS = range(60, (i) => i);
    const T = tS.map((t) => (t % 7 === 3 ? NaN : 20 + t / 10));
    expect(initialHeatingRateCPerMin(tS, T)).toBeCloseTo(6, 10);
    expect(initialHeatingRateCPerMin(f64([0, 1]), f64([20, NaN]))).toBe(0);
    expect(initialHeatingRateCPerMin(f64([5, 5, 5]), f64([20, 21, 22]))).toBe(0);
    // two points are enough for a slope
    expect(initialHeatingRateCPerMin(f64([0, 30]), f64([20, 25]))).toBeCloseTo(10, 12);
  });
});

describe('extrapolatedOnset (ISO 11358-1) on a logistic step during a 10 °C/min ramp', () => {
  // α = 1 / (1 + exp(−(T − T0)/w)): inflection at T0 with α = 1/2 and dα/dT = 1/(4w); the tangent meets α = 0 at
  // T0 − 2w. dα/dt = dα/dT × dT/dt, given exactly.
  const T0 = 450;
  const w = 12;
  const tS = range(3601, (i) => i * 0.5);
  const T = tS.map((t) => 300 + t / 6);
  const alpha = T.map((x) => 1 / (1 + Math.exp(-(x - T0) / w)));
  const rate = alpha.map((a) => (a * (1 - a)) / w / 6);

  it('onset T0 − 2w, the inflection at T0 with α = 1/2, slope 1/(4w) per °C', () => {
    const r = extrapolatedOnset(tS, alpha, rate, T);
    expect(r).not.toBeNull();
    const o = r as NonNullable<typeof r>;
    expect(o.inflectionC).toBeCloseTo(T0, 1);
    expect(o.alphaAtInflection).toBeCloseTo(0.5, 3);
    expect(o.slopePerC).toBeCloseTo(1 / (4 * w), 5);
    expect(o.onsetC).toBeCloseTo(T0 - 2 * w, 1);
    // through computeMetrics too
    const m = computeMetrics({ tS, alpha, dAlphaDtPerS: rate, temperatureC: T, windowPoints: tS.length, alphaTargets: [0.5], saturationFraction: 0.99, onsetAlpha: 0.05 });
    expect(m.onsetExtrapolatedC as number).toBeCloseTo(T0 - 2 * w, 1);
    expect(m.inflectionC as number).toBeCloseTo(T0, 1);
    // α = 0.05 at T = T0 − w ln 19
    expect(m.onsetC as number).toBeCloseTo(T0 - w * Math.log(19), 2);
  });

  it('empty temperature cells (at the start, around the inflection, at the end) are bridged linearly for dT/dt', () => {
    const full = extrapolatedOnset(tS, alpha, rate, T) as NonNullable<ReturnType<typeof extrapolatedOnset>>;
    const iT0 = Math.round((T0 - 300) * 6 * 2);
    const gappy = T.map((x, i) => (i < 8 || (i > iT0 - 12 && i < iT0 + 12) || i > tS.length - 9 ? NaN : x));
    const r = extrapolatedOnset(tS, alpha, rate, gappy) as NonNullable<ReturnType<typeof extrapolatedOnset>>;
    // the inflection moves to the nearest point with a temperature (6 s = 1 °C away); the onset stays within 0.1 °C
    expect(Math.abs(r.inflectionC - T0)).toBeLessThanOrEqual(1.01);
    expect(r.onsetC).toBeCloseTo(full.onsetC, 1);
    expect(r.slopePerC).toBeCloseTo(full.slopePerC, 4);
  });

  it('only the first n points count', () => {
    // cut before the inflection: the fastest heating point is the last one kept (α ≈ 0.2 at T0 − w ln 4)
    const cut = Math.round((T0 - w * Math.log(4) - 300) * 6 * 2);
    const r = extrapolatedOnset(tS, alpha, rate, T, cut) as NonNullable<ReturnType<typeof extrapolatedOnset>>;
    expect(r.inflectionC).toBe(T[cut - 1]);
    expect(r.alphaAtInflection).toBeCloseTo(0.2, 2);
  });

  it('no onset: a hold (no heating), fewer than 5 points, an all-empty temperature, a step that is not the fastest, a gain', () => {
    expect(extrapolatedOnset(tS, alpha, rate, tS.map(() => 700))).toBeNull();
    expect(extrapolatedOnset(tS.subarray(0, 4), alpha.subarray(0, 4), rate.subarray(0, 4), T.subarray(0, 4))).toBeNull();
    expect(extrapolatedOnset(tS, alpha, rate, T.map(() => NaN))).toBeNull();
    // the ramp stops at 420 °C and the step happens in the hold: the fastest heating point is far below the peak
    const hold = tS.map((t) => Math.min(300 + t / 6, 420));
    // centred in the hold at 1000 s: α ≈ 0.009 at the end of the ramp (past the α ≥ 0.005 of a real step), its rate
    // there 4 % of the peak rate
    const aHold = tS.map((t) => 1 / (1 + Math.exp(-(t - 1000) / 60)));
    const rHold = aHold.map((a) => (a * (1 - a)) / 60);
    expect(extrapolatedOnset(tS, aHold, rHold, hold)).toBeNull();
    // mass gain (α falls): no positive slope
    expect(extrapolatedOnset(tS, alpha.map((a) => -a), rate.map((r) => -r), T)).toBeNull();
    // a step that has not lost mass by its inflection (α < 0.005) has no onset
    expect(extrapolatedOnset(tS, alpha.map((a) => a * 0.005), rate.map((r) => r * 0.005), T)).toBeNull();
    // exactly 0.005 at the inflection (α = ½ × 0.01 at T0, a sample) is a step
    expect(extrapolatedOnset(tS, alpha.map((a) => a * 0.01), rate.map((r) => r * 0.01), T)?.onsetC as number).toBeCloseTo(T0 - 2 * w, 1);
  });

  it('an onset far below the heated range (a shallow tangent) is refused', () => {
    // α = 0.5 at T0 with a slope of only 0.5/(3 × 300) per °C: the tangent meets α = 0 two ranges below the start
    const shallow = T.map((x) => 0.5 + ((x - T0) * 0.5) / 900);
    const r = shallow.map(() => (0.5 / 900) / 6);
    // every point has the same rate: the first heating point (T = 300, α = 0.417) is the inflection; its tangent
    // meets zero at 300 − 750 = −450 °C, below 300 − (600 − 300)
    expect(extrapolatedOnset(tS, shallow, r, T)).toBeNull();
  });
});

describe('speedUps', () => {
  const metrics = (t05: number | null, tSat: number | null, onsetC: number | null, extra: number | null): TgaMetrics => ({
    tAlphaS: { '0.5': t05, '0.9': t05 === null ? null : 2 * t05 },
    tSaturationS: tSat,
    alphaFinal: 1,
    maxRatePerS: 0.01,
    alphaAtMaxRate: 0.4,
    tAtMaxRateS: 100,
    onsetC,
    onsetExtrapolatedC: extra,
    inflectionC: extra === null ? null : extra + 20,
  });

  it('t_ref / t_run for each α target and t_sat; onset shifts run − reference', () => {
    const s = speedUps([{ id: 'ref', metrics: metrics(300, 900, 400, 380) }, { id: 'fast', metrics: metrics(100, 450, 370, 362.5) }], 'ref');
    expect(s[0]).toEqual({ runId: 'ref', referenceId: 'ref', tAlpha: { '0.5': 1, '0.9': 1 }, tSaturation: 1, onsetShiftC: 0, onsetExtrapolatedShiftC: 0 });
    expect(s[1]).toEqual({ runId: 'fast', referenceId: 'ref', tAlpha: { '0.5': 3, '0.9': 3 }, tSaturation: 2, onsetShiftC: -30, onsetExtrapolatedShiftC: -17.5 });
  });

  it('a missing or zero time gives no ratio; a missing or non-finite onset gives no shift', () => {
    const s = speedUps(
      [
        { id: 'ref', metrics: metrics(300, null, 400, 380) },
        { id: 'never', metrics: metrics(null, 450, null, NaN) },
        { id: 'zero', metrics: metrics(0, 0, 390, null) },
      ],
      'ref',
    );
    expect(s[1]).toEqual({ runId: 'never', referenceId: 'ref', tAlpha: { '0.5': null, '0.9': null }, tSaturation: null, onsetShiftC: null, onsetExtrapolatedShiftC: null });
    expect(s[2]).toEqual({ runId: 'zero', referenceId: 'ref', tAlpha: { '0.5': null, '0.9': null }, tSaturation: null, onsetShiftC: -10, onsetExtrapolatedShiftC: null });
    // the reference without onsets gives no shift either
    const r = speedUps([{ id: 'a', metrics: metrics(300, 900, null, null) }, { id: 'b', metrics: metrics(150, 300, 400, 380) }], 'a');
    expect(r[1].onsetShiftC).toBeNull();
    expect(r[1].onsetExtrapolatedShiftC).toBeNull();
    expect(r[1].tSaturation).toBe(3);
  });

  it('an unknown reference is refused, naming the runs', () => {
    expect(() => speedUps([{ id: 'a', metrics: metrics(1, 1, null, null) }, { id: 'b', metrics: metrics(1, 1, null, null) }], 'zz')).toThrow(
      "speed-ups: reference 'zz' is not among the runs (a, b)",
    );
  });

  it('α keys are the shortest round-tripping decimal', () => {
    expect([0.5, 0.9, 0.05, 1].map(alphaKey)).toEqual(['0.5', '0.9', '0.05', '1']);
  });
});
