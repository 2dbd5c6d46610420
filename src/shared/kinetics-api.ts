/**
 * The Kinetics workspace's part of the IPC contract (spread into Api by src/shared/api.ts): series of runs (runs of
 * the TGA workspace or files imported here), the analysis in a worker with progress and cancel, results.
 * Every argument is validated with the zod schemas below before the handlers see it.
 */
import { z } from 'zod';
import type { AlphaBasis, KineticsMethod, KineticsMode, KineticsSeriesResult } from './kinetics';
import type { RecipeInput } from './analysis';

/** Where a run of a series comes from: a run of the TGA workspace (same session) or a file imported into this one. */
export type KineticsRunRef = { kind: 'tga'; runId: string } | { kind: 'file'; fileId: string };

/** Options of the analysis that the user sets in the workspace (stored in the session). */
export interface KineticsAppOptions {
  alphaMin: number;
  alphaMax: number;
  alphaStep: number;
  mode: KineticsMode | 'auto';
  methods: KineticsMethod[];
  /** Isothermal prediction and predicted speed-up temperature (°C); null = each series' median temperature. */
  predictionC: number | null;
  /** α of the speed-up t_α(ref)/t_α(series). */
  speedUpAlpha: number;
  /** α range over which E is averaged in the comparison table; null = the whole grid. */
  meanRange: [number, number] | null;
  avramiWindow: [number, number];
}

export interface KineticsRunView {
  /** Stable key of the run within its series. */
  key: string;
  ref: KineticsRunRef;
  label: string;
  fileName: string;
  /** Window in file time (null = automatic) and the window actually used with what set it. */
  startS: number | null;
  endS: number | null;
  usedStartS: number | null;
  usedEndS: number | null;
  startNote: string | null;
  endNote: string | null;
  blank: KineticsRunRef | null;
  blankLabel: string | null;
  /** Read from the data: heated at β (K/min), or held at T (°C). */
  kind: 'heating' | 'isothermal' | 'other' | null;
  heatingRateKPerMin: number | null;
  meanTemperatureC: number | null;
  sampleMassMg: number | null;
  points: number;
  /** Why this run cannot be used (no temperature, unreadable window…), else null. */
  error: string | null;
}

export interface KineticsFileView {
  id: string;
  name: string;
  /** Files whose name says blank/empty/baseline are offered as blanks. */
  role: 'sample' | 'blank';
  formatLabel: string;
}

export interface KineticsSeriesView {
  id: string;
  name: string;
  colorIndex: number;
  alphaBasis: AlphaBasis;
  recipe: RecipeInput | null;
  runs: KineticsRunView[];
  files: KineticsFileView[];
}

export interface KineticsJobView {
  id: number;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  /** 0…1. */
  fraction: number;
  stage: string;
  message: string | null;
}

export interface KineticsResultView {
  seriesId: string;
  name: string;
  result: KineticsSeriesResult | null;
  /** Why the series could not be computed (what is missing), else null. */
  error: string | null;
}

export interface KineticsStateView {
  series: KineticsSeriesView[];
  referenceSeriesId: string | null;
  options: KineticsAppOptions;
  /** Runs of the TGA workspace that can be added to a series. */
  tgaRuns: { id: string; label: string; role: 'sample' | 'blank'; fileName: string }[];
  results: KineticsResultView[] | null;
  /** True when a setting or a run changed since the results were computed. */
  resultsStale: boolean;
  job: KineticsJobView | null;
  revision: number;
}

export interface KineticsRunPatch {
  label?: string;
  startS?: number | null;
  endS?: number | null;
  blank?: KineticsRunRef | null;
}

export interface KineticsSeriesPatch {
  name?: string;
  alphaBasis?: AlphaBasis;
  recipe?: RecipeInput | null;
}

export interface KineticsApi {
  kinGetState(): Promise<KineticsStateView>;
  /** A new, empty series. */
  kinAddSeries(name: string): Promise<KineticsStateView>;
  kinRemoveSeries(seriesId: string): Promise<KineticsStateView>;
  kinUpdateSeries(seriesId: string, patch: KineticsSeriesPatch): Promise<KineticsStateView>;
  /** Add runs of the TGA workspace to a series (their blank and start come along, and can be changed here). */
  kinAddTgaRuns(seriesId: string, runIds: string[]): Promise<KineticsStateView>;
  /** Import files into a series: samples become runs, blanks (by name) are assigned to the runs whose programme
   * they match best. Unreadable files are reported by name; the rest loads. */
  kinImportFiles(seriesId: string, files: { name: string; bytes: Uint8Array }[]): Promise<{ state: KineticsStateView; failures: { fileName: string; message: string }[] }>;
  /** Native file dialog, then import (Electron); nothing when cancelled. */
  kinOpenFiles(seriesId: string): Promise<{ state: KineticsStateView; failures: { fileName: string; message: string }[] }>;
  kinUpdateRun(seriesId: string, runKey: string, patch: KineticsRunPatch): Promise<KineticsStateView>;
  kinRemoveRun(seriesId: string, runKey: string): Promise<KineticsStateView>;
  kinSetOptions(options: Partial<KineticsAppOptions>): Promise<KineticsStateView>;
  kinSetReference(seriesId: string | null): Promise<KineticsStateView>;
  /** Start the analysis of every series in a worker; poll kinGetJob (or getTasks) for progress. */
  kinStartAnalysis(): Promise<KineticsJobView>;
  kinGetJob(): Promise<KineticsJobView | null>;
  kinCancelAnalysis(): Promise<KineticsJobView | null>;
  /** E(α) of every series and method as CSV text (one row per series and α). */
  kinResultsCsv(): Promise<string>;
  /** Drop every series, file and result. */
  kinClear(): Promise<KineticsStateView>;
}

