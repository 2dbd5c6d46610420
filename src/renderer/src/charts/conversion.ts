/**
 * The conversion figure: α(t) of every run overlaid, with dα/dt against α as an inset in the lower right, the way
 * reduction papers show it (time counted from the start of the reduction).
 */
import type { EChartsOption, SeriesOption } from 'echarts';
import type { Series } from '../../../shared/api';
import { AXIS_TITLES, baseOption, interaction, legend, legendLayout, pairs, valueAxis, type ChartView } from './style';

export interface ConversionRun {
  label: string;
  color: string;
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

export function conversionOption(data: ConversionData, view: ChartView): EChartsOption {
  const print = view.medium === 'print';
  const names = data.runs.map((r) => r.label);
  const legendTop = legendLayout(view, names).height;
  const mainGrid = print
    ? { left: 30, right: 8, top: legendTop + 8, bottom: 26, containLabel: false }
    : { left: 64, right: 24, top: 44, bottom: 72, containLabel: false };
  const grids: Record<string, unknown>[] = [{ ...mainGrid, show: print, borderColor: '#000', borderWidth: view.axisWidth }];
  const xAxes: Record<string, unknown>[] = [valueAxis(view, AXIS_TITLES.timeMin, { gridIndex: 0, min: 0, nameGap: print ? 14 : 30 })];
  const yAxes: Record<string, unknown>[] = [
    valueAxis(view, AXIS_TITLES.alpha, { gridIndex: 0, min: 0, max: alphaAxisMax(data.runs), interval: 0.2, axisLabel: { ...alphaLabels(view) }, nameGap: print ? 18 : 40 }),
  ];
  const series: SeriesOption[] = data.runs.map((r) => ({
    type: 'line',
    name: r.label,
    xAxisIndex: 0,
    yAxisIndex: 0,
    data: pairs(r.alpha.x, r.alpha.y, 1 / 60),
    showSymbol: false,
    symbol: 'none',
    sampling: undefined,
    lineStyle: { width: view.lineWidth, color: r.color },
    itemStyle: { color: r.color },
    emphasis: { disabled: true },
    z: 2,
  }));

  if (data.showInset && data.runs.length > 0) {
    // Inset in the lower right of the plot area, where isothermal α(t) curves leave room.
    const inset = print
      ? { left: '60%', right: mainGrid.right + 6, top: '44%', bottom: mainGrid.bottom + 24 }
      : { left: '62%', right: mainGrid.right + 16, top: '42%', bottom: mainGrid.bottom + 44 };
    grids.push({ ...inset, show: true, backgroundColor: '#ffffff', borderColor: '#000', borderWidth: view.axisWidth, z: 5 });
    const small = { ...view, fontSize: print ? view.fontSize - 1 : view.fontSize - 1, titleSize: print ? view.titleSize - 1 : view.titleSize - 1 };
    xAxes.push(valueAxis(small, AXIS_TITLES.alpha, { gridIndex: 1, min: 0, max: 1, interval: 0.5, nameGap: print ? 9 : 20, splitLine: { show: false }, z: 6 }));
    yAxes.push(
      valueAxis(small, AXIS_TITLES.rate, { gridIndex: 1, min: 0, nameGap: print ? 12 : 30, splitNumber: 3, splitLine: { show: false }, z: 6 }),
    );
    for (const r of data.runs) {
      series.push({
        type: 'line',
        name: r.label,
        xAxisIndex: 1,
        yAxisIndex: 1,
        data: pairs(r.rateVsAlpha.x, r.rateVsAlpha.y, 1, 1e3),
        showSymbol: false,
        symbol: 'none',
        lineStyle: { width: view.lineWidth * 0.85, color: r.color },
        itemStyle: { color: r.color },
        emphasis: { disabled: true },
        tooltip: { show: false },
        z: 7,
      });
    }
  }

  return {
    ...baseOption(view),
    color: data.runs.map((r) => r.color),
    legend: legend(view, names),
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    series,
    ...interaction(view, [0]),
  } as EChartsOption;
}
