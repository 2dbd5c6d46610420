/**
 * The refinement state carried from frame to frame (cells, profiles, scales, zero, background), the options with
 * their defaults filled in, and the states a refinement starts from.
 */
import { freeFromLattice, inferCrystalSystem, latticeFromFree } from './lattice';
import type {
  CrystalSystem,
  FrameResult,
  LatticeParams,
  PhaseIntensities,
  ProfileKind,
  ProfileParamName,
  ProfileParams,
  RietveldOptions,
  RietveldPhase,
} from './types';

const DEG = Math.PI / 180;

/** Refinable state of one phase; carried from frame to frame in a sequential refinement. */
export interface PhaseState {
  system: CrystalSystem;
  free: number[];
  lattice: LatticeParams;
  profile: ProfileParams;
  intensities: PhaseIntensities;
  scale: number;
  dropped: boolean;
  frozen: boolean;
  /** The cell has been refined in some frame (a phase absent so far still carries its starting cell). */
  everRefined: boolean;
  /** Isotropic displacement offset ΔB (Å²) on every atom of the phase (0: the phase's own B values). */
  bOffsetA2: number;
}

/** Everything a frame starts from (and ends with). */
export interface RefinementState {
  phases: PhaseState[];
  zeroShiftDeg: number;
  displacementDeg: number;
  /** Chebyshev coefficients of the background over backgroundRangeDeg mapped to [−1, 1]. */
  background: Float64Array;
  backgroundRangeDeg: [number, number];
  /** GoF of the frame this state ends (sequential refinements compare the next frame's with it). */
  lastGof?: number;
}

/** Options with defaults filled in. */
export interface ResolvedOptions {
  wavelengthsA: number[];
  lineRatios: number[];
  profile: ProfileKind;
  refineProfile: ProfileParamName[];
  sharedProfile: boolean;
  refineLattice: boolean;
  refineB: boolean;
  refineBMinWt: number;
  backgroundTerms: number;
  refineZero: boolean;
  refineDisplacement: boolean;
  polarisationK: number;
  monoCos2: number;
  cutoffFwhm: number;
  cellSearch: number;
  cellSearchFine: number;
  cellSearchStep: number;
  twoThetaMinDeg: number;
  twoThetaMaxDeg: number;
  maxIterations: number;
  tolerance: number;
  dropBelowWt: number;
  freezeBelowWt: number;
  refineProfileMinWt: number;
  maxSampleFwhmDeg: number;
  cellStepLimit: number;
  profileStepFactor: number;
}

export function resolveOptions(o: RietveldOptions): ResolvedOptions {
  const profile = o.profile ?? 'pv';
  const r = o.radiation;
  const wl = [r.wavelengthA];
  const ratios = [1];
  if (r.wavelength2A && r.wavelength2A > 0 && (r.ratio21 ?? 0.5) > 0) {
    wl.push(r.wavelength2A);
    ratios.push(r.ratio21 ?? 0.5);
  }
  const mono = Math.cos(((o.monochromatorTwoThetaDeg ?? 0) * DEG));
  return {
    wavelengthsA: wl,
    lineRatios: ratios,
    profile,
    refineProfile: o.refineProfile ?? (profile === 'pv' ? ['W', 'eta'] : ['W', 'X']),
    sharedProfile: o.sharedProfile ?? false,
    refineLattice: o.refineLattice ?? true,
    refineB: o.refineB ?? false,
    refineBMinWt: o.refineBMinWt ?? 0.1,
    backgroundTerms: o.backgroundTerms ?? 7,
    refineZero: o.refineZero ?? true,
    refineDisplacement: o.refineDisplacement ?? false,
    polarisationK: o.polarisationK ?? 0.5,
    monoCos2: mono * mono,
    cutoffFwhm: o.cutoffFwhm ?? 12,
    cellSearch: o.cellSearch ?? 0.02,
    cellSearchFine: o.cellSearchFine ?? 0.004,
    cellSearchStep: o.cellSearchStep ?? 0.0005,
    twoThetaMinDeg: o.twoThetaMinDeg ?? -Infinity,
    twoThetaMaxDeg: o.twoThetaMaxDeg ?? Infinity,
    maxIterations: o.maxIterations ?? 40,
    tolerance: o.tolerance ?? 1e-4,
    dropBelowWt: o.dropBelowWt ?? 0.005,
    freezeBelowWt: o.freezeBelowWt ?? 0.02,
    refineProfileMinWt: o.refineProfileMinWt ?? 0.02,
    maxSampleFwhmDeg: o.maxSampleFwhmDeg ?? Infinity,
    cellStepLimit: o.cellStepLimit ?? 0.01,
    profileStepFactor: o.profileStepFactor ?? 3,
  };
}

