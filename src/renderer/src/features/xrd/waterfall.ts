/**
 * Waterfall: every n-th frame stacked with a constant vertical offset, coloured by time (viridis), with a time
 * colour bar. Frames come already cut to the x window (frames.ts frameCurves).
 */
import type { EChartsOption, SeriesOption } from 'echarts';
import { baseOption, formatNumber, interaction, textStyle, valueAxis, type ChartView } from '../../charts/style';
import { niceAxisTicks } from './frame';
import type { FrameCurve } from '../../../../shared/xrd-display';
import { axisTitle, countsScale, timeColor, timeScale, VIRIDIS, type TimeUnit, type XrdAxis } from './style';

export interface WaterfallData {
  frames: FrameCurve[];
  axis: XrdAxis;
  timeUnit: TimeUnit;
  /** Offset between successive curves (counts). Default: defaultOffset(frames). */
  offsetCounts?: number;
  /** x window (axis units); default the frames' extent. */
  range?: [number, number];
}

/** Default offset: 25 % of the median (over frames) of the frame's intensity range, rounded to 2 significant digits. */
export function defaultOffset(frames: FrameCurve[]): number {
  const spans = frames
    .map((f) => {
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of f.intensity) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      return hi - lo;
    })
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (spans.length === 0) return 1;
  const med = spans[Math.floor(spans.length / 2)];
  const raw = 0.25 * med;
  return raw > 0 ? Number(raw.toPrecision(2)) : 1;
}

/** Points per curve on screen and in figures: min/max decimation keeps the peak tops (ECharts 'lttb' for lines). */
export function waterfallOption(data: WaterfallData, view: ChartView): EChartsOption {
  const print = view.medium === 'print';
  const offset = data.offsetCounts ?? defaultOffset(data.frames);
  const t0 = data.frames.length ? data.frames[0].timeS : 0;
  const t1 = data.frames.length ? data.frames[data.frames.length - 1].timeS : 1;
  const scale = timeScale(data.timeUnit);
  const grid = print ? { left: 34, right: 40, top: 6, bottom: 24 } : { left: 72, right: 100, top: 20, bottom: 70 };
  let top = 0;
  data.frames.forEach((f, j) => {
    for (const v of f.intensity) top = Math.max(top, Math.abs(v + j * offset));
  });
  const cs = countsScale(top);
  const series: SeriesOption[] = data.frames.map((f, j) => {
    const color = timeColor(f.timeS, t0, t1);
    const pts: [number, number][] = new Array(f.x.length);
    for (let k = 0; k < f.x.length; k++) pts[k] = [f.x[k], (f.intensity[k] + j * offset) * cs.factor];
    return {
      type: 'line',
      name: `t = ${formatNumber(f.timeS * scale)} ${data.timeUnit}`,
      data: pts,
      showSymbol: false,
      symbol: 'none',
      sampling: 'lttb',
      lineStyle: { width: print ? view.lineWidth * 0.8 : 1.1, color },
      itemStyle: { color },
      emphasis: { disabled: true },
      z: 2 + data.frames.length - j,
    } as SeriesOption;
  });
  const [xmin, xmax] = data.range ?? extent(data.frames);
  const bar = colourBar(view, grid, t0 * scale, t1 * scale, data.timeUnit);
  return {
    ...baseOption(view),
    grid: [{ ...grid, show: print, borderColor: '#000', borderWidth: view.axisWidth }],
    xAxis: [
      valueAxis(view, axisTitle(data.axis), {
        min: xmin,
        max: xmax,
        nameGap: print ? 13 : 28,
        ...niceAxisTicks(view, xmin, xmax, print ? 8 : 12),
      }),
    ],
    yAxis: [valueAxis(view, `{i|I} + offset (${cs.unit})`, { nameGap: print ? 24 : 56, scale: true, splitNumber: 4 })],
    series,
    graphic: bar,
    ...interaction(view, [0]),
  } as EChartsOption;
}

function extent(frames: FrameCurve[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const f of frames)
    for (const v of f.x) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  return Number.isFinite(lo) ? [lo, hi] : [0, 1];
}

/** A vertical viridis bar (0 … 0.9, as the curves) at the right of the plot with its first and last time. */
function colourBar(view: ChartView, grid: { right: number; top: number; bottom: number }, tFirst: number, tLast: number, unit: TimeUnit): Record<string, unknown>[] {
  const print = view.medium === 'print';
  const w = print ? 5 : 12;
  const h = print ? 70 : 160;
  const right = grid.right - (print ? 30 : 70);
  // top = last frame; offsets ascending (SVG needs them so), viridis 0.89 … 0 from the top down
  const stops = VIRIDIS.slice(0, 9)
    .reverse()
    .map((c, i) => ({ offset: i / 8, color: c }));
  return [
    {
      type: 'group',
      right: Math.max(2, right),
      top: grid.top + 4,
      children: [
        { type: 'rect', shape: { x: 0, y: 0, width: w, height: h }, style: { fill: { type: 'linear', x: 0, y: 0, x2: 0, y2: 1, colorStops: stops }, stroke: '#000', lineWidth: view.axisWidth } },
        { type: 'text', x: w + 2, y: 0, style: { text: formatNumber(tLast), ...fontOf(view), textVerticalAlign: 'top' } },
        { type: 'text', x: w + 2, y: h, style: { text: formatNumber(tFirst), ...fontOf(view), textVerticalAlign: 'bottom' } },
        { type: 'text', x: w + 2, y: h / 2, style: { text: `t (${unit})`, ...fontOf(view), textVerticalAlign: 'middle' } },
      ],
    },
  ];
}

function fontOf(view: ChartView): Record<string, unknown> {
  const t = textStyle(view);
  return { font: `${t.fontSize}px ${t.fontFamily}`, fill: t.color };
}
