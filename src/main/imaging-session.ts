/**
 * The imaging part of the session (radiography stacks and 2D XRD maps): createHandlers spreads its methods into the
 * Api. Persistence contract (notes/common-state.md): ALL persistent state is one plain JSON object
 * (ImagingPersistedState) plus the raw input files as imported ({ name, bytes }, prefixed with their role:
 * 'stack/…', 'tlog/…', 'map/…', 'cif/…'); snapshot() returns both and restore() rebuilds the rest (opened stack,
 * parsed patterns, analyses shown again). Finished analyses are derived results (imaging/derived.ts): stored with the
 * study under their engine and inputs key, shown on open without re-analysing, and found again by undo/redo among
 * the recent results (re-run only when neither has them). A stack opened where it lies on disk (Electron's dialog; any size) is kept as
 * its paths in the state, not as bytes: restoring it needs the files still there.
 * Analyses run as jobs: a radiography stack on disk is measured by worker threads in parallel (imaging/parallel.ts),
 * one in memory in-process (the loop yields between reads); a map in a worker thread when the hosts give one.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { FileBytes, TaskView } from '../shared/api';
import type { ImagingApi, ImagingJobView, MapImportOptions, MapRunOptions, MapStateView, RadFrameView, RadStateView } from '../shared/api-imaging';
import type { RadiographyResult, RadiographySettings } from '../shared/radiography';
import type { Pattern } from '../shared/xrd';
import type { MapLayout, MapResult } from '../shared/xrd-map';
import { openStackFromBytes, readFrameFloat, type ImageStack } from '../core/formats/image/index';
import { checkSettings, frameTimes, measureFrames, summariseRadiography, type Measured } from '../core/imaging/analyse';
import { radiographyCsv } from '../core/imaging/export';
import { parseTemperatureLog, type ParsedTemperatureLog } from '../core/imaging/temperature-log';
import { parseCif } from '../core/xrd/crystal/cif';
import { analyseMap, checkMapOptions, mapPointFit, rebuildMapSetup, type MapFitSetup } from '../core/xrdmap/analyse';
import { describeMissing } from '../core/xrdmap/grid';
import { mapCsv } from '../core/xrdmap/export';
import type { FrameResult } from '../core/xrd/rietveld/types';
import { loadMapFromFiles, type MapFrameReader } from './imaging/map-load';
import { bytesHash, diskIdentity, inputsKey, MAP_ENGINE, RADIOGRAPHY_ENGINE, RecentResults, storedResult } from './imaging/derived';
import type { DerivedValue } from './study/sections';
import type { ImportRunner } from './import-read';
import { openStackFromPaths } from './imaging/open-stack';
import { measureInWorkers } from './imaging/parallel';
import { z } from 'zod';
import { mapImportOptionsSchema, mapRunOptionsSchema, radiographySettingsSchema } from '../shared/api-imaging';
import { quoted, type StudyCommands, type StudySection } from './study/sections';
import { limitedWorkerOptions } from './worker-limits';

/** Layout version of ImagingPersistedState in a study file (raise it with a migration when the layout changes). */
export const IMAGING_SECTION_VERSION = 1;

const nameList = z.array(z.string().min(1).max(4096)).max(100_000);
/** ImagingPersistedState as read from a study file: validated, never trusted. */
const imagingStateSchema = z.object({
  radiography: z.object({
    stack: z.union([z.object({ kind: z.literal('memory'), names: nameList }), z.object({ kind: z.literal('disk'), paths: nameList }), z.null()]),
    settings: radiographySettingsSchema,
    temperatureLog: z.string().min(1).max(500).nullable(),
    analysed: z.boolean(),
  }),
  map: z.object({
    files: nameList,
    importOptions: mapImportOptionsSchema.nullable(),
    cifs: nameList,
    options: mapRunOptionsSchema.nullable(),
    analysed: z.boolean(),
  }),
});

const filesLabel = (args: unknown[], one: string, many: string): string => {
  const files = args[0] as FileBytes[];
  return files.length === 1 ? `${one} ${quoted(files[0].name)}` : `${many} (${files.length} files)`;
};

