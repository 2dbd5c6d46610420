/**
 * One-pattern Rietveld refinement: model evaluation with analytic profile derivatives, and a Levenberg–Marquardt
 * loop over the non-linear parameters in which the linear ones (phase scales, Chebyshev background) are solved
 * exactly by weighted linear least squares at every evaluation (variable projection, Golub & Pereyra 1973;
 * Kaufman's step). Scales are kept ≥ 0 by an active set.
 */
import { cellVolume, freeFromLattice, inferCrystalSystem, latticeFromFree, reciprocalMetric } from './lattice';
import { solveSymmetric, invertSymmetric } from '../../math/linalg';
import { chebyshevBasis, GAUSS_NORM, LORENTZ_NORM, lineShape, lorentzPolarisationFactor } from './profile';
import type {
  CrystalSystem,
  FrameResult,
  LatticeParams,
  PhaseIntensities,
  ProfileKind,
  ProfileParamName,
  ProfileParams,
  RietveldOptions,
  RietveldPattern,
  RietveldPhase,
} from './types';

const DEG = Math.PI / 180;
const FOUR_LN2 = 4 * Math.LN2;
const EIGHT_LN2 = 8 * Math.LN2;

/** Refinable state of one phase; carried from frame to frame in a sequential refinement. */
export interface PhaseState {
  system: CrystalSystem;
  free: number[];
  lattice: LatticeParams;
  profile: ProfileParams;
  intensities: PhaseIntensities;
  scale: number;
  dropped: boolean;
  frozen: boolean;
  /** The cell has been refined in some frame (a phase absent so far still carries its starting cell). */
  everRefined: boolean;
}

/** Everything a frame starts from (and ends with). */
export interface RefinementState {
  phases: PhaseState[];
  zeroShiftDeg: number;
  displacementDeg: number;
  /** Chebyshev coefficients of the background over backgroundRangeDeg mapped to [−1, 1]. */
  background: Float64Array;
  backgroundRangeDeg: [number, number];
}

/** Options with defaults filled in. */
export interface ResolvedOptions {
  wavelengthsA: number[];
  lineRatios: number[];
  profile: ProfileKind;
  refineProfile: ProfileParamName[];
  sharedProfile: boolean;
  refineLattice: boolean;
  backgroundTerms: number;
  refineZero: boolean;
  refineDisplacement: boolean;
  polarisationK: number;
  monoCos2: number;
  cutoffFwhm: number;
  cellSearch: number;
  cellSearchFine: number;
  cellSearchStep: number;
  twoThetaMinDeg: number;
  twoThetaMaxDeg: number;
  maxIterations: number;
  tolerance: number;
  dropBelowWt: number;
  freezeBelowWt: number;
}

export function resolveOptions(o: RietveldOptions): ResolvedOptions {
  const profile = o.profile ?? 'pv';
  const r = o.radiation;
  const wl = [r.wavelengthA];
  const ratios = [1];
  if (r.wavelength2A && r.wavelength2A > 0 && (r.ratio21 ?? 0.5) > 0) {
    wl.push(r.wavelength2A);
    ratios.push(r.ratio21 ?? 0.5);
  }
  const mono = Math.cos(((o.monochromatorTwoThetaDeg ?? 0) * DEG));
  return {
    wavelengthsA: wl,
    lineRatios: ratios,
    profile,
    refineProfile: o.refineProfile ?? (profile === 'pv' ? ['W', 'eta'] : ['W', 'X']),
    sharedProfile: o.sharedProfile ?? false,
    refineLattice: o.refineLattice ?? true,
    backgroundTerms: o.backgroundTerms ?? 7,
    refineZero: o.refineZero ?? true,
    refineDisplacement: o.refineDisplacement ?? false,
    polarisationK: o.polarisationK ?? 0.5,
    monoCos2: mono * mono,
    cutoffFwhm: o.cutoffFwhm ?? 12,
    cellSearch: o.cellSearch ?? 0.02,
    cellSearchFine: o.cellSearchFine ?? 0.004,
    cellSearchStep: o.cellSearchStep ?? 0.0005,
    twoThetaMinDeg: o.twoThetaMinDeg ?? -Infinity,
    twoThetaMaxDeg: o.twoThetaMaxDeg ?? Infinity,
    maxIterations: o.maxIterations ?? 40,
    tolerance: o.tolerance ?? 1e-5,
    dropBelowWt: o.dropBelowWt ?? 0.005,
    freezeBelowWt: o.freezeBelowWt ?? 0.02,
  };
}

const DEFAULT_PROFILE: ProfileParams = { U: 0, V: 0, W: 1e-4, X: 0, Y: 0, eta: 0.5 };

/** The starting state of a refinement from the phases' own cells and the options' starting profile. */
export function initialState(phases: RietveldPhase[], options: RietveldOptions): RefinementState {
  const ro = resolveOptions(options);
  const shared: ProfileParams = { ...DEFAULT_PROFILE, ...options.profileStart };
  return {
    phases: phases.map((ph) => {
      const system = ph.crystalSystem ?? inferCrystalSystem(ph.lattice);
      const own = options.profileStartByPhase?.[ph.id];
      const profile = ro.sharedProfile ? shared : { ...shared, ...own };
      const free = freeFromLattice(system, ph.lattice);
      return {
        system,
        free,
        lattice: latticeFromFree(system, free, 0, ph.lattice),
        profile,
        intensities: ph.intensities,
        scale: 0,
        dropped: false,
        frozen: false,
        everRefined: false,
      };
    }),
    zeroShiftDeg: options.zeroShiftDeg ?? 0,
    displacementDeg: options.displacementDeg ?? 0,
    background: new Float64Array(ro.backgroundTerms),
    backgroundRangeDeg: [0, 1],
  };
}

