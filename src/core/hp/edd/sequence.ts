/**
 * A sequence of EDD spectra → P(t). Each frame is analysed on its own (a failed frame is reported, the rest go
 * on); its time comes from the caller, else from the file's start time relative to the first frame, else from
 * index × interval; its temperature from the caller (thermocouple), else the options' temperature.
 */
import type { EddSpectrum } from '../../formats/edd';
import { analyseEdd, type AnalysisOptions, type EddAnalysis } from './analyse';

export interface SequenceFrame {
  spectrum: EddSpectrum;
  timeS?: number;
  temperatureK?: number;
  sigmaTemperatureK?: number;
}

export interface SequenceFrameResult {
  fileName: string;
  label: string;
  timeS: number;
  /** Where timeS came from. */
  timeSource: 'given' | 'file' | 'interval';
  temperatureK: number | null;
  result: EddAnalysis | null;
  error: string | null;
}

export interface SequenceResult {
  frames: SequenceFrameResult[];
  timesS: Float64Array;
  pressuresGPa: Float64Array;
  sigmasGPa: Float64Array;
}

function parseIso(s: string | null): number | null {
  if (!s) return null;
  const t = Date.parse(`${s}Z`);
  return Number.isFinite(t) ? t / 1000 : null;
}

/** Frame times (s from the first frame): given, else the files' start times, else index × interval (default 1 s). */
export function frameTimes(frames: Pick<SequenceFrame, 'spectrum' | 'timeS'>[], intervalS?: number): { timeS: number; timeSource: SequenceFrameResult['timeSource'] }[] {
  const t0File = parseIso(frames[0]?.spectrum.startTime ?? null);
  const allFileTimes = frames.every((f) => parseIso(f.spectrum.startTime) !== null);
  return frames.map((f, i) => {
    if (f.timeS !== undefined) return { timeS: f.timeS, timeSource: 'given' };
    if (allFileTimes && t0File !== null) return { timeS: parseIso(f.spectrum.startTime)! - t0File, timeSource: 'file' };
    return { timeS: i * (intervalS ?? 1), timeSource: 'interval' };
  });
}

export function analyseSequence(frames: SequenceFrame[], opts: AnalysisOptions & { intervalS?: number }): SequenceResult {
  const times = frameTimes(frames, opts.intervalS);
  const out: SequenceFrameResult[] = frames.map((f, i) => {
    const { timeS, timeSource } = times[i];
    const temperatureK = f.temperatureK ?? opts.temperatureK ?? null;
    try {
      const result = analyseEdd(f.spectrum, {
        ...opts, temperatureK: temperatureK ?? undefined, sigmaTemperatureK: f.sigmaTemperatureK ?? opts.sigmaTemperatureK,
      });
      return { fileName: f.spectrum.fileName, label: f.spectrum.label, timeS, timeSource, temperatureK: result.temperatureK, result, error: null };
    } catch (e) {
      return { fileName: f.spectrum.fileName, label: f.spectrum.label, timeS, timeSource, temperatureK, result: null, error: (e as Error).message };
    }
  });
  return {
    frames: out,
    timesS: Float64Array.from(out, (f) => f.timeS),
    pressuresGPa: Float64Array.from(out, (f) => f.result?.pressureGPa ?? NaN),
    sigmasGPa: Float64Array.from(out, (f) => f.result?.sigmaGPa ?? NaN),
  };
}
