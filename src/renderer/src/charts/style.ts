/**
 * Looks shared by every chart: the run palette, screen and print styles, and axis titles typeset the way papers
 * set them (quantity symbols italic, the differential d and units upright: ISO 80000-1/-2, IUPAC Green Book).
 */
import type { EChartsOption } from 'echarts';

/** Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency. */
export const OKABE_ITO = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'] as const;

export function runColor(colorIndex: number): string {
  return OKABE_ITO[((colorIndex % OKABE_ITO.length) + OKABE_ITO.length) % OKABE_ITO.length];
}

export interface ChartView {
  medium: 'screen' | 'print';
  /** Tick labels and legend; in print one unit is one point (the SVG is laid out in pt). */
  fontSize: number;
  /** Axis titles. */
  titleSize: number;
  lineWidth: number;
  axisWidth: number;
  fontFamily: string;
  /** Width of the figure in its units, when known (print): lets the legend wrap into the rows it needs. */
  width?: number;
}

/** No quotes: ECharts writes the family into an SVG style attribute, where a double quote would end it. */
export const FONT_FAMILY = 'Arial, Helvetica, Liberation Sans, sans-serif';

export const SCREEN_VIEW: ChartView = { medium: 'screen', fontSize: 12, titleSize: 13, lineWidth: 1.6, axisWidth: 1, fontFamily: FONT_FAMILY };

/** Print style for journal figures: 7 pt ticks, 8 pt titles, 0.75 pt curves, 0.5 pt axes. */
export function printView(fontPt = 7, widthPt?: number): ChartView {
  return { medium: 'print', fontSize: fontPt, titleSize: fontPt + 1, lineWidth: 0.75, axisWidth: 0.5, fontFamily: FONT_FAMILY, width: widthPt };
}

/** Average advance of a character of Arial, in ems (a deliberate over-estimate, so legends never collide). */
const CHAR_EM = 0.55;

/**
 * Rows a centred horizontal legend needs and the height they take, from the label lengths and the figure
 * width (ECharts wraps a plain legend itself; the plot area must start below it).
 */
export function legendLayout(view: ChartView, names: string[]): { rows: number; height: number } {
  const print = view.medium === 'print';
  const itemWidth = print ? 12 : 22;
  const gap = print ? 8 : 16;
  const rowHeight = view.fontSize + (print ? 6 : 10);
  if (names.length === 0) return { rows: 0, height: 0 };
  if (!view.width) return { rows: 1, height: rowHeight };
  const available = view.width - 10;
  let rows = 1;
  let used = 0;
  for (const name of names) {
    const w = itemWidth + 5 + name.length * CHAR_EM * view.fontSize;
    if (used > 0 && used + gap + w > available) {
      rows++;
      used = w;
    } else used += (used > 0 ? gap : 0) + w;
  }
  return { rows, height: rows * rowHeight };
}

/** The symbols used in axis titles, as rich-text fragments: `{i|α}` is set italic. */
export const AXIS_TITLES = {
  timeMin: '{i|t} (min)',
  alpha: '{i|α}',
  rate: 'd{i|α}/d{i|t} (10⁻³ s⁻¹)',
  temperature: '{i|T} (°C)',
  massMg: '{i|m} (mg)',
  blankMg: 'Δ{i|m}{s|blank} (mg)',
} as const;

/** Text of an axis title with the rich-text markup removed (for tests, tooltips and accessibility). */
export function plainTitle(title: string): string {
  return title.replace(/\{[a-z]+\|([^}]*)\}/g, '$1');
}

type AxisOption = Record<string, unknown>;

export function textStyle(view: ChartView): { fontFamily: string; fontSize: number; color: string } {
  return { fontFamily: view.fontFamily, fontSize: view.fontSize, color: '#000' };
}

/** Name (title) style of an axis, with the italic and subscript fragments the titles use. */
export function axisNameStyle(view: ChartView): AxisOption {
  const base = { fontFamily: view.fontFamily, fontSize: view.titleSize, color: '#000' };
  return {
    ...base,
    rich: {
      i: { ...base, fontStyle: 'italic' },
      s: { ...base, fontSize: Math.round(view.titleSize * 0.7 * 10) / 10, verticalAlign: 'bottom', padding: [0, 0, -2, 0] },
    },
  };
}

/** A value axis in the house style: black axis line, ticks inside, no grid lines in print. */
export function valueAxis(view: ChartView, name: string, extra: AxisOption = {}): AxisOption {
  const print = view.medium === 'print';
  return {
    type: 'value',
    name,
    nameLocation: 'middle',
    nameTextStyle: axisNameStyle(view),
    // In print the plot area's frame is the axis line (drawing both doubles its weight).
    axisLine: { show: !print, onZero: false, lineStyle: { color: '#000', width: view.axisWidth } },
    axisTick: { show: true, inside: true, length: print ? 3 : 5, lineStyle: { color: '#000', width: view.axisWidth } },
    minorTick: { show: print, splitNumber: 2, length: 1.5, lineStyle: { color: '#000', width: view.axisWidth } },
    splitLine: { show: !print, lineStyle: { color: '#e6e6e6', width: 1 } },
    scale: false,
    ...extra,
    // axisLabel settings in `extra` refine the house style rather than replace it.
    axisLabel: { ...textStyle(view), margin: print ? 3 : 8, hideOverlap: true, formatter: tickLabel, ...((extra.axisLabel as AxisOption | undefined) ?? {}) },
  };
}

