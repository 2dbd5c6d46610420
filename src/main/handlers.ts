/**
 * createHandlers(deps) implements the Api for both hosts (Electron IPC and the browser-mode server).
 * It keeps the session: every run at full resolution with its settings, the reference run, the analysis
 * settings. The analysis always runs on the full arrays; the renderer gets display-sized series.
 * Every argument is validated with the zod schemas of src/shared/api.ts; errors carry a human message.
 * The XRD half of the session (sequence, CIF phases, analysis job) is createXrdSession (xrd-session.ts), whose
 * methods are spread into the same Api, so both workspaces share one session (clearSession clears both). The
 * high-pressure part (scales, calculator, EDD) is createHpSession (hp-session.ts), spread the same way.
 */
import { z } from 'zod';
import {
  apiArgs,
  apiMethods,
  describeZodError,
  type AnalysisSettings,
  type AnalysisView,
  type Api,
  type ApiMethod,
  type FileBytes,
  type ConditionView,
  type DerivedCurveDef,
  type DerivedCurveView,
  type ChannelInfo,
  type ImportFailure,
  type ImportResult,
  type RunPatch,
  type RunSettings,
  type RunView,
  type SaveRequest,
  type SessionView,
  type SpeedUpRow,
  type TaskView,
  recipeInputSchema,
} from '../shared/api';
import type { TgaAnalysis } from '../shared/analysis';
import type { TgaRun } from '../shared/types';
import { TGA_DEFAULTS } from '../core/tga/analyze';
import type { RunChannels } from '../core/tga/derived';
import { conditionSpeedUps, conditionStats, runSpeedUps } from '../core/tga/replicates';
import { setMaxListeners } from 'node:events';
import { ImportCancelled } from './import-pool';
import { inProcessImports, type ImportRunner } from './import-read';
import { analyseRun, analysisKeyOf, looksLikeBlank, rawDisplay } from './run-view';
import type { ParsedTga, TgaParser } from './tga-import';
import { channelInfo, curveViews, evaluateRunCurves, measuredChannels, previewCurve, type EvaluatedCurve } from './tga-derived';
import { channelsCsv, conditionsCsv, derivedCsv, metricsCsv } from './tga-tables';
import { inProcessXrdRunner } from './xrd-analysis-runner';
import { createXrdSession, XRD_COMMANDS, type XrdAnalysisRunner } from './xrd-session';
import { createStudyDocument, withCommands, type StudyDocument } from './study/document';
import { quoted, type SectionSnapshot, type StudyCommands, type StudySection } from './study/sections';
import { sha256Hex } from './study/hash';
import { parseTgaState, TGA_SECTION_VERSION, type TgaStudyState } from './study/tga-state';
import { createStudyApi, type StudyHost } from './study/study-api';
import { UserError } from './user-error';
import { createHpSession, HP_COMMANDS } from './hp-session';
import { createImagingSession, IMAGING_COMMANDS } from './imaging-session';
import { imagingMethods } from '../shared/api-imaging';
import { createKineticsSession, KINETICS_COMMANDS } from './kinetics-session';
import { createFiguresSession, FIGURES_COMMANDS } from './figures-session';
import { inProcessKineticsRunner, type KineticsRunner } from './kinetics-runner';
import { kineticsMethods } from '../shared/kinetics-api';

export interface HandlerDeps {
  /** Parse one TGA file (in a worker thread in the real hosts: import-pool.ts). */
  parseTga: TgaParser;
  /** Read diffraction frames, CIF phases and temperature logs (the import pool in the hosts; default in-process). */
  importFile?: ImportRunner;
  readFile(path: string): Promise<Uint8Array>;
  /** Native open dialog for TGA runs ('tga') or the frames of an SXRD sequence ('xrd'); [] when cancelled or
   * when the host has none. */
  pickFiles(kind: 'tga' | 'xrd' | 'radiography'): Promise<string[]>;
  /** Native save dialog and write; the path written, or null when cancelled. */
  saveFile(request: SaveRequest): Promise<string | null>;
  /** Folder of the bundled example study (holds study.json), or null when there is none. */
  exampleDir: string | null;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  /** Runs the SXRD analysis: a worker thread in the hosts (createWorkerXrdRunner). Default: in-process. */
  runXrdAnalysis?: XrdAnalysisRunner;
  /** Study files: dialogs, recent list, recovery folder (src/main/study/study-api.ts). Default: none (tests). */
  studyHost?: StudyHost;
  /** Receives the study document (the hosts hook autosave and the close confirmation to it). */
  onDocument?(doc: StudyDocument): void;
  /** The bundled imaging worker (radiography stacks on disk, maps); absent → analyses run in-process. */
  imagingWorkerUrl?: URL | null;
  /** Runs the kinetics analysis: a worker thread in the hosts (createWorkerKineticsRunner). Default: in-process. */
  runKinetics?: KineticsRunner;
}

export { UserError };

