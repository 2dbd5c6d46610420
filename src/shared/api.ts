/**
 * The one contract between the renderer and the main process (Electron IPC or the browser-mode HTTP server).
 *
 * - `Api` is the interface the renderer calls; `createHandlers(deps)` (src/main/handlers.ts) implements it.
 * - Methods are grouped by area (session, TGA, XRD): each group is an interface, a list of method names and a
 *   table of zod schemas for the arguments, spread into `Api`, `apiMethods` and `apiArgs`.
 * - Every argument is `unknown` until the handler has parsed it with `apiArgs[method]` (a zod tuple).
 * - Payloads are plain objects, arrays, Float64Array and Uint8Array (structured clone and src/shared/codec.ts).
 */
import { z } from 'zod';
import type { GasEvent, SampleInfo, Segment } from './types';
import type { ConditionSpeedUp, ConditionStats, Recipe, RecipeInput, ReductionInfo, RunCheck, SpeedUp, TgaMetrics } from './analysis';
import type { XrdAnalysis, XrdAnalysisOptions, XrdProgressStage } from './xrd-results';
import type { XrdImportReport } from './xrd';
import type { FrameCurve, FrameFit, HeatmapGrid, HeatmapRequest, XrdAxis } from './xrd-display';
import type { PhaseDef } from '../core/xrd/crystal/types';
import { TUBE_RADIATIONS } from '../core/xrd/rietveld/instprm';
import { hpArgs, hpMethods, type HpApi } from './api-hp';
import { kineticsArgs, kineticsMethods, type KineticsApi } from './kinetics-api';
import { figuresArgs, figuresMethods, type FiguresApi } from './figures-api';
import { imagingArgs, imagingMethods, type ImagingApi } from './api-imaging';

// ───────────────────────────── payload types ─────────────────────────────

/** A display-sized (x, y) series; the main process keeps the full-resolution arrays. */
export interface Series {
  x: Float64Array;
  y: Float64Array;
}

export type RunRole = 'sample' | 'blank';

/**
 * A derived curve (curve arithmetic): `name = expression`, evaluated over the run's channels, its blank and other
 * runs (core/tga/derived). `unit`: the unit to show it in, null = the unit the expression gives.
 */
export interface DerivedCurveDef {
  name: string;
  expression: string;
  unit: string | null;
}

/**
 * What the user sets for one run. `null` start/end = automatic; `null` blank = no blank correction; `null`
 * condition = the run is a condition of its own (n = 1), else runs with the same condition are its replicates.
 */
export interface RunSettings {
  label: string;
  role: RunRole;
  recipe: RecipeInput | null;
  startS: number | null;
  endS: number | null;
  blankId: string | null;
  condition: string | null;
  derived: DerivedCurveDef[];
}

export interface AnalysisView {
  reduction: ReductionInfo;
  recipe: Recipe | null;
  metrics: TgaMetrics;
  warnings: string[];
  /** α against time since the reduction start (s). */
  alpha: Series;
  /** dα/dt (s⁻¹) against time since the reduction start (s). */
  rate: Series;
  /** dα/dt (s⁻¹) against α: the inset of a conversion figure. */
  rateVsAlpha: Series;
  /** α against sample temperature (°C); null when the file has no temperature. */
  alphaVsTemperature: Series | null;
  /** The ISO 11358-1 construction behind metrics.onsetExtrapolatedC (null without one), drawn on α(T). */
  onsetConstruction: OnsetConstruction | null;
  /** Blank-corrected mass (mg) against file time (s), from the reduction start on. */
  massCorrected: Series;
  /** NiO's share of the theoretical loss for Fe2O3 + NiO recipes. */
  nioLossShare: number | null;
  /** File time (s) where the reducing atmosphere ends (or the data end): the α series above stop there. */
  windowEndS: number;
  /** TG: blank-corrected mass in % of the initial mass, against time since the reduction start (s; negative
   * before it), over the whole run. */
  tg: Series;
  /** DTG: dTG/dt (%/min) by Savitzky–Golay with the session's window, on the same time axis. */
  dtg: Series;
  /** Checks that failed (core/tga/checks): shown on the run. */
  checks: RunCheck[];
}

/**
 * Extrapolated onset (ISO 11358-1) as drawn: the baseline α = 0 meets the tangent α = α_i + s·(T − T_i) through
 * the inflection point (T_i, α_i) at T_onset = T_i − α_i / s (core/tga/metrics extrapolatedOnset).
 */
export interface OnsetConstruction {
  onsetC: number;
  inflectionC: number;
  alphaAtInflection: number;
  /** Slope of the tangent, α per °C. */
  slopePerC: number;
}

