/**
 * `reductionlab xrd PATH... [options]`: an in situ SXRD sequence (files, folders or one multi-frame container) →
 * weight fractions, cells, peaks and phase presence on one time axis (core/xrd/pipeline). docs/xrd-cli.md.
 * src/main/cli.ts dispatches `xrd` here. Exit codes as the rest of the CLI: 0 ok, 1 error, 2 usage.
 */
import { writeFileAtomicSync } from './atomic-write';
import { listOption as list, numberOption, parseCommandArgs, readBytes, UsageError } from './cli/args';
import { basename, resolve } from 'node:path';
import type { XrdAnalysis, XrdAnalysisOptions } from '../shared/xrd-results';
import { renderAnalysisRefs, renderSettingRefs } from '../shared/xrd-settings';
import { phaseLibrary } from '../core/xrd/crystal/library';
import { analyseSequenceAsync, xrdAnalysisToCsv } from '../core/xrd/pipeline';
import type { PatternSequence } from '../shared/xrd';
import { compileOnWorkerThreads, createRietveldPool, type RietveldPool } from './rietveld-pool';
import { rietveldWorkerUrl, takePrestartedPool } from './xrd-prestart';
import { mark, markCpu } from './timeline';
import { parseInstprm, TUBE_RADIATIONS, tubeRadiation } from '../core/xrd/rietveld/index';
import { loadHdf5 } from '../core/formats/xrd/index';
import { assembleSequence, attachTemperatureLog, buildSequenceAsync, newSequenceHint, readSequenceFrames, type ReadSequenceFile, type SequenceFile, type SequenceOptions } from '../core/xrd/sequence';
import { listFiles, recognised } from './xrd-read-files';
import { parseTemperatureLog } from './xrd-session';
import { importReportText, sequenceImportReport } from '../core/xrd/import-report';

export interface XrdCliIo {
  /** Writes one block of text to standard output (a newline is added when missing). */
  stdout(text: string): void;
  stderr(text: string): void;
  /** Folder that relative paths are resolved against. */
  cwd: string;
}

export const XRD_USAGE = `Usage:
  reductionlab xrd PATH... [--phases magnetite,wustite,NiO,fcc-FeNi] [--detect bcc-Fe]
                   [--peaks "fcc-FeNi:200,wustite:200"] [--wavelength 0.20735] [--interval 2] [--offset-s 0]
                   [--two-theta-min DEG] [--two-theta-max DEG] [--no-refine] [--background-order 1]
                   [--background-terms 7] [--drop-below 0.005] [--temperature 700] [--temperature-log FILE]
                   [--vegard 3.668,3.566] [--fix-b] [--b-min-wt 0.1] [--polarisation-k 0.5]
                   [--no-debye-waller] [--cif FILE]... [--ignore-file-times] [--json] [--csv OUT.csv]
                   [--radiation CuKa] [--geometry debye-scherrer|bragg-brentano] [--instprm FILE.instprm]
                   [--instrument-profile U,V,W,X,Y] [--profile pv|tch] [--refine-profile size,strain,eta]
                   [--zero-shift DEG] [--refine-zero|--fix-zero] [--fix-displacement] [--monochromator-2theta DEG]

  reductionlab xrd PATH... [--wavelength Å] [--interval S] [--offset-s S] [--ignore-file-times] [--json] [--csv OUT.csv]
                   (no analysis option: an import report of every frame, nothing analysed)

PATH      pattern files, folders (every pattern file inside, natural-sorted) or a multi-frame file (HDF5, CSV matrix)
--phases  phases refined by the whole-pattern fit (library ids, or CIF phases 'cif-<block>'); --detect adds phases
          tested for presence only. Library ids: ${phaseLibrary.map((p) => p.id).join(', ')}
--peaks   single-peak regions 'phase:hkl', fitted frame by frame (absent below their detection limit)
--temperature  run temperature (°C): library cells and B values, and the Vegard ends, are taken at it (default: the
              --temperature-log's, or the files' own; else 25 °C). --temperature-log: two columns, time (s) and °C
--vegard  fcc (Fe,Ni) end members a0,a1 (Å at xNi = 0, 1) at the run temperature; default the literature law
          (Ni and Invar at room temperature) expanded to it
--fix-b   hold every phase's B (default: one ΔB per phase refined while the phase is ≥ --b-min-wt, 0.1)
--cif     a structure of your own (e.g. the sample's real spinel); refer to it as cif-<data block name>
--radiation  laboratory tube: ${Object.keys(TUBE_RADIATIONS).join(', ')} (Kα1/Kα2 doublet unless …Ka1)
--geometry   debye-scherrer (default: synchrotron/transmission, zero refined, pV profile) or bragg-brentano
             (specimen displacement refined, zero held, TCH profile with U, W, X refined)
--instprm    GSAS-II instrument parameters: wavelengths, Polariz., Zero and the U, V, W, X, Y profile (held; size and
             strain refined per phase); --instrument-profile U,V,W,X,Y (deg², deg) gives the profile alone
--refine-profile  profile terms refined per phase: size, strain (sample), eta, U, V, W, X, Y (default size,strain,eta)
Exit codes: 0 ok, 1 error, 2 usage.`;

