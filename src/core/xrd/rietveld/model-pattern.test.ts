/**
 * A phase's column, its runs, its line arrays and its Jacobian columns (model.ts geometry, accumulatePhase,
 * buildParams) pinned point by point against the model written out here from its formulas, on a small hand-made
 * phase: Bragg's law with zero shift and displacement (2θ + Z + D·cosθ), Caglioti + Scherrer + 4ε·tanθ widths
 * under the smooth floor, |F|²·ratio·LP(2θ)·exp(−ΔB/(2d²)) intensities, the area-normalised pseudo-Voigt with its
 * cut-off at cutoffFwhm FWHM and its Gaussian part cut at 3 FWHM, and the derivatives of that pseudo-Voigt worked
 * out by hand (∂/∂pos, ∂/∂H, ∂/∂η) times the forward differences of the line geometry with each parameter's own step
 * (backward at the upper bound). Fresh arrays each test (no workspace), inputs built inside each test.
 */
import { describe, expect, it } from 'vitest';
import { initialState } from './engine';
import { accumulatePhase, buildLinesOnly, buildParams, geometry, makeCtx, Workspace, type Ctx } from './model';
import { resolveOptions } from './state';
import type { RietveldOptions, RietveldPhase } from './types';

const DEG = Math.PI / 180;
const LN2 = Math.LN2;

/** A primitive cubic phase of a = 4 Å with the reflections given (m|F|² per reflection). */
function phaseOf(id: string, aA: number, hkl: [number, number, number][], multFsq: number[], bMeanA2 = 0.3): RietveldPhase {
  return {
    id,
    lattice: { aA, bA: aA, cA: aA, alphaDeg: 90, betaDeg: 90, gammaDeg: 90 },
    h: Int32Array.from(hkl.map((r) => r[0])),
    k: Int32Array.from(hkl.map((r) => r[1])),
    l: Int32Array.from(hkl.map((r) => r[2])),
    intensities: { multFsq: Float64Array.from(multFsq), cellMassAmu: 100, bMeanA2 },
  };
}

// 100, 110, 111 (|F|² = 0: no line), 200, and 999 (d = 4/√243 Å: sinθ = λ/2d > 1, out of reach)
const HKL: [number, number, number][] = [[1, 0, 0], [1, 1, 0], [1, 1, 1], [2, 0, 0], [9, 9, 9]];
const MULT = [600, 1200, 0, 300, 50];
const LAMBDAS = [1.5, 1.504];
const RATIOS = [1, 0.5];
const options: RietveldOptions = {
  radiation: { wavelengthA: 1.5, wavelength2A: 1.504, ratio21: 0.5 },
  polarisationK: 0.4,
  monochromatorTwoThetaDeg: 26.6,
  cutoffFwhm: 5,
  backgroundTerms: 2,
  refineZero: true,
  refineDisplacement: true,
  refineB: true,
  refineProfile: ['U', 'V', 'W', 'eta', 'size', 'strain'],
};
const PROFILE = { U: 0.01, V: -0.005, W: 0.004, X: 0, Y: 0, eta: 0.3, size: 0.02, strain: 0.001 };
// 15° … 50° in 0.02° steps; intensities 100 + i (weights 1/y, so √w differs point by point)
const grid = Float64Array.from({ length: 1751 }, (_, i) => 15 + 0.02 * i);
const counts = Float64Array.from(grid, (_, i) => 100 + i);

interface Inputs {
  aA: number;
  zero: number;
  disp: number;
  dB: number;
  U: number;
  V: number;
  W: number;
  eta: number;
  size: number;
  strain: number;
}
const START: Inputs = { aA: 4, zero: 0.03, disp: -0.02, dB: 0.4, ...PROFILE };

interface RefLine {
  pos: number;
  fwhm: number;
  eta: number;
  amp: number;
}

