/** Plain-text and JSON shapes of a TGA analysis for the command line. Pure: strings and objects in, strings out. */
import type { ConditionSpeedUp, ConditionStats, Estimate, SpeedUp, Stat, TgaAnalysis, TgaMetrics } from '../../shared/analysis';
import type { TgaRun } from '../../shared/types';

export interface AnalysisSettingsUsed {
  alphaTargets: number[];
  saturationFraction: number;
  sgWindowS: number;
  sgPolynomial: number;
  onsetAlpha: number;
}

/** Numbers as JSON can hold them: NaN and ±Infinity become null. */
const num = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

export function runJson(filePath: string, run: TgaRun, importReport: string[]) {
  return {
    file: filePath,
    format: run.source.formatId,
    formatLabel: run.source.formatLabel,
    encoding: run.source.encoding,
    rows: run.timeS.length,
    timeRangeS: run.timeS.length ? [run.timeS[0], run.timeS[run.timeS.length - 1]] : null,
    sample: run.sample,
    massNote: run.massNote,
    gasEvents: run.gasEvents,
    segments: run.segments.map(({ index, label, startS, endS, kind, gas }) => ({ index, label, startS, endS, kind, gas: gas ?? null })),
    import: importReport,
    importWarnings: run.warnings,
  };
}

export function metricsJson(m: TgaMetrics) {
  const tAlphaS: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(m.tAlphaS)) tAlphaS[k] = num(v);
  return {
    tAlphaS,
    tSaturationS: num(m.tSaturationS),
    alphaFinal: num(m.alphaFinal),
    maxRatePerS: num(m.maxRatePerS),
    alphaAtMaxRate: num(m.alphaAtMaxRate),
    tAtMaxRateS: num(m.tAtMaxRateS),
    onsetC: num(m.onsetC),
    // ISO 11358-1 extrapolated onset and the inflection (DTG peak) temperature, when analyzeTga computed them
    onsetExtrapolatedC: num(m.onsetExtrapolatedC),
    inflectionC: num(m.inflectionC),
  };
}

export function analysisJson(a: TgaAnalysis, settings: AnalysisSettingsUsed, blankFile: string | null) {
  const r = a.reduction;
  return {
    recipe: a.recipe
      ? {
          precursors: a.recipe.precursors,
          targetWtFraction: a.recipe.targetWtFraction ?? null,
          theoreticalLossFraction: a.recipe.theoreticalLossFraction,
          derivation: a.recipe.derivation,
        }
      : null,
    blank: blankFile,
    reduction: {
      startS: r.startS,
      startSource: r.startSource,
      startNote: r.startNote,
      endS: num(r.endS),
      endSource: r.endSource,
      endNote: r.endNote,
      massStartMg: num(r.massStartMg),
      theoreticalLossMg: num(r.theoreticalLossMg),
      theoreticalLossFraction: num(r.theoreticalLossFraction),
    },
    metrics: metricsJson(a.metrics),
    nioShare: a.nioShare ? { lossShare: a.nioShare.lossShare } : null,
    settings,
    points: a.tS.length,
    checks: a.checks,
    warnings: a.warnings,
  };
}

const fixed = (x: number | null | undefined, digits: number, unit = ''): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : `${x.toFixed(digits)}${unit}`;

