/**
 * Chart options of the Kinetics workspace, pure (data, view) → EChartsOption like every chart here:
 * E(α) with 95 % bands, isoconversional regression lines at one α, Avrami plots, Arrhenius plots side by side,
 * master plots and isothermal predictions. Colours are the series' (one per series everywhere); line dashes tell the
 * methods apart.
 */
import type { EChartsOption, SeriesOption } from 'echarts';
import type { EAlphaPoint } from '../../../shared/kinetics';
import { baseOption, formulaRich, interaction, labelRich, legend, legendLayout, valueAxis, smallFont, yTitleGap, type ChartView } from './style';

/** Legend keys that show their series' markers (scatter points), unlike the plain-line keys of the line charts. */
const MARKER_KEYS = { itemStyle: { opacity: 1 } };

export const KINETICS_TITLES = {
  alpha: '{i|α}',
  energy: '{i|E}{s|α} (kJ mol⁻¹)',
  invT: '1000/{i|T} (K⁻¹)',
  lnTime: 'ln({i|t}/s)',
  avrami: 'ln[−ln(1 − {i|α})]',
  lnK: 'ln({i|k}/s⁻¹)',
  gNormalized: '{i|g}({i|α})/{i|g}(0.5)',
  fNormalized: '{i|f}({i|α})/{i|f}(0.5)',
  timeMin: '{i|t} (min)',
} as const;

/** Dash patterns per method (solid for the preferred advanced Vyazovkin). */
const DASHES: Record<string, number[] | 'solid'> = {
  advancedVyazovkin: 'solid',
  vyazovkin: [6, 2],
  friedman: [2, 2],
  kas: [8, 3, 2, 3],
  ofw: [1, 3],
  starink: [10, 4],
  isothermal: 'solid',
};

export function methodDash(method: string): number[] | 'solid' {
  return DASHES[method] ?? 'solid';
}

function grid(view: ChartView, names: string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  const print = view.medium === 'print';
  const top = legendLayout(view, names).height + (print ? 8 : 14);
  return print
    ? { left: 34, right: 8, top, bottom: 26, containLabel: false, show: true, borderColor: '#000', borderWidth: view.axisWidth, ...extra }
    : { left: 66, right: 24, top: Math.max(44, top), bottom: 64, containLabel: false, ...extra };
}

const line = (view: ChartView, color: string, dash: number[] | 'solid', width = 1): Record<string, unknown> => ({
  width: view.lineWidth * width,
  color,
  type: dash === 'solid' ? 'solid' : dash.map((d) => d * (view.medium === 'print' ? 0.6 : 1)),
});

export interface EAlphaCurve {
  /** Legend name, e.g. 'Fe2O3 · Advanced Vyazovkin'. */
  label: string;
  color: string;
  method: string;
  points: EAlphaPoint[];
}

/** Lower and upper ends of the y axis so the curves (not the widest bands) set the scale. */
function energyRange(curves: EAlphaCurve[]): { min?: number; max?: number } {
  const es = curves.flatMap((c) => c.points.map((p) => p.eKJPerMol).filter((e): e is number => e !== null && Number.isFinite(e)));
  if (es.length === 0) return {};
  const lo = Math.min(...es);
  const hi = Math.max(...es);
  const pad = Math.max(5, 0.25 * (hi - lo));
  return { min: Math.floor((lo - pad) / 5) * 5, max: Math.ceil((hi + pad) / 5) * 5 };
}

