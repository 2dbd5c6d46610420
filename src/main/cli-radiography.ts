/**
 * `reductionlab radiography STACK [options]`: mean intensity per ROI and grid point per frame of a radiography stack
 * (multi-page TIFF, folder of TIFFs, HDF5), read frame by frame so that stacks larger than memory stream; onsets
 * and ΔI % (core/imaging). docs/cli.md#radiography. Progress goes to stderr; Ctrl-C stops after the current frame and
 * reports the frames done. Exit codes: 0 ok, 1 error, 2 usage.
 */
import { writeFileAtomicSync } from './atomic-write';
import {existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GridDef, RadiographyResult, RadiographySettings, RoiDef, RoiGroup, RoiShape } from '../shared/radiography';
import { ROI_GROUPS } from '../shared/radiography';
import { checkSettings, measureFrames, summariseRadiography, type Measured } from '../core/imaging/analyse';
import { PIXEL_BYTES } from '../core/formats/image/types';
import { measureInWorkers } from './imaging/parallel';
import { parseTemperatureLog } from '../core/imaging/temperature-log';
import { numberOption, parseCommandArgs, readBytes, UsageError } from './cli/args';
import { openStackFromPaths } from './imaging/open-stack';
import { radiographyCsv } from '../core/imaging/export';

/** Stacks at least this large are measured by worker threads in parallel (smaller ones are done before they start). */
const PARALLEL_MIN_BYTES = 64 * 2 ** 20;

export interface RadiographyCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** Progress lines are written when true (a terminal); default false. */
  progress?: boolean;
  /** Registers a cancel request (Ctrl-C); returns a function that unregisters it. */
  onInterrupt?(cancel: () => void): () => void;
}

export const RADIOGRAPHY_USAGE = `Usage:
  reductionlab radiography STACK [--interval-s 0.33] [--temperature-log T.csv] [--temperature-unit K|C]
                   [--log-offset-s s] [--grid 4x4] [--grid-radius PX] [--roi NAME:x,y,w,h[:ellipse]]...
                   [--roi NAME:polygon:x1,y1,x2,y2,...]... [--group medium=P1,P4,P9]... [--normalise N]
                   [--baseline 0-99] [--onset-k 5] [--onset-n 5] [--delta 49-51:52-54] [--no-flat-field]
                   [--dataset /exchange/data] [--threads N] [--json] [--csv OUT.csv]

STACK            a multi-page TIFF (ImageJ, BigTIFF), a folder of TIFF files, or an HDF5 file
--interval-s     seconds between frames (wins over times stated in the files; default: the files' times, else 1 s)
--temperature-log  a table of time (s) and temperature (K or °C, from its header) on the frames' clock
--grid COLSxROWS tiles the frame into equal rectangles, numbered P1… row by row from the top left;
                 --grid-radius measures a circle of that radius at each tile's centre instead (the paper's points)
--roi            a rectangle (or ellipse inscribed in it) with its top-left pixel x,y and size w,h, or a polygon
--group          GROUP=NAMES: ROIs and grid points of a group (medium, reaction, by-product), averaged
--baseline, --onset-k, --onset-n   onset rule: baseline frames a-b (default first 10 %), k·σ, N consecutive frames
--delta B0-B1:A0-A1  ΔI % = (mean of frames B0…B1 − mean of A0…A1)/(mean of B0…B1) × 100 for every region
--threads        worker threads reading and summing frames in parallel (default: the cores, at most 4; 1 = none)
Frames are numbered from 0. A pixel belongs to a region when its centre is inside (ImageJ's rule).
Exit codes: 0 ok, 1 error, 2 usage.`;

function parse(argv: string[]) {
  return parseCommandArgs(argv, {
    'interval-s': { type: 'string' },
    'temperature-log': { type: 'string' },
    'temperature-unit': { type: 'string' },
    'log-offset-s': { type: 'string' },
    grid: { type: 'string' },
    'grid-radius': { type: 'string' },
    roi: { type: 'string', multiple: true },
    group: { type: 'string', multiple: true },
    normalise: { type: 'string' },
    baseline: { type: 'string' },
    'onset-k': { type: 'string' },
    'onset-n': { type: 'string' },
    delta: { type: 'string' },
    'no-flat-field': { type: 'boolean' },
    dataset: { type: 'string' },
    threads: { type: 'string' },
    json: { type: 'boolean' },
    csv: { type: 'string' },
  });
}

const NUM = String.raw`-?\d+(?:\.\d+)?`;

