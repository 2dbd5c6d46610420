/**
 * The in situ SXRD analysis pipeline: one PatternSequence → weight fractions, cells, peaks and phase presence on
 * the sequence's one time axis (docs/xrd-cli.md). Stages, in order:
 *
 *  1. Frames to 2θ (ascending) with the sequence's wavelength, cropped to the chosen 2θ range.
 *  2. Starting cells: library cells are at room temperature, in situ data are not (≈1 % at 700 °C), and a
 *     whole-pattern fit started 3 FWHM away does not converge. Cells are scaled by factors found with a matched
 *     filter Σ_j I_j·y_net(2θ_j(s)) of each phase's reflections: one common expansion for the phases of fixed
 *     composition, then each phase within ±0.5 % of it and each Vegard solid solution over its end members, the
 *     other phases' lines masked, on the earliest of eight sampled frames where the phase stands out (so a
 *     drifting solid solution starts where the chain starts). See startingCells. The refined phases are searched
 *     alone, then the phases only tested or fitted as peaks against them (startingCellSearch's `known`), so that a
 *     detect-only phase never changes what is refined.
 *  3. Sequential Rietveld refinement (core/xrd/rietveld): every frame seeded by the previous one; Hill–Howard
 *     weight fractions; fcc (Fe,Ni) composition follows its cell by Vegard's law.
 *  4. Sequential single-peak fits of 'phase:hkl' ROIs (core/xrd/peaks fitRoi), the ROI following the phase's
 *     refined cell and zero shift frame by frame; a peak below its detection limit is reported absent with the
 *     limit. Cubic cells (and fcc xNi by Vegard) from the fitted centres.
 *  5. Presence of each phase (core/xrd/peaks reflectionScore), the same whether it is refined or only tested: in
 *     every frame its reflections are ranked by how crowded they are by the other phases' lines at their current
 *     cells (overlapClass) and intensity, the best three tested in that order up to the first that passes, the
 *     other lines fitted as nuisance peaks; the
 *     positions follow a refined cell only where the data determine it (cellDetermined); detected from the first
 *     of minConsecutive frames that pass.
 *  6. Fit quality (assessFit): frames with GoF > 2 are poor, and the phases present exactly then are named.
 *
 * Each stage is a module of core/xrd/analysis (frames, cellSearch, chain, peakFits, presence, fitQuality, results,
 * csv); this file composes them. Pure: bytes never touched here (the CLI and the app read files and build the
 * sequence).
 */
import type { Pattern, PatternSequence } from '../../shared/xrd';
import { settingRef } from '../../shared/xrd-settings';
import type { XrdAnalysis, XrdAnalysisOptions, XrdDetection, XrdInstrumentInfo, XrdPeakFrame, XrdPeakInfo, XrdPresenceFrame } from '../../shared/xrd-results';
import { dSpacingA } from './crystal/lattice';
import { DEFAULT_FENI_VEGARD } from './crystal/library';
import { vegardAtTemperature } from './crystal/thermal';
import type { PhaseDef } from './crystal/types';
import { braggTwoThetaDeg } from './peaks/lattice';
import { parseReflectionSpec } from './peaks/reflections';
import { frameData } from './peaks/sequential';
import type { FrameResult, RietveldOptions, RietveldPattern } from './rietveld/index';
import type { FrameData } from './peaks/sequential';
import {
  chunkPlan, presenceBounds, presenceChunked, refineChunked, type AnchorExecutor, type ChunkExecutor, type ChunkJob, type EarlyPresence, type PresenceExecutor,
} from './analysis/chunks';
import type { StartingCell } from './analysis/cellSearch';
import { startingCellSearch } from './analysis/cellSearch';
import { instrumentModel, refineChain, refinePooledAsync, rietveldOptionsFor, trackCells, withHeldB } from './analysis/chain';
import { withScatterSigmas } from './analysis/fractionSigma';
import { XRD_ANALYSIS_DEFAULTS, type ProgressCallback, type ResolvedPhases, type Settings } from './analysis/common';
import { assessFit, POOR_FIT_GOF } from './analysis/fitQuality';
import { cropFrame, estimateFwhmDeg } from './analysis/frames';
import { fitPeaks } from './analysis/peakFits';
import { libraryPhaseAt, resolvePhases } from './analysis/phases';
import { runTemperature, type RunTemperature } from './analysis/temperature';
import { detectAll, presenceJob, presenceSlice, presenceSummary, type PresenceJob } from './analysis/presence';
import { frameResults, phaseInfos } from './analysis/results';