/** Deep copy of a state (keeps a shared profile shared). */
export function cloneState(s: RefinementState): RefinementState {
  const copies = new Map<ProfileParams, ProfileParams>();
  return {
    phases: s.phases.map((p) => {
      let prof = copies.get(p.profile);
      if (!prof) {
        prof = { ...p.profile };
        copies.set(p.profile, prof);
      }
      return { ...p, free: p.free.slice(), lattice: { ...p.lattice }, profile: prof };
    }),
    zeroShiftDeg: s.zeroShiftDeg,
    displacementDeg: s.displacementDeg,
    background: s.background.slice(),
    backgroundRangeDeg: [s.backgroundRangeDeg[0], s.backgroundRangeDeg[1]],
  };
}

interface ParamRef {
  kind: 'zero' | 'disp' | 'lat' | 'prof';
  /** Owning phase, −1 for global parameters. */
  phase: number;
  index: number;
  name: ProfileParamName | null;
  step: number;
  min: number;
  max: number;
}

/** hkl quadratic terms, computed once per phase. */
interface Quad {
  hh: Float64Array;
  kk: Float64Array;
  ll: Float64Array;
  hk: Float64Array;
  hl: Float64Array;
  kl: Float64Array;
}
const quadCache = new WeakMap<RietveldPhase, Quad>();
function quadOf(ph: RietveldPhase): Quad {
  let q = quadCache.get(ph);
  if (!q) {
    const n = ph.h.length;
    q = { hh: new Float64Array(n), kk: new Float64Array(n), ll: new Float64Array(n), hk: new Float64Array(n), hl: new Float64Array(n), kl: new Float64Array(n) };
    for (let r = 0; r < n; r++) {
      const h = ph.h[r];
      const k = ph.k[r];
      const l = ph.l[r];
      q.hh[r] = h * h;
      q.kk[r] = k * k;
      q.ll[r] = l * l;
      q.hk[r] = h * k;
      q.hl[r] = h * l;
      q.kl[r] = k * l;
    }
    quadCache.set(ph, q);
  }
  return q;
}

/** Per-phase line arrays (a line = one reflection at one wavelength). */
interface LineSet {
  n: number;
  pos: Float64Array;
  fwhm: Float64Array;
  eta: Float64Array;
  amp: Float64Array;
  /** Derivatives of pos, fwhm, eta w.r.t. each relevant parameter (index into `rel`). */
  dPos: Float64Array[];
  dFwhm: Float64Array[];
  dEta: Float64Array[];
  rel: number[];
  tmpPos: Float64Array;
  tmpFwhm: Float64Array;
  tmpEta: Float64Array;
}

interface Ctx {
  ro: ResolvedOptions;
  phases: RietveldPhase[];
  st: RefinementState;
  x: Float64Array;
  y: Float64Array;
  w: Float64Array;
  n: number;
  bg: Float64Array[];
  /** Unit-scale phase columns. */
  cols: Float64Array[];
  lines: LineSet[];
  params: ParamRef[];
  jac: Float64Array[];
  model: Float64Array;
  /** Phases currently in the model (not dropped). */
  inModel: boolean[];
  /** Phases whose scale is held at zero by the non-negativity constraint in the last linear solve. */
  atZero: boolean[];
  bgGram: Float64Array;
  bgRhs: Float64Array;
  sumWy2: number;
  shape: Float64Array;
}

