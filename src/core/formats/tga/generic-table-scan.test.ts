/**
 * The data scanners of the generic table reader (the fast one for unquoted fields, papaparse for quoted ones) on
 * hand-written tables: CRLF line ends, short and long rows, blank lines, gas changes with their 1-based lines, and
 * which lines count as preamble (never the header line itself).
 */
import { describe, expect, it } from 'vitest';
import { genericTable } from './generic-table';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const parse = (text: string) => genericTable.parse({ fileName: 's.csv', bytes: utf8(text) });

describe('genericTable: scanning the data block', () => {
  it('CRLF line ends: the last field (a gas) is read without the carriage return', () => {
    const run = parse('time_s,mass_mg,gas\r\n0,10,N2\r\n60,9.9,N2\r\n120,9.8,H2\r\n180,9.7,H2\r\n');
    expect(run.gasEvents).toEqual([{ timeS: 120, gas: 'H2', source: "column 'gas', line 4" }]);
    expect(run.segments.map((s) => [s.gas, s.startS, s.endS])).toEqual([
      ['N2', 0, 120],
      ['H2', 120, 180],
    ]);
    expect(Array.from(run.massMg ?? [])).toEqual([10, 9.9, 9.8, 9.7]);
    expect(run.source).toMatchObject({ dataStartLine: 2, dataEndLine: 5 });
  });

  it('a row short of its mass is skipped and named; extra fields beyond the header are ignored', () => {
    const lines = ['time_s,mass_mg,T_C'];
    for (let i = 0; i < 12; i++) lines.push(`${i * 10},${20 - i / 10},${25 + i}`);
    lines.splice(6, 0, '50'); // line 7: a time without a mass
    lines.push('120,18.8,37,99,98'); // line 15: two extra fields
    const run = parse(`${lines.join('\n')}\n`);
    expect(run.warnings).toContain('Skipped 1 row(s) without numeric time and mass (line 7).');
    expect(run.timeS.length).toBe(13);
    expect(run.timeS[12]).toBe(120);
    expect(run.massMg?.[12]).toBe(18.8);
    expect(run.temperatureC?.[12]).toBe(37);
    expect(run.source).toMatchObject({ dataStartLine: 2, dataEndLine: 15 });
  });

  it('a whitespace table with leading blanks and a channel missing in some rows (NaN there)', () => {
    const run = parse('  t/s   m/mg   DSC/mW\n  0   10   1.5\n  60   9.9\n  120   9.8   1.7\n  180   9.7   1.8\n');
    expect(Array.from(run.timeS)).toEqual([0, 60, 120, 180]);
    expect(run.channels.map((c) => [c.name, c.unit])).toEqual([['DSC', 'mW']]);
    expect(Array.from(run.channels[0].values)).toEqual([1.5, NaN, 1.7, 1.8]);
  });

  it('quoted fields: blank lines are passed over silently, a bad row is named by its line, gas changes by theirs', () => {
    const text = ['"time_s","mass_mg","gas"', '"0","10","N2"', '', '"60","9.9","N2"', '"x","y","N2"', '"120","9.8"," H2 "', '"180","9.7","H2"', '"240","9.6","H2"', '"300","9.5","H2"', '"360","9.4","H2"', '"420","9.3","H2"', '"480","9.2","H2"', ''].join('\n');
    const run = parse(text);
    expect(Array.from(run.timeS)).toEqual([0, 60, 120, 180, 240, 300, 360, 420, 480]);
    expect(run.warnings).toContain('Skipped 1 row(s) without numeric time and mass (line 5).');
    expect(run.gasEvents).toEqual([{ timeS: 120, gas: 'H2', source: "column 'gas', line 6" }]);
    expect(run.source).toMatchObject({ dataStartLine: 2, dataEndLine: 12 });
    expect(run.metadata['Initial gas']).toBe('N2');
  });

  it('the header line is never preamble: a header starting "Date;" sets no date, at line 1 or under a preamble', () => {
    const rows = '1;0;10\n2;60;9.9\n3;120;9.8\n';
    const top = parse(`Date;Time (s);Mass (mg)\n${rows}`);
    expect(top.sample).toEqual({});
    expect(top.metadata).toEqual({});
    const under = parse(`Operator: kb\nDate;Time (s);Mass (mg)\n${rows}`);
    expect(under.sample).toEqual({ operator: 'kb' });
    expect(under.metadata).toEqual({ Operator: 'kb' });
  });

  it('a table without a header line reads the lines above its data as preamble', () => {
    const run = genericTable.parse({ fileName: 'n.csv', bytes: utf8('Sample: Fe-9\n0,25,10\n60,35,9.9\n120,45,9.8\n'), options: { columnMapping: { time: 0, temperature: 1, mass: 2 } } });
    expect(run.sample.name).toBe('Fe-9');
    expect(run.source).toMatchObject({ headerLine: 0, dataStartLine: 2, dataEndLine: 4 });
    expect(run.source.columns.map((c) => c.name)).toEqual(['Column 1', 'Column 2', 'Column 3']);
  });
});

