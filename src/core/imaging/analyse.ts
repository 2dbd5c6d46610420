/**
 * The radiography analysis of a stack, streamed: frames are read one at a time into two buffers (the next frame is
 * read while this one is summed, accumulate.ts), so memory stays at two frames whatever the stack's length. Per
 * frame: the mean of the whole frame, of every ROI and grid point (pixel-centre rule, roi.ts), with the flat-field
 * correction when the stack carries dark/flat fields. Then, on the series: normalisation to the first frame(s),
 * ROI-group means, stage onsets and ΔI across an event (events.ts), temperature joined by time (temperature-log.ts).
 * Progress after every frame; a cancel between frames keeps the frames done.
 */
import type { ImageStack } from '../formats/image/types';
import type { GridDef, RadiographyResult, RadiographySettings, RegionSeries, RoiGroup } from '../../shared/radiography';
import { ROI_GROUPS } from '../../shared/radiography';
import { createAccumulator, type FlatField } from './accumulate';
import { checkDeltaEvent, detectOnset, regionDelta, resolveOnsetRule } from './events';
import { frameMask, gridMasks, roiMask, type RoiMask } from './roi';
import { joinTemperature, type ParsedTemperatureLog } from './temperature-log';

export interface AnalyseHooks {
  /** After every frame (frames done, frames in all). */
  onProgress?: (done: number, total: number) => void;
  /** Polled between frames: true stops the analysis (the frames done are kept). */
  shouldCancel?: () => boolean;
  /** A temperature log (parsed) and its file name. */
  temperatureLog?: { name: string; log: ParsedTemperatureLog; offsetS?: number } | null;
  /** Dark / flat fields given by the user (override the stack's). */
  field?: FlatField;
}

export const DEFAULT_INTERVAL_S = 1;
/** Bytes read and summed at a time on the fast path: small enough to stay in the CPU's cache. */
const CHUNK_BYTES = 256 * 1024;
/** The fast path lets the event loop run (progress, cancel messages) at least this often. */
const YIELD_MS = 50;

/** Frame times (s from the first frame) and the clock time of the first frame when the files state clock times. */
export function frameTimes(stack: ImageStack, settings: Pick<RadiographySettings, 'intervalS' | 'useFileTimes'>): { timesS: Float64Array; clock0S: number | null; source: string; note: string } {
  const n = stack.frameCount;
  const stated = stack.frames.map((f) => f.timeS);
  const useFile = settings.useFileTimes !== false && stack.timeSource !== 'none' && stated.every((t) => t !== null);
  if (useFile) {
    const t0 = stated[0] as number;
    return {
      timesS: Float64Array.from(stated as number[], (t) => t - t0),
      clock0S: stack.timeSource === 'clock' ? t0 : null,
      source: stack.timeSource,
      note: stack.timeNote,
    };
  }
  const dt = settings.intervalS ?? DEFAULT_INTERVAL_S;
  const why = settings.intervalS === undefined ? ` (default: ${stack.timeNote}; set the interval)` : stack.timeSource !== 'none' ? ' (as set; the file times are not used)' : '';
  return { timesS: Float64Array.from({ length: n }, (_, i) => i * dt), clock0S: null, source: 'interval', note: `frame index × ${dt} s${why}` };
}

/** Throws (in words) on settings that cannot apply to this stack: duplicate names, a grid finer than the image, ΔI past the end. */
export function checkSettings(stack: Pick<ImageStack, 'width' | 'height' | 'frameCount'>, settings: RadiographySettings): void {
  const names = new Set<string>(['frame']);
  for (const r of settings.rois) {
    if (names.has(r.name)) throw new Error(`ROI name "${r.name}" is used twice (or is the reserved name "frame")`);
    names.add(r.name);
  }
  const g = settings.grid;
  if (g && !(Number.isInteger(g.cols) && Number.isInteger(g.rows) && g.cols >= 1 && g.rows >= 1 && g.cols <= stack.width && g.rows <= stack.height)) {
    throw new Error(`grid ${g.cols}×${g.rows}: expected whole numbers of columns and rows, at most the image's ${stack.width}×${stack.height}`);
  }
  if (settings.delta) {
    const why = checkDeltaEvent(settings.delta, stack.frameCount);
    if (why) throw new Error(`ΔI event: ${why}`);
  }
}

function series(mask: RoiMask, frames: number): RegionSeries {
  return { name: mask.name, kind: mask.kind, group: mask.group, pixelCount: mask.pixelCount, mean: new Float64Array(frames), normalised: new Float64Array(frames) };
}

function normalise(s: RegionSeries, frames: number, first: number): void {
  let ref = 0;
  let n = 0;
  for (let i = 0; i < Math.min(first, frames); i++) {
    if (Number.isFinite(s.mean[i])) {
      ref += s.mean[i];
      n++;
    }
  }
  ref = n > 0 ? ref / n : NaN;
  for (let i = 0; i < frames; i++) s.normalised[i] = s.mean[i] / ref;
}

