/**
 * Runners of the kinetics analysis for the Kinetics workspace: in a worker thread (the real hosts; a fresh worker
 * per analysis, ended when it answers or is cancelled) or in-process (unit tests, a host without the worker bundle).
 * Progress and cancel share an Int32Array with the worker (workers/kinetics.worker.ts): [0] cancel flag,
 * [1] steps done, [2] steps in all, [3] index of the series being computed.
 */
import { Worker } from 'node:worker_threads';
import type { KineticsOptions } from '../shared/kinetics';
import type { KineticsResultView } from '../shared/kinetics-api';
import { analyseSeries, KineticsCancelled, type KineticRun } from '../core/kinetics/index';

export interface KineticsJobInput {
  series: { id: string; name: string; runs: KineticRun[]; error: string | null }[];
  options: KineticsOptions;
}

export interface KineticsAnalysisJob {
  result: Promise<KineticsResultView[]>;
  progress(): { fraction: number; stage: string };
  cancel(): void;
}

export type KineticsRunner = (input: KineticsJobInput) => KineticsAnalysisJob;

/** Steps of the progress counter per series (each series' own progress is scaled into its share). */
export const STEPS_PER_SERIES = 1000;

/**
 * Every series in turn; a series that cannot be computed gets its reason (what is missing) and the others go on.
 * Throws KineticsCancelled when isCancelled() turns true.
 */
export function computeSeries(input: KineticsJobInput, report: (done: number, total: number, seriesIndex: number) => void, isCancelled: () => boolean): KineticsResultView[] {
  const total = STEPS_PER_SERIES * Math.max(1, input.series.length);
  const out: KineticsResultView[] = [];
  input.series.forEach((s, i) => {
    if (isCancelled()) throw new KineticsCancelled();
    report(i * STEPS_PER_SERIES, total, i);
    if (s.error) {
      out.push({ seriesId: s.id, name: s.name, result: null, error: s.error });
      return;
    }
    try {
      const result = analyseSeries(s.name, s.runs, input.options, {
        onProgress: (d, t) => report(i * STEPS_PER_SERIES + Math.floor((STEPS_PER_SERIES * d) / Math.max(1, t)), total, i),
        isCancelled,
      });
      out.push({ seriesId: s.id, name: s.name, result, error: null });
    } catch (error) {
      if (error instanceof KineticsCancelled) throw error;
      out.push({ seriesId: s.id, name: s.name, result: null, error: error instanceof Error ? error.message : String(error) });
    }
  });
  report(total, total, input.series.length - 1);
  return out;
}

const stageOf = (input: KineticsJobInput, index: number): string => {
  const s = input.series[Math.max(0, Math.min(input.series.length - 1, index))];
  return s ? `series "${s.name}" (${index + 1} of ${input.series.length})` : '';
};

/** After a cancel, a worker that has not answered within this time is ended. */
const CANCEL_GRACE_MS = 10_000;

export function createWorkerKineticsRunner(workerUrl: URL): KineticsRunner {
  return (input) => {
    const shared = new Int32Array(new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT));
    const worker = new Worker(workerUrl);
    let settled = false;
    const result = new Promise<KineticsResultView[]>((resolve, reject) => {
      const finish = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        fn();
        void worker.terminate();
      };
      worker.once('message', (reply: { ok: boolean; results?: KineticsResultView[]; cancelled?: boolean; message?: string }) =>
        finish(() => {
          if (reply.ok && reply.results) resolve(reply.results);
          else if (reply.cancelled) reject(new KineticsCancelled());
          else reject(new Error(reply.message ?? 'the kinetics worker failed'));
        }),
      );
      worker.once('error', (error) => finish(() => reject(error)));
      worker.once('exit', (code) => finish(() => reject(Atomics.load(shared, 0) === 1 ? new KineticsCancelled() : new Error(`the kinetics worker stopped (exit code ${code})`))));
    });
    worker.postMessage({ input, shared });
    return {
      result,
      progress: () => {
        const total = Atomics.load(shared, 2);
        return { fraction: total > 0 ? Atomics.load(shared, 1) / total : 0, stage: stageOf(input, Atomics.load(shared, 3)) };
      },
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
export const inProcessKineticsRunner: KineticsRunner = (input) => {
  const state = { done: 0, total: 1, index: 0, cancelled: false };
  const result = new Promise<KineticsResultView[]>((resolve, reject) => {
    setImmediate(() => {
      try {
        resolve(
          computeSeries(
            input,
            (d, t, i) => {
              state.done = d;
              state.total = t;
              state.index = i;
            },
            () => state.cancelled,
          ),
        );
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
  return {
    result,
    progress: () => ({ fraction: state.done / state.total, stage: stageOf(input, state.index) }),
    cancel: () => void (state.cancelled = true),
  };
};
