/**
 * The heatmap chart: a binned time × x grid (core/xrd/display binHeatmap, computed in main next to the frames)
 * coloured on viridis and drawn as one canvas image, with its colour bar, zoom-window panels and the grid's bin
 * centres for the CSV.
 */
import type { EChartsOption, SeriesOption } from 'echarts';
import type { HeatmapGrid } from '../../../../shared/xrd-display';
import { baseOption, formatNumber, textStyle, valueAxis, type ChartView } from '../../charts/style';
import { niceAxisTicks } from './frame';
import { axisTitle, timeScale, timeTitle, VIRIDIS, XRD_TITLES, type TimeUnit } from './style';

/** Hex colour stops to RGB triples. */
function stopsRgb(stops: readonly string[]): [number, number, number][] {
  return stops.map((h) => {
    const n = parseInt(h.slice(1), 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  });
}

/**
 * The grid coloured on `stops` (default viridis) between range[0] and range[1] (clamped), as RGBA rows for an
 * image: width xBins, height tBins, the first row the LAST time bin (time runs upwards in the figure). Empty
 * cells are transparent. Each cell is repeated kx × ky times (nearest neighbour), so that a browser scaling the
 * image to the plot with smoothing does not blur the cell edges.
 */
export function heatmapRgba(
  grid: HeatmapGrid,
  range: [number, number],
  options: { stops?: readonly string[]; kx?: number; ky?: number } = {},
): { width: number; height: number; data: Uint8ClampedArray } {
  const rgb = stopsRgb(options.stops ?? VIRIDIS);
  const kx = Math.max(1, Math.floor(options.kx ?? 1));
  const ky = Math.max(1, Math.floor(options.ky ?? 1));
  const width = grid.xBins * kx;
  const height = grid.tBins * ky;
  const data = new Uint8ClampedArray(width * height * 4);
  const [lo, hi] = range;
  const span = hi > lo ? hi - lo : 1;
  const last = rgb.length - 1;
  for (let ti = 0; ti < grid.tBins; ti++) {
    const rowTop = (grid.tBins - 1 - ti) * ky;
    for (let xi = 0; xi < grid.xBins; xi++) {
      const v = grid.value[ti * grid.xBins + xi];
      if (!Number.isFinite(v)) continue;
      const u = Math.min(1, Math.max(0, (v - lo) / span)) * last;
      const j = Math.min(last - 1, Math.floor(u));
      const f = u - j;
      const r = rgb[j][0] + (rgb[j + 1][0] - rgb[j][0]) * f;
      const gg = rgb[j][1] + (rgb[j + 1][1] - rgb[j][1]) * f;
      const b = rgb[j][2] + (rgb[j + 1][2] - rgb[j][2]) * f;
      for (let dy = 0; dy < ky; dy++) {
        let o = ((rowTop + dy) * width + xi * kx) * 4;
        for (let dx = 0; dx < kx; dx++, o += 4) {
          data[o] = r;
          data[o + 1] = gg;
          data[o + 2] = b;
          data[o + 3] = 255;
        }
      }
    }
  }
  return { width, height, data };
}

/** Integer repeat factors so the image is at least minWidth × minHeight pixels (at most maxPixels in all). */
export function upscaleFactors(xBins: number, tBins: number, minWidth = 1600, minHeight = 1200, maxPixels = 8e6): { kx: number; ky: number } {
  let kx = Math.max(1, Math.ceil(minWidth / xBins));
  let ky = Math.max(1, Math.ceil(minHeight / tBins));
  while (kx * ky * xBins * tBins > maxPixels && (kx > 1 || ky > 1)) {
    if (kx >= ky && kx > 1) kx--;
    else ky--;
  }
  return { kx, ky };
}

/** Centre of x bin `xi` and of time bin `ti` (s). */
export function xCentre(grid: HeatmapGrid, xi: number): number {
  return grid.xLo + ((xi + 0.5) * (grid.xHi - grid.xLo)) / grid.xBins;
}

export function tCentreS(grid: HeatmapGrid, ti: number): number {
  return grid.tLoS + ((ti + 0.5) * (grid.tHiS - grid.tLoS)) / grid.tBins;
}

export interface HeatmapReadout {
  x: number;
  tS: number;
  /** The frame nearest in time (0-based) and its time (s). */
  frame: number | null;
  frameTimeS: number | null;
  /** Mean counts of the cell (the displayed value back from log₁₀ when the map is logarithmic); null when empty. */
  intensity: number | null;
}

/** What the cross-hair reads at (x, t) of a heatmap panel: the cell's intensity and the nearest frame. */
export function heatmapReadout(grid: HeatmapGrid, x: number, tS: number, frameTimesS: ArrayLike<number>): HeatmapReadout | null {
  const xi = Math.floor(((x - grid.xLo) / (grid.xHi - grid.xLo)) * grid.xBins);
  const ti = Math.floor(((tS - grid.tLoS) / (grid.tHiS - grid.tLoS || 1)) * grid.tBins);
  if (!(xi >= 0 && xi < grid.xBins && ti >= 0 && ti < grid.tBins)) return null;
  const k = ti * grid.xBins + xi;
  const intensity = grid.count[k] > 0 ? grid.sum[k] / grid.count[k] : null;
  let frame: number | null = null;
  for (let i = 0; i < frameTimesS.length; i++) if (frame === null || Math.abs(frameTimesS[i] - tS) < Math.abs(frameTimesS[frame] - tS)) frame = i;
  return { x, tS, frame, frameTimeS: frame === null ? null : frameTimesS[frame], intensity };
}

/** One panel of the heatmap figure: a grid and, for zoom windows, its label ('fcc-FeNi 200'). */
export interface HeatmapPanel {
  grid: HeatmapGrid;
  label?: string;
  /**
   * The grid already coloured as an image (a canvas from heatmapRgba, see raster.ts): drawn as one picture instead
   * of one rectangle per cell — 180,000 cells render in milliseconds instead of seconds, and an SVG figure embeds
   * one PNG instead of 180,000 <path> elements. Without it the cells are drawn as an ECharts heatmap.
   */
  image?: unknown;
}

export interface HeatmapData {
  panels: HeatmapPanel[];
  timeUnit: TimeUnit;
  /** Colour range; default the panels' joint min/max (one colour bar for the row). */
  range?: [number, number];
}

/** Joint finite min/max of several grids. */
export function jointRange(grids: HeatmapGrid[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const g of grids) {
    if (g.min < lo) lo = g.min;
    if (g.max > hi) hi = g.max;
  }
  return Number.isFinite(lo) ? [lo, hi > lo ? hi : lo + 1] : [0, 1];
}

/** [xi, ti, value] triplets of the non-empty cells (ECharts heatmap data). */
export function heatmapCells(grid: HeatmapGrid): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let ti = 0; ti < grid.tBins; ti++) {
    for (let xi = 0; xi < grid.xBins; xi++) {
      const v = grid.value[ti * grid.xBins + xi];
      if (Number.isFinite(v)) out.push([xi, ti, v]);
    }
  }
  return out;
}

