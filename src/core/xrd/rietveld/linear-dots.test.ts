/**
 * The unrolled sums of the linear solve (linear.ts: dot, dotW; runs.ts: dotSeq4Runs over one run of every point) against plain sums of small integers, for every
 * length from 0 to 11 (each remainder of the four-way unrolling) and for n shorter than the arrays.
 */
import { describe, expect, it } from 'vitest';
import { dot, dotW } from './linear';
import { dotSeq4Runs, fullRuns } from './runs';

const seq = (len: number, f: (i: number) => number) => Float64Array.from({ length: len }, (_, i) => f(i));

describe('unrolled sums', () => {
  const a = seq(12, (i) => i + 1); // 1 … 12
  const b = seq(12, (i) => (i % 3) - 1); // −1, 0, 1, −1, …
  const w = seq(12, (i) => 2 ** (i % 4)); // 1, 2, 4, 8, …
  const c = seq(12, (i) => 10 - i);
  const d = seq(12, (i) => (i % 2 ? -3 : 5));

  it('dot and dotW: Σ a·b and Σ w·a·b over the first n points, for n = 0 … 12', () => {
    for (let n = 0; n <= 12; n++) {
      let s = 0;
      let sw = 0;
      for (let i = 0; i < n; i++) {
        s += a[i] * b[i];
        sw += w[i] * a[i] * b[i];
      }
      expect(dot(a, b, n), `dot n=${n}`).toBe(s);
      expect(dotW(w, a, b, n), `dotW n=${n}`).toBe(sw);
    }
    // hand sums: n = 5 → 1·(−1) + 2·0 + 3·1 + 4·(−1) + 5·0 = −2; weighted −1 + 0 + 12 − 32 + 0 = −21
    expect(dot(a, b, 5)).toBe(-2);
    expect(dotW(w, a, b, 5)).toBe(-21);
  });

  it('dotSeq4Runs over every point: four columns at once, each Σ a·b_k', () => {
    for (let n = 0; n <= 12; n++) {
      const want = [b, c, d, w].map((col) => {
        let s = 0;
        for (let i = 0; i < n; i++) s += a[i] * col[i];
        return s;
      });
      expect(Array.from(dotSeq4Runs(a, b, c, d, w, fullRuns(n))), `n=${n}`).toEqual(want);
    }
    // n = 3: Σ a·c = 1·10 + 2·9 + 3·8 = 52; Σ a·d = 5 − 6 + 15 = 14
    const r = dotSeq4Runs(a, b, c, d, w, fullRuns(3));
    expect([r[1], r[2]]).toEqual([52, 14]);
  });
});
