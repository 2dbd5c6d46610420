/** Test helpers (imported by the *.test.ts files only): small sequences and analyses with known values. */
import type { Pattern, PatternSequence } from '../../../../shared/xrd';
import type { XrdAnalysis, XrdFrameResult, XrdLattice } from '../../../../shared/xrd-results';

export function pattern(x: number[], y: number[], fileName = 'f.xy', wavelengthA: number | null = 0.2): Pattern {
  return { fileName, formatId: 'test', x: Float64Array.from(x), xUnit: '2th_deg', intensity: Float64Array.from(y), sigma: null, wavelengthA, metadata: {}, warnings: [] };
}

/** A sequence of frames on one shared 2θ grid, frame i at i·intervalS. */
export function sequence(x: number[], ys: number[][], intervalS = 30, wavelengthA: number | null = 0.2): PatternSequence {
  const grid = Float64Array.from(x);
  const frames = ys.map((y, i) => ({ ...pattern(x, y, `f_${i}.xy`, wavelengthA), x: grid }));
  return { frames, timesS: Float64Array.from(ys.map((_, i) => i * intervalS)), timeSource: 'interval', skipped: [], wavelengthA, intervalS, offsetS: 0 };
}

const cubic = (a: number): XrdLattice => ({ aA: a, bA: a, cA: a, alphaDeg: 90, betaDeg: 90, gammaDeg: 90 });

/** A two-frame analysis: wüstite 60 → 20 wt.%, fcc-(Fe,Ni) 40 → 80 wt.%; bcc-Fe tested and absent. */
export function smallAnalysis(): XrdAnalysis {
  const frame = (i: number, wW: number, a: number, rwp: number): XrdFrameResult => ({
    index: i,
    timeS: i * 60,
    fileName: `f_${i}.xy`,
    rwp,
    rp: rwp * 0.8,
    rexp: 0.05,
    chi2: (rwp / 0.05) ** 2,
    gof: rwp / 0.05,
    zeroShiftDeg: 0,
    converged: true,
    phases: {
      wustite: { weightFraction: wW, weightFractionSigma: 0.02, dropped: false, frozen: false, lattice: cubic(4.35), aA: 4.35, aSigmaA: 0.001 },
      'fcc-FeNi': { weightFraction: 1 - wW, weightFractionSigma: 0.03, dropped: false, frozen: false, lattice: cubic(a), aA: a, aSigmaA: 0.0005 },
    },
    peaks: {
      'fcc-FeNi:200': { present: i > 0, centreDeg: i > 0 ? 6.6 : null, centreSigmaDeg: 0.001, fwhmDeg: 0.03, fwhmSigmaDeg: 0.001, eta: 0.4, area: 120, areaSigma: 3, limit: 2, aA: a, aSigmaA: 0.0005, xNi: 0.5, xNiSigma: 0.01 },
    },
    presence: { 'bcc-Fe': { present: false, score: 0.4, limit: 12.3 } },
  });
  const info = (id: string, name: string, a: number, refined: boolean) => ({
    id, name, formula: id, spaceGroup: 'Fm-3m', refined, detected: true, libraryLattice: cubic(a), startLattice: cubic(a), startSource: 'search' as const, citation: 'test',
  });
  return {
    wavelengthA: 0.20735,
    wavelengthSource: 'files',
    timeSource: 'interval',
    twoThetaMinDeg: 2,
    twoThetaMaxDeg: 16,
    refined: true,
    phases: [info('wustite', 'Wüstite Fe1-xO', 4.35, true), info('fcc-FeNi', 'fcc (Fe,Ni)', 3.6, true), info('bcc-Fe', 'bcc Fe', 2.9, false)],
    peaks: [{ spec: 'fcc-FeNi:200', phaseId: 'fcc-FeNi', hkl: [2, 0, 0], label: 'fcc-FeNi 200', expectedTwoThetaDeg: 6.6 }],
    frames: [frame(0, 0.6, 3.58, 0.12), frame(1, 0.2, 3.6, 0.1)],
    detection: {
      wustite: { detected: true, firstTimeS: 0, firstFrame: 0, limit: 2.5, reflections: [{ label: 'wustite 220', twoThetaDeg: 7.7 }], message: 'detected from t = 0 s' },
      'fcc-FeNi': { detected: true, firstTimeS: 60, firstFrame: 1, limit: 1.5, reflections: [{ label: 'fcc-FeNi 111', twoThetaDeg: 5.7 }], message: 'detected from t = 60 s' },
      'bcc-Fe': { detected: false, firstTimeS: null, firstFrame: null, limit: 12.3, reflections: [{ label: 'bcc-Fe 110', twoThetaDeg: 5.5 }], message: 'not detected (limit 12.3 counts·°)' },
    },
    skipped: [],
    warnings: [],
    cancelled: false,
    settings: {
      phases: ['wustite', 'fcc-FeNi'], detectPhases: ['wustite', 'fcc-FeNi', 'bcc-Fe'], peaks: ['fcc-FeNi:200'], refine: true, backgroundOrder: 1, backgroundTerms: 7, dropBelowWt: 0.005,
      polarisationK: 0.5, debyeWaller: true, temperatureC: 700, refineB: true, refineBMinWt: 0.1, vegardEndsA: { a0A: 3.668, a1A: 3.565 }, detectionK: 3, minConsecutive: 2, cellSearchRange: [-0.015, 0.035],
    },
  };
}