/** E(α) of every curve with its 95 % band (a stacked area between the interval's limits, clipped to the axis). */
export function eAlphaOption(curves: EAlphaCurve[], view: ChartView): EChartsOption {
  const names = curves.map((c) => c.label);
  const range = energyRange(curves);
  const series: SeriesOption[] = [];
  curves.forEach((c, i) => {
    const lo = c.points.map((p) => [p.alpha, p.ci95LowKJPerMol ?? null]);
    const width = c.points.map((p) => [p.alpha, p.ci95LowKJPerMol !== null && p.ci95HighKJPerMol !== null ? p.ci95HighKJPerMol - p.ci95LowKJPerMol : null]);
    const stack = `band-${i}`;
    series.push({ type: 'line', name: `${c.label} (95 % low)`, data: lo, stack, symbol: 'none', lineStyle: { opacity: 0 }, areaStyle: { opacity: 0 }, tooltip: { show: false }, emphasis: { disabled: true }, silent: true, z: 1 } as SeriesOption);
    series.push({ type: 'line', name: `${c.label} (95 % band)`, data: width, stack, symbol: 'none', lineStyle: { opacity: 0 }, areaStyle: { color: c.color, opacity: 0.16 }, tooltip: { show: false }, emphasis: { disabled: true }, silent: true, z: 1 } as SeriesOption);
    series.push({
      type: 'line',
      name: c.label,
      data: c.points.map((p) => [p.alpha, p.eKJPerMol]),
      showSymbol: true,
      symbol: 'circle',
      symbolSize: view.medium === 'print' ? 2.5 : 5,
      connectNulls: false,
      lineStyle: line(view, c.color, methodDash(c.method)),
      itemStyle: { color: c.color },
      emphasis: { disabled: true },
      z: 3,
    } as SeriesOption);
  });
  return {
    ...baseOption(view),
    legend: legend(view, names),
    grid: grid(view, names),
    xAxis: valueAxis(view, KINETICS_TITLES.alpha, { min: 0, max: 1, interval: 0.2, nameGap: view.medium === 'print' ? 14 : 30 }),
    yAxis: valueAxis(view, KINETICS_TITLES.energy, { ...range, nameGap: view.medium === 'print' ? 20 : 44 }),
    series,
    ...interaction(view, [0], { symbol: 'α', unit: '' }),
  } as EChartsOption;
}

export interface RegressionSet {
  label: string;
  color: string;
  x: number[];
  y: number[];
  slope: number;
  intercept: number;
}

function regressionSeries(sets: RegressionSet[], view: ChartView, xAxisIndex = 0, yAxisIndex = 0): SeriesOption[] {
  const out: SeriesOption[] = [];
  for (const s of sets) {
    // many points (an Avrami plot) are drawn small; a few (one per run) large
    const size = s.x.length > 20 ? (view.medium === 'print' ? 1.5 : 3) : view.medium === 'print' ? 4 : 8;
    out.push({ type: 'scatter', name: s.label, data: s.x.map((x, i) => [x, s.y[i]]), symbolSize: size, itemStyle: { color: s.color }, xAxisIndex, yAxisIndex, z: 3 } as SeriesOption);
    if (s.x.length >= 2) {
      const lo = Math.min(...s.x);
      const hi = Math.max(...s.x);
      const pad = 0.05 * (hi - lo || 1);
      const xs = [lo - pad, hi + pad];
      out.push({ type: 'line', name: s.label, data: xs.map((x) => [x, s.intercept + s.slope * x]), symbol: 'none', lineStyle: line(view, s.color, 'solid'), tooltip: { show: false }, emphasis: { disabled: true }, xAxisIndex, yAxisIndex, z: 2 } as SeriesOption);
    }
  }
  return out;
}

/** The isoconversional lines at one α (or Kissinger's), one set of points and line per series. */
export function regressionOption(sets: RegressionSet[], yTitle: string, view: ChartView, xTitle: string = KINETICS_TITLES.invT): EChartsOption {
  const names = sets.map((s) => s.label);
  // the y title clears the widest tick label of the data's range (ln values such as −15.5)
  const ys = sets.flatMap((s) => Array.from(s.y)).filter((v) => Number.isFinite(v));
  const gap = view.medium === 'print' && ys.length ? yTitleGap(view, { min: Math.min(...ys), max: Math.max(...ys) }, 22) : view.medium === 'print' ? 22 : 48;
  return {
    ...baseOption(view),
    legend: legend(view, names, MARKER_KEYS),
    grid: grid(view, names, view.medium === 'print' ? { left: Math.max(34, Math.ceil(gap + view.titleSize * 1.4)) } : {}),
    xAxis: valueAxis(view, xTitle, { scale: true, nameGap: view.medium === 'print' ? 14 : 30 }),
    yAxis: valueAxis(view, yTitle, { scale: true, nameGap: gap }),
    series: regressionSeries(sets, view),
    ...interaction(view, [0], { symbol: 'x', unit: '' }),
  } as EChartsOption;
}

