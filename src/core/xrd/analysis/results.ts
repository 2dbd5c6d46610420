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
import { vegardAtTemperature, vegardSystematicSigma } from '../crystal/thermal';
import type { PhaseDef, VegardLaw } from '../crystal/types';
import type { FrameResult } from '../rietveld/index';
import type { ResolvedPhases } from './common';
import type { StartingCell } from './cellSearch';

const PROFILE_TERMS = ['U', 'V', 'W', 'X', 'Y', 'eta'] as const;

/**
 * One refined phase in one frame as reported: fraction, cell and the σ of every refined parameter; B; size (nm)
 * and microstrain; xNi by Vegard for a solid solution, on the end members at the frame's temperature (`law`),
 * with its statistical σ (from σ(a)) and the systematic σ of the end members.
 */
export function phaseFrame(ph: FrameResult['phases'][number], law: VegardLaw | undefined, refinedProfile: readonly string[] = []): XrdPhaseFrame {
  const sig = ph.sigmas ?? {};
  const latticeSigma: Record<string, number> = {};
  for (const k of ['b', 'c', 'alpha', 'beta', 'gamma']) if (sig[k] !== undefined) latticeSigma[k] = sig[k];
  const entry: XrdPhaseFrame = {
    weightFraction: ph.weightFraction,
    weightFractionSigma: ph.weightFractionSigma,
    dropped: ph.dropped,
    frozen: ph.frozen,
    lattice: { ...ph.lattice },
    aA: ph.lattice.aA,
    aSigmaA: ph.aSigmaA,
    ...(Object.keys(latticeSigma).length ? { latticeSigma } : {}),
  };
  if (law) {
    const span = law.endMembers.aAtOneA - law.endMembers.aAtZeroA;
    const x = (ph.lattice.aA - law.endMembers.aAtZeroA) / span;
    entry.xNi = x;
    entry.xNiSigma = ph.aSigmaA / Math.abs(span);
    const sys = vegardSystematicSigma(law, x);
    entry.xNiSystematicSigma = law.endMemberSigmaA && Number.isFinite(sys) ? sys : null;
  }
  if (ph.bMeanA2 !== undefined) {
    entry.bIsoA2 = ph.bMeanA2;
    entry.bIsoSigmaA2 = ph.bOffsetSigmaA2 ?? 0;
    entry.bRefined = ph.bRefined ?? false;
    if (ph.bPooled) entry.bPooled = { ...ph.bPooled };
  }
  const refined = new Set(refinedProfile);
  if (refined.has('size')) {
    const inv = ph.profile.size ?? 0;
    const s = sig.size;
    // 1/L within 2σ of zero: no size broadening the data can see (L beyond reach)
    const seen = inv > 0 && !(s !== undefined && inv < 2 * s);
    entry.sizeNm = seen ? 1 / inv : null;
    entry.sizeSigmaNm = seen && s !== undefined ? s / (inv * inv) : null;
  }
  if (refined.has('strain')) {
    entry.microstrain = ph.profile.strain ?? 0;
    entry.microstrainSigma = sig.strain ?? null;
  }
  const profile: Record<string, { value: number; sigma: number }> = {};
  for (const k of PROFILE_TERMS) if (refined.has(k)) profile[k] = { value: ph.profile[k], sigma: sig[k] ?? 0 };
  if (Object.keys(profile).length) entry.profile = profile;
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
  frameTemperatureC: Float64Array | null = null,
  userEnds = false,
): XrdFrameResult[] {
  const out: XrdFrameResult[] = [];
  for (let f = 0; f < nDone; f++) {
    const pattern = seq.frames[f];
    const r = rv ? rv[f] : null;
    const tf = frameTemperatureC ? frameTemperatureC[f] : NaN;
    const phaseOut: Record<string, XrdPhaseFrame> = {};
    if (r) {
      phases.refine.forEach((p, i) => {
        // the Vegard ends at the frame's own temperature when the sequence gives one (a ramp), else the run's
        const law = startById.get(p.id)!.def.vegard;
        const lawF = law && !userEnds && Number.isFinite(tf) && law.thermalExpansion ? vegardAtTemperature(law, tf) : law;
        phaseOut[p.id] = phaseFrame(r.phases[i], lawF, instrument.refineProfile);
      });
    }
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
      zeroShiftSigmaDeg: r ? r.zeroShiftSigmaDeg : null,
      ...(instrument.refineDisplacement ? { displacementDeg: r ? r.displacementDeg : null, displacementSigmaDeg: r ? r.displacementSigmaDeg : null } : {}),
      ...(Number.isFinite(tf) ? { temperatureC: tf } : {}),
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

