/**
 * Isoconversional (model-free) predictions (ICTAC 2011 §4; Vyazovkin, Thermochim. Acta 355 (2000) 155).
 *
 * The generalized time of run i up to α_k, with E piecewise constant over the grid's intervals,
 *   θ_i(α_k) = Σ_{l≤k} J_il,   J_il = ∫_{t(α_{l−1})}^{t(α_l)} exp(−E_l/RT_i(t)) dt,
 * is what an isothermal run at T₀ needs, times exp(−E_l/RT₀) per interval, to reach the same α:
 *   t_α(T₀) = Σ_{l≤k} J_il / exp(−E_l/RT₀)       (mean over the runs i).
 * No pre-exponential factor or reaction model is needed. The band repeats the sum with E_l − Δ_l and E_l + Δ_l
 * (Δ_l the 95 % half-width of E_l) and keeps the shorter and the longer time at each α.
 */
import type { GeneralizedTime, IsoconversionalSeries, PredictionResult } from '../../shared/kinetics';
import { R_J_PER_MOL_K } from './constants';
import { type RunKinetics } from './run-analysis';
import { intervalBetween, lnJ, type Interval } from './vyazovkin';

export const PREDICTION_BAND_MEANING =
  'Band: the same prediction with every E_α moved to the ends of its 95 % interval (E − Δ and E + Δ); it carries the uncertainty of E(α), not the scatter between runs.';

/** The grid cut into contiguous intervals [α_{l−1}, α_l] (α_0 = 0: from the window start) for one run. */
export function tilingIntervals(r: RunKinetics, grid: number[]): (Interval | null)[] {
  const out: (Interval | null)[] = [];
  let tPrev = r.run.tS[0];
  let iPrev = 0;
  for (let l = 0; l < grid.length; l++) {
    const t = r.tAlphaS[l];
    out.push(Number.isFinite(t) && Number.isFinite(tPrev) ? intervalBetween(r, tPrev, iPrev, t, r.indexAfter[l]) : null);
    if (Number.isFinite(t)) {
      tPrev = t;
      iPrev = r.indexAfter[l];
    }
  }
  return out;
}

/** ln J of every run over the tiling at E_l and at E_l ∓ Δ_l (tiles: tilingIntervals per run, computed if absent). */
export function generalizedTime(runs: RunKinetics[], grid: number[], series: IsoconversionalSeries, tiles?: (Interval | null)[][]): GeneralizedTime {
  const e = series.points.map((p) => p.eKJPerMol);
  const ci = series.points.map((p) => p.ci95KJPerMol);
  const lnJs: (number | null)[][] = [];
  const lows: (number | null)[][] = [];
  const highs: (number | null)[][] = [];
  runs.forEach((r, i) => {
    const tiling = tiles?.[i] ?? tilingIntervals(r, grid);
    const row: (number | null)[] = [];
    const lo: (number | null)[] = [];
    const hi: (number | null)[] = [];
    for (let l = 0; l < grid.length; l++) {
      const iv = tiling[l];
      const el = e[l];
      if (!iv || el === null) {
        row.push(null);
        lo.push(null);
        hi.push(null);
        continue;
      }
      row.push(lnJ(iv, el * 1000));
      const d = ci[l];
      lo.push(d === null ? null : lnJ(iv, Math.max(1, el - d) * 1000));
      hi.push(d === null ? null : lnJ(iv, Math.min(3000, el + d) * 1000));
    }
    lnJs.push(row);
    lows.push(lo);
    highs.push(hi);
  });
  return { eMethod: series.method, alphas: grid.slice(), eKJPerMol: e, ci95KJPerMol: ci, lnJ: lnJs, lnJLow: lows, lnJHigh: highs };
}

/** t_α at T₀ for one set of ln J and energies; null from the first α a run cannot predict on. */
function predictTimes(lnJ: (number | null)[][], eKJ: (number | null)[], temperatureK: number): (number | null)[] {
  const m = eKJ.length;
  const out: (number | null)[] = new Array(m).fill(null);
  const perRun = lnJ.map((row) => {
    const t: (number | null)[] = [];
    let sum = 0;
    let ok = true;
    for (let l = 0; l < m; l++) {
      const j = row[l];
      const e = eKJ[l];
      if (!ok || j === null || e === null) {
        ok = false;
        t.push(null);
        continue;
      }
      sum += Math.exp(j + (e * 1000) / (R_J_PER_MOL_K * temperatureK));
      t.push(sum);
    }
    return t;
  });
  for (let l = 0; l < m; l++) {
    const vals = perRun.map((t) => t[l]).filter((v): v is number => v !== null && Number.isFinite(v));
    out[l] = vals.length > 0 ? vals.reduce((a, b) => a + b, 0) / vals.length : null;
  }
  return out;
}

/** The isothermal prediction at temperatureK with its band. */
export function predictIsothermal(gt: GeneralizedTime, temperatureK: number): PredictionResult {
  const mid = predictTimes(gt.lnJ, gt.eKJPerMol, temperatureK);
  const lowE = gt.eKJPerMol.map((e, l) => (e === null || gt.ci95KJPerMol[l] === null ? null : Math.max(1, e - (gt.ci95KJPerMol[l] as number))));
  const highE = gt.eKJPerMol.map((e, l) => (e === null || gt.ci95KJPerMol[l] === null ? null : e + (gt.ci95KJPerMol[l] as number)));
  const a = predictTimes(gt.lnJLow, lowE, temperatureK);
  const b = predictTimes(gt.lnJHigh, highE, temperatureK);
  return {
    temperatureK,
    eMethod: gt.eMethod,
    alphas: gt.alphas.slice(),
    tS: mid,
    tLowS: a.map((x, i) => (x === null || b[i] === null ? null : Math.min(x, b[i] as number))),
    tHighS: a.map((x, i) => (x === null || b[i] === null ? null : Math.max(x, b[i] as number))),
    bandMeaning: PREDICTION_BAND_MEANING,
  };
}

/** t at α on a prediction (log-linear interpolation between grid points); null outside. */
export function predictedTimeAt(p: PredictionResult, alpha: number, which: 'tS' | 'tLowS' | 'tHighS' = 'tS'): number | null {
  const ts = p[which];
  for (let k = 0; k < p.alphas.length; k++) {
    if (Math.abs(p.alphas[k] - alpha) < 1e-9) return ts[k];
    if (k > 0 && p.alphas[k - 1] < alpha && p.alphas[k] > alpha) {
      const t0 = ts[k - 1];
      const t1 = ts[k];
      if (t0 === null || t1 === null || !(t0 > 0) || !(t1 > 0)) return null;
      const f = (alpha - p.alphas[k - 1]) / (p.alphas[k] - p.alphas[k - 1]);
      return Math.exp(Math.log(t0) + f * (Math.log(t1) - Math.log(t0)));
    }
  }
  return null;
}
