/**
 * Linear amplitude test of a line in a region of interest: the presence test's fast path before the nonlinear fit.
 *
 * With every line's centre, FWHM Γ and η held at their expected values, the ROI model
 *   y(x) = Σ_k b_k (x − xRef)^k + Σ_j A_j·pV(x; c_j, Γ_j, η_j)        (pV of unit area, pseudoVoigt.ts)
 * is linear in the amplitudes A_j and the background coefficients b_k. Weighted least squares (w = 1/σ²) gives them
 * from the normal equations (JᵀWJ) p = JᵀW y, and σ(A_j)² = [(JᵀWJ)⁻¹]_jj · χ²/(n − p): the covariance scaled by
 * the reduced χ², as levenbergMarquardt scales the nonlinear fit's, so a line that sits elsewhere or is broader than
 * assumed leaves structured residuals and lowers its own t = A/σ(A) (the test is then ambiguous and the full fit
 * decides). Small dense solve (p = lines + order + 1 ≤ a dozen), no Jacobian stored, no allocation per point.
 */
import { choleskyInPlace, choleskySolveInPlace, invertSpd } from '../../math/linalg';
import { PARAMS_PER_PEAK, pseudoVoigt, roiModel } from './pseudoVoigt';

/** A line whose amplitude is fitted: centre and FWHM in 2θ°, Lorentzian fraction η. */
export interface FixedLine {
  centreDeg: number;
  fwhmDeg: number;
  eta: number;
}

export interface LinearAmplitudes {
  /** Integrated area of each line (counts·°), in the order given. */
  area: Float64Array;
  /** Its standard uncertainty (covariance × reduced χ²). */
  sigma: Float64Array;
  /** Background coefficients b_k of (x − xRef)^k. */
  background: Float64Array;
  chi2: number;
  reducedChi2: number;
}

/**
 * Weighted linear least squares of the lines' areas and a polynomial background (order 0–3) over the points x
 * (2θ°) with intensities y and variances σ²; null when there are no degrees of freedom or the normal matrix is
 * singular (two lines on top of each other).
 */
export function linearAmplitudes(
  xDeg: Float64Array, y: Float64Array, variance: Float64Array, xRefDeg: number, order: number, lines: FixedLine[],
): LinearAmplitudes | null {
  const n = xDeg.length;
  const nl = lines.length;
  const nb = order + 1;
  const m = nl + nb;
  if (n <= m) return null;
  const a = new Float64Array(m * m);
  const g = new Float64Array(m);
  const row = new Float64Array(m);
  const basis = (i: number): void => {
    const x = xDeg[i];
    for (let j = 0; j < nl; j++) row[j] = pseudoVoigt(x, lines[j].centreDeg, lines[j].fwhmDeg, lines[j].eta, 1);
    let pw = 1;
    const t = x - xRefDeg;
    for (let k = 0; k < nb; k++) {
      row[nl + k] = pw;
      pw *= t;
    }
  };
  for (let i = 0; i < n; i++) {
    const w = 1 / variance[i];
    basis(i);
    for (let r = 0; r < m; r++) {
      const wr = w * row[r];
      g[r] += wr * y[i];
      for (let c = 0; c <= r; c++) a[r * m + c] += wr * row[c];
    }
  }
  for (let r = 0; r < m; r++) for (let c = 0; c < r; c++) a[c * m + r] = a[r * m + c];
  const l = Float64Array.from(a);
  if (!choleskyInPlace(l, m)) return null;
  choleskySolveInPlace(l, m, g);
  let chi2 = 0;
  for (let i = 0; i < n; i++) {
    basis(i);
    let f = 0;
    for (let r = 0; r < m; r++) f += g[r] * row[r];
    const res = y[i] - f;
    chi2 += (res * res) / variance[i];
  }
  const reducedChi2 = chi2 / (n - m);
  // [(JᵀWJ)⁻¹]_jj of the lines only: column j of the inverse from the same factor
  const sigma = new Float64Array(nl);
  const e = new Float64Array(m);
  for (let j = 0; j < nl; j++) {
    e.fill(0);
    e[j] = 1;
    choleskySolveInPlace(l, m, e);
    sigma[j] = Math.sqrt(e[j] * reducedChi2);
  }
  return { area: g.slice(0, nl), sigma, background: g.slice(nl), chi2, reducedChi2 };
}

/**
 * σ(A) of line `index` as the nonlinear ROI fit would give it at the linear solution: the covariance of every
 * parameter of the ROI model (each line's centre, FWHM, η and area, the background) from JᵀWJ at the given
 * values, × reducedChi2. Freeing a line's width and shape correlates them with its area, so this σ(A) is larger
 * than the fixed-shape one, as the full fit's is; null when JᵀWJ is singular (a line of zero area has no width).
 */
export function fullModelAreaSigma(
  xDeg: Float64Array, variance: Float64Array, xRefDeg: number, order: number, lines: FixedLine[], amplitudes: LinearAmplitudes, index: number,
): number | null {
  const n = xDeg.length;
  const nl = lines.length;
  const nb = order + 1;
  const m = PARAMS_PER_PEAK * nl + nb;
  const p = new Float64Array(m);
  lines.forEach((l, j) => {
    p.set([l.centreDeg, l.fwhmDeg, l.eta, amplitudes.area[j]], PARAMS_PER_PEAK * j);
  });
  p.set(amplitudes.background, PARAMS_PER_PEAK * nl);
  const f = new Float64Array(n);
  const jac = new Float64Array(n * m);
  roiModel(xDeg, nl, order, xRefDeg)(p, f, jac);
  const a = new Float64Array(m * m);
  for (let i = 0; i < n; i++) {
    const w = 1 / variance[i];
    const row = i * m;
    for (let r = 0; r < m; r++) {
      const wr = w * jac[row + r];
      if (wr === 0) continue;
      for (let c = 0; c <= r; c++) a[r * m + c] += wr * jac[row + c];
    }
  }
  for (let r = 0; r < m; r++) for (let c = 0; c < r; c++) a[c * m + r] = a[r * m + c];
  const inv = invertSpd(a, m);
  if (!inv) return null;
  const k = PARAMS_PER_PEAK * index + 3;
  const v = inv[k * m + k] * amplitudes.reducedChi2;
  return v > 0 && Number.isFinite(v) ? Math.sqrt(v) : null;
}
