/**
 * The metrics table as data: which columns (speed-ups right after the name, then times, then the rest; columns
 * empty for every row are left out), and which rows (a condition with its mean ± SD (n) and, below it, its
 * runs; a run that is its own condition is one row with n = 1). Pure, tested in Node; MetricsPanel draws it.
 */
import type { ConditionView, SessionView, Stat, Estimate } from '../../../shared/api';
import { TGA_DEFAULTS } from '../../../core/tga/analyze';
import { analysedRuns } from './figures';

export const ONSET_ALPHA = TGA_DEFAULTS.onsetAlpha;

export type ColumnKind = 'speed' | 'time' | 'number' | 'onset' | 'secondary';

export interface Column {
  id: string;
  kind: ColumnKind;
  /** Plain header text (clipboard, tests). */
  text: string;
}

export interface Cell {
  /** The value as shown ('—' when there is none). */
  text: string;
  /** '± 0.12' under the value, for means and speed-ups with an uncertainty. */
  spread?: string;
  value?: number | null;
  u?: number | null;
}

export interface Row {
  kind: 'condition' | 'run';
  key: string;
  label: string;
  /** The run's colour index (run rows, and single-run conditions). */
  colorIndex: number | null;
  runId: string | null;
  condition: string;
  n: number;
  isReference: boolean;
  /** A run row listed under its condition. */
  member: boolean;
  cells: Record<string, Cell>;
}

const DASH = '—';

/** Minutes with enough digits to check ratios by eye: 3 decimals below 10 min, 2 below 100, else 1. */
export function minutesDigits(min: number): number {
  const a = Math.abs(min);
  return a < 10 ? 3 : a < 100 ? 2 : 1;
}

export function fmtMinutes(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return DASH;
  const m = s / 60;
  return m.toFixed(minutesDigits(m));
}

const fixed = (v: number | null | undefined, digits: number): string => (v === null || v === undefined || !Number.isFinite(v) ? DASH : v.toFixed(digits));
const signed = (v: number | null | undefined, digits: number): string =>
  v === null || v === undefined || !Number.isFinite(v) ? DASH : `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(digits)}`;
const factor = (v: number | null | undefined): string => (v === null || v === undefined || !Number.isFinite(v) ? DASH : `${v.toFixed(2)}×`);

function statCell(s: Stat | null | undefined, digits: number, scale = 1): Cell {
  if (!s) return { text: DASH, value: null };
  const mean = s.mean * scale;
  return { text: mean.toFixed(digits), spread: s.sd === null ? undefined : `± ${(s.sd * scale).toFixed(digits)}`, value: mean, u: s.sd === null ? null : s.sd * scale };
}

function timeStat(s: Stat | null | undefined): Cell {
  if (!s) return { text: DASH, value: null };
  return statCell(s, minutesDigits(s.mean / 60), 1 / 60);
}

function estimateCell(e: Estimate | null | undefined, reference: boolean): Cell {
  if (!e) return { text: DASH, value: null };
  if (reference) return { text: 'ref', value: 1, u: null };
  return { text: `${e.value.toFixed(2)}×`, spread: e.u === null ? undefined : `± ${e.u.toFixed(2)}${e.partial ? '*' : ''}`, value: e.value, u: e.u };
}

function shiftCell(e: Estimate | null | undefined, reference: boolean): Cell {
  if (!e) return { text: DASH, value: null };
  if (reference) return { text: 'ref', value: 0 };
  return { text: signed(e.value, 1), spread: e.u === null ? undefined : `± ${e.u.toFixed(1)}${e.partial ? '*' : ''}`, value: e.value, u: e.u };
}

export function allColumns(targets: number[]): Column[] {
  return [
    ...targets.map((a): Column => ({ id: `speed-${a}`, kind: 'speed', text: `speed-up t(α=${a})` })),
    { id: 'speed-sat', kind: 'speed', text: 'speed-up t_sat' },
    ...targets.map((a): Column => ({ id: `t-${a}`, kind: 'time', text: `t(α=${a}) (min)` })),
    { id: 't-sat', kind: 'time', text: 't_sat (min)' },
    { id: 'alpha-final', kind: 'number', text: 'α_final' },
    { id: 'max-rate', kind: 'number', text: 'max dα/dt (10⁻³ s⁻¹)' },
    { id: 'alpha-at-max', kind: 'number', text: 'α at max' },
    { id: 'onset-extrapolated', kind: 'onset', text: 'T_onset (°C)' },
    { id: 'onset-shift', kind: 'onset', text: 'ΔT_onset vs ref (°C)' },
    { id: 'onset-alpha', kind: 'secondary', text: `T(α=${ONSET_ALPHA}) (°C)` },
  ];
}

