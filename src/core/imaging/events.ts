/**
 * Events in an intensity series: stage onsets by a stated threshold rule, and ΔI % across an event such as the
 * quench (docs/radiography.md).
 *
 * Onset rule (per region, on the normalised intensity I/I₀): the baseline is frames [b0, b1] (default the first
 * 10 % of the frames, at least 10); μ and σ are its mean and sample standard deviation (n − 1). The onset is the
 * first frame i > b1 such that |I_j − μ| > k·σ for every j in i … i + N − 1 (default k = 5, N = 5). With
 * independent Gaussian noise a false onset needs N frames in a row beyond kσ: probability ≈ (5.7·10⁻⁷)⁵ per frame
 * for k = 5. A noise-free baseline (σ = 0) uses σ = 10⁻⁹·|μ|, so any change is an onset.
 *
 * ΔI % = (I_before − I_after) / I_before × 100, the means taken over the two frame ranges. This is the definition
 * that reproduces the LVP paper's Table 1 (e.g. iron nitride 73.769 → 71.389: 3.23 %; dividing by I_after would give
 * 3.33 %), pinned in events.test.ts.
 */
import type { DeltaEvent, OnsetRule, RegionDelta } from '../../shared/radiography';

export const ONSET_DEFAULTS = { k: 5, consecutive: 5 } as const;

/** The default baseline: the first 10 % of the frames, at least 10 (never more than all but N frames). */
export function defaultBaseline(frames: number, consecutive: number = ONSET_DEFAULTS.consecutive): [number, number] {
  const last = Math.max(Math.min(frames - 1 - consecutive, Math.max(9, Math.floor(0.1 * frames) - 1)), 0);
  return [0, last];
}

export function resolveOnsetRule(rule: OnsetRule | undefined, frames: number): Required<OnsetRule> {
  const k = rule?.k ?? ONSET_DEFAULTS.k;
  const consecutive = rule?.consecutive ?? ONSET_DEFAULTS.consecutive;
  return { k, consecutive, baseline: rule?.baseline ?? defaultBaseline(frames, consecutive) };
}

/** Mean and sample SD of the finite values of x[a..b]. */
export function meanSd(x: ArrayLike<number>, a: number, b: number): { mean: number; sd: number; n: number } {
  let n = 0;
  let s = 0;
  for (let i = Math.max(0, a); i <= Math.min(x.length - 1, b); i++) {
    if (Number.isFinite(x[i])) {
      s += x[i];
      n++;
    }
  }
  const mean = n > 0 ? s / n : NaN;
  let ss = 0;
  for (let i = Math.max(0, a); i <= Math.min(x.length - 1, b); i++) if (Number.isFinite(x[i])) ss += (x[i] - mean) ** 2;
  return { mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN, n };
}

export interface OnsetFound {
  frame: number | null;
  baselineMean: number;
  baselineSd: number;
}

/** The onset frame of one series under the rule (null when there is none). */
export function detectOnset(values: ArrayLike<number>, rule: Required<OnsetRule>): OnsetFound {
  const [b0, b1] = rule.baseline;
  const { mean, sd } = meanSd(values, b0, b1);
  const sigma = Number.isFinite(sd) && sd > 0 ? sd : 1e-9 * Math.abs(mean);
  const limit = rule.k * sigma;
  let run = 0;
  for (let i = b1 + 1; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v) && Math.abs(v - mean) > limit) {
      run++;
      if (run >= rule.consecutive) return { frame: i - rule.consecutive + 1, baselineMean: mean, baselineSd: sd };
    } else run = 0;
  }
  return { frame: null, baselineMean: mean, baselineSd: sd };
}

/** ΔI % = (before − after)/before × 100. */
export function deltaPercent(before: number, after: number): number {
  return ((before - after) / before) * 100;
}

/** ΔI of one series across an event, with 1σ from the standard errors of the two means. */
export function regionDelta(region: string, values: ArrayLike<number>, event: DeltaEvent): RegionDelta {
  const b = meanSd(values, event.before[0], event.before[1]);
  const a = meanSd(values, event.after[0], event.after[1]);
  const percent = deltaPercent(b.mean, a.mean);
  const seB = b.sd / Math.sqrt(b.n);
  const seA = a.sd / Math.sqrt(a.n);
  const ratio = a.mean / b.mean;
  const sigmaPercent = 100 * Math.abs(ratio) * Math.sqrt((seA / a.mean) ** 2 + (seB / b.mean) ** 2);
  return { region, before: b.mean, after: a.mean, percent, sigmaPercent };
}

/** Check a ΔI event against the frame count; the message says what is wrong. */
export function checkDeltaEvent(event: DeltaEvent, frames: number): string | null {
  for (const [label, [a, b]] of [['before', event.before], ['after', event.after]] as const) {
    if (!(Number.isInteger(a) && Number.isInteger(b) && a >= 0 && b >= a)) return `the ${label} range ${a}–${b} must be whole frame numbers, first ≤ last`;
    if (b >= frames) return `the ${label} range ${a}–${b} ends past the last frame (${frames - 1})`;
  }
  return null;
}
