/**
 * A pressure scale printed as a table P(η, T), η = 1 − V/V₀: natural cubic splines along η for every tabulated
 * temperature, then a natural cubic spline across temperature through those values. Both splines are linear in
 * the data, so ∂P/∂η is the temperature spline of the η-derivatives. Outside the table the natural splines
 * continue linearly; the caller warns (validity).
 */
import type { TableSpec } from './schema';

/** Second derivatives of the natural cubic spline through (x, y) (Press et al., Numerical Recipes, §3.3). */
export function naturalSplineSecondDerivatives(x: ArrayLike<number>, y: ArrayLike<number>): Float64Array {
  const n = x.length;
  const y2 = new Float64Array(n);
  const u = new Float64Array(n);
  for (let i = 1; i < n - 1; i++) {
    const sig = (x[i] - x[i - 1]) / (x[i + 1] - x[i - 1]);
    const p = sig * y2[i - 1] + 2;
    y2[i] = (sig - 1) / p;
    const dy = (y[i + 1] - y[i]) / (x[i + 1] - x[i]) - (y[i] - y[i - 1]) / (x[i] - x[i - 1]);
    u[i] = ((6 * dy) / (x[i + 1] - x[i - 1]) - sig * u[i - 1]) / p;
  }
  y2[n - 1] = 0;
  for (let k = n - 2; k >= 0; k--) y2[k] = y2[k] * y2[k + 1] + u[k];
  return y2;
}

/** Value and first derivative of the natural spline at xq (linear continuation outside [x₀, x_{n−1}]). */
export function splineEval(x: ArrayLike<number>, y: ArrayLike<number>, y2: ArrayLike<number>, xq: number): [number, number] {
  const n = x.length;
  if (xq <= x[0] || xq >= x[n - 1]) {
    const i = xq <= x[0] ? 0 : n - 2;
    const h = x[i + 1] - x[i];
    // End slope of the spline segment, then a straight line (the natural spline has y″ = 0 at the ends).
    const slope0 = (y[i + 1] - y[i]) / h - (h * (2 * y2[i] + y2[i + 1])) / 6;
    const slope1 = (y[i + 1] - y[i]) / h + (h * (y2[i] + 2 * y2[i + 1])) / 6;
    return xq <= x[0] ? [y[0] + slope0 * (xq - x[0]), slope0] : [y[n - 1] + slope1 * (xq - x[n - 1]), slope1];
  }
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] > xq) hi = mid;
    else lo = mid;
  }
  const h = x[hi] - x[lo];
  const a = (x[hi] - xq) / h;
  const b = (xq - x[lo]) / h;
  const v = a * y[lo] + b * y[hi] + (((a * a * a - a) * y2[lo] + (b * b * b - b) * y2[hi]) * h * h) / 6;
  const d = (y[hi] - y[lo]) / h + ((-(3 * a * a - 1) * y2[lo] + (3 * b * b - 1) * y2[hi]) * h) / 6;
  return [v, d];
}

export interface TabulatedEos {
  pressureGPa(volumeA3: number, temperatureK: number): number;
  dPdV(volumeA3: number, temperatureK: number): number;
  dPdT(volumeA3: number, temperatureK: number): number;
  evaluate(volumeA3: number, temperatureK: number, out: Float64Array): void;
  compressionRange: [number, number];
  temperatureRangeK: [number, number];
}

export function makeTabulatedEos(table: TableSpec, v0A3: number): TabulatedEos {
  const eta = table.compression;
  const temps = table.temperatureK;
  const nt = temps.length;
  const columns = temps.map((_, j) => Float64Array.from(table.pressureGPa, (row) => row[j]));
  const columnY2 = columns.map((col) => naturalSplineSecondDerivatives(eta, col));
  const pAt = new Float64Array(nt);
  const dpAt = new Float64Array(nt);
  const evaluate = (v: number, t: number): [number, number, number] => {
    const e = 1 - v / v0A3;
    for (let j = 0; j < nt; j++) {
      const [p, dp] = splineEval(eta, columns[j], columnY2[j], e);
      pAt[j] = p;
      dpAt[j] = dp;
    }
    const [p, dpdt] = splineEval(temps, pAt, naturalSplineSecondDerivatives(temps, pAt), t);
    const [dpde] = splineEval(temps, dpAt, naturalSplineSecondDerivatives(temps, dpAt), t);
    return [p, dpde, dpdt];
  };
  return {
    pressureGPa: (v, t) => evaluate(v, t)[0],
    // dη/dV = −1/V₀
    dPdV: (v, t) => -evaluate(v, t)[1] / v0A3,
    dPdT: (v, t) => evaluate(v, t)[2],
    evaluate(v, t, out) {
      const r = evaluate(v, t);
      out[0] = r[0];
      out[1] = -r[1] / v0A3;
    },
    compressionRange: [eta[0], eta[eta.length - 1]],
    temperatureRangeK: [temps[0], temps[nt - 1]],
  };
}
