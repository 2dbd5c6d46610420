/**
 * What the status bar shows while files are on their way in: the bytes sent (browser-mode upload), then the
 * tasks main reports (files read, rows, MB), and one Cancel for all of it — the uploads stop, and main stops the
 * cancellable tasks (an import adds nothing; the SXRD analysis keeps its finished frames).
 */
import { useCallback, useEffect, useState } from 'react';
import type { TaskView } from '../../../shared/api';
import { api, cancelTransfers, onTransferProgress, type TransferProgress } from '../api';

export interface ImportsState {
  transfer: TransferProgress | null;
  tasks: TaskView[];
  cancel(): Promise<void>;
}

const POLL_MS = 250;

/** `active`: something is pending, so poll main's tasks. */
export function useImports(active: boolean): ImportsState {
  const [transfer, setTransfer] = useState<TransferProgress | null>(null);
  const [tasks, setTasks] = useState<TaskView[]>([]);

  useEffect(() => onTransferProgress(setTransfer), []);

  useEffect(() => {
    if (!active) return;
    let stop = false;
    const tick = () => {
      api.getTasks().then(
        (t) => {
          if (!stop) setTasks(t);
        },
        () => undefined,
      );
    };
    tick();
    const timer = setInterval(tick, POLL_MS);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [active]);

  const cancel = useCallback(async () => {
    cancelTransfers();
    const current = await api.getTasks().catch(() => [] as TaskView[]);
    for (const t of current) if (t.cancellable) await api.cancelTask(t.id).catch(() => undefined);
  }, []);

  // Tasks polled while something was pending are stale once nothing is.
  return { transfer, tasks: active ? tasks : [], cancel };
}

const mb = (bytes: number): string => (bytes / 1048576).toFixed(1);

/** The status line of a transfer: 'Sending 2 files: 12.3 of 31.8 MB'. */
export function transferText(t: TransferProgress): string {
  return `Sending ${t.fileCount} file${t.fileCount === 1 ? '' : 's'}: ${mb(t.sentBytes)} of ${mb(t.totalBytes)} MB`;
}