/** A name an expression can use for this run (its channels, scalars and derived curves). */
export interface ChannelInfo {
  symbol: string;
  name: string;
  unit: string;
  kind: 'time' | 'measured' | 'scalar' | 'derived';
}

/** A derived curve as evaluated: display series against file time (s), or why it could not be. */
export interface DerivedCurveView {
  name: string;
  expression: string;
  /** The unit asked for (null = automatic). */
  requestedUnit: string | null;
  /** The unit of the values ('' = plain number). */
  unit: string;
  series: Series | null;
  error: string | null;
  warnings: string[];
}

export interface RunView {
  id: string;
  /** Index into the run palette: fixed when the run is imported, so a run keeps its colour everywhere. */
  colorIndex: number;
  settings: RunSettings;
  fileName: string;
  formatId: string;
  formatLabel: string;
  /** The import report (describeImport): what was read and how. */
  report: string[];
  warnings: string[];
  points: number;
  durationS: number;
  sample: SampleInfo;
  segments: Segment[];
  gasEvents: GasEvent[];
  /** Raw mass (mg) and temperature (°C) against file time (s), display-sized. */
  massRaw: Series | null;
  temperature: Series | null;
  analysis: AnalysisView | null;
  /** Why there is no analysis (no recipe yet, or the analysis failed), in words. */
  analysisNote: string | null;
  /** What expressions can use (t, m, T, m0, other channels, derived curves). */
  channels: ChannelInfo[];
  derived: DerivedCurveView[];
  /** The condition the run counts towards: settings.condition, else its label. */
  condition: string;
}

export interface AnalysisSettings {
  alphaTargets: number[];
  sgWindowS: number;
  saturationFraction: number;
}

export interface StudyInfo {
  title: string;
  /** Shown prominently when set, e.g. 'SIMULATED data'. */
  label: string | null;
  description: string | null;
}

/** Speed-up of one run: t̄ of the reference condition / t of the run (the reference run itself when n = 1). */
export interface SpeedUpRow extends SpeedUp {
  label: string;
}

export type { ConditionSpeedUp, ConditionStats, Estimate, Stat } from './analysis';

/** A condition (replicates grouped by RunSettings.condition) with every metric as mean ± SD (n). */
export interface ConditionView {
  name: string;
  runIds: string[];
  stats: ConditionStats;
  /** Against the reference condition; null without a reference. */
  speedUp: ConditionSpeedUp | null;
}

export interface SessionView {
  study: StudyInfo | null;
  runs: RunView[];
  referenceId: string | null;
  settings: AnalysisSettings;
  speedUps: SpeedUpRow[];
  /** Analysed sample runs grouped by condition, in run order. */
  conditions: ConditionView[];
  /** The reference run's condition. */
  referenceCondition: string | null;
  /** Increases with every change, so the renderer can drop stale answers. */
  revision: number;
}

export interface ImportFailure {
  fileName: string;
  message: string;
}

export interface ImportResult {
  session: SessionView;
  importedIds: string[];
  failures: ImportFailure[];
  /** The user cancelled the import (cancelTask): nothing of it was added. */
  cancelled?: boolean;
}

export interface FileBytes {
  name: string;
  bytes: Uint8Array;
}

export interface TaskView {
  id: number;
  label: string;
  /** 0..1, or null when the step has no measurable progress. */
  fraction: number | null;
  detail: string;
  /** cancelTask(id) stops it (imports, the SXRD analysis). */
  cancellable?: boolean;
}

export interface SaveRequest {
  suggestedName: string;
  /** Text (CSV, SVG) or bytes (PNG). */
  data: string | Uint8Array;
  filterName: string;
  extensions: string[];
}

export interface SaveResult {
  /** Where it was written; null when the user cancelled. */
  path: string | null;
}

export interface RunPatch {
  label?: string;
  role?: RunRole;
  recipe?: RecipeInput | null;
  startS?: number | null;
  endS?: number | null;
  blankId?: string | null;
  condition?: string | null;
  derived?: DerivedCurveDef[];
}

/** The answer of a derived-curve check: the unit it gives, or why it cannot be evaluated. */
export interface DerivedPreview {
  unit: string | null;
  error: string | null;
}

// ───────────────────────────── zod schemas ─────────────────────────────

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const runId = z.string().min(1, 'run id is empty').max(200);

export const recipeInputSchema = z.object({
  precursors: z
    .array(
      z.object({
        formula: z.string().trim().min(1, 'a precursor formula is empty').max(100),
        wtPercent: finite.min(0, 'wt.% must be ≥ 0').max(100, 'wt.% must be ≤ 100').optional(),
      }),
    )
    .min(1, 'a recipe needs at least one precursor')
    .max(20),
  target: z.string().trim().min(1).max(100).optional(),
});