/** The lines of the phase written out from the formulas (null: out of reach), in the model's order (hkl, then λ). */
function refLines(v: Inputs, mult = MULT): (RefLine | null)[] {
  const out: (RefLine | null)[] = [];
  const mono2 = Math.cos(26.6 * DEG) ** 2;
  HKL.forEach(([h, k, l], r) => {
    const d = v.aA / Math.sqrt(h * h + k * k + l * l);
    LAMBDAS.forEach((lam, wi) => {
      const s = lam / (2 * d);
      if (s >= 1) {
        out.push(null);
        return;
      }
      const th = Math.asin(s);
      const t = Math.tan(th);
      const c = Math.cos(th);
      // Scherrer (K = 0.9; λ in nm = λ/10) and microstrain 4ε·tanθ, in degrees
      const hS = ((0.9 * (lam / 10) * v.size) / c) / DEG;
      const hE = (4 * v.strain * t) / DEG;
      const g2 = v.U * t * t + v.V * t + v.W + hS * hS + hE * hE;
      const fwhm = Math.sqrt((g2 + Math.sqrt(g2 * g2 + 4e-12)) / 2);
      const lp = (0.4 + 0.6 * Math.cos(2 * th) ** 2 * mono2) / (Math.sin(th) ** 2 * Math.cos(th));
      const amp = mult[r] * RATIOS[wi] * lp * Math.exp(-v.dB / (2 * d * d));
      out.push({ pos: (2 * th) / DEG + v.zero + v.disp * Math.cos(th), fwhm, eta: Math.min(1, Math.max(0, v.eta)), amp });
    });
  });
  return out;
}

/** Whether point x lies within a line's cut-off (both ends included). */
const inside = (x: number, ln: RefLine, cut: number): boolean => x >= ln.pos - cut * ln.fwhm && x - ln.pos <= cut * ln.fwhm;

/** The unit-scale column: Σ amp·pV(x − pos; H, η), the Gaussian part only where (dx/H)² < 9. */
function refColumn(lines: (RefLine | null)[], cut = 5): Float64Array {
  const col = new Float64Array(grid.length);
  for (const ln of lines) {
    if (!ln || ln.amp === 0) continue;
    grid.forEach((x, i) => {
      if (!inside(x, ln, cut)) return;
      const u = ((x - ln.pos) / ln.fwhm) ** 2;
      const lor = (ln.eta * (2 / Math.PI)) / (ln.fwhm * (1 + 4 * u));
      const gau = u < 9 ? ((1 - ln.eta) * 2 * Math.sqrt(LN2 / Math.PI) * Math.exp(-4 * LN2 * u)) / ln.fwhm : 0;
      col[i] += ln.amp * (lor + gau);
    });
  }
  return col;
}

/** The runs [count, lo, hi, …] of the points within the cut-off of some line with a nonzero intensity. */
function refRuns(lines: (RefLine | null)[], cut = 5): number[] {
  const on = grid.map(() => 0);
  for (const ln of lines) if (ln && ln.amp !== 0) grid.forEach((x, i) => (on[i] = inside(x, ln, cut) ? 1 : on[i]));
  const runs: number[] = [];
  for (let i = 0; i < on.length; i++) if (on[i] && !on[i - 1]) runs.push(i, on.indexOf(0, i) < 0 ? on.length : on.indexOf(0, i));
  return [runs.length / 2, ...runs];
}

/** |a − b| ≤ tol·scale for every element, scale the largest |b| (so near-zero tails are held to the same bar). */
function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, tol: number, label: string): void {
  expect(got.length, label).toBe(want.length);
  let scale = 0;
  for (let i = 0; i < want.length; i++) scale = Math.max(scale, Math.abs(want[i]));
  expect(scale, label).toBeGreaterThan(0);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < want.length; i++) {
    const e = Math.abs(got[i] - want[i]) / scale;
    // a NaN anywhere is the worst (and kept)
    if (Number.isNaN(e) || e > worst) {
      worst = e;
      at = i;
      if (Number.isNaN(e)) break;
    }
  }
  expect(worst, `${label}: worst at ${at} (${got[at]} vs ${want[at]})`).toBeLessThanOrEqual(tol);
}

function contextOf(phases: RietveldPhase[], v: Inputs, opts = options, ws: Workspace | null = null): Ctx {
  const st = initialState(phases, { ...opts, profileStart: { U: v.U, V: v.V, W: v.W, eta: v.eta, size: v.size, strain: v.strain } });
  st.zeroShiftDeg = v.zero;
  st.displacementDeg = v.disp;
  st.phases.forEach((ps) => {
    ps.bOffsetA2 = v.dB;
    ps.scale = 2.5;
  });
  return makeCtx({ twoThetaDeg: grid, intensity: counts }, phases, st, resolveOptions(opts), false, ws);
}

