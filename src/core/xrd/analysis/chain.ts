/**
 * The sequential Rietveld chain (stage 3): the instrument model and Rietveld options of an analysis, the chain of
 * frames each seeded by the one before (core/xrd/rietveld), and every phase's cell frame by frame for the later
 * stages (refined where the data determine it, else the starting cell).
 */
import type { XrdAnalysisOptions, XrdInstrumentInfo } from '../../../shared/xrd-results';
import { cellVolumeA3 } from '../crystal/lattice';
import type { Lattice, PhaseDef } from '../crystal/types';
import type { FrameData } from '../peaks/sequential';
import { lineShape, sizeFwhmDeg, strainFwhmDeg } from '../rietveld/profile';
import { refineSequence, rietveldPhaseFromDef, type FrameResult, type RietveldOptions, type RietveldPattern, type RietveldPhase } from '../rietveld/index';
import type { Settings } from './common';
import { pooledBOffsets, type PooledB } from './pooledB';
import { cellDetermined } from './presence';

/**
 * The profile terms refined by default: the sample's size and strain on top of a known instrument profile; without
 * one, size and strain per phase (apparent: they carry the instrument's width) on a Debye–Scherrer pattern, and the
 * laboratory TCH terms U, W, X on Bragg–Brentano data; η with the pseudo-Voigt.
 */
export function defaultRefineProfile(profile: 'pv' | 'tch', braggBrentano: boolean, instrumentGiven: boolean): string[] {
  const sample = profile === 'pv' ? ['size', 'strain', 'eta'] : ['size', 'strain'];
  return instrumentGiven || !braggBrentano ? sample : ['U', 'W', 'X'];
}

/** The Rietveld instrument model from the options and their geometry-dependent defaults. */
export function instrumentModel(options: XrdAnalysisOptions, polarisationK: number): XrdInstrumentInfo {
  const geometry = options.geometry ?? 'debye-scherrer';
  const bb = geometry === 'bragg-brentano';
  const inst = options.instrumentProfile ?? null;
  const profile = options.profile ?? (bb || inst ? 'tch' : 'pv');
  if (inst && profile === 'pv' && (inst.X !== 0 || inst.Y !== 0)) {
    throw new Error('the \'pv\' profile has no Lorentzian instrument terms: an instrument profile with X or Y needs the \'tch\' profile');
  }
  const refineProfile = options.refineProfile ?? defaultRefineProfile(profile, bb, inst !== null);
  const l2 = options.wavelength2A;
  return {
    geometry,
    profile,
    refineProfile: [...refineProfile],
    wavelength2A: l2 !== undefined && l2 > 0 ? l2 : null,
    ratio21: l2 !== undefined && l2 > 0 ? options.ratio21 ?? 0.5 : null,
    instrumentProfile: inst ? { U: inst.U, V: inst.V, W: inst.W, X: inst.X, Y: inst.Y } : null,
    zeroShiftDeg: options.zeroShiftDeg ?? 0,
    refineZero: options.refineZero ?? !bb,
    refineDisplacement: options.refineDisplacement ?? bb,
    polarisationK,
    monochromatorTwoThetaDeg: options.monochromatorTwoThetaDeg ?? 0,
  };
}

/**
 * Starting profile of the Rietveld fit from the FWHM Γ measured on the first frame, at mid-range 2θ:
 *  - size and strain refined: the width the instrument leaves (Γ² − H_inst², at least (0.5Γ)²; all of Γ without an
 *    instrument profile) shared 0.8 : 0.6 between size and strain (both must start above zero: the quadrature sum
 *    has no slope at zero);
 *  - else 'pv': W = Γ², η = 0.5; 'tch': half Gaussian, half Lorentzian (W = (0.7Γ)², X from 0.45Γ·cosθ).
 * The instrument profile, when given, is the start of U, V, W, X, Y.
 */
