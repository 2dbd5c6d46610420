/**
 * Edge cases of the model's bookkeeping built on purpose: the column memo after the workspace handed out new column
 * arrays under unchanged inputs (a frame on another grid length in between), and the per-frame cell step limit
 * when the previous frame's value is not a usable length.
 */
import { describe, expect, it } from 'vitest';
import { initialState } from './engine';
import { accumulatePhase, buildLinesOnly, buildParams, columnMemoHit, makeCtx, Workspace } from './model';
import { resolveOptions } from './state';
import type { RietveldOptions } from './types';
import { cubicTestPhase } from './testkit';

const x = Float64Array.from({ length: 1401 }, (_, i) => 2 + i * 0.01);
const counts = new Float64Array(x.length).fill(100);
const options: RietveldOptions = { radiation: { wavelengthA: 0.2 }, profileStart: { W: 0.03 ** 2, eta: 0.4 } };

describe('the column memo when the column arrays are replaced', () => {
  it('a frame on another grid length in between: the next frame on the first grid computes its column again', () => {
    const fcc = cubicTestPhase('fcc', 3.6, 'F', 4 * 58.7, 6);
    const ws = new Workspace();
    const st = initialState([fcc], options);
    const ro = resolveOptions(options);
    const first = makeCtx({ twoThetaDeg: x, intensity: counts }, [fcc], st, ro, false, ws);
    buildLinesOnly(first);
    accumulatePhase(first, 0, false);
    const want = first.cols[0].slice();
    expect(want.some((v) => v > 0)).toBe(true);
    // a frame of 1400 points: the workspace hands out new arrays of that length (nothing computed in them)
    makeCtx({ twoThetaDeg: x.subarray(0, 1400), intensity: counts.subarray(0, 1400) }, [fcc], st, ro, false, ws);
    // back on 1401 points, the same state and options: new, zeroed column arrays — the memo holds another array
    const again = makeCtx({ twoThetaDeg: x.slice(), intensity: counts }, [fcc], st, ro, false, ws);
    buildLinesOnly(again);
    expect(again.cols[0]).not.toBe(first.cols[0]);
    expect(columnMemoHit(again, 0)).toBe(false);
    accumulatePhase(again, 0, false);
    expect(Array.from(again.cols[0])).toEqual(Array.from(want));
    // and now it is the memo's column
    expect(columnMemoHit(again, 0)).toBe(true);
  });
});

describe('the per-frame cell step limit', () => {
  it('a previous length that is not positive (0, NaN) or absent sets no limit: the cold-start ±20 %', () => {
    const fcc = cubicTestPhase('fcc', 3.6, 'F', 4 * 58.7, 2);
    const bounds = (prev: number[] | null): [number, number] => {
      const st = initialState([fcc], options);
      const ctx = makeCtx({ twoThetaDeg: x, intensity: counts }, [fcc], st, resolveOptions(options));
      if (prev) ctx.trust = [{ free: prev, profile: { U: 0, V: 0, W: 1e-3, X: 0, Y: 0, eta: 0.5 } }];
      buildParams(ctx);
      const q = ctx.params.find((p) => p.kind === 'lat');
      if (!q) throw new Error('no cell parameter');
      return [q.min, q.max];
    };
    // 3.6 × 0.8 and × 1.2
    const cold: [number, number] = [3.6 * 0.8, 3.6 * 1.2];
    expect(bounds(null)).toEqual(cold);
    expect(bounds([0])).toEqual(cold);
    expect(bounds([NaN])).toEqual(cold);
    expect(bounds([-3.6])).toEqual(cold);
    expect(bounds([])).toEqual(cold);
    // a usable previous length: ±1 % (cellStepLimit's default) around it
    expect(bounds([3.61])).toEqual([3.61 * 0.99, 3.61 * 1.01]);
  });
});

