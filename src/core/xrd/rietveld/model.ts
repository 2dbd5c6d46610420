/**
 * The model of one pattern: per-phase line positions, widths, η and intensities, the unit-scale phase columns with
 * their analytic derivatives (Jacobian columns) for the non-linear parameters, and the refinement context that
 * holds a frame's data, parameters and work arrays.
 */
import { latticeFromFree, reciprocalMetric } from './lattice';
import { chebyshevBasis, GAUSS_NORM, LORENTZ_NORM, lineShape, lorentzPolarisationFactor } from './profile';
import { dot } from './linear';
import { mergeRuns } from './runs';
import type { RefinementState, ResolvedOptions } from './state';
import type { ProfileParamName, ProfileParams, RietveldPattern, RietveldPhase } from './types';
import { SCHERRER_K } from './profile';

const DEG = Math.PI / 180;
const FOUR_LN2 = 4 * Math.LN2;
const EIGHT_LN2 = 8 * Math.LN2;
/** (3 FWHM)² in units of FWHM²: where the Gaussian part of a line is cut. */
const GAUSS_CUT_U = 9;

export interface ParamRef {
  /** zero shift, displacement, a free cell parameter, a profile term, the isotropic displacement offset ΔB. */
  kind: 'zero' | 'disp' | 'lat' | 'prof' | 'dw';
  /** Owning phase, −1 for global parameters. */
  phase: number;
  index: number;
  name: ProfileParamName | null;
  step: number;
  min: number;
  max: number;
}

/**
 * A parameter reference with one hidden class: step, min and max start as doubles (a literal −5 or 10 made them
 * small-integer fields, and the first double bound changed the objects' class, sending the functions compiled for
 * the first one back to be compiled again); name starts as a string for the same reason.
 */
function paramRef(kind: ParamRef['kind'], phase: number, index: number, name: ProfileParamName | null, step: number, min: number, max: number): ParamRef {
  // Stryker disable next-line StringLiteral: equivalent — name is overwritten on the next line; only V8's field kind differs
  const q: ParamRef = { kind, phase, index, name: 'U', step: 0.5, min: 0.5, max: 0.5 };
  q.name = name;
  q.step = step;
  q.min = min;
  q.max = max;
  return q;
}

/** A list that starts with object elements (an empty literal starts with small-integer elements, and filling it
 * later with objects changed the holder's field type). */
function objectList<T>(): T[] {
  // Stryker disable next-line ArrayDeclaration: equivalent — the element is popped on the next line; only V8's element kind differs
  const a: unknown[] = [null];
  a.pop();
  return a as T[];
}

/** [f(0), …, f(n − 1)] with object elements whatever n (a map over an empty list made small-integer elements, and
 * the hot loops reading these lists saw two kinds of array). */
