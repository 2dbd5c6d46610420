/**
 * In situ sequences: many frames (one file each, or a multi-frame container) → a PatternSequence with frame times.
 *
 * - Order: natural sort of the file names, so '…_00009' comes before '…_00010' and 'map_2' before 'map_13'
 *   (digit runs compare as numbers); frames inside one container keep their file order.
 * - Times: from the frames' metadata when every frame has one and useMetadataTimes is not false (time stamps are
 *   made relative to the first frame; elapsed times are kept), else frame index × intervalS. Then offsetS is added
 *   to every time: to put t = 0 at the start of the isothermal hold that begins H seconds after the first frame,
 *   pass offsetS = −H. A frame that cannot be read keeps its slot in the index count (the gap stays visible).
 * - A file that cannot be read is listed in `skipped` with the reason, and the rest loads.
 * - Frames whose x grid equals the previous frame's share one Float64Array (a 900 × 2,800 sequence keeps one grid).
 */
import type { Pattern, PatternSequence } from '../../shared/xrd';
import { detectXrdFormat, importPatterns, loadHdf5, readWith, type XrdFormatModule } from '../formats/xrd/index';
import { isHdf5 } from '../formats/xrd/common';

export interface SequenceFile {
  name: string;
  bytes: Uint8Array;
}

export interface SequenceOptions {
  /** Seconds between frames when times come from the frame index. Default 2. */
  intervalS?: number;
  /** Added to every frame time (s). Default 0. Use −(hold start after the first frame) to put t = 0 at the hold. */
  offsetS?: number;
  /** Use times from the files' metadata when every frame has one. Default true. */
  useMetadataTimes?: boolean;
  /** Wavelength (Å) for the sequence, overriding the files (e.g. when they do not state it). */
  wavelengthA?: number;
}

/** Compare two names with digit runs compared as numbers ('map_2' < 'map_13', 'f_00009' < 'f_00010'). */
export function naturalCompare(a: string, b: string): number {
  const ta = a.match(/\d+|\D+/g) ?? [];
  const tb = b.match(/\d+|\D+/g) ?? [];
  const n = Math.min(ta.length, tb.length);
  for (let i = 0; i < n; i++) {
    const x = ta[i];
    const y = tb[i];
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
      if (x.length !== y.length) return x.length - y.length;
      continue;
    }
    return x < y ? -1 : 1;
  }
  return ta.length - tb.length;
}

