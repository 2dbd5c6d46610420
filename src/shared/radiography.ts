/**
 * Radiography (image-stack) analysis: what the user asks for (ROIs, grid, onset rule, ΔI events) and what comes
 * back (mean intensity per ROI per frame, onsets, ΔI %). Plain objects and Float64Array only: they cross worker,
 * IPC and CLI boundaries unchanged. Definitions in docs/radiography.md.
 */

/**
 * A region in image coordinates: pixel (x, y) covers [x, x+1) × [y, y+1), x to the right, y downwards, (0, 0) the
 * top-left pixel. A pixel belongs to a region when its centre (x + 0.5, y + 0.5) is inside (ImageJ's rule).
 */
export type RoiShape =
  /** x, y: top-left corner (pixels); width, height in pixels. */
  | { kind: 'rect'; x: number; y: number; width: number; height: number }
  /** The ellipse inscribed in this bounding box (ImageJ's oval). */
  | { kind: 'ellipse'; x: number; y: number; width: number; height: number }
  /** Vertices in pixel coordinates, closed automatically (even–odd rule). */
  | { kind: 'polygon'; points: [number, number][] };

/** ROI groups of the LVP paper's Fig. 3: pressure medium, reaction region, by-product; or none. */
export type RoiGroup = 'medium' | 'reaction' | 'by-product';
export const ROI_GROUPS: RoiGroup[] = ['medium', 'reaction', 'by-product'];

export interface RoiDef {
  name: string;
  shape: RoiShape;
  group?: RoiGroup | null;
}

/**
 * An N × M grid over the frame: cols × rows equal tiles, numbered P1 … P(cols·rows) row by row from the top left
 * (grid[row][col]). 'tile' measures whole tiles; 'circle' a circle of radiusPx at each tile's centre (the paper's
 * points).
 */
export interface GridDef {
  cols: number;
  rows: number;
  shape?: 'tile' | 'circle';
  radiusPx?: number;
  /** Groups of grid points by number (1-based), e.g. { medium: [1, 4, 9] }. */
  groups?: Partial<Record<RoiGroup, number[]>>;
}

/**
 * Stage onset rule (docs/radiography.md): on the normalised intensity of each ROI, the baseline is frames
 * [baselineStart, baselineEnd] (mean μ, sample SD σ); the onset is the first frame after it from which N consecutive
 * frames all differ from μ by more than k·σ.
 */
export interface OnsetRule {
  /** First and last baseline frame (0-based, inclusive). Default: the first 10 % of the frames, at least 10. */
  baseline?: [number, number];
  /** Threshold in baseline SDs, default 5. */
  k?: number;
  /** Consecutive frames beyond the threshold, default 5. */
  consecutive?: number;
}

/** A ΔI event such as the quench: the mean of frames `before` against the mean of frames `after` (0-based, inclusive). */
export interface DeltaEvent {
  before: [number, number];
  after: [number, number];
}

export interface RadiographySettings {
  /** Seconds between frames, used when the files state no times (or when useFileTimes is false). Default 1 s. */
  intervalS?: number;
  /** Use the times the files state (default true when every frame has one). */
  useFileTimes?: boolean;
  /** Subtract the dark field and divide by (flat − dark) when the stack has them or they are given. Default true. */
  flatField?: boolean;
  rois: RoiDef[];
  grid?: GridDef | null;
  /** Frames averaged for the normalisation I/I₀ (the first `normaliseFrames` frames), default 1. */
  normaliseFrames?: number;
  onset?: OnsetRule;
  delta?: DeltaEvent | null;
}

/** A temperature log on the frames' clock: time (s) and temperature (K). */
export interface TemperatureLog {
  name: string;
  timeS: Float64Array;
  temperatureK: Float64Array;
  /** How the columns were read ('t (s), T (°C) → K'). */
  note: string;
}

/** One measured region: a ROI or a grid point. */
export interface RegionSeries {
  name: string;
  kind: 'roi' | 'grid' | 'frame';
  group: RoiGroup | null;
  pixelCount: number;
  /** Mean intensity per frame (NaN for a region with no pixels). */
  mean: Float64Array;
  /** mean / mean of the first normaliseFrames frames. */
  normalised: Float64Array;
}

export interface RegionOnset {
  region: string;
  /** Null when the signal never leaves the baseline band under the rule. */
  frame: number | null;
  timeS: number | null;
  temperatureK: number | null;
  /** μ and σ of the baseline (normalised intensity) and the threshold used. */
  baselineMean: number;
  baselineSd: number;
  thresholdK: number;
  consecutive: number;
}

export interface RegionDelta {
  region: string;
  before: number;
  after: number;
  /** (before − after) / before × 100 (the LVP paper's Table 1). */
  percent: number;
  /** 1σ of percent from the frame-to-frame scatter (standard errors of the two means). */
  sigmaPercent: number;
}

export interface RadiographyResult {
  stack: {
    name: string;
    formatLabel: string;
    width: number;
    height: number;
    frameCount: number;
    pixelType: string;
    timeSource: string;
    timeNote: string;
  };
  timesS: Float64Array;
  /** Temperature at each frame time (K), NaN outside the log; null without a log. */
  temperatureK: Float64Array | null;
  frame: RegionSeries;
  rois: RegionSeries[];
  grid: { cols: number; rows: number; cells: RegionSeries[] } | null;
  groups: RegionSeries[];
  onsets: RegionOnset[];
  onsetRule: Required<OnsetRule>;
  delta: { event: DeltaEvent; regions: RegionDelta[] } | null;
  /** Frames analysed (fewer than frameCount when cancelled). */
  framesDone: number;
  cancelled: boolean;
  flatField: 'dark and flat' | 'dark only' | 'none';
  warnings: string[];
}