describe('a phase’s lines and column against the formulas written out', () => {
  it('positions, widths, η and intensities of every line (doublet, zero shift, displacement, ΔB, LP with monochromator)', () => {
    const ph = phaseOf('p', 4, HKL, MULT);
    const ctx = contextOf([ph], START);
    buildLinesOnly(ctx);
    const n = HKL.length * 2;
    const pos = new Float64Array(n);
    const fwhm = new Float64Array(n);
    const eta = new Float64Array(n);
    // work arrays come uninitialised (a workspace's last contents): every entry must be written
    const amp = new Float64Array(n).fill(NaN);
    [pos, fwhm, eta].forEach((a) => a.fill(NaN));
    geometry(ctx, 0, pos, fwhm, eta, amp);
    const ref = refLines(START);
    ref.forEach((ln, li) => {
      // a line out of reach: parked far off the grid with width 1, η 0 and no intensity
      const want = ln ?? { pos: 1e9, fwhm: 1, eta: 0, amp: 0 };
      expect(pos[li], `pos ${li}`).toBeCloseTo(want.pos, 11);
      expect(fwhm[li] / want.fwhm, `fwhm ${li}`).toBeCloseTo(1, 12);
      expect(eta[li], `eta ${li}`).toBe(want.eta);
      if (want.amp === 0) expect(amp[li], `amp ${li}`).toBe(0);
      else expect(amp[li] / want.amp, `amp ${li}`).toBeCloseTo(1, 12);
    });
    // a hand anchor: 100 at λ = 1.5 Å, a = 4 Å: sinθ = 1.5/8, 2θ = 21.61385…° (+0.03 − 0.02·cosθ, cosθ = 0.98226)
    expect(pos[0]).toBeCloseTo(2 * Math.asin(0.1875) / DEG + 0.03 - 0.02 * Math.sqrt(1 - 0.1875 ** 2), 12);
    expect(pos[0]).toBeCloseTo(21.61385 + 0.03 - 0.02 * 0.98226, 4);
    expect(Array.from(pos.subarray(8))).toEqual([1e9, 1e9]);
  });

  it('a triclinic cell: each line at 2·asin(λ/2d), 1/d² = hᵀG⁻¹h with G the direct metric (inverted here by cofactors)', () => {
    const lat = { aA: 4, bA: 5, cA: 6, alphaDeg: 80, betaDeg: 95, gammaDeg: 105 };
    const hkl: [number, number, number][] = [[1, 2, 3], [2, -1, 1], [1, 1, -2], [0, 1, 1], [1, 0, -1], [1, -1, 0]];
    const ph: RietveldPhase = { ...phaseOf('tri', 4, hkl, hkl.map(() => 100)), lattice: lat };
    const st = initialState([ph], { radiation: { wavelengthA: 1.5 } });
    expect(st.phases[0].system).toBe('triclinic');
    const ctx = makeCtx({ twoThetaDeg: grid, intensity: counts }, [ph], st, resolveOptions({ radiation: { wavelengthA: 1.5 } }));
    buildLinesOnly(ctx);
    const n = hkl.length;
    const [pos, fwhm, eta, amp] = [0, 1, 2, 3].map(() => new Float64Array(n));
    geometry(ctx, 0, pos, fwhm, eta, amp);
    const [ca, cb, cg] = [lat.alphaDeg, lat.betaDeg, lat.gammaDeg].map((t) => Math.cos(t * DEG));
    const G = [
      [16, 20 * cg, 24 * cb],
      [20 * cg, 25, 30 * ca],
      [24 * cb, 30 * ca, 36],
    ];
    const cof = (i: number, j: number) => {
      const r = [0, 1, 2].filter((v) => v !== i);
      const c = [0, 1, 2].filter((v) => v !== j);
      return ((i + j) % 2 ? -1 : 1) * (G[r[0]][c[0]] * G[r[1]][c[1]] - G[r[0]][c[1]] * G[r[1]][c[0]]);
    };
    const det = G[0][0] * cof(0, 0) + G[0][1] * cof(0, 1) + G[0][2] * cof(0, 2);
    hkl.forEach((v, r) => {
      let invD2 = 0;
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) invD2 += (v[i] * v[j] * cof(j, i)) / det;
      expect(pos[r], `${v}`).toBeCloseTo((2 * Math.asin(1.5 * Math.sqrt(invD2) / 2)) / DEG, 10);
    });
  });

  it('a reflection exactly at 2θ = 180° (sinθ = 1: LP infinite) is parked like one out of reach', () => {
    // a = 4 Å, λ = 4 Å: 100 at sinθ = 4/(2·4) = ½ (2θ = 60°), 200 at sinθ = 4/(2·2) = 1 exactly
    const ph = phaseOf('p', 4, [[1, 0, 0], [2, 0, 0]], [100, 100]);
    const o: RietveldOptions = { radiation: { wavelengthA: 4 } };
    const st = initialState([ph], o);
    const ctx = makeCtx({ twoThetaDeg: grid, intensity: counts }, [ph], st, resolveOptions(o));
    buildLinesOnly(ctx);
    const [pos, fwhm, eta, amp] = [0, 1, 2, 3].map(() => new Float64Array(2).fill(NaN));
    geometry(ctx, 0, pos, fwhm, eta, amp);
    expect(pos[0]).toBeCloseTo(60, 12);
    expect([pos[1], fwhm[1], eta[1], amp[1]]).toEqual([1e9, 1, 0, 0]);
  });

  it('η outside [0, 1] is clamped in the lines; ΔB = 0 leaves |F|² × ratio × LP', () => {
    const ph = phaseOf('p', 4, HKL, MULT);
    for (const v of [{ ...START, eta: 1.3, dB: 0 }, { ...START, eta: -0.2, dB: 0 }]) {
      const ctx = contextOf([ph], v);
      buildLinesOnly(ctx);
      const n = HKL.length * 2;
      const [pos, fwhm, eta, amp] = [0, 1, 2, 3].map(() => new Float64Array(n));
      geometry(ctx, 0, pos, fwhm, eta, amp);
      const ref = refLines(v);
      expect(eta[0]).toBe(v.eta > 1 ? 1 : 0);
      expect(amp[2] / (ref[2] as RefLine).amp).toBeCloseTo(1, 13);
    }
  });

  it('the unit-scale column, point by point, and its runs (lines with no intensity or out of reach leave none)', () => {
    const ph = phaseOf('p', 4, HKL, MULT);
    const ctx = contextOf([ph], START);
    buildLinesOnly(ctx);
    ctx.cols[0].fill(7); // the pass starts from zero, whatever the array held
    accumulatePhase(ctx, 0, false);
    const ref = refLines(START);
    expectClose(ctx.cols[0], refColumn(ref), 1e-12, 'column');
    const runs = Array.from(ctx.colRuns[0].subarray(0, 1 + 2 * ctx.colRuns[0][0]));
    expect(runs).toEqual(refRuns(ref));
    // 100, 110, 200 at two wavelengths 0.02°–0.04° apart: one merged run per reflection (111 has no intensity)
    expect(runs[0]).toBe(3);
    // the column is zero outside its runs and positive inside
    const r = runs.slice(1);
    ctx.cols[0].forEach((v, i) => {
      const within = [0, 2, 4].some((k) => i >= r[k] && i < r[k + 1]);
      expect(within ? v > 0 : v === 0, `point ${i}`).toBe(true);
    });
    // the lines of phase 0 stay in ctx.lines[0]
    expect(ctx.lines[0].pos[0]).toBeCloseTo((ref[0] as RefLine).pos, 11);
    expect(ctx.lines[0].amp[4]).toBe(0);
  });

  it('a Lorentzian line keeps its tails to the cut-off; a narrow cut-off shortens the runs', () => {
    const ph = phaseOf('p', 4, HKL, MULT);
    const v = { ...START, eta: 1 };
    for (const cut of [5, 1.5]) {
      const ctx = contextOf([ph], v, { ...options, cutoffFwhm: cut });
      buildLinesOnly(ctx);
      accumulatePhase(ctx, 0, false);
      const ref = refLines(v);
      expectClose(ctx.cols[0], refColumn(ref, cut), 1e-12, `column, cut ${cut}`);
      expect(Array.from(ctx.colRuns[0].subarray(0, 1 + 2 * ctx.colRuns[0][0])), `cut ${cut}`).toEqual(refRuns(ref, cut));
    }
  });

  it('lines that overlap the grid’s ends only in part add their points inside the grid; lines off the grid add none', () => {
    // 2θ of 100 ≈ 21.6°: a grid from 21.62° starts within its cut-off; 200 (≈ 44°) beyond the end of a grid to 43.9°
    const part = Float64Array.from({ length: 1115 }, (_, i) => 21.62 + 0.02 * i);
    const ph = phaseOf('p', 4, HKL, MULT);
    const ref = refLines(START);
    const want = new Float64Array(part.length);
    for (const ln of ref) {
      if (!ln || ln.amp === 0) continue;
      part.forEach((x, i) => {
        if (!inside(x, ln, 5)) return;
        const u = ((x - ln.pos) / ln.fwhm) ** 2;
        want[i] += ln.amp * ((ln.eta * (2 / Math.PI)) / (ln.fwhm * (1 + 4 * u)) + (u < 9 ? ((1 - ln.eta) * 2 * Math.sqrt(LN2 / Math.PI) * Math.exp(-4 * LN2 * u)) / ln.fwhm : 0));
      });
    }
    // the runs end at the grid's ends: [0, …) for 100, […, 1115) for 200, 110 between
    const on = Array.from(part, (x) => ref.some((ln) => ln !== null && ln.amp !== 0 && inside(x, ln, 5)));
    const edges: number[] = [];
    on.forEach((v, i) => {
      if (v && !on[i - 1]) edges.push(i);
      if (v && !on[i + 1]) edges.push(i + 1);
    });
    expect([edges[0], edges[edges.length - 1]]).toEqual([0, 1115]);
    for (const withDerivatives of [false, true]) {
      const st = initialState([ph], { ...options, profileStart: PROFILE });
      st.zeroShiftDeg = START.zero;
      st.displacementDeg = START.disp;
      st.phases[0].bOffsetA2 = START.dB;
      const ctx = makeCtx({ twoThetaDeg: part, intensity: new Float64Array(part.length).fill(50) }, [ph], st, resolveOptions(options));
      if (withDerivatives) buildParams(ctx);
      else buildLinesOnly(ctx);
      accumulatePhase(ctx, 0, withDerivatives);
      expectClose(ctx.cols[0], want, 1e-12, `partial grid (derivatives: ${withDerivatives})`);
      expect(ctx.cols[0][0]).toBeGreaterThan(0);
      expect(ctx.cols[0][part.length - 1]).toBeGreaterThan(0);
      expect(Array.from(ctx.colRuns[0].subarray(0, 1 + 2 * ctx.colRuns[0][0])), `derivatives: ${withDerivatives}`).toEqual([edges.length / 2, ...edges]);
    }
  });

  it('lines narrower than the grid step: a line with no point within its cut-off adds no run, with or without derivatives', () => {
    // U = V = W = 0, no size or strain: H = √(½·√(4·10⁻¹²)) = 10⁻³° (the smooth floor); cut-off ±5·10⁻³° on a 0.02° grid
    const v = { ...START, U: 0, V: 0, W: 0, size: 0, strain: 0 };
    const ref = refLines(v);
    expect((ref[0] as RefLine).fwhm).toBeCloseTo(1e-3, 12);
    const hits = ref.map((ln) => (ln && ln.amp !== 0 ? grid.filter((x) => inside(x, ln, 5)).length : -1));
    // built on purpose: some lines with intensity have no grid point, others have one
    expect(hits.filter((c) => c === 0).length).toBeGreaterThan(0);
    expect(hits.filter((c) => c > 0).length).toBeGreaterThan(0);
    const ph = phaseOf('p', 4, HKL, MULT);
    for (const withDerivatives of [false, true]) {
      const ctx = contextOf([ph], v);
      if (withDerivatives) buildParams(ctx);
      else buildLinesOnly(ctx);
      accumulatePhase(ctx, 0, withDerivatives);
      expectClose(ctx.cols[0], refColumn(ref), 1e-12, `column (derivatives: ${withDerivatives})`);
      expect(Array.from(ctx.colRuns[0].subarray(0, 1 + 2 * ctx.colRuns[0][0])), `derivatives: ${withDerivatives}`).toEqual(refRuns(ref));
    }
  });

  it('with a workspace, each phase’s lines stay its own after every column is computed', () => {
    const a = phaseOf('a', 4, HKL, MULT);
    const b = phaseOf('b', 3.5, HKL, MULT);
    const ws = new Workspace();
    const ctx = contextOf([a, b], START, options, ws);
    buildLinesOnly(ctx);
    accumulatePhase(ctx, 0, false);
    accumulatePhase(ctx, 1, false);
    const ra = refLines(START);
    const rb = refLines({ ...START, aA: 3.5 });
    expect(ctx.lines[0].pos[0]).toBeCloseTo((ra[0] as RefLine).pos, 11);
    expect(ctx.lines[1].pos[0]).toBeCloseTo((rb[0] as RefLine).pos, 11);
    expectClose(ctx.cols[0], refColumn(ra), 1e-12, 'phase a');
    expectClose(ctx.cols[1], refColumn(rb), 1e-12, 'phase b');
  });
});

