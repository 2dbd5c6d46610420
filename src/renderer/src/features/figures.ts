/** From the session to the chart builders' inputs: which runs, in which colour, with which series. */
import type { RunView, SessionView } from '../../../shared/api';
import { isReducingGas } from '../../../core/tga/start';
import { temperatureSpanC, type AlphaTemperatureRun } from '../charts/alphaTemperature';
import type { ConversionData } from '../charts/conversion';
import { periodsFrom, type RawData } from '../charts/raw';
import { runColor, runStyle } from '../charts/style';
import type { TgRun } from '../charts/thermogravimetry';

export type PlotId = 'conversion' | 'alphaT' | 'tg' | 'raw';

export const PLOTS: { id: PlotId; label: string }[] = [
  { id: 'conversion', label: 'Conversion α(t)' },
  { id: 'alphaT', label: 'α(T)' },
  { id: 'tg', label: 'TG & DTG' },
  { id: 'raw', label: 'Mass & temperature' },
];

/** Colour, line pattern, marker and index of a run, the same in every plot. */
const look = (r: RunView) => ({ color: runColor(r.colorIndex), style: runStyle(r.colorIndex), index: r.colorIndex });

export function analysedRuns(session: SessionView, hidden: ReadonlySet<string> = new Set()): RunView[] {
  return session.runs.filter((r) => r.settings.role === 'sample' && r.analysis !== null && !hidden.has(r.settings.label));
}

export function conversionData(session: SessionView, hidden?: ReadonlySet<string>): ConversionData {
  return {
    showInset: true,
    runs: analysedRuns(session, hidden).map((r) => ({
      label: r.settings.label,
      ...look(r),
      alpha: r.analysis!.alpha,
      rateVsAlpha: r.analysis!.rateVsAlpha,
    })),
  };
}

/** Runs held within this span (°C) during the reduction are isothermal: α(T) would only plot thermocouple noise. */
export const ISOTHERMAL_SPAN_C = 5;

/** Runs whose temperature changes during the reduction (ramps); isothermal runs are left out of α(T). */
export function alphaTemperatureRuns(session: SessionView, hidden?: ReadonlySet<string>): AlphaTemperatureRun[] {
  return analysedRuns(session, hidden)
    .filter((r) => r.analysis!.alphaVsTemperature !== null && temperatureSpanC(r.analysis!.alphaVsTemperature!) >= ISOTHERMAL_SPAN_C)
    .map((r) => ({
      label: r.settings.label,
      ...look(r),
      alphaVsTemperature: r.analysis!.alphaVsTemperature!,
      onset: r.analysis!.onsetConstruction,
    }));
}

/** TG and DTG of every analysed run. */
export function tgRuns(session: SessionView, hidden?: ReadonlySet<string>): TgRun[] {
  return analysedRuns(session, hidden)
    .filter((r) => r.analysis!.tg.x.length > 1)
    .map((r) => ({ label: r.settings.label, ...look(r), tg: r.analysis!.tg, dtg: r.analysis!.dtg }));
}

/** Labels of analysed runs that are isothermal during the reduction. */
export function isothermalRunLabels(session: SessionView): string[] {
  return analysedRuns(session)
    .filter((r) => r.analysis!.alphaVsTemperature === null || temperatureSpanC(r.analysis!.alphaVsTemperature!) < ISOTHERMAL_SPAN_C)
    .map((r) => r.settings.label);
}

export function rawData(session: SessionView, run: RunView): RawData {
  const blankRun = run.settings.blankId ? session.runs.find((r) => r.id === run.settings.blankId) : undefined;
  const end = run.massRaw ? run.massRaw.x[run.massRaw.x.length - 1] : run.durationS;
  return {
    label: run.settings.label,
    color: runColor(run.colorIndex),
    massRaw: run.massRaw,
    massCorrected: blankRun && run.analysis ? run.analysis.massCorrected : null,
    temperature: run.temperature,
    blank: blankRun && blankRun.massRaw ? { label: blankRun.settings.label, mass: blankRun.massRaw } : null,
    periods: periodsFrom(run.gasEvents, run.segments, end, isReducingGas),
    startS: run.analysis ? run.analysis.reduction.startS : null,
    derived: run.derived.filter((d) => d.series !== null).map((d) => ({ name: d.name, unit: d.unit, series: d.series! })),
  };
}

/** Legend state for ECharts from the set of hidden run labels. */
export function legendSelected(session: SessionView, hidden: ReadonlySet<string>): Record<string, boolean> {
  return Object.fromEntries(session.runs.map((r) => [r.settings.label, !hidden.has(r.settings.label)]));
}
