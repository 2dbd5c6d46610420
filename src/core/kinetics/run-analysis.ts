/**
 * Per-run quantities of the isoconversional principle: dα/dt, the time, temperature and rate at which each α of the
 * grid is first reached, the heating rate fitted to the measured T(t), the peak of dα/dt, and whether the run is
 * heated linearly, isothermal or neither.
 *
 * - dα/dt: Savitzky–Golay (quadratic) over a window that is a fixed fraction of the run's own α 0.05 → 0.95
 *   duration, so every run of a series is smoothed alike in reduced time (the residual bias then cancels in the
 *   isoconversional slopes); never shorter than 5 samples.
 * - t_α: first crossing of α = level, refined by a local quadratic fit over the same window (fittedCrossings),
 *   which also gives (dα/dt)_α.
 * - β: least-squares line through T(t) over t(α_min)…t(α_max), never the file name; the largest deviation from
 *   that line is reported, and a run deviating by more than max(3 K, 5 % of its span) is not "linearly heated".
 */
import { savitzkyGolayDerivative } from '../tga/derivative';
import { medianStep } from '../tga/series';
import { solveLinearSystem } from '../math/linalg';
import { KINETICS_DEFAULTS } from './constants';
import type { KineticRun } from './prepare';

export type RunKind = 'heating' | 'isothermal' | 'other';

export interface RunKinetics {
  run: KineticRun;
  ratePerS: Float64Array;
  derivativeWindowS: number;
  /** First-crossing times of the α grid (NaN when never reached), with the sample index after each crossing. */
  grid: number[];
  /** Half-width (samples) of the local fits that refine crossings (fittedCrossings). */
  crossingHalfPoints: number;
  tAlphaS: Float64Array;
  temperatureAlphaK: Float64Array;
  rateAlphaPerS: Float64Array;
  indexAfter: Int32Array;
  kind: RunKind;
  /** K/s; NaN unless fitted. */
  heatingRateKPerS: number;
  heatingDeviationK: number;
  meanTemperatureK: number;
  temperatureSpanK: number;
  alphaMax: number;
  /** Largest drop of α below its running maximum inside the grid's range (non-monotonic α). */
  alphaDrop: number;
  peak: { index: number; tS: number; temperatureK: number; alpha: number; ratePerS: number } | null;
}

/**
 * First-crossing times of ascending levels in one pass: for each level the first i with α[i] ≥ level, the time by
 * linear interpolation between samples i − 1 and i (t[0] when α starts above it), NaN when never reached.
 */
export function crossings(tS: Float64Array, alpha: Float64Array, levels: ArrayLike<number>): { tS: Float64Array; indexAfter: Int32Array } {
  const out = new Float64Array(levels.length).fill(NaN);
  const idx = new Int32Array(levels.length).fill(-1);
  let k = 0;
  const n = alpha.length;
  for (let i = 0; i < n && k < levels.length; i++) {
    const a = alpha[i];
    if (!(a === a)) continue;
    while (k < levels.length && a >= levels[k]) {
      if (i === 0) out[k] = tS[0];
      else {
        let j = i - 1;
        while (j > 0 && !(alpha[j] === alpha[j])) j--;
        const a0 = alpha[j];
        const f = a > a0 ? (levels[k] - a0) / (a - a0) : 1;
        out[k] = tS[j] + Math.min(1, Math.max(0, f)) * (tS[i] - tS[j]);
      }
      idx[k] = i;
      k++;
    }
  }
  return { tS: out, indexAfter: idx };
}

/**
 * Crossing times refined by a local least-squares quadratic α(t) ≈ a₀ + a₁τ + a₂τ² (τ = t − t_c) over ±halfPoints
 * samples around the first raw crossing: the time where it equals the level and its slope there (the Savitzky–Golay
 * estimate at that time). Noise on α moves the raw crossing by σ_α/(dα/dt); the fit averages it over the window.
 * Where the fit has no root inside the window the raw crossing and the interpolated SG rate are kept.
 */