export const derivedCurveDefSchema = z
  .object({
    name: z
      .string()
      .trim()
      .max(40, 'a curve name has at most 40 characters')
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a curve name is letters, digits and _ (starting with a letter), e.g. m_net'),
    expression: z.string().trim().min(1, 'the expression is empty').max(500, 'the expression is longer than 500 characters'),
    unit: z.string().trim().max(40).nullable(),
  })
  .strict();

const conditionSchema = z.string().trim().min(1, 'a condition name is empty').max(200);

export const runPatchSchema = z
  .object({
    label: z.string().trim().min(1, 'the label is empty').max(200).optional(),
    role: z.enum(['sample', 'blank']).optional(),
    recipe: recipeInputSchema.nullable().optional(),
    startS: finite.nullable().optional(),
    endS: finite.nullable().optional(),
    blankId: runId.nullable().optional(),
    condition: conditionSchema.nullable().optional(),
    derived: z.array(derivedCurveDefSchema).max(20, 'at most 20 derived curves per run').optional(),
  })
  .strict();

export const analysisSettingsSchema = z
  .object({
    alphaTargets: z
      .array(finite.gt(0, 'α targets must be > 0').lt(1, 'α targets must be < 1'))
      .min(1, 'give at least one α')
      .max(20)
      .optional(),
    sgWindowS: finite.gt(0, 'the Savitzky–Golay window must be > 0 s').max(36_000).optional(),
    saturationFraction: finite.gt(0, 'the saturation threshold must be > 0 %').lt(1, 'the saturation threshold must be < 100 %').optional(),
  })
  .strict();

const bytesSchema = z.instanceof(Uint8Array, { message: 'file bytes must be a Uint8Array' });

export const fileBytesSchema = z.object({
  name: z.string().min(1, 'a file has no name').max(500),
  bytes: bytesSchema,
});

export const saveRequestSchema = z.object({
  suggestedName: z.string().min(1).max(300),
  data: z.union([z.string(), bytesSchema]),
  filterName: z.string().max(100),
  extensions: z.array(z.string().regex(/^[a-z0-9]+$/i)).max(10),
});

// ───────────────────────────── groups ─────────────────────────────

/** The session: what is loaded, the example study, tasks in progress, saving. */
export interface SessionApi {
  getSession(): Promise<SessionView>;
  /** Replace the session with the bundled example study (simulated, labelled so). */
  openExampleStudy(): Promise<SessionView>;
  /** Start again with nothing loaded. */
  clearSession(): Promise<SessionView>;
  /** Long-running steps (imports) with their progress; poll while a call is pending. */
  getTasks(): Promise<TaskView[]>;
  /** Stop a cancellable task (an import: nothing of it is added; the SXRD analysis: finished frames are kept). */
  cancelTask(id: number): Promise<TaskView[]>;
  /** Write text or bytes where the user chooses (native dialog); the browser host downloads instead. */
  saveFile(request: SaveRequest): Promise<SaveResult>;
}

export const sessionMethods = ['getSession', 'openExampleStudy', 'clearSession', 'getTasks', 'cancelTask', 'saveFile'] as const;

export const sessionArgs = {
  getSession: z.tuple([]),
  openExampleStudy: z.tuple([]),
  clearSession: z.tuple([]),
  getTasks: z.tuple([]),
  cancelTask: z.tuple([z.number().int().min(1)]),
  saveFile: z.tuple([saveRequestSchema]),
} satisfies Record<(typeof sessionMethods)[number], z.ZodTuple>;

