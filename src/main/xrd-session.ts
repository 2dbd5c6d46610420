/**
 * The XRD half of the session (createHandlers spreads it into the Api): one in situ sequence at full resolution,
 * the phases (library + CIF files), the analysis job and its result. The renderer never receives the frames in
 * bulk: it asks for binned heatmaps (the views' binHeatmap, run here next to the data) and for single frames.
 * The analysis (core/xrd/pipeline analyseSequence) runs through an XrdAnalysisRunner: a worker thread in the real
 * hosts (xrd-analysis-runner.ts), in-process in unit tests. Progress is polled (xrdGetJob, getTasks), so it works
 * the same over IPC and over HTTP.
 */
import type {
  FileBytes,
  ImportFailure,
  TaskView,
  XrdApi,
  XrdImportOptions,
  XrdJobView,
  XrdPhaseView,
  XrdRunOptions,
  XrdSequenceView,
  XrdStateView,
} from '../shared/api';
import { XRD_MAX_FRAMES_PER_CALL } from '../shared/api';
import type { PatternSequence } from '../shared/xrd';
import type { XrdAnalysis, XrdAnalysisOptions, XrdProgressStage } from '../shared/xrd-results';
import { renderAnalysisRefs, renderSettingRefs } from '../shared/xrd-settings';
import { decodeBytes } from '../core/text/decode';
import { phaseLibrary } from '../core/xrd/crystal/library';
import type { PhaseDef } from '../core/xrd/crystal/types';
import { resolvePhases, xrdAnalysisToCsv } from '../core/xrd/pipeline';
import { assembleSequence, attachTemperatureLog, type ReadSequenceFile } from '../core/xrd/sequence';
import { parseTemperatureLog } from '../core/xrd/temperature-log';
import { sequenceImportReport } from '../core/xrd/import-report';
import type { XrdImportReport } from '../shared/xrd';
import { axisExtent, binHeatmap, frameCurves, type FrameCurve, type HeatmapGrid } from '../core/xrd/display';
import type { FrameResult } from '../core/xrd/rietveld/types';
import { parseInstprm, tubeRadiation } from '../core/xrd/rietveld/instprm';
import { frameFit, rietveldSetup, type RietveldSetup } from './xrd-frame-fit';
import { xrdAnalysisOptionsSchema } from '../shared/api';
import { ImportCancelled } from './import-pool';
import type { ImportRunner } from './import-read';
import { setMaxListeners } from 'node:events';
import { sha256Hex } from './study/hash';
import { quoted, type DerivedValue, type SectionSnapshot, type StudyCommands, type StudySection } from './study/sections';
import { parseXrdState, XRD_ENGINE, XRD_SECTION_VERSION, type XrdStudyState } from './study/xrd-state';

/** One analysis in flight: its result, its live progress and a way to stop it between frames. */
export interface XrdAnalysisJob {
  result: Promise<XrdAnalysis>;
  /** The refinement chain behind the frame fits (xrd-frame-fit.ts), null without refinement or when cancelled. */
  chain: Promise<FrameResult[] | null>;
  progress(): { done: number; total: number; stage?: XrdProgressStage };
  cancel(): void;
}

export type XrdAnalysisRunner = (seq: PatternSequence, options: XrdAnalysisOptions) => XrdAnalysisJob;

export interface XrdSessionDeps {
  runAnalysis: XrdAnalysisRunner;
  /** Reads frames, CIF phases and temperature logs: the import pool's workers in the hosts (import-pool.ts). */
  importFile: ImportRunner;
  readFile(path: string): Promise<Uint8Array>;
  /** Native multi-file dialog for sequence frames; [] when cancelled or when the host has none. */
  pickSequenceFiles(): Promise<string[]>;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  /** Errors whose message is meant for the user (the handlers' UserError). */
  userError(message: string): Error;
  nextTaskId(): number;
  /** An analysis finished: the study has new derived results to save. */
  onDerivedChange?(): void;
}

export interface XrdSession extends XrdApi {
  /** The running import and analysis as tasks for getTasks. */
  tasks(): TaskView[];
  /** Stop the import or the analysis with this task id (getTasks); false when it is not one of them. */
  cancelTask(id: number): boolean;
  /** What the SXRD workspace saves in a study, and how undo restores it (see study/sections.ts). */
  section: StudySection<XrdStudyState>;
}

