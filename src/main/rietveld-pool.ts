/**
 * A pool of Rietveld workers (workers/rietveld-worker.ts) that runs the chunks of a long sequence side by side: the
 * chain and presence executors of core/xrd/analysis/chunks. One job per worker at a time, the others queued; workers
 * are kept for the next job and ended by close(). The CLI and the analysis worker use it with a worker per core.
 */
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { PhaseDef } from '../core/xrd/crystal/types';
import type { AnchorExecutor, ChunkExecutor, ChunkJob, PresenceExecutor } from '../core/xrd/pipeline';
import type { RietveldWorkerReply, RietveldWorkerRequest } from './workers/rietveld-worker';
import type { ListedFile, ListedRead } from './xrd-read-files';
import { mark } from './timeline';

export interface RietveldPool {
  executor: ChunkExecutor;
  /** The chunks' anchor chain on a worker: that worker's refinement code is then compiled once for the anchors and
   * its chunks, instead of on this thread too. */
  anchorExecutor: AnchorExecutor;
  presenceExecutor: PresenceExecutor;
  /** Read, recognise and parse files (xrd-read-files.ts) in contiguous slices on the workers, in order; the frames'
   * arrays come back transferred. Starts the workers, so their start-up overlaps what the caller does meanwhile. */
  readFiles(files: ListedFile[]): Promise<ListedRead[]>;
  /** Every worker (started now if not yet) builds these phases' tables for the chunks to come, after what it is
   * doing (analyseSequenceAsync's `prepare`: before the first anchor, while the workers would wait for it). */
  prepare(phases: PhaseDef[], phaseOptions: ChunkJob['phaseOptions']): void;
  /** Start every worker now (their start-up overlaps what the caller does next). */
  start(): void;
  close(): Promise<void>;
}

/**
 * Workers for a machine: one per core (the main thread waits while they run), at most `max`; the environment
 * variable REDUCTIONLAB_WORKERS sets the number (1: one worker, for comparisons).
 */
export function defaultPoolSize(max = 16): number {
  const env = Number(process.env.REDUCTIONLAB_WORKERS);
  if (Number.isInteger(env) && env >= 1) return Math.min(env, 64);
  return Math.max(1, Math.min(max, availableParallelism()));
}

/**
 * Workers created after this call compile their hot functions (TurboFan) on their own thread instead of handing them
 * to V8's helper threads. The CLI calls it before its pool starts: its workers keep every core busy, so the helper
 * threads only compete with them while the functions they are compiling keep running unoptimised, and every chunk
 * seeds new object shapes that send the big inlined functions (runLm, solveLinear, frameResult) back to be compiled
 * again. On the 900-frame benchmark the helper threads took ≈ 7 s of ≈ 17 s CPU; compiled in place, the whole
 * process took 2–3 s less CPU (docs/rietveld.md, benchmark). A process-wide V8 flag: the app's processes do not set
 * it (Electron's main process runs more than the analysis).
 */
export function compileOnWorkerThreads(): void {
  try {
    setFlagsFromString('--no-concurrent-recompilation');
  } catch {
    // a Node whose V8 flags are frozen after start-up: the workers compile on the helper threads as before
  }
}

interface Slot {
  worker: Worker;
  busy: boolean;
  /** Has run a presence job (its isolate has that code compiled). */
  presence: boolean;
}

/** A job waiting for a worker: the message to start it, and what to do with the replies. */
interface Queued {
  /** A presence job (see pick). */
  presence?: boolean;
  start: (jobId: number) => RietveldWorkerRequest;
  /** onFrame once per frame done (the worker's progress replies come at most every 50 ms, each with a count). */
  hooks: { onFrame: () => void; cancelled: () => boolean };
  /** A reply before the final one that the job takes (the anchor chain's 'anchor'); returns false for others. */
  partial?: (reply: RietveldWorkerReply) => boolean;
  /** Final reply (done / presenceDone) → settle; returns false for replies it does not take. */
  settle: (reply: RietveldWorkerReply) => boolean;
  cancelledResult: () => void;
  reject: (e: Error) => void;
}