function listOf<T>(n: number, f: (k: number) => T): T[] {
  const a = objectList<T>();
  for (let k = 0; k < n; k++) a.push(f(k));
  return a;
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
export interface LineSet {
  n: number;
  pos: Float64Array;
  fwhm: Float64Array;
  eta: Float64Array;
  amp: Float64Array;
  /** Derivatives of pos, fwhm, eta w.r.t. each relevant parameter (index into `rel`); of the amplitude only for the
   * parameters that change it (ΔB), else null. */
  dPos: Float64Array[];
  dFwhm: Float64Array[];
  dEta: Float64Array[];
  dAmp: (Float64Array | null)[];
  rel: number[];
  /** Scratch of accumulatePhase: the Jacobian column of each relevant parameter, and one line's derivatives. */
  jacRel: Float64Array[];
  cPos: Float64Array;
  cFwhm: Float64Array;
  cEta: Float64Array;
  cAmp: Float64Array;
  /** 1 where the parameter has an amplitude derivative (dAmp not null). */
  hasAmp: Uint8Array;
  tmpPos: Float64Array;
  tmpFwhm: Float64Array;
  tmpEta: Float64Array;
  tmpAmp: Float64Array;
}

/**
 * What a phase column (without derivatives) was last computed from, to reuse it while none of its inputs changed:
 * during linear-only steps, the re-solves after a refinement, and from one frame to the next (frames of a sequence
 * share their 2θ grid, and a frame starts from the state the previous one ended with). Every input of geometry and of
 * the column is compared exactly (Object.is: −0 is not 0): the cell, zero and displacement, the profile terms, ΔB,
 * the |F|² array (by identity), the options the lines depend on and the 2θ grid. A column computed with derivatives
 * (another order of operations, not the same bits) or written to another array is not reused.
 */
export class ColumnMemo {
  valid = false;
  col: Float64Array | null = null;
  runs: Float64Array | null = null;
  x: Float64Array | null = null;
  multFsq: Float64Array | null = null;
  ro: ResolvedOptions | null = null;
  /** zero, displacement, ΔB, a, b, c, α, β, γ, then the profile terms in PROFILE_KEYS order (NaN: absent). */
  readonly values = new Float64Array(9 + PROFILE_KEYS.length);
  /** Scratch: the current inputs, in the order of `values`. */
  readonly now = new Float64Array(9 + PROFILE_KEYS.length);
}

/** The profile terms a column depends on (types.ts ProfileParams). */
const PROFILE_KEYS = ['U', 'V', 'W', 'X', 'Y', 'eta', 'size', 'strain'] as const satisfies readonly ProfileParamName[];

/** The inputs of phase p's column now, into memo.now. */
function memoInputs(ctx: Ctx, p: number, memo: ColumnMemo): void {
  const ps = ctx.st.phases[p];
  const v = memo.now;
  const lat = ps.lattice;
  v[0] = ctx.st.zeroShiftDeg;
  v[1] = ctx.st.displacementDeg;
  v[2] = ps.bOffsetA2;
  v[3] = lat.aA;
  v[4] = lat.bA;
  v[5] = lat.cA;
  v[6] = lat.alphaDeg;
  v[7] = lat.betaDeg;
  v[8] = lat.gammaDeg;
  for (let k = 0; k < PROFILE_KEYS.length; k++) v[9 + k] = ps.profile[PROFILE_KEYS[k]] ?? NaN;
}

/** Whether the options that geometry and the column read are the same (by value). */
function sameLineOptions(a: ResolvedOptions, b: ResolvedOptions): boolean {
  if (a === b) return true;
  if (a.profile !== b.profile || !Object.is(a.polarisationK, b.polarisationK) || !Object.is(a.monoCos2, b.monoCos2) || !Object.is(a.cutoffFwhm, b.cutoffFwhm)) return false;
  if (a.wavelengthsA.length !== b.wavelengthsA.length || a.lineRatios.length !== b.lineRatios.length) return false;
  for (let k = 0; k < a.wavelengthsA.length; k++) if (!Object.is(a.wavelengthsA[k], b.wavelengthsA[k])) return false;
  for (let k = 0; k < a.lineRatios.length; k++) if (!Object.is(a.lineRatios[k], b.lineRatios[k])) return false;
  return true;
}

/** Whether phase p's column (and its runs) still hold what its inputs now give; memo.now is filled either way. */
export function columnMemoHit(ctx: Ctx, p: number): boolean {
  const memo = ctx.colMemo[p];
  memoInputs(ctx, p, memo);
  if (!memo.valid || memo.col !== ctx.cols[p] || memo.runs !== ctx.colRuns[p] || memo.multFsq !== ctx.st.phases[p].intensities.multFsq) return false;
  const v = memo.values;
  const now = memo.now;
  for (let k = 0; k < v.length; k++) if (!Object.is(v[k], now[k])) return false;
  if (!memo.ro || !sameLineOptions(memo.ro, ctx.ro)) return false;
  if (memo.x !== ctx.x) {
    // another frame's grid: the same points?
    const x = ctx.x;
    const mx = memo.x;
    // Stryker disable next-line ConditionalExpression,LogicalOperator,BooleanLiteral: equivalent — the return is unreachable: memo.col === ctx.cols[p] (checked above) has length memo.x.length, and makeCtx gives ctx.cols[p] length ctx.x.length; memo.x is set whenever memo.valid is
    if (!mx || mx.length !== x.length) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(mx[i], x[i])) return false;
    memo.x = x;
  }
  memo.ro = ctx.ro;
  return true;
}

