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

describe('derived curves: aliases, scalars in other units, the windows of movavg() and deriv()', () => {
  it('time, temperature and mass are t, T and m, on this run and on another', () => {
    expect(evaluateDerived('time', ctx).values[90]).toBe(90);
    // 25 + 60/6 = 35 °C = 308.15 K
    expect(evaluateDerived('temperature', ctx).values[60]).toBeCloseTo(308.15, 10);
    expect(evaluateDerived('mass - m', ctx).values[100]).toBe(0);
    // the blank at 100 s: 0.2 + 0.1 = 0.3 mg
    expect(evaluateDerived('blank.mass', ctx).values[100]).toBeCloseTo(0.3, 12);
  });

  it('a scalar in °C enters in kelvin, one in g in kg: T − T0 is a difference in K, m − W in mg', () => {
    const withScalars: RunChannels = {
      ...sample,
      scalars: [...sample.scalars, { symbol: 'T0', name: 'T0', unit: '°C', value: 25 }, { symbol: 'W', name: 'W', unit: 'g', value: 0.04 }],
    };
    const c = { ...ctx, self: withScalars };
    // T(60 s) = 35 °C: 35 − 25 = 10 K
    expect(evaluateDerived('T - T0', c).values[60]).toBeCloseTo(10, 10);
    expect(evaluateDerived('T - T0', c).unit).toBe('K');
    // 49 mg − 0.04 g = 9 mg
    expect(evaluateDerived('m - W', c).values[100]).toBeCloseTo(9, 10);
  });

  it('another run in g is interpolated on this run’s times and converted to mg', () => {
    const inGrams: RunChannels = {
      label: 'G',
      fileName: 'G.txt',
      timeS: Float64Array.from([0, 200, 400, 600]),
      channels: [{ symbol: 'm', name: 'Mass', unit: 'g', values: Float64Array.from([0.05, 0.048, 0.046, 0.044]) }],
      scalars: [],
    };
    // at 100 s halfway between 0.05 g and 0.048 g: 49 mg, the same as S1's 49 mg
    const r = evaluateDerived('m - run("G").m', { ...ctx, runs: [sample, blank, inGrams] });
    expect(r.unit).toBe('mg');
    expect(r.values[100]).toBeCloseTo(0, 9);
    expect(r.values[500]).toBeCloseTo(45 - 45, 9); // 0.046 − 0.002/2 g = 45 mg
    expect(r.warnings).toEqual([]);
  });

  it('the warnings name the run, the unit and the channel or scalar, word for word', () => {
    const odd: RunChannels = {
      ...sample,
      channels: [...sample.channels, { symbol: 'Signal', name: 'Signal', unit: 'a.u.', values: sample.timeS.map(() => 2) }],
      scalars: [...sample.scalars, { symbol: 'k', name: 'factor k', unit: 'zorks', value: 3 }],
    };
    const r = evaluateDerived('Signal * k * m', { ...ctx, self: odd });
    expect(r.values[100]).toBeCloseTo(2 * 3 * 49, 10);
    expect(r.warnings).toEqual([
      'S1: the unit "a.u." of Signal is not one mathjs knows; it is used as a plain number',
      'S1: the unit "zorks" of factor k is not one mathjs knows; it is used as a plain number',
    ]);
    const late = channelRun('late', 11, 100, () => 40, { t0: 500 });
    expect(evaluateDerived('m - blank.m', { ...ctx, self: late, runs: [late, blank] }).warnings).toEqual(['blank does not cover 9 of 11 points of late in time: its end values are held there']);
  });

  it('at() interpolates between samples; a unit asked with blanks is shown trimmed', () => {
    // m(100.5 s) = 50 − 1.005 = 48.995 mg
    expect(evaluateDerived('at(m, 100.5 s) + 0 * m', ctx).values[0]).toBeCloseTo(48.995, 10);
    const g = evaluateDerived('m', ctx, ' g ');
    expect(g.unit).toBe('g');
    expect(g.values[100]).toBeCloseTo(0.049, 12);
  });

  it('movavg() averages over its own window; deriv() uses the session window', () => {
    const timeS = Float64Array.from({ length: 21 }, (_, i) => i);
    const cube: RunChannels = {
      label: 'C',
      fileName: 'C.csv',
      timeS,
      channels: [
        { symbol: 'm', name: 'Mass', unit: 'mg', values: timeS.map((t) => t ** 3) },
        { symbol: 'step', name: 'Step', unit: 'mg', values: timeS.map((t) => (t < 5 ? 0 : 10)) },
      ],
      scalars: [],
    };
    const c = (sgWindowS: number): DerivedContext => ({ self: cube, blank: null, runs: [cube], sgWindowS });
    // a centred mean over ±1 s at 4 s: (0 + 0 + 10)/3; over ±2 s: (0 + 0 + 0 + 10 + 10)/5
    expect(evaluateDerived('movavg(step, 2 s)', c(5)).values[4]).toBeCloseTo(10 / 3, 10);
    expect(evaluateDerived('movavg(step, 4 s)', c(5)).values[4]).toBeCloseTo(4, 10);
    // the slope of a least-squares quadratic over ±h points of t³ at c is Σk(c + k)³/Σk² = 3c² + Σk⁴/Σk²:
    // 5 points (h = 2): 300 + 34/10 at c = 10; 15 points (h = 7): 300 + 9352/280
    const d5 = evaluateDerived('deriv(m)', c(5));
    expect(d5.unit).toBe('mg / s');
    expect(d5.values[10]).toBeCloseTo(303.4, 8);
    expect(evaluateDerived('deriv(m)', c(15)).values[10]).toBeCloseTo(300 + 9352 / 280, 8);
  });
});

describe('channel symbols and curve names, every rule and sentence', () => {
  it.each([
    ['Ärger', 'Arger'], // NFKD splits Ä into A and a combining mark, which is dropped
    ['-x-', 'x'], // separators at both ends are trimmed
    ['__x__', 'x'],
    ['Mass (mg)', 'Mass_mg'],
    ['Heat Flow/mW', 'Heat_Flow_mW'],
    ['2', '_2'],
    ['m', 'm_'],
    ['run', 'run_'],
    ['kg', 'kg_'],
  ])('channelSymbol(%s) = %s', (name, symbol) => {
    expect(channelSymbol(name)).toBe(symbol);
  });

  it('the sentences of derivedNameProblem', () => {
    const notAName = (n: string) => `"${n}" is not a name: use letters, digits and _ (starting with a letter), e.g. m_net`;
    expect(derivedNameProblem('1a', [])).toBe(notAName('1a'));
    expect(derivedNameProblem('a-b', [])).toBe(notAName('a-b'));
    expect(derivedNameProblem('', [])).toBe(notAName(''));
    expect(derivedNameProblem('_x', ['x'])).toBeNull();
    expect(derivedNameProblem('deriv', [])).toBe('"deriv" is a built-in name (t, T, m, m0, time, temperature, mass, run, blank, movavg, deriv, first, at, abs, sqrt, exp, log, log10, pi, e)');
    expect(derivedNameProblem('kg', [])).toBe('"kg" is the name of a unit: choose another name');
    expect(derivedNameProblem('x', ['x'])).toBe('this run already has a channel called "x"');
  });
});

describe('repeated units cancel, the others are kept (written after the seed-31 draw)', () => {
  it('m·t/(t·T) is in mg / K: s cancels, mg and K stay', () => {
    expect(derivedUnit('m * t / (t * T)', ctx)).toBe('mg / K');
    expect(derivedUnit('deriv(m) * t / T', ctx)).toBe('mg / K');
  });
});
