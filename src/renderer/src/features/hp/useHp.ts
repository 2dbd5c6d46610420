/**
 * The high-pressure workspace's state in the renderer: the last HpStateView from main and the actions on it.
 * Every call goes through src/renderer/src/api.ts; errors become notices.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HpCalculatorInput, HpCalibrationRequest, HpEddOptions, HpImportResult, HpPressureView, HpSpectrumView, HpStateView } from '../../../../shared/api-hp';
import { api, errorText, filesForApi } from '../../api';
import { fileMessage } from '../notices';
import { bytesOf } from './useImaging';
import { studyTouched } from '../study/useStudy';

type Notify = (kind: 'error' | 'info', text: string) => void;

export interface HpState {
  state: HpStateView | null;
  busy: boolean;
  compute(input: HpCalculatorInput): Promise<HpPressureView | null>;
  importScales(files: File[]): Promise<void>;
  removeScaleFile(name: string): Promise<void>;
  importEdd(files: File[]): Promise<void>;
  removeEdd(name: string): Promise<void>;
  setOptions(options: Partial<HpEddOptions>): Promise<void>;
  setTemperatureLog(file: File | null): Promise<void>;
  calibrate(request: HpCalibrationRequest): Promise<void>;
  analyse(): Promise<void>;
  spectrum(index: number): Promise<HpSpectrumView | null>;
  resultsCsv(): Promise<string | null>;
}

export function useHp(notify: Notify, sessionRevision: number | null): HpState {
  const [state, setState] = useState<HpStateView | null>(null);
  const [pending, setPending] = useState(0);
  const latest = useRef(-1);

  const accept = useCallback((next: HpStateView) => {
    if (next.revision >= latest.current) {
      latest.current = next.revision;
      setState(next);
    }
  }, []);

  useEffect(() => {
    let live = true;
    api.hpGetState().then(
      (s) => {
        if (!live) return;
        latest.current = -1;
        accept(s);
      },
      (e: unknown) => notify('error', errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [accept, notify, sessionRevision]);

  const run = useCallback(
    async <T,>(fn: () => Promise<T>): Promise<T | null> => {
      setPending((n) => n + 1);
      try {
        return await fn();
      } catch (e) {
        notify('error', errorText(e));
        return null;
      } finally {
        setPending((n) => n - 1);
        studyTouched(); // the study's unsaved mark and Undo label follow every change
      }
    },
    [notify],
  );

  const withState = useCallback(async (fn: () => Promise<HpStateView>) => {
    const s = await run(fn);
    if (s) accept(s);
  }, [accept, run]);

  const withImport = useCallback(async (fn: () => Promise<HpImportResult>) => {
    const r = await run(fn);
    if (!r) return;
    accept(r.state);
    for (const f of r.failures) notify('error', fileMessage('Could not load', f.fileName, f.message));
  }, [accept, notify, run]);

  return {
    state,
    busy: pending > 0,
    compute: (input) => run(async () => {
      const r = await api.hpComputePressure(input);
      accept(await api.hpGetState());
      return r;
    }),
    importScales: async (files) => withImport(async () => api.hpImportScales(await filesForApi(files))),
    removeScaleFile: (name) => withState(() => api.hpRemoveScaleFile(name)),
    importEdd: async (files) => withImport(async () => api.hpEddImport(await filesForApi(files))),
    removeEdd: (name) => withState(() => api.hpEddRemoveFile(name)),
    setOptions: (options) => withState(() => api.hpEddSetOptions(options)),
    setTemperatureLog: async (file) => withState(async () => api.hpEddSetTemperatureLog(file ? await bytesOf(file) : null)),
    calibrate: (request) => withState(() => api.hpEddCalibrate(request)),
    analyse: () => withState(() => api.hpEddAnalyse()),
    spectrum: (index) => run(() => api.hpEddSpectrum(index)),
    resultsCsv: () => run(() => api.hpEddResultsCsv()),
  };
}