function lowerBound(x: Float64Array, v: number): number {
  let lo = 0;
  let hi = x.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function getParam(ctx: Ctx, q: ParamRef): number {
  if (q.kind === 'zero') return ctx.st.zeroShiftDeg;
  if (q.kind === 'disp') return ctx.st.displacementDeg;
  const ps = ctx.st.phases[q.phase < 0 ? 0 : q.phase];
  if (q.kind === 'lat') return ps.free[q.index];
  return ps.profile[q.name as ProfileParamName];
}

function setParam(ctx: Ctx, q: ParamRef, v: number): void {
  if (q.kind === 'zero') ctx.st.zeroShiftDeg = v;
  else if (q.kind === 'disp') ctx.st.displacementDeg = v;
  else if (q.kind === 'lat') {
    const ps = ctx.st.phases[q.phase];
    ps.free[q.index] = v;
    ps.lattice = latticeFromFree(ps.system, ps.free, 0, ps.lattice);
  } else if (q.phase < 0) {
    for (const ps of ctx.st.phases) ps.profile[q.name as ProfileParamName] = v;
  } else ctx.st.phases[q.phase].profile[q.name as ProfileParamName] = v;
}

/** Line positions, widths, η and intensities of phase p for the current state. */
function geometry(ctx: Ctx, p: number, pos: Float64Array, fwhm: Float64Array, eta: Float64Array, amp: Float64Array | null): void {
  const ro = ctx.ro;
  const ps = ctx.st.phases[p];
  const ph = ctx.phases[p];
  const q = quadOf(ph);
  const g = reciprocalMetric(ps.lattice);
  const nW = ro.wavelengthsA.length;
  const zero = ctx.st.zeroShiftDeg;
  const disp = ctx.st.displacementDeg;
  const shape = ctx.shape;
  const mult = ps.intensities.multFsq;
  for (let r = 0; r < ph.h.length; r++) {
    const invD2 = g[0] * q.hh[r] + g[1] * q.kk[r] + g[2] * q.ll[r] + g[3] * q.hk[r] + g[4] * q.hl[r] + g[5] * q.kl[r];
    const halfInvD = 0.5 * Math.sqrt(invD2);
    for (let wi = 0; wi < nW; wi++) {
      const li = r * nW + wi;
      const sinT = ro.wavelengthsA[wi] * halfInvD;
      if (!(sinT < 1)) {
        pos[li] = 1e9;
        fwhm[li] = 1;
        eta[li] = 0;
        if (amp) amp[li] = 0;
        continue;
      }
      const th = Math.asin(sinT);
      const cosT = Math.cos(th);
      pos[li] = (2 * th) / DEG + zero + disp * cosT;
      lineShape(ro.profile, ps.profile, th, shape);
      fwhm[li] = shape[0];
      eta[li] = shape[1];
      if (amp) amp[li] = mult[r] * ro.lineRatios[wi] * lorentzPolarisationFactor((2 * th) / DEG, ro.polarisationK, ro.monoCos2);
    }
  }
}

/** Fill the unit-scale column of phase p (and, with derivatives, add its share to the Jacobian columns). */
function accumulatePhase(ctx: Ctx, p: number, withDerivatives: boolean): void {
  const col = ctx.cols[p];
  col.fill(0);
  const ls = ctx.lines[p];
  geometry(ctx, p, ls.pos, ls.fwhm, ls.eta, ls.amp);
  const x = ctx.x;
  const n = ctx.n;
  const cut = ctx.ro.cutoffFwhm;
  const nRel = ls.rel.length;
  if (withDerivatives) {
    for (let k = 0; k < nRel; k++) {
      const q = ctx.params[ls.rel[k]];
      const v0 = getParam(ctx, q);
      setParam(ctx, q, v0 + q.step);
      geometry(ctx, p, ls.tmpPos, ls.tmpFwhm, ls.tmpEta, null);
      setParam(ctx, q, v0);
      const dp = ls.dPos[k];
      const dh = ls.dFwhm[k];
      const de = ls.dEta[k];
      const inv = 1 / q.step;
      for (let li = 0; li < ls.n; li++) {
        dp[li] = (ls.tmpPos[li] - ls.pos[li]) * inv;
        dh[li] = (ls.tmpFwhm[li] - ls.fwhm[li]) * inv;
        de[li] = (ls.tmpEta[li] - ls.eta[li]) * inv;
      }
    }
  }
  const scale = ctx.st.phases[p].scale;
  const jac = ctx.jac;
  const x0 = x[0];
  const x1 = x[n - 1];
  for (let li = 0; li < ls.n; li++) {
    const a = ls.amp[li];
    if (a === 0) continue;
    const c = ls.pos[li];
    const h = ls.fwhm[li];
    const lo = c - cut * h;
    const hi = c + cut * h;
    if (hi < x0 || lo > x1) continue;
    const e = ls.eta[li];
    const i0 = lowerBound(x, lo);
    const invH = 1 / h;
    const invH2 = invH * invH;
    const lNorm = a * e * LORENTZ_NORM * invH;
    const gNorm = a * (1 - e) * GAUSS_NORM * invH;
    if (!withDerivatives) {
      for (let i = i0; i < n; i++) {
        const dx = x[i] - c;
        if (dx > cut * h) break;
        const u = dx * dx * invH2;
        col[i] += lNorm / (1 + 4 * u) + gNorm * Math.exp(-FOUR_LN2 * u);
      }
      continue;
    }
    const sa = scale * a;
    for (let i = i0; i < n; i++) {
      const dx = x[i] - c;
      if (dx > cut * h) break;
      const u = dx * dx * invH2;
      const den = 1 / (1 + 4 * u);
      const lv = e * LORENTZ_NORM * invH * den;
      const gv = (1 - e) * GAUSS_NORM * invH * Math.exp(-FOUR_LN2 * u);
      col[i] += a * (lv + gv);
      if (sa === 0) continue;
      // d/dpos = −d/ddx; d/dH and d/dη of the normalised pseudo-Voigt
      const dPos = sa * (lv * 8 * dx * invH2 * den + gv * EIGHT_LN2 * dx * invH2);
      const dH = sa * (lv * (-invH + 8 * u * invH * den) + gv * (-invH + EIGHT_LN2 * u * invH));
      const dE = e > 0 && e < 1 ? sa * (lv / e - gv / (1 - e)) : sa * (LORENTZ_NORM * invH * den - GAUSS_NORM * invH * Math.exp(-FOUR_LN2 * u));
      for (let k = 0; k < nRel; k++) {
        jac[ls.rel[k]][i] += dPos * ls.dPos[k][li] + dH * ls.dFwhm[k][li] + dE * ls.dEta[k][li];
      }
    }
  }
}

function dotW(w: Float64Array, a: Float64Array, b: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += w[i] * a[i] * b[i];
  return s;
}

/**
 * Solve the linear parameters (scales ≥ 0, background) for the current columns; sets the state's scales and
 * background, the model, and returns χ² = Σ w (y − yc)².
 */
function solveLinear(ctx: Ctx): number {
  const { w, y, n, bg, cols, st } = ctx;
  const nB = bg.length;
  const nP = cols.length;
  const atZero = ctx.atZero;
  for (let p = 0; p < nP; p++) atZero[p] = !ctx.inModel[p];
  // phase Grams (computed once, reused over active-set passes)
  const pp = new Float64Array(nP * nP);
  const pb = new Float64Array(nP * nB);
  const py = new Float64Array(nP);
  for (let p = 0; p < nP; p++) {
    if (!ctx.inModel[p]) continue;
    const cp = cols[p];
    let sy = 0;
    for (let i = 0; i < n; i++) sy += w[i] * cp[i] * y[i];
    py[p] = sy;
    for (let q = p; q < nP; q++) if (ctx.inModel[q]) pp[p * nP + q] = pp[q * nP + p] = dotW(w, cp, cols[q], n);
    for (let b = 0; b < nB; b++) pb[p * nB + b] = dotW(w, cp, bg[b], n);
  }
  let sol: Float64Array | null = null;
  let idx: number[] = [];
  for (let pass = 0; pass <= nP; pass++) {
    idx = [];
    for (let p = 0; p < nP; p++) if (!atZero[p]) idx.push(p);
    const m = idx.length + nB;
    const a = new Float64Array(m * m);
    const rhs = new Float64Array(m);
    for (let i = 0; i < idx.length; i++) {
      for (let j = 0; j < idx.length; j++) a[i * m + j] = pp[idx[i] * nP + idx[j]];
      for (let b = 0; b < nB; b++) a[i * m + idx.length + b] = a[(idx.length + b) * m + i] = pb[idx[i] * nB + b];
      rhs[i] = py[idx[i]];
    }
    for (let b = 0; b < nB; b++) {
      for (let c = 0; c < nB; c++) a[(idx.length + b) * m + idx.length + c] = ctx.bgGram[b * nB + c];
      rhs[idx.length + b] = ctx.bgRhs[b];
    }
    sol = solveSymmetric(a, rhs, m);
    if (!sol) {
      // singular: drop the weakest phase column and retry
      if (idx.length === 0) break;
      let weakest = idx[0];
      for (const p of idx) if (pp[p * nP + p] < pp[weakest * nP + weakest]) weakest = p;
      atZero[weakest] = true;
      continue;
    }
    let worst = -1;
    let worstVal = 0;
    for (let i = 0; i < idx.length; i++) if (sol[i] < worstVal) { worstVal = sol[i]; worst = idx[i]; }
    if (worst < 0) break;
    atZero[worst] = true;
  }
  for (let p = 0; p < nP; p++) st.phases[p].scale = 0;
  if (sol) {
    for (let i = 0; i < idx.length; i++) st.phases[idx[i]].scale = sol[i];
    for (let b = 0; b < nB; b++) st.background[b] = sol[idx.length + b];
  }
  const model = ctx.model;
  model.fill(0);
  for (let b = 0; b < nB; b++) {
    const c = st.background[b];
    const col = bg[b];
    for (let i = 0; i < n; i++) model[i] += c * col[i];
  }
  for (let p = 0; p < nP; p++) {
    const s = st.phases[p].scale;
    if (s === 0) continue;
    const col = cols[p];
    for (let i = 0; i < n; i++) model[i] += s * col[i];
  }
  let chi2 = 0;
  for (let i = 0; i < n; i++) {
    const r = y[i] - model[i];
    chi2 += w[i] * r * r;
  }
  return chi2;
}

function evaluate(ctx: Ctx): number {
  for (let p = 0; p < ctx.phases.length; p++) if (ctx.inModel[p]) accumulatePhase(ctx, p, false);
  return solveLinear(ctx);
}

/** Build the parameter list for the phases in the model. */
function buildParams(ctx: Ctx, withProfile = true): void {
  const { st } = ctx;
  const ro = withProfile ? ctx.ro : { ...ctx.ro, refineProfile: [] as ProfileParamName[] };
  const params: ParamRef[] = [];
  if (ro.refineZero) params.push({ kind: 'zero', phase: -1, index: 0, name: null, step: 1e-5, min: -5, max: 5 });
  if (ro.refineDisplacement) params.push({ kind: 'disp', phase: -1, index: 0, name: null, step: 1e-5, min: -5, max: 5 });
  const profBounds = (name: ProfileParamName): [number, number, number] => {
    if (name === 'eta') return [1e-5, 0, 1];
    if (name === 'W') return [1e-8, 1e-9, 10];
    if (name === 'U') return [1e-7, 0, 10];
    if (name === 'V') return [1e-7, -10, 10];
    return [1e-6, 0, 10];
  };
  const anyActive = st.phases.some((ps, p) => ctx.inModel[p] && !ps.frozen);
  if (ro.sharedProfile && anyActive) {
    for (const name of ro.refineProfile) {
      const [step, min, max] = profBounds(name);
      params.push({ kind: 'prof', phase: -1, index: 0, name, step, min, max });
    }
  }
  st.phases.forEach((ps, p) => {
    if (!ctx.inModel[p] || ps.frozen) return;
    if (ro.refineLattice) {
      ps.free.forEach((v, i) => {
        const isAngle = ps.system === 'rhombohedral' ? i === 1 : ps.system === 'monoclinic' ? i === 3 : ps.system === 'triclinic' ? i >= 3 : false;
        const range = ctx.phases[p].aRangeA;
        const min = isAngle ? 30 : i === 0 && range ? range[0] : v * 0.8;
        const max = isAngle ? 150 : i === 0 && range ? range[1] : v * 1.2;
        params.push({ kind: 'lat', phase: p, index: i, name: null, step: isAngle ? 1e-5 : 1e-7 * v, min, max });
      });
    }
    if (!ro.sharedProfile) {
      for (const name of ro.refineProfile) {
        const [step, min, max] = profBounds(name);
        params.push({ kind: 'prof', phase: p, index: 0, name, step, min, max });
      }
    }
  });
  ctx.params = params;
  ctx.jac = params.map(() => new Float64Array(ctx.n));
  ctx.lines = ctx.phases.map((ph, p) => {
    const n = ph.h.length * ro.wavelengthsA.length;
    const rel: number[] = [];
    params.forEach((q, qi) => {
      if (q.phase === -1 || q.phase === p) rel.push(qi);
    });
    const mk = (): Float64Array => new Float64Array(n);
    return {
      n,
      pos: mk(),
      fwhm: mk(),
      eta: mk(),
      amp: mk(),
      dPos: rel.map(mk),
      dFwhm: rel.map(mk),
      dEta: rel.map(mk),
      rel,
      tmpPos: mk(),
      tmpFwhm: mk(),
      tmpEta: mk(),
    };
  });
}

function makeCtx(pattern: RietveldPattern, phases: RietveldPhase[], st: RefinementState, ro: ResolvedOptions, fixedRange = false): Ctx {
  const tt = pattern.twoThetaDeg;
  let i0 = 0;
  let i1 = tt.length;
  while (i0 < i1 && tt[i0] < ro.twoThetaMinDeg) i0++;
  while (i1 > i0 && tt[i1 - 1] > ro.twoThetaMaxDeg) i1--;
  const x = tt.slice(i0, i1);
  const y = pattern.intensity.slice(i0, i1);
  const n = x.length;
  if (n < 10) throw new Error(`Rietveld: only ${n} points in the 2θ range to refine`);
  for (let i = 1; i < n; i++) {
    if (!(x[i] > x[i - 1])) throw new Error(`Rietveld: 2θ must increase point by point (point ${i0 + i}: ${x[i - 1]} then ${x[i]})`);
  }
  const w = new Float64Array(n);
  const sig = pattern.sigma;
  for (let i = 0; i < n; i++) {
    // points without a finite intensity take no part (weight 0)
    if (!Number.isFinite(y[i])) {
      y[i] = 0;
      continue;
    }
    const s2 = sig ? sig[i0 + i] * sig[i0 + i] : Math.max(y[i], 1);
    w[i] = s2 > 0 && Number.isFinite(s2) ? 1 / s2 : 1 / Math.max(y[i], 1);
  }
  const nB = ro.backgroundTerms;
  if (!fixedRange) st.backgroundRangeDeg = [x[0], x[n - 1]];
  const bg = chebyshevBasis(x, nB, st.backgroundRangeDeg[0], st.backgroundRangeDeg[1]);
  const bgGram = new Float64Array(nB * nB);
  const bgRhs = new Float64Array(nB);
  for (let b = 0; b < nB; b++) {
    bgRhs[b] = dotW(w, bg[b], y, n);
    for (let c = b; c < nB; c++) bgGram[b * nB + c] = bgGram[c * nB + b] = dotW(w, bg[b], bg[c], n);
  }
  let sumWy2 = 0;
  for (let i = 0; i < n; i++) sumWy2 += w[i] * y[i] * y[i];
  return {
    ro,
    phases,
    st,
    x,
    y,
    w,
    n,
    bg,
    cols: phases.map(() => new Float64Array(n)),
    lines: [],
    params: [],
    jac: [],
    model: new Float64Array(n),
    inModel: st.phases.map((ps) => !ps.dropped),
    atZero: st.phases.map(() => false),
    bgGram,
    bgRhs,
    sumWy2,
    shape: new Float64Array(2),
  };
}

/** Outcome of one LM run: final χ², iterations, convergence, and the covariance of [scales, bg, params]. */
interface LmOutcome {
  chi2: number;
  iterations: number;
  converged: boolean;
  /** Standard uncertainty (unscaled by χ²) of each phase scale and of each non-linear parameter. */
  scaleVar: Float64Array;
  scaleCov: Float64Array;
  paramVar: Float64Array;
}

function runLm(ctx: Ctx): LmOutcome {
  const { ro, n, w, y, params, jac, cols, bg } = ctx;
  const nP = cols.length;
  const nB = bg.length;
  let chi2 = evaluate(ctx);
  let lambda = 1e-3;
  let iterations = 0;
  let converged = params.length === 0;
  const nQ = params.length;
  let lastNormal: { a: Float64Array; m: number; lin: number[]; nl: number[] } | null = null;
  for (; iterations < ro.maxIterations && nQ > 0; iterations++) {
    for (const j of jac) j.fill(0);
    for (let p = 0; p < nP; p++) if (ctx.inModel[p]) accumulatePhase(ctx, p, true);
    // residual
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) r[i] = y[i] - ctx.model[i];
    // columns of the joint system: phases with a positive scale, background, non-linear params whose phase is live
    const lin: number[] = [];
    for (let p = 0; p < nP; p++) if (ctx.st.phases[p].scale > 0) lin.push(p);
    const nl: number[] = [];
    params.forEach((q, qi) => {
      if (q.phase < 0 || ctx.st.phases[q.phase].scale > 0) nl.push(qi);
    });
    const colsAll: Float64Array[] = [...lin.map((p) => cols[p]), ...bg, ...nl.map((qi) => jac[qi])];
    const m = colsAll.length;
    const nLin = lin.length + nB;
    const a = new Float64Array(m * m);
    const g = new Float64Array(m);
    // the model derivative w.r.t. a scale is its unit-scale column; the background–background block comes from
    // the frame's Gram matrix (dot products column by column measured faster here than fused row passes)
    for (let i = 0; i < m; i++) {
      const ci = colsAll[i];
      g[i] = dotW(w, ci, r, n);
      for (let j = i; j < m; j++) {
        if (i >= lin.length && i < nLin && j < nLin) {
          a[i * m + j] = a[j * m + i] = ctx.bgGram[(i - lin.length) * nB + (j - lin.length)];
          continue;
        }
        a[i * m + j] = a[j * m + i] = dotW(w, ci, colsAll[j], n);
      }
    }
    // a parameter with no effect on the model (e.g. a width held at its floor) takes no step
    for (let k = nLin; k < m; k++) {
      if (!(a[k * m + k] > 0)) {
        for (let j = 0; j < m; j++) a[k * m + j] = a[j * m + k] = 0;
        a[k * m + k] = 1;
        g[k] = 0;
      }
    }
    lastNormal = { a, m, lin, nl };
    if (nl.length === 0) {
      converged = true;
      break;
    }
    const saved = params.map((q) => getParam(ctx, q));
    const savedState = { scales: ctx.st.phases.map((ps) => ps.scale), bgc: ctx.st.background.slice(), model: ctx.model.slice() };
    let accepted = false;
    let newChi2 = chi2;
    while (lambda < 1e10) {
      const damped = a.slice();
      for (let k = nLin; k < m; k++) damped[k * m + k] *= 1 + lambda;
      let delta = solveSymmetric(damped, g, m);
      // projected step: a parameter sitting on a bound that the step pushes outward is held for this step
      if (delta) {
        let held = false;
        const gh = g.slice();
        for (let k = 0; k < nl.length; k++) {
          const q = params[nl[k]];
          const v = saved[nl[k]];
          const d = delta[nLin + k];
          if ((v <= q.min && d < 0) || (v >= q.max && d > 0)) {
            const kk = nLin + k;
            for (let j = 0; j < m; j++) damped[kk * m + j] = damped[j * m + kk] = 0;
            damped[kk * m + kk] = 1;
            gh[kk] = 0;
            held = true;
          }
        }
        if (held) delta = solveSymmetric(damped, gh, m);
      }
      if (!delta) {
        lambda *= 10;
        continue;
      }
      for (let k = 0; k < nl.length; k++) {
        const q = params[nl[k]];
        const v = Math.min(q.max, Math.max(q.min, saved[nl[k]] + delta[nLin + k]));
        setParam(ctx, q, v);
      }
      newChi2 = evaluate(ctx);
      if (newChi2 < chi2) {
        accepted = true;
        lambda = Math.max(lambda / 5, 1e-9);
        break;
      }
      for (let k = 0; k < nQ; k++) setParam(ctx, params[k], saved[k]);
      lambda *= 6;
    }
    if (!accepted) {
      // restore the last good evaluation
      for (let k = 0; k < nQ; k++) setParam(ctx, params[k], saved[k]);
      ctx.st.phases.forEach((ps, p) => (ps.scale = savedState.scales[p]));
      ctx.st.background.set(savedState.bgc);
      ctx.model.set(savedState.model);
      converged = true;
      break;
    }
    const rel = (chi2 - newChi2) / chi2;
    chi2 = newChi2;
    if (rel < ro.tolerance) {
      converged = true;
      iterations++;
      break;
    }
  }
  if (nQ === 0 || !lastNormal) {
    // only linear parameters: covariance from the linear normal matrix
    const lin: number[] = [];
    for (let p = 0; p < nP; p++) if (ctx.st.phases[p].scale > 0) lin.push(p);
    const colsAll = [...lin.map((p) => cols[p]), ...bg];
    const m = colsAll.length;
    const a = new Float64Array(m * m);
    for (let i = 0; i < m; i++) for (let j = i; j < m; j++) a[i * m + j] = a[j * m + i] = dotW(w, colsAll[i], colsAll[j], n);
    lastNormal = { a, m, lin, nl: [] };
  }
  const inv = invertSymmetric(lastNormal.a, lastNormal.m);
  const scaleVar = new Float64Array(nP);
  const scaleCov = new Float64Array(nP * nP);
  const paramVar = new Float64Array(nQ);
  if (inv) {
    const { lin, nl, m } = lastNormal;
    const nLin = lin.length + nB;
    lin.forEach((p, i) => {
      scaleVar[p] = inv[i * m + i];
      lin.forEach((q, j) => (scaleCov[p * nP + q] = inv[i * m + j]));
    });
    nl.forEach((qi, k) => (paramVar[qi] = inv[(nLin + k) * m + nLin + k]));
  }
  return { chi2, iterations, converged, scaleVar, scaleCov, paramVar };
}

