/**
 * The generic table reader at its edges, on hand-written inputs: the exact refusals a user reads (file, line, what
 * was expected, what was found), the 10 % limit of skipped rows, detection scores at each threshold, header and
 * preamble forms, the number scanner's signs, exponents and ranges, and progress reports of a long table.
 */
import { describe, expect, it } from 'vitest';
import { splitLines } from '../../text/decode';
import { genericTable, parseNumberAt, sniffTable, splitColumnName, splitFields } from './generic-table';
import { thrownMessage as message } from './testkit';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const parse = (fileName: string, text: string, options?: Parameters<typeof genericTable.parse>[0]['options']) => genericTable.parse({ fileName, bytes: utf8(text), options });
const score = (text: string): number => genericTable.detect({ fileName: 'x.csv', headText: text, headBytes: utf8(text) });

describe('genericTable: refusals, word for word', () => {
  it('a time column mapped onto a text column leaves no row: the data start line and its text are named', () => {
    const text = 'time_s,mass_mg,label\n0,10,a\n60,9.9,b\n120,9.8,c\n';
    expect(message(() => parse('t.csv', text, { columnMapping: { time: 2 } }))).toBe('t.csv, line 2: expected rows with numbers in \'label\' and \'mass_mg\', found "0,10,a"');
    // the same with quoted fields (the papaparse path)
    const quoted = '"time_s","mass_mg","label"\n"0","10","a"\n"60","9.9","b"\n"120","9.8","c"\n';
    expect(message(() => parse('q.csv', quoted, { columnMapping: { time: 'label' } }))).toBe('q.csv, line 2: expected rows with numbers in \'label\' and \'mass_mg\', found "\\"0\\",\\"10\\",\\"a\\""');
  });

  it('a table without a header line names the first data line and the generated column names', () => {
    expect(message(() => parse('n.csv', 'Comment\n\n0,25,10\n60,35,9.9\n120,45,9.8\n'))).toBe(
      'n.csv, line 3: expected a time column (Time, Zeit, t, \'time_s\', or a unit s/min/h); give a column mapping, found "Column 1 | Column 2 | Column 3"',
    );
    expect(message(() => parse('m.csv', 'Time (s),Temperature (°C)\n0,25\n60,35\n120,45\n'))).toBe(
      'm.csv, line 1: expected a mass column (Mass, Masse, Weight, Gewicht, TG, or a unit mg/µg/g/%); give a column mapping, found "Time (s) | Temperature (°C)"',
    );
  });

  it('skipped rows up to 10 % of the table are a warning; more refuse the file at the first of them', () => {
    const rows = (good: number): string[] => Array.from({ length: good }, (_, i) => `${i * 60},${10 - i / 10}`);
    // 9 good + 1 bad = 10 rows: 1 is not more than 10 % of 10
    const ok = parse('ok.csv', ['time_s,mass_mg', ...rows(5), 'n/a,n/a', ...rows(4).map((r, i) => `${(i + 5) * 60},${9 - i / 10}`), ''].join('\n'));
    expect(ok.timeS.length).toBe(9);
    expect(ok.warnings).toContain('Skipped 1 row(s) without numeric time and mass (line 7).');
    // 8 good + 1 bad = 9 rows: 1 > 0.9
    const text = ['time_s,mass_mg', ...rows(5), 'n/a,n/a', ...rows(3).map((r, i) => `${(i + 5) * 60},${9 - i / 10}`), ''].join('\n');
    expect(message(() => parse('bad.csv', text))).toBe('bad.csv, line 7: expected a number in \'time_s\' and \'mass_mg\' (1 of 9 rows are not), found "n/a,n/a"');
  });

  it('QMS logs and texts without a table are refused with their own words', () => {
    expect(message(() => parse('q.asc', 'Quadera export\nTime,Ion Current [A]\n0,1e-9\n1,2e-9\n2,3e-9\n'))).toBe('q.asc: expected TGA data (time, temperature, mass); this looks like a mass-spectrometer (QMS) partial-pressure log');
    expect(message(() => parse('t.txt', 'hello\nworld\n'))).toBe('t.txt: expected a table: rows of delimited numbers (comma, semicolon, tab or spaces) under a header line');
  });
});

