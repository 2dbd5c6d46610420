/**
 * From an instrument run to the α(t), T(t) of kinetics. The TGA analysis (core/tga analyzeTga) does the blank
 * subtraction (aligned on the gas switch), the reduction start (gas event, programme segment, detection or the
 * user's) and the window end; here α is taken over that window:
 *
 *   observed (default): α = (m₀ − m)/(m₀ − m_end), m₀ the mean corrected mass over the 10 s before the start,
 *                       m_end the mean over the last 30 s of the window (analyzeTga without a recipe);
 *   recipe:             α = (m₀ − m)/Δm_theoretical, the recipe's complete-reduction loss (analyzeTga with one).
 *
 * The sample temperature is required: kinetics without T(t) are impossible, and the error says so.
 */
import type { RecipeInput } from '../../shared/analysis';
import type { AlphaBasis } from '../../shared/kinetics';
import type { TgaRun } from '../../shared/types';
import { tgaConversion, type TgaConversion } from '../tga/analyze';
import { fitStepStart } from '../tga/change-point';
import { savitzkyGolayDerivative } from '../tga/derivative';
import { lowerBound } from '../tga/series';
import { KELVIN_OFFSET } from './constants';

export interface KineticRun {
  label: string;
  fileName: string;
  /** Time since the start of the kinetic window (s), ascending, window points only. */
  tS: Float64Array;
  temperatureK: Float64Array;
  alpha: Float64Array;
  /** Sample mass as loaded (file's sample mass, else the first corrected points), mg; null when mass is in %. */
  sampleMassMg: number | null;
  blankApplied: boolean;
  alphaBasis: AlphaBasis;
  startS: number;
  startNote: string;
  endS: number;
  endNote: string;
  warnings: string[];
}

export interface PrepareOptions {
  label?: string;
  blank?: TgaRun | null;
  recipe?: RecipeInput | null;
  alphaBasis?: AlphaBasis;
  /** File time (s) of the window start / end; null = automatic (as the TGA analysis finds them). */
  startS?: number | null;
  endS?: number | null;
}

/** Linear interpolation over NaN gaps of a temperature record (ends held); null when it holds no number. */
function fillTemperatureGaps(temperatureC: Float64Array): Float64Array | null {
  const out = new Float64Array(temperatureC.length);
  let last = -1;
  for (let i = 0; i < temperatureC.length; i++) {
    const v = temperatureC[i];
    if (!Number.isFinite(v)) continue;
    if (last < 0) out.fill(v, 0, i);
    else for (let k = last + 1; k < i; k++) out[k] = temperatureC[last] + ((v - temperatureC[last]) * (k - last)) / (i - last);
    out[i] = v;
    last = i;
  }
  if (last < 0) return null;
  out.fill(temperatureC[last], last + 1);
  return out;
}

const stemOf = (name: string): string => (name.split(/[\\/]/).pop() ?? name).replace(/\.[^.]+$/, '');

export function prepareKineticRun(run: TgaRun, options: PrepareOptions = {}): KineticRun {
  const fileName = run.source.fileName;
  const label = options.label ?? stemOf(fileName);
  const basis: AlphaBasis = options.alphaBasis ?? (options.recipe ? 'recipe' : 'observed');
  if (!run.temperatureC) {
    throw new Error(`${fileName}: the file has no temperature column; kinetics need the sample temperature T(t)`);
  }
  if (basis === 'recipe' && !options.recipe) throw new Error(`${fileName}: α from the recipe's theoretical loss needs a recipe`);
  const conversion = (startS: number | null | undefined, endS: number | null = options.endS ?? null): TgaConversion =>
    tgaConversion(run, {
      blank: options.blank ?? null,
      recipe: basis === 'recipe' ? (options.recipe ?? undefined) : undefined,
      startS: startS ?? null,
      endS,
      skipEarlierStarts: true,
    });
  let a = conversion(options.startS);
  let startNote = `${a.reduction.startSource}: ${a.reduction.startNote}`;
  if (a.reduction.startSource === 'detected' && (options.startS === null || options.startS === undefined)) {
    const earlier = detectedStart(run, conversion, a.reduction.startS, a.reduction.endS ?? run.timeS[run.timeS.length - 1]);
    if (earlier !== null && Math.abs(earlier.startS - a.reduction.startS) > 1e-9) {
      a = conversion(earlier.startS);
      startNote = earlier.note;
    }
  }
  if (!a.temperatureC) throw new Error(`${fileName}: the file has no temperature column; kinetics need the sample temperature T(t)`);
  const endS = a.reduction.endS ?? a.tS[a.tS.length - 1] + a.reduction.startS;
  const m = Math.min(a.tS.length, Math.max(3, a.windowPoints));
  const filled = fillTemperatureGaps(a.temperatureC.subarray(0, m));
  if (!filled) throw new Error(`${fileName}: the temperature column holds no numbers in the kinetic window; kinetics need T(t)`);
  const temperatureK = new Float64Array(m);
  for (let i = 0; i < m; i++) temperatureK[i] = filled[i] + KELVIN_OFFSET;
  const warnings = a.warnings.filter((w) => !/^No recipe: α is normalised/.test(w));
  const massMg = run.massMg ? (run.sample.initialMassMg ?? (Number.isFinite(run.massMg[0]) ? run.massMg[0] : null)) : null;
  return {
    label,
    fileName,
    tS: a.tS.slice(0, m),
    temperatureK,
    alpha: a.alpha.slice(0, m),
    sampleMassMg: massMg,
    blankApplied: Boolean(options.blank),
    alphaBasis: basis,
    startS: a.reduction.startS,
    startNote,
    endS,
    endNote: a.reduction.endNote ?? 'end of the data',
    warnings,
  };
}