/** Aligned "key  value" lines. */
function kv(rows: [string, string][]): string[] {
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`);
}

export function importReportText(filePath: string, run: TgaRun, importReport: string[]): string[] {
  // describeImport (the format registry's report) already names file, format, columns, gas and warnings.
  if (importReport.length) return ['Import', ...importReport.map((l) => `  ${l}`)];
  return kv([
    ['File', filePath],
    ['Format', `${run.source.formatLabel} (${run.source.formatId}), ${run.source.encoding}`],
    ['Rows', `${run.timeS.length} (${fixed(run.timeS[0], 1)} – ${fixed(run.timeS[run.timeS.length - 1], 1)} s)`],
    ['Gas', run.gasEvents.length ? run.gasEvents.map((e) => `${e.gas} at ${fixed(e.timeS, 1)} s`).join(', ') : '—'],
    ...run.warnings.map((w): [string, string] => ['Warning', w]),
  ]);
}

export function analysisText(a: TgaAnalysis, settings: AnalysisSettingsUsed, blankFile: string | null): string[] {
  const r = a.reduction;
  const m = a.metrics;
  const lines: string[] = [];
  if (a.recipe) {
    lines.push('Recipe', ...a.recipe.derivation.map((d) => `  ${d}`));
  }
  const rows: [string, string][] = [
    ['Blank', blankFile ?? 'none (buoyancy and gas-switch steps are not corrected)'],
    ['Reduction start', `${fixed(r.startS, 1)} s file time — ${r.startSource}: ${r.startNote}`],
    ['Reduction end', `${fixed(r.endS, 1)} s file time — ${r.endSource}: ${r.endNote}`],
    ['Mass at start', fixed(r.massStartMg, 4, ' mg')],
    ['Theoretical loss', `${fixed(r.theoreticalLossMg, 4, ' mg')} (${fixed(r.theoreticalLossFraction * 100, 2, ' %')} of the powder)`],
  ];
  for (const [k, v] of Object.entries(m.tAlphaS)) rows.push([`t(α = ${k})`, fixed(v, 1, ' s')]);
  rows.push(
    [`t_sat (${settings.saturationFraction * 100} % of α_final)`, fixed(m.tSaturationS, 1, ' s')],
    ['α_final', fixed(m.alphaFinal, 4)],
    ['Max dα/dt', `${m.maxRatePerS.toExponential(3)} s⁻¹ at α = ${fixed(m.alphaAtMaxRate, 3)}, t = ${fixed(m.tAtMaxRateS, 1)} s`],
    [`Onset (α = ${settings.onsetAlpha})`, m.onsetC === null ? '— (isothermal start)' : `${fixed(m.onsetC, 1)} °C`],
  );
  rows.push([
    'Extrapolated onset',
    m.onsetExtrapolatedC === null
      ? '— (no mass-loss step while heating)'
      : `${fixed(m.onsetExtrapolatedC, 1)} °C (ISO 11358-1: α = 0 baseline × tangent at the inflection, ${fixed(m.inflectionC, 1)} °C)`,
  ]);
  if (a.nioShare) rows.push(['NiO share of the loss', `${fixed(a.nioShare.lossShare * 100, 2, ' %')} (apparent Fe2O3 α = (α − s)/(1 − s))`]);
  rows.push(['dα/dt', `Savitzky–Golay, ${settings.sgWindowS} s window, polynomial ${settings.sgPolynomial}`]);
  lines.push('Analysis', ...kv(rows).map((l) => `  ${l}`));
  if (a.checks.length) lines.push('Checks', ...a.checks.map((c) => `  ⚠ ${c.message}`));
  if (a.warnings.length) lines.push('Notes', ...a.warnings.map((w) => `  ! ${w}`));
  return lines;
}

export interface CompareRow {
  label: string;
  file: string;
  analysis: TgaAnalysis;
  speedUp: SpeedUp;
}

/** A fixed-width table: metrics and speed-up factors (t_ref / t_run) per run. */
export function compareTable(rows: CompareRow[], alphaTargets: number[], referenceLabel: string): string[] {
  const keys = alphaTargets.map(String);
  const header = [
    'Run',
    'Loss %',
    'Start s',
    ...keys.map((k) => `t(${k}) s`),
    't_sat s',
    'α_final',
    'max dα/dt /s',
    ...keys.map((k) => `×t(${k})`),
    '×t_sat',
  ];
  const body = rows.map(({ label, analysis: a, speedUp: s }) => [
    label,
    fixed(a.reduction.theoreticalLossFraction * 100, 2),
    fixed(a.reduction.startS, 0),
    ...keys.map((k) => fixed(a.metrics.tAlphaS[k], 1)),
    fixed(a.metrics.tSaturationS, 1),
    fixed(a.metrics.alphaFinal, 4),
    a.metrics.maxRatePerS.toExponential(2),
    ...keys.map((k) => fixed(s.tAlpha[k], 2)),
    fixed(s.tSaturation, 2),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((r) => r[c].length)));
  const line = (cells: string[]): string => cells.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    '',
    `Speed-up ×t = t_ref / t_run against "${referenceLabel}" (> 1 = faster). Times from the reduction start.`,
  ];
}

/** CSV text of a compare table (one row per run), for --csv. */
export function compareCsv(rows: CompareRow[], alphaTargets: number[], referenceLabel: string): string {
  const keys = alphaTargets.map(String);
  const q = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const v = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '' : String(x));
  const out = [
    ['run', 'file', 'theoretical_loss_fraction', 'start_file_time_s', 'start_source', ...keys.map((k) => `t_alpha_${k}_s`), 't_sat_s', 'alpha_final', 'max_rate_per_s', 'alpha_at_max_rate', 'onset_C', 'onset_extrapolated_C', 'inflection_C', ...keys.map((k) => `speedup_t_alpha_${k}`), 'speedup_t_sat', 'onset_shift_C', 'onset_extrapolated_shift_C', 'reference'].join(','),
  ];
  for (const { label, file, analysis: a, speedUp: s } of rows) {
    out.push(
      [
        q(label),
        q(file),
        v(a.reduction.theoreticalLossFraction),
        v(a.reduction.startS),
        a.reduction.startSource,
        ...keys.map((k) => v(a.metrics.tAlphaS[k])),
        v(a.metrics.tSaturationS),
        v(a.metrics.alphaFinal),
        v(a.metrics.maxRatePerS),
        v(a.metrics.alphaAtMaxRate),
        v(a.metrics.onsetC),
        v(a.metrics.onsetExtrapolatedC),
        v(a.metrics.inflectionC),
        ...keys.map((k) => v(s.tAlpha[k])),
        v(s.tSaturation),
        v(s.onsetShiftC),
        v(s.onsetExtrapolatedShiftC),
        q(referenceLabel),
      ].join(','),
    );
  }
  return out.join('\n') + '\n';
}

// ───────────────────────────── conditions (replicates) ─────────────────────────────

/** `mean ± SD (n)`, SD to 2 significant digits, the mean to the same decimal place (at least `digits`). */
export function meanSd(s: Stat | null | undefined, digits: number, scale = 1): string {
  if (!s) return '—';
  const mean = s.mean * scale;
  if (s.sd === null) return `${mean.toFixed(digits)} (1)`;
  const sd = s.sd * scale;
  const d = sd > 0 ? Math.max(digits, Math.min(6, 1 - Math.floor(Math.log10(sd)))) : digits;
  return `${mean.toFixed(d)} ± ${sd.toFixed(d)} (${s.n})`;
}

/** `value ± u`, or the value alone when there is no uncertainty. */
export function withU(e: Estimate | null | undefined, digits: number): string {
  if (!e) return '—';
  return e.u === null ? e.value.toFixed(digits) : `${e.value.toFixed(digits)} ± ${e.u.toFixed(digits)}${e.partial ? '*' : ''}`;
}

export interface ConditionRow {
  stats: ConditionStats;
  speedUp: ConditionSpeedUp;
  labels: string[];
}

/** Per condition: n, t(α) and t_sat as mean ± SD (n) in s, α_final, and speed-ups ± u (ratio of means). */
export function conditionTable(rows: ConditionRow[], alphaTargets: number[], referenceName: string): string[] {
  const keys = alphaTargets.map(String);
  const header = ['Condition', 'n', ...keys.map((k) => `t(${k}) s`), 't_sat s', 'α_final', ...keys.map((k) => `×t(${k})`), '×t_sat'];
  const body = rows.map(({ stats: c, speedUp: u }) => [
    c.name,
    String(c.n),
    ...keys.map((k) => meanSd(c.tAlphaS[k], 1)),
    meanSd(c.tSaturationS, 1),
    meanSd(c.alphaFinal, 3),
    ...keys.map((k) => (u.isReference ? 'ref' : withU(u.tAlpha[k], 2))),
    u.isReference ? 'ref' : withU(u.tSaturation, 2),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((r) => r[c].length)));
  const line = (cells: string[]): string => cells.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    '',
    `Mean ± SD (n) per condition. Speed-up ×t = t̄_ref / t̄ against "${referenceName}", ± u = ×t·√((s_ref/t̄_ref)² + (s/t̄)²);`,
    '* one side has n = 1, so u holds the other side\'s scatter only. Runs: ' + rows.map((r) => `${r.stats.name}: ${r.labels.join(', ')}`).join('; '),
  ];
}

export function conditionsJson(rows: ConditionRow[]) {
  const s = (x: Stat | null | undefined) => (x ? { mean: num(x.mean), sd: num(x.sd), n: x.n } : null);
  const e = (x: Estimate | null | undefined) => (x ? { value: num(x.value), u: num(x.u), partial: x.partial, n: x.n, nReference: x.nReference } : null);
  return rows.map(({ stats: c, speedUp: u, labels }) => ({
    condition: c.name,
    n: c.n,
    runs: labels,
    metrics: {
      tAlphaS: Object.fromEntries(Object.entries(c.tAlphaS).map(([k, v]) => [k, s(v)])),
      tSaturationS: s(c.tSaturationS),
      alphaFinal: s(c.alphaFinal),
      maxRatePerS: s(c.maxRatePerS),
      alphaAtMaxRate: s(c.alphaAtMaxRate),
      onsetC: s(c.onsetC),
      onsetExtrapolatedC: s(c.onsetExtrapolatedC),
      inflectionC: s(c.inflectionC),
    },
    speedUp: {
      isReference: u.isReference,
      tAlpha: Object.fromEntries(Object.entries(u.tAlpha).map(([k, v]) => [k, e(v)])),
      tSaturation: e(u.tSaturation),
      onsetShiftC: e(u.onsetShiftC),
      onsetExtrapolatedShiftC: e(u.onsetExtrapolatedShiftC),
    },
  }));
}
