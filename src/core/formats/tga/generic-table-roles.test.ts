/**
 * Which column of a generic table is the time, the temperature and the mass, on hand-written headers that real
 * exports use (English and German names, units in brackets): the name and the unit both count, a programme or
 * furnace temperature yields to the sample's, a mass in mg to one in %, derivative/flow/index columns never take a
 * role, and a bare 't' is the time or the temperature by its unit.
 */
import { describe, expect, it } from 'vitest';
import { genericTable } from './generic-table';

const parse = (header: string, rows: string[]) => genericTable.parse({ fileName: 'roles.csv', bytes: new TextEncoder().encode([header, ...rows].join('\n') + '\n') });
const roles = (header: string, rows: string[]) => parse(header, rows).source.columns.map((c) => c.role);

describe('genericTable: column roles', () => {
  it('a furnace or programme temperature before the sample temperature stays a channel', () => {
    const rows = ['0;30;25;10', '60;40;35;9.9', '120;50;45;9.8'];
    for (const first of ['Furnace temperature (°C)', 'Ofentemperatur (°C)', 'Reference temperature (°C)', 'Sollwert Temp (°C)']) {
      const run = parse(`Time (s);${first};Sample temperature (°C);Mass (mg)`, rows);
      expect(run.source.columns.map((c) => c.role), first).toEqual(['time', 'channel', 'temperature', 'mass']);
      expect(Array.from(run.temperatureC ?? [])).toEqual([25, 35, 45]);
    }
  });

  it('a temperature named only by its unit (°C, K) is still found; a bare name "Temperatur" without unit too', () => {
    expect(roles('Time (s);Probe (°C);Mass (mg)', ['0;25;10', '60;35;9.9'])).toEqual(['time', 'temperature', 'mass']);
    expect(roles('Time (s);Temperatur;Mass (mg)', ['0;25;10', '60;35;9.9'])).toEqual(['time', 'temperature', 'mass']);
  });

  it('a mass in mg wins over a mass in % written before it; the % is kept beside it', () => {
    const run = parse('Time (s);Weight (%);Weight (mg)', ['0;100;10', '60;99;9.9', '120;98;9.8']);
    expect(run.source.columns.map((c) => c.role)).toEqual(['time', 'channel', 'mass']);
    expect(Array.from(run.massMg ?? [])).toEqual([10, 9.9, 9.8]);
    expect(Array.from(run.massPercent ?? [])).toEqual([100, 99, 98]);
  });

  it('a mass column in % alone is the mass, kept in %', () => {
    const run = parse('Time (min);Temperature (°C);TG (%)', ['0;25;100', '1;35;99.5', '2;45;98']);
    expect(run.source.columns.map((c) => c.role)).toEqual(['time', 'temperature', 'mass']);
    expect(Array.from(run.massPercent ?? [])).toEqual([100, 99.5, 98]);
  });

  it('derivative, flow, heat-flow and index columns never take a role, whatever their unit', () => {
    const header = 'Nr.;Time (min);DTG (mg/min);Purge flow (ml/min);Heat Flow (mW);Temperature (°C);Mass (mg)';
    const run = parse(header, ['1;0;0;50;0.1;25;10', '2;1;-0.1;50;0.2;35;9.9', '3;2;-0.1;50;0.3;45;9.8']);
    expect(run.source.columns.map((c) => c.role)).toEqual(['channel', 'time', 'channel', 'channel', 'channel', 'temperature', 'mass']);
    expect(Array.from(run.timeS)).toEqual([0, 60, 120]);
  });

  it('a bare "t" in °C is never the time, a bare "t" in minutes never the temperature', () => {
    // 'Laufzeit (min)' is a time by its unit only; a 't (°C)' beside it must not take the time from it
    const run = parse('Laufzeit (min);t (°C);Masse (mg)', ['0;25;10', '1;35;9.9']);
    expect(run.source.columns.map((c) => c.role)).toEqual(['time', 'temperature', 'mass']);
    expect(Array.from(run.timeS)).toEqual([0, 60]);
    expect(Array.from(run.temperatureC ?? [])).toEqual([25, 35]);
    // a second time column 't (min)' is no temperature: the file has none, and says so
    const noTemp = parse('Time (s);t (min);Mass (mg)', ['0;0;10', '60;1;9.9']);
    expect(noTemp.source.columns.map((c) => c.role)).toEqual(['time', 'channel', 'mass']);
    expect(noTemp.temperatureC).toBeNull();
    expect(noTemp.warnings).toContain('No temperature column found.');
  });

  it('a unit "m" (metres) does not make a column the time: a table without a time column is refused', () => {
    expect(roles('Time (s);Height (m);Mass (mg)', ['0;1;10', '60;1;9.9'])).toEqual(['time', 'channel', 'mass']);
    expect(() => parse('Height (m);Temperature (°C);Mass (mg)', ['1;25;10', '1;35;9.9'])).toThrow(/^roles\.csv, line 1: expected a time column \(Time, Zeit, t, 'time_s', or a unit s\/min\/h\)/);
  });
});