export function fittedCrossings(
  tS: Float64Array,
  alpha: Float64Array,
  ratePerS: Float64Array,
  levels: ArrayLike<number>,
  halfPoints: number,
): { tS: Float64Array; indexAfter: Int32Array; ratePerS: Float64Array } {
  const raw = crossings(tS, alpha, levels);
  const n = tS.length;
  const t = new Float64Array(levels.length).fill(NaN);
  const idx = new Int32Array(levels.length).fill(-1);
  const rate = new Float64Array(levels.length).fill(NaN);
  for (let k = 0; k < levels.length; k++) {
    const i = raw.indexAfter[k];
    if (i < 0) continue;
    t[k] = raw.tS[k];
    idx[k] = i;
    rate[k] = valueAt(tS, ratePerS, raw.tS[k], i);
    if (halfPoints < 2 || i === 0) continue;
    const c = i;
    const lo = Math.max(0, c - halfPoints);
    const hi = Math.min(n - 1, c + halfPoints);
    if (hi - lo < 4) continue;
    const tc = tS[c];
    // normal equations of the quadratic in τ (scaled by the half-span for conditioning)
    const scale = Math.max(1e-12, Math.max(tS[hi] - tc, tc - tS[lo]));
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, y0 = 0, y1 = 0, y2 = 0;
    for (let j = lo; j <= hi; j++) {
      const a = alpha[j];
      if (!(a === a)) continue;
      const u = (tS[j] - tc) / scale;
      const u2 = u * u;
      s0 += 1;
      s1 += u;
      s2 += u2;
      s3 += u2 * u;
      s4 += u2 * u2;
      y0 += a;
      y1 += a * u;
      y2 += a * u2;
    }
    const det = s0 * (s2 * s4 - s3 * s3) - s1 * (s1 * s4 - s3 * s2) + s2 * (s1 * s3 - s2 * s2);
    if (!(Math.abs(det) > 1e-300)) continue;
    const c0 = (y0 * (s2 * s4 - s3 * s3) - s1 * (y1 * s4 - s3 * y2) + s2 * (y1 * s3 - s2 * y2)) / det;
    const c1 = (s0 * (y1 * s4 - s3 * y2) - y0 * (s1 * s4 - s3 * s2) + s2 * (s1 * y2 - y1 * s2)) / det;
    const c2 = (s0 * (s2 * y2 - y1 * s3) - s1 * (s1 * y2 - y1 * s2) + y0 * (s1 * s3 - s2 * s2)) / det;
    // root of c2 u² + c1 u + (c0 − level) nearest the raw crossing
    const u0 = (raw.tS[k] - tc) / scale;
    const d = c0 - levels[k];
    let u: number;
    if (Math.abs(c2) < 1e-14 * Math.abs(c1)) u = -d / c1;
    else {
      const disc = c1 * c1 - 4 * c2 * d;
      if (disc < 0) continue;
      const sq = Math.sqrt(disc);
      const r1 = (-c1 + sq) / (2 * c2);
      const r2 = (-c1 - sq) / (2 * c2);
      u = Math.abs(r1 - u0) < Math.abs(r2 - u0) ? r1 : r2;
    }
    const slope = (c1 + 2 * c2 * u) / scale;
    if (!(Math.abs(u) <= 1) || !(slope > 0)) continue;
    const tk = tc + u * scale;
    t[k] = tk;
    let j = c;
    while (j > 0 && tS[j - 1] >= tk) j--;
    while (j < n - 1 && tS[j] < tk) j++;
    idx[k] = Math.max(1, j);
    rate[k] = slope;
  }
  return { tS: t, indexAfter: idx, ratePerS: rate };
}

/** y at time t by linear interpolation on the ascending tS (index hint: the sample after t). */
export function valueAt(tS: Float64Array, y: Float64Array, t: number, indexAfter: number): number {
  const i = Math.max(1, Math.min(tS.length - 1, indexAfter));
  const t0 = tS[i - 1];
  const t1 = tS[i];
  if (t <= t0 || t1 === t0) return y[i - 1];
  if (t >= t1) return y[i];
  return y[i - 1] + ((t - t0) / (t1 - t0)) * (y[i] - y[i - 1]);
}

export interface RunAnalysisOptions {
  grid: number[];
  derivativeWindowFraction?: number;
}