const DEFAULT_PROFILE: ProfileParams = { U: 0, V: 0, W: 1e-4, X: 0, Y: 0, eta: 0.5 };

/** The starting state of a refinement from the phases' own cells and the options' starting profile. */
export function initialState(phases: RietveldPhase[], options: RietveldOptions): RefinementState {
  const ro = resolveOptions(options);
  const shared: ProfileParams = { ...DEFAULT_PROFILE, ...options.profileStart };
  return {
    phases: phases.map((ph) => {
      const system = ph.crystalSystem ?? inferCrystalSystem(ph.lattice);
      const own = options.profileStartByPhase?.[ph.id];
      const profile = ro.sharedProfile ? shared : { ...shared, ...own };
      const free = freeFromLattice(system, ph.lattice);
      return {
        system,
        free,
        lattice: latticeFromFree(system, free, 0, ph.lattice),
        profile,
        intensities: ph.intensities,
        scale: 0,
        dropped: false,
        frozen: false,
        everRefined: false,
        bOffsetA2: 0,
      };
    }),
    zeroShiftDeg: options.zeroShiftDeg ?? 0,
    displacementDeg: options.displacementDeg ?? 0,
    background: new Float64Array(ro.backgroundTerms),
    backgroundRangeDeg: [0, 1],
  };
}

/** Deep copy of a state (keeps a shared profile shared). */
export function cloneState(s: RefinementState): RefinementState {
  const copies = new Map<ProfileParams, ProfileParams>();
  return {
    phases: s.phases.map((p) => {
      let prof = copies.get(p.profile);
      if (!prof) {
        prof = { ...p.profile };
        copies.set(p.profile, prof);
      }
      return { ...p, free: p.free.slice(), lattice: { ...p.lattice }, profile: prof };
    }),
    zeroShiftDeg: s.zeroShiftDeg,
    displacementDeg: s.displacementDeg,
    background: s.background.slice(),
    backgroundRangeDeg: [s.backgroundRangeDeg[0], s.backgroundRangeDeg[1]],
    ...(s.lastGof !== undefined ? { lastGof: s.lastGof } : {}),
  };
}

/**
 * The refinement state a frame result describes (cells, profiles, scales, zero, background), e.g. to draw the
 * calculated pattern of any frame of a sequence with calculatePattern. Intensities follow the result's cells
 * for phases with intensitiesFor (Vegard).
 */
export function stateFromResult(result: FrameResult, phases: RietveldPhase[], options: RietveldOptions): RefinementState {
  const st = initialState(phases, { ...options, sharedProfile: false });
  result.phases.forEach((r, p) => {
    const ps = st.phases[p];
    ps.free = freeFromLattice(ps.system, r.lattice);
    ps.lattice = { ...r.lattice };
    ps.profile = { ...r.profile };
    ps.scale = r.scale;
    ps.dropped = r.dropped;
    ps.frozen = r.frozen;
    ps.bOffsetA2 = r.bOffsetA2 ?? 0;
    const f = phases[p].intensitiesFor;
    if (f) ps.intensities = f(ps.lattice);
  });
  st.zeroShiftDeg = result.zeroShiftDeg;
  st.displacementDeg = result.displacementDeg;
  st.background = result.background.slice();
  st.backgroundRangeDeg = [result.backgroundRangeDeg[0], result.backgroundRangeDeg[1]];
  return st;
}
