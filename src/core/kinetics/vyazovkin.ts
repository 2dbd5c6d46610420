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
 * The samples of one run between two times, as (t, 1/T) with the ends interpolated, for J integrals: J(E) =
 * trapezoid of exp(−E/(R T)) over them.
 */
export interface Interval {
  tS: Float64Array;
  invT: Float64Array;
  /** max(1/T)⁻¹ … the smallest 1/T (hottest point), to shift the exponent. */
  minInvT: number;
}

export function intervalBetween(r: RunKinetics, t0: number, i0: number, t1: number, i1: number): Interval | null {
  const { tS, temperatureK } = r.run;
  if (!(t1 > t0) || i0 < 0 || i1 < 0) return null;
  // samples strictly inside (t0, t1): indices from i0 (first sample with α ≥ lower level, i.e. after t0) to before i1
  const inner: number[] = [];
  for (let i = Math.max(0, i0); i < Math.min(tS.length, i1); i++) if (tS[i] > t0 && tS[i] < t1) inner.push(i);
  const m = inner.length + 2;
  const t = new Float64Array(m);
  const inv = new Float64Array(m);
  const Tat = (time: number, after: number): number => {
    const i = Math.max(1, Math.min(tS.length - 1, after));
    const a = tS[i - 1];
    const b = tS[i];
    if (time <= a || b === a) return temperatureK[i - 1];
    if (time >= b) return temperatureK[i];
    return temperatureK[i - 1] + ((time - a) / (b - a)) * (temperatureK[i] - temperatureK[i - 1]);
  };
  t[0] = t0;
  inv[0] = 1 / Tat(t0, i0);
  for (let k = 0; k < inner.length; k++) {
    t[k + 1] = tS[inner[k]];
    inv[k + 1] = 1 / temperatureK[inner[k]];
  }
  t[m - 1] = t1;
  inv[m - 1] = 1 / Tat(t1, i1);
  let minInv = Infinity;
  for (let k = 0; k < m; k++) if (inv[k] < minInv) minInv = inv[k];
  return { tS: t, invT: inv, minInvT: minInv };
}

/** ln J = ln ∫ exp(−E/RT) dt over an interval (trapezoid), E in J/mol, shifted to avoid underflow. */
export function lnJ(interval: Interval, eJPerMol: number): number {
  const c = eJPerMol / R_J_PER_MOL_K;
  const { tS, invT, minInvT } = interval;
  let sum = 0;
  let prev = Math.exp(-c * (invT[0] - minInvT));
  for (let k = 1; k < tS.length; k++) {
    const cur = Math.exp(-c * (invT[k] - minInvT));
    sum += 0.5 * (prev + cur) * (tS[k] - tS[k - 1]);
    prev = cur;
  }
  return -c * minInvT + Math.log(sum);
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
): IsoconversionalSeries & { intervals: (Interval | null)[][] } {
  const intervals = runs.map((r) => advancedIntervals(r, grid, deltaAlpha));
  const points: EAlphaPoint[] = [];
  let previous = NaN;
  for (let k = 0; k < grid.length; k++) {
    const used = intervals.map((iv) => iv[k]).filter((iv): iv is Interval => iv !== null && iv.tS[iv.tS.length - 1] > iv.tS[0]);
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
