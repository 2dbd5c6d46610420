/**
 * Kinetics types (issue 9): isoconversional E(α), Kissinger, isothermal JMAK / model fitting / Arrhenius,
 * compensation effect, master plots, predictions, comparison of series. Produced by src/core/kinetics, shown by the
 * renderer's Kinetics workspace, printed by `reductionlab kinetics`. Plain objects, arrays and numbers only (they
 * cross the worker, IPC and the browser-mode JSON codec); `null` where a value is undefined (too few runs, a fit
 * that did not converge), never NaN.
 */

/** Isoconversional methods (docs/kinetics.md gives each equation). */
export const ISOCONVERSIONAL_METHODS = ['friedman', 'kas', 'ofw', 'starink', 'vyazovkin', 'advancedVyazovkin'] as const;
export type IsoconversionalMethod = (typeof ISOCONVERSIONAL_METHODS)[number];
/** Every method a user can ask for: the isoconversional ones, Kissinger (ASTM E698) and the isothermal ones. */
export type KineticsMethod = IsoconversionalMethod | 'kissinger';

export const METHOD_LABELS: Record<KineticsMethod | 'isothermal', string> = {
  friedman: 'Friedman',
  kas: 'KAS',
  ofw: 'OFW (Doyle)',
  starink: 'Starink',
  vyazovkin: 'Vyazovkin',
  advancedVyazovkin: 'Advanced Vyazovkin',
  kissinger: 'Kissinger',
  isothermal: 'Isothermal (ln t_α vs 1/T)',
};

export type KineticsMode = 'nonisothermal' | 'isothermal';
export type AlphaBasis = 'observed' | 'recipe';

/** How α is read from the runs and which α and methods are computed. */
export interface KineticsOptions {
  /** α grid: alphaMin, alphaMin + step, …, ≤ alphaMax (default 0.1 : 0.05 : 0.9). */
  alphaMin?: number;
  alphaMax?: number;
  alphaStep?: number;
  /** 'auto' (default) decides from the measured temperatures. */
  mode?: KineticsMode | 'auto';
  /** Methods to compute (default: all that apply to the mode). */
  methods?: KineticsMethod[];
  /** Δα of the advanced Vyazovkin integrals (default: alphaStep, so the intervals tile the grid). */
  advancedDeltaAlpha?: number;
  /** Savitzky–Golay window for dα/dt as a fraction of each run's α 0.05→0.95 duration (default 1/25). */
  derivativeWindowFraction?: number;
  /** α window of the Avrami (JMAK) plot, default [0.15, 0.85]. */
  avramiWindow?: [number, number];
  /** α range over which the series' E is averaged for the comparison table (default the whole grid). */
  meanRange?: [number, number];
  /** Temperature (K) of the isothermal prediction and of the predicted speed-up; default: the median run temperature. */
  predictionTemperatureK?: number | null;
}

/** One E(α) value with its 95 % confidence half-width (meaning: IsoconversionalSeries.ciMeaning). */
export interface EAlphaPoint {
  alpha: number;
  eKJPerMol: number | null;
  ci95KJPerMol: number | null;
  /** Lower and upper 95 % limits (the Vyazovkin–Wight interval is not symmetric). */
  ci95LowKJPerMol: number | null;
  ci95HighKJPerMol: number | null;
  /** Runs that reached this α. */
  runs: number;
  /** Coefficient of determination of the isoconversional line (linear methods), else null. */
  r2: number | null;
}

/** The points and line of one linear isoconversional regression at one α (for the "regression lines" plot). */
export interface IsoLine {
  alpha: number;
  /** x = 1000/T (K⁻¹) per run (or 1000/T_p for Kissinger). */
  x: number[];
  /** y = the method's ordinate per run (ln(dα/dt), ln(β/T²), ln β, ln(β/T^1.92), ln t_α). */
  y: number[];
  /** y = intercept + slope·x (x in 1000/K). */
  slope: number;
  intercept: number;
}

export interface IsoconversionalSeries {
  method: IsoconversionalMethod | 'isothermal';
  points: EAlphaPoint[];
  /** What the 95 % interval means, in words. */
  ciMeaning: string;
  /** Linear methods: the regression behind every α. */
  lines: IsoLine[] | null;
  /** Axis titles of those regressions. */
  yLabel: string | null;
}

