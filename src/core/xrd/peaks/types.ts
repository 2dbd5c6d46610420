/**
 * Types of single-peak fitting: regions of interest, seeds, per-frame results and per-peak time series.
 * Plain objects and Float64Array only (they cross IPC and go to workers).
 */

/** What is known about a peak before fitting. Missing fields are estimated from the data. */
export interface PeakSeed {
  /** Label shown in results, e.g. 'fcc-FeNi 200'. */
  label?: string;
  /** Expected centre (2θ°); when absent the largest background-subtracted maximum in the ROI is taken. */
  centreDeg?: number;
  /** Expected full width at half maximum (2θ°); estimated from the data when absent. */
  fwhmDeg?: number;
  /** Lorentzian fraction η ∈ [0, 1]; default 0.5. */
  eta?: number;
  /** Integrated area (counts·°); estimated from the net counts when absent. */
  area?: number;
}

/** A region of interest: a 2θ range, the peaks in it and the background order. */
export interface RoiDefinition {
  /** Identifier, e.g. 'fcc-FeNi:200' or '6.40:6.75'. */
  id: string;
  fromDeg: number;
  toDeg: number;
  /** One or more peaks fitted together. */
  peaks: PeakSeed[];
  /** Polynomial background order (0 constant, 1 linear, … up to 3); default 1. */
  backgroundOrder?: number;
}

export interface PeakFitOptions {
  /** Detection factor k: a peak is present when its net area exceeds k standard deviations; default 3. */
  detectionK?: number;
  /** Half-width of the net-area window in FWHM units; default 1. */
  windowFwhm?: number;
  /** How far (in FWHM) the fitted centre may move from the seed; default 2. */
  searchFwhm?: number;
  /** Bounds on the FWHM relative to the seed FWHM; default [0.25, 4]. */
  fwhmRange?: [number, number];
  /** Weights: 'poisson' (σ² = max(I, 1)) or 'sigma' (the pattern's σ, Poisson where it has none); default 'sigma'. */
  weighting?: 'poisson' | 'sigma';
  /** Skip the detection screen and the significance test and fit every peak (like a plain lmfit run); default false. */
  forceFit?: boolean;
  /** Iteration cap for Levenberg–Marquardt; default 100. */
  maxIterations?: number;
}

/** A peak judged present and fitted, with standard uncertainties (1σ, covariance scaled by reduced χ²). */
export interface PresentPeak {
  present: true;
  label: string;
  centreDeg: number;
  fwhmDeg: number;
  eta: number;
  /** Integrated area, counts·°. */
  area: number;
  /** Height above background at the centre, counts. */
  heightCounts: number;
  sigma: { centreDeg: number; fwhmDeg: number; eta: number; area: number };
  /** area / σ(area). */
  significance: number;
  /** Detection limit for this peak in this frame (whole-peak area, counts·°): k·σ_N / f (see fitRoi.ts). */
  limit: number;
  /** The screen's net area in the ±windowFwhm·Γ window (counts·°) and its standard deviation. */
  netArea: number;
  netAreaSigma: number;
  /** Parameters that ended on a bound (their σ is 0 and not meaningful). */
  atBound: string[];
}

/** A peak judged absent: not fitted; the area it would need to be detected is `limit`. */
export interface AbsentPeak {
  present: false;
  label: string;
  /** Smallest detectable integrated area (counts·°) at the seed position in this frame. */
  limit: number;
  /** Net area found in the window (counts·°) and its standard deviation. */
  netArea: number;
  netAreaSigma: number;
  /** 'screen': net counts below k·σ before fitting; 'fit': fitted area below k·σ(area). */
  reason: 'screen' | 'fit';
  /** Where it was looked for (2θ°). */
  centreDeg: number;
}

export type PeakResult = PresentPeak | AbsentPeak;

export interface RoiFitResult {
  roiId: string;
  peaks: PeakResult[];
  /** Background coefficients b_k of Σ b_k (x − xRefDeg)^k and their σ. */
  background: number[];
  backgroundSigma: number[];
  xRefDeg: number;
  chi2: number;
  reducedChi2: number;
  iterations: number;
  converged: boolean;
  nPoints: number;
}

/** One peak through a sequence: NaN where absent. */
export interface PeakSeries {
  roiId: string;
  label: string;
  timesS: Float64Array;
  present: Uint8Array;
  centreDeg: Float64Array;
  centreSigmaDeg: Float64Array;
  fwhmDeg: Float64Array;
  fwhmSigmaDeg: Float64Array;
  eta: Float64Array;
  etaSigma: Float64Array;
  area: Float64Array;
  areaSigma: Float64Array;
  /** Detection limit (area) in every frame. */
  limit: Float64Array;
}

export interface SequenceFitResult {
  timesS: Float64Array;
  rois: { roi: RoiDefinition; frames: RoiFitResult[] }[];
  /** Frames whose fit failed outright (reported, the rest continue). */
  errors: { frame: number; roiId: string; message: string }[];
}