/** Hill–Howard weight fractions W_p = S_p(ZMV)_p / Σ S_i(ZMV)_i and their uncertainties from the scale covariance. */
export function hillHoward(scales: ArrayLike<number>, zmv: ArrayLike<number>, scaleCov?: ArrayLike<number>): { w: Float64Array; sigma: Float64Array } {
  const n = scales.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.max(0, scales[i]) * zmv[i];
  const w = new Float64Array(n);
  const sigma = new Float64Array(n);
  if (!(sum > 0)) return { w, sigma };
  for (let i = 0; i < n; i++) w[i] = (Math.max(0, scales[i]) * zmv[i]) / sum;
  if (scaleCov) {
    // ∂W_p/∂S_j = zmv_j (δ_pj − W_p) / Σ
    for (let p = 0; p < n; p++) {
      let v = 0;
      for (let i = 0; i < n; i++) {
        // scales held at zero (dropped or at the non-negativity bound) do not vary
        if (!(scales[i] > 0)) continue;
        const gi = (zmv[i] * ((i === p ? 1 : 0) - w[p])) / sum;
        if (gi === 0) continue;
        for (let j = 0; j < n; j++) {
          if (!(scales[j] > 0)) continue;
          const gj = (zmv[j] * ((j === p ? 1 : 0) - w[p])) / sum;
          v += gi * gj * scaleCov[i * n + j];
        }
      }
      sigma[p] = Math.sqrt(Math.max(0, v));
    }
  }
  return { w, sigma };
}

