import { describe, expect, it } from 'vitest';
import { missingShared, readShared, readSharedText } from '../../../../test/fixtures/shared-fixtures';
import { decodeHead, splitLines } from '../../text/decode';
import { FormatError } from '../types';
import { genericTable, parseNumberAt, sniffTable, splitColumnName } from './generic-table';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
/** Windows-1252 bytes for text whose characters are all below U+0100 (° = 0xB0, µ = 0xB5). */
const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (ch) => ch.charCodeAt(0));
/** UTF-16LE with BOM. */
const utf16le = (s: string): Uint8Array => {
  const out = new Uint8Array(2 + 2 * s.length);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < s.length; i++) {
    out[2 + 2 * i] = s.charCodeAt(i) & 0xff;
    out[3 + 2 * i] = s.charCodeAt(i) >> 8;
  }
  return out;
};
const parse = (fileName: string, bytes: Uint8Array, columnMapping?: Parameters<typeof genericTable.parse>[0]['options']) =>
  genericTable.parse({ fileName, bytes, options: columnMapping });
/** The project's simulated 700 °C study (read in place from ../shared). */
const SIM = 'simulated/tga-700C-isothermal';
const detect = (bytes: Uint8Array): number => genericTable.detect({ fileName: 'x', headText: decodeHead(bytes), headBytes: bytes.subarray(0, 64) });

describe('genericTable: real and simulated files', () => {
  it.skipIf(missingShared('tga/MaCFP-matl-db'))('reads TUBS_Wood_TGA_N2_10K_R1.csv (kelvin, seconds, PROVENANCE 5a)', () => {
    const run = parse('TUBS_Wood_TGA_N2_10K_R1.csv', readShared('tga/MaCFP-matl-db/TUBS_Wood_TGA_N2_10K_R1.csv'));
    expect(run.timeS.length).toBe(2283);
    expect(run.source).toMatchObject({ formatId: 'generic-table', delimiter: ',', decimal: '.', headerLine: 1, dataStartLine: 2, dataEndLine: 2284 });
    expect(run.source.columns).toEqual([
      { name: 'Time (s)', unit: 's', role: 'time' },
      { name: 'Temperature (K)', unit: 'K', role: 'temperature' },
      { name: 'Mass (mg)', unit: 'mg', role: 'mass' },
    ]);
    expect([run.timeS[0], run.timeS[1], run.timeS[2282]]).toEqual([0, 2, 6116]);
    expect(run.temperatureC?.[0]).toBeCloseTo(304.878 - 273.15, 10);
    expect(run.temperatureC?.[2282]).toBeCloseTo(1072.8 - 273.15, 10);
    expect(run.massMg?.[0]).toBe(1.03978);
    expect(run.massMg?.[2282]).toBe(0.1756);
    // Irregular time steps on the ramp (0.5 K sampling) are kept as they are.
    expect(Array.from(run.timeS).some((t) => t === 1205.73)).toBe(true);
  });

  it.skipIf(missingShared('tga/MaCFP-matl-db'))('reads TUBS_Wood_TGA_N2_593Kiso_R1.csv (PROVENANCE 5b)', () => {
    const run = parse('TUBS_Wood_TGA_N2_593Kiso_R1.csv', readShared('tga/MaCFP-matl-db/TUBS_Wood_TGA_N2_593Kiso_R1.csv'));
    expect(run.timeS.length).toBe(22068);
    expect(run.timeS[22067]).toBe(22816);
    expect(run.temperatureC?.[22067]).toBeCloseTo(593.82 - 273.15, 10);
    expect(run.massMg?.[0]).toBe(1.01976);
    expect(run.massMg?.[22067]).toBe(0.23452);
  });

  it.skipIf(missingShared('tga/ErickErock-pICNIK')).each([
    ['PARACETAMOL_5.csv', 9262, 0.000666667, 5.312424, 77.17082, 0.2263111],
    ['PARACETAMOL_10.csv', 4632, 0.001533333, 4.952041, 38.5875, 0.2343095],
    ['PARACETAMOL_20.csv', 2235, 0.003733334, 4.988882, 18.6125, 0.408582],
  ])('reads %s (UTF-16LE with BOM, minutes, PROVENANCE 8)', (name, rows, t0Min, m0, tEndMin, mEnd) => {
    const run = parse(name, readShared(`tga/ErickErock-pICNIK/${name}`));
    expect(run.timeS.length).toBe(rows);
    expect(run.source.encoding).toBe('utf-16le');
    expect(run.source.columns.map((c) => [c.unit, c.role])).toEqual([
      ['min', 'time'],
      ['C', 'temperature'],
      ['mg', 'mass'],
    ]);
    expect(run.timeS[0]).toBeCloseTo(t0Min * 60, 9);
    expect(run.timeS[rows - 1]).toBeCloseTo(tEndMin * 60, 9);
    expect(run.massMg?.[0]).toBe(m0);
    expect(run.massMg?.[rows - 1]).toBe(mEnd);
    expect(run.temperatureC?.[rows - 1]).toBeGreaterThan(408);
    expect(run.sample.initialMassMg).toBeUndefined();
  });

  it.skipIf(missingShared(SIM)).each(['Fe2O3.csv', 'Fe2O3_Ni.csv', 'Fe2O3_NiO.csv', 'blank.csv'])('reads simulated %s with its gas column as gas events', (name) => {
    const truth = JSON.parse(readSharedText(`${SIM}/truth.json`)) as { h2_start_s: number };
    const run = parse(name, readShared(`${SIM}/${name}`));
    expect(run.timeS.length).toBe(6376);
    expect([run.timeS[0], run.timeS[6375]]).toEqual([0, 6375]);
    expect(run.source.columns.map((c) => [c.name, c.unit, c.role])).toEqual([
      ['time_s', 's', 'time'],
      ['temperature_C', 'C', 'temperature'],
      ['mass_mg', 'mg', 'mass'],
      ['gas', '', 'ignored'],
    ]);
    expect(run.gasEvents).toEqual([
      { timeS: truth.h2_start_s, gas: 'H2', source: "column 'gas', line 2627" },
      { timeS: 4425, gas: 'Ar', source: "column 'gas', line 4427" },
    ]);
    expect(run.segments.map((s) => [s.kind, s.gas, s.startS, s.endS])).toEqual([
      ['gas', 'Ar', 0, 2625],
      ['gas', 'H2', 2625, 4425],
      ['gas', 'Ar', 4425, 6375],
    ]);
    expect(run.metadata['Initial gas']).toBe('Ar');
  });

  it.skipIf(missingShared(SIM))('pins the first simulated rows', () => {
    const run = parse('Fe2O3.csv', readShared(`${SIM}/Fe2O3.csv`));
    expect(run.massMg?.[0]).toBe(49.999081);
    expect(run.temperatureC?.[0]).toBe(24.8264);
    expect(run.massMg?.[6375]).toBe(35.263255);
  });
});