/**
 * Chemical formulas in a label as rich text with subscript counts: 'Fe2O3 + NiO' → 'Fe{sub|2}O{sub|3} + NiO'.
 * A word counts as a formula when it is made of two or more element groups (Fe2O3, Ca(OH)2) or is a diatomic gas
 * (H2, N2, O2); sample names such as 'S1' and alloys such as 'Fe-36Ni' are left alone.
 */
export function formulaRich(label: string): string {
  const clean = label.replace(/[{}|]/g, '');
  return clean.replace(/[A-Za-z0-9()]+/g, (word) => {
    const isFormula = /\d/.test(word) && (/^(?:(?:[A-Z][a-z]?|\([A-Za-z0-9]+\))\d*){2,}$/.test(word) || /^(?:H|N|O|Cl|F)2$/.test(word));
    return isFormula ? word.replace(/(?<=[A-Za-z)])(\d+)/g, '{sub|$1}') : word;
  });
}

/** Rich-text styles for labels: subscripts (formula counts) at 70 % size, dropped below the baseline. */
export function labelRich(view: ChartView): Record<string, unknown> {
  const size = Math.round(view.fontSize * 0.72 * 10) / 10;
  return { sub: { fontFamily: view.fontFamily, fontSize: size, color: '#000', verticalAlign: 'bottom', padding: [0, 0, -Math.round(view.fontSize * 0.35), 0] } };
}

/** Legend toggles runs (series share a run's label, so one click hides its curve in every panel). */
export function legend(view: ChartView, names: string[], extra: AxisOption = {}): AxisOption {
  const print = view.medium === 'print';
  return {
    show: names.length > 0,
    type: print ? 'plain' : 'scroll',
    data: names,
    top: 0,
    left: 'center',
    itemWidth: print ? 12 : 22,
    itemHeight: print ? 4 : 8,
    itemGap: print ? 8 : 16,
    textStyle: { ...textStyle(view), rich: labelRich(view) },
    formatter: formulaRich,
    // A plain line as the key (no symbol dot), drawn in the series' own line style.
    itemStyle: { opacity: 0 },
    ...extra,
  };
}

export function baseOption(view: ChartView): EChartsOption {
  return {
    animation: false,
    backgroundColor: view.medium === 'print' ? '#ffffff' : 'transparent',
    textStyle: textStyle(view),
  };
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface TooltipParam {
  marker?: string;
  seriesName?: string;
  value?: unknown;
  axisIndex?: number;
}

/** Tooltip text: the x position with its symbol and unit, then each curve's value at it. */
export function tooltipText(params: TooltipParam[], x: { symbol: string; unit: string; seriesUnits?: Record<string, string> }): string {
  if (params.length === 0) return '';
  const first = params[0].value as [number, number] | undefined;
  const head = first ? `<b><i>${x.symbol}</i> = ${formatNumber(first[0])} ${x.unit}</b>` : '';
  const rows = params.map((p) => {
    const v = p.value as [number, number] | undefined;
    const unit = x.seriesUnits?.[p.seriesName ?? ''];
    return `${p.marker ?? ''}${escapeHtml(p.seriesName ?? '')}: <b>${v ? formatNumber(v[1]) : '–'}</b>${unit ? ` ${escapeHtml(unit)}` : ''}`;
  });
  return [head, ...rows].join('<br/>');
}

/** Crosshair tooltip and zoom for the screen; figures have neither. */
export function interaction(
  view: ChartView,
  xAxisIndex: number[],
  x: { symbol: string; unit: string; seriesUnits?: Record<string, string> } = { symbol: 't', unit: 'min' },
): EChartsOption {
  if (view.medium === 'print') return {};
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'cross', label: { precision: 3 } },
      confine: true,
      formatter: (params: unknown) => tooltipText(Array.isArray(params) ? (params as TooltipParam[]) : [params as TooltipParam], x),
    },
    dataZoom: [
      { type: 'inside', xAxisIndex, filterMode: 'none' },
      { type: 'slider', xAxisIndex, filterMode: 'none', height: 18, bottom: 6, labelFormatter: (v: number) => formatNumber(v) },
    ],
  };
}

/** Tick labels with a true minus sign (U+2212), as typeset figures have. */
export function tickLabel(v: number): string {
  return String(Number(v.toPrecision(12))).replace('-', '\u2212');
}

export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}

/** [[x, y], …] pairs for an ECharts line, with x and y scaled. */
export function pairs(x: Float64Array, y: Float64Array, scaleX = 1, scaleY = 1): [number, number][] {
  const n = Math.min(x.length, y.length);
  const out: [number, number][] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = [x[i] * scaleX, y[i] * scaleY];
  return out;
}