function zmvOf(ps: PhaseState): number {
  return ps.intensities.cellMassAmu * cellVolume(ps.lattice);
}

function fractionsNow(ctx: Ctx): Float64Array {
  return hillHoward(
    ctx.st.phases.map((ps) => ps.scale),
    ctx.st.phases.map(zmvOf),
  ).w;
}

/**
 * Refine one pattern from a state (modified in place; pass the previous frame's final state to seed a
 * sequential refinement, with `seeded` true). Phases below dropBelowWt are dropped (scale 0, flagged) and
 * re-admitted when a trial linear solve gives them at least that fraction again; phases below freezeBelowWt
 * keep their cell and profile (seeded frames only) while their scale is still refined.
 */
export function refineFrame(
  pattern: RietveldPattern,
  phases: RietveldPhase[],
  st: RefinementState,
  options: RietveldOptions,
  index = 0,
  seeded = false,
): FrameResult {
  const ro = resolveOptions(options);
  for (let p = 0; p < phases.length; p++) {
    const f = phases[p].intensitiesFor;
    if (f) st.phases[p].intensities = f(st.phases[p].lattice);
  }
  const ctx = makeCtx(pattern, phases, st, ro);
  // probe: every phase in, linear parameters only; re-admit dropped phases that come back above the limit
  const wasDropped = st.phases.map((ps) => ps.dropped);
  for (let p = 0; p < phases.length; p++) ctx.inModel[p] = true;
  buildLinesOnly(ctx);
  if (ro.cellSearch > 0 && ro.refineLattice) {
    if (!seeded) searchCells(ctx);
    else {
      // a phase that has never been in the model still has its starting cell: scan it before deciding
      let scanned = false;
      st.phases.forEach((ps, p) => {
        if (ps.dropped && !ps.everRefined) {
          if (!scanned) for (let q = 0; q < phases.length; q++) accumulatePhase(ctx, q, false);
          scanned = true;
          scanCells(ctx, [p], ro.cellSearchFine);
        }
      });
    }
  }
  // a phase that leaves the model in this frame keeps the cell (after the scans) and profile it came in with
  const before = st.phases.map((ps) => ({ free: ps.free.slice(), profile: { ...ps.profile } }));
  evaluate(ctx);
  const w0 = fractionsNow(ctx);
  st.phases.forEach((ps, p) => {
    if (wasDropped[p]) ps.dropped = w0[p] < ro.dropBelowWt;
    ps.frozen = ps.dropped || (seeded && w0[p] < ro.freezeBelowWt);
    ctx.inModel[p] = !ps.dropped;
  });
  // cold start in two stages, as in hand refinement: cells, zero and displacement with the profiles held
  // (so widths and η do not run off to cover misplaced peaks), then everything
  if (!seeded) {
    buildParams(ctx, false);
    runLm(ctx);
  }
  buildParams(ctx);
  let out = runLm(ctx);
  // composition following the cell (Vegard): update the intensities and the mass; polish the refinement when
  // the composition moved by more than 0.001 during this frame, else re-solve the scales only
  if (phases.some((ph, p) => ph.intensitiesFor && ctx.inModel[p] && !st.phases[p].frozen)) {
    let moved = 0;
    for (let p = 0; p < phases.length; p++) {
      const f = phases[p].intensitiesFor;
      if (!f) continue;
      const x0 = st.phases[p].intensities.x ?? 0;
      st.phases[p].intensities = f(st.phases[p].lattice);
      moved = Math.max(moved, Math.abs((st.phases[p].intensities.x ?? 0) - x0));
    }
    if (moved > 1e-3) {
      const more = runLm(ctx);
      out = { ...more, iterations: out.iterations + more.iterations };
    } else {
      // the covariance of the full refinement stands; only χ² follows the re-solved scales
      out = { ...out, chi2: evaluate(ctx) };
    }
  }
  // drop phases that ended below the limit, and re-solve the linear part without them
  const w1 = fractionsNow(ctx);
  st.phases.forEach((ps, p) => {
    if (ctx.inModel[p] && !ps.frozen && w1[p] >= ro.dropBelowWt && ro.refineLattice) ps.everRefined = true;
  });
  let changed = false;
  st.phases.forEach((ps, p) => {
    if (ctx.inModel[p] && w1[p] < ro.dropBelowWt) {
      ps.free = before[p].free;
      ps.lattice = latticeFromFree(ps.system, ps.free, 0, ps.lattice);
      if (!ro.sharedProfile) Object.assign(ps.profile, before[p].profile);
      ps.dropped = true;
      ps.frozen = true;
      ctx.inModel[p] = false;
      changed = true;
    }
  });
  if (changed) {
    const again = runLm({ ...ctx, ro: { ...ro, maxIterations: 0 } });
    out = { ...again, iterations: out.iterations, converged: out.converged, paramVar: out.paramVar };
  }
  return frameResult(ctx, out, index);
}

