import { describe, expect, it } from 'vitest';
import { normaliseUnitText, parseQuantity, parseUnit, tryParseQuantity } from './quantity';

describe('quantities typed with units', () => {
  it('takes a bare number in the field unit and converts other units of the dimension', () => {
    expect(parseQuantity('2625', 's', 'time')).toBe(2625);
    expect(parseQuantity('2625 s', 's', 'time')).toBe(2625);
    expect(parseQuantity('43.75 min', 's', 'time')).toBeCloseTo(2625, 9);
    expect(parseQuantity('43,75 min', 's', 'time')).toBeCloseTo(2625, 9);
    expect(parseQuantity('1 h', 's', 'time')).toBe(3600);
    expect(parseQuantity('0.25 min', 's', 'time')).toBeCloseTo(15, 12);
    expect(parseQuantity('2 min + 3 s', 's', 'time')).toBeCloseTo(123, 12);
    expect(parseQuantity('973.15 K', 'degC', 'temperature')).toBeCloseTo(700, 9);
    expect(parseQuantity('700 °C', 'degC', 'temperature')).toBeCloseTo(700, 9);
    expect(parseQuantity('50 µg', 'mg', 'mass')).toBeCloseTo(0.05, 12);
    expect(parseQuantity('1e3', 's', 'time')).toBe(1000);
  });

  it('refuses a quantity of the wrong dimension, text and non-finite values with a sentence', () => {
    expect(() => parseQuantity('15 mg', 's', 'time')).toThrow(/not a time/);
    expect(() => parseQuantity('abc', 's', 'time')).toThrow(/not a quantity/);
    expect(() => parseQuantity('', 's', 'time')).toThrow(/empty/);
    expect(() => parseQuantity('1/0', 's', 'time')).toThrow(/finite/);
    expect(tryParseQuantity('3 kg', 's', 'time')).toEqual({ error: expect.stringContaining('s expected') });
    expect(tryParseQuantity('3 min', 's', 'time')).toEqual({ value: 180 });
  });

  it('normalises lab unit spellings for mathjs', () => {
    expect(normaliseUnitText('°C')).toBe('degC');
    expect(normaliseUnitText('µV/mg')).toBe('uV/mg');
    expect(normaliseUnitText('℃')).toBe('degC');
    expect(parseUnit('mL/min')!.equalBase(parseUnit('m^3/s')!)).toBe(true);
    expect(parseUnit('a.u.')).toBeNull();
    expect(parseUnit('')).toBeNull();
  });
});
