/**
 * The seeded Poisson generator behind the simulated patterns (synthetic.ts): its draws have the mean and variance
 * of the Poisson law (both λ), for small means and for means above 200 that are drawn in parts, and a mean that is
 * not positive gives 0 counts.
 */
import { describe, expect, it } from 'vitest';
import { poissonCounts, poissonGenerator } from './synthetic';

function moments(draw: (m: number) => number, mean: number, n: number): { mean: number; variance: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const v = draw(mean);
    s += v;
    s2 += v * v;
  }
  const m = s / n;
  return { mean: m, variance: s2 / n - m * m };
}

describe('poissonGenerator', () => {
  it.each([[3], [50], [1000]])('λ = %d: mean and variance λ within 5 standard errors (4000 draws)', (lambda) => {
    const n = 4000;
    const { mean, variance } = moments(poissonGenerator(7), lambda, n);
    // s.e. of the mean √(λ/n); of the variance ≈ λ·√(2/n) (plus the 4th-cumulant term λ/n, small here)
    expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / n));
    expect(Math.abs(variance - lambda)).toBeLessThan(5 * Math.sqrt((2 * lambda * lambda + lambda) / n));
  });

  it('gives whole counts, the same sequence for the same seed, 0 for a mean ≤ 0 or NaN', () => {
    const a = poissonCounts(Float64Array.from([5, 5, 5, 500]), poissonGenerator(11));
    const b = poissonCounts(Float64Array.from([5, 5, 5, 500]), poissonGenerator(11));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(a.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
    const draw = poissonGenerator(3);
    expect([draw(0), draw(-2), draw(NaN)]).toEqual([0, 0, 0]);
  });
});