export function profileStartFor(instrument: XrdInstrumentInfo, fwhmDeg: number, midTwoThetaDeg: number, wavelengthA = 1): RietveldOptions['profileStart'] {
  const th = (midTwoThetaDeg * Math.PI) / 360;
  const inst = instrument.instrumentProfile;
  const refined = new Set(instrument.refineProfile);
  if (refined.has('size') || refined.has('strain')) {
    const out = new Float64Array(2);
    const instOnly = inst ?? { U: 0, V: 0, W: 0, X: 0, Y: 0 };
    lineShape(instrument.profile, { ...instOnly, eta: 0.5 }, th, out, wavelengthA);
    const hInst = inst ? out[0] : 0;
    const hSample = Math.sqrt(Math.max(fwhmDeg * fwhmDeg - hInst * hInst, 0.25 * fwhmDeg * fwhmDeg));
    const perSize = sizeFwhmDeg(1, wavelengthA, th);
    const perStrain = strainFwhmDeg(1, th);
    return {
      ...instOnly,
      eta: 0.5,
      ...(refined.has('size') ? { size: (0.8 * hSample) / perSize } : {}),
      ...(refined.has('strain') ? { strain: (0.6 * hSample) / perStrain } : {}),
    };
  }
  if (inst) return { ...inst, eta: 0.5 };
  if (instrument.profile === 'pv') return { W: fwhmDeg * fwhmDeg, eta: 0.5 };
  return { U: 0, V: 0, W: (0.7 * fwhmDeg) ** 2, X: 0.45 * fwhmDeg * Math.cos(th), Y: 0, eta: 0.5 };
}

/** The Rietveld options of a sequence analysis: the instrument model plus the analysis settings (one place, so the
 *  app's frame fits re-run exactly the refinement the pipeline ran). */
export function rietveldOptionsFor(
  instrument: XrdInstrumentInfo,
  settings: Pick<Settings, 'backgroundTerms' | 'polarisationK' | 'dropBelowWt'> & Partial<Pick<Settings, 'refineB' | 'refineBMinWt' | 'debyeWaller'>>,
  wavelengthA: number,
  fwhmDeg: number,
  minDeg: number,
  maxDeg: number,
): RietveldOptions {
  return {
    radiation: { wavelengthA, ...(instrument.wavelength2A !== null ? { wavelength2A: instrument.wavelength2A, ratio21: instrument.ratio21 ?? 0.5 } : {}) },
    profile: instrument.profile,
    profileStart: profileStartFor(instrument, fwhmDeg, 0.5 * (minDeg + maxDeg), wavelengthA),
    refineProfile: instrument.refineProfile as RietveldOptions['refineProfile'],
    backgroundTerms: settings.backgroundTerms,
    polarisationK: settings.polarisationK,
    monochromatorTwoThetaDeg: instrument.monochromatorTwoThetaDeg,
    zeroShiftDeg: instrument.zeroShiftDeg,
    refineZero: instrument.refineZero,
    refineDisplacement: instrument.refineDisplacement,
    dropBelowWt: settings.dropBelowWt,
    // B only where the structure factors carry it
    refineB: (settings.refineB ?? false) && settings.debyeWaller !== false,
    refineBMinWt: settings.refineBMinWt,
    // no phase's own broadening beyond ten times the pattern's typical width
    maxSampleFwhmDeg: 10 * fwhmDeg,
  };
}


/** A phase's cell in every frame, for moving its reflections in the peak and presence stages. */
export interface PhaseTrack {
  /** Cell of the phase in every frame (refined where available, else the starting cell). */
  lattice: Lattice[];
  /** (V_f/V_start)^(1/3): the isotropic d-spacing ratio used to move its reflections. */
  ratio: Float64Array;
}

/** What a chain (or one pass of it) returns: the frames refined, and whether it stopped early. */
export interface ChainRun {
  frames: FrameResult[];
  cancelled: boolean;
}

/** One pass of the chain over the whole sequence, with ΔB held per frame and phase where `heldB` says (null: the
 *  first pass); `tick` after every frame. */
export type ChainPass = (heldB: Float64Array[] | null, tick: () => void) => ChainRun;
export type ChainPassAsync = (heldB: Float64Array[] | null, tick: () => void) => Promise<ChainRun>;

/** Progress of the passes: `tick` after every frame of the first pass, `secondPass` after every frame of the second
 *  (frame k of n, k from 1). */
export interface ChainHooks {
  tick: () => void;
  secondPass?: (frame: number, frames: number) => void;
}

/** The second pass's per-frame tick: frame k of n to hooks.secondPass. */
function secondPassTick(hooks: ChainHooks, frames: number): () => void {
  let k = 0;
  return () => hooks.secondPass?.(++k, frames);
}

/**
 * The chain step every caller runs (the pipeline on one thread or in chunks, the app's frame fits): the first pass,
 * then — where single frames cannot carry ΔB (its scatter far beyond its σ, analysis/pooledB) — the second pass with
 * ΔB held at its value pooled over neighbouring frames. A cancelled first pass is returned as it stands.
 */
