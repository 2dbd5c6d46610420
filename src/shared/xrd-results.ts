/**
 * Results of the in situ SXRD analysis pipeline (src/core/xrd/pipeline.ts): sequential Rietveld weight fractions
 * and cells, sequential single-peak fits, phase presence detection and the Vegard Ni fraction of fcc (Fe,Ni), all
 * on the sequence's one time axis. Shared by the app (IPC), the worker and the CLI (`reductionlab xrd --json`).
 * Plain objects, arrays and numbers only; a value that does not exist in a frame is null (never NaN), so the
 * objects serialise to JSON unchanged.
 */

/** Options of analyseSequence. Every field documents its default. */
export interface XrdAnalysisOptions {
  /** Phases refined by the whole-pattern (Rietveld) fit: phase-library ids ('magnetite', 'fcc-FeNi', …) or the ids
   * of phases read from `cifs` ('cif-<data block name>'). Required unless refine is false. */
  phases: string[];
  /** Phases tested for presence (strongest non-overlapping reflections). Default: `phases`. Phases listed here and
   * not in `phases` are only detected, not refined. */
  detectPhases?: string[];
  /** CIF files whose phases may be named in `phases`/`detectPhases`/`peaks`. Default none. */
  cifs?: { fileName: string; text: string }[];
  /** Single-peak regions as 'phase:hkl' ('fcc-FeNi:200', 'wustite:200'). Default none. */
  peaks?: string[];
  /** Wavelength (Å) when the sequence does not state one. The sequence's own wavelength wins when it has one. */
  wavelengthA?: number;
  /** 2θ range analysed (°). Default: the whole pattern. */
  twoThetaMinDeg?: number;
  twoThetaMaxDeg?: number;
  /** Run the Rietveld refinement. Default true; false gives peaks and presence only. */
  refine?: boolean;
  /** Polynomial background order of the peak and presence ROIs (0…3). Default 1. */
  backgroundOrder?: number;
  /** Chebyshev background terms of the Rietveld fit. Default 7. */
  backgroundTerms?: number;
  /** Rietveld: phases below this weight fraction are dropped from the model (reported 0). Default 0.005. */
  dropBelowWt?: number;
  /** Lorentz–polarisation K of the Rietveld fit (0.5 unpolarised, ≈1 polarisation-corrected). Default 0.5. */
  polarisationK?: number;
  /** Include the phases' Debye–Waller factors in |F|². Default true. */
  debyeWaller?: boolean;
  /** Run temperature (°C): library phases get their cell expanded (mean ᾱ) and their B scaled (Debye model) to it,
   * and the Vegard end members follow it. Default: the sequence's temperature (a temperature log attached to it,
   * else every file's own temperature), else 25 °C. CIF phases are used as the file gives them. */
  temperatureC?: number;
  /** Refine one isotropic displacement offset ΔB per phase (added to every atom's B). Default true for
   * 'debye-scherrer', false for 'bragg-brentano' (surface roughness and absorption, not modelled, mimic B there). */
  refineB?: boolean;
  /** A phase's ΔB is refined only while its weight fraction is at least this (held at the last refined value below;
   * B correlates with the scale). Default 0.1. */
  refineBMinWt?: number;
  /** Vegard end members of fcc (Fe,Ni) at the run temperature, a at xNi = 0 and at xNi = 1 (Å). Default: the
   * library's room-temperature law (fcc Ni and Invar, core/xrd/crystal/library DEFAULT_FENI_VEGARD) expanded to the
   * run temperature; its end-member uncertainties give x_Ni's systematic σ. Given ends are used as they are. */
  vegardEndsA?: { a0A: number; a1A: number };
  /** Presence: detection factor k (area > k·σ). Default 3. */
  detectionK?: number;
  /** Presence: consecutive frames needed to call a phase detected. Default 2. */
  minConsecutive?: number;
  /** Search each phase's starting cell in the data (thermal expansion, composition) within this fractional
   * range around the library cell, [low, high]. Default [−0.015, +0.035]. */
  cellSearchRange?: [number, number];
  /** Laboratory Kα1/Kα2 doublet: the Kα2 wavelength (Å; the files' λ or wavelengthA is Kα1) and I(Kα2)/I(Kα1)
   * (default 0.5). The Rietveld fit draws every reflection twice; presence tests fit the Kα2 lines as nuisance
   * peaks. Default none (monochromatic beam, as at a synchrotron). */
  wavelength2A?: number;
  ratio21?: number;
  /** Geometry of the Rietveld fit. 'debye-scherrer' (default; transmission / synchrotron: zero shift refined, 'pv'
   * profile) or 'bragg-brentano' (laboratory reflection: specimen displacement refined, zero held, 'tch' profile
   * with U, W, X refined). */
  geometry?: 'debye-scherrer' | 'bragg-brentano';
  /** Rietveld peak profile: 'pv' (Caglioti FWHM, one η per phase) or 'tch' (Thompson–Cox–Hastings). Default by
   * geometry ('tch' also whenever instrumentProfile is given). */
  profile?: 'pv' | 'tch';
  /** Profile terms refined per phase: instrument-like U, V, W, X, Y (and η for 'pv') or the sample's 'size'
   * (crystallite size, Scherrer) and 'strain' (microstrain). Default size, strain, eta ('pv', Debye–Scherrer);
   * U, W, X ('tch', Bragg–Brentano); size, strain (+ eta for 'pv') when instrumentProfile is given. */
  refineProfile?: ('U' | 'V' | 'W' | 'X' | 'Y' | 'eta' | 'size' | 'strain')[];
  /** Instrument profile (FWHM terms: U, V, W in deg², X, Y in deg), e.g. from a GSAS-II .instprm through
   * core/xrd/rietveld parseInstprm or from a standard (LaB6, CeO2) refined earlier; held unless named in
   * refineProfile, so that size and strain are the sample's own. Without it the instrument's width is in the sizes
   * and strains (reported as apparent). Default none. */
  instrumentProfile?: { U: number; V: number; W: number; X: number; Y: number };
  /** Zero shift of 2θ (°): start (or held) value. Default 0. */
  zeroShiftDeg?: number;
  /** Refine the zero shift. Default true for 'debye-scherrer', false for 'bragg-brentano'. */
  refineZero?: boolean;
  /** Refine the Bragg–Brentano specimen displacement (Δ2θ = D·cosθ). Default true for 'bragg-brentano' only. */
  refineDisplacement?: boolean;
  /** Monochromator 2θ (°) in the Lorentz–polarisation factor. Default 0 (none). */
  monochromatorTwoThetaDeg?: number;
}

