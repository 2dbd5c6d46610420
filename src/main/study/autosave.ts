/**
 * Autosave of the open study to its recovery file: after each change (debounced, `debounceMs`), and never more than
 * `maxWaitMs` (60 s) behind while changes keep coming. A clean study (just saved, or unchanged) has no recovery
 * file: it is removed. Writes never overlap; a failed write is logged and retried at the next change or tick.
 */
import type { StudyDocument } from './document';
import { encodeStudy, type StudyContent } from './format';
import type { RecoveryStore } from './recovery';

export interface AutosaveOptions {
  debounceMs?: number;
  maxWaitMs?: number;
  log?(level: 'info' | 'warn' | 'error', message: string): void;
  /** Writes the study file's bytes (a host's import worker, worker-encode.ts); default on this thread. */
  encode?(content: StudyContent): Promise<Uint8Array>;
}

export interface Autosaver {
  /** Write now if there are changes not yet in the recovery file. */
  flush(): Promise<void>;
  /** Remove the recovery file (the user discarded the changes, or saved). */
  discard(): Promise<void>;
  /** Stop listening and cancel timers (the recovery file stays). */
  dispose(): void;
  /** How many times the recovery file was written (tests, diagnostics). */
  writes(): number;
}

export function createAutosaver(doc: StudyDocument, store: RecoveryStore, id: string, options: AutosaveOptions = {}): Autosaver {
  const debounceMs = options.debounceMs ?? 2000;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstPendingAt: number | null = null;
  let writtenAt = -1; // doc.changeCount() of the last write
  let running: Promise<void> = Promise.resolve();
  let count = 0;
  let hasFile = false;

  function cancel(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    firstPendingAt = null;
  }

  async function writeNow(): Promise<void> {
    cancel();
    const at = doc.changeCount();
    if (!doc.status().dirty) {
      if (hasFile) {
        await store.remove(id);
        hasFile = false;
      }
      return;
    }
    if (at === writtenAt) return;
    const status = doc.status();
    const bytes = await (options.encode ?? encodeStudy)(doc.content());
    await store.write(id, bytes, { name: status.name, savedPath: status.path });
    hasFile = true;
    writtenAt = at;
    count++;
  }

  function queued(): Promise<void> {
    running = running.then(writeNow).catch((error: unknown) => {
      options.log?.('warn', `autosave failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    return running;
  }

  function schedule(): void {
    const now = Date.now();
    firstPendingAt ??= now;
    const due = Math.min(now + debounceMs, firstPendingAt + maxWaitMs);
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void queued(), Math.max(0, due - now));
    timer.unref?.();
  }

  const stop = doc.onChange(() => {
    if (doc.status().dirty) schedule();
    else {
      cancel();
      void queued(); // removes the recovery file
    }
  });

  return {
    flush: queued,
    async discard() {
      cancel();
      await running;
      await store.remove(id);
      hasFile = false;
      writtenAt = doc.changeCount();
    },
    dispose() {
      cancel();
      stop();
    },
    writes: () => count,
  };
}
