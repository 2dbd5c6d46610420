/**
 * The frame context (model.ts makeCtx) and the parameter accessors, on small inputs computed by hand: which points
 * a 2θ range keeps (both ends inclusive), the messages of a refused frame, the background blocks of the normal
 * equations against sums written out here, the binary search of the line windows, and get/set of every kind of
 * parameter.
 */
import { describe, expect, it } from 'vitest';
import { initialState } from './index';
import { accumulatePhase, buildLinesOnly, ColumnMemo, getParam, lowerBound, makeCtx, setParam, Workspace, workspaceFor, type ParamRef } from './model';
import { resolveOptions } from './state';
import type { RietveldOptions } from './types';
import { cubicTestPhase } from './testkit';

const fcc = cubicTestPhase('fcc', 3.6, 'F', 4 * 58.7, 2);
// 5, 5.25, …, 10: binary fractions, so the ends of a range can sit exactly on a point
const x = Float64Array.from({ length: 21 }, (_, i) => 5 + 0.25 * i);
const y = Float64Array.from(x, (t) => 100 + 4 * t);
const opts: RietveldOptions = { radiation: { wavelengthA: 0.2 }, backgroundTerms: 3 };
const ctxOf = (o: RietveldOptions, pat = { twoThetaDeg: x, intensity: y }) => makeCtx(pat, [fcc], initialState([fcc], o), resolveOptions(o));

describe('the 2θ range of a frame', () => {
  it('keeps the points from twoThetaMinDeg to twoThetaMaxDeg, both included; the background spans them', () => {
    const ctx = ctxOf({ ...opts, twoThetaMinDeg: 6, twoThetaMaxDeg: 8.25 });
    expect(Array.from(ctx.x)).toEqual([6, 6.25, 6.5, 6.75, 7, 7.25, 7.5, 7.75, 8, 8.25]);
    expect(ctx.n).toBe(10);
    expect(Array.from(ctx.y)).toEqual(Array.from(ctx.x, (t) => 100 + 4 * t));
    expect(ctx.st.backgroundRangeDeg).toEqual([6, 8.25]);
    // 6 … 8: 9 points, one short
    expect(() => ctxOf({ ...opts, twoThetaMinDeg: 6, twoThetaMaxDeg: 8 })).toThrow('Rietveld: only 9 points in the 2θ range to refine');
    expect(() => ctxOf({ ...opts, twoThetaMinDeg: 6.25, twoThetaMaxDeg: 8.25 })).toThrow('Rietveld: only 9 points in the 2θ range to refine');
  });

  it('a fixed range keeps the state’s background range (a calculated pattern)', () => {
    const st = initialState([fcc], opts);
    st.backgroundRangeDeg = [1, 20];
    const ctx = makeCtx({ twoThetaDeg: x, intensity: y }, [fcc], st, resolveOptions(opts), true);
    expect(st.backgroundRangeDeg).toEqual([1, 20]);
    // T1 at 2θ = 10.5 over [1, 20] is (21 − 21)/19 = 0; at 5: (10 − 21)/19
    expect(ctx.bg[1][0]).toBeCloseTo(-11 / 19, 15);
  });

  it('refuses a grid that does not increase, naming the point and both values', () => {
    const bad = x.slice();
    bad[3] = bad[2];
    expect(() => ctxOf(opts, { twoThetaDeg: bad, intensity: y })).toThrow('Rietveld: 2θ must increase point by point (point 3: 5.5 then 5.5)');
    const late = x.slice();
    late[20] = 9;
    expect(() => ctxOf({ ...opts, twoThetaMinDeg: 6 }, { twoThetaDeg: late, intensity: y })).toThrow('(point 20: 9.75 then 9)');
  });

  it('the background blocks: Gram Σ w Tb Tc and right-hand side Σ w Tb y, with Σ w y², as written out here', () => {
    const ctx = ctxOf(opts);
    // Poisson weights 1/y (y ≥ 120 here); Chebyshev T0 = 1, T1 = u, T2 = 2u² − 1 with u = (2x − 15)/5
    const T: ((u: number) => number)[] = [() => 1, (u) => u, (u) => 2 * u * u - 1];
    const u = Array.from(x, (t) => (2 * t - 15) / 5);
    for (let b = 0; b < 3; b++) {
      let rhs = 0;
      for (let i = 0; i < 21; i++) rhs += (T[b](u[i]) * y[i]) / y[i];
      expect(ctx.bgRhs[b], `rhs ${b}`).toBeCloseTo(rhs, 10);
      for (let c = 0; c < 3; c++) {
        let g = 0;
        for (let i = 0; i < 21; i++) g += (T[b](u[i]) * T[c](u[i])) / y[i];
        expect(ctx.bgGram[b * 3 + c], `gram ${b}${c}`).toBeCloseTo(g, 12);
      }
    }
    expect(ctx.bgRhs[0]).toBeCloseTo(21, 12); // Σ (1/y)·y over 21 points
    expect(ctx.sumWy2).toBeCloseTo(y.reduce((s, v) => s + v, 0), 9);
    expect(Array.from(ctx.yScaled)).toEqual(Array.from(y, (v) => Math.sqrt(1 / v) * v));
    expect(ctx.bgScaled[1][0]).toBe(ctx.sqrtW[0] * -1);
    // fresh per-phase state of the context
    expect([ctx.inModel, ctx.atZero, ctx.bActive, ctx.profileActive, ctx.trust]).toEqual([[true], [false], [false], [true], null]);
    expect(ctx.cols).toHaveLength(1);
    expect(ctx.cols[0]).toHaveLength(21);
  });

  it('a dropped phase starts out of the model', () => {
    const st = initialState([fcc, fcc], opts);
    st.phases[1].dropped = true;
    expect(makeCtx({ twoThetaDeg: x, intensity: y }, [fcc, fcc], st, resolveOptions(opts)).inModel).toEqual([true, false]);
  });
});

