/**
 * The per-phase column memo (model.ts ColumnMemo): a column is reused only while every input it was computed from is
 * unchanged, and then holds the same bits as a fresh computation; any input changed gives a fresh computation.
 * Fresh columns come from a context with no workspace (calculatePattern's path: no memo carried over).
 */
import { describe, expect, it } from 'vitest';
import { initialState } from './engine';
import { accumulatePhase, buildLinesOnly, columnMemoHit, makeCtx, Workspace, type Ctx } from './model';
import { cloneState, resolveOptions, type RefinementState } from './state';
import type { RietveldOptions, RietveldPattern } from './types';
import { cubicTestPhase } from './testkit';

const x = Float64Array.from({ length: 1401 }, (_, i) => 2 + i * 0.01);
const pattern: RietveldPattern = { twoThetaDeg: x, intensity: new Float64Array(x.length).fill(100) };
const phases = [cubicTestPhase('fcc', 3.6, 'F', 4 * 58.7), cubicTestPhase('bcc', 2.87, 'I', 2 * 55.85)];
const options: RietveldOptions = { radiation: { wavelengthA: 0.2 }, profileStart: { W: 0.03 ** 2, eta: 0.4 } };

function startState(): RefinementState {
  const st = initialState(phases, options);
  st.phases.forEach((ps) => (ps.scale = 1));
  return st;
}

/** A context on a workspace (memo kept between contexts, as in a chain) with its lines built. */
function ctxOn(ws: Workspace, st: RefinementState, opts = options, pat = pattern): Ctx {
  const ctx = makeCtx(pat, phases, st, resolveOptions(opts), false, ws);
  buildLinesOnly(ctx);
  return ctx;
}

/** Phase p's column computed afresh (no workspace, no memo). */
function freshColumn(st: RefinementState, p: number, opts = options, pat = pattern): Float64Array {
  const ctx = makeCtx(pat, phases, cloneState(st), resolveOptions(opts), false, null);
  buildLinesOnly(ctx);
  accumulatePhase(ctx, p, false);
  return ctx.cols[p].slice();
}

