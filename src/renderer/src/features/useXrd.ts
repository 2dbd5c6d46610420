/**
 * The SXRD workspace's state in the renderer: the last XrdStateView from main, sequence import (files, folder,
 * drag-and-drop, Electron dialog), CIF phases, and the analysis job, whose progress is polled with xrdGetJob
 * (the same in both hosts: no push channel is needed).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FileBytes, XrdImportOptions, XrdImportResult, XrdJobView, XrdRunOptions, XrdSequenceOptions, XrdStateView } from '../../../shared/api';
import { api, errorText, filesForApi, host, TransferCancelled } from '../api';
import { studyTouched } from './study/useStudy';
import { jobEndNotice, useJobPoll } from './useJobPoll';

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

/** One file as the Api takes it (browser mode: uploaded as raw bytes first, see filesForApi). */
async function bytesOf(file: File): Promise<FileBytes> {
  return (await filesForApi([file]))[0];
}

/** `revision` of the TGA session: a new session (New session clears both halves) reloads the XRD state. */
export function useXrd(notify: Notify, sessionRevision: number | null): XrdState {
  const [state, setState] = useState<XrdStateView | null>(null);
  const [pending, setPending] = useState(0);
  const latest = useRef(-1);
  // When the job ends, fetch the state with the results (after a cancel: the frames finished).
  const { job, setJob } = useJobPoll<XrdJobView>({
    get: api.xrdGetJob,
    intervalMs: POLL_MS,
    onError: (e) => notify('error', errorText(e)),
    onEnd: (j) => {
      const notice = jobEndNotice(j, 'The SXRD analysis', 'the finished frames are kept');
      if (notice) notify(notice.kind, notice.text);
      void api.xrdGetState().then(accept, (e: unknown) => notify('error', errorText(e)));
      studyTouched();
    },
  });

  const accept = useCallback((next: XrdStateView) => {
    if (next.revision >= latest.current) {
      latest.current = next.revision;
      setState(next);
      setJob(next.job);
    }
  }, [setJob]);

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
        if (e instanceof TransferCancelled) notify('info', e.message);
        else notify('error', errorText(e));
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
      if (result.cancelled) notify('info', 'Import cancelled: the sequence is as it was.');
      for (const s of result.skipped) notify('error', `Skipped frame ${s.message.startsWith(s.fileName) ? s.message : `${s.fileName}: ${s.message}`}`);
      if (result.ignored.length > 0) notify('info', `Not diffraction patterns, ignored: ${result.ignored.join(', ')}`);
    },
    [accept, notify],
  );

  const importFiles = useCallback(
    (files: File[], options: XrdImportOptions) =>
      files.length === 0 ? Promise.resolve() : run(async () => api.xrdImportFiles(await filesForApi(files), options), handleImport),
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

  const start = useCallback((options: XrdRunOptions) => run(() => api.xrdStartAnalysis(options), setJob), [run, setJob]);

  const cancel = useCallback(() => run(() => api.xrdCancelAnalysis(), setJob), [run, setJob]);

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
