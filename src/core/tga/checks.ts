/**
 * Checks a careful analyst makes on every run, shown on the run (docs/tga-analysis.md "Checks"):
 * - α out of range: the smoothed α rises above 1.05 or falls below −0.05 in the reducing window (a wrong recipe,
 *   sample mass or blank, or buoyancy left in the mass);
 * - late manual start: the mass had already fallen by more than 2 % of the theoretical loss between the automatic
 *   start (or the onset of the mass loss found in the data) and the start set by hand, so every time is too short;
 * - smoothing-sensitive peak rate: the largest dα/dt moves by more than 10 % when the Savitzky–Golay window is
 *   doubled (the estimate depends on smoothing; report the window with it);
 * - mass rising again: after its maximum the smoothed α falls by more than 0.02 (re-oxidation by a leak or
 *   impurities, carbon deposition, or buoyancy of a gas change).
 * α is smoothed with a centred moving average over the Savitzky–Golay window, so single noisy points never trigger.
 */
import type { RunCheck } from '../../shared/analysis';
import { savitzkyGolayDerivative } from './derivative';
import { lowerBound, meanRange, movingAverage } from './series';

export type { RunCheck, RunCheckCode } from '../../shared/analysis';

export const CHECK_LIMITS = {
  alphaMax: 1.05,
  alphaMin: -0.05,
  /** α reached before a manual start that counts as "the loss had begun". */
  lateStartAlpha: 0.02,
  /** Relative change of the peak rate between the window and twice the window. */
  smoothingShift: 0.1,
  /** Fall of α after its maximum. */
  massRiseAlpha: 0.02,
} as const;

export interface CheckInput {
  /** Time since the reduction start (s), α and dα/dt (s⁻¹) from the start on. */
  tS: Float64Array;
  alpha: Float64Array;
  dAlphaDtPerS: Float64Array;
  /** Leading points of tS that belong to the reducing window. */
  windowPoints: number;
  sgWindowS: number;
  sgPolynomial: number;
  /** The whole run (file time) and its corrected mass, for the late-start check. */
  timeS: Float64Array;
  massMg: Float64Array;
  startS: number;
  startManual: boolean;
  /** Earlier candidates for the start: the automatic start and the detected onset of the loss (file time, s). */
  earlierStartsS: { timeS: number; what: string }[];
  theoreticalLossMg: number;
  massStartMg: number;
  /** Mass unit for messages ('mg' or '%'). */
  massUnit: string;
}

const f = (v: number, digits = 3): string => String(Number(v.toFixed(digits)));
const min = (s: number): string => `${f(s / 60, 2)} min`;

export function runChecks(input: CheckInput): RunCheck[] {
  const out: RunCheck[] = [];
  const n = Math.max(2, Math.min(input.windowPoints, input.alpha.length));
  const t = input.tS.subarray(0, n);
  const smooth = movingAverage(t, input.alpha.subarray(0, n), input.sgWindowS);
  let iMax = -1;
  let iMin = -1;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(smooth[i])) continue;
    if (iMax < 0 || smooth[i] > smooth[iMax]) iMax = i;
    if (iMin < 0 || smooth[i] < smooth[iMin]) iMin = i;
  }
  if (iMax >= 0 && smooth[iMax] > CHECK_LIMITS.alphaMax) {
    out.push({
      code: 'alpha-above',
      message: `α reaches ${f(smooth[iMax])} at ${min(t[iMax])} (above ${CHECK_LIMITS.alphaMax}): more mass is lost than the recipe allows — check the recipe, the sample mass and the blank.`,
    });
  }
  if (iMin >= 0 && smooth[iMin] < CHECK_LIMITS.alphaMin) {
    out.push({
      code: 'alpha-below',
      message: `α falls to ${f(smooth[iMin])} at ${min(t[iMin])} (below ${CHECK_LIMITS.alphaMin}): the mass rises above the starting mass — buoyancy or a gas-switch step not corrected by a blank?`,
    });
  }

  if (input.startManual) {
    // In the order given: the automatic start (what the file says) before the onset found in the data.
    const candidates = input.earlierStartsS.filter((c) => c.timeS < input.startS - 1e-9);
    for (const c of candidates) {
      const from = lowerBound(input.timeS, c.timeS - 10);
      const to = Math.max(from + 1, lowerBound(input.timeS, c.timeS));
      const massThen = meanRange(input.massMg, from, to);
      const lost = massThen - input.massStartMg;
      const alphaThen = lost / input.theoreticalLossMg;
      if (alphaThen > CHECK_LIMITS.lateStartAlpha) {
        out.push({
          code: 'late-start',
          message: `The start set by hand (${f(input.startS, 1)} s) is after the mass loss began: ${f(lost, 3)} ${input.massUnit} (α ≈ ${f(alphaThen, 3)}) were already lost since ${c.what} at ${f(c.timeS, 1)} s, so every time is counted from a late start.`,
        });
        break;
      }
    }
  }

  // Peak rate with the window and with twice the window, over the reducing window.
  const peak = (rate: Float64Array): { value: number; at: number } => {
    let best = -1;
    for (let i = 0; i < n; i++) if (Number.isFinite(rate[i]) && (best < 0 || rate[i] > rate[best])) best = i;
    return best < 0 ? { value: NaN, at: NaN } : { value: rate[best], at: t[best] };
  };
  const p1 = peak(input.dAlphaDtPerS);
  const wide = savitzkyGolayDerivative(input.tS, input.alpha, { windowS: 2 * input.sgWindowS, polynomial: input.sgPolynomial }).values;
  const p2 = peak(wide);
  if (p1.value > 0 && Number.isFinite(p2.value)) {
    const shift = (p2.value - p1.value) / p1.value;
    if (Math.abs(shift) > CHECK_LIMITS.smoothingShift) {
      out.push({
        code: 'smoothing',
        message: `The peak rate depends on smoothing: ${p1.value.toExponential(3)} s⁻¹ with the ${f(input.sgWindowS, 1)} s window, ${p2.value.toExponential(3)} s⁻¹ with ${f(2 * input.sgWindowS, 1)} s (${shift > 0 ? '+' : '−'}${f(Math.abs(shift) * 100, 1)} %); report the window with it, or shorten it if the noise allows.`,
      });
    }
  }

  if (iMax >= 0) {
    let iLow = -1;
    for (let i = iMax + 1; i < n; i++) if (Number.isFinite(smooth[i]) && (iLow < 0 || smooth[i] < smooth[iLow])) iLow = i;
    if (iLow >= 0 && smooth[iMax] - smooth[iLow] > CHECK_LIMITS.massRiseAlpha) {
      const gain = (smooth[iMax] - smooth[iLow]) * input.theoreticalLossMg;
      out.push({
        code: 'mass-rise',
        message: `The mass rises again after the reduction: α falls from ${f(smooth[iMax])} at ${min(t[iMax])} to ${f(smooth[iLow])} at ${min(t[iLow])} (+${f(gain, 3)} ${input.massUnit}) — re-oxidation by a leak or impurity, deposition, or a buoyancy step?`,
      });
    }
  }
  return out;
}