describe('genericTable: decimal comma, encodings, units, German names', () => {
  const german = 'Probe: Fe2O3 Charge 7\r\nEinwaage: 10,25 mg\r\n\r\nZeit/min;Temperatur/°C;Masse/mg\r\n0,0;25,0;10,250\r\n0,5;30,5;10,249\r\n1,0;35,0;10,247\r\n1,5;40,5;10,240\r\n';

  it('reads a German semicolon CSV with decimal comma in Windows-1252', () => {
    const run = parse('de.csv', latin1(german));
    expect(run.source).toMatchObject({ encoding: 'windows-1252', delimiter: ';', decimal: ',', headerLine: 4, dataStartLine: 5, dataEndLine: 8 });
    expect(run.source.columns).toEqual([
      { name: 'Zeit/min', unit: 'min', role: 'time' },
      { name: 'Temperatur/°C', unit: '°C', role: 'temperature' },
      { name: 'Masse/mg', unit: 'mg', role: 'mass' },
    ]);
    expect(Array.from(run.timeS)).toEqual([0, 30, 60, 90]);
    expect(Array.from(run.temperatureC ?? [])).toEqual([25, 30.5, 35, 40.5]);
    expect(Array.from(run.massMg ?? [])).toEqual([10.25, 10.249, 10.247, 10.24]);
    expect(run.sample).toEqual({ name: 'Fe2O3 Charge 7', initialMassMg: 10.25 });
    expect(run.metadata['Einwaage']).toBe('10,25 mg');
    expect(run.warnings).toEqual([]);
  });

  it('reads the same table as UTF-8 and as UTF-16LE', () => {
    const a = parse('de.csv', utf8(german));
    const b = parse('de.csv', utf16le(german));
    expect(a.source.encoding).toBe('utf-8');
    expect(b.source.encoding).toBe('utf-16le');
    expect(Array.from(b.massMg ?? [])).toEqual(Array.from(a.massMg ?? []));
    expect(b.source.columns[1].unit).toBe('°C');
  });

  it('reads German names Gewicht/TG, µg and hours, tab-separated with decimal comma', () => {
    const text = 'Zeit [h]\tProbentemperatur [K]\tGewicht [µg]\n0\t300\t5000\n0,5\t400\t4900,5\n1\t500\t4800\n';
    const run = parse('de.txt', latin1(text));
    expect(run.source).toMatchObject({ delimiter: '\t', decimal: ',' });
    expect(Array.from(run.timeS)).toEqual([0, 1800, 3600]);
    expect(run.temperatureC?.[0]).toBeCloseTo(26.85, 10);
    expect(Array.from(run.massMg ?? [])).toEqual([5, 4.9005, 4.8]);
    expect(run.massNote).toMatch(/µg/);
    const tg = parse('tg.csv', utf8('Zeit (s);Temperatur (°C);TG (%)\n0;25;100\n1;26;99,5\n2;27;99\n'));
    expect(tg.massMg).toBeNull();
    expect(Array.from(tg.massPercent ?? [])).toEqual([100, 99.5, 99]);
    expect(tg.massNote).toMatch(/% of the initial mass; the file gives no sample mass/);
  });

  it('turns % into mg with a preamble sample mass and skips a units row', () => {
    const text = 'Sample: S-12\nSample mass: 12.0 mg\n\nTime,Temperature,Weight\nmin,°C,%\n0,25,100\n1,35,99\n2,45,98.5\n';
    const run = parse('pct.csv', utf8(text));
    expect(run.source).toMatchObject({ headerLine: 4, dataStartLine: 6 });
    expect(run.source.columns.map((c) => [c.name, c.unit, c.role])).toEqual([
      ['Time', 'min', 'time'],
      ['Temperature', '°C', 'temperature'],
      ['Weight', '%', 'mass'],
    ]);
    expect(Array.from(run.massPercent ?? [])).toEqual([100, 99, 98.5]);
    expect(Array.from(run.massMg ?? [])).toEqual([12, 11.88, 11.82]);
    expect(run.sample).toMatchObject({ name: 'S-12', initialMassMg: 12 });
  });

  it('reads whitespace-aligned tables and quoted CSV (papaparse)', () => {
    const ws = parse('ws.dat', utf8('   Time/s   Temp/°C   Mass/mg   DTG/(mg/min)\n   0   25.0   10.00   0\n   1   25.5    9.99   -0.6\n   2   26.0    9.98   -0.6\n'));
    expect(ws.source.delimiter).toBe(' ');
    expect(Array.from(ws.massMg ?? [])).toEqual([10, 9.99, 9.98]);
    expect(ws.channels.map((c) => [c.name, c.unit])).toEqual([['DTG', 'mg/min']]);
    const quoted = parse('q.csv', utf8('"Time (s)","Temperature (°C)","Mass (mg)","Gas"\n"0","25","10","Ar"\n"1","26","9.9","Ar"\n"2","27","9.8","H2"\n'));
    expect(Array.from(quoted.massMg ?? [])).toEqual([10, 9.9, 9.8]);
    expect(quoted.gasEvents).toEqual([{ timeS: 2, gas: 'H2', source: "column 'Gas', line 4" }]);
  });

  it('reads quoted headers with commas inside and rows with a trailing delimiter', () => {
    const run = parse('x.csv', utf8('"Time, min","Temperature, °C","Weight, mg"\n0,25,10\n1,26,9.9\n2,27,9.8\n'));
    expect(run.source.columns.map((c) => [c.name, c.unit, c.role])).toEqual([
      ['Time, min', 'min', 'time'],
      ['Temperature, °C', '°C', 'temperature'],
      ['Weight, mg', 'mg', 'mass'],
    ]);
    expect(Array.from(run.timeS)).toEqual([0, 60, 120]);
    const trailing = parse('t.csv', utf8('Zeit/s;Masse/mg\n0;10;\n1;9,9;\n2;9,8;\n'));
    expect(Array.from(trailing.massMg ?? [])).toEqual([10, 9.9, 9.8]);
    expect(trailing.source.columns.map((c) => c.role)).toEqual(['time', 'mass', 'ignored']);
  });

  it('reads a programme-temperature column into segments', () => {
    const rows = ['Time (s),Program Temperature (°C),Sample Temperature (°C),Mass (mg)'];
    for (let t = 0; t <= 1200; t += 10) {
      const prog = t <= 600 ? 25 + (10 * t) / 60 : 125;
      rows.push(`${t},${prog.toFixed(2)},${(prog - 1).toFixed(2)},${(10 - t / 1000).toFixed(4)}`);
    }
    const run = parse('prog.csv', utf8(rows.join('\n')));
    expect(run.source.columns.map((c) => c.role)).toEqual(['time', 'channel', 'temperature', 'mass']);
    expect(run.segments.map((s) => [s.kind, s.startS, s.endS, s.rateCPerMin, s.targetC])).toEqual([
      ['ramp', 0, 600, 10, 125],
      ['isothermal', 600, 1200, 0, 125],
    ]);
  });
});

