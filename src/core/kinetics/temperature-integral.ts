/**
 * The temperature integral of non-isothermal kinetics, exact (to double precision), and the classic approximations
 * behind OFW, KAS and Starink, kept for the docs and the tests that pin their biases.
 *
 *   I(E, T) = ∫₀ᵀ exp(−E/RT′) dT′ = (E/R) · p(x),   x = E/(RT),   p(x) = E₂(x)/x
 *
 * (E₂ the exponential integral of order 2; e.g. Flynn, Thermochim. Acta 300 (1997) 83). E_n(x) is evaluated by its
 * continued fraction for x > 1 and its power series for x ≤ 1 (Abramowitz & Stegun 5.1.11 and 5.1.22; Numerical
 * Recipes §6.3), scaled by eˣ so that ln p(x) has no underflow even for E/RT in the hundreds. Relative error
 * < 1e-13 for x in 0.1…1000 (checked against SciPy in the tests).
 */
import { R_J_PER_MOL_K } from './constants';

const EULER_GAMMA = 0.5772156649015329;

/** eˣ·E_n(x) for x > 0 and integer n ≥ 1. */
export function scaledExpIntegral(n: number, x: number): number {
  if (!(x > 0) || !Number.isInteger(n) || n < 1) return NaN;
  if (x > 1) {
    // Continued fraction (modified Lentz): E_n(x) = e^{−x} · (1/(x+n− 1·n/(x+n+2− 2(n+1)/(x+n+4− …))))
    const tiny = 1e-300;
    let b = x + n;
    let c = 1 / tiny;
    let d = 1 / b;
    let h = d;
    for (let i = 1; i <= 1000; i++) {
      const a = -i * (n - 1 + i);
      b += 2;
      d = 1 / (a * d + b);
      c = b + a / c;
      const del = c * d;
      h *= del;
      if (Math.abs(del - 1) < 1e-16) break;
    }
    return h;
  }
  // Power series: E_n(x) = (−x)^{n−1}/(n−1)! [−ln x + ψ(n)] − Σ_{m≠n−1} (−x)^m / ((m − n + 1) m!)
  const nm1 = n - 1;
  let ans = nm1 !== 0 ? 1 / nm1 : -Math.log(x) - EULER_GAMMA;
  let fact = 1;
  for (let i = 1; i <= 1000; i++) {
    fact *= -x / i;
    let del: number;
    if (i !== nm1) del = -fact / (i - nm1);
    else {
      let psi = -EULER_GAMMA;
      for (let ii = 1; ii <= nm1; ii++) psi += 1 / ii;
      del = fact * (-Math.log(x) + psi);
    }
    ans += del;
    if (Math.abs(del) < Math.abs(ans) * 1e-17) break;
  }
  return ans * Math.exp(x);
}

/** E_n(x) itself (underflows to 0 for x ≳ 740). */
export function expIntegral(n: number, x: number): number {
  return scaledExpIntegral(n, x) * Math.exp(-x);
}

/** ln p(x), p(x) = E₂(x)/x (the exact temperature-integral function). */
export function lnP(x: number): number {
  return -x + Math.log(scaledExpIntegral(2, x)) - Math.log(x);
}

/** ln I(E, T) = ln ∫₀ᵀ exp(−E/RT′) dT′ (T in K, E in J/mol), exact. */
export function lnTemperatureIntegral(eJPerMol: number, temperatureK: number): number {
  const x = eJPerMol / (R_J_PER_MOL_K * temperatureK);
  return Math.log(eJPerMol / R_J_PER_MOL_K) + lnP(x);
}

/** The approximations behind the linear integral methods (docs/kinetics.md lists their biases). */
export const P_APPROXIMATIONS = {
  /** Doyle (1962), OFW: ln p(x) ≈ −5.331 − 1.052 x, meant for 20 ≤ x ≤ 60. */
  doyle: (x: number): number => -5.331 - 1.052 * x,
  /** Murray & White (1955) / Coats–Redfern, KAS: p(x) ≈ e^{−x}/x². */
  murrayWhite: (x: number): number => -x - 2 * Math.log(x),
  /** Starink (2003): ln p(x) ≈ −1.0008 x − 0.312 − 1.92 ln x. */
  starink: (x: number): number => -1.0008 * x - 0.312 - 1.92 * Math.log(x),
} as const;