export { XRD_ANALYSIS_DEFAULTS, type ProgressCallback, type ResolvedPhases } from './analysis/common';
export { libraryPhaseAt, literatureVegardEnds, resolvePhases, withVegardEnds } from './analysis/phases';
export { frameTemperatures, runTemperature, type RunTemperature } from './analysis/temperature';
export { cropFrame, estimateFwhmDeg, netFrame, roughBackground, runningMin, type NetFrame } from './analysis/frames';
export {
  cellFound, commonCellScale, phaseLines, scanCellScale, startingCells, startingCellSearch,
  type CellSearchResult, type KnownStartingCells, type PhaseLines, type StartingCell,
} from './analysis/cellSearch';
export { instrumentModel, profileStartFor, refineSequencePooled, rietveldOptionsFor } from './analysis/chain';
export { assessFit, POOR_FIT_GOF } from './analysis/fitQuality';
export { roiHalfWidthDeg } from './analysis/peakFits';
export { cellDetermined, overlapClass } from './analysis/presence';
export { partialNote, xrdAnalysisToCsv } from './analysis/csv';
export {
  CHUNK_FRAMES, chunkPlan, inProcessChunks, inProcessPresence, runAnchorChain, type AnchorExecutor, type AnchorJob, type ChunkExecutor, type ChunkJob, type ChunkPlan, type PresenceExecutor,
} from './analysis/chunks';
export { presenceFrames, type PresenceJob, type PresenceRun } from './analysis/presence';

/**
 * Analyse a sequence with phases named in the options (library ids or CIF phases); library phases at the run
 * temperature (analysis/temperature: set, else the sequence's log or files, else 25 °C).
 */
export function analyseSequence(
  seq: PatternSequence, options: XrdAnalysisOptions, onProgress?: ProgressCallback, signal?: { cancelled: boolean },
): XrdAnalysis {
  const t = runTemperature(seq, options);
  const phases = resolvePhases({ ...options, temperatureC: t.runC });
  return analyseSequenceWithPhases(seq, phases, { ...options, temperatureC: t.runC }, onProgress, signal, t);
}

/** The options with their defaults filled in; the Vegard ends are those of the analysis's solid solution. */
function settingsOf(phases: ResolvedPhases, options: XrdAnalysisOptions, temperatureC: number): Settings {
  const d = XRD_ANALYSIS_DEFAULTS;
  const law = [...phases.refine, ...phases.detect].find((p) => p.vegard)?.vegard ?? vegardAtTemperature(DEFAULT_FENI_VEGARD, temperatureC);
  return {
    phases: phases.refine.map((p) => p.id),
    detectPhases: phases.detect.map((p) => p.id),
    peaks: options.peaks ?? [],
    refine: options.refine ?? d.refine,
    backgroundOrder: options.backgroundOrder ?? d.backgroundOrder,
    backgroundTerms: options.backgroundTerms ?? d.backgroundTerms,
    dropBelowWt: options.dropBelowWt ?? d.dropBelowWt,
    polarisationK: options.polarisationK ?? d.polarisationK,
    debyeWaller: options.debyeWaller ?? d.debyeWaller,
    temperatureC,
    // B on Debye–Scherrer data; on Bragg–Brentano data surface roughness and absorption change the intensities
    // with angle as B does (not modelled), so B is held unless asked for
    refineB: options.refineB ?? ((options.geometry ?? 'debye-scherrer') === 'debye-scherrer' && d.refineB),
    refineBMinWt: options.refineBMinWt ?? d.refineBMinWt,
    vegardEndsA: options.vegardEndsA ?? { a0A: law.endMembers.aAtZeroA, a1A: law.endMembers.aAtOneA },
    detectionK: options.detectionK ?? d.detectionK,
    minConsecutive: options.minConsecutive ?? d.minConsecutive,
    // around cells already expanded to the run temperature the search is symmetric (ᾱ ±10 %, composition); around
    // room-temperature cells it reaches further up (thermal expansion to ≈1000 °C)
    cellSearchRange: options.cellSearchRange ?? (temperatureC > 100 ? [-0.02, 0.02] : d.cellSearchRange),
  };
}

