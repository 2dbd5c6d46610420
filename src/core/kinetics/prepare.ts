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
import { savitzkyGolayDerivative } from '../tga/derivative';
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
  const conversion = (startS: number | null | undefined): TgaConversion =>
    tgaConversion(run, {
      blank: options.blank ?? null,
      recipe: basis === 'recipe' ? (options.recipe ?? undefined) : undefined,
      startS: startS ?? null,
      endS: options.endS ?? null,
    });
  let a = conversion(options.startS);
  let startNote = `${a.reduction.startSource}: ${a.reduction.startNote}`;
  if (a.reduction.startSource === 'detected' && (options.startS === null || options.startS === undefined)) {
    const earlier = baselineStart(run, conversion);
    if (earlier !== null && earlier < a.reduction.startS) {
      const detected = a.reduction.startS;
      a = conversion(earlier);
      startNote = `detected: the main mass-loss step (onset ${detected.toFixed(1)} s), moved back to ${earlier.toFixed(1)} s where its loss rate falls below 0.5 % of the peak, so that α = 0 before the step; set the start to change it`;
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
 * For a start detected from the data (no gas switch or segment on record): the last time before the detected onset
 * where the loss rate (31 s Savitzky–Golay on α from the first point) is below 0.5 % of its peak. The TGA analysis puts
 * the onset where the rate reaches 5 % of the peak, which would leave a few per mille of the step before α = 0.
 */
function baselineStart(run: TgaRun, conversion: (startS: number) => TgaConversion): number | null {
  const whole = conversion(run.timeS[0]);
  const n = whole.windowPoints;
  if (n < 10) return null;
  const rate = savitzkyGolayDerivative(whole.tS.subarray(0, n), whole.alpha.subarray(0, n), { windowS: 31, polynomial: 2 }).values;
  let ip = 0;
  for (let i = 1; i < n; i++) if (rate[i] > rate[ip]) ip = i;
  if (!(rate[ip] > 0)) return null;
  let i = ip;
  while (i > 0 && rate[i] > 0.005 * rate[ip]) i--;
  return whole.tS[i] + whole.reduction.startS;
}
