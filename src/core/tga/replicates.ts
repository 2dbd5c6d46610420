/**
 * Replicates: runs grouped as repeats of one condition (same powder, same programme). Every metric is reported per
 * condition as mean ± SD (n), SD the sample standard deviation (n − 1 in the denominator; undefined for n = 1).
 *
 * Speed-up of a condition c against the reference condition r, for a time metric t (t(α), t_sat):
 *   S = t̄_r / t̄_c   (ratio of the means)
 *   u(S) = S · √( (s_r / t̄_r)² + (s_c / t̄_c)² )
 * first-order propagation of the two relative SDs, the two conditions being independent (GUM, JCGM 100:2008
 * §5.1.6 for a quotient). With SDs it is the scatter expected of the speed-up measured on one run of each; the
 * standard error of the ratio of the means would divide each term by its n. A condition with n = 1 has no SD and
 * contributes nothing: then u(S) carries the other condition's scatter only (and `partial` says so); when both
 * have n = 1 there is no uncertainty. The reference condition's own speed-up is exactly 1.
 * Onset shifts: Δ = T̄_c − T̄_r, u(Δ) = √(s_c² + s_r²), with the same rule for n = 1.
 * A metric a run does not reach (t(0.9) when α stays below 0.9) is left out of that metric's mean, so n is per
 * metric.
 */
import type { ConditionSpeedUp, ConditionStats, Estimate, SpeedUp, Stat, TgaMetrics } from '../../shared/analysis';
import { speedUps } from './metrics';

export type { ConditionSpeedUp, ConditionStats, Estimate, Stat } from '../../shared/analysis';

/** Mean ± sample SD (n) of the finite values; null when there are none. */
export function stat(values: (number | null | undefined)[]): Stat | null {
  const v = values.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  const n = v.length;
  if (n === 0) return null;
  let mean = 0;
  for (const x of v) mean += x;
  mean /= n;
  if (n < 2) return { mean, sd: null, n };
  let ss = 0;
  for (const x of v) ss += (x - mean) * (x - mean);
  return { mean, sd: Math.sqrt(ss / (n - 1)), n };
}

export interface ReplicateRun {
  id: string;
  condition: string;
  metrics: TgaMetrics;
}

/** Conditions in the order their first run appears, with every metric as mean ± SD (n). */
export function conditionStats(runs: ReplicateRun[]): ConditionStats[] {
  const groups = new Map<string, ReplicateRun[]>();
  for (const r of runs) {
    const g = groups.get(r.condition);
    if (g) g.push(r);
    else groups.set(r.condition, [r]);
  }
  return [...groups].map(([name, members]) => {
    const keys = [...new Set(members.flatMap((r) => Object.keys(r.metrics.tAlphaS)))];
    const tAlphaS: Record<string, Stat | null> = {};
    for (const k of keys) tAlphaS[k] = stat(members.map((r) => r.metrics.tAlphaS[k]));
    const of = (f: (m: TgaMetrics) => number | null | undefined): Stat | null => stat(members.map((r) => f(r.metrics)));
    return {
      name,
      runIds: members.map((r) => r.id),
      n: members.length,
      tAlphaS,
      tSaturationS: of((m) => m.tSaturationS),
      alphaFinal: of((m) => m.alphaFinal),
      maxRatePerS: of((m) => m.maxRatePerS),
      alphaAtMaxRate: of((m) => m.alphaAtMaxRate),
      onsetC: of((m) => m.onsetC),
      onsetExtrapolatedC: of((m) => m.onsetExtrapolatedC),
      inflectionC: of((m) => m.inflectionC),
    };
  });
}

const rel = (s: Stat): number | null => (s.sd === null ? null : s.sd / s.mean);

/** S = t̄_r / t̄_c with u(S) = S·√((s_r/t̄_r)² + (s_c/t̄_c)²) (see the module comment). */
export function ratioOfMeans(reference: Stat | null, condition: Stat | null): Estimate | null {
  if (!reference || !condition || !(condition.mean > 0) || !(reference.mean > 0)) return null;
  const value = reference.mean / condition.mean;
  const terms = [rel(reference), rel(condition)].filter((x): x is number => x !== null);
  return {
    value,
    u: terms.length === 0 ? null : value * Math.sqrt(terms.reduce((s, x) => s + x * x, 0)),
    partial: terms.length === 1,
    n: condition.n,
    nReference: reference.n,
  };
}

/** Δ = x̄_c − x̄_r with u(Δ) = √(s_c² + s_r²). */
export function differenceOfMeans(reference: Stat | null, condition: Stat | null): Estimate | null {
  if (!reference || !condition) return null;
  const terms = [reference.sd, condition.sd].filter((x): x is number => x !== null);
  return {
    value: condition.mean - reference.mean,
    u: terms.length === 0 ? null : Math.sqrt(terms.reduce((s, x) => s + x * x, 0)),
    partial: terms.length === 1,
    n: condition.n,
    nReference: reference.n,
  };
}