/** Record that phase p's column now holds what the inputs in memo.now give (without derivatives). */
function columnMemoStore(ctx: Ctx, p: number): void {
  const memo = ctx.colMemo[p];
  memo.values.set(memo.now);
  memo.col = ctx.cols[p];
  memo.runs = ctx.colRuns[p];
  memo.x = ctx.x;
  memo.multFsq = ctx.st.phases[p].intensities.multFsq;
  memo.ro = ctx.ro;
  memo.valid = true;
}

/**
 * Work arrays of one refinement chain (the same phases, the same point count), reused from frame to frame: a frame
 * then allocates nothing per point (measured: fresh arrays per frame cost a tenth of the refinement in page faults
 * and garbage collection). Arrays come uninitialised (whatever the last frame left): every user fills them.
 */
export class Workspace {
  private readonly pools = new Map<string, Float64Array[]>();
  /** Per phase: what its column in these arrays was computed from (ColumnMemo). */
  readonly memo: ColumnMemo[] = [];
  /** Chebyshev basis of the last grid (frames of a sequence share their 2θ grid). */
  basis: { x: Float64Array; nB: number; lo: number; hi: number; cols: Float64Array[] } | null = null;

  /** `count` arrays of length n under `key`. */
  arrays(key: string, count: number, n: number): Float64Array[] {
    let pool = this.pools.get(key);
    if (!pool || (pool.length > 0 && pool[0].length !== n)) {
      pool = [];
      this.pools.set(key, pool);
    }
    while (pool.length < count) pool.push(new Float64Array(n));
    return pool.slice(0, count);
  }

  array(key: string, n: number): Float64Array {
    return this.arrays(key, 1, n)[0];
  }

  /** The column memos of `count` phases. */
  memos(count: number): ColumnMemo[] {
    while (this.memo.length < count) this.memo.push(new ColumnMemo());
    return this.memo.slice(0, count);
  }
}

const workspaces = new WeakMap<RietveldPhase[], Workspace>();

/** The workspace of a chain refining `phases` (one per phase list; a worker thread has its own). */
export function workspaceFor(phases: RietveldPhase[]): Workspace {
  let ws = workspaces.get(phases);
  if (!ws) {
    ws = new Workspace();
    workspaces.set(phases, ws);
  }
  return ws;
}

/** Fresh arrays (no workspace: plots, one-off evaluations). */
function freshArrays(_key: string, count: number, n: number): Float64Array[] {
  return Array.from({ length: count }, () => new Float64Array(n));
}

export interface Ctx {
  ro: ResolvedOptions;
  /** Where the frame's work arrays come from (a chain's Workspace, or fresh arrays). */
  arrays: (key: string, count: number, n: number) => Float64Array[];
  phases: RietveldPhase[];
  st: RefinementState;
  x: Float64Array;
  y: Float64Array;
  w: Float64Array;
  n: number;
  bg: Float64Array[];
  /** Unit-scale phase columns. */
  cols: Float64Array[];
  /** Where each phase column can be nonzero (runs.ts; written with the column by accumulatePhase, kept with it). */
  colRuns: Float64Array[];
  /** What each phase column was last computed from (reused while that is unchanged). */
  colMemo: ColumnMemo[];
  lines: LineSet[];
  params: ParamRef[];
  /** ∂model/∂param × √w, one column per non-linear parameter (filled by accumulatePhase with derivatives). */
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
  /** Phases whose ΔB is refined in this frame (set by the frame's refinement before buildParams). */
  bActive: boolean[];
  /** √w per point, √w·y, √w × each background column. */
  sqrtW: Float64Array;
  yScaled: Float64Array;
  bgScaled: Float64Array[];
  /** Phases whose profile is refined in this frame (held below refineProfileMinWt). */
  profileActive: boolean[];
  /** Sequential frames: the previous frame's cells and profiles, around which the parameters may move (cellStepLimit,
   * profileStepFactor); null on a cold start. */
  trust: { free: number[]; profile: ProfileParams }[] | null;
}

