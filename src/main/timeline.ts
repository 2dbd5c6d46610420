/**
 * A timeline of the CLI's `xrd` process for speed work, off unless REDUCTIONLAB_TIMELINE is set (then on stderr,
 * never in the product output): mark(label) writes one line `timeline <thread> <ms> <label>` with ms since the
 * process started (performance.timeOrigin of the main thread, passed to workers through the environment, which
 * worker_threads share), and at exit the main thread writes each thread's CPU seconds from /proc/self/task (Linux).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isMainThread, threadId } from 'node:worker_threads';

const on = !!process.env.REDUCTIONLAB_TIMELINE;
const origin = on ? Number(process.env.REDUCTIONLAB_TIMELINE_ORIGIN) || performance.timeOrigin : 0;
if (on && isMainThread) process.env.REDUCTIONLAB_TIMELINE_ORIGIN = String(origin);

/** Write a timeline line (no-op unless REDUCTIONLAB_TIMELINE is set). */
export function mark(label: string): void {
  if (!on) return;
  const ms = performance.timeOrigin + performance.now() - origin;
  process.stderr.write(`timeline ${isMainThread ? 'main' : `w${threadId}`} ${ms.toFixed(0)} cpu ${ownCpuMs()} ${label}\n`);
}

/** This thread's CPU ms so far (Linux /proc/thread-self; -1 elsewhere). */
function ownCpuMs(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return -1;
  }
}

/** CPU seconds (user + system) of every thread of this process, by its name (Linux /proc; empty elsewhere). */
function threadCpu(): string[] {
  const tick = 100; // USER_HZ: clock ticks per second on Linux
  const rows: string[] = [];
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      const comm = readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim();
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // the fields after the parenthesised name: state is field 3, utime 14, stime 15
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cpuS = (Number(f[11]) + Number(f[12])) / tick;
      if (cpuS > 0) rows.push(`${comm}:${tid} ${cpuS.toFixed(2)}`);
    }
  } catch {
    // not Linux
  }
  return rows;
}

/** Write every live thread's CPU seconds (no-op unless REDUCTIONLAB_TIMELINE is set; workers ended are missing). */
export function markCpu(label: string): void {
  if (on) process.stderr.write(`timeline cpu ${label} ${threadCpu().join(', ')}\n`);
}

if (on && isMainThread) {
  process.on('exit', () => {
    mark('exit');
    markCpu('exit');
  });
}
