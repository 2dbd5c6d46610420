/**
 * Generic table layouts written by hand that the real files do not show: trailing delimiters, a gas column last in
 * a file without a final newline, preamble keys that only contain "sample" or "date", a one-row table.
 */
import { describe, expect, it } from 'vitest';
import { genericTable, parseNumberAt } from './generic-table';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const parse = (text: string) => genericTable.parse({ fileName: 'hand.csv', bytes: utf8(text) });

describe('genericTable: hand-written layouts', () => {
  it('reads a header that ends with a delimiter the rows do not have', () => {
    const run = parse('time_s,temperature_C,mass_mg,\n0,25,10\n60,35,9.9\n120,45,9.8\n');
    expect(run.source.columns.map((c) => [c.name, c.role])).toEqual([
      ['time_s', 'time'],
      ['temperature_C', 'temperature'],
      ['mass_mg', 'mass'],
    ]);
    expect(Array.from(run.timeS)).toEqual([0, 60, 120]);
    expect(Array.from(run.massMg ?? [])).toEqual([10, 9.9, 9.8]);
  });

  it('reads a header and rows that all end with a delimiter (an empty last column)', () => {
    const run = parse('time_s,temperature_C,mass_mg,\n0,25,10,\n60,35,9.9,\n120,45,9.8,\n');
    expect(run.source.columns.slice(0, 3).map((c) => [c.name, c.role])).toEqual([
      ['time_s', 'time'],
      ['temperature_C', 'temperature'],
      ['mass_mg', 'mass'],
    ]);
    expect(Array.from(run.temperatureC ?? [])).toEqual([25, 35, 45]);
  });

  it('a gas column last in a file without a final newline: one change (N2 → H2 at 120 s), none at the last row', () => {
    const run = parse('time_s,mass_mg,gas\n0,10,N2\n60,9.9,N2\n120,9.8,H2\n180,9.7,H2');
    // The gas at the first row is the starting gas, not an event.
    expect(run.gasEvents.map((e) => [e.timeS, e.gas])).toEqual([[120, 'H2']]);
    expect(run.segments.map((s) => [s.startS, s.endS, s.gas])).toEqual([
      [0, 120, 'N2'],
      [120, 180, 'H2'],
    ]);
  });

  it('takes the sample name and date from their own keys, not from keys that merely end in them', () => {
    const run = parse(['Date: 2024-05-06', 'Reference sample: Al2O3', 'Sample name: NiO-1', 'Calibration date: 2023-01-01', 'time_s,mass_mg', '0,10', '60,9.9', '120,9.8', ''].join('\n'));
    expect(run.sample.name).toBe('NiO-1');
    expect(run.sample.date).toBe('2024-05-06');
    expect(run.metadata['Reference sample']).toBe('Al2O3');
  });

  it('reads a table of one data row without a final newline', () => {
    const run = parse('time_s,mass_mg\n30,10.5');
    expect(Array.from(run.timeS)).toEqual([30]);
    expect(Array.from(run.massMg ?? [])).toEqual([10.5]);
  });

  it('takes a head for a ZIP archive only on all four signature bytes (PK 03 04)', () => {
    const text = 'time_s,mass_mg\n0,10\n60,9.9\n120,9.8\n';
    const score = (first: number): number => genericTable.detect({ fileName: 'x.csv', headText: text, headBytes: new Uint8Array([first, 0x4b, 0x03, 0x04, ...utf8(text)]) });
    expect(score(0x50)).toBe(0);
    // A table with time and mass columns: the generic reader's full claim.
    expect(score(0x51)).toBe(0.5);
  });

  it('leaves derivative columns out of the roles: a "Weight derivative" before "Weight" is not the mass', () => {
    const run = parse('Time (s);Weight derivative;Weight\n0;0;10\n60;-0.1;9.9\n120;-0.1;9.8\n');
    expect(run.source.columns.map((c) => c.role)).toEqual(['time', 'channel', 'mass']);
    expect(Array.from(run.massMg ?? [])).toEqual([10, 9.9, 9.8]);
  });

  it('takes a column with a time unit as the time even when its name is not a known time name', () => {
    const run = parse('Laufzeit (min);Temperatur (°C);Masse (mg)\n0;25;10\n1;35;9.9\n2;45;9.8\n');
    expect(run.source.columns.map((c) => c.role)).toEqual(['time', 'temperature', 'mass']);
    expect(Array.from(run.timeS)).toEqual([0, 60, 120]);
  });

  it('gives each column one role: with bare names t, T, m the first t is the time and T the temperature', () => {
    const run = parse('t,T,m\n0,25,10\n60,35,9.9\n120,45,9.8\n');
    expect(run.source.columns.map((c) => c.role)).toEqual(['time', 'temperature', 'mass']);
    expect(Array.from(run.temperatureC ?? [])).toEqual([25, 35, 45]);
  });

  it('trims the blanks around a gas name: ", N2" and ",N2" are the same gas', () => {
    const run = parse('time_s, mass_mg, gas\n0, 10, N2\n60, 9.9,N2\n120, 9.8, H2\n180, 9.7, H2\n');
    expect(run.gasEvents.map((e) => [e.timeS, e.gas])).toEqual([[120, 'H2']]);
  });

  it('keeps a mass in % beside the mass in mg only when the % column is a mass', () => {
    const withPct = parse('time_s,mass_mg,Mass (%)\n0,10,100\n60,9.9,99\n');
    expect(Array.from(withPct.massPercent ?? [])).toEqual([100, 99]);
    const humidity = parse('time_s,mass_mg,Humidity (%)\n0,10,40\n60,9.9,41\n');
    expect(humidity.massPercent).toBeNull();
  });

  it('takes a head for HDF5 only on its whole signature (89 H D F)', () => {
    const text = 'time_s,mass_mg\n0,10\n60,9.9\n120,9.8\n';
    const score = (head: number[]): number => genericTable.detect({ fileName: 'x.csv', headText: text, headBytes: new Uint8Array([...head, ...utf8(text)]) });
    expect(score([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a])).toBe(0);
    expect(score([0x41, 0x42, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a])).toBe(0.5);
  });

  it('reads a decimal-comma number of more than 15 digits like its decimal-point twin', () => {
    const s = '12,34567890123456789';
    expect(parseNumberAt(s, 0, s.length, 44)).toBe(Number('12.34567890123456789'));
  });

  it('a short block of numbers in the preamble does not move the data start: the longer block under its header is the data', () => {
    const text = ['Calibration', '1,2', '3,4', '5,6', 'Comment one', 'Comment two', 'time_s,mass_mg', '0,10', '60,9.9', '120,9.8', '180,9.7', ''].join('\n');
    const run = parse(text);
    expect(run.source).toMatchObject({ headerLine: 7, dataStartLine: 8 });
    expect(Array.from(run.timeS)).toEqual([0, 60, 120, 180]);
    expect(Array.from(run.massMg ?? [])).toEqual([10, 9.9, 9.8, 9.7]);
  });
});