const sameBits = (a: Float64Array, b: Float64Array): boolean => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe('column memo', () => {
  it('a hit leaves the column as computed, the same bits as a fresh computation, also in the next context', () => {
    const ws = new Workspace();
    const st = startState();
    const ctx = ctxOn(ws, st);
    expect(columnMemoHit(ctx, 0)).toBe(false);
    accumulatePhase(ctx, 0, false);
    const first = ctx.cols[0].slice();
    expect(columnMemoHit(ctx, 0)).toBe(true);
    // mark the array: a hit must not recompute it
    ctx.cols[0][0] = 12345;
    accumulatePhase(ctx, 0, false);
    expect(ctx.cols[0][0]).toBe(12345);
    ctx.cols[0][0] = first[0];
    expect(sameBits(ctx.cols[0], freshColumn(st, 0))).toBe(true);
    // the next frame on the same grid (another array with the same points) and the same state: still a hit
    const next = ctxOn(ws, cloneState(st), options, { twoThetaDeg: x.slice(), intensity: new Float64Array(x.length).fill(7) });
    expect(columnMemoHit(next, 0)).toBe(true);
    expect(columnMemoHit(next, 1)).toBe(false);
  });

  const changes: [string, (st: RefinementState) => void][] = [
    ['zero shift', (st) => (st.zeroShiftDeg = 1e-3)],
    ['zero shift −0', (st) => (st.zeroShiftDeg = -0)],
    ['displacement', (st) => (st.displacementDeg = 2e-3)],
    ['cell', (st) => (st.phases[0].lattice = { ...st.phases[0].lattice, aA: 3.6001, bA: 3.6001, cA: 3.6001 })],
    ['W', (st) => (st.phases[0].profile.W *= 1.01)],
    ['U', (st) => (st.phases[0].profile.U = 1e-4)],
    ['η', (st) => (st.phases[0].profile.eta = 0.41)],
    ['size', (st) => (st.phases[0].profile.size = 0.01)],
    ['strain', (st) => (st.phases[0].profile.strain = 1e-4)],
    ['ΔB', (st) => (st.phases[0].bOffsetA2 = 0.1)],
    ['V', (st) => (st.phases[0].profile.V = 1e-4)],
    // X and Y are TCH terms: keys of the memo, no change of a pV column
    ['X', (st) => (st.phases[0].profile.X = 1e-3)],
    ['Y', (st) => (st.phases[0].profile.Y = 1e-3)],
    ['b alone', (st) => (st.phases[0].lattice = { ...st.phases[0].lattice, bA: 3.6001 })],
    ['c alone', (st) => (st.phases[0].lattice = { ...st.phases[0].lattice, cA: 3.6001 })],
    ['α', (st) => (st.phases[0].lattice = { ...st.phases[0].lattice, alphaDeg: 90.01 })],
    ['β', (st) => (st.phases[0].lattice = { ...st.phases[0].lattice, betaDeg: 90.01 })],
    ['γ', (st) => (st.phases[0].lattice = { ...st.phases[0].lattice, gammaDeg: 90.01 })],
    ['|F|²', (st) => (st.phases[0].intensities = { ...st.phases[0].intensities, multFsq: st.phases[0].intensities.multFsq.map((v) => v * 1.5) })],
  ];
  for (const [name, change] of changes) {
    it(`a change of ${name} is recomputed`, () => {
      const ws = new Workspace();
      const st = startState();
      const ctx = ctxOn(ws, st);
      accumulatePhase(ctx, 0, false);
      const before = ctx.cols[0].slice();
      change(st);
      expect(columnMemoHit(ctx, 0)).toBe(false);
      accumulatePhase(ctx, 0, false);
      const fresh = freshColumn(st, 0);
      expect(sameBits(ctx.cols[0], fresh)).toBe(true);
      // the change reaches the column (−0 only the key: the same numbers)
      if (!['zero shift −0', 'X', 'Y'].includes(name)) expect(sameBits(before, fresh)).toBe(false);
      expect(columnMemoHit(ctx, 0)).toBe(true);
    });
  }

  it('other line options, another grid, or a column computed with derivatives are not reused', () => {
    const ws = new Workspace();
    const st = startState();
    accumulatePhase(ctxOn(ws, st), 0, false);
    expect(columnMemoHit(ctxOn(ws, st, { ...options, polarisationK: 0.9 }), 0)).toBe(false);
    accumulatePhase(ctxOn(ws, st), 0, false);
    expect(columnMemoHit(ctxOn(ws, st, { ...options, cutoffFwhm: 8 }), 0)).toBe(false);
    accumulatePhase(ctxOn(ws, st), 0, false);
    for (const other of [
      { ...options, profile: 'tch' as const },
      { ...options, monochromatorTwoThetaDeg: 26.6 },
      { ...options, radiation: { wavelengthA: 0.2001 } },
      { ...options, radiation: { wavelengthA: 0.2, wavelength2A: 0.2005 } },
    ]) {
      expect(columnMemoHit(ctxOn(ws, st, other), 0), JSON.stringify(other)).toBe(false);
      accumulatePhase(ctxOn(ws, st), 0, false);
    }
    // the same two lines with another ratio
    const doublet = { ...options, radiation: { wavelengthA: 0.2, wavelength2A: 0.2005, ratio21: 0.5 } };
    accumulatePhase(ctxOn(ws, st, doublet), 0, false);
    expect(columnMemoHit(ctxOn(ws, st, doublet), 0)).toBe(true);
    expect(columnMemoHit(ctxOn(ws, st, { ...doublet, radiation: { ...doublet.radiation, ratio21: 0.4 } }), 0)).toBe(false);
    accumulatePhase(ctxOn(ws, st), 0, false);
    // a grid of another length
    expect(columnMemoHit(ctxOn(ws, st, options, { twoThetaDeg: x.subarray(0, 1400), intensity: pattern.intensity.subarray(0, 1400) }), 0)).toBe(false);
    accumulatePhase(ctxOn(ws, st), 0, false);
    const shifted = x.map((v, i) => (i === 700 ? v + 1e-9 : v));
    expect(columnMemoHit(ctxOn(ws, st, options, { twoThetaDeg: shifted, intensity: pattern.intensity }), 0)).toBe(false);
    const ctx = ctxOn(ws, st);
    accumulatePhase(ctx, 0, false);
    expect(columnMemoHit(ctx, 0)).toBe(true);
    accumulatePhase(ctx, 0, true);
    expect(columnMemoHit(ctx, 0)).toBe(false);
  });
});
