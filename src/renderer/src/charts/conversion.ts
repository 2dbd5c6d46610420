/**
 * The conversion figure: α(t) of every run overlaid, with dα/dt against α as an inset in the lower right, the way
 * reduction papers show it (time counted from the start of the reduction). On screen the time axis zooms and pans,
 * α rescales to the visible data, and the crosshair reads every run (the inset reads its own: dα/dt at the α under
 * the cursor).
 */
import type { EChartsOption, SeriesOption } from 'echarts';
import type { Series } from '../../../shared/api';
import { readoutTooltip, type ReadoutFamily } from './readout';
import {
  AXIS_TITLES,
  baseOption,
  legendLayout,
  markerSeries,
  pairs,
  runLegend,
  runLine,
  screenZoom,
  smallFont,
  valueAxis,
  type ChartView,
  type RunStyle,
} from './style';
import { FULL_WINDOW, niceRange, visibleExtent, xEndLabels, yAxisWindow, type PlotWindow } from './window';

export interface ConversionRun {
  label: string;
  color: string;
  /** Line pattern and marker (runStyle); solid in `color` when absent. */
  style?: RunStyle;
  /** The run's colour index (places its markers). */
  index?: number;
  /** α against seconds since the reduction start. */
  alpha: Series;
  /** dα/dt (s⁻¹) against α. */
  rateVsAlpha: Series;
}

export interface ConversionData {
  runs: ConversionRun[];
  showInset: boolean;
}

/** Upper end of the α axis: 1.05 (curves at α = 1 stay off the frame) unless a run overshoots more, then the next tenth. */
export function alphaAxisMax(runs: { alpha: Series }[]): number {
  let max = 0;
  for (const r of runs) for (const v of r.alpha.y) if (v > max) max = v;
  return max <= 1.05 ? 1.05 : Math.ceil(max * 10) / 10;
}

/** Tick labels of an α axis whose end (1.05) is headroom, not a value to label. */
export function alphaLabels(_view: ChartView): Record<string, unknown> {
  return { showMaxLabel: false };
}

export const styleOf = (r: { color: string; style?: RunStyle }): RunStyle => r.style ?? { color: r.color, dash: 'solid', symbol: null };

/** Screen layout below the legend: the plot starts under as many legend rows as the labels need. */
export function screenTop(view: ChartView, names: string[], minimum = 44): number {
  return Math.max(minimum, legendLayout(view, names).height + 18);
}

