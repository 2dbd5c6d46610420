/**
 * Runs of points where a column can be nonzero (a phase's column and its Jacobian columns are nonzero only within
 * the cut-off of its lines: a tenth to a fifth of a synchrotron pattern), and dot products over them that give the
 * same bits as the dot products over every point (linear.ts dot; dotSeq4Runs over fullRuns).
 *
 * A run list is a Float64Array [count, lo₀, hi₀, lo₁, hi₁, …]: `count` half-open index ranges [lo, hi), ascending
 * and disjoint. Outside its runs a column is exactly 0, so each product left out is ±0; adding ±0 to a partial sum
 * that starts at +0 leaves it unchanged (x + ±0 = x for x ≠ 0, and +0 + ±0 = +0), and the products kept are added
 * to the same partial sums in the same order, so the sums are the same to the last bit.
 */

/** Sort the `count` ranges of `runs` by their start and merge those that overlap or touch (in place). */
export function mergeRuns(runs: Float64Array): void {
  const count = runs[0];
  // insertion sort: a phase's lines come nearly in order of position
  for (let k = 1; k < count; k++) {
    const lo = runs[1 + 2 * k];
    const hi = runs[2 + 2 * k];
    let j = k - 1;
    while (j >= 0 && runs[1 + 2 * j] > lo) {
      runs[3 + 2 * j] = runs[1 + 2 * j];
      runs[4 + 2 * j] = runs[2 + 2 * j];
      j--;
    }
    runs[3 + 2 * j] = lo;
    runs[4 + 2 * j] = hi;
  }
  let out = 0;
  for (let k = 0; k < count; k++) {
    const lo = runs[1 + 2 * k];
    const hi = runs[2 + 2 * k];
    if (out > 0 && lo <= runs[2 * out]) {
      if (hi > runs[2 * out]) runs[2 * out] = hi;
    } else {
      runs[1 + 2 * out] = lo;
      runs[2 + 2 * out] = hi;
      out++;
    }
  }
  runs[0] = out;
}

/** The points in both a and b: their intersection written into out (room for count(a) + count(b) ranges). */
export function intersectRuns(a: Float64Array, b: Float64Array, out: Float64Array): Float64Array {
  const na = a[0];
  const nb = b[0];
  let i = 0;
  let j = 0;
  let c = 0;
  while (i < na && j < nb) {
    const lo = Math.max(a[1 + 2 * i], b[1 + 2 * j]);
    const ah = a[2 + 2 * i];
    const bh = b[2 + 2 * j];
    const hi = Math.min(ah, bh);
    if (lo < hi) {
      out[1 + 2 * c] = lo;
      out[2 + 2 * c] = hi;
      c++;
    }
    if (ah < bh) i++;
    else j++;
  }
  out[0] = c;
  return out;
}

/** The points of `runs` within [lo, hi), written into out (room for count(runs) ranges). */
export function clipRuns(runs: Float64Array, lo: number, hi: number, out: Float64Array): Float64Array {
  let c = 0;
  for (let k = 0; k < runs[0]; k++) {
    const a = Math.max(lo, runs[1 + 2 * k]);
    const b = Math.min(hi, runs[2 + 2 * k]);
    if (a < b) {
      out[1 + 2 * c] = a;
      out[2 + 2 * c] = b;
      c++;
    }
  }
  out[0] = c;
  return out;
}

/** The points in any of `lists` (sorted and merged) written into out (room for all their ranges). */
export function unionRuns(lists: Float64Array[], out: Float64Array): Float64Array {
  let c = 0;
  for (const r of lists) {
    for (let k = 0; k < r[0]; k++) {
      out[1 + 2 * c] = r[1 + 2 * k];
      out[2 + 2 * c] = r[2 + 2 * k];
      c++;
    }
  }
  out[0] = c;
  mergeRuns(out);
  return out;
}

/** One range over all n points. */
export function fullRuns(n: number): Float64Array {
  return Float64Array.of(1, 0, n);
}

/** Room for the ranges of a run list of up to `count` ranges. */
export function runsOf(count: number): Float64Array {
  return new Float64Array(1 + 2 * count);
}

/**
 * Σ a·b over the points of `runs` (0 ≤ lo, hi ≤ n) with dot(a, b, n)'s four partial sums: point i < 4⌊n/4⌋ goes to
 * sum i mod 4, the last n mod 4 points to the first; the same bits as dot when a·b is ±0 outside the runs.
 */
export function dotRuns(a: Float64Array, b: Float64Array, n: number, runs: Float64Array): number {
  const n4 = n - (n & 3);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const count = runs[0];
  for (let k = 0; k < count; k++) {
    let i = runs[1 + 2 * k];
    const hi = runs[2 + 2 * k];
    const hiBlocks = hi < n4 ? hi : n4;
    // up to the next multiple of 4, then blocks of four, then the rest of the blocked part, then the tail
    for (; i < hiBlocks && (i & 3) !== 0; i++) {
      const v = a[i] * b[i];
      const m = i & 3;
      if (m === 1) s1 += v;
      else if (m === 2) s2 += v;
      else s3 += v;
    }
    for (; i + 3 < hiBlocks; i += 4) {
      s0 += a[i] * b[i];
      s1 += a[i + 1] * b[i + 1];
      s2 += a[i + 2] * b[i + 2];
      s3 += a[i + 3] * b[i + 3];
    }
    for (; i < hiBlocks; i++) {
      const v = a[i] * b[i];
      const m = i & 3;
      if (m === 0) s0 += v;
      else if (m === 1) s1 += v;
      else s2 += v;
    }
    for (; i < hi; i++) s0 += a[i] * b[i];
  }
  return s0 + s1 + s2 + s3;
}

const SEQ4 = new Float64Array(4);

/**
 * Σ a·b_k over the points of `runs` in one sum per column, point by point, for four columns at once (the order of one dense pass,
 * and as many independent sums for the processor to run side by side); `runs` must hold every point where any a·b_k
 * is nonzero (a product of 0 adds nothing). The result array is reused.
 */
export function dotSeq4Runs(a: Float64Array, b0: Float64Array, b1: Float64Array, b2: Float64Array, b3: Float64Array, runs: Float64Array): Float64Array {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const count = runs[0];
  for (let k = 0; k < count; k++) {
    const hi = runs[2 + 2 * k];
    for (let i = runs[1 + 2 * k]; i < hi; i++) {
      const v = a[i];
      s0 += v * b0[i];
      s1 += v * b1[i];
      s2 += v * b2[i];
      s3 += v * b3[i];
    }
  }
  SEQ4[0] = s0;
  SEQ4[1] = s1;
  SEQ4[2] = s2;
  SEQ4[3] = s3;
  return SEQ4;
}

/** dst = √w × src over the points of `runs` (dst elsewhere untouched). */
export function scaleRuns(dst: Float64Array, src: Float64Array, sw: Float64Array, runs: Float64Array): Float64Array {
  const count = runs[0];
  for (let k = 0; k < count; k++) {
    const hi = runs[2 + 2 * k];
    for (let i = runs[1 + 2 * k]; i < hi; i++) dst[i] = sw[i] * src[i];
  }
  return dst;
}
