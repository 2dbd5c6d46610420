/**
 * Isothermal kinetics (ICTAC 2011 §3; Khawam & Flanagan, J. Phys. Chem. B 110 (2006) 17315):
 *
 * - JMAK / Avrami per run: α = 1 − exp[−(k t)ⁿ]  ⇒  ln[−ln(1 − α)] = n ln k + n ln t, a line over an α window
 *   (default 0.15–0.85), t from the start of the reduction. n alone does not identify a mechanism.
 * - Model fitting: for every model of the ICTAC table, k of α(t) = g⁻¹(k t) by least squares in α (golden section on
 *   ln k from the through-origin estimate Σg·t/Σt²); flexible models An (n free), Fn (order n free) and SB(m, n)
 *   (ln dα/dt = ln k + m ln α + n ln(1 − α), linear least squares, then α(t) integrated from the first fitted point).
 *   Models are ranked by the small-sample Akaike criterion AICc = N ln(SSR/N) + 2p + 2p(p + 1)/(N − p − 1) (SSR
 *   floored at N·10⁻¹² so that noise-free data do not rank by round-off); the best model is the best fixed one.
 * - Arrhenius across runs: ln k = ln A − E/(R T̄), T̄ the run's mean temperature; 95 % Student t intervals.
 * - Isothermal isoconversional: ln t_α,i = ln[g(α)/A] + E_α/(R T_i) at each α (ICTAC 2011 eq. 11).
 */
import type { ArrheniusResult, AvramiFit, EAlphaPoint, IsoconversionalSeries, ModelFit } from '../../shared/kinetics';
import { solveLinearSystem } from '../math/linalg';
import { R_J_PER_MOL_K } from './constants';
import { LINEAR_CI_MEANING } from './linear-methods';
import { REACTION_MODELS, orderModel, type ReactionModel } from './models';
import type { RunKinetics } from './run-analysis';
import { brentMinimum, fitLine, orNull } from './stats';

/** At most this many samples per run enter a model fit (evenly strided). */
const FIT_POINTS = 250;
const SSR_FLOOR_PER_POINT = 1e-12;

/** The samples of a run with α inside [aMin, aMax] and t > 0, strided to at most `max`. */
export function windowSamples(r: RunKinetics, aMin: number, aMax: number, max = FIT_POINTS): { tS: Float64Array; alpha: Float64Array } {
  const { tS, alpha } = r.run;
  // from the first crossing of aMin to the first crossing of aMax (α may be noisy: keep the time range, not a mask)
  let i0 = -1;
  let i1 = -1;
  for (let i = 0; i < alpha.length; i++) {
    if (i0 < 0 && alpha[i] >= aMin) i0 = i;
    if (alpha[i] >= aMax) {
      i1 = i;
      break;
    }
  }
  if (i0 < 0) return { tS: new Float64Array(0), alpha: new Float64Array(0) };
  if (i1 < 0) i1 = alpha.length - 1;
  const idx: number[] = [];
  const stride = Math.max(1, Math.floor((i1 - i0 + 1) / max));
  for (let i = i0; i <= i1; i += stride) if (tS[i] > 0 && Number.isFinite(alpha[i])) idx.push(i);
  return { tS: Float64Array.from(idx, (i) => tS[i]), alpha: Float64Array.from(idx, (i) => alpha[i]) };
}

export function avrami(r: RunKinetics, window: [number, number]): AvramiFit | null {
  const s = windowSamples(r, window[0], window[1], 2000);
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < s.tS.length; i++) {
    const a = s.alpha[i];
    if (!(a > 0 && a < 1)) continue;
    x.push(Math.log(s.tS[i]));
    y.push(Math.log(-Math.log1p(-a)));
  }
  const fit = x.length >= 3 ? fitLine(x, y) : null;
  if (!fit || !(fit.slope > 0)) return null;
  const stride = Math.max(1, Math.floor(x.length / 200));
  return {
    n: fit.slope,
    kPerS: Math.exp(fit.intercept / fit.slope),
    r2: fit.r2,
    alphaWindow: window,
    x: x.filter((_, i) => i % stride === 0),
    y: y.filter((_, i) => i % stride === 0),
  };
}

const aicc = (ssr: number, nPoints: number, p: number): number => {
  const s = Math.max(ssr, SSR_FLOOR_PER_POINT * nPoints);
  const corr = nPoints - p - 1 > 0 ? (2 * p * (p + 1)) / (nPoints - p - 1) : Infinity;
  return nPoints * Math.log(s / nPoints) + 2 * p + corr;
};

function ssrOf(model: Pick<ReactionModel, 'gInverse'>, k: number, t: Float64Array, a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < t.length; i++) {
    const d = a[i] - model.gInverse(k * t[i]);
    s += d * d;
  }
  return s;
}

