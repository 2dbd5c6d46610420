/**
 * Chart options and pixel colouring of the radiography and map views, pure (unit-tested in Node): intensity against
 * temperature or time with the onsets and the ΔI frames marked; the map as a heatmap with its colour bar and a µm
 * scale bar; a map point's observed/calculated/difference; the look-up tables for the image viewer.
 */
import type { EChartsOption, SeriesOption } from 'echarts';
import type { MapPointFitView, RadFrameView } from '../../../../shared/api-imaging';
import type { RadiographyResult, RegionSeries } from '../../../../shared/radiography';
import { isFlaggedPoint, type MapQuantity, type MapResult } from '../../../../shared/xrd-map';
import { baseOption, formatNumber, legend, legendKey, OKABE_ITO, textStyle, valueAxis, smallFont, type ChartView } from '../../charts/style';
import { VIRIDIS } from '../xrd/style';

// ───────────────────────────── look-up tables ─────────────────────────────

export type Lut = 'grey' | 'viridis' | 'inverted';
export const LUTS: { id: Lut; label: string }[] = [
  { id: 'grey', label: 'Grey' },
  { id: 'inverted', label: 'Grey, inverted' },
  { id: 'viridis', label: 'Viridis' },
];

function rgbOf(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
const VIRIDIS_RGB = VIRIDIS.map(rgbOf);

/** The colour of u ∈ [0, 1] on a LUT. */
export function lutColour(lut: Lut, u: number): [number, number, number] {
  const t = Math.min(1, Math.max(0, Number.isFinite(u) ? u : 0));
  if (lut === 'grey') return [Math.round(255 * t), Math.round(255 * t), Math.round(255 * t)];
  if (lut === 'inverted') return [Math.round(255 * (1 - t)), Math.round(255 * (1 - t)), Math.round(255 * (1 - t))];
  const v = t * (VIRIDIS_RGB.length - 1);
  const i = Math.min(VIRIDIS_RGB.length - 2, Math.floor(v));
  const f = v - i;
  return [0, 1, 2].map((c) => Math.round(VIRIDIS_RGB[i][c] + (VIRIDIS_RGB[i + 1][c] - VIRIDIS_RGB[i][c]) * f)) as [number, number, number];
}

/** A display frame coloured between lo and hi (contrast) on a LUT, as RGBA rows. */
export function frameRgba(frame: RadFrameView, lo: number, hi: number, lut: Lut): Uint8ClampedArray {
  const out = new Uint8ClampedArray(frame.width * frame.height * 4);
  const span = hi > lo ? hi - lo : 1;
  for (let i = 0; i < frame.pixels.length; i++) {
    const [r, g, b] = lutColour(lut, (frame.pixels[i] - lo) / span);
    out[4 * i] = r;
    out[4 * i + 1] = g;
    out[4 * i + 2] = b;
    out[4 * i + 3] = 255;
  }
  return out;
}

// ───────────────────────────── intensity vs T / t ─────────────────────────────

export interface IntensityChartSettings {
  x: 'temperature' | 'time';
  normalised: boolean;
  /** Region names shown (ROIs, grid points, groups 'group:…', 'frame'). */
  regions: string[];
}

export const INTENSITY_TITLES = {
  temperature: '{i|T} (K)',
  time: '{i|t} (s)',
  normalised: '{i|I}/{i|I}{s|0}',
  mean: '{i|I} (mean counts)',
} as const;

function rangeOf(x: Float64Array): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) {
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  return hi > lo ? hi - lo : 1;
}

export function allRegions(r: RadiographyResult): RegionSeries[] {
  return [r.frame, ...r.rois, ...(r.grid?.cells ?? []), ...r.groups];
}

function colourOf(i: number): string {
  return OKABE_ITO[i % OKABE_ITO.length];
}