describe('genericTable.detect: the score at each threshold', () => {
  const rows = '\n0,25,10\n60,35,9.9\n120,45,9.8\n';
  it('named time and mass: 0.5; mass only, or a time known only by its unit: 0.3; no mass: 0', () => {
    expect(score(`Time (s),Temperature (°C),Mass (mg)${rows}`)).toBe(0.5);
    // a mass known only by its unit mg (score 1) is enough
    expect(score(`Time (s),Temperature (°C),x (mg)${rows}`)).toBe(0.5);
    // a mass known only by the unit % (score 0.5) is not
    expect(score(`Time (s),Temperature (°C),x (%)${rows}`)).toBe(0);
    // a time known only by its unit (score 1 < 2) does not count as a time
    expect(score(`Laufzeit (min),Temperatur (°C),Masse (mg)${rows}`)).toBe(0.3);
    expect(score(`Time (s),Temperature (°C),Pressure (mbar)${rows}`)).toBe(0);
  });
  it('a head cut mid-line drops its partial last line (then two rows under a header of three lines suffice)', () => {
    expect(score('Time (s),Mass (mg)\n0,10\n60,9.9\n12')).toBe(0.5);
  });
  it('names over a units row are scored with those units', () => {
    expect(score(`Time,Temperature,x\ns,°C,mg${rows}`)).toBe(0.5);
    expect(score(`Time,Temperature,x\ns,°C,mW${rows}`)).toBe(0);
  });
  it('no header: 0.1 for three or more columns, 0 for two; JSON, QMS logs and tables of fewer than 3 rows under a preamble: 0', () => {
    expect(score('0,25,10\n60,35,9.9\n120,45,9.8\n')).toBe(0.1);
    expect(score('0,10\n60,9.9\n120,9.8\n')).toBe(0);
    expect(score(' [\n[0,10],\n[60,9.9],\n[120,9.8]\n]\n')).toBe(0);
    expect(score(`Time (s),Partial Pressure [mbar],Mass (mg)${rows}`)).toBe(0);
    expect(score('Note one\nNote two\nTime (s),Mass (mg)\n0,10\n60,9.9\n')).toBe(0);
    // a short text asks for fewer rows: one line less than it has
    expect(score('Time (s),Mass (mg)\n0,10\n60,9.9\n')).toBe(0.5);
  });
});

describe('splitColumnName: every written form of a unit', () => {
  it.each([
    ['mass_pct', 'mass', '%'],
    ['weight_percent', 'weight', '%'],
    ['T_K', 'T', 'K'],
    ['time_h', 'time', 'h'],
    ['time_sec', 'time', 'sec'],
    ['temp_degC', 'temp', 'degC'],
    ['mass_ug', 'mass', 'ug'],
    ['mass_g', 'mass', 'g'],
    ['sample_id', 'sample_id', ''],
    ['Zeit / [min]', 'Zeit', 'min'],
    ['Temp./°C', 'Temp.', '°C'],
    ['Temperature K', 'Temperature', 'K'],
    ['Time sec', 'Time', 'sec'],
    ['Mass µg', 'Mass', 'µg'],
    ['Weight wt%', 'Weight', 'wt%'],
    ['Weight, g', 'Weight', 'g'],
    ['Heat flow mW', 'Heat flow mW', ''],
    ['Time', 'Time', ''],
    ['time_min', 'time', 'min'],
    ['temp_c', 'temp', 'c'],
    ['mass_PCT', 'mass', '%'],
    ['run_time_s', 'run_time', 's'],
    ['Time,min', 'Time', 'min'],
    ['Time h', 'Time', 'h'],
    ['Mass ug', 'Mass', 'ug'],
    ['Temperature ºC', 'Temperature', 'ºC'],
  ])('%s → name %j, unit %j', (header, name, unit) => {
    expect(splitColumnName(header)).toEqual({ name, unit });
  });
});

