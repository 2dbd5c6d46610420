import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JobFollower, jobEnded, jobEndNotice, pollJob, type JobLike } from './useJobPoll';

interface Job extends JobLike {
  done: number;
}

const running = (id: number, done: number): Job => ({ id, state: 'running', done, message: null });
const ended = (id: number, state: 'done' | 'cancelled' | 'failed', message: string | null = null): Job => ({ id, state, done: 10, message });

/** A main process whose job view is read by get(); `fail` makes the next reads throw. */
function fakeMain(first: Job | null) {
  const main = { view: first, fail: false, reads: 0 };
  const get = vi.fn(async () => {
    main.reads++;
    if (main.fail) throw new Error('server gone');
    return main.view;
  });
  return { main, get };
}

function follower(get: () => Promise<Job | null>) {
  const seen: (Job | null)[] = [];
  const ends: (Job | null)[] = [];
  const errors: unknown[] = [];
  const f = new JobFollower<Job>({ get, onEnd: (j) => ends.push(j), onError: (e) => errors.push(e) }, (j) => seen.push(j));
  return { f, seen, ends, errors };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('JobFollower (what useJobPoll runs)', () => {
  it('polls a started job every 250 ms, reports its progress, and ends it once when main says done', async () => {
    const { main, get } = fakeMain(running(1, 0));
    const { f, seen, ends } = follower(get);
    f.attach();
    f.set(running(1, 0)); // what start returned
    expect(get).not.toHaveBeenCalled();
    main.view = running(1, 4);
    await vi.advanceTimersByTimeAsync(250);
    expect(get).toHaveBeenCalledTimes(1);
    expect(seen.at(-1)).toEqual(running(1, 4));
    expect(ends).toEqual([]);
    main.view = ended(1, 'done');
    await vi.advanceTimersByTimeAsync(250);
    expect(seen.at(-1)).toEqual(ended(1, 'done'));
    expect(ends).toEqual([ended(1, 'done')]);
    // no poll after the end, and the state view's copy of the ended job does not end it again
    await vi.advanceTimersByTimeAsync(5000);
    expect(get).toHaveBeenCalledTimes(2);
    f.set(ended(1, 'done'));
    expect(ends).toHaveLength(1);
  });

  it('a job that failed, or is gone, ends it too (with the view, or null)', async () => {
    const { main, get } = fakeMain(ended(2, 'failed', 'singular matrix'));
    const { f, ends } = follower(get);
    f.attach();
    f.set(running(2, 3));
    await vi.advanceTimersByTimeAsync(250);
    expect(ends).toEqual([ended(2, 'failed', 'singular matrix')]);
    main.view = null;
    f.set(running(3, 0));
    await vi.advanceTimersByTimeAsync(250);
    expect(ends).toEqual([ended(2, 'failed', 'singular matrix'), null]);
  });

  it('a failed poll is reported and polling goes on, waiting twice as long each time up to 4 s, then 250 ms again', async () => {
    const { main, get } = fakeMain(running(1, 1));
    const { f, errors, seen } = follower(get);
    f.attach();
    f.set(running(1, 0));
    main.fail = true;
    const readsAt: number[] = [];
    for (let t = 0; t < 20_000; t += 50) {
      const before = main.reads;
      await vi.advanceTimersByTimeAsync(50);
      if (main.reads > before) readsAt.push(t + 50);
    }
    // 250, then +500, +1000, +2000, +4000, +4000, +4000…
    expect(readsAt.slice(0, 7)).toEqual([250, 750, 1750, 3750, 7750, 11750, 15750]);
    expect(errors).toHaveLength(readsAt.length);
    expect((errors[0] as Error).message).toBe('server gone');
    main.fail = false;
    await vi.advanceTimersByTimeAsync(4000);
    const back = main.reads;
    expect(seen.at(-1)).toEqual(running(1, 1));
    await vi.advanceTimersByTimeAsync(250);
    expect(main.reads).toBe(back + 1);
  });

  it('cancel: the cancelled view (from the cancel call or a poll) ends the job once, with the partial results to reload', async () => {
    const { main, get } = fakeMain(running(5, 2));
    const { f, ends } = follower(get);
    f.attach();
    f.set(running(5, 2));
    await vi.advanceTimersByTimeAsync(250);
    // main marks the job cancelled at once (kinetics) and returns it from the cancel call
    main.view = ended(5, 'cancelled');
    f.set(ended(5, 'cancelled'));
    expect(ends).toEqual([ended(5, 'cancelled')]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(get).toHaveBeenCalledTimes(1);
    // main still running when cancel returns (SXRD, imaging): the poll sees the end
    main.view = running(6, 0);
    f.set(running(6, 0));
    f.set(running(6, 1)); // cancel's answer: still running
    main.view = ended(6, 'cancelled');
    await vi.advanceTimersByTimeAsync(250);
    expect(ends).toEqual([ended(5, 'cancelled'), ended(6, 'cancelled')]);
    expect(jobEndNotice(ends[1], 'The SXRD analysis', 'the finished frames are kept')).toEqual({ kind: 'info', text: 'The SXRD analysis was cancelled: the finished frames are kept.' });
  });

  it('unmount (detach) stops polling, and an answer already on its way is dropped; mounting again resumes', async () => {
    let answer!: (j: Job) => void;
    const get = vi.fn(() => new Promise<Job | null>((done) => (answer = done)));
    const { f, seen, ends } = follower(get);
    f.attach();
    f.set(running(7, 0));
    await vi.advanceTimersByTimeAsync(250);
    expect(get).toHaveBeenCalledTimes(1);
    f.detach();
    answer(ended(7, 'done'));
    await vi.advanceTimersByTimeAsync(5000);
    expect(get).toHaveBeenCalledTimes(1);
    expect(seen).toEqual([running(7, 0)]);
    expect(ends).toEqual([]);
    // StrictMode mounts twice: a second attach polls the still-running job again
    f.attach();
    await vi.advanceTimersByTimeAsync(250);
    expect(get).toHaveBeenCalledTimes(2);
    answer(ended(7, 'done'));
    await vi.advanceTimersByTimeAsync(0);
    expect(ends).toEqual([ended(7, 'done')]);
  });

  it('a new job replaces the one polled; views taken while detached start no poll', async () => {
    const { main, get } = fakeMain(running(9, 0));
    const { f } = follower(get);
    f.set(running(8, 0));
    await vi.advanceTimersByTimeAsync(1000);
    expect(get).not.toHaveBeenCalled();
    f.attach();
    f.set(running(9, 0));
    await vi.advanceTimersByTimeAsync(250);
    expect(get).toHaveBeenCalledTimes(1);
    main.view = ended(9, 'done');
    await vi.advanceTimersByTimeAsync(250);
    expect(get).toHaveBeenCalledTimes(2);
  });
});

describe('pollJob', () => {
  it('never overlaps polls: the next waits for the answer', async () => {
    let answer!: (j: Job) => void;
    const get = vi.fn(() => new Promise<Job | null>((done) => (answer = done)));
    const onJob = vi.fn();
    const stop = pollJob<Job>({ get, onJob, onError: () => undefined, intervalMs: 100 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(get).toHaveBeenCalledTimes(1);
    answer(running(1, 1));
    await vi.advanceTimersByTimeAsync(100);
    expect(get).toHaveBeenCalledTimes(2);
    stop();
    answer(running(1, 2));
    await vi.advanceTimersByTimeAsync(1000);
    expect(onJob).toHaveBeenCalledTimes(1);
    expect(get).toHaveBeenCalledTimes(2);
  });
});

describe('jobEnded and jobEndNotice', () => {
  it('only a view of the followed job that is not running, or none, ends it', () => {
    expect(jobEnded(running(1, 0), ended(1, 'done'))).toBe(true);
    expect(jobEnded(running(1, 0), null)).toBe(true);
    expect(jobEnded(running(1, 0), running(1, 3))).toBe(false);
    expect(jobEnded(running(1, 0), ended(2, 'done'))).toBe(false);
    expect(jobEnded(ended(1, 'done'), ended(1, 'done'))).toBe(false);
    expect(jobEnded(null, ended(1, 'failed'))).toBe(false);
  });

  it('words the notices as the workspaces did', () => {
    expect(jobEndNotice(ended(1, 'failed', 'out of memory'), 'The map analysis')).toEqual({ kind: 'error', text: 'The map analysis failed: out of memory' });
    expect(jobEndNotice(ended(1, 'failed'), 'The SXRD analysis')).toEqual({ kind: 'error', text: 'The SXRD analysis failed: unknown error' });
    expect(jobEndNotice(ended(1, 'cancelled'), 'The kinetics analysis')).toEqual({ kind: 'info', text: 'The kinetics analysis was cancelled.' });
    expect(jobEndNotice(ended(1, 'done'), 'The kinetics analysis')).toBeNull();
    expect(jobEndNotice(null, 'The kinetics analysis')).toBeNull();
  });
});
