/**
 * The high-pressure part of the session (pressure calculator, user scales, EDD): createHandlers spreads its
 * methods into the Api. Persistence contract (notes/common-state.md): ALL persistent state is one plain JSON object
 * (`HpPersistedState`) plus the raw input files as imported ({ name, bytes }); snapshot() returns both and
 * restore() rebuilds everything else (parsed spectra, scale registry, analyses) from them. Derived results
 * (calibration, frames) are recomputed, never stored.
 */
import type { TaskView } from '../shared/api';
import type {
  HpApi, HpCalculatorInput, HpCalibrationRequest, HpCalibrationView, HpEddFrameView, HpEddOptions, HpFile, HpImportResult,
  HpPeakView, HpSpectrumView, HpStateView,
} from '../shared/api-hp';
import { withCalibration, type EddSpectrum } from '../core/formats/edd';
import {
  createRegistry, latticeSystem, listScales, pressureWithSigma, scaleById,
  type ScaleDefinition, type ScaleRegistry, type VolumeInput,
} from '../core/hp/eos';
import { analyseSequence, calibrateTwoTheta, frameTimes, type EddPeak, type RoiCurve, type SequenceResult } from '../core/hp/edd';
import { displaySeries } from './downsample';
import { inProcessImports, type ImportRunner } from './import-read';
import { z } from 'zod';
import { hpCalculatorInputSchema, hpCalibrationRequestSchema, hpEddOptionsSchema } from '../shared/api-hp';
import { quoted, type StudyCommands, type StudySection } from './study/sections';

/** Layout version of HpPersistedState in a study file (raise it with a migration when the layout changes). */
export const HP_SECTION_VERSION = 1;

/** HpPersistedState as read from a study file: validated, never trusted. */
const hpStateSchema = z.object({
  calculator: hpCalculatorInputSchema.nullable(),
  scaleFiles: z.array(z.string().min(1).max(500)).max(1000),
  eddFiles: z.array(z.string().min(1).max(500)).max(100_000),
  eddOptions: hpEddOptionsSchema,
  temperatureLog: z.string().min(1).max(500).nullable(),
  calibration: hpCalibrationRequestSchema.nullable(),
  analysed: z.boolean(),
});

/** Everything the high-pressure workspace keeps, as plain JSON. */
export interface HpPersistedState {
  calculator: HpCalculatorInput | null;
  /** Names of the scale files, in import order (their bytes are in the snapshot's files, role 'scale'). */
  scaleFiles: string[];
  /** Names of the EDD files in order (bytes in the snapshot's files, role 'edd'). */
  eddFiles: string[];
  eddOptions: HpEddOptions;
  temperatureLog: string | null;
  /** The last calibration request (its result is recomputed on restore). */
  calibration: HpCalibrationRequest | null;
  /** Whether the EDD spectra had been analysed (recomputed on restore). */
  analysed: boolean;
}

export interface HpSnapshot {
  state: HpPersistedState;
  /** Raw files as imported; the name is prefixed with its role: 'scale/…', 'edd/…', 'tlog/…'. */
  files: HpFile[];
}

