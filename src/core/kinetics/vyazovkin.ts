/**
 * Vyazovkin's non-linear isoconversional methods, and the Vyazovkin–Wight confidence interval.
 *
 * Integral method (Vyazovkin & Dollimore, J. Chem. Inf. Comput. Sci. 36 (1996) 42), linear heating β_i:
 *   E_α minimises Φ(E) = Σ_i Σ_{j≠i} [I(E, T_α,i) β_j] / [I(E, T_α,j) β_i],
 *   I(E, T) = ∫₀ᵀ exp(−E/RT)dT evaluated exactly (temperature-integral.ts), not by an approximation.
 *
 * Advanced method (Vyazovkin, J. Comput. Chem. 22 (2001) 178) on the measured temperature of each run, so it holds
 * for any programme (isothermal, non-linear, self-heating):
 *   E_α minimises Φ(E) = Σ_i Σ_{j≠i} J[E, T_i(t_α)] / J[E, T_j(t_α)],
 *   J[E, T_i(t_α)] = ∫_{t_{α−Δα}}^{t_α} exp(−E/RT_i(t)) dt  (trapezoid over the measured samples, ends interpolated).
 *   E_α is reported at the upper end α of its Δα interval.
 *
 * 95 % interval (Vyazovkin & Wight, Anal. Chem. 72 (2000) 3171): with ω_ij(E) the ratios above,
 *   S²(E) = Σ_{i≠j} (ω_ij − 1)² / (n(n − 1)),   and E lies in the interval where S²(E)/S²(E_α) ≤ F_{0.95}(n − 1, n − 1).
 * The interval is not symmetric; its half-width is reported as the mean of the two distances from E_α.
 */
import type { EAlphaPoint, IsoconversionalSeries } from '../../shared/kinetics';
import { R_J_PER_MOL_K } from './constants';
import { runCrossings, type RunKinetics } from './run-analysis';
import { brentMinimum, findRoot, fQuantile } from './stats';
import { lnTemperatureIntegral } from './temperature-integral';

export const VYAZOVKIN_CI_MEANING =
  'Vyazovkin–Wight 95 % interval: the energies where the variance of the ratios ω_ij = J_i/J_j about 1 stays below F(0.95; n − 1, n − 1) times its value at E_α (n runs); ± is the mean of the two (unequal) distances.';

/** E search range (kJ/mol). */
const E_MIN_KJ = 1;
const E_MAX_KJ = 3000;

/** For a set of ln(weights) per run at energy E: Φ = Σ_{i≠j} exp(l_i − l_j) and S² = Σ_{i≠j}(exp(l_i − l_j) − 1)²/(n(n−1)). */
function phiAndVariance(l: Float64Array): { phi: number; s2: number } {
  const n = l.length;
  let phi = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const w = Math.exp(l[i] - l[j]);
      phi += w;
      s2 += (w - 1) * (w - 1);
    }
  }
  return { phi, s2: s2 / (n * (n - 1)) };
}

/**
 * Minimise Φ over E (kJ/mol) starting from a guess: a coarse logarithmic scan around it, widened until the minimum
 * is inside, then Brent to 1e-6 kJ/mol. lnWeights(E) fills the per-run ln J (or ln(I/β)).
 */
function minimiseE(lnWeights: (eKJ: number, out: Float64Array) => void, n: number, guessKJ: number): { eKJ: number; s2: number } | null {
  const buf = new Float64Array(n);
  const phiAt = (e: number): number => {
    lnWeights(e, buf);
    const v = phiAndVariance(buf).phi;
    return Number.isFinite(v) ? v : Infinity;
  };
  let g = Number.isFinite(guessKJ) && guessKJ > E_MIN_KJ && guessKJ < E_MAX_KJ ? guessKJ : 100;
  let lo = Math.max(E_MIN_KJ, g / 1.6);
  let hi = Math.min(E_MAX_KJ, g * 1.6);
  for (let attempt = 0; attempt < 12; attempt++) {
    const steps = 8;
    let best = -1;
    let bestPhi = Infinity;
    const xs: number[] = [];
    for (let s = 0; s <= steps; s++) {
      const e = lo * Math.pow(hi / lo, s / steps);
      xs.push(e);
      const p = phiAt(e);
      if (p < bestPhi) {
        bestPhi = p;
        best = s;
      }
    }
    if (best < 0) return null;
    const atLow = best === 0 && lo > E_MIN_KJ;
    const atHigh = best === steps && hi < E_MAX_KJ;
    if (!atLow && !atHigh) {
      const a = xs[Math.max(0, best - 1)];
      const b = xs[Math.min(steps, best + 1)];
      const m = brentMinimum(phiAt, a, b, 1e-7);
      lnWeights(m.x, buf);
      return { eKJ: m.x, s2: phiAndVariance(buf).s2 };
    }
    g = xs[best];
    lo = Math.max(E_MIN_KJ, atLow ? g / 4 : lo);
    hi = Math.min(E_MAX_KJ, atHigh ? g * 4 : hi);
  }
  return null;
}

