/**
 * The radiography and map views' state in the renderer: the last views from main, calls that change them, and the
 * analysis jobs polled until they end (the same in both hosts).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImagingJobView, MapImportOptions, MapRunOptions, MapStateView, RadStateView } from '../../../../shared/api-imaging';
import type { RadiographySettings } from '../../../../shared/radiography';
import { api, errorText, filesForApi } from '../../api';
import { studyTouched } from '../study/useStudy';
import { jobEndNotice, useJobPoll } from '../useJobPoll';

type Notify = (kind: 'error' | 'info', text: string) => void;

/** One file as the Api takes it (browser mode: uploaded as raw bytes first, see filesForApi). */
export async function bytesOf(file: File): Promise<{ name: string; bytes: Uint8Array }> {
  return (await filesForApi([file]))[0];
}

/** An imaging analysis job: polled while it runs; when it ends, its notice and the reload of the section's view. */
function useImagingJob(get: () => Promise<ImagingJobView | null>, analysis: string, kept: string, notify: Notify, reload: () => void) {
  return useJobPoll<ImagingJobView>({
    get,
    onError: (e) => notify('error', errorText(e)),
    onEnd: (j) => {
      const notice = jobEndNotice(j, analysis, kept);
      if (notice) notify(notice.kind, notice.text);
      reload();
    },
  });
}

export function useRadiography(notify: Notify, sessionRevision: number | null) {
  const [state, setState] = useState<RadStateView | null>(null);
  const [pending, setPending] = useState(0);
  const latest = useRef(-1);
  const { job, setJob } = useImagingJob(api.radGetJob, 'The radiography analysis', 'the frames done are kept', notify, () => void reload());
  const accept = useCallback((next: RadStateView) => {
    if (next.revision >= latest.current) {
      latest.current = next.revision;
      setState(next);
      setJob(next.job);
    }
  }, [setJob]);
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
  return {
    state,
    job,
    busy: pending > 0,
    importFiles: (files: File[]) => run(async () => api.radImport(await filesForApi(files)), accept),
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
  const [pending, setPending] = useState(0);
  const latest = useRef(-1);
  const { job, setJob } = useImagingJob(api.mapGetJob, 'The map analysis', 'the points done are kept', notify, () => void reload());
  const accept = useCallback((next: MapStateView) => {
    if (next.revision >= latest.current) {
      latest.current = next.revision;
      setState(next);
      setJob(next.job);
    }
  }, [setJob]);
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
  return {
    state,
    job,
    busy: pending > 0,
    importFiles: (files: File[], options: MapImportOptions) => run(async () => api.mapImport(await filesForApi(files), options), accept),
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