export interface KissingerResult {
  eKJPerMol: number;
  ci95KJPerMol: number | null;
  /** ln(A/s⁻¹) from the intercept, for first-order kinetics (ASTM E698). */
  lnAPerS: number;
  r2: number | null;
  line: IsoLine;
  /** Peak (max dα/dt) temperature (K) and α at the peak, per run. */
  peaks: { label: string; temperatureK: number; alpha: number; heatingRateKPerMin: number }[];
}

/** One reaction model of the ICTAC table fitted to one isothermal run. */
export interface ModelFit {
  code: string;
  /** Rate constant (s⁻¹) of g(α) = k·t (flexible models: the fitted k). */
  kPerS: number | null;
  /** Extra parameters of flexible models (An: n; Fn: n; SB: m, n). */
  params: Record<string, number>;
  /** Residual sum of squares in α over the fitted points. */
  ssr: number | null;
  /** Small-sample Akaike information criterion (AICc) and its difference to the best fixed model of the run. */
  aicc: number | null;
  deltaAicc: number | null;
  /** Fitted parameters counted in AICc. */
  parameters: number;
  flexible: boolean;
}

export interface AvramiFit {
  n: number;
  kPerS: number;
  r2: number;
  /** α window of the fit. */
  alphaWindow: [number, number];
  /** The Avrami plot: x = ln(t/s), y = ln(−ln(1−α)) over the window (decimated). */
  x: number[];
  y: number[];
}

export interface KineticsRunSummary {
  label: string;
  fileName: string;
  kind: 'heating' | 'isothermal' | 'other';
  /** Fitted from T(t) over the α grid's range (K/min); null when the run is not heated linearly. */
  heatingRateKPerMin: number | null;
  /** Largest deviation of T(t) from that line over the range (K). */
  heatingDeviationK: number | null;
  /** Mean sample temperature over the α range (K), and its spread (max − min). */
  meanTemperatureK: number;
  temperatureSpanK: number;
  sampleMassMg: number | null;
  blankApplied: boolean;
  alphaBasis: AlphaBasis;
  /** File time (s) of the kinetic window and what set it. */
  startS: number;
  startNote: string;
  endS: number;
  endNote: string;
  /** Largest α reached in the window. */
  alphaMax: number;
  /** Time since the start (s) at which each α of the series' grid is first reached (null: never). */
  tAlphaS: (number | null)[];
  /** Peak of dα/dt: time since start (s), temperature (K), α. */
  peak: { tS: number; temperatureK: number; alpha: number; ratePerS: number } | null;
  /** Isothermal runs: JMAK and the model table. */
  avrami: AvramiFit | null;
  models: ModelFit[] | null;
  bestModel: string | null;
  /** Display curves (decimated): α(t), T(t) and dα/dt against α. */
  curves: { tS: number[]; alpha: number[]; temperatureK: number[]; rateAlpha: number[]; ratePerS: number[] };
  warnings: string[];
}

export interface ArrheniusResult {
  eKJPerMol: number;
  ci95KJPerMol: number | null;
  lnAPerS: number;
  lnACi95: number | null;
  r2: number | null;
  /** Which rate constants: the best model's k, or the Avrami k. */
  source: string;
  line: IsoLine;
}

export interface CompensationResult {
  /** ln A = a·E + b (E in kJ/mol, A in s⁻¹) over the models' (E, ln A) pairs. */
  a: number;
  b: number;
  r2: number | null;
  points: { code: string; eKJPerMol: number; lnAPerS: number }[];
  /** ln A_α from E_α through the line. */
  lnAPerS: { alpha: number; lnAPerS: number | null }[];
  eMethod: IsoconversionalMethod | 'isothermal';
}

/** Reconstructed reaction model and master plots (after E(α)). */
export interface MasterPlotResult {
  alphas: number[];
  /** Experimental g(α)/g(0.5) = θ(α)/θ(0.5), θ = generalized time ∫exp(−E_α/RT)dt (mean over runs). */
  gNormalized: (number | null)[];
  /** Reconstructed f(α) = (dα/dt)/(A_α exp(−E_α/RT_α)) and g(α) = Σ A_α J (mean over runs; null without ln A_α). */
  fReconstructed: (number | null)[];
  gReconstructed: (number | null)[];
  /** Differential master plot: experimental f(α)/f(0.5) = (dα/dt)_α exp(E_α/RT_α) / [(dα/dt)_0.5 exp(E_0.5/RT_0.5)] (mean over runs). */
  fNormalized: (number | null)[];
  /** Theoretical g(α)/g(0.5) and f(α)/f(0.5) of every fixed ICTAC model, and the RMS distance to the experiment (g). */
  models: { code: string; gNormalized: (number | null)[]; fNormalized: (number | null)[]; rms: number | null }[];
  nearestModel: string | null;
  /** ln(A/s⁻¹) = mean over runs and α of ln[g(α)/θ(α)] for the nearest model (exact for single-step data). */
  nearestModelLnAPerS: number | null;
  eMethod: IsoconversionalMethod | 'isothermal';
}

