/**
 * Derived curves: constants (pi, e, bare unit names), powers, at() and first() of plain numbers, log(), and the
 * names of channels and curves at their limits. Expected values are computed by hand from the channels of
 * testkit's channelRun: m = 50 − 0.01·t mg, T = 25 + t/6 °C, m0 = 50 mg, logged every 1 s for 600 s.
 */
import { describe, expect, it } from 'vitest';
import { channelSymbol, DerivedError, derivedNameProblem, derivedUnit, evaluateDerived, type DerivedContext, type RunChannels } from './derived';
import { channelRun } from './testkit';

const sample = channelRun('S1', 601, 1, (t) => 50 - 0.01 * t);
const blank = channelRun('blank', 301, 2, (t) => 0.2 + 0.001 * t);
const ctx: DerivedContext = { self: sample, blank, runs: [sample, blank], sgWindowS: 15 };

function messageOf(expression: string, context = ctx): string {
  try {
    evaluateDerived(expression, context);
  } catch (err) {
    expect(err).toBeInstanceOf(DerivedError);
    return (err as Error).message;
  }
  throw new Error(`${expression} evaluated without an error`);
}

describe('derived curves: constants and powers', () => {
  it('pi and e are numbers: m·π and m/e in mg', () => {
    const r = evaluateDerived('m * pi', ctx);
    expect(r.unit).toBe('mg');
    expect(r.values[100]).toBeCloseTo(49 * 3.141592653589793, 10); // m(100 s) = 49 mg
    expect(evaluateDerived('m / e', ctx).values[500]).toBeCloseTo(45 / 2.718281828459045, 10); // m(500 s) = 45 mg
    expect(derivedUnit('m * pi', ctx)).toBe('mg');
  });

  it('a power of a channel: m^2 in mg^2, (m/m0)^2 a plain number', () => {
    const sq = evaluateDerived('m ^ 2', ctx);
    expect(sq.unit).toBe('mg^2');
    expect(sq.values[100]).toBeCloseTo(2401, 6); // 49²
    const ratio = evaluateDerived('(m / m0) ^ 2', ctx);
    expect(ratio.unit).toBe('');
    expect(ratio.values[500]).toBeCloseTo(0.81, 12); // (45/50)²
  });

  it('a bare unit name is one of that unit: m / mg is the mass as a number', () => {
    const r = evaluateDerived('m / mg', ctx);
    expect(r.unit).toBe('');
    expect(r.values[100]).toBeCloseTo(49, 10);
    expect(evaluateDerived('m / g', ctx).values[500]).toBeCloseTo(0.045, 12); // 45 mg = 0.045 g
  });

  it('a ratio of bare units is a conversion factor: (mg/g) = 0.001, (g/mg) = 1000', () => {
    // 49 mg × 0.001 = 0.049 mg; 45 mg / 1000 = 0.045 mg; (s/min) = 1 s / 60 s = 1/60
    expect(evaluateDerived('m * (mg / g)', ctx).values[100]).toBeCloseTo(0.049, 12);
    expect(evaluateDerived('m / (g / mg)', ctx).values[500]).toBeCloseTo(0.045, 12);
    expect(evaluateDerived('t * (s / min)', ctx).values[120]).toBeCloseTo(2, 12); // 120 s × 1/60 = 2 s
    expect(evaluateDerived('m * (1 mg / g)', ctx).values[100]).toBeCloseTo(0.049, 12); // the same with a number
  });

  it('log() is the natural logarithm of a plain number', () => {
    const r = evaluateDerived('log(m / m0)', ctx);
    expect(r.unit).toBe('');
    // ln(0.9) = −0.105360515657826…; ln(0.98) at t = 100 s = −0.020202707317519…
    expect(r.values[500]).toBeCloseTo(-0.10536051565782628, 12);
    expect(r.values[100]).toBeCloseTo(-0.020202707317519466, 12);
    expect(r.values[0]).toBe(0);
  });

  it('at() and first() of a plain number are that number', () => {
    const r = evaluateDerived('at(2, 5 s) * m', ctx);
    expect(r.unit).toBe('mg');
    expect(r.values[100]).toBeCloseTo(98, 10); // 2 × 49 mg
    expect(evaluateDerived('m - at(m, 100 s)', ctx).values[500]).toBeCloseTo(-4, 10); // 45 − 49
    expect(derivedUnit('m / m0', ctx)).toBe('');
  });

  it('first() of a channel with no finite value gives no value at all', () => {
    // m/(m − m) = m/0 = +∞ at every point: first() finds no finite value
    expect(messageOf('first(m / (m - m))')).toBe('the expression gives no finite value at any point (division by zero, log of a negative number?)');
  });

  it('a call of something that is not a name, and a bare unit in a sum, are refused with a sentence', () => {
    expect(messageOf('blank.m(1)')).toBe('only named functions can be called');
    // mathjs's own message for a unit without a number, passed on as a DerivedError
    expect(messageOf('m - mg')).toBe('Parameter y contains a unit with undefined value');
  });

  it('an unknown name lists channels and scalars, with a unit only where they have one', () => {
    const plain: RunChannels = {
      ...sample,
      channels: [...sample.channels, { symbol: 'Z', name: 'Z', unit: '', values: sample.timeS.map(() => 4) }],
      scalars: [...sample.scalars, { symbol: 'k', name: 'k', unit: '', value: 2 }],
    };
    expect(messageOf('q', { ...ctx, self: plain })).toBe('unknown name "q": this run has t (s), m (mg), T (°C), Z, m0 (mg), k');
  });
});

describe('names of channels and derived curves at their limits', () => {
  it('a channel name with no ASCII letter or digit becomes "channel"; °C becomes C_, not the coulomb', () => {
    expect(channelSymbol('µ')).toBe('channel');
    expect(channelSymbol('--')).toBe('channel');
    expect(channelSymbol('°C')).toBe('C_');
  });

  it('a name of 40 characters is accepted, one of 41 is not', () => {
    expect(derivedNameProblem('a'.repeat(40), [])).toBeNull();
    expect(derivedNameProblem('a'.repeat(41), [])).toBe('the name is longer than 40 characters');
  });
});