/** α at which the threshold onset is read (the core's default; the app does not change it). */
const ONSET_ALPHA = TGA_DEFAULTS.onsetAlpha;

/** The session's starting analysis settings: the core's defaults (docs/tga-analysis.md: why 15 s). */
export const DEFAULT_ANALYSIS: AnalysisSettings = {
  alphaTargets: [...TGA_DEFAULTS.alphaTargets],
  sgWindowS: TGA_DEFAULTS.sgWindowS,
  saturationFraction: TGA_DEFAULTS.saturationFraction,
};

interface RunState {
  id: string;
  colorIndex: number;
  run: TgaRun;
  report: string[];
  /** The raw file exactly as imported (saved in the study file). */
  file: FileBytes;
  importOptions: { formatId?: string } | null;
  source?: string;
  settings: RunSettings;
  raw: { massRaw: RunView['massRaw']; temperature: RunView['temperature'] };
  cache: { key: string; analysis: TgaAnalysis | null; view: AnalysisView | null; note: string | null } | null;
  /** The measured channels as expressions see them (built once: the run's data never change). */
  base: RunChannels | null;
  derivedCache: { key: string; curves: EvaluatedCurve[]; self: RunChannels; views: DerivedCurveView[]; info: ChannelInfo[] } | null;
}

/** The bundled example study: study.json beside its CSV files. */
const exampleStudySchema = z.object({
  title: z.string(),
  label: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  reference: z.string().nullable().optional(),
  alphaTargets: z.array(z.number().gt(0).lt(1)).min(1).optional(),
  runs: z
    .array(
      z.object({
        file: z.string().min(1),
        label: z.string().optional(),
        role: z.enum(['sample', 'blank']).optional(),
        recipe: recipeInputSchema.nullable().optional(),
        blank: z.string().nullable().optional(),
        startS: z.number().nullable().optional(),
        endS: z.number().nullable().optional(),
        condition: z.string().trim().min(1).nullable().optional(),
      }),
    )
    .min(1),
});

