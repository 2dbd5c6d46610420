/**
 * Peak metrics in a 2θ window, computed directly from the counts (no model): the window sum; the area above the
 * straight background through the window's first and last points (in counts, summed over the points); the background-subtracted centroid; and the
 * FWHM of the background-subtracted profile, read where it crosses half its maximum (linear interpolation between
 * points, outward from the maximum).
 */
import type { MapPeakAtPoint } from '../../shared/xrd-map';

/** Index range [i0, i1] of x (ascending) inside [lo, hi]. */
function range(x: Float64Array, lo: number, hi: number): [number, number] {
  let i0 = 0;
  while (i0 < x.length && x[i0] < lo) i0++;
  let i1 = x.length - 1;
  while (i1 >= 0 && x[i1] > hi) i1--;
  return [i0, i1];
}

export function windowMetrics(x: Float64Array, y: Float64Array, lo: number, hi: number): MapPeakAtPoint {
  const [i0, i1] = range(x, lo, hi);
  const out: MapPeakAtPoint = { sum: 0, area: 0, centroidDeg: null, fwhmDeg: null, windowDeg: [lo, hi] };
  if (i1 - i0 < 2) return out;
  const x0 = x[i0];
  const x1 = x[i1];
  const b0 = y[i0];
  const b1 = y[i1];
  const bg = (xx: number) => b0 + ((b1 - b0) * (xx - x0)) / (x1 - x0);
  let sum = 0;
  let area = 0;
  let moment = 0;
  let peak = -Infinity;
  let at = i0;
  for (let i = i0; i <= i1; i++) {
    sum += y[i];
    const net = y[i] - bg(x[i]);
    area += net;
    moment += net * x[i];
    if (net > peak) {
      peak = net;
      at = i;
    }
  }
  out.sum = sum;
  out.area = area;
  if (area > 0) out.centroidDeg = moment / area;
  if (peak > 0) {
    const half = peak / 2;
    let l = at;
    while (l > i0 && y[l] - bg(x[l]) > half) l--;
    let r = at;
    while (r < i1 && y[r] - bg(x[r]) > half) r++;
    const nl = y[l] - bg(x[l]);
    const nr = y[r] - bg(x[r]);
    if (nl <= half && nr <= half && l < at && r > at) {
      const nl1 = y[l + 1] - bg(x[l + 1]);
      const nr1 = y[r - 1] - bg(x[r - 1]);
      const xl = x[l] + ((half - nl) * (x[l + 1] - x[l])) / (nl1 - nl);
      const xr = x[r - 1] + ((nr1 - half) * (x[r] - x[r - 1])) / (nr1 - nr);
      out.fwhmDeg = xr - xl;
    }
  }
  return out;
}
