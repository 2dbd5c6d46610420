/**
 * Types of the whole-pattern (Rietveld) refinement. Plain objects and Float64Array only, so inputs and results
 * cross worker and IPC boundaries unchanged.
 */

import type { XrdLattice } from '../../../shared/xrd-results';

/** Unit-cell parameters in Å and degrees: the shared definition (src/shared/xrd-results.ts). */
export type LatticeParams = XrdLattice;

/** Which cell parameters are independent. 'hexagonal' covers trigonal cells in the hexagonal setting. */
export type CrystalSystem =
  | 'cubic'
  | 'tetragonal'
  | 'hexagonal'
  | 'rhombohedral'
  | 'orthorhombic'
  | 'monoclinic'
  | 'triclinic';

/** Intensity factors that depend on the lattice: recomputed when a phase's composition follows its cell. */
export interface PhaseIntensities {
  /** Multiplicity × |F|² per reflection (any consistent unit; the scale absorbs it). */
  multFsq: Float64Array;
  /** Z·M of the cell in amu (g/mol per cell) for the Hill–Howard weight fraction. */
  cellMassAmu: number;
  /** Composition variable (e.g. Ni fraction of an fcc Fe–Ni solid solution by Vegard's law), if any. */
  x?: number;
  /** Mean isotropic B (Å²) of the cell's atoms (occupancy-weighted) built into multFsq; the refined offset ΔB of a
   * phase adds to every atom's B (reported B = this + ΔB). */
  bMeanA2?: number;
}

/** One crystalline phase as the refinement sees it: reflections with fixed hkl and |F|², a refinable cell. */
export interface RietveldPhase {
  id: string;
  /** Starting cell. */
  lattice: LatticeParams;
  /** Constraint on the cell; inferred from the starting cell when absent. */
  crystalSystem?: CrystalSystem;
  /** Miller indices of the (symmetry-unique) reflections. */
  h: Int32Array;
  k: Int32Array;
  l: Int32Array;
  /** Multiplicity × |F|², Z·M for the starting cell. */
  intensities: PhaseIntensities;
  /**
   * Optional: intensities for another cell (composition following the lattice, e.g. Vegard's law). Called once
   * per frame with the frame's starting cell and once after convergence; never inside the inner loop.
   */
  intensitiesFor?: (lattice: LatticeParams) => PhaseIntensities;
  /** Optional lattice-parameter bounds on a (Å), e.g. the Vegard end members. */
  aRangeA?: [number, number];
}

/** Peak-shape model. */
export type ProfileKind =
  /** Pseudo-Voigt with FWHM² = U tan²θ + V tanθ + W (deg²) and one mixing parameter η. */
  | 'pv'
  /** Thompson–Cox–Hastings pseudo-Voigt: Gaussian Caglioti U,V,W plus Lorentzian X/cosθ + Y tanθ (deg). */
  | 'tch';

/**
 * Profile parameters of one phase (FWHM terms in degrees 2θ). U, V, W (and X, Y) describe the instrument, or the
 * whole width when no instrument profile is known; `size` and `strain` are the sample's broadening:
 *   size   H_size = (180/π)·K·λ/(L·cosθ), K = 0.9 (Scherrer), stored as 1/L in nm⁻¹ (0: no size broadening)
 *   strain H_strain = (180/π)·4ε·tanθ, ε the microstrain (Stokes–Wilson apparent strain, from the FWHM)
 * 'pv': FWHM² = U tan²θ + V tanθ + W + H_size² + H_strain², one η (FullProf's pseudo-Voigt with a Gaussian size
 * term, Rodríguez-Carvajal, FullProf manual, Npr = 5). 'tch': Gaussian FWHM² = U tan²θ + V tanθ + W, Lorentzian
 * FWHM = X/cosθ + Y tanθ + H_size + H_strain (size and strain Lorentzian, as GSAS-II's default mixing 1).
 */
export interface ProfileParams {
  U: number;
  V: number;
  W: number;
  /** Lorentzian size term X/cosθ (TCH only). */
  X: number;
  /** Lorentzian strain term Y tanθ (TCH only). */
  Y: number;
  /** Lorentzian fraction of the simple pseudo-Voigt ('pv' only), 0..1. */
  eta: number;
  /** Inverse crystallite size 1/L (nm⁻¹); optional, 0 when absent. */
  size?: number;
  /** Microstrain ε (dimensionless); optional, 0 when absent. */
  strain?: number;
}

