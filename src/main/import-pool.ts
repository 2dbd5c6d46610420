/**
 * Every file import runs here: a small pool of worker threads (workers/import.worker.ts) with V8 heap limits and a
 * time limit per file, so that no file — damaged, hostile or merely huge — can end the process, freeze it, or hold
 * up the other sessions of the browser-mode server. TGA runs, diffraction frames, CIF phases, temperature logs, EDD
 * spectra and pressure-scale tables all go through it, and so do the writing of study files (autosave, save, download:
 * `study-encode`) and their reading on Open (`study-decode`: SQLite open, integrity check, migrations), the other
 * whole-study steps that would hold a host's event loop for a second on a big study. Each host passes the URL of its bundled worker: out/node/import-worker.mjs for the browser-mode
 * server and the CLI tests, electron-vite's chunk for Electron.
 *
 * - One file per worker at a time (queued beyond `size` workers), so a worker that dies takes only that file with it.
 * - Heap limit (resourceLimits.maxOldGenerationSizeMb): a file that needs more fails as "needs more memory than an
 *   import may use", naming the file; the worker is replaced. Typed-array data lives outside the V8 heap: the
 *   readers' own caps (core/formats/archive.ts, HDF5 dataset sizes) bound that.
 * - Time limit: the worker is terminated and the file fails as "stopped after N s".
 * - Cancel: an AbortSignal removes a queued file, or terminates the worker reading it.
 * - A worker whose reader failed with something other than a FormatError is replaced after answering (a reader's
 *   internal state, h5wasm's WebAssembly heap, may not be trustworthy after it).
 */
import { Worker } from 'node:worker_threads';
import type { Pattern } from '../shared/xrd';
import type { PhaseDef } from '../core/xrd/crystal/types';
import type { ParsedTga, TgaParseOptions, TgaParser } from './tga-import';
import type { DecodedStudy, StudyContent } from './study/format';
import type { EddSpectrum } from '../core/formats/edd/types';
import type { ScaleDefinition } from '../core/hp/eos/schema';
import { WORKER_HEAP_MB } from './worker-limits';

export interface ImportLimits {
  /** V8 old-generation heap of one import worker (MB). */
  maxOldGenerationSizeMb: number;
  /** Longest a single file may take (ms). */
  timeoutMs: number;
}

/**
 * 2 GB of heap and 2 minutes per file: a 1,000,000-row log needs ~0.2 GB and 0.6 s, a 50 MB pattern ~0.1 GB and
 * 0.5 s; a file beyond either bound is not one a laboratory instrument writes.
 */
export const IMPORT_LIMITS: ImportLimits = { maxOldGenerationSizeMb: WORKER_HEAP_MB, timeoutMs: 120_000 };

export type ImportRequest =
  | { kind: 'tga'; name: string; bytes: Uint8Array; prepare?: TgaParseOptions['prepare']; formatId?: string }
  /** `onlyRecognised`: answer frames = null, without an error, when no reader recognises the file (a folder's README). */
  | { kind: 'xrd'; name: string; bytes: Uint8Array; onlyRecognised?: boolean }
  | { kind: 'cif'; name: string; bytes: Uint8Array }
  | { kind: 'templog'; name: string; bytes: Uint8Array }
  /** The spectra of an EDD file (core/formats/edd). */
  | { kind: 'edd'; name: string; bytes: Uint8Array }
  /** A user's pressure-scale table (JSON; core/hp/eos/schema.ts). */
  | { kind: 'scale'; name: string; bytes: Uint8Array }
  /** Write a study file (study/format.ts: encodeStudy); `name` names it in errors. */
  | { kind: 'study-encode'; name: string; content: StudyContent }
  /** Read a study file (study/format.ts: decodeStudy: SQLite open, integrity check, migrations); `name` is its file name. */
  | { kind: 'study-decode'; name: string; bytes: Uint8Array };

