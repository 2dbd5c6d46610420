/**
 * Kinetic metrics from α(t) over the reducing window. Definitions (docs/tga-analysis.md):
 * - t(α): first crossing of α, linear interpolation between the bracketing points;
 * - α_final: mean α over the last finalWindowS (30 s) of the reducing window;
 * - t_sat: first time α reaches saturationFraction × α_final;
 * - max rate: largest Savitzky–Golay dα/dt in the window, with α and t there;
 * - onset: for continuous heating (T rises ≥ 1 °C/min over the first 60 s after the start), the temperature at
 *   which α first reaches onsetAlpha; null when the reduction starts isothermally.
 */
import type { SpeedUp, TgaMetrics } from '../../shared/analysis';
import { firstCrossing, lowerBound, meanRange } from './series';

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

  let iMax = 0;
  for (let i = 1; i < n; i++) if (dAlphaDtPerS[i] > dAlphaDtPerS[iMax]) iMax = i;

  return {
    tAlphaS,
    tSaturationS,
    alphaFinal,
    maxRatePerS: dAlphaDtPerS[iMax],
    alphaAtMaxRate: alpha[iMax],
    tAtMaxRateS: tS[iMax],
    onsetC: temperatureC ? onsetTemperature(tS, alpha, temperatureC, n, onsetAlpha) : null,
  };
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
  if (initialHeatingRateCPerMin(tS, temperatureC) < 1) return null;
  const t = firstCrossing(tS, alpha, onsetAlpha, 0, n);
  if (t === null) return null;
  const i = Math.min(lowerBound(tS, t), n - 1);
  if (i === 0) return temperatureC[0];
  const f = (t - tS[i - 1]) / (tS[i] - tS[i - 1]);
  return temperatureC[i - 1] + f * (temperatureC[i] - temperatureC[i - 1]);
}

/** Speed-up of every run against the reference: t_ref / t_run per time metric; onset shift in °C. */
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
    };
  });
}
