/**
 * `reductionlab kinetics FILE... [options]`: activation energies of a series of TGA runs straight from the
 * instrument exports (blank, gas switch and recipe handled by core/tga; the kinetics by core/kinetics).
 * docs/cli.md (§ kinetics) and docs/kinetics.md. src/main/cli.ts dispatches `kinetics` here.
 * Exit codes as the rest of the CLI: 0 ok, 1 error (a missing temperature column, one run, identical heating
 * rates: the message says what is missing), 2 usage.
 */

import { writeFileAtomicSync } from './atomic-write';
import type { RecipeInput } from '../shared/analysis';
import {
  METHOD_LABELS,
  type EAlphaPoint,
  type IsoconversionalMethod,
  type KineticsMethod,
  type KineticsSeriesResult,
} from '../shared/kinetics';
import { importTga } from '../core/formats/tga/index';
import { parsePrecursorList, parseTargetAlloy } from '../core/chem/recipe';
import { analyseSeries, prepareKineticRun } from '../core/kinetics/index';
import { KELVIN_OFFSET as KELVIN } from '../core/kinetics/constants';
import { listOption, numberOption, parseCommandArgs, readBytes, UsageError } from './cli/args';

export const KINETICS_USAGE = `Usage:
  reductionlab kinetics FILE... [--methods friedman,kas,ofw,starink,vyazovkin,advanced-vyazovkin,kissinger]
                   [--alpha 0.1:0.9:0.05] [--mode auto|nonisothermal|isothermal] [--start-s S] [--end-s S]
                   [--blank FILE]... [--precursors "Fe2O3,NiO" [--target Fe-36Ni]] [--predict-c T]
                   [--avrami 0.15:0.85] [--format ID] [--json] [--csv OUT.csv]

FILE        one run per heating rate (non-isothermal) or per temperature (isothermal), any TGA export
--alpha     α grid from:to:step
--start-s, --end-s   kinetic window in file time, one value for every file or a comma list (one per file);
            default: the switch to the reducing gas (else a programme segment, else the mass-loss onset) to
            where the reducing gas stops (else the end of the data)
--blank     empty-crucible run(s): one for every file, or one --blank per file in the same order
--precursors, --target   the recipe: α from its theoretical loss instead of the run's own mass range
--predict-c isothermal prediction temperature in °C (default: the median run temperature)
Exit codes: 0 ok, 1 error, 2 usage.`;

export interface KineticsCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const METHOD_NAMES: Record<string, KineticsMethod> = {
  friedman: 'friedman',
  kas: 'kas',
  ofw: 'ofw',
  starink: 'starink',
  vyazovkin: 'vyazovkin',
  'advanced-vyazovkin': 'advancedVyazovkin',
  kissinger: 'kissinger',
};

function parseMethods(raw: string | undefined): KineticsMethod[] | undefined {
  if (raw === undefined) return undefined;
  const names = listOption(raw).map((s) => s.toLowerCase());
  const bad = names.filter((n) => !(n in METHOD_NAMES));
  if (names.length === 0 || bad.length) throw new UsageError(`--methods ${raw}: unknown ${bad.join(', ') || '(empty)'}; choose from ${Object.keys(METHOD_NAMES).join(', ')}`);
  return [...new Set(names.map((n) => METHOD_NAMES[n]))];
}

/** 'a:b:step' → [a, b, step]. */
export function parseAlphaRange(raw: string | undefined, option: string, needStep: boolean): number[] | undefined {
  if (raw === undefined) return undefined;
  const parts = raw.split(':').map((s) => Number(s.trim()));
  const ok =
    parts.length === (needStep ? 3 : 2) &&
    parts.every(Number.isFinite) &&
    parts[0] > 0 &&
    parts[1] < 1 &&
    parts[0] <= parts[1] &&
    (!needStep || parts[2] > 0);
  if (!ok) throw new UsageError(`--${option} ${raw}: expected ${needStep ? 'from:to:step, e.g. 0.1:0.9:0.05' : 'from:to, e.g. 0.15:0.85'} with 0 < from ≤ to < 1`);
  return parts;
}

