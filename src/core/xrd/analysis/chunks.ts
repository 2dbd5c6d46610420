/**
 * The sequential Rietveld chain in chunks that can run side by side (stage 3 on a pool of workers): frames are
 * independent once each has a good seed, so a long sequence is cut into chunks of CHUNK_FRAMES frames, the first
 * frame of every chunk (its anchor) is refined first in one short chain through every ANCHOR_STRIDE-th frame — so
 * B values, cells and widths carry over the whole sequence as in one chain —, and every chunk then continues from
 * its anchor's state through the next anchor, whose reported result is the chunk's (seeded frame by frame). The cut depends on the frame count only, never on the number of workers, so a
 * sequence gives the same numbers on any machine. A sequence shorter than two chunks is one chain.
 *
 * The presence test (stage 5) is cut the same way: frames are independent there once every phase's cell and the
 * zero shift of each frame are known. The executors are the host's (src/main: a pool of worker threads);
 * inProcessChunks and inProcessPresence run them here.
 */
import type { PhaseDef } from '../crystal/types';
import {
  cloneState, initialState, refineFrame, refineSequence, rietveldPhaseFromDef,
  type FrameResult, type RefinementState, type RietveldOptions, type RietveldPattern, type RietveldPhase,
} from '../rietveld/index';
import { joinPresenceRuns, presenceFrames, presenceSlice, type PresenceJob, type PresenceRun } from './presence';

/** Frames per chunk: long enough that a chunk's seeded chain dwarfs its anchor, short enough to share 900 frames
 * among many cores. */
export const CHUNK_FRAMES = 60;
/** The anchor chain steps through every ANCHOR_STRIDE-th frame between anchors. */
export const ANCHOR_STRIDE = 20;

/** How a sequence is cut: anchors[c] is the first frame of chunk c, which runs to anchors[c + 1] (or the end). */
export interface ChunkPlan {
  anchors: number[];
  n: number;
}

/** The cut of n frames, or null when they are one chain (fewer than two chunks). */
export function chunkPlan(n: number, chunkFrames = CHUNK_FRAMES): ChunkPlan | null {
  if (!(n >= 2 * chunkFrames)) return null;
  const count = Math.floor(n / chunkFrames);
  return { anchors: Array.from({ length: count }, (_, c) => Math.round((c * n) / count)), n };
}

/** What a chunk needs, all of it structured-clonable (phases as definitions: the executor builds their tables). */
export interface ChunkJob {
  patterns: RietveldPattern[];
  phases: PhaseDef[];
  options: RietveldOptions;
  phaseOptions: { wavelengthA: number; twoThetaMaxDeg: number; debyeWaller: boolean };
  /** The anchor's refined state: the chunk's frames are seeded from it. */
  start: RefinementState;
}

/** Runs one chunk (frames after the anchor), calling onFrame after each and stopping when cancelled() says so. */
export type ChunkExecutor = (job: ChunkJob, hooks: { onFrame: () => void; cancelled: () => boolean }) => Promise<{ frames: FrameResult[]; cancelled: boolean }>;

/** The executor on this thread (tests, a host without workers): the same chain a worker runs. */
export const inProcessChunks: ChunkExecutor = async (job, hooks) => {
  const phases = job.phases.map((d) => rietveldPhaseFromDef(d, job.phaseOptions));
  const run = refineSequence(job.patterns, phases, job.options, { start: job.start, shouldCancel: hooks.cancelled, onProgress: () => hooks.onFrame() });
  return { frames: run.frames, cancelled: run.cancelled };
};

/** One step of the anchor chain: the frame refined, and the chunk it anchors (null for a step between anchors). */
export interface AnchorStep {
  frame: number;
  chunk: number | null;
}

/** The anchor chain's steps: every anchor, and every ANCHOR_STRIDE-th frame between two anchors (small steps refine
 * in a few iterations; one step of a whole chunk can take twenty). */
export function anchorSteps(plan: ChunkPlan): AnchorStep[] {
  const steps: AnchorStep[] = [];
  let at = 0;
  plan.anchors.forEach((from, c) => {
    if (c > 0) for (let f = at + ANCHOR_STRIDE; f < from; f += ANCHOR_STRIDE) steps.push({ frame: f, chunk: null });
    steps.push({ frame: from, chunk: c });
    at = from;
  });
  return steps;
}

/**
 * The anchor chain through `steps` (anchorSteps), each step seeded by the one before except the first (a cold
 * start); pattern(k) is step k's pattern. After each anchor, onAnchor gets its chunk, a copy of the chain's state
 * (the chunk's seed) and the anchor's result. Stops before the next chunk's steps when cancelled() says so.
 */