/** The radiography and map Api methods that change the study, each an undoable command named in Undo/Redo. */
export const IMAGING_COMMANDS: StudyCommands = {
  radImport: { section: 'imaging', label: (args) => filesLabel(args, 'Open the radiography stack', 'Open a radiography stack') },
  radOpenDialog: { section: 'imaging', label: () => 'Open a radiography stack' },
  radSetTemperatureLog: { section: 'imaging', label: (args) => (args[0] ? `Set the radiography temperature log ${quoted((args[0] as FileBytes).name)}` : 'Remove the radiography temperature log') },
  radSetSettings: { section: 'imaging', label: () => 'Change the ROIs, grid or ΔI frames' },
  radStart: { section: 'imaging', label: () => 'Measure the radiography stack' },
  radClear: { section: 'imaging', label: () => 'Close the radiography stack' },
  mapImport: { section: 'imaging', label: (args) => filesLabel(args, 'Open the map', 'Open a map') },
  mapAddCif: { section: 'imaging', label: (args) => `Add the map phase from ${quoted((args[0] as FileBytes).name)}` },
  mapRemoveCif: { section: 'imaging', label: (args) => `Remove the map phase ${quoted(String(args[0]))}` },
  mapStart: { section: 'imaging', label: () => 'Analyse the map' },
  mapClear: { section: 'imaging', label: () => 'Close the map' },
};

export interface ImagingPersistedState {
  radiography: {
    /** 'memory': the files are in the snapshot (role 'stack'); 'disk': opened from these paths. */
    stack: { kind: 'memory'; names: string[] } | { kind: 'disk'; paths: string[] } | null;
    settings: RadiographySettings;
    temperatureLog: string | null;
    analysed: boolean;
  };
  map: {
    files: string[];
    importOptions: MapImportOptions | null;
    cifs: string[];
    options: MapRunOptions | null;
    analysed: boolean;
  };
}

export interface ImagingSnapshot {
  state: ImagingPersistedState;
  files: FileBytes[];
}

export interface ImagingSessionDeps {
  /** Reads the map's diffraction patterns (the import pool's workers in the hosts); absent → on this thread. */
  importFile?: ImportRunner;
  userError(message: string): Error;
  nextTaskId(): number;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  /** Native open dialog for a radiography stack ([] when cancelled or without one). */
  pickStackPaths(): Promise<string[]>;
  /** The bundled imaging worker (out/node/imaging-worker.mjs or Electron's chunk); null → in-process. */
  workerUrl: URL | null;
  /** An analysis finished: the study has new derived results to save. */
  onDerivedChange?(): void;
}

export interface ImagingSession extends ImagingApi {
  tasks(): TaskView[];
  snapshot(): ImagingSnapshot;
  restore(snapshot: ImagingSnapshot, derived?: DerivedValue[]): Promise<void>;
  /** Analyses run since the session started (radiography measurements, map analyses): what reuse saves. */
  analysesRun(): { radiography: number; map: number };
  /** What the radiography and map views save in a study, and how undo restores them (see study/sections.ts). */
  section: StudySection<ImagingPersistedState>;
}

export const DEFAULT_RADIOGRAPHY_SETTINGS: RadiographySettings = { rois: [], grid: null, delta: null };

interface Job<T> {
  view: ImagingJobView;
  progress(): { done: number; total: number };
  cancel(): void;
  result: Promise<T>;
  taskId: number;
}

const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const baseName = (p: string): string => p.split(/[\\/]/).pop() ?? p;

/** Block-average a frame to at most maxSide pixels on its longer side, with min, max and 1st/99th percentiles. */
export function displayFrame(index: number, px: Float64Array, width: number, height: number, maxSide: number): RadFrameView {
  const binning = Math.max(1, Math.ceil(Math.max(width, height) / maxSide));
  const w = Math.ceil(width / binning);
  const h = Math.ceil(height / binning);
  const out = new Float64Array(w * h);
  const n = new Float64Array(w * h);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / binning) * w;
    for (let x = 0; x < width; x++) {
      const k = row + Math.floor(x / binning);
      out[k] += px[y * width + x];
      n[k]++;
    }
  }
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < out.length; k++) {
    out[k] /= n[k];
    if (out[k] < min) min = out[k];
    if (out[k] > max) max = out[k];
  }
  const sorted = Float64Array.from(out).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
  return { index, width: w, height: h, binning, pixels: out, min, max, p1: at(0.01), p99: at(0.99) };
}

