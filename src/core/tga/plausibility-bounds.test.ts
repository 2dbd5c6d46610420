/** The plausibility bounds at their edges and the sentences they give, word for word (no analysis needed). */
import { describe, expect, it } from 'vitest';
import type { TgaRun } from '../../shared/types';
import { alphaFinalWarning, importPlausibilityWarnings, PLAUSIBLE, plausibleSampleMassMg } from './plausibility';
import { tgaRun } from './testkit';

function runWith(massMg: number[] | null, initialMassMg?: number): TgaRun {
  return tgaRun({
    source: { fileName: 'r.csv', formatId: 'generic', formatLabel: 'table', headerLine: 1, dataStartLine: 2, dataEndLine: 2 },
    sample: initialMassMg === undefined ? {} : { initialMassMg },
    timeS: Float64Array.from(massMg ?? [0], (_, i) => i),
    massMg: massMg ? Float64Array.from(massMg) : null,
    massPercent: massMg ? null : Float64Array.of(100),
  });
}

describe('plausibility bounds', () => {
  it('a stated sample mass is plausible in (0, 100 g]', () => {
    expect(PLAUSIBLE).toEqual({ maxSampleMassMg: 100_000, maxRecordedMassMg: 1_000_000, alphaFinalMax: 1.5, alphaFinalMin: -0.5 });
    expect([1e-6, 12.5, 100_000].map(plausibleSampleMassMg)).toEqual([true, true, true]);
    expect([undefined, 0, -1, 100_000.001, NaN, Infinity].map(plausibleSampleMassMg)).toEqual([false, false, false, false, false, false]);
  });

  it('the stated-mass sentences, with the mass as written (exponent beyond 1e6 mg)', () => {
    expect(importPlausibilityWarnings(runWith([10, 9], 2e6))).toEqual([
      "The stated sample mass 2.000e+6 mg is beyond any thermobalance (> 100 g): the analysis uses the measured mass instead. Check the file's mass unit.",
    ]);
    expect(importPlausibilityWarnings(runWith([10, 9], 100_001))).toEqual([
      "The stated sample mass 100001 mg is beyond any thermobalance (> 100 g): the analysis uses the measured mass instead. Check the file's mass unit.",
    ]);
    expect(importPlausibilityWarnings(runWith([10, 9], -0.0005))).toEqual(['The stated sample mass -5.000e-4 mg is not a positive mass: the analysis uses the measured mass instead.']);
    expect(importPlausibilityWarnings(runWith([10, 9], 0))).toEqual(['The stated sample mass 0 mg is not a positive mass: the analysis uses the measured mass instead.']);
    expect(importPlausibilityWarnings(runWith([10, 9], 100_000))).toEqual([]);
    // numbers are written with an exponent from 1e6 on and below 1e-3: 1e6 itself is 1.000e+6, 1e-3 is 0.001
    expect(importPlausibilityWarnings(runWith([10, 9], 1e6))[0]).toContain('The stated sample mass 1.000e+6 mg is beyond');
    expect(importPlausibilityWarnings(runWith([10, 9], 999_999))[0]).toContain('The stated sample mass 999999 mg is beyond');
    expect(alphaFinalWarning(2, 0.001, true)).toContain("the run lost 2× the recipe's theoretical loss (0.001 mg)");
    expect(alphaFinalWarning(2, 0.000999, true)).toContain("the run lost 2× the recipe's theoretical loss (9.990e-4 mg)");
  });

  it('recorded masses beyond 1 kg (either sign) name the largest and where it first is; non-finite ones are counted', () => {
    expect(importPlausibilityWarnings(runWith([10, 1_000_000, -1_000_000]))).toEqual([]);
    expect(importPlausibilityWarnings(runWith([10, 2e6, -3e6, -3e6]))).toEqual([
      'Mass values up to -3.000e+6 mg (first at data point 3) are not masses a TGA records (> 1 kg): check the mass column and its unit, or the file is damaged.',
    ]);
    expect(importPlausibilityWarnings(runWith([10, NaN, 9]))).toEqual(['1 mass value is not finite (empty, NaN or overflowing) and is skipped where possible.']);
    expect(importPlausibilityWarnings(runWith([NaN, Infinity, 9]))).toEqual(['2 mass values are not finite (empty, NaN or overflowing) and are skipped where possible.']);
    expect(importPlausibilityWarnings(runWith(null))).toEqual([]);
  });

  it('α_final outside [−0.5, 1.5] is implausible, with or without a recipe; the edges are not', () => {
    expect(alphaFinalWarning(1.5, 3, true)).toBeNull();
    expect(alphaFinalWarning(-0.5, 3, true)).toBeNull();
    expect(alphaFinalWarning(1.6, 0.123456789, false)).toBe(
      'Implausible: α_final = 1.6, i.e. the run lost 1.6× the expected theoretical loss (0.123457 mg). Check the recipe and the sample mass, and whether this run is a blank.',
    );
    expect(alphaFinalWarning(-0.75, 3, true)).toBe(
      'Implausible: α_final = -0.75: the run gained mass where a reduction loses it. Check the reduction start, the blank and whether this run is a blank or an oxidation.',
    );
    expect(alphaFinalWarning(Infinity, 3, true)).toBe('α_final is not a number: the mass data do not support an analysis.');
  });
});