/** The Rietveld instrument model used (XrdAnalysis.instrument). */
export interface XrdInstrumentInfo {
  geometry: 'debye-scherrer' | 'bragg-brentano';
  profile: 'pv' | 'tch';
  refineProfile: string[];
  /** Kα2 (Å) and I(Kα2)/I(Kα1), null for a monochromatic beam. */
  wavelength2A: number | null;
  ratio21: number | null;
  instrumentProfile: { U: number; V: number; W: number; X: number; Y: number } | null;
  zeroShiftDeg: number;
  refineZero: boolean;
  refineDisplacement: boolean;
  polarisationK: number;
  monochromatorTwoThetaDeg: number;
}

/** How well the Rietveld model fits (XrdAnalysis.fitQuality): GoF = Rwp/Rexp above 2 is called poor. */
export interface XrdFitQuality {
  /** Frames whose GoF exceeds the threshold, and the threshold. */
  poorFrames: number;
  gofThreshold: number;
  maxGof: number | null;
  maxRwp: number | null;
  /** Time range (s) of the poor frames, and the refined phases present (not dropped) in them with their largest
   * fraction. */
  poorFromS: number | null;
  poorToS: number | null;
  phasesPresent: { id: string; maxWeightFraction: number }[];
  /** Phases present in every poor frame and weaker in every good one: the fit is poor exactly while they are there. */
  suspects: string[];
  /** Plain-language verdict ('good: GoF ≤ 1.2 in every frame' or what is poor and what to check). */
  message: string;
}

/** Options describing the instrument (reported in XrdAnalysis.instrument, not in settings). */
export type XrdInstrumentOptionKey =
  | 'wavelength2A' | 'ratio21' | 'geometry' | 'profile' | 'refineProfile' | 'instrumentProfile' | 'zeroShiftDeg' | 'refineZero'
  | 'refineDisplacement' | 'monochromatorTwoThetaDeg';

/**
 * Unit-cell edges (Å) and angles (°). The one definition of a lattice: the crystallography core (`Lattice`) and the
 * Rietveld engine (`LatticeParams`) alias it, so cells cross IPC unchanged.
 */
export interface XrdLattice {
  aA: number;
  bA: number;
  cA: number;
  alphaDeg: number;
  betaDeg: number;
  gammaDeg: number;
}

