/**
 * Assembly of the analysis result (stage 6): one XrdFrameResult per frame from the chain's frames, the peak fits
 * and the presence tests, and one XrdPhaseInfo per phase.
 */
import type { PatternSequence } from '../../../shared/xrd';
import type {
  XrdFrameResult,
  XrdInstrumentInfo,
  XrdPeakFrame,
  XrdPeakInfo,
  XrdPhaseFrame,
  XrdPhaseInfo,
  XrdPresenceFrame,
} from '../../../shared/xrd-results';
import type { PhaseDef } from '../crystal/types';
import type { FrameResult } from '../rietveld/index';
import type { ResolvedPhases } from './common';
import type { StartingCell } from './cellSearch';

/** One refined phase in one frame as reported (xNi by Vegard for a solid solution). */
export function phaseFrame(ph: FrameResult['phases'][number], law: PhaseDef['vegard']): XrdPhaseFrame {
  const entry: XrdPhaseFrame = {
    weightFraction: ph.weightFraction,
    weightFractionSigma: ph.weightFractionSigma,
    dropped: ph.dropped,
    frozen: ph.frozen,
    lattice: { ...ph.lattice },
    aA: ph.lattice.aA,
    aSigmaA: ph.aSigmaA,
  };
  if (law) {
    const span = law.endMembers.aAtOneA - law.endMembers.aAtZeroA;
    entry.xNi = ph.x ?? (ph.lattice.aA - law.endMembers.aAtZeroA) / span;
    entry.xNiSigma = ph.aSigmaA / Math.abs(span);
  }
  return entry;
}

/** The frames of the result, as far as they were done. */
export function frameResults(
  seq: PatternSequence,
  nDone: number,
  rv: FrameResult[] | null,
  phases: ResolvedPhases,
  startById: Map<string, StartingCell>,
  peakInfos: XrdPeakInfo[],
  peakFrames: Record<string, XrdPeakFrame[]>,
  presenceFrames: Record<string, XrdPresenceFrame[]>,
  instrument: XrdInstrumentInfo,
): XrdFrameResult[] {
  const out: XrdFrameResult[] = [];
  for (let f = 0; f < nDone; f++) {
    const pattern = seq.frames[f];
    const r = rv ? rv[f] : null;
    const phaseOut: Record<string, XrdPhaseFrame> = {};
    if (r) phases.refine.forEach((p, i) => (phaseOut[p.id] = phaseFrame(r.phases[i], startById.get(p.id)!.def.vegard)));
    const peaksOut: Record<string, XrdPeakFrame> = {};
    for (const info of peakInfos) if (peakFrames[info.spec]?.[f]) peaksOut[info.spec] = peakFrames[info.spec][f];
    const presenceOut: Record<string, XrdPresenceFrame> = {};
    for (const p of phases.detect) if (presenceFrames[p.id]?.[f]) presenceOut[p.id] = presenceFrames[p.id][f];
    out.push({
      index: f,
      timeS: seq.timesS[f],
      fileName: pattern.fileName,
      ...(pattern.label !== undefined ? { label: pattern.label } : {}),
      rwp: r ? r.rwp : null,
      rp: r ? r.rp : null,
      rexp: r ? r.rexp : null,
      chi2: r ? r.chi2 : null,
      gof: r ? r.gof : null,
      zeroShiftDeg: r ? r.zeroShiftDeg : null,
      ...(instrument.refineDisplacement ? { displacementDeg: r ? r.displacementDeg : null } : {}),
      converged: r ? r.converged : null,
      phases: phaseOut,
      peaks: peaksOut,
      presence: presenceOut,
    });
  }
  return out;
}

/** What the result says about each phase: identity, role, library and starting cells, Vegard ends, citation. */
export function phaseInfos(all: PhaseDef[], phases: ResolvedPhases, startById: Map<string, StartingCell>, refined: boolean): XrdPhaseInfo[] {
  const refinedIds = new Set(phases.refine.map((p) => p.id));
  const detectIds = new Set(phases.detect.map((p) => p.id));
  return all.map((p) => {
    const s = startById.get(p.id)!;
    const law = s.def.vegard;
    return {
      id: p.id,
      name: p.name,
      formula: p.formula,
      spaceGroup: p.spaceGroup.symbol,
      refined: refined && refinedIds.has(p.id),
      detected: detectIds.has(p.id),
      libraryLattice: { ...p.lattice },
      startLattice: { ...s.def.lattice },
      startSource: s.source,
      ...(law ? { vegard: { a0A: law.endMembers.aAtZeroA, a1A: law.endMembers.aAtOneA } } : {}),
      citation: p.citation,
    };
  });
}