export function refinePooled(pass: ChainPass, hooks: ChainHooks): ChainRun {
  const first = pass(null, hooks.tick);
  const pooled = first.cancelled ? null : pooledBOffsets(first.frames);
  return pooled ? withPooledB(pass(pooled.heldA2, secondPassTick(hooks, first.frames.length)), pooled) : first;
}

/** The second pass's frames with every held ΔB reported as pooled, with the σ of its pooled value. */
function withPooledB(run: ChainRun, pooled: PooledB): ChainRun {
  const frames = run.frames.map((fr, f) => ({
    ...fr,
    phases: fr.phases.map((ph, p) => {
      const src = pooled.source[f]?.[p];
      return src && !ph.bRefined && !ph.dropped ? { ...ph, bOffsetSigmaA2: src.sigmaA2, bPooled: { n: src.n, halfWindowFrames: src.halfWindowFrames } } : ph;
    }),
  }));
  return { frames, cancelled: run.cancelled };
}

/** refinePooled with passes that run elsewhere (chunks on a pool of workers). */
export async function refinePooledAsync(pass: ChainPassAsync, hooks: ChainHooks): Promise<ChainRun> {
  const first = await pass(null, hooks.tick);
  const pooled = first.cancelled ? null : pooledBOffsets(first.frames);
  return pooled ? withPooledB(await pass(pooled.heldA2, secondPassTick(hooks, first.frames.length)), pooled) : first;
}

/** Run the chain over the frames, each frame seeded by the previous one, with the pooled-ΔB second pass where it is
 *  needed (refinePooled). Stops early when `cancelled` says so. */
export function refineChain(
  frames: FrameData[],
  refine: PhaseDef[],
  options: RietveldOptions,
  wavelengthA: number,
  maxDeg: number,
  settings: Pick<Settings, 'debyeWaller'>,
  hooks: ChainHooks & { cancelled: () => boolean },
): ChainRun {
  const rvPhases = refine.map((def) => rietveldPhaseFromDef(def, { wavelengthA, twoThetaMaxDeg: maxDeg, debyeWaller: settings.debyeWaller }));
  return refineSequencePooled(
    frames.map((f) => ({ twoThetaDeg: f.twoThetaDeg, intensity: f.intensity, sigma: f.sigma })), rvPhases, options, hooks,
  );
}

/** The patterns with ΔB held per phase where `heldB` says (the second pass), else as they are. */
export function withHeldB(patterns: RietveldPattern[], heldB: Float64Array[] | null): RietveldPattern[] {
  return heldB ? patterns.map((p, i) => ({ ...p, bOffsetHeldA2: heldB[i] })) : patterns;
}

/** The chain (with its second pass, refinePooled) over patterns and phases already built. */
export function refineSequencePooled(
  patterns: RietveldPattern[], phases: RietveldPhase[], options: RietveldOptions, hooks: ChainHooks & { cancelled: () => boolean },
): ChainRun {
  return refinePooled((heldB, tick) => {
    const run = refineSequence(withHeldB(patterns, heldB), phases, options, {
      shouldCancel: hooks.cancelled, onProgress: () => tick(),
    });
    return { frames: run.frames, cancelled: run.cancelled };
  }, hooks);
}

/**
 * Every phase's cell frame by frame: a refined phase moves with its refined cell where the data determine it
 * (cellDetermined); a dropped, frozen or ~0 wt% phase's refined cell is free to wander onto another phase's peak
 * (and would make its presence test find that peak), so it keeps its last determined cell. Other phases keep their
 * starting cell.
 */
export function trackCells(
  all: PhaseDef[], startOf: (id: string) => PhaseDef, refinedIndex: (id: string) => number, rv: FrameResult[], nFrames: number,
): Map<string, PhaseTrack> {
  const track = new Map<string, PhaseTrack>();
  for (const p of all) {
    const start = startOf(p.id).lattice;
    const v0 = cellVolumeA3(start);
    const k = refinedIndex(p.id);
    const lattice: Lattice[] = [];
    const ratio = new Float64Array(nFrames);
    let last = start;
    for (let f = 0; f < nFrames; f++) {
      if (k >= 0 && rv[f]) {
        const ph = rv[f].phases[k];
        if (cellDetermined(ph)) last = ph.lattice;
      }
      lattice.push(last);
      ratio[f] = Math.cbrt(cellVolumeA3(last) / v0);
    }
    track.set(p.id, { lattice, ratio });
  }
  return track;
}
