/**
 * Units and numbers as TGA exports write them: unit strings from column headers ('Time/min', 'Weight (mg)',
 * 'Temp./°C', 'Masse [µg]', 'Temperatur/K'), scale factors to s / °C / mg, and number parsing with either decimal mark.
 */
import type { Segment } from '../../../shared/types';

export type TimeUnit = 's' | 'min' | 'h';
export type TemperatureUnit = 'C' | 'K';
export type MassUnit = 'ug' | 'mg' | 'g' | '%';

/** Seconds per unit. */
export const SECONDS_PER: Record<TimeUnit, number> = { s: 1, min: 60, h: 3600 };
/** Milligrams per unit ('%' has no absolute scale: handled by the caller with the sample mass). */
export const MG_PER: Record<Exclude<MassUnit, '%'>, number> = { ug: 1e-3, mg: 1, g: 1e3 };
/** 0 °C = 273.15 K (ITS-90). */
export const KELVIN_OFFSET = 273.15;

/** Normalise a unit token: strips brackets, degree signs (also the broken U+FFFD one), spaces and case. */
function unitToken(raw: string): string {
  return raw
    .replace(/[[\]()]/g, '')
    .replace(/[°º\uFFFD]/g, '')
    .replace(/\s+/g, '')
    .toLowerCase();
}

export function parseTimeUnit(raw: string): TimeUnit | null {
  const u = unitToken(raw);
  if (['s', 'sec', 'secs', 'second', 'seconds', 'sek'].includes(u)) return 's';
  if (['min', 'mins', 'minute', 'minutes', 'm'].includes(u)) return 'min';
  if (['h', 'hr', 'hrs', 'hour', 'hours', 'std'].includes(u)) return 'h';
  return null;
}

export function parseTemperatureUnit(raw: string): TemperatureUnit | null {
  const u = unitToken(raw);
  if (u === 'c' || u === 'degc' || u === 'celsius') return 'C';
  if (u === 'k' || u === 'kelvin') return 'K';
  return null;
}

export function parseMassUnit(raw: string): MassUnit | null {
  const u = unitToken(raw).replace('µ', 'u').replace('μ', 'u');
  if (u === 'ug' || u === 'microgram' || u === 'micrograms') return 'ug';
  if (u === 'mg' || u === 'milligram' || u === 'milligrams') return 'mg';
  if (u === 'g' || u === 'gram' || u === 'grams') return 'g';
  if (u === '%' || u === 'wt%' || u === 'percent') return '%';
  return null;
}

export function toSeconds(value: number, unit: TimeUnit): number {
  return value * SECONDS_PER[unit];
}

export function toCelsius(value: number, unit: TemperatureUnit): number {
  return unit === 'K' ? value - KELVIN_OFFSET : value;
}

/** Scale a whole column into a new array (never mutates). */
export function scaleColumn(values: Float64Array, factor: number, offset = 0): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] * factor + offset;
  return out;
}

/**
 * Split a column header into name and unit: 'Time/min', 'Time (min)', 'Time [min]', 'Temp./°C', 'Weight (mg)'.
 * Returns unit '' when none is written.
 */
export function splitNameUnit(header: string): { name: string; unit: string } {
  const h = header.trim();
  const bracket = /^(.*?)\s*[[(]([^\])]*)[\])]\s*$/.exec(h);
  if (bracket) return { name: bracket[1].trim(), unit: bracket[2].trim() };
  const slash = /^(.*?)\s*\/\s*([^/]+)$/.exec(h);
  if (slash && slash[2].length <= 12) return { name: slash[1].trim(), unit: slash[2].trim() };
  return { name: h, unit: '' };
}

/**
 * Parse a number as instruments write it: optional leading '.', exponent forms (1e-005), decimal comma when
 * `decimal` is ','. Returns NaN for anything that is not a number.
 */
export function parseNumber(raw: string, decimal: '.' | ',' = '.'): number {
  let s = raw.trim();
  if (s === '') return NaN;
  if (decimal === ',') s = s.replace(',', '.');
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) ? Number(s) : NaN;
}

