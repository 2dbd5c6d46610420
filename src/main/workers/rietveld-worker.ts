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
 *      { type: 'presence', jobId, job: PresenceJob }   the presence test over a run of frames (one 'tick' per frame)
 * Out: { type: 'progress', jobId, done, total }                 after every frame (the frames come with 'done')
 *      { type: 'done', jobId, frames: FrameResult[], cancelled: boolean }
 *      { type: 'presenceDone', jobId, runs: PresenceRun[] | null }
 *      { type: 'error', jobId, message }
 */
import { parentPort } from 'node:worker_threads';
import type { PhaseDef } from '../../core/xrd/crystal/types';
import { rietveldPhaseFromDef, refineSequenceAsync } from '../../core/xrd/rietveld';
import type { FrameResult, PhaseFromDefOptions, RefinementState, RietveldOptions, RietveldPattern, RietveldPhase } from '../../core/xrd/rietveld';
import { presenceFrames, type PresenceJob, type PresenceRun } from '../../core/xrd/analysis/presence';

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

export type RietveldWorkerRequest = RietveldStartMessage | RietveldCancelMessage | PresenceStartMessage;

export type RietveldWorkerReply =
  | { type: 'progress'; jobId: number; done: number; total: number }
  | { type: 'done'; jobId: number; frames: FrameResult[]; cancelled: boolean }
  | { type: 'tick'; jobId: number }
  | { type: 'presenceDone'; jobId: number; runs: PresenceRun[] | null }
  | { type: 'error'; jobId: number; message: string };

const port = parentPort;
if (!port) throw new Error('rietveld-worker must run in a worker thread');

const cancelled = new Set<number>();

/** The chunks of one sequence share their phases: built once per worker (reflection tables, |F|², the Vegard
 * compositions) and the same list each time, so the chain's work arrays are reused from chunk to chunk too. */
let lastPhases: { key: string; phases: RietveldPhase[] } | null = null;
function phasesFor(defs: PhaseDef[], opts: PhaseFromDefOptions): RietveldPhase[] {
  const key = JSON.stringify([defs, opts]);
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
    const result = await refineSequenceAsync(msg.patterns, phases, msg.options, {
      ...(msg.start ? { start: msg.start } : {}),
      shouldCancel: () => cancelled.has(msg.jobId),
      // no frame in the progress message (the frames come with 'done'): on the 900-frame benchmark's profile,
      // postMessage took ≈ 5 % of each worker's time when every FrameResult was copied twice
      onProgress: (p) => reply({ type: 'progress', jobId: msg.jobId, done: p.done, total: p.total }),
    });
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
    const runs = presenceFrames(msg.job, () => (reply({ type: 'tick', jobId: msg.jobId }), true));
    reply({ type: 'presenceDone', jobId: msg.jobId, runs });
  } catch (error) {
    reply({ type: 'error', jobId: msg.jobId, message: error instanceof Error ? error.message : String(error) });
  }
}

port.on('message', (msg: RietveldWorkerRequest) => {
  if (msg.type === 'cancel') cancelled.add(msg.jobId);
  else if (msg.type === 'start') void run(msg);
  else if (msg.type === 'presence') presence(msg);
});