export function conversionOption(data: ConversionData, view: ChartView, window: PlotWindow = FULL_WINDOW): EChartsOption {
  const print = view.medium === 'print';
  const names = data.runs.map((r) => r.label);
  const styles = new Map(data.runs.map((r) => [r.label, styleOf(r)]));
  const visible = data.runs.filter((r) => !window.hidden.has(r.label));
  const legendTop = legendLayout(view, names).height;
  const mainGrid = print
    ? { left: 30, right: 8, top: legendTop + 8, bottom: 26, containLabel: false }
    : { left: 64, right: 24, top: screenTop(view, names), bottom: 72, containLabel: false };
  const grids: Record<string, unknown>[] = [{ ...mainGrid, show: print, borderColor: '#000', borderWidth: view.axisWidth }];
  const drawnAlpha = visible.map((r) => ({ x: r.alpha.x.map((s) => s / 60), y: r.alpha.y }));
  const alphaFixed: [number, number] = [0, alphaAxisMax(data.runs)];
  const alphaAxis = yAxisWindow(window, 'alpha', drawnAlpha, alphaFixed);
  const isDefault = !window.y.alpha && alphaAxis.min === alphaFixed[0] && alphaAxis.max === alphaFixed[1];
  const xAxes: Record<string, unknown>[] = [valueAxis(view, AXIS_TITLES.timeMin, { id: 'time', gridIndex: 0, min: 0, nameGap: print ? 14 : 30, axisLabel: xEndLabels(window) })];
  const yAxes: Record<string, unknown>[] = [
    valueAxis(view, AXIS_TITLES.alpha, {
      id: 'alpha',
      gridIndex: 0,
      ...alphaAxis,
      ...(isDefault ? { interval: 0.2, axisLabel: { ...alphaLabels(view) } } : {}),
      nameGap: print ? 18 : 40,
    }),
  ];
  const series: SeriesOption[] = [];
  data.runs.forEach((r, k) => {
    const st = styleOf(r);
    const d = pairs(r.alpha.x, r.alpha.y, 1 / 60);
    series.push({
      type: 'line',
      name: r.label,
      xAxisIndex: 0,
      yAxisIndex: 0,
      data: d,
      showSymbol: false,
      symbol: st.symbol ?? 'none',
      ...runLine(st, view),
      emphasis: { disabled: true },
      z: 2,
    } as SeriesOption);
    const markers = markerSeries(r.label, st, r.alpha.x.map((s) => s / 60), r.alpha.y, view, { xAxisIndex: 0, yAxisIndex: 0 }, r.index ?? k);
    if (markers) series.push(markers as SeriesOption);
  });

  const families: ReadoutFamily[] = [];
  if (data.showInset && data.runs.length > 0) {
    // Inset in the lower right of the plot area, where isothermal α(t) curves leave room.
    const inset = print
      ? { left: '60%', right: mainGrid.right + 6, top: '44%', bottom: mainGrid.bottom + 24 }
      : { left: '62%', right: mainGrid.right + 16, top: '42%', bottom: mainGrid.bottom + 44 };
    grids.push({ ...inset, show: true, backgroundColor: '#ffffff', borderColor: '#000', borderWidth: view.axisWidth, z: 5 });
    const small = { ...view, fontSize: smallFont(view, view.fontSize - 1), titleSize: smallFont(view, view.titleSize - 1) };
    const drawnRate = visible.map((r) => ({ x: r.rateVsAlpha.x, y: r.rateVsAlpha.y.map((v) => v * 1e3) }));
    const rateAll = visibleExtent(drawnRate, null);
    const rateFixed: [number, number] | null = rateAll ? [0, niceRange([0, rateAll[1]], 0.02)[1]] : null;
    const rateRange = window.y.rate ?? rateFixed;
    xAxes.push(valueAxis(small, AXIS_TITLES.alpha, { id: 'alphaInset', gridIndex: 1, min: 0, max: 1, interval: 0.5, nameGap: print ? 11 : 20, splitLine: { show: false }, z: 6 }));
    yAxes.push(
      valueAxis(small, AXIS_TITLES.rate, {
        id: 'rate',
        gridIndex: 1,
        ...(rateRange ? { min: rateRange[0], max: rateRange[1] } : { min: 0 }),
        nameGap: print ? 12 : 30,
        splitNumber: 3,
        splitLine: { show: false },
        z: 6,
      }),
    );
    for (const r of data.runs) {
      const st = styleOf(r);
      series.push({
        type: 'line',
        name: r.label,
        xAxisIndex: 1,
        yAxisIndex: 1,
        data: pairs(r.rateVsAlpha.x, r.rateVsAlpha.y, 1, 1e3),
        showSymbol: false,
        symbol: 'none',
        ...runLine(st, view, 0.85),
        emphasis: { disabled: true },
        z: 7,
      } as SeriesOption);
    }
    families.push({
      xAxisIndex: [1],
      symbol: 'α',
      unit: '',
      series: data.runs.map((r) => ({ name: r.label, color: styleOf(r).color, unit: '10⁻³ s⁻¹', quantity: 'dα/dt', firstCrossing: true, series: { x: r.rateVsAlpha.x, y: r.rateVsAlpha.y.map((v) => v * 1e3) } })),
    });
  }
  families.push({
    xAxisIndex: [0],
    symbol: 't',
    unit: 'min',
    series: data.runs.map((r) => ({ name: r.label, color: styleOf(r).color, unit: '', quantity: 'α', series: { x: r.alpha.x.map((s) => s / 60), y: r.alpha.y } })),
  });

  return {
    ...baseOption(view),
    color: data.runs.map((r) => styleOf(r).color),
    legend: runLegend(view, names, styles, window.hidden),
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    series,
    ...(print ? {} : { tooltip: readoutTooltip(families, window.hidden), ...screenZoom(view, [0], window.x) }),
  } as EChartsOption;
}
