/**
 * createHandlers(deps) implements the Api for both hosts (Electron IPC and the browser-mode server).
 * It keeps the session: every run at full resolution with its settings, the reference run, the analysis
 * settings. The analysis always runs on the full arrays; the renderer gets display-sized series.
 * Every argument is validated with the zod schemas of src/shared/api.ts; errors carry a human message.
 * The XRD half of the session (sequence, CIF phases, analysis job) is createXrdSession (xrd-session.ts), whose
 * methods are spread into the same Api, so both workspaces share one session (clearSession clears both).
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
  type ImportFailure,
  type ImportResult,
  type RunPatch,
  type RunSettings,
  type RunView,
  type SaveRequest,
  type SessionView,
  type SpeedUpRow,
  type StudyInfo,
  type TaskView,
  recipeInputSchema,
} from '../shared/api';
import type { TgaAnalysis } from '../shared/analysis';
import type { TgaRun } from '../shared/types';
import { TGA_DEFAULTS } from '../core/tga/analyze';
import { speedUps } from '../core/tga/metrics';
import { setMaxListeners } from 'node:events';
import { ImportCancelled } from './import-pool';
import { inProcessImports, type ImportRunner } from './import-read';
import { analyseRun, looksLikeBlank, rawDisplay } from './run-view';
import type { ParsedTga, TgaParser } from './tga-import';
import { inProcessXrdRunner } from './xrd-analysis-runner';
import { createXrdSession, type XrdAnalysisRunner } from './xrd-session';

export interface HandlerDeps {
  /** Parse one TGA file (in a worker thread in the real hosts: import-pool.ts). */
  parseTga: TgaParser;
  /** Read diffraction frames, CIF phases and temperature logs (the import pool in the hosts; default in-process). */
  importFile?: ImportRunner;
  readFile(path: string): Promise<Uint8Array>;
  /** Native open dialog for TGA runs ('tga') or the frames of an SXRD sequence ('xrd'); [] when cancelled or
   * when the host has none. */
  pickFiles(kind: 'tga' | 'xrd'): Promise<string[]>;
  /** Native save dialog and write; the path written, or null when cancelled. */
  saveFile(request: SaveRequest): Promise<string | null>;
  /** Folder of the bundled example study (holds study.json), or null when there is none. */
  exampleDir: string | null;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  /** Runs the SXRD analysis: a worker thread in the hosts (createWorkerXrdRunner). Default: in-process. */
  runXrdAnalysis?: XrdAnalysisRunner;
}

/** An error whose message is meant for the user. Only the message crosses the boundary. */
export class UserError extends Error {
  override name = 'UserError';
}

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
  settings: RunSettings;
  raw: { massRaw: RunView['massRaw']; temperature: RunView['temperature'] };
  cache: { key: string; analysis: TgaAnalysis | null; view: AnalysisView | null; note: string | null } | null;
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
      }),
    )
    .min(1),
});

