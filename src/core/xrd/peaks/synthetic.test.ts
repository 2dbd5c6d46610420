/**
 * The seeded Poisson generator behind the simulated patterns (synthetic.ts): its draws have the mean and variance
 * of the Poisson law (both λ), for small means and for means above 200 that are drawn in parts, and a mean that is
 * not positive gives 0 counts.
 */
import { describe, expect, it } from 'vitest';
import { pseudoVoigt } from './pseudoVoigt';
import { poissonCounts, poissonGenerator, syntheticPattern, twoThetaAxis, uniformGenerator } from './synthetic';

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

describe('the seeded draws, value by value', () => {
  it('uniformGenerator is mulberry32: its first draws for seeds 1, 42 and 0xdeadbeef (an independent uint32 implementation)', () => {
    // computed with the reference C algorithm (z += 0x6D2B79F5; z = (z ^ z >> 15)·(z | 1); z ^= z + (z ^ z >> 7)·(z | 61);
    // z ^ z >> 14, all mod 2³², over 2³²) written out in Python integers; mulberry32(1)'s first is the widely quoted 0.62707…
    const draws = (seed: number) => {
      const u = uniformGenerator(seed);
      return [u(), u(), u(), u()];
    };
    expect(draws(1)).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522, 0.9810509674716741]);
    expect(draws(42)).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099, 0.6697340414393693]);
    expect(draws(0xdeadbeef)).toEqual([0.9413696140982211, 0.26719574979506433, 0.772033357527107, 0.35816076025366783]);
  });

  it('poissonGenerator inverts the CDF on those draws: seed 1, means 3, 0.5, 10, 500 (three parts of 166.7), 3', () => {
    // u = 0.62707 against Poisson(3)'s CDF 0.0498, 0.1991, 0.4232, 0.6472 → 3; u = 0.00274 < e^−0.5 → 0; the 500 is
    // three draws of mean 500/3 (each uses one u), then mean 3 takes the seventh u
    const draw = poissonGenerator(1);
    expect([3, 0.5, 10, 500, 3].map((m) => draw(m))).toEqual([3, 0, 10, 544, 3]);
  });
});

describe('the axis and the expected counts', () => {
  it('twoThetaAxis: both ends included, a ratio short of a whole number by rounding still counted (0.3/0.1 = 2.9999…)', () => {
    expect(Array.from(twoThetaAxis(0, 0.3, 0.1))).toEqual([0, 0.1, 0.2, 0.30000000000000004]);
    expect(twoThetaAxis(0, 0.95, 0.1)).toHaveLength(10);
    expect(Array.from(twoThetaAxis(2, 2, 0.1))).toEqual([2]);
    expect(twoThetaAxis(5, 8, 0.005)).toHaveLength(601);
  });

  it('syntheticPattern: Σ b_k (x − xRef)^k plus each line\'s pseudo-Voigt', () => {
    // 5 + 2(x − 1) + (x − 1)² at x = 1, 2, 4: 5, 8, 20; and a line of area 3 at 2 (Γ 0.5, η 0.3) added
    expect(Array.from(syntheticPattern(Float64Array.of(1, 2, 4), [], [5, 2, 1], 1))).toEqual([5, 8, 20]);
    const line = { centreDeg: 2, fwhmDeg: 0.5, eta: 0.3, area: 3 };
    const y = syntheticPattern(Float64Array.of(1, 2, 4), [line, line], [5, 2, 1], 1);
    [5, 8, 20].forEach((b, i) => expect(y[i]).toBeCloseTo(b + 2 * pseudoVoigt([1, 2, 4][i], 2, 0.5, 0.3, 3), 12));
    expect(Array.from(syntheticPattern(Float64Array.of(3), [], [7]))).toEqual([7]);
  });
});
