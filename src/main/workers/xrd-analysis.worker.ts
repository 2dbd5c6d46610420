/**
 * SXRD analysis worker (worker_threads): runs core/xrd/pipeline analyseSequence on one sequence per message, off
 * the main thread, then the refinement chain behind the frame fits (xrd-frame-fit.ts analyseWithChain). analyseSequence is synchronous, so progress and cancel go through shared memory rather than
 * messages: `shared` is an Int32Array over a SharedArrayBuffer, [0] cancel flag (set by main), [1] steps done,
 * [2] steps in all (written here after every frame of every stage).
 * In: { seq: PatternSequence, options: XrdAnalysisOptions, shared: Int32Array }
 * Out: { ok: true, analysis: XrdAnalysis, chain: FrameResult[] | null } or { ok: false, message }
 */
import { parentPort } from 'node:worker_threads';
import type { PatternSequence } from '../../shared/xrd';
import type { XrdAnalysis, XrdAnalysisOptions } from '../../shared/xrd-results';
import type { FrameResult } from '../../core/xrd/rietveld/types';
import { analyseWithChain } from '../xrd-frame-fit';

export interface XrdAnalysisRequest {
  seq: PatternSequence;
  options: XrdAnalysisOptions;
  shared: Int32Array;
}

export type XrdAnalysisReply = { ok: true; analysis: XrdAnalysis; chain: FrameResult[] | null } | { ok: false; message: string };

/** Slots of the shared progress array. */
export const SLOT = { cancel: 0, done: 1, total: 2 } as const;

const port = parentPort;
if (!port) throw new Error('xrd-analysis.worker must run in a worker thread');

port.on('message', (request: XrdAnalysisRequest) => {
  const { shared } = request;
  const signal = {
    get cancelled(): boolean {
      return Atomics.load(shared, SLOT.cancel) === 1;
    },
  };
  try {
    const { analysis, chain } = analyseWithChain(
      request.seq,
      request.options,
      (done, total) => {
        Atomics.store(shared, SLOT.done, done);
        Atomics.store(shared, SLOT.total, total);
      },
      signal,
    );
    port.postMessage({ ok: true, analysis, chain } satisfies XrdAnalysisReply);
  } catch (error) {
    port.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) } satisfies XrdAnalysisReply);
  }
});
