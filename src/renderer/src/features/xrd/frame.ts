/**
 * Single-frame view: one pattern, a row of reflection ticks per selected phase under it (phase colour; on screen each
 * tick has a 7 px hover target and the cursor readout gives 2θ, d, q, I and the nearest hkl of each phase), and — when a refinement result is present — observed (points), calculated (line), background and the
 * difference obs − calc in its own strip below, the layout of a Rietveld plot.
 */
import type { EChartsOption, SeriesOption } from 'echarts';
import { convertAxis, twoThetaDegToDA, twoThetaDegToQPerA } from '../../../../core/xrd/axes';
import { baseOption, formatNumber, legend, textStyle, valueAxis, smallFont, type ChartView } from '../../charts/style';
import type { FrameCurve, FrameFit } from '../../../../shared/xrd-display';
import type { TickRow } from './reflections';
import { axisTitle, countsScale, timeScale, type TimeUnit, type XrdAxis } from './style';

/** Observed and calculated profiles of one refined frame, x in 2θ (°) (the main process computes them). */
export type { FrameFit } from '../../../../shared/xrd-display';

export interface FrameViewData {
  frame: FrameCurve;
  axis: XrdAxis;
  timeUnit: TimeUnit;
  wavelengthA: number;
  ticks: TickRow[];
  fit: FrameFit | null;
  /** x window (axis units); default the frame's extent. */
  range?: [number, number];
}

/** Width (px) of a reflection tick's hover target on screen. */
export const TICK_HOVER_PX = 7;

export interface FrameReadout {
  twoThetaDeg: number;
  dA: number;
  qPerA: number;
  /** Counts of the frame at the cursor (linear between points); null outside the pattern. */
  intensity: number | null;
  /** The nearest reflection of each phase: hkl, its position and its distance in 2θ. */
  nearest: { phase: string; hkl: string; twoThetaDeg: number; dA: number; deltaTwoThetaDeg: number }[];
}

/** What the cursor reads at position x (display axis units) of the frame view. */
export function frameReadout(data: FrameViewData, x: number): FrameReadout {
  const tth = data.axis === '2th_deg' ? x : convertAxis(Float64Array.of(x), data.axis, '2th_deg', data.wavelengthA)[0];
  const intensity = interpolate(data.frame.x, data.frame.intensity, x);
  const nearest = data.ticks.flatMap((row) => {
    let best: (typeof row.ticks)[number] | null = null;
    for (const t of row.ticks) if (!best || Math.abs(t.twoThetaDeg - tth) < Math.abs(best.twoThetaDeg - tth)) best = t;
    return best ? [{ phase: row.name, hkl: `${best.h}${best.k}${best.l}`, twoThetaDeg: best.twoThetaDeg, dA: best.dA, deltaTwoThetaDeg: best.twoThetaDeg - tth }] : [];
  });
  return { twoThetaDeg: tth, dA: twoThetaDegToDA(tth, data.wavelengthA), qPerA: twoThetaDegToQPerA(tth, data.wavelengthA), intensity, nearest };
}

function interpolate(xs: Float64Array, ys: Float64Array, x: number): number | null {
  for (let i = 0; i + 1 < xs.length; i++) {
    const a = xs[i];
    const b = xs[i + 1];
    if ((x >= a && x <= b) || (x <= a && x >= b)) return a === b ? ys[i] : ys[i] + ((ys[i + 1] - ys[i]) * (x - a)) / (b - a);
  }
  return null;
}

export function frameReadoutHtml(data: FrameViewData, x: number): string {
  const r = frameReadout(data, x);
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
  const rows = [
    `2θ = <b>${r.twoThetaDeg.toFixed(3)}</b>° · d = <b>${r.dA.toFixed(4)}</b> Å · q = <b>${r.qPerA.toFixed(4)}</b> Å⁻¹`,
    `I = <b>${r.intensity === null ? '—' : formatNumber(r.intensity)}</b> counts`,
    ...r.nearest.map((n) => `${esc(n.phase)}: <b>${n.hkl}</b> at ${n.twoThetaDeg.toFixed(3)}° (Δ2θ ${n.deltaTwoThetaDeg >= 0 ? '+' : '−'}${Math.abs(n.deltaTwoThetaDeg).toFixed(3)}°)`),
  ];
  return rows.join('<br>');
}

export const FIT_COLORS = { observed: '#000000', calculated: '#D55E00', background: '#999999', difference: '#0072B2' } as const;