/** TGA runs: import, settings, analysis, exports. Every change returns the new session. */
export interface TgaApi {
  /** Native file dialog, then import (Electron). Resolves with no runs when the user cancels. */
  tgaOpenFiles(): Promise<ImportResult>;
  /** Import files the renderer read itself (drag-and-drop, <input type=file> in the browser host). */
  tgaImportFiles(files: FileBytes[]): Promise<ImportResult>;
  tgaRemoveRun(id: string): Promise<SessionView>;
  /** The new order of all run ids. */
  tgaReorderRuns(ids: string[]): Promise<SessionView>;
  tgaUpdateRun(id: string, patch: RunPatch): Promise<SessionView>;
  /** Set one blank for every sample run (null = none). */
  tgaSetBlankForAll(blankId: string | null): Promise<SessionView>;
  tgaSetReference(id: string | null): Promise<SessionView>;
  tgaSetAnalysisSettings(settings: Partial<AnalysisSettings>): Promise<SessionView>;
  /** Metrics and speed-up factors of all analysed runs as CSV text. */
  tgaMetricsCsv(): Promise<string>;
  /** Full-resolution derived series of one run (t, T, α, dα/dt, corrected mass, derived curves) as CSV text. */
  tgaDerivedCsv(id: string): Promise<string>;
  /** Every channel of one run over the whole file at full resolution (time, T, mass, measured channels, derived
   * curves) as CSV text. */
  tgaChannelsCsv(id: string): Promise<string>;
  /** Per condition: every metric as mean, SD, n, and the speed-ups with their propagated uncertainty, as CSV. */
  tgaConditionsCsv(): Promise<string>;
  /** Set the condition (replicate group) of several runs at once (null = the run alone). */
  tgaSetConditions(assignments: { id: string; condition: string | null }[]): Promise<SessionView>;
  /** Check a derived curve for a run without keeping it: its unit, or why it cannot be evaluated. */
  tgaPreviewDerived(id: string, curve: DerivedCurveDef): Promise<DerivedPreview>;
}

export const tgaMethods = [
  'tgaOpenFiles',
  'tgaImportFiles',
  'tgaRemoveRun',
  'tgaReorderRuns',
  'tgaUpdateRun',
  'tgaSetBlankForAll',
  'tgaSetReference',
  'tgaSetAnalysisSettings',
  'tgaMetricsCsv',
  'tgaDerivedCsv',
  'tgaChannelsCsv',
  'tgaConditionsCsv',
  'tgaSetConditions',
  'tgaPreviewDerived',
] as const;

export const tgaArgs = {
  tgaOpenFiles: z.tuple([]),
  tgaImportFiles: z.tuple([z.array(fileBytesSchema).min(1, 'no files to import').max(200)]),
  tgaRemoveRun: z.tuple([runId]),
  tgaReorderRuns: z.tuple([z.array(runId).max(1000)]),
  tgaUpdateRun: z.tuple([runId, runPatchSchema]),
  tgaSetBlankForAll: z.tuple([runId.nullable()]),
  tgaSetReference: z.tuple([runId.nullable()]),
  tgaSetAnalysisSettings: z.tuple([analysisSettingsSchema]),
  tgaMetricsCsv: z.tuple([]),
  tgaDerivedCsv: z.tuple([runId]),
  tgaChannelsCsv: z.tuple([runId]),
  tgaConditionsCsv: z.tuple([]),
  tgaSetConditions: z.tuple([z.array(z.object({ id: runId, condition: conditionSchema.nullable() }).strict()).max(1000)]),
  tgaPreviewDerived: z.tuple([runId, derivedCurveDefSchema]),
} satisfies Record<(typeof tgaMethods)[number], z.ZodTuple>;

// ───────────────────────────── XRD: in situ sequences ─────────────────────────────

export type { FrameCurve, FrameFit, HeatmapGrid, HeatmapRequest, XrdAxis } from './xrd-display';

/** How frame times and the wavelength are set when the sequence is built (see core/xrd/sequence.ts). */
export interface XrdSequenceOptions {
  /** Seconds between frames when the files carry no times. Default 2. */
  intervalS?: number;
  /** Added to every frame time (s). Default 0. */
  offsetS?: number;
  /** Wavelength (Å) for files that do not state one; null clears a value set before. */
  wavelengthA?: number | null;
}

/** Sequence options at import, and whether the files came from a chosen folder: then files no reader recognises
 * (README.md, truth.json, images) are ignored rather than reported as skipped frames. */
export interface XrdImportOptions extends XrdSequenceOptions {
  fromFolder?: boolean;
}

/** The loaded sequence, without its frames (they stay in main; the views ask for grids and single frames). */
export interface XrdSequenceView {
  name: string;
  frameCount: number;
  timesS: Float64Array;
  fileNames: string[];
  /** Wavelength in use (Å): the one set by the user, else the files'; null when neither states one. */
  wavelengthA: number | null;
  /** What the files state (Å), or null. */
  fileWavelengthA: number | null;
  twoThetaRangeDeg: [number, number];
  /** Points per frame (the most common count). */
  points: number;
  formatIds: string[];
  timeSource: 'metadata' | 'interval';
  intervalS: number;
  offsetS: number;
  /** Files that could not be read, by name; the rest of the sequence loaded. */
  skipped: ImportFailure[];
  warnings: string[];
  /** Temperature interpolated onto the frame times from a log (°C), or null. */
  temperatureC: Float64Array | null;
  temperatureLogName: string | null;
  /** What was read, frame by frame, before any analysis (core/xrd/import-report; the CLI's `xrd PATH` report). */
  importReport: XrdImportReport;
}

