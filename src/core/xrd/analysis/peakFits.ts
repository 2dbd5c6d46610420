/**
 * Sequential single-peak fits of 'phase:hkl' ROIs (stage 4): the ROI follows the phase's refined cell and zero
 * shift frame by frame, other phases' reflections inside it are fitted as nuisance peaks, a peak below its
 * detection limit is reported absent with the limit; cubic cells (and the fcc Ni fraction by Vegard) from the
 * fitted centres.
 */
import type { XrdPeakFrame, XrdPeakInfo } from '../../../shared/xrd-results';
import { dSpacingA } from '../crystal/lattice';
import { generateReflections } from '../crystal/reflections';
import type { Lattice, PhaseDef } from '../crystal/types';
import { fitRoi } from '../peaks/fitRoi';
import { braggDSpacingA, braggTwoThetaDeg, latticeParameterA, vegardFraction, type CrystalSystem } from '../peaks/lattice';
import type { FrameData } from '../peaks/sequential';
import type { PeakSeed, RoiFitResult } from '../peaks/types';
import { finiteOrNull, type Settings } from './common';
import type { PhaseTrack } from './chain';

function systemOf(l: Lattice): { system: CrystalSystem; cOverA?: number } | null {
  const right = Math.abs(l.alphaDeg - 90) < 1e-6 && Math.abs(l.betaDeg - 90) < 1e-6;
  if (!right) return null;
  const eq = (p: number, q: number): boolean => Math.abs(p - q) < 1e-6 * p;
  if (Math.abs(l.gammaDeg - 90) < 1e-6 && eq(l.aA, l.bA)) return eq(l.aA, l.cA) ? { system: 'cubic' } : { system: 'tetragonal', cOverA: l.cA / l.aA };
  if (Math.abs(l.gammaDeg - 120) < 1e-6 && eq(l.aA, l.bA)) return { system: 'hexagonal', cOverA: l.cA / l.aA };
  return null;
}

/**
 * ROI half-width around a candidate at `centreDeg`: the default, narrowed so that no other reflection sits on the
 * ROI's edge (within [half − FWHM, half + 3 FWHM]), where its flank would lift the counts without being fitted
 * as a nuisance peak. Never below `minDeg` (reflections closer than that are the candidate's own business).
 */
export function roiHalfWidthDeg(centreDeg: number, othersDeg: number[], defaultDeg: number, fwhmDeg: number, minDeg: number): number {
  let half = defaultDeg;
  const floor = Math.max(minDeg + fwhmDeg, 2.5 * fwhmDeg);
  for (let iter = 0; iter < 20; iter++) {
    const edge = othersDeg.map((o) => Math.abs(o - centreDeg)).filter((d) => d >= half - fwhmDeg && d <= half + 3 * fwhmDeg && d > minDeg);
    if (edge.length === 0) break;
    const next = Math.min(...edge) - 3 * fwhmDeg;
    if (next < floor) break;
    half = next;
  }
  return half;
}

/** Reflection positions (2θ°) of a phase in frame f: its starting reflections moved by the cell ratio and zero. */
function movedPositions(baseD: number[], ratio: number, shiftDeg: (twoThetaDeg: number) => number, wavelengthA: number): number[] {
  const out: number[] = [];
  for (const d of baseD) {
    const t = braggTwoThetaDeg(d * ratio, wavelengthA);
    if (Number.isFinite(t)) out.push(t + shiftDeg(t));
  }
  return out;
}

function reflectionDs(def: PhaseDef, wavelengthA: number, minDeg: number, maxDeg: number, debyeWaller: boolean, minRelative = 0.005): number[] {
  return generateReflections(def, {
    wavelengthA, twoThetaMinDeg: Math.max(0.01, minDeg * 0.95), twoThetaMaxDeg: Math.min(179, maxDeg * 1.05), minRelativeIntensity: minRelative, debyeWaller,
  }).map((r) => r.dA);
}

