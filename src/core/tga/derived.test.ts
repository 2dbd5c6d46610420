import { describe, expect, it } from 'vitest';
import { channelSymbol, derivedNameProblem, derivedUnit, evaluateDerived, type DerivedContext, type RunChannels } from './derived';
import { movingAverage } from './series';
import { channelRun } from './testkit';

/** A run logged every `stepS` seconds with mass m(t) = m0 − k·t, a linear ramp and a flow channel. */
/** A run's channels with a purge flow and a signal besides m and T (testkit channelRun). */
const run = (label: string, n: number, stepS: number, massAt: (t: number) => number, t0 = 0): RunChannels => channelRun(label, n, stepS, massAt, { t0, flowAndSignal: true });

const sample = run('S1', 601, 1, (t) => 50 - 0.01 * t);
const blank = run('blank', 301, 2, (t) => 0.2 + 0.001 * t);
const ctx: DerivedContext = { self: sample, blank, runs: [sample, blank], sgWindowS: 15 };

describe('derived curves', () => {
  it('m - blank.m: the blank interpolated on the sample time axis, in mg', () => {
    const r = evaluateDerived('m - blank.m', ctx);
    expect(r.unit).toBe('mg');
    // at t = 101 s the blank (logged every 2 s) is interpolated: 0.2 + 0.101
    expect(r.values[101]).toBeCloseTo(50 - 1.01 - 0.301, 10);
    expect(r.values.length).toBe(601);
    expect(r.warnings).toEqual([]);
  });

  it('100*(m - m0)/m0 is a plain number; asking for % scales a fraction', () => {
    const r = evaluateDerived('100*(m - m0)/m0', ctx);
    expect(r.unit).toBe('');
    expect(r.values[500]).toBeCloseTo((100 * -5) / 50, 10);
    const pct = evaluateDerived('(m - m0)/m0', ctx, '%');
    expect(pct.unit).toBe('%');
    expect(pct.values[500]).toBeCloseTo(-10, 10);
  });

  it('converts units: a mass in g, a rate per minute, a time window in minutes', () => {
    expect(evaluateDerived('m', ctx, 'g').values[0]).toBeCloseTo(0.05, 12);
    const rate = evaluateDerived('deriv(m)', ctx);
    expect(rate.unit).toBe('mg / s');
    expect(rate.values[300]).toBeCloseTo(-0.01, 9);
    const perMin = evaluateDerived('deriv(m) * 60 s', ctx);
    expect(perMin.unit).toBe('mg');
    expect(perMin.values[300]).toBeCloseTo(-0.6, 8); // −0.01 mg/s × 60 s
    // a constant is evaluated with its units: (30 mg · 2 s)/(2 s) cancels to 30 mg, keeping its value
    expect(evaluateDerived('m - (30 mg * 2 s) / (2 s)', ctx).values[0]).toBeCloseTo(20, 10);
    expect(evaluateDerived('deriv(m)', ctx, 'mg/min').values[300]).toBeCloseTo(-0.6, 8);
    const avg = evaluateDerived('movavg(m, 0.5 min)', ctx);
    expect(avg.values[300]).toBeCloseTo(47, 10); // a centred mean of a straight line is the line
    expect(evaluateDerived('m - 30 mg', ctx).values[0]).toBeCloseTo(20, 10);
    expect(evaluateDerived('Purge_flow', ctx, 'L/h').values[0]).toBeCloseTo(3, 10);
  });

  it('log10 of a plain number: log10(m/m0) at t = 500 s is log10(45/50) = log10(0.9)', () => {
    const r = evaluateDerived('log10(m / m0)', ctx);
    expect(r.unit).toBe('');
    // log10(0.9) = log10(9) - 1 = 0.9542425094393249 - 1
    expect(r.values[500]).toBeCloseTo(-0.0457574905606751, 12);
    expect(r.values[0]).toBe(0);
  });

  it('temperatures enter in kelvin: differences are in K, absolute values in °C on request', () => {
    expect(evaluateDerived('T', ctx).unit).toBe('K');
    expect(evaluateDerived('T', ctx).values[0]).toBeCloseTo(298.15, 10);
    expect(evaluateDerived('T', ctx, '°C').values[60]).toBeCloseTo(35, 10);
    const d = evaluateDerived('T - 25 degC', ctx);
    expect(d.unit).toBe('K');
    expect(d.values[60]).toBeCloseTo(10, 10);
    expect(evaluateDerived('T - at(T, 0 s)', ctx).values[600]).toBeCloseTo(100, 9);
  });

  it('refuses unit mismatches, unknown names and dimensioned logs with a sentence', () => {
    expect(() => evaluateDerived('m + T', ctx)).toThrow(/units do not match: mg \+ K/);
    expect(() => evaluateDerived('m + 1', ctx)).toThrow(/units do not match/);
    expect(() => evaluateDerived('m - T', ctx)).toThrow(/units do not match: mg - K/);
    expect(() => evaluateDerived('log(m)', ctx)).toThrow(/log\(\) needs a plain number, not mg/);
    expect(() => evaluateDerived('mass2 - m', ctx)).toThrow(/unknown name "mass2": this run has t \(s\), m \(mg\)/);
    expect(() => evaluateDerived('movavg(m, 30)', ctx)).toThrow(/window of movavg\(\) must be a time/);
    expect(() => evaluateDerived('m', ctx, 's')).toThrow(/gives mg, which cannot be shown in s/);
    expect(() => evaluateDerived('m -', ctx)).toThrow(/cannot read the expression/);
    expect(() => evaluateDerived('run("nope").m', ctx)).toThrow(/there is no run "nope"/);
    expect(() => evaluateDerived('blank.x', ctx)).toThrow(/the run blank has no channel "x"/);
    expect(() => evaluateDerived('m - blank.m', { ...ctx, blank: null })).toThrow(/no blank/);
    expect(() => evaluateDerived('foo(m)', ctx)).toThrow(/unknown function "foo"/);
    expect(() => evaluateDerived('m/0 mg', ctx)).toThrow();
    expect(() => evaluateDerived('', ctx)).toThrow(/empty/);
    expect(() => evaluateDerived('blank', ctx)).toThrow(/the run blank is not a quantity/);
  });

  it('reaches other runs by label or file name, names unknown units and uncovered points', () => {
    const byFile = evaluateDerived('run("blank.csv").m', ctx);
    expect(byFile.values[0]).toBeCloseTo(0.2, 12);
    const r = evaluateDerived('Signal * 2', ctx);
    expect(r.values[0]).toBe(4);
    expect(r.warnings.join(' ')).toMatch(/"a\.u\." of Signal is not one mathjs knows/);
    // The blank covers 0–600 s exactly; a later sample is held at the blank's last value.
    const late = run('late', 11, 100, () => 40, 500);
    const held = evaluateDerived('m - blank.m', { ...ctx, self: late, runs: [late, blank] });
    expect(held.warnings.join(' ')).toMatch(/blank does not cover 9 of 11 points/);
  });

  it('channel symbols are identifiers and never shadow built-ins or units', () => {
    expect(channelSymbol('Heat Flow')).toBe('Heat_Flow');
    expect(channelSymbol('2nd gas')).toBe('_2nd_gas');
    expect(channelSymbol('DTG/(%/min)')).toBe('DTG_min');
    expect(channelSymbol('T')).toBe('T_');
    expect(channelSymbol('g')).toBe('g_');
    expect(derivedNameProblem('m_net', ['m', 'T'])).toBeNull();
    expect(derivedNameProblem('m net', [])).toMatch(/not a name/);
    expect(derivedNameProblem('deriv', [])).toMatch(/built-in/);
    expect(derivedNameProblem('kg', [])).toMatch(/unit/);
    expect(derivedNameProblem('x', ['x'])).toMatch(/already/);
    expect(derivedUnit('deriv(m)/m0', ctx)).toBe('s^-1');
  });

  it('moving average: centred, over a time window, skipping gaps', () => {
    const t = Float64Array.from([0, 1, 2, 3, 4, 10]);
    const y = Float64Array.from([1, 2, NaN, 4, 5, 6]);
    const a = movingAverage(t, y, 2);
    expect(Array.from(a)).toEqual([1.5, 1.5, 3, 4.5, 4.5, 6]);
  });
});
