/**
 * Peak-shape and intensity-correction functions of the Rietveld model (all angles in degrees 2θ unless named).
 */
import type { ProfileKind, ProfileParams } from './types';

const DEG = Math.PI / 180;
/** Gaussian height × FWHM: 2√(ln2/π). */
export const GAUSS_NORM = 2 * Math.sqrt(Math.LN2 / Math.PI);
/** Lorentzian height × FWHM: 2/π. */
export const LORENTZ_NORM = 2 / Math.PI;
const FOUR_LN2 = 4 * Math.LN2;

/** Area-normalised pseudo-Voigt at offset dx from the centre, FWHM h, Lorentzian fraction eta. */
export function pseudoVoigt(dx: number, h: number, eta: number): number {
  const u = (dx * dx) / (h * h);
  return (eta * LORENTZ_NORM) / (h * (1 + 4 * u)) + ((1 - eta) * GAUSS_NORM * Math.exp(-FOUR_LN2 * u)) / h;
}

/**
 * Thompson–Cox–Hastings combination of Gaussian and Lorentzian FWHMs into one pseudo-Voigt FWHM and η
 * (Thompson, Cox & Hastings, J. Appl. Cryst. 20 (1987) 79):
 *   Γ⁵ = Γ_G⁵ + 2.69269 Γ_G⁴Γ_L + 2.42843 Γ_G³Γ_L² + 4.47163 Γ_G²Γ_L³ + 0.07842 Γ_GΓ_L⁴ + Γ_L⁵,
 *   η = 1.36603 q − 0.47719 q² + 0.11116 q³, q = Γ_L/Γ.
 * Γ is the FWHM of the best pseudo-Voigt, within 0.5 % of the true Voigt FWHM (profile.test.ts).
 */
export function tchCombine(hG: number, hL: number): { fwhm: number; eta: number } {
  const g2 = hG * hG;
  const l2 = hL * hL;
  const h5 = g2 * g2 * hG + 2.69269 * g2 * g2 * hL + 2.42843 * g2 * hG * l2 + 4.47163 * g2 * l2 * hL + 0.07842 * hG * l2 * l2 + l2 * l2 * hL;
  const fwhm = Math.pow(h5, 0.2);
  const q = hL / fwhm;
  const eta = Math.min(1, Math.max(0, 1.36603 * q - 0.47719 * q * q + 0.11116 * q * q * q));
  return { fwhm, eta };
}

/** Scale of the smooth floor on the squared Gaussian FWHM (deg²): negative Caglioti values keep a gradient. */
const FWHM2_FLOOR = 1e-6;

/** Scherrer constant K of the size term (FWHM, spherical-ish crystallites; Scherrer 1918, Langford & Wilson 1978). */
export const SCHERRER_K = 0.9;
const RAD_TO_DEG = 180 / Math.PI;

/** Size broadening FWHM (deg 2θ) of crystallites of size 1/invSizePerNm nm: (180/π)·K·λ/(L cosθ). */
export function sizeFwhmDeg(invSizePerNm: number, wavelengthA: number, thetaRad: number): number {
  return (RAD_TO_DEG * SCHERRER_K * wavelengthA * invSizePerNm) / (10 * Math.cos(thetaRad));
}

/** Microstrain broadening FWHM (deg 2θ): (180/π)·4ε·tanθ. */
export function strainFwhmDeg(strain: number, thetaRad: number): number {
  return RAD_TO_DEG * 4 * strain * Math.tan(thetaRad);
}

/**
 * FWHM (deg) and η of a line at Bragg angle θ (radians) for a profile model (types.ts ProfileParams gives the
 * formulas); λ (Å) enters the size term.
 */
export function lineShape(kind: ProfileKind, p: ProfileParams, thetaRad: number, out: Float64Array, wavelengthA = 1): void {
  const c = Math.cos(thetaRad);
  const t = Math.tan(thetaRad);
  let g2 = p.U * t * t + p.V * t + p.W;
  const hS = p.size ? (RAD_TO_DEG * SCHERRER_K * wavelengthA * p.size) / (10 * c) : 0;
  const hE = p.strain ? RAD_TO_DEG * 4 * p.strain * t : 0;
  if (kind === 'pv') g2 += hS * hS + hE * hE;
  // smooth max(g2, floor): ½(g2 + √(g2² + 4·floor²)) — never flat, so U, V, W can climb back from below zero
  const hG = Math.sqrt(0.5 * (g2 + Math.sqrt(g2 * g2 + 4 * FWHM2_FLOOR * FWHM2_FLOOR)));
  if (kind === 'pv') {
    out[0] = hG;
    out[1] = Math.min(1, Math.max(0, p.eta));
    return;
  }
  const hL = Math.max(0, p.X / c + p.Y * t + hS + hE);
  const r = tchCombine(hG, hL);
  out[0] = r.fwhm;
  out[1] = r.eta;
}

/**
 * Lorentz–polarisation factor (K + (1−K)·cos²2θ·cos²2θm)/(sin²θ·cosθ) (normalised so that K = 0.5, no
 * monochromator gives pymatgen's (1 + cos²2θ)/(sin²θ·cosθ) divided by 2).
 */
export function lorentzPolarisationFactor(twoThetaDeg: number, polarisationK: number, monoCos2: number): number {
  const th = (twoThetaDeg * DEG) / 2;
  const s = Math.sin(th);
  const c2t = Math.cos(2 * th);
  return (polarisationK + (1 - polarisationK) * c2t * c2t * monoCos2) / (s * s * Math.cos(th));
}

/** Chebyshev polynomials T_0..T_{n−1} over x mapped to [−1, 1] between xMin and xMax, one column per term. */
export function chebyshevBasis(x: Float64Array, n: number, xMin: number, xMax: number): Float64Array[] {
  const cols: Float64Array[] = [];
  for (let j = 0; j < n; j++) cols.push(new Float64Array(x.length));
  const span = xMax - xMin || 1;
  for (let i = 0; i < x.length; i++) {
    const u = (2 * x[i] - xMin - xMax) / span;
    let t0 = 1;
    let t1 = u;
    if (n > 0) cols[0][i] = 1;
    if (n > 1) cols[1][i] = u;
    for (let j = 2; j < n; j++) {
      const t2 = 2 * u * t1 - t0;
      cols[j][i] = t2;
      t0 = t1;
      t1 = t2;
    }
  }
  return cols;
}
