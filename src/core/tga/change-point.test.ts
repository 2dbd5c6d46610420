import { describe, expect, it } from 'vitest';
import { fitStepStart } from './change-point';

/** Evenly spaced times 0, dt, …, (n − 1)·dt. */
const grid = (n: number, dtS = 1): Float64Array => Float64Array.from({ length: n }, (_, i) => i * dtS);
/** The model itself, noise-free: baseline 0.001 with a drift 1e-5 /s, a step s at t₀, an onset c (t − t₀)₊^p. */
const curve = (tS: Float64Array, t0: number, p: number, c: number, step = 0): Float64Array =>
  tS.map((t) => 0.001 + 1e-5 * t + (t >= t0 ? step : 0) + (t > t0 ? c * (t - t0) ** p : 0));

describe('fitStepStart: the start of a step fitted as y = a + b t + s·H(t − t₀) + c (t − t₀)₊^p', () => {
  it('a linear onset (R, F1) starting between samples: t₀ = 40.3 s, p = 1, no step', () => {
    const t = grid(101);
    const r = fitStepStart(t, curve(t, 40.3, 1, 0.002), 10, 90);
    expect(r).not.toBeNull();
    expect(r?.t0S).toBeCloseTo(40.3, 4);
    expect(r?.exponent).toBeCloseTo(1, 4);
    expect(r?.step).toBe(0);
    expect(r?.onSample).toBe(false);
    expect(r?.points).toBe(101);
    expect(r?.rmsResidual).toBeLessThan(1e-7);
  });

  it('a cubic onset (A3) starting at 60.7 s is found with p = 3', () => {
    const t = grid(101);
    const r = fitStepStart(t, curve(t, 60.7, 3, 1e-6), 10, 90);
    expect(r?.t0S).toBeCloseTo(60.7, 3);
    expect(r?.exponent).toBeCloseTo(3, 4);
    expect(r?.step).toBe(0);
  });

  it('an apparent step (buoyancy at a gas switch) of 0.05 at 50 s is put on that sample, with its size', () => {
    const t = grid(101);
    const r = fitStepStart(t, curve(t, 50, 1, 0.002, 0.05), 10, 90);
    expect(r).toMatchObject({ t0S: 50, onSample: true, points: 101 });
    expect(r?.step).toBeCloseTo(0.05, 9);
    expect(r?.exponent).toBeCloseTo(1, 6);
    expect(r?.rmsResidual).toBeLessThan(1e-10);
    // on a 0.5 s grid, a step of 0.2 at 12 s with a p = 1.5 onset
    const t2 = grid(61, 0.5);
    const r2 = fitStepStart(t2, curve(t2, 12, 1.5, 0.01, 0.2), 2, 28);
    expect(r2).toMatchObject({ t0S: 12, onSample: true, points: 61 });
    expect(r2?.step).toBeCloseTo(0.2, 9);
    expect(r2?.exponent).toBeCloseTo(1.5, 6);
  });

  it('a step smaller than the floor the caller sets is not a step: the fit is the one without it', () => {
    const t = grid(101);
    const r = fitStepStart(t, curve(t, 50, 1, 0.002, 0.05), 10, 90, 0.1);
    expect(r?.step).toBe(0);
    expect(r?.onSample).toBe(false);
    // the step-free model cannot follow a jump of 0.05: its residual is far above the noise-free fit's
    expect(r?.rmsResidual).toBeGreaterThan(1e-3);
  });

  it('null without a rising step or enough data', () => {
    const t = grid(101);
    expect(fitStepStart(t, t.map(() => 1), 10, 90)).toBeNull(); // flat
    expect(fitStepStart(t, curve(t, 40.3, 1, -0.002), 10, 90)).toBeNull(); // a gain in α, not a loss
    expect(fitStepStart(grid(11), curve(grid(11), 5, 1, 0.01), 2, 8)).toBeNull(); // fewer than 12 points
    expect(fitStepStart(t, curve(t, 40.3, 1, 0.002), 50, 50)).toBeNull(); // an empty search range
    expect(fitStepStart(t, curve(t, 40.3, 1, 0.002), 50, 40)).toBeNull();
    const same = t.map(() => 7);
    expect(fitStepStart(same, curve(t, 40.3, 1, 0.002), 10, 90)).toBeNull(); // no time span
  });
});
