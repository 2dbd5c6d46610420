/** The sentences a user reads when a derived-curve expression cannot be evaluated, pinned word for word. */
import { describe, expect, it } from 'vitest';
import { DerivedError, evaluateDerived, type DerivedContext, type RunChannels } from './derived';
import { channelRun } from './testkit';

const run = channelRun;
const sample = run('S1', 601, 1, (t) => 50 - 0.01 * t);
const blank = run('blank', 301, 2, (t) => 0.2 + 0.001 * t);
const ctx: DerivedContext = { self: sample, blank, runs: [sample, blank], sgWindowS: 15 };
const CHANNELS = 't (s), m (mg), T (°C), m0 (mg)';

function messageOf(expression: string, unit: string | null = null, context = ctx): string {
  try {
    evaluateDerived(expression, context, unit);
  } catch (err) {
    expect(err).toBeInstanceOf(DerivedError);
    return (err as Error).message;
  }
  throw new Error(`${expression} evaluated without an error`);
}

describe('derived curves: what the user reads when an expression is refused', () => {
  it.each([
    ['', 'the expression is empty'],
    ['   ', 'the expression is empty'],
    ['m+'.repeat(250) + 'm', 'the expression is longer than 500 characters'],
    [Array.from({ length: 200 }, () => '1').join('+'), 'the expression has more than 300 parts'],
    ['deriv', 'deriv is a function: write deriv(…)'],
    ['mass2 - m', `unknown name "mass2": this run has ${CHANNELS}`],
    ['foo(m)', 'unknown function "foo" (functions: run, movavg, deriv, first, at, abs, sqrt, exp, log, log10)'],
    ['sqrt(m, m)', 'sqrt() takes 1 argument'],
    ['at(m)', 'at() takes 2 arguments'],
    ['deriv(m, m)', 'deriv() takes 1 argument'],
    ['run(m)', 'run() takes a run label or file name in quotes, e.g. run("blank")'],
    ['run("nope").m', 'there is no run "nope" (runs: "S1", "blank")'],
    ['blank.x', `the run blank has no channel "x": it has ${CHANNELS}`],
    ['run("blank").m + m.x', 'mg has no channels (write run("label").m or blank.m)'],
    ['blank[1]', 'write a channel of another run as run("label").m or blank.m'],
    ['run("blank")', 'the run "blank" is not a quantity here'],
    ['m + 1', 'units do not match: mg + a plain number'],
    ['2 - T', 'units do not match: a plain number - K'],
    ['m ^ m', 'an exponent must be a plain number'],
    ['m == m', 'the operator "==" is not supported here'],
    ['m to g', 'the operator "to" is not supported here (give the unit in the unit field)'],
    ['[1, 2]', 'array expressions are not supported here'],
    ['exp(T)', 'exp() needs a plain number, not K'],
    ['log10(m)', 'log10() needs a plain number, not mg'],
    ['movavg(m, 30)', 'the window of movavg() must be a time, e.g. 30 s (got a plain number)'],
    ['at(m, 5 mg)', 'the time of at() must be a time, e.g. 30 s (got mg)'],
    ['at(m, 700 s)', 'at(): 700 s lies outside S1 (0–600 s)'],
    ['m / (m - m)', 'the expression gives no finite value at any point (division by zero, log of a negative number?)'],
  ])('%s', (expression, message) => {
    expect(messageOf(expression)).toBe(message);
  });

  it('units the result cannot be shown in', () => {
    expect(messageOf('m', '%')).toBe('the expression gives mg, not a plain number: it cannot be shown in %');
    expect(messageOf('m', 'furlongs2')).toBe('unknown unit "furlongs2"');
    expect(messageOf('m', 's')).toBe('the expression gives mg, which cannot be shown in s');
    expect(messageOf('m - blank.m', null, { ...ctx, blank: null })).toBe('this run has no blank: set one, or name the run with run("label")');
  });

  it('points that are not finite are counted in a warning', () => {
    // m = 50 − 0.01 t falls below 47.005 mg after t = 299.5 s: the square root is NaN at t = 300…600 s, 301 points
    const r = evaluateDerived('sqrt(m - 47.005 mg)', ctx);
    expect(r.warnings).toEqual(['301 of 601 points are not finite (division by zero, log of a negative number, or gaps in a channel)']);
    expect(r.values[0]).toBeCloseTo(Math.sqrt(2.995), 12);
    expect(r.unit).toBe('mg^0.5');
  });
});

