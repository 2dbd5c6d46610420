/**
 * Spectrum background by SNIP (statistics-sensitive non-linear iterative peak clipping; Ryan et al., Nucl.
 * Instrum. Meth. B 34 (1988) 396; Morháč et al., NIM A 401 (1997) 113) on the LLS-transformed counts
 * v = ln(ln(√(y+1) + 1) + 1), clipping windows 1…w, then transformed back. w should be about the peak
 * width in channels (FWHM to 2·FWHM); peaks narrower than w are removed, broader structure kept.
 */

export function snipBackground(counts: Float64Array, windowChannels: number): Float64Array {
  const n = counts.length;
  const w = Math.max(1, Math.min(Math.floor(windowChannels), Math.floor((n - 1) / 2)));
  let v = Float64Array.from(counts, (y) => Math.log(Math.log(Math.sqrt(Math.max(y, 0) + 1) + 1) + 1));
  let next = new Float64Array(n);
  for (let p = 1; p <= w; p++) {
    for (let i = 0; i < n; i++) {
      if (i < p || i >= n - p) {
        next[i] = v[i];
        continue;
      }
      const m = 0.5 * (v[i - p] + v[i + p]);
      next[i] = m < v[i] ? m : v[i];
    }
    const t = v;
    v = next;
    next = t;
  }
  return Float64Array.from(v, (x) => {
    const a = Math.exp(Math.exp(x) - 1) - 1;
    return a * a - 1;
  });
}

/** Running mean over 2·half + 1 points (shorter at the ends). */
export function smooth(y: Float64Array, half: number): Float64Array {
  const n = y.length;
  const out = new Float64Array(n);
  let sum = 0;
  let lo = 0;
  let hi = -1;
  for (let i = 0; i < n; i++) {
    const a = Math.max(0, i - half);
    const b = Math.min(n - 1, i + half);
    while (hi < b) sum += y[++hi];
    while (lo < a) sum -= y[lo++];
    out[i] = sum / (hi - lo + 1);
  }
  return out;
}

/** Linear interpolation of y(x) at xq (x ascending); NaN outside. */
export function interpolate(x: Float64Array, y: Float64Array, xq: number): number {
  const n = x.length;
  if (!(xq >= x[0] && xq <= x[n - 1])) return NaN;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] > xq) hi = mid;
    else lo = mid;
  }
  const t = (xq - x[lo]) / (x[hi] - x[lo] || 1);
  return y[lo] + t * (y[hi] - y[lo]);
}
