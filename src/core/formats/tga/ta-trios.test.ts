import { describe, expect, it } from 'vitest';
import { FormatError } from '../types';
import { parseTriosStep, taTrios } from './ta-trios';
import { missingShared, readShared } from '../../../../test/fixtures/shared-fixtures';

const FOLDER = 'tga/mpecchi-tga_data_analysis';
const MISSING = missingShared(FOLDER);
const read = (name: string): Uint8Array => readShared(`${FOLDER}/${name}`);
const head = (bytes: Uint8Array): string => new TextDecoder().decode(bytes.subarray(0, 16384));

describe('taTrios', () => {
  it.skipIf(MISSING)('detects TRIOS exports with and without a header', () => {
    for (const f of ['CLSOx5_1.txt', 'CLSOx10_2.txt']) {
      const bytes = read(f);
      expect(taTrios.detect({ fileName: f, headText: head(bytes), headBytes: bytes.subarray(0, 64) })).toBeGreaterThanOrEqual(0.85);
    }
    const netzsch = '#EXPORTTYPE:DATA SINGLE\n##Temp./°C;Time/min;Mass/%\n';
    expect(taTrios.detect({ fileName: 'n.txt', headText: netzsch, headBytes: new Uint8Array() })).toBe(0);
  });

  it.skipIf(MISSING)('reads CLSOx5_1.txt (no header, unnamed first step, µg, empty cells, an empty last step)', () => {
    const run = taTrios.parse({ fileName: 'CLSOx5_1.txt', bytes: read('CLSOx5_1.txt') });
    const n = run.timeS.length;
    expect(n).toBe(28450);
    expect(run.source).toMatchObject({ headerLine: 1, dataStartLine: 3, dataEndLine: 28467, delimiter: '\t', encoding: 'utf-8' });
    expect(run.source.columns.map((c) => `${c.name} [${c.unit}] ${c.role}`)).toEqual([
      'Time [min] time',
      'Temperature [°C] temperature',
      'Weight [%] ignored',
      'Weight [µg] mass',
      'Heat Flow [mW] channel',
    ]);
    expect(run.timeS[0]).toBeCloseTo(0.18, 10);
    expect(run.massMg?.[0]).toBeCloseTo(18.7621245, 10);
    expect(run.massPercent?.[0]).toBe(100.0004);
    expect(Number.isNaN(run.temperatureC?.[0] ?? 0)).toBe(true);
    expect(run.temperatureC?.[5]).toBe(18.54);
    expect(run.timeS[n - 1]).toBeCloseTo(237.078 * 60, 8);
    expect(run.massMg?.[n - 1]).toBeCloseTo(-0.0238574, 10);
    expect(run.channels[0]).toMatchObject({ name: 'Heat Flow', unit: 'mW' });
    expect(run.channels[0].values[5]).toBe(-16.45);
    expect(run.warnings).toContain('20 empty cell(s) (e.g. no temperature in the first or last rows) were read as NaN.');
    expect(run.sample.initialMassMg).toBeCloseTo(18.762, 3);
    expect(run.segments.map((s) => [s.label, s.kind, s.rateCPerMin, s.targetC])).toEqual([
      ['Step 1 (unnamed in the file)', 'ramp', undefined, undefined],
      ['Isothermal 30.0 min', 'isothermal', undefined, 115.26],
      ['Ramp 5.00 °C/min to 950.00 °C', 'ramp', 5, 950],
      ['Isothermal 30.0 min', 'isothermal', undefined, 951.36],
    ]);
    expect((run.segments[1].endS - run.segments[1].startS) / 60).toBeCloseTo(30, 6);
    expect(run.warnings.some((w) => w.includes('"Equilibrate 30.00 °C" (line 28469) has no data rows'))).toBe(true);
    expect(run.gasEvents).toEqual([]);
  });

  it.skipIf(MISSING)('reads CLSOx10_2.txt (header, procedure, mass in mg)', () => {
    const run = taTrios.parse({ fileName: 'CLSOx10_2.txt', bytes: read('CLSOx10_2.txt') });
    const n = run.timeS.length;
    expect(n).toBe(15850);
    expect(run.source).toMatchObject({ headerLine: 9, dataStartLine: 11, dataEndLine: 15875 });
    expect(run.temperatureC?.[0]).toBe(35.74);
    expect(run.massMg?.[0]).toBe(5.891);
    expect(run.timeS[n - 1]).toBeCloseTo(132.078 * 60, 8);
    expect(run.temperatureC?.[n - 1]).toBe(950);
    expect(run.massMg?.[n - 1]).toBe(-0.0056);
    expect(run.sample).toMatchObject({ name: 'CLSOx10_2', instrument: '5500-0018 (192.168.1.3)', operator: 'mp933', date: '10/6/2022' });
    expect(run.sample.initialMassMg).toBeCloseTo(6.085, 3);
    expect(run.programme).toEqual([
      'Select Gas: Gas 2',
      'Mass Flow  25.00 mL/min',
      'Ramp 10.00 °C/min to 110.00 °C',
      'Isothermal 30.0 min',
      'Ramp 10.00 °C/min to 950.00 °C',
      'Isothermal 10.0 min',
      'Data Off',
      'Equilibrate 40.00 °C',
    ]);
    expect(run.gasEvents).toEqual([{ timeS: run.timeS[0], gas: 'Gas 2', source: 'proceduresegments "Select Gas: Gas 2"' }]);
    expect(run.segments.map((s) => [s.index, s.kind, s.rateCPerMin, s.targetC, s.gas])).toEqual([
      [1, 'ramp', 10, 110, 'Gas 2'],
      [2, 'isothermal', undefined, 110, 'Gas 2'],
      [3, 'ramp', 10, 950, 'Gas 2'],
      [4, 'isothermal', undefined, 950, 'Gas 2'],
    ]);
    // The 30 min isotherm starts at the first row of its block (line 916: 7.503 min).
    expect(run.segments[1].startS).toBeCloseTo(7.503 * 60, 8);
    expect(run.segments[3].endS).toBe(run.timeS[n - 1]);
  });

  it.skipIf(MISSING).each([
    ['CLSOx50_4.txt', 7742, 64.512, 6.877, 50],
    ['CLSOx100_4.txt', 6879, 57.32, 5.329, 100],
  ])('reads %s (rows, last time, implied mass, main ramp)', (file, rows, lastMin, massMg, rate) => {
    const run = taTrios.parse({ fileName: file, bytes: read(file) });
    expect(run.timeS.length).toBe(rows);
    expect(run.timeS[rows - 1]).toBeCloseTo(lastMin * 60, 8);
    expect(run.sample.initialMassMg).toBeCloseTo(massMg, 3);
    expect(run.segments[2]).toMatchObject({ kind: 'ramp', rateCPerMin: rate, targetC: 950 });
  });

  it.skipIf(MISSING)('names the file and line of a truncated or corrupted row', () => {
    const text = new TextDecoder().decode(read('CLSOx10_2.txt'));
    const cut = text.slice(0, text.lastIndexOf('132.078') + 10);
    expect(() => taTrios.parse({ fileName: 'cut.txt', bytes: new TextEncoder().encode(cut) })).toThrow(/^cut\.txt, line 15875: expected 4 fields/);
    const bad = text.replace('0.020\t35.70\t95.4060\t5.8052', '0.020\t35.70\t95.4060\tfive');
    try {
      taTrios.parse({ fileName: 'bad.txt', bytes: new TextEncoder().encode(bad) });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FormatError);
      expect((e as FormatError).line).toBe(13);
      expect((e as Error).message).toContain('bad.txt, line 13: expected a number for Weight (mg)');
    }
    const noColumns = text.replace('Time\tTemperature\tWeight\tWeight', 'Zeit\tTemperature\tWeight\tWeight');
    expect(() => taTrios.parse({ fileName: 'c.txt', bytes: new TextEncoder().encode(noColumns) })).toThrow(/^c\.txt, line 9: expected a column line/);
  });

  it('understands step names', () => {
    expect(parseTriosStep('Ramp 50.00 °C/min to 950.00 °C')).toEqual({ kind: 'ramp', rateCPerMin: 50, targetC: 950 });
    expect(parseTriosStep('Isothermal 30.0 min')).toEqual({ kind: 'isothermal', minutes: 30 });
    expect(parseTriosStep('Equilibrate 30.00 °C')).toEqual({ kind: 'unknown', targetC: 30 });
  });
});