/** A phase of the analysis, as used (refined, detected, or only named in a peak spec: both flags false). */
export interface XrdPhaseInfo {
  id: string;
  name: string;
  formula: string;
  spaceGroup: string;
  /** Refined by the Rietveld fit (false: presence test only). */
  refined: boolean;
  /** Tested for presence. */
  detected: boolean;
  /** Library cell (or the CIF's); for a Vegard solid solution, its cell at the library composition under the
   * analysis's end members. */
  libraryLattice: XrdLattice;
  /** Starting cell found in the data (library cell scaled), and how: 'search' (its own reflections matched),
   * 'common' (the expansion shared by all fixed-composition phases; no clear signal of its own) or 'library'. */
  startLattice: XrdLattice;
  startSource: 'search' | 'common' | 'library';
  /** Vegard end members when the phase is a solid solution (fcc-FeNi). */
  vegard?: { a0A: number; a1A: number };
  citation: string;
}

/** One refined phase in one frame (Rietveld). */
export interface XrdPhaseFrame {
  /** Hill–Howard weight fraction (0…1); 0 when dropped. */
  weightFraction: number;
  weightFractionSigma: number;
  /** Out of the model in this frame (fraction below dropBelowWt). */
  dropped: boolean;
  /** Cell held (small fraction). */
  frozen: boolean;
  lattice: XrdLattice;
  /** a (Å) and its standard uncertainty (0 when not refined in this frame). */
  aA: number;
  aSigmaA: number;
  /** σ of the other refined free cell parameters by name ('c', 'b', 'beta', …); absent when held. */
  latticeSigma?: Record<string, number>;
  /** Vegard Ni fraction from the refined a (fcc-FeNi only), its statistical σ (from σ(a)) and the systematic σ the
   * end members add (their literature uncertainties and that of the thermal expansion; null when the ends were given
   * without uncertainties). */
  xNi?: number;
  xNiSigma?: number;
  xNiSystematicSigma?: number | null;
  /** Mean isotropic displacement B of the phase's atoms (Å², the refined offset included), its σ (0 when held),
   * and whether it was refined in this frame (false: held while the phase is minor, or B refinement off). */
  bIsoA2?: number | null;
  bIsoSigmaA2?: number;
  bRefined?: boolean;
  /** Set where B was not refined in this frame but held at its value pooled over neighbouring frames (a grainy
   * sequence, docs/rietveld.md): bIsoSigmaA2 is then the σ of the pooled median (1.2533·s/√n over the n refined values
   * it was taken from), halfWindowFrames the frames either side (null: the whole sequence's median). */
  bPooled?: { n: number; halfWindowFrames: number | null };
  /** Crystallite size (nm, Scherrer K = 0.9) and microstrain ε with their σ; null when not refined or when the lines
   * show no size broadening (size beyond reach). Apparent (instrument included) without an instrument profile. */
  sizeNm?: number | null;
  sizeSigmaNm?: number | null;
  microstrain?: number | null;
  microstrainSigma?: number | null;
  /** Refined profile terms of the phase with their σ ('eta', 'U', 'W', …). */
  profile?: Record<string, { value: number; sigma: number }>;
}

/** One single-peak ROI in one frame. Parameters are null when the peak is absent (below its detection limit). */
export interface XrdPeakFrame {
  present: boolean;
  centreDeg: number | null;
  centreSigmaDeg: number | null;
  fwhmDeg: number | null;
  fwhmSigmaDeg: number | null;
  eta: number | null;
  /** Integrated area (counts·°) and its σ. */
  area: number | null;
  areaSigma: number | null;
  /** Detection limit: the smallest area that would count as present in this frame (counts·°). */
  limit: number | null;
  /** Lattice parameter from the centre (cubic phases: a = d·√(h²+k²+l²)), Å. */
  aA: number | null;
  aSigmaA: number | null;
  /** Vegard Ni fraction from aA (fcc-FeNi only). */
  xNi: number | null;
  xNiSigma: number | null;
  /** Fit error message when the ROI fit failed in this frame. */
  error?: string;
}

/** Presence of one phase in one frame. */
export interface XrdPresenceFrame {
  present: boolean;
  /** Net counts over local noise N/σ_N at the reported reflection (the best passing one, else the one with the
   * lowest limit); null when no reflection could be evaluated in this frame. */
  score: number | null;
  /** Whole-peak area that would just pass (counts·°), best reflection. */
  limit: number | null;
}

export interface XrdFrameResult {
  index: number;
  timeS: number;
  fileName: string;
  /** Frame label inside a multi-frame container. */
  label?: string;
  /** Rietveld agreement (null with refine false): weighted-profile R, profile R, expected R, reduced χ², GoF. */
  rwp: number | null;
  rp: number | null;
  rexp: number | null;
  chi2: number | null;
  gof: number | null;
  zeroShiftDeg: number | null;
  /** σ of the zero shift (°; 0 when held). */
  zeroShiftSigmaDeg?: number | null;
  /** Bragg–Brentano specimen displacement term D (Δ2θ = D·cosθ, °); absent or null when not refined. */
  displacementDeg?: number | null;
  displacementSigmaDeg?: number | null;
  /** Temperature of the frame (°C) from the sequence's log or files, when known. */
  temperatureC?: number | null;
  converged: boolean | null;
  /** Refined phases by id. */
  phases: Record<string, XrdPhaseFrame>;
  /** Peak ROIs by spec ('fcc-FeNi:200'). */
  peaks: Record<string, XrdPeakFrame>;
  /** Presence by phase id. */
  presence: Record<string, XrdPresenceFrame>;
}