/** The parameters of the test in buildParams' order, with how each moves the inputs. */
const PARAMS: [string, keyof Inputs][] = [
  ['zero', 'zero'],
  ['disp', 'disp'],
  ['lat', 'aA'],
  ['U', 'U'],
  ['V', 'V'],
  ['W', 'W'],
  ['eta', 'eta'],
  ['size', 'size'],
  ['strain', 'strain'],
  ['dw', 'dB'],
];

/**
 * The Jacobian columns ∂(scale·column)/∂param·√w: the pseudo-Voigt's own derivatives (by hand, below) times the
 * forward difference of each line's position, width, η (and intensity, for ΔB) with the parameter's step, backward
 * where a step forward passes the upper bound.
 */
function refJacobian(v: Inputs, steps: { key: keyof Inputs; step: number; max: number }[], scale: number, sqrtW: Float64Array): Float64Array[] {
  const base = refLines(v);
  return steps.map(({ key, step, max }) => {
    const h = v[key] + step > max ? -step : step;
    const moved = refLines({ ...v, [key]: v[key] + h });
    const jac = new Float64Array(grid.length);
    base.forEach((ln, li) => {
      const mv = moved[li];
      if (!ln || !mv || ln.amp === 0) return;
      const dPos = (mv.pos - ln.pos) / h;
      const dH = (mv.fwhm - ln.fwhm) / h;
      const dEta = (mv.eta - ln.eta) / h;
      const dAmp = key === 'dB' ? (mv.amp - ln.amp) / h : 0;
      const H = ln.fwhm;
      const e = ln.eta;
      grid.forEach((x, i) => {
        if (!inside(x, ln, 5)) return;
        const dx = x - ln.pos;
        const u = (dx / H) ** 2;
        // L = e·(2/π)/(H(1 + 4u)), G = (1 − e)·2√(ln2/π)/H·exp(−4 ln2 u) (G = 0 where u ≥ 9), u = dx²/H²:
        // ∂L/∂pos = L·8dx/(H²(1 + 4u)), ∂G/∂pos = G·8 ln2·dx/H²; ∂L/∂H = L(−1 + 8u/(1 + 4u))/H, ∂G/∂H = G(−1 + 8 ln2·u)/H;
        // ∂/∂e = (2/π)/(H(1 + 4u)) − 2√(ln2/π)/H·exp(−4 ln2 u)
        const lor1 = 2 / Math.PI / (H * (1 + 4 * u));
        const gau1 = u < 9 ? (2 * Math.sqrt(LN2 / Math.PI) * Math.exp(-4 * LN2 * u)) / H : 0;
        const L = e * lor1;
        const G = (1 - e) * gau1;
        const pPos = (L * 8 * dx) / (H * H * (1 + 4 * u)) + (G * 8 * LN2 * dx) / (H * H);
        const pH = (L * (-1 + (8 * u) / (1 + 4 * u))) / H + (G * (-1 + 8 * LN2 * u)) / H;
        const pEta = lor1 - gau1;
        jac[i] += scale * sqrtW[i] * (ln.amp * (pPos * dPos + pH * dH + pEta * dEta) + (L + G) * dAmp);
      });
    });
    return jac;
  });
}