describe('lowerBound', () => {
  it('the first index whose value is not below v', () => {
    const a = Float64Array.of(1, 2, 2, 3, 5);
    expect([0, 1, 1.5, 2, 2.5, 3, 4, 5, 6].map((v) => lowerBound(a, v))).toEqual([0, 0, 1, 1, 3, 3, 4, 4, 5]);
    expect(lowerBound(new Float64Array(0), 1)).toBe(0);
  });
});

describe('getParam and setParam', () => {
  const ref = (kind: ParamRef['kind'], phase: number, index = 0, name: ParamRef['name'] = null): ParamRef => ({ kind, phase, index, name, step: 1, min: -10, max: 10 });
  it('zero, displacement, a cell parameter (the cell rebuilt), ΔB, a phase’s profile term and a shared one', () => {
    const hex = { ...fcc, id: 'hex', lattice: { aA: 3, bA: 3, cA: 5, alphaDeg: 90, betaDeg: 90, gammaDeg: 120 } };
    const st = initialState([fcc, hex], opts);
    const ctx = makeCtx({ twoThetaDeg: x, intensity: y }, [fcc, hex], st, resolveOptions(opts));
    setParam(ctx, ref('zero', -1), 0.02);
    setParam(ctx, ref('disp', -1), -0.01);
    setParam(ctx, ref('lat', 1, 1), 5.5);
    setParam(ctx, ref('dw', 1), 0.4);
    setParam(ctx, ref('prof', 1, 0, 'size'), 0.03);
    expect([st.zeroShiftDeg, st.displacementDeg]).toEqual([0.02, -0.01]);
    expect(st.phases[1].free).toEqual([3, 5.5]);
    expect(st.phases[1].lattice).toEqual({ aA: 3, bA: 3, cA: 5.5, alphaDeg: 90, betaDeg: 90, gammaDeg: 120 });
    expect([st.phases[1].bOffsetA2, st.phases[0].bOffsetA2]).toEqual([0.4, 0]);
    expect([st.phases[1].profile.size, st.phases[0].profile.size]).toEqual([0.03, undefined]);
    expect([
      getParam(ctx, ref('zero', -1)), getParam(ctx, ref('disp', -1)), getParam(ctx, ref('lat', 1, 1)), getParam(ctx, ref('lat', 1, 0)),
      getParam(ctx, ref('dw', 1)), getParam(ctx, ref('prof', 1, 0, 'size')), getParam(ctx, ref('prof', 0, 0, 'size')),
    ]).toEqual([0.02, -0.01, 5.5, 3, 0.4, 0.03, 0]);
    // phase 0's own term: phase 0 only (not a shared term)
    setParam(ctx, ref('prof', 0, 0, 'eta'), 0.7);
    expect(st.phases.map((p) => p.profile.eta)).toEqual([0.7, 0.5]); // 0.5: the default start
    // a shared profile term (phase −1): set on every phase, read from the first
    setParam(ctx, ref('prof', -1, 0, 'W'), 0.002);
    expect(st.phases.map((p) => p.profile.W)).toEqual([0.002, 0.002]);
    st.phases[1].profile.W = 0.005;
    expect(getParam(ctx, ref('prof', -1, 0, 'W'))).toBe(0.002);
  });
});