/** Presence of one phase over the whole sequence. */
export interface XrdDetection {
  detected: boolean;
  /** Time of the first frame of the first run of minConsecutive detections; null when not detected. */
  firstTimeS: number | null;
  firstFrame: number | null;
  /** Median over frames of the per-frame detection limit (whole-peak integrated area, counts·°). */
  limit: number | null;
  /** The reflections tested ('bcc-Fe 110' at its starting 2θ). */
  reflections: { label: string; twoThetaDeg: number }[];
  /** 'detected from t = 150 s' or 'not detected (limit 12.3 counts·°)'. */
  message: string;
}

export interface XrdPeakInfo {
  spec: string;
  phaseId: string;
  hkl: [number, number, number];
  label: string;
  /** Expected 2θ at the phase's starting cell (°). */
  expectedTwoThetaDeg: number;
}

export interface XrdAnalysis {
  /** Wavelength used (Å) and where it came from. */
  wavelengthA: number;
  wavelengthSource: 'files' | 'option';
  timeSource: 'metadata' | 'interval';
  /** 2θ range analysed (°). */
  twoThetaMinDeg: number;
  twoThetaMaxDeg: number;
  refined: boolean;
  phases: XrdPhaseInfo[];
  peaks: XrdPeakInfo[];
  frames: XrdFrameResult[];
  detection: Record<string, XrdDetection>;
  /** Files of the sequence that could not be read. */
  skipped: { fileName: string; message: string }[];
  warnings: string[];
  /** True when the caller cancelled: frames holds what was finished (Rietveld frames; peaks and presence only if
   * they completed). */
  cancelled: boolean;
  /** Frames in the sequence analysed; frames.length is smaller when the analysis was cancelled (absent from results
   * made before it existed). */
  frameTotal?: number;
  /** The options with their defaults filled in (the instrument options are in `instrument`). */
  settings: Required<Omit<XrdAnalysisOptions, 'cifs' | 'wavelengthA' | 'twoThetaMinDeg' | 'twoThetaMaxDeg' | XrdInstrumentOptionKey>>;
  /** The Rietveld instrument model used (absent from results made before it existed). */
  instrument?: XrdInstrumentInfo;
  /** Where the Vegard end members (settings.vegardEndsA) came from, when a solid solution is analysed: 'literature'
   * (the library's room-temperature law expanded to the run temperature) or 'option' (given by the caller). */
  vegardEndsSource?: 'literature' | 'option';
  /** The run temperature (°C) the library phases and the Vegard ends were taken at (settings.temperatureC) and where
   * it came from: 'option' (set), 'log' (the temperature log attached to the sequence: its median over the frames),
   * 'files' (the files' own temperatures) or 'default' (none known: 25 °C). */
  temperatureSource?: 'option' | 'log' | 'files' | 'default';
  /** Fit quality over the frames (refined analyses; absent otherwise). */
  fitQuality?: XrdFitQuality;
}

/** A named stretch of an analysis' progress (the bar counts on through it): the pooled-ΔB second pass of the chain,
 *  frame `frame` of `frames`. */
export interface XrdProgressStage {
  stage: 'pooled-b';
  frame: number;
  frames: number;
}

/** What the panel says under the progress bar during a stage. */
export function progressStageLabel(s: XrdProgressStage): string {
  return `second pass: pooling B — frame ${s.frame} of ${s.frames}`;
}

/** How a frame's B of a phase was obtained, in the words the results table and the CSV use: 'refined', 'held' (minor
 *  phase, or B refinement off) or 'pooled (±10 frames)' / 'pooled (whole run)' (held at the median of the refined
 *  values of the frames around; its σ is that median's). */
export function bSourceLabel(ph: Pick<XrdPhaseFrame, 'bRefined' | 'bPooled'>): 'refined' | 'held' | `pooled (${string})` {
  if (ph.bRefined) return 'refined';
  if (!ph.bPooled) return 'held';
  return ph.bPooled.halfWindowFrames === null ? 'pooled (whole run)' : `pooled (±${ph.bPooled.halfWindowFrames} frames)`;
}