describe('the Jacobian columns of one phase against the derivatives written out', () => {
  function check(v: Inputs, tol: number): void {
    const ph = phaseOf('p', v.aA, HKL, MULT);
    const ctx = contextOf([ph], v);
    ctx.bActive[0] = true;
    buildParams(ctx);
    // every kind of parameter, in order: zero, displacement, the cell length, the profile terms, ΔB last
    expect(ctx.params.map((q) => (q.kind === 'prof' ? q.name : q.kind))).toEqual(PARAMS.map((p) => p[0]));
    accumulatePhase(ctx, 0, true);
    // with derivatives the column is the same sum
    expectClose(ctx.cols[0], refColumn(refLines(v)), 1e-12, 'column with derivatives');
    const sqrtW = Float64Array.from(counts, (y) => Math.sqrt(1 / y));
    const steps = ctx.params.map((q, k) => ({ key: PARAMS[k][1], step: q.step, max: q.max }));
    const want = refJacobian(v, steps, 2.5, sqrtW);
    ctx.params.forEach((q, k) => expectClose(ctx.jac[k], want[k], tol, `∂/∂${PARAMS[k][0]}`));
  }

  it('0 < η < 1: every parameter (forward differences)', () => {
    check(START, 2e-7);
  });

  it('η = 1 at its upper bound: the step goes backward (a forward step is clamped to no change)', () => {
    check({ ...START, eta: 1 }, 2e-7);
  });

  it('η = 0: the Gaussian limit of ∂/∂η', () => {
    check({ ...START, eta: 0 }, 2e-7);
  });
});
