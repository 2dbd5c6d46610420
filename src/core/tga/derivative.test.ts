import { describe, expect, it } from 'vitest';
import { savitzkyGolayDerivative, windowPoints } from './derivative';

const f64 = (xs: number[]): Float64Array => Float64Array.from(xs);
const grid = (n: number, dtS = 1, t0 = 0): Float64Array => Float64Array.from({ length: n }, (_, i) => t0 + i * dtS);

describe('windowPoints: an odd number of points ≥ 5 and above the polynomial order', () => {
  it('rounds the window to points and makes it odd', () => {
    expect(windowPoints(31, 0.5, 2)).toBe(63); // 62 → 63
    expect(windowPoints(31, 1, 2)).toBe(31);
    expect(windowPoints(15, 2, 2)).toBe(9); // 7.5 rounds to 8 → 9
    expect(windowPoints(14.9, 2, 2)).toBe(7); // 7.45 rounds to 7
  });
  it('at least 5 points, and at least order + 3 (even order) or order + 2 (odd order)', () => {
    expect(windowPoints(1, 1, 2)).toBe(5);
    expect(windowPoints(1, 1, 1)).toBe(5);
    expect(windowPoints(1, 1, 4)).toBe(7);
    expect(windowPoints(1, 1, 5)).toBe(7);
    expect(windowPoints(1, 1, 6)).toBe(9);
    expect(windowPoints(1, 1, 7)).toBe(9);
  });
});

describe('savitzkyGolayDerivative on short and degenerate series', () => {
  it('fewer than two points, or no time step, give zeros and no window', () => {
    expect(savitzkyGolayDerivative(f64([0]), f64([3]))).toEqual({ values: f64([0]), windowPoints: 0, stepS: 0, resampled: false });
    const flat = savitzkyGolayDerivative(f64([5, 5, 5]), f64([1, 2, 3]));
    expect(Array.from(flat.values)).toEqual([0, 0, 0]);
    expect(flat.windowPoints).toBe(0);
  });
  it('two points are enough for a slope: 10 mg then 9 mg 10 s later is −0.1 mg/s at both', () => {
    const d = savitzkyGolayDerivative(f64([0, 10]), f64([10, 9]));
    expect(Array.from(d.values)).toEqual([-0.1, -0.1]);
    expect(d.stepS).toBe(10);
  });

  it('four points: too few for a filter, central differences (one-sided at the ends) of y = t²', () => {
    const d = savitzkyGolayDerivative(grid(4), f64([0, 1, 4, 9]));
    // (1 − 0)/1, (4 − 0)/2, (9 − 1)/2, (9 − 4)/1
    expect(Array.from(d.values)).toEqual([1, 2, 4, 5]);
    expect(d.windowPoints).toBe(3); // the 31-point window cut to the data (4 → 3, odd)
    expect(d.resampled).toBe(false);
  });

  it('a window longer than the data is cut to the data (odd): seven points of y = t² − 3t give dy/dt = 2t − 3 exactly', () => {
    const t = grid(7, 2, 10);
    const d = savitzkyGolayDerivative(t, t.map((x) => x * x - 3 * x));
    expect(d.windowPoints).toBe(7);
    for (let i = 0; i < 7; i++) expect(d.values[i]).toBeCloseTo(2 * t[i] - 3, 9);
    // eight points: the window is cut to 7 and the last point comes from the last full window's polynomial
    const t8 = grid(8, 2, 10);
    const d8 = savitzkyGolayDerivative(t8, t8.map((x) => x * x - 3 * x));
    expect(d8.windowPoints).toBe(7);
    for (let i = 0; i < 8; i++) expect(d8.values[i]).toBeCloseTo(2 * t8[i] - 3, 9);
  });

  it('rounding jitter below 10 % of the step is not resampled; a step 15 % off the median is', () => {
    const jitter = grid(60).map((x, i) => x + (i % 2) * 0.04); // steps 1.04 and 0.96
    const a = savitzkyGolayDerivative(jitter, jitter.map((x) => 2 * x + 1), { windowS: 9 });
    expect(a.resampled).toBe(false);
    const late = grid(60).map((x, i) => (i >= 30 ? x + 0.15 : x)); // one step of 1.15
    const b = savitzkyGolayDerivative(late, late.map((x) => 2 * x + 1), { windowS: 9 });
    expect(b.resampled).toBe(true);
    for (const v of b.values) expect(v).toBeCloseTo(2, 9); // a line stays a line on the grid
    const early = grid(60).map((x, i) => (i >= 30 ? x - 0.15 : x)); // one step of 0.85
    expect(savitzkyGolayDerivative(early, early.map((x) => 2 * x + 1), { windowS: 9 }).resampled).toBe(true);
  });

  it('a time axis that is not finite at the end gives NaN, not a grid', () => {
    const t = grid(20).map((x, i) => (i === 19 ? Infinity : x));
    const d = savitzkyGolayDerivative(t, grid(20));
    expect(d.resampled).toBe(true);
    expect(d.windowPoints).toBe(0);
    expect(Array.from(d.values).every((v) => Number.isNaN(v))).toBe(true);
  });

  it('an order-1 filter is the same centred slope as order 2 (their first-derivative weights are equal)', () => {
    const t = grid(40, 0.5);
    const y = t.map((x) => Math.sin(x / 3));
    const d1 = savitzkyGolayDerivative(t, y, { windowS: 3.5, polynomial: 1 });
    const d2 = savitzkyGolayDerivative(t, y, { windowS: 3.5, polynomial: 2 });
    expect(d1.windowPoints).toBe(7);
    // interior: Σ j·y_{i+j} / (h Σ j²) with h = 0.5 s, j = −3..3 (Σ j² = 28), written out at i = 20
    const i = 20;
    let num = 0;
    for (let j = -3; j <= 3; j++) num += j * y[i + j];
    expect(d1.values[i]).toBeCloseTo(num / (0.5 * 28), 12);
    for (let k = 3; k < 37; k++) expect(d1.values[k]).toBeCloseTo(d2.values[k], 12);
    // the ends differ: a straight line fitted to the first window has one slope for all its points
    expect(d1.values[0]).toBeCloseTo(d1.values[2], 12);
  });
});
