/**
 * Measure one stack with several worker threads, each reading and summing its own range of frames
 * (workers/imaging.worker.ts), then join the ranges in frame order. A cancel stops every worker after its current
 * frame; the frames measured without a gap from the first are kept. Used by the CLI and the app for stacks on disk.
 */
import { Worker } from 'node:worker_threads';
import type { RadiographySettings } from '../../shared/radiography';
import type { Measured } from '../../core/imaging/analyse';
import { limitedWorkerOptions } from '../worker-limits';

export interface ParallelMeasure {
  result: Promise<Measured>;
  /** Frames measured so far (all workers). */
  progress(): number;
  cancel(): void;
}

interface Reply extends Partial<Measured> {
  ok: boolean;
  message?: string;
}

/** Split [0, frames) into `parts` contiguous ranges of nearly equal length. */
export function frameRanges(frames: number, parts: number): [number, number][] {
  const n = Math.max(1, Math.min(parts, frames));
  return Array.from({ length: n }, (_, i) => [Math.floor((i * frames) / n), Math.floor(((i + 1) * frames) / n)] as [number, number]);
}

export function measureInWorkers(
  workerUrl: URL,
  request: { paths: string[]; datasetPath?: string; settings: RadiographySettings; frames: number; workers: number },
): ParallelMeasure {
  const ranges = frameRanges(request.frames, request.workers);
  const shared = new Int32Array(new SharedArrayBuffer((1 + ranges.length) * 4));
  const workers: Worker[] = [];
  const parts = ranges.map(([from, to], slot) => {
    const worker = new Worker(workerUrl, limitedWorkerOptions);
    workers.push(worker);
    return new Promise<Measured>((resolve, reject) => {
      worker.once('message', (reply: Reply) => {
        void worker.terminate();
        if (reply.ok && reply.means) resolve({ means: reply.means, done: reply.done ?? 0, cancelled: reply.cancelled ?? false, warnings: reply.warnings ?? [] });
        else reject(new Error(reply.message ?? 'the measuring worker failed'));
      });
      worker.once('error', (error) => reject(error));
      worker.once('exit', (code) => reject(new Error(`the measuring worker stopped (exit code ${code})`)));
      worker.postMessage({ paths: request.paths, datasetPath: request.datasetPath, settings: request.settings, from, to, shared, slot });
    });
  });
  const result = Promise.all(parts).then(
    (measured) => {
      const regions = measured[0].means.length;
      // frames without a gap from the first: a range counts only when every range before it is complete
      let done = 0;
      let cancelled = false;
      for (let w = 0; w < measured.length; w++) {
        done += measured[w].done;
        if (measured[w].done < ranges[w][1] - ranges[w][0]) {
          cancelled = true;
          break;
        }
      }
      cancelled ||= measured.some((m) => m.cancelled);
      const means = Array.from({ length: regions }, (_, r) => {
        const out = new Float64Array(done);
        let at = 0;
        for (const m of measured) {
          const part = m.means[r].subarray(0, Math.min(m.done, done - at));
          out.set(part, at);
          at += part.length;
          if (at >= done) break;
        }
        return out;
      });
      return { means, done, cancelled, warnings: [...new Set(measured.flatMap((m) => m.warnings))] };
    },
    (error: unknown) => {
      Atomics.store(shared, 0, 1);
      for (const w of workers) void w.terminate();
      throw error;
    },
  );
  return {
    result,
    progress: () => {
      let n = 0;
      for (let i = 0; i < ranges.length; i++) n += Atomics.load(shared, 1 + i);
      return n;
    },
    cancel: () => Atomics.store(shared, 0, 1),
  };
}
