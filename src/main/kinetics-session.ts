/**
 * The Kinetics workspace's half of the session (createHandlers spreads its methods into the Api): series of runs,
 * the files imported into them, the analysis options, the job and its results.
 *
 * Persistence contract (notes/common-state.md): everything the user sets lives in ONE plain JSON object
 * (`KineticsPersistentState`) plus the files exactly as imported; snapshot() returns both, restore() rebuilds the rest
 * (parsed runs, per-run information; the results are re-derived by running the analysis again). A run of a series is
 * either a run of the TGA workspace (by its id: the TGA half of the study holds its bytes) or a file imported here.
 */
import { z } from 'zod';
import { recipeInputSchema } from '../shared/api';
import { kineticsOptionsSchema } from '../shared/kinetics-api';
import { quoted, type StudyCommands, type StudySection } from './study/sections';
import type { TaskView, FileBytes } from '../shared/api';
import type { RecipeInput } from '../shared/analysis';
import type { AlphaBasis, KineticsOptions } from '../shared/kinetics';
import type {
  KineticsApi,
  KineticsAppOptions,
  KineticsFileView,
  KineticsJobView,
  KineticsResultView,
  KineticsRunRef,
  KineticsRunView,
  KineticsSeriesView,
  KineticsStateView,
} from '../shared/kinetics-api';
import type { TgaRun } from '../shared/types';
import { analyseRun, alphaGrid, KineticsCancelled, prepareKineticRun, type KineticRun } from '../core/kinetics/index';
import { KELVIN_OFFSET } from '../core/kinetics/constants';
import type { TgaParser } from './tga-import';
import type { KineticsJobInput, KineticsRunner, KineticsAnalysisJob } from './kinetics-runner';

/** A run of the TGA workspace as the kinetics see it. */
export interface TgaRunForKinetics {
  id: string;
  label: string;
  role: 'sample' | 'blank';
  fileName: string;
  run: TgaRun;
  blankId: string | null;
  startS: number | null;
  recipe: RecipeInput | null;
}

export interface KineticsSessionDeps {
  parseTga: TgaParser;
  runKinetics: KineticsRunner;
  /** The TGA workspace's runs, now. */
  tgaRuns(): TgaRunForKinetics[];
  /** Native open dialog (paths), [] when cancelled or absent; and reading a path. */
  pickFiles(): Promise<string[]>;
  readFile(path: string): Promise<Uint8Array>;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  userError(message: string): Error;
  nextTaskId(): number;
}

interface RunSettings {
  key: string;
  ref: KineticsRunRef;
  label: string;
  startS: number | null;
  endS: number | null;
  blank: KineticsRunRef | null;
}

interface SeriesSettings {
  id: string;
  name: string;
  colorIndex: number;
  alphaBasis: AlphaBasis;
  recipe: RecipeInput | null;
  runs: RunSettings[];
}

/** The whole persistent state of the workspace (JSON). files[i] is snapshot().files[i]. */
export interface KineticsPersistentState {
  version: 1;
  series: SeriesSettings[];
  files: { id: string; name: string; seriesId: string; role: 'sample' | 'blank' }[];
  referenceSeriesId: string | null;
  options: KineticsAppOptions;
  nextId: number;
}

export interface KineticsSnapshot {
  state: KineticsPersistentState;
  files: FileBytes[];
}

export interface KineticsSession extends KineticsApi {
  tasks(): TaskView[];
  snapshot(): KineticsSnapshot;
  restore(snapshot: KineticsSnapshot): Promise<void>;
  /** What the Kinetics workspace saves in a study, and how undo restores it (see study/sections.ts). */
  section: StudySection<KineticsPersistentState>;
}

