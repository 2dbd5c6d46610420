/**
 * Radiography measuring worker (worker_threads): opens the stack from its paths and measures the region means of a
 * range of frames (core/imaging/analyse measureFrames), so that several workers read and sum one stack in parallel
 * (src/main/imaging/parallel.ts). Progress and cancel go through shared memory: `shared` is an Int32Array over a
 * SharedArrayBuffer, [0] cancel flag (set by main), [1 + w] frames done by worker w.
 * In: { paths, datasetPath?, settings, from, to, shared, slot } → Out: { ok: true, means, done, cancelled, warnings } | { ok: false, message }
 */
import { parentPort } from 'node:worker_threads';
import type { RadiographySettings } from '../../shared/radiography';
import { measureFrames } from '../../core/imaging/analyse';
import { openStackFromPaths } from '../imaging/open-stack';

export interface MeasureRequest {
  paths: string[];
  datasetPath?: string;
  settings: RadiographySettings;
  from: number;
  to: number;
  shared: Int32Array;
  slot: number;
}

const port = parentPort;
if (!port) throw new Error('imaging.worker must run in a worker thread');

port.on('message', (request: MeasureRequest) => {
  void (async () => {
    const { shared, slot } = request;
    try {
      const { stack } = await openStackFromPaths(request.paths, { datasetPath: request.datasetPath });
      try {
        const measured = await measureFrames(stack, request.settings, {
          from: request.from,
          to: request.to,
          shouldCancel: () => Atomics.load(shared, 0) === 1,
          onProgress: (done) => Atomics.store(shared, 1 + slot, done),
        });
        port.postMessage({ ok: true, ...measured }, measured.means.map((m) => m.buffer as ArrayBuffer));
      } finally {
        await stack.close();
      }
    } catch (error) {
      port.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  })();
});