/** Pixel-weighted mean of the member regions of each group (Σ mean·pixels / Σ pixels). */
function groupSeries(regions: RegionSeries[], frames: number): RegionSeries[] {
  const out: RegionSeries[] = [];
  for (const g of ROI_GROUPS) {
    const members = regions.filter((r) => r.group === g && r.pixelCount > 0);
    if (members.length === 0) continue;
    const pixels = members.reduce((a, r) => a + r.pixelCount, 0);
    const s: RegionSeries = { name: `group:${g}`, kind: 'roi', group: g as RoiGroup, pixelCount: pixels, mean: new Float64Array(frames), normalised: new Float64Array(frames) };
    for (let i = 0; i < frames; i++) {
      let acc = 0;
      for (const m of members) acc += m.mean[i] * m.pixelCount;
      s.mean[i] = acc / pixels;
    }
    out.push(s);
  }
  return out;
}

/** The regions measured, in the order of the result: the whole frame, the ROIs, the grid points. */
export function regionMasks(stack: Pick<ImageStack, 'width' | 'height'>, settings: Pick<RadiographySettings, 'rois' | 'grid'>): RoiMask[] {
  const { width, height } = stack;
  return [frameMask(width, height), ...settings.rois.map((r) => roiMask(r, width, height)), ...(settings.grid ? gridMasks(settings.grid as GridDef, width, height) : [])];
}

export interface Measured {
  /** Mean of every region (regionMasks order) for frames from … from + done − 1. */
  means: Float64Array[];
  done: number;
  cancelled: boolean;
  warnings: string[];
}

/**
 * The streaming part: the mean of every region in frames [from, to) (default all). Worker threads each measure a
 * range of one stack in parallel (src/main/imaging/parallel.ts) and summariseRadiography joins them.
 */
export async function measureFrames(
  stack: ImageStack,
  settings: RadiographySettings,
  hooks: Pick<AnalyseHooks, 'onProgress' | 'shouldCancel' | 'field'> & { from?: number; to?: number } = {},
): Promise<Measured> {
  const { width, height } = stack;
  const from = hooks.from ?? 0;
  const to = Math.min(hooks.to ?? stack.frameCount, stack.frameCount);
  const count = Math.max(0, to - from);
  const masks = regionMasks(stack, settings);
  const warnings: string[] = [];
  const useField = settings.flatField !== false;
  const field: FlatField = useField ? { dark: hooks.field?.dark ?? stack.dark, flat: hooks.field?.flat ?? stack.flat } : { dark: null, flat: null };
  // When the grid tiles the frame, the whole-frame mean is the tiles' pixel-weighted mean: one pass less per frame.
  const tiled = settings.grid !== undefined && settings.grid !== null && (settings.grid.shape ?? 'tile') === 'tile';
  const summed = tiled ? masks.slice(1) : masks;
  const acc = createAccumulator(width, height, stack.pixelType, summed, field, { chunkBytes: stack.readRowsSync ? CHUNK_BYTES : undefined });
  if (acc.excludedPixels > 0) warnings.push(`${acc.excludedPixels} pixels have a flat field not above the dark field and are left out of every region`);
  const means = masks.map(() => new Float64Array(count));
  const sums = new Float64Array(summed.length);
  const firstTile = summed.length - (tiled ? settings.grid!.cols * settings.grid!.rows : 0);
  const store = (k: number): void => {
    const shift = tiled ? 1 : 0;
    for (let r = 0; r < summed.length; r++) means[r + shift][k] = sums[r];
    if (!tiled) return;
    let total = 0;
    let pixels = 0;
    for (let r = firstTile; r < summed.length; r++) {
      if (acc.pixelCounts[r] > 0) {
        total += sums[r] * acc.pixelCounts[r];
        pixels += acc.pixelCounts[r];
      }
    }
    means[0][k] = pixels > 0 ? total / pixels : NaN;
  };

  let done = 0;
  let cancelled = false;
  const chunked = acc.chunked;
  // Fast path: blocking reads of a few hundred kB straight into the summing buffer (uncompressed TIFF from disk).
  if (chunked && count > 0 && stack.readRowsSync!(from, 0, Math.min(chunked.rows, height), chunked.slot)) {
    let lastYield = Date.now();
    for (let k = 0; k < count; k++) {
      if (Date.now() - lastYield > YIELD_MS) {
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
        lastYield = Date.now();
      }
      if (hooks.shouldCancel?.()) {
        cancelled = true;
        break;
      }
      for (let c = 0; c < chunked.chunks; c++) {
        const row0 = c * chunked.rows;
        if (!(k === 0 && c === 0)) stack.readRowsSync!(from + k, row0, Math.min(chunked.rows, height - row0), chunked.slot);
        chunked.add(c);
      }
      chunked.finish(sums);
      store(k);
      done = k + 1;
      hooks.onProgress?.(done, count);
    }
    return { means, done, cancelled, warnings };
  }
  let pending: Promise<unknown> = count > 0 ? stack.readFrameBytes(from, acc.slot(0)) : Promise.resolve();
  try {
    for (let k = 0; k < count; k++) {
      await pending;
      if (hooks.shouldCancel?.()) {
        cancelled = true;
        break;
      }
      pending = k + 1 < count ? stack.readFrameBytes(from + k + 1, acc.slot(((k + 1) & 1) as 0 | 1)) : Promise.resolve();
      acc.means((k & 1) as 0 | 1, sums);
      store(k);
      done = k + 1;
      hooks.onProgress?.(done, count);
    }
  } finally {
    // a read in flight when a cancel or an error stops the loop must not reject unobserved
    pending.catch(() => undefined);
  }
  if (cancelled) await pending.catch(() => undefined);
  return { means, done, cancelled, warnings };
}