export interface XrdPhaseView {
  id: string;
  name: string;
  formula: string;
  spaceGroup: string;
  source: 'library' | 'cif';
  /** The CIF file a phase came from. */
  fileName: string | null;
  /** The structure read from the CIF (cell, sites, symmetry operators), so the views can draw its reflections;
   * null for library phases (the renderer has the library). */
  structure: PhaseDef | null;
}

export interface XrdJobView {
  id: number;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  done: number;
  total: number;
  /** The named stretch the count is in while running (the chain's pooled-ΔB second pass), absent otherwise. */
  stage?: XrdProgressStage;
  /** Why it failed, in words; null otherwise. */
  message: string | null;
}

/** The XRD half of the session. Methods that change it return the whole new view. */
export interface XrdStateView {
  sequence: XrdSequenceView | null;
  /** Library phases first, then phases read from CIF files. */
  phases: XrdPhaseView[];
  analysis: XrdAnalysis | null;
  /** The last analysis job (running or finished), or null before the first. */
  job: XrdJobView | null;
  /** Increases with every change. */
  revision: number;
}

export interface XrdImportResult {
  state: XrdStateView;
  /** Files that could not be read (also in state.sequence.skipped). */
  skipped: ImportFailure[];
  /** Files of a folder that no reader recognises (not frames), by name. */
  ignored: string[];
  /** The user cancelled the import (cancelTask): the previous sequence is kept. */
  cancelled?: boolean;
}

/** At most this many frames per xrdFrames call (a waterfall shows tens; the full sequence stays in main). */
export const XRD_MAX_FRAMES_PER_CALL = 200;

const axisSchema = z.enum(['2th_deg', 'q_A^-1', 'd_A']);
const rangeSchema = z.tuple([finite, finite]).refine(([a, b]) => b > a, 'a range must go from low to high');
const wavelengthSchema = finite.gt(0, 'the wavelength must be > 0 Å').lt(5, 'the wavelength must be < 5 Å');

export const xrdSequenceOptionsSchema = z
  .object({
    intervalS: finite.gt(0, 'the frame interval must be > 0 s').max(86_400).optional(),
    offsetS: finite.min(-1e7).max(1e7).optional(),
    wavelengthA: wavelengthSchema.nullable().optional(),
  })
  .strict();

export const xrdImportOptionsSchema = xrdSequenceOptionsSchema.extend({ fromFolder: z.boolean().optional() }).strict();

export const xrdHeatmapRequestSchema = z
  .object({
    xBins: z.number().int().min(1).max(4000).optional(),
    tBins: z.number().int().min(1).max(4000).optional(),
    axis: axisSchema.optional(),
    log: z.boolean().optional(),
    floorCounts: finite.gt(0, 'the log floor must be > 0 counts').optional(),
    xRange: rangeSchema.optional(),
    tRangeS: rangeSchema.optional(),
  })
  .strict();

const phaseId = z.string().trim().min(1, 'a phase id is empty').max(200);
const vegardEndA = finite.gt(1, 'a Vegard end member must be a lattice parameter in Å (1…10)').lt(10, 'a Vegard end member must be a lattice parameter in Å (1…10)');

/** Laboratory tubes by name (core/xrd/rietveld TUBE_RADIATIONS: 'CuKa' = Kα1 + Kα2, 'CuKa1' = Kα1 only). */
export const XRD_TUBE_RADIATIONS = Object.keys(TUBE_RADIATIONS) as [string, ...string[]];
export type XrdTubeRadiation = string;