interface LoadedSequence {
  name: string;
  /** The frame files exactly as imported (saved in the study file). */
  files: FileBytes[];
  fromFolder: boolean;
  /** Built with interval 1 s, offset 0 and the files' wavelength: times are frame indices or metadata times. */
  base: PatternSequence;
  intervalS: number;
  offsetS: number;
  wavelengthA: number | null;
  temperatureLog: { name: string; bytes: Uint8Array; timeS: Float64Array; temperatureC: Float64Array } | null;
  /** The sequence as the views and the analysis see it. */
  current: PatternSequence;
  generation: number;
}

interface CifPhase {
  fileName: string;
  bytes: Uint8Array;
  text: string;
  def: PhaseDef;
}

interface Job {
  view: XrdJobView;
  run: XrdAnalysisJob;
  taskId: number;
}

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/** A name for a sequence from its files: the shared stem of the names ('fe2o3_nio_700C' from fe2o3_nio_700C_00012.xy). */
export function sequenceName(fileNames: string[]): string {
  if (fileNames.length === 0) return 'sequence';
  const stems = fileNames.map((n) => n.replace(/\.[^.]+$/, ''));
  let prefix = stems[0];
  for (const s of stems) while (!s.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const trimmed = prefix.replace(/[\s_\-.]*\d*$/, '').replace(/[\s_\-.]+$/, '');
  return trimmed || stems[0];
}

export { parseTemperatureLog };

/** The sequence with the chosen interval, offset, wavelength and temperature log applied to the base. */
export function applySequenceOptions(state: Omit<LoadedSequence, 'current' | 'generation'>): PatternSequence {
  const { base } = state;
  const timesS = new Float64Array(base.timesS.length);
  const scale = base.timeSource === 'interval' ? state.intervalS : 1;
  for (let i = 0; i < timesS.length; i++) timesS[i] = base.timesS[i] * scale + state.offsetS;
  let seq: PatternSequence = {
    ...base,
    timesS,
    wavelengthA: state.wavelengthA ?? base.wavelengthA,
    intervalS: state.intervalS,
    offsetS: state.offsetS,
  };
  if (state.temperatureLog) seq = attachTemperatureLog(seq, state.temperatureLog.timeS, state.temperatureLog.temperatureC);
  return seq;
}

/** 2θ extent of the frames; [0, 1] when they are on q or d and no wavelength is known yet. */
function twoThetaRange(seq: PatternSequence): [number, number] {
  try {
    const r = axisExtent(seq, '2th_deg');
    return Number.isFinite(r[0]) && Number.isFinite(r[1]) ? r : [0, 1];
  } catch {
    return [0, 1];
  }
}

/**
 * The analysis options of a run request: `radiation` (a tube by name) and `instprm` (GSAS-II instrument parameters,
 * parsed here) resolved as the CLI's --radiation and --instprm are: λ1 only when no wavelength is given (the files'
 * own λ still wins in the analysis), λ2 and I(Kα2)/I(Kα1) unless given, and from the .instprm its polarisation K,
 * zero shift and U, V, W, X, Y profile unless given. Throws (with the file's name) on a bad tube or file.
 */
export function instrumentRunOptions(run: XrdRunOptions): Omit<XrdAnalysisOptions, 'cifs'> {
  const { radiation, instprm, ...options } = run;
  if (radiation !== undefined && instprm !== undefined) throw new Error('A tube radiation and a .instprm file both set the wavelengths: give one.');
  const out: Omit<XrdAnalysisOptions, 'cifs'> = { ...options };
  const setRadiation = (r: { wavelengthA: number; wavelength2A?: number; ratio21?: number }) => {
    out.wavelengthA ??= r.wavelengthA;
    if (r.wavelength2A && out.wavelength2A === undefined) {
      out.wavelength2A = r.wavelength2A;
      out.ratio21 ??= r.ratio21 ?? 0.5;
    }
  };
  if (radiation !== undefined) setRadiation(tubeRadiation(radiation));
  if (instprm !== undefined) {
    const name = baseName(instprm.name);
    // A GSAS-II instrument file is a few hundred bytes of text; it is read here, on the main thread.
    if (instprm.bytes.length > 1024 * 1024) throw new Error(`${name}: ${(instprm.bytes.length / 1048576).toFixed(1)} MB is not a GSAS-II instrument parameter file (a few kB of text)`);
    let inst;
    try {
      inst = parseInstprm(decodeBytes(instprm.bytes).text);
    } catch (error) {
      throw new Error(`${name}: ${errorMessage(error)}`);
    }
    setRadiation(inst.radiation);
    if (inst.polarisationK !== null) out.polarisationK ??= inst.polarisationK;
    out.zeroShiftDeg ??= inst.zeroShiftDeg;
    const { U, V, W, X, Y } = inst.profile;
    out.instrumentProfile ??= { U, V, W, X, Y };
  }
  return out;
}

/** What the frame fits of an analysis are drawn from; the Rietveld setup is built on first use. */
type Fits = { seq: PatternSequence; options: XrdAnalysisOptions; chain: FrameResult[]; setup?: RietveldSetup | null } | null;

export function createXrdSession(deps: XrdSessionDeps): XrdSession {
  let loaded: LoadedSequence | null = null;
  const cifs: CifPhase[] = [];
  let analysis: XrdAnalysis | null = null;
  /** What the frame fits of `analysis` are drawn from (null with it); the Rietveld setup is built on first use. */
  let fits: Fits = null;
  let job: Job | null = null;
  let revision = 0;
  let generation = 0;
  /** The options of the last analysis run (saved in the study; the analysis panel starts from them). */
  let runOptions: XrdRunOptions | null = null;
  /** Inputs of `analysis` (inputsKey()), and finished analyses by their inputs, so undo brings results back. */
  let analysisInputs: string | null = null;
  const finished = new Map<string, { analysis: XrdAnalysis; fits: Fits }>();
  /** The frame import in progress, as a task, and how to stop it. */
  let importTask: TaskView | null = null;
  let cancelImport: { taskId: number; stop(): void } | null = null;

  const libraryViews: XrdPhaseView[] = phaseLibrary.map((p) => phaseView(p, 'library', null));

  function phaseView(p: PhaseDef, source: XrdPhaseView['source'], fileName: string | null): XrdPhaseView {
    return { id: p.id, name: p.name, formula: p.formula, spaceGroup: p.spaceGroup.symbol, source, fileName, structure: source === 'cif' ? p : null };
  }

  /** One report per built sequence (state() is polled while an analysis runs). */
  const reports = new WeakMap<PatternSequence, XrdImportReport>();
  function importReport(seq: PatternSequence): XrdImportReport {
    let r = reports.get(seq);
    if (!r) {
      r = sequenceImportReport(seq);
      reports.set(seq, r);
    }
    return r;
  }

  function sequenceView(s: LoadedSequence): XrdSequenceView {
    const seq = s.current;
    const counts = new Map<number, number>();
    for (const f of seq.frames) counts.set(f.x.length, (counts.get(f.x.length) ?? 0) + 1);
    const points = [...counts.entries()].sort((p, q) => q[1] - p[1])[0]?.[0] ?? 0;
    return {
      name: s.name,
      frameCount: seq.frames.length,
      timesS: seq.timesS,
      fileNames: seq.frames.map((f) => (f.label ? `${f.fileName} (${f.label})` : f.fileName)),
      wavelengthA: seq.wavelengthA,
      fileWavelengthA: s.base.wavelengthA,
      twoThetaRangeDeg: twoThetaRange(seq),
      points,
      formatIds: [...new Set(seq.frames.map((f) => f.formatId))],
      timeSource: seq.timeSource,
      intervalS: s.intervalS,
      offsetS: s.offsetS,
      skipped: seq.skipped.map((k) => ({ fileName: k.fileName, message: k.message })),
      warnings: seq.warnings ?? [],
      temperatureC: seq.temperatureC ?? null,
      temperatureLogName: s.temperatureLog?.name ?? null,
      importReport: importReport(seq),
    };
  }

  function jobView(): XrdJobView | null {
    if (!job) return null;
    if (job.view.state === 'running') {
      const { stage, ...p } = job.run.progress();
      job.view = { id: job.view.id, state: job.view.state, message: job.view.message, done: p.done, total: p.total, ...(stage ? { stage } : {}) };
    }
    return { ...job.view };
  }

  function state(): XrdStateView {
    return {
      sequence: loaded ? sequenceView(loaded) : null,
      phases: [...libraryViews, ...cifs.map((c) => phaseView(c.def, 'cif', c.fileName))],
      analysis,
      job: jobView(),
      revision,
    };
  }

  function changed(): XrdStateView {
    revision++;
    return state();
  }

  function requireSequence(): LoadedSequence {
    if (!loaded) throw deps.userError('No SXRD sequence is loaded: import its frames first.');
    return loaded;
  }

  function running(): boolean {
    return job !== null && job.view.state === 'running';
  }

  function stopJob(): void {
    if (job && job.view.state === 'running') {
      job.run.cancel();
      job.view = { ...job.view, state: 'cancelled' };
    }
  }

  /**
   * Read the files in the import workers (in parallel, one task with progress that cancelTask stops) and build the
   * sequence from them. Inside a folder, files no reader recognises (README.md, truth.json) are ignored by name.
   */
  async function readAll(all: FileBytes[], fromFolder: boolean): Promise<{ read: ReadSequenceFile[]; ignored: string[] } | null> {
    const taskId = deps.nextTaskId();
    const stop = new AbortController();
    // one listener per file waiting in the import pool (a sequence has hundreds)
    setMaxListeners(all.length + 10, stop.signal);
    let done = 0;
    let bytesRead = 0;
    const totalBytes = all.reduce((sum, f) => sum + f.bytes.length, 0);
    const update = (): void => {
      importTask = {
        id: taskId,
        label: `Reading ${all.length} frame file${all.length === 1 ? '' : 's'}`,
        fraction: all.length > 0 ? done / all.length : 1,
        detail: `${done} of ${all.length} files, ${(bytesRead / 1048576).toFixed(1)} of ${(totalBytes / 1048576).toFixed(1)} MB`,
        cancellable: true,
      };
    };
    cancelImport = { taskId, stop: () => stop.abort() };
    update();
    const ignored: string[] = [];
    try {
      const read = await Promise.all(
        all.map(async (f): Promise<ReadSequenceFile | null> => {
          try {
            const frames = await deps.importFile({ kind: 'xrd', name: f.name, bytes: f.bytes, onlyRecognised: fromFolder }, { signal: stop.signal });
            if (frames === null) {
              ignored.push(f.name);
              return null;
            }
            return { name: f.name, frames };
          } catch (error) {
            if (error instanceof ImportCancelled || stop.signal.aborted) return null;
            return { name: f.name, error: errorMessage(error) };
          } finally {
            done++;
            bytesRead += f.bytes.length;
            update();
          }
        }),
      );
      if (stop.signal.aborted) return null;
      return { read: read.filter((r): r is ReadSequenceFile => r !== null), ignored: ignored.sort() };
    } finally {
      importTask = null;
      cancelImport = null;
    }
  }

  async function load(files: FileBytes[], options: XrdImportOptions): Promise<{ skipped: ImportFailure[]; ignored: string[]; cancelled?: boolean }> {
    const all = files.map((f) => ({ name: baseName(f.name), bytes: f.bytes }));
    const result = await readAll(all, options.fromFolder === true);
    if (result === null) {
      deps.log('info', `SXRD import of ${all.length} files cancelled`);
      return { skipped: [], ignored: [], cancelled: true };
    }
    const { read, ignored } = result;
    const named = all.filter((f) => !ignored.includes(f.name));
    if (read.length === 0) throw deps.userError(`None of the ${all.length} files is a diffraction pattern a reader recognises.`);
    const base = assembleSequence(read, { intervalS: 1, offsetS: 0 });
    const skipped = base.skipped.map((k) => ({ fileName: k.fileName, message: k.message.includes(k.fileName) ? k.message : `${k.fileName}: ${k.message}` }));
    base.skipped = skipped;
    if (base.frames.length === 0) {
      const why = skipped.length > 0 ? skipped.map((k) => k.message).join('; ') : 'no files';
      throw deps.userError(`No frame could be read: ${why}`);
    }
    stopJob();
    const settings = {
      name: sequenceName([...new Set(base.frames.map((f) => f.fileName))]),
      files: named,
      fromFolder: options.fromFolder ?? false,
      base,
      intervalS: options.intervalS ?? 2,
      offsetS: options.offsetS ?? 0,
      wavelengthA: options.wavelengthA ?? null,
      temperatureLog: null,
    };
    loaded = { ...settings, current: applySequenceOptions(settings), generation: ++generation };
    analysis = null;
    fits = null;
    job = null;
    for (const k of skipped) deps.log('warn', `SXRD frame skipped: ${k.message}`);
    deps.log('info', `SXRD sequence ${loaded.name}: ${base.frames.length} frames (${skipped.length} skipped)`);
    return { skipped, ignored };
  }

  /** Rebuild the current sequence; when its times or wavelength changed, the analysis no longer describes it. */
  function reapply(s: LoadedSequence, axesChanged: boolean): void {
    s.current = applySequenceOptions(s);
    if (!axesChanged) return;
    s.generation = ++generation;
    analysis = null;
    fits = null;
    job = null;
  }

  // ───────────── study section: what the SXRD workspace saves (src/main/study/xrd-state.ts) ─────────────

  function clearAll(): void {
    stopJob();
    loaded = null;
    cifs.splice(0);
    analysis = null;
    analysisInputs = null;
    fits = null;
    job = null;
    runOptions = null;
  }

  /** Everything the analysis result depends on: the frames, the sequence options, the log, the CIFs, the options. */
  function inputsKey(): string {
    const { instprm, ...rest } = runOptions ?? {};
    return JSON.stringify([
      loaded ? [loaded.files.map((f) => sha256Hex(f.bytes)), loaded.intervalS, loaded.offsetS, loaded.wavelengthA, loaded.temperatureLog ? sha256Hex(loaded.temperatureLog.bytes) : null] : null,
      cifs.map((c) => sha256Hex(c.bytes)),
      runOptions ? rest : null,
      instprm ? sha256Hex(instprm.bytes) : null,
    ]);
  }

  /** Keep a few finished analyses by their inputs, so undo and redo bring their results back without re-running. */
  function remember(key: string, result: XrdAnalysis, resultFits: Fits): void {
    finished.delete(key);
    finished.set(key, { analysis: result, fits: resultFits });
    while (finished.size > 6) finished.delete(finished.keys().next().value as string);
  }

  function snapshot(): SectionSnapshot<XrdStudyState> {
    const files: FileBytes[] = [];
    const add = (f: FileBytes): number => files.push({ name: f.name, bytes: f.bytes }) - 1;
    const sequence = loaded
      ? {
          name: loaded.name,
          files: loaded.files.map(add),
          fromFolder: loaded.fromFolder,
          intervalS: loaded.intervalS,
          offsetS: loaded.offsetS,
          wavelengthA: loaded.wavelengthA,
          temperatureLog: loaded.temperatureLog ? { file: add({ name: loaded.temperatureLog.name, bytes: loaded.temperatureLog.bytes }) } : null,
        }
      : null;
    const cifFiles = cifs.map((c) => ({ file: add({ name: c.fileName, bytes: c.bytes }) }));
    let analysisOptions: XrdStudyState['analysisOptions'] = null;
    if (runOptions) {
      const { instprm, ...rest } = runOptions;
      analysisOptions = { ...structuredClone(rest), ...(instprm ? { instprm: { file: add(instprm) } } : {}) };
    }
    return { state: { sequence, cifs: cifFiles, analysisOptions }, files };
  }

  async function restore(snap: SectionSnapshot<unknown>, derived?: DerivedValue[]): Promise<void> {
    const st = parseXrdState(snap.state, snap.files.length);
    const file = (i: number): FileBytes => snap.files[i];
    // the run options as the Api would receive them (validated like a renderer's request)
    let nextOptions: XrdRunOptions | null = null;
    if (st.analysisOptions) {
      const { instprm, ...rest } = st.analysisOptions;
      const parsed = xrdAnalysisOptionsSchema.safeParse({ ...rest, ...(instprm ? { instprm: file(instprm.file) } : {}) });
      if (!parsed.success) throw new Error(`the SXRD analysis options are invalid (${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`);
      nextOptions = parsed.data as XrdRunOptions;
    }
    const nextCifs: CifPhase[] = await Promise.all(st.cifs.map(async (c) => {
      const f = file(c.file);
      const same = cifs.find((x) => x.bytes === f.bytes || (x.fileName === f.name && sha256Hex(x.bytes) === sha256Hex(f.bytes)));
      if (same) return same;
      const text = decodeBytes(f.bytes).text;
      return { fileName: f.name, bytes: f.bytes, text, def: await deps.importFile({ kind: 'cif', name: f.name, bytes: f.bytes }) };
    }));
    let nextLoaded: LoadedSequence | null = null;
    if (st.sequence) {
      const sq = st.sequence;
      const frames = sq.files.map(file);
      const sameFrames =
        loaded !== null && loaded.files.length === frames.length && loaded.files.every((f, i) => f.name === frames[i].name && (f.bytes === frames[i].bytes || sha256Hex(f.bytes) === sha256Hex(frames[i].bytes)));
      let base = sameFrames && loaded ? loaded.base : null;
      if (!base) {
        const result = await readAll(frames, false);
        if (result === null) throw new Error('reading the SXRD frames was cancelled');
        base = assembleSequence(result.read, { intervalS: 1, offsetS: 0 });
      }
      if (base.frames.length === 0) throw new Error('none of the SXRD frames can be read');
      const logFile = sq.temperatureLog ? file(sq.temperatureLog.file) : null;
      const temperatureLog = logFile ? { name: logFile.name, bytes: logFile.bytes, ...(await deps.importFile({ kind: 'templog', name: logFile.name, bytes: logFile.bytes })) } : null;
      const settings = { name: sq.name, files: frames, fromFolder: sq.fromFolder, base, intervalS: sq.intervalS, offsetS: sq.offsetS, wavelengthA: sq.wavelengthA, temperatureLog };
      const keepGeneration = sameFrames && loaded !== null && loaded.intervalS === sq.intervalS && loaded.offsetS === sq.offsetS && loaded.wavelengthA === sq.wavelengthA;
      nextLoaded = { ...settings, current: applySequenceOptions(settings), generation: keepGeneration && loaded ? loaded.generation : ++generation };
    }
    stopJob();
    job = null;
    loaded = nextLoaded;
    cifs.splice(0, cifs.length, ...nextCifs);
    runOptions = nextOptions;
    const key = inputsKey();
    const known = finished.get(key);
    const stored = derived?.find((d) => d.key === 'analysis' && d.engine === XRD_ENGINE);
    const storedValue = stored?.value as { inputs?: string; analysis?: XrdAnalysis } | undefined;
    if (known) {
      analysis = known.analysis;
      fits = known.fits;
      analysisInputs = key;
    } else if (storedValue?.inputs === key && storedValue.analysis) {
      // results saved with the study by this engine: shown as they are (the frame fits need a new run)
      analysis = storedValue.analysis;
      fits = null;
      analysisInputs = key;
    } else {
      analysis = null;
      fits = null;
      analysisInputs = null;
    }
    revision++;
    // Opened from a file whose results were computed by another engine (or not saved): compute them again.
    if (derived !== undefined && analysis === null && runOptions && loaded) {
      try {
        await api.xrdStartAnalysis(runOptions);
        deps.log('info', 'SXRD results of the opened study are being recomputed by this version');
      } catch (error) {
        deps.log('warn', `the opened study's SXRD analysis could not be restarted: ${errorMessage(error)}`);
      }
    }
  }

  const api: XrdSession = {
    tasks() {
      const out: TaskView[] = importTask ? [importTask] : [];
      const view = jobView();
      if (!job || !view || view.state !== 'running') return out;
      const fraction = view.total > 0 ? view.done / view.total : null;
      out.push({ id: job.taskId, label: 'SXRD analysis', fraction, detail: view.total > 0 ? `${view.done} of ${view.total} steps` : 'finding starting cells', cancellable: true });
      return out;
    },
    cancelTask(id) {
      if (cancelImport && cancelImport.taskId === id) {
        cancelImport.stop();
        return true;
      }
      if (job && job.taskId === id && job.view.state === 'running') {
        job.run.cancel();
        return true;
      }
      return false;
    },
    async xrdGetState() {
      return state();
    },
    async xrdOpenFiles(options) {
      const paths = await deps.pickSequenceFiles();
      if (paths.length === 0) return { state: state(), skipped: [], ignored: [] };
      const files = await Promise.all(paths.map(async (p) => ({ name: baseName(p), bytes: await deps.readFile(p) })));
      const { skipped, ignored, cancelled } = await load(files, options);
      return { state: cancelled ? state() : changed(), skipped, ignored, ...(cancelled ? { cancelled } : {}) };
    },
    async xrdImportFiles(files, options) {
      const { skipped, ignored, cancelled } = await load(files, options);
      return { state: cancelled ? state() : changed(), skipped, ignored, ...(cancelled ? { cancelled } : {}) };
    },
    async xrdSetSequenceOptions(options) {
      const s = requireSequence();
      if (running()) throw deps.userError('Wait for the analysis to finish (or cancel it) before changing the sequence.');
      const before = JSON.stringify([s.intervalS, s.offsetS, s.wavelengthA]);
      if (options.intervalS !== undefined) s.intervalS = options.intervalS;
      if (options.offsetS !== undefined) s.offsetS = options.offsetS;
      if (options.wavelengthA !== undefined) s.wavelengthA = options.wavelengthA;
      reapply(s, JSON.stringify([s.intervalS, s.offsetS, s.wavelengthA]) !== before);
      return changed();
    },
    async xrdSetTemperatureLog(file) {
      const s = requireSequence();
      if (file === null) s.temperatureLog = null;
      else {
        const name = baseName(file.name);
        try {
          s.temperatureLog = { name, bytes: file.bytes, ...(await deps.importFile({ kind: 'templog', name, bytes: file.bytes })) };
        } catch (error) {
          throw deps.userError(errorMessage(error));
        }
      }
      reapply(s, false);
      return changed();
    },
    async xrdHeatmap(request): Promise<HeatmapGrid> {
      const s = requireSequence();
      if (request.axis && request.axis !== '2th_deg' && s.current.wavelengthA === null) throw deps.userError('The files do not state the wavelength: set it to show q or d.');
      try {
        return binHeatmap(s.current, request);
      } catch (error) {
        throw deps.userError(`Heatmap: ${errorMessage(error)}`);
      }
    },
    async xrdFrames(indices, axis, range): Promise<FrameCurve[]> {
      const s = requireSequence();
      const n = s.current.frames.length;
      const bad = indices.find((i) => i >= n);
      if (bad !== undefined) throw deps.userError(`There is no frame ${bad}: the sequence has ${n} frames.`);
      if (indices.length > XRD_MAX_FRAMES_PER_CALL) throw deps.userError(`At most ${XRD_MAX_FRAMES_PER_CALL} frames per call.`);
      if (axis !== '2th_deg' && s.current.wavelengthA === null) throw deps.userError('The files do not state the wavelength: set it to show q or d.');
      return frameCurves(s.current, indices, axis, range ?? undefined);
    },
    async xrdAddPhaseCif(file) {
      const fileName = baseName(file.name);
      let def: PhaseDef;
      try {
        def = await deps.importFile({ kind: 'cif', name: fileName, bytes: file.bytes });
      } catch (error) {
        throw deps.userError(errorMessage(error));
      }
      const text = decodeBytes(file.bytes).text;
      if (phaseLibrary.some((p) => p.id.toLowerCase() === def.id.toLowerCase())) throw deps.userError(`${fileName}: its id ${def.id} is a library phase's id.`);
      const i = cifs.findIndex((c) => c.def.id.toLowerCase() === def.id.toLowerCase());
      if (i >= 0) cifs.splice(i, 1, { fileName, bytes: file.bytes, text, def });
      else cifs.push({ fileName, bytes: file.bytes, text, def });
      deps.log('info', `phase ${def.id} (${def.formula}, ${def.spaceGroup.symbol}) read from ${fileName}`);
      return changed();
    },
    async xrdRemovePhase(id) {
      const i = cifs.findIndex((c) => c.def.id === id);
      if (i < 0) throw deps.userError(phaseLibrary.some((p) => p.id === id) ? `${id} is a library phase and cannot be removed.` : `There is no phase ${id}.`);
      cifs.splice(i, 1);
      return changed();
    },
    async xrdStartAnalysis(runOptionsArg: XrdRunOptions) {
      const s = requireSequence();
      if (running()) throw deps.userError('An analysis is already running: wait for it or cancel it.');
      let options: XrdAnalysisOptions;
      try {
        options = { ...instrumentRunOptions(runOptionsArg), cifs: cifs.map((c) => ({ fileName: c.fileName, text: c.text })) };
      } catch (error) {
        throw deps.userError(errorMessage(error));
      }
      if (s.current.wavelengthA === null && options.wavelengthA === undefined) throw deps.userError('The files do not state the wavelength: enter it (Å), or pick the tube.');
      try {
        resolvePhases(options);
      } catch (error) {
        throw deps.userError(renderSettingRefs(errorMessage(error), 'app'));
      }
      const forGeneration = s.generation;
      runOptions = runOptionsArg;
      const forInputs = inputsKey();
      const run = deps.runAnalysis(s.current, options);
      const id = job ? job.view.id + 1 : 1;
      const current: Job = { view: { id, state: 'running', done: 0, total: 0, message: null }, run, taskId: deps.nextTaskId() };
      job = current;
      revision++;
      const seq = s.current;
      Promise.all([run.result, run.chain]).then(
        ([result, chain]) => {
          if (job !== current) return;
          const p = run.progress();
          current.view = { id: current.view.id, state: result.cancelled ? 'cancelled' : 'done', message: current.view.message, done: p.done, total: p.total };
          const resultFits = chain ? { seq, options, chain } : null;
          // the core names settings by token: the app shows its controls, never a command-line flag
          const shown = renderAnalysisRefs(result, 'app');
          if (!result.cancelled) remember(forInputs, shown, resultFits);
          if (loaded && loaded.generation === forGeneration) {
            // shown as before; saved with the study only while its inputs are the study's (derived())
            analysis = shown;
            fits = resultFits;
            analysisInputs = forInputs;
            deps.onDerivedChange?.();
          }
          revision++;
          deps.log('info', `SXRD analysis ${result.cancelled ? 'cancelled' : 'finished'}: ${result.frames.length} frames`);
        },
        (error: unknown) => {
          if (job !== current) return;
          current.view = { ...current.view, state: 'failed', message: renderSettingRefs(errorMessage(error), 'app') };
          revision++;
          deps.log('warn', `SXRD analysis failed: ${errorMessage(error)}`);
        },
      );
      return jobView() as XrdJobView;
    },
    async xrdGetJob() {
      return jobView();
    },
    async xrdCancelAnalysis() {
      if (job && job.view.state === 'running') job.run.cancel();
      return jobView();
    },
    async xrdFrameFit(index) {
      if (!analysis || !fits) return null;
      if (fits.setup === undefined) fits.setup = rietveldSetup(fits.seq, analysis, fits.options);
      if (!fits.setup) return null;
      return frameFit(fits.setup, fits.chain, index);
    },
    async xrdResultsCsv() {
      if (!analysis) throw deps.userError('There are no SXRD results yet: run the analysis first.');
      return xrdAnalysisToCsv(analysis);
    },
    async xrdClear() {
      clearAll();
      return changed();
    },
    section: {
      id: 'xrd',
      label: 'SXRD sequence',
      version: XRD_SECTION_VERSION,
      snapshot,
      restore,
      async clear() {
        clearAll();
        finished.clear();
        revision++;
      },
      derived(): DerivedValue[] {
        if (!analysis || analysisInputs === null || analysisInputs !== inputsKey()) return [];
        return [{ key: 'analysis', engine: XRD_ENGINE, value: { inputs: analysisInputs, analysis } }];
      },
      busy: () => (running() ? 'Wait for the SXRD analysis to finish (or cancel it) before undoing or redoing a change.' : null),
    },
  };
  return api;
}

/** The SXRD Api methods that change the study, each an undoable command named in Undo/Redo. */
export const XRD_COMMANDS: StudyCommands = {
  xrdOpenFiles: { section: 'xrd', label: () => 'Open an SXRD sequence' },
  xrdImportFiles: { section: 'xrd', label: (args) => `Open an SXRD sequence (${(args[0] as FileBytes[]).length} files)` },
  xrdSetSequenceOptions: { section: 'xrd', label: () => 'Change the sequence’s times or wavelength' },
  xrdSetTemperatureLog: { section: 'xrd', label: (args) => (args[0] ? `Set the temperature log ${quoted(baseName((args[0] as FileBytes).name))}` : 'Remove the temperature log') },
  xrdAddPhaseCif: { section: 'xrd', label: (args) => `Add the phase from ${quoted(baseName((args[0] as FileBytes).name))}` },
  xrdRemovePhase: { section: 'xrd', label: (args) => `Remove the phase ${quoted(String(args[0]))}` },
  xrdStartAnalysis: { section: 'xrd', label: () => 'Run the SXRD analysis' },
  xrdClear: { section: 'xrd', label: () => 'Clear the SXRD sequence' },
};
