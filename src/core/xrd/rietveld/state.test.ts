// The options with their defaults, the starting state and its copies (state.ts), pinned whole on small hand-made
// inputs: every default below is the one types.ts documents for the option, written out here by hand.
import { describe, expect, it } from 'vitest';
import { cloneState, initialState, makePhaseState, makeProfile, resolveOptions, stateFromResult } from './state';
import { cubicTestPhase } from './testkit';
import type { FrameResult, LatticeParams, PhaseIntensities, RietveldPhase } from './types';

const CU1 = { wavelengthA: 1.5406 };

describe('resolveOptions', () => {
  it('fills every documented default (one line, pv, no monochromator)', () => {
    expect(resolveOptions({ radiation: CU1 })).toEqual({
      wavelengthsA: [1.5406],
      lineRatios: [1],
      profile: 'pv',
      refineProfile: ['W', 'eta'],
      sharedProfile: false,
      refineLattice: true,
      refineB: false,
      refineBMinWt: 0.1,
      backgroundTerms: 7,
      refineZero: true,
      refineDisplacement: false,
      polarisationK: 0.5,
      monoCos2: 1, // cos²(0°)
      cutoffFwhm: 12,
      cellSearch: 0.02,
      cellSearchFine: 0.004,
      cellSearchStep: 0.0005,
      twoThetaMinDeg: -Infinity,
      twoThetaMaxDeg: Infinity,
      maxIterations: 40,
      tolerance: 1e-4,
      dropBelowWt: 0.005,
      freezeBelowWt: 0.02,
      refineProfileMinWt: 0.02,
      maxSampleFwhmDeg: Infinity,
      cellStepLimit: 0.01,
      profileStepFactor: 3,
    });
  });

  it('passes every given option through, falsy ones included, and squares the monochromator cosine', () => {
    const r = resolveOptions({
      radiation: { wavelengthA: 1.5406, wavelength2A: 1.5444, ratio21: 0.48 },
      profile: 'tch',
      refineProfile: ['U', 'size'],
      sharedProfile: true,
      refineLattice: false,
      refineB: true,
      refineBMinWt: 0.3,
      backgroundTerms: 0,
      refineZero: false,
      refineDisplacement: true,
      polarisationK: 0,
      monochromatorTwoThetaDeg: 60,
      cutoffFwhm: 5,
      cellSearch: 0,
      cellSearchFine: 0,
      cellSearchStep: 0.001,
      twoThetaMinDeg: 20,
      twoThetaMaxDeg: 90,
      maxIterations: 0,
      tolerance: 0,
      dropBelowWt: 0,
      freezeBelowWt: 0,
      refineProfileMinWt: 0,
      maxSampleFwhmDeg: 2,
      cellStepLimit: 0,
      profileStepFactor: 1.5,
    });
    expect(r).toEqual({
      wavelengthsA: [1.5406, 1.5444],
      lineRatios: [1, 0.48],
      profile: 'tch',
      refineProfile: ['U', 'size'],
      sharedProfile: true,
      refineLattice: false,
      refineB: true,
      refineBMinWt: 0.3,
      backgroundTerms: 0,
      refineZero: false,
      refineDisplacement: true,
      polarisationK: 0,
      monoCos2: expect.closeTo(0.25, 14), // cos 60° = 1/2
      cutoffFwhm: 5,
      cellSearch: 0,
      cellSearchFine: 0,
      cellSearchStep: 0.001,
      twoThetaMinDeg: 20,
      twoThetaMaxDeg: 90,
      maxIterations: 0,
      tolerance: 0,
      dropBelowWt: 0,
      freezeBelowWt: 0,
      refineProfileMinWt: 0,
      maxSampleFwhmDeg: 2,
      cellStepLimit: 0,
      profileStepFactor: 1.5,
    });
  });

  it('tch refines W and X by default', () => {
    expect(resolveOptions({ radiation: CU1, profile: 'tch' }).refineProfile).toEqual(['W', 'X']);
  });

  it('a Kα2 line without a ratio takes 0.5; a zero ratio or a zero/absent second wavelength keeps one line', () => {
    const two = resolveOptions({ radiation: { wavelengthA: 1.5406, wavelength2A: 1.5444 } });
    expect([two.wavelengthsA, two.lineRatios]).toEqual([[1.5406, 1.5444], [1, 0.5]]);
    for (const radiation of [
      { wavelengthA: 1.5406, wavelength2A: 1.5444, ratio21: 0 },
      { wavelengthA: 1.5406, wavelength2A: 0, ratio21: 0.5 },
      { wavelengthA: 1.5406, wavelength2A: -1.5444, ratio21: 0.5 },
      { wavelengthA: 1.5406, ratio21: 0.5 },
    ]) {
      const one = resolveOptions({ radiation });
      expect([one.wavelengthsA, one.lineRatios]).toEqual([[1.5406], [1]]);
    }
  });
});

