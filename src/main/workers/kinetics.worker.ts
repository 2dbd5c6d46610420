/**
 * Kinetics worker (worker_threads): every series of one request through core/kinetics analyseSeries, off the main
 * thread. Progress and cancel go through shared memory: `shared` is an Int32Array over a SharedArrayBuffer,
 * [0] cancel flag (set by main), [1] steps done, [2] steps in all, [3] index of the series (written here).
 * In: { input: KineticsJobInput, shared: Int32Array }
 * Out: { ok: true, results } | { ok: false, cancelled: true } | { ok: false, message }
 */
import { parentPort } from 'node:worker_threads';
import { KineticsCancelled } from '../../core/kinetics/index';
import { computeSeries, type KineticsJobInput } from '../kinetics-runner';

const port = parentPort;
if (!port) throw new Error('kinetics.worker must run in a worker thread');

port.on('message', (request: { input: KineticsJobInput; shared: Int32Array }) => {
  const { shared } = request;
  try {
    const results = computeSeries(
      request.input,
      (done, total, index) => {
        Atomics.store(shared, 1, done);
        Atomics.store(shared, 2, total);
        Atomics.store(shared, 3, index);
      },
      () => Atomics.load(shared, 0) === 1,
    );
    port.postMessage({ ok: true, results });
  } catch (error) {
    if (error instanceof KineticsCancelled) port.postMessage({ ok: false, cancelled: true });
    else port.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