describe.skipIf(missingShared('more-layouts/tga'))('TRIOS CSV without a units row (SRU_1.csv)', () => {
  it("assumes TRIOS's default units, judges µg from the balance's capacity, and says so", () => {
    const bytes = readShared('more-layouts/tga/SRU_1.csv');
    expect(taTrios.detect({ fileName: 'SRU_1.csv', headText: head(bytes), headBytes: bytes.subarray(0, 64) })).toBeGreaterThanOrEqual(0.8);
    const run = taTrios.parse({ fileName: 'SRU_1.csv', bytes });
    const n = run.timeS.length;
    expect(n).toBe(23836);
    expect(run.source).toMatchObject({ headerLine: 1, dataStartLine: 2, dataEndLine: 23837, delimiter: ',' });
    expect(run.source.columns.map((c) => `${c.name} [${c.unit}] ${c.role}`)).toEqual(['Time [min] time', 'Temperature [°C] temperature', 'Weight [%] ignored', 'Weight [µg] mass']);
    // first row 0.003,25.17,99.843,25024.212; last 198.628,950,1.352,338.749 (the file's own numbers)
    expect(run.timeS[0]).toBeCloseTo(0.003 * 60, 10);
    expect(run.timeS[n - 1]).toBeCloseTo(198.628 * 60, 8);
    expect(run.massMg?.[0]).toBeCloseTo(25.024212, 9);
    expect(run.massMg?.[n - 1]).toBeCloseTo(0.338749, 9);
    expect(run.massPercent?.[0]).toBe(99.843);
    expect(run.temperatureC?.[n - 1]).toBe(950);
    expect(run.sample.initialMassMg).toBeCloseTo(25.024212 / 0.99843, 3);
    expect(run.warnings[0]).toBe(
      "No units row: TRIOS's default units assumed — Time in min; Temperature in °C; 'Weight' (column 3) in % (it starts at 99.843); 'Weight' (column 4) in µg: read as mg it would be a 25,064 mg sample, beyond a TGA balance (≤ 1,000 mg). Check them against the export settings.",
    );
  });

  it('takes mg when the mass fits a balance, and needs two Weight columns to claim a table', () => {
    const csv = new TextEncoder().encode('Time,Temperature,Weight,Weight\n0,25,100,10.5\n1,45,99,10.395\n');
    const run = taTrios.parse({ fileName: 'mg.csv', bytes: csv });
    expect(Array.from(run.massMg ?? [])).toEqual([10.5, 10.395]);
    expect(run.warnings[0]).toMatch(/'Weight' \(column 4\) in mg\. Check them/);
    const single = 'Time,Temperature,Weight\n0,25,10\n';
    expect(taTrios.detect({ fileName: 's.csv', headText: single, headBytes: new Uint8Array() })).toBe(0);
  });
});
