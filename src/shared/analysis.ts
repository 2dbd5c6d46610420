/**
 * TGA analysis types: recipe → theoretical loss, reduction start, blank correction, α(t), dα/dt, metrics,
 * speed-up factors. Produced by src/core/tga/analyze.ts, shown by the renderer, printed by the CLI.
 */

/** A precursor as the user gives it: a formula, with a mass percentage when the powder mix is given directly. */
export interface PrecursorInput {
  formula: string;
  /** wt.% of the powder; omitted when the recipe is given as a target alloy. */
  wtPercent?: number;
}

export interface RecipeInput {
  precursors: PrecursorInput[];
  /** Target alloy in wt.%, e.g. 'Fe-36Ni' (balance first). Proportions the precursors when wtPercent is absent. */
  target?: string;
}

export interface PrecursorResult {
  formula: string;
  massFraction: number;
  molarMassGPerMol: number;
  /** Mass fraction of this precursor that complete reduction to metal removes (Fe2O3 → 0.3006). */
  removableOxygenFraction: number;
  /** massFraction × removableOxygenFraction: this precursor's share of the sample's theoretical loss. */
  lossContribution: number;
}

export interface Recipe {
  precursors: PrecursorResult[];
  /** Target alloy as understood, metal → wt fraction. */
  targetWtFraction?: Record<string, number>;
  /** Removable oxygen as a fraction of the powder mass. */
  theoreticalLossFraction: number;
  /** Human-readable steps of the derivation, shown in the app and printed by the CLI. */
  derivation: string[];
}

export type StartSource = 'gas-event' | 'segment' | 'detected' | 'manual';

/**
 * What set the end of the reducing window, in the order the rules are tried (core/tga/start.ts): the user, a switch
 * away from the reducing gas, the file's programme segments, a programme written in the file's header, the measured
 * temperature (the hold ends or cooling starts), the end of the data.
 */
export type EndSource = 'manual' | 'gas-event' | 'segment' | 'programme' | 'temperature' | 'data';

export interface TgaAnalysisOptions {
  /** Without a recipe α is normalised to the loss observed over the reducing window (and a warning says so). */
  recipe?: RecipeInput;
  /** File time (s) of the reduction start; null/undefined = automatic. */
  startS?: number | null;
  /** Alphas at which to report times. Default [0.5, 0.9]. */
  alphaTargets?: number[];
  /** Saturation = first time α reaches this fraction of its final value. Default 0.99. */
  saturationFraction?: number;
  /** Savitzky–Golay window for dα/dt in seconds (converted to an odd number of points). Default 15 s (see docs/tga-analysis.md for the bias/noise trade-off). */
  sgWindowS?: number;
  /** Savitzky–Golay polynomial order. Default 2. */
  sgPolynomial?: number;
  /** For continuous-heating runs: α at which the onset temperature is read. Default 0.02. */
  onsetAlpha?: number;
}

export interface ReductionInfo {
  startS: number;
  startSource: StartSource;
  /** Human-readable reason, e.g. 'gas column switches Ar → H2 at 2625 s'. */
  startNote: string;
  /** File time (s) where the reducing window (and every metric) ends, and which rule set it. */
  endS: number;
  endSource: EndSource;
  /** Human-readable reason, e.g. 'gas switches to Ar at 4425 s'. */
  endNote: string;
  /** Mean corrected mass over the 10 s before the start. */
  massStartMg: number;
  /** theoreticalLossFraction × powder mass (the file's sample mass, else the corrected mass at the first points). */
  theoreticalLossMg: number;
  theoreticalLossFraction: number;
}

export interface TgaMetrics {
  /** Keyed by String(α) ('0.5', '0.9'); null when never reached within the reducing window. */
  tAlphaS: Record<string, number | null>;
  tSaturationS: number | null;
  /** Mean α over the last 30 s of the reducing window (metrics never look past that window). */
  alphaFinal: number;
  maxRatePerS: number;
  alphaAtMaxRate: number;
  tAtMaxRateS: number;
  /** Onset temperature for continuous-heating runs (α reaches onsetAlpha); null for isothermal reductions. */
  onsetC: number | null;
  /** ISO 11358-1 extrapolated onset (°C): the α = 0 baseline meets the tangent at the inflection point of α(T);
   *  null for isothermal starts or when no heating step has a mass loss. */
  onsetExtrapolatedC: number | null;
  /** Temperature of that inflection point (largest dα/dT while heating), °C. */
  inflectionC: number | null;
}

export interface TgaAnalysis {
  reduction: ReductionInfo;
  recipe: Recipe | null;
  /** Full-resolution series from the reduction start on: time since start, α, dα/dt (s⁻¹), T, corrected mass. */
  tS: Float64Array;
  alpha: Float64Array;
  dAlphaDtPerS: Float64Array;
  temperatureC: Float64Array | null;
  massCorrectedMg: Float64Array;
  metrics: TgaMetrics;
  /** For Fe2O3 + NiO: NiO's share of the theoretical loss and the apparent Fe2O3 conversion after removing it. */
  nioShare: { lossShare: number; apparentFe2O3Alpha: Float64Array } | null;
  /** The whole run (file time, after a backwards-time cut) with its blank-corrected mass, in mg or in %. */
  corrected: { timeS: Float64Array; massMg: Float64Array; unit: 'mg' | '%' };
  /** Checks a careful analyst makes (core/tga/checks): α out of range, late manual start, smoothing, mass rise. */
  checks: RunCheck[];
  warnings: string[];
}

export type RunCheckCode = 'alpha-above' | 'alpha-below' | 'late-start' | 'smoothing' | 'mass-rise';

/** A check that failed, shown on the run. */
export interface RunCheck {
  code: RunCheckCode;
  message: string;
}

/** Speed-up of one run against the reference: t_ref / t_run for every time metric. */
export interface SpeedUp {
  runId: string;
  referenceId: string;
  tAlpha: Record<string, number | null>;
  tSaturation: number | null;
  /** onset_run − onset_ref in °C (negative = earlier). */
  onsetShiftC: number | null;
  /** Shift of the ISO 11358-1 extrapolated onset, run − reference (°C); null unless both have one. */
  onsetExtrapolatedShiftC: number | null;
}

// ── replicates (core/tga/replicates) ──

/** Mean ± sample SD (n) of one metric over a condition's runs. */
export interface Stat {
  mean: number;
  /** Sample SD; null when n < 2. */
  sd: number | null;
  n: number;
}

/** A ratio or difference with its propagated uncertainty. */
export interface Estimate {
  value: number;
  /** Propagated standard uncertainty; null when neither side has an SD. */
  u: number | null;
  /** True when one side has n = 1, so u holds the other side's scatter only. */
  partial: boolean;
  n: number;
  nReference: number;
}

export interface ConditionStats {
  name: string;
  runIds: string[];
  /** Runs in the condition (analysed ones). */
  n: number;
  tAlphaS: Record<string, Stat | null>;
  tSaturationS: Stat | null;
  alphaFinal: Stat | null;
  maxRatePerS: Stat | null;
  alphaAtMaxRate: Stat | null;
  onsetC: Stat | null;
  onsetExtrapolatedC: Stat | null;
  inflectionC: Stat | null;
}

export interface ConditionSpeedUp {
  condition: string;
  reference: string;
  isReference: boolean;
  tAlpha: Record<string, Estimate | null>;
  tSaturation: Estimate | null;
  onsetShiftC: Estimate | null;
  onsetExtrapolatedShiftC: Estimate | null;
}