export function runAnchorChain(
  steps: AnchorStep[], pattern: (k: number) => RietveldPattern, phases: RietveldPhase[], options: RietveldOptions, cancelled: () => boolean,
  onAnchor: (chunk: number, start: RefinementState, result: FrameResult) => void,
): void {
  let state = initialState(phases, options);
  let at = 0;
  for (let k = 0; k < steps.length; k++) {
    const { frame, chunk } = steps[k];
    // a new chunk's steps start after the previous anchor (or at the first step)
    if ((k === 0 || steps[k - 1].chunk !== null) && cancelled()) return;
    const seeded = k > 0;
    // a step over k frames may move a cell k times as far as one frame's step (at most 5 %)
    const opts = seeded ? { ...options, cellStepLimit: Math.min(0.05, (options.cellStepLimit ?? 0.01) * (frame - at)) } : options;
    const next = cloneState(state);
    const r = refineFrame(pattern(k), phases, next, opts, frame, seeded);
    state = next;
    at = frame;
    if (chunk !== null) onAnchor(chunk, cloneState(state), r);
  }
}

/** What the anchor chain needs, structured-clonable: the steps' patterns (patterns[k] for steps[k]). */
export interface AnchorJob {
  patterns: RietveldPattern[];
  steps: AnchorStep[];
  phases: PhaseDef[];
  options: RietveldOptions;
  phaseOptions: ChunkJob['phaseOptions'];
}

/** Runs the anchor chain of a job (runAnchorChain), calling onAnchor as each anchor is refined, in chunk order. */
export type AnchorExecutor = (job: AnchorJob, onAnchor: (chunk: number, start: RefinementState, result: FrameResult) => void) => Promise<void>;

/**
 * Refine every frame in chunks: the anchors in one chain (here, or through hooks.anchors), each chunk through
 * `executor` as soon as its anchor is refined (the executor decides how many run in parallel). Returns the frames in order; when cancelled, the unbroken run of
 * finished frames from the first.
 */
export async function refineChunked(
  patterns: RietveldPattern[],
  defs: PhaseDef[],
  options: RietveldOptions,
  phaseOptions: ChunkJob['phaseOptions'],
  plan: ChunkPlan,
  executor: ChunkExecutor,
  hooks: {
    tick: () => void;
    cancelled: () => boolean;
    /** Called before the first anchor with what every chunk will need, so a host can build the phases' tables
     * (reflections, |F|²) on its workers while this thread refines the first anchor. */
    prepare?: (phases: PhaseDef[], phaseOptions: ChunkJob['phaseOptions']) => void;
    /** Called whenever the unbroken run of finished frames from frame 0 grows (chunks finish in any order), with
     * that run (frames in order, as returned at the end): later stages can start on it. */
    onPrefix?: (frames: FrameResult[]) => void;
    /** Runs the anchor chain elsewhere (a worker, runAnchorChain there), calling onAnchor in chunk order and
     * resolving when the chain ends; default here. */
    anchors?: AnchorExecutor;
  },
): Promise<{ frames: FrameResult[]; cancelled: boolean }> {
  hooks.prepare?.(defs, phaseOptions);
  const anchorResults: FrameResult[] = [];
  const runs: Promise<{ frames: FrameResult[]; cancelled: boolean }>[] = [];
  // the unbroken run of finished frames for onPrefix: frame 0, then chunk after chunk as long as none is missing
  const finished: ({ frames: FrameResult[]; cancelled: boolean } | undefined)[] = [];
  const prefix: FrameResult[] = [];
  let prefixChunks = 0;
  const chunkDone = (c: number, r: { frames: FrameResult[]; cancelled: boolean }): void => {
    finished[c] = r;
    let grew = false;
    while (prefixChunks < plan.anchors.length && finished[prefixChunks]) {
      const k = prefixChunks;
      const done = finished[k]!;
      const from = plan.anchors[k];
      const to = k + 1 < plan.anchors.length ? plan.anchors[k + 1] + 1 : plan.n;
      if (done.cancelled || done.frames.length < to - from - 1 || hooks.cancelled()) return;
      if (k === 0) prefix.push(anchorResults[0]);
      done.frames.forEach((fr, j) => prefix.push({ ...fr, index: from + 1 + j }));
      prefixChunks++;
      grew = true;
    }
    if (grew) hooks.onPrefix?.(prefix);
  };
  // each chunk leaves for the executor as soon as its anchor is refined, so the workers start while the later
  // anchors are still being refined
  const onAnchor = (c: number, start: RefinementState, result: FrameResult): void => {
    anchorResults.push(result);
    if (c === 0) hooks.tick();
    // chunk c runs from its anchor's state through the next anchor (the next chunk's seed is the anchor chain's;
    // the next anchor's reported result is this chunk's, seeded frame by frame as in one chain)
    const from = plan.anchors[c];
    const to = c + 1 < plan.anchors.length ? plan.anchors[c + 1] + 1 : plan.n;
    const job: ChunkJob = { patterns: patterns.slice(from + 1, to), phases: defs, options, phaseOptions, start };
    const r = to - from > 1 ? executor(job, { onFrame: hooks.tick, cancelled: hooks.cancelled }) : Promise.resolve({ frames: [], cancelled: false });
    if (hooks.onPrefix) void r.then((done) => chunkDone(c, done), () => undefined);
    runs.push(r);
  };
  const steps = anchorSteps(plan);
  if (hooks.anchors) {
    await hooks.anchors({ patterns: steps.map((s) => patterns[s.frame]), steps, phases: defs, options, phaseOptions }, onAnchor);
  } else {
    runAnchorChain(steps, (k) => patterns[steps[k].frame], defs.map((d) => rietveldPhaseFromDef(d, phaseOptions)), options, hooks.cancelled, onAnchor);
  }
  const done = await Promise.all(runs);
  // frame 0 from the anchor chain, every other frame from its chunk
  const frames: FrameResult[] = anchorResults.length ? [anchorResults[0]] : [];
  for (let c = 0; c < plan.anchors.length; c++) {
    if (c >= anchorResults.length) return { frames, cancelled: true };
    const from = plan.anchors[c];
    const to = c + 1 < plan.anchors.length ? plan.anchors[c + 1] + 1 : plan.n;
    done[c].frames.forEach((r, k) => frames.push({ ...r, index: from + 1 + k }));
    if (done[c].cancelled || done[c].frames.length < to - from - 1) return { frames, cancelled: true };
  }
  return { frames, cancelled: false };
}