/**
 * The pipeline on phase definitions given directly (e.g. structures built in code). options.phases and
 * options.detectPhases are ignored: `phases` says what is refined and what is detected.
 */
export function analyseSequenceWithPhases(
  seq: PatternSequence, phases: ResolvedPhases, options: XrdAnalysisOptions, onProgress?: ProgressCallback, signal?: { cancelled: boolean },
  temperature: RunTemperature = runTemperature(seq, options),
): XrdAnalysis {
  return analyseWithChainSync(seq, phases, options, onProgress, signal, temperature).analysis;
}

function analyseWithChainSync(
  seq: PatternSequence, phases: ResolvedPhases, options: XrdAnalysisOptions, onProgress: ProgressCallback | undefined, signal: { cancelled: boolean } | undefined,
  temperature: RunTemperature,
): { analysis: XrdAnalysis; chain: FrameResult[] | null } {
  const plan = prepare(seq, phases, options, onProgress, signal, temperature);
  const run = refineHere(plan);
  return { analysis: finish(plan, run.frames, run.cancelled), chain: plan.settings.refine ? run.frames : null };
}

/**
 * analyseSequence, also returning the chain's frame results (the refined states behind every frame: the app draws
 * observed/calculated profiles from them); null when nothing was refined. One chain on this thread.
 */
export function analyseSequenceWithChain(
  seq: PatternSequence, options: XrdAnalysisOptions, onProgress?: ProgressCallback, signal?: { cancelled: boolean },
): { analysis: XrdAnalysis; chain: FrameResult[] | null } {
  const t = runTemperature(seq, options);
  const phases = resolvePhases({ ...options, temperatureC: t.runC });
  return analyseWithChainSync(seq, phases, { ...options, temperatureC: t.runC }, onProgress, signal, t);
}

/**
 * analyseSequenceWithChain with the chain in chunks through `executor` (analysis/chunks: anchors first, then every
 * chunk from its anchor), so a host with a pool of workers refines a long sequence on all its cores. Sequences
 * shorter than two chunks (CHUNK_FRAMES) run as one chain here, exactly as analyseSequence does.
 */
