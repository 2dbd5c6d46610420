/**
 * One run as measured: raw and blank-corrected mass with the sample temperature against file time, the
 * programme's reducing-gas periods and segments shaded, the reduction start marked; the blank's apparent mass
 * change in a panel below when a blank is set.
 */
import type { EChartsOption, SeriesOption } from 'echarts';
import type { Series } from '../../../shared/api';
import { readoutTooltip } from './readout';
import { AXIS_TITLES, baseOption, PRINT_KEY_WIDTH, legendKey, legendLayout, pairs, screenZoom, textStyle, valueAxis, smallFont, yTitleGap, type ChartView } from './style';
import { FULL_WINDOW, niceRange, visibleExtent, xEndLabels, yAxisWindow, type PlotWindow } from './window';

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
  /** Derived curves of the run (curve arithmetic), shown like its other channels. */
  derived?: RawDerived[];
}

const TEMPERATURE_COLOR = '#555555';
/** Legend entries: the run is named by the figure caption (and the tab), so the keys stay short. */
const NAMES = { raw: 'Raw mass', corrected: 'Blank-corrected mass', temperature: 'Temperature', blank: 'Blank (empty crucible)' } as const;
const BLANK_COLOR = '#777777';
/** Derived curves: colours other than the run's own, from the Okabe–Ito set. */
const DERIVED_COLORS = ['#CC79A7', '#009E73', '#E69F00', '#56B4E9', '#D55E00'];

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

/** A derived curve of the run (curve arithmetic) in the unit it was evaluated in. */
export interface RawDerived {
  name: string;
  unit: string;
  series: Series;
}

/** Derived curves in mg share the mass axis; the others get a panel per unit below (at most MAX_EXTRA_PANELS). */
export const MAX_EXTRA_PANELS = 3;

export function derivedPanels(derived: RawDerived[]): { onMass: RawDerived[]; panels: { unit: string; curves: RawDerived[] }[]; dropped: RawDerived[] } {
  const onMass = derived.filter((d) => d.unit === 'mg');
  const panels: { unit: string; curves: RawDerived[] }[] = [];
  const dropped: RawDerived[] = [];
  for (const d of derived) {
    if (d.unit === 'mg') continue;
    const panel = panels.find((p) => p.unit === d.unit);
    if (panel) panel.curves.push(d);
    else if (panels.length < MAX_EXTRA_PANELS) panels.push({ unit: d.unit, curves: [d] });
    else dropped.push(d);
  }
  return { onMass, panels, dropped };
}

/** Vertical layout of stacked panels: the first (main) panel twice as tall as the others, 7 % gaps. */
function stack(count: number, top: number, bottom: number): { top: number | string; bottom: number | string }[] {
  if (count === 1) return [{ top, bottom }];
  const gap = 8;
  const weights = [2, ...new Array(count - 1).fill(1)];
  const total = weights.reduce((a, b) => a + b, 0);
  const span = 92 - gap * (count - 1);
  const out: { top: number | string; bottom: number | string }[] = [];
  let at = 0;
  weights.forEach((w, i) => {
    const h = (span * w) / total;
    const t = at;
    const b = at + h;
    out.push({ top: i === 0 ? top : `${(t + 4).toFixed(1)}%`, bottom: i === count - 1 ? bottom : `${(100 - b - 4).toFixed(1)}%` });
    at = b + gap;
  });
  return out;
}

const unitTitle = (unit: string): string => (unit === '' ? 'derived (1)' : `derived (${unit.replace(/\^-1/g, '⁻¹').replace(/\^2/g, '²')})`);

