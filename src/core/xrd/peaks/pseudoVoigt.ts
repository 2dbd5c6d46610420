/**
 * Area-normalised pseudo-Voigt profile and the region-of-interest model (peaks + polynomial background) with
 * analytic derivatives, in the form levenbergMarquardt wants.
 *
 *   pV(x) = A·[η·L(x) + (1 − η)·G(x)], both of full width at half maximum Γ and unit area:
 *   G(x) = (2/Γ)·√(ln2/π)·exp(−4 ln2 (x − c)²/Γ²),   L(x) = (2/(πΓ)) / (1 + 4 (x − c)²/Γ²)
 * (the same definition as lmfit's PseudoVoigtModel with fwhm = 2σ, amplitude = A, fraction = η;
 * Thompson, Cox & Hastings, J. Appl. Cryst. 20 (1987) 79 for the pV approximation to the Voigt).
 *
 * Parameter layout of a ROI with P peaks and background order K (K + 1 coefficients):
 *   [c₀, Γ₀, η₀, A₀, c₁, Γ₁, η₁, A₁, …, b₀, b₁, …, b_K],  background = Σ b_k (x − xRef)^k.
 */
import type { LmModel } from '../fit/levenbergMarquardt';

const LN2 = Math.LN2;
const G0 = 2 * Math.sqrt(LN2 / Math.PI);
const L0 = 2 / Math.PI;

/** Parameters per peak in the ROI layout. */
export const PARAMS_PER_PEAK = 4;

/** Area-normalised pseudo-Voigt at x (2θ°) for centre c, FWHM Γ, Lorentzian fraction η and integrated area A. */
export function pseudoVoigt(xDeg: number, centreDeg: number, fwhmDeg: number, eta: number, area: number): number {
  const u = (xDeg - centreDeg) / fwhmDeg;
  const q = u * u;
  const g = (G0 / fwhmDeg) * Math.exp(-4 * LN2 * q);
  const l = L0 / fwhmDeg / (1 + 4 * q);
  return area * (eta * l + (1 - eta) * g);
}

/** Peak height (value at the centre) of an area-normalised pseudo-Voigt: A·[η·2/(πΓ) + (1 − η)·2√(ln2/π)/Γ]. */
export function pseudoVoigtHeight(fwhmDeg: number, eta: number, area: number): number {
  return (area * (eta * L0 + (1 - eta) * G0)) / fwhmDeg;
}

/** Fraction of a unit-area pseudo-Voigt's area within ±halfWidthDeg of its centre. */
export function pseudoVoigtAreaWithin(halfWidthDeg: number, fwhmDeg: number, eta: number): number {
  const z = (2 * halfWidthDeg) / fwhmDeg; // half-width in units of the HWHM
  const lor = (2 / Math.PI) * Math.atan(z);
  const gau = erf(z * Math.sqrt(LN2));
  return eta * lor + (1 - eta) * gau;
}

/** erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7). */
export function erf(x: number): number {
  const s = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return s * y;
}

/**
 * The ROI model over x (2θ°): nPeaks pseudo-Voigts plus a polynomial background of the given order in
 * (x − xRefDeg). Fills the Jacobian analytically (row-major n × (4·nPeaks + order + 1)).
 */
export function roiModel(xDeg: Float64Array, nPeaks: number, backgroundOrder: number, xRefDeg: number): LmModel {
  const n = xDeg.length;
  const nb = backgroundOrder + 1;
  const m = PARAMS_PER_PEAK * nPeaks + nb;
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = xDeg[i] - xRefDeg;
  return (p, out, jac) => {
    const bOff = PARAMS_PER_PEAK * nPeaks;
    for (let i = 0; i < n; i++) {
      const ti = t[i];
      // Background by Horner, derivatives are powers of t.
      let bg = 0;
      for (let k = nb - 1; k >= 0; k--) bg = bg * ti + p[bOff + k];
      let v = bg;
      const row = i * m;
      if (jac) {
        let pw = 1;
        for (let k = 0; k < nb; k++) {
          jac[row + bOff + k] = pw;
          pw *= ti;
        }
      }
      const x = xDeg[i];
      for (let pk = 0; pk < nPeaks; pk++) {
        const o = pk * PARAMS_PER_PEAK;
        const c = p[o];
        const w = p[o + 1];
        const eta = p[o + 2];
        const a = p[o + 3];
        const invW = 1 / w;
        const u = (x - c) * invW;
        const q = u * u;
        const g = G0 * invW * Math.exp(-4 * LN2 * q);
        const den = 1 / (1 + 4 * q);
        const l = L0 * invW * den;
        const shape = eta * l + (1 - eta) * g;
        v += a * shape;
        if (jac) {
          // ∂G/∂c = G·8ln2·u/Γ, ∂G/∂Γ = G(8ln2·u² − 1)/Γ; ∂L/∂c = L·8u/(Γ(1+4u²)), ∂L/∂Γ = L(4u² − 1)/(Γ(1+4u²)).
          const dGdc = g * 8 * LN2 * u * invW;
          const dGdw = g * (8 * LN2 * q - 1) * invW;
          const dLdc = l * 8 * u * invW * den;
          const dLdw = l * (4 * q - 1) * invW * den;
          jac[row + o] = a * (eta * dLdc + (1 - eta) * dGdc);
          jac[row + o + 1] = a * (eta * dLdw + (1 - eta) * dGdw);
          jac[row + o + 2] = a * (l - g);
          jac[row + o + 3] = shape;
        }
      }
      out[i] = v;
    }
  };
}
