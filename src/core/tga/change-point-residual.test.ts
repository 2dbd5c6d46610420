/**
 * fitStepStart on noisy data: the residual standard deviation and the step it reports are those of the linear least
 * squares at the t₀ and p it returns, recomputed here independently (the columns built row by row, the normal
 * equations solved by core/math/linalg): rms = √(SSE/(n − 6)), n less the six parameters of the model with a step
 * (a, b, s, c, t₀, p) — the same divisor for the fit without a step.
 */
import { describe, expect, it } from 'vitest';
import { solveLinearSystem } from '../math/linalg';
import { fitStepStart } from './change-point';

const grid = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => i);
/** Deterministic noise of RMS √((2e-4)²/2 + (1e-4)²/2) ≈ 1.58e-4. */
const noise = (i: number): number => 2e-4 * Math.sin(2.3 * i) + 1e-4 * Math.cos(5.1 * i);
const noisy = (tS: Float64Array, t0: number, c: number, step: number): Float64Array =>
  tS.map((t, i) => 0.001 + 1e-5 * t + (t >= t0 ? step : 0) + (t > t0 ? c * (t - t0) : 0) + noise(i));

/** Least squares of y on 1, (t − t₀)/span, [H(t − t₀)], ((t − t₀)₊/span)^p: the coefficients and √(SSE/(n − 6)). */
function refit(tS: Float64Array, y: Float64Array, t0: number, p: number, withStep: boolean): { coef: number[]; rms: number } {
  const n = tS.length;
  const span = tS[n - 1] - tS[0];
  const rows = Array.from(tS, (t) => {
    const d = t - t0;
    return [1, (t - tS[0]) / span, ...(withStep ? [d >= 0 ? 1 : 0] : []), d > 0 ? (d / span) ** p : 0];
  });
  const k = rows[0].length;
  const ata = Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => rows.reduce((s, r) => s + r[a] * r[b], 0)));
  const atb = Array.from({ length: k }, (_, a) => rows.reduce((s, r, i) => s + r[a] * y[i], 0));
  const coef = solveLinearSystem(ata, atb)!;
  const sse = rows.reduce((s, r, i) => s + (y[i] - r.reduce((q, v, j) => q + v * coef[j], 0)) ** 2, 0);
  return { coef, rms: Math.sqrt(sse / (n - 6)) };
}

describe('fitStepStart on noisy data: the reported residual and step', () => {
  it('no step: rms of the step-free fit at the returned t₀ and p', () => {
    const t = grid(101);
    const y = noisy(t, 40.3, 0.002, 0);
    const r = fitStepStart(t, y, 10, 90)!;
    expect(r).toMatchObject({ step: 0, onSample: false, points: 101 });
    expect(Math.abs(r.t0S - 40.3)).toBeLessThan(0.1);
    const ref = refit(t, y, r.t0S, r.exponent, false);
    expect(r.rmsResidual / ref.rms).toBeCloseTo(1, 12);
    // about the noise's own RMS (the fit takes up a little of it)
    expect(r.rmsResidual).toBeGreaterThan(1.5e-4);
    expect(r.rmsResidual).toBeLessThan(1.7e-4);
  });

  it('a step of 0.05 at 50 s: on that sample, with the step and rms of the fit there', () => {
    const t = grid(101);
    const y = noisy(t, 50, 0.002, 0.05);
    const r = fitStepStart(t, y, 10, 90)!;
    expect(r).toMatchObject({ t0S: 50, onSample: true, points: 101 });
    const ref = refit(t, y, 50, r.exponent, true);
    expect(r.step).toBeCloseTo(ref.coef[2], 12);
    expect(r.step).toBeCloseTo(0.05, 5);
    expect(r.rmsResidual / ref.rms).toBeCloseTo(1, 12);
  });

  it('a step counts only when the fit without it leaves more than 4× the residual: 0.005 does, 0.002 does not', () => {
    // onset 1e-5·(t − 50)² with a step at 50 s, noise RMS 1.58e-4. A step of 0.002 (12× the noise) is taken up by
    // the step-free model with an earlier, steeper onset (t₀ ≈ 24.5 s, p ≈ 2.9, rms 3.1e-4): (3.1/1.6)² ≈ 3.6 < 4,
    // so it is no step. 0.005 is.
    const t = grid(101);
    const withStep = (s: number): Float64Array => t.map((ti, i) => 0.001 + 1e-5 * ti + (ti >= 50 ? s : 0) + (ti > 50 ? 1e-5 * (ti - 50) ** 2 : 0) + noise(i));
    const small = fitStepStart(t, withStep(0.002), 10, 90)!;
    expect(small).toMatchObject({ step: 0, onSample: false });
    expect(small.t0S).toBeLessThan(30);
    expect(small.rmsResidual).toBeGreaterThan(2.5e-4);
    const large = fitStepStart(t, withStep(0.005), 10, 90)!;
    expect(large).toMatchObject({ t0S: 50, onSample: true });
    expect(large.step).toBeCloseTo(0.005, 5);
    expect(large.exponent).toBeCloseTo(2, 2);
    expect(large.rmsResidual).toBeLessThan(1.7e-4);
  });
});