/** Heights (px or pt) of one tick row and of the difference strip. */
function layout(view: ChartView, rows: number, hasFit: boolean) {
  const print = view.medium === 'print';
  const rowH = print ? 7 : 13;
  const bottom = print ? 24 : 64;
  const diffH = hasFit ? (print ? 30 : 80) : 0;
  const gap = print ? 5 : 8;
  const ticksH = rows * rowH;
  return { print, rowH, bottom, diffH, gap, ticksH };
}

export function frameOption(data: FrameViewData, view: ChartView): EChartsOption {
  const { frame, ticks, fit } = data;
  const L = layout(view, ticks.length, fit !== null);
  const print = L.print;
  const legendNames = fit ? ['observed', 'calculated', 'background', 'obs − calc'] : [];
  const top = fit ? (print ? 18 : 36) : print ? 6 : 24;
  // room at the left for the longest phase name of the tick rows
  const longest = Math.max(0, ...ticks.map((r) => r.name.length));
  const left = Math.max(print ? 36 : 76, Math.ceil(longest * 0.55 * (view.fontSize - 1)) + (print ? 6 : 12));
  const right = print ? 8 : 24;
  const [xmin, xmax] = data.range ?? extent(frame.x);
  const xTicks = niceAxisTicks(view, xmin, xmax, print ? 8 : 12);

  // grids from the bottom: difference strip, tick rows, pattern
  const diffBottom = L.bottom;
  const ticksBottom = diffBottom + (fit ? L.diffH + L.gap : 0);
  const patternBottom = ticksBottom + L.ticksH + L.gap;
  const grids: Record<string, unknown>[] = [{ left, right, top, bottom: patternBottom, show: print, borderColor: '#000', borderWidth: view.axisWidth }];
  const noLabels = { axisLabel: { show: false }, name: '' };
  const xAxes: Record<string, unknown>[] = [valueAxis(view, '', { gridIndex: 0, min: xmin, max: xmax, ...xTicks, ...noLabels })];
  const scale = timeScale(data.timeUnit);
  const ymax = maxAbs(fit ? fit.observed : frame.intensity, fit ? fit.calculated : null);
  const cs = countsScale(ymax);
  const yAxes: Record<string, unknown>[] = [valueAxis(view, `{i|I} (${cs.unit})`, { gridIndex: 0, scale: true, nameGap: print ? 22 : 60, splitNumber: 4 })];
  const series: SeriesOption[] = [];
  const xOf = (tth: Float64Array) => (data.axis === '2th_deg' ? tth : convertAxis(tth, '2th_deg', data.axis, data.wavelengthA));

  if (fit) {
    const x = xOf(fit.twoThetaDeg);
    series.push(line('observed', x, fit.observed, 0, { color: FIT_COLORS.observed, symbolOnly: true, view, factor: cs.factor }));
    series.push(line('calculated', x, fit.calculated, 0, { color: FIT_COLORS.calculated, view, factor: cs.factor }));
    if (fit.background) series.push(line('background', x, fit.background, 0, { color: FIT_COLORS.background, view, dashed: true, factor: cs.factor }));
  } else {
    series.push(line(frame.fileName, frame.x, frame.intensity, 0, { color: '#000', view, factor: cs.factor }));
  }

  // tick rows: one grid, category y axis with one band per phase
  let tickGrid = -1;
  if (ticks.length > 0) {
    grids.push({ left, right, bottom: ticksBottom, height: L.ticksH, show: false });
    tickGrid = grids.length - 1;
    xAxes.push(valueAxis(view, '', { gridIndex: tickGrid, min: xmin, max: xmax, show: false, splitLine: { show: false } }));
    yAxes.push({
      type: 'category',
      gridIndex: tickGrid,
      data: ticks.map((r) => r.phaseId),
      inverse: true,
      axisLine: { show: false },
      axisTick: { show: false },
      splitLine: { show: false },
      axisLabel: { ...textStyle(view), fontSize: smallFont(view, view.fontSize - 1), interval: 0, margin: print ? 2 : 6, formatter: (id: string) => ticks.find((r) => r.phaseId === id)?.name ?? id, color: '#000' },
    });
    ticks.forEach((row) => {
      series.push({
        type: 'scatter',
        name: row.name,
        xAxisIndex: xAxes.length - 1,
        yAxisIndex: yAxes.length - 1,
        data: row.ticks.filter((t) => t.x >= xmin && t.x <= xmax).map((t) => ({ value: [t.x, row.phaseId], hkl: `${t.h}${t.k}${t.l}`, tth: t.twoThetaDeg, d: t.dA })),
        symbol: 'rect',
        symbolSize: [print ? 0.6 : 1.5, L.rowH * 0.8],
        itemStyle: { color: row.color },
        silent: true,
      } as SeriesOption);
      // screen: a transparent band TICK_HOVER_PX wide over each tick is its hover target (a 1.5 px line is too thin to hit)
      if (!print) {
        series.push({
          type: 'scatter',
          name: `${row.name} (hover)`,
          xAxisIndex: xAxes.length - 1,
          yAxisIndex: yAxes.length - 1,
          data: row.ticks.filter((t) => t.x >= xmin && t.x <= xmax).map((t) => ({ value: [t.x, row.phaseId] })),
          symbol: 'rect',
          symbolSize: [TICK_HOVER_PX, L.rowH],
          itemStyle: { color: row.color, opacity: 0 },
          emphasis: { itemStyle: { opacity: 0.35 } },
          z: 3,
        } as SeriesOption);
      }
    });
  }

  if (fit) {
    grids.push({ left, right, bottom: diffBottom, height: L.diffH, show: print, borderColor: '#000', borderWidth: view.axisWidth });
    const gi = grids.length - 1;
    xAxes.push(valueAxis(view, axisTitle(data.axis), { gridIndex: gi, min: xmin, max: xmax, nameGap: print ? 13 : 28, ...xTicks }));
    const x = xOf(fit.twoThetaDeg);
    const diff = new Float64Array(x.length);
    let dMax = 0;
    for (let k = 0; k < x.length; k++) {
      diff[k] = fit.observed[k] - fit.calculated[k];
      if (x[k] >= xmin && x[k] <= xmax) dMax = Math.max(dMax, Math.abs(diff[k]));
    }
    // symmetric about 0 with ticks at −M, 0, M: three labels fit the narrow strip
    const M = niceCeil(dMax * cs.factor);
    yAxes.push(valueAxis(view, '', { gridIndex: gi, min: -M, max: M, interval: M, nameGap: print ? 26 : 60, minorTick: { show: false }, splitLine: { show: false } }));
    series.push(line('obs − calc', x, diff, xAxes.length - 1, { color: FIT_COLORS.difference, view, yAxisIndex: yAxes.length - 1, factor: cs.factor }));
  } else {
    // no fit: the x axis title goes under the tick rows (or the pattern)
    const lastGrid = tickGrid >= 0 ? tickGrid : 0;
    const xi = tickGrid >= 0 ? xAxes.length - 1 : 0;
    xAxes[xi] = valueAxis(view, axisTitle(data.axis), { gridIndex: lastGrid, min: xmin, max: xmax, nameGap: print ? 13 : 28, show: true, splitLine: { show: lastGrid === 0 && !print }, ...xTicks });
  }

  const title = `${frame.fileName} · t = ${formatNumber(frame.timeS * scale)} ${data.timeUnit}${fit?.rwp != null ? ` · Rwp = ${formatNumber(fit.rwp * 100)} %` : ''}`;
  const allX = xAxes.map((_, i) => i);
  return {
    ...baseOption(view),
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    series,
    legend: legend(view, legendNames, {
      itemStyle: undefined,
      data: legendNames.map((name) => {
        const color = name === 'observed' ? FIT_COLORS.observed : name === 'calculated' ? FIT_COLORS.calculated : name === 'background' ? FIT_COLORS.background : FIT_COLORS.difference;
        return { name, icon: name === 'observed' ? 'circle' : LINE_ICON, itemStyle: { color, opacity: 1 } };
      }),
      itemHeight: print ? 4 : 8,
      ...(print ? { itemGap: 6, width: (view.width ?? 250) - 8 } : {}),
    }),
    title: print ? undefined : { text: title, right: right, top: fit ? 18 : 0, textStyle: { ...textStyle(view), fontWeight: 'normal', color: '#555' } },
    // screen: a readout at the cursor (2θ, d, q, I and the nearest reflection of each phase)
    tooltip: print
      ? undefined
      : {
          trigger: 'axis',
          confine: true,
          axisPointer: { type: 'line', snap: false },
          formatter: (params: unknown) => {
            const first = (Array.isArray(params) ? params[0] : params) as { axisValue?: number } | undefined;
            return first?.axisValue === undefined ? '' : frameReadoutHtml(data, Number(first.axisValue));
          },
        },
    dataZoom: print ? undefined : [{ type: 'inside', xAxisIndex: allX, filterMode: 'none' }],
    axisPointer: print ? undefined : { link: [{ xAxisIndex: 'all' }] },
  } as EChartsOption;
}

