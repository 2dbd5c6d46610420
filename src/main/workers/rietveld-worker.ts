/**
 * Rietveld worker (worker_threads): runs one sequential refinement per 'start' message off the main thread,
 * posting a 'progress' message after every frame and a final 'done' (or 'error'). A 'cancel' message stops the
 * chain between frames; the frames refined so far are returned with cancelled: true.
 *
 * One chain runs on one thread: every frame is seeded by the previous one (cell, profile, background, dropped
 * phases). A long sequence runs on several workers as chunks (core/xrd/analysis/chunks): each chunk's chain starts
 * from `start`, the refined state of its anchor frame (rietveld-pool.ts sends them).
 *
 * In:  { type: 'start', jobId, patterns: RietveldPattern[], phases: PhaseDef[], options: RietveldOptions,
 *        phaseOptions?: { wavelengthA?: number; debyeWaller?: boolean; twoThetaMaxDeg?: number }, start?: RefinementState }
 *      { type: 'cancel', jobId }
 *      { type: 'presence', jobId, job: PresenceJob }   the presence test over a run of frames ('tick's with frame counts)
 *      { type: 'read', jobId, files: ListedFile[] }    read, recognise and parse files (the CLI's reading, in slices)
 *      { type: 'prepare', phases: PhaseDef[], phaseOptions }  build the phases' tables for the chunks to come (no reply)
 * Out: { type: 'progress', jobId, done, total }                 every PROGRESS_MS at most (the frames come with 'done')
 *      { type: 'tick', jobId, frames }                           frames tested since the last tick, at most every PROGRESS_MS
 *      { type: 'readDone', jobId, files: ListedRead[] }          the frames' arrays transferred
 *      { type: 'done', jobId, frames: FrameResult[], cancelled: boolean }
 *      { type: 'presenceDone', jobId, runs: PresenceRun[] | null }
 *      { type: 'error', jobId, message }
 */
import { parentPort } from 'node:worker_threads';
import type { PhaseDef } from '../../core/xrd/crystal/types';
import { rietveldPhaseFromDef, refineSequenceAsync } from '../../core/xrd/rietveld';
import type { FrameResult, PhaseFromDefOptions, RefinementState, RietveldOptions, RietveldPattern, RietveldPhase } from '../../core/xrd/rietveld';
import { presenceFrames, type PresenceJob, type PresenceRun } from '../../core/xrd/analysis/presence';
import { runAnchorChain, type AnchorJob } from '../../core/xrd/analysis/chunks';
import { newSequenceHint } from '../../core/xrd/sequence';
import { frameBuffers, readListedFiles, type ListedFile, type ListedRead } from '../xrd-read-files';
import { mark } from '../timeline';

mark('worker evaluated');

export interface RietveldStartMessage {
  type: 'start';
  jobId: number;
  patterns: RietveldPattern[];
  phases: PhaseDef[];
  options: RietveldOptions;
  phaseOptions?: { wavelengthA?: number; debyeWaller?: boolean; twoThetaMaxDeg?: number };
  /** Seed of the chain (the first frame is then refined as a seeded frame); default a cold start. */
  start?: RefinementState;
}

export interface RietveldCancelMessage {
  type: 'cancel';
  jobId: number;
}

/** The presence test over a run of frames (core/xrd/analysis/presence presenceFrames). */
export interface PresenceStartMessage {
  type: 'presence';
  jobId: number;
  job: PresenceJob;
}

/** Read a slice of the CLI's files (xrd-read-files.ts). */
export interface ReadStartMessage {
  type: 'read';
  jobId: number;
  files: ListedFile[];
}

/** The phases of the chunks to come, sent to every worker before the first anchor is refined: their tables are built
 * while the workers would otherwise wait (no reply; a failure shows when a chunk builds them again). */
export interface PrepareMessage {
  type: 'prepare';
  phases: PhaseDef[];
  phaseOptions: { wavelengthA: number; debyeWaller?: boolean; twoThetaMaxDeg: number };
}

/** The chunks' anchor chain (core/xrd/analysis/chunks runAnchorChain): an 'anchor' reply per anchor, then 'anchorsDone'. */
export interface AnchorsStartMessage {
  type: 'anchors';
  jobId: number;
  job: AnchorJob;
}

export type RietveldWorkerRequest = RietveldStartMessage | RietveldCancelMessage | PresenceStartMessage | ReadStartMessage | PrepareMessage | AnchorsStartMessage;

export type RietveldWorkerReply =
  | { type: 'progress'; jobId: number; done: number; total: number }
  | { type: 'done'; jobId: number; frames: FrameResult[]; cancelled: boolean }
  | { type: 'tick'; jobId: number; frames: number }
  | { type: 'readDone'; jobId: number; files: ListedRead[] }
  | { type: 'presenceDone'; jobId: number; runs: PresenceRun[] | null }
  | { type: 'anchor'; jobId: number; chunk: number; start: RefinementState; result: FrameResult }
  | { type: 'anchorsDone'; jobId: number }
  | { type: 'error'; jobId: number; message: string };

const port = parentPort;
if (!port) throw new Error('rietveld-worker must run in a worker thread');

const cancelled = new Set<number>();

/** Progress messages at most this often (ms; the last one always): one per frame cost ≈ 4 % of a worker's time on
 * the 900-frame benchmark. A cancel reaches the worker with the pool's answer to one, so within about this time. */
const PROGRESS_MS = 50;

/** The chunks of one sequence share their phases: built once per worker (reflection tables, |F|², the Vegard
 * compositions) and the same list each time, so the chain's work arrays are reused from chunk to chunk too. */
