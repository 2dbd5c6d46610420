/**
 * The imaging group of the IPC contract (issue 7 §3–4: radiography stacks and 2D XRD maps), spread into `Api`,
 * `apiMethods` and `apiArgs` by api.ts. Every argument is validated with these zod schemas in main before use.
 * Methods that change the state return the whole new view; long analyses run as jobs polled with *GetJob.
 */
import { z } from 'zod';
import type { FileBytes } from './api';
import type { RadiographyResult, RadiographySettings, RoiShape } from './radiography';
import { ROI_GROUPS } from './radiography';
import type { MapAnalysisOptions, MapResult } from './xrd-map';

// ───────────────────────────── payloads ─────────────────────────────

export interface ImagingJobView {
  id: number;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  done: number;
  total: number;
  message: string | null;
}

export interface RadStackView {
  name: string;
  formatLabel: string;
  width: number;
  height: number;
  frameCount: number;
  pixelType: string;
  /** Frame times (s from the first frame) as the analysis will use them. */
  timesS: Float64Array;
  timeNote: string;
  /** Read where it lies on disk (large stacks) rather than imported into memory. */
  onDisk: boolean;
  hasDarkFlat: boolean;
  files: number;
  ignored: string[];
  warnings: string[];
}

export interface RadStateView {
  stack: RadStackView | null;
  settings: RadiographySettings;
  temperatureLog: { name: string; note: string } | null;
  result: RadiographyResult | null;
  job: ImagingJobView | null;
  revision: number;
}

/** A frame for display: block-averaged to at most maxSide pixels on its longer side. */
export interface RadFrameView {
  index: number;
  width: number;
  height: number;
  /** Image pixels per displayed pixel (1 = full resolution). */
  binning: number;
  pixels: Float64Array;
  min: number;
  max: number;
  /** 1st and 99th percentiles (auto contrast). */
  p1: number;
  p99: number;
}

export interface MapImportOptions {
  nx: number;
  ny: number;
  /** Order of the two numbers in file names: 'yx' (map_{iy}_{ix}, default) or 'xy'. */
  order?: 'yx' | 'xy';
  /** Frames of a multi-frame file snake (odd rows reversed). */
  serpentine?: boolean;
}

export interface MapStateView {
  /** The loaded map: grid, how it was placed, missing points; null before an import. */
  layout: { nx: number; ny: number; note: string; missing: { ix: number; iy: number }[]; problems: string[]; points: number; wavelengthA: number | null } | null;
  importOptions: MapImportOptions | null;
  cifPhases: { id: string; fileName: string }[];
  options: MapRunOptions | null;
  result: MapResult | null;
  job: ImagingJobView | null;
  revision: number;
}

export type MapRunOptions = Omit<MapAnalysisOptions, 'cifs'> & { allowMissing?: boolean };

export interface MapPointFitView {
  ix: number;
  iy: number;
  fileName: string;
  twoThetaDeg: Float64Array;
  observed: Float64Array;
  calculated: Float64Array;
  background: Float64Array;
  phases: { id: string; curve: Float64Array }[];
  rwp: number;
}

// ───────────────────────────── schemas ─────────────────────────────

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const bytesSchema = z.instanceof(Uint8Array, { message: 'file bytes must be a Uint8Array' });
const fileSchema = z.object({ name: z.string().min(1, 'a file has no name').max(500), bytes: bytesSchema });
const frameIndex = z.number().int('a frame number is whole').min(0, 'frame numbers start at 0');
const frameRange = z.tuple([frameIndex, frameIndex]).refine(([a, b]) => b >= a, 'a frame range goes from first to last');
const coordinate = finite.min(-1e6).max(1e6);
const size = finite.gt(0, 'a size must be > 0').max(1e6);

export const roiShapeSchema: z.ZodType<RoiShape> = z.union([
  z.object({ kind: z.literal('rect'), x: coordinate, y: coordinate, width: size, height: size }).strict(),
  z.object({ kind: z.literal('ellipse'), x: coordinate, y: coordinate, width: size, height: size }).strict(),
  z.object({ kind: z.literal('polygon'), points: z.array(z.tuple([coordinate, coordinate])).min(3, 'a polygon needs three vertices').max(10_000) }).strict(),
]);

const groupSchema = z.enum(ROI_GROUPS as [string, ...string[]]);

export const radiographySettingsSchema = z
  .object({
    intervalS: finite.gt(0, 'the frame interval must be > 0 s').max(86_400).optional(),
    useFileTimes: z.boolean().optional(),
    flatField: z.boolean().optional(),
    rois: z
      .array(
        z.object({ name: z.string().trim().min(1, 'a ROI needs a name').max(100).refine((n) => n !== 'frame', '"frame" is the whole frame'), shape: roiShapeSchema, group: groupSchema.nullable().optional() }).strict(),
      )
      .max(200)
      .refine((rs) => new Set(rs.map((r) => r.name)).size === rs.length, 'two ROIs have the same name'),
    grid: z
      .object({
        cols: z.number().int().min(1).max(64),
        rows: z.number().int().min(1).max(64),
        shape: z.enum(['tile', 'circle']).optional(),
        radiusPx: size.optional(),
        groups: z.record(groupSchema, z.array(z.number().int().min(1))).optional(),
      })
      .strict()
      .nullable()
      .optional(),
    normaliseFrames: z.number().int().min(1).max(100_000).optional(),
    onset: z
      .object({ baseline: frameRange.optional(), k: finite.gt(0).max(1000).optional(), consecutive: z.number().int().min(1).max(10_000).optional() })
      .strict()
      .optional(),
    delta: z.object({ before: frameRange, after: frameRange }).strict().nullable().optional(),
  })
  .strict() as unknown as z.ZodType<RadiographySettings>;

