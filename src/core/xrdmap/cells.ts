/**
 * Starting cells of a map's phases (docs/xrd-maps.md, "Starting cells"): high-pressure cells lie far from the
 * library's (Re at 30 GPa is 3 % smaller in a), beyond a Rietveld cell search, so each phase's cell is first placed
 * by a least-squares line match over a wide isotropic scale range.
 *
 * The line match of a phase at scale s (all cell lengths × s) on the net counts y (background removed) with Poisson
 * variances σ² is the weighted least-squares fit of one amplitude A to the lines' relative intensities w_j:
 *   A = Σ w_j y_j/σ_j² / Σ w_j²/σ_j²,   gain(s) = (Σ w_j y_j/σ_j²)² / Σ w_j²/σ_j²   (the χ² the lines remove, A ≥ 0).
 * Unlike a plain sum Σ w_j y_j, predicted lines that find no counts cost (they enter the denominator), so a phase
 * cannot claim another phase's strongest line with one of its own. Significance: the robust z of the best gain among
 * the gains over the scanned range, (best − median)/(1.4826 · MAD); a best s within two steps of either end of the
 * range is rejected (the true cell lies outside the range, or nothing is there).
 */
import type { Lattice, PhaseDef } from '../xrd/crystal/types';
import { generateReflections } from '../xrd/crystal/reflections';

/** A phase is placed only where its lines' amplitude stands at least 3 σ (gain = (A/σ_A)² ≥ 9), whatever the z. */
const MIN_GAIN = 9;

export interface PhaseLines {
  /** d-spacings (Å) at the library cell and relative intensities, the strongest 1. */
  d: number[];
  w: number[];
}

export interface ScaleHit {
  /** Best isotropic scale of the cell. */
  s: number;
  /** χ² removed by the lines at s. */
  gain: number;
  /** Robust z of the best gain over the scanned range. */
  z: number;
  /** The best s lies within two steps of an end of the range. */
  atEdge: boolean;
}

export function scaled(l: Lattice, s: number): Lattice {
  return { ...l, aA: l.aA * s, bA: l.bA * s, cA: l.cA * s };
}

/** A phase's lines (library cell) above 1 % of the strongest, up to 2θmax/0.75. */
export function phaseLines(def: PhaseDef, wavelengthA: number, maxDeg: number, debyeWaller: boolean): PhaseLines {
  const refl = generateReflections(def, { wavelengthA, twoThetaMaxDeg: Math.min(179, maxDeg / 0.75), debyeWaller });
  const max = Math.max(...refl.map((r) => r.intensity), 0);
  const kept = refl.filter((r) => r.intensity >= 0.01 * max);
  return { d: kept.map((r) => r.dA), w: kept.map((r) => r.intensity / max) };
}

/** Counts above a running lower envelope (minimum over ±w points, then averaged): peaks without background. */
export function netCounts(y: Float64Array, w: number): Float64Array {
  const n = y.length;
  const lo = new Float64Array(n);
  // sliding minimum over [i − w, i + w] (clipped) by a monotone queue of indices: O(n) (van Herk / Gil–Werman)
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  let next = 0;
  for (let i = 0; i < n; i++) {
    const last = Math.min(n - 1, i + w);
    for (; next <= last; next++) {
      while (tail > head && y[queue[tail - 1]] >= y[next]) tail--;
      queue[tail++] = next;
    }
    while (queue[head] < i - w) head++;
    lo[i] = y[queue[head]];
  }
  // running mean of the envelope by a prefix sum
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + lo[i];
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = Math.max(0, i - w);
    const b = Math.min(n - 1, i + w);
    out[i] = Math.max(0, y[i] - (prefix[b + 1] - prefix[a]) / (b - a + 1));
  }
  return out;
}