describe('derived curves: operations the first sample left unpinned', () => {
  it('t is the run time in s; a unary minus negates, a unary plus does not', () => {
    const t = evaluateDerived('t', ctx);
    expect([t.unit, t.values[90]]).toEqual(['s', 90]);
    expect(evaluateDerived('t', ctx, 'min').values[90]).toBeCloseTo(1.5, 12);
    expect(evaluateDerived('-m', ctx).values[100]).toBeCloseTo(-49, 10);
    expect(evaluateDerived('+m', ctx).values[100]).toBeCloseTo(49, 10);
  });

  it('expressions of scalars only become a constant curve', () => {
    const r = evaluateDerived('m0 * 2', ctx);
    expect(r.unit).toBe('mg');
    expect(r.values.length).toBe(601);
    expect(Array.from(r.values).every((v) => Math.abs(v - 100) < 1e-9)).toBe(true);
    expect(evaluateDerived('m0 + m0', ctx).values[600]).toBeCloseTo(100, 9);
  });

  it('first(): the first finite value of a channel (an empty first cell skipped); exp() of a plain number', () => {
    const gappy: RunChannels = { ...sample, channels: sample.channels.map((c) => (c.symbol === 'm' ? { ...c, values: c.values.map((v, i) => (i === 0 ? NaN : v)) } : c)) };
    const r = evaluateDerived('m - first(m)', { ...ctx, self: gappy, runs: [gappy, blank] });
    expect(r.values[2]).toBeCloseTo(-0.01, 10); // 49.98 − 49.99
    expect(evaluateDerived('first(m0)', ctx).values[5]).toBeCloseTo(50, 10);
    const e = evaluateDerived('exp(m/m0 - 1)', ctx);
    expect(e.unit).toBe('');
    expect(e.values[0]).toBeCloseTo(1, 12);
    expect(e.values[500]).toBeCloseTo(Math.exp(-0.1), 12); // m = 45 mg
  });

  it('channels in %, "-", "1" or without a unit are plain numbers, with no warning', () => {
    const pct: RunChannels = {
      ...sample,
      channels: [
        ...sample.channels,
        { symbol: 'TG', name: 'TG', unit: '%', values: sample.timeS.map(() => 98) },
        { symbol: 'R', name: 'Ratio', unit: '-', values: sample.timeS.map(() => 0.5) },
        { symbol: 'Q', name: 'Q', unit: '1', values: sample.timeS.map(() => 3) },
        { symbol: 'Z', name: 'Z', unit: '', values: sample.timeS.map(() => 4) },
      ],
    };
    const r = evaluateDerived('TG * R + Q * Z', { ...ctx, self: pct, runs: [pct, blank] });
    expect([r.unit, r.values[0], r.warnings]).toEqual(['', 61, []]);
  });

  it('a channel by a quoted index (blank["m"]) is blank.m; two indices are refused', () => {
    expect(evaluateDerived('blank["m"]', ctx).values[100]).toBeCloseTo(0.3, 12);
    expect(messageOf('blank["m", 2]')).toBe('write a channel of another run as run("label").m or blank.m');
  });

  it('a plain number cannot be shown in mg; a text is not a quantity', () => {
    expect(messageOf('m / m0', 'mg')).toBe('the expression gives a plain number, which cannot be shown in mg');
    expect(messageOf('"abc"')).toBe('the text "abc" is not a quantity here');
  });
});