/**
 * Isotropic scan of the cells of `which` phases together (all free lengths × s) for the lowest χ² with the
 * linear parameters solved: s over 1 ± halfRange in coarse steps of 4·step, then ±3 steps around the best.
 * The cells move only when that beats s = 1, so phases with no intensity keep their start.
 */
function scanCells(ctx: Ctx, which: number[], halfRange: number): void {
  const { ro, st } = ctx;
  const bases = which.map((p) => st.phases[p].free.slice());
  const setS = (s: number): boolean => {
    for (const p of which) {
      const range = ctx.phases[p].aRangeA;
      const a = bases[which.indexOf(p)][0] * s;
      if (range && (a < range[0] || a > range[1])) return false;
    }
    which.forEach((p, k) => {
      const ps = st.phases[p];
      ps.free = bases[k].map((v, i) => (isLengthParam(ps, i) ? v * s : v));
      ps.lattice = latticeFromFree(ps.system, ps.free, 0, ps.lattice);
      accumulatePhase(ctx, p, false);
    });
    return true;
  };
  setS(1);
  let best = solveLinear(ctx);
  const chi1 = best;
  let bestS = 1;
  const tryS = (s: number): void => {
    if (!setS(s)) return;
    const chi2 = solveLinear(ctx);
    if (chi2 < best) {
      best = chi2;
      bestS = s;
    }
  };
  const coarse = 4 * ro.cellSearchStep;
  const nCoarse = Math.round(halfRange / coarse);
  for (let k = -nCoarse; k <= nCoarse; k++) if (k !== 0) tryS(1 + k * coarse);
  const centre = bestS;
  for (let k = -3; k <= 3; k++) if (k !== 0) tryS(centre + k * ro.cellSearchStep);
  if (!(best < chi1 * (1 - 1e-4))) bestS = 1;
  setS(bestS);
  solveLinear(ctx);
}

