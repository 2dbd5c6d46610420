/** Session state in the renderer: the last SessionView, pending work, errors, and import with progress. */
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import type { ImportResult, SessionView } from '../../../shared/api';
import { api, errorText, filesForApi, host, TransferCancelled } from '../api';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

export interface SessionState {
  session: SessionView | null;
  busy: boolean;
  notices: Notice[];
  dismiss(id: number): void;
  notify(kind: Notice['kind'], text: string): void;
  /** Run an Api call that returns the new session; errors become notices. */
  act(call: () => Promise<SessionView>): Promise<void>;
  importFiles(files: File[]): Promise<void>;
  openFileDialog(): Promise<void>;
}

let noticeId = 1;

export function useSession(): SessionState {
  const [session, setSession] = useState<SessionView | null>(null);
  const [pending, setPending] = useState(0);
  const [notices, setNotices] = useState<Notice[]>([]);
  const latest = useRef(-1);

  const accept = useCallback((next: SessionView) => {
    if (next.revision >= latest.current) {
      latest.current = next.revision;
      // A new session redraws most of the window: render it as a transition, which React splits into short tasks.
      startTransition(() => setSession(next));
    }
  }, []);

  const notify = useCallback((kind: Notice['kind'], text: string) => {
    setNotices((list) => [...list, { id: noticeId++, kind, text }]);
  }, []);

  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);

  useEffect(() => {
    api.getSession().then(accept, (e: unknown) => notify('error', errorText(e)));
  }, [accept, notify]);

  const act = useCallback(
    async (call: () => Promise<SessionView>) => {
      setPending((n) => n + 1);
      try {
        accept(await call());
      } catch (e) {
        notify('error', errorText(e));
      } finally {
        setPending((n) => n - 1);
      }
    },
    [accept, notify],
  );

  const handleImport = useCallback(
    (result: ImportResult) => {
      accept(result.session);
      if (result.cancelled) notify('info', 'Import cancelled: nothing was added.');
      for (const f of result.failures) notify('error', `Could not import ${f.fileName}: ${f.message}`);
    },
    [accept, notify],
  );

  const importFiles = useCallback(
    async (files: File[]) => {
      if (files.length === 0) return;
      setPending((n) => n + 1);
      try {
        handleImport(await api.tgaImportFiles(await filesForApi(files)));
      } catch (e) {
        if (e instanceof TransferCancelled) notify('info', e.message);
        else notify('error', errorText(e));
      } finally {
        setPending((n) => n - 1);
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
    }
  }, [handleImport, notify]);

  return { session, busy: pending > 0, notices, dismiss, notify, act, importFiles, openFileDialog };
}
