import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { missingShared, ownFixtureRoot, readShared } from '../../../../test/fixtures/shared-fixtures';
import { readWorkbook } from '../spreadsheet/index';
import { FormatError } from '../types';
import { describeImport, detectTgaFormat, importTga } from './index';
import { taTriosExcel } from './ta-trios-excel';
import { xlsxWorkbook as xlsx } from './testkit';

const XLS = 'more-layouts/tga/TA_instrument_excel.xls';

/**
 * ../shared/fixtures/more-layouts/tga/TA_instrument_excel.xls (MyonicS/pyTGA, MIT, read in place). Expected values:
 * scripts/reference/read_more_layouts.py, which reads the workbook with Debian's python3-xlrd 1.2 (a reader that
 * shares no code with ours): sheet names and row counts, first and last data rows, and the sum of every column of
 * each step sheet (rows 4 on).
 */
const SHEETS: [string, number, number[], number[], number[]][] = [
  ['Isothermal 60.0 min', 3603, [0.01, 35.38, 7.5895, 100.3034], [59.99, 29.87, 7.4039, 97.8501], [107994.00000000019, 108486.47999999991, 26710.811099999966, 353012.30950000125]],
  ['Isothermal 5.0 min', 303, [60.01, 29.87, 7.4039, 97.85], [64.99, 29.91, 7.3947, 97.7288], [18749.500000000004, 9006.240000000003, 2218.6217000000015, 29321.500999999993]],
  ['Ramp 2.00 °Cmin to 550.00 °C', 15649, [65.01, 29.91, 7.3947, 97.7288], [325.76, 548.93, 0.5546, 7.3293], [3056941.56000004, 4524980.18999999, 62202.05750000017, 822067.6671000004]],
  ['Isothermal 20.0 min', 1203, [325.77, 548.96, 0.5546, 7.3292], [345.76, 550.01, 0.5574, 7.3673], [402917.99999999953, 659880.9499999997, 666.126500000001, 8803.539399999989]],
  ['Ramp 100.00 °Cmin to 30.00 °C', 1169, [345.77, 550.01, 0.5574, 7.3673], [365.19, 38.8, 0.5645, 7.4601], [414491.6199999996, 190366.86999999968, 655.5786999999997, 8664.175200000025]],
];

