/**
 * The refinement state carried from frame to frame (cells, profiles, scales, zero, background), the options with
 * their defaults filled in, and the states a refinement starts from.
 */
import { cell, freeFromLattice, inferCrystalSystem, latticeFromFree } from './lattice';
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
  // Stryker disable next-line EqualityOperator: equivalent — a wavelength2A of 0 (or NaN) already fails the truthiness test before it
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

// One shape per kind of hot object. V8 gives an object literal's fields the representation of their first values: a
// field first stored as a small integer (a scale or ΔB of 0, a profile term of 0) and later as a double changes the
// objects' hidden class, and every optimised function that saw the old one is deoptimised ("wrong map") and
// compiled again, once per worker. The factories below store a non-integer first (0.5, then the real value), so
// these fields are doubles from the start, and build each kind with the same fields in the same order.
const PROFILE_TERMS = ['U', 'V', 'W', 'X', 'Y', 'eta'] as const;

/** A profile with every term a double field, U, V, W, X, Y, η then the optional terms in the source's order. */
export function makeProfile(src: Partial<ProfileParams>): ProfileParams {
  // Stryker disable next-line ObjectLiteral: equivalent — the loop below sets the six fields in this order; only V8's field kinds differ
  const p: ProfileParams = { U: 0.5, V: 0.5, W: 0.5, X: 0.5, Y: 0.5, eta: 0.5 };
  for (const k of PROFILE_TERMS) p[k] = src[k] ?? DEFAULT_PROFILE[k];
  for (const k of Object.keys(src) as ProfileParamName[]) {
    const v = src[k];
    if (v === undefined || (PROFILE_TERMS as readonly string[]).includes(k)) continue;
    p[k] = 0.5;
    p[k] = v;
  }
  return p;
}

/** A copy of a lattice with one hidden class (`cell`). */
function makeLattice(src: LatticeParams): LatticeParams {
  return cell(src.aA, src.bA, src.cA, src.alphaDeg, src.betaDeg, src.gammaDeg);
}

/** A phase state with its fields in one order, scale and ΔB double fields. */
export function makePhaseState(src: PhaseState): PhaseState {
  const ps: PhaseState = {
    system: src.system,
    free: src.free,
    lattice: src.lattice,
    profile: src.profile,
    intensities: src.intensities,
    scale: 0.5,
    dropped: src.dropped,
    frozen: src.frozen,
    everRefined: src.everRefined,
    bOffsetA2: 0.5,
  };
  ps.scale = src.scale;
  ps.bOffsetA2 = src.bOffsetA2;
  return ps;
}

/** [a, b] as an array of doubles (the frames' 2θ range replaces a start of [0, 1]). */
function doublePair(a: number, b: number): [number, number] {
  // Stryker disable next-line ArrayDeclaration: equivalent — both elements are set below; only V8's element kind differs
  const r: [number, number] = [0.5, 0.5];
  r[0] = a;
  r[1] = b;
  return r;
}

function makeState(
  phases: PhaseState[], zeroShiftDeg: number, displacementDeg: number, background: Float64Array, range: [number, number], lastGof?: number,
): RefinementState {
  const st: RefinementState = { phases, zeroShiftDeg: 0.5, displacementDeg: 0.5, background, backgroundRangeDeg: range };
  st.zeroShiftDeg = zeroShiftDeg;
  st.displacementDeg = displacementDeg;
  if (lastGof !== undefined) st.lastGof = lastGof;
  return st;
}

/** The starting state of a refinement from the phases' own cells and the options' starting profile. */
export function initialState(phases: RietveldPhase[], options: RietveldOptions): RefinementState {
  const ro = resolveOptions(options);
  const shared = makeProfile({ ...DEFAULT_PROFILE, ...options.profileStart });
  return makeState(
    phases.map((ph) => {
      const system = ph.crystalSystem ?? inferCrystalSystem(ph.lattice);
      const own = options.profileStartByPhase?.[ph.id];
      const profile = ro.sharedProfile ? shared : makeProfile({ ...shared, ...own });
      const free = freeFromLattice(system, ph.lattice);
      return makePhaseState({
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
      });
    }),
    options.zeroShiftDeg ?? 0,
    options.displacementDeg ?? 0,
    new Float64Array(ro.backgroundTerms),
    doublePair(0, 1),
  );
}

/** Deep copy of a state (keeps a shared profile shared). */
export function cloneState(s: RefinementState): RefinementState {
  const copies = new Map<ProfileParams, ProfileParams>();
  return makeState(
    s.phases.map((p) => {
      let prof = copies.get(p.profile);
      if (!prof) {
        prof = makeProfile(p.profile);
        copies.set(p.profile, prof);
      }
      return makePhaseState({ ...p, free: p.free.slice(), lattice: makeLattice(p.lattice), profile: prof });
    }),
    s.zeroShiftDeg,
    s.displacementDeg,
    s.background.slice(),
    [s.backgroundRangeDeg[0], s.backgroundRangeDeg[1]],
    s.lastGof,
  );
}

/**
 * The refinement state a frame result describes (cells, profiles, scales, zero, background), e.g. to draw the
 * calculated pattern of any frame of a sequence with calculatePattern. Intensities follow the result's cells
 * for phases with intensitiesFor (Vegard).
 */
export function stateFromResult(result: FrameResult, phases: RietveldPhase[], options: RietveldOptions): RefinementState {
  // Stryker disable next-line BooleanLiteral: equivalent — every phase's profile is replaced by its own copy below, shared or not
  const st = initialState(phases, { ...options, sharedProfile: false });
  result.phases.forEach((r, p) => {
    const ps = st.phases[p];
    ps.free = freeFromLattice(ps.system, r.lattice);
    ps.lattice = makeLattice(r.lattice);
    ps.profile = makeProfile(r.profile);
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