export async function analyseSequenceAsync(
  seq: PatternSequence,
  options: XrdAnalysisOptions,
  run: {
    executor?: ChunkExecutor; presenceExecutor?: PresenceExecutor; onProgress?: ProgressCallback; signal?: { cancelled: boolean };
    /** Frames per chunk, default CHUNK_FRAMES (tests cut short sequences finer). */
    chunkFrames?: number;
    /** Told the chunks' phases before the first anchor is refined (a pool builds their tables meanwhile). */
    prepare?: (phases: PhaseDef[], phaseOptions: ChunkJob['phaseOptions']) => void;
    /** Runs the chunks' anchor chain (analysis/chunks runAnchorChain) off this thread; default here. */
    anchors?: AnchorExecutor;
  } = {},
): Promise<{ analysis: XrdAnalysis; chain: FrameResult[] | null }> {
  const t = runTemperature(seq, options);
  const phases = resolvePhases({ ...options, temperatureC: t.runC });
  const plan = prepare(seq, phases, { ...options, temperatureC: t.runC }, run.onProgress, run.signal, t);
  const cancelled = (): boolean => run.signal?.cancelled === true;
  const chunks = plan.settings.refine && run.executor ? chunkPlan(plan.n, run.chunkFrames) : null;
  let chain: { frames: FrameResult[]; cancelled: boolean };
  // presence slices started while the chain's last chunks run (see earlyPresence), by slice
  const early = new Map<number, EarlyPresence>();
  if (chunks && run.executor) {
    const { defs, options: rvOptions, patterns } = chainInputs(plan);
    const executor = run.executor;
    const onPrefix = run.presenceExecutor ? earlyPresence(plan, run.presenceExecutor, early, run.chunkFrames) : undefined;
    chain = honestSigmas(plan, await refinePooledAsync((held, tick) => refineChunked(
      withHeldB(patterns, held), defs, rvOptions,
      { wavelengthA: plan.wavelengthA, twoThetaMaxDeg: plan.maxDeg, debyeWaller: plan.settings.debyeWaller }, chunks, executor,
      // the first pass only: a second pass (pooled ΔB) changes the frames the early slices were built from
      { tick, cancelled, prepare: run.prepare, anchors: run.anchors, ...(held === null && onPrefix ? { onPrefix } : {}) },
    ), { tick: plan.tick, secondPass: plan.secondPass }));
  } else chain = refineHere(plan);
  const fin = afterChain(plan, chain.frames, chain.cancelled);
  let presence: PresenceOutcome;
  if (fin.job && run.presenceExecutor && chunkPlan(fin.job.frames.length, run.chunkFrames)) {
    const runs = await presenceChunked(fin.job, run.presenceExecutor, { tick: plan.tick, cancelled, rerun: plan.extend }, run.chunkFrames, early);
    presence = runs ? { ...presenceSummary(runs, fin.job.detectIds, seq.timesS, plan.settings.minConsecutive), cancelled: false } : { perFrame: {}, detection: {}, cancelled: true };
  } else presence = presenceHere(fin);
  return { analysis: assemble(fin, presence), chain: plan.settings.refine ? chain.frames : null };
}

/**
 * The presence test started on the chain's frames before the chain ends: whenever the unbroken run of refined
 * frames from frame 0 covers another presence slice, that slice's job is built from the frames so far and sent to the
 * executor (it queues behind the chunks still waiting), so the workers test the early frames while the last chunks
 * run instead of waiting for the slowest chunk. A slice's job needs only the frames up to its end (each phase's cell
 * is carried forward from the last frame that determines it; the zero shift is the frame's), but it is built from
 * the first pass's frames before σ(w) is scaled by the sequence's scatter (which decides whether a cell is
 * determined) and before any pooled-ΔB second pass: presenceChunked keeps an early slice's verdicts only where its
 * job is the same data as the final job's slice, and tests any other slice again.
 */
function earlyPresence(
  plan: Plan, executor: PresenceExecutor, early: Map<number, EarlyPresence>, chunkFrames: number | undefined,
): ((rv: FrameResult[]) => void) | undefined {
  if (!plan.phases.detect.length) return undefined;
  const bounds = presenceBounds(plan.n, chunkFrames);
  const cancelled = (): boolean => plan.signal?.cancelled === true;
  let next = 0;
  return (rv) => {
    while (next < bounds.length && bounds[next][1] <= rv.length && !cancelled()) {
      const [a, b] = bounds[next];
      const job = presenceSlice(presenceJobFor(plan, rv, b), a, b);
      const run = executor(job, { onFrame: plan.tick, cancelled });
      // a slice never used (its job changed) must not leave an unhandled rejection behind
      run.catch(() => undefined);
      early.set(next++, { job, run });
    }
  };
}