export function lowerBound(x: Float64Array, v: number): number {
  let lo = 0;
  let hi = x.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function getParam(ctx: Ctx, q: ParamRef): number {
  if (q.kind === 'zero') return ctx.st.zeroShiftDeg;
  if (q.kind === 'disp') return ctx.st.displacementDeg;
  const ps = ctx.st.phases[Math.max(0, q.phase)];
  if (q.kind === 'lat') return ps.free[q.index];
  if (q.kind === 'dw') return ps.bOffsetA2;
  return ps.profile[q.name as ProfileParamName] ?? 0;
}

export function setParam(ctx: Ctx, q: ParamRef, v: number): void {
  if (q.kind === 'zero') ctx.st.zeroShiftDeg = v;
  else if (q.kind === 'disp') ctx.st.displacementDeg = v;
  else if (q.kind === 'lat') {
    const ps = ctx.st.phases[q.phase];
    ps.free[q.index] = v;
    ps.lattice = latticeFromFree(ps.system, ps.free, 0, ps.lattice);
  } else if (q.kind === 'dw') ctx.st.phases[q.phase].bOffsetA2 = v;
  else if (q.phase < 0) {
    for (const ps of ctx.st.phases) ps.profile[q.name as ProfileParamName] = v;
  } else ctx.st.phases[q.phase].profile[q.name as ProfileParamName] = v;
}

/** Line positions, widths, η and intensities of phase p for the current state. */
export function geometry(ctx: Ctx, p: number, pos: Float64Array, fwhm: Float64Array, eta: Float64Array, amp: Float64Array | null): void {
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
  // ΔB on every atom: |F|² × exp(−2ΔB·s²), s² = 1/(4d²)
  const halfB = 0.5 * ps.bOffsetA2;
  for (let r = 0; r < ph.h.length; r++) {
    const invD2 = g[0] * q.hh[r] + g[1] * q.kk[r] + g[2] * q.ll[r] + g[3] * q.hk[r] + g[4] * q.hl[r] + g[5] * q.kl[r];
    const halfInvD = 0.5 * Math.sqrt(invD2);
    const dw = Math.exp(-halfB * invD2);
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
      lineShape(ro.profile, ps.profile, th, shape, ro.wavelengthsA[wi]);
      fwhm[li] = shape[0];
      eta[li] = shape[1];
      if (amp) amp[li] = mult[r] * dw * ro.lineRatios[wi] * lorentzPolarisationFactor((2 * th) / DEG, ro.polarisationK, ro.monoCos2);
    }
  }
}