/** The files named on the command line (files as given, folders expanded to the pattern files they hold), read on
 * this thread. */
export function collectFiles(paths: string[], cwd: string): { files: SequenceFile[]; ignored: string[] } {
  const files: SequenceFile[] = [];
  const ignored: string[] = [];
  const hint = newSequenceHint();
  for (const f of listFiles(paths, cwd)) {
    const bytes = readBytes(f.full);
    // inside a folder, keep only what a reader recognises (README.md, truth.json … are not frames)
    if (!f.explicit && !recognised(f.name, bytes, hint)) ignored.push(f.name);
    else files.push({ name: f.name, bytes });
  }
  return { files, ignored };
}

/** NaN-free JSON of the analysis, with `a` (Å) beside `aA` in every phase of every frame. */
export function xrdJson(result: XrdAnalysis, inputs: { paths: string[]; files: number; ignored: string[] }): unknown {
  return {
    inputs,
    ...result,
    frames: result.frames.map((f) => ({
      ...f,
      phases: Object.fromEntries(Object.entries(f.phases).map(([id, { weightFraction, ...rest }]) => [id, { weightFraction, a: rest.aA, ...rest }])),
    })),
  };
}

function fmt(x: number | null | undefined, digits: number): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits);
}

function pad(cells: string[], widths: number[]): string {
  return cells.map((c, i) => c.padStart(widths[i])).join('  ');
}

/** Frames shown in the text table: all up to 25, else ~20 evenly spaced with the first and last. */
function shownFrames(n: number): number[] {
  if (n <= 25) return Array.from({ length: n }, (_, i) => i);
  const step = Math.ceil((n - 1) / 20);
  const out: number[] = [];
  for (let i = 0; i < n - 1; i += step) out.push(i);
  out.push(n - 1);
  return out;
}

const TEMPERATURE_WORDS = { option: 'given', log: 'median of the temperature log', files: 'from the files', default: 'none known: room temperature' } as const;

