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
  // Mass per cent as instruments write it: %, wt%, wt.% (the generic reader's trailing-unit form lists both).
  if (u === '%' || u === 'wt%' || u === 'wt.%' || u === 'percent') return '%';
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
 * 'Program Temperature'. The (t, T) curve is simplified to a polyline with the Ramer–Douglas–Peucker algorithm
 * (Douglas & Peucker 1973, Cartographica 10:112) at `toleranceC` (default 0.5 °C, well above the export's rounding),
 * so the vertices are the programme's corners; neighbouring pieces with the same rate (within
 * max(`rateToleranceCPerMin`, 5 %)) are joined. |rate| below `isothermalCPerMin` (default 0.2 °C/min) is a hold.
 * Rates are in °C/min, times in s. Returns [] for fewer than 2 finite points.
 */
export function segmentsFromProgramme(
  timeS: Float64Array,
  programmeC: Float64Array,
  options: { toleranceC?: number; rateToleranceCPerMin?: number; isothermalCPerMin?: number } = {},
): Segment[] {
  const epsC = options.toleranceC ?? 0.5;
  const rateTol = options.rateToleranceCPerMin ?? 0.5;
  const isoTol = options.isothermalCPerMin ?? 0.2;
  const idx: number[] = [];
  for (let i = 0; i < Math.min(timeS.length, programmeC.length); i++) {
    if (Number.isFinite(timeS[i]) && Number.isFinite(programmeC[i])) idx.push(i);
  }
  if (idx.length < 2) return [];
  // Ramer–Douglas–Peucker with an explicit stack; deviation measured vertically (in °C) from the chord.
  const keep = new Uint8Array(idx.length);
  keep[0] = 1;
  keep[idx.length - 1] = 1;
  const stack: [number, number][] = [[0, idx.length - 1]];
  while (stack.length > 0) {
    const [a, b] = stack.pop() as [number, number];
    const ta = timeS[idx[a]];
    const Ta = programmeC[idx[a]];
    const slope = (programmeC[idx[b]] - Ta) / (timeS[idx[b]] - ta);
    let worst = -1;
    let worstDev = epsC;
    for (let k = a + 1; k < b; k++) {
      const dev = Math.abs(programmeC[idx[k]] - (Ta + slope * (timeS[idx[k]] - ta)));
      if (dev > worstDev) {
        worstDev = dev;
        worst = k;
      }
    }
    if (worst !== -1) {
      // worst is an inner index (a < worst < b) or -1 when every point lies within epsC of the chord.
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  const vertices: number[] = [];
  keep.forEach((v, k) => {
    if (v) vertices.push(idx[k]);
  });
  const rateOf = (a: number, b: number): number => ((programmeC[b] - programmeC[a]) / (timeS[b] - timeS[a])) * 60;
  const kindOf = (rate: number): Segment['kind'] => (Math.abs(rate) < isoTol ? 'isothermal' : rate > 0 ? 'ramp' : 'cool');
  const ranges: { from: number; to: number }[] = [];
  for (let v = 0; v + 1 < vertices.length; v++) {
    const g = { from: vertices[v], to: vertices[v + 1] };
    const prev = ranges[ranges.length - 1];
    if (prev) {
      const a = rateOf(prev.from, prev.to);
      const b = rateOf(g.from, g.to);
      if (kindOf(a) === kindOf(b) && Math.abs(a - b) <= Math.max(rateTol, 0.05 * Math.abs(a))) {
        prev.to = g.to;
        continue;
      }
    }
    ranges.push(g);
  }
  return ranges.map((g, i): Segment => {
    const rate = rateOf(g.from, g.to);
    const kind = kindOf(rate);
    const rateCPerMin = kind === 'isothermal' ? 0 : Math.round(rate * 100) / 100;
    const startC = programmeC[g.from];
    const targetC = kind === 'isothermal' ? programmeC[Math.floor((g.from + g.to) / 2)] : programmeC[g.to];
    const label = kind === 'isothermal' ? `hold at ${fmt(targetC)} °C` : `${fmt(startC)} → ${fmt(targetC)} °C at ${fmt(rateCPerMin)} °C/min`;
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
