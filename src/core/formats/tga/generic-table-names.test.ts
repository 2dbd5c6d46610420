/**
 * Every column name the generic table reader knows for a role, written as a header without a unit (so the name
 * alone decides), and names that only resemble one (a known name inside a longer word) which must not take the role.
 */
import { describe, expect, it } from 'vitest';
import { genericTable } from './generic-table';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const parse = (header: string, rows: string[]) => genericTable.parse({ fileName: 'n.csv', bytes: utf8(`${[header, ...rows].join('\n')}\n`) });
const roles = (header: string, rows: string[]): string[] => parse(header, rows).source.columns.map((c) => c.role);
const fails = (header: string, rows: string[]): string => {
  try {
    parse(header, rows);
  } catch (err) {
    return (err as Error).message;
  }
  return 'read';
};
const TWO = ['0;10', '60;9.9', '120;9.8'];
const THREE = ['0;25;10', '60;35;9.9', '120;45;9.8'];

describe('time names', () => {
  it.each(['time', 'Zeit', 't', 'Elapsed time', 'Time elapsed', 'Run time', 'Runtime', 'Messzeit', 'Dauer', 'Zeitpunkt', 'Time relative', 'Time stamp', 'Zeit seit Start'])('%s is the time', (name) => {
    expect(roles(`${name};Mass (mg)`, TWO)).toEqual(['time', 'mass']);
  });
  it.each(['Heat', 'tara', 'Uptime x', 'Timeline'])('%s is no time', (name) => {
    expect(fails(`${name};Mass (mg)`, TWO)).toMatch(/^n\.csv, line 1: expected a time column/);
  });
});

describe('temperature names', () => {
  it.each(['t', 'Ts', 'Tsample', 'T_sample', 'Temp', 'Temp.', 'Sample temp.', 'Probentemperatur', 'Probe Temperatur', 'Furnace temp'])('%s is the temperature', (name) => {
    expect(roles(`Time (s);${name};Mass (mg)`, THREE)).toEqual(['time', 'temperature', 'mass']);
  });
  it.each(['Heat', 'Tsx', 'xTs', 'Rest'])('%s is no temperature', (name) => {
    const run = parse(`Time (s);${name};Mass (mg)`, THREE);
    expect(run.source.columns.map((c) => c.role)).toEqual(['time', 'channel', 'mass']);
    expect(run.warnings).toContain('No temperature column found.');
  });
  it('a sample temperature (name 2 + unit 1) wins over a furnace or Tr temperature (1 + 1) written before it', () => {
    expect(roles('Time (s);Furnace temp (°C);Sample temp (°C);Mass (mg)', ['0;25;24;10', '60;35;34;9.9', '120;45;44;9.8'])).toEqual(['time', 'channel', 'temperature', 'mass']);
    expect(roles('Time (s);Tr (°C);T (°C);Mass (mg)', ['0;25;24;10', '60;35;34;9.9', '120;45;44;9.8'])).toEqual(['time', 'channel', 'temperature', 'mass']);
  });
});

describe('mass names', () => {
  it.each(['Mass', 'Masse', 'Weight', 'Gewicht', 'TG', 'Sample weight', 'Sample mass', 'Probenmasse', 'Mass change', 'Massenänderung', 'Massenaenderung', 'Weight change', 'Unsubtracted weight', 'm', 'Nominal mass'])(
    '%s is the mass',
    (name) => {
      expect(roles(`Time (s);${name}`, TWO)).toEqual(['time', 'mass']);
    },
  );
  it.each(['Datum', 'mTorr', 'TGx', 'Massive'])('%s is no mass', (name) => {
    expect(fails(`Time (s);${name}`, TWO)).toMatch(/^n\.csv, line 1: expected a mass column/);
  });
});

describe('names that never take a role, whatever their unit', () => {
  it.each(['DTG', 'Deriv. weight', 'Heat flow', 'Heatflow', 'DSC', 'DTA', 'Purge flow', 'Heating rate', 'Pressure', 'Druck', 'Signal', 'Current', 'Strom', 'Index', 'Probe Nr.', 'Probe Nr', 'No.', 'No'])('%s (mg) is no mass', (name) => {
    expect(fails(`Time (s);${name} (mg)`, TWO)).toMatch(/^n\.csv, line 1: expected a mass column/);
  });
  it.each(['Mono (mg)', 'Nominal mass (mg)', 'Nr. 2 mass (mg)'])('%s is a mass', (name) => {
    expect(roles(`Time (s);${name}`, TWO)).toEqual(['time', 'mass']);
  });
});

describe('gas names', () => {
  const rows = ['0;10;N2', '60;9.9;N2', '120;9.8;H2'];
  it.each(['Gas', 'Gas type', 'Gastyp', 'Gasart', 'Atmosphere', 'Atmosphäre', 'Atmosphaere', 'Purge gas', 'Spülgas', 'Spuelgas', 'Gas name'])('%s gives gas events', (name) => {
    expect(parse(`Time (s);Mass (mg);${name}`, rows).gasEvents).toEqual([{ timeS: 120, gas: 'H2', source: `column '${name}', line 4` }]);
  });
  it.each(['Biogas', 'Gasflasche', 'Comment'])('%s gives none', (name) => {
    const run = parse(`Time (s);Mass (mg);${name}`, rows);
    expect(run.gasEvents).toEqual([]);
    expect(run.segments).toEqual([]);
  });
  it('a gas name on a numeric column gives no events (it is a channel)', () => {
    const run = parse('Time (s);Mass (mg);Gas', ['0;10;1', '60;9.9;1', '120;9.8;2']);
    expect(run.gasEvents).toEqual([]);
    expect(run.channels.map((c) => c.name)).toEqual(['Gas']);
  });
});

describe('programme names', () => {
  const rows: string[] = [];
  for (let t = 0; t <= 600; t += 60) rows.push(`${t};${25 + t / 6};${24 + t / 6};${10 - t / 1000}`);
  it.each(['Program temperature', 'Programme temperature', 'Programmtemperatur', 'Set point', 'Setpoint', 'Sollwert', 'Sollwerttemperatur', 'Tr', 'Reference temperature'])(
    '%s (°C) gives programme segments',
    (name) => {
      const run = parse(`Time (s);${name} (°C);Ts (°C);Mass (mg)`, rows);
      expect(run.source.columns.map((c) => c.role)).toEqual(['time', 'channel', 'temperature', 'mass']);
      expect(run.segments.map((s) => [s.kind, s.startS, s.endS, s.rateCPerMin])).toEqual([['ramp', 0, 600, 10]]);
    },
  );
  it.each(['Trace', 'Set points x'])('%s (°C) gives none', (name) => {
    expect(parse(`Time (s);${name} (°C);Ts (°C);Mass (mg)`, rows).segments).toEqual([]);
  });
});
