/**
 * Kinetic metrics from α(t) over the reducing window. Definitions (docs/tga-analysis.md):
 * - t(α): first crossing of α, linear interpolation between the bracketing points;
 * - α_final: mean α over the last finalWindowS (30 s) of the reducing window;
 * - t_sat: first time α reaches saturationFraction × α_final;
 * - max rate: largest Savitzky–Golay dα/dt in the window, with α and t there;
 * - onset: for continuous heating (T rises ≥ 1 °C/min over the first 60 s after the start), the temperature at
 *   which α first reaches onsetAlpha; null when the reduction starts isothermally;
 * - extrapolated onset (ISO 11358-1) and the inflection temperature: see extrapolatedOnset.
 */
import type { SpeedUp, TgaMetrics } from '../../shared/analysis';
import { savitzkyGolayDerivative } from './derivative';
import { firstCrossing, lowerBound, meanRange } from './series';

/**
 * The extrapolated onset of the main mass-loss step on continuous heating (ISO 11358-1:2022 §3 "T_A", the same
 * construction as ASTM E2550 and STARe's onset): the temperature where the starting-mass baseline (α = 0, the mass
 * at the reduction start) meets the tangent to α(T) at its inflection point (the largest dα/dT while heating):
 *   T_onset = T_infl − α(T_infl) / (dα/dT)_infl,  with dα/dT = (dα/dt) / (dT/dt), both Savitzky–Golay.
 * It does not depend on how α is normalised (recipe or observed loss), only on the shape of the main step.
 */
export interface ExtrapolatedOnset {
  onsetC: number;
  /** Temperature of the inflection point (largest dα/dT while heating; the DTG peak). */
  inflectionC: number;
  alphaAtInflection: number;
  /** Slope of the inflection tangent, α per °C. */
  slopePerC: number;
}

/** Text for screens and reports: what the two onset temperatures are. */
export const ONSET_DEFINITIONS = {
  alpha: (onsetAlpha: number): string =>
    `Onset (α = ${onsetAlpha}): the sample temperature at which the conversion α first reaches ${onsetAlpha} (${onsetAlpha * 100} % of the theoretical loss).`,
  extrapolated:
    'Extrapolated onset (ISO 11358-1): the temperature where the starting-mass baseline (α = 0) meets the tangent to α(T) at its inflection point (the largest dα/dT while heating).',
} as const;

/** Heating counts from this rate (°C/min): below it dα/dT is not defined (holds, cooling). */
const HEATING_MIN_C_PER_MIN = 1;


export interface MetricsInput {
  /** Time since the reduction start (s), ascending. */
  tS: Float64Array;
  alpha: Float64Array;
  dAlphaDtPerS: Float64Array;
  temperatureC: Float64Array | null;
  /** Number of leading points that belong to the reducing window. */
  windowPoints: number;
  alphaTargets: number[];
  saturationFraction: number;
  onsetAlpha: number;
  finalWindowS?: number;
}

/** Key for an α target as written ('0.5', '0.9'): the shortest decimal that round-trips. */
export function alphaKey(alpha: number): string {
  return String(alpha);
}

