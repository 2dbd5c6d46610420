/**
 * Display data of an SXRD sequence, pure and DOM-free, so the main process computes it next to the
 * full-resolution frames and sends the renderer only what it draws (a 900 × 2,800 sequence, 20 MB of Float64,
 * becomes a 300 × 600 heatmap grid, 1.4 MB):
 * - frames on a display axis: a pattern's x in 2θ, q or d with the sequence's wavelength (core/xrd/axes), cached per
 *   x grid (frames of a sequence share one Float64Array), so a 900-frame sequence converts its grid once;
 * - binHeatmap: intensity vs (2θ | q | d) and time as a binned grid. x bins are uniform on the chosen axis over
 *   `xRange` (default: the data's extent); time bins are uniform over [t_first − Δt/2, t_last + Δt/2] with Δt the
 *   mean frame spacing, so with tBins = frame count every frame has its own row. Each cell holds the sum of the
 *   counts of the points that fall in it and their number; the displayed value is the mean (counts per point) or
 *   log₁₀ of max(mean, floor).
 */
import type { Pattern, PatternSequence } from '../../shared/xrd';
import type { FrameCurve, HeatmapGrid, HeatmapRequest, XrdAxis } from '../../shared/xrd-display';
import { convertAxis } from './axes';

export type { FrameCurve, HeatmapGrid, HeatmapRequest, XrdAxis } from '../../shared/xrd-display';

export class AxisCache {
  private readonly cache = new Map<Float64Array, Map<XrdAxis, Float64Array>>();
  constructor(private readonly wavelengthA: number | null) {}

  /** x of the pattern on `axis` (same array for frames that share a grid). */
  x(pattern: Pattern, axis: XrdAxis): Float64Array {
    if (pattern.xUnit === axis) return pattern.x;
    let byAxis = this.cache.get(pattern.x);
    if (!byAxis) {
      byAxis = new Map();
      this.cache.set(pattern.x, byAxis);
    }
    let out = byAxis.get(axis);
    if (!out) {
      out = convertAxis(pattern.x, pattern.xUnit, axis, this.wavelengthA ?? pattern.wavelengthA);
      byAxis.set(axis, out);
    }
    return out;
  }
}

/** Frames by index on `axis`, optionally cut to [from, to] (axis units). */
export function frameCurves(seq: PatternSequence, indices: number[], axis: XrdAxis, range?: [number, number]): FrameCurve[] {
  const cache = new AxisCache(seq.wavelengthA);
  return indices
    .filter((i) => i >= 0 && i < seq.frames.length)
    .map((i) => {
      const f = seq.frames[i];
      const x = cache.x(f, axis);
      if (!range) return { index: i, timeS: seq.timesS[i], fileName: f.fileName, x, intensity: f.intensity };
      const keepX: number[] = [];
      const keepY: number[] = [];
      for (let k = 0; k < x.length; k++) {
        if (x[k] >= range[0] && x[k] <= range[1]) {
          keepX.push(x[k]);
          keepY.push(f.intensity[k]);
        }
      }
      return { index: i, timeS: seq.timesS[i], fileName: f.fileName, x: Float64Array.from(keepX), intensity: Float64Array.from(keepY) };
    });
}