/** Fill the unit-scale column of phase p (and, with derivatives, add its share to the Jacobian columns). */
export function accumulatePhase(ctx: Ctx, p: number, withDerivatives: boolean): void {
  if (!withDerivatives && columnMemoHit(ctx, p)) return;
  ctx.colMemo[p].valid = false;
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
      const da = ls.dAmp[k];
      // forward difference, backward at the upper bound (η = 1 is clamped in the shape: a forward step there would
      // see no change and the parameter could never come back)
      const h = v0 + q.step > q.max ? -q.step : q.step;
      setParam(ctx, q, v0 + h);
      geometry(ctx, p, ls.tmpPos, ls.tmpFwhm, ls.tmpEta, da ? ls.tmpAmp : null);
      setParam(ctx, q, v0);
      const dp = ls.dPos[k];
      const dh = ls.dFwhm[k];
      const de = ls.dEta[k];
      const inv = 1 / h;
      for (let li = 0; li < ls.n; li++) {
        dp[li] = (ls.tmpPos[li] - ls.pos[li]) * inv;
        dh[li] = (ls.tmpFwhm[li] - ls.fwhm[li]) * inv;
        de[li] = (ls.tmpEta[li] - ls.eta[li]) * inv;
      }
      if (da) for (let li = 0; li < ls.n; li++) da[li] = (ls.tmpAmp[li] - ls.amp[li]) * inv;
    }
  }
  const scale = ctx.st.phases[p].scale;
  const sw = ctx.sqrtW;
  // per line, its derivatives w.r.t. each relevant parameter gathered once (not read through two lists per point)
  // (buildParams made them: ctx.jac's arrays of the relevant parameters; lm.ts zeroes them in place)
  const jacRel = ls.jacRel;
  const cPos = ls.cPos;
  const cFwhm = ls.cFwhm;
  const cEta = ls.cEta;
  const cAmp = ls.cAmp;
  const hasAmp = ls.hasAmp;
  const x0 = x[0];
  const x1 = x[n - 1];
  // the column's runs: one range per line, sorted and merged at the end
  const runs = ctx.colRuns[p];
  runs[0] = 0;
  for (let li = 0; li < ls.n; li++) {
    const a = ls.amp[li];
    if (a === 0) continue;
    const c = ls.pos[li];
    const h = ls.fwhm[li];
    const lo = c - cut * h;
    const hi = c + cut * h;
    // Stryker disable next-line LogicalOperator: equivalent — a line off the grid adds no point anyway (lowerBound starts past it, or its first point is beyond its cut)
    if (hi < x0 || lo > x1) continue;
    const e = ls.eta[li];
    const i0 = lowerBound(x, lo);
    let i = i0;
    const invH = 1 / h;
    const invH2 = invH * invH;
    const lNorm = a * e * LORENTZ_NORM * invH;
    const gNorm = a * (1 - e) * GAUSS_NORM * invH;
    // the Gaussian part beyond 3 FWHM (u > 9) is below 2⁻³⁶ ≈ 1.5·10⁻¹¹ of its peak: not evaluated there
    if (!withDerivatives) {
      for (; i < n; i++) {
        const dx = x[i] - c;
        if (dx > cut * h) break;
        const u = dx * dx * invH2;
        col[i] += lNorm / (1 + 4 * u) + (u < GAUSS_CUT_U ? gNorm * Math.exp(-FOUR_LN2 * u) : 0);
      }
      if (i > i0) addRun(runs, i0, i);
      continue;
    }
    const sa = scale * a;
    for (let k = 0; k < nRel; k++) {
      const da = ls.dAmp[k];
      cPos[k] = ls.dPos[k][li];
      cFwhm[k] = ls.dFwhm[k][li];
      cEta[k] = ls.dEta[k][li];
      cAmp[k] = da ? da[li] : 0;
    }
    for (; i < n; i++) {
      const dx = x[i] - c;
      if (dx > cut * h) break;
      const u = dx * dx * invH2;
      const den = 1 / (1 + 4 * u);
      const lv = e * LORENTZ_NORM * invH * den;
      const gv = u < GAUSS_CUT_U ? (1 - e) * GAUSS_NORM * invH * Math.exp(-FOUR_LN2 * u) : 0;
      col[i] += a * (lv + gv);
      if (sa === 0) continue;
      // d/dpos = −d/ddx; d/dH and d/dη of the normalised pseudo-Voigt; the Jacobian is kept × √w (the normal
      // equations' weighting, applied once per point here instead of once per column and point later)
      const saw = sa * sw[i];
      const dPos = saw * (lv * 8 * dx * invH2 * den + gv * EIGHT_LN2 * dx * invH2);
      const dH = saw * (lv * (-invH + 8 * u * invH * den) + gv * (-invH + EIGHT_LN2 * u * invH));
      const dE = e > 0 && e < 1 ? saw * (lv / e - gv / (1 - e)) : saw * (LORENTZ_NORM * invH * den - (u < GAUSS_CUT_U ? GAUSS_NORM * invH * Math.exp(-FOUR_LN2 * u) : 0));
      const dA = scale * sw[i] * (lv + gv);
      for (let k = 0; k < nRel; k++) {
        jacRel[k][i] += dPos * cPos[k] + dH * cFwhm[k] + dE * cEta[k] + (hasAmp[k] === 1 ? dA * cAmp[k] : 0);
      }
    }
    if (i > i0) addRun(runs, i0, i);
  }
  mergeRuns(runs);
  if (!withDerivatives) columnMemoStore(ctx, p);
}