export function createRietveldPool(workerUrl: URL, size = defaultPoolSize()): RietveldPool {
  const slots: Slot[] = [];
  const queue: Queued[] = [];
  let nextJob = 1;
  let closed = false;

  function spawn(): Slot {
    const slot: Slot = { worker: new Worker(workerUrl), busy: false, presence: false };
    slot.worker.unref();
    slots.push(slot);
    return slot;
  }

  function pump(): void {
    while (queue.length > 0 && !closed) {
      if (queue[0].hooks.cancelled()) {
        queue.shift()!.cancelledResult();
        continue;
      }
      const free = slots.filter((s) => !s.busy).sort((a, b) => Number(b.presence) - Number(a.presence));
      if (free.length === 0 && slots.length < size) free.push(spawn());
      let slot: Slot | null = null;
      let at = -1;
      for (const s of free) if ((at = pick(s)) >= 0) { slot = s; break; }
      if (!slot) return;
      const [q] = queue.splice(at, 1);
      if (q.presence) slot.presence = true;
      run(slot, q);
    }
  }

  /**
   * The queued job a free worker takes (-1: none for now): presence jobs first (the early slices then run while the
   * chain's last chunks do, not after them), on the workers that already ran one (a worker's first presence slice
   * also compiles that code, ≈ 0.3 s CPU): while one that has is busy, a worker that has not takes the first other
   * job instead, or a presence job when two or more wait, or waits.
   */
  function pick(slot: Slot): number {
    const p = queue.findIndex((q) => q.presence);
    const other = queue.findIndex((q) => !q.presence);
    if (p < 0) return 0;
    if (slot.presence || !slots.some((s) => s.presence)) return p;
    if (other >= 0) return other;
    return queue.length >= 2 ? p : -1;
  }

  function run(slot: Slot, q: Queued): void {
    slot.busy = true;
    const jobId = nextJob++;
    let sentCancel = false;
    let framesDone = 0;
    // a cancel asked for while the job runs reaches the worker with its next progress message
    const onMessage = (r: RietveldWorkerReply): void => {
      if (r.jobId !== jobId) return;
      if (r.type === 'progress' || r.type === 'tick') {
        // progress counts the chunk's frames done, tick the frames tested since the last tick
        const k = r.type === 'progress' ? r.done - framesDone : r.frames;
        framesDone += k;
        for (let i = 0; i < k; i++) q.hooks.onFrame();
        if (!sentCancel && q.hooks.cancelled()) {
          sentCancel = true;
          slot.worker.postMessage({ type: 'cancel', jobId } satisfies RietveldWorkerRequest);
        }
        return;
      }
      if (q.partial?.(r)) return;
      mark(`reply ${r.type} job ${jobId} from w${slot.worker.threadId}`);
      release();
      if (r.type === 'error') q.reject(new Error(r.message));
      else if (!q.settle(r)) q.reject(new Error(`unexpected reply '${r.type}' from the Rietveld worker`));
    };
    const onError = (e: Error): void => {
      release();
      const at = slots.indexOf(slot);
      if (at >= 0) slots.splice(at, 1);
      q.reject(e);
    };
    const release = (): void => {
      slot.worker.off('message', onMessage);
      slot.worker.off('error', onError);
      slot.busy = false;
      pump();
    };
    slot.worker.on('message', onMessage);
    slot.worker.on('error', onError);
    const msg = q.start(jobId);
    mark(`send ${msg.type} job ${jobId} to w${slot.worker.threadId}`);
    slot.worker.postMessage(msg);
  }

  function enqueue(q: Queued): void {
    if (closed) return q.reject(new Error('the Rietveld pool is closed'));
    mark(`queue (${queue.length} waiting)`);
    queue.push(q);
    pump();
  }

  const executor: ChunkExecutor = (job, hooks) =>
    new Promise((resolve, reject) => enqueue({
      start: (jobId) => ({ type: 'start', jobId, patterns: job.patterns, phases: job.phases, options: job.options, phaseOptions: job.phaseOptions, start: job.start }),
      hooks,
      settle: (r) => r.type === 'done' && (resolve({ frames: r.frames, cancelled: r.cancelled }), true),
      cancelledResult: () => resolve({ frames: [], cancelled: true }),
      reject,
    }));

  const presenceExecutor: PresenceExecutor = (job, hooks) =>
    new Promise((resolve, reject) => enqueue({
      presence: true,
      start: (jobId) => ({ type: 'presence', jobId, job }),
      hooks,
      settle: (r) => r.type === 'presenceDone' && (resolve(hooks.cancelled() ? null : r.runs), true),
      cancelledResult: () => resolve(null),
      reject,
    }));

  const anchorExecutor: AnchorExecutor = (job, onAnchor) =>
    new Promise((resolve, reject) => enqueue({
      start: (jobId) => ({ type: 'anchors', jobId, job }),
      hooks: { onFrame: () => undefined, cancelled: () => false },
      partial: (r) => r.type === 'anchor' && (onAnchor(r.chunk, r.start, r.result), true),
      settle: (r) => r.type === 'anchorsDone' && (resolve(), true),
      cancelledResult: () => resolve(),
      reject,
    }));

  const readSlice = (files: ListedFile[]): Promise<ListedRead[]> =>
    new Promise((resolve, reject) => enqueue({
      start: (jobId) => ({ type: 'read', jobId, files }),
      hooks: { onFrame: () => undefined, cancelled: () => false },
      settle: (r) => r.type === 'readDone' && (resolve(r.files), true),
      cancelledResult: () => reject(new Error('the Rietveld pool is closed')),
      reject,
    }));

  // two slices per worker: one finishing early takes the next
  async function readFiles(files: ListedFile[]): Promise<ListedRead[]> {
    const slices = Math.max(1, Math.min(files.length, 2 * size));
    const parts = Array.from({ length: slices }, (_, k) => files.slice(Math.round((k * files.length) / slices), Math.round(((k + 1) * files.length) / slices)));
    return (await Promise.all(parts.map(readSlice))).flat();
  }

  return {
    executor,
    anchorExecutor,
    presenceExecutor,
    readFiles,
    start() {
      if (!closed) while (slots.length < size) spawn();
    },
    prepare(phases, phaseOptions) {
      if (closed) return;
      while (slots.length < size) spawn();
      for (const s of slots) s.worker.postMessage({ type: 'prepare', phases, phaseOptions } satisfies RietveldWorkerRequest);
    },
    async close() {
      closed = true;
      for (const q of queue.splice(0)) q.cancelledResult();
      await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
    },
  };
}
