/**
 * Units and numbers as TGA exports write them: unit strings from column headers ('Time/min', 'Weight (mg)',
 * 'Temp./°C', 'Masse [µg]', 'Temperatur/K'), scale factors to s / °C / mg, and number parsing with either decimal mark.
 */

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
