/**
 * Hill–Howard σ(W) where a phase's W cannot move (linear.ts hillHoward): W of a single phase is identically 1, and
 * W of a phase held at scale 0 identically 0, so their σ is 0 whatever the scale covariance says — even an unbounded
 * or undefined one (a scale from a nearly singular normal matrix). Hand-computed: ∂W_p/∂S_i = zmv_i (δ_pi − W_p)/Σ
 * is 0 for every i when W_p = 1 (i = p) or when p's only other terms are held scales.
 */
import { describe, expect, it } from 'vitest';
import { dot, dotW, evaluate, hillHoward } from './linear';
import { buildLinesOnly, makeCtx } from './model';
import { initialState, resolveOptions } from './state';
import { cubicTestPhase } from './testkit';
import { dotRuns, fullRuns } from './runs';

describe('hillHoward, a fraction that cannot move', () => {
  it('one phase: W = 1 and σ = 0 for an infinite or NaN scale variance (no 0·∞)', () => {
    for (const v of [Infinity, NaN, 4]) {
      const { w, sigma } = hillHoward([2e-4], [3], [v]);
      expect([Array.from(w), Array.from(sigma)]).toEqual([[1], [0]]);
    }
  });

  it('two phases, the first alone positive: W = [1, 0], σ = [0, 0] even with non-finite covariance entries', () => {
    const { w, sigma } = hillHoward([5, 0], [2, 7], [Infinity, NaN, NaN, Infinity]);
    expect([Array.from(w), Array.from(sigma)]).toEqual([[1, 0], [0, 0]]);
  });

  it('two positive, one held at 0: W = [1/4, 3/4, 0], σ = √(0.1875²·(0.01 + 0.04 − 2·0.005)) = 0.0375 each, the held one 0', () => {
    // Σ = 1·1 + 1·3 = 4; g for p = 0: (1·(1 − ¼)/4, 3·(0 − ¼)/4) = (0.1875, −0.1875); for p = 1 the negatives; the
    // held phase's row and column of the covariance (0.02, 0.03, 0.09) count for nobody
    const cov = [0.01, 0.005, 0.02, 0.005, 0.04, 0.03, 0.02, 0.03, 0.09];
    const { w, sigma } = hillHoward([1, 1, 0], [1, 3, 5], cov);
    expect(Array.from(w)).toEqual([0.25, 0.75, 0]);
    expect(sigma[0]).toBeCloseTo(0.0375, 15);
    expect(sigma[1]).toBeCloseTo(0.0375, 15);
    expect(sigma[2]).toBe(0);
  });
});

/**
 * The four partial sums of dot, dotW and dotRuns, pinned with sums that are not associative in doubles: point i goes
 * to lane i mod 4 (the tail past the last block of four to lane 0) and the lanes are added as ((s0 + s1) + s2) + s3.
 * With 1 at points 0 and 4, 1e16 at 1, −1e16 at 3: s0 = 2, s1 = 1e16, s3 = −1e16 and (2 + 1e16) − 1e16 = 2 exactly
 * (1e16 + 2 is a double); summed point after point the first 1 is lost (1 + 1e16 rounds to 1e16) and the sum is 1,
 * and a 1 in any lane but 0 would give 0 or 4. dotRuns must give the bits of dot (runs.ts), over any runs that
 * hold the nonzero points.
 */
describe('dot, dotW and dotRuns: four lanes', () => {
  it('[1, 1e16, 0, −1e16, 1]: 2 (a plain running sum gives 1)', () => {
    const a = Float64Array.from([1, 1e16, 0, -1e16, 1]);
    const one = new Float64Array(5).fill(1);
    let running = 0;
    for (const v of a) running += v;
    expect(running).toBe(1);
    expect([dot(a, one, 5), dotW(one, a, one, 5), dotW(one, one, a, 5)]).toEqual([2, 2, 2]);
    expect([dotRuns(a, one, 5, fullRuns(5)), dotRuns(one, a, 5, Float64Array.from([2, 0, 2, 3, 5]))]).toEqual([2, 2]);
  });

  it('nine points, runs starting inside a block of four and a tail point (8) in lane 0: 2', () => {
    const a = Float64Array.from([0, 1e16, 0, -1e16, 1, 0, 0, 0, 1]);
    const one = new Float64Array(9).fill(1);
    expect(dot(a, one, 9)).toBe(2);
    expect(dotW(one, a, one, 9)).toBe(2);
    expect(dotRuns(a, one, 9, Float64Array.from([1, 1, 9]))).toBe(2);
    expect(dotRuns(a, one, 9, Float64Array.from([3, 1, 2, 3, 5, 8, 9]))).toBe(2);
  });
});

describe('a linear system with no solution', () => {
  it('12 background terms over 10 points (a singular Gram matrix): every scale 0, the background left at its start, χ² = Σ w·y²', () => {
    // 10 points at 5.00 … 5.09° with y = 100 … 109 (w = 1/y): Σ w·y² = Σ y = 1045; no phase line near (fcc's first
    // line is at 2θ ≈ 5.5° for λ = 0.2 Å), and no subset of the columns with the 12 background terms is solvable
    const fcc = cubicTestPhase('fcc', 3.6, 'F', 4 * 58.7);
    const x = Float64Array.from({ length: 10 }, (_, i) => 5 + i * 0.01);
    const y = Float64Array.from({ length: 10 }, (_, i) => 100 + i);
    const o = { radiation: { wavelengthA: 0.2 }, backgroundTerms: 12 };
    const st = initialState([fcc], o);
    st.phases[0].scale = 1;
    const ctx = makeCtx({ twoThetaDeg: x, intensity: y }, [fcc], st, resolveOptions(o));
    buildLinesOnly(ctx);
    const chi2 = evaluate(ctx);
    expect(chi2).toBeCloseTo(1045, 9);
    expect(ctx.st.phases[0].scale).toBe(0);
    expect(Array.from(ctx.st.background)).toEqual(new Array(12).fill(0));
    expect(Array.from(ctx.model)).toEqual(new Array(10).fill(0));
  });
});
