/**
 * Fit one region of interest of one pattern: detection screen, pseudo-Voigt peaks + polynomial background by
 * Levenberg–Marquardt, significance test, standard uncertainties.
 *
 * Detection limit (per peak, per frame), with k = options.detectionK (default 3) and h = options.windowFwhm (1):
 *  1. Background B(x): weighted least-squares polynomial of the ROI's order through the ROI points outside
 *     every peak's exclusion zone (|x − c| > 2Γ, narrowed when too few points remain).
 *  2. Net area in the window |x − c| ≤ h·Γ:  N = Σ (yᵢ − Bᵢ)·Δxᵢ,  σ_N² = Σ σᵢ²Δxᵢ² + Var(Σ BᵢΔxᵢ) (the
 *     background's own covariance propagated), σᵢ² = max(yᵢ, 1) or the file's σ.
 *  3. The peak is present when N > k·σ_N; otherwise it is ABSENT, is not fitted, and its limit is
 *     k·σ_N / f, the whole-peak area that would just be detected (f = fraction of a pV's area inside ±h·Γ).
 *  4. Present peaks are fitted together; a fitted area A ≤ k·σ(A) also makes a peak absent (reason 'fit',
 *     limit k·σ(A)) and the ROI is refitted without it.
 */
import { levenbergMarquardt, type LmResult } from '../fit/levenbergMarquardt';
import { choleskyInPlace, choleskySolveInPlace, invertSpd } from '../../math/linalg';
import { PARAMS_PER_PEAK, pseudoVoigtAreaWithin, pseudoVoigtHeight, roiModel } from './pseudoVoigt';
import type { AbsentPeak, PeakFitOptions, PeakResult, PeakSeed, PresentPeak, RoiDefinition, RoiFitResult } from './types';