export function analyseRun(run: KineticRun, options: RunAnalysisOptions): RunKinetics {
  const { tS, alpha, temperatureK } = run;
  const n = tS.length;
  const grid = options.grid;
  // duration α 0.05 → 0.95 (or to the largest α reached) sets the derivative window
  let alphaMax = -Infinity;
  for (let i = 0; i < n; i++) if (alpha[i] > alphaMax) alphaMax = alpha[i];
  const span = crossings(tS, alpha, [0.05, Math.min(0.95, Math.max(0.06, alphaMax))]);
  const stepS = medianStep(tS);
  const durationS = Number.isFinite(span.tS[0]) && Number.isFinite(span.tS[1]) ? span.tS[1] - span.tS[0] : tS[n - 1] - tS[0];
  const fraction = options.derivativeWindowFraction ?? KINETICS_DEFAULTS.derivativeWindowFraction;
  const derivativeWindowS = Math.max(5 * stepS, fraction * durationS);
  const ratePerS = savitzkyGolayDerivative(tS, alpha, { windowS: derivativeWindowS, polynomial: 2 }).values;

  const halfPoints = Math.max(2, Math.round(derivativeWindowS / (2 * stepS)));
  const cross = fittedCrossings(tS, alpha, ratePerS, grid, halfPoints);
  const m = grid.length;
  const temperatureAlphaK = new Float64Array(m).fill(NaN);
  const rateAlphaPerS = cross.ratePerS;
  for (let k = 0; k < m; k++) {
    const t = cross.tS[k];
    if (!Number.isFinite(t)) continue;
    temperatureAlphaK[k] = valueAt(tS, temperatureK, t, cross.indexAfter[k]);
  }

  // the grid's time range: from the first α of the grid to the last one reached (or the data's end)
  let iFrom = 0;
  let iTo = n;
  if (m > 0 && cross.indexAfter[0] > 0) iFrom = cross.indexAfter[0] - 1;
  let lastReached = -1;
  for (let k = m - 1; k >= 0; k--) if (cross.indexAfter[k] >= 0) {
    lastReached = k;
    break;
  }
  if (lastReached >= 0) iTo = Math.min(n, cross.indexAfter[lastReached] + 1);
  if (iTo - iFrom < 3) {
    iFrom = 0;
    iTo = n;
  }
  // T(t) over that range: mean, span, least-squares line
  let st = 0, sT = 0, stt = 0, stT = 0, tMin = Infinity, tMax = -Infinity;
  const cnt = iTo - iFrom;
  for (let i = iFrom; i < iTo; i++) {
    const t = tS[i];
    const T = temperatureK[i];
    st += t;
    sT += T;
    stt += t * t;
    stT += t * T;
    if (T < tMin) tMin = T;
    if (T > tMax) tMax = T;
  }
  const meanT = sT / cnt;
  const den = cnt * stt - st * st;
  const slope = den > 0 ? (cnt * stT - st * sT) / den : 0;
  const intercept = (sT - slope * st) / cnt;
  let dev = 0;
  for (let i = iFrom; i < iTo; i++) dev = Math.max(dev, Math.abs(temperatureK[i] - (intercept + slope * tS[i])));
  const temperatureSpanK = tMax - tMin;
  let kind: RunKind;
  if (temperatureSpanK < KINETICS_DEFAULTS.isothermalSpanK) kind = 'isothermal';
  else if (slope > 0 && dev <= Math.max(3, 0.05 * temperatureSpanK)) kind = 'heating';
  else kind = 'other';

  // non-monotonic α inside the range
  let runMax = -Infinity;
  let drop = 0;
  for (let i = iFrom; i < iTo; i++) {
    const a = alpha[i];
    if (!(a === a)) continue;
    if (a > runMax) runMax = a;
    else if (runMax - a > drop) drop = runMax - a;
  }

  // peak of dα/dt: a least-squares cubic through the samples above 80 % of the largest rate around it, whose
  // maximum is the peak (the top of a noisy DTG is flat: its arg-max alone jitters by a good fraction of the width)
  let ip = -1;
  for (let i = 1; i < n - 1; i++) if (Number.isFinite(ratePerS[i]) && (ip < 0 || ratePerS[i] > ratePerS[ip])) ip = i;
  let peak: RunKinetics['peak'] = null;
  if (ip > 0 && ip < n - 1) {
    let a = ip;
    let b = ip;
    const level = 0.8 * ratePerS[ip];
    while (a > 0 && ratePerS[a - 1] >= level) a--;
    while (b < n - 1 && ratePerS[b + 1] >= level) b++;
    let tp = tS[ip];
    const fit = b - a >= 6 ? cubicPeak(tS, ratePerS, a, b, tS[ip]) : null;
    if (fit !== null && fit.t > tS[a] && fit.t < tS[b]) tp = fit.t;
    let after = ip;
    while (after > 1 && tS[after - 1] >= tp) after--;
    while (after < n - 1 && tS[after] < tp) after++;
    peak = {
      index: ip,
      tS: tp,
      temperatureK: valueAt(tS, temperatureK, tp, after),
      alpha: valueAt(tS, alpha, tp, after),
      ratePerS: fit ? fit.value : ratePerS[ip],
    };
  }

  return {
    run,
    ratePerS,
    derivativeWindowS,
    grid,
    crossingHalfPoints: halfPoints,
    tAlphaS: cross.tS,
    temperatureAlphaK,
    rateAlphaPerS,
    indexAfter: cross.indexAfter,
    kind,
    heatingRateKPerS: kind === 'heating' ? slope : slope > 0 && kind !== 'isothermal' ? slope : NaN,
    heatingDeviationK: dev,
    meanTemperatureK: meanT,
    temperatureSpanK,
    alphaMax,
    alphaDrop: drop,
    peak,
  };
}

