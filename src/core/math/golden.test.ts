import { describe, expect, it } from 'vitest';
import { goldenMinimum } from './golden';

describe('goldenMinimum', () => {
  it('finds the minimum of a parabola to the tolerance, and its value', () => {
    const r = goldenMinimum((x) => (x - 2) ** 2 + 1, 0, 5);
    expect(r.x).toBeCloseTo(2, 7); // a smooth minimum is located to ~√ε·|x| at best: f differs by ε there
    expect(r.fx).toBeCloseTo(1, 12);
  });

  it('with no tolerance, narrows the bracket by the golden ratio once a step (30 steps: 5 × 0.618³⁰ ≈ 2.7e-6)', () => {
    const r = goldenMinimum((x) => Math.abs(x - 1.234567), 0, 5, 0, 30);
    expect(Math.abs(r.x - 1.234567)).toBeLessThan(5 * 0.6181 ** 30);
    expect(Math.abs(r.x - 1.234567)).toBeGreaterThan(1e-12); // a fixed budget, not an exact answer
  });

  it('stays inside the bracket when the minimum is at an end', () => {
    const r = goldenMinimum((x) => x, 3, 4, 1e-12);
    expect(r.x).toBeGreaterThanOrEqual(3);
    expect(r.x).toBeLessThan(3 + 1e-9);
  });
});
