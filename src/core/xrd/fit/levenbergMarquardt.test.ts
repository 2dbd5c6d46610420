import { describe, expect, it } from 'vitest';
import { levenbergMarquardt, poissonWeights, sigmaWeights, type LmModel } from './levenbergMarquardt';
import { invertSpd } from '../../math/linalg';

/** Deterministic normal deviates (mulberry32 + Box–Muller) so the tests are reproducible. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  const uni = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uni() + 1e-300)) * Math.cos(2 * Math.PI * uni());
}

const xs = Float64Array.from({ length: 60 }, (_, i) => i * 0.1);

/** y = A·exp(−k·x) + c with analytic Jacobian. */
const expModel: LmModel = (p, out, jac) => {
  for (let i = 0; i < xs.length; i++) {
    const e = Math.exp(-p[1] * xs[i]);
    out[i] = p[0] * e + p[2];
    if (jac) {
      jac[i * 3] = e;
      jac[i * 3 + 1] = -p[0] * xs[i] * e;
      jac[i * 3 + 2] = 1;
    }
  }
};

describe('levenbergMarquardt', () => {
  it('recovers exact parameters from noise-free data, analytic and numeric Jacobians alike', () => {
    const y = new Float64Array(xs.length);
    expModel(Float64Array.of(5, 0.7, 1.5), y, null);
    const w = new Float64Array(xs.length).fill(1);
    for (const jacobian of ['analytic', 'numeric'] as const) {
      const r = levenbergMarquardt(expModel, y, w, [1, 0.1, 0], { jacobian });
      expect(r.converged).toBe(true);
      expect(r.params[0]).toBeCloseTo(5, 7);
      expect(r.params[1]).toBeCloseTo(0.7, 7);
      expect(r.params[2]).toBeCloseTo(1.5, 7);
      expect(r.chi2).toBeLessThan(1e-12);
    }
  });

  it('gives the exact linear-regression covariance (XᵀWX)⁻¹ for a straight line', () => {
    const sigma = Float64Array.from(xs, (x) => 0.1 + 0.05 * x);
    const noise = rng(3);
    const y = Float64Array.from(xs, (x, i) => 2 - 0.5 * x + sigma[i] * noise());
    const line: LmModel = (p, out, jac) => {
      for (let i = 0; i < xs.length; i++) {
        out[i] = p[0] + p[1] * xs[i];
        if (jac) {
          jac[i * 2] = 1;
          jac[i * 2 + 1] = xs[i];
        }
      }
    };
    const w = sigmaWeights(sigma);
    const r = levenbergMarquardt(line, y, w, [0, 0], { scaleCovariance: false });
    let s0 = 0, s1 = 0, s2 = 0, t0 = 0, t1 = 0;
    for (let i = 0; i < xs.length; i++) {
      s0 += w[i]; s1 += w[i] * xs[i]; s2 += w[i] * xs[i] * xs[i]; t0 += w[i] * y[i]; t1 += w[i] * xs[i] * y[i];
    }
    const inv = invertSpd(Float64Array.of(s0, s1, s1, s2), 2)!;
    expect(r.params[0]).toBeCloseTo(inv[0] * t0 + inv[1] * t1, 9);
    expect(r.params[1]).toBeCloseTo(inv[2] * t0 + inv[3] * t1, 9);
    for (let q = 0; q < 4; q++) expect(r.covariance[q]).toBeCloseTo(inv[q], 12);
    // Scaled covariance = unscaled × reduced χ².
    const scaled = levenbergMarquardt(line, y, w, [0, 0]);
    expect(scaled.covariance[3] / r.covariance[3]).toBeCloseTo(r.reducedChi2, 9);
    expect(r.dof).toBe(xs.length - 2);
  });

  it('standard errors cover the truth at the expected rate over repeated noisy fits', () => {
    const noise = rng(11);
    const truth = [50, 0.8, 10];
    let inside = 0;
    let meanRed = 0;
    const trials = 200;
    const clean = new Float64Array(xs.length);
    expModel(Float64Array.from(truth), clean, null);
    const w = poissonWeights(clean); // the true variances, so E[χ²/dof] = 1 exactly
    for (let t = 0; t < trials; t++) {
      const y = Float64Array.from(clean, (v) => v + Math.sqrt(v) * noise());
      const r = levenbergMarquardt(expModel, y, w, [30, 0.5, 5]);
      meanRed += r.reducedChi2 / trials;
      if (Math.abs(r.params[1] - truth[1]) < r.stdErrors[1]) inside++;
    }
    // 68.3 % expected; binomial sd over 200 trials ≈ 3.3 %.
    expect(inside / trials).toBeGreaterThan(0.58);
    expect(inside / trials).toBeLessThan(0.79);
    expect(meanRed).toBeGreaterThan(0.85);
    expect(meanRed).toBeLessThan(1.15);
  });

  it('clamps to bounds, flags the pinned parameter and leaves it out of the covariance', () => {
    const y = new Float64Array(xs.length);
    expModel(Float64Array.of(5, 0.7, 1.5), y, null);
    const r = levenbergMarquardt(expModel, y, new Float64Array(xs.length).fill(1), [1, 0.1, 0], { upper: [Infinity, 0.5, Infinity] });
    expect(r.params[1]).toBe(0.5);
    expect(r.atBound[1]).toBe(1);
    expect(r.stdErrors[1]).toBe(0);
    // A and c are linear with k pinned: covariance (JᵀJ)⁻¹ · χ²/dof over them alone, J = [exp(−k x), 1]
    const e = Array.from(xs, (x) => Math.exp(-0.5 * x));
    const s1 = e.reduce((s, v) => s + v, 0);
    const s2 = e.reduce((s, v) => s + v * v, 0);
    const det = xs.length * s2 - s1 * s1;
    expect(r.dof).toBe(xs.length - 2);
    const scale = r.chi2 / r.dof;
    expect(r.stdErrors[0] / Math.sqrt((xs.length / det) * scale)).toBeCloseTo(1, 6);
    expect(r.stdErrors[2] / Math.sqrt((s2 / det) * scale)).toBeCloseTo(1, 6);
    expect(r.covariance[0 * 3 + 2] / ((-s1 / det) * scale)).toBeCloseTo(1, 6);
  });

  it('holds fixed parameters at their initial value', () => {
    const y = new Float64Array(xs.length);
    expModel(Float64Array.of(5, 0.7, 1.5), y, null);
    const r = levenbergMarquardt(expModel, y, new Float64Array(xs.length).fill(1), [1, 0.7, 1.5], { fixed: [false, true, true] });
    expect(r.params[0]).toBeCloseTo(5, 9);
    expect(r.params[1]).toBe(0.7);
    expect(r.dof).toBe(xs.length - 1);
  });
});
