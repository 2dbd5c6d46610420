import { describe, expect, it } from 'vitest';
import type { Pattern } from '../../shared/xrd';
import {
  axisToTwoThetaDeg,
  convertAxis,
  dAToQPerA,
  dAToTwoThetaDeg,
  qPerAToDA,
  qPerAToTwoThetaDeg,
  toDA,
  toQPerA,
  toQPerNm,
  toTwoThetaDeg,
  twoThetaDegToDA,
  twoThetaDegToQPerA,
  withAxis,
} from './axes';

const pattern = (x: number[], xUnit: Pattern['xUnit'], wavelengthA: number | null): Pattern => ({
  fileName: 'p.xy',
  formatId: 'test',
  x: Float64Array.from(x),
  xUnit,
  intensity: new Float64Array(x.length),
  sigma: null,
  wavelengthA,
  metadata: {},
  warnings: [],
});

describe('2θ, q and d conversions', () => {
  it('places LaB6 (100), d = a = 4.1569 Å, at 2θ = 2.8583° for λ = 0.20735 Å', () => {
    // 2θ = 2·asin(λ / 2d) = 2·asin(0.024941) = 2.85826°
    expect(dAToTwoThetaDeg(4.1569, 0.20735)).toBeCloseTo(2.85826, 5);
    expect(twoThetaDegToDA(2.858263, 0.20735)).toBeCloseTo(4.1569, 5);
    expect(dAToQPerA(4.1569)).toBeCloseTo(1.511507, 6);
    expect(twoThetaDegToQPerA(dAToTwoThetaDeg(4.1569, 0.20735), 0.20735)).toBeCloseTo(2 * Math.PI / 4.1569, 12);
  });
  it('places Si (111), d = 3.1356 Å, at 28.442° for Cu Kα1', () => {
    expect(dAToTwoThetaDeg(3.1356, 1.5406)).toBeCloseTo(28.442, 3);
  });
  it('round-trips and handles the limits', () => {
    for (const t of [0.5, 10, 45, 90, 150]) {
      expect(qPerAToTwoThetaDeg(twoThetaDegToQPerA(t, 0.7), 0.7)).toBeCloseTo(t, 10);
      expect(dAToTwoThetaDeg(twoThetaDegToDA(t, 0.7), 0.7)).toBeCloseTo(t, 10);
    }
    expect(qPerAToTwoThetaDeg((4 * Math.PI) / 0.7 + 1e-9 + 0.1, 0.7)).toBeNaN();
    expect(dAToTwoThetaDeg(0.3, 0.7)).toBeNaN();
    expect(twoThetaDegToDA(0, 0.7)).toBeNaN();
    expect(qPerAToDA(0)).toBeNaN();
    expect(twoThetaDegToQPerA(180, 1)).toBeCloseTo(4 * Math.PI, 12);
  });
});

describe('pattern axis conversion', () => {
  it('converts 2θ patterns to q (Å⁻¹, nm⁻¹) and d with the pattern wavelength, without mutating it', () => {
    const p = pattern([2, 2.858263, 16], '2th_deg', 0.20735);
    const before = Array.from(p.x);
    const q = toQPerA(p);
    expect(q[1]).toBeCloseTo(1.511507, 5);
    expect(toQPerNm(p)[1]).toBeCloseTo(15.11507, 4);
    expect(toDA(p)[1]).toBeCloseTo(4.1569, 5);
    expect(Array.from(toTwoThetaDeg(p))).toEqual(before);
    expect(Array.from(p.x)).toEqual(before);
  });
  it('converts q (nm⁻¹) files to 2θ with a wavelength given by the user, and q/d without one', () => {
    const p = pattern([15.11507], 'q_nm^-1', null);
    expect(() => toTwoThetaDeg(p)).toThrow(/needs the wavelength/);
    expect(toTwoThetaDeg(p, 0.20735)[0]).toBeCloseTo(2.85826, 4);
    expect(toQPerA(p)[0]).toBeCloseTo(1.511507, 6);
    expect(toDA(p)[0]).toBeCloseTo(4.1569, 4);
    const d = pattern([4.1569], 'd_A', null);
    expect(toQPerA(d)[0]).toBeCloseTo(1.511507, 6);
    expect(axisToTwoThetaDeg(d.x, 'd_A', 0.20735)[0]).toBeCloseTo(2.85826, 5);
    const w = withAxis(pattern([2.85826], '2th_deg', 0.20735), 'd_A');
    expect(w.xUnit).toBe('d_A');
    expect(w.x[0]).toBeCloseTo(4.1569, 4);
    expect(convertAxis(Float64Array.of(1.5), 'q_A^-1', 'q_nm^-1', null)[0]).toBe(15);
  });
});