/** Append the range [lo, hi) to a run list (merged later). */
function addRun(runs: Float64Array, lo: number, hi: number): void {
  const c = runs[0];
  runs[1 + 2 * c] = lo;
  runs[2 + 2 * c] = hi;
  runs[0] = c + 1;
}

/** Build the parameter list for the phases in the model. */
export function buildParams(ctx: Ctx, withProfile = true): void {
  const { st } = ctx;
  const { ro } = ctx;
  // without the profile: no profile parameter (a local list, not a second options object of another shape)
  const refineProfile: readonly ProfileParamName[] = withProfile ? ro.refineProfile : [];
  const params: ParamRef[] = [];
  if (ro.refineZero) params.push(paramRef('zero', -1, 0, null, 1e-5, -5, 5));
  if (ro.refineDisplacement) params.push(paramRef('disp', -1, 0, null, 1e-5, -5, 5));
  const profBounds = (name: ProfileParamName): [number, number, number] => {
    if (name === 'eta') return [1e-5, 0, 1];
    if (name === 'W') return [1e-8, 1e-9, 10];
    if (name === 'U') return [1e-7, 0, 10];
    if (name === 'V') return [1e-7, -10, 10];
    // 1/L (nm⁻¹): from no broadening to 1 nm crystallites; ε from 0 to 10 %
    if (name === 'size') return [1e-6, 0, 1];
    if (name === 'strain') return [1e-8, 0, 0.1];
    return [1e-6, 0, 10];
  };
  const anyActive = st.phases.some((ps, p) => ctx.inModel[p] && !ps.frozen);
  // sample broadening at most maxSampleFwhmDeg at the top of the range: 1/L ≤ H·10·cosθ/(K·λ·180/π), ε ≤ H/(4·tanθ·180/π)
  const thTop = (Math.min(ctx.x[ctx.n - 1], 179) * DEG) / 2;
  const hMax = ro.maxSampleFwhmDeg * DEG;
  const sizeMax = Math.min(1, (hMax * 10 * Math.cos(thTop)) / (SCHERRER_K * ro.wavelengthsA[0]));
  const strainMax = Math.min(0.1, hMax / (4 * Math.tan(thTop)));
  const trusted = (p: number, name: ProfileParamName, min: number, max: number): [number, number] => {
    const prev = ctx.trust?.[p]?.profile[name];
    if ((name !== 'size' && name !== 'strain') || prev === undefined || !(prev > 0)) return [min, max];
    const f = ro.profileStepFactor;
    return [Math.max(min, prev / f), Math.min(max, prev * f)];
  };
  const capped = (name: ProfileParamName, max0: number): number => (name === 'size' ? Math.min(max0, sizeMax) : name === 'strain' ? Math.min(max0, strainMax) : max0);
  if (ro.sharedProfile && anyActive) {
    // one profile object for all phases: the same cap, and the step limit from the previous frame's (any phase's copy)
    const first = st.phases.findIndex((ps, p) => ctx.inModel[p] && !ps.frozen);
    for (const name of refineProfile) {
      const [step, min0, max0] = profBounds(name);
      const [min, max] = trusted(first, name, min0, capped(name, max0));
      params.push(paramRef('prof', -1, 0, name, step, min, max));
    }
  }
  st.phases.forEach((ps, p) => {
    if (!ctx.inModel[p] || ps.frozen) return;
    if (ro.refineLattice) {
      ps.free.forEach((v, i) => {
        const isAngle = ps.system === 'rhombohedral' ? i === 1 : ps.system === 'monoclinic' ? i === 3 : ps.system === 'triclinic' ? i >= 3 : false;
        const range = ctx.phases[p].aRangeA;
        let min = isAngle ? 30 : i === 0 && range ? range[0] : v * 0.8;
        let max = isAngle ? 150 : i === 0 && range ? range[1] : v * 1.2;
        // a sequential frame moves a cell length by at most cellStepLimit from the previous frame's
        const prev = ctx.trust?.[p]?.free[i];
        if (!isAngle && prev !== undefined && prev > 0) {
          min = Math.max(min, prev * (1 - ro.cellStepLimit));
          max = Math.min(max, prev * (1 + ro.cellStepLimit));
        }
        params.push(paramRef('lat', p, i, null, isAngle ? 1e-5 : 1e-7 * v, min, max));
      });
    }
    if (!ro.sharedProfile && ctx.profileActive[p]) {
      for (const name of refineProfile) {
        const [step, min0, max0] = profBounds(name);
        const [min, max] = trusted(p, name, min0, capped(name, max0));
        params.push(paramRef('prof', p, 0, name, step, min, max));
      }
    }
    // ΔB keeps every atom's B ≥ 0 and below 10 Å²
    if (withProfile && ro.refineB && ctx.bActive[p]) {
      const bMean = ctx.st.phases[p].intensities.bMeanA2 ?? 0;
      params.push(paramRef('dw', p, 0, null, 1e-4, -Math.max(0, bMean), 10));
    }
  });
  ctx.params = params;
  ctx.jac = ctx.arrays('jac', params.length, ctx.n);
  ctx.lines = ctx.phases.map((ph, p) => {
    const n = ph.h.length * ro.wavelengthsA.length;
    const rel: number[] = [];
    params.forEach((q, qi) => {
      if (q.phase === -1 || q.phase === p) rel.push(qi);
    });
    const [pos, fwhm, eta, amp, tmpPos, tmpFwhm, tmpEta, tmpAmp] = ctx.arrays(`lines${p}`, 8, n);
    const d = ctx.arrays(`dlines${p}`, 4 * rel.length, n);
    return {
      n,
      pos,
      fwhm,
      eta,
      amp,
      dPos: listOf(rel.length, (k) => d[4 * k]),
      dFwhm: listOf(rel.length, (k) => d[4 * k + 1]),
      dEta: listOf(rel.length, (k) => d[4 * k + 2]),
      dAmp: listOf(rel.length, (k) => (params[rel[k]].kind === 'dw' ? d[4 * k + 3] : null)),
      rel,
      jacRel: listOf(rel.length, (k) => ctx.jac[rel[k]]),
      cPos: new Float64Array(rel.length),
      cFwhm: new Float64Array(rel.length),
      cEta: new Float64Array(rel.length),
      cAmp: new Float64Array(rel.length),
      hasAmp: Uint8Array.from(rel, (qi) => (params[qi].kind === 'dw' ? 1 : 0)),
      tmpPos,
      tmpFwhm,
      tmpEta,
      tmpAmp,
    };
  });
}

