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

/**
 * Line patterns in units of the line width: solid, dashed, dotted, dash-dot. Runs cycle through them with the
 * colours (run i: colour i mod 8, pattern i mod 4), so in greyscale print the four darkest Okabe–Ito colours
 * (blue, vermillion, green, purple: luminance 0.15–0.29) never share a pattern with each other.
 */
export const RUN_DASHES: readonly ('solid' | readonly number[])[] = ['solid', [4, 2.5], [1, 1.6], [5, 2, 1, 2]];

/** Markers for runs beyond the eighth: the ninth to sixteenth get the first, and so on. */
export const RUN_SYMBOLS = ['circle', 'triangle', 'rect', 'diamond', 'emptyCircle', 'emptyTriangle', 'emptyRect', 'emptyDiamond'] as const;

export interface RunStyle {
  color: string;
  dash: 'solid' | readonly number[];
  /** A marker drawn every so often along the curve (runs 9 and up), or null. */
  symbol: string | null;
}

/** The look of run `index` (its colour index, fixed at import): colour, line pattern and marker. */
export function runStyle(index: number): RunStyle {
  const i = Math.max(0, Math.floor(index));
  const group = Math.floor(i / OKABE_ITO.length);
  return {
    color: runColor(i),
    dash: RUN_DASHES[i % RUN_DASHES.length],
    symbol: group === 0 ? null : RUN_SYMBOLS[(group - 1) % RUN_SYMBOLS.length],
  };
}

/** An ECharts line type for a pattern at a line width. */
export function lineType(dash: RunStyle['dash'], lineWidth: number): 'solid' | number[] {
  return dash === 'solid' ? 'solid' : dash.map((d) => Math.round(d * Math.max(lineWidth, 0.75) * 100) / 100);
}

/** SVG stroke-dasharray of a pattern (for swatches in lists), '' for solid. */
export function dashArray(dash: RunStyle['dash'], lineWidth: number): string {
  const t = lineType(dash, lineWidth);
  return t === 'solid' ? '' : t.join(' ');
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

/** Widest legend label on screen (px): longer labels are cut with an ellipsis and shown whole on hover. */
export function legendLabelMax(view: ChartView): number {
  return view.medium === 'print' || !view.width ? Infinity : Math.max(120, Math.round(view.width * 0.42));
}

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
  const maxLabel = legendLabelMax(view);
  let rows = 1;
  let used = 0;
  for (const name of names) {
    const w = itemWidth + 5 + Math.min(maxLabel, name.length * CHAR_EM * view.fontSize);
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
  /** TG and DTG overlays: mass in % of the initial mass, and its time derivative. */
  tgPercent: 'TG (%)',
  dtgPercentPerMin: 'DTG (% min⁻¹)',
  timeSinceStartMin: '{i|t} − {i|t}{s|0} (min)',
} as const;

/** Text of an axis title with the rich-text markup removed (for tests, tooltips and accessibility). */
export function plainTitle(title: string): string {
  return title.replace(/\{[a-z]+\|([^}]*)\}/g, '$1');
}

type AxisOption = Record<string, unknown>;

/** Smallest text in an exported figure (pt): journals ask for no text under 6 pt at the printed size. */
export const MIN_PRINT_PT = 6;

/** A reduced font size (subscripts, inset ticks, line labels), never under MIN_PRINT_PT in print. */
export function smallFont(view: ChartView, size: number): number {
  const rounded = Math.round(size * 10) / 10;
  return view.medium === 'print' ? Math.max(MIN_PRINT_PT, rounded) : rounded;
}

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
      s: { ...base, fontSize: smallFont(view, view.titleSize * 0.7), verticalAlign: 'bottom', padding: [0, 0, -2, 0] },
    },
  };
}

/**
 * Distance from a vertical axis to its title (nameGap) that clears its tick labels: the widest label of the range at
 * its tick interval (Helvetica digits are 0.56 em), the label margin and 2 units of air (ECharts measures nameGap to
 * the title's near edge). The plot's left margin then needs nameGap + 1.4 × the title size (subscripts included).
 */
export function yTitleGap(view: ChartView, axis: { min?: number; max?: number; interval?: number }, minimum: number): number {
  if (axis.min === undefined || axis.max === undefined) return minimum;
  const step = axis.interval ?? Math.abs(axis.max - axis.min) / 4;
  const decimals = step > 0 ? Math.min(6, Math.max(0, -Math.floor(Math.log10(step) + 1e-9))) + (step / 10 ** Math.floor(Math.log10(step)) % 1 > 1e-6 ? 1 : 0) : 0;
  const chars = Math.max(axis.min.toFixed(decimals).length, axis.max.toFixed(decimals).length);
  const margin = view.medium === 'print' ? 3 : 8;
  return Math.max(minimum, Math.ceil(chars * 0.56 * view.fontSize + margin + 2));
}