function isLengthParam(ps: PhaseState, i: number): boolean {
  return ps.system === 'rhombohedral' ? i === 0 : ps.system === 'monoclinic' || ps.system === 'triclinic' ? i < 3 : true;
}

/**
 * Cold start: one common expansion factor for every cell over ±cellSearch (phases cannot trade places, as two
 * rock-salt oxides 3 % apart would if scanned alone), then each phase alone over ±cellSearchFine, strongest first.
 */
function searchCells(ctx: Ctx): void {
  const nP = ctx.phases.length;
  for (let p = 0; p < nP; p++) accumulatePhase(ctx, p, false);
  solveLinear(ctx);
  const all = [...Array(nP).keys()];
  scanCells(ctx, all, ctx.ro.cellSearch);
  const order = all.sort((a, b) => ctx.st.phases[b].scale - ctx.st.phases[a].scale);
  for (const p of order) scanCells(ctx, [p], ctx.ro.cellSearchFine);
}

function buildLinesOnly(ctx: Ctx): void {
  ctx.params = [];
  ctx.jac = [];
  ctx.lines = ctx.phases.map((ph) => {
    const n = ph.h.length * ctx.ro.wavelengthsA.length;
    const mk = (): Float64Array => new Float64Array(n);
    return { n, pos: mk(), fwhm: mk(), eta: mk(), amp: mk(), dPos: [], dFwhm: [], dEta: [], rel: [], tmpPos: mk(), tmpFwhm: mk(), tmpEta: mk() };
  });
}