/**
 * For a start detected from the data (no gas switch or segment on record). The TGA analysis puts the onset where the
 * loss rate reaches 5 % of the peak, which leaves part of the step before α = 0. Two rules, on α over the run from
 * its first point to the detected window's end:
 *
 *  - the step starts at one temperature (T within ±2.5 K of its hold from well before the onset to 5 % of the step):
 *    a change-point fit (core/tga/change-point.ts) places the start where the mass leaves its baseline, between
 *    samples, whatever the shape of the onset (rate highest at t₀ for R, F and D models, zero for A and P models);
 *  - otherwise (a step under heating, whose rate rises smoothly from zero): the last time before the onset where
 *    the 31 s Savitzky–Golay loss rate is below 0.5 % of the peak of the detected step.
 *
 * The peak is searched from the detected onset on (an earlier step — drying in a first hold — is not the one the
 * window is about).
 */
function detectedStart(run: TgaRun, conversion: (startS: number, endS: number | null) => TgaConversion, detectedS: number, detectedEndS: number | null): { startS: number; note: string } | null {
  let whole: TgaConversion;
  try {
    whole = conversion(run.timeS[0], detectedEndS);
  } catch {
    return null;
  }
  const n = whole.windowPoints;
  if (n < 10) return null;
  const tS = whole.tS.subarray(0, n);
  const alpha = whole.alpha.subarray(0, n);
  const from = whole.reduction.startS;
  const rate = savitzkyGolayDerivative(tS, alpha, { windowS: 31, polynomial: 2 }).values;
  let ip = -1;
  for (let i = 0; i < n; i++) if (tS[i] + from >= detectedS && (ip < 0 || rate[i] > rate[ip])) ip = i;
  if (ip < 0) return null;
  if (!(rate[ip] > 0)) return null;
  let ib = ip;
  while (ib > 0 && rate[ib] > 0.005 * rate[ip]) ib--;
  const baselineS = tS[ib] + from;
  const fitted = whole.temperatureC ? isothermalStart(tS, alpha, whole.temperatureC.subarray(0, n), from, ib, detectedS) : null;
  if (fitted) {
    return {
      startS: fitted.startS,
      note: `detected: the main mass-loss step (onset ${detectedS.toFixed(1)} s) starts at one temperature; its start is placed at ${fitted.startS.toFixed(1)} s, where the mass leaves its baseline (least-squares change point, onset ∝ (t − t₀)^${fitted.exponent.toFixed(2)}${fitted.step ? '; with an apparent mass step there, at the first sample that shows it' : ''}); set the start to change it`,
    };
  }
  return {
    startS: baselineS,
    note: `detected: the main mass-loss step (onset ${detectedS.toFixed(1)} s), moved back to ${baselineS.toFixed(1)} s where its loss rate falls below 0.5 % of the peak, so that α = 0 before the step; set the start to change it`,
  };
}

