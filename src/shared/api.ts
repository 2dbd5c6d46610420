/**
 * The one contract between the renderer and the main process (Electron IPC or the browser-mode HTTP server).
 *
 * - `Api` is the interface the renderer calls; `createHandlers(deps)` (src/main/handlers.ts) implements it.
 * - Methods are grouped by area (session, TGA; XRD joins the same way): each group is an interface, a list of
 *   method names and a table of zod schemas for the arguments. To add a group, write `XrdApi`, `xrdMethods` and
 *   `xrdArgs` next to the TGA ones and spread them into `Api`, `apiMethods` and `apiArgs`.
 * - Every argument is `unknown` until the handler has parsed it with `apiArgs[method]` (a zod tuple).
 * - Payloads are plain objects, arrays, Float64Array and Uint8Array (structured clone and src/shared/codec.ts).
 */
import { z } from 'zod';
import type { GasEvent, SampleInfo, Segment } from './types';
import type { Recipe, RecipeInput, ReductionInfo, SpeedUp, TgaMetrics } from './analysis';

// ───────────────────────────── payload types ─────────────────────────────

/** A display-sized (x, y) series; the main process keeps the full-resolution arrays. */
export interface Series {
  x: Float64Array;
  y: Float64Array;
}

export type RunRole = 'sample' | 'blank';

/** What the user sets for one run. `null` start = automatic; `null` blank = no blank correction. */
export interface RunSettings {
  label: string;
  role: RunRole;
  recipe: RecipeInput | null;
  startS: number | null;
  blankId: string | null;
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
  /** Blank-corrected mass (mg) against file time (s), from the reduction start on. */
  massCorrected: Series;
  /** NiO's share of the theoretical loss for Fe2O3 + NiO recipes. */
  nioLossShare: number | null;
  /** File time (s) where the reducing atmosphere ends (or the data end): the α series above stop there. */
  windowEndS: number;
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

export interface SpeedUpRow extends SpeedUp {
  label: string;
}

export interface SessionView {
  study: StudyInfo | null;
  runs: RunView[];
  referenceId: string | null;
  settings: AnalysisSettings;
  speedUps: SpeedUpRow[];
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
  blankId?: string | null;
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

export const runPatchSchema = z
  .object({
    label: z.string().trim().min(1, 'the label is empty').max(200).optional(),
    role: z.enum(['sample', 'blank']).optional(),
    recipe: recipeInputSchema.nullable().optional(),
    startS: finite.nullable().optional(),
    blankId: runId.nullable().optional(),
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
    saturationFraction: finite.gt(0).lt(1).optional(),
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
  /** Write text or bytes where the user chooses (native dialog); the browser host downloads instead. */
  saveFile(request: SaveRequest): Promise<SaveResult>;
}

export const sessionMethods = ['getSession', 'openExampleStudy', 'clearSession', 'getTasks', 'saveFile'] as const;

export const sessionArgs = {
  getSession: z.tuple([]),
  openExampleStudy: z.tuple([]),
  clearSession: z.tuple([]),
  getTasks: z.tuple([]),
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
  /** Full-resolution derived series of one run (t, T, α, dα/dt, corrected mass) as CSV text. */
  tgaDerivedCsv(id: string): Promise<string>;
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
} satisfies Record<(typeof tgaMethods)[number], z.ZodTuple>;

// ───────────────────────────── the whole contract ─────────────────────────────

export interface Api extends SessionApi, TgaApi {}

export const apiMethods = [...sessionMethods, ...tgaMethods] as const;
export type ApiMethod = (typeof apiMethods)[number];

export const apiArgs: Record<ApiMethod, z.ZodTuple> = { ...sessionArgs, ...tgaArgs };

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