function frameResult(ctx: Ctx, out: LmOutcome, index: number): FrameResult {
  const { st, n, y, model } = ctx;
  const nParams = ctx.params.filter((q) => q.phase < 0 || ctx.inModel[q.phase]).length + ctx.bg.length + st.phases.filter((ps) => ps.scale > 0).length;
  let nUsed = 0;
  for (let i = 0; i < n; i++) if (ctx.w[i] > 0) nUsed++;
  const chi2Red = out.chi2 / Math.max(1, nUsed - nParams);
  const zmv = st.phases.map(zmvOf);
  const scaleCov = out.scaleCov.map((v) => v * chi2Red);
  const hh = hillHoward(
    st.phases.map((ps) => ps.scale),
    zmv,
    scaleCov,
  );
  let sumAbs = 0;
  let sumY = 0;
  for (let i = 0; i < n; i++) {
    sumAbs += Math.abs(y[i] - model[i]);
    sumY += Math.abs(y[i]);
  }
  const rwp = Math.sqrt(out.chi2 / ctx.sumWy2);
  const rexp = Math.sqrt(Math.max(1, nUsed - nParams) / ctx.sumWy2);
  return {
    index,
    phases: st.phases.map((ps, p) => {
      const latIdx = ctx.params.findIndex((q) => q.kind === 'lat' && q.phase === p && q.index === 0);
      return {
        id: ctx.phases[p].id,
        scale: ps.scale,
        scaleSigma: Math.sqrt(out.scaleVar[p] * chi2Red),
        weightFraction: hh.w[p],
        weightFractionSigma: hh.sigma[p],
        dropped: ps.dropped,
        frozen: ps.frozen,
        lattice: { ...ps.lattice },
        aSigmaA: latIdx >= 0 ? Math.sqrt(out.paramVar[latIdx] * chi2Red) : 0,
        profile: { ...ps.profile },
        cellVolumeA3: cellVolume(ps.lattice),
        cellMassAmu: ps.intensities.cellMassAmu,
        ...(ps.intensities.x !== undefined ? { x: ps.intensities.x } : {}),
      };
    }),
    zeroShiftDeg: st.zeroShiftDeg,
    displacementDeg: st.displacementDeg,
    background: st.background.slice(),
    backgroundRangeDeg: [st.backgroundRangeDeg[0], st.backgroundRangeDeg[1]],
    rwp,
    rp: sumY > 0 ? sumAbs / sumY : 0,
    rexp,
    chi2: chi2Red,
    gof: Math.sqrt(chi2Red),
    nPoints: nUsed,
    nParams,
    iterations: out.iterations,
    converged: out.converged,
  };
}

/**
 * Calculated pattern for a state over a 2θ axis: total, background and one curve per phase (for plots and for
 * simulating test data).
 */
export function calculatePattern(
  twoThetaDeg: Float64Array,
  phases: RietveldPhase[],
  st: RefinementState,
  options: RietveldOptions,
): { total: Float64Array; background: Float64Array; phases: Float64Array[] } {
  const ro = { ...resolveOptions(options), twoThetaMinDeg: -Infinity, twoThetaMaxDeg: Infinity, backgroundTerms: st.background.length };
  const ctx = makeCtx({ twoThetaDeg, intensity: new Float64Array(twoThetaDeg.length) }, phases, cloneState(st), ro, true);
  buildLinesOnly(ctx);
  const n = twoThetaDeg.length;
  const background = new Float64Array(n);
  ctx.bg.forEach((col, b) => {
    for (let i = 0; i < n; i++) background[i] += st.background[b] * col[i];
  });
  const total = background.slice();
  const curves = phases.map((_, p) => {
    const c = new Float64Array(n);
    if (st.phases[p].dropped || st.phases[p].scale === 0) return c;
    accumulatePhase(ctx, p, false);
    const s = st.phases[p].scale;
    for (let i = 0; i < n; i++) {
      c[i] = s * ctx.cols[p][i];
      total[i] += c[i];
    }
    return c;
  });
  return { total, background, phases: curves };
}

/**
 * The refinement state a frame result describes (cells, profiles, scales, zero, background), e.g. to draw the
 * calculated pattern of any frame of a sequence with calculatePattern. Intensities follow the result's cells
 * for phases with intensitiesFor (Vegard).
 */
export function stateFromResult(result: FrameResult, phases: RietveldPhase[], options: RietveldOptions): RefinementState {
  const st = initialState(phases, { ...options, sharedProfile: false });
  result.phases.forEach((r, p) => {
    const ps = st.phases[p];
    ps.free = freeFromLattice(ps.system, r.lattice);
    ps.lattice = { ...r.lattice };
    ps.profile = { ...r.profile };
    ps.scale = r.scale;
    ps.dropped = r.dropped;
    ps.frozen = r.frozen;
    const f = phases[p].intensitiesFor;
    if (f) ps.intensities = f(ps.lattice);
  });
  st.zeroShiftDeg = result.zeroShiftDeg;
  st.displacementDeg = result.displacementDeg;
  st.background = result.background.slice();
  st.backgroundRangeDeg = [result.backgroundRangeDeg[0], result.backgroundRangeDeg[1]];
  return st;
}
