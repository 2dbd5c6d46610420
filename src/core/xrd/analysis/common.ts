/**
 * What every stage of the sequence analysis shares: the option defaults, the settings type, the phases of an
 * analysis, the progress callback and three small numeric helpers.
 */
import type { XrdAnalysis, XrdProgressStage } from '../../../shared/xrd-results';
import type { PhaseDef } from '../crystal/types';
import { ROOM_TEMPERATURE_C } from '../crystal/thermal';

/** The option defaults (XrdAnalysisOptions documents each). */
export const XRD_ANALYSIS_DEFAULTS = {
  refine: true,
  backgroundOrder: 1,
  backgroundTerms: 7,
  dropBelowWt: 0.005,
  polarisationK: 0.5,
  debyeWaller: true,
  temperatureC: ROOM_TEMPERATURE_C,
  refineB: true,
  refineBMinWt: 0.1,
  detectionK: 3,
  minConsecutive: 2,
  cellSearchRange: [-0.015, 0.035] as [number, number],
};

/** The options with their defaults filled in. */
export type Settings = XrdAnalysis['settings'];

/** Phases for the analysis: refined ones and those only tested for presence. */
export interface ResolvedPhases {
  refine: PhaseDef[];
  detect: PhaseDef[];
}

/** Progress over all stages: Rietveld frames (and the frames of the chain's pooled-ΔB second pass where it runs: the
 *  total grows by the frame count when it starts, and `stage` says so), then peak frames, then presence frames. */
export type ProgressCallback = (done: number, total: number, stage?: XrdProgressStage) => void;

/** Linear interpolation on an ascending grid; NaN outside. */
export function interp(x: Float64Array, y: Float64Array, at: number): number {
  const n = x.length;
  if (n < 2 || !(at >= x[0] && at <= x[n - 1])) return NaN;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= at) lo = mid;
    else hi = mid;
  }
  const t = (at - x[lo]) / (x[hi] - x[lo] || 1);
  return y[lo] + t * (y[hi] - y[lo]);
}

/** Median of the finite values (NaN when there are none). */
export function median(values: number[]): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

export function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
