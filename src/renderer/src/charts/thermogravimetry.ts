/**
 * TG and DTG of every run overlaid, as NETZSCH Proteus, TA TRIOS and STARe show them: the blank-corrected mass in
 * % of the initial mass above, its time derivative (%/min, the same Savitzky–Golay window as dα/dt) below, on one
 * time axis counted from each run's reduction start (t₀, dashed), in the runs' colours and line patterns.
 */
import type { EChartsOption, SeriesOption } from 'echarts';
import type { Series } from '../../../shared/api';
import { screenTop, styleOf } from './conversion';
import { readoutTooltip } from './readout';
import { AXIS_TITLES, baseOption, legendLayout, markerSeries, pairs, runLegend, runLine, screenZoom, textStyle, valueAxis, type ChartView, type RunStyle } from './style';
import { FULL_WINDOW, xEndLabels, yAxisWindow, type PlotWindow } from './window';

export interface TgRun {
  label: string;
  color: string;
  style?: RunStyle;
  index?: number;
  /** TG (%) against seconds since the reduction start. */
  tg: Series;
  /** DTG (%/min) on the same axis. */
  dtg: Series;
}

export function tgDtgOption(runs: TgRun[], view: ChartView, window: PlotWindow = FULL_WINDOW): EChartsOption {
  const print = view.medium === 'print';
  const names = runs.map((r) => r.label);
  const visible = runs.filter((r) => !window.hidden.has(r.label));
  const top = print ? legendLayout(view, [...names, 't₀']).height + 10 : screenTop(view, [...names, 't₀']);
  const left = print ? 32 : 70;
  const right = print ? 8 : 24;
  const bottom = print ? 26 : 72;
  const grids = [
    { left, right, top, bottom: print ? '45%' : '44%', show: print, borderColor: '#000', borderWidth: view.axisWidth },
    { left, right, top: print ? '60%' : '61%', bottom, show: print, borderColor: '#000', borderWidth: view.axisWidth },
  ];
  const minutes = (s: Series) => ({ x: s.x.map((v) => v / 60), y: s.y });
  const tgAxis = yAxisWindow(window, 'tg', visible.map((r) => minutes(r.tg)));
  const dtgAxis = yAxisWindow(window, 'dtg', visible.map((r) => minutes(r.dtg)), null, 3);
  const xName = { nameGap: print ? 14 : 30 };
  const xAxes = [
    valueAxis(view, '', { id: 'time', gridIndex: 0, axisLabel: { show: false }, ...xName }),
    valueAxis(view, AXIS_TITLES.timeSinceStartMin, { id: 'time2', gridIndex: 1, ...xName, axisLabel: xEndLabels(window) }),
  ];
  const yAxes = [
    valueAxis(view, AXIS_TITLES.tgPercent, { id: 'tg', gridIndex: 0, ...tgAxis, nameGap: print ? 22 : 48 }),
    valueAxis(view, AXIS_TITLES.dtgPercentPerMin, { id: 'dtg', gridIndex: 1, ...dtgAxis, nameGap: print ? 22 : 48 }),
  ];
  const series: SeriesOption[] = [];
  runs.forEach((r, k) => {
    const st = styleOf(r);
    const base = { type: 'line', name: r.label, showSymbol: false, symbol: st.symbol ?? 'none', emphasis: { disabled: true }, ...runLine(st, view) } as const;
    series.push({ ...base, xAxisIndex: 0, yAxisIndex: 0, data: pairs(r.tg.x, r.tg.y, 1 / 60) } as SeriesOption);
    series.push({ ...base, xAxisIndex: 1, yAxisIndex: 1, data: pairs(r.dtg.x, r.dtg.y, 1 / 60) } as SeriesOption);
    const markers = markerSeries(r.label, st, r.tg.x.map((v) => v / 60), r.tg.y, view, { xAxisIndex: 0, yAxisIndex: 0 }, r.index ?? k);
    if (markers) series.push(markers as SeriesOption);
  });
  if (runs.length > 0) {
    // t₀: every run's reduction start, where the time axis is 0.
    series.push({
      type: 'line',
      name: 't₀',
      xAxisIndex: 0,
      yAxisIndex: 0,
      data: [],
      // the legend key of the dashed line
      lineStyle: { color: '#000', type: 'dashed', width: view.axisWidth },
      itemStyle: { color: '#000' },
      silent: true,
      tooltip: { show: false },
      markLine: {
        silent: true,
        symbol: 'none',
        lineStyle: { color: '#000', type: 'dashed', width: view.axisWidth },
        label: { ...textStyle(view), formatter: 't₀', position: 'end' },
        data: [{ xAxis: 0 }],
      },
    } as SeriesOption);
  }
  return {
    ...baseOption(view),
    legend: runLegend(view, runs.length > 0 ? [...names, 't₀'] : names, new Map(runs.map((r) => [r.label, styleOf(r)])), window.hidden),
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    series,
    ...(print
      ? {}
      : {
          tooltip: readoutTooltip(
            [
              {
                xAxisIndex: [0, 1],
                symbol: 't − t₀',
                unit: 'min',
                series: [
                  ...runs.map((r) => ({ name: r.label, color: styleOf(r).color, unit: '%', quantity: 'TG', series: minutes(r.tg) })),
                  ...runs.map((r) => ({ name: r.label, color: styleOf(r).color, unit: '%/min', quantity: 'DTG', series: minutes(r.dtg) })),
                ],
              },
            ],
            window.hidden,
          ),
          ...screenZoom(view, [0, 1], window.x),
        }),
  } as EChartsOption;
}
