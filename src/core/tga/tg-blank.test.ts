import { describe, expect, it } from 'vitest';
import { subtractBlank } from './blank';
import { initialValue, thermogravimetry } from './tg';

const f64 = (xs: number[]): Float64Array => Float64Array.from(xs);
const grid = (n: number, dtS = 1, t0 = 0): Float64Array => Float64Array.from({ length: n }, (_, i) => t0 + i * dtS);

describe('TG in % of the initial mass and DTG in %/min', () => {
  it('the initial mass is the mean of the first five finite readings (empty cells skipped, the sixth not counted)', () => {
    expect(initialValue(f64([NaN, 10.2, 9.8, NaN, 10.1, 9.9, 10.0, 1]))).toBeCloseTo(10, 12);
    expect(initialValue(f64([1, 2, 3]), 2)).toBe(1.5);
    expect(initialValue(f64([4, Infinity, 6]))).toBe(5);
    expect(initialValue(f64([NaN, NaN]))).toBeNaN();
    expect(initialValue(f64([]))).toBeNaN();
  });

  it('a linear loss of 0.01 mg/s from 10 mg: TG = 100·m/m₀, DTG = −0.01·100/m₀·60 %/min, m₀ the mean of the first five points', () => {
    const t = grid(120);
    const mass = t.map((s) => 10 - 0.01 * s);
    const r = thermogravimetry(t, mass, { sgWindowS: 15 });
    const m0 = 10 - 0.01 * 2; // mean of 10, 9.99, …, 9.96
    expect(r.initialMass).toBeCloseTo(m0, 12);
    for (const i of [0, 50, 119]) expect(r.tgPercent[i]).toBeCloseTo((100 * mass[i]) / m0, 10);
    for (const i of [0, 60, 119]) expect(r.dtgPercentPerMin[i]).toBeCloseTo((-0.01 * 100 * 60) / m0, 9);
  });

  it('the Savitzky–Golay order is passed on: a cubic mass curve is followed exactly with order 3, not with order 2', () => {
    const t = grid(80);
    const mass = t.map((s) => 10 - 1e-5 * s ** 3);
    const exact = (s: number): number => (-3e-5 * s * s * 100 * 60) / initialValue(mass);
    const r3 = thermogravimetry(t, mass, { sgWindowS: 11, sgPolynomial: 3 });
    expect(r3.dtgPercentPerMin[40]).toBeCloseTo(exact(40), 9);
    const r2 = thermogravimetry(t, mass, { sgWindowS: 11 });
    expect(r2.dtgPercentPerMin[0]).not.toBeCloseTo(exact(0), 3);
  });

  it('refuses a run whose initial mass is not positive, saying so', () => {
    expect(() => thermogravimetry(grid(3), f64([0, 0, 0]), { sgWindowS: 15 })).toThrow('TG: the initial mass (0) is not positive');
    expect(() => thermogravimetry(grid(2), f64([NaN, NaN]), { sgWindowS: 15 })).toThrow('TG: the initial mass (NaN) is not positive');
  });
});

describe('blank (buoyancy) subtraction on programme time', () => {
  // Blank: 5 mg + 0.1 mg/s, logged from t = 100 s to 108 s; its change from its first five points' mean (5.2 mg).
  const blankT = grid(9, 1, 100);
  const blankM = blankT.map((s) => 5 + 0.1 * (s - 100));

  it('aligned on the first points: a blank shorter than the sample holds its last value, and says for how many points', () => {
    const sampleT = grid(11);
    const r = subtractBlank(sampleT, sampleT.map(() => 20), blankT, blankM);
    const expectedBlank = Array.from(sampleT, (s) => Math.min(s, 8) * 0.1 - 0.2);
    expectedBlank.forEach((v, i) => expect(r.blankMg[i]).toBeCloseTo(v, 12));
    expectedBlank.forEach((v, i) => expect(r.correctedMg[i]).toBeCloseTo(20 - v, 12));
    expect(r.rawMg[3]).toBe(20);
    expect(r.warnings).toEqual([
      'The blank does not cover 2 sample point(s) (it is shorter, or starts later on the aligned time axis): its end values were held there.',
    ]);
  });

  it('aligned on anchors (the two gas switches): sample time 2 s meets blank time 100 s; earlier points hold the first value', () => {
    const sampleT = grid(9);
    const r = subtractBlank(sampleT, sampleT.map(() => 20), blankT, blankM, { sampleS: 2, blankS: 100 });
    Array.from(sampleT, (s) => Math.max(s - 2, 0) * 0.1 - 0.2).forEach((v, i) => expect(r.blankMg[i]).toBeCloseTo(v, 12));
    expect(r.warnings[0]).toMatch(/^The blank does not cover 2 sample point\(s\)/);
  });

  it('a blank that covers the sample gives no warning; a blank of one point is refused', () => {
    expect(subtractBlank(grid(5), grid(5).map(() => 20), blankT, blankM).warnings).toEqual([]);
    expect(() => subtractBlank(grid(5), grid(5), f64([0]), f64([1]))).toThrow('blank correction: the blank run has fewer than two points');
  });
});