describe('genericTable: column mapping and failures', () => {
  const anonymous = 'A;B;C\n0;25;10\n1;26;9,9\n2;27;9,8\n';

  it('fails with the header line when no mass column is recognised, and reads it with a column mapping', () => {
    expect(() => parse('anon.csv', utf8(anonymous))).toThrow(FormatError);
    expect(() => parse('anon.csv', utf8(anonymous))).toThrow(/^anon\.csv, line 1: expected a time column/);
    const run = parse('anon.csv', utf8(anonymous), { columnMapping: { time: 0, temperature: 'B', mass: 2, timeUnit: 'min', temperatureUnit: 'K', massUnit: 'g' } });
    expect(Array.from(run.timeS)).toEqual([0, 60, 120]);
    expect(run.temperatureC?.[0]).toBeCloseTo(25 - 273.15, 10);
    expect(Array.from(run.massMg ?? [])).toEqual([10000, 9900, 9800]);
    expect(() => parse('anon.csv', utf8(anonymous), { columnMapping: { time: 0, mass: 'Weight' } })).toThrow(/line 1: expected a mass column named 'Weight' \(columns: A, B, C\)/);
  });

  it('maps a column by its header as written or by its name without the unit', () => {
    // 'Signal A (mg)' and 'Signal B (s)' are not recognised names: the mapping alone says which is which.
    const text = 'Signal B (s);Signal C (°C);Signal A (mg)\n0;25;10\n1;26;9,9\n2;27;9,8\n';
    const asWritten = parse('m.csv', utf8(text), { columnMapping: { time: 'Signal B (s)', temperature: 'Signal C (°C)', mass: 'Signal A (mg)' } });
    const bare = parse('m.csv', utf8(text), { columnMapping: { time: 'Signal B', temperature: 'Signal C', mass: 'Signal A' } });
    for (const run of [asWritten, bare]) {
      expect(Array.from(run.timeS)).toEqual([0, 1, 2]);
      expect(Array.from(run.temperatureC ?? [])).toEqual([25, 26, 27]);
      expect(Array.from(run.massMg ?? [])).toEqual([10, 9.9, 9.8]);
    }
  });

  it('skips a stray row with a warning but refuses a file of bad rows, naming file and line', () => {
    const one = parse('one.csv', utf8('Time (s),Mass (mg)\n0,10\n1,9.9\n--- pause ---\n2,9.8\n3,9.7\n4,9.6\n5,9.5\n6,9.4\n7,9.3\n8,9.2\n9,9.1\n10,9\n'));
    expect(one.timeS.length).toBe(11);
    expect(one.warnings.join(' ')).toMatch(/Skipped 1 row\(s\) .*line 4\)/);
    const twice = parse('twice.csv', utf8('Time (s),Mass (mg)\n0,10\n1,9.9\n2,9.8\n0,10\n1,9.9\n'));
    expect(twice.warnings).toContain('Time runs backwards 1 time(s): the file may hold several runs one after another.');
    const bad = 'Time (s),Mass (mg)\n0,10\n1,9.9\n2,9.8\n3,n/a\n4,n/a\n5,n/a\n';
    expect(() => parse('bad.csv', utf8(bad))).toThrow(/^bad\.csv, line 5: expected a number in 'Time \(s\)' and 'Mass \(mg\)'/);
  });

  it('refuses text without a numeric table', () => {
    expect(() => parse('notes.txt', utf8('Just some notes\nabout a run\n'))).toThrow(/^notes\.txt: expected a table/);
  });

  it.skipIf(missingShared('tga/datalab-org-datalab', 'tga/MaCFP-matl-db'))('refuses QMS partial-pressure logs and a README', () => {
    const qms = readShared('tga/datalab-org-datalab/20221128 134958 TGA MS Megan.asc');
    expect(detect(qms)).toBe(0);
    expect(() => parse('ms.asc', qms)).toThrow(/mass-spectrometer \(QMS\) partial-pressure log/);
    expect(detect(readShared('tga/MaCFP-matl-db/TUBS_README.md'))).toBe(0);
  });

  it('gives no confidence to a table without named time and mass columns', () => {
    expect(detect(utf8(anonymous))).toBe(0);
  });

  it.skipIf(missingShared('tga/MaCFP-matl-db'))('detects a real table with time and mass columns at 0.5 at most', () => {
    expect(detect(readShared('tga/MaCFP-matl-db/TUBS_Wood_TGA_N2_10K_R1.csv'))).toBe(0.5);
  });
});

