/**
 * Rietveld worker (worker_threads): runs one sequential refinement per 'start' message off the main thread,
 * posting a 'progress' message after every frame and a final 'done' (or 'error'). A 'cancel' message stops the
 * chain between frames; the frames refined so far are returned with cancelled: true.
 *
 * One chain runs on one thread: every frame is seeded by the previous one (cell, profile, background, dropped
 * phases), so splitting a sequence over two threads would start the second half cold and change the results.
 * Two sequences (e.g. two samples) can run in two workers side by side.
 *
 * In:  { type: 'start', jobId, patterns: RietveldPattern[], phases: PhaseDef[], options: RietveldOptions,
 *        phaseOptions?: { debyeWaller?: boolean; twoThetaMaxDeg?: number } }
 *      { type: 'cancel', jobId }
 * Out: { type: 'progress', jobId, done, total, frame: FrameResult }
 *      { type: 'done', jobId, frames: FrameResult[], cancelled: boolean }
 *      { type: 'error', jobId, message }
 */
import { parentPort } from 'node:worker_threads';
import type { PhaseDef } from '../../core/xrd/crystal/types';
import { rietveldPhaseFromDef, refineSequenceAsync } from '../../core/xrd/rietveld';
import type { FrameResult, RietveldOptions, RietveldPattern } from '../../core/xrd/rietveld';

export interface RietveldStartMessage {
  type: 'start';
  jobId: number;
  patterns: RietveldPattern[];
  phases: PhaseDef[];
  options: RietveldOptions;
  phaseOptions?: { debyeWaller?: boolean; twoThetaMaxDeg?: number };
}

export interface RietveldCancelMessage {
  type: 'cancel';
  jobId: number;
}

export type RietveldWorkerRequest = RietveldStartMessage | RietveldCancelMessage;

export type RietveldWorkerReply =
  | { type: 'progress'; jobId: number; done: number; total: number; frame: FrameResult }
  | { type: 'done'; jobId: number; frames: FrameResult[]; cancelled: boolean }
  | { type: 'error'; jobId: number; message: string };

const port = parentPort;
if (!port) throw new Error('rietveld-worker must run in a worker thread');

const cancelled = new Set<number>();

async function run(msg: RietveldStartMessage): Promise<void> {
  const reply = (r: RietveldWorkerReply): void => port?.postMessage(r);
  try {
    let tthMax = msg.phaseOptions?.twoThetaMaxDeg ?? 0;
    if (!tthMax) for (const p of msg.patterns) tthMax = Math.max(tthMax, p.twoThetaDeg[p.twoThetaDeg.length - 1]);
    const wl = Math.min(msg.options.radiation.wavelengthA, msg.options.radiation.wavelength2A ?? Infinity);
    const phases = msg.phases.map((def) =>
      rietveldPhaseFromDef(def, { wavelengthA: wl, twoThetaMaxDeg: tthMax, debyeWaller: msg.phaseOptions?.debyeWaller }),
    );
    const result = await refineSequenceAsync(msg.patterns, phases, msg.options, {
      shouldCancel: () => cancelled.has(msg.jobId),
      onProgress: (p) => reply({ type: 'progress', jobId: msg.jobId, done: p.done, total: p.total, frame: p.last }),
    });
    reply({ type: 'done', jobId: msg.jobId, frames: result.frames, cancelled: result.cancelled });
  } catch (error) {
    reply({ type: 'error', jobId: msg.jobId, message: error instanceof Error ? error.message : String(error) });
  } finally {
    cancelled.delete(msg.jobId);
  }
}

port.on('message', (msg: RietveldWorkerRequest) => {
  if (msg.type === 'cancel') cancelled.add(msg.jobId);
  else if (msg.type === 'start') void run(msg);
});