export function computeMetrics(input: MetricsInput): TgaMetrics {
  const { tS, alpha, dAlphaDtPerS, temperatureC, alphaTargets, saturationFraction, onsetAlpha } = input;
  const n = Math.max(1, Math.min(input.windowPoints, alpha.length));
  const finalWindowS = input.finalWindowS ?? 30;
  const tEnd = tS[n - 1];
  const finalFrom = Math.min(lowerBound(tS, tEnd - finalWindowS), n - 1);
  const alphaFinal = meanRange(alpha, finalFrom, n);

  const tAlphaS: Record<string, number | null> = {};
  for (const a of alphaTargets) tAlphaS[alphaKey(a)] = firstCrossing(tS, alpha, a, 0, n);
  const tSaturationS = alphaFinal > 0 ? firstCrossing(tS, alpha, saturationFraction * alphaFinal, 0, n) : null;

  // largest finite rate (a NaN at the first point, from an empty mass cell, must not hide the rest)
  let iMax = 0;
  for (let i = 1; i < n; i++) if (dAlphaDtPerS[i] > dAlphaDtPerS[iMax] || (!(dAlphaDtPerS[iMax] === dAlphaDtPerS[iMax]) && Number.isFinite(dAlphaDtPerS[i]))) iMax = i;
  const heating = temperatureC !== null && initialHeatingRateCPerMin(tS, temperatureC) >= HEATING_MIN_C_PER_MIN;
  const extrapolated = temperatureC !== null ? extrapolatedOnset(tS, alpha, dAlphaDtPerS, temperatureC, n) : null;

  return {
    tAlphaS,
    tSaturationS,
    alphaFinal,
    maxRatePerS: dAlphaDtPerS[iMax],
    alphaAtMaxRate: alpha[iMax],
    tAtMaxRateS: tS[iMax],
    onsetC: heating ? onsetTemperature(tS, alpha, temperatureC, n, onsetAlpha) : null,
    onsetExtrapolatedC: extrapolated ? extrapolated.onsetC : null,
    inflectionC: extrapolated ? extrapolated.inflectionC : null,
  };
}

/** Linear interpolation over NaN gaps (ends held), so a derivative does not spread NaN; null when all are NaN. */
function fillGaps(y: Float64Array): Float64Array | null {
  const out = y.slice();
  let last = -1;
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i])) continue;
    if (last < 0) out.fill(out[i], 0, i);
    else for (let k = last + 1; k < i; k++) out[k] = out[last] + ((out[i] - out[last]) * (k - last)) / (i - last);
    last = i;
  }
  if (last < 0) return null;
  out.fill(out[last], last + 1);
  return out;
}

/**
 * ISO 11358-1 extrapolated onset of the main step within the first n points (see ExtrapolatedOnset). The
 * inflection is the largest dα/dt among the points heated at ≥ 1 °C/min and ≥ half the median heating rate (on a
 * linear ramp, the largest dα/dT); dT/dt is a 61 s Savitzky–Golay derivative of the sample temperature. null when
 * no heating point loses mass, or when the fastest heating point is slower than half the fastest rate in the window
 * (the main step is isothermal). Unlike onsetC it does not need heating from the reduction start: H2 from room
 * temperature, a drying hold, then a ramp is fine.
 */
export function extrapolatedOnset(
  tS: Float64Array,
  alpha: Float64Array,
  dAlphaDtPerS: Float64Array,
  temperatureC: Float64Array,
  n = alpha.length,
): ExtrapolatedOnset | null {
  const m = Math.min(n, alpha.length, temperatureC.length);
  if (m < 5) return null;
  const T = fillGaps(temperatureC.subarray(0, m));
  if (!T) return null;
  const dTdt = savitzkyGolayDerivative(tS.subarray(0, m), T, { windowS: 61, polynomial: 2 }).values;
  // Heating points: at least 1 °C/min and at least half the typical (median) heating rate, so the end of a ramp
  // rolling into a hold, where dT/dt → 0 and dα/dT → ∞, cannot pose as the inflection.
  const rates: number[] = [];
  for (let i = 0; i < m; i++) if (dTdt[i] >= HEATING_MIN_C_PER_MIN / 60) rates.push(dTdt[i]);
  if (rates.length === 0) return null;
  rates.sort((a, b) => a - b);
  const minRate = Math.max(HEATING_MIN_C_PER_MIN / 60, 0.5 * rates[rates.length >> 1]);
  let best = -1;
  for (let i = 0; i < m; i++) {
    if (!Number.isFinite(temperatureC[i]) || !(dTdt[i] >= minRate) || !Number.isFinite(dAlphaDtPerS[i])) continue;
    if (best < 0 || dAlphaDtPerS[i] > dAlphaDtPerS[best]) best = i;
  }
  if (best < 0) return null;
  // The main step must happen while heating: an isothermal reduction (or a step in a hold) has no onset temperature.
  let peak = 0;
  for (let i = 0; i < m; i++) if (dAlphaDtPerS[i] > peak) peak = dAlphaDtPerS[i];
  if (dAlphaDtPerS[best] < 0.5 * peak) return null;
  const slopePerC = dAlphaDtPerS[best] / dTdt[best];
  const inflectionC = temperatureC[best];
  const alphaAtInflection = alpha[best];
  // A real step has lost mass by its inflection (α ≥ 0.005) and its tangent meets the baseline within the heated
  // range; a flat or gaining curve (a constant TG channel, carbon deposition) gives no onset.
  if (!(slopePerC > 0) || !(alphaAtInflection >= 0.005)) return null;
  const onsetC = inflectionC - alphaAtInflection / slopePerC;
  let tMin = Infinity;
  let tMax = -Infinity;
  for (let i = 0; i < m; i++) {
    if (T[i] < tMin) tMin = T[i];
    if (T[i] > tMax) tMax = T[i];
  }
  if (!(onsetC >= tMin - (tMax - tMin))) return null;
  return { onsetC, inflectionC, alphaAtInflection, slopePerC };
}