/** The Vyazovkin–Wight limits around eKJ; [eKJ, eKJ] when S²(E_α) is zero (exact data). */
function wightInterval(lnWeights: (eKJ: number, out: Float64Array) => void, n: number, eKJ: number, s2Min: number): [number | null, number | null] {
  if (n < 2) return [null, null];
  if (!(s2Min > 0)) return [eKJ, eKJ];
  const F = fQuantile(0.95, n - 1, n - 1);
  const buf = new Float64Array(n);
  const excess = (e: number): number => {
    lnWeights(e, buf);
    const v = phiAndVariance(buf).s2 / s2Min - F;
    return Number.isFinite(v) ? v : 1e300;
  };
  const side = (dir: 1 | -1): number | null => {
    let step = Math.max(0.5, 0.02 * eKJ);
    let inner = eKJ;
    for (let k = 0; k < 40; k++) {
      const outer = dir > 0 ? Math.min(E_MAX_KJ * 2, inner + step) : Math.max(1e-3, inner - step);
      if (excess(outer) > 0) return findRoot(excess, Math.min(inner, outer), Math.max(inner, outer), 1e-6 * Math.max(1, eKJ));
      if (outer === inner) return null;
      inner = outer;
      step *= 2;
    }
    return null;
  };
  return [side(-1), side(1)];
}

function point(alpha: number, runs: number, e: number | null, limits: [number | null, number | null]): EAlphaPoint {
  const [lo, hi] = limits;
  const half = e !== null && lo !== null && hi !== null ? 0.5 * (e - lo + (hi - e)) : null;
  return { alpha, eKJPerMol: e, ci95KJPerMol: half, ci95LowKJPerMol: lo, ci95HighKJPerMol: hi, runs, r2: null };
}

/** Vyazovkin's integral method with the exact temperature integral; needs linearly heated runs. */
export function vyazovkin(runs: RunKinetics[], grid: number[], guessKJ: (k: number) => number): IsoconversionalSeries {
  const points: EAlphaPoint[] = [];
  for (let k = 0; k < grid.length; k++) {
    const used = runs.filter((r) => r.heatingRateKPerS > 0 && Number.isFinite(r.temperatureAlphaK[k]));
    if (used.length < 2) {
      points.push(point(grid[k], used.length, null, [null, null]));
      continue;
    }
    const T = used.map((r) => r.temperatureAlphaK[k]);
    const lnBeta = used.map((r) => Math.log(r.heatingRateKPerS));
    // ω_ij = I_i β_j /(I_j β_i): weight l_i = ln I(E, T_i) − ln β_i
    const lnWeights = (eKJ: number, out: Float64Array): void => {
      for (let i = 0; i < T.length; i++) out[i] = lnTemperatureIntegral(eKJ * 1000, T[i]) - lnBeta[i];
    };
    const best = minimiseE(lnWeights, used.length, guessKJ(k));
    if (!best) {
      points.push(point(grid[k], used.length, null, [null, null]));
      continue;
    }
    points.push(point(grid[k], used.length, best.eKJ, wightInterval(lnWeights, used.length, best.eKJ, best.s2)));
  }
  return { method: 'vyazovkin', points, ciMeaning: VYAZOVKIN_CI_MEANING, lines: null, yLabel: null };
}

/**
 * The samples of one run between two times, as trapezoid weights w_k and u_k = 1/T_k (the ends interpolated), so
 * that J(E) = Σ w_k exp(−E u_k/R). The samples are cut into chunks over which 1/T varies by at most 2δ
 * (δ = R/(2E_max), E_max = 3000 kJ/mol: about ±0.3 K near 650 K) and each chunk keeps its weighted central moments
 * M_j = Σ w_k (u_k − ū)^j, so that its share is exp(−cū) Σ_j (−c)^j M_j/j!, c = E/R, exact to < 1e-15 relative with
 * 14 terms (c·|u − ū| ≤ 1/2). One evaluation then costs 14 operations and one exp per chunk instead of one exp per
 * sample — a Δα interval holds a few chunks, and the minimisation and the Vyazovkin–Wight interval evaluate J some
 * 70 times per α. A held temperature is one chunk.
 */