/** The presence job over frames [0, nFrames) from the chain's frames `rv` (at least nFrames of them when refined). */
function presenceJobFor(plan: Plan, rv: FrameResult[], nFrames: number): PresenceJob {
  const { phases, settings, wavelengthA, minDeg, maxDeg, frames, fwhmDeg, instrument, all, startById } = plan;
  const track = trackCells(all, (id) => startById.get(id)!.def, (id) => (settings.refine ? phases.refine.findIndex((q) => q.id === id) : -1), rv, nFrames);
  return presenceJob(
    frames.slice(0, nFrames), phases.detect, all.filter((p) => phases.refine.some((q) => q.id === p.id) || phases.detect.some((q) => q.id === p.id)), startById,
    track, rv, wavelengthA, minDeg, maxDeg, fwhmDeg, settings,
    instrument.wavelength2A !== null ? { wavelength2A: instrument.wavelength2A, ratio21: instrument.ratio21 ?? 0.5 } : null,
  );
}

/** Everything stages 1–2 set up for the chain and for the stages after it. */
interface Plan {
  seq: PatternSequence;
  options: XrdAnalysisOptions;
  phases: ResolvedPhases;
  temperature: RunTemperature;
  settings: Settings;
  warnings: string[];
  fileWavelength: number | null;
  wavelengthA: number;
  minDeg: number;
  maxDeg: number;
  frames: FrameData[];
  n: number;
  fwhmDeg: number;
  instrument: XrdInstrumentInfo;
  all: PhaseDef[];
  peakSpecs: { spec: string; def: PhaseDef; hkl: [number, number, number] }[];
  startById: Map<string, StartingCell>;
  tick: () => void;
  /** Adds frames to the progress total (presence slices tested again). */
  extend: (frames: number) => void;
  secondPass: (frame: number, frames: number) => void;
  step: () => boolean;
  signal?: { cancelled: boolean };
}