/** The analysis options the renderer may set; the session's CIF phases are added by main. */
export const xrdAnalysisOptionsSchema = z
  .object({
    phases: z.array(phaseId).max(30),
    detectPhases: z.array(phaseId).max(30).optional(),
    peaks: z.array(z.string().trim().min(1).max(200)).max(30).optional(),
    wavelengthA: wavelengthSchema.optional(),
    twoThetaMinDeg: finite.min(0).max(180).optional(),
    twoThetaMaxDeg: finite.gt(0).max(180).optional(),
    refine: z.boolean().optional(),
    backgroundOrder: z.number().int().min(0).max(3).optional(),
    backgroundTerms: z.number().int().min(1).max(30).optional(),
    dropBelowWt: finite.min(0).lt(1).optional(),
    polarisationK: finite.min(0).max(1).optional(),
    debyeWaller: z.boolean().optional(),
    temperatureC: finite.gt(-273.15, 'the temperature must be above absolute zero (°C)').lt(3000, 'the temperature must be below 3000 °C').optional(),
    refineB: z.boolean().optional(),
    refineBMinWt: finite.min(0).max(1).optional(),
    vegardEndsA: z
      .object({ a0A: vegardEndA, a1A: vegardEndA })
      .strict()
      .refine((v) => v.a0A !== v.a1A, 'the Vegard end members must differ (x_Ni = (a − a0)/(a1 − a0))')
      .optional(),
    detectionK: finite.gt(0).max(100).optional(),
    minConsecutive: z.number().int().min(1).max(1000).optional(),
    cellSearchRange: z.tuple([finite.min(-0.5).max(0), finite.min(0).max(0.5)]).optional(),
    // instrument (laboratory data)
    radiation: z.enum(XRD_TUBE_RADIATIONS).optional(),
    instprm: fileBytesSchema.optional(),
    wavelength2A: wavelengthSchema.optional(),
    ratio21: finite.gt(0, 'I(Kα2)/I(Kα1) must be > 0').max(1, 'I(Kα2)/I(Kα1) must be ≤ 1').optional(),
    geometry: z.enum(['debye-scherrer', 'bragg-brentano']).optional(),
    profile: z.enum(['pv', 'tch']).optional(),
    refineProfile: z.array(z.enum(['U', 'V', 'W', 'X', 'Y', 'eta', 'size', 'strain'])).min(1).max(8).optional(),
    instrumentProfile: z.object({ U: finite, V: finite, W: finite, X: finite, Y: finite }).strict().optional(),
    zeroShiftDeg: finite.gt(-5, 'the zero shift must be within ±5°').lt(5, 'the zero shift must be within ±5°').optional(),
    refineZero: z.boolean().optional(),
    refineDisplacement: z.boolean().optional(),
    monochromatorTwoThetaDeg: finite.min(0, 'the monochromator 2θ must be ≥ 0°').lt(180, 'the monochromator 2θ must be < 180°').optional(),
  })
  .strict()
  .refine((o) => o.refine === false || o.phases.length > 0, { message: 'choose at least one phase to refine', path: ['phases'] })
  .refine((o) => o.twoThetaMinDeg === undefined || o.twoThetaMaxDeg === undefined || o.twoThetaMaxDeg > o.twoThetaMinDeg, {
    message: 'the 2θ range must go from low to high',
    path: ['twoThetaMaxDeg'],
  })
  .refine((o) => o.radiation === undefined || o.instprm === undefined, { message: 'a tube radiation and a .instprm file both set the wavelengths: give one', path: ['radiation'] })
  .refine((o) => o.ratio21 === undefined || o.wavelength2A !== undefined, { message: 'I(Kα2)/I(Kα1) needs the Kα2 wavelength', path: ['ratio21'] });

/**
 * What the renderer asks the analysis to run with: the analysis options (the session's CIF phases are added by
 * main) and two instrument shorthands main resolves, as the CLI's --radiation and --instprm do: `radiation`, a tube
 * by name (TUBE_RADIATIONS: λ1, λ2, I(Kα2)/I(Kα1); λ1 only when the files state no wavelength and none is given),
 * and `instprm`, a GSAS-II instrument parameter file read in main with parseInstprm (λ1/λ2/ratio, Polariz. → K,
 * Zero and the U, V, W, X, Y profile; explicit options win). At most one of the two.
 */
export type XrdRunOptions = Omit<XrdAnalysisOptions, 'cifs'> & {
  radiation?: XrdTubeRadiation;
  instprm?: FileBytes;
};

