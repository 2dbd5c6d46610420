/**
 * The radiography and map views' state in the renderer: the last views from main, calls that change them, and the
 * analysis jobs polled until they end (the same in both hosts).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImagingJobView, MapImportOptions, MapRunOptions, MapStateView, RadStateView } from '../../../../shared/api-imaging';
import type { RadiographySettings } from '../../../../shared/radiography';
import { api, errorText } from '../../api';
import { studyTouched } from '../study/useStudy';

type Notify = (kind: 'error' | 'info', text: string) => void;

const POLL_MS = 250;

export async function bytesOf(file: File): Promise<{ name: string; bytes: Uint8Array }> {
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** Poll a job until it ends, then call done(). */
function usePoll(job: ImagingJobView | null, get: () => Promise<ImagingJobView | null>, set: (j: ImagingJobView | null) => void, done: (j: ImagingJobView | null) => void, notify: Notify): void {
  const runningId = job?.state === 'running' ? job.id : null;
  useEffect(() => {
    if (runningId === null) return;
    let stop = false;
    const timer = setInterval(() => {
      get().then(
        (j) => {
          if (stop) return;
          set(j);
          if (!j || j.state !== 'running') {
            stop = true;
            clearInterval(timer);
            done(j);
          }
        },
        (e: unknown) => notify('error', errorText(e)),
      );
    }, POLL_MS);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [runningId, get, set, done, notify]);
}

export function useRadiography(notify: Notify, sessionRevision: number | null) {
  const [state, setState] = useState<RadStateView | null>(null);
  const [job, setJob] = useState<ImagingJobView | null>(null);
  const [pending, setPending] = useState(0);
  const latest = useRef(-1);
  const accept = useCallback((next: RadStateView) => {
    if (next.revision >= latest.current) {
      latest.current = next.revision;
      setState(next);
      setJob(next.job);
    }
  }, []);
  const reload = useCallback(() => {
    latest.current = -1;
    return api.radGetState().then(accept, (e: unknown) => notify('error', errorText(e)));
  }, [accept, notify]);
  useEffect(() => {
    void reload();
  }, [reload, sessionRevision]);
  const run = useCallback(
    async <T,>(call: () => Promise<T>, then: (v: T) => void) => {
      setPending((n) => n + 1);
      try {
        then(await call());
      } catch (e) {
        notify('error', errorText(e));
      } finally {
        setPending((n) => n - 1);
        studyTouched(); // the study's unsaved mark and Undo label follow every change
      }
    },
    [notify],
  );
  const onEnd = useCallback(
    (j: ImagingJobView | null) => {
      if (j?.state === 'failed') notify('error', `The radiography analysis failed: ${j.message ?? 'unknown error'}`);
      if (j?.state === 'cancelled') notify('info', 'The radiography analysis was cancelled: the frames done are kept.');
      void reload();
    },
    [notify, reload],
  );
  usePoll(job, api.radGetJob, setJob, onEnd, notify);
  return {
    state,
    job,
    busy: pending > 0,
    importFiles: (files: File[]) => run(async () => api.radImport(await Promise.all(files.map(bytesOf))), accept),
    openDialog: () => run(() => api.radOpenDialog(), accept),
    setTemperatureLog: (file: File | null) => run(async () => api.radSetTemperatureLog(file ? await bytesOf(file) : null), accept),
    setSettings: (s: RadiographySettings) => run(() => api.radSetSettings(s), accept),
    start: () => run(() => api.radStart(), setJob),
    cancel: () => run(() => api.radCancel(), setJob),
    clear: () => run(() => api.radClear(), accept),
  };
}

export function useMaps(notify: Notify, sessionRevision: number | null) {
  const [state, setState] = useState<MapStateView | null>(null);
  const [job, setJob] = useState<ImagingJobView | null>(null);
  const [pending, setPending] = useState(0);
  const latest = useRef(-1);
  const accept = useCallback((next: MapStateView) => {
    if (next.revision >= latest.current) {
      latest.current = next.revision;
      setState(next);
      setJob(next.job);
    }
  }, []);
  const reload = useCallback(() => {
    latest.current = -1;
    return api.mapGetState().then(accept, (e: unknown) => notify('error', errorText(e)));
  }, [accept, notify]);
  useEffect(() => {
    void reload();
  }, [reload, sessionRevision]);
  const run = useCallback(
    async <T,>(call: () => Promise<T>, then: (v: T) => void) => {
      setPending((n) => n + 1);
      try {
        then(await call());
      } catch (e) {
        notify('error', errorText(e));
      } finally {
        setPending((n) => n - 1);
        studyTouched(); // the study's unsaved mark and Undo label follow every change
      }
    },
    [notify],
  );
  const onEnd = useCallback(
    (j: ImagingJobView | null) => {
      if (j?.state === 'failed') notify('error', `The map analysis failed: ${j.message ?? 'unknown error'}`);
      if (j?.state === 'cancelled') notify('info', 'The map analysis was cancelled: the points done are kept.');
      void reload();
    },
    [notify, reload],
  );
  usePoll(job, api.mapGetJob, setJob, onEnd, notify);
  return {
    state,
    job,
    busy: pending > 0,
    importFiles: (files: File[], options: MapImportOptions) => run(async () => api.mapImport(await Promise.all(files.map(bytesOf)), options), accept),
    addCifs: async (files: File[]) => {
      for (const f of files) await run(async () => api.mapAddCif(await bytesOf(f)), accept);
    },
    removeCif: (id: string) => run(() => api.mapRemoveCif(id), accept),
    start: (options: MapRunOptions) => run(() => api.mapStart(options), setJob),
    cancel: () => run(() => api.mapCancel(), setJob),
    clear: () => run(() => api.mapClear(), accept),
  };
}

export type RadiographyState = ReturnType<typeof useRadiography>;
export type MapsState = ReturnType<typeof useMaps>;