/**
 * What isoconversional predictions need, kept with the result so that a prediction at any temperature is cheap
 * (core/kinetics/prediction.ts predictIsothermal): the grid cut into contiguous intervals [α_{l−1}, α_l] (α_0 = 0),
 * E_l at α_l, and per run ln J_il = ln ∫ exp(−E_l/RT_i(t))dt over interval l, also at E_l ∓ its 95 % half-width.
 */
export interface GeneralizedTime {
  eMethod: IsoconversionalMethod | 'isothermal';
  alphas: number[];
  eKJPerMol: (number | null)[];
  ci95KJPerMol: (number | null)[];
  /** [run][interval]; null where the run does not reach α_l. */
  lnJ: (number | null)[][];
  lnJLow: (number | null)[][];
  lnJHigh: (number | null)[][];
}

/** α(t) predicted isothermally at temperatureK from E(α) (isoconversional, model-free), with its band. */
export interface PredictionResult {
  temperatureK: number;
  eMethod: IsoconversionalMethod | 'isothermal';
  alphas: number[];
  tS: (number | null)[];
  /** Band from E(α) ± its 95 % half-width. */
  tLowS: (number | null)[];
  tHighS: (number | null)[];
  /** What the band means, in words. */
  bandMeaning: string;
}

export interface MultiStepFlag {
  flagged: boolean;
  method: IsoconversionalMethod | 'isothermal';
  /** (max E − min E) / mean E over the α range. */
  spreadFraction: number | null;
  message: string;
}

export interface SeriesSummaryE {
  method: IsoconversionalMethod | 'isothermal';
  alphaRange: [number, number];
  meanKJPerMol: number | null;
  /** Mean of the per-α 95 % half-widths over the range (the E(α) errors are correlated, so this is not divided by √n). */
  ci95KJPerMol: number | null;
  points: number;
}

export interface KineticsSeriesResult {
  name: string;
  mode: KineticsMode;
  runs: KineticsRunSummary[];
  alphas: number[];
  isoconversional: Partial<Record<IsoconversionalMethod | 'isothermal', IsoconversionalSeries>>;
  kissinger: KissingerResult | null;
  /** Isothermal series: Arrhenius of the best model's k and of the Avrami k; the series' best fixed model. */
  arrhenius: ArrheniusResult | null;
  arrheniusAvrami: ArrheniusResult | null;
  bestModel: string | null;
  /** Sum of AICc over the runs per model (isothermal), ascending. */
  modelRanking: { code: string; aicc: number; deltaAicc: number; flexible: boolean }[] | null;
  compensation: CompensationResult | null;
  masterPlot: MasterPlotResult | null;
  prediction: PredictionResult | null;
  generalizedTime: GeneralizedTime | null;
  multiStep: MultiStepFlag | null;
  summaryE: SeriesSummaryE | null;
  warnings: string[];
}

export interface ComparisonRow {
  series: string;
  eMethod: IsoconversionalMethod | 'isothermal' | null;
  eMeanKJPerMol: number | null;
  ci95KJPerMol: number | null;
  /** E − E_reference and its 95 % half-width √(ci² + ci_ref²) (independent series). */
  deltaEKJPerMol: number | null;
  deltaECi95KJPerMol: number | null;
  bestModel: string | null;
  multiStep: boolean;
  /** t_α(reference)/t_α(series) at temperatureK predicted from E(α), with the band from the two bands. */
  predictedSpeedUp: number | null;
  predictedSpeedUpLow: number | null;
  predictedSpeedUpHigh: number | null;
  /** Measured t_α(reference)/t_α(series) from isothermal runs of both series within 2 K of temperatureK. */
  measuredSpeedUp: number | null;
  measuredAtK: number | null;
}

export interface KineticsComparison {
  reference: string;
  temperatureK: number;
  alpha: number;
  rows: ComparisonRow[];
  notes: string[];
}