describe.skipIf(missingShared(XLS))('TRIOS Excel export (.xls, BIFF8)', () => {
  it('reads every sheet as xlrd does', () => {
    const wb = readWorkbook('TA_instrument_excel.xls', readShared(XLS));
    expect(wb.date1904).toBe(false);
    expect(wb.sheets.map((s) => [s.name, s.rows.length])).toEqual([['Details', 115], ...SHEETS.map(([n, rows]) => [n, rows])]);
    expect(wb.sheets[0].rows[0]).toEqual(['Filename', 'TA_insturments_excel.xls']);
    expect(wb.sheets[0].rows[3]).toEqual(['rundate', 45780]);
    expect(wb.sheets[0].rows[114]).toEqual(['Known 2', 357.22]);
    SHEETS.forEach(([, , first, last, sums], k) => {
      const rows = wb.sheets[k + 1].rows;
      expect(rows[2]).toEqual(['min', '°C', 'mg', '%']);
      expect(rows[3]).toEqual(first);
      expect(rows[rows.length - 1]).toEqual(last);
      for (let c = 0; c < 4; c++) expect(rows.slice(3).reduce((a, r) => a + (r[c] as number), 0)).toBeCloseTo(sums[c], 6);
    });
  });

  it('joins the step sheets into one run with segments, units, gas and the Details metadata', () => {
    const bytes = readShared(XLS);
    expect(detectTgaFormat('TA_instrument_excel.xls', bytes)?.format.id).toBe('ta-trios-excel');
    const run = importTga('TA_instrument_excel.xls', bytes);
    expect(run.timeS.length).toBe(3600 + 300 + 15646 + 1200 + 1166);
    expect(run.timeS[0]).toBeCloseTo(0.6, 10);
    expect(run.timeS[run.timeS.length - 1]).toBeCloseTo(365.19 * 60, 8);
    expect([run.temperatureC?.[0], run.massMg?.[0], run.massPercent?.[0]]).toEqual([35.38, 7.5895, 100.3034]);
    expect(run.massMg?.[run.timeS.length - 1]).toBe(0.5645);
    expect(run.source).toMatchObject({ formatId: 'ta-trios-excel', encoding: 'xls (BIFF8)', dataStartLine: 0 });
    expect(run.source.columns.map((c) => `${c.name} [${c.unit}] ${c.role}`)).toEqual(['Time [min] time', 'Temperature [°C] temperature', 'Weight [mg] mass', 'Weight [%] ignored']);
    expect(run.segments.map((s) => [s.label, s.kind, s.rateCPerMin ?? null, s.targetC ?? null, s.gas])).toEqual([
      ['Isothermal 60.0 min', 'isothermal', null, 29.87, 'Ar'],
      ['Isothermal 5.0 min', 'isothermal', null, 29.91, 'Ar'],
      ['Ramp 2.00 °C/min to 550.00 °C', 'ramp', 2, 550, 'Ar'],
      ['Isothermal 20.0 min', 'isothermal', null, 550.01, 'Ar'],
      ['Ramp 100.00 °C/min to 30.00 °C', 'cool', 100, 30, 'Ar'],
    ]);
    expect(run.segments[2].startS).toBeCloseTo(65.01 * 60, 8);
    expect(run.gasEvents).toEqual([{ timeS: run.timeS[0], gas: 'Ar', source: 'proceduresegments "Blend Channel B (Ar) at 100% with Channel A (N2)"' }]);
    expect(run.sample).toMatchObject({ name: 'Sample 1', initialMassMg: 7.567, instrument: 'TGA5500, serial 5500-0631', date: '2025-05-03T20:37:28', crucible: 'Platinum (100 uL)' });
    expect(run.sample.method).toMatch(/^1Temp_Analysis_in_Ar: Blend Channel B \(Ar\)/);
    expect(run.metadata).toMatchObject({ 'Trios version': '5.5.1.5', rundate: '2025-05-03', 'Sample Mass': '7.567 mg', 'Sample Name': '5-3-0-1_S-1', 'Curie Calibration: Pan Type': 'Platinum (100 uL)' });
    expect(run.warnings).toEqual([]);
    const report = describeImport(run);
    expect(report).toContain('Format: TA Instruments TRIOS Excel export (ta-trios-excel)');
    expect(report).toContain("Sample: 'Sample 1', 7.567 mg, TGA5500, serial 5500-0631, 2025-05-03T20:37:28, crucible Platinum (100 uL)");
  });

  it('refuses a damaged workbook naming the file', () => {
    const bytes = readShared(XLS);
    expect(() => importTga('cut.xls', bytes.subarray(0, 300))).toThrow(/^cut\.xls: expected the 512-byte compound-file header/);
    expect(() => importTga('cut.xls', bytes.subarray(0, 200_000))).toThrow(FormatError);
  });
});

