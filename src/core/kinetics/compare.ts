/**
 * Comparing conditions (issue 9 §2): several series (e.g. Fe2O3, Fe2O3 + Ni, Fe2O3 + NiO) against a reference.
 * Per series: E averaged over an α range (the series' preferred method) ± the mean 95 % half-width, ΔE against the
 * reference with √(Δ² + Δ_ref²) (the series are independent), the best fixed model (isothermal series), and the
 * catalytic speed-up t_α(reference)/t_α(series) at one temperature predicted from E(α) (prediction.ts) next to the
 * measured one when both series have an isothermal run within 2 K of it.
 */
import type { ComparisonRow, KineticsComparison, KineticsSeriesResult } from '../../shared/kinetics';
import { KINETICS_DEFAULTS } from './constants';
import { predictIsothermal, predictedTimeAt } from './prediction';
import { summariseE } from './series';

export interface CompareOptions {
  reference: string;
  temperatureK: number;
  /** α of the speed-up t_α(ref)/t_α(series). Default 0.5. */
  alpha?: number;
  /** α range of the mean E. Default each series' own summary range. */
  meanRange?: [number, number];
}

/** t_α of a run at α from its grid times (log-linear between grid points). */
function runTimeAt(alphas: number[], tAlpha: (number | null)[], alpha: number): number | null {
  for (let k = 0; k < alphas.length; k++) {
    if (Math.abs(alphas[k] - alpha) < 1e-9) return tAlpha[k];
    if (k > 0 && alphas[k - 1] < alpha && alphas[k] > alpha) {
      const a = tAlpha[k - 1];
      const b = tAlpha[k];
      if (a === null || b === null || !(a > 0) || !(b > 0)) return null;
      const f = (alpha - alphas[k - 1]) / (alphas[k] - alphas[k - 1]);
      return Math.exp(Math.log(a) + f * (Math.log(b) - Math.log(a)));
    }
  }
  return null;
}

/** The isothermal run of a series nearest to T (within 2 K) and its t_α. */
function measuredTime(s: KineticsSeriesResult, temperatureK: number, alpha: number): { tS: number; atK: number } | null {
  if (s.mode !== 'isothermal') return null;
  let best: { tS: number; atK: number } | null = null;
  for (const r of s.runs) {
    if (Math.abs(r.meanTemperatureK - temperatureK) > KINETICS_DEFAULTS.measuredWithinK) continue;
    const t = runTimeAt(s.alphas, r.tAlphaS, alpha);
    if (t === null) continue;
    if (!best || Math.abs(r.meanTemperatureK - temperatureK) < Math.abs(best.atK - temperatureK)) best = { tS: t, atK: r.meanTemperatureK };
  }
  return best;
}

export function compareSeries(series: KineticsSeriesResult[], options: CompareOptions): KineticsComparison {
  const ref = series.find((s) => s.name === options.reference);
  if (!ref) throw new Error(`comparison: the reference series "${options.reference}" is not among ${series.map((s) => `"${s.name}"`).join(', ')}`);
  const alpha = options.alpha ?? 0.5;
  const T = options.temperatureK;
  const notes: string[] = [];
  const summaryOf = (s: KineticsSeriesResult) => {
    if (!options.meanRange || !s.summaryE) return s.summaryE;
    const iso = s.isoconversional[s.summaryE.method];
    return iso ? summariseE(iso, options.meanRange) : s.summaryE;
  };
  const refSummary = summaryOf(ref);
  const predict = (s: KineticsSeriesResult) => (s.generalizedTime ? predictIsothermal(s.generalizedTime, T) : null);
  const refPred = predict(ref);
  const refT = refPred ? predictedTimeAt(refPred, alpha) : null;
  const refLo = refPred ? predictedTimeAt(refPred, alpha, 'tLowS') : null;
  const refHi = refPred ? predictedTimeAt(refPred, alpha, 'tHighS') : null;
  const refMeasured = measuredTime(ref, T, alpha);
  const rows: ComparisonRow[] = series.map((s) => {
    const sum = summaryOf(s);
    const e = sum?.meanKJPerMol ?? null;
    const ci = sum?.ci95KJPerMol ?? null;
    const eRef = refSummary?.meanKJPerMol ?? null;
    const ciRef = refSummary?.ci95KJPerMol ?? null;
    const pred = predict(s);
    const t = pred ? predictedTimeAt(pred, alpha) : null;
    const lo = pred ? predictedTimeAt(pred, alpha, 'tLowS') : null;
    const hi = pred ? predictedTimeAt(pred, alpha, 'tHighS') : null;
    const measured = measuredTime(s, T, alpha);
    const ratio = (a: number | null, b: number | null): number | null => (a !== null && b !== null && b > 0 ? a / b : null);
    return {
      series: s.name,
      eMethod: sum?.method ?? null,
      eMeanKJPerMol: e,
      ci95KJPerMol: ci,
      deltaEKJPerMol: e !== null && eRef !== null ? e - eRef : null,
      deltaECi95KJPerMol: ci !== null && ciRef !== null ? (s === ref ? 0 : Math.sqrt(ci * ci + ciRef * ciRef)) : null,
      bestModel: s.bestModel ?? s.masterPlot?.nearestModel ?? null,
      multiStep: s.multiStep?.flagged ?? false,
      predictedSpeedUp: ratio(refT, t),
      // slowest reference over fastest series, and the reverse
      predictedSpeedUpLow: ratio(refLo, hi),
      predictedSpeedUpHigh: ratio(refHi, lo),
      measuredSpeedUp: refMeasured && measured ? refMeasured.tS / measured.tS : null,
      measuredAtK: refMeasured && measured ? measured.atK : null,
    };
  });
  const methods = new Set(rows.map((r) => r.eMethod).filter((m) => m !== null));
  if (methods.size > 1) notes.push(`The series' mean E come from different methods (${[...methods].join(', ')}): compare like with like where you can.`);
  if (rows.some((r) => r.multiStep)) notes.push('A multi-step series has no single E: its mean E and the ΔE are only descriptive.');
  if (rows.every((r) => r.measuredSpeedUp === null)) notes.push(`No measured speed-up: it needs an isothermal run of the reference and of the series within ${KINETICS_DEFAULTS.measuredWithinK} K of ${T.toFixed(1)} K.`);
  return { reference: ref.name, temperatureK: T, alpha, rows, notes };
}