export function rawOption(data: RawData, view: ChartView, window: PlotWindow = FULL_WINDOW): EChartsOption {
  const print = view.medium === 'print';
  const hidden = window.hidden;
  const { onMass, panels } = derivedPanels(data.derived ?? []);
  const legendNames = ([
    data.massRaw ? NAMES.raw : null,
    data.massCorrected ? NAMES.corrected : null,
    data.temperature ? NAMES.temperature : null,
    data.blank ? NAMES.blank : null,
    ...(data.derived ?? []).filter((d) => onMass.includes(d) || panels.some((p) => p.curves.includes(d))).map((d) => d.name),
  ] as (string | null)[]).filter((n): n is string => n !== null);
  // Room between the legend and the plot for the t₀ label above the start line.
  const keyNames = data.startS !== null ? [...legendNames, 't₀ (reduction start)'] : legendNames;
  const top = print ? legendLayout(view, keyNames).height + 16 : Math.max(50, legendLayout(view, keyNames).height + 24);
  const bottom = print ? 26 : 72;
  const left = print ? 34 : 70;
  const right = print ? 32 : 78;
  const panelCount = 1 + (data.blank ? 1 : 0) + panels.length;
  const boxes = stack(panelCount, top, bottom);
  const frame = { show: print, borderColor: '#000', borderWidth: view.axisWidth };
  const grids: Record<string, unknown>[] = boxes.map((b) => ({ left, right, ...b, ...frame }));
  const xName = { nameGap: print ? 14 : 30 };
  const minutes = (s: Series) => ({ x: s.x.map((v) => v / 60), y: s.y });
  const visible = (name: string, s: Series | null | undefined) => (s && !hidden.has(name) ? [minutes(s)] : []);
  const massAxis = yAxisWindow(window, 'mass', [
    ...visible(NAMES.raw, data.massRaw),
    ...visible(NAMES.corrected, data.massCorrected),
    ...onMass.flatMap((d) => visible(d.name, d.series)),
  ], null, 4);
  const tempAxis = yAxisWindow(window, 'temperature', visible(NAMES.temperature, data.temperature), data.temperature ? [0, niceRange(visibleExtent([minutes(data.temperature)], null) ?? [0, 1], 0.02)[1]] : null);
  const xAxes: Record<string, unknown>[] = [];
  const last = grids.length - 1;
  for (let g = 0; g < grids.length; g++) {
    xAxes.push(
      valueAxis(view, g === last ? AXIS_TITLES.timeMin : '', {
        id: g === 0 ? 'time' : `time${g + 1}`,
        gridIndex: g,
        min: 0,
        max: 'dataMax',
        ...xName,
        axisLabel: g === last ? { showMaxLabel: false, ...xEndLabels(window) } : { show: false },
      }),
    );
  }
  const yAxes: Record<string, unknown>[] = [
    valueAxis(view, AXIS_TITLES.massMg, { id: 'mass', gridIndex: 0, ...massAxis, nameGap: print ? 20 : 48 }),
    valueAxis(view, AXIS_TITLES.temperature, { id: 'temperature', gridIndex: 0, position: 'right', ...tempAxis, nameGap: print ? 18 : 48, splitLine: { show: false } }),
  ];
  const series: SeriesOption[] = [];
  const markArea = {
    silent: true,
    label: { ...textStyle(view), fontSize: smallFont(view, view.fontSize - 1), position: 'insideTop', color: '#1b4f72' },
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
  const line = (name: string, s: Series, grid: number, axis: number, style: Record<string, unknown>, extra: Record<string, unknown> = {}): SeriesOption =>
    ({ type: 'line', name, xAxisIndex: grid, yAxisIndex: axis, data: pairs(s.x, s.y, 1 / 60), showSymbol: false, symbol: 'none', ...style, ...extra }) as SeriesOption;
  if (data.massRaw) {
    series.push(line(NAMES.raw, data.massRaw, 0, 0, { lineStyle: { width: view.lineWidth, color: data.color }, itemStyle: { color: data.color } }, { markArea, markLine, z: 3 }));
  }
  if (data.massCorrected) {
    series.push(line(NAMES.corrected, data.massCorrected, 0, 0, { lineStyle: { width: view.lineWidth, color: data.color, type: [4, 3] }, itemStyle: { color: data.color } }, { z: 4 }));
  }
  if (data.temperature) {
    series.push(line(NAMES.temperature, data.temperature, 0, 1, { lineStyle: { width: view.lineWidth * 0.8, color: TEMPERATURE_COLOR, type: [1.5, 2] }, itemStyle: { color: TEMPERATURE_COLOR } }, { z: 2 }));
  }
  let grid = 1;
  if (data.blank) {
    const blankAxis = yAxisWindow(window, 'blank', visible(NAMES.blank, data.blank.mass), null, 2);
    yAxes.push(valueAxis(view, AXIS_TITLES.blankMg, { id: 'blank', gridIndex: grid, ...blankAxis, splitNumber: 2, nameGap: print ? yTitleGap(view, blankAxis, 20) : 48 }));
    series.push(line(NAMES.blank, data.blank.mass, grid, yAxes.length - 1, { lineStyle: { width: view.lineWidth, color: BLANK_COLOR }, itemStyle: { color: BLANK_COLOR } }));
    grid++;
  }
  const palette = DERIVED_COLORS.filter((c) => c.toLowerCase() !== data.color.toLowerCase());
  const derivedColor = (i: number): string => palette[i % palette.length];
  const all = data.derived ?? [];
  for (const d of onMass) {
    const i = all.indexOf(d);
    series.push(line(d.name, d.series, 0, 0, { lineStyle: { width: view.lineWidth, color: derivedColor(i), type: [6, 2, 2, 2] }, itemStyle: { color: derivedColor(i) } }, { z: 5 }));
  }
  panels.forEach((p, k) => {
    const id = `derived-${k}`;
    const axis = yAxisWindow(window, id, p.curves.flatMap((d) => visible(d.name, d.series)), null, 2);
    yAxes.push(valueAxis(view, unitTitle(p.unit), { id, gridIndex: grid, ...axis, splitNumber: 2, nameGap: print ? yTitleGap(view, axis, 20) : 48 }));
    for (const d of p.curves) {
      const i = all.indexOf(d);
      series.push(line(d.name, d.series, grid, yAxes.length - 1, { lineStyle: { width: view.lineWidth, color: derivedColor(i) }, itemStyle: { color: derivedColor(i) } }));
    }
    grid++;
  });
  // in print the left margin grows with the widest title gap (long tick labels such as 0.395 push the titles out)
  if (print) {
    const widest = Math.max(...yAxes.filter((ax) => ax.position !== 'right').map((ax) => Number(ax.nameGap ?? 0)));
    for (const g of grids) g.left = Math.max(left, Math.ceil(widest + view.titleSize * 1.4));
  }
  const names = legendNames;
  // the dashed start line is named in the legend (journal rule: every dashed line has a key)
  const T0_KEY = 't₀ (reduction start)';
  if (markLine) series.push(legendKey(T0_KEY, '#000', 'dashed', view.axisWidth) as SeriesOption);
  const colorOf = (name: string): string => {
    const s = series.find((x) => x.name === name) as { lineStyle?: { color?: string } } | undefined;
    return s?.lineStyle?.color ?? '#000';
  };
  const units: Record<string, string> = { [NAMES.raw]: 'mg', [NAMES.corrected]: 'mg', [NAMES.temperature]: '°C', [NAMES.blank]: 'mg' };
  const sources: Record<string, Series | null | undefined> = { [NAMES.raw]: data.massRaw, [NAMES.corrected]: data.massCorrected, [NAMES.temperature]: data.temperature, [NAMES.blank]: data.blank?.mass };
  for (const d of all) {
    units[d.name] = d.unit;
    sources[d.name] = d.series;
  }
  return {
    ...baseOption(view),
    legend: {
      show: true,
      type: 'plain',
      data: markLine ? [...names, T0_KEY] : names,
      selected: Object.fromEntries(names.map((n) => [n, !hidden.has(n)])),
      top: 0,
      left: 'center',
      itemWidth: print ? 12 : 22,
      itemHeight: print ? 4 : 8,
      itemGap: print ? 8 : 16,
      textStyle: textStyle(view),
      ...PRINT_KEY_WIDTH(print),
      itemStyle: { opacity: 0 },
    },
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    // The time axes move together.
    axisPointer: grids.length > 1 ? { link: [{ xAxisIndex: 'all' }] } : undefined,
    series,
    ...(print
      ? {}
      : {
          tooltip: readoutTooltip(
            [
              {
                xAxisIndex: grids.map((_, i) => i),
                symbol: 't',
                unit: 'min',
                series: names.map((n) => ({ name: n, color: colorOf(n), unit: units[n] ?? '', series: minutes(sources[n]!) })),
              },
            ],
            hidden,
          ),
          ...screenZoom(view, grids.map((_, i) => i), window.x),
        }),
  } as EChartsOption;
}
