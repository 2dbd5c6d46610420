import { describe, expect, it } from 'vitest';
import { derivedUnit, evaluateDerived, type DerivedContext, type RunChannels } from './derived';

/** A run of constant mass and a linear temperature ramp, logged every second. */
function run(label: string, fileName: string, massMg: number): RunChannels {
  const timeS = Float64Array.from({ length: 11 }, (_, i) => i);
  return {
    label,
    fileName,
    timeS,
    channels: [
      { symbol: 'm', name: 'Mass', unit: 'mg', values: timeS.map(() => massMg) },
      { symbol: 'T', name: 'Temperature', unit: '°C', values: timeS.map((t) => 25 - 2 * t) },
    ],
    scalars: [],
  };
}

describe('derived curves: other runs and unit-keeping functions', () => {
  const self = run('S1', 'S1.csv', 50);
  const dotted = run('Replicate 2', 'Fe2O3.run2.csv', 40);
  const ctx: DerivedContext = { self, blank: null, runs: [self, dotted], sgWindowS: 5 };

  it('finds a run by its file name without the last extension only', () => {
    expect(Array.from(evaluateDerived('run("Fe2O3.run2").m', ctx).values)).toEqual(Array(11).fill(40));
    expect(() => evaluateDerived('run("Fe2O3").m', ctx)).toThrow(/there is no run "Fe2O3"/);
  });

  it('first() and abs() keep the unit of their argument', () => {
    expect(derivedUnit('abs(m - 60 mg)', ctx)).toBe('mg');
    expect(derivedUnit('first(m)', ctx)).toBe('mg');
    // |50 mg − 60 mg| = 10 mg at every point
    expect(Array.from(evaluateDerived('abs(m - 60 mg)', ctx).values)).toEqual(Array(11).fill(10));
  });

  it('a function of a plain number stays a number; a channel may be named by index; a boolean is not a number', () => {
    // sqrt(4) = 2 and abs(−3) = 3, times the 50 mg of S1
    expect(Array.from(evaluateDerived('sqrt(4) * m', ctx).values)).toEqual(Array(11).fill(100));
    expect(Array.from(evaluateDerived('abs(-3) * m', ctx).values)).toEqual(Array(11).fill(150));
    expect(Array.from(evaluateDerived('run("Replicate 2")["m"]', ctx).values)).toEqual(Array(11).fill(40));
    expect(() => evaluateDerived('m * true', ctx)).toThrow('the value true is not a number');
  });
});