/** `NAME:x,y,w,h[:ellipse|:rect]` or `NAME:polygon:x1,y1,x2,y2,…`. */
export function parseRoiOption(raw: string): RoiDef {
  const m = new RegExp(String.raw`^([^:]+):(.+)$`).exec(raw.trim());
  if (!m) throw new UsageError(`--roi ${raw}: expected NAME:x,y,w,h[:ellipse] or NAME:polygon:x1,y1,x2,y2,...`);
  const name = m[1].trim();
  const rest = m[2].trim();
  if (name === 'frame') throw new UsageError(`--roi ${raw}: "frame" is the whole frame's name; choose another`);
  const poly = /^polygon:(.+)$/i.exec(rest);
  if (poly) {
    const v = poly[1].split(',').map((s) => Number(s.trim()));
    if (v.length < 6 || v.length % 2 !== 0 || v.some((x) => !Number.isFinite(x))) throw new UsageError(`--roi ${raw}: a polygon needs at least three x,y vertices`);
    const points: [number, number][] = [];
    for (let i = 0; i < v.length; i += 2) points.push([v[i], v[i + 1]]);
    return { name, shape: { kind: 'polygon', points } };
  }
  const box = new RegExp(String.raw`^(${NUM}),(${NUM}),(${NUM}),(${NUM})(?::(ellipse|oval|rect|rectangle))?$`, 'i').exec(rest.replace(/\s+/g, ''));
  if (!box) throw new UsageError(`--roi ${raw}: expected NAME:x,y,w,h[:ellipse] (x, y the top-left pixel; w, h in pixels)`);
  const [x, y, w, h] = box.slice(1, 5).map(Number);
  if (!(w > 0 && h > 0)) throw new UsageError(`--roi ${raw}: width and height must be > 0`);
  const kind = box[5] && /^(ellipse|oval)$/i.test(box[5]) ? 'ellipse' : 'rect';
  return { name, shape: { kind, x, y, width: w, height: h } as RoiShape };
}

/** `COLSxROWS`, e.g. 4x4. */
export function parseGridOption(raw: string): { cols: number; rows: number } {
  const m = /^\s*(\d+)\s*[x×X]\s*(\d+)\s*$/.exec(raw);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new UsageError(`--grid ${raw}: expected COLSxROWS, e.g. 4x4`);
  return { cols: Number(m[1]), rows: Number(m[2]) };
}

function frameRange(raw: string, what: string): [number, number] {
  const m = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(raw);
  if (!m) throw new UsageError(`${what} ${raw}: expected frames FIRST-LAST (0-based), e.g. 49-51`);
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  if (b < a) throw new UsageError(`${what} ${raw}: the last frame is before the first`);
  return [a, b];
}

/** `49-51:52-54`. */
export function parseDeltaOption(raw: string): { before: [number, number]; after: [number, number] } {
  const parts = raw.split(':');
  if (parts.length !== 2) throw new UsageError(`--delta ${raw}: expected BEFORE:AFTER frame ranges, e.g. 49-51:52-54`);
  return { before: frameRange(parts[0], '--delta'), after: frameRange(parts[1], '--delta') };
}

function parseGroups(raws: string[], rois: RoiDef[], grid: GridDef | null): void {
  for (const raw of raws) {
    const m = /^\s*([a-z-]+)\s*=\s*(.+)$/i.exec(raw);
    const group = m?.[1].toLowerCase() as RoiGroup | undefined;
    if (!m || !group || !ROI_GROUPS.includes(group)) throw new UsageError(`--group ${raw}: expected GROUP=NAMES with GROUP one of ${ROI_GROUPS.join(', ')}`);
    for (const name of m[2].split(',').map((s) => s.trim()).filter(Boolean)) {
      const roi = rois.find((r) => r.name === name);
      const point = /^P(\d+)$/i.exec(name);
      if (roi) roi.group = group;
      else if (point && grid && Number(point[1]) >= 1 && Number(point[1]) <= grid.cols * grid.rows) {
        grid.groups = { ...grid.groups, [group]: [...(grid.groups?.[group] ?? []), Number(point[1])] };
      } else throw new UsageError(`--group ${raw}: ${name} is neither a --roi name nor a grid point P1…P${grid ? grid.cols * grid.rows : 'N'} of --grid`);
    }
  }
}

