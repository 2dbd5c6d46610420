/**
 * A small pool of import workers (worker_threads). Each host passes the URL of its bundled worker file:
 * out/node/tga-import-worker.mjs for the browser-mode server, the electron-vite chunk for Electron.
 */
import { Worker } from 'node:worker_threads';
import type { ParsedTga, TgaParser } from './tga-import';

interface Pending {
  resolve: (parsed: ParsedTga) => void;
  reject: (error: Error) => void;
}

interface Reply {
  id: number;
  ok: boolean;
  parsed?: ParsedTga;
  message?: string;
}

export interface WorkerTgaParser {
  parse: TgaParser;
  close(): Promise<void>;
}

/** Up to `size` workers, started on first use and kept for later imports. */
export function createWorkerTgaParser(workerUrl: URL, size = 2): WorkerTgaParser {
  const workers: { worker: Worker; busy: number }[] = [];
  const pending = new Map<number, Pending>();
  let nextId = 1;

  function failAll(worker: Worker, error: Error): void {
    const slot = workers.findIndex((w) => w.worker === worker);
    if (slot >= 0) workers.splice(slot, 1);
    for (const [id, p] of pending) {
      if ((p as Pending & { worker?: Worker }).worker === worker) {
        pending.delete(id);
        p.reject(error);
      }
    }
  }

  function spawn(): { worker: Worker; busy: number } {
    const worker = new Worker(workerUrl);
    const slot = { worker, busy: 0 };
    worker.on('message', (reply: Reply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      slot.busy--;
      if (reply.ok && reply.parsed) p.resolve(reply.parsed);
      else p.reject(new Error(reply.message ?? 'the import worker failed'));
    });
    worker.on('error', (error) => failAll(worker, error));
    worker.on('exit', (code) => {
      if (code !== 0) failAll(worker, new Error(`the import worker stopped (exit code ${code})`));
    });
    worker.unref();
    workers.push(slot);
    return slot;
  }

  function leastBusy(): { worker: Worker; busy: number } {
    const idle = workers.find((w) => w.busy === 0);
    if (idle) return idle;
    if (workers.length < size) return spawn();
    return workers.reduce((a, b) => (b.busy < a.busy ? b : a));
  }

  const parse: TgaParser = (file) =>
    new Promise<ParsedTga>((resolve, reject) => {
      const slot = leastBusy();
      const id = nextId++;
      pending.set(id, Object.assign({ resolve, reject }, { worker: slot.worker }));
      slot.busy++;
      slot.worker.postMessage({ id, name: file.name, bytes: file.bytes });
    });

  return {
    parse,
    async close() {
      const all = workers.splice(0);
      await Promise.all(all.map((w) => w.worker.terminate()));
    },
  };
}