/** k of α = g⁻¹(k t) by least squares in α; null when g(α) gives no positive through-origin estimate. */
export function fitRateConstant(model: Pick<ReactionModel, 'g' | 'gInverse'>, t: Float64Array, a: Float64Array): { k: number; ssr: number } | null {
  let sgt = 0;
  let stt = 0;
  for (let i = 0; i < t.length; i++) {
    const g = model.g(a[i]);
    if (!Number.isFinite(g)) continue;
    sgt += g * t[i];
    stt += t[i] * t[i];
  }
  const k0 = sgt / stt;
  if (!(k0 > 0)) return null;
  const best = brentMinimum((lnk) => ssrOf(model, Math.exp(lnk), t, a), Math.log(k0) - 3, Math.log(k0) + 3, 1e-9);
  return { k: Math.exp(best.x), ssr: best.fx };
}

/** SB(m, n) from ln(dα/dt) = ln k + m ln α + n ln(1 − α) (linear least squares over the window's samples). */
function fitSestakBerggren(r: RunKinetics, aMin: number, aMax: number): { k: number; m: number; n: number } | null {
  const rows: number[][] = [];
  const ys: number[] = [];
  const s = windowSamples(r, aMin, aMax, 2000);
  for (let i = 0; i < s.tS.length; i++) {
    const a = s.alpha[i];
    // the rate at this sample (same time): find its index by time
    const rate = rateAt(r, s.tS[i]);
    if (!(a > 0 && a < 1 && rate > 0)) continue;
    rows.push([1, Math.log(a), Math.log1p(-a)]);
    ys.push(Math.log(rate));
  }
  if (rows.length < 5) return null;
  const ata = [0, 1, 2].map((i) => [0, 1, 2].map((j) => rows.reduce((acc, row) => acc + row[i] * row[j], 0)));
  const aty = [0, 1, 2].map((i) => rows.reduce((acc, row, k) => acc + row[i] * ys[k], 0));
  const sol = solveLinearSystem(ata, aty);
  if (!sol || !sol.every(Number.isFinite)) return null;
  return { k: Math.exp(sol[0]), m: sol[1], n: sol[2] };
}

function rateAt(r: RunKinetics, t: number): number {
  const { tS } = r.run;
  let lo = 0;
  let hi = tS.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (tS[mid] <= t) lo = mid;
    else hi = mid;
  }
  return Math.abs(tS[lo] - t) <= Math.abs(tS[hi] - t) ? r.ratePerS[lo] : r.ratePerS[hi];
}

/** α(t) of SB(m, n) integrated (RK4, sub-stepped) from the first point; SSR against the rest. */
function sestakBerggrenSsr(p: { k: number; m: number; n: number }, t: Float64Array, a: Float64Array): number {
  const f = (x: number): number => (x <= 0 || x >= 1 ? 0 : p.k * Math.pow(x, p.m) * Math.pow(1 - x, p.n));
  let x = a[0];
  let s = 0;
  for (let i = 1; i < t.length; i++) {
    const span = t[i] - t[i - 1];
    const steps = 8;
    const h = span / steps;
    for (let q = 0; q < steps; q++) {
      const k1 = f(x);
      const k2 = f(x + 0.5 * h * k1);
      const k3 = f(x + 0.5 * h * k2);
      const k4 = f(x + h * k3);
      x = Math.min(1, Math.max(0, x + (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4)));
    }
    const d = a[i] - x;
    s += d * d;
  }
  return s;
}