/** In situ SXRD: a sequence of patterns, phases, the analysis in a worker, exports. */
export interface XrdApi {
  xrdGetState(): Promise<XrdStateView>;
  /** Native multi-file dialog, then build the sequence (Electron). Resolves with the old state when cancelled. */
  xrdOpenFiles(options: XrdImportOptions): Promise<XrdImportResult>;
  /** Build the sequence from files the renderer read (file input, folder input, drag-and-drop). Replaces the
   * loaded sequence and its analysis. Unreadable files are reported by name; the rest loads. */
  xrdImportFiles(files: FileBytes[], options: XrdImportOptions): Promise<XrdImportResult>;
  /** Change frame interval, offset or wavelength of the loaded sequence (times are recomputed). */
  xrdSetSequenceOptions(options: XrdSequenceOptions): Promise<XrdStateView>;
  /** A temperature log (two columns: time (s) on the sequence's clock, temperature (°C)), or null to remove it. */
  xrdSetTemperatureLog(file: FileBytes | null): Promise<XrdStateView>;
  xrdHeatmap(request: HeatmapRequest): Promise<HeatmapGrid>;
  /** Frames by index on an axis, optionally cut to [from, to] (axis units). At most XRD_MAX_FRAMES_PER_CALL. */
  xrdFrames(indices: number[], axis: XrdAxis, range: [number, number] | null): Promise<FrameCurve[]>;
  /** Add the phase of a CIF file to the session's phases (its id is 'cif-<data block name>'). */
  xrdAddPhaseCif(file: FileBytes): Promise<XrdStateView>;
  xrdRemovePhase(id: string): Promise<XrdStateView>;
  /** Start the analysis in a worker thread; poll xrdGetJob (or getTasks) for progress. */
  xrdStartAnalysis(options: XrdRunOptions): Promise<XrdJobView>;
  xrdGetJob(): Promise<XrdJobView | null>;
  /** Ask the running analysis to stop after the current frame (the finished frames are kept). */
  xrdCancelAnalysis(): Promise<XrdJobView | null>;
  /** Observed, calculated and background of analysed frame `index` (its Rietveld fit, the Rwp the analysis
   * reports); null without a refinement for that frame. */
  xrdFrameFit(index: number): Promise<FrameFit | null>;
  /** One row per frame: fractions, σ, cells, Rwp, peaks, presence (core/xrd/pipeline xrdAnalysisToCsv). */
  xrdResultsCsv(): Promise<string>;
  /** Drop the sequence, the CIF phases and the analysis. */
  xrdClear(): Promise<XrdStateView>;
}

export const xrdMethods = [
  'xrdGetState',
  'xrdOpenFiles',
  'xrdImportFiles',
  'xrdSetSequenceOptions',
  'xrdSetTemperatureLog',
  'xrdHeatmap',
  'xrdFrames',
  'xrdAddPhaseCif',
  'xrdRemovePhase',
  'xrdStartAnalysis',
  'xrdGetJob',
  'xrdCancelAnalysis',
  'xrdFrameFit',
  'xrdResultsCsv',
  'xrdClear',
] as const;

export const xrdArgs = {
  xrdGetState: z.tuple([]),
  xrdOpenFiles: z.tuple([xrdImportOptionsSchema]),
  xrdImportFiles: z.tuple([z.array(fileBytesSchema).min(1, 'no files to import').max(20_000), xrdImportOptionsSchema]),
  xrdSetSequenceOptions: z.tuple([xrdSequenceOptionsSchema]),
  xrdSetTemperatureLog: z.tuple([fileBytesSchema.nullable()]),
  xrdHeatmap: z.tuple([xrdHeatmapRequestSchema]),
  xrdFrames: z.tuple([
    z.array(z.number().int().min(0)).min(1, 'no frames asked for').max(XRD_MAX_FRAMES_PER_CALL, `at most ${XRD_MAX_FRAMES_PER_CALL} frames per call`),
    axisSchema,
    rangeSchema.nullable(),
  ]),
  xrdAddPhaseCif: z.tuple([fileBytesSchema]),
  xrdRemovePhase: z.tuple([phaseId]),
  xrdStartAnalysis: z.tuple([xrdAnalysisOptionsSchema]),
  xrdGetJob: z.tuple([]),
  xrdCancelAnalysis: z.tuple([]),
  xrdFrameFit: z.tuple([z.number().int('a frame index is a whole number').min(0, 'a frame index is ≥ 0')]),
  xrdResultsCsv: z.tuple([]),
  xrdClear: z.tuple([]),
} satisfies Record<(typeof xrdMethods)[number], z.ZodTuple>;

// ───────────────────────────── study files, undo, recovery ─────────────────────────────

/** The open study as the title bar, the toolbar and the menus show it. */
export interface StudyStatus {
  /** The file's name without .rlab, else the study's title, else 'Untitled study'. */
  name: string;
  /** Where Save writes without asking; null for a study never saved (Save asks, as Save As does). */
  path: string | null;
  /** Changed since it was last saved (or never saved and changed). */
  dirty: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** 'Remove run “Fe2O3”': what Undo / Redo would do. */
  undoLabel: string | null;
  redoLabel: string | null;
  /** Changes with every change to the study (the renderer reloads the workspaces when it moves). */
  changeCount: number;
  /** What the last open/recover said: migrations applied, parts kept unchanged… */
  notes: string[];
  /** Browser mode: the server's folder that Save writes to; null in the desktop app. */
  saveFolder: string | null;
}

export interface RecentStudy {
  path: string;
  name: string;
  /** Last modified (ms since 1970), or null when the file is gone. */
  modifiedMs: number | null;
  size: number | null;
}

