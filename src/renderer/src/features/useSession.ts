/** Session state in the renderer: the last SessionView, pending work, errors, and import with progress. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportResult, SessionView, TaskView } from '../../../shared/api';
import { api, errorText, host } from '../api';
import { studyTouched } from './study/useStudy';
import { addNotice, expire, fileMessage, type Notice } from './notices';

export type { Notice } from './notices';

export interface SessionState {
  session: SessionView | null;
  busy: boolean;
  tasks: TaskView[];
  notices: Notice[];
  dismiss(id: number): void;
  clearNotices(): void;
  notify(kind: Notice['kind'], text: string): void;
  /** Run an Api call that returns the new session; errors become notices. */
  act(call: () => Promise<SessionView>): Promise<void>;
  importFiles(files: File[]): Promise<void>;
  openFileDialog(): Promise<void>;
  /** Fetch the session again, whatever its revision (another study was opened, or a new server session). */
  reload(): Promise<void>;
}

let noticeId = 1;

export function useSession(): SessionState {
  const [session, setSession] = useState<SessionView | null>(null);
  const [pending, setPending] = useState(0);
  const [tasks, setTasks] = useState<TaskView[]>([]);
  const [notices, setNotices] = useState<Notice[]>([]);
  const latest = useRef(-1);

  const accept = useCallback((next: SessionView) => {
    if (next.revision >= latest.current) {
      latest.current = next.revision;
      setSession(next);
    }
  }, []);

  const notify = useCallback((kind: Notice['kind'], text: string) => {
    setNotices((list) => addNotice(expire(list, Date.now()), { id: noticeId++, kind, text, at: Date.now() }));
  }, []);

  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  const clearNotices = useCallback(() => setNotices([]), []);

  // Information expires by itself (errors stay until dismissed).
  const hasInfo = notices.some((n) => n.kind === 'info');
  useEffect(() => {
    if (!hasInfo) return;
    const timer = setInterval(() => setNotices((list) => expire(list, Date.now())), 500);
    return () => clearInterval(timer);
  }, [hasInfo]);

  useEffect(() => {
    api.getSession().then(accept, (e: unknown) => {
      if ((e as Error).name !== 'SessionClosedError') notify('error', errorText(e));
    });
  }, [accept, notify]);

  // Poll the import tasks while something is pending, so long imports show their progress.
  useEffect(() => {
    if (pending === 0) {
      setTasks([]);
      return;
    }
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
    const timer = setInterval(tick, 250);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [pending]);

  const act = useCallback(
    async (call: () => Promise<SessionView>) => {
      setPending((n) => n + 1);
      try {
        accept(await call());
      } catch (e) {
        notify('error', errorText(e));
      } finally {
        setPending((n) => n - 1);
        studyTouched();
      }
    },
    [accept, notify],
  );

  const reload = useCallback(async () => {
    try {
      const next = await api.getSession();
      latest.current = -1;
      accept(next);
    } catch (e) {
      if ((e as Error).name !== 'SessionClosedError') notify('error', errorText(e));
    }
  }, [accept, notify]);

  const handleImport = useCallback(
    (result: ImportResult) => {
      accept(result.session);
      for (const f of result.failures) notify('error', fileMessage('Could not import', f.fileName, f.message));
    },
    [accept, notify],
  );

  const importFiles = useCallback(
    async (files: File[]) => {
      if (files.length === 0) return;
      setPending((n) => n + 1);
      try {
        const payload = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
        handleImport(await api.tgaImportFiles(payload));
      } catch (e) {
        notify('error', errorText(e));
      } finally {
        setPending((n) => n - 1);
        studyTouched();
      }
    },
    [handleImport, notify],
  );

  const openFileDialog = useCallback(async () => {
    if (host !== 'electron') return;
    setPending((n) => n + 1);
    try {
      handleImport(await api.tgaOpenFiles());
    } catch (e) {
      notify('error', errorText(e));
    } finally {
      setPending((n) => n - 1);
      studyTouched();
    }
  }, [handleImport, notify]);

  return { session, busy: pending > 0, tasks, notices, dismiss, clearNotices, notify, act, importFiles, openFileDialog, reload };
}