/** Every fixed model and the flexible ones, fitted to one isothermal run over α ∈ [aMin, aMax]. */
export function fitModels(r: RunKinetics, aMin: number, aMax: number): ModelFit[] {
  const s = windowSamples(r, aMin, aMax);
  const N = s.tS.length;
  const out: ModelFit[] = [];
  if (N < 8) return out;
  for (const model of REACTION_MODELS) {
    const fit = fitRateConstant(model, s.tS, s.alpha);
    out.push({
      code: model.code,
      kPerS: fit ? fit.k : null,
      params: {},
      ssr: fit ? fit.ssr : null,
      aicc: fit ? aicc(fit.ssr, N, 1) : null,
      deltaAicc: null,
      parameters: 1,
      flexible: false,
    });
  }
  // An: JMAK with n free (nested: golden section on n, k fitted for each n)
  const anAt = (n: number) => {
    const model = { g: (a: number) => Math.pow(-Math.log1p(-a), 1 / n), gInverse: (y: number) => (y <= 0 ? 0 : -Math.expm1(-Math.pow(y, n))) };
    return fitRateConstant(model, s.tS, s.alpha);
  };
  const an = brentMinimum((n) => anAt(n)?.ssr ?? Infinity, 0.3, 5, 1e-6);
  const anFit = anAt(an.x);
  out.push({ code: 'An', kPerS: anFit ? anFit.k : null, params: { n: an.x }, ssr: anFit ? anFit.ssr : null, aicc: anFit ? aicc(anFit.ssr, N, 2) : null, deltaAicc: null, parameters: 2, flexible: true });
  // Fn: reaction order n free
  const fnAt = (n: number) => fitRateConstant(orderModel(n), s.tS, s.alpha);
  const fn = brentMinimum((n) => fnAt(n)?.ssr ?? Infinity, 0, 4, 1e-6);
  const fnFit = fnAt(fn.x);
  out.push({ code: 'Fn', kPerS: fnFit ? fnFit.k : null, params: { n: fn.x }, ssr: fnFit ? fnFit.ssr : null, aicc: fnFit ? aicc(fnFit.ssr, N, 2) : null, deltaAicc: null, parameters: 2, flexible: true });
  // SB(m, n)
  const sb = fitSestakBerggren(r, aMin, aMax);
  if (sb) {
    const ssr = sestakBerggrenSsr(sb, s.tS, s.alpha);
    out.push({ code: 'SB', kPerS: sb.k, params: { m: sb.m, n: sb.n }, ssr, aicc: aicc(ssr, N - 1, 3), deltaAicc: null, parameters: 3, flexible: true });
  } else out.push({ code: 'SB', kPerS: null, params: {}, ssr: null, aicc: null, deltaAicc: null, parameters: 3, flexible: true });
  const bestFixed = Math.min(...out.filter((m) => !m.flexible && m.aicc !== null).map((m) => m.aicc as number));
  for (const m of out) m.deltaAicc = m.aicc === null || !Number.isFinite(bestFixed) ? null : m.aicc - bestFixed;
  return out;
}

export function bestFixedModel(fits: ModelFit[]): string | null {
  let best: ModelFit | null = null;
  for (const m of fits) if (!m.flexible && m.aicc !== null && (best === null || m.aicc < (best.aicc as number))) best = m;
  return best ? best.code : null;
}

/** ln k = ln A − E/(R T): E with its 95 % Student t half-width, ln A with its own. */
export function arrhenius(points: { temperatureK: number; kPerS: number }[], source: string): ArrheniusResult | null {
  const ok = points.filter((p) => p.kPerS > 0 && p.temperatureK > 0);
  if (ok.length < 2) return null;
  const x = ok.map((p) => 1000 / p.temperatureK);
  const y = ok.map((p) => Math.log(p.kPerS));
  const fit = fitLine(x, y);
  if (!fit) return null;
  return {
    eKJPerMol: -fit.slope * R_J_PER_MOL_K,
    ci95KJPerMol: orNull(fit.slopeCi95 * R_J_PER_MOL_K),
    lnAPerS: fit.intercept,
    lnACi95: orNull(fit.interceptCi95),
    r2: orNull(fit.r2),
    source,
    line: { alpha: NaN, x, y, slope: fit.slope, intercept: fit.intercept },
  };
}

/** ln t_α against 1/T̄ at every α: E_α = R·slope. */
export function isothermalIsoconversional(runs: RunKinetics[], grid: number[]): IsoconversionalSeries {
  const points: EAlphaPoint[] = [];
  const lines: NonNullable<IsoconversionalSeries['lines']> = [];
  for (let k = 0; k < grid.length; k++) {
    const x: number[] = [];
    const y: number[] = [];
    for (const r of runs) {
      const t = r.tAlphaS[k];
      if (!(t > 0)) continue;
      x.push(1000 / r.meanTemperatureK);
      y.push(Math.log(t));
    }
    const fit = x.length >= 2 ? fitLine(x, y) : null;
    if (!fit) {
      points.push({ alpha: grid[k], eKJPerMol: null, ci95KJPerMol: null, ci95LowKJPerMol: null, ci95HighKJPerMol: null, runs: x.length, r2: null });
      continue;
    }
    const e = fit.slope * R_J_PER_MOL_K;
    const ci = orNull(fit.slopeCi95 * R_J_PER_MOL_K);
    points.push({ alpha: grid[k], eKJPerMol: e, ci95KJPerMol: ci, ci95LowKJPerMol: ci === null ? null : e - ci, ci95HighKJPerMol: ci === null ? null : e + ci, runs: x.length, r2: orNull(fit.r2) });
    lines.push({ alpha: grid[k], x, y, slope: fit.slope, intercept: fit.intercept });
  }
  return { method: 'isothermal', points, ciMeaning: LINEAR_CI_MEANING, lines, yLabel: 'ln(t_α/s)' };
}
