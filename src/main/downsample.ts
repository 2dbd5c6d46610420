/**
 * Display-sized series. The analysis always uses the full arrays; the renderer gets ~2000 points per series,
 * chosen by Largest-Triangle-Three-Buckets (S. Steinarsson, "Downsampling Time Series for Visual
 * Representation", MSc thesis, University of Iceland, 2013), which keeps peaks, steps and extremes visible.
 */
import type { Series } from '../shared/api';

export const DISPLAY_POINTS = 2000;

/** Indices of the points LTTB keeps from (x, y); all indices when there are no more than `target`. */
export function lttbIndices(x: Float64Array, y: Float64Array, target: number): Int32Array {
  const n = Math.min(x.length, y.length);
  if (target >= n || target < 3) {
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    return all;
  }
  const out = new Int32Array(target);
  const bucket = (n - 2) / (target - 2);
  let a = 0;
  out[0] = 0;
  for (let i = 0; i < target - 2; i++) {
    // Average of the next bucket: the third corner of the triangle.
    const nextStart = Math.floor((i + 1) * bucket) + 1;
    const nextEnd = Math.min(n, Math.floor((i + 2) * bucket) + 1);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += x[j];
      avgY += y[j];
    }
    const count = Math.max(1, nextEnd - nextStart);
    avgX /= count;
    avgY /= count;
    const start = Math.floor(i * bucket) + 1;
    const end = Math.floor((i + 1) * bucket) + 1;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const area = Math.abs((x[a] - avgX) * (y[j] - y[a]) - (x[a] - x[j]) * (avgY - y[a]));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out[i + 1] = best;
    a = best;
  }
  out[target - 1] = n - 1;
  return out;
}

/** Drop points where x or y is not finite (a chart cannot draw them, and LTTB would spread NaN). */
export function finitePairs(x: Float64Array, y: Float64Array): Series {
  const n = Math.min(x.length, y.length);
  let count = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(x[i]) && Number.isFinite(y[i])) count++;
  if (count === n && x.length === n && y.length === n) return { x, y };
  const fx = new Float64Array(count);
  const fy = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(x[i]) && Number.isFinite(y[i])) {
      fx[k] = x[i];
      fy[k] = y[i];
      k++;
    }
  }
  return { x: fx, y: fy };
}

export function pick(values: Float64Array, indices: Int32Array): Float64Array {
  const out = new Float64Array(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = values[indices[i]];
  return out;
}

/** A display series of (x, y): finite points only, at most `target` of them. */
export function displaySeries(x: Float64Array, y: Float64Array, target = DISPLAY_POINTS): Series {
  const finite = finitePairs(x, y);
  const idx = lttbIndices(finite.x, finite.y, target);
  if (idx.length === finite.x.length) return { x: new Float64Array(finite.x), y: new Float64Array(finite.y) };
  return { x: pick(finite.x, idx), y: pick(finite.y, idx) };
}

/** Sorted union of index sets: lets several curves of one run share the same display points. */
export function unionIndices(...sets: Int32Array[]): Int32Array {
  const merged = new Set<number>();
  for (const set of sets) for (const i of set) merged.add(i);
  return Int32Array.from([...merged].sort((p, q) => p - q));
}