/**
 * Programme segments from a programme (set-point) temperature column, e.g. Mettler's Tr or Pyris'
 * 'Program Temperature': consecutive intervals with the same heating rate (within `toleranceCPerMin`) form one
 * segment; segments shorter than `minPoints` intervals (the corner between a ramp and a hold) join their neighbour.
 * |rate| below `isothermalCPerMin` is a hold. Rates are in °C/min, times in s. Returns [] for fewer than 2 points.
 */
export function segmentsFromProgramme(
  timeS: Float64Array,
  programmeC: Float64Array,
  options: { toleranceCPerMin?: number; isothermalCPerMin?: number; minPoints?: number } = {},
): Segment[] {
  const tol = options.toleranceCPerMin ?? 0.5;
  const isoTol = options.isothermalCPerMin ?? 0.2;
  const minPoints = options.minPoints ?? 5;
  const n = Math.min(timeS.length, programmeC.length);
  if (n < 2) return [];
  // Groups of interval indices [from, to) with one rate.
  const groups: { from: number; to: number }[] = [];
  let from = 0;
  const rateOf = (a: number, b: number): number => ((programmeC[b] - programmeC[a]) / (timeS[b] - timeS[a])) * 60;
  for (let k = 1; k < n - 1; k++) {
    const groupRate = rateOf(from, k);
    const stepRate = rateOf(k, k + 1);
    if (!Number.isFinite(stepRate) || !Number.isFinite(groupRate)) continue;
    if (Math.abs(stepRate - groupRate) > Math.max(tol, 0.05 * Math.abs(groupRate))) {
      groups.push({ from, to: k });
      from = k;
    }
  }
  groups.push({ from, to: n - 1 });
  // Merge short groups (corners) into the previous one, or into the next one at the start.
  const merged: { from: number; to: number }[] = [];
  for (const g of groups) {
    const last = merged[merged.length - 1];
    if (last && g.to - g.from < minPoints) last.to = g.to;
    else if (last && last.to - last.from < minPoints) last.to = g.to;
    else merged.push({ ...g });
  }
  // Adjacent groups of the same kind and rate (split by a corner that was merged) become one.
  const kindOf = (rate: number): Segment['kind'] => (Math.abs(rate) < isoTol ? 'isothermal' : rate > 0 ? 'ramp' : 'cool');
  const ranges: { from: number; to: number }[] = [];
  for (const g of merged) {
    const prev = ranges[ranges.length - 1];
    if (prev) {
      const a = rateOf(prev.from, prev.to);
      const b = rateOf(g.from, g.to);
      if (kindOf(a) === kindOf(b) && Math.abs(a - b) <= Math.max(tol, 0.05 * Math.abs(a))) {
        prev.to = g.to;
        continue;
      }
    }
    ranges.push({ ...g });
  }
  return ranges.map((g, i): Segment => {
    const rate = rateOf(g.from, g.to);
    const kind = kindOf(rate);
    const rateCPerMin = kind === 'isothermal' ? 0 : Math.round(rate * 100) / 100;
    const startC = programmeC[g.from];
    const targetC = programmeC[g.to];
    const label = kind === 'isothermal' ? `hold at ${fmt(startC)} °C` : `${fmt(startC)} → ${fmt(targetC)} °C at ${fmt(rateCPerMin)} °C/min`;
    return { index: i + 1, label, startS: timeS[g.from], endS: timeS[g.to], kind, rateCPerMin, targetC };
  });
}

function fmt(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/**
 * Linear interpolation of (xs, ys) at the points `at` (xs ascending). Points outside [xs[0], xs[n-1]] give NaN.
 */
export function interpolateLinear(xs: Float64Array, ys: Float64Array, at: Float64Array): Float64Array {
  const out = new Float64Array(at.length);
  const n = Math.min(xs.length, ys.length);
  let j = 0;
  for (let i = 0; i < at.length; i++) {
    const x = at[i];
    if (n === 0 || !(x >= xs[0] && x <= xs[n - 1])) {
      out[i] = NaN;
      continue;
    }
    if (j > 0 && xs[j] > x) j = 0;
    while (j < n - 2 && xs[j + 1] < x) j++;
    const x0 = xs[j];
    const x1 = xs[j + 1] ?? x0;
    out[i] = x1 === x0 ? ys[j] : ys[j] + ((ys[j + 1] - ys[j]) * (x - x0)) / (x1 - x0);
  }
  return out;
}