export interface HpSessionDeps {
  /** Reads EDD files and scale tables (the hosts' import pool: heap and time limits per file); default in-process. */
  importFile?: ImportRunner;
  userError(message: string): Error;
  nextTaskId(): number;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

export interface HpSession extends HpApi {
  tasks(): TaskView[];
  snapshot(): HpSnapshot;
  restore(snapshot: HpSnapshot): Promise<void>;
  /** What the high-pressure workspace saves in a study, and how undo restores it (see study/sections.ts). */
  section: StudySection<HpPersistedState>;
}

/** The high-pressure Api methods that change the study, each an undoable command named in Undo/Redo. */
export const HP_COMMANDS: StudyCommands = {
  hpComputePressure: { section: 'hp', label: () => 'Compute a pressure' },
  hpImportScales: { section: 'hp', label: (args) => { const f = args[0] as HpFile[]; return f.length === 1 ? `Import the scale file ${quoted(f[0].name)}` : `Import ${f.length} scale files`; } },
  hpRemoveScaleFile: { section: 'hp', label: (args) => `Remove the scale file ${quoted(String(args[0]))}` },
  hpEddImport: { section: 'hp', label: (args) => { const f = args[0] as HpFile[]; return f.length === 1 ? `Import the EDD spectrum ${quoted(f[0].name)}` : `Import ${f.length} EDD files`; } },
  hpEddRemoveFile: { section: 'hp', label: (args) => `Remove the EDD file ${quoted(String(args[0]))}` },
  hpEddSetOptions: { section: 'hp', label: () => 'Change the EDD settings' },
  hpEddSetTemperatureLog: { section: 'hp', label: (args) => (args[0] ? `Set the EDD temperature log ${quoted((args[0] as HpFile).name)}` : 'Remove the EDD temperature log') },
  hpEddCalibrate: { section: 'hp', label: () => 'Calibrate 2θ' },
  hpEddAnalyse: { section: 'hp', label: () => 'Analyse the EDD spectra' },
  hpClear: { section: 'hp', label: () => 'Clear the high-pressure workspace' },
};

export const DEFAULT_EDD_OPTIONS: HpEddOptions = {
  calibrant: 'Au', scale: 'tsuchiya2003', twoThetaDeg: null, sigmaTwoThetaDeg: 0, temperatureK: null, sigmaTemperatureK: 0,
  hkl: null, energyRangeKeV: null, energyCalibration: null, intervalS: 1, v0A3: null,
};

interface LoadedEdd {
  name: string;
  bytes: Uint8Array;
  format: string;
  spectra: EddSpectrum[];
  warnings: string[];
}

const num = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

function peakView(p: EddPeak): HpPeakView {
  return {
    hkl: p.hkl, predictedKeV: p.predictedKeV, present: p.present, energyKeV: num(p.energyKeV), sigmaEnergyKeV: num(p.sigmaEnergyKeV),
    fwhmKeV: num(p.fwhmKeV), dA: num(p.dA), sigmaDA: num(p.sigmaDA), twoThetaDeg: num(p.twoThetaDeg), used: p.used, note: p.note,
  };
}

function temperatureLogFrom(file: HpFile, userError: (m: string) => Error): { timeS: number[]; temperatureK: number[] } {
  const text = new TextDecoder().decode(file.bytes);
  const t: number[] = [];
  const k: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const s = line.trim();
    if (!s || s.startsWith('#')) return;
    const p = s.split(/[\s,;\t]+/).map(Number);
    if (p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      if (t.length === 0) return;
      throw userError(`${file.name}, line ${i + 1}: expected time (s) and temperature (K)`);
    }
    t.push(p[0]);
    k.push(p[1]);
  });
  if (t.length === 0) throw userError(`${file.name}: no rows of time (s) and temperature (K)`);
  const order = t.map((_, i) => i).sort((a, b) => t[a] - t[b]);
  return { timeS: order.map((i) => t[i]), temperatureK: order.map((i) => k[i]) };
}

function interpolateLog(log: { timeS: number[]; temperatureK: number[] }, t: number): number | null {
  const n = log.timeS.length;
  if (t < log.timeS[0] || t > log.timeS[n - 1]) return null;
  let i = 0;
  while (i < n - 1 && log.timeS[i + 1] < t) i++;
  if (i === n - 1) return log.temperatureK[i];
  const [t0, t1] = [log.timeS[i], log.timeS[i + 1]];
  return t1 === t0 ? log.temperatureK[i] : log.temperatureK[i] + ((t - t0) / (t1 - t0)) * (log.temperatureK[i + 1] - log.temperatureK[i]);
}