export type ProfileParamName = keyof ProfileParams;

/** Radiation: one wavelength, or a Kα1/Kα2 doublet where each reflection appears twice. */
export interface RietveldRadiation {
  wavelengthA: number;
  wavelength2A?: number;
  /** I(Kα2)/I(Kα1), 0.5 for Cu. */
  ratio21?: number;
}

export interface RietveldOptions {
  radiation: RietveldRadiation;
  /** Peak shape, default 'pv'. */
  profile?: ProfileKind;
  /** Starting profile (shared default for every phase), default U=V=0, W=0.01² deg², X=Y=0, η=0.5. */
  profileStart?: Partial<ProfileParams>;
  /** Per-phase starting profiles, by phase id (override profileStart). */
  profileStartByPhase?: Record<string, Partial<ProfileParams>>;
  /** Profile parameters refined, default ['W', 'eta'] for 'pv' and ['W', 'X'] for 'tch'. */
  refineProfile?: ProfileParamName[];
  /** One profile for all phases (instrument-limited widths), default false (one per phase). */
  sharedProfile?: boolean;
  /** Refine cell parameters, default true. */
  refineLattice?: boolean;
  /**
   * Refine one isotropic displacement offset ΔB (Å²) per phase, added to every atom's B, default false. Held (at the
   * value carried from the previous frame) while the phase is below refineBMinWt: B correlates with the scale, so a
   * minor phase's B would only trade places with its fraction.
   */
  refineB?: boolean;
  /** Weight fraction below which a phase's ΔB is held, default 0.1. */
  refineBMinWt?: number;
  /** Number of Chebyshev background terms (polynomial order + 1), default 7. */
  backgroundTerms?: number;
  /** Refine the zero shift of 2θ (deg), default true; start value zeroShiftDeg (default 0). */
  refineZero?: boolean;
  zeroShiftDeg?: number;
  /** Bragg–Brentano specimen displacement, Δ2θ = D·cosθ (deg): refine it, default false. */
  refineDisplacement?: boolean;
  displacementDeg?: number;
  /**
   * Polarisation fraction K of the Lorentz–polarisation factor LP = (K + (1−K)·cos²2θ·cos²2θm)/(sin²θ·cosθ).
   * 0.5 = unpolarised tube without monochromator (also pymatgen's XRDCalculator); ≈1 for a synchrotron pattern
   * whose polarisation was corrected at integration; GSAS-II 'Polariz.' is this K. Default 0.5.
   */
  polarisationK?: number;
  /** Monochromator 2θ (deg) for cos²2θm; default 0 (none). */
  monochromatorTwoThetaDeg?: number;
  /**
   * Cold starts (a single pattern, or the first frame of a sequence): before the least squares, all cells are
   * scanned by one common isotropic factor over ±cellSearch (relative, default 0.02 — thermal expansion to
   * ≈1000 °C), then each phase alone over ±cellSearchFine (default 0.004), in steps of cellSearchStep (default
   * 0.0005), for the lowest χ² with the scales solved — so room-temperature library cells find a pattern taken
   * at 700 °C. A phase that has never been in the model is scanned (±cellSearchFine) when it may re-enter.
   * 0 switches the scan off.
   */
  cellSearch?: number;
  cellSearchFine?: number;
  cellSearchStep?: number;
  /** Profile cut-off, in FWHM either side of each line, default 12. */
  cutoffFwhm?: number;
  /** 2θ range used (deg), default the whole pattern. */
  twoThetaMinDeg?: number;
  twoThetaMaxDeg?: number;
  /** Maximum LM iterations per frame, default 40. */
  maxIterations?: number;
  /** Stop when the relative χ² decrease of an accepted step is below this, default 1e-4 (on the 900-frame study the
   * fractions stay within 0.012σ of those at 1e-5, with 15 % fewer iterations). */
  tolerance?: number;
  /** Phases whose weight fraction falls below this are dropped (reported 0, flagged), default 0.005. */
  dropBelowWt?: number;
  /** Cell and profile of a phase below this weight fraction are held (its scale is still refined), default 0.02. */
  freezeBelowWt?: number;
  /** The profile of a phase below this weight fraction is held at the last refined values (its cell is still
   * refined down to freezeBelowWt): a weak phase's widths are ill-determined and would run off to cover misfit of
   * the others. Default 0.02. */
  refineProfileMinWt?: number;
  /** Upper bound of any phase's sample broadening (size or strain alone) at the top of the range, FWHM in degrees
   * 2θ; default no bound. The pipeline sets 10× the pattern's typical FWHM. */
  maxSampleFwhmDeg?: number;
  /** Sequential frames: how far a refined parameter may move from the previous frame's value — cell lengths by this
   * fraction (default 0.01), size and strain by this factor (default 3). A frame whose GoF jumps above the previous
   * one's (× 1.3 and + 0.3) is refined again from the previous state in two stages (cells and zero first, profiles
   * held), and the better fit is kept. */
  cellStepLimit?: number;
  profileStepFactor?: number;
}

