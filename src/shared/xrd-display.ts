/**
 * Display data of an SXRD sequence, shared by the main process (which computes it next to the full-resolution
 * frames, src/core/xrd/display.ts) and the renderer's views (which draw it).
 */

/** Display axes of the SXRD views (q in Å⁻¹; nm⁻¹ files are converted). */
export type XrdAxis = '2th_deg' | 'q_A^-1' | 'd_A';

/** A binned time × x grid request (binHeatmap). */
export interface HeatmapRequest {
  /** Bins along x (default 600) and along time (default 300); time bins never exceed the frame count. */
  xBins?: number;
  tBins?: number;
  /** Axis of the x bins. Default '2th_deg'. */
  axis?: XrdAxis;
  /** Display log₁₀ of the mean counts (floored). Default false. */
  log?: boolean;
  /** Floor of the log scale in counts (means below it show as log₁₀ floor). Default 1. */
  floorCounts?: number;
  /** x window in axis units. Default: the data's extent. */
  xRange?: [number, number];
  /** Time window (s). Default: all frames. */
  tRangeS?: [number, number];
}

export interface HeatmapGrid {
  axis: XrdAxis;
  log: boolean;
  floorCounts: number;
  xBins: number;
  tBins: number;
  /** Bin edges: x in axis units, t in s. Cell (ti, xi) spans [xLo + xi·dx, xLo + (xi+1)·dx] × [tLo + ti·dt, …]. */
  xLo: number;
  xHi: number;
  tLoS: number;
  tHiS: number;
  /** Row-major by time: index ti·xBins + xi. Sum of counts and number of points per cell. */
  sum: Float64Array;
  count: Float64Array;
  /** Displayed value per cell: mean counts, or log₁₀(max(mean, floor)); NaN where the cell is empty. */
  value: Float64Array;
  /** Finite range of `value`. */
  min: number;
  max: number;
  /** Frames that contributed (inside tRangeS). */
  frames: number;
}

/** One frame as the views draw it: x on the requested axis, intensity in counts. */
export interface FrameCurve {
  index: number;
  timeS: number;
  fileName: string;
  x: Float64Array;
  intensity: Float64Array;
}


/** Observed and calculated profile of one refined frame (Rietveld), on 2θ (°). */
export interface FrameFit {
  twoThetaDeg: Float64Array;
  observed: Float64Array;
  calculated: Float64Array;
  background: Float64Array | null;
  /** Rwp of the frame (0…1), as the analysis reports it. */
  rwp: number | null;
}
