/**
 * Parse one TGA file into a run and its import report. Called inside the import worker
 * (src/main/workers/tga-import.worker.ts) by the real hosts, and in process by tests.
 */
import { describeImport, importTga } from '../core/formats/tga/index';
import type { ParseOptions, TgaRun } from '../shared/types';

export interface ParsedTga {
  run: TgaRun;
  report: string[];
}

export type TgaParser = (file: { name: string; bytes: Uint8Array }) => Promise<ParsedTga>;

export function parseTgaSync(name: string, bytes: Uint8Array, options?: ParseOptions): ParsedTga {
  const run = importTga(name, bytes, options);
  return { run, report: describeImport(run) };
}

/** The in-process parser: the same work as the worker, on the calling thread. */
export const parseTgaInProcess: TgaParser = async (file) => parseTgaSync(file.name, file.bytes);

/** Float64Array buffers of a run, to transfer (not copy) it out of a worker. */
export function runBuffers(run: TgaRun): ArrayBuffer[] {
  const arrays = [run.timeS, run.temperatureC, run.massMg, run.massPercent, ...run.channels.map((c) => c.values)];
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) if (a && a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  return [...buffers];
}
