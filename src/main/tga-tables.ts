/**
 * The TGA session's tables as CSV text: metrics per run, metrics per condition (mean, SD, n and speed-ups with
 * their propagated uncertainty), the derived series of one run, and every channel of one run. Pure: data in, text
 * out; full precision (10 significant digits), empty cells for missing values.
 */
import type { ConditionView } from '../shared/api';
import type { SpeedUp, Stat, Estimate, TgaAnalysis } from '../shared/analysis';
import type { RunChannels } from '../core/tga/derived';
import type { EvaluatedCurve } from './tga-derived';

export function num(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return String(Number(value.toPrecision(10)));
}

export function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const toCsv = (rows: string[][]): string => rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';

/** Column name of a quantity with its unit: 'm_net' + 'mg / s' → 'm_net_mg_per_s'. */
export function columnName(name: string, unit: string): string {
  const u = unit
    .replace(/\s*\/\s*/g, '_per_')
    .replace(/\^/g, '')
    .replace(/%/g, 'percent')
    .replace(/°/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return u ? `${name}_${u}` : name;
}

export interface MetricsCsvRow {
  label: string;
  fileName: string;
  condition: string;
  analysis: TgaAnalysis;
  speedUp: SpeedUp | undefined;
}

export function metricsCsv(rows: MetricsCsvRow[], targets: number[], onsetAlpha: number, reference: string): string {
  const key = String;
  const header = [
    'run',
    'file',
    'condition',
    'theoretical_loss_percent',
    'start_file_time_s',
    'start_source',
    'end_file_time_s',
    'end_source',
    ...targets.map((a) => `t_alpha_${key(a)}_s`),
    't_sat_s',
    'alpha_final',
    'max_rate_per_s',
    'alpha_at_max_rate',
    'onset_extrapolated_C',
    'inflection_C',
    `onset_alpha_${key(onsetAlpha)}_C`,
    ...targets.map((a) => `speedup_t_alpha_${key(a)}`),
    'speedup_t_sat',
    'onset_extrapolated_shift_C',
    `onset_alpha_${key(onsetAlpha)}_shift_C`,
    'checks',
    'reference',
  ];
  const out = [header];
  for (const { label, fileName, condition, analysis: a, speedUp: s } of rows) {
    const m = a.metrics;
    out.push([
      label,
      fileName,
      condition,
      num(a.reduction.theoreticalLossFraction * 100),
      num(a.reduction.startS),
      a.reduction.startSource,
      num(a.reduction.endS),
      a.reduction.endSource,
      ...targets.map((t) => num(m.tAlphaS[key(t)] ?? null)),
      num(m.tSaturationS),
      num(m.alphaFinal),
      num(m.maxRatePerS),
      num(m.alphaAtMaxRate),
      num(m.onsetExtrapolatedC),
      num(m.inflectionC),
      num(m.onsetC),
      ...targets.map((t) => num(s ? (s.tAlpha[key(t)] ?? null) : null)),
      num(s ? s.tSaturation : null),
      num(s ? s.onsetExtrapolatedShiftC : null),
      num(s ? s.onsetShiftC : null),
      a.checks.map((c) => c.code).join(' '),
      reference,
    ]);
  }
  return toCsv(out);
}

/** Per condition: n, the runs, every metric as mean/SD/n, speed-ups and onset shifts with u (docs/tga-analysis.md). */
export function conditionsCsv(conditions: ConditionView[], targets: number[], onsetAlpha: number, reference: string, labels: Map<string, string>): string {
  const key = String;
  const statCols = (name: string): string[] => [`${name}_mean`, `${name}_sd`, `${name}_n`];
  const estCols = (name: string): string[] => [name, `${name}_u`];
  const header = [
    'condition',
    'n',
    'runs',
    ...targets.flatMap((a) => statCols(`t_alpha_${key(a)}_s`)),
    ...statCols('t_sat_s'),
    ...statCols('alpha_final'),
    ...statCols('max_rate_per_s'),
    ...statCols('alpha_at_max_rate'),
    ...statCols('onset_extrapolated_C'),
    ...statCols('inflection_C'),
    ...statCols(`onset_alpha_${key(onsetAlpha)}_C`),
    ...targets.flatMap((a) => estCols(`speedup_t_alpha_${key(a)}`)),
    ...estCols('speedup_t_sat'),
    ...estCols('onset_extrapolated_shift_C'),
    ...estCols(`onset_alpha_${key(onsetAlpha)}_shift_C`),
    'reference',
  ];
  const stat = (s: Stat | null | undefined): string[] => (s ? [num(s.mean), num(s.sd), String(s.n)] : ['', '', '0']);
  const est = (e: Estimate | null | undefined): string[] => (e ? [num(e.value), num(e.u)] : ['', '']);
  const out = [header];
  for (const c of conditions) {
    const s = c.stats;
    const u = c.speedUp;
    out.push([
      c.name,
      String(s.n),
      c.runIds.map((id) => labels.get(id) ?? id).join('; '),
      ...targets.flatMap((a) => stat(s.tAlphaS[key(a)])),
      ...stat(s.tSaturationS),
      ...stat(s.alphaFinal),
      ...stat(s.maxRatePerS),
      ...stat(s.alphaAtMaxRate),
      ...stat(s.onsetExtrapolatedC),
      ...stat(s.inflectionC),
      ...stat(s.onsetC),
      ...targets.flatMap((a) => est(u?.tAlpha[key(a)])),
      ...est(u?.tSaturation),
      ...est(u?.onsetExtrapolatedShiftC),
      ...est(u?.onsetShiftC),
      reference,
    ]);
  }
  return toCsv(out);
}

/** The analysed series of a run from the reduction start on, with its derived curves beside them. */
export function derivedCsv(a: TgaAnalysis, curves: EvaluatedCurve[]): string {
  const usable = curves.filter((c) => c.values !== null);
  const i0 = a.corrected.timeS.length - a.tS.length;
  const header = ['t_s', 'file_time_s', 'temperature_C', 'alpha', 'dalpha_dt_per_s', 'mass_corrected_mg', ...usable.map((c) => columnName(c.def.name, c.unit))];
  const lines = [header.map(csvCell).join(',')];
  const start = a.reduction.startS;
  for (let i = 0; i < a.tS.length; i++) {
    const cells = [num(a.tS[i]), num(a.tS[i] + start), num(a.temperatureC ? a.temperatureC[i] : null), num(a.alpha[i]), num(a.dAlphaDtPerS[i]), num(a.massCorrectedMg[i])];
    for (const c of usable) cells.push(num(c.values![i0 + i]));
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

/** Every channel of a run over the whole file: file time, then each channel (measured, then derived) in its unit. */
export function channelsCsv(self: RunChannels): string {
  const header = ['file_time_s', ...self.channels.map((c) => columnName(c.symbol, c.unit))];
  const lines = [header.map(csvCell).join(',')];
  for (let i = 0; i < self.timeS.length; i++) {
    const cells = [num(self.timeS[i])];
    for (const c of self.channels) cells.push(num(c.values[i]));
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}