/** Runs the presence test over a run of frames (a slice of the sequence's job) and returns its verdicts, or null
 * when cancelled; onFrame after every frame. */
export type PresenceExecutor = (job: PresenceJob, hooks: { onFrame: () => void; cancelled: () => boolean }) => Promise<PresenceRun[] | null>;

/** The presence executor on this thread. */
export const inProcessPresence: PresenceExecutor = async (job, hooks) => presenceFrames(job, () => (hooks.onFrame(), !hooks.cancelled()));

/** The presence test's slices of n frames, [from, to): the chunks' cut (chunkPlan), or one slice. */
export function presenceBounds(n: number, chunkFrames = CHUNK_FRAMES): [number, number][] {
  const plan = chunkPlan(n, chunkFrames);
  return plan ? plan.anchors.map((a, c) => [a, c + 1 < plan.anchors.length ? plan.anchors[c + 1] : plan.n]) : [[0, n]];
}

/** A presence slice started before the chain's end (from the frames refined so far), by slice number. */
export interface EarlyPresence {
  job: PresenceJob;
  run: Promise<PresenceRun[] | null>;
}

/**
 * The presence test over a sequence in slices of CHUNK_FRAMES through `executor` (all at once), joined in order;
 * null when cancelled. A sequence shorter than two slices is one job. A slice in `early` whose job is the same data as
 * this job's slice (the same frames, cells, zero shifts…) takes the early run's verdicts: the same job gives the same
 * verdicts. Any other slice is tested now (`rerun` is told how many frames were tested twice).
 */
export async function presenceChunked(
  job: PresenceJob, executor: PresenceExecutor, hooks: { tick: () => void; cancelled: () => boolean; rerun?: (frames: number) => void }, chunkFrames = CHUNK_FRAMES,
  early?: Map<number, EarlyPresence>,
): Promise<PresenceRun[] | null> {
  const parts = await Promise.all(presenceBounds(job.frames.length, chunkFrames).map(([a, b], c) => {
    const slice = presenceSlice(job, a, b);
    const e = early?.get(c);
    if (e && sameData(e.job, slice)) return e.run;
    if (e) hooks.rerun?.(b - a);
    return executor(slice, { onFrame: hooks.tick, cancelled: hooks.cancelled });
  }));
  if (parts.some((p) => p === null)) return null;
  return joinPresenceRuns(parts as PresenceRun[][]);
}

/** Structured data equal field by field (typed arrays element by element, NaN equal to NaN). */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.constructor !== b.constructor) return false;
    const x = a as unknown as ArrayLike<number>;
    const y = b as unknown as ArrayLike<number>;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
    return true;
  }
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map) || !(b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !sameData(v, b.get(k))) return false;
    return true;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}