/** A recovery file left by a session that did not end normally (or was closed by the server). */
export interface RecoveryInfo {
  id: string;
  /** The study's name (file name or title) when it was last autosaved. */
  name: string;
  /** Where the study itself was saved, if it ever was. */
  savedPath: string | null;
  /** When the recovery file was written (ms since 1970). */
  modifiedMs: number;
  size: number;
  /** The recovery file on disk. */
  file: string;
}

/** Study files: save, open, recent, recovery, undo/redo. */
export interface StudyApi {
  studyStatus(): Promise<StudyStatus>;
  studyUndo(): Promise<StudyStatus>;
  studyRedo(): Promise<StudyStatus>;
  /** Save where the study was saved; a new study asks where (Electron: dialog) or needs a name (browser: null → error). */
  studySave(): Promise<StudyStatus | null>;
  /** Save under a new name: Electron opens the save dialog (null when cancelled); the browser host saves `name`
   * into the server's study folder. */
  studySaveAs(name: string | null): Promise<StudyStatus | null>;
  /** Electron: the open dialog (null when cancelled). */
  studyOpenDialog(): Promise<StudyStatus | null>;
  /** Open a study of the recent list (Electron) or of the server's study folder (browser). */
  studyOpenRecent(path: string): Promise<StudyStatus>;
  /** Open a study file the renderer read (upload, drag-and-drop). */
  studyOpenBytes(file: FileBytes): Promise<StudyStatus>;
  /** The study as .rlab bytes, to download (browser host). */
  studyDownload(): Promise<FileBytes>;
  studyRecent(): Promise<RecentStudy[]>;
  studyRecoveryList(): Promise<RecoveryInfo[]>;
  studyRecover(id: string): Promise<StudyStatus>;
  studyDiscardRecovery(id: string): Promise<RecoveryInfo[]>;
  /** The user chose not to keep the unsaved changes (closing): the recovery file of this study is removed. */
  studyDiscardChanges(): Promise<StudyStatus>;
}

export const studyMethods = [
  'studyStatus',
  'studyUndo',
  'studyRedo',
  'studySave',
  'studySaveAs',
  'studyOpenDialog',
  'studyOpenRecent',
  'studyOpenBytes',
  'studyDownload',
  'studyRecent',
  'studyRecoveryList',
  'studyRecover',
  'studyDiscardRecovery',
  'studyDiscardChanges',
] as const;

const recoveryId = z.string().regex(/^[A-Za-z0-9-]{1,80}$/, 'not a recovery id');

export const studyArgs = {
  studyStatus: z.tuple([]),
  studyUndo: z.tuple([]),
  studyRedo: z.tuple([]),
  studySave: z.tuple([]),
  studySaveAs: z.tuple([z.string().trim().min(1, 'the study needs a name').max(200).nullable()]),
  studyOpenDialog: z.tuple([]),
  studyOpenRecent: z.tuple([z.string().min(1).max(4096)]),
  studyOpenBytes: z.tuple([fileBytesSchema]),
  studyDownload: z.tuple([]),
  studyRecent: z.tuple([]),
  studyRecoveryList: z.tuple([]),
  studyRecover: z.tuple([recoveryId]),
  studyDiscardRecovery: z.tuple([recoveryId]),
  studyDiscardChanges: z.tuple([]),
} satisfies Record<(typeof studyMethods)[number], z.ZodTuple>;

// ───────────────────────────── the whole contract ─────────────────────────────

export interface Api extends SessionApi, TgaApi, XrdApi, StudyApi, HpApi, ImagingApi, KineticsApi, FiguresApi {}

export const apiMethods = [...sessionMethods, ...tgaMethods, ...xrdMethods, ...studyMethods, ...hpMethods, ...imagingMethods, ...kineticsMethods, ...figuresMethods] as const;
export type ApiMethod = (typeof apiMethods)[number];

export const apiArgs: Record<ApiMethod, z.ZodTuple> = { ...sessionArgs, ...tgaArgs, ...xrdArgs, ...studyArgs, ...hpArgs, ...imagingArgs, ...kineticsArgs, ...figuresArgs };

/** IPC channel of a method: the preload and src/main/ipc.ts both use this. */
export const channelOf = (method: ApiMethod): string => `api:${method}`;

export function isApiMethod(name: string): name is ApiMethod {
  return (apiMethods as readonly string[]).includes(name);
}

/** Turn a zod failure into one sentence a technician can act on. */
export function describeZodError(method: string, error: z.ZodError): string {
  const parts = error.issues.map((issue) => {
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return `${where}${issue.message}`;
  });
  return `${method}: invalid input (${parts.join('; ')})`;
}
