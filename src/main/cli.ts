/**
 * The command line: `reductionlab tga FILE …` and `reductionlab compare STUDY.json …` (docs/cli.md).
 * Bundled by scripts/build-node.mjs into out/node/cli.mjs, which runs main() when it is the process entry
 * (`node out/node/cli.mjs …`, as the benchmark does); bin/reductionlab.mjs imports it and calls main().
 * Exit codes: 0 ok, 1 error (message names the file, and the line for parse errors), 2 usage.
 */
// first: starts the Rietveld workers of `reductionlab xrd` before the rest of the bundle is evaluated
import './xrd-prestart';
import { realpathSync } from 'node:fs';
import { writeFileAtomicSync } from './atomic-write';
import { looksLikeStudyFile, packStudy, readStudyFile, studyFromTgaSection, studyInfo, studyInfoText, unpackStudy } from './cli/study-file';
import { readBytes, UsageError, numberOption } from './cli/args';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { RecipeInput, TgaAnalysis } from '../shared/analysis';
import type { ParseOptions, TgaRun } from '../shared/types';
import { describeImport, importTga } from '../core/formats/tga/index';
import { parsePrecursorList, parseTargetAlloy } from '../core/chem/recipe';
import { analyzeTga, TGA_DEFAULTS } from '../core/tga/analyze';
import { conditionSpeedUps, conditionStats, runSpeedUps } from '../core/tga/replicates';
import {
  analysisJson,
  analysisText,
  compareCsv,
  compareTable,
  conditionsJson,
  conditionTable,
  importReportText,
  metricsJson,
  runJson,
  type AnalysisSettingsUsed,
  type CompareRow,
  type ConditionRow,
} from './cli/report';
import { writeSeriesCsv } from './cli/series';
import { conditionsCsv } from './tga-tables';
import { parseStudy, runCondition, runLabel, runRecipe } from './cli/study';
import { runXrdCommand } from './cli-xrd';
import { runRadiographyCommand } from './cli-radiography';
import { runMapCommand } from './cli-map';
import { runHpCommand } from './cli-hp';
import { runKineticsCommand } from './cli-kinetics';

export const USAGE = `Usage:
  reductionlab tga FILE [--precursors "Fe2O3,NiO" | "Fe2O3:70,NiO:30"] [--target "Fe-36Ni"] [--blank FILE]
                   [--start-s SECONDS] [--end-s SECONDS] [--alpha 0.5,0.9] [--saturation 0.99] [--sg-window-s 15]
                   [--sg-polynomial 2] [--series OUT.csv] [--json] [--format ID]
  reductionlab compare STUDY.json|STUDY.rlab [--json] [--csv OUT.csv] [--conditions-csv OUT.csv]
  reductionlab study pack STUDY.json OUT.rlab | study unpack IN.rlab DIR | study info IN.rlab [--json]
  reductionlab xrd PATH... [--wavelength 0.20735] [--interval 2] [--phases magnetite,wustite,NiO,fcc-FeNi]
                   [--peaks "fcc-FeNi:200,wustite:200"] [--json] [--csv OUT.csv]   (reductionlab xrd --help)
  reductionlab radiography STACK [--interval-s 0.33] [--temperature-log T.csv] [--grid 4x4] [--roi NAME:x,y,w,h[:ellipse]]...
                   [--delta 49-51:52-54] [--json] [--csv OUT.csv]   (reductionlab radiography --help)
  reductionlab map PATH --grid NXxNY --phases Re,cif-myphase [--cif FILE]... [--pressure Re:anzellini2014] [--step-um S]
                   [--json] [--csv OUT.csv]   (reductionlab map --help)
  reductionlab pressure --calibrant Re --scale anzellini2014 (--a Å [--c Å] | --volume Å³ | --v-over-v0 X) [--json]
  reductionlab scales [--calibrant Au] [--json]
  reductionlab edd FILE... --two-theta DEG --calibrant Au --scale tsuchiya2003 [--temperature-k K] [--json]
                   (reductionlab pressure --help for every option of pressure, scales and edd)
  reductionlab kinetics FILE... [--methods friedman,kas,ofw,starink,vyazovkin,advanced-vyazovkin,kissinger]
                   [--alpha 0.1:0.9:0.05] [--mode auto|nonisothermal|isothermal] [--start-s S] [--end-s S]
                   [--blank FILE]... [--json] [--csv OUT.csv]                      (reductionlab kinetics --help)
  reductionlab --help | --version

tga      import a TGA file and report it; with --precursors, compute α(t), dα/dt and the kinetic metrics
compare  analyse every run of a study file and print the metrics with speed-up factors (t_ref / t_run), and per
         condition (replicates) mean ± SD (n) with speed-ups ± propagated uncertainty
study    pack a STUDY.json and its files into one .rlab study file, unpack one, or describe one (docs/study-file.md)
xrd      in situ SXRD sequence: sequential Rietveld weight fractions, lattice parameters, peaks, phase presence
radiography  image stack (TIFF, folder, HDF5): mean intensity per ROI and grid point per frame, onsets, ΔI %
map      2D XRD map: per point weight fractions, cells, phase presence, peak metrics and pressure
pressure P ± σ of a calibrant (Au, Pt, MgO, Re, NaCl, Cu, W, Mo) from its cell by a published pressure scale
scales   the pressure scales with their thermal models and citations
edd      energy-dispersive diffraction spectra → calibrant cell → P ± σ (P(t) for several); --calibrate → 2θ
kinetics activation energies of a series of runs (isoconversional, Kissinger, isothermal model fitting)
Exit codes: 0 ok, 1 error, 2 usage.`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const processIo: CliIo = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
};