describe('sniffTable: layouts', () => {
  it('a whitespace table whose names hold single spaces: the header is split at tabs or runs of two spaces', () => {
    const layout = sniffTable(splitLines('Time (s)   Sample temp (°C)   Mass (mg)\n0 25 10\n60 35 9.9\n120 45 9.8\n'));
    expect(layout).toMatchObject({ delimiter: ' ', decimal: '.', headerLine: 0, unitsLine: -1, dataStartLine: 1, names: ['Time (s)', 'Sample temp (°C)', 'Mass (mg)'], fieldCount: 3 });
  });
  it('a header one field short of rows whose last field is always empty gets a generated last name', () => {
    const layout = sniffTable(splitLines('a,b\n0,1,\n2,3,\n4,5,\n'));
    expect(layout).toMatchObject({ headerLine: 0, dataStartLine: 1, names: ['a', 'b', 'Column 3'], fieldCount: 3, textColumns: [false, false, false] });
  });
  it('names, a bracketed units row, blank lines before the data, a text column', () => {
    const layout = sniffTable(splitLines('x;y;z;g\n(s);[°C];mg;\n\n\n0;1;2;Ar\n1;2;3;Ar\n2;3;4;H2\n'));
    expect(layout).toEqual({
      delimiter: ';',
      decimal: '.',
      headerLine: 0,
      unitsLine: 1,
      dataStartLine: 4,
      names: ['x', 'y', 'z', 'g'],
      units: ['s', '°C', 'mg', ''],
      textColumns: [false, false, false, true],
      fieldCount: 4,
    });
  });
  it('a single stray line inside the data does not end the block; fewer rows than asked for is no table', () => {
    const layout = sniffTable(splitLines('t,m\n0,10\n1,9\n-- pause --\n2,8\n3,7\n'));
    expect(layout).toMatchObject({ headerLine: 0, dataStartLine: 1, names: ['t', 'm'] });
    expect(sniffTable(splitLines('Note\nNote\nt,m\n0,10\n1,9\n'))).toBeNull();
    expect(sniffTable(splitLines('Note\nNote\nt,m\n0,10\n1,9\n'), 2)).toMatchObject({ dataStartLine: 3 });
  });
  it('two unit rows stacked: the upper is no name row, so the lower is the header', () => {
    expect(sniffTable(splitLines('mg,mg\ns,mg\n0,10\n1,9\n2,8\n'))).toMatchObject({ headerLine: 1, unitsLine: -1, names: ['s', 'mg'], units: ['', ''] });
  });
  it('unit tokens of channels make a units row: mW, µV, uV, ml/min, mL/min, %/min, mg/min, W/g, mW/mg', () => {
    const names = 'Time,Mass,A,B,C,D,E,F,G,H,I';
    const units = 's,mg,mW,µV,uV,ml/min,mL/min,%/min,mg/min,W/g,mW/mg';
    const row = '0,10,1,1,1,1,1,1,1,1,1';
    expect(sniffTable(splitLines(`${names}\n${units}\n${row}\n${row}\n${row}\n`))).toMatchObject({ headerLine: 0, unitsLine: 1, units: units.split(',') });
    // a token that only contains a unit is no unit: the line is the header itself
    expect(sniffTable(splitLines(`Time,Mass\ns,xmW\n0,10\n1,9\n2,8\n`))).toMatchObject({ headerLine: 1, unitsLine: -1, names: ['s', 'xmW'] });
    expect(sniffTable(splitLines(`Time,Mass\ns,mWx\n0,10\n1,9\n2,8\n`))).toMatchObject({ headerLine: 1, unitsLine: -1, names: ['s', 'mWx'] });
  });
  it('a line of only numbers right above the data is not a header: generated names', () => {
    const layout = sniffTable(splitLines('1,2\n0,10,5\n1,9,5\n2,8,5\n'));
    expect(layout).toMatchObject({ headerLine: -1, dataStartLine: 1, names: ['Column 1', 'Column 2', 'Column 3'] });
  });
});

