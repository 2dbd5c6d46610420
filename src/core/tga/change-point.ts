/**
 * Where a mass-loss step leaves its baseline, by a change-point fit (least squares), for runs whose step starts at
 * one temperature (a gas switch or a step into an isothermal hold not recorded in the file).
 *
 * A threshold on a smoothed loss rate cannot place such a start: when the rate is highest at t₀ (contracting
 * geometry R2/R3, reaction order F1, diffusion D1–D4) the smoothing spreads the jump over half its window before t₀,
 * and when the rate starts at zero (JMAK A2–A4, power law P) any threshold lies after t₀. Near its start every
 * model of the ICTAC table goes as α ≈ c (t − t₀)^p (p = 1 for R and F, ½ for D, n for A_n and P_n), so the
 * signal y (α, or the loss) over a window from well before the step to early in it is fitted with
 *
 *   y(t) = a + b (t − t_ref) + s·H(t − t₀) + c·(t − t₀)₊^p
 *
 * (a baseline with a drift, an apparent step s at t₀ — buoyancy when H2 replaces Ar —, and the onset); a, b, s, c by
 * linear least squares for each (t₀, p), t₀ and p by a grid search refined by golden-section search. t₀ comes out
 * between samples (the kink is located by the points on both sides).
 */
import { goldenMinimum } from '../math/golden';

export interface ChangePointFit {
  /** Start of the step (same time axis as the input), s. */
  t0S: number;
  /** Exponent of the onset c (t − t₀)^p. */
  exponent: number;
  /** Apparent step at t₀ in y's unit. */
  step: number;
  /** Residual standard deviation in y's unit. */
  rmsResidual: number;
  points: number;
  /** True when a significant step put the start on a sample (see fitStepStart). */
  onSample: boolean;
}

/** Linear least squares of y on the columns; null when singular. Columns: baseline, drift, step, onset. */
function solve4(ata: Float64Array, atb: Float64Array, k: number): Float64Array | null {
  // Gaussian elimination with partial pivoting on a k×k system (k ≤ 4); ata is k×k row-major.
  // Stryker disable next-line MethodExpression: the one caller builds ata (k × k entries) afresh for each solve and never reads it after
  const a = ata.slice(0, k * k);
  // Stryker disable next-line MethodExpression: likewise atb (k entries)
  const b = atb.slice(0, k);
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(a[r * k + c]) > Math.abs(a[p * k + c])) p = r;
    if (!(Math.abs(a[p * k + c]) > 1e-12 * (Math.abs(a[0]) + 1e-300))) return null;
    if (p !== c) {
      for (let j = 0; j < k; j++) [a[c * k + j], a[p * k + j]] = [a[p * k + j], a[c * k + j]];
      [b[c], b[p]] = [b[p], b[c]];
    }
    for (let r = c + 1; r < k; r++) {
      const f = a[r * k + c] / a[c * k + c];
      for (let j = c; j < k; j++) a[r * k + j] -= f * a[c * k + j];
      b[r] -= f * b[c];
    }
  }
  const x = new Float64Array(k);
  for (let r = k - 1; r >= 0; r--) {
    let s = b[r];
    for (let j = r + 1; j < k; j++) s -= a[r * k + j] * x[j];
    x[r] = s / a[r * k + r];
  }
  return x;
}

/** Sum of squared residuals of the model at (t₀, p), with its linear coefficients. */
function residual(tS: Float64Array, y: Float64Array, t0: number, p: number, tRef: number, span: number, withStep = true): { sse: number; coef: Float64Array } | null {
  const n = tS.length;
  const ata = new Float64Array(16);
  const atb = new Float64Array(4);
  const col = new Float64Array(4);
  let post = 0;
  for (let i = 0; i < n; i++) {
    const d = tS[i] - t0;
    col[0] = 1;
    col[1] = (tS[i] - tRef) / span;
    col[2] = withStep && d >= 0 ? 1 : 0;
    col[3] = d > 0 ? Math.pow(d / span, p) : 0;
    if (d >= 0) post++;
    for (let r = 0; r < 4; r++) {
      atb[r] += col[r] * y[i];
      for (let c = r; c < 4; c++) ata[r * 4 + c] += col[r] * col[c];
    }
  }
  if (post < 3 || n - post < 3) return null;
  if (!withStep) ata[2 * 4 + 2] = 1; // the step column is zero: its coefficient comes out 0
  for (let r = 0; r < 4; r++) for (let c = 0; c < r; c++) ata[r * 4 + c] = ata[c * 4 + r];
  const coef = solve4(ata, atb, 4);
  if (!coef) return null;
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const d = tS[i] - t0;
    const f = coef[0] + coef[1] * ((tS[i] - tRef) / span) + (withStep && d >= 0 ? coef[2] : 0) + (d > 0 ? coef[3] * Math.pow(d / span, p) : 0);
    sse += (y[i] - f) ** 2;
  }
  return { sse, coef };
}

/** Golden-section minimum of f over [lo, hi] after a fixed number of steps (no tolerance: the caller's budget). */
const golden = (f: (x: number) => number, lo: number, hi: number, iterations = 40): number => goldenMinimum(f, lo, hi, 0, iterations).x;