function conditionRow(c: ConditionView, session: SessionView, targets: number[]): Row {
  const s = c.stats;
  const u = c.speedUp;
  const ref = u?.isReference ?? false;
  const cells: Record<string, Cell> = {};
  for (const a of targets) {
    cells[`speed-${a}`] = u ? estimateCell(u.tAlpha[String(a)], ref) : { text: DASH };
    cells[`t-${a}`] = timeStat(s.tAlphaS[String(a)]);
  }
  cells['speed-sat'] = u ? estimateCell(u.tSaturation, ref) : { text: DASH };
  cells['t-sat'] = timeStat(s.tSaturationS);
  cells['alpha-final'] = statCell(s.alphaFinal, 3);
  cells['max-rate'] = statCell(s.maxRatePerS, 2, 1e3);
  cells['alpha-at-max'] = statCell(s.alphaAtMaxRate, 3);
  cells['onset-extrapolated'] = statCell(s.onsetExtrapolatedC, 1);
  cells['onset-shift'] = u ? (s.onsetExtrapolatedC ? shiftCell(u.onsetExtrapolatedShiftC, ref) : { text: DASH }) : { text: DASH };
  cells['onset-alpha'] = statCell(s.onsetC, 1);
  return {
    kind: 'condition',
    key: `c:${c.name}`,
    label: c.name,
    colorIndex: null,
    runId: null,
    condition: c.name,
    n: s.n,
    isReference: session.referenceCondition === c.name,
    member: false,
    cells,
  };
}

function runRow(runId: string, session: SessionView, targets: number[], member: boolean): Row {
  const r = session.runs.find((x) => x.id === runId)!;
  const m = r.analysis!.metrics;
  const s = session.speedUps.find((x) => x.runId === runId);
  const refRun = session.referenceId === runId && !member;
  const cells: Record<string, Cell> = {};
  for (const a of targets) {
    const v = s?.tAlpha[String(a)];
    cells[`speed-${a}`] = { text: factor(v), value: v ?? null };
    cells[`t-${a}`] = { text: fmtMinutes(m.tAlphaS[String(a)]), value: m.tAlphaS[String(a)] ?? null };
  }
  cells['speed-sat'] = { text: factor(s?.tSaturation), value: s?.tSaturation ?? null };
  cells['t-sat'] = { text: fmtMinutes(m.tSaturationS), value: m.tSaturationS };
  cells['alpha-final'] = { text: fixed(m.alphaFinal, 3), value: m.alphaFinal };
  cells['max-rate'] = { text: fixed(m.maxRatePerS * 1e3, 2), value: m.maxRatePerS * 1e3 };
  cells['alpha-at-max'] = { text: fixed(m.alphaAtMaxRate, 3), value: m.alphaAtMaxRate };
  cells['onset-extrapolated'] = { text: fixed(m.onsetExtrapolatedC, 1), value: m.onsetExtrapolatedC };
  cells['onset-shift'] = refRun && !member ? { text: m.onsetExtrapolatedC === null ? DASH : 'ref' } : { text: signed(s?.onsetExtrapolatedShiftC, 1), value: s?.onsetExtrapolatedShiftC ?? null };
  cells['onset-alpha'] = { text: fixed(m.onsetC, 1), value: m.onsetC };
  return {
    kind: 'run',
    key: `r:${runId}`,
    label: r.settings.label,
    colorIndex: r.colorIndex,
    runId,
    condition: r.condition,
    n: 1,
    isReference: refRun,
    member,
    cells,
  };
}

/** Rows: per condition, a condition row (when it has a name of its own or several runs) then its runs. */
export function tableRows(session: SessionView, showRuns = true): Row[] {
  const targets = session.settings.alphaTargets;
  const rows: Row[] = [];
  for (const c of session.conditions) {
    const single = c.runIds.length === 1 && session.runs.find((r) => r.id === c.runIds[0])?.settings.label === c.name;
    if (single) {
      rows.push(runRow(c.runIds[0], session, targets, false));
      continue;
    }
    rows.push(conditionRow(c, session, targets));
    if (showRuns) for (const id of c.runIds) rows.push(runRow(id, session, targets, true));
  }
  return rows;
}

/** Columns with a value in at least one row. */
export function visibleColumns(columns: Column[], rows: Row[]): Column[] {
  return columns.filter((c) => rows.some((r) => r.cells[c.id] && r.cells[c.id].text !== DASH));
}

/** The table as plain text rows (header first), as shown: for the clipboard and the tests. */
export function metricsRows(session: SessionView, showRuns = true): string[][] {
  const rows = tableRows(session, showRuns);
  const columns = visibleColumns(allColumns(session.settings.alphaTargets), rows);
  const header = ['Run / condition', 'n', ...columns.map((c) => c.text)];
  return [header, ...rows.map((r) => [r.member ? `  ${r.label}` : r.label, String(r.n), ...columns.map((c) => (r.cells[c.id].spread ? `${r.cells[c.id].text} ${r.cells[c.id].spread}` : r.cells[c.id].text))])];
}

/** Whether any condition groups several runs (then the notes explain mean ± SD and the propagation). */
export function hasReplicates(session: SessionView): boolean {
  return session.conditions.some((c) => c.runIds.length > 1);
}

export { analysedRuns };