function line(
  name: string,
  x: Float64Array,
  y: Float64Array,
  xAxisIndex: number,
  o: { color: string; view: ChartView; symbolOnly?: boolean; dashed?: boolean; yAxisIndex?: number; factor?: number },
): SeriesOption {
  const print = o.view.medium === 'print';
  const f = o.factor ?? 1;
  const pts: [number, number][] = new Array(x.length);
  for (let k = 0; k < x.length; k++) pts[k] = [x[k], y[k] * f];
  if (o.symbolOnly) {
    return {
      type: 'scatter',
      name,
      xAxisIndex,
      yAxisIndex: o.yAxisIndex ?? 0,
      data: pts,
      symbol: 'circle',
      symbolSize: print ? 1.4 : 2.5,
      itemStyle: print ? { color: 'transparent', borderColor: o.color, borderWidth: 0.3 } : { color: o.color },
      emphasis: { disabled: true },
      // on screen the axis tooltip (the cursor readout) needs a series that answers it; its formatter ignores the values
      tooltip: { show: !print },
      z: 2,
    } as SeriesOption;
  }
  return {
    type: 'line',
    name,
    xAxisIndex,
    yAxisIndex: o.yAxisIndex ?? 0,
    data: pts,
    showSymbol: false,
    symbol: 'none',
    lineStyle: { width: o.view.lineWidth, color: o.color, type: o.dashed ? 'dashed' : 'solid' },
    itemStyle: { color: o.color },
    emphasis: { disabled: true },
    tooltip: { show: !print },
    z: 3,
  } as SeriesOption;
}

