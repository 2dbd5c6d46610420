/**
 * The peak shape of the single-peak fits (pseudoVoigt.ts) at points worked out by hand, and erf against tabulated
 * values (Abramowitz & Stegun Table 7.1; the 7.1.26 approximation is good to 1.5·10⁻⁷).
 */
import { describe, expect, it } from 'vitest';
import { erf, pseudoVoigt, pseudoVoigtAreaWithin, pseudoVoigtHeight } from './pseudoVoigt';

describe('erf (Abramowitz & Stegun 7.1.26)', () => {
  it('matches the tables to 1.5·10⁻⁷, odd in x', () => {
    const table: [number, number][] = [[0, 0], [0.1, 0.1124629160], [0.5, 0.5204998778], [1, 0.8427007929], [2, 0.9953222650], [3, 0.9999779095]];
    for (const [x, v] of table) {
      expect(Math.abs(erf(x) - v), `erf(${x})`).toBeLessThan(1.5e-7);
      expect(Math.abs(erf(-x) + v), `erf(−${x})`).toBeLessThan(1.5e-7);
    }
  });
});

describe('pseudo-Voigt (Γ = 0.1°, area 3, η = 0.3)', () => {
  const G = 2 * Math.sqrt(Math.LN2 / Math.PI); // Gaussian height × FWHM
  const L = 2 / Math.PI; // Lorentzian height × FWHM
  it('height A·[η·2/(πΓ) + (1 − η)·2√(ln2/π)/Γ]; half of it at ±Γ/2; at ±Γ the parts fall to 1/5 and 1/16', () => {
    const h = 3 * (0.3 * L / 0.1 + (0.7 * G) / 0.1);
    expect(pseudoVoigt(6.5, 6.5, 0.1, 0.3, 3)).toBeCloseTo(h, 10);
    expect(pseudoVoigtHeight(0.1, 0.3, 3)).toBeCloseTo(h, 10);
    expect(pseudoVoigt(6.55, 6.5, 0.1, 0.3, 3)).toBeCloseTo(h / 2, 10);
    expect(pseudoVoigt(6.45, 6.5, 0.1, 0.3, 3)).toBeCloseTo(h / 2, 10);
    expect(pseudoVoigt(6.6, 6.5, 0.1, 0.3, 3)).toBeCloseTo(3 * ((0.3 * L) / 0.1 / 5 + (0.7 * G) / 0.1 / 16), 10);
    // η = 0.5, Γ = 0.1, A = 1: 3.18310 + 4.69719 = 7.88029
    expect(pseudoVoigtHeight(0.1, 0.5, 1)).toBeCloseTo(7.8802853, 6);
  });
  it('area within ±Γ/2: η·½ + (1 − η)·erf(√ln2) = 0.68268 for η = 0.3', () => {
    expect(pseudoVoigtAreaWithin(0.05, 0.1, 0.3)).toBeCloseTo(0.6826777, 6);
    // ±Γ: η·(2/π)·atan 2 + (1 − η)·erf(2√ln2)
    expect(pseudoVoigtAreaWithin(0.1, 0.1, 0.5)).toBeCloseTo(0.8431505, 6);
    expect(pseudoVoigtAreaWithin(0, 0.1, 0.5)).toBeCloseTo(0, 8); // erf 7.1.26 leaves 5·10⁻¹⁰ at 0
  });
});