export const mapImportOptionsSchema = z
  .object({ nx: z.number().int().min(1).max(2000), ny: z.number().int().min(1).max(2000), order: z.enum(['yx', 'xy']).optional(), serpentine: z.boolean().optional() })
  .strict();

export const mapRunOptionsSchema = z
  .object({
    phases: z.array(z.string().trim().min(1).max(200)).min(1, 'choose at least one phase').max(12),
    wavelengthA: finite.gt(0).lt(10).optional(),
    twoThetaMinDeg: finite.min(0).max(180).optional(),
    twoThetaMaxDeg: finite.gt(0).max(180).optional(),
    peaks: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
    pressure: z.object({ phase: z.string().trim().min(1).max(200), scale: z.string().trim().min(1).max(100), temperatureK: finite.gt(0).max(10_000).optional(), sigmaTemperatureK: finite.min(0).max(10_000).optional() }).strict().nullable().optional(),
    stepUm: finite.gt(0).max(1e6).optional(),
    stepYUm: finite.gt(0).max(1e6).optional(),
    debyeWaller: z.boolean().optional(),
    polarisationK: finite.min(0).max(1).optional(),
    cellScaleRange: z.tuple([finite.gt(0.3).lt(1.5), finite.gt(0.3).lt(1.5)]).optional(),
    allowMissing: z.boolean().optional(),
  })
  .strict();

// ───────────────────────────── the group ─────────────────────────────

export interface ImagingApi {
  radGetState(): Promise<RadStateView>;
  /** Import a stack from files the renderer read (one multi-page TIFF, the TIFFs of a folder, or one HDF5 file). */
  radImport(files: FileBytes[]): Promise<RadStateView>;
  /** Native dialog, then open the stack where it lies on disk (streamed; any size). Electron only. */
  radOpenDialog(): Promise<RadStateView>;
  /** A temperature log (time, T) joined to the frames by time; null removes it. */
  radSetTemperatureLog(file: FileBytes | null): Promise<RadStateView>;
  radSetSettings(settings: RadiographySettings): Promise<RadStateView>;
  radFrame(index: number, maxSide: number): Promise<RadFrameView>;
  /** Start the analysis (worker thread for stacks on disk); poll radGetJob. */
  radStart(): Promise<ImagingJobView>;
  radGetJob(): Promise<ImagingJobView | null>;
  radCancel(): Promise<ImagingJobView | null>;
  radResultsCsv(): Promise<string>;
  radClear(): Promise<RadStateView>;

  mapGetState(): Promise<MapStateView>;
  /** Patterns of a map: one file per point (names carry the position), a map index with its files, or one multi-frame file. */
  mapImport(files: FileBytes[], options: MapImportOptions): Promise<MapStateView>;
  mapAddCif(file: FileBytes): Promise<MapStateView>;
  mapRemoveCif(id: string): Promise<MapStateView>;
  mapStart(options: MapRunOptions): Promise<ImagingJobView>;
  mapGetJob(): Promise<ImagingJobView | null>;
  mapCancel(): Promise<ImagingJobView | null>;
  /** Observed, calculated, background and phase curves at one point; null for a missing or unanalysed point. */
  mapPointFit(ix: number, iy: number): Promise<MapPointFitView | null>;
  mapResultsCsv(): Promise<string>;
  mapClear(): Promise<MapStateView>;
}

export const imagingMethods = [
  'radGetState', 'radImport', 'radOpenDialog', 'radSetTemperatureLog', 'radSetSettings', 'radFrame', 'radStart', 'radGetJob', 'radCancel', 'radResultsCsv', 'radClear',
  'mapGetState', 'mapImport', 'mapAddCif', 'mapRemoveCif', 'mapStart', 'mapGetJob', 'mapCancel', 'mapPointFit', 'mapResultsCsv', 'mapClear',
] as const;

const pointIndex = z.number().int().min(0).max(100_000);

export const imagingArgs = {
  radGetState: z.tuple([]),
  radImport: z.tuple([z.array(fileSchema).min(1, 'no files to import').max(100_000)]),
  radOpenDialog: z.tuple([]),
  radSetTemperatureLog: z.tuple([fileSchema.nullable()]),
  radSetSettings: z.tuple([radiographySettingsSchema]),
  radFrame: z.tuple([frameIndex, z.number().int().min(16).max(8192)]),
  radStart: z.tuple([]),
  radGetJob: z.tuple([]),
  radCancel: z.tuple([]),
  radResultsCsv: z.tuple([]),
  radClear: z.tuple([]),
  mapGetState: z.tuple([]),
  mapImport: z.tuple([z.array(fileSchema).min(1, 'no files to import').max(100_000), mapImportOptionsSchema]),
  mapAddCif: z.tuple([fileSchema]),
  mapRemoveCif: z.tuple([z.string().min(1).max(200)]),
  mapStart: z.tuple([mapRunOptionsSchema]),
  mapGetJob: z.tuple([]),
  mapCancel: z.tuple([]),
  mapPointFit: z.tuple([pointIndex, pointIndex]),
  mapResultsCsv: z.tuple([]),
  mapClear: z.tuple([]),
} satisfies Record<(typeof imagingMethods)[number], z.ZodTuple>;
