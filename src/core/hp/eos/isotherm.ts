/**
 * Isothermal equations of state P(V) at the reference temperature and their volume derivatives dP/dV, in GPa and
 * Å³ (any consistent volume unit: only V/V₀ enters, except AP2's Fermi-gas term which needs Å³ per atom).
 *
 *  BM3/BM4 (Birch 1947; 4th order as in Angel, Rev. Mineral. Geochem. 41 (2000) 35):
 *    f = [(V₀/V)^(2/3) − 1]/2,  P = 3K₀ f (1+2f)^(5/2) [1 + a f + b f²],
 *    a = 3/2 (K′ − 4),  b = 3/2 [K₀K″ + (K′ − 4)(K′ − 3) + 35/9]  (b = 0 for BM3)
 *  Vinet (Vinet et al., J. Geophys. Res. 92 (1987) 9319):
 *    x = (V/V₀)^(1/3),  P = 3K₀ (1 − x)/x² · exp[3/2 (K′ − 1)(1 − x)]
 *  AP2 (Holzapfel, Rep. Prog. Phys. 59 (1996) 29; High Press. Res. 16 (1998) 81):
 *    P = 3K₀ (1 − x)/x⁵ · exp[c₀(1 − x)] · [1 + c₂ x (1 − x)],
 *    c₀ = −ln(3K₀/P_FG0),  P_FG0 = a_FG (Z/V_atom)^(5/3),  c₂ = 3/2 (K′ − 3) − c₀
 */
import { A_FG_GPA_A5 } from './constants';
import type { IsothermSpec } from './schema';

/** An isotherm ready to evaluate: pressure and dP/dV at a unit-cell volume (Å³). */
export interface Isotherm {
  pressureGPa(volumeA3: number): number;
  /** dP/dV in GPa/Å³ (negative where the solid is stable). */
  dPdV(volumeA3: number): number;
  /** Both at once (the solver's hot path): out[0] = P, out[1] = dP/dV. */
  evaluate(volumeA3: number, out: Float64Array): void;
}

/**
 * Builds an isotherm from its spec. v0A3 is the cell volume at 1 bar; atomsPerCell is needed only by AP2
 * (its Fermi-gas pressure uses the volume per atom).
 */
export function makeIsotherm(spec: IsothermSpec, v0A3: number, atomsPerCell: number): Isotherm {
  const k0 = spec.k0GPa;
  const kp = spec.k0Prime;
  switch (spec.form) {
    case 'bm3':
    case 'bm4': {
      const a = 1.5 * (kp - 4);
      const b = spec.form === 'bm4' ? 1.5 * (k0 * spec.k0DoublePrimePerGPa + (kp - 4) * (kp - 3) + 35 / 9) : 0;
      return {
        pressureGPa(v) {
          const u = Math.cbrt(v0A3 / v);
          const f = 0.5 * (u * u - 1);
          const s = 1 + 2 * f;
          return 3 * k0 * f * s * s * Math.sqrt(s) * (1 + a * f + b * f * f);
        },
        dPdV(v) {
          const u = Math.cbrt(v0A3 / v);
          const f = 0.5 * (u * u - 1);
          const s = 1 + 2 * f;
          const g = 1 + a * f + b * f * f;
          const dg = a + 2 * b * f;
          // dP/df = 3K₀ s^(3/2) [s g + 5 f g + f s g′];  df/dV = −s/(3V)
          const dPdf = 3 * k0 * s * Math.sqrt(s) * (s * g + 5 * f * g + f * s * dg);
          return (dPdf * -s) / (3 * v);
        },
        evaluate(v, out) {
          const u = Math.cbrt(v0A3 / v);
          const f = 0.5 * (u * u - 1);
          const s = 1 + 2 * f;
          const ss = s * Math.sqrt(s);
          const g = 1 + a * f + b * f * f;
          out[0] = 3 * k0 * f * s * ss * g;
          out[1] = (3 * k0 * ss * (s * g + 5 * f * g + f * s * (a + 2 * b * f)) * -s) / (3 * v);
        },
      };
    }
    case 'vinet': {
      const eta = 1.5 * (kp - 1);
      return {
        pressureGPa(v) {
          const x = Math.cbrt(v / v0A3);
          return ((3 * k0 * (1 - x)) / (x * x)) * Math.exp(eta * (1 - x));
        },
        dPdV(v) {
          const x = Math.cbrt(v / v0A3);
          // dP/dx = −3K₀ e^{η(1−x)} [(2 − x)/x³ + η(1 − x)/x²];  dx/dV = x/(3V)
          const dPdx = -3 * k0 * Math.exp(eta * (1 - x)) * ((2 - x) / (x * x * x) + (eta * (1 - x)) / (x * x));
          return (dPdx * x) / (3 * v);
        },
        evaluate(v, out) {
          const x = Math.cbrt(v / v0A3);
          const e = Math.exp(eta * (1 - x));
          const x2 = x * x;
          out[0] = ((3 * k0 * (1 - x)) / x2) * e;
          out[1] = (-3 * k0 * e * ((2 - x) / (x2 * x) + (eta * (1 - x)) / x2) * x) / (3 * v);
        },
      };
    }
    case 'ap2': {
      const vAtom = v0A3 / atomsPerCell;
      const pFg0 = A_FG_GPA_A5 * Math.pow(spec.electronsPerAtom / vAtom, 5 / 3);
      const c0 = -Math.log((3 * k0) / pFg0);
      const c2 = 1.5 * (kp - 3) - c0;
      return {
        pressureGPa(v) {
          const x = Math.cbrt(v / v0A3);
          const x5 = x * x * x * x * x;
          return ((3 * k0 * (1 - x)) / x5) * Math.exp(c0 * (1 - x)) * (1 + c2 * x * (1 - x));
        },
        dPdV(v) {
          const x = Math.cbrt(v / v0A3);
          const x5 = x * x * x * x * x;
          const e = Math.exp(c0 * (1 - x));
          const w = 1 + c2 * x * (1 - x);
          const h = (1 - x) / x5; // x⁻⁵(1 − x)
          const dh = (-5 * (1 - x)) / (x5 * x) - 1 / x5;
          const dPdx = 3 * k0 * e * (dh * w - c0 * h * w + h * c2 * (1 - 2 * x));
          return (dPdx * x) / (3 * v);
        },
        evaluate(v, out) {
          out[0] = this.pressureGPa(v);
          out[1] = this.dPdV(v);
        },
      };
    }
  }
}
