/**
 * A phase whose start cell lies outside its own aRangeA (cellScan.ts): s = 1 is not admissible, so the scan must
 * pick the best admissible factor (any admissible cell beats an inadmissible start), and keep the start only when
 * no factor is admissible. Data: a noise-free fcc pattern at a = 3.6 Å (the start) over a flat 400; aRangeA
 * [3.61, 3.7] Å, so the admissible factors of ±2 % in coarse steps of 4 × 0.05 % are 1.004 … 1.02 (3.6 × 1.002 =
 * 3.6072 < 3.61), the best of them the nearest to the data, 1.004; around it the fine steps of 0.05 % reach 1.003
 * (3.6108 Å; 1.0025 gives 3.609, outside), and the fine single-phase scan after it (±0.4 %) finds nothing
 * admissible nearer: the cell ends at 3.6 × 1.003.
 */
import { describe, expect, it } from 'vitest';
import { calculatePattern, initialState } from './index';
import { scanCells, searchCells } from './cellScan';
import { buildLinesOnly, makeCtx } from './model';
import { resolveOptions } from './state';
import type { RietveldOptions, RietveldPhase } from './types';
import { cubicTestPhase, forwardPattern } from './testkit';

const x = Float64Array.from({ length: 1401 }, (_, i) => 2 + i * 0.01);
const opts: RietveldOptions = { radiation: { wavelengthA: 0.2 }, profileStart: { W: 0.03 ** 2, eta: 0.4 }, backgroundTerms: 1 };
const fcc = cubicTestPhase('fcc', 3.6, 'F', 4 * 58.7);
const bcc = cubicTestPhase('bcc', 2.87, 'I', 2 * 55.85);

function ctxWithRange(range: [number, number]) {
  const y = forwardPattern(x, [fcc], opts, [2e-4], [400]);
  const ph: RietveldPhase = { ...fcc, aRangeA: range };
  const ctx = makeCtx({ twoThetaDeg: x, intensity: y }, [ph], initialState([ph], opts), resolveOptions(opts));
  buildLinesOnly(ctx);
  return ctx;
}

describe('a start cell outside aRangeA', () => {
  it('cold start: the nearest admissible cell to the data, 3.6 × 1.003 Å, not the last one tried', () => {
    const ctx = ctxWithRange([3.61, 3.7]);
    searchCells(ctx);
    expect(ctx.st.phases[0].lattice.aA).toBeCloseTo(3.6 * 1.003, 9);
    expect(ctx.st.phases[0].free[0]).toBe(ctx.st.phases[0].lattice.aA);
  });

  it('no admissible factor within the scan (range [3.8, 3.9]): the start cell kept, its column and scale solved there', () => {
    const ctx = ctxWithRange([3.8, 3.9]);
    scanCells(ctx, [0], 0.02);
    expect(ctx.st.phases[0].lattice.aA).toBe(3.6);
    expect(ctx.st.phases[0].free).toEqual([3.6]);
    // the data are the start's own pattern: the scale comes back
    expect(ctx.st.phases[0].scale).toBeCloseTo(2e-4, 9);
  });

  it('a common scan with a second phase that has no range: the factor must suit the bounded one too', () => {
    // data: fcc and bcc both 1.2 % expanded; fcc bounded to [3.59, 3.605] Å (factors 0.9972 … 1.0014), bcc free
    const st = initialState([fcc, bcc], opts);
    st.phases.forEach((ps, p) => (ps.scale = [2e-4, 1e-3][p]));
    st.phases[0].lattice = { ...fcc.lattice, aA: 3.6 * 1.012, bA: 3.6 * 1.012, cA: 3.6 * 1.012 };
    st.phases[1].lattice = { ...bcc.lattice, aA: 2.87 * 1.012, bA: 2.87 * 1.012, cA: 2.87 * 1.012 };
    st.background = Float64Array.from([400]);
    st.backgroundRangeDeg = [x[0], x[x.length - 1]];
    const y = calculatePattern(x, [fcc, bcc], st, opts).total;
    const bounded: RietveldPhase = { ...fcc, aRangeA: [3.59, 3.605] };
    const ctx = makeCtx({ twoThetaDeg: x, intensity: y }, [bounded, bcc], initialState([bounded, bcc], opts), resolveOptions(opts));
    buildLinesOnly(ctx);
    scanCells(ctx, [0, 1], 0.02);
    const a = ctx.st.phases[0].lattice.aA;
    expect(a).toBeGreaterThanOrEqual(3.59);
    expect(a).toBeLessThanOrEqual(3.605);
    // bcc moved by the same factor (one common factor for both)
    expect(ctx.st.phases[1].lattice.aA / 2.87).toBeCloseTo(a / 3.6, 12);
  });
});