/** A written study file, and the SHA-256 of each embedded file in the order of content.sections[].files[]. */
export interface EncodedStudy {
  bytes: Uint8Array;
  sha256: string[];
}

export type ImportResultOf<K extends ImportRequest['kind']> = K extends 'tga'
  ? ParsedTga
  : K extends 'xrd'
    ? Pattern[] | null
    : K extends 'cif'
      ? PhaseDef
      : K extends 'templog'
        ? { timeS: Float64Array; temperatureC: Float64Array }
        : K extends 'edd'
          ? EddSpectrum[]
          : K extends 'scale'
            ? ScaleDefinition[]
            : K extends 'study-decode'
              ? DecodedStudy
              : EncodedStudy;

/** What a failure message says a request was doing, and what did not happen. */
function doing(request: ImportRequest): { verb: string; task: string; outcome: string; limit: string } {
  if (request.kind === 'study-encode') return { verb: 'writing it', task: 'writing it', outcome: 'the study file was not written (the previous copy is kept)', limit: 'a worker may use' };
  if (request.kind === 'study-decode') return { verb: 'opening it', task: 'opening it', outcome: 'the study was not opened (the open study is kept)', limit: 'a worker may use' };
  return { verb: 'reading it', task: 'the import', outcome: 'the file was not loaded', limit: 'an import may use' };
}

/** Worker → pool: a result, a failure (`recycle`: replace this worker), or rows read so far. */
export type ImportReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; message: string; recycle?: boolean }
  | { id: number; progress: number; ok?: undefined };

export interface ImportOptions {
  signal?: AbortSignal;
  /** Rows read so far, now and then (long tables). */
  onProgress?: (rowsRead: number) => void;
}

export interface ImportPool {
  run<K extends ImportRequest['kind']>(request: Extract<ImportRequest, { kind: K }>, options?: ImportOptions): Promise<ImportResultOf<K>>;
  /** The TGA parser the handlers take (HandlerDeps.parseTga). */
  parseTga: TgaParser;
  /** Workers alive now (for tests and diagnostics). */
  workerCount(): number;
  close(): Promise<void>;
}

/** The error of an import that was cancelled (by the user or because its request went away). */
export class ImportCancelled extends Error {
  override name = 'ImportCancelled';
}

interface Job {
  id: number;
  request: ImportRequest;
  resolve(value: unknown): void;
  reject(error: Error): void;
  signal?: AbortSignal;
  onAbort?: () => void;
  onProgress?: (rowsRead: number) => void;
  slot?: Slot;
  timer?: ReturnType<typeof setTimeout>;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  /** Set once the slot is being discarded: its events no longer matter. */
  gone: boolean;
}