/** The settings of the analysis from the command line. */
export function radiographySettings(values: ReturnType<typeof parse>['values']): RadiographySettings {
  const rois = (values.roi ?? []).map(parseRoiOption);
  const seen = new Set<string>();
  for (const r of rois) {
    if (seen.has(r.name)) throw new UsageError(`--roi: the name ${r.name} is given twice`);
    seen.add(r.name);
  }
  let grid: GridDef | null = null;
  if (values.grid !== undefined) {
    grid = parseGridOption(values.grid);
    const radius = numberOption('grid-radius', values['grid-radius'], (x) => x > 0, 'a radius in pixels > 0');
    if (radius !== undefined) grid = { ...grid, shape: 'circle', radiusPx: radius };
  } else if (values['grid-radius'] !== undefined) throw new UsageError('--grid-radius needs --grid');
  parseGroups(values.group ?? [], rois, grid);
  const k = numberOption('onset-k', values['onset-k'], (x) => x > 0, 'a threshold in baseline SDs > 0');
  const consecutive = numberOption('onset-n', values['onset-n'], (x) => Number.isInteger(x) && x >= 1, 'a whole number of frames ≥ 1');
  const baseline = values.baseline !== undefined ? frameRange(values.baseline, '--baseline') : undefined;
  return {
    intervalS: numberOption('interval-s', values['interval-s'], (x) => x > 0, 'seconds between frames > 0, e.g. 0.33'),
    useFileTimes: values['interval-s'] === undefined,
    flatField: !values['no-flat-field'],
    rois,
    grid,
    normaliseFrames: numberOption('normalise', values.normalise, (x) => Number.isInteger(x) && x >= 1, 'a whole number of frames ≥ 1'),
    onset: { ...(k !== undefined ? { k } : {}), ...(consecutive !== undefined ? { consecutive } : {}), ...(baseline ? { baseline } : {}) },
    delta: values.delta !== undefined ? parseDeltaOption(values.delta) : null,
  };
}

const finiteOrNull = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

/** The JSON document of docs/cli.md#radiography. */
export function radiographyJson(r: RadiographyResult, inputs: { stack: string[]; files: number; ignored: string[] }): unknown {
  const grid = r.grid;
  return {
    inputs,
    stack: r.stack,
    flatField: r.flatField,
    frames: Array.from({ length: r.framesDone }, (_, i) => ({
      index: i,
      timeS: r.timesS[i],
      temperatureK: r.temperatureK ? finiteOrNull(r.temperatureK[i]) : null,
      mean: finiteOrNull(r.frame.mean[i]),
      ...(grid ? { grid: Array.from({ length: grid.rows }, (_, row) => Array.from({ length: grid.cols }, (_, col) => finiteOrNull(grid.cells[row * grid.cols + col].mean[i]))) } : {}),
      rois: Object.fromEntries(r.rois.map((s) => [s.name, finiteOrNull(s.mean[i])])),
      ...(r.groups.length ? { groups: Object.fromEntries(r.groups.map((s) => [s.name.replace(/^group:/, ''), finiteOrNull(s.mean[i])])) } : {}),
    })),
    regions: [...r.rois, ...(grid?.cells ?? []), ...r.groups].map((s) => ({ name: s.name, kind: s.kind, group: s.group, pixels: s.pixelCount })),
    onsetRule: r.onsetRule,
    onsets: r.onsets.filter((o) => o.frame !== null).map((o) => ({ roi: o.region, frame: o.frame, timeS: o.timeS, temperatureK: o.temperatureK })),
    noOnset: r.onsets.filter((o) => o.frame === null).map((o) => o.region),
    delta: r.delta
      ? Object.fromEntries(r.delta.regions.map((d) => [d.region, { percent: d.percent, sigmaPercent: finiteOrNull(d.sigmaPercent), before: d.before, after: d.after }]))
      : null,
    deltaFrames: r.delta?.event ?? null,
    cancelled: r.cancelled,
    warnings: r.warnings,
  };
}

function fmt(x: number | null | undefined, digits: number): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits);
}

export function radiographyText(r: RadiographyResult, inputs: { stack: string[]; files: number; ignored: string[] }): string {
  const s = r.stack;
  const lines = [
    `${s.name}: ${s.frameCount} frames of ${s.width}×${s.height} ${s.pixelType} (${s.formatLabel})${inputs.ignored.length ? `; ${inputs.ignored.length} other files ignored` : ''}`,
    `times: ${s.timeNote}; t = 0–${fmt(r.timesS[r.framesDone - 1], 2)} s${r.cancelled ? `; CANCELLED after ${r.framesDone} frames` : ''}`,
    `flat field: ${r.flatField}; regions: ${r.rois.length} ROI(s)${r.grid ? `, grid ${r.grid.cols}×${r.grid.rows}` : ''}${r.groups.length ? `, groups ${r.groups.map((g) => g.name.slice(6)).join(', ')}` : ''}`,
  ];
  const [b0, b1] = r.onsetRule.baseline;
  lines.push('', `Onsets (baseline frames ${b0}–${b1}, |I/I₀ − μ| > ${r.onsetRule.k}σ for ${r.onsetRule.consecutive} consecutive frames):`);
  for (const o of r.onsets) {
    lines.push(`  ${o.region.padEnd(18)} ${o.frame === null ? 'none' : `frame ${o.frame}, t = ${fmt(o.timeS, 2)} s${o.temperatureK !== null ? `, T = ${fmt(o.temperatureK, 1)} K` : ''}`}`);
  }
  if (r.delta) {
    const e = r.delta.event;
    lines.push('', `ΔI = (I_before − I_after)/I_before × 100, frames ${e.before[0]}–${e.before[1]} → ${e.after[0]}–${e.after[1]}:`);
    for (const d of r.delta.regions) lines.push(`  ${d.region.padEnd(18)} ${fmt(d.before, 3).padStart(12)} → ${fmt(d.after, 3).padStart(12)}   ${fmt(d.percent, 2)} ± ${fmt(d.sigmaPercent, 2)} %`);
  }
  for (const w of r.warnings) lines.push(`note: ${w}`);
  return lines.join('\n');
}