/** Heating rate (°C/min) over the first 60 s after the start, by a least-squares line. */
export function initialHeatingRateCPerMin(tS: Float64Array, temperatureC: Float64Array, spanS = 60): number {
  const to = Math.max(2, lowerBound(tS, tS[0] + spanS));
  let st = 0, sT = 0, stt = 0, stT = 0, k = 0;
  for (let i = 0; i < Math.min(to, tS.length); i++) {
    const t = tS[i], T = temperatureC[i];
    if (T !== T) continue;
    st += t; sT += T; stt += t * t; stT += t * T; k++;
  }
  const den = k * stt - st * st;
  return k < 2 || den === 0 ? 0 : ((k * stT - st * sT) / den) * 60;
}

function onsetTemperature(tS: Float64Array, alpha: Float64Array, temperatureC: Float64Array, n: number, onsetAlpha: number): number | null {
  const t = firstCrossing(tS, alpha, onsetAlpha, 0, n);
  if (t === null) return null;
  const i = Math.min(lowerBound(tS, t), n - 1);
  const T = i === 0 ? temperatureC[0] : temperatureC[i - 1] + ((t - tS[i - 1]) / (tS[i] - tS[i - 1])) * (temperatureC[i] - temperatureC[i - 1]);
  // an empty temperature cell beside the crossing (TRIOS) gives no onset rather than NaN
  return Number.isFinite(T) ? T : null;
}

const extrapolatedOf = (m: TgaMetrics): number | null =>
  typeof m.onsetExtrapolatedC === 'number' && Number.isFinite(m.onsetExtrapolatedC) ? m.onsetExtrapolatedC : null;

/** Speed-up of every run against the reference: t_ref / t_run per time metric; onset shifts in °C. */
export function speedUps(items: { id: string; metrics: TgaMetrics }[], referenceId: string): SpeedUp[] {
  const ref = items.find((it) => it.id === referenceId);
  if (!ref) throw new Error(`speed-ups: reference '${referenceId}' is not among the runs (${items.map((it) => it.id).join(', ')})`);
  const ratio = (tRef: number | null | undefined, tRun: number | null | undefined): number | null =>
    tRef === null || tRef === undefined || tRun === null || tRun === undefined || !(tRun > 0) ? null : tRef / tRun;
  return items.map((it) => {
    const tAlpha: Record<string, number | null> = {};
    for (const key of Object.keys(ref.metrics.tAlphaS)) tAlpha[key] = ratio(ref.metrics.tAlphaS[key], it.metrics.tAlphaS[key]);
    return {
      runId: it.id,
      referenceId,
      tAlpha,
      tSaturation: ratio(ref.metrics.tSaturationS, it.metrics.tSaturationS),
      onsetShiftC: ref.metrics.onsetC === null || it.metrics.onsetC === null ? null : it.metrics.onsetC - ref.metrics.onsetC,
      onsetExtrapolatedShiftC: (() => {
        const a = extrapolatedOf(ref.metrics);
        const b = extrapolatedOf(it.metrics);
        return a === null || b === null ? null : b - a;
      })(),
    };
  });
}
