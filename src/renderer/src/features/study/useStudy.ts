/**
 * The study in the renderer: its status (name, unsaved changes, undo/redo labels), Save / Save As / Open / Open
 * Recent / New / Example with a confirmation before unsaved work is discarded, undo and redo, the recovery offer at
 * start, and the browser host's "session closed" answer. Every action is the same from the toolbar, the keyboard
 * and (Electron) the menu. After anything that replaces or changes the study, `reload` fetches both workspaces.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RecentStudy, RecoveryInfo, StudyStatus } from '../../../../shared/api';
import { api, download, errorText, host, onSessionClosed, startNewTabSession, type SessionClosedError } from '../../api';

type Notify = (kind: 'error' | 'info', text: string) => void;

export type StudyDialog =
  | { kind: 'confirm'; name: string; action: string; resolve(choice: 'save' | 'discard' | 'cancel'): void }
  | { kind: 'saveAs'; name: string; existing: RecentStudy[]; folder: string | null; resolve(saved: boolean): void }
  | { kind: 'open'; studies: RecentStudy[]; folder: string | null }
  | { kind: 'recovery'; items: RecoveryInfo[] }
  | { kind: 'closed'; message: string; recovery: RecoveryInfo | null }
  | { kind: 'help' };

export interface StudyState {
  status: StudyStatus | null;
  dialog: StudyDialog | null;
  recent: RecentStudy[];
  setDialog(dialog: StudyDialog | null): void;
  refresh(): Promise<void>;
  save(): Promise<boolean>;
  saveAs(): Promise<boolean>;
  /** Browser: the Save As dialog's answer. */
  saveAsNamed(name: string): Promise<boolean>;
  downloadCopy(): Promise<void>;
  open(): Promise<void>;
  openRecent(path: string): Promise<void>;
  openFile(file: File): Promise<void>;
  loadRecent(): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  newSession(): Promise<void>;
  openExample(): Promise<void>;
  recover(id: string): Promise<void>;
  discardRecovery(id: string): Promise<void>;
  /** Browser: after "session closed", go on in a new session of this tab. */
  restartSession(recoverId: string | null): Promise<void>;
}

const listeners = new Set<() => void>();

/** Something may have changed the study (a workspace action finished): refresh the status. */
export function studyTouched(): void {
  for (const l of listeners) l();
}