function loadRun(path: string, options?: ParseOptions): TgaRun {
  return importTga(path, readBytes(path), options);
}

function alphaList(raw: string | undefined): number[] | undefined {
  if (raw === undefined) return undefined;
  const xs = raw.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  if (xs.length === 0 || xs.some((x) => !Number.isFinite(x) || x <= 0 || x >= 2)) throw new UsageError(`--alpha ${raw}: expected comma-separated α values in (0, 2), e.g. 0.5,0.9`);
  return xs;
}

function settingsUsed(o: { alphaTargets?: number[]; saturationFraction?: number; sgWindowS?: number; sgPolynomial?: number }): AnalysisSettingsUsed {
  return {
    alphaTargets: o.alphaTargets ?? [...TGA_DEFAULTS.alphaTargets],
    saturationFraction: o.saturationFraction ?? TGA_DEFAULTS.saturationFraction,
    sgWindowS: o.sgWindowS ?? TGA_DEFAULTS.sgWindowS,
    sgPolynomial: o.sgPolynomial ?? TGA_DEFAULTS.sgPolynomial,
    onsetAlpha: TGA_DEFAULTS.onsetAlpha,
  };
}

function tgaCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      precursors: { type: 'string' },
      target: { type: 'string' },
      blank: { type: 'string' },
      'start-s': { type: 'string' },
      'end-s': { type: 'string' },
      alpha: { type: 'string' },
      saturation: { type: 'string' },
      'sg-window-s': { type: 'string' },
      'sg-polynomial': { type: 'string' },
      series: { type: 'string' },
      json: { type: 'boolean' },
      format: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'tga: give one FILE' : `tga: one FILE only (got ${positionals.join(' ')})`);
  if (values.target !== undefined && values.precursors === undefined) throw new UsageError('--target needs --precursors');
  const file = positionals[0];
  const startS = numberOption('start-s', values['start-s'], () => true, 'a time in seconds');
  const endS = numberOption('end-s', values['end-s'], () => true, 'a time in seconds');
  const saturationFraction = numberOption('saturation', values.saturation, (x) => x > 0 && x <= 1, 'a fraction in (0, 1]');
  const sgWindowS = numberOption('sg-window-s', values['sg-window-s'], (x) => x > 0, 'a window in seconds > 0');
  const sgPolynomial = numberOption('sg-polynomial', values['sg-polynomial'], (x) => Number.isInteger(x) && x >= 1 && x <= 6, 'an integer 1–6');
  const alphaTargets = alphaList(values.alpha);
  let recipe: RecipeInput | undefined;
  if (values.precursors !== undefined) {
    try {
      if (values.target) parseTargetAlloy(values.target);
      recipe = { precursors: parsePrecursorList(values.precursors), ...(values.target ? { target: values.target } : {}) };
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }

  const parseOptions = values.format ? { formatId: values.format } : undefined;
  const run = loadRun(file, parseOptions);
  const report = describeImport(run);
  let analysis: TgaAnalysis | null = null;
  const settings = settingsUsed({ alphaTargets, saturationFraction, sgWindowS, sgPolynomial });
  if (recipe) {
    const blank = values.blank ? loadRun(values.blank) : null;
    analysis = analyzeTga(run, { recipe, blank, startS, endS, alphaTargets, saturationFraction, sgWindowS, sgPolynomial });
  } else if (values.blank || startS !== undefined || endS !== undefined) {
    report.push('(--blank, --start-s and --end-s are used with a recipe: give --precursors to compute α)');
  }
  if (values.series) writeSeriesCsv(values.series, run, analysis, Boolean(values.blank));

  if (values.json) {
    const base = runJson(file, run, report);
    io.out(JSON.stringify(analysis ? { ...base, ...analysisJson(analysis, settings, values.blank ?? null) } : { ...base, recipe: null, reduction: null, metrics: null }, null, 2));
  } else {
    const lines = importReportText(file, run, report);
    if (analysis) lines.push('', ...analysisText(analysis, settings, values.blank ?? null));
    else lines.push('', 'No recipe given: add --precursors (and --target) to compute α(t) and the kinetic metrics.');
    if (values.series) lines.push('', `Series written to ${values.series}`);
    io.out(lines.join('\n'));
  }
  return 0;
}