describe('splitFields', () => {
  it('splits on the delimiter, trims, reads quotes, and splits whitespace runs', () => {
    expect(splitFields(' a ; b ;c', ';')).toEqual(['a', 'b', 'c']);
    expect(splitFields('"a,b", c', ',')).toEqual(['a,b', 'c']);
    expect(splitFields('  1 \t 2   3 ', ' ')).toEqual(['1', '2', '3']);
    expect(splitFields('   ', ' ')).toEqual([]);
  });
});

describe('parseNumberAt: the scanner', () => {
  it.each([
    ['+5', 5],
    ['-7.25', -7.25],
    ['1e+3', 1000],
    ['2.5E-2', 0.025],
    ['\t 42 \r', 42],
    ['1e25', 1e25],
    ['-3e-30', -3e-30],
    ['.5', 0.5],
    ['5.', 5],
  ])('%j → %d', (s, v) => {
    expect(parseNumberAt(s, 0, s.length, 46)).toBe(v);
  });
  it.each(['', '  ', '+', '.', 'e5', '1e', '1e+', '1x', '1 2', '--1', '1.5.'])('%j is not a number', (s) => {
    expect(parseNumberAt(s, 0, s.length, 46)).toBeNaN();
  });
  it('reads only the range it is given, with the decimal mark it is given', () => {
    expect(parseNumberAt('xx12.5yy', 2, 6, 46)).toBe(12.5);
    expect(parseNumberAt('a;-1,5e1;b', 2, 8, 44)).toBe(-15);
    expect(parseNumberAt('1,5', 0, 3, 46)).toBeNaN();
  });
});

describe('preamble forms', () => {
  it('comment marks, "=", semicolons and tabs; masses in g and µg with decimal commas; size keys', () => {
    const table = 'Time (s),Mass (mg)\n0,10\n60,9.9\n120,9.8\n';
    expect(parse('a.csv', `# Sample mass = 5,5 mg\n${table}`).sample.initialMassMg).toBe(5.5);
    expect(parse('b.csv', `Anfangsmasse;0,5 g;;\n${table}`).sample.initialMassMg).toBe(500);
    expect(parse('c.csv', `Size\t1500 ug\n${table}`).sample.initialMassMg).toBe(1.5);
    expect(parse('d.csv', `Probenmasse: 7 µg\n${table}`).sample.initialMassMg).toBe(0.007);
    // a mass in % or without a unit is no sample mass; another key with a mass is none either
    expect(parse('e.csv', `Sample mass: 100 %\n${table}`).sample.initialMassMg).toBeUndefined();
    expect(parse('f.csv', `Sample mass: 12\n${table}`).sample.initialMassMg).toBeUndefined();
    expect(parse('g.csv', `Crucible mass: 120 mg\n${table}`).sample.initialMassMg).toBeUndefined();
    const full = parse('h.csv', `Sample ID: S-1\nDevice: TGA 2\nUser: me\nRun date: 2026-12-04\n${table}`);
    expect(full.sample).toEqual({ name: 'S-1', instrument: 'TGA 2', operator: 'me', date: '2026-12-04' });
    expect(full.metadata).toEqual({ 'Sample ID': 'S-1', Device: 'TGA 2', User: 'me', 'Run date': '2026-12-04' });
    // a key without a value is no entry
    expect(parse('i.csv', `Sample:\nComment: \n${table}`).metadata).toEqual({});
  });
});

describe('progress of a long table', () => {
  it('reports every 65,536 rows', () => {
    const n = 2 * 65536 + 5;
    const lines = ['time_s,mass_mg'];
    for (let i = 0; i < n; i++) lines.push(`${i},10`);
    const seen: number[] = [];
    const run = parse('long.csv', `${lines.join('\n')}\n`, { onProgress: (r) => seen.push(r) });
    expect(run.timeS.length).toBe(n);
    expect(seen).toEqual([65536, 131072]);
  });
});