export function fitPeaks(
  frames: FrameData[],
  peakDefs: { info: XrdPeakInfo; def: PhaseDef }[],
  track: Map<string, PhaseTrack>,
  zeroOf: (f: number, twoThetaDeg: number) => number,
  shiftTrusted: (f: number) => boolean,
  all: PhaseDef[],
  startById: Map<string, { def: PhaseDef }>,
  refinedIds: Set<string>,
  wavelengthA: number,
  fwhmDeg: number,
  settings: Settings,
  step: () => boolean,
  wavelength2A: number | null = null,
): { byFrame: Record<string, XrdPeakFrame[]>; cancelled: boolean } {
  const x0 = frames[0]?.twoThetaDeg ?? new Float64Array(0);
  const minDeg = x0[0] ?? 0;
  const maxDeg = x0[x0.length - 1] ?? 0;
  // nuisance reflections of every phase at its starting cell (moved per frame)
  const baseDs = new Map(all.map((p) => [p.id, reflectionDs(startById.get(p.id)!.def, wavelengthA, minDeg, maxDeg, settings.debyeWaller)]));
  const halfDeg = Math.max(0.12, 6 * fwhmDeg);
  const seeds: PeakSeed[] = peakDefs.map(() => ({ fwhmDeg, eta: 0.5 }));
  const lastCentre = new Float64Array(peakDefs.length).fill(NaN);
  const byFrame: Record<string, XrdPeakFrame[]> = {};
  for (const { info } of peakDefs) byFrame[info.spec] = [];
  for (let f = 0; f < frames.length; f++) {
    peakDefs.forEach(({ info, def }, i) => {
      const tr = track.get(def.id)!;
      const lat = tr.lattice[f];
      const [h, k, l] = info.hkl;
      const bragg = braggTwoThetaDeg(dSpacingA(lat, h, k, l), wavelengthA);
      const centre = bragg + zeroOf(f, bragg);
      const seed: PeakSeed = { ...seeds[i], label: info.label };
      // follow the refined cell: shift the previous fitted centre by the change of the expected position
      seed.centreDeg = Number.isFinite(lastCentre[i]) && seeds[i].centreDeg !== undefined ? (seeds[i].centreDeg as number) + (centre - lastCentre[i]) : centre;
      lastCentre[i] = centre;
      // where the refinement places the phase, the centre is known to a fraction of a FWHM; elsewhere the peak is
      // followed from frame to frame and may move further
      const followed = !refinedIds.has(def.id);
      const searchFwhm = followed ? 2 : 0.75;
      const c = seed.centreDeg as number;
      const others: number[] = [];
      for (const p of all) {
        others.push(...movedPositions(baseDs.get(p.id)!, track.get(p.id)!.ratio[f], (t) => zeroOf(f, t), wavelengthA));
        // Kα2 lines (the peak's own too: beyond its search window it is fitted as a separate nuisance peak)
        if (wavelength2A !== null) others.push(...movedPositions(baseDs.get(p.id)!, track.get(p.id)!.ratio[f], (t) => zeroOf(f, t), wavelength2A));
      }
      const half = roiHalfWidthDeg(c, others, halfDeg, fwhmDeg, searchFwhm * fwhmDeg);
      // other reflections in the ROI are fitted alongside, unless they sit where the candidate may go
      const nuisance: PeakSeed[] = others
        .filter((t) => Math.abs(t - c) > searchFwhm * fwhmDeg && Math.abs(t - c) < half - fwhmDeg)
        .map((t) => ({ label: 'nuisance', centreDeg: t, fwhmDeg }));
      let entry: XrdPeakFrame;
      try {
        const res: RoiFitResult = fitRoi(frames[f].twoThetaDeg, frames[f].intensity, frames[f].sigma, {
          id: info.spec, fromDeg: c - half, toDeg: c + half, backgroundOrder: settings.backgroundOrder, peaks: [seed, ...nuisance],
        }, { detectionK: settings.detectionK, searchFwhm });
        const p = res.peaks[0];
        if (p.present) {
          seeds[i] = { centreDeg: p.centreDeg, fwhmDeg: p.fwhmDeg, eta: p.eta, area: p.area };
          // the cell from the centre corrected for the refined instrument shift (zero + D·cosθ: not a lattice effect),
          // when the frame's whole-pattern fit is good enough to trust that shift
          entry = peakEntry(p.centreDeg, p.sigma.centreDeg, p, info, lat, wavelengthA, settings, shiftTrusted(f) ? zeroOf(f, p.centreDeg) : 0);
        } else {
          seeds[i] = { centreDeg: seed.centreDeg, fwhmDeg: seeds[i].fwhmDeg, eta: seeds[i].eta };
          entry = absentEntry(p.limit);
        }
      } catch (e) {
        entry = { ...absentEntry(NaN), error: e instanceof Error ? e.message : String(e) };
      }
      byFrame[info.spec].push(entry);
    });
    if (!step()) return { byFrame, cancelled: true };
  }
  return { byFrame, cancelled: false };
}

function absentEntry(limit: number): XrdPeakFrame {
  return {
    present: false, centreDeg: null, centreSigmaDeg: null, fwhmDeg: null, fwhmSigmaDeg: null, eta: null, area: null, areaSigma: null,
    limit: finiteOrNull(limit), aA: null, aSigmaA: null, xNi: null, xNiSigma: null,
  };
}

function peakEntry(
  centreDeg: number, centreSigmaDeg: number,
  p: { fwhmDeg: number; eta: number; area: number; sigma: { fwhmDeg: number; area: number }; limit: number },
  info: XrdPeakInfo, lat: Lattice, wavelengthA: number, settings: Settings, shiftDeg = 0,
): XrdPeakFrame {
  let aA: number | null = null;
  let aSigmaA: number | null = null;
  let xNi: number | null = null;
  let xNiSigma: number | null = null;
  const sys = systemOf(lat);
  if (sys) {
    const a = latticeParameterA(braggDSpacingA(centreDeg - shiftDeg, wavelengthA, centreSigmaDeg), info.hkl, sys.system, sys.cOverA);
    aA = a.value;
    aSigmaA = a.sigma;
    if (info.phaseId.toLowerCase() === 'fcc-feni') {
      const x = vegardFraction(a, settings.vegardEndsA);
      xNi = x.value;
      xNiSigma = x.sigma;
    }
  }
  return {
    present: true, centreDeg, centreSigmaDeg, fwhmDeg: p.fwhmDeg, fwhmSigmaDeg: finiteOrNull(p.sigma.fwhmDeg), eta: p.eta, area: p.area,
    areaSigma: finiteOrNull(p.sigma.area), limit: finiteOrNull(p.limit), aA, aSigmaA, xNi, xNiSigma,
  };
}