export type ExampleStudy = z.infer<typeof exampleStudySchema>;

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;
const stem = (name: string): string => name.replace(/\.[^.]+$/, '');
const mib = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MB`;

export function createHandlers(deps: HandlerDeps): Api {
  const runs: RunState[] = [];
  let referenceId: string | null = null;
  let analysis: AnalysisSettings = { ...DEFAULT_ANALYSIS };
  let revision = 0;
  let nextRunNumber = 1;
  const tasks = new Map<number, TaskView>();
  /** How to stop each cancellable task of `tasks`. */
  const cancels = new Map<number, () => void>();
  let nextTaskId = 1;
  const xrd = createXrdSession({
    runAnalysis: deps.runXrdAnalysis ?? inProcessXrdRunner,
    importFile: deps.importFile ?? inProcessImports(),
    readFile: deps.readFile,
    pickSequenceFiles: () => deps.pickFiles('xrd'),
    log: deps.log,
    userError: (message) => new UserError(message),
    nextTaskId: () => nextTaskId++,
    onDerivedChange: () => doc.derivedChanged(),
  });
  const hp = createHpSession({ importFile: deps.importFile, userError: (message) => new UserError(message), nextTaskId: () => nextTaskId++, log: deps.log });
  const imaging = createImagingSession({
    importFile: deps.importFile,
    userError: (message) => new UserError(message),
    nextTaskId: () => nextTaskId++,
    log: deps.log,
    pickStackPaths: () => deps.pickFiles('radiography'),
    workerUrl: deps.imagingWorkerUrl ?? null,
    onDerivedChange: () => doc.derivedChanged(),
  });

  // The Kinetics workspace (kinetics-session.ts): series of the TGA runs above or of files imported there.
  const kinetics = createKineticsSession({
    parseTga: deps.parseTga,
    runKinetics: deps.runKinetics ?? inProcessKineticsRunner,
    tgaRuns: () =>
      runs.map((r) => ({
        id: r.id,
        label: r.settings.label,
        role: r.settings.role,
        fileName: r.run.source.fileName,
        run: r.run,
        blankId: r.settings.blankId,
        startS: r.settings.startS,
        recipe: r.settings.recipe,
        // hashed only when kinetics asks (not on the event loop at every listing)
        get fingerprint() {
          return `${sha256Hex(r.file.bytes)}:${JSON.stringify(r.importOptions)}`;
        },
      })),
    pickFiles: () => deps.pickFiles('tga'),
    readFile: deps.readFile,
    log: deps.log,
    userError: (message) => new UserError(message),
    nextTaskId: () => nextTaskId++,
    onDerivedChange: () => doc.derivedChanged(),
  });

  const findRun = (id: string): RunState => {
    const state = runs.find((r) => r.id === id);
    if (!state) throw new UserError(`There is no run with id "${id}" (it may have been removed).`);
    return state;
  };

  function freeColorIndex(): number {
    const used = new Set(runs.map((r) => r.colorIndex));
    let i = 0;
    while (used.has(i)) i++;
    return i;
  }

  function uniqueLabel(wanted: string): string {
    const labels = new Set(runs.map((r) => r.settings.label));
    if (!labels.has(wanted)) return wanted;
    let k = 2;
    while (labels.has(`${wanted} (${k})`)) k++;
    return `${wanted} (${k})`;
  }

  function newRunState(parsed: ParsedTga, file: FileBytes, id: string, colorIndex: number, settings: RunSettings): RunState {
    const { run, prepared } = parsed;
    const state: RunState = {
      id,
      colorIndex,
      run,
      report: parsed.report,
      file,
      importOptions: null,
      settings,
      raw: prepared?.raw ?? rawDisplay(run),
      cache: null,
      base: null,
      derivedCache: null,
    };
    // The import worker analysed the run as it starts here: keep that analysis if the settings still agree.
    if (prepared && prepared.first.role === settings.role) {
      const key = analysisKeyOf(settings, prepared.first.analysisSettings);
      if (key === analysisKey(state)) state.cache = { key, ...prepared.first.state };
    }
    return state;
  }

  function addRun(parsed: ParsedTga, file: FileBytes): RunState {
    const fileName = file.name;
    const state = newRunState(parsed, file, `run-${nextRunNumber++}`, freeColorIndex(), {
      label: uniqueLabel(stem(fileName)),
      role: looksLikeBlank(fileName) ? 'blank' : 'sample',
      recipe: null,
      startS: null,
      endS: null,
      blankId: null,
      condition: null,
      derived: [],
    });
    runs.push(state);
    return state;
  }

  function analysisKey(state: RunState): string {
    return analysisKeyOf(state.settings, analysis);
  }

  /** Analyse (or reuse the cached analysis of) one run. Blanks are not analysed. */
  function ensureAnalysis(state: RunState): NonNullable<RunState['cache']> {
    const key = analysisKey(state);
    if (state.cache && state.cache.key === key) return state.cache;
    const blankState = state.settings.blankId ? runs.find((r) => r.id === state.settings.blankId) : undefined;
    const cache = { key, ...analyseRun(state.run, state.settings, analysis, blankState ? blankState.run : null, (m) => deps.log('warn', m)) };
    state.cache = cache;
    return cache;
  }

  function effectiveReference(): string | null {
    const analysed = runs.filter((r) => ensureAnalysis(r).analysis);
    if (referenceId && analysed.some((r) => r.id === referenceId)) return referenceId;
    return null;
  }

  /** The condition a run counts towards: its own, else its label (a condition of one run). */
  const conditionOf = (state: RunState): string => state.settings.condition ?? state.settings.label;

  /** Analysed sample runs grouped by condition, their stats, and speed-ups against the reference's condition. */
  function computeConditions(): { conditions: ConditionView[]; referenceCondition: string | null; speedUps: SpeedUpRow[] } {
    const analysed = runs
      .map((r) => ({ state: r, a: ensureAnalysis(r).analysis }))
      .filter((x): x is { state: RunState; a: TgaAnalysis } => x.a !== null);
    const stats = conditionStats(analysed.map((x) => ({ id: x.state.id, condition: conditionOf(x.state), metrics: x.a.metrics })));
    const ref = effectiveReference();
    const referenceCondition = ref ? conditionOf(findRun(ref)) : null;
    const ups = referenceCondition ? conditionSpeedUps(stats, referenceCondition) : [];
    const conditions = stats.map((c) => ({ name: c.name, runIds: c.runIds, stats: c, speedUp: ups.find((u) => u.condition === c.name) ?? null }));
    if (!ref || !referenceCondition) return { conditions, referenceCondition: null, speedUps: [] };
    const refStats = stats.find((c) => c.name === referenceCondition)!;
    const label = new Map(runs.map((r) => [r.id, r.settings.label]));
    const speed = runSpeedUps(analysed.map((x) => ({ id: x.state.id, metrics: x.a.metrics })), refStats, ref).map((s) => ({ ...s, label: label.get(s.runId) ?? s.runId }));
    return { conditions, referenceCondition, speedUps: speed };
  }

  function baseChannels(state: RunState): RunChannels {
    if (!state.base) state.base = measuredChannels(state.settings.label, state.run);
    // The label can change after import: expressions find runs by their current label.
    if (state.base.label !== state.settings.label) state.base = { ...state.base, label: state.settings.label };
    return state.base;
  }

  function curveContext(state: RunState): { blank: RunChannels | null; runs: RunChannels[]; sgWindowS: number } {
    const blankState = state.settings.blankId ? runs.find((r) => r.id === state.settings.blankId) : undefined;
    return { blank: blankState ? baseChannels(blankState) : null, runs: runs.map(baseChannels), sgWindowS: analysis.sgWindowS };
  }

  /** The run's derived curves, evaluated in order (cached by everything they can depend on). */
  function ensureDerived(state: RunState): NonNullable<RunState['derivedCache']> {
    const key = JSON.stringify([
      state.settings.derived,
      state.settings.blankId,
      analysis.sgWindowS,
      runs.map((r) => [r.id, r.settings.label]),
    ]);
    if (state.derivedCache && state.derivedCache.key === key) return state.derivedCache;
    const base = baseChannels(state);
    const { curves, self } = evaluateRunCurves(base, state.settings.derived, curveContext(state));
    const names = new Set(curves.filter((c) => c.values).map((c) => c.def.name));
    state.derivedCache = { key, curves, self, views: curveViews(self, curves), info: channelInfo(self, names) };
    return state.derivedCache;
  }

  function runView(state: RunState): RunView {
    const cache = ensureAnalysis(state);
    const derived = ensureDerived(state);
    const { run } = state;
    const n = run.timeS.length;
    return {
      id: state.id,
      colorIndex: state.colorIndex,
      settings: state.settings,
      fileName: run.source.fileName,
      formatId: run.source.formatId,
      formatLabel: run.source.formatLabel,
      report: state.report,
      warnings: run.warnings,
      points: n,
      durationS: n > 1 ? run.timeS[n - 1] - run.timeS[0] : 0,
      sample: run.sample,
      segments: run.segments,
      gasEvents: run.gasEvents,
      massRaw: state.raw.massRaw,
      temperature: state.raw.temperature,
      analysis: cache.view,
      analysisNote: cache.note,
      channels: derived.info,
      derived: derived.views,
      condition: conditionOf(state),
    };
  }

  function session(): SessionView {
    const meta = doc.meta();
    const { conditions, referenceCondition, speedUps } = computeConditions();
    return {
      study: meta.title === null ? null : { title: meta.title, label: meta.label, description: meta.description },
      runs: runs.map(runView),
      referenceId: effectiveReference(),
      settings: analysis,
      speedUps,
      conditions,
      referenceCondition,
      revision,
    };
  }

  function changed(): SessionView {
    revision++;
    return session();
  }

  /** Make the first analysable sample the reference when none is chosen yet. */
  function defaultReference(): void {
    if (referenceId && runs.some((r) => r.id === referenceId)) return;
    const first = runs.find((r) => r.settings.role === 'sample');
    referenceId = first ? first.id : null;
  }

  // ───────────── study section: what the TGA workspace saves (src/main/study/tga-state.ts) ─────────────
  // Everything the TGA workspace saves goes through tgaSnapshot and tgaRestore: a new persistent field is added to
  // TgaStudyState and to these two functions. Undo and open call tgaRestore, which reuses parsed runs (and their
  // analyses) it still has, by run id and file hash, so undoing a removal does not read the file again.
  const retired = new Map<string, RunState>();
  const bytesIds = new WeakMap<Uint8Array, number>();
  let nextBytesId = 1;
  const bytesId = (bytes: Uint8Array): number => {
    let id = bytesIds.get(bytes);
    if (id === undefined) bytesIds.set(bytes, (id = nextBytesId++));
    return id;
  };
  // The bytes by identity (snapshots share the arrays they were made with), not by content: hashing a 42 MB file on
  // the event loop after every change is what this key once cost. Equal bytes in another array parse again.
  const runKey = (id: string, bytes: Uint8Array, importOptions: RunState['importOptions']): string => `${id}|${bytesId(bytes)}|${JSON.stringify(importOptions)}`;

  function tgaSnapshot(): SectionSnapshot<TgaStudyState> {
    const files: FileBytes[] = [];
    const state: TgaStudyState = {
      runs: runs.map((r) => {
        files.push(r.file);
        return { id: r.id, colorIndex: r.colorIndex, file: files.length - 1, importOptions: r.importOptions, ...(r.source ? { source: r.source } : {}), settings: structuredClone(r.settings) };
      }),
      referenceId,
      analysis: { ...analysis, alphaTargets: [...analysis.alphaTargets] },
      nextRunNumber,
    };
    return { state, files };
  }

  async function tgaRestore(snapshot: SectionSnapshot<unknown>): Promise<void> {
    const state = parseTgaState(snapshot.state, snapshot.files.length);
    for (const r of runs) retired.set(runKey(r.id, r.file.bytes, r.importOptions), r);
    const next = await Promise.all(
      state.runs.map(async (r) => {
        const file = snapshot.files[r.file];
        const key = runKey(r.id, file.bytes, r.importOptions);
        let parsed: ParsedTga | undefined = retired.get(key);
        if (!parsed) {
          try {
            parsed = await deps.parseTga({ name: file.name, bytes: file.bytes }, r.importOptions?.formatId ? { formatId: r.importOptions.formatId } : undefined);
          } catch (error) {
            throw new Error(`${file.name} (TGA run ${quoted(r.settings.label)}) cannot be read: ${errorMessage(error)}`);
          }
        }
        const state = newRunState(parsed, file, r.id, r.colorIndex, structuredClone(r.settings));
        state.importOptions = r.importOptions;
        if (r.source) state.source = r.source;
        const old = retired.get(key);
        if (old) state.cache = old.cache;
        return state;
      }),
    );
    runs.splice(0, runs.length, ...next);
    referenceId = state.referenceId;
    analysis = { ...state.analysis, alphaTargets: [...state.analysis.alphaTargets] };
    nextRunNumber = Math.max(state.nextRunNumber, 1);
    pruneRetired();
    revision++;
  }

  /** Keep retired runs only while the undo history can bring them back. */
  function pruneRetired(): void {
    if (!docReady) return;
    const live = new Set<string>();
    for (const snap of doc.snapshotsOf('tga')) {
      const st = snap.state as TgaStudyState;
      for (const r of st.runs) {
        const f = snap.files[r.file];
        if (f) live.add(runKey(r.id, f.bytes, r.importOptions));
      }
    }
    for (const key of retired.keys()) if (!live.has(key)) retired.delete(key);
  }

  const tgaSection: StudySection<TgaStudyState> = {
    id: 'tga',
    label: 'TGA comparison',
    version: TGA_SECTION_VERSION,
    snapshot: tgaSnapshot,
    restore: tgaRestore,
    async clear() {
      runs.splice(0);
      retired.clear();
      referenceId = null;
      analysis = { ...DEFAULT_ANALYSIS };
      revision++;
    },
  };

  const runLabelIn = (before: unknown, id: unknown): string => {
    const st = before as TgaStudyState;
    const r = st.runs.find((x) => x.id === id);
    return r ? quoted(r.settings.label) : 'run';
  };

  /** The TGA Api methods that change the study, each an undoable command with its name in Undo/Redo. */
  const TGA_COMMANDS: StudyCommands = {
    tgaOpenFiles: { section: 'tga', label: () => 'Import TGA files' },
    tgaImportFiles: { section: 'tga', label: (args) => { const files = args[0] as FileBytes[]; return files.length === 1 ? `Import ${quoted(baseName(files[0].name))}` : `Import ${files.length} TGA files`; } },
    tgaRemoveRun: { section: 'tga', label: (args, before) => `Remove run ${runLabelIn(before, args[0])}` },
    tgaReorderRuns: { section: 'tga', label: () => 'Reorder runs' },
    tgaUpdateRun: {
      section: 'tga',
      label: (args, before) => {
        const patch = (args[1] ?? {}) as RunPatch;
        const what = patch.recipe !== undefined ? 'recipe' : patch.startS !== undefined ? 'start' : patch.endS !== undefined ? 'end' : patch.blankId !== undefined ? 'blank' : patch.label !== undefined ? 'label' : patch.role !== undefined ? 'role' : patch.condition !== undefined ? 'condition' : patch.derived !== undefined ? 'derived curves' : 'settings';
        return `Change ${what} of ${runLabelIn(before, args[0])}`;
      },
    },
    tgaSetBlankForAll: { section: 'tga', label: () => 'Set the blank of every run' },
    tgaSetReference: { section: 'tga', label: () => 'Change the reference run' },
    tgaSetAnalysisSettings: { section: 'tga', label: () => 'Change the analysis settings' },
    tgaSetConditions: { section: 'tga', label: () => 'Group runs into conditions' },
  };

  let docReady = false;
  const figures = createFiguresSession();
  const doc: StudyDocument = createStudyDocument([tgaSection, xrd.section, hp.section, imaging.section, kinetics.section, figures.section]);
  docReady = true;
  doc.onChange(() => pruneRetired());

  /**
   * Read files in the import workers, in parallel, as one task with progress (files, bytes, rows) that the user can
   * cancel: then nothing of this import is added and `cancelled` is true.
   */
  async function importAll(files: { name: string; load: () => Promise<Uint8Array> }[]): Promise<{ ids: string[]; failures: ImportFailure[]; cancelled: boolean }> {
    const taskId = nextTaskId++;
    const total = files.length;
    const stop = new AbortController();
    // one listener per file waiting in the import pool
    setMaxListeners(total + 10, stop.signal);
    let done = 0;
    let bytesRead = 0;
    let rows = 0;
    /** Files being read: their size and the rows read so far. */
    const active = new Map<string, { bytes: number; rows: number }>();
    const update = (): void => {
      const reading = [...active].map(([name, a]) => `${name} (${mib(a.bytes)}${a.rows > 0 ? `, ${a.rows.toLocaleString('en')} rows` : ''})`).join(', ');
      const summary = `${done} of ${total} done${rows > 0 ? `, ${rows.toLocaleString('en')} rows` : ''}`;
      tasks.set(taskId, {
        id: taskId,
        label: `Importing ${total} file${total === 1 ? '' : 's'}`,
        fraction: total > 0 ? done / total : 1,
        detail: active.size > 0 ? `${summary}; reading ${reading}` : summary,
        cancellable: true,
      });
    };
    cancels.set(taskId, () => stop.abort());
    update();
    const results: ({ ok: true; parsed: ParsedTga; bytes: Uint8Array } | { ok: false; message: string })[] = await Promise.all(
      files.map(async (file) => {
        try {
          const bytes = await file.load();
          if (stop.signal.aborted) throw new ImportCancelled(`${file.name}: import cancelled`);
          const entry = { bytes: bytes.length, rows: 0 };
          active.set(file.name, entry);
          update();
          const onProgress = (rowsRead: number): void => {
            entry.rows = rowsRead;
            update();
          };
          const parsed = await deps.parseTga({ name: file.name, bytes }, { signal: stop.signal, prepare: { analysisSettings: analysis }, onProgress });
          if (parsed.run.timeS.length === 0) throw new Error('the file holds no data rows');
          bytesRead += bytes.length;
          rows += parsed.run.timeS.length;
          return { ok: true as const, parsed, bytes };
        } catch (error) {
          return { ok: false as const, message: errorMessage(error) };
        } finally {
          active.delete(file.name);
          done++;
          update();
        }
      }),
    );
    tasks.delete(taskId);
    cancels.delete(taskId);
    if (stop.signal.aborted) {
      deps.log('info', `import of ${total} file${total === 1 ? '' : 's'} cancelled (${mib(bytesRead)} read)`);
      return { ids: [], failures: [], cancelled: true };
    }
    const ids: string[] = [];
    const failures: ImportFailure[] = [];
    // Add in the order the files were given, whatever order the workers finished in.
    results.forEach((result, i) => {
      const fileName = files[i].name;
      if (result.ok) {
        ids.push(addRun(result.parsed, { name: fileName, bytes: result.bytes }).id);
        deps.log('info', `imported ${fileName} (${result.parsed.run.source.formatLabel}, ${result.parsed.run.timeS.length} points)`);
      } else {
        const message = result.message.includes(fileName) ? result.message : `${fileName}: ${result.message}`;
        failures.push({ fileName, message });
        deps.log('warn', `import failed: ${message}`);
      }
    });
    if (ids.length > 0) defaultReference();
    return { ids, failures, cancelled: false };
  }

  async function loadExample(): Promise<SessionView> {
    if (!deps.exampleDir) throw new UserError('This installation has no example study.');
    const dir = deps.exampleDir.replace(/[\\/]+$/, '');
    let spec: ExampleStudy;
    try {
      const text = new TextDecoder().decode(await deps.readFile(`${dir}/study.json`));
      spec = exampleStudySchema.parse(JSON.parse(text));
    } catch (error) {
      const reason = error instanceof z.ZodError ? describeZodError('study.json', error) : errorMessage(error);
      throw new UserError(`The example study could not be read: ${reason}`);
    }
    await doc.reset();
    const { ids, failures, cancelled } = await importAll(spec.runs.map((r) => ({ name: baseName(r.file), load: () => deps.readFile(`${dir}/${r.file}`) })));
    if (cancelled) throw new UserError('Opening the example study was cancelled.');
    if (failures.length > 0) throw new UserError(`The example study is incomplete: ${failures.map((f) => f.message).join('; ')}`);
    const byFile = new Map<string, string>();
    spec.runs.forEach((r, i) => byFile.set(r.file, ids[i]));
    spec.runs.forEach((r, i) => {
      const state = findRun(ids[i]);
      if (r.label) state.settings.label = r.label;
      if (r.role) state.settings.role = r.role;
      state.settings.recipe = r.recipe ?? null;
      state.settings.startS = r.startS ?? null;
      state.settings.endS = r.endS ?? null;
      state.settings.condition = r.condition ?? null;
      state.settings.blankId = r.blank ? (byFile.get(r.blank) ?? null) : null;
    });
    referenceId = spec.reference ? (byFile.get(spec.reference) ?? null) : null;
    if (spec.alphaTargets) analysis = { ...analysis, alphaTargets: [...spec.alphaTargets].sort((p, q) => p - q) };
    defaultReference();
    doc.setMeta({ title: spec.title, label: spec.label ?? null, description: spec.description ?? null });
    // The example is a fresh, unchanged study: its own history starts here, nothing to save.
    doc.resetHistory();
    return changed();
  }

  function tablesMetricsCsv(): string {
    const { speedUps, referenceCondition } = computeConditions();
    const speed = new Map(speedUps.map((x) => [x.runId, x]));
    const rows = runs
      .map((state) => ({ state, a: ensureAnalysis(state).analysis }))
      .filter((x): x is { state: RunState; a: TgaAnalysis } => x.a !== null)
      .map(({ state, a }) => ({ label: state.settings.label, fileName: state.run.source.fileName, condition: conditionOf(state), analysis: a, speedUp: speed.get(state.id) }));
    return metricsCsv(rows, analysis.alphaTargets, ONSET_ALPHA, referenceCondition ?? '');
  }

  function tablesDerivedCsv(id: string): string {
    const state = findRun(id);
    const a = ensureAnalysis(state).analysis;
    if (!a) throw new UserError(`${state.settings.label} has no analysis yet: ${state.cache?.note ?? 'set a recipe first'}`);
    return derivedCsv(a, ensureDerived(state).curves);
  }

  /** Check new or changed derived curves of a run before they are kept; broken ones are refused with the reason. */
  function validateDerived(state: RunState, defs: DerivedCurveDef[]): void {
    const names = new Set<string>();
    for (const d of defs) {
      if (names.has(d.name)) throw new UserError(`${state.settings.label}: two derived curves are called "${d.name}".`);
      names.add(d.name);
    }
    const before = new Set(state.settings.derived.map((d) => JSON.stringify(d)));
    const { curves } = evaluateRunCurves(baseChannels(state), defs, curveContext(state));
    const broken = curves.find((c) => c.error !== null && !before.has(JSON.stringify(c.def)));
    if (broken) throw new UserError(`${state.settings.label}: the derived curve ${broken.def.name} = ${broken.def.expression} cannot be evaluated: ${broken.error}`);
  }

  const impl: Api = {
    async getSession() {
      return session();
    },
    async openExampleStudy() {
      return loadExample();
    },
    async clearSession() {
      await doc.reset();
      return changed();
    },
    async getTasks() {
      return [...tasks.values(), ...xrd.tasks(), ...hp.tasks(), ...imaging.tasks(), ...kinetics.tasks()];
    },
    async cancelTask(id) {
      const cancel = cancels.get(id);
      if (cancel) cancel();
      else xrd.cancelTask(id);
      return [...tasks.values(), ...xrd.tasks(), ...hp.tasks(), ...imaging.tasks(), ...kinetics.tasks()];
    },
    async saveFile(request) {
      const path = await deps.saveFile(request);
      return { path };
    },
    async tgaOpenFiles(): Promise<ImportResult> {
      const paths = await deps.pickFiles('tga');
      if (paths.length === 0) return { session: session(), importedIds: [], failures: [] };
      const { ids, failures, cancelled } = await importAll(paths.map((p) => ({ name: baseName(p), load: () => deps.readFile(p) })));
      return { session: cancelled ? session() : changed(), importedIds: ids, failures, cancelled };
    },
    async tgaImportFiles(files: FileBytes[]): Promise<ImportResult> {
      const { ids, failures, cancelled } = await importAll(files.map((f) => ({ name: baseName(f.name), load: async () => f.bytes })));
      return { session: cancelled ? session() : changed(), importedIds: ids, failures, cancelled };
    },
    async tgaRemoveRun(id) {
      const state = findRun(id);
      runs.splice(runs.indexOf(state), 1);
      for (const r of runs) if (r.settings.blankId === id) r.settings = { ...r.settings, blankId: null };
      if (referenceId === id) referenceId = null;
      defaultReference();
      return changed();
    },
    async tgaReorderRuns(ids) {
      const current = new Set(runs.map((r) => r.id));
      if (ids.length !== runs.length || new Set(ids).size !== ids.length || !ids.every((id) => current.has(id))) {
        throw new UserError('The new order must list every run exactly once.');
      }
      const byId = new Map(runs.map((r) => [r.id, r]));
      runs.splice(0, runs.length, ...ids.map((id) => byId.get(id) as RunState));
      return changed();
    },
    async tgaUpdateRun(id, patch: RunPatch) {
      const state = findRun(id);
      if (patch.blankId !== undefined && patch.blankId !== null) {
        if (patch.blankId === id) throw new UserError('A run cannot be its own blank.');
        findRun(patch.blankId);
      }
      if (patch.label !== undefined && patch.label !== state.settings.label && runs.some((r) => r.settings.label === patch.label)) {
        throw new UserError(`Another run is already called "${patch.label}".`);
      }
      if (patch.derived !== undefined) validateDerived(state, patch.derived);
      const next: RunSettings = { ...state.settings };
      if (patch.label !== undefined) next.label = patch.label;
      if (patch.role !== undefined) next.role = patch.role;
      if (patch.recipe !== undefined) next.recipe = patch.recipe;
      if (patch.startS !== undefined) next.startS = patch.startS;
      if (patch.endS !== undefined) next.endS = patch.endS;
      if (patch.blankId !== undefined) next.blankId = patch.blankId;
      if (patch.condition !== undefined) next.condition = patch.condition;
      if (patch.derived !== undefined) next.derived = patch.derived.map((d) => ({ ...d }));
      state.settings = next;
      if (next.role === 'blank') {
        if (referenceId === id) referenceId = null;
        defaultReference();
      }
      return changed();
    },
    async tgaSetBlankForAll(blankId) {
      if (blankId !== null) {
        const blank = findRun(blankId);
        if (blank.settings.role !== 'blank') blank.settings = { ...blank.settings, role: 'blank' };
        if (referenceId === blankId) referenceId = null;
      }
      for (const r of runs) if (r.settings.role === 'sample') r.settings = { ...r.settings, blankId };
      defaultReference();
      return changed();
    },
    async tgaSetReference(id) {
      if (id !== null) {
        const state = findRun(id);
        if (state.settings.role === 'blank') throw new UserError(`${state.settings.label} is a blank and cannot be the reference.`);
      }
      referenceId = id;
      return changed();
    },
    async tgaSetAnalysisSettings(settings) {
      const next = { ...analysis, ...settings };
      next.alphaTargets = [...new Set(next.alphaTargets)].sort((p, q) => p - q);
      analysis = next;
      return changed();
    },
    async tgaMetricsCsv() {
      return tablesMetricsCsv();
    },
    async tgaDerivedCsv(id) {
      return tablesDerivedCsv(id);
    },
    async tgaChannelsCsv(id) {
      return channelsCsv(ensureDerived(findRun(id)).self);
    },
    async tgaConditionsCsv() {
      const { conditions, referenceCondition } = computeConditions();
      return conditionsCsv(conditions, analysis.alphaTargets, ONSET_ALPHA, referenceCondition ?? '', new Map(runs.map((r) => [r.id, r.settings.label])));
    },
    async tgaSetConditions(assignments) {
      const states = assignments.map((a) => ({ state: findRun(a.id), condition: a.condition }));
      for (const { state, condition } of states) state.settings = { ...state.settings, condition };
      return changed();
    },
    async tgaPreviewDerived(id, curve) {
      const state = findRun(id);
      const current = ensureDerived(state);
      // Preview against the curves defined before it (an edited curve is checked in place of its old self).
      const others = state.settings.derived.filter((d) => d.name !== curve.name);
      const { self } = others.length === current.curves.length ? current : evaluateRunCurves(baseChannels(state), others, curveContext(state));
      return previewCurve(self, curve, curveContext(state));
    },
    xrdGetState: xrd.xrdGetState,
    xrdOpenFiles: xrd.xrdOpenFiles,
    xrdImportFiles: xrd.xrdImportFiles,
    xrdSetSequenceOptions: xrd.xrdSetSequenceOptions,
    xrdSetTemperatureLog: xrd.xrdSetTemperatureLog,
    xrdHeatmap: xrd.xrdHeatmap,
    xrdFrames: xrd.xrdFrames,
    xrdAddPhaseCif: xrd.xrdAddPhaseCif,
    xrdRemovePhase: xrd.xrdRemovePhase,
    xrdStartAnalysis: xrd.xrdStartAnalysis,
    xrdGetJob: xrd.xrdGetJob,
    xrdCancelAnalysis: xrd.xrdCancelAnalysis,
    xrdFrameFit: xrd.xrdFrameFit,
    xrdResultsCsv: xrd.xrdResultsCsv,
    xrdClear: xrd.xrdClear,
    ...createStudyApi(doc, deps.studyHost ?? null, deps.log, () => {
      revision++;
    }),
    hpGetState: hp.hpGetState,
    hpComputePressure: hp.hpComputePressure,
    hpImportScales: hp.hpImportScales,
    hpRemoveScaleFile: hp.hpRemoveScaleFile,
    hpEddImport: hp.hpEddImport,
    hpEddRemoveFile: hp.hpEddRemoveFile,
    hpEddSetOptions: hp.hpEddSetOptions,
    hpEddSetTemperatureLog: hp.hpEddSetTemperatureLog,
    hpEddCalibrate: hp.hpEddCalibrate,
    hpEddAnalyse: hp.hpEddAnalyse,
    hpEddSpectrum: hp.hpEddSpectrum,
    hpEddResultsCsv: hp.hpEddResultsCsv,
    hpClear: hp.hpClear,
    ...(Object.fromEntries(imagingMethods.map((m) => [m, imaging[m]])) as Pick<Api, (typeof imagingMethods)[number]>),
    ...(Object.fromEntries(kineticsMethods.map((m) => [m, kinetics[m]])) as Pick<Api, (typeof kineticsMethods)[number]>),
    ...figures.api,
  };

  const api = withCommands(doc, impl, { ...TGA_COMMANDS, ...XRD_COMMANDS, ...HP_COMMANDS, ...IMAGING_COMMANDS, ...KINETICS_COMMANDS, ...FIGURES_COMMANDS });
  // Both workspaces' sessions share one study: opening one replaces both, so the renderer reloads both.
  deps.onDocument?.(doc);
  return validated(api, deps);
}

/** Wrap every method so its arguments are parsed with the contract's zod schema first. */
function validated(impl: Api, deps: HandlerDeps): Api {
  const out: Partial<Record<ApiMethod, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const method of apiMethods) {
    const fn = impl[method] as (...args: unknown[]) => Promise<unknown>;
    out[method] = async (...args: unknown[]) => {
      const parsed = apiArgs[method].safeParse(args);
      if (!parsed.success) throw new UserError(describeZodError(method, parsed.error));
      try {
        return await fn(...(parsed.data as unknown[]));
      } catch (error) {
        if (!(error instanceof UserError)) deps.log('error', `${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        throw error instanceof Error ? error : new Error(String(error));
      }
    };
  }
  return out as Api;
}
