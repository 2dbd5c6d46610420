/** Small numeric helpers over Float64Array used by the TGA analysis. None mutates its inputs. */

/** Index of the first element ≥ x in an ascending array (n when none). */
export function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Linear interpolation of y(x) at the points xi (x ascending). Outside [x0, xn] the end values are held; the
 * number of points held is returned so callers can warn.
 */
export function interpolateLinear(x: Float64Array, y: Float64Array, xi: Float64Array): { values: Float64Array; heldPoints: number } {
  const out = new Float64Array(xi.length);
  const n = x.length;
  let held = 0;
  let j = 0;
  for (let i = 0; i < xi.length; i++) {
    const t = xi[i];
    if (t <= x[0]) {
      out[i] = y[0];
      if (t < x[0]) held++;
      continue;
    }
    if (t >= x[n - 1]) {
      out[i] = y[n - 1];
      if (t > x[n - 1]) held++;
      continue;
    }
    // xi is usually ascending: walk forward, fall back to a binary search when it is not.
    if (x[j] > t) j = 0;
    if (x[j + 1] < t) j = Math.max(0, lowerBound(x, t) - 1);
    while (x[j + 1] < t) j++;
    const f = (t - x[j]) / (x[j + 1] - x[j]);
    out[i] = y[j] + f * (y[j + 1] - y[j]);
  }
  return { values: out, heldPoints: held };
}

/** Mean of y over the indices [from, to) ignoring NaN; NaN when empty. */
export function meanRange(y: Float64Array, from: number, to: number): number {
  let s = 0;
  let k = 0;
  for (let i = Math.max(0, from); i < Math.min(y.length, to); i++) {
    const v = y[i];
    if (v === v) {
      s += v;
      k++;
    }
  }
  return k === 0 ? NaN : s / k;
}

/** Median of the positive successive differences of an ascending array (0 when fewer than two points). */
export function medianStep(x: Float64Array): number {
  const n = x.length - 1;
  if (n < 1) return 0;
  // Sample at most 10,001 steps: the median of a long, evenly logged series is stable and this avoids a big sort.
  const stride = Math.max(1, Math.floor(n / 10000));
  const d: number[] = [];
  for (let i = 0; i < n; i += stride) {
    const v = x[i + 1] - x[i];
    if (v > 0) d.push(v);
  }
  if (d.length === 0) return 0;
  d.sort((a, b) => a - b);
  const m = d.length >> 1;
  return d.length % 2 ? d[m] : (d[m - 1] + d[m]) / 2;
}

/**
 * Time (linear interpolation) at which y first reaches level from below, scanning indices [from, to). null when
 * it never does. When y already starts at or above the level, the first time is returned.
 */
export function firstCrossing(t: Float64Array, y: Float64Array, level: number, from = 0, to = y.length): number | null {
  for (let i = from; i < to; i++) {
    if (y[i] >= level) {
      if (i === from) return t[i];
      const y0 = y[i - 1];
      const f = (level - y0) / (y[i] - y0);
      return t[i - 1] + f * (t[i] - t[i - 1]);
    }
  }
  return null;
}

/** Index of the first point whose time is earlier than its predecessor's (time runs backwards), else −1. */
export function firstBackwardsIndex(timeS: Float64Array): number {
  for (let i = 1; i < timeS.length; i++) if (timeS[i] < timeS[i - 1]) return i;
  return -1;
}

/**
 * Centred moving average over a time window (s): the mean of the finite values with |t_j − t_i| ≤ windowS/2.
 * Works on uneven time steps; O(n) with a sliding window.
 */
export function movingAverage(timeS: Float64Array, y: Float64Array, windowS: number): Float64Array {
  const n = Math.min(timeS.length, y.length);
  const out = new Float64Array(n);
  if (!(windowS > 0)) return y.slice(0, n);
  const half = windowS / 2;
  let lo = 0;
  let hi = 0;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    while (hi < n && timeS[hi] <= timeS[i] + half) {
      if (Number.isFinite(y[hi])) {
        sum += y[hi];
        count++;
      }
      hi++;
    }
    while (lo < hi && timeS[lo] < timeS[i] - half) {
      if (Number.isFinite(y[lo])) {
        sum -= y[lo];
        count--;
      }
      lo++;
    }
    out[i] = count > 0 ? sum / count : NaN;
  }
  return out;
}