/** Stages 1 (wavelength, frames, range) and 2 (starting cells), and the progress count over the stages. */
function prepare(
  seq: PatternSequence, phases: ResolvedPhases, options: XrdAnalysisOptions, onProgress: ProgressCallback | undefined, signal: { cancelled: boolean } | undefined,
  temperature: RunTemperature,
): Plan {
  const settings = settingsOf(phases, options, temperature.runC);
  const warnings = [...(seq.warnings ?? [])];
  if (seq.frames.length === 0) throw new Error('the sequence has no frames');
  if (settings.refine && phases.refine.length === 0) throw new Error('no phases to refine: name at least one phase, or turn refinement off');

  // 1. wavelength, frames on 2θ, range
  const fileWavelength = seq.wavelengthA ?? seq.frames.find((f) => f.wavelengthA !== null)?.wavelengthA ?? null;
  const wavelengthA = fileWavelength ?? options.wavelengthA ?? null;
  if (wavelengthA === null || !(wavelengthA > 0)) {
    throw new Error(`no wavelength: the files do not state one; give it (${settingRef('wavelength')}, e.g. 0.20735 for 0.20735 Å)`);
  }
  if (fileWavelength !== null && options.wavelengthA !== undefined && Math.abs(options.wavelengthA - fileWavelength) > 1e-6 * fileWavelength) {
    warnings.push(`the files state λ = ${fileWavelength} Å; the given ${options.wavelengthA} Å is not used`);
  }
  const full = seq.frames.map((p: Pattern) => frameData(p, wavelengthA));
  let minDeg = Math.max(...full.map((f) => f.twoThetaDeg[0]));
  let maxDeg = Math.min(...full.map((f) => f.twoThetaDeg[f.twoThetaDeg.length - 1]));
  if (options.twoThetaMinDeg !== undefined) minDeg = Math.max(minDeg, options.twoThetaMinDeg);
  if (options.twoThetaMaxDeg !== undefined) maxDeg = Math.min(maxDeg, options.twoThetaMaxDeg);
  if (!(maxDeg > minDeg)) throw new Error(`empty 2θ range ${minDeg}–${maxDeg}°`);
  const frames = full.map((f) => cropFrame(f, minDeg, maxDeg));
  const n = frames.length;
  const fwhmDeg = estimateFwhmDeg(frames[0]);
  const instrument = instrumentModel(options, settings.polarisationK);
  // Kα2 lies 0.2–0.6 % above Kα1 for the usual anodes; anything else means the Kα2 belongs to another λ than the
  // one used (e.g. --radiation CuKa on files that state a synchrotron λ)
  if (instrument.wavelength2A !== null && !(instrument.wavelength2A > wavelengthA && instrument.wavelength2A < 1.01 * wavelengthA)) {
    throw new Error(`the Kα2 wavelength ${instrument.wavelength2A} Å does not belong to the λ used, ${wavelengthA} Å${fileWavelength !== null ? ' (stated by the files)' : ''}: check the tube or instrument file (${settingRef('instrument')}) or the files`);
  }

  // 2. starting cells for every phase (refined ∪ detected ∪ named in a peak spec), one entry per id
  const all: PhaseDef[] = [];
  for (const p of [...phases.refine, ...phases.detect]) if (!all.some((q) => q.id === p.id)) all.push(p);
  const peakSpecs = settings.peaks.map((spec) => {
    const { phaseId, hkl } = parseReflectionSpec(spec);
    let def = all.find((p) => p.id.toLowerCase() === phaseId.toLowerCase());
    if (!def) {
      def = libraryPhaseAt(phaseId, settings.temperatureC, settings.vegardEndsA);
      all.push(def);
    }
    return { spec, def, hkl };
  });
  // the refined phases first and alone: a phase only tested for presence (or named in a peak spec) must not move
  // what is refined (an absent one masked a refined phase's lines or shifted the common expansion); the others are
  // searched afterwards against the refined phases' cells and common expansion
  const primary = settings.refine ? all.filter((p) => phases.refine.some((q) => q.id === p.id)) : all;
  const rest = all.filter((p) => !primary.includes(p));
  const cellArgs = [frames, wavelengthA, settings.cellSearchRange, settings.debyeWaller, fwhmDeg] as const;
  if (temperature.source === 'default' && all.some((p) => p.source !== 'cif')) {
    warnings.push(`no run temperature: the library phases (cells, B) and the Vegard end members are taken at 25 °C; set the temperature of the run (${settingRef('temperature')})`);
  }
  const first = startingCellSearch(primary, ...cellArgs);
  const second = rest.length ? startingCellSearch(rest, ...cellArgs, first).cells : [];
  const startById = new Map([...primary.map((p, i) => [p.id, first.cells[i]] as const), ...rest.map((p, i) => [p.id, second[i]] as const)]);

  let stagesTotal = n * ((settings.refine ? 1 : 0) + (settings.peaks.length ? 1 : 0) + (phases.detect.length ? 1 : 0));
  let stagesDone = 0;
  const tick = (): void => {
    stagesDone++;
    onProgress?.(stagesDone, stagesTotal);
  };
  // the chain's pooled-ΔB second pass, where it runs, adds its frames to the total when it starts
  const secondPass = (frame: number, frameCount: number): void => {
    if (frame === 1) stagesTotal += frameCount;
    stagesDone++;
    onProgress?.(stagesDone, stagesTotal, { stage: 'pooled-b', frame, frames: frameCount });
  };
  const extend = (frameCount: number): void => {
    stagesTotal += frameCount;
  };
  const step = (): boolean => {
    if (signal?.cancelled) return false;
    tick();
    return true;
  };

  return {
    seq, options, phases, temperature, settings, warnings, fileWavelength, wavelengthA, minDeg, maxDeg, frames, n, fwhmDeg, instrument, all, peakSpecs,
    startById, tick, extend, secondPass, step, signal,
  };
}

/** The chain's inputs: the refined phases at their starting cells, the Rietveld options and the frames. */
function chainInputs(plan: Plan): { defs: PhaseDef[]; options: RietveldOptions; patterns: RietveldPattern[] } {
  const { phases, startById, instrument, settings, wavelengthA, fwhmDeg, minDeg, maxDeg, frames } = plan;
  return {
    defs: phases.refine.map((p) => startById.get(p.id)!.def),
    options: rietveldOptionsFor(instrument, settings, wavelengthA, fwhmDeg, minDeg, maxDeg),
    patterns: frames.map((f) => ({ twoThetaDeg: f.twoThetaDeg, intensity: f.intensity, sigma: f.sigma })),
  };
}

