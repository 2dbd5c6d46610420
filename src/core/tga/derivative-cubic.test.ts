/**
 * Savitzky–Golay dy/dt of y = t³ (t = 0…20 s, 1 s steps), every point against the least-squares arithmetic done by
 * hand. A quadratic fit over u = −h…h of (c + u)³ = u³ + 3c·u² + 3c²·u + c³ takes u³ into its u term with weight
 * Σu⁴/Σu² (u³ is odd; the even terms are fitted exactly), so its slope at u is 6c·u + 3c² + Σu⁴/Σu².
 * With 5 points (h = 2) Σu⁴/Σu² = 34/10 = 3.4; with 7 points (h = 3) 196/28 = 7.
 */
import { describe, expect, it } from 'vitest';
import { savitzkyGolayDerivative } from './derivative';

const t = Float64Array.from({ length: 21 }, (_, i) => i);
const cube = t.map((x) => x ** 3);

function expectClose(actual: Float64Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expect(v, `point ${i}`).toBeCloseTo(expected[i], 8));
}

describe('Savitzky–Golay first derivative of t³', () => {
  it('order 2, 5 points: 3t² + 3.4 inside; the ends from the first and last window’s quadratic', () => {
    const d = savitzkyGolayDerivative(t, cube, { windowS: 5, polynomial: 2 });
    expect([d.windowPoints, d.stepS, d.resampled]).toEqual([5, 1, false]);
    // first window c = 2: slope 12u + 15.4 at u = −2, −1 (t = 0, 1); last window c = 18: 108u + 975.4 at u = 1, 2
    const expected = Array.from(t, (x) => 3 * x * x + 3.4);
    expected[0] = -8.6;
    expected[1] = 3.4;
    expected[19] = 1083.4;
    expected[20] = 1191.4;
    expectClose(d.values, expected);
  });

  it('order 2, 7 points: 3t² + 7 inside; ends from c = 3 and c = 17', () => {
    const d = savitzkyGolayDerivative(t, cube, { windowS: 7, polynomial: 2 });
    expect(d.windowPoints).toBe(7);
    // c = 3: 18u + 27 + 7 at u = −3, −2, −1; c = 17: 102u + 867 + 7 at u = 1, 2, 3
    const expected = Array.from(t, (x) => 3 * x * x + 7);
    [-20, -2, 16].forEach((v, i) => (expected[i] = v));
    [976, 1078, 1180].forEach((v, i) => (expected[18 + i] = v));
    expectClose(d.values, expected);
  });

  it('order 3 (the library inside, a cubic at the ends): exactly 3t² everywhere', () => {
    const d = savitzkyGolayDerivative(t, cube, { windowS: 5, polynomial: 3 });
    expect(d.windowPoints).toBe(5);
    expectClose(d.values, Array.from(t, (x) => 3 * x * x));
  });

  it('on a 0.5 s step the same curve in time: dy/dt per second', () => {
    // y = (2τ)³ sampled at τ = 0, 0.5, …, 10 s is t³ with t = 2τ; the 2.5 s window is 5 points
    const tau = t.map((x) => x / 2);
    const d = savitzkyGolayDerivative(tau, cube, { windowS: 2.5, polynomial: 2 });
    expect(d.stepS).toBe(0.5);
    // dy/dτ = 2 · dy/dt
    expect(d.values[10]).toBeCloseTo(2 * (300 + 3.4), 8);
    expect(d.values[0]).toBeCloseTo(2 * -8.6, 8);
  });
});