/** Half-width of the temperature band of an isothermal start (K). */
const HOLD_BAND_K = 2.5;
/** The change-point fit reaches this fraction of the step (the onset's power law holds to a few per cent). */
const FIT_TOP = 0.01;
/** An apparent step at the start smaller than this fraction of the loss is not one. */
const STEP_FLOOR = 1e-3;
/** Most the least-squares temperature may move over the fit window of an isothermal start (K). */
const HOLD_DRIFT_K = 0.5;
/** Most points given to the change-point fit (denser records are averaged in blocks). */
const FIT_POINTS_MAX = 1500;

/**
 * The change-point start of a step at one temperature (see detectedStart), in file time; null when the step is not
 * at one temperature or the fit finds no step. tS is time since `from`; ib indexes the 0.5 %-of-peak start.
 */
function isothermalStart(tS: Float64Array, alpha: Float64Array, temperatureC: Float64Array, from: number, ib: number, detectedS: number): { startS: number; exponent: number; step: boolean } | null {
  const n = tS.length;
  const on = lowerBound(tS, detectedS - from);
  if (on >= n - 5) return null;
  const dt = (tS[n - 1] - tS[0]) / (n - 1);
  // the fit window: from well before the step (3× the onset's lead over the 0.5 % point, + 30 s) to 5 % of the step
  // (at least 30 samples after the onset)
  const lead = Math.max(0, tS[on] - tS[ib]);
  let lo = lowerBound(tS, tS[ib] - 3 * lead - 30);
  let top = -Infinity;
  for (let i = on; i < n; i++) if (alpha[i] > top) top = alpha[i];
  const base = alpha[ib];
  let hi = on;
  while (hi < n - 1 && alpha[hi] < base + FIT_TOP * (top - base)) hi++;
  hi = Math.min(n - 1, Math.max(hi, on + 30));
  // one temperature: T within ±2.5 K of the hold over the onset…5 % part; the window's start is cut to the hold
  const hold = median(temperatureC.subarray(on, hi + 1));
  if (!Number.isFinite(hold)) return null;
  for (let i = on; i <= hi; i++) if (Number.isFinite(temperatureC[i]) && Math.abs(temperatureC[i] - hold) > HOLD_BAND_K) return null;
  let k = on;
  while (k > lo && !(Math.abs(temperatureC[k - 1] - hold) > HOLD_BAND_K)) k--;
  lo = k;
  if (on - lo < 10) return null;
  // and not a slow ramp that stays in the band for a while: the least-squares T(t) over the fit window moves by
  // less than HOLD_DRIFT_K from its start to its end
  if (Math.abs(temperatureSlope(tS, temperatureC, lo, hi) * (tS[hi] - tS[lo])) > HOLD_DRIFT_K) return null;
  // block averages for dense records
  const m = hi - lo + 1;
  const block = Math.max(1, Math.ceil(m / FIT_POINTS_MAX));
  const count = Math.floor(m / block);
  const t = new Float64Array(count);
  const y = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    let st = 0;
    let sy = 0;
    for (let q = 0; q < block; q++) {
      st += tS[lo + j * block + q];
      sy += alpha[lo + j * block + q];
    }
    t[j] = st / block;
    y[j] = sy / block;
  }
  const searchFrom = t[0] + 5 * dt * block;
  // the 5 % onset lies at most half its 11 s derivative window before an abrupt start
  const fit = fitStepStart(t, y, searchFrom, Math.min(tS[hi] - 5 * dt, tS[on] + Math.max(6, 3 * dt)), STEP_FLOOR * (top - base));
  if (!fit) return null;
  // a start at the edge of the search says the window did not hold the baseline
  if (fit.t0S < searchFrom + dt * block) return null;
  return { startS: fit.t0S + from, exponent: fit.exponent, step: fit.onSample };
}

/** Least-squares slope of T over samples lo…hi (K/s), finite points only. */
function temperatureSlope(tS: Float64Array, temperatureC: Float64Array, lo: number, hi: number): number {
  let n = 0;
  let st = 0;
  let sT = 0;
  let stt = 0;
  let stT = 0;
  for (let i = lo; i <= hi; i++) {
    if (!Number.isFinite(temperatureC[i])) continue;
    const t = tS[i] - tS[lo];
    n++;
    st += t;
    sT += temperatureC[i];
    stt += t * t;
    stT += t * temperatureC[i];
  }
  const d = n * stt - st * st;
  return n > 2 && d > 0 ? (n * stT - st * sT) / d : 0;
}

function median(values: Float64Array): number {
  const v = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const h = v.length >> 1;
  return v.length % 2 ? v[h] : (v[h - 1] + v[h]) / 2;
}