/** Finite extent of an axis over the sequence's frames. */
export function axisExtent(seq: PatternSequence, axis: XrdAxis): [number, number] {
  const cache = new AxisCache(seq.wavelengthA);
  let lo = Infinity;
  let hi = -Infinity;
  const seen = new Set<Float64Array>();
  for (const f of seq.frames) {
    if (seen.has(f.x)) continue;
    seen.add(f.x);
    const x = cache.x(f, axis);
    for (let k = 0; k < x.length; k++) {
      const v = x[k];
      if (Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  return [lo, hi];
}

/** Bin a sequence into a time × x grid (see the module comment). Never mutates the sequence. */
export function binHeatmap(seq: PatternSequence, request: HeatmapRequest = {}): HeatmapGrid {
  const axis = request.axis ?? '2th_deg';
  const log = request.log ?? false;
  const floorCounts = request.floorCounts ?? 1;
  if (!(floorCounts > 0)) throw new Error('the log floor must be > 0 counts');
  const n = seq.frames.length;
  if (n === 0) throw new Error('the sequence has no frames');
  const [xLo, xHi] = request.xRange ?? axisExtent(seq, axis);
  if (!(xHi > xLo)) throw new Error(`empty x window [${xLo}, ${xHi}]`);

  const tr = request.tRangeS;
  const inT: number[] = [];
  for (let i = 0; i < n; i++) if (!tr || (seq.timesS[i] >= tr[0] && seq.timesS[i] <= tr[1])) inT.push(i);
  if (inT.length === 0) throw new Error('no frames in the time window');
  const tFirst = seq.timesS[inT[0]];
  const tLast = seq.timesS[inT[inT.length - 1]];
  const halfStep = inT.length > 1 ? (tLast - tFirst) / (inT.length - 1) / 2 : 0.5;
  const tLoS = tFirst - halfStep;
  const tHiS = tLast + halfStep;

  // never more x bins than data points in the window (empty columns would show as gaps)
  const xBins = Math.max(1, Math.min(Math.floor(request.xBins ?? 600), pointsInWindow(seq, axis, xLo, xHi)));
  const tBins = Math.max(1, Math.min(inT.length, Math.floor(request.tBins ?? 300)));
  const sum = new Float64Array(xBins * tBins);
  const count = new Float64Array(xBins * tBins);
  const xScale = xBins / (xHi - xLo);
  const tScale = tBins / (tHiS - tLoS);
  const cache = new AxisCache(seq.wavelengthA);

  for (const i of inT) {
    const f = seq.frames[i];
    const x = cache.x(f, axis);
    const y = f.intensity;
    const ti = Math.min(tBins - 1, Math.max(0, Math.floor((seq.timesS[i] - tLoS) * tScale)));
    const row = ti * xBins;
    for (let k = 0; k < x.length; k++) {
      const xv = x[k];
      const yv = y[k];
      if (!(xv >= xLo && xv <= xHi) || !Number.isFinite(yv)) continue;
      const xi = Math.min(xBins - 1, Math.floor((xv - xLo) * xScale));
      sum[row + xi] += yv;
      count[row + xi] += 1;
    }
  }

  const value = new Float64Array(xBins * tBins);
  const logFloor = Math.log10(floorCounts);
  let min = Infinity;
  let max = -Infinity;
  for (let c = 0; c < value.length; c++) {
    if (count[c] === 0) {
      value[c] = NaN;
      continue;
    }
    const mean = sum[c] / count[c];
    const v = log ? (mean > floorCounts ? Math.log10(mean) : logFloor) : mean;
    value[c] = v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  fillRowGaps(value, xBins, tBins);
  return { axis, log, floorCounts, xBins, tBins, xLo, xHi, tLoS, tHiS, sum, count, value, min, max, frames: inT.length };
}

/**
 * Empty cells between two filled cells of a row get the linear interpolation of their values. On q or d the
 * frames' 2θ grid is uneven (d spreads the low angles out), so uniform bins there can fall between two points;
 * display only: sum and count stay 0. Cells beyond the row's first and last filled cell stay NaN.
 */
export function fillRowGaps(value: Float64Array, xBins: number, tBins: number): void {
  for (let ti = 0; ti < tBins; ti++) {
    const row = ti * xBins;
    let prev = -1;
    for (let xi = 0; xi < xBins; xi++) {
      if (Number.isNaN(value[row + xi])) continue;
      if (prev >= 0 && xi - prev > 1) {
        const a = value[row + prev];
        const b = value[row + xi];
        for (let k = prev + 1; k < xi; k++) value[row + k] = a + ((b - a) * (k - prev)) / (xi - prev);
      }
      prev = xi;
    }
  }
}

/** Most points any frame grid has inside [xLo, xHi] on `axis`. */
export function pointsInWindow(seq: PatternSequence, axis: XrdAxis, xLo: number, xHi: number): number {
  const cache = new AxisCache(seq.wavelengthA);
  const seen = new Set<Float64Array>();
  let most = 0;
  for (const f of seq.frames) {
    if (seen.has(f.x)) continue;
    seen.add(f.x);
    const x = cache.x(f, axis);
    let k = 0;
    for (let i = 0; i < x.length; i++) if (x[i] >= xLo && x[i] <= xHi) k++;
    if (k > most) most = k;
  }
  return most;
}