/** A 1, 2 or 5 × 10ⁿ step giving at most `maxTicks` intervals over `span`. */
export function niceInterval(span: number, maxTicks: number): number {
  if (!(span > 0)) return 1;
  const raw = span / Math.max(1, maxTicks);
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw * (1 - 1e-12)) return m * p;
  return 10 * p;
}

function maxAbs(a: Float64Array, b: Float64Array | null): number {
  let m = 0;
  for (const v of a) if (Math.abs(v) > m) m = Math.abs(v);
  if (b) for (const v of b) if (Math.abs(v) > m) m = Math.abs(v);
  return m;
}

/** Multiples of `step` inside [lo, hi] (ends included when they fall on a multiple). */
export function ticksWithin(lo: number, hi: number, step: number): number[] {
  const out: number[] = [];
  const eps = step * 1e-9;
  for (let k = Math.ceil((lo - eps) / step); k * step <= hi + eps; k++) out.push(Number((k * step).toPrecision(12)));
  return out;
}

/**
 * Ticks and labels at round values (1, 2, 5 × 10ⁿ steps) on an axis whose limits are data limits (2.03…8.41):
 * ECharts would count a fixed interval from the minimum, so the values are given explicitly (customValues).
 */
export function niceAxisTicks(view: ChartView, lo: number, hi: number, maxTicks: number, labels = true): Record<string, unknown> {
  const print = view.medium === 'print';
  const interval = niceInterval(hi - lo, maxTicks);
  const values = ticksWithin(lo, hi, interval);
  return {
    interval,
    axisTick: { show: true, inside: true, length: print ? 3 : 5, lineStyle: { color: '#000', width: view.axisWidth }, customValues: values },
    minorTick: { show: false },
    axisLabel: { ...textStyle(view), show: labels, margin: print ? 3 : 8, hideOverlap: true, formatter: tickText, customValues: values },
  };
}

/** Tick label with a true minus and no float noise. */
export function tickText(v: number): string {
  return String(Number(v.toPrecision(10))).replace('-', '\u2212');
}

/** A horizontal bar as the legend key of a line series (no marker dot). */
const LINE_ICON = 'path://M0,0 L24,0 L24,2 L0,2 Z';

/** The smallest 1, 2, 2.5 or 5 × 10ⁿ ≥ v (1 for v ≤ 0). */
export function niceCeil(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v * (1 - 1e-12)) return m * p;
  return 10 * p;
}

function extent(x: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return Number.isFinite(lo) ? [lo, hi] : [0, 1];
}
