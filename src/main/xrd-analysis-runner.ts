/**
 * Runners of the SXRD analysis for the handlers (XrdAnalysisRunner): in a worker thread (the real hosts: a fresh
 * worker per analysis, ended when it answers or is cancelled) or in-process (unit tests, a host without the
 * worker bundle). Progress and cancel share an Int32Array with the worker (see workers/xrd-analysis.worker.ts).
 */
import { Worker } from 'node:worker_threads';
import type { PatternSequence } from '../shared/xrd';
import type { XrdAnalysis, XrdAnalysisOptions, XrdProgressStage } from '../shared/xrd-results';
import type { FrameResult } from '../core/xrd/rietveld/types';
import { analyseWithChain } from './xrd-frame-fit';
import type { XrdAnalysisJob, XrdAnalysisRunner } from './xrd-session';

/** After a cancel, a worker that has not answered within this time is ended (the frames done are then lost). */
const CANCEL_GRACE_MS = 30_000;

interface Reply {
  ok: boolean;
  analysis?: XrdAnalysis;
  chain?: FrameResult[] | null;
  message?: string;
}

/**
 * A worker thread per analysis (workerUrl: the analysis worker's bundle); with chunkWorkerUrl (the Rietveld worker's
 * bundle) the analysis worker refines long sequences in chunks on a pool of those, one per core.
 */
export function createWorkerXrdRunner(workerUrl: URL, chunkWorkerUrl?: URL): XrdAnalysisRunner {
  return (seq: PatternSequence, options: XrdAnalysisOptions): XrdAnalysisJob => {
    // the slots of workers/xrd-analysis.worker.ts SLOT (not imported: that module runs only in a worker)
    const shared = new Int32Array(new SharedArrayBuffer(6 * Int32Array.BYTES_PER_ELEMENT));
    const worker = new Worker(workerUrl);
    let settled = false;
    const result = new Promise<{ analysis: XrdAnalysis; chain: FrameResult[] | null }>((resolve, reject) => {
      const finish = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        fn();
        void worker.terminate();
      };
      worker.once('message', (reply: Reply) => finish(() => (reply.ok && reply.analysis ? resolve({ analysis: reply.analysis, chain: reply.chain ?? null }) : reject(new Error(reply.message ?? 'the analysis worker failed')))));
      worker.once('error', (error) => finish(() => reject(error)));
      worker.once('exit', (code) => finish(() => reject(new Error(`the analysis worker stopped (exit code ${code})`))));
    });
    worker.postMessage({ seq, options, shared, ...(chunkWorkerUrl ? { chunkWorkerUrl: chunkWorkerUrl.href } : {}) });
    return {
      result: result.then((r) => r.analysis),
      chain: result.then((r) => r.chain, () => null),
      progress: () => ({
        done: Atomics.load(shared, 1),
        total: Atomics.load(shared, 2),
        ...(Atomics.load(shared, 3) === 1 ? { stage: { stage: 'pooled-b' as const, frame: Atomics.load(shared, 4), frames: Atomics.load(shared, 5) } } : {}),
      }),
      cancel: () => {
        Atomics.store(shared, 0, 1);
        setTimeout(() => {
          if (!settled) void worker.terminate();
        }, CANCEL_GRACE_MS).unref();
      },
    };
  };
}

/** The analysis on this thread, started on the next turn of the event loop (it blocks while it runs). */
export const inProcessXrdRunner: XrdAnalysisRunner = (seq, options) => {
  const progress: { done: number; total: number; stage?: XrdProgressStage } = { done: 0, total: 0 };
  const signal = { cancelled: false };
  const both = new Promise<{ analysis: XrdAnalysis; chain: FrameResult[] | null }>((resolve, reject) => {
    setImmediate(() => {
      try {
        resolve(
          analyseWithChain(seq, options, (done, total, stage) => {
            progress.done = done;
            progress.total = total;
            if (stage) progress.stage = stage;
            else delete progress.stage;
          }, signal),
        );
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
  return {
    result: both.then((r) => r.analysis),
    chain: both.then((r) => r.chain, () => null),
    progress: () => ({ ...progress }),
    cancel: () => void (signal.cancelled = true),
  };
};
