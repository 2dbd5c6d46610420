import { describe, expect, it } from 'vitest';
import { dot } from './linear';
import { clipRuns, dotRuns, dotSeq4Runs, fullRuns, intersectRuns, mergeRuns, runsOf, scaleRuns, unionRuns } from './runs';

/** A reproducible pseudo-random stream (Park–Miller). */
function stream(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/** A column of length n, nonzero only over a few random ranges (with values of mixed sign and size), and its runs. */
function sparseColumn(n: number, rnd: () => number): { col: Float64Array; runs: Float64Array } {
  const col = new Float64Array(n);
  const runs = runsOf(8);
  const count = 1 + Math.floor(rnd() * 4);
  for (let k = 0; k < count; k++) {
    const lo = Math.floor(rnd() * n);
    const hi = Math.min(n, lo + 1 + Math.floor(rnd() * 40));
    for (let i = lo; i < hi; i++) col[i] = (rnd() - 0.3) * 10 ** Math.floor(rnd() * 12 - 6);
    runs[1 + 2 * runs[0]] = lo;
    runs[2 + 2 * runs[0]] = hi;
    runs[0]++;
  }
  mergeRuns(runs);
  return { col, runs };
}

const ranges = (r: Float64Array): number[][] => Array.from({ length: r[0] }, (_, k) => [r[1 + 2 * k], r[2 + 2 * k]]);

describe('run lists', () => {
  it('sorts and merges overlapping and touching ranges', () => {
    const r = Float64Array.of(4, 30, 40, 5, 10, 10, 12, 35, 50);
    mergeRuns(r);
    expect(ranges(r)).toEqual([[5, 12], [30, 50]]);
  });

  it('intersects, clips and unites', () => {
    const a = Float64Array.of(2, 0, 10, 20, 30);
    const b = Float64Array.of(2, 5, 25, 28, 40);
    expect(ranges(intersectRuns(a, b, runsOf(4)))).toEqual([[5, 10], [20, 25], [28, 30]]);
    expect(ranges(clipRuns(a, 8, 22, runsOf(2)))).toEqual([[8, 10], [20, 22]]);
    expect(ranges(unionRuns([a, b], runsOf(4)))).toEqual([[0, 40]]);
    expect(ranges(intersectRuns(a, Float64Array.of(0), runsOf(2)))).toEqual([]);
  });

  it('dot products over the runs give the bits of the products over every point', () => {
    const rnd = stream(7);
    let compared = 0;
    for (let t = 0; t < 500; t++) {
      // every remainder of n mod 4, and runs that start and end anywhere in a block of four
      const n = 10 + Math.floor(rnd() * 300);
      const a = sparseColumn(n, rnd);
      const bs = [0, 1, 2, 3].map(() => sparseColumn(n, rnd));
      const both = intersectRuns(a.runs, bs[0].runs, runsOf(16));
      expect(Object.is(dotRuns(a.col, bs[0].col, n, both), dot(a.col, bs[0].col, n))).toBe(true);
      expect(Object.is(dotRuns(a.col, bs[0].col, n, a.runs), dot(a.col, bs[0].col, n))).toBe(true);
      const all = unionRuns([a.runs, ...bs.map((b) => b.runs)], runsOf(40));
      const seq = Array.from(dotSeq4Runs(a.col, bs[0].col, bs[1].col, bs[2].col, bs[3].col, all));
      const dense = Array.from(dotSeq4Runs(a.col, bs[0].col, bs[1].col, bs[2].col, bs[3].col, fullRuns(n)));
      seq.forEach((v, k) => expect(Object.is(v, dense[k])).toBe(true));
      compared += 7;
    }
    expect(compared).toBe(3500);
  });

  it('a dot product over runs that miss nonzero points differs (the test can fail)', () => {
    const n = 64;
    const a = new Float64Array(n).fill(1);
    const b = new Float64Array(n).fill(2);
    expect(dotRuns(a, b, n, Float64Array.of(1, 0, 32))).toBe(64);
    expect(dot(a, b, n)).toBe(128);
    expect(dotRuns(a, b, n, fullRuns(n))).toBe(128);
  });

  it('scales only the points of the runs', () => {
    const dst = new Float64Array(6).fill(-1);
    scaleRuns(dst, Float64Array.of(1, 2, 3, 4, 5, 6), Float64Array.of(2, 2, 2, 2, 2, 2), Float64Array.of(1, 2, 4));
    expect(Array.from(dst)).toEqual([-1, -1, 6, 8, -1, -1]);
  });
});
