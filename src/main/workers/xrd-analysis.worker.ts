/**
 * SXRD analysis worker (worker_threads): runs the analysis (core/xrd/pipeline, with the frame results behind the
 * frame fits: xrd-frame-fit.ts analyseWithChainAsync) on one sequence per message, off the main thread; with
 * `chunkWorkerUrl` (the Rietveld worker's bundle) a long sequence is refined and tested in chunks on a pool of those
 * workers, one per core. Progress and cancel go through shared memory: `shared` is an Int32Array over a
 * SharedArrayBuffer, [0] cancel flag (set by main), [1] steps done, [2] steps in all, [3] the stage (0 none, 1 the
 * chain's pooled-ΔB second pass), [4] its frame, [5] its frame count.
 * In: { seq: PatternSequence, options: XrdAnalysisOptions, shared: Int32Array, chunkWorkerUrl?: string }
 * Out: { ok: true, analysis: XrdAnalysis, chain: FrameResult[] | null } or { ok: false, message }
 */
import { parentPort } from 'node:worker_threads';
import type { PatternSequence } from '../../shared/xrd';
import type { XrdAnalysis, XrdAnalysisOptions } from '../../shared/xrd-results';
import type { FrameResult } from '../../core/xrd/rietveld/types';
import { createRietveldPool } from '../rietveld-pool';
import { analyseWithChainAsync } from '../xrd-frame-fit';

export interface XrdAnalysisRequest {
  seq: PatternSequence;
  options: XrdAnalysisOptions;
  shared: Int32Array;
  /** file: URL of the Rietveld worker bundle for the chunk pool; none: one chain on this thread. */
  chunkWorkerUrl?: string;
}

export type XrdAnalysisReply = { ok: true; analysis: XrdAnalysis; chain: FrameResult[] | null } | { ok: false; message: string };

/** Slots of the shared progress array. */
export const SLOT = { cancel: 0, done: 1, total: 2, stage: 3, stageFrame: 4, stageFrames: 5 } as const;

const port = parentPort;
if (!port) throw new Error('xrd-analysis.worker must run in a worker thread');

port.on('message', (request: XrdAnalysisRequest) => void analyse(request));

async function analyse(request: XrdAnalysisRequest): Promise<void> {
  const { shared } = request;
  const signal = {
    get cancelled(): boolean {
      return Atomics.load(shared, SLOT.cancel) === 1;
    },
  };
  const pool = request.chunkWorkerUrl ? createRietveldPool(new URL(request.chunkWorkerUrl)) : null;
  try {
    const { analysis, chain } = await analyseWithChainAsync(
      request.seq,
      request.options,
      (done, total, stage) => {
        Atomics.store(shared, SLOT.stage, stage ? 1 : 0);
        Atomics.store(shared, SLOT.stageFrame, stage?.frame ?? 0);
        Atomics.store(shared, SLOT.stageFrames, stage?.frames ?? 0);
        Atomics.store(shared, SLOT.done, done);
        Atomics.store(shared, SLOT.total, total);
      },
      signal,
      pool ? { chain: pool.executor, presence: pool.presenceExecutor, prepare: (phases, phaseOptions) => pool.prepare(phases, phaseOptions) } : undefined,
    );
    port?.postMessage({ ok: true, analysis, chain } satisfies XrdAnalysisReply);
  } catch (error) {
    port?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) } satisfies XrdAnalysisReply);
  } finally {
    await pool?.close();
  }
}
