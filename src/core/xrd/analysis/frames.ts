/**
 * Frames as the analysis sees them: cropped to the 2θ range, minus a rough background for the cell search, and
 * the typical peak width of a frame.
 */
import type { FrameData } from '../peaks/sequential';

/** FrameData cropped to [minDeg, maxDeg] (views, no copies). */
export function cropFrame(frame: FrameData, minDeg: number, maxDeg: number): FrameData {
  const x = frame.twoThetaDeg;
  let i0 = 0;
  while (i0 < x.length && !(x[i0] >= minDeg)) i0++;
  let i1 = x.length;
  while (i1 > i0 && !(x[i1 - 1] <= maxDeg)) i1--;
  if (i0 === 0 && i1 === x.length) return frame;
  return { twoThetaDeg: x.subarray(i0, i1), intensity: frame.intensity.subarray(i0, i1), sigma: frame.sigma ? frame.sigma.subarray(i0, i1) : null };
}

/**
 * Running minimum of y over [i − h, i + h] (clipped at the ends), NaN counting as +∞ (a window of NaN gives +∞).
 * O(n) whatever h: a deque of indices whose values increase from its head, the head being the window's leftmost
 * minimum (the sliding-window minimum of Lemire 2006, "Streaming maximum-minimum filter using no more than three
 * comparisons per element").
 */
export function runningMin(y: Float64Array, h: number): Float64Array {
  const n = y.length;
  const v = new Float64Array(n);
  for (let k = 0; k < n; k++) v[k] = y[k] === y[k] ? y[k] : Infinity;
  const out = new Float64Array(n);
  const dq = new Int32Array(n);
  let head = 0;
  let tail = 0;
  let next = 0;
  for (let i = 0; i < n; i++) {
    const b = Math.min(n - 1, i + h);
    for (; next <= b; next++) {
      const value = v[next];
      while (tail > head && v[dq[tail - 1]] > value) tail--;
      dq[tail++] = next;
    }
    while (dq[head] < i - h) head++;
    out[i] = v[dq[head]];
  }
  return out;
}

/**
 * Smooth background under a pattern: a running minimum over `window` points followed by a running mean over the
 * same window (a rolling-ball stand-in; good enough to rank cell scales, not for quantities). O(n) in the points
 * and independent of the window.
 */
export function roughBackground(y: Float64Array, window: number): Float64Array {
  const n = y.length;
  const h = Math.max(1, Math.floor(window / 2));
  const mins = runningMin(y, h);
  const out = new Float64Array(n);
  let sum = 0;
  let lo = 0;
  let hi = -1;
  for (let i = 0; i < n; i++) {
    const a = Math.max(0, i - h);
    const b = Math.min(n - 1, i + h);
    while (hi < b) sum += mins[++hi];
    while (lo < a) sum -= mins[lo++];
    out[i] = sum / (hi - lo + 1);
  }
  return out;
}

/** A frame minus its rough background, with the variance of each point. */
export interface NetFrame {
  x: Float64Array;
  net: Float64Array;
  variance: Float64Array;
}

export function netFrame(frame: FrameData): NetFrame {
  const x = frame.twoThetaDeg;
  const n = x.length;
  const step = n > 1 ? (x[n - 1] - x[0]) / (n - 1) : 1;
  const bg = roughBackground(frame.intensity, Math.max(9, Math.round(0.4 / step)));
  const net = new Float64Array(n);
  const variance = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    net[i] = frame.intensity[i] - bg[i];
    const s = frame.sigma ? frame.sigma[i] : NaN;
    variance[i] = Number.isFinite(s) && s > 0 ? s * s : Math.max(1, frame.intensity[i]);
  }
  return { x, net, variance };
}

/**
 * A typical peak FWHM (2θ°) of a frame: the median full width at half maximum of its five highest net maxima.
 * Falls back to 4 grid steps when no peak stands out.
 */
export function estimateFwhmDeg(frame: FrameData): number {
  const { x, net, variance } = netFrame(frame);
  const n = x.length;
  const step = n > 1 ? (x[n - 1] - x[0]) / (n - 1) : 0.01;
  const maxima: number[] = [];
  for (let i = 2; i < n - 2; i++) {
    if (net[i] > 5 * Math.sqrt(variance[i]) && net[i] >= net[i - 1] && net[i] > net[i + 1] && net[i] >= net[i - 2] && net[i] > net[i + 2]) maxima.push(i);
  }
  maxima.sort((a, b) => net[b] - net[a]);
  const widths: number[] = [];
  const taken: number[] = [];
  for (const i of maxima) {
    if (widths.length >= 5) break;
    if (taken.some((j) => Math.abs(j - i) < 10)) continue;
    taken.push(i);
    const half = net[i] / 2;
    let l = i;
    while (l > 0 && net[l] > half) l--;
    let r = i;
    while (r < n - 1 && net[r] > half) r++;
    if (l === 0 || r === n - 1) continue;
    const xl = x[l] + ((half - net[l]) / (net[l + 1] - net[l] || 1)) * (x[l + 1] - x[l]);
    const xr = x[r - 1] + ((net[r - 1] - half) / (net[r - 1] - net[r] || 1)) * (x[r] - x[r - 1]);
    if (xr > xl) widths.push(xr - xl);
  }
  if (widths.length === 0) return 4 * step;
  widths.sort((a, b) => a - b);
  return Math.max(2 * step, Math.min(1, widths[widths.length >> 1]));
}
