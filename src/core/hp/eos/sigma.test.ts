// σ(P) from σ(a), σ(c), cov(a, c) and σ(T) (pressure.ts, cell.ts): first-order propagation checked against central
// finite differences of P(a, c, T) itself (no analytic derivative of the code under test is reused).
import { describe, expect, it } from 'vitest';
import { PressureInputError, pressureGPa, pressureWithSigma, scaleById } from './index';

/** ∂P/∂x by a central difference of step h. */
const fd = (f: (x: number) => number, x: number, h: number): number => (f(x + h) - f(x - h)) / (2 * h);

describe('σ(P) by propagation, checked by finite differences', () => {
  it('cubic Au (Tsuchiya 2003, thermal model) at 5.4 GPa and 1200 K: σ(a) and σ(T) parts and their sum', () => {
    const au = scaleById('tsuchiya2003', 'Au');
    const a = 4.02;
    const t = 1200;
    const sa = 4e-4;
    const st = 25;
    const dPda = fd((x) => pressureGPa(au, { cell: { aA: x } }, t), a, 1e-5);
    const dPdT = fd((x) => pressureGPa(au, { cell: { aA: a } }, x), t, 0.5);
    const r = pressureWithSigma(au, { cell: { aA: a, sigmaAA: sa } }, { temperatureK: t, sigmaTemperatureK: st });
    expect(r.sigmaFromAGPa!).toBeCloseTo(Math.abs(dPda) * sa, 6);
    expect(r.sigmaFromCGPa).toBeNull();
    expect(r.sigmaFromTemperatureGPa).toBeCloseTo(Math.abs(dPdT) * st, 6);
    expect(r.sigmaGPa).toBeCloseTo(Math.hypot(dPda * sa, dPdT * st), 6);
    // by hand: σP(a) = K_T·σV/V = K_T·3σa/a (K_T the isothermal bulk modulus at the point)
    expect(r.sigmaFromAGPa!).toBeCloseTo((r.bulkModulusGPa * 3 * sa) / a, 9);
  });

  it('hexagonal Re (Zha 2004, thermal model) with σ(a), σ(c), cov(a, c) and σ(T)', () => {
    const re = scaleById('zha2004', 'Re');
    const a = 2.7;
    const c = 4.37;
    const t = 800;
    const [sa, sc, rho, st] = [3e-4, 6e-4, -0.4, 10];
    const cov = rho * sa * sc;
    const P = (x: number, y: number, tk: number) => pressureGPa(re, { cell: { aA: x, cA: y } }, tk);
    const dPda = fd((x) => P(x, c, t), a, 1e-5);
    const dPdc = fd((y) => P(a, y, t), c, 1e-5);
    const dPdT = fd((x) => P(a, c, x), t, 0.5);
    const expected = Math.sqrt((dPda * sa) ** 2 + (dPdc * sc) ** 2 + 2 * dPda * dPdc * cov + (dPdT * st) ** 2);
    const r = pressureWithSigma(re, { cell: { aA: a, cA: c, sigmaAA: sa, sigmaCA: sc, covarianceACA2: cov } }, { temperatureK: t, sigmaTemperatureK: st });
    expect(r.sigmaGPa).toBeCloseTo(expected, 6);
    expect(r.sigmaFromAGPa!).toBeCloseTo(Math.abs(dPda) * sa, 6);
    expect(r.sigmaFromCGPa!).toBeCloseTo(Math.abs(dPdc) * sc, 6);
    expect(r.sigmaFromTemperatureGPa).toBeCloseTo(Math.abs(dPdT) * st, 6);
    // a negative correlation of a and c lowers σ(V) and so σ(P) below the uncorrelated sum
    const uncorrelated = pressureWithSigma(re, { cell: { aA: a, cA: c, sigmaAA: sa, sigmaCA: sc } }, { temperatureK: t, sigmaTemperatureK: st });
    expect(r.sigmaGPa).toBeLessThan(uncorrelated.sigmaGPa);
    expect(uncorrelated.sigmaGPa).toBeCloseTo(Math.sqrt((dPda * sa) ** 2 + (dPdc * sc) ** 2 + (dPdT * st) ** 2), 6);
  });

  it('the terapascal gasket (Re, Anzellini 2014, a = 2.5606, c = 4.0588 Å → 149 GPa): σ(c) counts about half as much as σ(a)', () => {
    const re = scaleById('anzellini2014', 'Re');
    const onlyA = pressureWithSigma(re, { cell: { aA: 2.5606, cA: 4.0588, sigmaAA: 1e-3 } });
    const onlyC = pressureWithSigma(re, { cell: { aA: 2.5606, cA: 4.0588, sigmaCA: 1e-3 } });
    // ∂lnV/∂a = 2/a, ∂lnV/∂c = 1/c: the ratio of the parts is (2/a)/(1/c) for equal σ
    expect(onlyA.sigmaGPa / onlyC.sigmaGPa).toBeCloseTo((2 / 2.5606) / (1 / 4.0588), 6);
    expect(onlyA.sigmaFromCGPa).toBe(0);
  });

  it('refuses a covariance larger than σ(a)·σ(c)', () => {
    const re = scaleById('anzellini2014', 'Re');
    expect(() => pressureWithSigma(re, { cell: { aA: 2.56, cA: 4.06, sigmaAA: 1e-3, sigmaCA: 1e-3, covarianceACA2: 2e-6 } })).toThrow(PressureInputError);
  });
});