/** Stage 3 on this thread: one chain (with its pooled-ΔB second pass, analysis/chain refinePooled). */
function refineHere(plan: Plan): { frames: FrameResult[]; cancelled: boolean } {
  if (!plan.settings.refine) return { frames: [], cancelled: false };
  const { defs, options } = chainInputs(plan);
  const cancelled = (): boolean => plan.signal?.cancelled === true;
  return honestSigmas(plan, refineChain(plan.frames, defs, options, plan.wavelengthA, plan.maxDeg, plan.settings, { cancelled, tick: plan.tick, secondPass: plan.secondPass }));
}

/** σ(w) scaled by each phase's frame-to-frame scatter (analysis/fractionSigma); a warning names the phases whose
 *  σ grew more than twofold. */
function honestSigmas(plan: Plan, chain: { frames: FrameResult[]; cancelled: boolean }): { frames: FrameResult[]; cancelled: boolean } {
  const { frames, factors } = withScatterSigmas(chain.frames);
  const big = factors.map((k, p) => ({ k, id: plan.phases.refine[p]?.id })).filter((x) => x.k > 2 && x.id);
  if (big.length) {
    plan.warnings.push(`the weight fractions of ${big.map((x) => `${x.id} (×${x.k.toFixed(1)})`).join(', ')} scatter from frame to frame beyond counting statistics (a grainy sample or texture?): their σ are enlarged by these factors`);
  }
  return { frames, cancelled: chain.cancelled };
}

/** What the stages after the chain carry to the presence test and the result. */
interface Finishing {
  plan: Plan;
  rv: FrameResult[];
  nDone: number;
  cancelled: boolean;
  peakInfos: XrdPeakInfo[];
  peakFrames: Record<string, XrdPeakFrame[]>;
  job: PresenceJob | null;
}

type PresenceOutcome = { perFrame: Record<string, XrdPresenceFrame[]>; detection: Record<string, XrdDetection>; cancelled: boolean };

/** Stages 4–6 after the chain on this thread. */
function finish(plan: Plan, rv: FrameResult[], chainCancelled: boolean): XrdAnalysis {
  const fin = afterChain(plan, rv, chainCancelled);
  return assemble(fin, presenceHere(fin));
}

/** Stage 4 after the chain: every phase's cell frame by frame, the peaks, and the presence job. */
function afterChain(plan: Plan, rv: FrameResult[], chainCancelled: boolean): Finishing {
  const { phases, settings, wavelengthA, frames, n, fwhmDeg, instrument, all, peakSpecs, startById, step } = plan;
  let cancelled = chainCancelled;
  const nDone = settings.refine ? rv.length : n;
  const refinedIds = new Set(settings.refine ? phases.refine.map((p) => p.id) : []);
  const track = trackCells(all, (id) => startById.get(id)!.def, (id) => (settings.refine ? phases.refine.findIndex((q) => q.id === id) : -1), rv, nDone);
  // the refined position shift of frame f at 2θ: zero + D·cosθ (D: Bragg–Brentano specimen displacement)
  const zeroOf = (f: number, twoThetaDeg: number): number =>
    settings.refine && rv[f] ? rv[f].zeroShiftDeg + (rv[f].displacementDeg || 0) * Math.cos((twoThetaDeg * Math.PI) / 360) : 0;

  // 4. peaks
  const peakInfos: XrdPeakInfo[] = [];
  const peakFrames: Record<string, XrdPeakFrame[]> = {};
  if (!cancelled && settings.peaks.length) {
    const peakDefs = peakSpecs.map(({ spec, def, hkl }) => {
      const start = startById.get(def.id)!.def;
      const expected = braggTwoThetaDeg(dSpacingA(start.lattice, hkl[0], hkl[1], hkl[2]), wavelengthA);
      if (!Number.isFinite(expected)) throw new Error(`${spec}: out of reach at λ = ${wavelengthA} Å`);
      const info: XrdPeakInfo = { spec, phaseId: def.id, hkl, label: `${def.id} ${hkl.join(' ')}`, expectedTwoThetaDeg: expected };
      return { info, def };
    });
    for (const { info } of peakDefs) peakInfos.push(info);
    const shiftTrusted = (f: number): boolean => settings.refine && rv[f] !== undefined && rv[f].gof <= POOR_FIT_GOF;
    const results = fitPeaks(
      frames.slice(0, nDone), peakDefs, track, zeroOf, shiftTrusted, all, startById, refinedIds, wavelengthA, fwhmDeg, settings, step,
      instrument.wavelength2A,
    );
    if (results.cancelled) cancelled = true;
    Object.assign(peakFrames, results.byFrame);
  }

  // 5. presence: the job here; run by the caller (this thread, or a pool of workers)
  const job = !cancelled && phases.detect.length ? presenceJobFor(plan, rv, nDone) : null;
  return { plan, rv, nDone, cancelled, peakInfos, peakFrames, job };
}

