/**
 * Numbers a TGA cannot produce, said plainly rather than carried into a result: masses beyond any balance, a stated
 * sample mass that is not positive or beyond a TGA's capacity, and a final conversion far from [0, 1] (a blank
 * analysed with a recipe reaches α_final ≈ 150: its buoyancy drift divided by a theoretical loss it never had).
 *
 * Bounds (generous, so a real run never trips them): thermobalances weigh samples of micrograms to ~50 g (macro
 * TGA ~100 g), so a stated sample mass above 100 g or a recorded mass above 1 kg is not a TGA mass; α = 1 is the
 * theoretical loss and measured runs end within ~±0.2 of it (extra volatiles, incomplete reduction), so α_final
 * beyond 1.5 or below −0.5 means the recipe, the mass or the run's role is wrong.
 */
import type { TgaRun } from '../../shared/types';

export const PLAUSIBLE = {
  /** Largest plausible stated sample mass (mg): 100 g. */
  maxSampleMassMg: 100_000,
  /** Largest plausible recorded mass (mg): 1 kg. */
  maxRecordedMassMg: 1_000_000,
  alphaFinalMax: 1.5,
  alphaFinalMin: -0.5,
} as const;

const fmt = (x: number): string => (Math.abs(x) >= 1e6 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(3) : String(Number(x.toPrecision(6))));

/** Is a stated sample mass (mg) one a thermobalance can hold? */
export function plausibleSampleMassMg(massMg: number | undefined): boolean {
  return massMg !== undefined && Number.isFinite(massMg) && massMg > 0 && massMg <= PLAUSIBLE.maxSampleMassMg;
}

/** Warnings about an imported run's masses (none for a plausible run). */
export function importPlausibilityWarnings(run: TgaRun): string[] {
  const out: string[] = [];
  const stated = run.sample.initialMassMg;
  if (stated !== undefined && !plausibleSampleMassMg(stated)) {
    out.push(
      stated > PLAUSIBLE.maxSampleMassMg
        ? `The stated sample mass ${fmt(stated)} mg is beyond any thermobalance (> 100 g): the analysis uses the measured mass instead. Check the file's mass unit.`
        : `The stated sample mass ${fmt(stated)} mg is not a positive mass: the analysis uses the measured mass instead.`,
    );
  }
  if (run.massMg) {
    let worst = 0;
    // Stryker disable next-line UnaryOperator: at is read only when |worst| > 0, and worst leaves 0 only where at is set
    let at = -1;
    let nonFinite = 0;
    for (let i = 0; i < run.massMg.length; i++) {
      const m = run.massMg[i];
      if (!Number.isFinite(m)) nonFinite++;
      else if (Math.abs(m) > Math.abs(worst)) {
        worst = m;
        at = i;
      }
    }
    if (Math.abs(worst) > PLAUSIBLE.maxRecordedMassMg) {
      out.push(`Mass values up to ${fmt(worst)} mg (first at data point ${at + 1}) are not masses a TGA records (> 1 kg): check the mass column and its unit, or the file is damaged.`);
    }
    if (nonFinite > 0) out.push(`${nonFinite} mass value${nonFinite === 1 ? ' is' : 's are'} not finite (empty, NaN or overflowing) and ${nonFinite === 1 ? 'is' : 'are'} skipped where possible.`);
  }
  return out;
}

/** A warning when α_final is far outside [0, 1], or null. */
export function alphaFinalWarning(alphaFinal: number, theoreticalLossMg: number, withRecipe: boolean): string | null {
  if (!Number.isFinite(alphaFinal)) return `α_final is not a number: the mass data do not support an analysis.`;
  if (alphaFinal > PLAUSIBLE.alphaFinalMax) {
    return `Implausible: α_final = ${fmt(alphaFinal)}, i.e. the run lost ${fmt(alphaFinal)}× the ${withRecipe ? "recipe's" : 'expected'} theoretical loss (${fmt(theoreticalLossMg)} mg). Check the recipe and the sample mass, and whether this run is a blank.`;
  }
  if (alphaFinal < PLAUSIBLE.alphaFinalMin) {
    return `Implausible: α_final = ${fmt(alphaFinal)}: the run gained mass where a reduction loses it. Check the reduction start, the blank and whether this run is a blank or an oxidation.`;
  }
  return null;
}