/** Median of a typed array (a sorted copy; the input is left as it is). */
function medianOf(xs: Float64Array): number {
  if (xs.length === 0) return NaN;
  const s = xs.slice().sort();
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** A pattern prepared for line matching: 2θ, net counts (masked in place as phases are placed), 1/σ². */
export interface MatchPattern {
  x: Float64Array;
  net: Float64Array;
  invVar: Float64Array;
}

/**
 * The net counts above the lower envelope sit on a positive offset (the envelope follows the noise's minima, about
 * two σ below the mean): the median of the net counts (most points are background) is taken off, so that a line
 * predicted on bare background matches zero on average.
 */
export function matchPattern(x: Float64Array, y: Float64Array): MatchPattern {
  const invVar = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) invVar[i] = 1 / Math.max(1, y[i]);
  const net = netCounts(y, 25);
  const offset = medianOf(net);
  for (let i = 0; i < net.length; i++) net[i] -= offset;
  return { x, net, invVar };
}

/** A copy whose net counts can be masked without touching the original's (x and 1/σ² are shared). */
export function copyMatch(m: MatchPattern): MatchPattern {
  return { x: m.x, net: m.net.slice(), invVar: m.invVar };
}

/** Index i with x[i] ≤ at < x[i+1] on a uniform or slowly varying grid (x ascending); −1 outside. */
function bracket(x: Float64Array, at: number): number {
  const n = x.length;
  if (!(at > x[0] && at < x[n - 1])) return -1;
  let i = Math.min(n - 2, Math.max(0, Math.floor(((at - x[0]) / (x[n - 1] - x[0])) * (n - 1))));
  while (i > 0 && x[i] > at) i--;
  while (i < n - 2 && x[i + 1] <= at) i++;
  return i;
}

/** χ² removed by a phase's lines at scale s (0 when the amplitude would be negative or no line is in range). */
export function lineGain(m: MatchPattern, lines: PhaseLines, wavelengthA: number, s: number): number {
  let num = 0;
  let den = 0;
  for (let j = 0; j < lines.d.length; j++) {
    const sin = wavelengthA / (2 * lines.d[j] * s);
    if (sin >= 1) continue;
    const tth = (2 * Math.asin(sin) * 180) / Math.PI;
    const i = bracket(m.x, tth);
    if (i < 0) continue;
    const f = (tth - m.x[i]) / (m.x[i + 1] - m.x[i]);
    const y = m.net[i] + f * (m.net[i + 1] - m.net[i]);
    const iv = m.invVar[i] + f * (m.invVar[i + 1] - m.invVar[i]);
    num += lines.w[j] * y * iv;
    den += lines.w[j] * lines.w[j] * iv;
  }
  return num > 0 && den > 0 ? (num * num) / den : 0;
}

/** Best scale of a phase's lines over [range] in steps of `step`, with its gain, significance and edge flag. */
export function scanScale(m: MatchPattern, lines: PhaseLines, wavelengthA: number, range: [number, number], step: number): ScaleHit {
  const n = Math.max(1, Math.round((range[1] - range[0]) / step));
  const gains = new Float64Array(n + 1);
  let best = -1;
  let bestGain = -Infinity;
  for (let k = 0; k <= n; k++) {
    const g = lineGain(m, lines, wavelengthA, range[0] + k * step);
    gains[k] = g;
    if (g > bestGain) {
      bestGain = g;
      best = k;
    }
  }
  const med = medianOf(gains);
  for (let k = 0; k <= n; k++) gains[k] = Math.abs(gains[k] - med);
  const mad = medianOf(gains) * 1.4826;
  const z = mad > 0 ? (bestGain - med) / mad : bestGain > med ? Infinity : 0;
  return { s: range[0] + best * step, gain: bestGain, z, atEdge: best <= 2 || best >= n - 2 };
}

/**
 * Significance A/σ_A = √gain of a phase's lines at scale s counting only its lines farther than halfDeg from every
 * line of the other phases (at their scales): the intensity only this phase can explain. Null when no such line lies
 * in the pattern.
 */
export function distinctLineSignificance(m: MatchPattern, lines: PhaseLines, wavelengthA: number, s: number, others: { lines: PhaseLines; s: number }[], halfDeg: number): number | null {
  const taken: number[] = [];
  for (const o of others) {
    for (const d of o.lines.d) {
      const sin = wavelengthA / (2 * d * o.s);
      if (sin < 1) taken.push((2 * Math.asin(sin) * 180) / Math.PI);
    }
  }
  const keep: PhaseLines = { d: [], w: [] };
  lines.d.forEach((d, j) => {
    const sin = wavelengthA / (2 * d * s);
    if (sin >= 1) return;
    const tth = (2 * Math.asin(sin) * 180) / Math.PI;
    if (tth <= m.x[0] || tth >= m.x[m.x.length - 1]) return;
    if (taken.some((t) => Math.abs(t - tth) <= halfDeg)) return;
    keep.d.push(d);
    keep.w.push(lines.w[j]);
  });
  if (keep.d.length === 0) return null;
  return Math.sqrt(lineGain(m, keep, wavelengthA, s));
}

