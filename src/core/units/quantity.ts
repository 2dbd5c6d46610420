/**
 * Quantities as people type them into a field: "2625", "2625 s", "43.75 min", "0,25 min", "15 s", "700 °C".
 * Parsed with the project's mathjs instance (core/units/mathjs), so any unit mathjs knows of the right dimension
 * is accepted and converted; a bare number takes the field's default unit. Unit spellings of lab software
 * ('°C', 'µg', 'sec') are normalised first.
 */
import { math, type MathUnit } from './mathjs';

export type Dimension = 'time' | 'temperature' | 'mass' | 'dimensionless';

/** The SI unit each dimension is converted through, and a unit that has it (for the error message). */
const REFERENCE: Record<Exclude<Dimension, 'dimensionless'>, string> = { time: 's', temperature: 'K', mass: 'kg' };

/**
 * Lab spellings of units → mathjs spellings: '°C' → 'degC', 'µ'/'μ' → 'u', '℃' → 'degC', 'sec' stays (mathjs knows
 * it). Also used for the units of column headers read by derived curves (core/tga/derived).
 */
export function normaliseUnitText(text: string): string {
  return text
    .replace(/℃/g, 'degC')
    .replace(/°\s*([CFK])/g, (_m, u: string) => (u === 'K' ? 'K' : `deg${u}`))
    .replace(/[µμ]/g, 'u')
    .replace(/\bmin\.(?=\s|$)/g, 'min')
    .trim();
}

export class QuantityError extends Error {
  override name = 'QuantityError';
}

/** A unit understood by mathjs, or null. */
export function parseUnit(text: string): MathUnit | null {
  const t = normaliseUnitText(text);
  if (t === '') return null;
  try {
    return math.unit(1, t);
  } catch {
    return null;
  }
}

/** True when `unit` has the dimension. */
export function hasDimension(unit: MathUnit, dimension: Dimension): boolean {
  if (dimension === 'dimensionless') return false;
  return unit.equalBase(math.unit(1, REFERENCE[dimension]));
}

/**
 * The number a user typed, in `unit` (a mathjs unit of the wanted dimension, e.g. 's', 'degC', 'mg').
 * A bare number is taken in `unit`. Throws QuantityError with a sentence for the field.
 */
export function parseQuantity(text: string, unit: string, dimension: Dimension): number {
  let t = text.trim();
  if (t === '') throw new QuantityError('empty');
  // Decimal comma ("43,75 min") when there is no other comma and no point.
  if (/^[+-]?\d+,\d+(\s|$|[A-Za-z°µμ%])/.test(t) && !t.includes('.')) t = t.replace(',', '.');
  t = normaliseUnitText(t);
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) {
    const v = Number(t);
    if (!Number.isFinite(v)) throw new QuantityError(`"${text}" is not a finite number`);
    return v;
  }
  let value: unknown;
  try {
    value = math.parse(t).evaluate();
  } catch (e) {
    throw new QuantityError(`"${text}" is not a quantity (${(e as Error).message})`);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new QuantityError(`"${text}" is not a finite number`);
    return value;
  }
  if (!math.isUnit(value)) throw new QuantityError(`"${text}" is not a quantity`);
  if (dimension === 'dimensionless' || !hasDimension(value, dimension)) {
    throw new QuantityError(`"${text}" is not a ${dimension === 'dimensionless' ? 'plain number' : dimension} (${unit} expected)`);
  }
  const v = value.toNumber(unit);
  if (!Number.isFinite(v)) throw new QuantityError(`"${text}" is not a finite ${dimension}`);
  return v;
}

/** parseQuantity that answers null instead of throwing (for live validation of a field). */
export function tryParseQuantity(text: string, unit: string, dimension: Dimension): { value: number } | { error: string } {
  try {
    return { value: parseQuantity(text, unit, dimension) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