describe('the work arrays of a chain (Workspace)', () => {
  it('hands out the same arrays for the same key and length, new ones for another length; the list is a copy', () => {
    const ws = new Workspace();
    const [a, b] = ws.arrays('k', 2, 5);
    expect([a.length, b.length]).toEqual([5, 5]);
    expect(a).not.toBe(b);
    const again = ws.arrays('k', 2, 5);
    expect(again[0]).toBe(a);
    expect(again[1]).toBe(b);
    const three = ws.arrays('k', 3, 5);
    expect(three.slice(0, 2)).toEqual([a, b]);
    expect(three[0]).toBe(a);
    expect(three[2].length).toBe(5);
    expect(ws.arrays('k', 1, 5)).toHaveLength(1);
    three.pop();
    expect(ws.arrays('k', 3, 5)[2]).not.toBeUndefined();
    const six = ws.arrays('k', 2, 6);
    expect(six.map((v) => v.length)).toEqual([6, 6]);
    expect(six[0]).not.toBe(a);
    expect(ws.arrays('other', 1, 5)[0]).not.toBe(a);
    const one = ws.array('one', 4);
    expect(one.length).toBe(4);
    expect(ws.array('one', 4)).toBe(one);
    expect(ws.arrays('one', 1, 4)[0]).toBe(one);
  });

  it('keeps one column memo per phase and one workspace per phase list', () => {
    const ws = new Workspace();
    const two = ws.memos(2);
    expect(two).toHaveLength(2);
    expect(two[0]).toBeInstanceOf(ColumnMemo);
    expect(ws.memos(1)).toEqual([two[0]]);
    expect(ws.memos(1)[0]).toBe(two[0]);
    const three = ws.memos(3);
    expect(three[1]).toBe(two[1]);
    expect(three).toHaveLength(3);
    const list = [fcc];
    expect(workspaceFor(list)).toBe(workspaceFor(list));
    expect(workspaceFor([fcc])).not.toBe(workspaceFor(list));
  });
});

describe('a line’s intensity', () => {
  it('the area of a Gaussian line is m|F|² × ratio × LP(2θ) × exp(−ΔB/(2d²)), LP at the line’s own 2θ', () => {
    // one reflection, 111 of a = 3.6 Å at λ = 0.2 Å: 2θ = 2·asin(λ√3/(2a)); η = 0 (Gaussian: nothing beyond the cut)
    const one = { ...fcc, h: Int32Array.of(1), k: Int32Array.of(1), l: Int32Array.of(1), intensities: { multFsq: Float64Array.of(8e4), cellMassAmu: 1 } };
    const fine = Float64Array.from({ length: 4001 }, (_, i) => 4.5 + i * 0.0005);
    const o: RietveldOptions = { radiation: { wavelengthA: 0.2, wavelength2A: 0.2004, ratio21: 0.5 }, profileStart: { W: 0.02 ** 2, eta: 0 }, backgroundTerms: 1, polarisationK: 0.3, monochromatorTwoThetaDeg: 20 };
    const st = initialState([one], o);
    st.phases[0].bOffsetA2 = 0.5;
    const ctx = makeCtx({ twoThetaDeg: fine, intensity: new Float64Array(fine.length).fill(1) }, [one], st, resolveOptions(o));
    buildLinesOnly(ctx);
    accumulatePhase(ctx, 0, false);
    const d2 = 3.6 ** 2 / 3;
    const lp = (tt: number) => {
      const th = (tt * Math.PI) / 360;
      const c2 = Math.cos(2 * th) ** 2;
      return (0.3 + 0.7 * c2 * Math.cos((20 * Math.PI) / 180) ** 2) / (Math.sin(th) ** 2 * Math.cos(th));
    };
    const tt1 = (2 * Math.asin((0.2 * Math.sqrt(3)) / 7.2) * 180) / Math.PI;
    const tt2 = (2 * Math.asin((0.2004 * Math.sqrt(3)) / 7.2) * 180) / Math.PI;
    const dw = Math.exp(-0.5 / (2 * d2));
    const want = 8e4 * dw * (lp(tt1) + 0.5 * lp(tt2));
    // trapezoid area of the column (both lines well inside the grid, 0.0005° steps over a 0.02° FWHM)
    let area = 0;
    for (let i = 1; i < fine.length; i++) area += ((ctx.cols[0][i] + ctx.cols[0][i - 1]) / 2) * 0.0005;
    expect(area / want).toBeCloseTo(1, 6);
    // the first line's peak at its own 2θ
    expect(ctx.lines[0].pos[0]).toBeCloseTo(tt1, 12);
    expect(ctx.lines[0].pos[1]).toBeCloseTo(tt2, 12);
  });
});