function sameGrid(a: Float64Array, b: Float64Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Read one file, trying the module that read the previous file first (same extension), then full detection. */
function readFrames(file: SequenceFile, hint: { module: XrdFormatModule | null; ext: string }): Pattern[] {
  const ext = file.name.slice(file.name.lastIndexOf('.') + 1).toLowerCase();
  if (hint.module && hint.ext === ext) {
    try {
      return readWith(hint.module, file.name, file.bytes);
    } catch {
      // fall through to full detection, which gives the error message for the report
    }
  }
  const frames = importPatterns(file.name, file.bytes);
  hint.module = detectXrdFormat(file.name, file.bytes);
  hint.ext = ext;
  return frames;
}

/** Build a sequence from already-read files. Synchronous; HDF5 files need loadHdf5() first (or buildSequenceAsync). */
export function buildSequence(files: SequenceFile[], options: SequenceOptions = {}): PatternSequence {
  const intervalS = options.intervalS ?? 2;
  const offsetS = options.offsetS ?? 0;
  const sorted = [...files].sort((a, b) => naturalCompare(a.name, b.name));
  const frames: Pattern[] = [];
  const indexOf: number[] = [];
  const skipped: { fileName: string; message: string }[] = [];
  const hint: { module: XrdFormatModule | null; ext: string } = { module: null, ext: '' };
  let index = 0;
  let lastX: Float64Array | null = null;
  for (const file of sorted) {
    let read: Pattern[];
    try {
      read = readFrames(file, hint);
    } catch (e) {
      skipped.push({ fileName: file.name, message: e instanceof Error ? e.message : String(e) });
      index++;
      continue;
    }
    for (const p of read) {
      if (lastX && sameGrid(lastX, p.x)) p.x = lastX;
      lastX = p.x;
      frames.push(p);
      indexOf.push(index++);
    }
  }
  const warnings: string[] = [];
  const n = frames.length;
  const timesS = new Float64Array(n);
  const haveTimes = n > 0 && frames.every((f) => typeof f.timeS === 'number' && Number.isFinite(f.timeS));
  const useMeta = (options.useMetadataTimes ?? true) && haveTimes;
  if (useMeta) {
    const kinds = new Set(frames.map((f) => f.timeKind ?? 'epoch'));
    const origin = kinds.has('epoch') ? (frames[0].timeS as number) : 0;
    for (let i = 0; i < n; i++) timesS[i] = (frames[i].timeS as number) - origin + offsetS;
    if (kinds.size > 1) warnings.push('frames mix time stamps and elapsed times; times are relative to the first frame');
  } else {
    for (let i = 0; i < n; i++) timesS[i] = indexOf[i] * intervalS + offsetS;
    if ((options.useMetadataTimes ?? true) && n > 0 && frames.some((f) => typeof f.timeS === 'number')) {
      warnings.push('only some frames carry a time in their metadata: times from the frame index × interval');
    }
  }
  // Frames with another number of points than the most common one (e.g. a file still being written).
  const counts = new Map<number, number>();
  for (const f of frames) counts.set(f.x.length, (counts.get(f.x.length) ?? 0) + 1);
  if (counts.size > 1) {
    const common = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
    for (const f of frames) if (f.x.length !== common) warnings.push(`${f.fileName}${f.label ? ` (${f.label})` : ''} has ${f.x.length} points, the others ${common}`);
  }
  const stated = frames.map((f) => f.wavelengthA).filter((w): w is number => w !== null);
  const wavelengthA = options.wavelengthA ?? (stated.length ? stated[0] : null);
  if (options.wavelengthA === undefined && stated.some((w) => Math.abs(w - stated[0]) > 1e-6 * stated[0])) {
    warnings.push(`frames state different wavelengths (${Math.min(...stated)}–${Math.max(...stated)} Å); the first is used`);
  }
  return {
    frames,
    timesS,
    timeSource: useMeta ? 'metadata' : 'interval',
    skipped,
    wavelengthA,
    intervalS,
    offsetS,
    ...(warnings.length ? { warnings } : {}),
  };
}

/** buildSequence after starting h5wasm when any file is HDF5. */
export async function buildSequenceAsync(files: SequenceFile[], options: SequenceOptions = {}): Promise<PatternSequence> {
  if (files.some((f) => isHdf5(f.bytes))) await loadHdf5();
  return buildSequence(files, options);
}

/**
 * Interpolate a temperature log onto the frame times (linear; NaN outside the log). The log's times must be on the
 * sequence's time axis (same origin as timesS). Returns a new sequence; the input is not changed.
 */
export function attachTemperatureLog(seq: PatternSequence, timeS: ArrayLike<number>, temperatureC: ArrayLike<number>): PatternSequence {
  if (timeS.length !== temperatureC.length) throw new Error(`temperature log: ${timeS.length} times but ${temperatureC.length} temperatures`);
  const order = Array.from({ length: timeS.length }, (_, i) => i)
    .filter((i) => Number.isFinite(timeS[i]) && Number.isFinite(temperatureC[i]))
    .sort((a, b) => timeS[a] - timeS[b]);
  const t = Float64Array.from(order, (i) => timeS[i]);
  const y = Float64Array.from(order, (i) => temperatureC[i]);
  const out = new Float64Array(seq.timesS.length);
  for (let k = 0; k < out.length; k++) out[k] = interpolate(t, y, seq.timesS[k]);
  return { ...seq, temperatureC: out };
}

/** Linear interpolation in a sorted table; NaN outside [t0, tn]. */
function interpolate(t: Float64Array, y: Float64Array, at: number): number {
  const n = t.length;
  if (n === 0 || at < t[0] || at > t[n - 1]) return NaN;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (t[mid] <= at) lo = mid;
    else hi = mid;
  }
  if (t[hi] === t[lo]) return y[lo];
  return y[lo] + ((y[hi] - y[lo]) * (at - t[lo])) / (t[hi] - t[lo]);
}