const PANEL_LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Steps of the colour bar (a smooth gradient at figure sizes). */
const COLOUR_STEPS = 128;

/**
 * A row of heatmaps sharing the time axis and one colour bar (a paper's Fig. 2a–c). Each panel draws its cells on
 * hidden category axes (one band per bin) under a value axis with the bin edges as its limits, so the ticks sit
 * at round 2θ/q/d and time values while every cell is exactly one bin wide.
 */
export function heatmapOption(data: HeatmapData, view: ChartView): EChartsOption {
  const print = view.medium === 'print';
  const panels = data.panels;
  const np = Math.max(1, panels.length);
  const [vMin, vMax] = data.range ?? jointRange(panels.map((p) => p.grid));
  const log = panels[0]?.grid.log ?? false;
  const scale = timeScale(data.timeUnit);
  const labelled = panels.some((p) => p.label) || np > 1;
  const pad = print
    ? { left: 30, right: 54, top: labelled ? view.fontSize + 8 : 6, bottom: 24, gap: 8 }
    : { left: 64, right: 120, top: labelled ? 30 : 20, bottom: 48, gap: 18 };
  const totalW = view.width;
  const grids: Record<string, unknown>[] = [];
  const xAxes: Record<string, unknown>[] = [];
  const yAxes: Record<string, unknown>[] = [];
  const series: SeriesOption[] = [];
  const graphics: Record<string, unknown>[] = [];
  const cellSeries: boolean[] = [];

  panels.forEach((panel, p) => {
    const g = panel.grid;
    const box = { ...panelBox(p, np, pad, totalW), top: pad.top, bottom: pad.bottom };
    grids.push({ ...box, show: true, borderColor: '#000', borderWidth: view.axisWidth, containLabel: false });
    const gi = grids.length - 1;
    const cx = xAxes.length;
    xAxes.push({ type: 'category', gridIndex: gi, data: Array.from({ length: g.xBins }, (_, i) => i), show: false, boundaryGap: true });
    xAxes.push(
      valueAxis(view, axisTitle(g.axis), {
        gridIndex: gi,
        position: 'bottom',
        min: g.xLo,
        max: g.xHi,
        nameGap: print ? 13 : 28,
        splitLine: { show: false },
        ...niceAxisTicks(view, g.xLo, g.xHi, np > 1 ? 4 : print ? 7 : 10),
      }),
    );
    const cy = yAxes.length;
    yAxes.push({ type: 'category', gridIndex: gi, data: Array.from({ length: g.tBins }, (_, i) => i), show: false, boundaryGap: true });
    yAxes.push(
      valueAxis(view, p === 0 ? timeTitle(data.timeUnit) : '', {
        gridIndex: gi,
        position: 'left',
        min: g.tLoS * scale,
        max: g.tHiS * scale,
        nameGap: print ? 18 : 44,
        splitLine: { show: false },
        ...niceAxisTicks(view, g.tLoS * scale, g.tHiS * scale, print ? 6 : 8, p === 0),
      }),
    );
    if (panel.image) {
      // the grid as one image stretched over [xLo, xHi] × [tLo, tHi] of the value axes (see heatmapRgba)
      const image = panel.image;
      const corners: [number, number][] = [
        [g.xLo, g.tHiS * scale],
        [g.xHi, g.tLoS * scale],
      ];
      series.push({
        type: 'custom',
        name: panel.label ?? `panel ${p + 1}`,
        xAxisIndex: cx + 1,
        yAxisIndex: cy + 1,
        data: [[(g.xLo + g.xHi) / 2, ((g.tLoS + g.tHiS) / 2) * scale]],
        clip: true,
        silent: true,
        z: 1,
        renderItem: (_params: unknown, api: { coord: (v: [number, number]) => [number, number] }) => {
          const [x0, y0] = api.coord(corners[0]);
          const [x1, y1] = api.coord(corners[1]);
          return { type: 'image', style: { image, x: Math.min(x0, x1), y: Math.min(y0, y1), width: Math.abs(x1 - x0), height: Math.abs(y1 - y0) } };
        },
      } as unknown as SeriesOption);
      cellSeries.push(false);
    } else {
      series.push({
        type: 'heatmap',
        name: panel.label ?? `panel ${p + 1}`,
        xAxisIndex: cx,
        yAxisIndex: cy,
        data: heatmapCells(g),
        progressive: 0,
        emphasis: { disabled: true },
        itemStyle: { borderWidth: 0 },
      } as SeriesOption);
      cellSeries.push(true);
    }
    if (panel.label || np > 1) {
      graphics.push({
        type: 'text',
        left: box.left,
        top: print ? 2 : 8,
        z: 100,
        style: {
          text: np > 1 ? `(${PANEL_LETTERS[p % 26]}) ${panel.label ?? ''}` : (panel.label ?? ''),
          fill: '#000',
          font: `${view.fontSize}px ${view.fontFamily}`,
        },
      });
    }
  });

  // Colour bar: its own narrow grid holding a one-column heatmap of COLOUR_STEPS values from vMin to vMax
  // (coloured by the same visualMap) under a value axis with ticks, so the bar has real tick marks in figures.
  const bar = print ? { width: 6, right: 26 } : { width: 14, right: 60 };
  grids.push({ right: bar.right, width: bar.width, top: pad.top, bottom: pad.bottom, show: true, borderColor: '#000', borderWidth: view.axisWidth });
  const bgi = grids.length - 1;
  xAxes.push({ type: 'category', gridIndex: bgi, data: [0], show: false, boundaryGap: true });
  const bcx = xAxes.length - 1;
  yAxes.push({ type: 'category', gridIndex: bgi, data: Array.from({ length: COLOUR_STEPS }, (_, i) => i), show: false, boundaryGap: true });
  const bcy = yAxes.length - 1;
  yAxes.push(
    valueAxis(view, log ? XRD_TITLES.logIntensity : XRD_TITLES.intensity, {
      gridIndex: bgi,
      position: 'right',
      min: vMin,
      max: vMax,
      nameGap: print ? 16 : 44,
      nameRotate: 90,
      splitNumber: 4,
      splitLine: { show: false },
      minorTick: { show: false },
      axisLine: { show: false },
      axisLabel: { ...textStyle(view), margin: print ? 2 : 6, hideOverlap: true, showMinLabel: false, showMaxLabel: false, formatter: (v: number) => formatNumber(v).replace('-', '\u2212') },
    }),
  );
  const barCells: [number, number, number][] = Array.from({ length: COLOUR_STEPS }, (_, j) => [0, j, vMin + ((j + 0.5) * (vMax - vMin)) / COLOUR_STEPS]);
  cellSeries.push(true);
  series.push({ type: 'heatmap', name: 'colour bar', xAxisIndex: bcx, yAxisIndex: bcy, data: barCells, progressive: 0, silent: true, emphasis: { disabled: true }, tooltip: { show: false } } as SeriesOption);

  return {
    ...baseOption(view),
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    series,
    visualMap: {
      type: 'continuous',
      show: false,
      min: vMin,
      max: vMax,
      seriesIndex: series.map((_, i) => i).filter((i) => cellSeries[i]),
      inRange: { color: [...VIRIDIS] },
      outOfRange: { color: ['#dddddd'] },
    },
    graphic: graphics,
    // screen: a cross-hair reading 2θ (q, d) and t; cell panels also give the value in a tooltip
    axisPointer: print ? undefined : { show: true, type: 'line', snap: false, triggerTooltip: false, label: { show: true, precision: 3, backgroundColor: '#333' } },
    tooltip: print
      ? undefined
      : {
          trigger: 'item',
          confine: true,
          formatter: (params: unknown) => {
            const prm = params as { seriesIndex: number; value: [number, number, number] };
            const g = panels[prm.seriesIndex]?.grid;
            if (!g) return '';
            const [xi, ti, v] = prm.value;
            const axisName = g.axis === '2th_deg' ? '2θ' : g.axis === 'q_A^-1' ? 'q' : 'd';
            const unit = g.axis === '2th_deg' ? '°' : g.axis === 'q_A^-1' ? 'Å⁻¹' : 'Å';
            return `${axisName} = ${formatNumber(xCentre(g, xi))} ${unit}<br>t = ${formatNumber(tCentreS(g, ti) * scale)} ${data.timeUnit}<br>${g.log ? 'log₁₀ I' : 'I'} = ${formatNumber(v)}`;
          },
        },
  } as EChartsOption;
}

/**
 * Left edge and width of panel p of np: in points when the figure width is known (print), else in % of the
 * chart's width with the screen margins converted at a nominal 900 px.
 */
export function panelBox(p: number, np: number, pad: { left: number; right: number; gap: number }, totalW?: number): { left: number | string; width: number | string } {
  const W = totalW ?? 900;
  const w = (W - pad.left - pad.right - (np - 1) * pad.gap) / np;
  const left = pad.left + p * (w + pad.gap);
  if (totalW) return { left, width: w };
  const pct = (v: number) => `${Math.round((1000 * v) / W) / 10}%`;
  return { left: pct(left), width: pct(w) };
}

