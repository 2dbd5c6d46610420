/**
 * runLm's outcome where it is known without running the least squares: no iteration allowed (the linear part
 * re-solved: χ² and the scale variance of the weighted linear least squares over the phase's unit column and the
 * Chebyshev terms, computed here by Gauss–Jordan), no non-linear parameter at all, and one refinement from a cell
 * 0.1 % off (a consistency check: the cell comes back, χ² goes down).
 */
import { describe, expect, it } from 'vitest';
import { calculatePattern, initialState } from './index';
import { runLm } from './lm';
import { buildParams, makeCtx } from './model';
import { resolveOptions } from './state';
import type { RietveldOptions } from './types';
import { cubicTestPhase, poissonNoise, seededRandom } from './testkit';
import { invertGaussJordan } from '../../../../test/support/gauss-jordan';

const x = Float64Array.from({ length: 1401 }, (_, i) => 2 + i * 0.01);
const fcc = cubicTestPhase('fcc', 3.6, 'F', 4 * 58.7);
const opts: RietveldOptions = { radiation: { wavelengthA: 0.2 }, profileStart: { W: 0.03 ** 2, eta: 0.4 }, backgroundTerms: 3 };

const st0 = initialState([fcc], opts);
st0.phases[0].scale = 2e-4;
st0.background = Float64Array.from([300, -40, 10]);
st0.backgroundRangeDeg = [2, 16];
const y = poissonNoise(calculatePattern(x, [fcc], st0, opts).total, seededRandom(3));

/** Weighted linear least squares of y on fcc's unit column (cell aA) and T0, T1, T2: χ² and the scale's variance. */
function linearReference(aA: number): { chi2: number; scaleVar: number } {
  const unit = initialState([fcc], opts);
  unit.phases[0].scale = 1;
  unit.phases[0].lattice = { aA, bA: aA, cA: aA, alphaDeg: 90, betaDeg: 90, gammaDeg: 90 };
  unit.background = new Float64Array(3);
  unit.backgroundRangeDeg = [2, 16];
  const col = calculatePattern(x, [fcc], unit, opts).phases[0];
  const u = Array.from(x, (t) => (2 * t - 18) / 14);
  const cols = [Array.from(col), u.map(() => 1), u, u.map((v) => 2 * v * v - 1)];
  const w = Array.from(y, (v) => 1 / Math.max(v, 1));
  const inv = invertGaussJordan(cols.map((ci) => cols.map((cj) => ci.reduce((s, v, i) => s + w[i] * v * cj[i], 0))));
  const rhs = cols.map((ci) => ci.reduce((s, v, i) => s + w[i] * v * y[i], 0));
  const coef = inv.map((row) => row.reduce((s, v, j) => s + v * rhs[j], 0));
  let chi2 = 0;
  for (let i = 0; i < x.length; i++) chi2 += w[i] * (y[i] - cols.reduce((s, c, k) => s + coef[k] * c[i], 0)) ** 2;
  return { chi2, scaleVar: inv[0][0] };
}

function ctxFor(o: RietveldOptions, aA = 3.6) {
  const st = initialState([fcc], o);
  st.phases[0].free = [aA];
  st.phases[0].lattice = { aA, bA: aA, cA: aA, alphaDeg: 90, betaDeg: 90, gammaDeg: 90 };
  const ctx = makeCtx({ twoThetaDeg: x, intensity: y }, [fcc], st, resolveOptions(o));
  buildParams(ctx);
  return ctx;
}

describe('runLm', () => {
  const ref = linearReference(3.6);
  it('no iteration allowed: the linear part only, not converged, no parameter variance', () => {
    const ctx = ctxFor(opts);
    expect(ctx.params.map((q) => q.kind)).toEqual(['zero', 'lat', 'prof', 'prof']);
    const out = runLm(ctx, undefined, 0);
    expect([out.iterations, out.converged]).toEqual([0, false]);
    expect(out.chi2 / ref.chi2).toBeCloseTo(1, 9);
    expect(out.scaleVar[0] / ref.scaleVar).toBeCloseTo(1, 7);
    expect(out.scaleCov[0]).toBe(out.scaleVar[0]);
    expect(Array.from(out.paramVar)).toEqual([0, 0, 0, 0]);
    expect(Array.from(out.paramCov)).toEqual(new Array(16).fill(0));
    // a χ² handed in is taken as the current one (not re-evaluated)
    expect(runLm(ctxFor(opts), 123, 0).chi2).toBe(123);
  });

  it('no non-linear parameter: converged at once, the same linear solution', () => {
    const ctx = ctxFor({ ...opts, refineZero: false, refineLattice: false, refineProfile: [] });
    expect(ctx.params).toEqual([]);
    const out = runLm(ctx);
    expect([out.iterations, out.converged]).toEqual([0, true]);
    expect(out.chi2 / ref.chi2).toBeCloseTo(1, 9);
    expect(out.scaleVar[0] / ref.scaleVar).toBeCloseTo(1, 7);
    expect(out.paramVar).toHaveLength(0);
  });

  it('from a cell 0.1 % off: converged within maxIterations, the cell back within 3σ, χ² below the start', () => {
    const ctx = ctxFor(opts, 3.6 * 1.001);
    const start = linearReference(3.6 * 1.001).chi2;
    const out = runLm(ctx);
    expect(out.converged).toBe(true);
    expect(out.iterations).toBeGreaterThanOrEqual(1);
    expect(out.iterations).toBeLessThanOrEqual(40);
    expect(out.chi2).toBeLessThan(start);
    const chi2Red = out.chi2 / (x.length - 8);
    const sigmaA = Math.sqrt(out.paramVar[1] * chi2Red);
    expect(sigmaA).toBeGreaterThan(0);
    expect(Math.abs(ctx.st.phases[0].lattice.aA - 3.6)).toBeLessThan(3 * sigmaA);
    // capped at one iteration: exactly one taken
    expect(runLm(ctxFor(opts, 3.6 * 1.001), undefined, 1).iterations).toBe(1);
  });
});