/** I (or I/I₀) of the chosen regions against T or t, each onset a thin black dashed line (one legend key 'onset') labelled in its region's colour, the ΔI frames shaded. */
export function intensityChartOption(r: RadiographyResult, s: IntensityChartSettings, view: ChartView, heightPt?: number): EChartsOption | null {
  const xs = s.x === 'temperature' ? r.temperatureK : r.timesS;
  if (!xs) return null;
  const chosen = allRegions(r).filter((g) => s.regions.includes(g.name));
  if (chosen.length === 0) return null;
  const print = view.medium === 'print';
  const series: SeriesOption[] = chosen.map((g, i) => {
    const y = s.normalised ? g.normalised : g.mean;
    // against T, the line breaks where the temperature turns (heating, then the quench): no segment joins the hot
    // end of the ramp to the cold end of the quench
    const data: ([number, number] | null)[] = [];
    let direction = 0;
    let last: number | null = null;
    const span = s.x === 'temperature' ? rangeOf(xs) * 0.02 : Infinity;
    for (let k = 0; k < r.framesDone; k++) {
      if (!Number.isFinite(xs[k]) || !Number.isFinite(y[k])) continue;
      if (last !== null && Math.abs(xs[k] - last) > 0) {
        const d = Math.sign(xs[k] - last);
        if (direction !== 0 && d !== direction && Math.abs(xs[k] - last) > span * 0.05) data.push(null);
        if (Math.abs(xs[k] - last) > span * 0.05) direction = d;
      }
      data.push([xs[k], y[k]]);
      last = xs[k];
    }
    const onset = r.onsets.find((o) => o.region === g.name && o.frame !== null);
    const at = onset ? (s.x === 'temperature' ? onset.temperatureK : onset.timeS) : null;
    return {
      type: 'line',
      name: g.name.replace(/^group:/, 'group '),
      data,
      showSymbol: false,
      lineStyle: { width: view.lineWidth, color: colourOf(i) },
      itemStyle: { color: colourOf(i) },
      ...(at !== null && at !== undefined
        ? {
            markLine: {
              silent: true,
              symbol: 'none',
              lineStyle: { type: 'dashed', color: '#000', width: view.axisWidth },
              label: { show: true, position: 'insideEndTop', formatter: `onset ${formatNumber(at)}`, fontSize: smallFont(view, view.fontSize * 0.85), color: colourOf(i), fontFamily: view.fontFamily },
              data: [{ xAxis: at }],
            },
          }
        : {}),
    } as SeriesOption;
  });
  if (r.delta && s.x === 'time') {
    const e = r.delta.event;
    series.push({
      type: 'line',
      name: 'ΔI frames',
      data: [],
      markArea: {
        silent: true,
        itemStyle: { color: 'rgba(0,0,0,0.07)' },
        label: { show: !print, fontSize: smallFont(view, view.fontSize * 0.85) },
        data: [
          [{ xAxis: r.timesS[e.before[0]], name: 'before' }, { xAxis: r.timesS[e.before[1]] }],
          [{ xAxis: r.timesS[e.after[0]], name: 'after' }, { xAxis: r.timesS[e.after[1]] }],
        ],
      },
    } as SeriesOption);
  }
  const regionNames = chosen.map((g) => g.name.replace(/^group:/, 'group '));
  const withOnset = series.some((x) => (x as { markLine?: unknown }).markLine !== undefined);
  if (withOnset) series.push(legendKey('onset', '#000', 'dashed', view.axisWidth) as SeriesOption);
  const names = withOnset ? [...regionNames, 'onset'] : regionNames;
  const legendHeight = (view.fontSize + (print ? 6 : 10)) * Math.ceil(names.length / (print ? 6 : 10));
  return {
    ...baseOption(view),
    legend: legend(view, names),
    grid: { left: print ? 42 : 70, right: print ? 10 : 24, top: legendHeight + (print ? 8 : 16), bottom: print ? 30 : 50, ...(heightPt ? {} : {}) },
    xAxis: valueAxis(view, s.x === 'temperature' ? INTENSITY_TITLES.temperature : INTENSITY_TITLES.time, {
      nameGap: print ? 16 : 28,
      min: 'dataMin',
      max: 'dataMax',
      // the data's end is rarely on the tick interval: its label would crowd the last regular one (1200, 1300)
      axisLabel: { showMaxLabel: false },
    }) as never,
    yAxis: valueAxis(view, s.normalised ? INTENSITY_TITLES.normalised : INTENSITY_TITLES.mean, { nameGap: print ? 30 : 52, scale: true }) as never,
    ...(print ? {} : { tooltip: { trigger: 'axis', confine: true } }),
    series,
  };
}

// ───────────────────────────── maps ─────────────────────────────

export function quantityLabel(q: MapQuantity): string {
  switch (q.kind) {
    case 'pressure':
      return 'P (GPa)';
    case 'weightFraction':
      return `w(${q.phase})`;
    case 'lattice':
      return q.parameter === 'volume' ? `V(${q.phase}) (Å³)` : `${q.parameter}(${q.phase}) (Å)`;
    case 'peak':
      return `${q.peak} ${q.metric === 'centroidDeg' ? 'centroid (°)' : q.metric === 'fwhmDeg' ? 'FWHM (°)' : q.metric}`;
    case 'rwp':
      return 'Rwp';
  }
}

