/**
 * The singular linear solve when every candidate is dependent on the others (linear.ts mostDependent's last resort):
 * three phases whose columns are exactly c, 2c and 4c (|F|² doubled: every product of the column doubles exactly, so
 * the Gram blocks scale by powers of two and no rounding tells the columns apart). Each one's others are singular
 * themselves, so the weakest column (least |c|²) is held first; of the two left, one is exactly the other's double:
 * their 1 − R² are the same bits, and the first of them is held (the strict minimum keeps the first). The data are
 * the pattern of c at a known scale, so the phase left carries it divided by its multiple.
 */
import { describe, expect, it } from 'vitest';
import { calculatePattern, initialState, refinePattern } from './index';
import { evaluate } from './linear';
import { buildLinesOnly, makeCtx } from './model';
import { resolveOptions } from './state';
import type { RietveldOptions, RietveldPhase } from './types';
import { cubicTestPhase } from './testkit';
import { invertGaussJordan } from '../../../../test/support/gauss-jordan';

const x = Float64Array.from({ length: 1401 }, (_, i) => 2 + i * 0.01);
const fcc = cubicTestPhase('c', 3.6, 'F', 4 * 58.7);
const times = (id: string, k: number): RietveldPhase => ({ ...fcc, id, intensities: { ...fcc.intensities, multFsq: fcc.intensities.multFsq.map((v) => k * v) } });
const opts: RietveldOptions = { radiation: { wavelengthA: 0.2 }, profileStart: { W: 0.03 ** 2, eta: 0.4 }, refineLattice: false, refineZero: false, refineProfile: [] };

function data(s: number): Float64Array {
  const st = initialState([fcc], opts);
  st.phases[0].scale = s;
  st.background = Float64Array.from([300, -40, 10, 0, 0, 0, 0]);
  st.backgroundRangeDeg = [x[0], x[x.length - 1]];
  return calculatePattern(x, [fcc], st, opts).total;
}

describe('three exactly proportional phase columns', () => {
  const y = data(4e-4);
  const scales = (phases: RietveldPhase[]) => refinePattern({ twoThetaDeg: x, intensity: y }, phases, opts).result.phases.map((p) => p.scale);
  it('2c, 4c, c: c (the weakest) held first, then 2c (the first of an exactly dependent pair); 4c carries s/4', () => {
    const s = scales([times('2c', 2), times('4c', 4), times('c', 1)]);
    expect(s[0]).toBe(0);
    expect(s[2]).toBe(0);
    expect(s[1]).toBeCloseTo(1e-4, 12);
  });
  it('4c, c, 2c: c held first, then 4c; 2c carries s/2', () => {
    const s = scales([times('4c', 4), times('c', 1), times('2c', 2)]);
    expect(s[0]).toBe(0);
    expect(s[1]).toBe(0);
    expect(s[2]).toBeCloseTo(2e-4, 12);
  });
});

describe('one phase whose least-squares scale is negative', () => {
  it('held at 0 (the last of nP + 1 passes), the background then fitted alone: as the weighted fit on T0…T6 written out here', () => {
    // data: the background minus a little of the phase (over-subtracted), so its free scale would be negative
    const bg = data(0);
    const ph = calculatePatternUnit();
    const y = bg.map((v, i) => v - 1e-5 * ph[i]);
    const r = refinePattern({ twoThetaDeg: x, intensity: y }, [fcc], opts).result;
    expect(r.phases[0].scale).toBe(0);
    expect(r.phases[0].dropped).toBe(true);
    // independent: Gauss–Jordan on the normal equations of the 7 Chebyshev terms, weights 1/max(y, 1)
    const w = Array.from(y, (v) => 1 / Math.max(v, 1));
    const cols = Array.from({ length: 7 }, (_, k) => Array.from(x, (t) => Math.cos(k * Math.acos((2 * t - 18) / 14))));
    const inv = invertGaussJordan(cols.map((ci) => cols.map((cj) => ci.reduce((s, v, i) => s + w[i] * v * cj[i], 0))));
    const rhs = cols.map((ci) => ci.reduce((s, v, i) => s + w[i] * v * y[i], 0));
    const coef = inv.map((row) => row.reduce((s, v, j) => s + v * rhs[j], 0));
    Array.from(r.background).forEach((v, b) => expect(v, `T${b}`).toBeCloseTo(coef[b], 6));
    // the linear solve itself (not only the frame, which re-solves after dropping the phase): scale 0, χ² of the
    // background fit alone
    const ctx = makeCtx({ twoThetaDeg: x, intensity: y }, [fcc], initialState([fcc], opts), resolveOptions(opts));
    buildLinesOnly(ctx);
    const chi2 = evaluate(ctx);
    expect(ctx.st.phases[0].scale).toBe(0);
    let want = 0;
    for (let i = 0; i < x.length; i++) want += w[i] * (y[i] - coef.reduce((s, c, k) => s + c * cols[k][i], 0)) ** 2;
    expect(chi2 / want).toBeCloseTo(1, 9);
    Array.from(ctx.st.background).forEach((v, b) => expect(v, `T${b}`).toBeCloseTo(coef[b], 6));
  });
});

/** fcc's unit-scale column over x (scale 1, no background). */
function calculatePatternUnit(): Float64Array {
  const st = initialState([fcc], opts);
  st.phases[0].scale = 1;
  st.background = new Float64Array(1);
  st.backgroundRangeDeg = [x[0], x[x.length - 1]];
  return calculatePattern(x, [fcc], st, opts).phases[0];
}
