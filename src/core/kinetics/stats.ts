/**
 * Statistics for the kinetics: least-squares lines with their standard errors, Student t and F quantiles.
 * The distributions go through the regularized incomplete beta function (continued fraction, modified Lentz:
 * Press et al., Numerical Recipes, 3rd ed., §6.4) and ln Γ (Lanczos, g = 7, n = 9), inverted by bisection; the
 * tests check them against tabulated quantiles.
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos approximation, |relative error| < 1e-14). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 500; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lnFront) * betaContinuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(lnFront) * betaContinuedFraction(1 - x, b, a)) / b;
}

/** P(T ≤ t) for Student's t with nu degrees of freedom. */
export function studentTCdf(t: number, nu: number): number {
  const tail = 0.5 * incompleteBeta(nu / (nu + t * t), nu / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** Bisection for an increasing function on [lo, hi] (expanded upwards while f(hi) < target). */
function invertIncreasing(f: (x: number) => number, target: number, lo: number, hi: number): number {
  let h = hi;
  for (let k = 0; k < 200 && f(h) < target; k++) h *= 2;
  let l = lo;
  for (let k = 0; k < 200; k++) {
    const mid = 0.5 * (l + h);
    if (f(mid) < target) l = mid;
    else h = mid;
    if (h - l <= 1e-14 * Math.max(1, Math.abs(mid))) break;
  }
  return 0.5 * (l + h);
}

/** The p-quantile of Student's t with nu degrees of freedom (e.g. p = 0.975 for a two-sided 95 % interval). */
export function studentTQuantile(p: number, nu: number): number {
  if (!(nu > 0) || !(p > 0 && p < 1)) return NaN;
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, nu);
  if (nu === 1) return Math.tan(Math.PI * (p - 0.5));
  if (nu === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  return invertIncreasing((t) => studentTCdf(t, nu), p, 0, 10);
}

/** P(F ≤ x) for the F distribution with (d1, d2) degrees of freedom. */
export function fCdf(x: number, d1: number, d2: number): number {
  if (x <= 0) return 0;
  return incompleteBeta((d1 * x) / (d1 * x + d2), d1 / 2, d2 / 2);
}

const fQuantiles = new Map<string, number>();

/** The p-quantile of the F distribution with (d1, d2) degrees of freedom (F_{0.95}(2, 2) = 19); memoised. */
export function fQuantile(p: number, d1: number, d2: number): number {
  if (!(d1 > 0 && d2 > 0) || !(p > 0 && p < 1)) return NaN;
  const key = `${p}|${d1}|${d2}`;
  let q = fQuantiles.get(key);
  if (q === undefined) {
    q = invertIncreasing((x) => fCdf(x, d1, d2), p, 0, 10);
    if (fQuantiles.size < 1000) fQuantiles.set(key, q);
  }
  return q;
}

export interface LineFit {
  slope: number;
  intercept: number;
  /** Standard errors from the residual variance s² = SSR/(n − 2); NaN for n = 2. */
  slopeSe: number;
  interceptSe: number;
  r2: number;
  n: number;
  ssr: number;
  /** Two-sided 95 % Student t half-widths of slope and intercept (t_{0.975, n−2} × SE); NaN for n ≤ 2. */
  slopeCi95: number;
  interceptCi95: number;
}

/** Ordinary least-squares line y = intercept + slope·x over the finite pairs. */
export function fitLine(x: ArrayLike<number>, y: ArrayLike<number>): LineFit | null {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) continue;
    n++;
    sx += x[i];
    sy += y[i];
  }
  if (n < 2) return null;
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) continue;
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (!(sxx > 0)) return null;
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const ssr = Math.max(0, syy - slope * sxy);
  const dof = n - 2;
  const s2 = dof > 0 ? ssr / dof : NaN;
  const slopeSe = Math.sqrt(s2 / sxx);
  const interceptSe = Math.sqrt(s2 * (1 / n + (mx * mx) / sxx));
  const t = dof > 0 ? studentTQuantile(0.975, dof) : NaN;
  return { slope, intercept, slopeSe, interceptSe, r2: syy > 0 ? 1 - ssr / syy : 1, n, ssr, slopeCi95: t * slopeSe, interceptCi95: t * interceptSe };
}

/** A finite number or null (results never carry NaN). */
export const orNull = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);


/**
 * Brent's minimisation (parabolic interpolation with golden-section fallback; Brent 1973, ch. 5) of f on [a, b],
 * to an absolute tolerance tol on x. Used where each evaluation is expensive (the Vyazovkin Φ(E)).
 */
export function brentMinimum(f: (x: number) => number, a: number, b: number, tol: number, maxIter = 100): { x: number; fx: number; evaluations: number } {
  const cgold = 0.381966011250105;
  let lo = Math.min(a, b);
  let hi = Math.max(a, b);
  let x = lo + cgold * (hi - lo);
  let w = x;
  let v = x;
  let fx = f(x);
  let fw = fx;
  let fv = fx;
  let d = 0;
  let e = 0;
  let evaluations = 1;
  for (let iter = 0; iter < maxIter; iter++) {
    const xm = 0.5 * (lo + hi);
    const tol1 = tol + 1e-12 * Math.abs(x);
    const tol2 = 2 * tol1;
    if (Math.abs(x - xm) <= tol2 - 0.5 * (hi - lo)) break;
    let parabolic = false;
    if (Math.abs(e) > tol1) {
      const r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      else q = -q;
      if (Math.abs(p) < Math.abs(0.5 * q * e) && p > q * (lo - x) && p < q * (hi - x)) {
        e = d;
        d = p / q;
        const u = x + d;
        if (u - lo < tol2 || hi - u < tol2) d = xm >= x ? tol1 : -tol1;
        parabolic = true;
      }
    }
    if (!parabolic) {
      e = x >= xm ? lo - x : hi - x;
      d = cgold * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d >= 0 ? tol1 : -tol1);
    const fu = f(u);
    evaluations++;
    if (fu <= fx) {
      if (u >= x) lo = x;
      else hi = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) lo = u;
      else hi = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  return { x, fx, evaluations };
}

/** A root of f in [a, b] where f(a) and f(b) differ in sign (bisection + secant, Illinois variant). */
export function findRoot(f: (x: number) => number, a: number, b: number, tol: number, maxIter = 100): number | null {
  let x0 = a;
  let x1 = b;
  let f0 = f(x0);
  let f1 = f(x1);
  if (!Number.isFinite(f0) || !Number.isFinite(f1) || f0 * f1 > 0) return null;
  if (f0 === 0) return x0;
  if (f1 === 0) return x1;
  let side = 0;
  for (let k = 0; k < maxIter; k++) {
    const x = (x0 * f1 - x1 * f0) / (f1 - f0);
    const fx = f(x);
    if (!Number.isFinite(fx)) return null;
    if (Math.abs(x1 - x0) < tol || fx === 0) return x;
    if (fx * f1 > 0) {
      x1 = x;
      f1 = fx;
      if (side === -1) f0 /= 2;
      side = -1;
    } else {
      x0 = x;
      f0 = fx;
      if (side === 1) f1 /= 2;
      side = 1;
    }
  }
  return 0.5 * (x0 + x1);
}
