/** From the Kinetics state to the chart builders' inputs (charts/kinetics.ts) and the comparison table. */
import type { IsoconversionalMethod, KineticsComparison, KineticsSeriesResult } from '../../../../shared/kinetics';
import { METHOD_LABELS } from '../../../../shared/kinetics';
import type { KineticsStateView } from '../../../../shared/kinetics-api';
import { compareSeries } from '../../../../core/kinetics/compare';
import { predictIsothermal } from '../../../../core/kinetics/prediction';
import { REACTION_MODELS } from '../../../../core/kinetics/models';
import { KINETICS_TITLES, type ArrheniusPanel, type EAlphaCurve, type MasterPlotData, type PredictionCurve, type RegressionSet } from '../../charts/kinetics';
import { runColor } from '../../charts/style';

export type KineticsPlotId = 'energy' | 'lines' | 'avrami' | 'arrhenius' | 'master' | 'prediction';

export const KINETICS_PLOTS: { id: KineticsPlotId; label: string }[] = [
  { id: 'energy', label: 'E(α)' },
  { id: 'lines', label: 'Isoconversional lines' },
  { id: 'avrami', label: 'Avrami' },
  { id: 'arrhenius', label: 'Arrhenius' },
  { id: 'master', label: 'Master plot' },
  { id: 'prediction', label: 'Prediction' },
];

export const KELVIN = 273.15;

export interface SeriesResult {
  seriesId: string;
  name: string;
  color: string;
  result: KineticsSeriesResult;
}

/** Series with a result, in the order of the series list, with their colours. */
export function seriesResults(state: KineticsStateView): SeriesResult[] {
  const out: SeriesResult[] = [];
  for (const s of state.series) {
    const r = state.results?.find((x) => x.seriesId === s.id);
    if (r?.result) out.push({ seriesId: s.id, name: s.name, color: runColor(s.colorIndex), result: r.result });
  }
  return out;
}

/** Methods with E(α) in any result, in the order of the methods list. */
export function availableMethods(results: SeriesResult[]): (IsoconversionalMethod | 'isothermal')[] {
  const order: (IsoconversionalMethod | 'isothermal')[] = ['advancedVyazovkin', 'vyazovkin', 'isothermal', 'friedman', 'kas', 'ofw', 'starink'];
  return order.filter((m) => results.some((r) => r.result.isoconversional[m]));
}

export function eAlphaCurves(results: SeriesResult[], methods: (IsoconversionalMethod | 'isothermal')[]): EAlphaCurve[] {
  const out: EAlphaCurve[] = [];
  for (const r of results) {
    for (const m of methods) {
      const iso = r.result.isoconversional[m];
      if (!iso) continue;
      out.push({ label: results.length === 1 ? METHOD_LABELS[m] : methods.length === 1 ? r.name : `${r.name} · ${METHOD_LABELS[m]}`, color: r.color, method: m, points: iso.points });
    }
  }
  return out;
}

/** Methods whose regression lines can be drawn (linear ones and the isothermal ln t_α), plus Kissinger. */
export function lineMethods(results: SeriesResult[]): (IsoconversionalMethod | 'isothermal' | 'kissinger')[] {
  const out: (IsoconversionalMethod | 'isothermal' | 'kissinger')[] = (['friedman', 'kas', 'ofw', 'starink', 'isothermal'] as const).filter((m) =>
    results.some((r) => r.result.isoconversional[m]?.lines),
  );
  if (results.some((r) => r.result.kissinger)) out.push('kissinger');
  return out;
}

export const LINE_Y_TITLES: Record<string, string> = {
  friedman: 'ln[(d{i|α}/d{i|t})/s⁻¹]',
  kas: 'ln[({i|β}/K s⁻¹)/({i|T}/K)²]',
  ofw: 'ln({i|β}/K s⁻¹)',
  starink: 'ln[({i|β}/K s⁻¹)/({i|T}/K)^1.92]',
  isothermal: KINETICS_TITLES.lnTime,
  kissinger: 'ln[({i|β}/K s⁻¹)/({i|T}{s|p}/K)²]',
};

export function regressionSets(results: SeriesResult[], method: string, alpha: number): RegressionSet[] {
  const out: RegressionSet[] = [];
  for (const r of results) {
    if (method === 'kissinger') {
      const k = r.result.kissinger;
      if (k) out.push({ label: `${r.name} (Kissinger, E = ${k.eKJPerMol.toFixed(1)} kJ/mol)`, color: r.color, ...k.line });
      continue;
    }
    const iso = r.result.isoconversional[method as IsoconversionalMethod | 'isothermal'];
    const l = iso?.lines?.find((x) => Math.abs(x.alpha - alpha) < 1e-9);
    const p = iso?.points.find((x) => Math.abs(x.alpha - alpha) < 1e-9);
    if (l) out.push({ label: `${r.name} (E = ${p?.eKJPerMol?.toFixed(1) ?? '—'} kJ/mol)`, color: r.color, x: l.x, y: l.y, slope: l.slope, intercept: l.intercept });
  }
  return out;
}

