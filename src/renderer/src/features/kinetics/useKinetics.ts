/**
 * The Kinetics workspace's state in the renderer: the last KineticsStateView from main, every change through the
 * Api, and the analysis job, whose progress is polled with kinGetJob (the same in both hosts).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KineticsJobView, KineticsStateView } from '../../../../shared/kinetics-api';
import { api, errorText, filesForApi } from '../../api';
import { studyTouched } from '../study/useStudy';
import { jobEndNotice, useJobPoll } from '../useJobPoll';

type Notify = (kind: 'error' | 'info', text: string) => void;

export interface KineticsState {
  state: KineticsStateView | null;
  busy: boolean;
  job: KineticsJobView | null;
  /** Run an Api call that returns the new state (errors become notices). */
  act(call: () => Promise<KineticsStateView>): Promise<void>;
  importFiles(seriesId: string, files: File[]): Promise<void>;
  openDialog(seriesId: string): Promise<void>;
  start(): Promise<void>;
  cancel(): Promise<void>;
}

export function useKinetics(notify: Notify, sessionRevision: number | null): KineticsState {
  const [state, setState] = useState<KineticsStateView | null>(null);
  const [pending, setPending] = useState(0);
  const latest = useRef(-1);
  const { job, setJob } = useJobPoll<KineticsJobView>({
    get: api.kinGetJob,
    onError: (e) => notify('error', errorText(e)),
    onEnd: (j) => {
      const notice = jobEndNotice(j, 'The kinetics analysis');
      if (notice) notify(notice.kind, notice.text);
      void api.kinGetState().then(accept, (e: unknown) => notify('error', errorText(e)));
    },
  });

  const accept = useCallback((next: KineticsStateView) => {
    if (next.revision >= latest.current) {
      latest.current = next.revision;
      setState(next);
      setJob(next.job);
    }
  }, [setJob]);

  // a new TGA session revision (runs imported or removed, New session) may change what the series can use
  useEffect(() => {
    api.kinGetState().then(
      (s) => {
        latest.current = -1;
        accept(s);
      },
      (e: unknown) => notify('error', errorText(e)),
    );
  }, [accept, notify, sessionRevision]);

  const act = useCallback(
    async (call: () => Promise<KineticsStateView>) => {
      setPending((n) => n + 1);
      try {
        accept(await call());
      } catch (e) {
        notify('error', errorText(e));
      } finally {
        setPending((n) => n - 1);
        studyTouched(); // the study's unsaved mark and Undo label follow every change
      }
    },
    [accept, notify],
  );

  const handleImport = useCallback(
    (result: { state: KineticsStateView; failures: { fileName: string; message: string }[] }) => {
      accept(result.state);
      for (const f of result.failures) notify('error', `Not imported: ${f.message}`);
    },
    [accept, notify],
  );

  const importFiles = useCallback(
    async (seriesId: string, files: File[]) => {
      if (files.length === 0) return;
      setPending((n) => n + 1);
      try {
        const items = await filesForApi(files);
        handleImport(await api.kinImportFiles(seriesId, items));
      } catch (e) {
        notify('error', errorText(e));
      } finally {
        setPending((n) => n - 1);
        studyTouched(); // the study's unsaved mark and Undo label follow every change
      }
    },
    [handleImport, notify],
  );

  const openDialog = useCallback(
    async (seriesId: string) => {
      try {
        handleImport(await api.kinOpenFiles(seriesId));
      } catch (e) {
        notify('error', errorText(e));
      }
    },
    [handleImport, notify],
  );

  const start = useCallback(async () => {
    try {
      setJob(await api.kinStartAnalysis());
    } catch (e) {
      notify('error', errorText(e));
    }
  }, [notify, setJob]);

  const cancel = useCallback(async () => {
    try {
      setJob(await api.kinCancelAnalysis());
    } catch (e) {
      notify('error', errorText(e));
    }
  }, [notify, setJob]);

  return { state, busy: pending > 0, job, act, importFiles, openDialog, start, cancel };
}