export function createImportPool(workerUrl: URL, options: { size?: number; limits?: Partial<ImportLimits> } = {}): ImportPool {
  const size = Math.max(1, options.size ?? 2);
  const limits: ImportLimits = { ...IMPORT_LIMITS, ...options.limits };
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;

  function finish(job: Job): void {
    if (job.timer) clearTimeout(job.timer);
    if (job.signal && job.onAbort) job.signal.removeEventListener('abort', job.onAbort);
    if (job.slot) job.slot.job = null;
    job.slot = undefined;
  }

  function discard(slot: Slot): void {
    if (slot.gone) return;
    slot.gone = true;
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    void slot.worker.terminate();
  }

  /** The slot's worker is gone or going: fail its file with `message`, then carry on with the queue. */
  function lose(slot: Slot, message: (name: string, what: ReturnType<typeof doing>) => string): void {
    const job = slot.job;
    discard(slot);
    if (job) {
      finish(job);
      job.reject(new Error(message(job.request.name, doing(job.request))));
    }
    dispatch();
  }

  function spawn(): Slot {
    const worker = new Worker(workerUrl, {
      resourceLimits: { maxOldGenerationSizeMb: limits.maxOldGenerationSizeMb },
      // the worker's own console goes to the host's; nothing is read from stdin
      stdin: false,
    });
    const slot: Slot = { worker, job: null, gone: false };
    worker.on('message', (reply: ImportReply) => {
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      if (reply.ok === undefined) {
        job.onProgress?.(reply.progress);
        return;
      }
      finish(job);
      if (reply.ok) job.resolve(reply.result);
      else job.reject(new Error(reply.message));
      if (!reply.ok && reply.recycle) discard(slot);
      dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (slot.gone) return;
      const oom = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      lose(slot, (name, what) =>
        oom
          ? `${name}: ${what.verb} needed more memory than ${what.limit} (${limits.maxOldGenerationSizeMb} MB); ${what.outcome} (it may be damaged, or too large for this machine)`
          : `${name}: ${what.task} stopped unexpectedly (${error.message}); ${what.outcome}`,
      );
    });
    worker.on('exit', (code) => {
      if (slot.gone) return;
      lose(slot, (name, what) => `${name}: ${what.task} stopped unexpectedly (worker exit code ${code}); ${what.outcome}`);
    });
    worker.unref();
    slots.push(slot);
    return slot;
  }

  function start(job: Job, slot: Slot): void {
    slot.job = job;
    job.slot = slot;
    job.timer = setTimeout(() => {
      const seconds = (limits.timeoutMs / 1000).toLocaleString('en', { maximumFractionDigits: 1 });
      lose(slot, (name, what) => `${name}: ${what.verb} took longer than ${seconds} s and was stopped (is it damaged, or far larger than an instrument writes?)`);
    }, limits.timeoutMs);
    // The bytes are copied to the worker (the session may keep the file) unless they live in a SharedArrayBuffer
    // (browser-mode uploads, uploads.ts), which the worker then shares; results come back transferred.
    slot.worker.postMessage({ id: job.id, request: job.request });
  }

  function dispatch(): void {
    while (queue.length > 0 && !closed) {
      let slot = slots.find((s) => s.job === null && !s.gone);
      if (!slot && slots.length < size) slot = spawn();
      if (!slot) return;
      start(queue.shift() as Job, slot);
    }
  }

  function run<K extends ImportRequest['kind']>(request: Extract<ImportRequest, { kind: K }>, runOptions: ImportOptions = {}): Promise<ImportResultOf<K>> {
    return new Promise<ImportResultOf<K>>((resolve, reject) => {
      if (closed) return reject(new Error(`${request.name}: the importer is closed`));
      const signal = runOptions.signal;
      if (signal?.aborted) return reject(new ImportCancelled(`${request.name}: import cancelled`));
      const job: Job = { id: nextId++, request, resolve: resolve as (v: unknown) => void, reject, signal, onProgress: runOptions.onProgress };
      if (signal) {
        job.onAbort = () => {
          const queued = queue.indexOf(job);
          if (queued >= 0) queue.splice(queued, 1);
          const slot = job.slot;
          finish(job);
          if (slot) {
            discard(slot);
            dispatch();
          }
          reject(new ImportCancelled(`${request.name}: import cancelled`));
        };
        signal.addEventListener('abort', job.onAbort, { once: true });
      }
      queue.push(job);
      dispatch();
    });
  }

  return {
    run,
    parseTga: (file, parseOptions) =>
      run({ kind: 'tga', name: file.name, bytes: file.bytes, prepare: parseOptions?.prepare, formatId: parseOptions?.formatId }, { signal: parseOptions?.signal, onProgress: parseOptions?.onProgress }),
    workerCount: () => slots.length,
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new ImportCancelled(`${job.request.name}: the importer closed`));
      const all = slots.splice(0);
      for (const s of all) {
        s.gone = true;
        if (s.job) {
          const job = s.job;
          finish(job);
          job.reject(new ImportCancelled(`${job.request.name}: the importer closed`));
        }
      }
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}