/** A legend key with no data, for a line drawn as a mark (reference lines, t₀, onsets): every dashed line is named. */
export function legendKey(name: string, color: string, type: 'dashed' | 'dotted' | 'solid' | number[], width: number): Record<string, unknown> {
  return { type: 'line', name, data: [], silent: true, tooltip: { show: false }, showSymbol: false, lineStyle: { color, type, width }, itemStyle: { color } };
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
  const size = smallFont(view, view.fontSize * 0.72);
  return { sub: { fontFamily: view.fontFamily, fontSize: size, color: '#000', verticalAlign: 'bottom', padding: [0, 0, -Math.round(view.fontSize * 0.35), 0] } };
}

/** In print a legend line is as thick as its curve (ECharts draws keys 2 units thick by default). */
export const PRINT_KEY_WIDTH = (print: boolean): AxisOption => (print ? { lineStyle: { width: 'inherit' } } : {});

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
    // A plain line as the key (no symbol dot), drawn in the series' own line style (in print at its own width).
    itemStyle: { opacity: 0 },
    ...PRINT_KEY_WIDTH(print),
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

/**
 * The legend of run curves on screen and in print: a plain legend that wraps into as many rows as it needs (never
 * a scrolling one that hides runs), labels cut at legendLabelMax with the full label on hover, each key drawn in
 * the run's line pattern, with its marker for runs beyond the eighth. `styles` by legend name.
 */
export function runLegend(view: ChartView, names: string[], styles: Map<string, RunStyle>, hidden: ReadonlySet<string> = new Set()): AxisOption {
  const print = view.medium === 'print';
  const max = legendLabelMax(view);
  return {
    show: names.length > 0,
    type: 'plain',
    data: names.map((name) => {
      const st = styles.get(name);
      return st?.symbol ? { name, itemStyle: { opacity: 1, color: st.symbol.startsWith('empty') ? '#fff' : st.color, borderColor: st.color } } : name;
    }),
    selected: Object.fromEntries(names.map((n) => [n, !hidden.has(n)])),
    top: 0,
    left: 'center',
    width: view.width ? view.width - 10 : undefined,
    itemWidth: print ? 12 : 26,
    itemHeight: print ? 4 : 8,
    itemGap: print ? 8 : 16,
    textStyle: { ...textStyle(view), rich: labelRich(view), ...(Number.isFinite(max) ? { width: max, overflow: 'truncate', ellipsis: '…' } : {}) },
    formatter: formulaRich,
    tooltip: { show: !print },
    itemStyle: { opacity: 0 },
    ...PRINT_KEY_WIDTH(print),
  };
}

/** Line series style of a run: colour, pattern and width. */
export function runLine(style: RunStyle, view: ChartView, widthScale = 1): Record<string, unknown> {
  const width = view.lineWidth * widthScale;
  return { lineStyle: { width, color: style.color, type: lineType(style.dash, width) }, itemStyle: { color: style.color } };
}

/**
 * The markers of a run beyond the eighth: a silent scatter series with the run's name (the legend hides it with
 * the curve) and about `count` points spread evenly along x, shifted by the run's index so runs do not stack
 * their markers.
 */
export function markerSeries(name: string, style: RunStyle, x: ArrayLike<number>, y: ArrayLike<number>, view: ChartView, axes: Record<string, number>, index: number, count = 9): Record<string, unknown> | null {
  if (!style.symbol || x.length < 2) return null;
  const n = Math.min(x.length, y.length);
  const x0 = x[0];
  const x1 = x[n - 1];
  const data: [number, number][] = [];
  const phase = ((index * 0.37) % 1 + 1) % 1;
  let j = 0;
  for (let k = 0; k < count; k++) {
    const target = x0 + ((k + phase) / count) * (x1 - x0);
    while (j < n - 1 && (x1 >= x0 ? x[j] < target : x[j] > target)) j++;
    if (Number.isFinite(y[j])) data.push([x[j], y[j]]);
  }
  return {
    type: 'scatter',
    name,
    ...axes,
    data,
    symbol: style.symbol,
    symbolSize: view.medium === 'print' ? 3.5 : 7,
    itemStyle: { color: style.symbol.startsWith('empty') ? '#fff' : style.color, borderColor: style.color, borderWidth: view.medium === 'print' ? 0.6 : 1.2 },
    silent: true,
    tooltip: { show: false },
    emphasis: { disabled: true },
    z: 4,
  };
}

/**
 * Zoom for the TGA plots on screen: wheel zooms x about the cursor, drag pans x, the slider below shows where
 * the window is; the window's x range is the zoom's state (startValue/endValue), so rebuilding the option keeps it.
 * y zoom/pan (Shift + wheel, Shift + drag) and the double-click reset are the chart hook's (useChart).
 */
export function screenZoom(view: ChartView, xAxisIndex: number[], xRange: [number, number] | null): Record<string, unknown> {
  if (view.medium === 'print') return {};
  const win = xRange ? { startValue: xRange[0], endValue: xRange[1] } : { start: 0, end: 100 };
  return {
    dataZoom: [
      { type: 'inside', xAxisIndex, filterMode: 'none', ...win },
      { type: 'slider', xAxisIndex, filterMode: 'none', height: 18, bottom: 6, labelFormatter: (v: number) => formatNumber(v), ...win },
    ],
  };
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