async function compareCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { json: { type: 'boolean' }, csv: { type: 'string' }, 'conditions-csv': { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('compare: give one STUDY.json or STUDY.rlab');
  const studyPath = positionals[0];
  const raw = readBytes(studyPath);
  // A .rlab carries its files: the runs are read from the embedded bytes, so it compares the same without them.
  let embedded: Map<string, { name: string; bytes: Uint8Array }> | null = null;
  let study;
  if (looksLikeStudyFile(studyPath, raw)) {
    const fromFile = studyFromTgaSection(await readStudyFile(studyPath), null);
    study = fromFile.study;
    embedded = fromFile.fileOf;
  } else study = parseStudy(new TextDecoder().decode(raw), studyPath);
  const dir = dirname(resolve(studyPath));
  const alphaTargets = study.alphaTargets ?? [...TGA_DEFAULTS.alphaTargets];
  const settings = settingsUsed({ alphaTargets, saturationFraction: study.saturationFraction, sgWindowS: study.sgWindowS });
  const cache = new Map<string, TgaRun>();
  const load = (rel: string, format?: string): TgaRun => {
    const path = embedded ? rel : resolve(dir, rel);
    let run = cache.get(path);
    if (!run) {
      const inside = embedded?.get(rel);
      if (embedded && !inside) throw new Error(`${studyPath}: no embedded file ${rel}`);
      run = inside ? importTga(inside.name, inside.bytes, format ? { formatId: format } : undefined) : loadRun(path, format ? { formatId: format } : undefined);
      cache.set(path, run);
    }
    return run;
  };
  const samples = study.runs.filter((r) => r.role !== 'blank');
  if (samples.length === 0) throw new Error(`${studyPath}: every run is a blank`);
  const rows: (Omit<CompareRow, 'speedUp'> & { condition: string })[] = samples.map((r) => {
    const recipe = runRecipe(r);
    const label = runLabel(r);
    try {
      const analysis = analyzeTga(load(r.file, r.format), {
        recipe: recipe ?? undefined,
        blank: r.blank ? load(r.blank) : null,
        startS: r.startS ?? null,
        endS: r.endS ?? null,
        alphaTargets,
        saturationFraction: settings.saturationFraction,
        sgWindowS: settings.sgWindowS,
      });
      return { label, file: r.file, analysis, condition: runCondition(r) };
    } catch (e) {
      throw new Error(`run "${label}": ${(e as Error).message}`);
    }
  });
  const refKey = study.reference ?? null;
  const ref = refKey === null ? rows[0] : rows.find((r) => r.label === refKey || r.file === refKey || r.condition === refKey);
  if (!ref) throw new Error(`${studyPath}: reference "${refKey}" matches no run's label, file or condition`);
  // Replicates: conditions with mean ± SD (n); every run's speed-up is against the reference condition's mean
  // (the reference run itself when it is alone in its condition).
  const stats = conditionStats(rows.map((r) => ({ id: r.label, condition: r.condition, metrics: r.analysis.metrics })));
  const refStats = stats.find((c) => c.name === ref.condition)!;
  const ups = runSpeedUps(rows.map((r) => ({ id: r.label, metrics: r.analysis.metrics })), refStats, ref.label);
  const condUps = conditionSpeedUps(stats, ref.condition);
  const conditions: ConditionRow[] = stats.map((c, i) => ({ stats: c, speedUp: condUps[i], labels: c.runIds }));
  const grouped = stats.some((c) => c.n > 1);
  const refName = grouped ? ref.condition : ref.label;
  const full: CompareRow[] = rows.map((r, i) => ({ ...r, speedUp: ups[i] }));
  if (values.csv) writeFileAtomicSync(values.csv, compareCsv(full, alphaTargets, refName));
  if (values['conditions-csv']) {
    writeFileAtomicSync(
      values['conditions-csv'],
      conditionsCsv(
        conditions.map((c) => ({ name: c.stats.name, runIds: c.stats.runIds, stats: c.stats, speedUp: c.speedUp })),
        alphaTargets,
        TGA_DEFAULTS.onsetAlpha,
        ref.condition,
        new Map(),
      ),
    );
  }
  if (values.json) {
    io.out(
      JSON.stringify(
        {
          study: studyPath,
          title: study.title ?? null,
          reference: ref.label,
          referenceCondition: ref.condition,
          settings,
          runs: full.map(({ label, file, analysis: a, speedUp: s }, i) => ({
            label,
            file,
            reduction: analysisJson(a, settings, null).reduction,
            recipe: a.recipe ? { precursors: a.recipe.precursors.map((p) => ({ formula: p.formula, massFraction: p.massFraction })), theoreticalLossFraction: a.recipe.theoreticalLossFraction } : null,
            metrics: metricsJson(a.metrics),
            speedUp: { tAlpha: s.tAlpha, tSaturation: s.tSaturation, onsetShiftC: s.onsetShiftC, onsetExtrapolatedShiftC: ups[i].onsetExtrapolatedShiftC },
            condition: rows[i].condition,
            checks: a.checks,
            warnings: a.warnings,
          })),
          conditions: conditionsJson(conditions),
        },
        null,
        2,
      ),
    );
  } else {
    const head = [study.title ?? studyPath, ...(study.label ? [study.label] : [])];
    const checks = full.flatMap((r) => r.analysis.checks.map((c) => `  ! ${r.label}: ${c.message}`));
    io.out(
      [
        ...head,
        '',
        ...compareTable(full, alphaTargets, refName),
        ...(grouped ? ['', 'Conditions (replicates)', '', ...conditionTable(conditions, alphaTargets, ref.condition)] : []),
        ...(checks.length ? ['', 'Checks', ...checks] : []),
        ...(values.csv ? [`Table written to ${values.csv}`] : []),
        ...(values['conditions-csv'] ? [`Conditions written to ${values['conditions-csv']}`] : []),
      ].join('\n'),
    );
  }
  return 0;
}

async function studyCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, strict: true, options: { json: { type: 'boolean' } } });
  if (sub === 'pack') {
    if (positionals.length !== 2) throw new UsageError('study pack: give STUDY.json and OUT.rlab');
    const { bytes, files } = await packStudy(positionals[0], positionals[1]);
    io.out(`Packed ${files} file${files === 1 ? '' : 's'} and the settings of ${positionals[0]} into ${positionals[1]} (${bytes.toLocaleString('en')} bytes)`);
    return 0;
  }
  if (sub === 'unpack') {
    if (positionals.length !== 2) throw new UsageError('study unpack: give IN.rlab and DIR');
    const { files } = await unpackStudy(positionals[0], positionals[1]);
    io.out(`Unpacked ${files} file${files === 1 ? '' : 's'} of ${positionals[0]} into ${positionals[1]} (study.json, manifest.json with SHA-256)`);
    return 0;
  }
  if (sub === 'info') {
    if (positionals.length !== 1) throw new UsageError('study info: give IN.rlab');
    const report = await studyInfo(positionals[0]);
    io.out(values.json ? JSON.stringify(report, null, 2) : studyInfoText(report));
    return 0;
  }
  throw new UsageError(sub === undefined ? 'study: give pack, unpack or info' : `study: unknown subcommand '${sub}' (pack, unpack, info)`);
}

