/**
 * The generic table reader on hand-written tables whose columns stand where the usual ones do not: a temperature
 * in K as the first column, a gas that changes to a shorter name, a % mass without a sample mass, unit tokens after
 * runs of blanks. Expected values are set by the construction (K − 273.15; gas changes by reading the rows).
 */
import { describe, expect, it } from 'vitest';
import { genericTable, splitColumnName } from './generic-table';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const parse = (lines: string[]) => genericTable.parse({ fileName: 'hand.csv', bytes: utf8(lines.join('\n') + '\n') });

describe('genericTable: the temperature as the first column', () => {
  it('its unit K is read (not taken as missing): °C = K − 273.15, and no unit warning', () => {
    const run = parse(['Temperature (K);Time (s);Mass (mg)', '298.15;0;10', '308.15;60;9.9', '318.15;120;9.8']);
    const t = Array.from(run.temperatureC ?? []);
    expect(t).toHaveLength(3);
    [25, 35, 45].forEach((c, i) => expect(t[i]).toBeCloseTo(c, 9));
    expect(run.source.columns).toEqual([
      // Each column keeps its header as written, its unit split off.
      { name: 'Temperature (K)', unit: 'K', role: 'temperature' },
      { name: 'Time (s)', unit: 's', role: 'time' },
      { name: 'Mass (mg)', unit: 'mg', role: 'mass' },
    ]);
    expect(run.warnings).toEqual(['The file states no sample mass.']);
  });
});

describe('genericTable: gas changes', () => {
  it('N2O → N2 → N2O: a gas whose name is the start of the previous one is a change, each time', () => {
    const run = parse(['Time (s);Mass (mg);Gas', '0;10;N2O', '60;9.9;N2', '120;9.8;N2O', '180;9.7;N2O']);
    // Data lines 2–5; the changes at 60 s (line 3) and 120 s (line 4); the first row's gas is the initial one.
    expect(run.gasEvents).toEqual([
      { timeS: 60, gas: 'N2', source: "column 'Gas', line 3" },
      { timeS: 120, gas: 'N2O', source: "column 'Gas', line 4" },
    ]);
    expect(run.metadata['Initial gas']).toBe('N2O');
    expect(run.segments).toEqual([
      { index: 1, label: "N2O (column 'Gas')", startS: 0, endS: 60, kind: 'gas', gas: 'N2O' },
      { index: 2, label: "N2 (column 'Gas')", startS: 60, endS: 120, kind: 'gas', gas: 'N2' },
      { index: 3, label: "N2O (column 'Gas')", startS: 120, endS: 180, kind: 'gas', gas: 'N2O' },
    ]);
  });
});

describe('genericTable: a mass in % and no sample mass', () => {
  it('keeps the % and says the file gives no sample mass, without the mg-only warning', () => {
    const run = parse(['Time (s);Mass (%)', '0;100', '60;99', '120;98']);
    expect(run.massMg).toBeNull();
    expect(Array.from(run.massPercent ?? [])).toEqual([100, 99, 98]);
    expect(run.massNote).toBe("'Mass (%)' in % of the initial mass; the file gives no sample mass");
    expect(run.warnings).not.toContain('The file states no sample mass.');
  });
});

describe('splitColumnName: a unit token after a run of blanks or a comma', () => {
  it('drops every blank between the name and the unit', () => {
    expect(splitColumnName('Temperature  °C')).toEqual({ name: 'Temperature', unit: '°C' });
    expect(splitColumnName('Weight\t%')).toEqual({ name: 'Weight', unit: '%' });
    expect(splitColumnName('Time ,  min')).toEqual({ name: 'Time', unit: 'min' });
    expect(splitColumnName('Time,min')).toEqual({ name: 'Time', unit: 'min' });
  });
});
