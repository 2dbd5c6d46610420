/**
 * One run as measured: raw and blank-corrected mass with the sample temperature against file time, the
 * programme's reducing-gas periods and segments shaded, the reduction start marked; the blank's apparent mass
 * change in a panel below when a blank is set.
 */
import type { EChartsOption, SeriesOption } from 'echarts';
import type { Series } from '../../../shared/api';
import { AXIS_TITLES, baseOption, interaction, legendLayout, pairs, textStyle, valueAxis, type ChartView } from './style';

export interface ShadedPeriod {
  startS: number;
  endS: number;
  label: string;
  kind: 'reducing' | 'segment';
}

export interface RawData {
  label: string;
  color: string;
  massRaw: Series | null;
  massCorrected: Series | null;
  temperature: Series | null;
  blank: { label: string; mass: Series } | null;
  periods: ShadedPeriod[];
  startS: number | null;
}

const TEMPERATURE_COLOR = '#555555';
/** Legend entries: the run is named by the figure caption (and the tab), so the keys stay short. */
const NAMES = { raw: 'Raw mass', corrected: 'Blank-corrected mass', temperature: 'Temperature', blank: 'Blank (empty crucible)' } as const;
const BLANK_COLOR = '#777777';

/** Shaded periods from gas events (reducing gas) and programme segments (isothermal holds). */
export function periodsFrom(
  gasEvents: { timeS: number; gas: string }[],
  segments: { startS: number; endS: number; label: string; kind: string }[],
  endS: number,
  isReducing: (gas: string) => boolean,
): ShadedPeriod[] {
  const out: ShadedPeriod[] = [];
  const events = [...gasEvents].sort((a, b) => a.timeS - b.timeS);
  events.forEach((e, i) => {
    if (!isReducing(e.gas)) return;
    const next = events.slice(i + 1).find((n) => n.gas !== e.gas);
    const prevSame = i > 0 && events[i - 1].gas === e.gas;
    if (!prevSame) out.push({ startS: e.timeS, endS: next ? next.timeS : endS, label: e.gas.replace(/H2/g, 'H₂'), kind: 'reducing' });
  });
  if (out.length === 0) {
    for (const s of segments) if (s.kind !== 'ramp' && s.kind !== 'cool' && /H2|H₂|hydrogen/i.test(s.label)) out.push({ startS: s.startS, endS: s.endS, label: s.label, kind: 'reducing' });
  }
  for (const s of segments) if (s.kind === 'isothermal') out.push({ startS: s.startS, endS: s.endS, label: s.label, kind: 'segment' });
  return out;
}