describe('genericTable: preamble keys, exactly', () => {
  const table = 'Time (s),Mass (mg)\n0,10\n60,9.9\n120,9.8\n';
  const sampleOf = (preamble: string[]) => genericTable.parse({ fileName: 'p.csv', bytes: utf8(`${preamble.join('\n')}\n${table}`) }).sample;

  it('each spelling of a sample fact', () => {
    expect(sampleOf(['Probenname: A', 'Geraet: B', 'Benutzer: C', 'Rundate: D', 'Samplemass: 3 mg'])).toEqual({ name: 'A', instrument: 'B', operator: 'C', date: 'D', initialMassMg: 3 });
    expect(sampleOf(['Probenbezeichnung: E', 'Sample size: 4mg'])).toEqual({ name: 'E', initialMassMg: 4 });
    expect(sampleOf(['SampleName: F', 'Size: 5 mg'])).toEqual({ name: 'F', initialMassMg: 5 });
    expect(sampleOf(['SampleID: G'])).toEqual({ name: 'G' });
  });

  it('keys that only contain a known key, and masses that are not at the start of the value or run into letters, are no sample facts', () => {
    expect(
      sampleOf(['Sample holder: Pt', 'Instrument serial: 123', 'Measuring device: x', 'User group: lab', 'Last user: kb', 'Date format: ISO', 'Box size: 12 mg', 'Size limit: 12 mg', 'Sample mass: ~12 mg', 'Sample weight: 12 mgx']),
    ).toEqual({});
  });

  it('a key of up to 60 characters is read; a longer one is not a key', () => {
    const run = (key: string) => genericTable.parse({ fileName: 'k.csv', bytes: utf8(`${key}: v\n${table}`) }).metadata;
    expect(run('k'.repeat(60))).toEqual({ ['k'.repeat(60)]: 'v' });
    expect(run('k'.repeat(61))).toEqual({});
  });
});

describe('genericTable: a text column is judged on the first 20 data rows', () => {
  it('a gas column with text in rows 1–20 stays the gas column when a later row holds a number', () => {
    const rows = ['time_s,mass_mg,gas'];
    for (let i = 0; i < 20; i++) rows.push(`${i * 10},${10 - i / 100},${i < 10 ? 'N2' : 'H2'}`);
    rows.push('200,9.8,0');
    const run = genericTable.parse({ fileName: 'g.csv', bytes: utf8(`${rows.join('\n')}\n`) });
    expect(run.source.columns.map((c) => c.role)).toEqual(['time', 'mass', 'ignored']);
    expect(run.gasEvents.map((e) => [e.timeS, e.gas, e.source])).toEqual([
      [100, 'H2', "column 'gas', line 12"],
      [200, '0', "column 'gas', line 22"],
    ]);
    expect(run.channels).toEqual([]);
  });
});
