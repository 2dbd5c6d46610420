/**
 * The command line: `reductionlab tga FILE …` and `reductionlab compare STUDY.json …` (docs/cli.md).
 * Bundled by scripts/build-node.mjs into out/node/cli.mjs, which runs main() when it is the process entry
 * (`node out/node/cli.mjs …`, as the benchmark does); bin/reductionlab.mjs imports it and calls main().
 * Exit codes: 0 ok, 1 error (message names the file, and the line for parse errors), 2 usage.
 */
import { realpathSync, writeFileSync } from 'node:fs';
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

export const USAGE = `Usage:
  reductionlab tga FILE [--precursors "Fe2O3,NiO" | "Fe2O3:70,NiO:30"] [--target "Fe-36Ni"] [--blank FILE]
                   [--start-s SECONDS] [--end-s SECONDS] [--alpha 0.5,0.9] [--saturation 0.99] [--sg-window-s 15]
                   [--sg-polynomial 2] [--series OUT.csv] [--json] [--format ID]
  reductionlab compare STUDY.json [--json] [--csv OUT.csv] [--conditions-csv OUT.csv]
  reductionlab xrd PATH... [--wavelength 0.20735] [--interval 2] [--phases magnetite,wustite,NiO,fcc-FeNi]
                   [--peaks "fcc-FeNi:200,wustite:200"] [--json] [--csv OUT.csv]   (reductionlab xrd --help)
  reductionlab --help | --version

tga      import a TGA file and report it; with --precursors, compute α(t), dα/dt and the kinetic metrics
compare  analyse every run of a study file and print the metrics with speed-up factors (t_ref / t_run), and per
         condition (replicates) mean ± SD (n) with speed-ups ± propagated uncertainty
xrd      in situ SXRD sequence: sequential Rietveld weight fractions, lattice parameters, peaks, phase presence
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

function compareCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { json: { type: 'boolean' }, csv: { type: 'string' }, 'conditions-csv': { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('compare: give one STUDY.json');
  const studyPath = positionals[0];
  const study = parseStudy(new TextDecoder().decode(readBytes(studyPath)), studyPath);
  const dir = dirname(resolve(studyPath));
  const alphaTargets = study.alphaTargets ?? [...TGA_DEFAULTS.alphaTargets];
  const settings = settingsUsed({ alphaTargets, saturationFraction: study.saturationFraction, sgWindowS: study.sgWindowS });
  const cache = new Map<string, TgaRun>();
  const load = (rel: string, format?: string): TgaRun => {
    const path = resolve(dir, rel);
    let run = cache.get(path);
    if (!run) {
      run = loadRun(path, format ? { formatId: format } : undefined);
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
  if (values.csv) writeFileSync(values.csv, compareCsv(full, alphaTargets, refName));
  if (values['conditions-csv']) {
    writeFileSync(
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
    if (command === 'compare') return compareCommand(rest, io);
    if (command === 'xrd') return await runXrdCommand(rest, { stdout: io.out, stderr: io.err, cwd: process.cwd() });
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
