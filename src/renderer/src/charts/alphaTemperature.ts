/**
 * α against sample temperature for every run: the view that matters for continuous-heating (ramp) reductions,
 * with each run's extrapolated onset constructed on it (baseline, tangent at the inflection, onset point).
 */
import type { EChartsOption, SeriesOption } from 'echarts';
import type { OnsetConstruction, Series } from '../../../shared/api';
import { alphaAxisMax, alphaLabels, screenTop, styleOf } from './conversion';
import { readoutTooltip } from './readout';
import { AXIS_TITLES, baseOption, legendKey, legendLayout, markerSeries, pairs, runLegend, runLine, screenZoom, valueAxis, smallFont, type ChartView, type RunStyle } from './style';
import { FULL_WINDOW, xEndLabels, yAxisWindow, type PlotWindow } from './window';

export interface AlphaTemperatureRun {
  label: string;
  color: string;
  style?: RunStyle;
  index?: number;
  alphaVsTemperature: Series;
  /** The extrapolated-onset construction (ISO 11358-1), drawn when given. */
  onset?: OnsetConstruction | null;
}

/**
 * The ISO 11358-1 construction as three series named like the run (so the legend hides them with it): the
 * baseline α = 0 up to the onset, the tangent at the inflection from α = 0 to 2α_i (at most 1), and the onset and
 * inflection points, the onset labelled with its temperature. Thin black dashes (one legend key, ONSET_KEY, names them
 * for every run), points in the run's colour, out of the tooltip.
 */
export const ONSET_KEY = 'Onset construction';
const onsetLineWidth = (view: ChartView) => Math.max(0.5, view.lineWidth * 0.6);

export function onsetConstructionSeries(run: AlphaTemperatureRun, view: ChartView): SeriesOption[] {
  const c = run.onset;
  if (!c || !(c.slopePerC > 0)) return [];
  const span = c.inflectionC - c.onsetC;
  const alphaTop = Math.min(1, 2 * c.alphaAtInflection);
  const tangentEnd = c.inflectionC + (alphaTop - c.alphaAtInflection) / c.slopePerC;
  const quiet = { silent: true, tooltip: { show: false }, emphasis: { disabled: true }, z: 3 } as const;
  const dashed = { width: onsetLineWidth(view), color: '#000', type: 'dashed' as const };
  return [
    {
      ...quiet,
      type: 'line',
      name: run.label,
      data: [
        [c.onsetC - Math.max(span, 10), 0],
        [c.onsetC, 0],
      ],
      showSymbol: false,
      symbol: 'none',
      lineStyle: dashed,
    },
    { ...quiet, type: 'line', name: run.label, data: [[c.onsetC, 0], [tangentEnd, alphaTop]], showSymbol: false, symbol: 'none', lineStyle: dashed },
    {
      ...quiet,
      type: 'scatter',
      name: run.label,
      symbol: 'circle',
      symbolSize: view.medium === 'print' ? 3 : 7,
      itemStyle: { color: '#fff', borderColor: run.color, borderWidth: view.medium === 'print' ? 0.5 : 1.5 },
      data: [
        {
          value: [c.onsetC, 0],
          label: {
            show: true,
            position: 'top',
            align: 'right',
            offset: [-4, -2],
            formatter: `{i|T}{sub|onset} ${c.onsetC.toFixed(1)} °C`,
            color: run.color,
            fontSize: view.fontSize,
            fontFamily: view.fontFamily,
            rich: {
              i: { fontStyle: 'italic', fontSize: view.fontSize, fontFamily: view.fontFamily, color: run.color },
              sub: { fontSize: smallFont(view, view.fontSize * 0.75), verticalAlign: 'bottom', fontFamily: view.fontFamily, color: run.color },
            },
          },
        },
        { value: [c.inflectionC, c.alphaAtInflection] },
      ],
    },
  ];
}

/** Temperature span (°C) of a run's reduction: under a few kelvin the run is isothermal and α(T) is a line. */
export function temperatureSpanC(series: Series): number {
  let min = Infinity;
  let max = -Infinity;
  for (const v of series.x) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return series.x.length > 0 ? max - min : 0;
}

export function alphaTemperatureOption(runs: AlphaTemperatureRun[], view: ChartView, window: PlotWindow = FULL_WINDOW): EChartsOption {
  const print = view.medium === 'print';
  const names = runs.map((r) => r.label);
  const series: SeriesOption[] = [];
  runs.forEach((r, k) => {
    const st = styleOf(r);
    series.push({
      type: 'line',
      name: r.label,
      data: pairs(r.alphaVsTemperature.x, r.alphaVsTemperature.y),
      showSymbol: false,
      symbol: st.symbol ?? 'none',
      ...runLine(st, view),
      emphasis: { disabled: true },
    } as SeriesOption);
    const markers = markerSeries(r.label, st, r.alphaVsTemperature.x, r.alphaVsTemperature.y, view, {}, r.index ?? k);
    if (markers) series.push(markers as SeriesOption);
  });
  for (const r of runs) series.push(...onsetConstructionSeries({ ...r, color: styleOf(r).color }, view));
  const withOnset = runs.some((r) => r.onset && r.onset.slopePerC > 0);
  if (withOnset) series.push(legendKey(ONSET_KEY, '#000', 'dashed', onsetLineWidth(view)) as SeriesOption);
  const keys = withOnset ? [...names, ONSET_KEY] : names;
  const visible = runs.filter((r) => !window.hidden.has(r.label));
  const fixed: [number, number] = [0, alphaAxisMax(runs.map((r) => ({ alpha: r.alphaVsTemperature })))];
  const alphaAxis = yAxisWindow(window, 'alpha', visible.map((r) => r.alphaVsTemperature), fixed);
  const isDefault = !window.y.alpha && alphaAxis.min === fixed[0] && alphaAxis.max === fixed[1];
  return {
    ...baseOption(view),
    legend: runLegend(view, keys, new Map(runs.map((r) => [r.label, styleOf(r)])), window.hidden),
    grid: print
      ? { left: 30, right: 8, top: legendLayout(view, keys).height + 8, bottom: 26, show: true, borderColor: '#000', borderWidth: view.axisWidth }
      : { left: 64, right: 24, top: screenTop(view, keys), bottom: 72 },
    xAxis: valueAxis(view, AXIS_TITLES.temperature, { id: 'temperature', scale: true, nameGap: print ? 14 : 30, axisLabel: xEndLabels(window) }),
    yAxis: valueAxis(view, AXIS_TITLES.alpha, {
      id: 'alpha',
      ...alphaAxis,
      ...(isDefault ? { interval: 0.2, axisLabel: { ...alphaLabels(view) } } : {}),
      nameGap: print ? 18 : 40,
    }),
    series,
    ...(print
      ? {}
      : {
          tooltip: readoutTooltip(
            [{ xAxisIndex: [0], symbol: 'T', unit: '°C', series: runs.map((r) => ({ name: r.label, color: styleOf(r).color, unit: '', quantity: 'α', firstCrossing: true, series: r.alphaVsTemperature })) }],
            window.hidden,
          ),
          ...screenZoom(view, [0], window.x),
        }),
  } as EChartsOption;
}