export function makeCtx(
  pattern: RietveldPattern, phases: RietveldPhase[], st: RefinementState, ro: ResolvedOptions, fixedRange = false, ws: Workspace | null = null,
): Ctx {
  const arrays = ws ? ws.arrays.bind(ws) : freshArrays;
  const tt = pattern.twoThetaDeg;
  let i0 = 0;
  let i1 = tt.length;
  while (i0 < i1 && tt[i0] < ro.twoThetaMinDeg) i0++;
  while (i1 > i0 && tt[i1 - 1] > ro.twoThetaMaxDeg) i1--;
  const x = tt.subarray(i0, i1);
  const n = x.length;
  const [y, w, sqrtW, yScaled, model] = arrays('frame', 5, Math.max(n, 0));
  y.set(pattern.intensity.subarray(i0, i1));
  if (n < 10) throw new Error(`Rietveld: only ${n} points in the 2θ range to refine`);
  for (let i = 1; i < n; i++) {
    if (!(x[i] > x[i - 1])) throw new Error(`Rietveld: 2θ must increase point by point (point ${i0 + i}: ${x[i - 1]} then ${x[i]})`);
  }
  const sig = pattern.sigma;
  for (let i = 0; i < n; i++) {
    // points without a finite intensity take no part (weight 0)
    if (!Number.isFinite(y[i])) {
      y[i] = 0;
      w[i] = 0;
      continue;
    }
    const s2 = sig ? sig[i0 + i] * sig[i0 + i] : Math.max(y[i], 1);
    w[i] = s2 > 0 && Number.isFinite(s2) ? 1 / s2 : 1 / Math.max(y[i], 1);
  }
  const nB = ro.backgroundTerms;
  if (!fixedRange) st.backgroundRangeDeg = [x[0], x[n - 1]];
  const bg = backgroundBasis(ws, x, nB, st.backgroundRangeDeg[0], st.backgroundRangeDeg[1]);
  let sumWy2 = 0;
  for (let i = 0; i < n; i++) {
    sqrtW[i] = Math.sqrt(w[i]);
    yScaled[i] = sqrtW[i] * y[i];
    sumWy2 += w[i] * y[i] * y[i];
  }
  const bgScaled = arrays('bgScaled', nB, n);
  for (let b = 0; b < nB; b++) {
    const src = bg[b];
    const dst = bgScaled[b];
    for (let i = 0; i < n; i++) dst[i] = sqrtW[i] * src[i];
  }
  const bgGram = new Float64Array(nB * nB);
  const bgRhs = new Float64Array(nB);
  for (let b = 0; b < nB; b++) {
    bgRhs[b] = dot(bgScaled[b], yScaled, n);
    for (let c = b; c < nB; c++) bgGram[b * nB + c] = bgGram[c * nB + b] = dot(bgScaled[b], bgScaled[c], n);
  }
  return {
    ro,
    arrays,
    phases,
    st,
    x,
    y,
    w,
    n,
    bg,
    cols: arrays('cols', phases.length, n),
    // a line's range per line at most (in the workspace beside the columns, whose contents they describe)
    colRuns: listOf(phases.length, (p) => arrays(`colRuns${p}`, 1, 1 + 2 * phases[p].h.length * ro.wavelengthsA.length)[0]),
    colMemo: ws ? ws.memos(phases.length) : listOf(phases.length, () => new ColumnMemo()),
    lines: objectList<LineSet>(),
    params: objectList<ParamRef>(),
    jac: objectList<Float64Array>(),
    model,
    inModel: listOf(st.phases.length, (p) => !st.phases[p].dropped),
    atZero: listOf(st.phases.length, () => false),
    bgGram,
    bgRhs,
    sumWy2,
    shape: new Float64Array(2),
    bActive: listOf(st.phases.length, () => false),
    sqrtW,
    yScaled,
    bgScaled,
    profileActive: listOf(st.phases.length, () => true),
    trust: null,
  };
}