export function useStudy(reload: () => Promise<void>, notify: Notify): StudyState {
  const [status, setStatus] = useState<StudyStatus | null>(null);
  const [dialog, setDialog] = useState<StudyDialog | null>(null);
  const [recent, setRecent] = useState<RecentStudy[]>([]);
  const statusRef = useRef<StudyStatus | null>(null);
  useEffect(() => {
    statusRef.current = status;
  }, [status]);

  const refresh = useCallback(async () => {
    try {
      setStatus(await api.studyStatus());
    } catch (e) {
      if ((e as Error).name !== 'SessionClosedError') notify('error', errorText(e));
    }
  }, [notify]);

  useEffect(() => {
    let queued = false;
    const touched = () => {
      if (queued) return;
      queued = true;
      queueMicrotask(() => {
        queued = false;
        void refresh();
      });
    };
    listeners.add(touched);
    return () => void listeners.delete(touched);
  }, [refresh]);

  const replaced = useCallback(
    async (next: StudyStatus | null) => {
      if (next) setStatus(next);
      await reload();
      await refresh();
      for (const note of next?.notes ?? []) notify('info', note);
    },
    [reload, refresh, notify],
  );

  /** Run an action that returns the new status; errors become notices; returns false when it failed. */
  const attempt = useCallback(
    async (call: () => Promise<StudyStatus | null>, after: (s: StudyStatus | null) => Promise<void> = async (s) => void (s && setStatus(s))): Promise<boolean> => {
      try {
        const s = await call();
        await after(s);
        return s !== null;
      } catch (e) {
        if ((e as Error).name !== 'SessionClosedError') notify('error', errorText(e));
        return false;
      }
    },
    [notify],
  );

  const saveAsNamed = useCallback(
    (name: string) =>
      attempt(
        () => api.studySaveAs(name),
        async (s) => {
          if (s) {
            setStatus(s);
            notify('info', `Saved ${s.path ?? s.name}`);
          }
        },
      ),
    [attempt, notify],
  );

  const saveAs = useCallback(async (): Promise<boolean> => {
    if (host === 'electron') {
      let saved = false;
      await attempt(
        () => api.studySaveAs(null),
        async (s) => {
          if (s) {
            setStatus(s);
            saved = true;
            notify('info', `Saved ${s.path ?? s.name}`);
          }
        },
      );
      return saved;
    }
    const existing = await api.studyRecent().catch(() => [] as RecentStudy[]);
    return new Promise<boolean>((resolve) =>
      setDialog({ kind: 'saveAs', name: statusRef.current?.path ? statusRef.current.name : '', existing, folder: statusRef.current?.saveFolder ?? null, resolve }),
    );
  }, [attempt, notify]);

  const save = useCallback(async (): Promise<boolean> => {
    const current = statusRef.current;
    if (!current?.path && host !== 'electron') return saveAs();
    let saved = false;
    await attempt(
      () => api.studySave(),
      async (s) => {
        if (s) {
          setStatus(s);
          saved = true;
          notify('info', `Saved ${s.path ?? s.name}`);
        }
      },
    );
    return saved;
  }, [attempt, notify, saveAs]);

  /** Ask before unsaved work is discarded; true when the action may go on. */
  const confirmDiscard = useCallback(
    async (action: string): Promise<boolean> => {
      const current = statusRef.current ?? (await api.studyStatus().catch(() => null));
      if (!current?.dirty) return true;
      const choice = await new Promise<'save' | 'discard' | 'cancel'>((resolve) => setDialog({ kind: 'confirm', name: current.name, action, resolve }));
      setDialog(null);
      if (choice === 'cancel') return false;
      if (choice === 'save') return save();
      await api.studyDiscardChanges().catch(() => undefined);
      return true;
    },
    [save],
  );

  const open = useCallback(async () => {
    if (host === 'electron') {
      if (!(await confirmDiscard('opening another study'))) return;
      await attempt(() => api.studyOpenDialog(), replaced);
      return;
    }
    const studies = await api.studyRecent().catch(() => [] as RecentStudy[]);
    setDialog({ kind: 'open', studies, folder: statusRef.current?.saveFolder ?? null });
  }, [attempt, confirmDiscard, replaced]);

  const openRecent = useCallback(
    async (path: string) => {
      setDialog(null);
      if (!(await confirmDiscard('opening another study'))) return;
      await attempt(() => api.studyOpenRecent(path), replaced);
    },
    [attempt, confirmDiscard, replaced],
  );

  const openFile = useCallback(
    async (file: File) => {
      setDialog(null);
      if (!(await confirmDiscard(`opening ${file.name}`))) return;
      await attempt(async () => api.studyOpenBytes({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }), replaced);
    },
    [attempt, confirmDiscard, replaced],
  );

  const loadRecent = useCallback(async () => {
    setRecent(await api.studyRecent().catch(() => [] as RecentStudy[]));
  }, []);

  const undo = useCallback(() => attempt(() => api.studyUndo(), replaced).then(() => undefined), [attempt, replaced]);
  const redo = useCallback(() => attempt(() => api.studyRedo(), replaced).then(() => undefined), [attempt, replaced]);

  const newSession = useCallback(async () => {
    if (!(await confirmDiscard('starting a new session'))) return;
    await attempt(async () => {
      await api.clearSession();
      return api.studyStatus();
    }, replaced);
  }, [attempt, confirmDiscard, replaced]);

  const openExample = useCallback(async () => {
    if (!(await confirmDiscard('opening the example study'))) return;
    await attempt(async () => {
      await api.openExampleStudy();
      return api.studyStatus();
    }, replaced);
  }, [attempt, confirmDiscard, replaced]);

  const recover = useCallback(
    async (id: string) => {
      setDialog(null);
      if (!(await confirmDiscard('recovering another study'))) return;
      if (await attempt(() => api.studyRecover(id), replaced)) notify('info', 'Recovered: the study has unsaved changes until you save it.');
    },
    [attempt, confirmDiscard, replaced, notify],
  );

  const discardRecovery = useCallback(
    async (id: string) => {
      try {
        const items = await api.studyDiscardRecovery(id);
        setDialog(items.length > 0 ? { kind: 'recovery', items } : null);
      } catch (e) {
        notify('error', errorText(e));
      }
    },
    [notify],
  );

  const downloadCopy = useCallback(async () => {
    try {
      const file = await api.studyDownload();
      download({ suggestedName: file.name, data: file.bytes, filterName: 'ReductionLab study', extensions: ['rlab'] });
    } catch (e) {
      notify('error', errorText(e));
    }
  }, [notify]);

  const restartSession = useCallback(
    async (recoverId: string | null) => {
      startNewTabSession();
      setDialog(null);
      await reload();
      if (recoverId) await attempt(() => api.studyRecover(recoverId), replaced);
      else await refresh();
    },
    [attempt, reload, replaced, refresh],
  );

  // At start: the status, and the recovery files a crashed or closed session left.
  useEffect(() => {
    void refresh();
    api.studyRecoveryList().then(
      (items) => {
        if (items.length > 0) setDialog((d) => d ?? { kind: 'recovery', items });
      },
      () => undefined,
    );
  }, [refresh]);

  // Browser mode: the server closed this tab's session.
  useEffect(
    () =>
      onSessionClosed((error: SessionClosedError) => {
        setDialog((d) => (d?.kind === 'closed' ? d : { kind: 'closed', message: error.message, recovery: error.recovery }));
      }),
    [],
  );

  // Never lose work by closing the tab (the desktop app asks in main).
  useEffect(() => {
    if (host === 'electron') return;
    const before = (e: BeforeUnloadEvent) => {
      if (statusRef.current?.dirty) {
        e.preventDefault();
        e.returnValue = '';
      }
    };
    window.addEventListener('beforeunload', before);
    return () => window.removeEventListener('beforeunload', before);
  }, []);

  // The window title: the study's name, and • while it has unsaved changes.
  useEffect(() => {
    if (!status) return;
    document.title = `${status.dirty ? '• ' : ''}${status.name} — ReductionLab`;
  }, [status]);

  return {
    status,
    dialog,
    recent,
    setDialog,
    refresh,
    save,
    saveAs,
    saveAsNamed,
    downloadCopy,
    open,
    openRecent,
    openFile,
    loadRecent,
    undo,
    redo,
    newSession,
    openExample,
    recover,
    discardRecovery,
    restartSession,
  };
}