export async function analyseRadiography(stack: ImageStack, settings: RadiographySettings, hooks: AnalyseHooks = {}): Promise<RadiographyResult> {
  checkSettings(stack, settings);
  const measured = await measureFrames(stack, settings, hooks);
  return summariseRadiography(stack, settings, measured, hooks);
}

/** Normalisation, groups, times and temperatures, onsets and ΔI from the measured means. */
export function summariseRadiography(stack: ImageStack, settings: RadiographySettings, measured: Measured, hooks: Pick<AnalyseHooks, 'temperatureLog' | 'field'> = {}): RadiographyResult {
  checkSettings(stack, settings);
  const { width, height, frameCount } = stack;
  const masks = regionMasks(stack, settings);
  const warnings = [...stack.warnings, ...measured.warnings];
  for (const m of masks) if (m.pixelCount === 0) warnings.push(`${m.kind === 'grid' ? 'grid point' : 'ROI'} ${m.name} holds no pixel centre inside the ${width}×${height} image: its mean is empty`);
  const { done, cancelled } = measured;
  const useField = settings.flatField !== false;
  const field: FlatField = useField ? { dark: hooks.field?.dark ?? stack.dark, flat: hooks.field?.flat ?? stack.flat } : { dark: null, flat: null };
  const all = masks.map((m, r) => ({ ...series(m, done), mean: measured.means[r].slice(0, done) }));
  const frames = done;
  const regions = all;
  const first = Math.max(1, settings.normaliseFrames ?? 1);
  const groups = groupSeries(regions.slice(1), frames);
  for (const s of [...regions, ...groups]) normalise(s, frames, first);

  const times = frameTimes(stack, settings);
  const timesS = times.timesS.slice(0, frames);
  let temperatureK: Float64Array | null = null;
  if (hooks.temperatureLog) {
    const joined = joinTemperature(hooks.temperatureLog.log, hooks.temperatureLog.name, timesS, { frameClock0S: times.clock0S, offsetS: hooks.temperatureLog.offsetS });
    temperatureK = joined.temperatureK;
    warnings.push(`temperature: ${joined.note}`);
    if (joined.outside > 0) warnings.push(`temperature: ${joined.outside} of ${frames} frames lie outside the log's time range (no temperature)`);
  }

  const frameSeries = regions[0];
  const roiSeries = regions.filter((s) => s.kind === 'roi');
  const gridSeries = regions.filter((s) => s.kind === 'grid');
  const tested = [...roiSeries, ...gridSeries, ...groups];

  const onsetRule = resolveOnsetRule(settings.onset, frames);
  const onsets = (frames > onsetRule.baseline[1] + 1 ? tested : []).map((s) => {
    const found = detectOnset(s.normalised, onsetRule);
    return {
      region: s.name,
      frame: found.frame,
      timeS: found.frame === null ? null : timesS[found.frame],
      temperatureK: found.frame === null || !temperatureK || !Number.isFinite(temperatureK[found.frame]) ? null : temperatureK[found.frame],
      baselineMean: found.baselineMean,
      baselineSd: found.baselineSd,
      thresholdK: onsetRule.k,
      consecutive: onsetRule.consecutive,
    };
  });

  let delta: RadiographyResult['delta'] = null;
  if (settings.delta && !cancelled) delta = { event: settings.delta, regions: [frameSeries, ...tested].map((s) => regionDelta(s.name, s.mean, settings.delta!)) };

  return {
    stack: { name: stack.name, formatLabel: stack.formatLabel, width, height, frameCount, pixelType: stack.pixelType, timeSource: times.source, timeNote: times.note },
    timesS,
    temperatureK,
    frame: frameSeries,
    rois: roiSeries,
    grid: settings.grid ? { cols: settings.grid.cols, rows: settings.grid.rows, cells: gridSeries } : null,
    groups,
    onsets,
    onsetRule,
    delta,
    framesDone: frames,
    cancelled,
    flatField: field.flat ? 'dark and flat' : field.dark ? 'dark only' : 'none',
    warnings,
  };
}