/** Most t₀ values of the coarse grid (then refined). */
const GRID_T0_MAX = 100;
const EXPONENT_MIN = 0.3;
const EXPONENT_MAX = 6;

/**
 * Fit the start of a rising step in y (α or the loss) over the samples tS (ascending) with t₀ searched in
 * [searchFromS, searchToS]. The samples should reach from baseline well before the step to a few per cent of it.
 * Null when the data do not hold such a step (no rise after t₀, too few points on a side).
 */
export function fitStepStart(tS: Float64Array, y: Float64Array, searchFromS: number, searchToS: number, stepFloor = 0): ChangePointFit | null {
  const n = tS.length;
  if (n < 12 || !(searchToS > searchFromS)) return null;
  const tRef = tS[0];
  const span = tS[n - 1] - tS[0];
  if (!(span > 0)) return null;
  const dt = span / (n - 1);
  const sseAt = (t0: number, p: number, withStep: boolean): number => residual(tS, y, t0, p, tRef, span, withStep)?.sse ?? Infinity;
  // t₀ every half sample (at most GRID_T0_MAX values)
  const stepT0 = Math.max(dt / 2, (searchToS - searchFromS) / GRID_T0_MAX);
  const search = (withStep: boolean): { t0: number; p: number; sse: number; coef: Float64Array } | null => {
    // the profile min_p SSE(t₀, p) (t₀ and p trade against each other along a narrow valley): on a t₀ grid, then
    // refined by golden-section search
    const bestP = (t0: number): number => Math.exp(golden((x) => sseAt(t0, Math.exp(x), withStep), Math.log(EXPONENT_MIN), Math.log(EXPONENT_MAX), 30));
    const profile = (t0: number): number => sseAt(t0, bestP(t0), withStep);
    let best = { sse: Infinity, t0: NaN };
    for (let t0 = searchFromS; t0 <= searchToS; t0 += stepT0) {
      const e = profile(t0);
      if (e < best.sse) best = { sse: e, t0 };
    }
    if (!Number.isFinite(best.sse)) return null;
    let t0 = best.t0;
    for (let round = 0; round < 2; round++) {
      const w = round === 0 ? stepT0 : dt / 4;
      t0 = golden(profile, Math.max(searchFromS, t0 - w), Math.min(searchToS, t0 + w), round === 0 ? 30 : 20);
    }
    const p = bestP(t0);
    const fit = residual(tS, y, t0, p, tRef, span, withStep);
    return fit && fit.coef[3] > 0 ? { t0, p, sse: fit.sse, coef: fit.coef } : null;
  };
  const free = search(true);
  if (!free) return null;
  const rmsOf = (sse: number): number => Math.sqrt(sse / Math.max(1, n - 6));
  const rms = rmsOf(free.sse);
  // no step: without the step term the kink is located between samples (a free step would trade against it)
  const bare = search(false);
  // a step is real when it is large against the residuals and explains most of what the model without it leaves
  if (Math.abs(free.coef[2]) > STEP_SIGNIFICANT * rms && Math.abs(free.coef[2]) > stepFloor && (!bare || bare.sse > STEP_SIGNIFICANT * free.sse)) {
    // A step and a linear onset starting anywhere between two samples fit alike: the start is known only to one
    // sampling interval. It is put on the sample where the step shows (the best of the samples around t₀, each with
    // its own p) — the row a gas column would mark as the switch.
    const k = Math.min(n - 1, Math.max(1, lowerIndex(tS, free.t0)));
    let bestOn = { sse: Infinity, t0: NaN, p: NaN };
    for (let i = Math.max(1, k - 2); i <= Math.min(n - 2, k + 2); i++) {
      if (tS[i] < searchFromS || tS[i] > searchToS) continue;
      const ti = tS[i];
      const pi = Math.exp(golden((x) => sseAt(ti, Math.exp(x), true), Math.log(EXPONENT_MIN), Math.log(EXPONENT_MAX), 50));
      const si = sseAt(ti, pi, true);
      if (si < bestOn.sse) bestOn = { sse: si, t0: ti, p: pi };
    }
    const on = Number.isFinite(bestOn.sse) ? residual(tS, y, bestOn.t0, bestOn.p, tRef, span, true) : null;
    if (on && on.coef[3] > 0) return { t0S: bestOn.t0, exponent: bestOn.p, step: on.coef[2], rmsResidual: rmsOf(on.sse), points: n, onSample: true };
    return { t0S: free.t0, exponent: free.p, step: free.coef[2], rmsResidual: rms, points: n, onSample: false };
  }
  if (!bare) return null;
  return { t0S: bare.t0, exponent: bare.p, step: 0, rmsResidual: rmsOf(bare.sse), points: n, onSample: false };
}

/** A step larger than this many residual standard deviations is real (an apparent mass step at the start). */
const STEP_SIGNIFICANT = 4;

/** Index of the first sample at or after t. */
function lowerIndex(tS: Float64Array, t: number): number {
  let lo = 0;
  let hi = tS.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tS[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
