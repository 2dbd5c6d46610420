/**
 * Parse one TGA file into a run and its import report. Called inside the import worker
 * (src/main/workers/import.worker.ts, through import-pool.ts) by the real hosts, and in process by tests.
 * With `prepare`, the run's display series and its first analysis (as the session would make it: role from the
 * file name, no recipe, automatic start, no blank, the session's analysis settings) are computed here too, so the
 * thread that imports does the heavy work and the session only seeds its cache.
 */
import { describeImport, importTga } from '../core/formats/tga/index';
import type { AnalysisSettings, RunRole, RunView } from '../shared/api';
import type { TgaRun } from '../shared/types';
import { analyseRun, analysisBuffers, looksLikeBlank, rawDisplay, type RunAnalysisState } from './run-view';

/** What an import worker computes beside the run, for the session to use as is. */
export interface PreparedRun {
  raw: { massRaw: RunView['massRaw']; temperature: RunView['temperature'] };
  /** The first analysis, for these settings only (the session checks them before using it). */
  first: { role: RunRole; analysisSettings: AnalysisSettings; state: RunAnalysisState };
}

export interface ParsedTga {
  run: TgaRun;
  report: string[];
  prepared?: PreparedRun;
}

export interface TgaParseOptions {
  /** Cancels the import (the import pool stops its worker). */
  signal?: AbortSignal;
  /** Also compute the display series and the first analysis with these session settings. */
  prepare?: { analysisSettings: AnalysisSettings };
  /** Rows read so far, now and then (long tables; for the progress bar). */
  onProgress?: (rowsRead: number) => void;
  /** Read with this format instead of detecting it. */
  formatId?: string;
}

export type TgaParser = (file: { name: string; bytes: Uint8Array }, options?: TgaParseOptions) => Promise<ParsedTga>;

/** What the worker needs beside the bytes (all plain data, so it crosses to a worker as is). */
export interface TgaReadOptions {
  prepare?: TgaParseOptions['prepare'];
  /** Read with this format instead of detecting it (a study restores the format the user chose). */
  formatId?: string;
  onProgress?: (rowsRead: number) => void;
}

export function parseTgaSync(name: string, bytes: Uint8Array, options: TgaReadOptions = {}): ParsedTga {
  const { prepare, formatId, onProgress } = options;
  const run = importTga(name, bytes, formatId || onProgress ? { ...(formatId ? { formatId } : {}), ...(onProgress ? { onProgress } : {}) } : undefined);
  const parsed: ParsedTga = { run, report: describeImport(run) };
  if (prepare && run.timeS.length > 0) {
    const role: RunRole = looksLikeBlank(name) ? 'blank' : 'sample';
    parsed.prepared = {
      raw: rawDisplay(run),
      first: { role, analysisSettings: prepare.analysisSettings, state: analyseRun(run, { role, recipe: null, startS: null, endS: null }, prepare.analysisSettings, null) },
    };
  }
  return parsed;
}

/** The in-process parser: the same work as the worker, on the calling thread. */
export const parseTgaInProcess: TgaParser = async (file, options) => {
  if (options?.signal?.aborted) throw new Error(`${file.name}: import cancelled`);
  return parseTgaSync(file.name, file.bytes, { prepare: options?.prepare, formatId: options?.formatId, onProgress: options?.onProgress });
};

/** Float64Array buffers of a run, to transfer (not copy) it out of a worker. */
export function runBuffers(run: TgaRun): ArrayBuffer[] {
  const arrays = [run.timeS, run.temperatureC, run.massMg, run.massPercent, ...run.channels.map((c) => c.values)];
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) if (a && a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  return [...buffers];
}

/** Every buffer of a parse result (run, display series, first analysis), to transfer it out of a worker. */
export function parsedBuffers(parsed: ParsedTga): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>(runBuffers(parsed.run));
  const p = parsed.prepared;
  if (p) {
    for (const b of analysisBuffers(p.first.state.analysis)) buffers.add(b);
    const v = p.first.state.view;
    const series = [p.raw.massRaw, p.raw.temperature, v?.alpha, v?.rate, v?.rateVsAlpha, v?.alphaVsTemperature, v?.massCorrected];
    for (const s of series) if (s) for (const a of [s.x, s.y]) if (a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  }
  return [...buffers];
}
