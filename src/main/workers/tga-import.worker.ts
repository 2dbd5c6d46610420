/**
 * Import worker: parses one TGA file per message off the main thread, so a 1,000,000-row log never blocks the
 * window or the browser-mode server. Message in: { id, name, bytes }; out: { id, ok: true, parsed } or
 * { id, ok: false, message }. The run's Float64Array buffers are transferred, not copied.
 */
import { parentPort } from 'node:worker_threads';
import { parseTgaSync, runBuffers } from '../tga-import';

interface Request {
  id: number;
  name: string;
  bytes: Uint8Array;
}

const port = parentPort;
if (!port) throw new Error('tga-import.worker must run in a worker thread');

port.on('message', (request: Request) => {
  try {
    const parsed = parseTgaSync(request.name, request.bytes);
    port.postMessage({ id: request.id, ok: true, parsed }, runBuffers(parsed.run));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    port.postMessage({ id: request.id, ok: false, message });
  }
});
