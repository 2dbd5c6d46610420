/**
 * fitStepStart where the onset starts between two samples (review check). Without a step the kink is located between
 * the samples (pinned to 1e-4 s in change-point.test.ts; here a curved onset too). With a step, a linear onset
 * starting anywhere within a sampling interval fits exactly as well as a larger step on the next sample, so the start
 * is put on the sample where the step shows — the row a gas column marks as the switch, which the kinetics start
 * detection relies on (core/kinetics start tests: leaving t₀ free between samples there moved the detected start of
 * noisy F1 and D3 runs by up to 1 s off the switch).
 */
import { describe, expect, it } from 'vitest';
import { fitStepStart } from './change-point';

const grid = (n: number, dtS: number): Float64Array => Float64Array.from({ length: n }, (_, i) => i * dtS);
/** Baseline 0.001 + 1e-5·t, a step s at t₀, an onset c (t − t₀)₊^p: the model, noise-free. */
const curve = (tS: Float64Array, t0: number, p: number, c: number, step: number): Float64Array =>
  tS.map((t) => 0.001 + 1e-5 * t + (t >= t0 ? step : 0) + (t > t0 ? c * (t - t0) ** p : 0));

describe('fitStepStart: an onset between samples', () => {
  it('no step, onset 0.0002·(t − 40.5)^1.5 on a 1 s grid (samples 40 and 41): t₀ = 40.5 s, p = 1.5', () => {
    const t = grid(101, 1);
    const r = fitStepStart(t, curve(t, 40.5, 1.5, 0.0002, 0), 10, 90);
    expect(r!.t0S).toBeCloseTo(40.5, 4);
    expect(r!.exponent).toBeCloseTo(1.5, 4);
    expect(r!.step).toBe(0);
    expect(r!.onSample).toBe(false);
  });

  it('a step with a linear onset from 12.3 s on a 0.5 s grid: on the sample 12.5 s, with the step it shows there', () => {
    // for t ≥ 12.5 s the data are 0.001 + 1e-5·t + 0.2 + 0.01·(t − 12.3) = 0.001 + 1e-5·t + 0.202 + 0.01·(t − 12.5):
    // a step of 0.2 + 0.01 × 0.2 = 0.202 at 12.5 s with the same slope, exactly
    const t = grid(61, 0.5);
    const r = fitStepStart(t, curve(t, 12.3, 1, 0.01, 0.2), 2, 28);
    expect(r).toMatchObject({ t0S: 12.5, onSample: true });
    expect(r!.step).toBeCloseTo(0.202, 9);
    expect(r!.exponent).toBeCloseTo(1, 9);
    expect(r!.rmsResidual).toBeLessThan(1e-10);
  });

  it('a step with only 3 samples after it, or only 3 before it, is found; a step on the last sample searched too', () => {
    // 24 samples 0…23 s; a step of 0.05 with a linear onset 0.002·(t − t₀): at 21 s the step has the samples
    // 21, 22, 23 s (3, the fewest a fit takes); at 3 s the baseline has 0, 1, 2 s (3)
    const t = grid(24, 1);
    const late = fitStepStart(t, curve(t, 21, 1, 0.002, 0.05), 2, 22);
    expect(late).toMatchObject({ t0S: 21, onSample: true, points: 24 });
    expect(late!.step).toBeCloseTo(0.05, 9);
    expect(late!.exponent).toBeCloseTo(1, 9);
    const early = fitStepStart(t, curve(t, 3, 1, 0.002, 0.05), 1, 22);
    expect(early).toMatchObject({ t0S: 3, onSample: true, points: 24 });
    expect(early!.step).toBeCloseTo(0.05, 9);
    // the step of 0.2 at 12 s (0.5 s grid, p = 1.5 onset) with the search ending at 12 s: that sample is searched
    const t2 = grid(61, 0.5);
    const edge = fitStepStart(t2, curve(t2, 12, 1.5, 0.01, 0.2), 2, 12);
    expect(edge).toMatchObject({ t0S: 12, onSample: true });
    expect(edge!.step).toBeCloseTo(0.2, 9);
    expect(edge!.exponent).toBeCloseTo(1.5, 6);
  });

  it('a step whose neighbouring samples all lie outside the search range stays between samples', () => {
    // a step of 0.05 at 50 s with a linear onset 0.002·(t − 50), searched only in 49.2–49.8 s: for any t₀ in (49, 50]
    // the data are a step of 0.05 − 0.002·(50 − t₀) at t₀ with the same onset from t₀, exactly; no sample near it
    // may be searched, so the fit between samples is kept
    const t = grid(101, 1);
    const r = fitStepStart(t, curve(t, 50, 1, 0.002, 0.05), 49.2, 49.8)!;
    expect(r).toMatchObject({ onSample: false, points: 101 });
    expect(r.t0S).toBeGreaterThanOrEqual(49.2);
    expect(r.t0S).toBeLessThanOrEqual(49.8);
    expect(r.step).toBeCloseTo(0.05 - 0.002 * (50 - r.t0S), 7);
    expect(r.exponent).toBeCloseTo(1, 5);
    expect(r.rmsResidual).toBeLessThan(1e-8);
  });

  it('12 samples are enough: a step at the middle one', () => {
    const t = grid(12, 1);
    const r = fitStepStart(t, curve(t, 6, 1, 0.002, 0.05), 2, 9);
    expect(r).toMatchObject({ t0S: 6, onSample: true, points: 12 });
    expect(r!.step).toBeCloseTo(0.05, 9);
  });
});

