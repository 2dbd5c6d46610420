import { describe, expect, it } from 'vitest';
import { parseMassUnit, parseNumber, parseTemperatureUnit, parseTimeUnit, splitNameUnit, toCelsius, toSeconds } from './units';

describe('TGA units', () => {
  it('reads time, temperature and mass units as exports write them', () => {
    expect(parseTimeUnit('(min)')).toBe('min');
    expect(parseTimeUnit('[s]')).toBe('s');
    expect(parseTemperatureUnit('°C')).toBe('C');
    expect(parseTemperatureUnit('\uFFFDC')).toBe('C');
    expect(parseTemperatureUnit('K')).toBe('K');
    expect(parseMassUnit('µg')).toBe('ug');
    expect(parseMassUnit('[mg]')).toBe('mg');
    expect(parseMassUnit('%')).toBe('%');
  });
  it('converts to s and °C', () => {
    expect(toSeconds(2.5, 'min')).toBe(150);
    expect(toSeconds(1, 'h')).toBe(3600);
    expect(toCelsius(593, 'K')).toBeCloseTo(319.85, 10);
  });
  it('splits header names from units', () => {
    expect(splitNameUnit('Temp./°C')).toEqual({ name: 'Temp.', unit: '°C' });
    expect(splitNameUnit('Weight (mg)')).toEqual({ name: 'Weight', unit: 'mg' });
    expect(splitNameUnit('Value [mg]')).toEqual({ name: 'Value', unit: 'mg' });
    expect(splitNameUnit('Sample Temperature')).toEqual({ name: 'Sample Temperature', unit: '' });
  });
  it('parses numbers with either decimal mark and instrument exponents', () => {
    expect(parseNumber('.004166667')).toBeCloseTo(0.004166667, 12);
    expect(parseNumber('-1.10301e-005')).toBeCloseTo(-1.10301e-5, 15);
    expect(parseNumber('12,5', ',')).toBe(12.5);
    expect(parseNumber('12,5')).toBeNaN();
    expect(parseNumber('abc')).toBeNaN();
  });
});