/** The value of a quantity at every point, row-major (NaN where missing or undefined). */
export function mapValues(r: MapResult, q: MapQuantity): Float64Array {
  const out = new Float64Array(r.nx * r.ny).fill(NaN);
  r.points.forEach((p, k) => {
    if (!p) return;
    let v: number | null | undefined = null;
    if (q.kind === 'pressure') v = p.pressureGPa;
    else if (q.kind === 'rwp') v = p.rwp;
    else if (q.kind === 'weightFraction') v = p.phases[q.phase]?.detected ? p.phases[q.phase].weightFraction : 0;
    else if (q.kind === 'lattice') {
      const ph = p.phases[q.phase];
      v = q.parameter === 'a' ? ph?.a : q.parameter === 'c' ? ph?.c : ph?.volumeA3;
    } else v = p.peaks[q.peak]?.[q.metric];
    out[k] = v === null || v === undefined ? NaN : v;
  });
  return out;
}

/** A round scale-bar length (1, 2 or 5 × 10ⁿ µm) near a fifth of the map's width. */
export function scaleBarUm(widthUm: number): number {
  const target = widthUm / 5;
  const p = 10 ** Math.floor(Math.log10(target));
  const m = target / p;
  return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
}

/** Outline of flagged map points (magenta: apart from every viridis colour). */
export const FLAG_COLOUR = '#e0119d';

/**
 * The map as a heatmap: x to the right and y downwards (as the stage scans), in µm, with a continuous colour bar
 * (viridis) titled with the quantity and a µm scale bar in the lower left. Points without a value are left blank.
 */
export function mapChartOption(r: MapResult, q: MapQuantity, view: ChartView, range?: [number, number], size?: { width: number; height: number }): EChartsOption {
  const values = mapValues(r, q);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
  if (range) [lo, hi] = range;
  const data: [number, number, number][] = [];
  for (let iy = 0; iy < r.ny; iy++) for (let ix = 0; ix < r.nx; ix++) {
    const v = values[iy * r.nx + ix];
    if (Number.isFinite(v)) data.push([ix, iy, v]);
  }
  // flagged points (docs/xrd-maps.md, "Flags"): outlined in magenta over their value
  const flagged: [number, number, number][] = [];
  for (const p of r.points) if (p && isFlaggedPoint(p)) flagged.push([p.ix, p.iy, 0]);
  const print = view.medium === 'print';
  const widthUm = r.nx * r.stepUm;
  const bar = scaleBarUm(widthUm);
  const gridLeft = print ? 8 : 16;
  const gridRight = print ? 62 : 110;
  const gridTop = print ? 8 : 16;
  const gridBottom = print ? 22 : 36;
  const cats = (n: number) => Array.from({ length: n }, (_, i) => String(i));
  // square µm: the plot area takes the map's aspect within the space the chart has
  let plot: { width: number; height: number } | null = null;
  if (size) {
    const availW = size.width - gridLeft - gridRight;
    const availH = size.height - gridTop - gridBottom;
    const aspect = (r.nx * r.stepUm) / (r.ny * r.stepYUm);
    plot = availW / availH > aspect ? { width: availH * aspect, height: availH } : { width: availW, height: availW / aspect };
  }
  const option: EChartsOption = {
    ...baseOption(view),
    grid: plot ? { left: gridLeft, top: gridTop, width: plot.width, height: plot.height } : { left: gridLeft, right: gridRight, top: gridTop, bottom: gridBottom, containLabel: false },
    xAxis: { type: 'category', data: cats(r.nx), show: false },
    yAxis: { type: 'category', data: cats(r.ny), inverse: true, show: false },
    visualMap: [
      {
        type: 'continuous',
        seriesIndex: 0,
        min: lo,
        max: hi === lo ? lo + 1 : hi,
        calculable: !print,
        realtime: false,
        orient: 'vertical',
        right: print ? 4 : 8,
        top: 'middle',
        itemHeight: print ? 90 : 220,
        itemWidth: print ? 8 : 14,
        // the ends' values: as text in figures; on screen the range handles show them (both would print each twice)
        ...(print ? { text: [formatNumber(hi), formatNumber(lo)] } : {}),
        textStyle: textStyle(view),
        inRange: { color: [...VIRIDIS] },
        formatter: (v: unknown) => formatNumber(Number(v)),
      },
      // the outline series needs a visual map of its own (a heatmap must have one): transparent cells
      ...(flagged.length ? [{ type: 'piecewise' as const, show: false, seriesIndex: 1, pieces: [{ value: 0 }], inRange: { color: ['rgba(0,0,0,0)'] } }] : []),
    ],
    graphic: [
      {
        type: 'group',
        left: gridLeft + 2,
        bottom: print ? 2 : 4,
        children: [
          { type: 'text', style: { text: `${formatNumber(bar)} µm`, fontSize: view.fontSize, fontFamily: view.fontFamily, fill: '#000' }, left: 0, top: 0 },
          { type: 'rect', shape: { x: 0, y: view.fontSize + 3, width: 1, height: print ? 2 : 4 }, style: { fill: '#000' }, silent: true, info: { scaleBarUm: bar } },
        ],
      },
      {
        type: 'text',
        right: print ? 2 : 4,
        top: print ? 0 : 2,
        style: { text: quantityLabel(q), fontSize: view.fontSize, fontFamily: view.fontFamily, fill: '#000', align: 'right' },
      },
      ...(flagged.length
        ? [
            {
              type: 'text' as const,
              right: print ? 2 : 4,
              bottom: print ? 2 : 4,
              style: { text: `▢ flagged: ${flagged.length}`, fontSize: view.fontSize, fontFamily: view.fontFamily, fill: FLAG_COLOUR, align: 'right' as const },
            },
          ]
        : []),
    ],
    ...(print ? {} : { tooltip: { trigger: 'item', formatter: (p: unknown) => { const v = (p as { value: [number, number, number] }).value; return `ix ${v[0]}, iy ${v[1]}: <b>${formatNumber(v[2])}</b>`; } } }),
    series: [
      { type: 'heatmap', data, progressive: 0, emphasis: { itemStyle: { borderColor: '#000', borderWidth: 1 } } } as SeriesOption,
      ...(flagged.length ? [{ type: 'heatmap', name: 'flagged', data: flagged, progressive: 0, silent: true, itemStyle: { color: 'rgba(0,0,0,0)', borderColor: FLAG_COLOUR, borderWidth: print ? 1 : 2 } } as SeriesOption] : []),
    ],
  };
  return plot ? withScaleBarWidth(option, r, plot.width) : option;
}