export interface ArrheniusPanel {
  title: string;
  color: string;
  set: RegressionSet | null;
  note: string;
}

/** Arrhenius plots of several series side by side (ln k against 1000/T, one panel each). */
export function arrheniusPanelsOption(panels: ArrheniusPanel[], view: ChartView): EChartsOption {
  const print = view.medium === 'print';
  const n = Math.max(1, panels.length);
  const gap = print ? 4 : 3;
  const left = print ? 8 : 5;
  const width = (100 - left - gap * (n - 1) - 2) / n;
  // notes wrap within their panel's width (they collided with the neighbours' at 89 mm)
  const panelWidth = view.width ? (view.width * width) / 100 : print ? undefined : 260;
  const grids = panels.map((_, i) => ({ left: `${left + i * (width + gap)}%`, width: `${width}%`, top: print ? Math.ceil(view.titleSize * 1.3 + 3 * view.fontSize * 1.25 + 8) : 64, bottom: print ? 26 : 56, containLabel: true, show: print, borderColor: '#000', borderWidth: view.axisWidth }));
  const series: SeriesOption[] = [];
  panels.forEach((p, i) => {
    if (p.set) series.push(...regressionSeries([p.set], view, i, i));
  });
  return {
    ...baseOption(view),
    title: panels.map((p, i) => ({ text: formulaRich(p.title), subtext: p.note, left: `${left + i * (width + gap) + width / 2}%`, textAlign: 'center', top: 0, textStyle: { fontSize: view.titleSize, fontFamily: view.fontFamily, color: p.color, rich: { sub: { ...(labelRich(view).sub as Record<string, unknown>), color: p.color } } }, subtextStyle: { fontSize: smallFont(view, view.fontSize - (print ? 1 : 0)), fontFamily: view.fontFamily, color: '#333', ...(panelWidth ? { width: panelWidth, overflow: 'break' } : {}) }, itemGap: 2 })),
    grid: grids,
    xAxis: panels.map((_, i) => valueAxis(view, KINETICS_TITLES.invT, { gridIndex: i, scale: true, nameGap: print ? 14 : 30 })),
    yAxis: panels.map((_, i) => valueAxis(view, i === 0 ? KINETICS_TITLES.lnK : '', { gridIndex: i, scale: true, nameGap: print ? 20 : 40 })),
    series,
    ...(print ? {} : { tooltip: { trigger: 'item' } }),
  } as EChartsOption;
}

export interface MasterPlotData {
  kind: 'integral' | 'differential';
  alphas: number[];
  experimental: { label: string; color: string; g: (number | null)[] }[];
  models: { code: string; g: (number | null)[]; highlight: boolean }[];
}

