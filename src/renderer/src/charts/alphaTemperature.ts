/** α against sample temperature for every run: the view that matters for continuous-heating (ramp) reductions. */
import type { EChartsOption, SeriesOption } from 'echarts';
import type { Series } from '../../../shared/api';
import { alphaAxisMax, alphaLabels } from './conversion';
import { AXIS_TITLES, baseOption, interaction, legend, legendLayout, pairs, valueAxis, type ChartView } from './style';

export interface AlphaTemperatureRun {
  label: string;
  color: string;
  alphaVsTemperature: Series;
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

export function alphaTemperatureOption(runs: AlphaTemperatureRun[], view: ChartView): EChartsOption {
  const print = view.medium === 'print';
  const series: SeriesOption[] = runs.map((r) => ({
    type: 'line',
    name: r.label,
    data: pairs(r.alphaVsTemperature.x, r.alphaVsTemperature.y),
    showSymbol: false,
    symbol: 'none',
    lineStyle: { width: view.lineWidth, color: r.color },
    itemStyle: { color: r.color },
    emphasis: { disabled: true },
  }));
  const alphaRuns = runs.map((r) => ({ alpha: r.alphaVsTemperature }));
  return {
    ...baseOption(view),
    legend: legend(view, runs.map((r) => r.label)),
    grid: print
      ? { left: 30, right: 8, top: legendLayout(view, runs.map((r) => r.label)).height + 8, bottom: 26, show: true, borderColor: '#000', borderWidth: view.axisWidth }
      : { left: 64, right: 24, top: 44, bottom: 72 },
    xAxis: valueAxis(view, AXIS_TITLES.temperature, { scale: true, nameGap: print ? 14 : 30 }),
    yAxis: valueAxis(view, AXIS_TITLES.alpha, { min: 0, max: alphaAxisMax(alphaRuns), interval: 0.2, axisLabel: { ...alphaLabels(view) }, nameGap: print ? 18 : 40 }),
    series,
    ...interaction(view, [0], { symbol: 'T', unit: '°C' }),
  } as EChartsOption;
}