/** The scale bar's pixel width once the chart's plot width (px or pt) is known: bar µm / map µm × plot width. */
export function withScaleBarWidth(option: EChartsOption, r: MapResult, plotWidth: number): EChartsOption {
  const graphic = option.graphic as { children?: { type: string; shape?: { width: number }; info?: { scaleBarUm: number } }[] }[];
  const rect = graphic?.[0]?.children?.find((c) => c.type === 'rect');
  if (rect?.shape && rect.info) rect.shape.width = (rect.info.scaleBarUm / (r.nx * r.stepUm)) * plotWidth;
  return option;
}

/** A point's observed pattern with the calculated one, the background and the difference below. */
export function pointFitOption(fit: MapPointFitView, view: ChartView): EChartsOption {
  const print = view.medium === 'print';
  const pts = (y: Float64Array, off = 0) => Array.from(fit.twoThetaDeg, (x, i) => [x, y[i] + off] as [number, number]);
  let min = Infinity;
  for (let i = 0; i < fit.observed.length; i++) min = Math.min(min, fit.observed[i]);
  const diff = new Float64Array(fit.observed.length);
  let dmax = 0;
  for (let i = 0; i < diff.length; i++) {
    diff[i] = fit.observed[i] - fit.calculated[i];
    dmax = Math.max(dmax, diff[i]);
  }
  const offset = min - dmax - 0.05 * Math.abs(min);
  const names = ['observed', 'calculated', 'background', 'difference'];
  return {
    ...baseOption(view),
    legend: legend(view, names),
    grid: { left: print ? 40 : 64, right: 12, top: print ? 20 : 34, bottom: print ? 28 : 44 },
    xAxis: valueAxis(view, '2{i|θ} (°)', { nameGap: print ? 16 : 26, min: 'dataMin', max: 'dataMax' }) as never,
    yAxis: valueAxis(view, '{i|I} (counts)', { nameGap: print ? 30 : 50, scale: true }) as never,
    ...(print ? {} : { tooltip: { trigger: 'axis', confine: true } }),
    series: [
      { type: 'line', name: 'observed', data: pts(fit.observed), showSymbol: true, symbolSize: print ? 1.5 : 3, lineStyle: { width: 0 }, itemStyle: { color: '#000' } },
      { type: 'line', name: 'calculated', data: pts(fit.calculated), showSymbol: false, lineStyle: { width: view.lineWidth, color: OKABE_ITO[1] }, itemStyle: { color: OKABE_ITO[1] } },
      { type: 'line', name: 'background', data: pts(fit.background), showSymbol: false, lineStyle: { width: view.lineWidth * 0.7, color: '#888', type: 'dashed' }, itemStyle: { color: '#888' } },
      { type: 'line', name: 'difference', data: pts(diff, offset), showSymbol: false, lineStyle: { width: view.lineWidth * 0.7, color: OKABE_ITO[0] }, itemStyle: { color: OKABE_ITO[0] } },
    ],
  };
}