export interface Interval {
  t0S: number;
  t1S: number;
  /** Per chunk: weighted mean of 1/T and the central moments M_0…M_{MOMENTS−1} (chunk-major). */
  chunkMean: Float64Array;
  chunkMoments: Float64Array;
}

const MOMENTS = 14;
const E_MAX_J = 3000e3;
const CHUNK_HALF_RANGE = (0.5 * R_J_PER_MOL_K) / E_MAX_J;
const INV_FACTORIAL = Float64Array.from({ length: MOMENTS }, (_, j) => {
  let f = 1;
  for (let i = 2; i <= j; i++) f *= i;
  return 1 / f;
});

/** Scratch buffers reused between calls (never visible outside; the results are fresh arrays). */
let scratchInv = new Float64Array(1024);
let scratchWeight = new Float64Array(1024);

/**
 * The samples of an interval into the scratch buffers: 1/T and the trapezoid weight for k = 0 … count − 1, the two
 * ends interpolated at t0 and t1. Returns count.
 */
function fillIntervalSamples(r: RunKinetics, t0: number, i0: number, t1: number, i1: number): number {
  const { tS, temperatureK } = r.run;
  const n = tS.length;
  let a = Math.max(0, i0);
  while (a < n && !(tS[a] > t0)) a++;
  let b = Math.min(n, Math.max(a, i1));
  while (b > a && !(tS[b - 1] < t1)) b--;
  const Tat = (time: number, after: number): number => {
    const i = Math.max(1, Math.min(n - 1, after));
    const lo = tS[i - 1];
    const hi = tS[i];
    if (time <= lo || hi === lo) return temperatureK[i - 1];
    if (time >= hi) return temperatureK[i];
    return temperatureK[i - 1] + ((time - lo) / (hi - lo)) * (temperatureK[i] - temperatureK[i - 1]);
  };
  const count = b - a + 2;
  if (scratchInv.length < count) {
    scratchInv = new Float64Array(2 * count);
    scratchWeight = new Float64Array(2 * count);
  }
  const inv = scratchInv;
  const w = scratchWeight;
  inv[0] = 1 / Tat(t0, i0);
  inv[count - 1] = 1 / Tat(t1, i1);
  for (let k = a; k < b; k++) inv[k - a + 1] = 1 / temperatureK[k];
  // trapezoid weights: half of the two neighbouring steps
  for (let k = 0; k < count; k++) w[k] = 0;
  let prev = t0;
  for (let k = 1; k < count; k++) {
    const cur = k === count - 1 ? t1 : tS[a + k - 1];
    const h = 0.5 * (cur - prev);
    w[k - 1] += h;
    w[k] += h;
    prev = cur;
  }
  return count;
}

export function intervalBetween(r: RunKinetics, t0: number, i0: number, t1: number, i1: number): Interval | null {
  if (!(t1 > t0) || i0 < 0 || i1 < 0) return null;
  const count = fillIntervalSamples(r, t0, i0, t1, i1);
  const inv = scratchInv;
  const weight = scratchWeight;
  // chunk boundaries: 1/T spans at most 2δ within a chunk
  const bounds: number[] = [0];
  let lo = inv[0];
  let hi = lo;
  for (let k = 1; k < count; k++) {
    const v = inv[k];
    const nlo = v < lo ? v : lo;
    const nhi = v > hi ? v : hi;
    if (nhi - nlo > 2 * CHUNK_HALF_RANGE) {
      bounds.push(k);
      lo = v;
      hi = v;
    } else {
      lo = nlo;
      hi = nhi;
    }
  }
  bounds.push(count);
  const chunks = bounds.length - 1;
  const mean = new Float64Array(chunks);
  const moments = new Float64Array(chunks * MOMENTS);
  for (let c = 0; c < chunks; c++) {
    let sw = 0;
    let su = 0;
    const from = bounds[c];
    const to = bounds[c + 1];
    for (let k = from; k < to; k++) {
      sw += weight[k];
      su += weight[k] * inv[k];
    }
    const m = sw > 0 ? su / sw : inv[from];
    mean[c] = m;
    const base = c * MOMENTS;
    for (let k = from; k < to; k++) {
      const d = inv[k] - m;
      let p = weight[k];
      for (let j = 0; j < MOMENTS; j++) {
        moments[base + j] += p;
        p *= d;
      }
    }
  }
  return { t0S: t0, t1S: t1, chunkMean: mean, chunkMoments: moments };
}

