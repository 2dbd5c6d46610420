/**
 * 2D XRD maps: a grid of integrated patterns → per point peak metrics, phase presence, weight fractions, cells and
 * pressure. Plain objects only (worker, IPC and CLI boundaries). Definitions in docs/xrd-maps.md.
 */

/** Where each grid point's pattern comes from. */
export interface MapPointSource {
  ix: number;
  iy: number;
  fileName: string;
  /** Frame inside a multi-frame file (0 for a file per point). */
  frame: number;
  /** Stage position from a map index file (µm), else null. */
  xUm: number | null;
  yUm: number | null;
}

export interface MapLayout {
  nx: number;
  ny: number;
  /** Row-major: points[iy·nx + ix]; null where no pattern was found. */
  points: (MapPointSource | null)[];
  missing: { ix: number; iy: number }[];
  /** Files that name a point outside the grid, or a point already taken. */
  problems: string[];
  /** How the grid was read, in words. */
  note: string;
}

export interface MapAnalysisOptions {
  /** Phases refined at every point: library ids or CIF phases 'cif-<block>' (as the xrd command). */
  phases: string[];
  cifs?: { fileName: string; text: string }[];
  /** Å; needed when the files do not state it. */
  wavelengthA?: number;
  twoThetaMinDeg?: number;
  twoThetaMaxDeg?: number;
  /** Peak windows: 'phase:hkl' (±3 FWHM around the reflection at the point's refined cell) or 'lo-hi' in 2θ degrees. */
  peaks?: string[];
  /** Pressure from a phase's cell through a scale (core/hp/eos), e.g. { phase: 'Re', scale: 'anzellini2014' }. */
  pressure?: { phase: string; scale: string; temperatureK?: number; sigmaTemperatureK?: number } | null;
  /** Step between points (µm), x and y; default 1. Positions from a map index file win. */
  stepUm?: number;
  stepYUm?: number;
  /** Include Debye–Waller factors (default true). */
  debyeWaller?: boolean;
  /** Polarisation fraction K (default 0.5, unpolarised). */
  polarisationK?: number;
  /** 2θ zero shift (°) held at every point; default: refined on the sampled points (their median). */
  zeroShiftDeg?: number | null;
  /** Linear cell range searched at the first point and after a gap (default [0.78, 1.03] × the library cell). */
  cellScaleRange?: [number, number];
}

export interface MapPhaseAtPoint {
  weightFraction: number;
  weightFractionSigma: number;
  a: number | null;
  c: number | null;
  aSigma: number | null;
  /** σ(c) of a non-cubic cell from the refinement (null for cubic cells and undetected phases). */
  cSigma?: number | null;
  /** cov(a, c) in Å² of a cell with both refined (hexagonal, tetragonal), from the refinement's covariance matrix. */
  acCovarianceA2?: number | null;
  volumeA3: number | null;
  /** Present: its weight fraction is above the refinement's drop limit and its strongest lines stand out (docs). */
  detected: boolean;
}

export interface MapPeakAtPoint {
  /** Σ counts in the window. */
  sum: number;
  /** Σ (counts − linear background through the window's end points). */
  area: number;
  /** Background-subtracted centroid (° 2θ), null when area ≤ 0. */
  centroidDeg: number | null;
  /** Full width at half maximum of the background-subtracted profile (° 2θ), null when not measurable. */
  fwhmDeg: number | null;
  windowDeg: [number, number];
}

export interface MapPointResult {
  ix: number;
  iy: number;
  xUm: number;
  yUm: number;
  fileName: string;
  phases: Record<string, MapPhaseAtPoint>;
  peaks: Record<string, MapPeakAtPoint>;
  pressureGPa: number | null;
  pressureSigmaGPa: number | null;
  /** The parts of σ(P): from σ(a), σ(c) (hexagonal) and σ(T) (docs/xrd-maps.md, "Pressure"). */
  pressureSigmaParts?: { aGPa: number; cGPa: number | null; temperatureGPa: number } | null;
  rwp: number | null;
  /** Goodness of fit √χ² = Rwp/Rexp of the point's refinement. */
  gof: number | null;
  /** Why the point deserves a look (docs/xrd-maps.md, "Flags"); empty when none. */
  flags: MapPointFlag[];
}

/**
 * 'poor-fit': goodness of fit above 1.5 × the map's median; 'cell-at-edge': a detected phase's refined cell at an end
 * of the searched scale range; 'retried': refined again from a cold start after a poor seeded fit (the better kept);
 * 'no-pressure': the pressure phase is detected but its cell gives no pressure on the scale.
 */
export type MapPointFlag = 'poor-fit' | 'cell-at-edge' | 'retried' | 'no-pressure';

/** A point whose result deserves a look: a poor fit, a cell at the end of the range, no pressure ('retried' alone is not). */
export function isFlaggedPoint(p: { flags: MapPointFlag[] }): boolean {
  return p.flags.some((f) => f !== 'retried');
}

/** The flags in words. */
export const MAP_FLAG_TEXT: Record<MapPointFlag, string> = {
  'poor-fit': 'poor fit (goodness of fit > 1.5 × the map median)',
  'cell-at-edge': 'a cell at the end of the searched range',
  retried: 'refitted from a cold start',
  'no-pressure': 'no pressure from the cell',
};

/**
 * The map-wide decisions taken before any point is refined, serialisable so that worker threads refining bands of
 * rows take the same: wavelength, 2θ range, each phase's starting cell (an isotropic scale s of its library cell),
 * the line width.
 */
export interface MapPlan {
  wavelengthA: number;
  lo: number;
  hi: number;
  /** Starting scale of each phase's library cell; null when its lines were found on none of the sampled points. */
  startS: (number | null)[];
  fwhmDeg: number;
  /** 2θ zero shift (°) held at every point: the option's, or the median of the zero refined on the sampled points. */
  zeroShiftDeg: number;
  /** Points the starting cells were searched on (row-major). */
  samples: number[];
  warnings: string[];
}

export interface MapResult {
  nx: number;
  ny: number;
  stepUm: number;
  stepYUm: number;
  wavelengthA: number;
  twoThetaRangeDeg: [number, number];
  phases: { id: string; name: string; startA: number; startC: number | null }[];
  peaks: string[];
  pressure: { phase: string; scale: string; scaleName: string; citation: string; temperatureK: number; sigmaTemperatureK?: number } | null;
  /** Row-major, null for missing points. */
  points: (MapPointResult | null)[];
  missing: { ix: number; iy: number }[];
  layoutNote: string;
  cancelled: boolean;
  /** Points analysed. */
  done: number;
  warnings: string[];
  /** Median goodness of fit over the points (the 'poor-fit' flag's reference). */
  medianGof: number | null;
  /** The map-wide decisions the points were refined with (to redraw a point's fit). */
  plan: MapPlan;
}

/** Quantities a map can show. */
export type MapQuantity =
  | { kind: 'pressure' }
  | { kind: 'weightFraction'; phase: string }
  | { kind: 'lattice'; phase: string; parameter: 'a' | 'c' | 'volume' }
  | { kind: 'peak'; peak: string; metric: 'sum' | 'area' | 'centroidDeg' | 'fwhmDeg' }
  | { kind: 'rwp' };