/** The human-readable summary: header, a table of frames, presence lines. */
export function xrdSummaryText(result: XrdAnalysis, inputs: { paths: string[]; files: number; ignored: string[] }): string {
  const lines: string[] = [];
  const n = result.frames.length;
  const t0 = n ? result.frames[0].timeS : 0;
  const t1 = n ? result.frames[n - 1].timeS : 0;
  lines.push(
    `${n} frame${n === 1 ? '' : 's'} from ${inputs.paths.join(', ')} (${inputs.files} file${inputs.files === 1 ? '' : 's'}${inputs.ignored.length ? `, ${inputs.ignored.length} other files ignored` : ''})`,
    `λ = ${result.wavelengthA} Å (${result.wavelengthSource === 'files' ? 'from the files' : 'given'}); t = ${t0}–${t1} s (${result.timeSource === 'metadata' ? 'file time stamps' : 'frame index × interval'}); 2θ ${result.twoThetaMinDeg.toFixed(3)}–${result.twoThetaMaxDeg.toFixed(3)}°`,
  );
  const inst = result.instrument;
  if (result.refined && inst) {
    const terms = inst.refineProfile.length ? `${inst.refineProfile.join(', ')} refined` : 'held';
    lines.push(
      `Rietveld: ${inst.geometry}, ${inst.profile === 'tch' ? 'TCH' : 'pseudo-Voigt'} profile (${inst.instrumentProfile ? 'instrument profile given; ' : ''}${terms}), `
        + `${inst.wavelength2A !== null ? `Kα2 ${inst.wavelength2A} Å × ${inst.ratio21}` : 'one wavelength'}, LP K = ${inst.polarisationK}`
        + `${inst.monochromatorTwoThetaDeg ? ` (monochromator 2θ ${inst.monochromatorTwoThetaDeg}°)` : ''}, zero ${inst.refineZero ? 'refined' : `held at ${inst.zeroShiftDeg}°`}`
        + `${inst.refineDisplacement ? ', specimen displacement refined' : ''}; ${result.settings.backgroundTerms} background terms`,
    );
  }
  const ss = result.phases.find((p) => p.vegard);
  if (ss?.vegard) {
    lines.push(
      `Vegard (${ss.id}): xNi = (a − a0)/(a1 − a0), a0 = ${ss.vegard.a0A} Å, a1 = ${ss.vegard.a1A} Å — `
        + (result.vegardEndsSource === 'option'
          ? 'as given (--vegard)'
          : `the literature law (Ni and Invar at room temperature) at ${result.settings.temperatureC} °C; x_Ni carries a systematic σ from it`),
    );
  }
  lines.push(`Temperature: ${result.settings.temperatureC} °C (${TEMPERATURE_WORDS[result.temperatureSource ?? 'default']}); B ${result.settings.refineB ? `refined per phase while ≥ ${100 * result.settings.refineBMinWt} wt%` : 'held'}`);
  const cells = result.phases.map((p) => `${p.id} a₀ = ${p.startLattice.aA.toFixed(4)} Å (${p.startSource})`);
  if (cells.length) lines.push(`Starting cells: ${cells.join(', ')}`);
  const refined = result.phases.filter((p) => p.refined);
  const header: string[] = ['t (s)'];
  if (result.refined) header.push('Rwp %');
  for (const p of refined) header.push(`${p.id} wt%`);
  for (const p of refined) if (p.vegard) header.push(`${p.id} a Å`, `${p.id} xNi`);
  if (result.refined) header.push('GoF');
  for (const k of result.peaks) header.push(`${k.spec} area`, `${k.spec} 2θ°`);
  const rows: string[][] = shownFrames(n).map((i) => {
    const f = result.frames[i];
    const row = [String(Number(f.timeS.toFixed(2)))];
    if (result.refined) row.push(fmt(f.rwp === null ? null : 100 * f.rwp, 2));
    for (const p of refined) row.push(fmt(100 * (f.phases[p.id]?.weightFraction ?? NaN), 1));
    for (const p of refined) if (p.vegard) row.push(fmt(f.phases[p.id]?.aA, 4), fmt(f.phases[p.id]?.xNi, 3));
    if (result.refined) row.push(fmt(f.gof, 2));
    for (const k of result.peaks) {
      const pk = f.peaks[k.spec];
      row.push(pk?.present ? fmt(pk.area, 1) : `<${fmt(pk?.limit, 1)}`, pk?.present ? fmt(pk.centreDeg, 4) : 'absent');
    }
    return row;
  });
  if (header.length > 1) {
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
    lines.push('', pad(header, widths), ...rows.map((r) => pad(r, widths)));
    if (rows.length < n) lines.push(`(${rows.length} of ${n} frames shown; --json or --csv for every frame)`);
  }
  if (result.fitQuality) lines.push('', `Fit quality: ${result.fitQuality.message}`);
  const detected = Object.entries(result.detection);
  if (detected.length) {
    lines.push('', 'Presence (area > k·σ in consecutive frames):');
    const w = Math.max(...detected.map(([id]) => id.length));
    for (const [id, d] of detected) {
      const at = d.reflections.map((r) => r.label.split(' ').slice(1).join(' ')).join(', ');
      lines.push(`  ${id.padEnd(w)}  ${d.message}${at ? ` — tested ${at}` : ''}`);
    }
  }
  return lines.join('\n');
}

const VALUE_OPTIONS = new Set(['phases', 'detect', 'peaks', 'wavelength', 'interval', 'offset-s', 'two-theta-min', 'two-theta-max', 'background-order',
  'background-terms', 'drop-below', 'vegard', 'polarisation-k', 'cif', 'csv', 'radiation', 'geometry', 'instprm', 'profile', 'refine-profile',
  'zero-shift', 'monochromator-2theta', 'temperature', 'temperature-log', 'b-min-wt', 'instrument-profile']);