/** ln J = ln ∫ exp(−E/RT) dt over an interval (trapezoid on the samples, by chunk moments), E in J/mol ≤ E_max. */
export function lnJ(interval: Interval, eJPerMol: number): number {
  const c = eJPerMol / R_J_PER_MOL_K;
  const { chunkMean, chunkMoments: mo } = interval;
  // shares exp(−c ū_s)·S_s, summed relative to the hottest chunk (smallest ū)
  let shift = Infinity;
  for (let s = 0; s < chunkMean.length; s++) if (chunkMean[s] < shift) shift = chunkMean[s];
  let total = 0;
  for (let s = 0; s < chunkMean.length; s++) {
    const base = s * MOMENTS;
    let sum = 0;
    let p = 1;
    for (let j = 0; j < MOMENTS; j++) {
      sum += p * mo[base + j] * INV_FACTORIAL[j];
      p *= -c;
    }
    total += Math.exp(-c * (chunkMean[s] - shift)) * sum;
  }
  return -c * shift + Math.log(total);
}

/** The same trapezoid sum sample by sample (for the tests). */
export function lnJDirect(r: RunKinetics, t0: number, i0: number, t1: number, i1: number, eJPerMol: number): number {
  const c = eJPerMol / R_J_PER_MOL_K;
  const count = fillIntervalSamples(r, t0, i0, t1, i1);
  let minInv = Infinity;
  for (let k = 0; k < count; k++) minInv = Math.min(minInv, scratchInv[k]);
  let sum = 0;
  for (let k = 0; k < count; k++) sum += scratchWeight[k] * Math.exp(-c * (scratchInv[k] - minInv));
  return -c * minInv + Math.log(sum);
}

/** Per run, the Δα intervals [α − Δα, α] of the grid as integration intervals (null where α is not reached). */
export function advancedIntervals(r: RunKinetics, grid: number[], deltaAlpha: number): (Interval | null)[] {
  const lower = grid.map((a) => Math.max(0, a - deltaAlpha));
  const sortedLower = lower.slice();
  const lo = runCrossings(r, sortedLower);
  return grid.map((a, k) => {
    const t1 = r.tAlphaS[k];
    if (!Number.isFinite(t1)) return null;
    const t0 = lower[k] <= 0 ? r.run.tS[0] : lo.tS[k];
    if (!Number.isFinite(t0)) return null;
    const i0 = lower[k] <= 0 ? 0 : lo.indexAfter[k];
    return intervalBetween(r, t0, i0, t1, r.indexAfter[k]);
  });
}

/** The advanced method on the measured T(t) of every run. onStep(k) is called after each α (progress, cancel). */
export function advancedVyazovkin(
  runs: RunKinetics[],
  grid: number[],
  deltaAlpha: number,
  guessKJ: (k: number) => number,
  onStep?: (k: number) => void,
  /** Precomputed intervals [α − Δα, α] per run (the tiling of the grid when Δα is its step). */
  given?: (Interval | null)[][],
): IsoconversionalSeries & { intervals: (Interval | null)[][] } {
  const intervals = given ?? runs.map((r) => advancedIntervals(r, grid, deltaAlpha));
  const points: EAlphaPoint[] = [];
  let previous = NaN;
  for (let k = 0; k < grid.length; k++) {
    const used = intervals.map((iv) => iv[k]).filter((iv): iv is Interval => iv !== null && iv.t1S > iv.t0S);
    if (used.length < 2) {
      points.push(point(grid[k], used.length, null, [null, null]));
      onStep?.(k);
      continue;
    }
    const lnWeights = (eKJ: number, out: Float64Array): void => {
      for (let i = 0; i < used.length; i++) out[i] = lnJ(used[i], eKJ * 1000);
    };
    const g = guessKJ(k);
    const best = minimiseE(lnWeights, used.length, Number.isFinite(g) ? g : previous);
    if (!best) points.push(point(grid[k], used.length, null, [null, null]));
    else {
      previous = best.eKJ;
      points.push(point(grid[k], used.length, best.eKJ, wightInterval(lnWeights, used.length, best.eKJ, best.s2)));
    }
    onStep?.(k);
  }
  return { method: 'advancedVyazovkin', points, ciMeaning: VYAZOVKIN_CI_MEANING, lines: null, yLabel: null, intervals };
}
