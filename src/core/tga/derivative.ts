/**
 * dα/dt by Savitzky–Golay differentiation (Savitzky & Golay, Anal. Chem. 36 (1964) 1627).
 * - The filter assumes even spacing: when a time step differs by more than 10 % from the median step (gaps,
 *   irregular logging; rounding jitter of the printed times stays below that), α is resampled linearly onto an even
 *   grid at the median step, differentiated there and interpolated back onto the original times.
 * - Interior points: for polynomial order ≤ 2 the centred first-derivative weights are j / (h² Σj²) for every
 *   order 1 and 2 alike, so the convolution is evaluated in O(n) with running sums (a 31 s window on a 1 ms log is
 *   ~31,000 points); for higher orders ml-savitzky-golay does the convolution.
 * - The half-window at each end, where no centred window fits, uses the derivative of the least-squares
 *   polynomial fitted to the first (last) full window at each point's own position (SciPy savgol_filter's
 *   default mode='interp').
 */
import savitzkyGolay from 'ml-savitzky-golay';
import { solveLinearSystem } from '../math/linalg';
import { interpolateLinear, medianStep } from './series';

export interface DerivativeOptions {
  /** Window length in seconds, converted to an odd number of points ≥ 5 (default 31 s here; analyzeTga's is 15 s). */
  windowS?: number;
  /** Polynomial order (default 2). */
  polynomial?: number;
}

export interface Derivative {
  values: Float64Array;
  windowPoints: number;
  stepS: number;
  resampled: boolean;
}

/** Odd window length in points for a window in seconds at the given step, at least 5 and above the order. */
export function windowPoints(windowS: number, stepS: number, polynomial: number): number {
  let w = Math.round(windowS / stepS);
  if (w % 2 === 0) w += 1;
  return Math.max(w, 5, polynomial % 2 === 0 ? polynomial + 3 : polynomial + 2);
}

export function savitzkyGolayDerivative(timeS: Float64Array, y: Float64Array, options: DerivativeOptions = {}): Derivative {
  const windowS = options.windowS ?? 31;
  const polynomial = options.polynomial ?? 2;
  const n = y.length;
  const stepS = medianStep(timeS);
  if (n < 2 || stepS <= 0) return { values: new Float64Array(n), windowPoints: 0, stepS, resampled: false };
  let uneven = false;
  for (let i = 1; i < n; i++) {
    const d = timeS[i] - timeS[i - 1];
    if (d > 1.1 * stepS || d < 0.9 * stepS) {
      uneven = true;
      break;
    }
  }
  let gridT = timeS;
  let gridY = y;
  let gridStepS = stepS;
  if (uneven) {
    // A huge gap (or a damaged time value) must not ask for a grid of billions of points: beyond 4n + 1000 points
    // the grid step is widened to fit (the derivative is then coarse there, and Derivative.stepS says so).
    const spanS = timeS[n - 1] - timeS[0];
    if (!(spanS > 0) || !Number.isFinite(spanS)) return { values: new Float64Array(n).fill(NaN), windowPoints: 0, stepS, resampled: true };
    const maxPoints = 4 * n + 1000;
    if (spanS / stepS + 1 > maxPoints) gridStepS = spanS / (maxPoints - 1);
    const m = Math.floor(spanS / gridStepS) + 1;
    gridT = new Float64Array(m);
    for (let i = 0; i < m; i++) gridT[i] = timeS[0] + i * gridStepS;
    gridY = interpolateLinear(timeS, y, gridT).values;
  }
  const m = gridY.length;
  let w = windowPoints(windowS, gridStepS, polynomial);
  if (w > m) w = m % 2 === 1 ? m : m - 1;
  let onGrid: Float64Array;
  if (w >= 5 && w > polynomial + 1) {
    onGrid = polynomial <= 2 ? centredSlopeLinear(gridY, w, gridStepS) : centredLibrary(gridY, w, gridStepS, polynomial);
    fillEdges(onGrid, gridY, w, gridStepS, polynomial);
  } else {
    // Too few points for a filter: central differences.
    onGrid = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const a = Math.max(0, i - 1);
      const b = Math.min(m - 1, i + 1);
      onGrid[i] = b > a ? (gridY[b] - gridY[a]) / (gridT[b] - gridT[a]) : 0;
    }
  }
  const values = uneven ? interpolateLinear(gridT, onGrid, timeS).values : onGrid;
  return { values, windowPoints: w, stepS: gridStepS, resampled: uneven };
}