export function createHpSession(deps: HpSessionDeps): HpSession {
  const importFile = deps.importFile ?? inProcessImports();
  let revision = 0;
  let calculator: HpCalculatorInput | null = null;
  let scaleFiles: { name: string; bytes: Uint8Array; defs: ScaleDefinition[] }[] = [];
  let registry: ScaleRegistry = createRegistry();
  let edd: LoadedEdd[] = [];
  let options: HpEddOptions = { ...DEFAULT_EDD_OPTIONS };
  let tlog: { name: string; bytes: Uint8Array; log: { timeS: number[]; temperatureK: number[] } } | null = null;
  let calibrationRequest: HpCalibrationRequest | null = null;
  let calibration: { view: HpCalibrationView; curves: RoiCurve[]; fluorescence: { label: string; energyKeV: number }[] } | null = null;
  let result: SequenceResult | null = null;
  let task: TaskView | null = null;

  const fail = (m: string): Error => deps.userError(m);

  function spectra(): EddSpectrum[] {
    const cal = options.energyCalibration;
    return edd.flatMap((f) => (cal ? f.spectra.map((s) => withCalibration(s, cal)) : f.spectra));
  }

  function rebuildRegistry(files: typeof scaleFiles): ScaleRegistry {
    try {
      return createRegistry(files.flatMap((f) => f.defs));
    } catch (e) {
      throw fail((e as Error).message);
    }
  }

  function frameViews(): HpEddFrameView[] | null {
    if (!result) return null;
    return result.frames.map((f, index) => {
      const r = f.result;
      return {
        index, fileName: f.fileName, label: f.label, timeS: f.timeS, timeSource: f.timeSource, temperatureK: num(f.temperatureK),
        pressureGPa: num(r?.pressureGPa), sigmaGPa: num(r?.sigmaGPa),
        sigmaParts: r ? { aGPa: r.sigmaFromAGPa, cGPa: r.sigmaFromCGPa, volumeGPa: r.pressure.sigmaFromVolumeGPa, temperatureGPa: r.pressure.sigmaFromTemperatureGPa } : null,
        latticeA: num(r?.latticeA), sigmaLatticeA: num(r?.sigmaLatticeA),
        latticeCA: num(r?.latticeCA), sigmaLatticeCA: num(r?.sigmaLatticeCA), volumeA3: num(r?.volumeA3), reducedChi2: num(r?.reducedChi2),
        peaksUsed: r ? r.peaks.filter((p) => p.used).length : 0, error: f.error, warnings: r?.warnings ?? [],
      };
    });
  }

  function state(): HpStateView {
    const all = spectra();
    return {
      revision,
      calibrants: [...new Set(registry.scales.map((s) => s.calibrant))],
      scales: listScales(registry),
      scaleFiles: scaleFiles.map((f) => f.name),
      calculator,
      edd: {
        files: edd.map((f) => ({ name: f.name, format: f.format, labels: f.spectra.map((s) => s.label), hasEnergy: f.spectra.every((s) => s.energyKeV !== null) || options.energyCalibration !== null, warnings: f.warnings })),
        spectra: all.length, options, temperatureLog: tlog?.name ?? null, calibration: calibration?.view ?? null, frames: frameViews(),
      },
    };
  }

  function changed(keepResults = false): HpStateView {
    revision++;
    if (!keepResults) result = null;
    return state();
  }

  function scaleOf(calibrant: string, id: string): ScaleDefinition {
    try {
      return scaleById(id, calibrant, registry);
    } catch (e) {
      throw fail((e as Error).message);
    }
  }

  function runCalibration(req: HpCalibrationRequest): void {
    const all = spectra();
    const s = all[req.spectrum];
    if (!s) throw fail(`There is no spectrum ${req.spectrum + 1} (${all.length} loaded).`);
    let lattice: ScaleDefinition['structure']['lattice'];
    let a0 = req.a0A;
    let c0 = req.c0A;
    if (req.scale) {
      const sc = scaleOf(req.calibrant, req.scale);
      lattice = sc.structure.lattice;
      if (a0 === undefined) {
        if (latticeSystem(lattice) === 'hexagonal') {
          const coa = sc.structure.cOverA ?? 1.62;
          a0 = Math.cbrt((2 * sc.v0A3) / (Math.sqrt(3) * coa));
          c0 = c0 ?? a0 * coa;
        } else a0 = Math.cbrt(sc.v0A3);
      }
    } else {
      const any = registry.scales.find((x) => x.calibrant.toLowerCase() === req.calibrant.toLowerCase());
      if (!any) throw fail(`Unknown calibrant "${req.calibrant}".`);
      lattice = any.structure.lattice;
    }
    if (latticeSystem(lattice) === 'hexagonal' && c0 === undefined) throw fail('A hexagonal phase needs c0 as well as a0.');
    try {
      const r = calibrateTwoTheta(s, { calibrant: req.calibrant, lattice, cell: { aA: a0!, cA: latticeSystem(lattice) === 'hexagonal' ? c0 : undefined }, hkl: req.hkl, energyRangeKeV: options.energyRangeKeV ?? undefined });
      calibration = {
        view: {
          spectrum: req.spectrum, fileName: s.fileName, label: s.label, calibrant: req.calibrant, a0A: a0!, c0A: c0 ?? null,
          twoThetaDeg: r.twoThetaDeg, sigmaTwoThetaDeg: r.sigmaTwoThetaDeg, reducedChi2: num(r.reducedChi2), peaks: r.peaks.map(peakView), warnings: r.warnings,
        },
        curves: r.curves,
        fluorescence: r.fluorescence.map((f) => ({ label: `${f.element} ${f.line}`, energyKeV: f.energyKeV })),
      };
    } catch (e) {
      throw fail(`Calibration of ${s.fileName}${s.label ? ` ${s.label}` : ''}: ${(e as Error).message}`);
    }
  }

  async function runAnalysis(): Promise<void> {
    const all = spectra();
    if (all.length === 0) throw fail('Load EDD spectra first.');
    if (options.twoThetaDeg === null) throw fail('Set 2θ first (calibrate on a known phase at 1 bar, or type it in).');
    const scale = scaleOf(options.calibrant, options.scale);
    const times = frameTimes(all.map((s) => ({ spectrum: s })), options.intervalS);
    const frames = all.map((s, i) => {
      let t: number | undefined = options.temperatureK ?? undefined;
      if (tlog) {
        const v = interpolateLog(tlog.log, times[i].timeS);
        if (v === null) throw fail(`${tlog.name}: spectrum ${i + 1} at t = ${times[i].timeS} s lies outside the temperature log.`);
        t = v;
      }
      return { spectrum: s, timeS: times[i].timeS, temperatureK: t };
    });
    const id = deps.nextTaskId();
    const opts = {
      twoThetaDeg: options.twoThetaDeg, sigmaTwoThetaDeg: options.sigmaTwoThetaDeg || undefined, scale,
      sigmaTemperatureK: options.sigmaTemperatureK || undefined, hkl: options.hkl ?? undefined, energyRangeKeV: options.energyRangeKeV ?? undefined,
      v0A3: options.v0A3 ?? undefined,
    };
    const parts: SequenceResult[] = [];
    try {
      for (let i = 0; i < frames.length; i++) {
        task = { id, label: 'EDD analysis', fraction: i / frames.length, detail: `spectrum ${i + 1} of ${frames.length}` };
        parts.push(analyseSequence([frames[i]], opts));
        // Let IPC and HTTP requests through between spectra.
        await new Promise((r) => setImmediate(r));
      }
    } finally {
      task = null;
    }
    const out = parts.flatMap((p) => p.frames);
    out.forEach((f, i) => (f.timeSource = times[i].timeSource));
    result = {
      frames: out, timesS: Float64Array.from(out, (f) => f.timeS), pressuresGPa: Float64Array.from(out, (f) => f.result?.pressureGPa ?? NaN),
      sigmasGPa: Float64Array.from(out, (f) => f.result?.sigmaGPa ?? NaN),
    };
  }

  function resultsCsv(): string {
    if (!result) throw fail('Analyse the spectra first.');
    const hex = result.frames.some((f) => f.result?.latticeCA !== null && f.result?.latticeCA !== undefined);
    const q = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const f = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '' : String(Number(x.toPrecision(10))));
    const scale = scaleOf(options.calibrant, options.scale);
    const head = ['file', 'label', 'time_s', 'temperature_K', 'a_A', 'sigma_a_A', ...(hex ? ['c_A', 'sigma_c_A'] : []), 'volume_A3', 'pressure_GPa', 'sigma_GPa', 'sigma_P_from_a_GPa', ...(hex ? ['sigma_P_from_c_GPa'] : []), 'sigma_P_from_V_GPa', 'sigma_P_from_T_GPa', 'reflections_used', 'error'];
    const lines = [
      `# ${scale.calibrant}, ${scale.name}; 2θ = ${options.twoThetaDeg}° ± ${options.sigmaTwoThetaDeg}°`,
      `# ${scale.citation}`,
      head.join(','),
      ...result.frames.map((fr) => {
        const r = fr.result;
        return [q(fr.fileName), q(fr.label), f(fr.timeS), f(fr.temperatureK), f(r?.latticeA), f(r?.sigmaLatticeA), ...(hex ? [f(r?.latticeCA), f(r?.sigmaLatticeCA)] : []),
          f(r?.volumeA3), f(r?.pressureGPa), f(r?.sigmaGPa),
          f(r?.sigmaFromAGPa), ...(hex ? [f(r?.sigmaFromCGPa)] : []), f(r?.pressure.sigmaFromVolumeGPa), f(r?.pressure.sigmaFromTemperatureGPa), r ? String(r.peaks.filter((p) => p.used).length) : '', q(fr.error ?? '')].join(',');
      }),
    ];
    return lines.join('\n') + '\n';
  }

  /**
   * Read files in the import workers (all at once, at most the pool's size at a time), then take them in the order
   * given: a file that fails is reported by name and the others still load.
   */
  async function readAll<T>(files: HpFile[], loaded: (name: string) => boolean, what: string, read: (file: HpFile) => Promise<T>): Promise<{ file: HpFile; value?: T; error?: string }[]> {
    const names = new Set<string>();
    return Promise.all(
      files.map(async (file) => {
        try {
          if (loaded(file.name) || names.has(file.name)) throw new Error(`${what} of this name is loaded already (remove it first)`);
          names.add(file.name);
          return { file, value: await read(file) };
        } catch (e) {
          return { file, error: (e as Error).message };
        }
      }),
    );
  }

  async function importEdd(files: HpFile[]): Promise<HpImportResult['failures']> {
    const failures: HpImportResult['failures'] = [];
    const read = await readAll(files, (n) => edd.some((f) => f.name === n), 'a file', (file) => importFile({ kind: 'edd', name: file.name, bytes: file.bytes }));
    for (const { file, value: spectraIn, error } of read) {
      if (!spectraIn) failures.push({ fileName: file.name, message: error ?? 'not read' });
      else edd.push({ name: file.name, bytes: file.bytes, format: spectraIn[0].formatId, spectra: spectraIn, warnings: spectraIn.flatMap((s) => s.warnings) });
    }
    return failures;
  }

  async function importScales(files: HpFile[]): Promise<HpImportResult['failures']> {
    const failures: HpImportResult['failures'] = [];
    const read = await readAll(files, (n) => scaleFiles.some((f) => f.name === n), 'a scale file', (file) => importFile({ kind: 'scale', name: file.name, bytes: file.bytes }));
    for (const { file, value: defs, error } of read) {
      try {
        if (!defs) throw new Error(error ?? 'not read');
        const next = [...scaleFiles, { name: file.name, bytes: file.bytes, defs }];
        registry = createRegistry(next.flatMap((f) => f.defs));
        scaleFiles = next;
      } catch (e) {
        failures.push({ fileName: file.name, message: (e as Error).message });
      }
    }
    return failures;
  }

  const api: Omit<HpSession, 'section'> = {
    tasks: () => (task ? [task] : []),
    async hpGetState() {
      return state();
    },
    async hpComputePressure(input) {
      const scale = scaleOf(input.calibrant, input.scale);
      let vol: VolumeInput;
      if (input.input === 'cell') vol = { cell: { aA: input.aA!, cA: input.cA, sigmaAA: input.sigmaAA, sigmaCA: input.sigmaCA } };
      else if (input.input === 'volume') vol = { volumeA3: input.volumeA3!, sigmaVolumeA3: input.sigmaVolumeA3 };
      else vol = { vOverV0: input.vOverV0! };
      try {
        const r = pressureWithSigma(scale, vol, { temperatureK: input.temperatureK, sigmaTemperatureK: input.sigmaTemperatureK, v0A3: input.v0A3 });
        calculator = input;
        revision++;
        return r;
      } catch (e) {
        throw fail((e as Error).message);
      }
    },
    async hpImportScales(files) {
      const failures = await importScales(files);
      return { state: changed(true), failures };
    },
    async hpRemoveScaleFile(name) {
      const next = scaleFiles.filter((f) => f.name !== name);
      if (next.length === scaleFiles.length) throw fail(`No scale file "${name}" is loaded.`);
      registry = rebuildRegistry(next);
      scaleFiles = next;
      return changed();
    },
    async hpEddImport(files) {
      const failures = await importEdd(files);
      calibration = null;
      return { state: changed(), failures };
    },
    async hpEddRemoveFile(name) {
      const next = edd.filter((f) => f.name !== name);
      if (next.length === edd.length) throw fail(`No EDD file "${name}" is loaded.`);
      edd = next;
      calibration = null;
      calibrationRequest = null;
      return changed();
    },
    async hpEddSetOptions(patch) {
      const next: HpEddOptions = { ...options, ...patch };
      if (patch.calibrant !== undefined || patch.scale !== undefined) scaleOf(next.calibrant, next.scale);
      if (patch.energyCalibration !== undefined) {
        const before = options;
        options = next;
        try {
          spectra();
        } catch (e) {
          options = before;
          throw fail((e as Error).message);
        }
      }
      options = next;
      return changed();
    },
    async hpEddSetTemperatureLog(file) {
      tlog = file ? { name: file.name, bytes: file.bytes, log: temperatureLogFrom(file, fail) } : null;
      return changed();
    },
    async hpEddCalibrate(req) {
      runCalibration(req);
      calibrationRequest = req;
      if (req.apply && calibration) {
        options = { ...options, twoThetaDeg: calibration.view.twoThetaDeg, sigmaTwoThetaDeg: calibration.view.sigmaTwoThetaDeg };
        return changed();
      }
      return changed(true);
    },
    async hpEddAnalyse() {
      await runAnalysis();
      revision++;
      return state();
    },
    async hpEddSpectrum(index) {
      const all = spectra();
      const s = all[index];
      if (!s) throw fail(`There is no spectrum ${index + 1} (${all.length} loaded).`);
      if (!s.energyKeV) throw fail(`${s.fileName}: no energy scale — give the detector's energy calibration (E = a + b·ch + c·ch²).`);
      const shown = displaySeries(s.energyKeV, s.counts, 4096);
      const frame = result?.frames[index]?.result ?? null;
      const cal = !frame && calibration && calibration.view.spectrum === index ? calibration : null;
      const curves = (frame?.curves ?? cal?.curves ?? []).map((c) => ({ energyKeV: c.energyKeV, model: c.model }));
      const peaks = frame ? frame.peaks.map(peakView) : cal ? cal.view.peaks : [];
      const fluorescence = frame ? frame.fluorescence.map((f) => ({ label: `${f.element} ${f.line}`, energyKeV: f.energyKeV })) : cal?.fluorescence ?? [];
      const view: HpSpectrumView = {
        index, fileName: s.fileName, label: s.label, energyKeV: shown.x, counts: shown.y, curves, peaks, fluorescence,
        pressureGPa: num(frame?.pressureGPa), sigmaGPa: num(frame?.sigmaGPa), source: frame ? 'analysis' : cal ? 'calibration' : null,
      };
      return view;
    },
    async hpEddResultsCsv() {
      return resultsCsv();
    },
    async hpClear() {
      calculator = null;
      scaleFiles = [];
      registry = createRegistry();
      edd = [];
      options = { ...DEFAULT_EDD_OPTIONS };
      tlog = null;
      calibration = null;
      calibrationRequest = null;
      return changed();
    },
    snapshot(): HpSnapshot {
      return {
        state: {
          calculator, scaleFiles: scaleFiles.map((f) => f.name), eddFiles: edd.map((f) => f.name), eddOptions: options,
          temperatureLog: tlog?.name ?? null, calibration: calibrationRequest, analysed: result !== null,
        },
        files: [
          ...scaleFiles.map((f) => ({ name: `scale/${f.name}`, bytes: f.bytes })),
          ...edd.map((f) => ({ name: `edd/${f.name}`, bytes: f.bytes })),
          ...(tlog ? [{ name: `tlog/${tlog.name}`, bytes: tlog.bytes }] : []),
        ],
      };
    },
    async restore(snap: HpSnapshot) {
      const byName = new Map(snap.files.map((f) => [f.name, f.bytes]));
      const get = (role: string, n: string): Uint8Array => {
        const b = byName.get(`${role}/${n}`);
        if (!b) throw fail(`The saved high-pressure session lacks the file ${n}.`);
        return b;
      };
      await api.hpClear();
      const s = snap.state;
      const scaleFailures = await importScales(s.scaleFiles.map((n) => ({ name: n, bytes: get('scale', n) })));
      const eddFailures = await importEdd(s.eddFiles.map((n) => ({ name: n, bytes: get('edd', n) })));
      for (const f of [...scaleFailures, ...eddFailures]) deps.log('warn', `restore: ${f.fileName}: ${f.message}`);
      options = { ...DEFAULT_EDD_OPTIONS, ...s.eddOptions };
      calculator = s.calculator;
      if (s.temperatureLog) {
        const bytes = get('tlog', s.temperatureLog);
        tlog = { name: s.temperatureLog, bytes, log: temperatureLogFrom({ name: s.temperatureLog, bytes }, fail) };
      }
      if (s.calibration) {
        try {
          runCalibration(s.calibration);
          calibrationRequest = s.calibration;
        } catch (e) {
          deps.log('warn', `restore: calibration: ${(e as Error).message}`);
        }
      }
      if (s.analysed) await runAnalysis();
      revision++;
    },
  };
  const section: StudySection<HpPersistedState> = {
    id: 'hp',
    label: 'High pressure',
    version: HP_SECTION_VERSION,
    snapshot: () => api.snapshot(),
    async restore(snap) {
      const parsed = hpStateSchema.safeParse(snap.state);
      if (!parsed.success) throw fail(`The high-pressure part of the study is not readable: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      await api.restore({ state: { ...parsed.data, eddOptions: { ...DEFAULT_EDD_OPTIONS, ...parsed.data.eddOptions } } as HpPersistedState, files: snap.files });
    },
    async clear() {
      await api.hpClear();
    },
  };
  return Object.assign(api, { section });
}
