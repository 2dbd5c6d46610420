/**
 * One way to follow a background job from the renderer (the SXRD analysis, the kinetics analysis, the radiography
 * and map analyses): main starts the job and answers `get…Job()` with its view (progress included); the renderer
 * polls that view while the job runs — the same in both hosts, no push channel — and, once the job has ended
 * (done, failed, cancelled, or gone), runs the workspace's end handler: its notices and the reload of the state that
 * holds the results (after a cancel, the partial results: the frames or points finished).
 *
 * `pollJob` is the loop and `JobFollower` the job's life (plain timers, tested in Node with fake timers);
 * `useJobPoll` ties a follower to React state and to the component's mount.
 */
import { useEffect, useState } from 'react';

/** What every job view of the Api has. */
export interface JobLike {
  id: number;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  /** Why it failed, in words; null otherwise. */
  message: string | null;
}

export interface PollTiming {
  /** Wait between an answer and the next poll (ms); default 250. */
  intervalMs?: number;
  /** After failed polls the wait doubles up to this (ms); default 4000. A successful poll goes back to intervalMs. */
  maxIntervalMs?: number;
}

export interface PollJobOptions<J extends JobLike> extends PollTiming {
  /** Reads the job's view: xrdGetJob, kinGetJob, radGetJob, mapGetJob. */
  get(): Promise<J | null>;
  /** Every answer, running or not (progress, then the final view). */
  onJob(job: J | null): void;
  /** A poll that failed; polling goes on, waiting longer. */
  onError(error: unknown): void;
}

export const POLL_INTERVAL_MS = 250;
export const POLL_MAX_INTERVAL_MS = 4000;

/**
 * Polls `get()` until it answers with a job that is not running (or null), reporting every answer. The next poll is
 * scheduled once the previous answer is in, so polls never overlap. Returns stop(): no poll starts and no answer
 * is reported after it.
 */
export function pollJob<J extends JobLike>(options: PollJobOptions<J>): () => void {
  const intervalMs = options.intervalMs ?? POLL_INTERVAL_MS;
  const maxIntervalMs = Math.max(intervalMs, options.maxIntervalMs ?? POLL_MAX_INTERVAL_MS);
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = (waitMs: number) => {
    timer = setTimeout(() => tick(waitMs), waitMs);
  };
  const tick = (waitMs: number) => {
    options.get().then(
      (job) => {
        if (stopped) return;
        options.onJob(job);
        if (job && job.state === 'running') schedule(intervalMs);
        else stopped = true;
      },
      (error: unknown) => {
        if (stopped) return;
        options.onError(error);
        schedule(Math.min(maxIntervalMs, waitMs * 2));
      },
    );
  };
  schedule(intervalMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/**
 * The notice for a job that ended other than done: '<analysis> failed: <why>' (an error) or '<analysis> was
 * cancelled[: <kept>]' (information); null for a finished job or none.
 */
export function jobEndNotice(job: JobLike | null, analysis: string, kept?: string): { kind: 'error' | 'info'; text: string } | null {
  if (job?.state === 'failed') return { kind: 'error', text: `${analysis} failed: ${job.message ?? 'unknown error'}` };
  if (job?.state === 'cancelled') return { kind: 'info', text: `${analysis} was cancelled${kept ? `: ${kept}` : ''}.` };
  return null;
}

/** True when `next` says that the job `prev` was running has ended (or is gone). */
export function jobEnded<J extends JobLike>(prev: J | null, next: J | null): boolean {
  return prev !== null && prev.state === 'running' && (next === null || (next.id === prev.id && next.state !== 'running'));
}

export interface JobPollOptions<J extends JobLike> extends PollTiming {
  get(): Promise<J | null>;
  /** Once per job, when it leaves 'running' (seen by a poll, or in what start/cancel/a state view returned). */
  onEnd(job: J | null): void;
  onError(error: unknown): void;
}

/**
 * The job of one workspace: `set` takes a job view from anywhere (what start or cancel returned, a poll's answer,
 * the state view's `job`); while attached (the component mounted) and the job runs, it is polled; a view that ends
 * the job being followed runs onEnd, once.
 */
export class JobFollower<J extends JobLike> {
  private job: J | null = null;
  private attached = false;
  private polledId: number | null = null;
  private stopPolling: (() => void) | null = null;

  /** `onJob`: every view taken (React's setState). */
  constructor(
    private options: JobPollOptions<J>,
    private readonly onJob: (job: J | null) => void,
  ) {}

  /** The latest render's callbacks and timing (a poll under way keeps its timing). */
  update(options: JobPollOptions<J>): void {
    this.options = options;
  }

  readonly set = (next: J | null): void => {
    const prev = this.job;
    this.job = next;
    this.onJob(next);
    if (jobEnded(prev, next)) this.options.onEnd(next);
    this.sync();
  };

  attach(): void {
    this.attached = true;
    this.sync();
  }

  /** Stops polling (unmount); a later attach polls again if the job still runs. */
  detach(): void {
    this.attached = false;
    this.sync();
  }

  private sync(): void {
    const id = this.attached && this.job?.state === 'running' ? this.job.id : null;
    if (id === this.polledId) return;
    this.stopPolling?.();
    this.polledId = id;
    this.stopPolling =
      id === null
        ? null
        : pollJob<J>({
            get: () => this.options.get(),
            onJob: (j) => {
              if (this.polledId === id) this.set(j);
            },
            onError: (e) => this.options.onError(e),
            intervalMs: this.options.intervalMs,
            maxIntervalMs: this.options.maxIntervalMs,
          });
  }
}

export interface JobPoll<J extends JobLike> {
  /** The last view of the job (its progress while it runs). */
  job: J | null;
  /** JobFollower.set: stable across renders. */
  setJob(job: J | null): void;
}

/**
 * The job of one workspace, polled while it runs. The callbacks of the latest render are the ones used, so they
 * need not be stable; polling stops when the job ends and when the component unmounts.
 */
export function useJobPoll<J extends JobLike>(options: JobPollOptions<J>): JobPoll<J> {
  const [job, setJobState] = useState<J | null>(null);
  const [follower] = useState(() => new JobFollower<J>(options, setJobState));
  useEffect(() => {
    follower.update(options);
  });
  useEffect(() => {
    follower.attach();
    return () => follower.detach();
  }, [follower]);
  return { job, setJob: follower.set };
}