/**
 * Centred SG first derivative for polynomial order 1 or 2: D_i = Σ_j j·y_{i+j} / (step · Σ_j j²), j = −h..h.
 * Running sums: W_{i+1} = W_i + h·y_{i−h} + (h+1)·y_{i+h+1} − S_{i+1}, with S the window sum; both are recomputed
 * exactly every 4096 points so rounding does not accumulate.
 */
function centredSlopeLinear(y: Float64Array, w: number, stepS: number): Float64Array {
  const m = y.length;
  const h = (w - 1) / 2;
  const out = new Float64Array(m);
  const norm = 1 / (stepS * ((h * (h + 1) * (2 * h + 1)) / 3));
  let W = 0;
  let S = 0;
  for (let i = h; i < m - h; i++) {
    if ((i - h) % 4096 === 0) {
      W = 0;
      S = 0;
      for (let j = -h; j <= h; j++) {
        W += j * y[i + j];
        S += y[i + j];
      }
    } else {
      S += y[i + h] - y[i - h - 1];
      W += h * y[i - h - 1] + (h + 1) * y[i + h] - S;
    }
    out[i] = W * norm;
  }
  return out;
}

function centredLibrary(y: Float64Array, w: number, stepS: number, polynomial: number): Float64Array {
  const out = new Float64Array(y.length);
  // The library indexes its input like an array; a Float64Array serves and avoids a copy of a long series.
  const inner = savitzkyGolay(y as unknown as number[], stepS, { windowSize: w, derivative: 1, polynomial, pad: 'none' });
  const h = (w - 1) / 2;
  for (let i = 0; i < inner.length; i++) out[i + h] = inner[i];
  return out;
}

/** Ends: derivative of the least-squares polynomial fitted to the first / last full window (mode='interp'). */
function fillEdges(out: Float64Array, y: Float64Array, w: number, stepS: number, polynomial: number): void {
  const m = y.length;
  const h = (w - 1) / 2;
  const head = fitPolynomial(y, 0, w, polynomial);
  const tail = fitPolynomial(y, m - w, w, polynomial);
  for (let i = 0; i < h; i++) {
    out[i] = polyDerivative(head, i - h) / stepS;
    out[m - 1 - i] = polyDerivative(tail, h - i) / stepS;
  }
}

/** Least-squares coefficients c_0..c_p of y[from + h + u] ≈ Σ c_k u^k, u = −h..h (normal equations; u scaled by h). */
function fitPolynomial(y: Float64Array, from: number, w: number, p: number): number[] {
  const h = (w - 1) / 2;
  const k = p + 1;
  // Stryker disable next-line MethodExpression: the scale only conditions the fit (c_e = c_e(v)/scale^e for any scale > 0): the same polynomial up to rounding
  const scale = Math.max(h, 1); // work in v = u / h ∈ [−1, 1] for conditioning
  const ata = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const atb = new Array<number>(k).fill(0);
  // Stryker disable next-line ArrayDeclaration: the loop below writes pow[0…2k−2] in order before any read, so an empty array grows to the same
  const pow = new Array<number>(2 * k).fill(0);
  for (let j = 0; j < w; j++) {
    const v = (j - h) / scale;
    let vp = 1;
    for (let e = 0; e < 2 * k - 1; e++) {
      pow[e] = vp;
      vp *= v;
    }
    for (let a = 0; a < k; a++) {
      atb[a] += pow[a] * y[from + j];
      for (let b = 0; b < k; b++) ata[a][b] += pow[a + b];
    }
  }
  const cv = solveLinearSystem(ata, atb);
  if (!cv) throw new Error('Savitzky–Golay: singular end-window fit (window too short for the polynomial order)');
  return cv.map((c, e) => c / scale ** e);
}

function polyDerivative(c: number[], u: number): number {
  let d = 0;
  for (let e = c.length - 1; e >= 1; e--) d = d * u + e * c[e];
  return d;
}