export const kineticsMethods = [
  'kinGetState',
  'kinAddSeries',
  'kinRemoveSeries',
  'kinUpdateSeries',
  'kinAddTgaRuns',
  'kinImportFiles',
  'kinOpenFiles',
  'kinUpdateRun',
  'kinRemoveRun',
  'kinSetOptions',
  'kinSetReference',
  'kinStartAnalysis',
  'kinGetJob',
  'kinCancelAnalysis',
  'kinResultsCsv',
  'kinClear',
] as const;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const id = z.string().min(1, 'an id is empty').max(200);
const alpha = finite.gt(0, 'α must be > 0').lt(1, 'α must be < 1');
const alphaPair = z.tuple([alpha, alpha]).refine(([a, b]) => a < b, 'an α range must go from low to high');
const runRef = z.union([z.object({ kind: z.literal('tga'), runId: id }).strict(), z.object({ kind: z.literal('file'), fileId: id }).strict()]);
const recipe = z.object({
  precursors: z.array(z.object({ formula: z.string().trim().min(1).max(100), wtPercent: finite.min(0).max(100).optional() })).min(1).max(20),
  target: z.string().trim().min(1).max(100).optional(),
});
const methodNames = ['friedman', 'kas', 'ofw', 'starink', 'vyazovkin', 'advancedVyazovkin', 'kissinger'] as const;

export const kineticsOptionsSchema = z
  .object({
    alphaMin: alpha.optional(),
    alphaMax: alpha.optional(),
    alphaStep: finite.gt(0, 'the α step must be > 0').max(0.5).optional(),
    mode: z.enum(['auto', 'nonisothermal', 'isothermal']).optional(),
    methods: z.array(z.enum(methodNames)).max(7).optional(),
    predictionC: finite.gt(-273.15, 'the temperature must be above absolute zero').lt(5000).nullable().optional(),
    speedUpAlpha: alpha.optional(),
    meanRange: alphaPair.nullable().optional(),
    avramiWindow: alphaPair.optional(),
  })
  .strict();

const fileBytes = z.object({ name: z.string().min(1).max(500), bytes: z.instanceof(Uint8Array, { message: 'file bytes must be a Uint8Array' }) });

export const kineticsArgs = {
  kinGetState: z.tuple([]),
  kinAddSeries: z.tuple([z.string().trim().min(1, 'the series needs a name').max(200)]),
  kinRemoveSeries: z.tuple([id]),
  kinUpdateSeries: z.tuple([
    id,
    z.object({ name: z.string().trim().min(1, 'the series needs a name').max(200).optional(), alphaBasis: z.enum(['observed', 'recipe']).optional(), recipe: recipe.nullable().optional() }).strict(),
  ]),
  kinAddTgaRuns: z.tuple([id, z.array(id).min(1, 'no runs to add').max(100)]),
  kinImportFiles: z.tuple([id, z.array(fileBytes).min(1, 'no files to import').max(200)]),
  kinOpenFiles: z.tuple([id]),
  kinUpdateRun: z.tuple([
    id,
    id,
    z
      .object({
        label: z.string().trim().min(1, 'the label is empty').max(200).optional(),
        startS: finite.nullable().optional(),
        endS: finite.nullable().optional(),
        blank: runRef.nullable().optional(),
      })
      .strict(),
  ]),
  kinRemoveRun: z.tuple([id, id]),
  kinSetOptions: z.tuple([kineticsOptionsSchema]),
  kinSetReference: z.tuple([id.nullable()]),
  kinStartAnalysis: z.tuple([]),
  kinGetJob: z.tuple([]),
  kinCancelAnalysis: z.tuple([]),
  kinResultsCsv: z.tuple([]),
  kinClear: z.tuple([]),
} satisfies Record<(typeof kineticsMethods)[number], z.ZodTuple>;