describe('which parameters a frame refines', () => {
  it('each switch off leaves its parameters out; a phase whose profile is held has none of its profile terms', () => {
    const fcc = cubicTestPhase('fcc', 3.6, 'F', 4 * 58.7, 2);
    const kinds = (o: RietveldOptions, setUp?: (ctx: ReturnType<typeof makeCtx>) => void): string[] => {
      const ctx = makeCtx({ twoThetaDeg: x, intensity: counts }, [fcc], initialState([fcc], o), resolveOptions(o));
      setUp?.(ctx);
      buildParams(ctx);
      return ctx.params.map((q) => (q.kind === 'prof' ? `${q.name}` : q.kind));
    };
    const base: RietveldOptions = { ...options, refineProfile: ['W', 'eta'] };
    // defaults: zero on, displacement off, the cell on, ΔB off
    expect(kinds(base)).toEqual(['zero', 'lat', 'W', 'eta']);
    expect(kinds({ ...base, refineZero: false })).toEqual(['lat', 'W', 'eta']);
    expect(kinds({ ...base, refineDisplacement: true })).toEqual(['zero', 'disp', 'lat', 'W', 'eta']);
    expect(kinds({ ...base, refineLattice: false })).toEqual(['zero', 'W', 'eta']);
    expect(kinds({ ...base, refineProfile: [] })).toEqual(['zero', 'lat']);
    expect(kinds(base, (ctx) => (ctx.profileActive[0] = false))).toEqual(['zero', 'lat']);
    // ΔB only where asked and active for the phase
    expect(kinds({ ...base, refineB: true })).toEqual(['zero', 'lat', 'W', 'eta']);
    expect(kinds({ ...base, refineB: true }, (ctx) => (ctx.bActive[0] = true))).toEqual(['zero', 'lat', 'W', 'eta', 'dw']);
    expect(kinds(base, (ctx) => (ctx.bActive[0] = true))).toEqual(['zero', 'lat', 'W', 'eta']);
  });
});

describe('one profile for all phases', () => {
  it('its terms are refined while any phase in the model is not frozen, and not when none is', () => {
    const a = cubicTestPhase('a', 3.6, 'F', 4 * 58.7, 2);
    const b = cubicTestPhase('b', 2.87, 'I', 2 * 55.85, 2);
    const o: RietveldOptions = { ...options, sharedProfile: true, refineProfile: ['W'], refineZero: false };
    const kinds = (setUp: (ctx: ReturnType<typeof makeCtx>) => void): string[] => {
      const ctx = makeCtx({ twoThetaDeg: x, intensity: counts }, [a, b], initialState([a, b], o), resolveOptions(o));
      setUp(ctx);
      buildParams(ctx);
      return ctx.params.map((q) => `${q.kind === 'prof' ? q.name : q.kind}${q.phase}`);
    };
    expect(kinds(() => undefined)).toEqual(['W-1', 'lat0', 'lat1']);
    // one phase frozen: the other still refines the shared profile
    expect(kinds((ctx) => (ctx.st.phases[0].frozen = true))).toEqual(['W-1', 'lat1']);
    // every phase in the model frozen (the other dropped): no profile term, no cell
    expect(kinds((ctx) => {
      ctx.st.phases[0].frozen = true;
      ctx.inModel[1] = false;
    })).toEqual([]);
    expect(kinds((ctx) => ctx.st.phases.forEach((ps) => (ps.frozen = true)))).toEqual([]);
  });
});

describe('the background basis kept by a workspace', () => {
  it('reused for the same grid only: a grid of the same length, range and terms but other points gets its own', () => {
    const fcc = cubicTestPhase('fcc', 3.6, 'F', 4 * 58.7, 2);
    const o: RietveldOptions = { ...options, backgroundTerms: 3 };
    const ws = new Workspace();
    // Chebyshev T1 = u, T2 = 2u² − 1 with u = (2x − lo − hi)/(hi − lo) over the state's range [2, 16]
    const cheb = (g: Float64Array) => [Array.from(g, (t) => (2 * t - 18) / 14), Array.from(g, (t) => 2 * ((2 * t - 18) / 14) ** 2 - 1)];
    const ctxOn = (g: Float64Array) => {
      const st = initialState([fcc], o);
      st.backgroundRangeDeg = [2, 16];
      return makeCtx({ twoThetaDeg: g, intensity: counts }, [fcc], st, resolveOptions(o), true, ws);
    };
    const first = ctxOn(x);
    // the same points in another array: the same basis arrays
    const again = ctxOn(x.slice());
    expect(again.bg).toBe(first.bg);
    // the same length, other points (one moved, then all shifted): computed for them
    for (const g of [x.map((t, i) => (i === 700 ? t + 0.005 : t)), x.map((t) => t + 0.004)]) {
      const other = ctxOn(g);
      const [t1, t2] = cheb(g);
      other.bg[1].forEach((v, i) => expect(v).toBeCloseTo(t1[i], 12));
      other.bg[2].forEach((v, i) => expect(v).toBeCloseTo(t2[i], 12));
      expect(other.bg[1][700]).toBeCloseTo((2 * g[700] - 18) / 14, 12);
    }
  });
});
