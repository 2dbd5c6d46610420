/**
 * The broadening terms, the line shape per profile model and the background basis of the Rietveld model
 * (profile.ts), against hand-computed values: Scherrer (1918) with K = 0.9, Stokes & Wilson's 4ε·tanθ, Caglioti's
 * U tan²θ + V tanθ + W, the Lorentz–polarisation factor with a monochromator, and Chebyshev polynomials
 * T_j(u) = cos(j·arccos u). The TCH combination itself is pinned in profile.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { chebyshevBasis, lineShape, lorentzPolarisationFactor, sizeFwhmDeg, strainFwhmDeg, tchCombine } from './profile';

const RAD = Math.PI / 180;

describe('size and strain broadening', () => {
  it('Scherrer: 20 nm crystallites, Cu Kα1, 2θ = 40° → β = 0.9·1.5406 Å/(200 Å·cos 20°) = 0.42271°', () => {
    expect(sizeFwhmDeg(1 / 20, 1.5406, 20 * RAD)).toBeCloseTo(0.4227068, 6);
    // inversely proportional to the size, proportional to λ
    expect(sizeFwhmDeg(1 / 40, 1.5406, 20 * RAD)).toBeCloseTo(0.4227068 / 2, 6);
    expect(sizeFwhmDeg(1 / 20, 0.20735, 20 * RAD)).toBeCloseTo((0.4227068 * 0.20735) / 1.5406, 6);
  });
  it('microstrain ε = 10⁻³ at 2θ = 40°: 4ε·tanθ = 0.0834158°', () => {
    expect(strainFwhmDeg(1e-3, 20 * RAD)).toBeCloseTo(0.08341583, 7);
    expect(strainFwhmDeg(0, 20 * RAD)).toBe(0);
  });
});

describe('line shape per profile model', () => {
  const th = 20 * RAD;
  const t = Math.tan(th);
  const c = Math.cos(th);
  const out = new Float64Array(2);

  it("pV: Caglioti FWHM² plus size² and strain² in quadrature; η as given, clamped to [0, 1]", () => {
    lineShape('pv', { U: 0.01, V: -0.004, W: 0.003, X: 0, Y: 0, eta: 0.3 }, th, out);
    const g2 = 0.01 * t * t - 0.004 * t + 0.003; // 0.0031...
    expect(out[0]).toBeCloseTo(Math.sqrt(g2), 7); // the floor adds ~f²/(2g²·FWHM) ≈ 3·10⁻⁹
    expect(out[1]).toBe(0.3);
    lineShape('pv', { U: 0.01, V: -0.004, W: 0.003, X: 0, Y: 0, eta: 0.3, size: 1 / 20, strain: 1e-3 }, th, out, 1.5406);
    expect(out[0]).toBeCloseTo(Math.sqrt(g2 + 0.4227068 ** 2 + 0.08341583 ** 2), 6);
    lineShape('pv', { U: 0, V: 0, W: 0.001, X: 0, Y: 0, eta: 1.4 }, th, out);
    expect(out[1]).toBe(1);
    lineShape('pv', { U: 0, V: 0, W: 0.001, X: 0, Y: 0, eta: -0.2 }, th, out);
    expect(out[1]).toBe(0);
  });

  it('a negative Caglioti FWHM² gives a tiny positive width, not NaN (smooth floor 10⁻⁶ deg²)', () => {
    lineShape('pv', { U: 0, V: 0, W: -0.01, X: 0, Y: 0, eta: 0.5 }, th, out);
    // ½(g² + √(g⁴ + 4f²)) ≈ f²/|g²| = 10⁻¹²/10⁻² → FWHM 10⁻⁵°
    expect(out[0]).toBeCloseTo(1e-5, 9);
    lineShape('pv', { U: 0, V: 0, W: 0, X: 0, Y: 0, eta: 0.5 }, th, out);
    expect(out[0]).toBeCloseTo(1e-3, 9); // g² = 0: √f
  });

  it('TCH: size and strain broaden the Lorentzian (X/cosθ + Y·tanθ + size + strain), not the Gaussian', () => {
    const p = { U: 0.002, V: -0.001, W: 0.002, X: 0.02, Y: 0.01, eta: 0, size: 1 / 50, strain: 5e-4 };
    lineShape('tch', p, th, out, 1.5406);
    const hG = Math.sqrt(0.002 * t * t - 0.001 * t + 0.002);
    const hL = 0.02 / c + 0.01 * t + 0.4227068 * (20 / 50) + 0.08341583 / 2;
    const want = tchCombine(hG, hL);
    expect(out[0]).toBeCloseTo(want.fwhm, 6);
    expect(out[1]).toBeCloseTo(want.eta, 6);
    // a negative Lorentzian sum is held at 0: the Gaussian alone, η = 0
    lineShape('tch', { U: 0, V: 0, W: 0.004, X: -0.05, Y: 0, eta: 0 }, th, out);
    expect(out[0]).toBeCloseTo(Math.sqrt(0.004), 7);
    expect(out[1]).toBe(0);
  });
});

describe('Lorentz–polarisation with a monochromator', () => {
  it('K = 0.5, graphite monochromator 2θm = 26.6°, 2θ = 40°: (K + (1−K)cos²2θ·cos²2θm)/(sin²θ cosθ) = 6.68273', () => {
    const monoCos2 = Math.cos(26.6 * RAD) ** 2; // 0.79951
    expect(lorentzPolarisationFactor(40, 0.5, monoCos2)).toBeCloseTo(6.6827266, 6);
    // K = 0.7 (a lab file's polarisation): 0.7 + 0.3·cos²40°·cos²2θm over the same Lorentz factor
    const lorentz = 1 / (Math.sin(20 * RAD) ** 2 * Math.cos(20 * RAD));
    expect(lorentzPolarisationFactor(40, 0.7, monoCos2)).toBeCloseTo((0.7 + 0.3 * Math.cos(40 * RAD) ** 2 * 0.7995118) * lorentz, 5);
  });
});

describe('Chebyshev background basis', () => {
  it('T_j(u) = cos(j·arccos u) with 2θ mapped onto [−1, 1] between the ends', () => {
    const x = Float64Array.from([2, 3.5, 9, 14.2, 16]);
    const cols = chebyshevBasis(x, 6, 2, 16);
    expect(cols).toHaveLength(6);
    x.forEach((xi, i) => {
      const u = (xi - 9) / 7;
      for (let j = 0; j < 6; j++) expect(cols[j][i], `T${j}(${u})`).toBeCloseTo(Math.cos(j * Math.acos(u)), 12);
    });
    // the ends: T_j(−1) = (−1)^j, T_j(1) = 1
    for (let j = 0; j < 6; j++) {
      expect(cols[j][0]).toBeCloseTo((-1) ** j, 12);
      expect(cols[j][4]).toBeCloseTo(1, 12);
    }
  });
  it('one term is a constant, none is empty; a zero span does not divide by zero', () => {
    const x = Float64Array.from([5, 6]);
    expect(Array.from(chebyshevBasis(x, 1, 5, 6)[0])).toEqual([1, 1]);
    expect(chebyshevBasis(x, 0, 5, 6)).toEqual([]);
    const flat = chebyshevBasis(Float64Array.from([5]), 3, 5, 5);
    expect([flat[0][0], flat[1][0], flat[2][0]]).toEqual([1, 0, -1]);
  });
});