/** Maximum of the least-squares cubic through (t, y) over indices [a, b] nearest to tGuess. */
function cubicPeak(tS: Float64Array, y: Float64Array, a: number, b: number, tGuess: number): { t: number; value: number } | null {
  const tc = tGuess;
  const scale = Math.max(tS[b] - tc, tc - tS[a]) || 1;
  const ata = [0, 1, 2, 3].map(() => [0, 0, 0, 0]);
  const aty = [0, 0, 0, 0];
  // at most ~2000 samples (a least-squares cubic over the top of the peak needs no more)
  const stride = Math.max(1, Math.floor((b - a + 1) / 2000));
  for (let i = a; i <= b; i += stride) {
    if (!Number.isFinite(y[i])) continue;
    const u = (tS[i] - tc) / scale;
    const p = [1, u, u * u, u * u * u];
    for (let r = 0; r < 4; r++) {
      aty[r] += p[r] * y[i];
      for (let c = 0; c < 4; c++) ata[r][c] += p[r] * p[c];
    }
  }
  const c = solveLinearSystem(ata, aty);
  if (!c) return null;
  // y' = c1 + 2 c2 u + 3 c3 u² = 0, maximum where y'' = 2 c2 + 6 c3 u < 0
  const roots: number[] = [];
  if (Math.abs(c[3]) < 1e-14 * Math.abs(c[2])) roots.push(-c[1] / (2 * c[2]));
  else {
    const disc = 4 * c[2] * c[2] - 12 * c[3] * c[1];
    if (disc < 0) return null;
    const sq = Math.sqrt(disc);
    roots.push((-2 * c[2] + sq) / (6 * c[3]), (-2 * c[2] - sq) / (6 * c[3]));
  }
  const maxima = roots.filter((u) => 2 * c[2] + 6 * c[3] * u < 0 && Math.abs(u) <= 1);
  if (maxima.length === 0) return null;
  const u = maxima.reduce((p, q) => (Math.abs(p) < Math.abs(q) ? p : q));
  return { t: tc + u * scale, value: c[0] + c[1] * u + c[2] * u * u + c[3] * u * u * u };
}

/** Refined first-crossing times of any ascending α levels on a run (as its grid's). */
export function runCrossings(r: RunKinetics, levels: ArrayLike<number>): { tS: Float64Array; indexAfter: Int32Array } {
  return fittedCrossings(r.run.tS, r.run.alpha, r.ratePerS, levels, r.crossingHalfPoints);
}