/** Zero the net counts within ±halfDeg of a phase's lines at scale s (in place). */
export function maskLines(m: MatchPattern, lines: PhaseLines, wavelengthA: number, s: number, halfDeg: number): void {
  for (const d of lines.d) {
    const sin = wavelengthA / (2 * d * s);
    if (sin >= 1) continue;
    const tth = (2 * Math.asin(sin) * 180) / Math.PI;
    // x ascending: from the first point at or above tth − halfDeg while within tth + halfDeg
    let lo = 0;
    let hi = m.x.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (m.x[mid] < tth - halfDeg) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < m.x.length && m.x[i] - tth <= halfDeg; i++) m.net[i] = 0;
  }
}

/**
 * Place phases on one pattern, the one whose lines remove most χ² first, its lines masked before the next is
 * scanned: a phase is placed only where it is significant (z ≥ minZ) and its best s is not at an end of its range.
 * `ranges[p]` null: phase p is not scanned (and not masked). Returns s per phase (null: not placed here) with the
 * hits; `fixed` phases (s given) are masked first. Besides z, the amplitude must stand 3 σ (gain ≥ 9): on clean
 * data the gains away from the lines are all zero and any z is infinite.
 */
export function placePhases(
  m: MatchPattern,
  lineSets: PhaseLines[],
  wavelengthA: number,
  ranges: ([number, number] | null)[],
  step: number,
  minZ: number,
  maskHalfDeg: number,
  fixed: (number | null)[] = [],
): { s: (number | null)[]; hits: (ScaleHit | null)[] } {
  const s: (number | null)[] = lineSets.map(() => null);
  const hits: (ScaleHit | null)[] = lineSets.map(() => null);
  fixed.forEach((f, p) => {
    if (f !== null && f !== undefined) maskLines(m, lineSets[p], wavelengthA, f, maskHalfDeg);
  });
  const open = new Set(lineSets.map((_, p) => p).filter((p) => ranges[p] !== null));
  while (open.size > 0) {
    let pick: { p: number; hit: ScaleHit } | null = null;
    for (const p of open) {
      const hit = scanScale(m, lineSets[p], wavelengthA, ranges[p]!, step);
      hits[p] = hit;
      if (hit.z >= minZ && hit.gain >= MIN_GAIN && !hit.atEdge && (!pick || hit.gain > pick.hit.gain)) pick = { p, hit };
    }
    if (!pick) break;
    s[pick.p] = pick.hit.s;
    open.delete(pick.p);
    maskLines(m, lineSets[pick.p], wavelengthA, pick.hit.s, maskHalfDeg);
  }
  return { s, hits };
}

/** Up to n×n points spread over the grid in both directions (row-major indices of filled points, no repeats). */
export function spreadSamples(nx: number, ny: number, filled: (k: number) => boolean, n: number): number[] {
  const out: number[] = [];
  const cols = Math.min(n, nx);
  const rows = Math.min(n, ny);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const iy = Math.floor(((r + 0.5) * ny) / rows);
      const ix = Math.floor(((c + 0.5) * nx) / cols);
      // the nearest filled point (by growing squares) when this one is missing
      let found = -1;
      for (let rad = 0; rad < Math.max(nx, ny) && found < 0; rad++) {
        for (let dy = -rad; dy <= rad && found < 0; dy++) {
          for (let dx = -rad; dx <= rad && found < 0; dx++) {
            const x = ix + dx;
            const y = iy + dy;
            if (x >= 0 && x < nx && y >= 0 && y < ny && filled(y * nx + x)) found = y * nx + x;
          }
        }
      }
      if (found >= 0 && !out.includes(found)) out.push(found);
    }
  }
  return out;
}