/** Stage 5 on this thread. */
function presenceHere(fin: Finishing): PresenceOutcome {
  if (!fin.job) return { perFrame: {}, detection: {}, cancelled: false };
  return detectAll(fin.job, fin.plan.seq.timesS, fin.plan.settings.minConsecutive, fin.plan.step);
}

/** Stage 6: the result. */
function assemble(fin: Finishing, presence: PresenceOutcome): XrdAnalysis {
  const { plan, rv, nDone, peakInfos, peakFrames } = fin;
  const { seq, options, phases, temperature, settings, warnings, fileWavelength, wavelengthA, minDeg, maxDeg, instrument, all, startById } = plan;
  const cancelled = fin.cancelled || presence.cancelled;
  const presenceFrames: Record<string, XrdPresenceFrame[]> = presence.cancelled ? {} : presence.perFrame;
  const detection: Record<string, XrdDetection> = presence.cancelled ? {} : presence.detection;

  // 6. assemble
  const out = frameResults(
    seq, nDone, settings.refine ? rv : null, phases, startById, peakInfos, peakFrames, presenceFrames, instrument, temperature.perFrameC,
    options.vegardEndsA !== undefined,
  );
  const infos = phaseInfos(all, phases, startById, settings.refine);
  if (instrument.wavelength2A !== null && peakInfos.length) {
    warnings.push('peaks on Kα1/Kα2 data are fitted as single pseudo-Voigts: where Kα2 is not resolved from Kα1 the fitted centre lies between them and the cell from it is short (NIST ferrite 110: −0.002 Å against the Rietveld cell); use the Rietveld cells for lattice parameters');
  }
  const fitQuality = settings.refine ? assessFit(out, phases.refine.map((p) => p.id)) : undefined;
  if (fitQuality && fitQuality.poorFrames > 0) warnings.push(fitQuality.message);
  for (const p of infos) {
    if (p.startSource !== 'search') warnings.push(`${p.id}: no clear signal to match its cell; started from the ${p.startSource === 'common' ? 'common expansion of the phases' : 'library cell'}`);
  }

  return {
    wavelengthA,
    wavelengthSource: fileWavelength !== null ? 'files' : 'option',
    timeSource: seq.timeSource,
    twoThetaMinDeg: minDeg,
    twoThetaMaxDeg: maxDeg,
    refined: settings.refine,
    phases: infos,
    peaks: peakInfos,
    frames: out,
    detection,
    skipped: seq.skipped,
    warnings,
    cancelled,
    frameTotal: seq.frames.length,
    settings,
    instrument,
    ...(all.some((p) => p.vegard) ? { vegardEndsSource: options.vegardEndsA ? 'option' as const : 'literature' as const } : {}),
    temperatureSource: temperature.source,
    ...(fitQuality ? { fitQuality } : {}),
  };
}