/** Run `reductionlab radiography` with the arguments after the command; resolves to the exit code. */
export async function runRadiographyCommand(argv: string[], io: RadiographyCliIo): Promise<number> {
  let stop: (() => void) | undefined;
  try {
    const { values, positionals } = parse(argv);
    if (values.help) {
      io.stdout(RADIOGRAPHY_USAGE);
      return 0;
    }
    if (positionals.length === 0) throw new UsageError('radiography: give the STACK (a multi-page TIFF, a folder of TIFFs or an HDF5 file)');
    const settings = radiographySettings(values);
    const unit = values['temperature-unit'];
    if (unit !== undefined && !/^(K|C|°C)$/i.test(unit)) throw new UsageError(`--temperature-unit ${unit}: expected K or C`);
    const logOffset = numberOption('log-offset-s', values['log-offset-s'], () => true, 'seconds');
    const temperatureLog = values['temperature-log']
      ? {
          name: basename(values['temperature-log']),
          log: parseTemperatureLog(basename(values['temperature-log']), readBytes(resolve(io.cwd, values['temperature-log'])), unit ? { unit: /k/i.test(unit) ? 'K' : 'C' } : {}),
          offsetS: logOffset,
        }
      : null;
    const opened = await openStackFromPaths(positionals.map((p) => resolve(io.cwd, p)), { datasetPath: values.dataset });
    let cancelled = false;
    stop = io.onInterrupt?.(() => {
      cancelled = true;
    });
    let lastReport = 0;
    const t0 = Date.now();
    const report = (done: number, total: number): void => {
      const now = Date.now();
      if (io.progress && (now - lastReport > 1000 || done === total)) {
        lastReport = now;
        io.stderr(`radiography: frame ${done} of ${total} (${((100 * done) / total).toFixed(0)} %, ${((now - t0) / 1000).toFixed(1)} s)`);
      }
    };
    const stack = opened.stack;
    let result: RadiographyResult;
    try {
      checkSettings(stack, settings);
      const threads = numberOption('threads', values.threads, (x) => Number.isInteger(x) && x >= 1 && x <= 64, 'a whole number of threads ≥ 1') ?? Math.min(4, availableParallelism());
      const workerFile = fileURLToPath(new URL('./imaging-worker.mjs', import.meta.url));
      const stackBytes = stack.width * stack.height * PIXEL_BYTES[stack.pixelType] * stack.frameCount;
      let measured: Measured;
      if (threads > 1 && stack.frameCount >= 2 * threads && stackBytes >= PARALLEL_MIN_BYTES && existsSync(workerFile)) {
        const job = measureInWorkers(new URL('./imaging-worker.mjs', import.meta.url), {
          paths: positionals.map((p) => resolve(io.cwd, p)),
          datasetPath: values.dataset,
          settings,
          frames: stack.frameCount,
          workers: threads,
        });
        const timer = setInterval(() => {
          if (cancelled) job.cancel();
          report(job.progress(), stack.frameCount);
        }, 250);
        try {
          measured = await job.result;
        } finally {
          clearInterval(timer);
        }
        report(measured.done, stack.frameCount);
      } else {
        measured = await measureFrames(stack, settings, { shouldCancel: () => cancelled, onProgress: report });
      }
      result = summariseRadiography(stack, settings, measured, { temperatureLog });
    } finally {
      await stack.close();
    }
    const inputs = { stack: positionals, files: opened.files.length, ignored: opened.ignored };
    if (values.csv) writeFileAtomicSync(resolve(io.cwd, values.csv), radiographyCsv(result));
    if (values.json) io.stdout(JSON.stringify(radiographyJson(result, inputs), null, 2));
    else io.stdout(radiographyText(result, inputs));
    if (values.csv) (values.json ? io.stderr : io.stdout)(`CSV written to ${values.csv} (${result.framesDone} rows)`);
    return result.cancelled ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${e.message}\n\n${RADIOGRAPHY_USAGE}`);
      return 2;
    }
    io.stderr(`error: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    stop?.();
  }
}