describe('genericTable helpers', () => {
  it('parses numbers exactly like Number() on the fast path', () => {
    const samples = ['0', '-0.5', '12.8009', '0.000666667', '1.10301e-005', '-3.5E+2', '.004166667', '49.999081', '123456789012345', '1234567890123456789', '1e-30', '7.'];
    for (const s of samples) expect(parseNumberAt(` ${s} `, 0, s.length + 2, 46)).toBe(Number(s));
    expect(parseNumberAt('10,25', 0, 5, 44)).toBe(10.25);
    expect(parseNumberAt('1.2.3', 0, 5, 46)).toBeNaN();
    expect(parseNumberAt('Ar', 0, 2, 46)).toBeNaN();
    expect(parseNumberAt('-', 0, 1, 46)).toBeNaN();
    let seed = 1;
    for (let k = 0; k < 2000; k++) {
      seed = (seed * 16807) % 2147483647;
      const s = ((seed / 2147483647) * 1000 - 500).toFixed(k % 9);
      expect(parseNumberAt(s, 0, s.length, 46)).toBe(Number(s));
    }
  });

  it('splits names and units the ways tables write them', () => {
    expect(splitColumnName('time_s')).toEqual({ name: 'time', unit: 's' });
    expect(splitColumnName('temperature_C')).toEqual({ name: 'temperature', unit: 'C' });
    expect(splitColumnName('Masse [µg]')).toEqual({ name: 'Masse', unit: 'µg' });
    expect(splitColumnName('Zeit/min')).toEqual({ name: 'Zeit', unit: 'min' });
    expect(splitColumnName('gas')).toEqual({ name: 'gas', unit: '' });
    expect(splitColumnName('Time, min')).toEqual({ name: 'Time', unit: 'min' });
    expect(splitColumnName('Temperature °C')).toEqual({ name: 'Temperature', unit: '°C' });
    expect(splitColumnName('Weight %')).toEqual({ name: 'Weight', unit: '%' });
    expect(splitColumnName('Sample Purge Flow')).toEqual({ name: 'Sample Purge Flow', unit: '' });
  });

  it('sniffs semicolon + decimal comma rather than comma', () => {
    const layout = sniffTable(splitLines('x;y;z\n0,5;1,5;2,5\n1,5;2,5;3,5\n2,5;3,5;4,5\n'));
    expect(layout).toMatchObject({ delimiter: ';', decimal: ',', headerLine: 0, dataStartLine: 1, names: ['x', 'y', 'z'] });
  });

  it('reads a large generated log row for row (the speed path)', () => {
    const rows = ['time_s,temperature_C,mass_mg,gas'];
    for (let i = 0; i < 50000; i++) rows.push(`${(i * 0.12).toFixed(4)},${(25 + i * 0.01).toFixed(4)},${(50 - i * 1e-4).toFixed(6)},${i >= 30000 ? 'H2' : 'Ar'}`);
    const run = parse('big.csv', utf8(`${rows.join('\n')}\n`));
    expect(run.timeS.length).toBe(50000);
    expect(run.timeS[49999]).toBe(Number((49999 * 0.12).toFixed(4)));
    expect(run.massMg?.[49999]).toBe(Number((50 - 49999 * 1e-4).toFixed(6)));
    expect(run.gasEvents).toEqual([{ timeS: 3600, gas: 'H2', source: "column 'gas', line 30002" }]);
  });
});