export function createImagingSession(deps: ImagingSessionDeps): ImagingSession {
  // A map's patterns are read in the import workers when the host has them (one file per point, in parallel).
  const importFile = deps.importFile;
  const readMapFrames: MapFrameReader | undefined = importFile ? (f) => importFile({ kind: 'xrd', name: f.name, bytes: f.bytes }) as Promise<Pattern[]> : undefined;
  // ── radiography ──
  let stack: ImageStack | null = null;
  let stackFiles: FileBytes[] = [];
  let stackPaths: string[] | null = null;
  let ignored: string[] = [];
  let settings: RadiographySettings = { ...DEFAULT_RADIOGRAPHY_SETTINGS };
  let tlog: { file: FileBytes; parsed: ParsedTemperatureLog } | null = null;
  let radResult: RadiographyResult | null = null;
  let radJob: Job<RadiographyResult> | null = null;
  let radRevision = 0;
  // ── map ──
  let mapFiles: FileBytes[] = [];
  let mapImport: MapImportOptions | null = null;
  let layout: MapLayout | null = null;
  let patterns: (Pattern | null)[] = [];
  let cifs: FileBytes[] = [];
  let mapOptions: MapRunOptions | null = null;
  let mapResult: MapResult | null = null;
  let mapResults: (FrameResult | null)[] | null = null;
  let mapSetup: MapFitSetup | null = null;
  let mapJob: Job<{ result: MapResult; results: (FrameResult | null)[] }> | null = null;
  let mapRevision = 0;
  let jobIds = 0;
  // ── derived results (imaging/derived.ts) ──
  /** Inputs key of radResult / mapResult (null: none, or not from a finished analysis). */
  let radResultKey: string | null = null;
  let mapResultKey: string | null = null;
  const recentRad = new RecentResults<RadiographyResult>();
  const recentMap = new RecentResults<{ result: MapResult; results: (FrameResult | null)[] }>();
  const runs = { radiography: 0, map: 0 };
  const radKey = (): string | null =>
    stack
      ? inputsKey([
          stackPaths ? { disk: diskIdentity(stackPaths) } : { memory: stackFiles.map((f) => [f.name, bytesHash(f.bytes)]) },
          settings,
          tlog ? [tlog.file.name, bytesHash(tlog.file.bytes)] : null,
        ])
      : null;
  const mapKey = (options: MapRunOptions | null): string | null =>
    layout && options
      ? inputsKey([mapFiles.map((f) => [f.name, bytesHash(f.bytes)]), mapImport, cifs.map((c) => [c.name, bytesHash(c.bytes)]), options])
      : null;

  const jobView = <T>(job: Job<T> | null): ImagingJobView | null => {
    if (!job) return null;
    if (job.view.state === 'running') {
      const p = job.progress();
      job.view = { ...job.view, done: p.done, total: p.total };
    }
    return { ...job.view };
  };

  function startJob<T>(run: { result: Promise<T>; progress(): { done: number; total: number }; cancel(): void }, onDone: (value: T) => void, label: string): Job<T> {
    const job: Job<T> = { view: { id: ++jobIds, state: 'running', done: 0, total: 0, message: null }, ...run, taskId: deps.nextTaskId() };
    run.result.then(
      (value) => {
        const p = run.progress();
        onDone(value);
        const cancelled = (value as { cancelled?: boolean; result?: { cancelled?: boolean } }).cancelled ?? (value as { result?: { cancelled?: boolean } }).result?.cancelled ?? false;
        job.view = { ...job.view, state: cancelled ? 'cancelled' : 'done', done: p.done, total: p.total };
        deps.log('info', `${label} ${cancelled ? 'cancelled' : 'finished'}`);
      },
      (error: unknown) => {
        job.view = { ...job.view, state: 'failed', message: errorMessage(error) };
        deps.log('warn', `${label} failed: ${errorMessage(error)}`);
      },
    );
    return job;
  }

  const running = (job: Job<unknown> | null): boolean => job !== null && job.view.state === 'running';

  function stackView(): RadStateView['stack'] {
    if (!stack) return null;
    const times = frameTimes(stack, settings);
    return {
      name: stack.name,
      formatLabel: stack.formatLabel,
      width: stack.width,
      height: stack.height,
      frameCount: stack.frameCount,
      pixelType: stack.pixelType,
      timesS: times.timesS,
      timeNote: times.note,
      onDisk: stackPaths !== null,
      hasDarkFlat: stack.dark !== null || stack.flat !== null,
      files: stackPaths?.length ?? stackFiles.length,
      ignored,
      warnings: stack.warnings,
    };
  }

  function radState(): RadStateView {
    return {
      stack: stackView(),
      settings,
      temperatureLog: tlog ? { name: tlog.file.name, note: tlog.parsed.note } : null,
      result: radResult,
      job: jobView(radJob),
      revision: radRevision,
    };
  }

  const radChanged = (): RadStateView => {
    radRevision++;
    return radState();
  };

  async function replaceStack(next: ImageStack, files: FileBytes[], paths: string[] | null, ign: string[]): Promise<void> {
    if (running(radJob)) radJob!.cancel();
    await stack?.close().catch(() => undefined);
    stack = next;
    stackFiles = files;
    stackPaths = paths;
    ignored = ign;
    radResult = null;
    radJob = null;
    // ROIs drawn for another stack may not fit: keep them (the user decides), drop a grid/ΔI that cannot apply
    try {
      checkSettings(next, settings);
    } catch {
      settings = { ...settings, delta: null, grid: null };
    }
  }

  function runRadiography(): Job<RadiographyResult> {
    runs.radiography++;
    const key = radKey();
    const done = (r: RadiographyResult) => {
      radResult = r;
      radResultKey = r.cancelled ? null : key;
      if (key && !r.cancelled) {
        recentRad.set(key, r);
        deps.onDerivedChange?.();
      }
    };
    const s = stack!;
    const current = settings;
    const log = tlog ? { name: tlog.file.name, log: tlog.parsed } : null;
    if (stackPaths && deps.workerUrl && s.frameCount >= 8) {
      const job = measureInWorkers(deps.workerUrl, { paths: stackPaths, settings: current, frames: s.frameCount, workers: 2 });
      return startJob(
        { result: job.result.then((m) => summariseRadiography(s, current, m, { temperatureLog: log })), progress: () => ({ done: job.progress(), total: s.frameCount }), cancel: job.cancel },
        done,
        'radiography analysis',
      );
    }
    const progress = { done: 0, total: s.frameCount };
    let cancelled = false;
    const result = (async () => {
      const measured: Measured = await measureFrames(s, current, { onProgress: (d) => (progress.done = d), shouldCancel: () => cancelled });
      return summariseRadiography(s, current, measured, { temperatureLog: log });
    })();
    return startJob({ result, progress: () => ({ ...progress }), cancel: () => (cancelled = true) }, done, 'radiography analysis');
  }

  // ── map helpers ──
  function mapState(): MapStateView {
    return {
      layout: layout
        ? {
            nx: layout.nx,
            ny: layout.ny,
            note: layout.note,
            missing: layout.missing,
            problems: layout.problems,
            points: patterns.filter((p) => p !== null).length,
            wavelengthA: patterns.find((p) => p?.wavelengthA)?.wavelengthA ?? null,
          }
        : null,
      importOptions: mapImport,
      cifPhases: cifs.map((c) => ({ id: parseCif(new TextDecoder().decode(c.bytes), c.name).id, fileName: c.name })),
      options: mapOptions,
      result: mapResult,
      job: jobView(mapJob),
      revision: mapRevision,
    };
  }

  const mapChanged = (): MapStateView => {
    mapRevision++;
    return mapState();
  };

  const cifTexts = () => cifs.map((c) => ({ fileName: c.name, text: new TextDecoder().decode(c.bytes) }));

  function runMap(options: MapRunOptions): Job<{ result: MapResult; results: (FrameResult | null)[] }> {
    const { allowMissing: _allow, ...rest } = options;
    const analysisOptions = { ...rest, cifs: cifTexts() };
    runs.map++;
    const key = mapKey(options);
    const onDone = (v: { result: MapResult; results: (FrameResult | null)[] }) => {
      mapResult = v.result;
      mapResults = v.results;
      mapSetup = null;
      mapResultKey = v.result.cancelled ? null : key;
      if (key && !v.result.cancelled) {
        recentMap.set(key, v);
        deps.onDerivedChange?.();
      }
    };
    if (deps.workerUrl) {
      const shared = new Int32Array(new SharedArrayBuffer(12));
      const worker = new Worker(deps.workerUrl, limitedWorkerOptions);
      const result = new Promise<{ result: MapResult; results: (FrameResult | null)[] }>((resolve, reject) => {
        worker.once('message', (reply: { ok: boolean; result?: MapResult; results?: (FrameResult | null)[]; message?: string }) => {
          void worker.terminate();
          if (reply.ok && reply.result) resolve({ result: reply.result, results: reply.results ?? [] });
          else reject(new Error(reply.message ?? 'the map worker failed'));
        });
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`the map worker stopped (exit code ${code})`)));
      });
      worker.postMessage({ kind: 'map', files: mapFiles, importOptions: mapImport, options: analysisOptions, shared, threads: Math.min(4, availableParallelism()), workerHref: deps.workerUrl.href });
      return startJob({ result, progress: () => ({ done: Atomics.load(shared, 1), total: Atomics.load(shared, 2) }), cancel: () => Atomics.store(shared, 0, 1) }, onDone, 'map analysis');
    }
    const progress = { done: 0, total: 0 };
    let cancelled = false;
    const result = new Promise<{ result: MapResult; results: (FrameResult | null)[] }>((resolve, reject) => {
      setImmediate(() => {
        try {
          const { result: r, setup } = analyseMap(patterns, layout!, analysisOptions, {
            onProgress: (d, t) => Object.assign(progress, { done: d, total: t }),
            shouldCancel: () => cancelled,
          });
          mapSetup = setup;
          resolve({ result: r, results: setup.results });
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
    });
    return startJob({ result, progress: () => ({ ...progress }), cancel: () => (cancelled = true) }, (v) => {
      const setup = mapSetup;
      onDone(v);
      mapSetup = setup;
    }, 'map analysis');
  }

  function checkMapRun(options: MapRunOptions): void {
    if (!layout) throw deps.userError('No map is loaded: import its patterns first.');
    if (layout.missing.length > 0 && !options.allowMissing) {
      throw deps.userError(`${layout.missing.length} of ${layout.nx * layout.ny} points have no pattern: ${describeMissing(layout.missing)}. Tick "analyse the points that exist" to map the rest.`);
    }
    try {
      checkMapOptions({ ...options, cifs: cifTexts() });
    } catch (e) {
      throw deps.userError(errorMessage(e));
    }
  }

  const api: Omit<ImagingSession, 'section' | 'analysesRun'> = {
    tasks() {
      const out: TaskView[] = [];
      for (const [job, label] of [[radJob, 'Radiography analysis'], [mapJob, 'Map analysis']] as const) {
        const v = jobView(job as Job<unknown> | null);
        if (job && v && v.state === 'running') out.push({ id: job.taskId, label, fraction: v.total > 0 ? v.done / v.total : null, detail: v.total > 0 ? `${v.done} of ${v.total}` : 'starting' });
      }
      return out;
    },

    async radGetState() {
      return radState();
    },
    async radImport(files) {
      try {
        const { stack: next, ignored: ign } = await openStackFromBytes(files.map((f) => ({ name: baseName(f.name), bytes: f.bytes })));
        await replaceStack(next, files.map((f) => ({ name: baseName(f.name), bytes: f.bytes })), null, ign);
      } catch (e) {
        throw deps.userError(errorMessage(e));
      }
      deps.log('info', `radiography stack ${stack!.name}: ${stack!.frameCount} frames of ${stack!.width}×${stack!.height}`);
      return radChanged();
    },
    async radOpenDialog() {
      const paths = await deps.pickStackPaths();
      if (paths.length === 0) return radState();
      try {
        const opened = await openStackFromPaths(paths);
        await replaceStack(opened.stack, [], paths, opened.ignored);
      } catch (e) {
        throw deps.userError(errorMessage(e));
      }
      return radChanged();
    },
    async radSetTemperatureLog(file) {
      if (file === null) tlog = null;
      else {
        const name = baseName(file.name);
        try {
          tlog = { file: { name, bytes: file.bytes }, parsed: parseTemperatureLog(name, file.bytes) };
        } catch (e) {
          throw deps.userError(errorMessage(e));
        }
      }
      radResult = null;
      return radChanged();
    },
    async radSetSettings(next) {
      if (running(radJob)) throw deps.userError('Wait for the analysis to finish (or cancel it) before changing its settings.');
      if (stack) {
        try {
          checkSettings(stack, next);
        } catch (e) {
          throw deps.userError(errorMessage(e));
        }
      }
      settings = next;
      return radChanged();
    },
    async radFrame(index, maxSide) {
      if (!stack) throw deps.userError('No radiography stack is loaded.');
      if (index >= stack.frameCount) throw deps.userError(`There is no frame ${index}: the stack has ${stack.frameCount} (0–${stack.frameCount - 1}).`);
      try {
        return displayFrame(index, await readFrameFloat(stack, index), stack.width, stack.height, maxSide);
      } catch (e) {
        throw deps.userError(errorMessage(e));
      }
    },
    async radStart() {
      if (!stack) throw deps.userError('No radiography stack is loaded: import one first.');
      if (running(radJob)) throw deps.userError('An analysis is already running: wait for it or cancel it.');
      radJob = runRadiography();
      radRevision++;
      return jobView(radJob)!;
    },
    async radGetJob() {
      return jobView(radJob);
    },
    async radCancel() {
      if (running(radJob)) radJob!.cancel();
      return jobView(radJob);
    },
    async radResultsCsv() {
      if (!radResult) throw deps.userError('There are no radiography results yet: run the analysis first.');
      return radiographyCsv(radResult);
    },
    async radClear() {
      if (running(radJob)) radJob!.cancel();
      await stack?.close().catch(() => undefined);
      stack = null;
      stackFiles = [];
      stackPaths = null;
      ignored = [];
      settings = { ...DEFAULT_RADIOGRAPHY_SETTINGS };
      tlog = null;
      radResult = null;
      radJob = null;
      return radChanged();
    },

    async mapGetState() {
      return mapState();
    },
    async mapImport(files, options) {
      if (running(mapJob)) mapJob!.cancel();
      const named = files.map((f) => ({ name: baseName(f.name), bytes: f.bytes }));
      try {
        const loaded = await loadMapFromFiles(named, options, readMapFrames);
        layout = loaded.layout;
        patterns = loaded.patterns;
      } catch (e) {
        throw deps.userError(errorMessage(e));
      }
      mapFiles = named;
      mapImport = options;
      mapResult = null;
      mapResults = null;
      mapSetup = null;
      mapJob = null;
      return mapChanged();
    },
    async mapAddCif(file) {
      const name = baseName(file.name);
      let id: string;
      try {
        id = parseCif(new TextDecoder().decode(file.bytes), name).id;
      } catch (e) {
        throw deps.userError(errorMessage(e));
      }
      cifs = [...cifs.filter((c) => parseCif(new TextDecoder().decode(c.bytes), c.name).id !== id), { name, bytes: file.bytes }];
      return mapChanged();
    },
    async mapRemoveCif(id) {
      const before = cifs.length;
      cifs = cifs.filter((c) => parseCif(new TextDecoder().decode(c.bytes), c.name).id !== id);
      if (cifs.length === before) throw deps.userError(`There is no CIF phase ${id}.`);
      return mapChanged();
    },
    async mapStart(options) {
      if (running(mapJob)) throw deps.userError('A map analysis is already running: wait for it or cancel it.');
      checkMapRun(options);
      mapOptions = options;
      mapJob = runMap(options);
      mapRevision++;
      return jobView(mapJob)!;
    },
    async mapGetJob() {
      return jobView(mapJob);
    },
    async mapCancel() {
      if (running(mapJob)) mapJob!.cancel();
      return jobView(mapJob);
    },
    async mapPointFit(ix, iy) {
      if (!layout || !mapResult || !mapResults || !mapOptions) return null;
      if (ix >= layout.nx || iy >= layout.ny) throw deps.userError(`There is no point (ix ${ix}, iy ${iy}) on the ${layout.nx} × ${layout.ny} map.`);
      const { allowMissing: _a, ...rest } = mapOptions;
      mapSetup ??= rebuildMapSetup(patterns, { ...rest, cifs: cifTexts() }, mapResult.plan, mapResults);
      const k = iy * layout.nx + ix;
      const fit = mapPointFit(mapSetup, k);
      const point = mapResult.points[k];
      if (!fit || !point) return null;
      return {
        ix,
        iy,
        fileName: point.fileName,
        twoThetaDeg: fit.twoThetaDeg,
        observed: fit.observed,
        calculated: fit.calculated,
        background: fit.background,
        phases: fit.phases.map((curve, p) => ({ id: mapResult!.phases[p].id, curve })),
        rwp: fit.rwp,
      };
    },
    async mapResultsCsv() {
      if (!mapResult) throw deps.userError('There are no map results yet: run the analysis first.');
      return mapCsv(mapResult);
    },
    async mapClear() {
      if (running(mapJob)) mapJob!.cancel();
      mapFiles = [];
      mapImport = null;
      layout = null;
      patterns = [];
      cifs = [];
      mapOptions = null;
      mapResult = null;
      mapResults = null;
      mapSetup = null;
      mapJob = null;
      return mapChanged();
    },

    snapshot() {
      return {
        state: {
          radiography: {
            stack: stackPaths ? { kind: 'disk', paths: [...stackPaths] } : stack ? { kind: 'memory', names: stackFiles.map((f) => f.name) } : null,
            settings,
            temperatureLog: tlog?.file.name ?? null,
            analysed: radResult !== null,
          },
          map: { files: mapFiles.map((f) => f.name), importOptions: mapImport, cifs: cifs.map((c) => c.name), options: mapOptions, analysed: mapResult !== null },
        },
        files: [
          ...(stackPaths ? [] : stackFiles.map((f) => ({ name: `stack/${f.name}`, bytes: f.bytes }))),
          ...(tlog ? [{ name: `tlog/${tlog.file.name}`, bytes: tlog.file.bytes }] : []),
          ...mapFiles.map((f) => ({ name: `map/${f.name}`, bytes: f.bytes })),
          ...cifs.map((f) => ({ name: `cif/${f.name}`, bytes: f.bytes })),
        ],
      };
    },
    async restore(snap, derived) {
      const role = (r: string) => snap.files.filter((f) => f.name.startsWith(`${r}/`)).map((f) => ({ name: f.name.slice(r.length + 1), bytes: f.bytes }));
      await api.radClear();
      await api.mapClear();
      const rs = snap.state.radiography;
      if (rs.stack?.kind === 'memory' && rs.stack.names.length) await api.radImport(role('stack'));
      if (rs.stack?.kind === 'disk') {
        const opened = await openStackFromPaths(rs.stack.paths);
        await replaceStack(opened.stack, [], rs.stack.paths, opened.ignored);
      }
      const log = role('tlog')[0];
      if (log) await api.radSetTemperatureLog(log);
      settings = rs.settings;
      if (rs.analysed && stack) {
        // a recent result (undo/redo) or the one stored with the study, for these very inputs; else measured again
        const key = radKey()!;
        const known = recentRad.get(key) ?? (storedResult(derived, 'radiography', RADIOGRAPHY_ENGINE, key, isRadiographyResult) as RadiographyResult | null);
        if (known) {
          radResult = known;
          radResultKey = key;
          recentRad.set(key, known);
        } else {
          if (derived?.some((d) => d.key === 'radiography')) deps.log('info', `the radiography results of the opened study are measured again (stored by another version or for other inputs; this version is ${RADIOGRAPHY_ENGINE})`);
          radJob = runRadiography();
          await radJob.result.catch(() => undefined);
        }
      }
      const ms = snap.state.map;
      for (const c of role('cif')) await api.mapAddCif(c);
      if (ms.importOptions && ms.files.length) await api.mapImport(role('map'), ms.importOptions);
      mapOptions = ms.options;
      if (ms.analysed && ms.options && layout) {
        const key = mapKey(ms.options)!;
        const known = recentMap.get(key) ?? (storedResult(derived, 'map', MAP_ENGINE, key, isStoredMap) as { result: MapResult; results: (FrameResult | null)[] } | null);
        if (known) {
          mapResult = known.result;
          mapResults = known.results;
          mapSetup = null;
          mapResultKey = key;
          recentMap.set(key, known);
        } else {
          if (derived?.some((d) => d.key === 'map')) deps.log('info', `the map results of the opened study are analysed again (stored by another version or for other inputs; this version is ${MAP_ENGINE})`);
          mapJob = runMap(ms.options);
          await mapJob.result.catch(() => undefined);
        }
      }
      radRevision++;
      mapRevision++;
    },
  };
  const section: StudySection<ImagingPersistedState> = {
    id: 'imaging',
    label: 'Radiography and maps',
    version: IMAGING_SECTION_VERSION,
    snapshot: () => api.snapshot(),
    async restore(snap, derived) {
      const parsed = imagingStateSchema.safeParse(snap.state);
      if (!parsed.success) throw deps.userError(`The radiography/map part of the study is not readable: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      await api.restore({ state: parsed.data as ImagingPersistedState, files: snap.files }, derived);
    },
    derived(): DerivedValue[] {
      const out: DerivedValue[] = [];
      const rk = radResult ? radKey() : null;
      if (radResult && rk !== null && rk === radResultKey) out.push({ key: 'radiography', engine: RADIOGRAPHY_ENGINE, value: { inputs: rk, result: radResult } });
      const mk = mapResult ? mapKey(mapOptions) : null;
      if (mapResult && mk !== null && mk === mapResultKey) out.push({ key: 'map', engine: MAP_ENGINE, value: { inputs: mk, result: { result: mapResult, results: mapResults ?? [] } } });
      return out;
    },
    async clear() {
      await api.radClear();
      await api.mapClear();
    },
    busy: () => (running(radJob) || running(mapJob) ? 'Wait for the radiography or map analysis to finish (or cancel it) before undoing or redoing a change.' : null),
  };
  return Object.assign(api, { section, analysesRun: () => ({ ...runs }) });
}

/** A stored radiography result has the shape the views read (it comes from a file: checked, never trusted). */
function isRadiographyResult(v: unknown): boolean {
  const r = v as RadiographyResult | null;
  return !!r && typeof r === 'object' && r.timesS instanceof Float64Array && !!r.frame && r.frame.mean instanceof Float64Array && Array.isArray(r.rois) && Array.isArray(r.onsets) && Array.isArray(r.warnings) && typeof r.stack === 'object';
}

/** A stored map result: the MapResult with one point slot per grid point and the per-point refinements. */
function isStoredMap(v: unknown): boolean {
  const m = v as { result?: MapResult; results?: unknown[] } | null;
  const r = m?.result;
  return !!r && typeof r === 'object' && Number.isInteger(r.nx) && Number.isInteger(r.ny) && Array.isArray(r.points) && r.points.length === r.nx * r.ny && Array.isArray(m!.results) && Array.isArray(r.warnings) && !!r.plan;
}
