import { describe, expect, it } from 'vitest';
import { firstBackwardsIndex, firstCrossing, interpolateLinear, lowerBound, meanRange, medianStep, movingAverage } from './series';

const f64 = (xs: number[]): Float64Array => Float64Array.from(xs);

describe('series helpers, by hand', () => {
  it('lowerBound: first index with a value ≥ x', () => {
    const a = f64([1, 2, 2, 2, 5]);
    expect([0, 1, 2, 3, 5, 6].map((x) => lowerBound(a, x))).toEqual([0, 0, 1, 4, 4, 5]);
    expect(lowerBound(f64([]), 1)).toBe(0);
  });

  it('interpolateLinear: ends held (and counted only when strictly outside), unordered query points', () => {
    const x = f64([0, 10, 20, 30]);
    const y = f64([0, 1, 3, 6]);
    const r = interpolateLinear(x, y, f64([25, 5, 0, 30, 15, -1, 31, 12.5, 29]));
    expect(Array.from(r.values)).toEqual([4.5, 0.5, 0, 6, 2, 0, 6, 1.5, 5.7]);
    expect(r.heldPoints).toBe(2);
    // exactly on an inner knot
    expect(Array.from(interpolateLinear(x, y, f64([10, 20])).values)).toEqual([1, 3]);
  });

  it('meanRange: mean over [from, to) skipping NaN, clipped to the array; NaN when empty', () => {
    const y = f64([1, NaN, 3, 5, 7]);
    expect(meanRange(y, 0, 3)).toBe(2);
    expect(meanRange(y, -4, 2)).toBe(1);
    expect(meanRange(y, 3, 99)).toBe(6);
    expect(meanRange(y, 1, 2)).toBeNaN();
    expect(meanRange(y, 3, 3)).toBeNaN();
  });

  it('medianStep: median of the positive steps (odd and even counts), 0 with fewer than two points', () => {
    expect(medianStep(f64([0, 1, 3, 6]))).toBe(2); // steps 1, 2, 3
    expect(medianStep(f64([0, 1, 3, 6, 10]))).toBe(2.5); // steps 1, 2, 3, 4
    expect(medianStep(f64([0, 0, 0, 2, 2, 5]))).toBe(2.5); // zero steps are not counted: 2, 3
    expect(medianStep(f64([5]))).toBe(0);
    expect(medianStep(f64([3, 3, 3]))).toBe(0);
  });

  it('medianStep on a long log: every step up to 10,000 of them, beyond that every ⌊steps/10,000⌋-th step', () => {
    // step k (x[k+1] − x[k]) is 1 for even k < 12,000 and 3 otherwise
    const log = (points: number): Float64Array => {
      const x = new Float64Array(points);
      for (let k = 0; k + 1 < points; k++) x[k + 1] = x[k] + (k % 2 === 0 && k < 12000 ? 1 : 3);
      return x;
    };
    // 20,000 points, 19,999 steps, stride 1: 6,000 ones and 13,999 threes, median 3
    expect(medianStep(log(20000))).toBe(3);
    // 20,001 points, 20,000 steps, stride 2: only even k, 6,000 ones and 4,000 threes, median (1 + 1)/2
    expect(medianStep(log(20001))).toBe(1);
  });

  it('firstCrossing: interpolated between samples, the start when already above, null when never; within [from, to)', () => {
    const t = f64([0, 10, 20, 30]);
    const y = f64([0, 0.4, 0.8, 1]);
    expect(firstCrossing(t, y, 0.6)).toBeCloseTo(15, 12);
    expect(firstCrossing(t, y, 0.4)).toBe(10);
    expect(firstCrossing(t, y, 0)).toBe(0);
    expect(firstCrossing(t, y, 0.2, 1)).toBe(10); // starts above at `from`
    expect(firstCrossing(t, y, 0.9, 0, 3)).toBeNull(); // the point that reaches it is outside [from, to)
    expect(firstCrossing(t, y, 1.5)).toBeNull();
  });

  it('firstBackwardsIndex: the first time earlier than its predecessor', () => {
    expect(firstBackwardsIndex(f64([0, 1, 1, 2, 1.5, 3]))).toBe(4);
    expect(firstBackwardsIndex(f64([0, 1, 1, 2]))).toBe(-1);
  });

  it('movingAverage: mean of the finite values within ± window/2 (ends included), uneven steps; no window returns a copy', () => {
    const t = f64([0, 1, 2, 4, 5]);
    const y = f64([1, 2, NaN, 4, 10]);
    // window 2 s: t ∈ [−1,1] → (1+2)/2; [0,2] → (1+2)/2 (NaN skipped); [1,3] → 2; [3,5] → (4+10)/2; [4,6] → (4+10)/2
    expect(Array.from(movingAverage(t, y, 2))).toEqual([1.5, 1.5, 2, 7, 7]);
    expect(Array.from(movingAverage(t, f64([NaN, NaN, NaN, NaN, NaN]), 2)).every(Number.isNaN)).toBe(true);
    const same = movingAverage(t, y, 0);
    expect(Array.from(same)).toEqual(Array.from(y));
    expect(same).not.toBe(y);
    // a window of 0 s is no window: points at the same time are not averaged together
    expect(Array.from(movingAverage(f64([0, 0, 1]), f64([1, 3, NaN]), 0))).toEqual([1, 3, NaN]);
  });
});