/** One value for every file, or a comma list with one per file. */
function perFile(raw: string | undefined, option: string, files: number): (number | null)[] {
  if (raw === undefined) return new Array(files).fill(null);
  const parts = raw.split(',').map((s) => s.trim());
  const values = parts.map((p) => {
    const x = Number(p);
    if (p === '' || !Number.isFinite(x)) throw new UsageError(`--${option} ${raw}: expected seconds, one value or one per file`);
    return x;
  });
  if (values.length === 1) return new Array(files).fill(values[0]);
  if (values.length !== files) throw new UsageError(`--${option} ${raw}: ${values.length} values for ${files} files (give one, or one per file)`);
  return values;
}

const num = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);
const fixed = (x: number | null | undefined, d: number): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d));

const pointJson = (p: EAlphaPoint) => ({
  alpha: p.alpha,
  eKJPerMol: num(p.eKJPerMol),
  ci95KJPerMol: num(p.ci95KJPerMol),
  ci95LowKJPerMol: num(p.ci95LowKJPerMol),
  ci95HighKJPerMol: num(p.ci95HighKJPerMol),
  runs: p.runs,
  r2: num(p.r2),
});

/** The JSON of `--json` (docs/cli.md): the issue's shape, with a few more fields. */
export function kineticsJson(res: KineticsSeriesResult, files: string[]) {
  const iso: Record<string, ReturnType<typeof pointJson>[]> = {};
  for (const [m, s] of Object.entries(res.isoconversional)) if (s) iso[m] = s.points.map(pointJson);
  const ciMeaning: Record<string, string> = {};
  for (const [m, s] of Object.entries(res.isoconversional)) if (s) ciMeaning[m] = s.ciMeaning;
  const common = {
    alphas: res.alphas,
    isoconversional: iso,
    ciMeaning,
    summaryE: res.summaryE,
    multiStep: res.multiStep,
    masterPlot: res.masterPlot ? { nearestModel: res.masterPlot.nearestModel, nearestModelLnAPerS: num(res.masterPlot.nearestModelLnAPerS), eMethod: res.masterPlot.eMethod } : null,
    compensation: res.compensation ? { a: res.compensation.a, b: res.compensation.b, r2: res.compensation.r2, lnAPerS: res.compensation.lnAPerS } : null,
    prediction: res.prediction
      ? { temperatureK: res.prediction.temperatureK, eMethod: res.prediction.eMethod, alphas: res.prediction.alphas, tS: res.prediction.tS, tLowS: res.prediction.tLowS, tHighS: res.prediction.tHighS, bandMeaning: res.prediction.bandMeaning }
      : null,
    warnings: res.warnings,
  };
  const runBase = (i: number) => {
    const r = res.runs[i];
    return {
      file: files[i],
      label: r.label,
      kind: r.kind,
      meanTemperatureK: r.meanTemperatureK,
      sampleMassMg: r.sampleMassMg,
      blank: r.blankApplied,
      alphaBasis: r.alphaBasis,
      window: { startS: r.startS, startNote: r.startNote, endS: r.endS, endNote: r.endNote },
      alphaMax: r.alphaMax,
      peak: r.peak,
      warnings: r.warnings,
    };
  };
  if (res.mode === 'nonisothermal') {
    return {
      mode: res.mode,
      runs: res.runs.map((r, i) => ({ ...runBase(i), heatingRateKPerMin: num(r.heatingRateKPerMin), heatingDeviationK: num(r.heatingDeviationK) })),
      ...common,
      kissinger: res.kissinger
        ? { eKJPerMol: res.kissinger.eKJPerMol, ci95KJPerMol: num(res.kissinger.ci95KJPerMol), lnAPerS: res.kissinger.lnAPerS, r2: num(res.kissinger.r2), peaks: res.kissinger.peaks }
        : null,
    };
  }
  return {
    mode: res.mode,
    runs: res.runs.map((r, i) => ({
      ...runBase(i),
      temperatureK: r.meanTemperatureK,
      avrami: r.avrami ? { n: r.avrami.n, kPerS: r.avrami.kPerS, r2: r.avrami.r2, alphaWindow: r.avrami.alphaWindow } : null,
      bestModel: r.bestModel,
      models: r.models?.map((m) => ({ code: m.code, kPerS: num(m.kPerS), params: m.params, ssr: num(m.ssr), aicc: num(m.aicc), deltaAicc: num(m.deltaAicc) })) ?? null,
    })),
    ...common,
    arrhenius: res.arrhenius ? { eKJPerMol: res.arrhenius.eKJPerMol, ci95KJPerMol: num(res.arrhenius.ci95KJPerMol), lnAPerS: res.arrhenius.lnAPerS, lnACi95: num(res.arrhenius.lnACi95), r2: num(res.arrhenius.r2), source: res.arrhenius.source } : null,
    arrheniusAvrami: res.arrheniusAvrami ? { eKJPerMol: res.arrheniusAvrami.eKJPerMol, ci95KJPerMol: num(res.arrheniusAvrami.ci95KJPerMol), lnAPerS: res.arrheniusAvrami.lnAPerS } : null,
    bestModel: res.bestModel,
    modelRanking: res.modelRanking,
  };
}

