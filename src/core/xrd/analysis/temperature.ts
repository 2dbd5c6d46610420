/**
 * The run temperature of an analysis: the one the library phases' cells and B values and the Vegard end members are
 * taken at. Set by the caller, else from the sequence (a temperature log attached to it, else every file's own
 * temperature: the median over the frames), else room temperature with a warning.
 */
import type { PatternSequence } from '../../../shared/xrd';
import type { XrdAnalysis, XrdAnalysisOptions } from '../../../shared/xrd-results';
import { ROOM_TEMPERATURE_C } from '../crystal/thermal';
import { median } from './common';

export interface RunTemperature {
  runC: number;
  source: NonNullable<XrdAnalysis['temperatureSource']>;
  /** Temperature of every frame when the sequence gives one (log or files), else null. */
  perFrameC: Float64Array | null;
}

/** Every frame's temperature from the sequence's log, else from the files, else null. */
export function frameTemperatures(seq: PatternSequence): { perFrameC: Float64Array; source: 'log' | 'files' } | null {
  const n = seq.frames.length;
  if (seq.temperatureC && seq.temperatureC.length === n && Array.from(seq.temperatureC).some(Number.isFinite)) {
    return { perFrameC: Float64Array.from(seq.temperatureC), source: 'log' };
  }
  const fromFiles = seq.frames.map((f) => f.temperatureC ?? NaN);
  if (n > 0 && fromFiles.every(Number.isFinite)) return { perFrameC: Float64Array.from(fromFiles), source: 'files' };
  return null;
}

export function runTemperature(seq: PatternSequence, options: Pick<XrdAnalysisOptions, 'temperatureC'>): RunTemperature {
  const frames = frameTemperatures(seq);
  if (options.temperatureC !== undefined) return { runC: options.temperatureC, source: 'option', perFrameC: frames?.perFrameC ?? null };
  if (frames) {
    const m = median(Array.from(frames.perFrameC));
    if (Number.isFinite(m)) return { runC: Math.round(m * 10) / 10, source: frames.source, perFrameC: frames.perFrameC };
  }
  return { runC: ROOM_TEMPERATURE_C, source: 'default', perFrameC: null };
}