/** Experimental g(α)/g(0.5) (or f(α)/f(0.5)) against the models' (thin grey lines, the nearest one darker). */
export function masterPlotOption(data: MasterPlotData, view: ChartView): EChartsOption {
  const names = data.experimental.map((e) => e.label);
  const series: SeriesOption[] = [];
  for (const m of data.models) {
    series.push({
      type: 'line',
      name: m.code,
      data: data.alphas.map((a, k) => [a, m.g[k]]),
      symbol: 'none',
      lineStyle: { width: view.lineWidth * (m.highlight ? 1 : 0.6), color: m.highlight ? '#333' : '#b8b8b8' },
      // end labels of models ending close together are moved apart rather than printed over each other
      labelLayout: { moveOverlap: 'shiftY' },
      endLabel: { show: true, formatter: m.code, fontSize: smallFont(view, view.fontSize - 1), fontFamily: view.fontFamily, color: m.highlight ? '#000' : '#888' },
      emphasis: { disabled: true },
      tooltip: { show: false },
      z: 1,
    } as SeriesOption);
  }
  for (const e of data.experimental) {
    series.push({ type: 'scatter', name: e.label, data: data.alphas.map((a, k) => [a, e.g[k]]), symbolSize: view.medium === 'print' ? 3.5 : 7, itemStyle: { color: e.color }, z: 3 } as SeriesOption);
  }
  return {
    ...baseOption(view),
    legend: legend(view, names, MARKER_KEYS),
    grid: grid(view, names, view.medium === 'print' ? { right: 22 } : { right: 48 }),
    xAxis: valueAxis(view, KINETICS_TITLES.alpha, { min: 0, max: 1, interval: 0.2, nameGap: view.medium === 'print' ? 14 : 30 }),
    yAxis: valueAxis(view, data.kind === 'integral' ? KINETICS_TITLES.gNormalized : KINETICS_TITLES.fNormalized, { min: 0, max: 3, nameGap: view.medium === 'print' ? 18 : 40 }),
    series,
    ...interaction(view, [0], { symbol: 'α', unit: '' }),
  } as EChartsOption;
}

export interface PredictionCurve {
  label: string;
  color: string;
  alphas: number[];
  tS: (number | null)[];
  tLowS: (number | null)[];
  tHighS: (number | null)[];
  /** A run measured at (about) the prediction temperature, to compare. */
  measured: { label: string; tS: number[]; alpha: number[] } | null;
}

/** α(t) predicted at one temperature (solid) with its band (dashed, same colour) and a measured run when there is one. */
export function predictionOption(curves: PredictionCurve[], view: ChartView): EChartsOption {
  const names: string[] = [];
  const series: SeriesOption[] = [];
  const toMin = (t: number | null): number | null => (t === null ? null : t / 60);
  for (const c of curves) {
    names.push(c.label);
    series.push({ type: 'line', name: c.label, data: c.alphas.map((a, k) => [toMin(c.tS[k]), a]), symbol: 'none', lineStyle: line(view, c.color, 'solid'), emphasis: { disabled: true }, z: 3 } as SeriesOption);
    for (const [which, arr] of [['low', c.tLowS], ['high', c.tHighS]] as const) {
      series.push({ type: 'line', name: `${c.label} (95 % ${which})`, data: c.alphas.map((a, k) => [toMin(arr[k]), a]), symbol: 'none', lineStyle: line(view, c.color, [4, 3], 0.7), tooltip: { show: false }, emphasis: { disabled: true }, silent: true, z: 2 } as SeriesOption);
    }
    if (c.measured) {
      const m = c.measured;
      names.push(m.label);
      series.push({ type: 'scatter', name: m.label, data: m.tS.map((t, i) => [t / 60, m.alpha[i]]), symbol: 'circle', symbolSize: view.medium === 'print' ? 2 : 4, itemStyle: { color: c.color, opacity: 0.55 }, z: 1 } as SeriesOption);
    }
  }
  return {
    ...baseOption(view),
    legend: legend(view, names, MARKER_KEYS),
    grid: grid(view, names),
    xAxis: valueAxis(view, KINETICS_TITLES.timeMin, { min: 0, nameGap: view.medium === 'print' ? 14 : 30 }),
    yAxis: valueAxis(view, KINETICS_TITLES.alpha, { min: 0, max: 1, interval: 0.2, nameGap: view.medium === 'print' ? 18 : 40 }),
    series,
    ...interaction(view, [0], { symbol: 't', unit: 'min' }),
  } as EChartsOption;
}