describe('makeProfile', () => {
  it('fills absent terms with U=V=X=Y=0, W=1e-4, η=0.5 and keeps the optional terms given, in order', () => {
    const p = makeProfile({ W: 0.002, strain: 1e-3, size: undefined, Y: 0.01 });
    expect(p).toEqual({ U: 0, V: 0, W: 0.002, X: 0, Y: 0.01, eta: 0.5, strain: 1e-3 });
    expect(Object.keys(p)).toEqual(['U', 'V', 'W', 'X', 'Y', 'eta', 'strain']);
    expect(Object.keys(makeProfile({ size: 0.02, strain: 0 }))).toEqual(['U', 'V', 'W', 'X', 'Y', 'eta', 'size', 'strain']);
    expect(makeProfile({})).toEqual({ U: 0, V: 0, W: 1e-4, X: 0, Y: 0, eta: 0.5 });
  });

  it('makePhaseState copies scale and ΔB (the 0.5 starts are overwritten)', () => {
    const ps = makePhaseState({
      system: 'cubic', free: [4], lattice: { aA: 4, bA: 4, cA: 4, alphaDeg: 90, betaDeg: 90, gammaDeg: 90 },
      profile: makeProfile({}), intensities: { multFsq: new Float64Array(1), cellMassAmu: 1 },
      scale: 0, dropped: true, frozen: true, everRefined: true, bOffsetA2: 0,
    });
    expect([ps.scale, ps.bOffsetA2, ps.dropped, ps.frozen, ps.everRefined]).toEqual([0, 0, true, true, true]);
  });
});

const hex: RietveldPhase = {
  ...cubicTestPhase('hex', 3, 'P', 50, 1),
  id: 'hex',
  lattice: { aA: 3.2, bA: 3.2, cA: 5.2, alphaDeg: 90, betaDeg: 90, gammaDeg: 120 },
};
const fcc = cubicTestPhase('fcc', 3.6, 'F', 230, 2);

describe('initialState', () => {
  it('starts from the phases’ own cells, systems, the options’ zero and displacement, a zeroed background', () => {
    const st = initialState([fcc, { ...hex, crystalSystem: 'orthorhombic' }], {
      radiation: CU1,
      backgroundTerms: 3,
      zeroShiftDeg: 0.03,
      displacementDeg: -0.01,
      profileStart: { W: 0.003, eta: 0.2 },
      profileStartByPhase: { hex: { eta: 0.7, size: 0.01 } },
    });
    expect(st).toEqual({
      phases: [
        {
          system: 'cubic', free: [3.6], lattice: fcc.lattice,
          profile: { U: 0, V: 0, W: 0.003, X: 0, Y: 0, eta: 0.2 },
          intensities: fcc.intensities, scale: 0, dropped: false, frozen: false, everRefined: false, bOffsetA2: 0,
        },
        {
          // the given system wins over the inferred (hexagonal) one: free a, b, c of an orthorhombic cell
          system: 'orthorhombic', free: [3.2, 3.2, 5.2], lattice: { ...hex.lattice, gammaDeg: 90 },
          profile: { U: 0, V: 0, W: 0.003, X: 0, Y: 0, eta: 0.7, size: 0.01 },
          intensities: hex.intensities, scale: 0, dropped: false, frozen: false, everRefined: false, bOffsetA2: 0,
        },
      ],
      zeroShiftDeg: 0.03,
      displacementDeg: -0.01,
      background: new Float64Array(3),
      backgroundRangeDeg: [0, 1],
    });
    expect('lastGof' in st).toBe(false);
  });

  it('infers the system, defaults zero and displacement to 0, and shares one profile object when asked', () => {
    const st = initialState([fcc, hex], { radiation: CU1, sharedProfile: true, profileStartByPhase: { hex: { eta: 0.9 } } });
    expect(st.phases.map((p) => [p.system, p.free])).toEqual([['cubic', [3.6]], ['hexagonal', [3.2, 5.2]]]);
    expect([st.zeroShiftDeg, st.displacementDeg, st.background.length]).toEqual([0, 0, 7]);
    expect(st.phases[0].profile).toBe(st.phases[1].profile);
    expect(st.phases[1].profile).toEqual({ U: 0, V: 0, W: 1e-4, X: 0, Y: 0, eta: 0.5 }); // per-phase start ignored
    const own = initialState([fcc, hex], { radiation: CU1 });
    expect(own.phases[0].profile).not.toBe(own.phases[1].profile);
  });
});