/** Progress on a terminal and Ctrl-C as a request to stop after the current frame (the frames done are reported). */
function interactive(): { progress: boolean; onInterrupt(cancel: () => void): () => void } {
  return {
    progress: Boolean(process.stderr.isTTY),
    onInterrupt(cancel) {
      const handler = (): void => {
        process.stderr.write('\nreductionlab: stopping after the current frame (Ctrl-C again to quit now)\n');
        process.off('SIGINT', handler);
        cancel();
      };
      process.on('SIGINT', handler);
      return () => void process.off('SIGINT', handler);
    },
  };
}

/** Run the CLI with the arguments after the program name; returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      (command === undefined ? io.err : io.out)(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v') {
      io.out(typeof __REDUCTIONLAB_VERSION__ === 'string' ? __REDUCTIONLAB_VERSION__ : 'dev');
      return 0;
    }
    if (command === 'tga') return tgaCommand(rest, io);
    if (command === 'compare') return await compareCommand(rest, io);
    if (command === 'study') return await studyCommand(rest, io);
    if (command === 'xrd') return await runXrdCommand(rest, { stdout: io.out, stderr: io.err, cwd: process.cwd() });
    if (command === 'map') return await runMapCommand(rest, { stdout: io.out, stderr: io.err, cwd: process.cwd(), progress: Boolean(process.stderr.isTTY) });
    if (command === 'radiography') return await runRadiographyCommand(rest, { stdout: io.out, stderr: io.err, cwd: process.cwd(), ...interactive() });
    if (command === 'pressure' || command === 'scales' || command === 'edd') return runHpCommand(command, rest, { stdout: io.out, stderr: io.err, cwd: process.cwd() });
    if (command === 'kinetics') return runKineticsCommand(rest, { stdout: io.out, stderr: io.err });
    throw new UsageError(`unknown command '${command}'`);
  } catch (e) {
    if (e instanceof UsageError || (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`reductionlab: ${(e as Error).message}\n\n${USAGE}`);
      return 2;
    }
    io.err(`reductionlab: error: ${(e as Error).message}`);
    return 1;
  }
}

declare const __REDUCTIONLAB_VERSION__: string | undefined;

/** True when this module is the script node was started with (not when imported by bin/ or a test). */
function isProcessEntry(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isProcessEntry()) process.exitCode = await main(process.argv.slice(2));
