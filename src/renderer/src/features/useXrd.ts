/**
 * The SXRD workspace's state in the renderer: the last XrdStateView from main, sequence import (files, folder,
 * drag-and-drop, Electron dialog), CIF phases, and the analysis job, whose progress is polled with xrdGetJob
 * (the same in both hosts: no push channel is needed).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { XrdImportOptions, XrdImportResult, XrdJobView, XrdRunOptions, XrdSequenceOptions, XrdStateView } from '../../../shared/api';
import { api, errorText, host } from '../api';
import { studyTouched } from './study/useStudy';

export interface XrdState {
  state: XrdStateView | null;
  /** Something is pending (import, option change). */
  busy: boolean;
  /** The running job's progress, polled. */
  job: XrdJobView | null;
  importFiles(files: File[], options: XrdImportOptions): Promise<void>;
  openDialog(options: XrdImportOptions): Promise<void>;
  setSequenceOptions(options: XrdSequenceOptions): Promise<void>;
  setTemperatureLog(file: File | null): Promise<void>;
  addCifs(files: File[]): Promise<void>;
  removePhase(id: string): Promise<void>;
  start(options: XrdRunOptions): Promise<void>;
  cancel(): Promise<void>;
  exportCsv(): Promise<void>;
  reload(): Promise<void>;
}

type Notify = (kind: 'error' | 'info', text: string) => void;

const POLL_MS = 300;

async function bytesOf(file: File): Promise<{ name: string; bytes: Uint8Array }> {
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** `revision` of the TGA session: a new session (New session clears both halves) reloads the XRD state. */
export function useXrd(notify: Notify, sessionRevision: number | null): XrdState {
  const [state, setState] = useState<XrdStateView | null>(null);
  const [pending, setPending] = useState(0);
  const [job, setJob] = useState<XrdJobView | null>(null);
  const latest = useRef(-1);

  const accept = useCallback((next: XrdStateView) => {
    if (next.revision >= latest.current) {
      latest.current = next.revision;
      setState(next);
      setJob(next.job);
    }
  }, []);

  const reload = useCallback(async () => {
    try {
      const next = await api.xrdGetState();
      latest.current = -1;
      accept(next);
    } catch (e) {
      if ((e as Error).name !== 'SessionClosedError') notify('error', errorText(e));
    }
  }, [accept, notify]);

  useEffect(() => {
    void reload();
  }, [reload, sessionRevision]);

  const run = useCallback(
    async <T>(call: () => Promise<T>, then: (value: T) => void) => {
      setPending((n) => n + 1);
      try {
        then(await call());
      } catch (e) {
        notify('error', errorText(e));
      } finally {
        setPending((n) => n - 1);
        studyTouched();
      }
    },
    [notify],
  );

  const handleImport = useCallback(
    (result: XrdImportResult) => {
      accept(result.state);
      for (const s of result.skipped) notify('error', `Skipped frame ${s.message.startsWith(s.fileName) ? s.message : `${s.fileName}: ${s.message}`}`);
      if (result.ignored.length > 0) notify('info', `Not diffraction patterns, ignored: ${result.ignored.join(', ')}`);
    },
    [accept, notify],
  );

  const importFiles = useCallback(
    (files: File[], options: XrdImportOptions) =>
      files.length === 0 ? Promise.resolve() : run(async () => api.xrdImportFiles(await Promise.all(files.map(bytesOf)), options), handleImport),
    [run, handleImport],
  );

  const openDialog = useCallback((options: XrdImportOptions) => (host === 'electron' ? run(() => api.xrdOpenFiles(options), handleImport) : Promise.resolve()), [run, handleImport]);

  const setSequenceOptions = useCallback((options: XrdSequenceOptions) => run(() => api.xrdSetSequenceOptions(options), accept), [run, accept]);

  const setTemperatureLog = useCallback(
    (file: File | null) => run(async () => api.xrdSetTemperatureLog(file ? await bytesOf(file) : null), accept),
    [run, accept],
  );

  const addCifs = useCallback(
    async (files: File[]) => {
      for (const f of files) await run(async () => api.xrdAddPhaseCif(await bytesOf(f)), accept);
    },
    [run, accept],
  );

  const removePhase = useCallback((id: string) => run(() => api.xrdRemovePhase(id), accept), [run, accept]);

  const start = useCallback(
    (options: XrdRunOptions) =>
      run(
        () => api.xrdStartAnalysis(options),
        (j) => setJob(j),
      ),
    [run],
  );

  const cancel = useCallback(() => run(() => api.xrdCancelAnalysis(), (j) => setJob(j)), [run]);

  // Poll the job while it runs; when it ends, fetch the state with the results.
  const runningId = job?.state === 'running' ? job.id : null;
  useEffect(() => {
    if (runningId === null) return;
    let stop = false;
    const timer = setInterval(() => {
      api.xrdGetJob().then(
        (j) => {
          if (stop) return;
          setJob(j);
          if (!j || j.state !== 'running') {
            stop = true;
            clearInterval(timer);
            if (j?.state === 'failed') notify('error', `The SXRD analysis failed: ${j.message ?? 'unknown error'}`);
            if (j?.state === 'cancelled') notify('info', 'The SXRD analysis was cancelled: the finished frames are kept.');
            void api.xrdGetState().then(accept, (e: unknown) => notify('error', errorText(e)));
            studyTouched();
          }
        },
        (e: unknown) => notify('error', errorText(e)),
      );
    }, POLL_MS);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [runningId, accept, notify]);

  const exportCsv = useCallback(
    () =>
      run(
        async () => {
          const csv = await api.xrdResultsCsv();
          const name = `xrd-results_${(state?.sequence?.name ?? 'sequence').replace(/[^A-Za-z0-9._-]+/g, '_')}.csv`;
          return api.saveFile({ suggestedName: name, data: csv, filterName: 'CSV table', extensions: ['csv'] });
        },
        (saved) => {
          if (saved.path) notify('info', `Saved ${saved.path}`);
        },
      ),
    [run, notify, state],
  );

  return { state, busy: pending > 0, job, importFiles, openDialog, setSequenceOptions, setTemperatureLog, addCifs, removePhase, start, cancel, exportCsv, reload };
}