/** One row per α: E and its 95 % half-width (and limits) per method. */
export function kineticsCsv(res: KineticsSeriesResult): string {
  const methods = Object.keys(res.isoconversional) as (IsoconversionalMethod | 'isothermal')[];
  const head = ['alpha'];
  for (const m of methods) head.push(`${m}_E_kJ_per_mol`, `${m}_ci95_kJ_per_mol`, `${m}_ci95_low_kJ_per_mol`, `${m}_ci95_high_kJ_per_mol`);
  const cell = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '' : String(x));
  const rows = [head.join(',')];
  res.alphas.forEach((a, k) => {
    const row = [String(a)];
    for (const m of methods) {
      const p = res.isoconversional[m]?.points[k];
      row.push(cell(p?.eKJPerMol), cell(p?.ci95KJPerMol), cell(p?.ci95LowKJPerMol), cell(p?.ci95HighKJPerMol));
    }
    rows.push(row.join(','));
  });
  return rows.join('\n') + '\n';
}

/** The human-readable report. */
export function kineticsText(res: KineticsSeriesResult, files: string[]): string {
  const lines: string[] = [];
  lines.push(`Kinetics: ${res.mode === 'isothermal' ? 'isothermal' : 'non-isothermal'} series of ${res.runs.length} runs`);
  lines.push('');
  lines.push('Runs');
  res.runs.forEach((r, i) => {
    const what =
      res.mode === 'isothermal'
        ? `T = ${fixed(r.meanTemperatureK - KELVIN, 1)} °C (${fixed(r.meanTemperatureK, 2)} K, spread ${fixed(r.temperatureSpanK, 2)} K)`
        : `β = ${fixed(r.heatingRateKPerMin, 3)} K/min (fitted to T(t); largest deviation ${fixed(r.heatingDeviationK, 2)} K)`;
    lines.push(`  ${files[i]}: ${what}; α from ${r.alphaBasis === 'recipe' ? "the recipe's theoretical loss" : 'the run\'s own mass range'}${r.blankApplied ? ', blank subtracted' : ''}`);
    lines.push(`    window ${fixed(r.startS, 1)}–${fixed(r.endS, 1)} s (start ${r.startNote}; end ${r.endNote}); α reaches ${fixed(r.alphaMax, 4)}`);
  });
  const methods = Object.keys(res.isoconversional) as (IsoconversionalMethod | 'isothermal')[];
  if (methods.length) {
    lines.push('', 'E(α) / kJ mol⁻¹ ± 95 % half-width');
    const w = 20;
    lines.push(['α'.padStart(5), ...methods.map((m) => METHOD_LABELS[m].padStart(w))].join(' '));
    res.alphas.forEach((a, k) => {
      const cells = methods.map((m) => {
        const p = res.isoconversional[m]?.points[k];
        return (p && p.eKJPerMol !== null ? `${p.eKJPerMol.toFixed(2)} ± ${p.ci95KJPerMol === null ? '—' : p.ci95KJPerMol.toFixed(2)}` : '—').padStart(w);
      });
      lines.push([a.toFixed(3).padStart(5), ...cells].join(' '));
    });
    lines.push('', '95 % intervals:');
    const byMeaning = new Map<string, string[]>();
    for (const m of methods) {
      const meaning = res.isoconversional[m]?.ciMeaning ?? '';
      byMeaning.set(meaning, [...(byMeaning.get(meaning) ?? []), METHOD_LABELS[m]]);
    }
    for (const [meaning, names] of byMeaning) lines.push(`  ${names.join(', ')}: ${meaning}`);
  }
  if (res.kissinger) {
    const k = res.kissinger;
    lines.push('', `Kissinger (ASTM E698): E = ${k.eKJPerMol.toFixed(2)} ± ${fixed(k.ci95KJPerMol, 2)} kJ/mol, ln(A/s⁻¹) = ${k.lnAPerS.toFixed(3)} (first order), peaks ${k.peaks.map((p) => `${fixed(p.temperatureK - KELVIN, 2)} °C`).join(', ')}`);
  }
  if (res.mode === 'isothermal') {
    lines.push('', 'Per run (JMAK: α = 1 − exp[−(k t)ⁿ], t from the window start)');
    res.runs.forEach((r, i) => {
      const a = r.avrami;
      lines.push(`  ${files[i]}: n = ${fixed(a?.n, 3)}, k = ${a ? a.kPerS.toExponential(4) : '—'} s⁻¹ (α ${a?.alphaWindow.join('–') ?? '—'}, R² ${fixed(a?.r2, 5)}); best model ${r.bestModel ?? '—'}`);
    });
    if (res.modelRanking) {
      lines.push(`  Models by summed AICc (Δ against ${res.bestModel}): ${res.modelRanking.slice(0, 8).map((m) => `${m.code}${m.flexible ? '*' : ''} ${m.deltaAicc >= 0 ? '+' : ''}${m.deltaAicc.toFixed(1)}`).join(', ')}  (* flexible)`);
      lines.push('  An Avrami n alone does not identify a mechanism: compare the models.');
    }
    if (res.arrhenius) lines.push(`Arrhenius (${res.arrhenius.source}): E = ${res.arrhenius.eKJPerMol.toFixed(2)} ± ${fixed(res.arrhenius.ci95KJPerMol, 2)} kJ/mol, ln(A/s⁻¹) = ${res.arrhenius.lnAPerS.toFixed(3)} ± ${fixed(res.arrhenius.lnACi95, 3)}`);
    if (res.arrheniusAvrami) lines.push(`Arrhenius (Avrami k): E = ${res.arrheniusAvrami.eKJPerMol.toFixed(2)} ± ${fixed(res.arrheniusAvrami.ci95KJPerMol, 2)} kJ/mol`);
  }
  if (res.summaryE) lines.push('', `Mean E (${METHOD_LABELS[res.summaryE.method]}, α ${res.summaryE.alphaRange.join('–')}): ${fixed(res.summaryE.meanKJPerMol, 2)} ± ${fixed(res.summaryE.ci95KJPerMol, 2)} kJ/mol`);
  if (res.multiStep) lines.push(res.multiStep.message);
  if (res.masterPlot?.nearestModel) lines.push(`Master plot g(α)/g(0.5): nearest model ${res.masterPlot.nearestModel}, ln(A/s⁻¹) = ${fixed(res.masterPlot.nearestModelLnAPerS, 3)}`);
  if (res.prediction) {
    const p = res.prediction;
    const at = [0.5, 0.9].map((a) => {
      const k = p.alphas.findIndex((x) => Math.abs(x - a) < 1e-9);
      return k < 0 ? null : `t(α = ${a}) = ${fixed(p.tS[k], 1)} s [${fixed(p.tLowS[k], 1)}, ${fixed(p.tHighS[k], 1)}]`;
    }).filter((s) => s !== null);
    if (at.length) lines.push(`Isothermal prediction at ${fixed(p.temperatureK - KELVIN, 1)} °C: ${at.join('; ')}`);
  }
  if (res.warnings.length) lines.push('', 'Notes', ...res.warnings.map((w) => `  ! ${w}`));
  return lines.join('\n');
}

