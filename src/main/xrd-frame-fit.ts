/**
 * Observed / calculated / difference of one analysed SXRD frame. The pipeline (core/xrd/pipeline) reports each
 * frame's numbers but not its refinement state, so the state is re-derived with the pipeline's own exported pieces:
 * the same frames on 2θ cropped to the analysed range, the same Rietveld phases at the analysis' starting cells,
 * the same options (instrument model, profile start from the first frame's FWHM), and the same sequential chain
 * (analysis/chain refineSequencePooled: each frame seeded by the one before, then the pooled-ΔB second pass where
 * single frames cannot carry ΔB). The chain is deterministic, so its Rwp
 * per frame equals the analysis' (checked in xrd-frame-fit.test.ts); calculatePattern(stateFromResult(…)) then
 * draws any frame. The chain runs once per analysis, in the analysis worker right after analyseSequence.
 */
import type { FrameFit } from '../shared/xrd-display';
import type { PatternSequence } from '../shared/xrd';
import type { XrdAnalysis, XrdAnalysisOptions, XrdLattice } from '../shared/xrd-results';
import { withLattice, withVegardComposition } from '../core/xrd/crystal/library';
import type { PhaseDef } from '../core/xrd/crystal/types';
import { frameData } from '../core/xrd/peaks/sequential';
import {
  analyseSequenceAsync, analyseSequenceWithChain, cropFrame, estimateFwhmDeg, instrumentModel, refineSequencePooled, resolvePhases, rietveldOptionsFor,
  type ChunkExecutor, type ChunkJob, type PresenceExecutor, type ProgressCallback,
} from '../core/xrd/pipeline';
import { calculatePattern, rietveldPhaseFromDef, stateFromResult } from '../core/xrd/rietveld/index';
import type { FrameResult, RietveldOptions, RietveldPattern, RietveldPhase } from '../core/xrd/rietveld/types';

/** What the pipeline's Rietveld stage ran on: phases, options and the cropped frames. */
export interface RietveldSetup {
  phases: RietveldPhase[];
  options: RietveldOptions;
  patterns: RietveldPattern[];
}

const sameLattice = (a: PhaseDef['lattice'], b: XrdLattice): boolean =>
  a.aA === b.aA && a.bA === b.bA && a.cA === b.cA && a.alphaDeg === b.alphaDeg && a.betaDeg === b.betaDeg && a.gammaDeg === b.gammaDeg;

/** The phase at the analysis' starting cell, built as the pipeline builds it (a Vegard phase at its composition). */
function startDef(def: PhaseDef, start: XrdLattice): PhaseDef {
  if (sameLattice(def.lattice, start)) return def;
  if (def.vegard) {
    const { aAtZeroA, aAtOneA } = def.vegard.endMembers;
    return withVegardComposition(def, (start.aA - aAtZeroA) / (aAtOneA - aAtZeroA));
  }
  return withLattice(def, { ...def.lattice, ...start });
}

/**
 * The Rietveld setup of an analysis of `seq` run with `options` (the options as sent, CIF texts included); null
 * when the analysis did not refine.
 */
export function rietveldSetup(seq: PatternSequence, analysis: XrdAnalysis, options: XrdAnalysisOptions): RietveldSetup | null {
  if (!analysis.refined || analysis.frames.length === 0) return null;
  const settings = analysis.settings;
  const wavelengthA = analysis.wavelengthA;
  const minDeg = analysis.twoThetaMinDeg;
  const maxDeg = analysis.twoThetaMaxDeg;
  const frames = seq.frames.map((p) => cropFrame(frameData(p, wavelengthA), minDeg, maxDeg));
  const fwhmDeg = estimateFwhmDeg(frames[0]);
  const instrument = analysis.instrument ?? instrumentModel(options, settings.polarisationK);
  const { refine } = resolvePhases({
    phases: settings.phases, cifs: options.cifs, temperatureC: settings.temperatureC,
    ...(analysis.vegardEndsSource === 'option' ? { vegardEndsA: settings.vegardEndsA } : {}),
  });
  const phases = refine.map((def) => {
    const info = analysis.phases.find((p) => p.id === def.id);
    const start = info ? startDef(def, info.startLattice) : def;
    return rietveldPhaseFromDef(start, { wavelengthA, twoThetaMaxDeg: maxDeg, debyeWaller: settings.debyeWaller });
  });
  const rvOptions = rietveldOptionsFor(instrument, settings, wavelengthA, fwhmDeg, minDeg, maxDeg);
  const patterns = frames.map((f) => ({ twoThetaDeg: f.twoThetaDeg, intensity: f.intensity, sigma: f.sigma }));
  return { phases, options: rvOptions, patterns };
}

/** The sequential chain over the first `count` frames (the frames the analysis refined), with the pipeline's
 *  pooled-ΔB second pass where the analysis ran it (the same chain step, analysis/chain refineSequencePooled). */
export function refinementChain(setup: RietveldSetup, count: number, hooks: { onFrame?: () => void; shouldCancel?: () => boolean } = {}): FrameResult[] {
  return refineSequencePooled(setup.patterns.slice(0, count), setup.phases, setup.options, {
    cancelled: () => hooks.shouldCancel?.() === true,
    tick: () => hooks.onFrame?.(),
  }).frames;
}

/** Observed, calculated and background of frame `index` from its chain result; null when it has none. */
export function frameFit(setup: RietveldSetup, chain: FrameResult[], index: number): FrameFit | null {
  const result = chain[index];
  const pattern = setup.patterns[index];
  if (!result || !pattern) return null;
  const state = stateFromResult(result, setup.phases, setup.options);
  const calc = calculatePattern(pattern.twoThetaDeg, setup.phases, state, setup.options);
  return { twoThetaDeg: pattern.twoThetaDeg, observed: pattern.intensity, calculated: calc.total, background: calc.background, rwp: result.rwp };
}

/**
 * analyseSequence and the chain behind the frame fits, from one run (the pipeline returns the frame results it
 * refined); with a chunk executor (a pool of worker threads) a long sequence is refined in chunks on all cores.
 */
export async function analyseWithChainAsync(
  seq: PatternSequence,
  options: XrdAnalysisOptions,
  onProgress?: ProgressCallback,
  signal?: { readonly cancelled: boolean },
  executors?: { chain: ChunkExecutor; presence: PresenceExecutor; prepare?: (phases: PhaseDef[], phaseOptions: ChunkJob['phaseOptions']) => void },
): Promise<{ analysis: XrdAnalysis; chain: FrameResult[] | null }> {
  const out = await analyseSequenceAsync(seq, options, {
    executor: executors?.chain, presenceExecutor: executors?.presence, prepare: executors?.prepare, onProgress, signal: signal as { cancelled: boolean } | undefined,
  });
  return { analysis: out.analysis, chain: out.analysis.refined && out.chain?.length ? out.chain : null };
}

/** The same on this thread, one chain (unit tests, a host without workers). */
export function analyseWithChain(
  seq: PatternSequence,
  options: XrdAnalysisOptions,
  onProgress?: ProgressCallback,
  signal?: { readonly cancelled: boolean },
): { analysis: XrdAnalysis; chain: FrameResult[] | null } {
  const out = analyseSequenceWithChain(seq, options, onProgress, signal as { cancelled: boolean } | undefined);
  return { analysis: out.analysis, chain: out.analysis.refined && out.chain?.length ? out.chain : null };
}
