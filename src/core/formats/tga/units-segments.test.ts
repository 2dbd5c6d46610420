import { describe, expect, it } from 'vitest';
import { interpolateLinear, segmentsFromProgramme } from './units';

describe('segmentsFromProgramme', () => {
  it('finds ramp, hold and cooling corners of a rounded programme', () => {
    const t: number[] = [];
    const T: number[] = [];
    for (let s = 0; s <= 3000; s++) {
      const c = s <= 1200 ? 25 + (30 * s) / 60 : s <= 2100 ? 625 : 625 - (10 * (s - 2100)) / 60;
      t.push(s);
      T.push(Math.round(c * 100) / 100);
    }
    const segs = segmentsFromProgramme(Float64Array.from(t), Float64Array.from(T));
    expect(segs.map((x) => [x.index, x.kind, x.startS, x.endS, x.rateCPerMin, x.targetC])).toEqual([
      [1, 'ramp', 0, 1200, 30, 625],
      [2, 'isothermal', 1200, 2100, 0, 625],
      [3, 'cool', 2100, 3000, -10, 475],
    ]);
    expect(segs[0].label).toBe('25 → 625 °C at 30 °C/min');
    expect(segs[1].label).toBe('hold at 625 °C');
  });

  it('returns nothing for fewer than two points and ignores NaN', () => {
    expect(segmentsFromProgramme(Float64Array.of(0), Float64Array.of(25))).toEqual([]);
    const segs = segmentsFromProgramme(Float64Array.of(0, 60, 120, 180), Float64Array.of(25, NaN, 25, 25));
    expect(segs.map((s) => [s.kind, s.startS, s.endS])).toEqual([['isothermal', 0, 180]]);
  });

  it('drops a point whose time or programme value is not finite, also at the ends', () => {
    // A gap at either end must move the first or last corner to the first or last finite pair.
    const t = Float64Array.of(0, 60, 120, 180);
    const first = segmentsFromProgramme(t, Float64Array.of(NaN, 25, 25, 25));
    expect(first.map((s) => [s.kind, s.startS, s.endS, s.targetC])).toEqual([['isothermal', 60, 180, 25]]);
    const last = segmentsFromProgramme(Float64Array.of(0, 60, 120, NaN), Float64Array.of(25, 25, 25, 25));
    expect(last.map((s) => [s.kind, s.startS, s.endS, s.targetC])).toEqual([['isothermal', 0, 120, 25]]);
    expect(segmentsFromProgramme(Float64Array.of(0, Infinity, 120), Float64Array.of(25, 30, Infinity))).toEqual([]);
  });
});

describe('interpolateLinear', () => {
  it('interpolates inside the range and gives NaN outside', () => {
    const out = interpolateLinear(Float64Array.of(0, 10, 20), Float64Array.of(0, 100, 0), Float64Array.of(-1, 0, 5, 10, 15, 20, 21));
    expect(Array.from(out)).toEqual([NaN, 0, 50, 100, 50, 0, NaN]);
  });
});