describe('TRIOS Excel export (.xlsx)', () => {
  it('reads a TRIOS-style workbook written by an independent writer (scripts/make-trios-xlsx.py)', () => {
    const bytes = new Uint8Array(readFileSync(`${ownFixtureRoot}/tga/generated/trios-synthetic.xlsx`));
    expect(detectTgaFormat('trios-synthetic.xlsx', bytes)?.format.id).toBe('ta-trios-excel');
    const run = importTga('trios-synthetic.xlsx', bytes);
    // 136 + 40 + 121 rows (0.25 min steps), times in min
    expect(run.timeS.length).toBe(136 + 40 + 121);
    expect(run.timeS[135]).toBe(33.75 * 60);
    expect(run.timeS[136]).toBe(34 * 60);
    expect(run.massMg?.[135]).toBe(49.5);
    expect(Number.isNaN(run.temperatureC?.[137] ?? 0)).toBe(true); // the one empty cell
    expect(run.temperatureC?.[138]).toBe(700);
    expect(run.segments.map((s) => [s.label, s.kind, s.rateCPerMin ?? null, s.targetC ?? null])).toEqual([
      ['Ramp 20.00 °C/min to 700.00 °C', 'ramp', 20, 700],
      ['Isothermal 10.0 min', 'isothermal', null, 700],
      ['Ramp 20.00 °C/min to 100.00 °C', 'cool', 20, 100],
    ]);
    expect(run.source.encoding).toBe('xlsx (UTF-8 XML)');
    expect(run.sample).toMatchObject({ name: 'Fe2O3 synthetic', initialMassMg: 50, date: '2025-05-03T20:37:28' });
    expect(run.gasEvents.map((e) => e.gas)).toEqual(['Gas 2']);
  });

  it('reads shared strings and says what a workbook without TRIOS steps holds', () => {
    const good = xlsx([
      { name: 'Details', rows: [['Sample name', 'S & T'], ['Sample Mass', '10.00 mg']] },
      { name: 'Isothermal 1.0 min', rows: [['Isothermal 1.0 min'], ['Time', 'Temperature', 'Weight'], ['min', '°C', 'µg'], [0, 700, 10000], [0.5, 700, 9500], [1, 700, 9000]] },
    ]);
    const run = importTga('g.xlsx', good);
    expect(Array.from(run.massMg ?? [])).toEqual([10, 9.5, 9]);
    expect(run.sample).toMatchObject({ name: 'S & T', initialMassMg: 10 });
    const notTrios = xlsx([{ name: 'Sheet1', rows: [['a', 'b'], [1, 2]] }]);
    expect(() => importTga('n.xlsx', notTrios)).toThrow(/^n\.xlsx: expected a TA TRIOS Excel export .*, found "sheets 'Sheet1'"/);
    const badRow = xlsx([{ name: 'Step', rows: [['Isothermal 1.0 min'], ['Time', 'Weight'], ['min', 'mg'], [0, 1], ['x', 2]] }]);
    expect(() => importTga('b.xlsx', badRow)).toThrow(/^b\.xlsx, sheet 'Step', row 5: expected a number for Time \(min\)/);
  });

  it('skips blank rows among the data, also the first one under the units row', () => {
    const blanks = xlsx([{ name: 'Step', rows: [['Isothermal 1.0 min'], ['Time', 'Temperature', 'Weight'], ['min', '°C', 'mg'], [], [0, 700, 10], [0.5, 700, 9.5], [], [1, 700, 9]] }]);
    const run = importTga('blanks.xlsx', blanks);
    expect(Array.from(run.timeS)).toEqual([0, 30, 60]);
    expect(Array.from(run.massMg ?? [])).toEqual([10, 9.5, 9]);
  });

  it('takes a stated sample mass only when the cell holds a mass and nothing else', () => {
    const book = (mass: string) =>
      xlsx([
        { name: 'Details', rows: [['Sample Mass', mass]] },
        { name: 'Isothermal 1.0 min', rows: [['Isothermal 1.0 min'], ['Time', 'Temperature', 'Weight'], ['min', '°C', 'mg'], [0, 700, 10], [1, 700, 9]] },
      ]);
    expect(importTga('m.xlsx', book('10.00 mg')).sample.initialMassMg).toBe(10);
    expect(importTga('m.xlsx', book('10.00 mg (nominal)')).sample.initialMassMg).toBeUndefined();
  });

  it('claims workbooks by their signature only', () => {
    const input = (bytes: Uint8Array) => ({ fileName: 'x', headText: '', headBytes: bytes });
    expect(taTriosExcel.detect(input(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))).toBe(0.9);
    expect(taTriosExcel.detect(input(new TextEncoder().encode('Time,Weight\n')))).toBe(0);
  });
});