export function buildLinesOnly(ctx: Ctx): void {
  ctx.params = [];
  ctx.jac = [];
  ctx.lines = ctx.phases.map((ph, p) => {
    const n = ph.h.length * ctx.ro.wavelengthsA.length;
    const [pos, fwhm, eta, amp, tmpPos, tmpFwhm, tmpEta, tmpAmp] = ctx.arrays(`lines${p}`, 8, n);
    return {
      n, pos, fwhm, eta, amp, dPos: objectList(), dFwhm: objectList(), dEta: objectList(), dAmp: objectList(), rel: [],
      jacRel: objectList(), cPos: new Float64Array(0), cFwhm: new Float64Array(0), cEta: new Float64Array(0), cAmp: new Float64Array(0),
      hasAmp: new Uint8Array(0), tmpPos, tmpFwhm, tmpEta, tmpAmp,
    };
  });
}

/** The Chebyshev background columns over x (the workspace keeps the last grid's: a sequence's frames share it). */
function backgroundBasis(ws: Workspace | null, x: Float64Array, nB: number, lo: number, hi: number): Float64Array[] {
  const c = ws?.basis;
  if (c && c.nB === nB && c.lo === lo && c.hi === hi && c.x.length === x.length) {
    let same = true;
    for (let i = 0; i < x.length && same; i++) same = c.x[i] === x[i];
    if (same) return c.cols;
  }
  const cols = chebyshevBasis(x, nB, lo, hi);
  if (ws) ws.basis = { x: x.slice(), nB, lo, hi, cols };
  return cols;
}