export type ExampleStudy = z.infer<typeof exampleStudySchema>;

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;
const stem = (name: string): string => name.replace(/\.[^.]+$/, '');
const mib = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MB`;

function alphaKey(alpha: number): string {
  return String(alpha);
}

export function createHandlers(deps: HandlerDeps): Api {
  const runs: RunState[] = [];
  let referenceId: string | null = null;
  let analysis: AnalysisSettings = { ...DEFAULT_ANALYSIS };
  let study: StudyInfo | null = null;
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

  function addRun(parsed: ParsedTga, fileName: string): RunState {
    const { run, prepared } = parsed;
    const state: RunState = {
      id: `run-${nextRunNumber++}`,
      colorIndex: freeColorIndex(),
      run,
      report: parsed.report,
      settings: {
        label: uniqueLabel(stem(fileName)),
        role: looksLikeBlank(fileName) ? 'blank' : 'sample',
        recipe: null,
        startS: null,
        blankId: null,
      },
      raw: prepared?.raw ?? rawDisplay(run),
      cache: null,
    };
    // The import worker analysed the run as it starts here: keep that analysis if the settings still agree.
    if (prepared && prepared.first.role === state.settings.role) {
      const key = analysisKeyOf(state.settings, prepared.first.analysisSettings);
      if (key === analysisKey(state)) state.cache = { key, ...prepared.first.state };
    }
    runs.push(state);
    return state;
  }

  function analysisKeyOf(settings: RunSettings, analysisSettings: AnalysisSettings): string {
    return JSON.stringify([settings.recipe, settings.startS, settings.blankId, settings.role, analysisSettings]);
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

  function computeSpeedUps(): SpeedUpRow[] {
    const ref = effectiveReference();
    if (!ref) return [];
    const items = runs
      .map((r) => ({ state: r, a: ensureAnalysis(r).analysis }))
      .filter((x): x is { state: RunState; a: TgaAnalysis } => x.a !== null)
      .map((x) => ({ id: x.state.id, metrics: x.a.metrics }));
    const label = new Map(runs.map((r) => [r.id, r.settings.label]));
    return speedUps(items, ref).map((s) => ({ ...s, label: label.get(s.runId) ?? s.runId }));
  }

  function runView(state: RunState): RunView {
    const cache = ensureAnalysis(state);
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
    };
  }

  function session(): SessionView {
    return {
      study,
      runs: runs.map(runView),
      referenceId: effectiveReference(),
      settings: analysis,
      speedUps: computeSpeedUps(),
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

  /**
   * Read files in the import workers, in parallel, as one task with progress (files and bytes) that the user can
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
    const results: ({ ok: true; parsed: ParsedTga } | { ok: false; message: string })[] = await Promise.all(
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
          return { ok: true as const, parsed };
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
        ids.push(addRun(result.parsed, fileName).id);
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
    runs.splice(0);
    referenceId = null;
    analysis = { ...DEFAULT_ANALYSIS };
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
      state.settings.blankId = r.blank ? (byFile.get(r.blank) ?? null) : null;
    });
    referenceId = spec.reference ? (byFile.get(spec.reference) ?? null) : null;
    if (spec.alphaTargets) analysis = { ...analysis, alphaTargets: [...spec.alphaTargets].sort((p, q) => p - q) };
    defaultReference();
    study = { title: spec.title, label: spec.label ?? null, description: spec.description ?? null };
    return changed();
  }

  function metricsCsv(): string {
    const targets = analysis.alphaTargets;
    const speed = new Map(computeSpeedUps().map((s) => [s.runId, s]));
    const ref = effectiveReference();
    const refLabel = ref ? findRun(ref).settings.label : '';
    const header = [
      'run',
      'file',
      'theoretical_loss_percent',
      'start_file_time_s',
      'start_source',
      ...targets.map((a) => `t_alpha_${alphaKey(a)}_s`),
      't_sat_s',
      'alpha_final',
      'max_rate_per_s',
      'alpha_at_max_rate',
      'onset_extrapolated_C',
      'inflection_C',
      `onset_alpha_${alphaKey(ONSET_ALPHA)}_C`,
      ...targets.map((a) => `speedup_t_alpha_${alphaKey(a)}`),
      'speedup_t_sat',
      'onset_extrapolated_shift_C',
      `onset_alpha_${alphaKey(ONSET_ALPHA)}_shift_C`,
      'reference',
    ];
    const rows = [header];
    for (const state of runs) {
      const a = ensureAnalysis(state).analysis;
      if (!a) continue;
      const m = a.metrics;
      const s = speed.get(state.id);
      rows.push([
        state.settings.label,
        state.run.source.fileName,
        num(a.reduction.theoreticalLossFraction * 100),
        num(a.reduction.startS),
        a.reduction.startSource,
        ...targets.map((t) => num(m.tAlphaS[alphaKey(t)] ?? null)),
        num(m.tSaturationS),
        num(m.alphaFinal),
        num(m.maxRatePerS),
        num(m.alphaAtMaxRate),
        num(m.onsetExtrapolatedC),
        num(m.inflectionC),
        num(m.onsetC),
        ...targets.map((t) => num(s ? (s.tAlpha[alphaKey(t)] ?? null) : null)),
        num(s ? s.tSaturation : null),
        num(s ? s.onsetExtrapolatedShiftC : null),
        num(s ? s.onsetShiftC : null),
        refLabel,
      ]);
    }
    return rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
  }

  function derivedCsv(id: string): string {
    const state = findRun(id);
    const a = ensureAnalysis(state).analysis;
    if (!a) throw new UserError(`${state.settings.label} has no analysis yet: ${state.cache?.note ?? 'set a recipe first'}`);
    const lines = ['t_s,file_time_s,temperature_C,alpha,dalpha_dt_per_s,mass_corrected_mg'];
    const start = a.reduction.startS;
    for (let i = 0; i < a.tS.length; i++) {
      lines.push(
        [num(a.tS[i]), num(a.tS[i] + start), num(a.temperatureC ? a.temperatureC[i] : null), num(a.alpha[i]), num(a.dAlphaDtPerS[i]), num(a.massCorrectedMg[i])].join(','),
      );
    }
    return lines.join('\n') + '\n';
  }

  const impl: Api = {
    async getSession() {
      return session();
    },
    async openExampleStudy() {
      return loadExample();
    },
    async clearSession() {
      await xrd.xrdClear();
      runs.splice(0);
      referenceId = null;
      study = null;
      analysis = { ...DEFAULT_ANALYSIS };
      return changed();
    },
    async getTasks() {
      return [...tasks.values(), ...xrd.tasks()];
    },
    async cancelTask(id) {
      const cancel = cancels.get(id);
      if (cancel) cancel();
      else xrd.cancelTask(id);
      return [...tasks.values(), ...xrd.tasks()];
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
      const next: RunSettings = { ...state.settings };
      if (patch.label !== undefined) next.label = patch.label;
      if (patch.role !== undefined) next.role = patch.role;
      if (patch.recipe !== undefined) next.recipe = patch.recipe;
      if (patch.startS !== undefined) next.startS = patch.startS;
      if (patch.blankId !== undefined) next.blankId = patch.blankId;
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
      return metricsCsv();
    },
    async tgaDerivedCsv(id) {
      return derivedCsv(id);
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
  };

  return validated(impl, deps);
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

function num(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return String(Number(value.toPrecision(10)));
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