export function runKineticsCommand(args: string[], io: KineticsCliIo): number {
  const { values, positionals } = parseCommandArgs(args, {
    methods: { type: 'string' },
    alpha: { type: 'string' },
    mode: { type: 'string' },
    'start-s': { type: 'string' },
    'end-s': { type: 'string' },
    blank: { type: 'string', multiple: true },
    precursors: { type: 'string' },
    target: { type: 'string' },
    'predict-c': { type: 'string' },
    avrami: { type: 'string' },
    format: { type: 'string' },
    json: { type: 'boolean' },
    csv: { type: 'string' },
  });
  if (values.help) {
    io.stdout(KINETICS_USAGE);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('kinetics: give the runs of the series (FILE...)');
  const methods = parseMethods(values.methods);
  const grid = parseAlphaRange(values.alpha, 'alpha', true);
  const avramiWindow = parseAlphaRange(values.avrami, 'avrami', false);
  const mode = values.mode ?? 'auto';
  if (!['auto', 'nonisothermal', 'isothermal'].includes(mode)) throw new UsageError(`--mode ${mode}: expected auto, nonisothermal or isothermal`);
  const starts = perFile(values['start-s'], 'start-s', positionals.length);
  const ends = perFile(values['end-s'], 'end-s', positionals.length);
  const blanks = values.blank ?? [];
  if (blanks.length > 1 && blanks.length !== positionals.length) throw new UsageError(`--blank given ${blanks.length} times for ${positionals.length} files: give one blank, or one per file`);
  const predictC = numberOption('predict-c', values['predict-c'], (x) => x > -273.15 && x < 5000, 'a temperature in °C');
  if (values.target !== undefined && values.precursors === undefined) throw new UsageError('--target needs --precursors');
  let recipe: RecipeInput | null = null;
  if (values.precursors !== undefined) {
    try {
      if (values.target) parseTargetAlloy(values.target);
      recipe = { precursors: parsePrecursorList(values.precursors), ...(values.target ? { target: values.target } : {}) };
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  const parseOptions = values.format ? { formatId: values.format } : undefined;
  const blankRuns = blanks.map((b) => importTga(b, readBytes(b), parseOptions));
  const runs = positionals.map((file, i) => {
    const run = importTga(file, readBytes(file), parseOptions);
    return prepareKineticRun(run, {
      blank: blankRuns.length === 0 ? null : blankRuns.length === 1 ? blankRuns[0] : blankRuns[i],
      recipe,
      startS: starts[i],
      endS: ends[i],
    });
  });
  const res = analyseSeries('series', runs, {
    ...(grid ? { alphaMin: grid[0], alphaMax: grid[1], alphaStep: grid[2] } : {}),
    mode: mode as 'auto' | 'nonisothermal' | 'isothermal',
    methods,
    avramiWindow: avramiWindow ? [avramiWindow[0], avramiWindow[1]] : undefined,
    predictionTemperatureK: predictC === undefined ? null : predictC + KELVIN,
  });
  if (values.csv) writeFileAtomicSync(values.csv, kineticsCsv(res));
  if (values.json) io.stdout(JSON.stringify(kineticsJson(res, positionals), null, 2));
  else io.stdout(kineticsText(res, positionals) + (values.csv ? `\n\nE(α) table written to ${values.csv}` : ''));
  return 0;
}