/** Result for one phase in one frame. */
export interface PhaseResult {
  id: string;
  /** Rietveld scale S (0 when dropped). */
  scale: number;
  scaleSigma: number;
  /** Isotropic displacement offset ΔB (Å²) added to every atom's B; its σ (0 when held in this frame), whether it
   * was refined in this frame, and the mean B of the phase's atoms with the offset (Å²). */
  bOffsetA2: number;
  bOffsetSigmaA2: number;
  bRefined: boolean;
  bMeanA2: number | null;
  /** Set where ΔB was held at its value pooled over neighbouring frames (analysis/pooledB; bOffsetSigmaA2 is then the
   *  σ of that pooled value): how many refined values it was taken from, and over ± how many frames (null: the
   *  whole sequence's). */
  bPooled?: { n: number; halfWindowFrames: number | null };
  /** Standard uncertainties of the refined parameters of this phase by name: free cell parameters ('a', 'b', 'c',
   * 'alpha', 'beta', 'gamma'), profile terms ('U', 'W', 'eta', 'size', 'strain', …) and 'B'. Held ones are absent. */
  sigmas: Record<string, number>;
  /** cov(a, c) in Å² when both a and c were refined in this frame (χ²-scaled, like the σ): hexagonal and tetragonal
   * cells, for a pressure or a volume from both. */
  acCovarianceA2?: number;
  /** Hill–Howard weight fraction (0..1), 0 when dropped. */
  weightFraction: number;
  weightFractionSigma: number;
  /** True when the phase is out of the model in this frame (fraction below dropBelowWt). */
  dropped: boolean;
  /** True when its cell and profile were held because its fraction is small. */
  frozen: boolean;
  lattice: LatticeParams;
  /** Standard uncertainty of a (Å), 0 when not refined. */
  aSigmaA: number;
  profile: ProfileParams;
  cellVolumeA3: number;
  cellMassAmu: number;
  /** Composition variable from intensitiesFor (Vegard), if the phase has one. */
  x?: number;
}

/** Result of refining one pattern. */
export interface FrameResult {
  index: number;
  phases: PhaseResult[];
  zeroShiftDeg: number;
  displacementDeg: number;
  /** σ of the zero shift and displacement (0 when held). */
  zeroShiftSigmaDeg: number;
  displacementSigmaDeg: number;
  /** Chebyshev background coefficients over backgroundRangeDeg mapped to [−1, 1]. */
  background: Float64Array;
  backgroundRangeDeg: [number, number];
  /** Weighted-profile R factor Rwp = √(Σw(y−yc)² / Σwy²). */
  rwp: number;
  /** Profile R factor Rp = Σ|y−yc| / Σy. */
  rp: number;
  /** Expected R factor Rexp = √((N−P)/Σwy²). */
  rexp: number;
  /** Reduced χ² = Σw(y−yc)²/(N−P) = (Rwp/Rexp)². */
  chi2: number;
  /** Goodness of fit √χ² = Rwp/Rexp. */
  gof: number;
  nPoints: number;
  nParams: number;
  iterations: number;
  converged: boolean;
}

/** Progress of a sequential refinement. */
export interface RietveldProgress {
  done: number;
  total: number;
  last: FrameResult;
}

/** One pattern to refine (x in degrees 2θ). */
export interface RietveldPattern {
  twoThetaDeg: Float64Array;
  intensity: Float64Array;
  /** Standard uncertainties; Poisson √max(I,1) when null or absent. */
  sigma?: Float64Array | null;
  /**
   * Optional, per phase (in the phases' order): a ΔB (Å²) to hold in this frame instead of refining it (NaN or
   * absent: the options decide). A sequence sets the value pooled over neighbouring frames when single frames cannot
   * carry B (analysis/pooledB.ts).
   */
  bOffsetHeldA2?: ArrayLike<number> | null;
}