describe('cloneState', () => {
  it('copies deeply, keeps a shared profile shared and two profiles apart, and carries lastGof', () => {
    const st = initialState([fcc, hex, fcc], { radiation: CU1, sharedProfile: true, backgroundTerms: 2 });
    st.phases[2].profile = makeProfile({ W: 0.01 });
    st.background[1] = 4;
    st.backgroundRangeDeg = [20, 80];
    st.lastGof = 1.7;
    const c = cloneState(st);
    expect(c).toEqual(st);
    expect(c.phases[0].profile).toBe(c.phases[1].profile);
    expect(c.phases[0].profile).not.toBe(st.phases[0].profile);
    expect(c.phases[2].profile).not.toBe(c.phases[0].profile);
    c.phases[0].free[0] = 9;
    c.phases[0].lattice.aA = 9;
    c.phases[0].profile.W = 9;
    c.background[0] = 9;
    c.backgroundRangeDeg[0] = 9;
    expect([st.phases[0].free[0], st.phases[0].lattice.aA, st.phases[0].profile.W, st.background[0], st.backgroundRangeDeg[0]])
      .toEqual([3.6, 3.6, 1e-4, 0, 20]);
    delete st.lastGof;
    expect('lastGof' in cloneState(st)).toBe(false);
  });
});

describe('stateFromResult', () => {
  it('takes cells, profiles, scales, flags, ΔB, zero, displacement and background from a frame result', () => {
    const seen: LatticeParams[] = [];
    const vegard: RietveldPhase = {
      ...fcc,
      intensitiesFor: (lat): PhaseIntensities => {
        seen.push(lat);
        return { multFsq: new Float64Array([lat.aA]), cellMassAmu: 2 * lat.aA };
      },
    };
    const lat = (a: number, c: number): LatticeParams => ({ aA: a, bA: a, cA: c, alphaDeg: 90, betaDeg: 90, gammaDeg: 120 });
    const phaseResult = (over: object) => ({ id: 'x', scaleSigma: 0, bOffsetSigmaA2: 0, bRefined: false, bMeanA2: null, sigmas: {},
      weightFraction: 0, weightFractionSigma: 0, aSigmaA: 0, cellVolumeA3: 0, cellMassAmu: 0, ...over });
    const result = {
      index: 3,
      phases: [
        phaseResult({ scale: 2.5, dropped: false, frozen: true, bOffsetA2: 0.4,
          lattice: { aA: 3.61, bA: 3.61, cA: 3.61, alphaDeg: 90, betaDeg: 90, gammaDeg: 90 }, profile: { U: 0, V: 0, W: 0.002, X: 0, Y: 0, eta: 0.3, size: 0.05 } }),
        phaseResult({ scale: 0, dropped: true, frozen: false, lattice: lat(3.25, 5.21), profile: { U: 0.1, V: 0, W: 0.004, X: 0, Y: 0, eta: 0.6 } }),
      ],
      zeroShiftDeg: 0.02, displacementDeg: 0.005, zeroShiftSigmaDeg: 0, displacementSigmaDeg: 0,
      background: new Float64Array([10, -2]), backgroundRangeDeg: [30, 70] as [number, number],
      rwp: 0, rp: 0, rexp: 0, chi2: 0, gof: 0, nPoints: 0, nParams: 0, iterations: 0, converged: true,
    } as FrameResult;
    const st = stateFromResult(result, [vegard, hex], { radiation: CU1, sharedProfile: true, backgroundTerms: 2 });
    expect(st).toEqual({
      phases: [
        { system: 'cubic', free: [3.61], lattice: result.phases[0].lattice, profile: result.phases[0].profile,
          intensities: { multFsq: new Float64Array([3.61]), cellMassAmu: 7.22 }, scale: 2.5, dropped: false, frozen: true,
          everRefined: false, bOffsetA2: 0.4 },
        { system: 'hexagonal', free: [3.25, 5.21], lattice: lat(3.25, 5.21), profile: result.phases[1].profile,
          intensities: hex.intensities, scale: 0, dropped: true, frozen: false, everRefined: false, bOffsetA2: 0 },
      ],
      zeroShiftDeg: 0.02,
      displacementDeg: 0.005,
      background: new Float64Array([10, -2]),
      backgroundRangeDeg: [30, 70],
    });
    expect(seen.at(-1)).toEqual(result.phases[0].lattice);
    // own copies: the result is not changed through the state, and the phases' profiles are their own
    expect(st.phases[0].profile).not.toBe(st.phases[1].profile);
    st.background[0] = 0;
    st.backgroundRangeDeg[0] = 0;
    st.phases[0].lattice.aA = 0;
    st.phases[0].profile.W = 0;
    expect([result.background[0], result.backgroundRangeDeg[0], result.phases[0].lattice.aA, result.phases[0].profile.W]).toEqual([10, 30, 3.61, 0.002]);
  });
});
