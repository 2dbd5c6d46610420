/**
 * Generic table layouts written by hand that the real files do not show: trailing delimiters, a gas column last in
 * a file without a final newline, preamble keys that only contain "sample" or "date", a one-row table.
 */
import { describe, expect, it } from 'vitest';
import { genericTable } from './generic-table';

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
});