const idSchema = z.string().min(1).max(200);
const refSchema = z.union([z.object({ kind: z.literal('tga'), runId: idSchema }).strict(), z.object({ kind: z.literal('file'), fileId: idSchema }).strict()]);
const timeSchema = z.number().refine(Number.isFinite, 'must be a finite number').nullable();
/** KineticsPersistentState as read from a study file: validated, never trusted. */
const kineticsStateSchema = z.object({
  version: z.literal(1),
  series: z
    .array(
      z.object({
        id: idSchema,
        name: z.string().min(1).max(200),
        colorIndex: z.number().int().min(0).max(1000),
        alphaBasis: z.enum(['observed', 'recipe']),
        recipe: recipeInputSchema.nullable(),
        runs: z.array(z.object({ key: idSchema, ref: refSchema, label: z.string().min(1).max(200), startS: timeSchema, endS: timeSchema, blank: refSchema.nullable() })).max(1000),
      }),
    )
    .max(200),
  files: z.array(z.object({ id: idSchema, name: z.string().min(1).max(500), seriesId: idSchema, role: z.enum(['sample', 'blank']) })).max(10_000),
  referenceSeriesId: idSchema.nullable(),
  options: kineticsOptionsSchema,
  nextId: z.number().int().min(0),
});

/** The Kinetics Api methods that change the study, each an undoable command named in Undo/Redo. */
export const KINETICS_COMMANDS: StudyCommands = {
  kinAddSeries: { section: 'kinetics', label: (args) => `Add the series ${quoted(String(args[0]))}` },
  kinRemoveSeries: { section: 'kinetics', label: () => 'Remove a kinetics series' },
  kinUpdateSeries: { section: 'kinetics', label: () => 'Change a kinetics series' },
  kinAddTgaRuns: { section: 'kinetics', label: (args) => `Add ${(args[1] as string[]).length} TGA run${(args[1] as string[]).length === 1 ? '' : 's'} to a series` },
  kinImportFiles: { section: 'kinetics', label: (args) => { const f = args[1] as FileBytes[]; return f.length === 1 ? `Import ${quoted(f[0].name)} into a series` : `Import ${f.length} files into a series`; } },
  kinOpenFiles: { section: 'kinetics', label: () => 'Import files into a series' },
  kinUpdateRun: { section: 'kinetics', label: () => 'Change a run of a series' },
  kinRemoveRun: { section: 'kinetics', label: () => 'Remove a run from a series' },
  kinSetOptions: { section: 'kinetics', label: () => 'Change the kinetics options' },
  kinSetReference: { section: 'kinetics', label: () => 'Change the reference series' },
  kinClear: { section: 'kinetics', label: () => 'Clear the Kinetics workspace' },
};

export const DEFAULT_KINETICS_OPTIONS: KineticsAppOptions = {
  alphaMin: 0.1,
  alphaMax: 0.9,
  alphaStep: 0.05,
  mode: 'auto',
  methods: ['friedman', 'kas', 'ofw', 'starink', 'vyazovkin', 'advancedVyazovkin', 'kissinger'],
  predictionC: null,
  speedUpAlpha: 0.5,
  meanRange: null,
  avramiWindow: [0.15, 0.85],
};

const looksLikeBlank = (name: string): boolean => /(^|[^a-z])(blank|empty|leer|baseline)([^a-z]|$)/i.test(name);
const stem = (name: string): string => (name.split(/[\\/]/).pop() ?? name).replace(/\.[^.]+$/, '');
const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const refKey = (r: KineticsRunRef | null): string => (r === null ? 'none' : r.kind === 'tga' ? `tga:${r.runId}` : `file:${r.fileId}`);

/** RMS difference of two temperature programmes on time since their first points (200 samples of the shorter). */
function programmeDistance(a: TgaRun, b: TgaRun): number {
  if (!a.temperatureC || !b.temperatureC) return Infinity;
  const spanA = a.timeS[a.timeS.length - 1] - a.timeS[0];
  const spanB = b.timeS[b.timeS.length - 1] - b.timeS[0];
  const span = Math.min(spanA, spanB);
  if (!(span > 0)) return Infinity;
  const at = (run: TgaRun, dt: number): number => {
    const t = run.timeS[0] + dt;
    let lo = 0;
    let hi = run.timeS.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (run.timeS[mid] <= t) lo = mid;
      else hi = mid;
    }
    return (run.temperatureC as Float64Array)[lo];
  };
  let s = 0;
  let n = 0;
  for (let k = 0; k <= 200; k++) {
    const d = at(a, (span * k) / 200) - at(b, (span * k) / 200);
    if (Number.isFinite(d)) {
      s += d * d;
      n++;
    }
  }
  // a blank much shorter or longer than the run matches it less well
  return n ? Math.sqrt(s / n) + Math.abs(spanA - spanB) / 600 : Infinity;
}

