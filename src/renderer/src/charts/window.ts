/**
 * What part of a plot is on screen: the x range (zoom/pan in time or temperature), explicit y ranges per axis
 * (y-zoom/pan; otherwise every y axis is scaled to the data visible in the x range), and the series hidden from
 * the legend. Chart option builders take a PlotWindow, so the same builder draws the screen and — later — an
 * export of what is on screen. Pure functions: the zoom arithmetic the chart hook applies to mouse gestures.
 */

export type Range = [number, number];

export interface PlotWindow {
  /** x range in axis units (min, °C, α…); null = everything. */
  x: Range | null;
  /** Explicit y ranges by axis id ('alpha', 'mass', 'temperature', 'tg', 'dtg', …); absent = autoscaled. */
  y: Record<string, Range>;
  /** Legend names hidden by the user. */
  hidden: ReadonlySet<string>;
}

export const FULL_WINDOW: PlotWindow = { x: null, y: {}, hidden: new Set() };

export function windowWith(hidden: ReadonlySet<string>): PlotWindow {
  return { x: null, y: {}, hidden };
}

/** A series as drawn, in axis units, for autoscaling and the readout. */
export interface DrawnSeries {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/** Extent of y over the points whose x lies in the range (all points when range is null); null when none. */
export function visibleExtent(series: DrawnSeries[], xRange: Range | null): Range | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    const n = Math.min(s.x.length, s.y.length);
    for (let i = 0; i < n; i++) {
      const x = s.x[i];
      if (xRange && (x < xRange[0] || x > xRange[1])) continue;
      const y = s.y[i];
      if (!Number.isFinite(y)) continue;
      if (y < lo) lo = y;
      if (y > hi) hi = y;
    }
    // Lines run to the edges of the window: include the values interpolated at both edges.
    if (xRange && n > 1) {
      for (const edge of xRange) {
        const v = valueAt(s, edge);
        if (v !== null) {
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      }
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/** A step of 1, 2, 2.5 or 5 × 10^k near span / target. */
export function niceStep(span: number, target = 5): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / target;
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f < 1.5 ? 1 : f < 2.25 ? 2 : f < 3.5 ? 2.5 : f < 7.5 ? 5 : 10) * p;
}

/**
 * A y range for the data extent: padded by `pad` of the span on both sides and rounded outward to a nice tick
 * step, so both ends fall on ticks and carry round labels. A flat line gets ± 1 % (or ± 1 around 0).
 */
export function niceAxis(extent: Range, pad = 0.04, ticks = 5): { range: Range; interval: number } {
  let [lo, hi] = extent;
  if (hi - lo <= Math.abs(hi) * 1e-9) {
    const d = Math.abs(hi) > 0 ? Math.abs(hi) * 0.01 : 1;
    lo -= d;
    hi += d;
  }
  const span = hi - lo;
  lo -= span * pad;
  hi += span * pad;
  const step = niceStep(hi - lo, ticks);
  const round = (v: number): number => Number(v.toPrecision(12));
  return { range: [round(Math.floor(lo / step) * step), round(Math.ceil(hi / step) * step)], interval: round(step) };
}

export function niceRange(extent: Range, pad = 0.04): Range {
  return niceAxis(extent, pad).range;
}

/**
 * The y range of an axis: the user's explicit range; else, with an x zoom, the nice range of the data visible
 * there; else the axis' default (fixed, e.g. α 0–1.05) or the nice range of all its data.
 */
export function yRange(window: PlotWindow, axisId: string, series: DrawnSeries[], fallback: Range | null = null): Range {
  const explicit = window.y[axisId];
  if (explicit) return explicit;
  if (window.x === null && fallback) return fallback;
  const extent = visibleExtent(series, window.x);
  if (!extent) return fallback ?? [0, 1];
  return niceRange(extent);
}

/**
 * The ECharts settings of a y axis for the window: min and max always (the chart hook zooms from them); a tick
 * interval when the range was made nice here; end labels hidden when the user's zoom left the ends between ticks.
 */
export function yAxisWindow(window: PlotWindow, axisId: string, series: DrawnSeries[], fallback: Range | null = null, ticks = 5): Record<string, unknown> {
  const explicit = window.y[axisId];
  if (explicit) return { min: explicit[0], max: explicit[1], axisLabel: { showMinLabel: false, showMaxLabel: false } };
  if (window.x === null && fallback) return { min: fallback[0], max: fallback[1] };
  const extent = visibleExtent(series, window.x);
  if (!extent) return fallback ? { min: fallback[0], max: fallback[1] } : { min: 0, max: 1 };
  const nice = niceAxis(extent, 0.04, ticks);
  return { min: nice.range[0], max: nice.range[1], interval: nice.interval };
}

/** Tick labels of a zoomed x axis: its ends fall between ticks, so their labels (41.58…) are left out. */
export function xEndLabels(window: PlotWindow): Record<string, unknown> {
  return window.x ? { showMinLabel: false, showMaxLabel: false } : {};
}

/** Zoom a range about `centre` by `factor` (< 1 zooms in). */
export function zoomRange(range: Range, centre: number, factor: number): Range {
  return [centre + (range[0] - centre) * factor, centre + (range[1] - centre) * factor];
}

export function panRange(range: Range, delta: number): Range {
  return [range[0] + delta, range[1] + delta];
}

/** Linear interpolation of y at x over points ordered by x (first bracketing pair; null outside). */
export function valueAt(s: DrawnSeries, x: number): number | null {
  const n = Math.min(s.x.length, s.y.length);
  if (n === 0) return null;
  const ascending = s.x[n - 1] >= s.x[0];
  const first = ascending ? s.x[0] : s.x[n - 1];
  const last = ascending ? s.x[n - 1] : s.x[0];
  if (!(x >= first && x <= last)) return null;
  if (n === 1) return Number.isFinite(s.y[0]) ? s.y[0] : null;
  // binary search when x is ascending (time); a scan otherwise (α, which can step back a little)
  let i = -1;
  if (ascending) {
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (s.x[mid] <= x) lo = mid;
      else hi = mid;
    }
    i = lo;
  } else {
    for (let k = 0; k < n - 1; k++) {
      if ((s.x[k] - x) * (s.x[k + 1] - x) <= 0) {
        i = k;
        break;
      }
    }
  }
  if (i < 0) return null;
  const x0 = s.x[i];
  const x1 = s.x[i + 1];
  const y0 = s.y[i];
  const y1 = s.y[i + 1];
  if (!Number.isFinite(y0) || !Number.isFinite(y1)) return Number.isFinite(y0) ? y0 : Number.isFinite(y1) ? y1 : null;
  if (x1 === x0) return y0;
  return y0 + ((x - x0) / (x1 - x0)) * (y1 - y0);
}

/** First crossing of x (for curves whose x is not monotonic, e.g. dα/dt against α): interpolated y there. */
export function valueAtFirstCrossing(s: DrawnSeries, x: number): number | null {
  const n = Math.min(s.x.length, s.y.length);
  for (let k = 0; k < n - 1; k++) {
    const a = s.x[k] - x;
    const b = s.x[k + 1] - x;
    if (a === 0) return Number.isFinite(s.y[k]) ? s.y[k] : null;
    if (a * b < 0) {
      const f = a / (a - b);
      const v = s.y[k] + f * (s.y[k + 1] - s.y[k]);
      return Number.isFinite(v) ? v : null;
    }
  }
  return n > 0 && s.x[n - 1] === x && Number.isFinite(s.y[n - 1]) ? s.y[n - 1] : null;
}