/** Avrami plots of one isothermal series, one set per run (colours along the palette). */
export function avramiSets(r: SeriesResult | undefined): RegressionSet[] {
  if (!r) return [];
  return r.result.runs
    .map((run, i) => {
      const a = run.avrami;
      if (!a) return null;
      return {
        label: `${(run.meanTemperatureK - KELVIN).toFixed(0)} °C: n = ${a.n.toFixed(2)}`,
        color: runColor(i),
        x: a.x,
        y: a.y,
        slope: a.n,
        intercept: a.n * Math.log(a.kPerS),
      };
    })
    .filter((s): s is RegressionSet => s !== null);
}

/** One Arrhenius panel per series: ln k (best model) vs 1000/T for isothermal series, Kissinger for ramps. */
export function arrheniusPanels(results: SeriesResult[]): ArrheniusPanel[] {
  return results.map((r) => {
    const a = r.result.arrhenius;
    if (a) {
      return {
        title: r.name,
        color: r.color,
        set: { label: r.name, color: r.color, ...a.line },
        note: `${a.source}: E = ${a.eKJPerMol.toFixed(1)} ± ${a.ci95KJPerMol === null ? '—' : a.ci95KJPerMol.toFixed(1)} kJ/mol`,
      };
    }
    const k = r.result.kissinger;
    if (k) return { title: r.name, color: r.color, set: { label: r.name, color: r.color, ...k.line }, note: `Kissinger (ln β/T²p): E = ${k.eKJPerMol.toFixed(1)} ± ${k.ci95KJPerMol === null ? '—' : k.ci95KJPerMol.toFixed(1)} kJ/mol` };
    return { title: r.name, color: r.color, set: null, note: 'no Arrhenius line' };
  });
}

export function masterPlotData(r: SeriesResult | undefined, kind: 'integral' | 'differential' = 'integral'): MasterPlotData | null {
  const mp = r?.result.masterPlot;
  if (!r || !mp) return null;
  const integral = kind === 'integral';
  return {
    kind,
    alphas: mp.alphas,
    experimental: [{ label: `${r.name} (experimental, ${METHOD_LABELS[mp.eMethod]} E)`, color: r.color, g: integral ? mp.gNormalized : mp.fNormalized }],
    models: mp.models
      .filter((m) => REACTION_MODELS.some((x) => x.code === m.code))
      .map((m) => ({ code: m.code, g: integral ? m.gNormalized : m.fNormalized, highlight: m.code === mp.nearestModel })),
  };
}

/** The isothermal prediction of every series at temperatureK, with the run measured there (within 2 K) if any. */
export function predictionCurves(results: SeriesResult[], temperatureK: number): PredictionCurve[] {
  const out: PredictionCurve[] = [];
  for (const r of results) {
    const gt = r.result.generalizedTime;
    if (!gt) continue;
    const p = predictIsothermal(gt, temperatureK);
    const run = r.result.mode === 'isothermal' ? r.result.runs.find((x) => Math.abs(x.meanTemperatureK - temperatureK) <= 2) : undefined;
    out.push({
      label: `${r.name} (predicted)`,
      color: r.color,
      alphas: p.alphas,
      tS: p.tS,
      tLowS: p.tLowS,
      tHighS: p.tHighS,
      measured: run ? { label: `${r.name} (measured, ${(run.meanTemperatureK - KELVIN).toFixed(1)} °C)`, tS: run.curves.tS, alpha: run.curves.alpha } : null,
    });
  }
  return out;
}

/** The temperature of predictions and speed-ups: the user's, else the median run temperature of the reference. */
export function comparisonTemperatureK(state: KineticsStateView, results: SeriesResult[]): number | null {
  if (state.options.predictionC !== null) return state.options.predictionC + KELVIN;
  const ref = results.find((r) => r.seriesId === state.referenceSeriesId) ?? results[0];
  if (!ref) return null;
  return ref.result.prediction?.temperatureK ?? null;
}

export function comparison(state: KineticsStateView, results: SeriesResult[]): KineticsComparison | null {
  const T = comparisonTemperatureK(state, results);
  const ref = results.find((r) => r.seriesId === state.referenceSeriesId) ?? results[0];
  if (!ref || T === null) return null;
  return compareSeries(
    results.map((r) => ({ ...r.result, name: r.name })),
    { reference: ref.name, temperatureK: T, alpha: state.options.speedUpAlpha, meanRange: state.options.meanRange ?? undefined },
  );
}