export function rawOption(data: RawData, view: ChartView): EChartsOption {
  const print = view.medium === 'print';
  const withBlank = data.blank !== null;
  const legendNames = ([
    data.massRaw ? NAMES.raw : null,
    data.massCorrected ? NAMES.corrected : null,
    data.temperature ? NAMES.temperature : null,
    data.blank ? NAMES.blank : null,
  ] as (string | null)[]).filter((n): n is string => n !== null);
  // Room between the legend and the plot for the t₀ label above the start line.
  const top = print ? legendLayout(view, legendNames).height + 16 : 50;
  const bottom = print ? 26 : 72;
  const left = print ? 34 : 70;
  const right = print ? 32 : 70;
  const mainGrid = withBlank ? { left, right, top, bottom: print ? '38%' : '36%' } : { left, right, top, bottom };
  const grids: Record<string, unknown>[] = [{ ...mainGrid, show: print, borderColor: '#000', borderWidth: view.axisWidth }];
  const xName = { nameGap: print ? 14 : 30 };
  const xAxes: Record<string, unknown>[] = [
    valueAxis(view, withBlank ? '' : AXIS_TITLES.timeMin, { gridIndex: 0, min: 0, max: 'dataMax', ...xName, axisLabel: withBlank ? { show: false } : { showMaxLabel: false } }),
  ];
  const yAxes: Record<string, unknown>[] = [
    valueAxis(view, AXIS_TITLES.massMg, { gridIndex: 0, scale: true, nameGap: print ? 20 : 48 }),
    valueAxis(view, AXIS_TITLES.temperature, { gridIndex: 0, position: 'right', min: 0, nameGap: print ? 18 : 44, splitLine: { show: false } }),
  ];
  const series: SeriesOption[] = [];
  const markArea = {
    silent: true,
    label: { ...textStyle(view), fontSize: view.fontSize - 1, position: 'insideTop', color: '#1b4f72' },
    data: data.periods.map((p) => [
      { xAxis: p.startS / 60, name: p.label, itemStyle: { color: p.kind === 'reducing' ? 'rgba(86,180,233,0.16)' : 'rgba(0,0,0,0.05)' } },
      { xAxis: p.endS / 60 },
    ]),
  };
  const markLine =
    data.startS !== null
      ? {
          silent: true,
          symbol: 'none',
          lineStyle: { color: '#000', type: 'dashed', width: view.axisWidth },
          label: { ...textStyle(view), formatter: 't₀', position: 'end' },
          data: [{ xAxis: data.startS / 60 }],
        }
      : undefined;
  if (data.massRaw) {
    series.push({
      type: 'line',
      name: NAMES.raw,
      xAxisIndex: 0,
      yAxisIndex: 0,
      data: pairs(data.massRaw.x, data.massRaw.y, 1 / 60),
      showSymbol: false,
      symbol: 'none',
      lineStyle: { width: view.lineWidth, color: data.color },
      itemStyle: { color: data.color },
      markArea,
      markLine,
      z: 3,
    } as SeriesOption);
  }
  if (data.massCorrected) {
    series.push({
      type: 'line',
      name: NAMES.corrected,
      xAxisIndex: 0,
      yAxisIndex: 0,
      data: pairs(data.massCorrected.x, data.massCorrected.y, 1 / 60),
      showSymbol: false,
      symbol: 'none',
      lineStyle: { width: view.lineWidth, color: data.color, type: [4, 3] },
      itemStyle: { color: data.color },
      z: 4,
    });
  }
  if (data.temperature) {
    series.push({
      type: 'line',
      name: NAMES.temperature,
      xAxisIndex: 0,
      yAxisIndex: 1,
      data: pairs(data.temperature.x, data.temperature.y, 1 / 60),
      showSymbol: false,
      symbol: 'none',
      lineStyle: { width: view.lineWidth * 0.8, color: TEMPERATURE_COLOR, type: [1.5, 2] },
      itemStyle: { color: TEMPERATURE_COLOR },
      z: 2,
    });
  }
  if (data.blank) {
    grids.push({ left, right, top: print ? '66%' : '68%', bottom, show: print, borderColor: '#000', borderWidth: view.axisWidth });
    xAxes.push(valueAxis(view, AXIS_TITLES.timeMin, { gridIndex: 1, min: 0, max: 'dataMax', ...xName, axisLabel: { showMaxLabel: false } }));
    yAxes.push(valueAxis(view, AXIS_TITLES.blankMg, { gridIndex: 1, scale: true, splitNumber: 2, nameGap: print ? 20 : 48 }));
    series.push({
      type: 'line',
      name: NAMES.blank,
      xAxisIndex: 1,
      yAxisIndex: 2,
      data: pairs(data.blank.mass.x, data.blank.mass.y, 1 / 60),
      showSymbol: false,
      symbol: 'none',
      lineStyle: { width: view.lineWidth, color: BLANK_COLOR },
      itemStyle: { color: BLANK_COLOR },
    });
  }
  const names = series.map((s) => String(s.name));
  return {
    ...baseOption(view),
    legend: {
      show: true,
      type: print ? 'plain' : 'scroll',
      data: names,
      top: 0,
      left: 'center',
      itemWidth: print ? 12 : 22,
      itemHeight: print ? 4 : 8,
      itemGap: print ? 8 : 16,
      textStyle: textStyle(view),
      itemStyle: { opacity: 0 },
    },
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    // The two time axes move together.
    axisPointer: withBlank ? { link: [{ xAxisIndex: 'all' }] } : undefined,
    series,
    ...interaction(view, withBlank ? [0, 1] : [0], {
      symbol: 't',
      unit: 'min',
      seriesUnits: { [NAMES.raw]: 'mg', [NAMES.corrected]: 'mg', [NAMES.temperature]: '°C', [NAMES.blank]: 'mg' },
    }),
  } as EChartsOption;
}
