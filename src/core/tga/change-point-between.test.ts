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
});