/** Speed-ups and onset shifts of every condition against the reference condition. */
export function conditionSpeedUps(conditions: ConditionStats[], referenceName: string): ConditionSpeedUp[] {
  const ref = conditions.find((c) => c.name === referenceName);
  if (!ref) throw new Error(`speed-ups: the reference condition "${referenceName}" has no analysed run`);
  return conditions.map((c) => {
    const isReference = c.name === ref.name;
    const exact = (s: Stat | null): Estimate | null => (s ? { value: 1, u: null, partial: false, n: s.n, nReference: s.n } : null);
    const zero = (s: Stat | null): Estimate | null => (s ? { value: 0, u: null, partial: false, n: s.n, nReference: s.n } : null);
    const tAlpha: Record<string, Estimate | null> = {};
    for (const k of Object.keys(ref.tAlphaS)) tAlpha[k] = isReference ? exact(c.tAlphaS[k]) : ratioOfMeans(ref.tAlphaS[k], c.tAlphaS[k] ?? null);
    return {
      condition: c.name,
      reference: ref.name,
      isReference,
      tAlpha,
      tSaturation: isReference ? exact(c.tSaturationS) : ratioOfMeans(ref.tSaturationS, c.tSaturationS),
      onsetShiftC: isReference ? zero(c.onsetC) : differenceOfMeans(ref.onsetC, c.onsetC),
      onsetExtrapolatedShiftC: isReference ? zero(c.onsetExtrapolatedC) : differenceOfMeans(ref.onsetExtrapolatedC, c.onsetExtrapolatedC),
    };
  });
}

/**
 * Speed-up of every run against the reference condition's means (t̄_r / t_run; onset shifts run − T̄_r). With a
 * reference condition of one run this is exactly core/tga/metrics speedUps against that run.
 */
export function runSpeedUps(items: { id: string; metrics: TgaMetrics }[], reference: ConditionStats, referenceId: string): SpeedUp[] {
  const mean = (s: Stat | null): number | null => (s ? s.mean : null);
  const tAlphaS: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(reference.tAlphaS)) tAlphaS[k] = mean(v);
  const pseudo: TgaMetrics = {
    tAlphaS,
    tSaturationS: mean(reference.tSaturationS),
    // Stryker disable LogicalOperator: speedUps reads only tAlphaS, tSaturationS and the two onsets of its reference
    alphaFinal: mean(reference.alphaFinal) ?? NaN,
    maxRatePerS: mean(reference.maxRatePerS) ?? NaN,
    alphaAtMaxRate: mean(reference.alphaAtMaxRate) ?? NaN,
    // Stryker restore LogicalOperator
    tAtMaxRateS: NaN,
    onsetC: mean(reference.onsetC),
    onsetExtrapolatedC: mean(reference.onsetExtrapolatedC),
    inflectionC: mean(reference.inflectionC),
  };
  // Stryker disable next-line StringLiteral: any key works: speedUps takes the first item with that id, the pseudo-run
  const key = '\u0000reference';
  return speedUps([{ id: key, metrics: pseudo }, ...items], key)
    .slice(1)
    .map((s) => ({ ...s, referenceId }));
}

/**
 * A condition name proposed from run labels: a trailing replicate marker is dropped ('Fe2O3_NiO_2' → 'Fe2O3_NiO',
 * 'NiO run 3' → 'NiO', 'S1-b' → 'S1', 'Fe2O3 (2)' → 'Fe2O3', 'Fe2O3 #2' → 'Fe2O3', 'FeNi_rep12' → 'FeNi').
 * A bare trailing number counts only as one digit ('Sample-700' and 'Fe-36' are conditions, not replicates).
 * Labels with no marker stay as they are.
 */
export function conditionFromLabel(label: string): string {
  const stripped = label
    .trim()
    .replace(/\s*\((\d+|[a-z])\)$/i, '')
    .replace(/(?:\s*#\s*|[\s_-]+(?:no\.?\s*|rep(?:licate)?\s*|run\s*|r))\d{1,3}$/i, '')
    .replace(/[\s_-]+(?:\d|[a-d])$/i, '')
    .trim();
  return stripped === '' ? label.trim() : stripped;
}

/** Conditions proposed for a list of labels: only groups of two or more runs are proposed (others stay null). */
export function proposeConditions(labels: string[]): (string | null)[] {
  const names = labels.map(conditionFromLabel);
  const count = new Map<string, number>();
  for (const n of names) count.set(n, (count.get(n) ?? 0) + 1);
  return names.map((n) => ((count.get(n) ?? 0) >= 2 ? n : null));
}