let lastPhases: { key: string; phases: RietveldPhase[] } | null = null;
function phasesFor(defs: PhaseDef[], o: Pick<PhaseFromDefOptions, 'wavelengthA' | 'twoThetaMaxDeg' | 'debyeWaller'>): RietveldPhase[] {
  // keyed on the three fields, whatever else the caller's object holds and in whatever order
  const key = JSON.stringify([defs, o.wavelengthA, o.twoThetaMaxDeg, o.debyeWaller ?? null]);
  const opts: PhaseFromDefOptions = { wavelengthA: o.wavelengthA, twoThetaMaxDeg: o.twoThetaMaxDeg, debyeWaller: o.debyeWaller };
  if (lastPhases?.key !== key) lastPhases = { key, phases: defs.map((def) => rietveldPhaseFromDef(def, opts)) };
  return lastPhases.phases;
}

async function run(msg: RietveldStartMessage): Promise<void> {
  const reply = (r: RietveldWorkerReply): void => port?.postMessage(r);
  try {
    let tthMax = msg.phaseOptions?.twoThetaMaxDeg ?? 0;
    if (!tthMax) for (const p of msg.patterns) tthMax = Math.max(tthMax, p.twoThetaDeg[p.twoThetaDeg.length - 1]);
    const wl = msg.phaseOptions?.wavelengthA ?? Math.min(msg.options.radiation.wavelengthA, msg.options.radiation.wavelength2A ?? Infinity);
    const phases = phasesFor(msg.phases, { wavelengthA: wl, twoThetaMaxDeg: tthMax, debyeWaller: msg.phaseOptions?.debyeWaller });
    let lastSent = performance.now();
    const result = await refineSequenceAsync(msg.patterns, phases, msg.options, {
      ...(msg.start ? { start: msg.start } : {}),
      shouldCancel: () => cancelled.has(msg.jobId),
      // no frame in the progress message (the frames come with 'done'): on the 900-frame benchmark's profile,
      // postMessage took ≈ 5 % of each worker's time when every FrameResult was copied twice
      onProgress: (p) => {
        const now = performance.now();
        if (now - lastSent < PROGRESS_MS && p.done < p.total) return;
        lastSent = now;
        reply({ type: 'progress', jobId: msg.jobId, done: p.done, total: p.total });
      },
    });
    mark(`chunk done job ${msg.jobId}`);
    reply({ type: 'done', jobId: msg.jobId, frames: result.frames, cancelled: result.cancelled });
  } catch (error) {
    reply({ type: 'error', jobId: msg.jobId, message: error instanceof Error ? error.message : String(error) });
  } finally {
    cancelled.delete(msg.jobId);
  }
}

function presence(msg: PresenceStartMessage): void {
  const reply = (r: RietveldWorkerReply): void => port?.postMessage(r);
  try {
    let lastSent = performance.now();
    let unsent = 0;
    const runs = presenceFrames(msg.job, () => {
      unsent++;
      const now = performance.now();
      if (now - lastSent >= PROGRESS_MS) {
        lastSent = now;
        reply({ type: 'tick', jobId: msg.jobId, frames: unsent });
        unsent = 0;
      }
      return true;
    });
    if (unsent > 0) reply({ type: 'tick', jobId: msg.jobId, frames: unsent });
    mark(`presence done job ${msg.jobId}`);
    reply({ type: 'presenceDone', jobId: msg.jobId, runs });
  } catch (error) {
    reply({ type: 'error', jobId: msg.jobId, message: error instanceof Error ? error.message : String(error) });
  }
}

/** The anchor chain on this worker's phases (the chunks' phasesFor set: prepared, and warm for the chunks after). */
function anchors(msg: AnchorsStartMessage): void {
  const reply = (r: RietveldWorkerReply): void => port?.postMessage(r);
  try {
    const phases = phasesFor(msg.job.phases, msg.job.phaseOptions);
    runAnchorChain(msg.job.steps, (k) => msg.job.patterns[k], phases, msg.job.options, () => false, (chunk, start, result) => {
      reply({ type: 'anchor', jobId: msg.jobId, chunk, start, result });
    });
    mark(`anchors done job ${msg.jobId}`);
    reply({ type: 'anchorsDone', jobId: msg.jobId });
  } catch (error) {
    reply({ type: 'error', jobId: msg.jobId, message: error instanceof Error ? error.message : String(error) });
  }
}

function read(msg: ReadStartMessage): void {
  try {
    const files = readListedFiles(msg.files, newSequenceHint());
    mark(`read done job ${msg.jobId}`);
    port?.postMessage({ type: 'readDone', jobId: msg.jobId, files } satisfies RietveldWorkerReply, frameBuffers(files));
  } catch (error) {
    port?.postMessage({ type: 'error', jobId: msg.jobId, message: error instanceof Error ? error.message : String(error) } satisfies RietveldWorkerReply);
  }
}

port.on('message', (msg: RietveldWorkerRequest) => {
  mark(`got ${msg.type}${'jobId' in msg ? ` job ${msg.jobId}` : ''}`);
  if (msg.type === 'cancel') cancelled.add(msg.jobId);
  else if (msg.type === 'start') void run(msg);
  else if (msg.type === 'presence') presence(msg);
  else if (msg.type === 'read') read(msg);
  else if (msg.type === 'anchors') anchors(msg);
  else if (msg.type === 'prepare') {
    try {
      phasesFor(msg.phases, msg.phaseOptions);
    } catch {
      // the chunk that needs these phases builds them again and reports the error
    }
    mark('prepared');
  }
});