/** `--offset-s -60` → `--offset-s=-60`: a negative number after an option that takes a value is its value. */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = argv[i + 1];
    if (a.startsWith('--') && !a.includes('=') && VALUE_OPTIONS.has(a.slice(2)) && next !== undefined && /^-\d|^-\.\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

function parse(argv: string[]) {
  return parseCommandArgs(joinNegativeValues(argv), {
    phases: { type: 'string' },
    detect: { type: 'string' },
    peaks: { type: 'string' },
    wavelength: { type: 'string' },
    interval: { type: 'string' },
    'offset-s': { type: 'string' },
    'two-theta-min': { type: 'string' },
    'two-theta-max': { type: 'string' },
    'no-refine': { type: 'boolean' },
    'background-order': { type: 'string' },
    'background-terms': { type: 'string' },
    'drop-below': { type: 'string' },
    vegard: { type: 'string' },
    temperature: { type: 'string' },
    'temperature-log': { type: 'string' },
    'fix-b': { type: 'boolean' },
    'b-min-wt': { type: 'string' },
    'instrument-profile': { type: 'string' },
    'polarisation-k': { type: 'string' },
    'no-debye-waller': { type: 'boolean' },
    cif: { type: 'string', multiple: true },
    'ignore-file-times': { type: 'boolean' },
    json: { type: 'boolean' },
    csv: { type: 'string' },
    radiation: { type: 'string' },
    geometry: { type: 'string' },
    instprm: { type: 'string' },
    profile: { type: 'string' },
    'refine-profile': { type: 'string' },
    'zero-shift': { type: 'string' },
    'refine-zero': { type: 'boolean' },
    'fix-zero': { type: 'boolean' },
    'fix-displacement': { type: 'boolean' },
    'monochromator-2theta': { type: 'string' },
  });
}

/** Options of the analysis from the parsed command line. */
function analysisOptions(values: ReturnType<typeof parse>['values'], cwd: string): XrdAnalysisOptions {
  const refine = !values['no-refine'];
  const phases = list(values.phases);
  const detect = list(values.detect);
  if (refine && phases.length === 0) {
    throw new UsageError(`xrd: name the phases to refine with --phases (library ids: ${phaseLibrary.map((p) => p.id).join(', ')}), or pass --no-refine`);
  }
  let vegardEndsA: XrdAnalysisOptions['vegardEndsA'];
  if (values.vegard !== undefined) {
    const v = list(values.vegard).map(Number);
    if (v.length !== 2 || v.some((x) => !(x > 1 && x < 10)) || v[0] === v[1]) throw new UsageError(`--vegard ${values.vegard}: expected 'a0,a1' in Å (a at xNi = 0 and at xNi = 1)`);
    vegardEndsA = { a0A: v[0], a1A: v[1] };
  }
  const detectPhases = [...phases, ...detect.filter((d) => !phases.some((p) => p.toLowerCase() === d.toLowerCase()))];
  const options: XrdAnalysisOptions = {
    phases: refine ? phases : [],
    detectPhases,
    peaks: list(values.peaks),
    refine,
    cifs: (values.cif ?? []).map((p) => ({ fileName: basename(p), text: new TextDecoder().decode(readBytes(resolve(cwd, p))) })),
    wavelengthA: numberOption('wavelength', values.wavelength, (x) => x > 0 && x < 10, 'a wavelength in Å, e.g. 0.20735'),
    twoThetaMinDeg: numberOption('two-theta-min', values['two-theta-min'], (x) => x >= 0 && x < 180, 'a 2θ in degrees'),
    twoThetaMaxDeg: numberOption('two-theta-max', values['two-theta-max'], (x) => x > 0 && x <= 180, 'a 2θ in degrees'),
    backgroundOrder: numberOption('background-order', values['background-order'], (x) => Number.isInteger(x) && x >= 0 && x <= 3, 'an integer 0…3'),
    backgroundTerms: numberOption('background-terms', values['background-terms'], (x) => Number.isInteger(x) && x >= 1 && x <= 20, 'an integer 1…20'),
    dropBelowWt: numberOption('drop-below', values['drop-below'], (x) => x >= 0 && x < 1, 'a weight fraction, e.g. 0.005'),
    polarisationK: numberOption('polarisation-k', values['polarisation-k'], (x) => x >= 0 && x <= 1, 'K in 0…1 (0.5 unpolarised)'),
    debyeWaller: values['no-debye-waller'] ? false : undefined,
    temperatureC: numberOption('temperature', values.temperature, (x) => x > -273.15 && x < 3000, 'a temperature in °C, e.g. 700'),
    refineB: values['fix-b'] ? false : undefined,
    refineBMinWt: numberOption('b-min-wt', values['b-min-wt'], (x) => x >= 0 && x <= 1, 'a weight fraction, e.g. 0.1'),
    vegardEndsA,
  };
  Object.assign(options, instrumentOptions(values, cwd, options));
  if (!refine && detectPhases.length === 0 && options.peaks!.length === 0) throw new UsageError('xrd --no-refine: name phases to detect (--detect or --phases) or peaks (--peaks)');
  if (options.twoThetaMinDeg !== undefined && options.twoThetaMaxDeg !== undefined && options.twoThetaMinDeg >= options.twoThetaMaxDeg) {
    throw new UsageError('--two-theta-min must be below --two-theta-max');
  }
  // drop undefined fields so the analysis reports its own defaults
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as unknown as XrdAnalysisOptions;
}

const PROFILE_TERMS = ['U', 'V', 'W', 'X', 'Y', 'eta', 'size', 'strain'] as const;

/**
 * The instrument options: --radiation (a tube's Kα1/Kα2), --instprm (GSAS-II: wavelengths, polarisation, zero and
 * the instrument profile), --geometry, --profile, --refine-profile, zero and displacement. Explicit options win
 * over the .instprm's values (--wavelength over Lam1, --polarisation-k over Polariz., --zero-shift over Zero).
 */
function instrumentOptions(values: ReturnType<typeof parse>['values'], cwd: string, base: XrdAnalysisOptions): Partial<XrdAnalysisOptions> {
  const out: Partial<XrdAnalysisOptions> = {};
  if (values.radiation !== undefined && values.instprm !== undefined) throw new UsageError('--radiation and --instprm both set the wavelengths: give one');
  if (values.radiation !== undefined) {
    let r;
    try {
      r = tubeRadiation(values.radiation);
    } catch (e) {
      throw new UsageError(`--radiation: ${(e as Error).message}`);
    }
    if (base.wavelengthA === undefined) out.wavelengthA = r.wavelengthA;
    if (r.wavelength2A) {
      out.wavelength2A = r.wavelength2A;
      out.ratio21 = r.ratio21 ?? 0.5;
    }
  }
  if (values.instprm !== undefined) {
    const inst = parseInstprm(new TextDecoder().decode(readBytes(resolve(cwd, values.instprm))));
    if (base.wavelengthA === undefined) out.wavelengthA = inst.radiation.wavelengthA;
    if (inst.radiation.wavelength2A) {
      out.wavelength2A = inst.radiation.wavelength2A;
      out.ratio21 = inst.radiation.ratio21 ?? 0.5;
    }
    if (base.polarisationK === undefined && inst.polarisationK !== null) out.polarisationK = inst.polarisationK;
    out.zeroShiftDeg = inst.zeroShiftDeg;
    const { U, V, W, X, Y } = inst.profile;
    out.instrumentProfile = { U, V, W, X, Y };
  }
  if (values['instrument-profile'] !== undefined) {
    if (values.instprm !== undefined) throw new UsageError('--instrument-profile and --instprm both give the instrument profile: give one');
    const v = list(values['instrument-profile']).map(Number);
    if (v.length !== 5 || v.some((x) => !Number.isFinite(x))) throw new UsageError(`--instrument-profile ${values['instrument-profile']}: expected U,V,W,X,Y (deg², deg², deg², deg, deg)`);
    out.instrumentProfile = { U: v[0], V: v[1], W: v[2], X: v[3], Y: v[4] };
  }
  if (values.geometry !== undefined) {
    const g = values.geometry.trim().toLowerCase().replace(/[\s_]+/g, '-');
    if (g !== 'debye-scherrer' && g !== 'bragg-brentano') throw new UsageError(`--geometry ${values.geometry}: expected debye-scherrer or bragg-brentano`);
    out.geometry = g;
  }
  if (values.profile !== undefined) {
    const p = values.profile.trim().toLowerCase();
    if (p !== 'pv' && p !== 'tch') throw new UsageError(`--profile ${values.profile}: expected pv or tch`);
    out.profile = p;
  }
  if (values['refine-profile'] !== undefined) {
    const terms = list(values['refine-profile']).map((t) => PROFILE_TERMS.find((k) => k.toLowerCase() === t.toLowerCase()));
    if (terms.length === 0 || terms.some((t) => t === undefined)) throw new UsageError(`--refine-profile ${values['refine-profile']}: expected terms from ${PROFILE_TERMS.join(', ')}`);
    out.refineProfile = terms as (typeof PROFILE_TERMS)[number][];
  }
  const zero = numberOption('zero-shift', values['zero-shift'], (x) => Math.abs(x) < 5, 'a zero shift in degrees 2θ');
  if (zero !== undefined) out.zeroShiftDeg = zero;
  if (values['refine-zero'] && values['fix-zero']) throw new UsageError('--refine-zero and --fix-zero contradict each other');
  if (values['refine-zero']) out.refineZero = true;
  if (values['fix-zero']) out.refineZero = false;
  if (values['fix-displacement']) out.refineDisplacement = false;
  const mono = numberOption('monochromator-2theta', values['monochromator-2theta'], (x) => x >= 0 && x < 180, 'the monochromator 2θ in degrees');
  if (mono !== undefined) out.monochromatorTwoThetaDeg = mono;
  return out;
}

/**
 * The sequence read for the analysis: with a pool, on its workers in slices (their start-up overlaps the listing, and
 * the reading runs on every core; HDF5 files are read here, where h5wasm starts); without, on this thread.
 */
async function readForAnalysis(
  pool: RietveldPool | null, paths: string[], cwd: string, options: SequenceOptions,
): Promise<{ seq: PatternSequence; files: number; ignored: string[] }> {
  if (!pool) {
    const { files, ignored } = collectFiles(paths, cwd);
    if (files.length === 0) throw new Error(`${paths.join(', ')}: no diffraction pattern files found`);
    return { seq: await buildSequenceAsync(files, options), files: files.length, ignored };
  }
  mark('listing files');
  const listed = listFiles(paths, cwd);
  mark('files listed');
  const read = await pool.readFiles(listed);
  mark('files read');
  const files: ReadSequenceFile[] = [];
  const ignored: string[] = [];
  for (const [i, r] of read.entries()) {
    if ('ignored' in r) ignored.push(r.name);
    else if ('hdf5' in r) {
      await loadHdf5();
      try {
        files.push({ name: r.name, frames: readSequenceFrames({ name: r.name, bytes: readBytes(listed[i].full) }, newSequenceHint()) });
      } catch (e) {
        files.push({ name: r.name, error: e instanceof Error ? e.message : String(e) });
      }
    } else files.push(r);
  }
  if (files.length === 0) throw new Error(`${paths.join(', ')}: no diffraction pattern files found`);
  return { seq: assembleSequence(files, options), files: files.length, ignored };
}

/** Options that also shape the import report; any other option asks for the analysis. */
const REPORT_OPTIONS = new Set(['wavelength', 'interval', 'offset-s', 'ignore-file-times', 'json', 'csv', 'help']);

/** The import report as CSV: one row per frame (file, label, time, points, axis extent and unit, λ). */
function reportCsv(report: ReturnType<typeof sequenceImportReport>): string {
  const quote = (v: string): string => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const rows = [['index', 'file', 'label', 'format', 'time_s', 'points', 'x_min', 'x_max', 'x_unit', 'wavelength_A'].join(',')];
  for (const f of report.frames) {
    rows.push([String(f.index), quote(f.file), quote(f.label ?? ''), f.formatId, String(f.timeS), String(f.points), String(f.xMin), String(f.xMax), f.xUnit, f.wavelengthA === null ? '' : String(f.wavelengthA)].join(','));
  }
  return rows.join('\n') + '\n';
}

/** Run `reductionlab xrd` with the arguments after `xrd`; resolves to the exit code. */
export async function runXrdCommand(argv: string[], io: XrdCliIo): Promise<number> {
  try {
    const { values, positionals } = parse(argv);
    if (values.help) {
      io.stdout(XRD_USAGE);
      return 0;
    }
    if (positionals.length === 0) throw new UsageError('xrd: give at least one pattern file or folder');
    const reportOnly = Object.entries(values).every(([k, v]) => v === undefined || REPORT_OPTIONS.has(k));
    const options = reportOnly ? null : analysisOptions(values, io.cwd);
    const intervalS = numberOption('interval', values.interval, (x) => x > 0, 'seconds between frames, e.g. 2') ?? 2;
    const offsetS = numberOption('offset-s', values['offset-s'], () => true, 'seconds') ?? 0;
    const wavelengthA = numberOption('wavelength', values.wavelength, (x) => x > 0 && x < 10, 'a wavelength in Å, e.g. 0.20735');
    const seqOptions: SequenceOptions = { intervalS, offsetS, useMetadataTimes: !values['ignore-file-times'] };
    const prestarted = takePrestartedPool();
    if (reportOnly) {
      await prestarted?.close();
      // No analysis option: report what was read, frame by frame (exit 1 only when nothing could be read).
      const { files, ignored } = collectFiles(positionals, io.cwd);
      if (files.length === 0) throw new Error(`${positionals.join(', ')}: no diffraction pattern files found`);
      const seq = await buildSequenceAsync(files, { ...seqOptions, ...(wavelengthA !== undefined ? { wavelengthA } : {}) });
      const report = sequenceImportReport(seq);
      if (values.csv) writeFileAtomicSync(resolve(io.cwd, values.csv), reportCsv(report));
      if (values.json) io.stdout(JSON.stringify({ inputs: { paths: positionals, files: files.length, ignored }, ...report }, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2));
      else io.stdout([...importReportText(report, positionals), ...(ignored.length ? [`ignored (not a pattern): ${ignored.join(', ')}`] : [])].join('\n'));
      if (values.csv) (values.json ? io.stderr : io.stdout)(`CSV written to ${values.csv} (${report.frames.length} rows)`);
      return seq.frames.length === 0 ? 1 : 0;
    }
    // the pool of Rietveld workers (one per core, when the bundle has the worker) reads the files too
    // (started with the process by xrd-prestart.ts when this is the CLI's own command)
    const url = prestarted ? null : rietveldWorkerUrl();
    if (url) compileOnWorkerThreads();
    const pool = prestarted ?? (url ? createRietveldPool(url) : null);
    try {
      const read = await readForAnalysis(pool, positionals, io.cwd, seqOptions);
      let seq = read.seq;
      if (values['temperature-log'] !== undefined) {
        const log = parseTemperatureLog(basename(values['temperature-log']), readBytes(resolve(io.cwd, values['temperature-log'])));
        seq = attachTemperatureLog(seq, log.timeS, log.temperatureC);
      }
      for (const s of seq.skipped) io.stderr(`warning: skipped ${s.message}`);
      if (seq.frames.length === 0) throw new Error('no frame could be read');
      // a long sequence refined and tested in chunks on the pool
      mark('analysis starts');
      const analysis = await analyseSequenceAsync(seq, options as XrdAnalysisOptions, {
        executor: pool?.executor, presenceExecutor: pool?.presenceExecutor, anchors: pool?.anchorExecutor, prepare: pool ? (phases, phaseOptions) => (mark('cells found; anchors start'), pool.prepare(phases, phaseOptions)) : undefined,
      });
      mark('analysis done');
      const result = renderAnalysisRefs(analysis.analysis, 'cli');
      for (const w of result.warnings) io.stderr(`warning: ${w}`);
      const inputs = { paths: positionals, files: read.files, ignored: read.ignored };
      if (values.csv) writeFileAtomicSync(resolve(io.cwd, values.csv), xrdAnalysisToCsv(result));
      if (values.json) io.stdout(JSON.stringify(xrdJson(result, inputs), (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2));
      else io.stdout(xrdSummaryText(result, inputs));
      if (values.csv) (values.json ? io.stderr : io.stdout)(`CSV written to ${values.csv} (${result.frames.length} rows)`);
      mark('output written');
      return 0;
    } finally {
      markCpu('before the pool closes');
      await pool?.close();
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${e.message}\n\n${XRD_USAGE}`);
      return 2;
    }
    io.stderr(`error: ${renderSettingRefs(e instanceof Error ? e.message : String(e), 'cli')}`);
    return 1;
  }
}