/** Index range [start, end) of the ascending x values within [fromDeg, toDeg]. */
export function roiIndexRange(xDeg: Float64Array, fromDeg: number, toDeg: number): [number, number] {
  const lowerBound = (v: number, strict: boolean): number => {
    let lo = 0;
    let hi = xDeg.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (strict ? xDeg[mid] <= v : xDeg[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return [lowerBound(fromDeg, false), lowerBound(toDeg, true)];
}

/** Bin widths Δxᵢ (half the distance between neighbours; one-sided at the ends). */
function binWidths(x: Float64Array): Float64Array {
  const n = x.length;
  const d = new Float64Array(n);
  if (n < 2) return d.fill(1);
  for (let i = 0; i < n; i++) {
    const a = x[Math.max(i - 1, 0)];
    const b = x[Math.min(i + 1, n - 1)];
    d[i] = (b - a) / (i === 0 || i === n - 1 ? 1 : 2);
  }
  return d;
}

interface PolyFit {
  coef: Float64Array;
  /** Covariance of the coefficients (absolute: from the variances, not rescaled). */
  cov: Float64Array;
}

/** Weighted least-squares polynomial Σ b_k tᵏ through the points where use[i] is 1. */
export function weightedPolyFit(t: Float64Array, y: Float64Array, variance: Float64Array, use: Uint8Array, order: number): PolyFit | null {
  const nb = order + 1;
  const a = new Float64Array(nb * nb);
  const g = new Float64Array(nb);
  const pw = new Float64Array(nb);
  let count = 0;
  for (let i = 0; i < t.length; i++) {
    if (!use[i]) continue;
    count++;
    const w = 1 / variance[i];
    pw[0] = 1;
    for (let k = 1; k < nb; k++) pw[k] = pw[k - 1] * t[i];
    for (let r = 0; r < nb; r++) {
      g[r] += w * pw[r] * y[i];
      for (let c = 0; c <= r; c++) a[r * nb + c] += w * pw[r] * pw[c];
    }
  }
  if (count < nb) return null;
  for (let r = 0; r < nb; r++) for (let c = 0; c < r; c++) a[c * nb + r] = a[r * nb + c];
  const cov = invertSpd(a, nb);
  if (!cov) return null;
  const l = Float64Array.from(a);
  if (!choleskyInPlace(l, nb)) return null;
  choleskySolveInPlace(l, nb, g);
  return { coef: g, cov };
}

function polyAt(coef: Float64Array | number[], t: number): number {
  let v = 0;
  for (let k = coef.length - 1; k >= 0; k--) v = v * t + coef[k];
  return v;
}

interface NetArea {
  net: number;
  sigma: number;
}

/** Net area above the polynomial background within |x − c| ≤ half, with its standard deviation. */
function netAreaInWindow(
  x: Float64Array, t: Float64Array, y: Float64Array, variance: Float64Array, dx: Float64Array, bg: PolyFit,
  centreDeg: number, halfDeg: number,
): NetArea {
  const nb = bg.coef.length;
  const gvec = new Float64Array(nb);
  let net = 0;
  let varData = 0;
  for (let i = 0; i < x.length; i++) {
    if (Math.abs(x[i] - centreDeg) > halfDeg) continue;
    net += (y[i] - polyAt(bg.coef, t[i])) * dx[i];
    varData += variance[i] * dx[i] * dx[i];
    let pw = dx[i];
    for (let k = 0; k < nb; k++) {
      // Stryker disable next-line AssignmentOperator: equivalent — −gvec in place of gvec leaves gᵀ·Cov·g unchanged
      gvec[k] += pw;
      pw *= t[i];
    }
  }
  let varBg = 0;
  for (let r = 0; r < nb; r++) for (let c = 0; c < nb; c++) varBg += gvec[r] * bg.cov[r * nb + c] * gvec[c];
  return { net, sigma: Math.sqrt(varData + varBg) };
}

/** Half the distance from a peak's centre to the nearest other given centre of its ROI (Infinity when none). */
function halfwayToNeighbour(seeds: PeakSeed[], j: number, centreDeg: number): number {
  let d = Infinity;
  seeds.forEach((o, k) => {
    if (k !== j && o.centreDeg !== undefined) d = Math.min(d, Math.abs(o.centreDeg - centreDeg));
  });
  return d / 2;
}

/** Half-maximum width of the net intensity around index iMax (linear interpolation), at least two steps. */
function estimateFwhm(x: Float64Array, net: Float64Array, iMax: number): number {
  const half = net[iMax] / 2;
  let l = iMax;
  while (l > 0 && net[l] > half) l--;
  let r = iMax;
  while (r < x.length - 1 && net[r] > half) r++;
  const xl = net[l] <= half && l < iMax ? x[l] + ((half - net[l]) / (net[l + 1] - net[l])) * (x[l + 1] - x[l]) : x[l];
  const xr = net[r] <= half && r > iMax ? x[r - 1] + ((net[r - 1] - half) / (net[r - 1] - net[r])) * (x[r] - x[r - 1]) : x[r];
  const step = x.length > 1 ? (x[x.length - 1] - x[0]) / (x.length - 1) : 1;
  return Math.max(xr - xl, 2 * step);
}

interface ResolvedSeed {
  label: string;
  centreDeg: number;
  fwhmDeg: number;
  eta: number;
  area: number | null;
}

const BOUND_NAMES = ['centreDeg', 'fwhmDeg', 'eta', 'area'];

/**
 * A ROI after the detection screen (steps 1–3 of the header), before any fit: its points, the resolved seeds, the
 * screen background and every peak's net area; `absent` holds the peaks that failed the screen (their results are
 * final: the fit of the others cannot change them).
 */
export interface RoiScreen {
  x: Float64Array;
  y: Float64Array;
  variance: Float64Array;
  xRef: number;
  step: number;
  order: number;
  resolved: ResolvedSeed[];
  bg: PolyFit;
  screens: { net: number; sigma: number; limit: number; frac: number }[];
  absent: Map<number, AbsentPeak>;
}

/**
 * Fits one ROI of one pattern (x ascending, 2θ°). sigma: the pattern's standard uncertainties or null.
 * The seeds in roi.peaks are the starting point (the sequential driver passes the previous frame's result).
 */
export function fitRoi(
  xDeg: Float64Array, intensity: Float64Array, sigma: Float64Array | null, roi: RoiDefinition, options: PeakFitOptions = {},
): RoiFitResult {
  return fitScreenedRoi(screenRoi(xDeg, intensity, sigma, roi, options), roi, options);
}

/** The detection screen of one ROI (fitRoi's first stage; throws as fitRoi does on too few points). */
export function screenRoi(
  xDeg: Float64Array, intensity: Float64Array, sigma: Float64Array | null, roi: RoiDefinition, options: PeakFitOptions = {},
): RoiScreen {
  const k = options.detectionK ?? 3;
  const h = options.windowFwhm ?? 1;
  const order = Math.max(0, Math.min(3, Math.round(roi.backgroundOrder ?? 1)));
  const [i0, i1] = roiIndexRange(xDeg, Math.min(roi.fromDeg, roi.toDeg), Math.max(roi.fromDeg, roi.toDeg));
  // Points without a finite intensity (masked detector gaps) are left out.
  const keep: number[] = [];
  for (let i = i0; i < i1; i++) if (Number.isFinite(intensity[i]) && Number.isFinite(xDeg[i])) keep.push(i);
  const n = keep.length;
  if (roi.peaks.length === 0) throw new Error(`ROI ${roi.id}: no peaks defined`);
  if (n < PARAMS_PER_PEAK * roi.peaks.length + order + 3) {
    throw new Error(`ROI ${roi.id}: only ${n} points in ${roi.fromDeg}–${roi.toDeg}° for ${roi.peaks.length} peak(s)`);
  }
  const contiguous = n === i1 - i0;
  const x = contiguous ? xDeg.subarray(i0, i1) : Float64Array.from(keep, (i) => xDeg[i]);
  const y = contiguous ? intensity.subarray(i0, i1) : Float64Array.from(keep, (i) => intensity[i]);
  const variance = new Float64Array(n);
  const useSigma = options.weighting !== 'poisson' && sigma !== null;
  for (let q = 0; q < n; q++) {
    const s = useSigma ? sigma![keep[q]] : NaN;
    variance[q] = s > 0 && Number.isFinite(s) ? s * s : Math.max(y[q], 1);
  }
  const xRef = 0.5 * (x[0] + x[n - 1]);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = x[i] - xRef;
  const dx = binWidths(x);
  const step = (x[n - 1] - x[0]) / Math.max(n - 1, 1);

  // Preliminary background through the outer fifth on each side, to place and size peaks without seeds.
  const resolved: ResolvedSeed[] = [];
  const needsData = roi.peaks.some((s) => s.centreDeg === undefined || s.fwhmDeg === undefined);
  if (needsData && roi.peaks.length > 1 && roi.peaks.some((s) => s.centreDeg === undefined)) {
    throw new Error(`ROI ${roi.id}: give every peak's centre when a ROI holds several peaks`);
  }
  let prelimNet: Float64Array | null = null;
  if (needsData) {
    const edge = new Uint8Array(n);
    const ne = Math.max(order + 2, Math.floor(n / 5));
    for (let i = 0; i < ne; i++) {
      edge[i] = 1;
      edge[n - 1 - i] = 1;
    }
    const bg0 = weightedPolyFit(t, y, variance, edge, Math.min(order, 1));
    prelimNet = Float64Array.from(y, (v, i) => v - (bg0 ? polyAt(bg0.coef, t[i]) : 0));
  }
  roi.peaks.forEach((seed, j) => {
    let centre = seed.centreDeg;
    let fwhm = seed.fwhmDeg;
    if (prelimNet && (centre === undefined || fwhm === undefined)) {
      let iMax = -1;
      // A centre given without a FWHM (the only case with a centre here): its apex, where the width is read, is
      // sought no further than halfway to the nearest other peak's centre, so each peak of a ROI is sized on its own
      // line, not on the ROI's strongest; a lone peak searches the whole ROI.
      const lim = centre === undefined ? Infinity : halfwayToNeighbour(roi.peaks, j, centre);
      for (let i = 1; i < n - 1; i++) {
        if (centre !== undefined && Math.abs(x[i] - centre) > Math.max(lim, 3 * step)) continue;
        const s = prelimNet[i - 1] + prelimNet[i] + prelimNet[i + 1];
        if (iMax < 0 || s > prelimNet[iMax - 1] + prelimNet[iMax] + prelimNet[iMax + 1]) iMax = i;
      }
      if (iMax < 0) iMax = Math.max(1, Math.min(n - 2, roiIndexRange(x, centre ?? xRef, Infinity)[0]));
      if (centre === undefined) centre = x[iMax];
      if (fwhm === undefined) fwhm = Math.min(estimateFwhm(x, prelimNet, iMax), 0.5 * (x[n - 1] - x[0]));
    }
    resolved.push({
      label: seed.label ?? `${roi.id}#${j + 1}`, centreDeg: centre!, fwhmDeg: fwhm!, eta: Math.min(1, Math.max(0, seed.eta ?? 0.5)),
      area: seed.area !== undefined && seed.area > 0 ? seed.area : null,
    });
  });

  // Screen background: outside every peak's exclusion zone, narrowed until enough points remain.
  let bg: PolyFit | null = null;
  for (const zone of [2, 1.5, h, 0]) {
    const use = new Uint8Array(n);
    let count = 0;
    for (let i = 0; i < n; i++) {
      let inside = false;
      for (const s of resolved) if (Math.abs(x[i] - s.centreDeg) <= zone * s.fwhmDeg) inside = true;
      if (!inside) {
        use[i] = 1;
        count++;
      }
    }
    if (count >= order + 4 || zone === 0) {
      bg = weightedPolyFit(t, y, variance, use, order);
      if (bg) break;
    }
  }
  if (!bg) throw new Error(`ROI ${roi.id}: background could not be estimated`);

  const screens = resolved.map((s) => {
    const na = netAreaInWindow(x, t, y, variance, dx, bg!, s.centreDeg, h * s.fwhmDeg);
    const f = pseudoVoigtAreaWithin(h * s.fwhmDeg, s.fwhmDeg, s.eta);
    return { ...na, limit: (k * na.sigma) / f, frac: f };
  });
  const absent = new Map<number, AbsentPeak>();
  resolved.forEach((s, j) => {
    const sc = screens[j];
    if (!options.forceFit && !(sc.net > k * sc.sigma)) {
      absent.set(j, { present: false, label: s.label, limit: sc.limit, netArea: sc.net, netAreaSigma: sc.sigma, reason: 'screen', centreDeg: s.centreDeg });
    }
  });
  return { x, y, variance, xRef, step, order, resolved, bg, screens, absent };
}

/**
 * fitRoi's second stage: the peaks that passed the screen fitted together (step 4 of the header). With `untilAbsent`
 * (a peak index), the caller wants that peak's result only: the refits stop once it is absent (its result is then
 * final; the other peaks' are those of the last fit, not refitted without it).
 */
export function fitScreenedRoi(screen: RoiScreen, roi: RoiDefinition, options: PeakFitOptions = {}, untilAbsent?: number): RoiFitResult {
  const k = options.detectionK ?? 3;
  const searchFwhm = options.searchFwhm ?? 2;
  const [fwLo, fwHi] = options.fwhmRange ?? [0.25, 4];
  const { x, y, variance, xRef, step, order, resolved, bg, screens } = screen;
  const n = x.length;
  const absent = new Map(screen.absent);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 1 / variance[i];
  let lm: LmResult | null = null;
  // Stryker disable next-line ArrayDeclaration: equivalent — overwritten by the loop's first statement (the loop runs at least once)
  let active: number[] = [];
  // Stryker disable next-line UpdateOperator: equivalent — the loop ends by its break: a pass without one drops a peak, so pass P has none active
  for (let pass = 0; pass <= resolved.length; pass++) {
    active = resolved.map((_, j) => j).filter((j) => !absent.has(j));
    const nb = order + 1;
    const m = PARAMS_PER_PEAK * active.length + nb;
    const p0 = new Float64Array(m);
    const lower = new Float64Array(m).fill(-Infinity);
    const upper = new Float64Array(m).fill(Infinity);
    active.forEach((j, q) => {
      const s = resolved[j];
      const o = q * PARAMS_PER_PEAK;
      p0[o] = s.centreDeg;
      lower[o] = Math.max(x[0], s.centreDeg - searchFwhm * s.fwhmDeg);
      upper[o] = Math.min(x[n - 1], s.centreDeg + searchFwhm * s.fwhmDeg);
      p0[o + 1] = s.fwhmDeg;
      lower[o + 1] = Math.max(fwLo * s.fwhmDeg, 0.5 * step);
      upper[o + 1] = Math.min(fwHi * s.fwhmDeg, x[n - 1] - x[0]);
      p0[o + 2] = s.eta;
      lower[o + 2] = 0;
      upper[o + 2] = 1;
      p0[o + 3] = s.area ?? Math.max(screens[j].net / screens[j].frac, screens[j].sigma);
      lower[o + 3] = 0;
    });
    for (let q = 0; q < nb; q++) p0[PARAMS_PER_PEAK * active.length + q] = bg.coef[q];
    lm = levenbergMarquardt(roiModel(x, active.length, order, xRef), y, w, p0, {
      lower, upper, maxIterations: options.maxIterations ?? 100, ftol: 1e-9, xtol: 1e-9,
    });
    if (options.forceFit) break;
    // Stryker disable next-line BooleanLiteral: equivalent — with no peak dropped the later passes repeat the same fit from the same start
    let dropped = false;
    active.forEach((j, q) => {
      const a = lm!.params[q * PARAMS_PER_PEAK + 3];
      const sa = lm!.stdErrors[q * PARAMS_PER_PEAK + 3];
      if (!(a > k * sa) || lm!.atBound[q * PARAMS_PER_PEAK + 3]) {
        const s = resolved[j];
        const sigmaA = Number.isFinite(sa) && sa > 0 ? sa : screens[j].sigma / screens[j].frac;
        absent.set(j, { present: false, label: s.label, limit: k * sigmaA, netArea: screens[j].net, netAreaSigma: screens[j].sigma, reason: 'fit', centreDeg: s.centreDeg });
        dropped = true;
      }
    });
    if (!dropped || (untilAbsent !== undefined && absent.has(untilAbsent))) break;
  }

  const fit = lm!;
  const peaks: PeakResult[] = resolved.map((s, j) => {
    const gone = absent.get(j);
    if (gone) return gone;
    const q = active.indexOf(j);
    const o = q * PARAMS_PER_PEAK;
    const e = fit.stdErrors;
    const present: PresentPeak = {
      present: true, label: s.label,
      centreDeg: fit.params[o], fwhmDeg: fit.params[o + 1], eta: fit.params[o + 2], area: fit.params[o + 3],
      heightCounts: pseudoVoigtHeight(fit.params[o + 1], fit.params[o + 2], fit.params[o + 3]),
      sigma: { centreDeg: e[o], fwhmDeg: e[o + 1], eta: e[o + 2], area: e[o + 3] },
      significance: fit.params[o + 3] / e[o + 3],
      limit: screens[j].limit,
      netArea: screens[j].net,
      netAreaSigma: screens[j].sigma,
      atBound: BOUND_NAMES.filter((_, b) => fit.atBound[o + b] === 1),
    };
    return present;
  });
  const bOff = PARAMS_PER_PEAK * active.length;
  return {
    roiId: roi.id, peaks,
    background: Array.from(fit.params.subarray(bOff)), backgroundSigma: Array.from(fit.stdErrors.subarray(bOff)), xRefDeg: xRef,
    chi2: fit.chi2, reducedChi2: fit.reducedChi2, iterations: fit.iterations, converged: fit.converged, nPoints: n,
  };
}