export function createKineticsSession(deps: KineticsSessionDeps): KineticsSession {
  let state: KineticsPersistentState = emptyState();
  /** Imported files: bytes as imported and the parsed run. */
  const files = new Map<string, { bytes: Uint8Array; run: TgaRun }>();
  let results: KineticsResultView[] | null = null;
  let resultsKey: string | null = null;
  let job: { view: KineticsJobView; run: KineticsAnalysisJob; taskId: number; key: string } | null = null;
  let nextJobId = 1;
  let revision = 0;
  type RunInfo = Pick<KineticsRunView, 'kind' | 'heatingRateKPerMin' | 'meanTemperatureC' | 'usedStartS' | 'usedEndS' | 'startNote' | 'endNote' | 'sampleMassMg' | 'error'>;
  const infoCache = new Map<string, RunInfo>();

  function emptyState(): KineticsPersistentState {
    return { version: 1, series: [], files: [], referenceSeriesId: null, options: { ...DEFAULT_KINETICS_OPTIONS, methods: [...DEFAULT_KINETICS_OPTIONS.methods] }, nextId: 1 };
  }
  const newId = (prefix: string): string => `${prefix}-${state.nextId++}`;

  const findSeries = (id: string): SeriesSettings => {
    const s = state.series.find((x) => x.id === id);
    if (!s) throw deps.userError(`There is no series with id "${id}" (it may have been removed).`);
    return s;
  };
  const findRun = (s: SeriesSettings, key: string): RunSettings => {
    const r = s.runs.find((x) => x.key === key);
    if (!r) throw deps.userError(`Series "${s.name}" has no run "${key}".`);
    return r;
  };

  /** The TgaRun behind a reference, or why there is none. */
  function resolve(ref: KineticsRunRef): { run: TgaRun; fileName: string; tga: TgaRunForKinetics | null } | { error: string } {
    if (ref.kind === 'file') {
      const f = files.get(ref.fileId);
      const meta = state.files.find((x) => x.id === ref.fileId);
      return f && meta ? { run: f.run, fileName: meta.name, tga: null } : { error: 'the imported file is missing' };
    }
    const t = deps.tgaRuns().find((x) => x.id === ref.runId);
    return t ? { run: t.run, fileName: t.fileName, tga: t } : { error: 'the run was removed from the TGA workspace' };
  }

  function refLabel(ref: KineticsRunRef | null): string | null {
    if (!ref) return null;
    if (ref.kind === 'file') return state.files.find((f) => f.id === ref.fileId)?.name ?? '(missing file)';
    return deps.tgaRuns().find((r) => r.id === ref.runId)?.label ?? '(removed TGA run)';
  }

  function prepare(s: SeriesSettings, r: RunSettings): KineticRun {
    const src = resolve(r.ref);
    if ('error' in src) throw new Error(`${r.label}: ${src.error}`);
    let blank: TgaRun | null = null;
    if (r.blank) {
      const b = resolve(r.blank);
      if ('error' in b) throw new Error(`${r.label}: its blank ${refLabel(r.blank)}: ${b.error}`);
      blank = b.run;
    }
    if (s.alphaBasis === 'recipe' && !s.recipe) throw new Error(`${s.name}: α from the recipe needs the series' recipe (set it, or use the runs' own mass range)`);
    return prepareKineticRun(src.run, { label: r.label, blank, recipe: s.alphaBasis === 'recipe' ? s.recipe : null, alphaBasis: s.alphaBasis, startS: r.startS, endS: r.endS });
  }

  function runInfo(s: SeriesSettings, r: RunSettings): RunInfo {
    const key = JSON.stringify([refKey(r.ref), refKey(r.blank), r.startS, r.endS, s.alphaBasis, s.recipe, state.options.alphaMin, state.options.alphaMax, deps.tgaRuns().some((t) => r.ref.kind === 'tga' && t.id === r.ref.runId)]);
    const cached = infoCache.get(key);
    if (cached) return cached;
    let info: RunInfo;
    try {
      const k = prepare(s, r);
      const a = analyseRun(k, { grid: [state.options.alphaMin, state.options.alphaMax] });
      info = {
        kind: a.kind,
        heatingRateKPerMin: a.heatingRateKPerS > 0 ? a.heatingRateKPerS * 60 : null,
        meanTemperatureC: a.meanTemperatureK - KELVIN_OFFSET,
        usedStartS: k.startS,
        usedEndS: k.endS,
        startNote: k.startNote,
        endNote: k.endNote,
        sampleMassMg: k.sampleMassMg,
        error: null,
      };
    } catch (error) {
      info = { kind: null, heatingRateKPerMin: null, meanTemperatureC: null, usedStartS: null, usedEndS: null, startNote: null, endNote: null, sampleMassMg: null, error: errorMessage(error) };
    }
    if (infoCache.size > 500) infoCache.clear();
    infoCache.set(key, info);
    return info;
  }

  function seriesView(s: SeriesSettings): KineticsSeriesView {
    const fileViews: KineticsFileView[] = state.files
      .filter((f) => f.seriesId === s.id)
      .map((f) => ({ id: f.id, name: f.name, role: f.role, formatLabel: files.get(f.id)?.run.source.formatLabel ?? '' }));
    return {
      id: s.id,
      name: s.name,
      colorIndex: s.colorIndex,
      alphaBasis: s.alphaBasis,
      recipe: s.recipe,
      files: fileViews,
      runs: s.runs.map((r) => {
        const src = resolve(r.ref);
        return {
          key: r.key,
          ref: r.ref,
          label: r.label,
          fileName: 'error' in src ? '' : src.fileName,
          startS: r.startS,
          endS: r.endS,
          blank: r.blank,
          blankLabel: refLabel(r.blank),
          points: 'error' in src ? 0 : src.run.timeS.length,
          ...runInfo(s, r),
        };
      }),
    };
  }

  /** Everything the results depend on. */
  function settingsKey(): string {
    return JSON.stringify([state.series.map((s) => [s.id, s.name, s.alphaBasis, s.recipe, s.runs]), state.options]);
  }

  function jobView(): KineticsJobView | null {
    if (!job) return null;
    if (job.view.state === 'running') {
      const p = job.run.progress();
      job.view = { ...job.view, fraction: p.fraction, stage: p.stage };
    }
    return job.view;
  }

  function view(): KineticsStateView {
    return {
      series: state.series.map(seriesView),
      referenceSeriesId: state.referenceSeriesId,
      options: state.options,
      tgaRuns: deps.tgaRuns().map((r) => ({ id: r.id, label: r.label, role: r.role, fileName: r.fileName })),
      results,
      resultsStale: results !== null && resultsKey !== settingsKey(),
      job: jobView(),
      revision,
    };
  }

  function changed(): KineticsStateView {
    revision++;
    return view();
  }

  function analysisOptions(): KineticsOptions {
    const o = state.options;
    return {
      alphaMin: o.alphaMin,
      alphaMax: o.alphaMax,
      alphaStep: o.alphaStep,
      mode: o.mode,
      methods: o.methods,
      meanRange: o.meanRange ?? undefined,
      avramiWindow: o.avramiWindow,
      predictionTemperatureK: o.predictionC === null ? null : o.predictionC + KELVIN_OFFSET,
    };
  }

  /** Give blank-less runs of a series the blank whose temperature programme matches theirs best. */
  function assignBlanks(s: SeriesSettings, newKeys: Set<string>): void {
    const blanks = state.files.filter((f) => f.seriesId === s.id && f.role === 'blank' && files.has(f.id));
    if (blanks.length === 0) return;
    for (const r of s.runs) {
      if (!newKeys.has(r.key) || r.blank) continue;
      const src = resolve(r.ref);
      if ('error' in src) continue;
      let best: { id: string; d: number } | null = null;
      for (const b of blanks) {
        const d = blanks.length === 1 ? 0 : programmeDistance(src.run, (files.get(b.id) as { run: TgaRun }).run);
        if (!best || d < best.d) best = { id: b.id, d };
      }
      if (best) r.blank = { kind: 'file', fileId: best.id };
    }
  }

  async function importInto(seriesId: string, items: { name: string; load: () => Promise<Uint8Array> }[]) {
    const s = findSeries(seriesId);
    const failures: { fileName: string; message: string }[] = [];
    const parsed = await Promise.all(
      items.map(async (item) => {
        try {
          const bytes = await item.load();
          const p = await deps.parseTga({ name: item.name, bytes });
          if (p.run.timeS.length === 0) throw new Error('the file holds no data rows');
          return { name: item.name, bytes, run: p.run };
        } catch (error) {
          const message = errorMessage(error);
          failures.push({ fileName: item.name, message: message.includes(item.name) ? message : `${item.name}: ${message}` });
          return null;
        }
      }),
    );
    const newKeys = new Set<string>();
    for (const p of parsed) {
      if (!p) continue;
      const id = newId('file');
      const role = looksLikeBlank(p.name) ? 'blank' : 'sample';
      files.set(id, { bytes: p.bytes, run: p.run });
      state.files.push({ id, name: p.name, seriesId: s.id, role });
      if (role === 'sample') {
        const key = newId('run');
        s.runs.push({ key, ref: { kind: 'file', fileId: id }, label: uniqueLabel(s, stem(p.name)), startS: null, endS: null, blank: null });
        newKeys.add(key);
      }
      deps.log('info', `kinetics: imported ${p.name} into "${s.name}" (${p.run.source.formatLabel}, ${p.run.timeS.length} points)`);
    }
    // blanks imported now also serve runs imported before that have none
    for (const r of s.runs) if (!r.blank) newKeys.add(r.key);
    assignBlanks(s, newKeys);
    return { state: changed(), failures };
  }

  function uniqueLabel(s: SeriesSettings, wanted: string): string {
    const used = new Set(s.runs.map((r) => r.label));
    if (!used.has(wanted)) return wanted;
    let k = 2;
    while (used.has(`${wanted} (${k})`)) k++;
    return `${wanted} (${k})`;
  }

  function stopJob(): void {
    if (job && job.view.state === 'running') {
      job.run.cancel();
      job.view = { ...job.view, state: 'cancelled' };
    }
  }

  const api: Omit<KineticsSession, 'section'> = {
    tasks() {
      const v = jobView();
      return v && v.state === 'running' && job ? [{ id: job.taskId, label: 'Kinetics', fraction: v.fraction, detail: v.stage }] : [];
    },
    snapshot() {
      return {
        state: JSON.parse(JSON.stringify(state)) as KineticsPersistentState,
        files: state.files.map((f) => ({ name: f.name, bytes: (files.get(f.id) as { bytes: Uint8Array }).bytes })),
      };
    },
    async restore(snapshot) {
      stopJob();
      const next = JSON.parse(JSON.stringify(snapshot.state)) as KineticsPersistentState;
      if (next.version !== 1) throw deps.userError(`The kinetics part of this study has version ${String(next.version)}, which this version cannot read.`);
      if (snapshot.files.length !== next.files.length) throw deps.userError('The kinetics part of this study is damaged: its file list does not match its files.');
      const parsed = await Promise.all(snapshot.files.map((f) => deps.parseTga({ name: f.name, bytes: f.bytes })));
      files.clear();
      next.files.forEach((f, i) => files.set(f.id, { bytes: snapshot.files[i].bytes, run: parsed[i].run }));
      state = next;
      results = null;
      resultsKey = null;
      job = null;
      infoCache.clear();
      revision++;
    },
    async kinGetState() {
      return view();
    },
    async kinAddSeries(name) {
      const used = new Set(state.series.map((s) => s.colorIndex));
      let colorIndex = 0;
      while (used.has(colorIndex)) colorIndex++;
      const id = newId('series');
      state.series.push({ id, name: name.trim(), colorIndex, alphaBasis: 'observed', recipe: null, runs: [] });
      if (state.referenceSeriesId === null) state.referenceSeriesId = id;
      return changed();
    },
    async kinRemoveSeries(seriesId) {
      const s = findSeries(seriesId);
      state.series = state.series.filter((x) => x !== s);
      for (const f of state.files.filter((x) => x.seriesId === s.id)) files.delete(f.id);
      state.files = state.files.filter((x) => x.seriesId !== s.id);
      if (state.referenceSeriesId === s.id) state.referenceSeriesId = state.series[0]?.id ?? null;
      return changed();
    },
    async kinUpdateSeries(seriesId, patch) {
      const s = findSeries(seriesId);
      if (patch.name !== undefined) {
        if (state.series.some((x) => x !== s && x.name === patch.name)) throw deps.userError(`Another series is already called "${patch.name}".`);
        s.name = patch.name;
      }
      if (patch.recipe !== undefined) s.recipe = patch.recipe;
      if (patch.alphaBasis !== undefined) {
        if (patch.alphaBasis === 'recipe' && !s.recipe) throw deps.userError(`Set a recipe for "${s.name}" before taking α from its theoretical loss.`);
        s.alphaBasis = patch.alphaBasis;
      }
      return changed();
    },
    async kinAddTgaRuns(seriesId, runIds) {
      const s = findSeries(seriesId);
      const available = deps.tgaRuns();
      for (const id of runIds) {
        const t = available.find((x) => x.id === id);
        if (!t) throw deps.userError(`There is no TGA run with id "${id}" (it may have been removed).`);
        if (t.role === 'blank') throw deps.userError(`${t.label} is a blank: it can be the blank of a run, not a run of a series.`);
        if (s.runs.some((r) => r.ref.kind === 'tga' && r.ref.runId === id)) continue;
        s.runs.push({ key: newId('run'), ref: { kind: 'tga', runId: id }, label: uniqueLabel(s, t.label), startS: t.startS, endS: null, blank: t.blankId ? { kind: 'tga', runId: t.blankId } : null });
        if (!s.recipe && t.recipe) s.recipe = t.recipe;
      }
      return changed();
    },
    async kinImportFiles(seriesId, items) {
      return importInto(
        seriesId,
        items.map((f) => ({ name: f.name.split(/[\\/]/).pop() ?? f.name, load: async () => f.bytes })),
      );
    },
    async kinOpenFiles(seriesId) {
      findSeries(seriesId);
      const paths = await deps.pickFiles();
      if (paths.length === 0) return { state: view(), failures: [] };
      return importInto(
        seriesId,
        paths.map((p) => ({ name: p.split(/[\\/]/).pop() ?? p, load: () => deps.readFile(p) })),
      );
    },
    async kinUpdateRun(seriesId, runKey, patch) {
      const s = findSeries(seriesId);
      const r = findRun(s, runKey);
      if (patch.label !== undefined && patch.label !== r.label && s.runs.some((x) => x.label === patch.label)) throw deps.userError(`Another run of "${s.name}" is already called "${patch.label}".`);
      if (patch.blank) {
        const b = resolve(patch.blank);
        if ('error' in b) throw deps.userError(`That blank cannot be used: ${b.error}.`);
        if (refKey(patch.blank) === refKey(r.ref)) throw deps.userError('A run cannot be its own blank.');
      }
      const next = { ...r, ...patch };
      if (next.startS !== null && next.endS !== null && !(next.endS > next.startS)) throw deps.userError(`The window must end after it starts (${next.startS} s → ${next.endS} s).`);
      Object.assign(r, patch);
      return changed();
    },
    async kinRemoveRun(seriesId, runKey) {
      const s = findSeries(seriesId);
      const r = findRun(s, runKey);
      s.runs = s.runs.filter((x) => x !== r);
      return changed();
    },
    async kinSetOptions(options) {
      const next: KineticsAppOptions = { ...state.options, ...options };
      if (!(next.alphaMin <= next.alphaMax)) throw deps.userError(`The α range must go from low to high (${next.alphaMin} → ${next.alphaMax}).`);
      try {
        alphaGrid(next.alphaMin, next.alphaMax, next.alphaStep);
      } catch (error) {
        throw deps.userError(errorMessage(error));
      }
      if (next.methods.length === 0) throw deps.userError('Choose at least one method.');
      state.options = next;
      return changed();
    },
    async kinSetReference(seriesId) {
      if (seriesId !== null) findSeries(seriesId);
      state.referenceSeriesId = seriesId;
      return changed();
    },
    async kinStartAnalysis() {
      if (job && job.view.state === 'running') throw deps.userError('The kinetics analysis is already running: wait for it or cancel it.');
      if (state.series.length === 0) throw deps.userError('Add a series and its runs first.');
      const input: KineticsJobInput = {
        options: analysisOptions(),
        series: state.series.map((s) => {
          const runs: KineticRun[] = [];
          const errors: string[] = [];
          for (const r of s.runs) {
            try {
              runs.push(prepare(s, r));
            } catch (error) {
              errors.push(errorMessage(error));
            }
          }
          const error = errors.length ? errors.join('; ') : s.runs.length === 0 ? `"${s.name}" has no runs: add runs of the TGA workspace or import files` : null;
          return { id: s.id, name: s.name, runs, error };
        }),
      };
      const key = settingsKey();
      const run = deps.runKinetics(input);
      const id = nextJobId++;
      const current: NonNullable<typeof job> = { view: { id, state: 'running', fraction: 0, stage: 'preparing', message: null }, run, taskId: deps.nextTaskId(), key };
      job = current;
      revision++;
      run.result.then(
        (res) => {
          if (job !== current || current.view.state !== 'running') return;
          results = res;
          resultsKey = current.key;
          current.view = { ...current.view, state: 'done', fraction: 1, stage: 'done' };
          revision++;
        },
        (error: unknown) => {
          if (job !== current) return;
          const cancelled = error instanceof KineticsCancelled || current.view.state === 'cancelled';
          current.view = { ...current.view, state: cancelled ? 'cancelled' : 'failed', message: cancelled ? null : errorMessage(error) };
          if (!cancelled) deps.log('warn', `kinetics analysis failed: ${errorMessage(error)}`);
          revision++;
        },
      );
      return current.view;
    },
    async kinGetJob() {
      return jobView();
    },
    async kinCancelAnalysis() {
      stopJob();
      if (job) revision++;
      return jobView();
    },
    async kinResultsCsv() {
      if (!results) throw deps.userError('No kinetics results yet: run the analysis first.');
      const rows = ['series,method,alpha,E_kJ_per_mol,ci95_kJ_per_mol,ci95_low_kJ_per_mol,ci95_high_kJ_per_mol,runs,r2'];
      const cell = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '' : String(x));
      const q = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
      for (const r of results) {
        if (!r.result) continue;
        for (const [method, series] of Object.entries(r.result.isoconversional)) {
          for (const p of series?.points ?? []) rows.push([q(r.name), method, p.alpha, cell(p.eKJPerMol), cell(p.ci95KJPerMol), cell(p.ci95LowKJPerMol), cell(p.ci95HighKJPerMol), p.runs, cell(p.r2)].join(','));
        }
      }
      return rows.join('\n') + '\n';
    },
    async kinClear() {
      stopJob();
      state = emptyState();
      files.clear();
      results = null;
      resultsKey = null;
      job = null;
      infoCache.clear();
      return changed();
    },
  };
  const section: StudySection<KineticsPersistentState> = {
    id: 'kinetics',
    label: 'Kinetics',
    version: 1,
    snapshot: () => api.snapshot(),
    async restore(snap) {
      const parsed = kineticsStateSchema.safeParse(snap.state);
      if (!parsed.success) throw deps.userError(`The kinetics part of the study is not readable: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      await api.restore({ state: { ...parsed.data, options: { ...DEFAULT_KINETICS_OPTIONS, ...parsed.data.options } } as KineticsPersistentState, files: snap.files });
    },
    async clear() {
      await api.kinClear();
    },
    busy: () => (job && job.view.state === 'running' ? 'Wait for the kinetics analysis to finish (or cancel it) before undoing or redoing a change.' : null),
  };
  return Object.assign(api, { section });
}
