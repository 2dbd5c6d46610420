import { describe, expect, it } from 'vitest';
import { taTriosExcel } from './ta-trios-excel';
import { xlsxWorkbook } from './testkit';

const parse = (bytes: Uint8Array, fileName = 'case.xlsx') => taTriosExcel.parse({ fileName, bytes });

const NAMES = ['Time', 'Temperature', 'Weight', 'Weight'];
const UNITS = ['min', '°C', 'mg', '%'];

describe('TRIOS Excel export: constructed workbooks', () => {
  it('pins a whole run: Details keys by section, dates, stated mass, untitled and empty steps, extra cells', () => {
    const book = xlsxWorkbook([
      {
        name: 'Details',
        rows: [
          ['Instrument name', 'TGA'],
          ['Instrument Type', 'TGA 550'],
          ['Serial Number', '550-0001'],
          ['rundate', 45780],
          ['Operator', 'Ann'],
          ['Sample Name', 'S-1'],
          [],
          ['[Procedure]'],
          ['Procedure Name', 'Reduce'],
          ['Sample Name', 'S-1 in procedure'],
          ['Sample Mass', '12.00 mg'],
          ['Pan Type', 'Platinum'],
          ['Note', 'two\tparts\nhere '],
          ['Date', 'not a serial'],
        ],
      },
      { name: 'Iso1', rows: [['Isothermal 1.0 min'], NAMES, UNITS, [0, 700, 10, 100], [0.5, 700, 9.5, 95], [1, 700, 9, 90, 999]] },
      { name: 'Hold 2', rows: [[], NAMES, UNITS, [1.5, 700, 8.5, 85]] },
      { name: 'Empty', rows: [['Ramp 10.00 °C/min to 800.00 °C'], NAMES, UNITS] },
      { name: 'Notes', rows: [['free text'], ['Time'], ['x']] },
    ]);
    const run = parse(book);
    // By construction: times 0, 0.5, 1, 1.5 min; the 999 beyond the header's four names is not read.
    expect(Array.from(run.timeS)).toEqual([0, 30, 60, 90]);
    expect(Array.from(run.massMg ?? [])).toEqual([10, 9.5, 9, 8.5]);
    expect(Array.from(run.massPercent ?? [])).toEqual([100, 95, 90, 85]);
    expect(Array.from(run.temperatureC ?? [])).toEqual([700, 700, 700, 700]);
    expect(run.source).toEqual({
      fileName: 'case.xlsx',
      formatId: 'ta-trios-excel',
      formatLabel: 'TA Instruments TRIOS Excel export',
      encoding: 'xlsx (UTF-8 XML)',
      delimiter: undefined,
      decimal: undefined,
      headerLine: 0,
      dataStartLine: 0,
      dataEndLine: 0,
      columns: [
        { name: 'Time', unit: 'min', role: 'time' },
        { name: 'Temperature', unit: '°C', role: 'temperature' },
        { name: 'Weight', unit: 'mg', role: 'mass' },
        { name: 'Weight', unit: '%', role: 'ignored' },
      ],
    });
    // 'Instrument Type' before 'Instrument name'; the first 'Sample Name' is read before the procedure's, so the
    // sample is named from 'Procedure: Sample Name'; 45780 is Excel's serial of 3 May 2025.
    expect(run.sample).toEqual({
      name: 'S-1 in procedure',
      initialMassMg: 12,
      instrument: 'TGA 550, serial 550-0001',
      date: '2025-05-03',
      operator: 'Ann',
      crucible: 'Platinum',
      method: 'Reduce',
    });
    expect(run.metadata).toEqual({
      'Instrument name': 'TGA',
      'Instrument Type': 'TGA 550',
      'Serial Number': '550-0001',
      rundate: '2025-05-03',
      Operator: 'Ann',
      'Sample Name': 'S-1',
      'Procedure Name': 'Reduce',
      'Procedure: Sample Name': 'S-1 in procedure',
      'Sample Mass': '12.00 mg',
      'Pan Type': 'Platinum',
      Note: 'two parts here',
      Date: 'not a serial',
      sheets: 'Details | Iso1 | Hold 2 | Empty | Notes',
    });
    // 10 mg at 100 % implies a stored mass of 10 mg; the stated 12 mg is taken and the difference said.
    expect(run.warnings).toEqual([
      `Step "Ramp 10.00 °C/min to 800.00 °C" (sheet 'Empty') has no data rows.`,
      'The stated sample mass 12.00 mg differs from the 10 mg implied by Weight (mg) / Weight (%) by more than 1 %.',
    ]);
    // A step runs until the next step's first time (as in TRIOS's text export); the last one to its own last time.
    expect(run.segments.map((s) => [s.index, s.label, s.startS, s.endS])).toEqual([
      [1, 'Isothermal 1.0 min', 0, 90],
      [2, 'Hold 2', 90, 90],
    ]);
    expect(run.programme).toEqual(['Isothermal 1.0 min', 'Hold 2', 'Ramp 10.00 °C/min to 800.00 °C']);
  });

  const oneStep = (details: (string | number | null)[][], rows: (string | number | null)[][]) =>
    xlsxWorkbook([
      ...(details.length ? [{ name: 'Details', rows: details }] : []),
      { name: 'Iso', rows: [['Isothermal 1.0 min'], NAMES, UNITS, ...rows] },
    ]);

  it('without a stated mass, the one implied by Weight (mg) / Weight (%) is kept and said in the workbook\'s words', () => {
    // 5 mg at 50 % → 10 mg stored (the first row with % > 1 is the second: the first has 0.5 %).
    const run = parse(oneStep([], [[0, 25, 0.05, 0.5], [1, 25, 5, 50]]));
    expect(run.sample.initialMassMg).toBe(10);
    expect(run.warnings).toEqual([
      "The workbook does not state the sample mass; 10 mg is implied by Weight (mg) / Weight (%) (TRIOS's stored sample mass).",
    ]);
    expect(run.metadata).toEqual({ sheets: 'Iso' });
  });

  it('reads a stated mass in g, mg, µg or ug and warns only beyond 1 % of the implied one', () => {
    const rows = [[0, 25, 10, 100], [1, 25, 9, 90]];
    const stated = (mass: string) => parse(oneStep([['Sample Mass', mass]], rows));
    for (const [text, mg] of [['0.0101 g', 10.1], ['10100 µg', 10.1], ['10100 ug', 10.1], ['10.1 MG', 10.1]] as const) {
      const run = stated(text);
      expect(run.sample.initialMassMg, text).toBeCloseTo(mg, 12);
      expect(run.warnings, text).toEqual([]); // |10 − 10.1| = 0.1 ≤ 1 % of 10.1
    }
    const off = stated('10.11 mg'); // |10 − 10.11| = 0.11 > 0.1011
    expect(off.sample.initialMassMg).toBe(10.11);
    expect(off.warnings).toEqual(['The stated sample mass 10.11 mg differs from the 10 mg implied by Weight (mg) / Weight (%) by more than 1 %.']);
    const below = stated('9.89 mg'); // |10 − 9.89| = 0.11 > 0.0989: a smaller stated mass too
    expect(below.warnings).toEqual(['The stated sample mass 9.89 mg differs from the 10 mg implied by Weight (mg) / Weight (%) by more than 1 %.']);
  });

  it('falls back from Details to what the steps give: name, instrument, date, method', () => {
    const run = parse(oneStep([['Sample name', 'first'], ['Sample Name', 'second'], ['Instrument Name', 'Q500'], ['Run date', 45780.5], ['Procedure Name', 'P'], ['proceduresegments', 'Isothermal 1.0 min']], [[0, 25, 10, 100]]));
    // 45780.5 is noon of 3 May 2025; 'Sample name' (lower-case n) before 'Sample Name'.
    expect(run.sample).toEqual({ name: 'first', initialMassMg: 10, instrument: 'Q500', date: '2025-05-03T12:00:00', operator: undefined, crucible: undefined, method: 'P: Isothermal 1.0 min' });
  });

  it('names the sheet and row of an error, or only the file when the error lies past the last row', () => {
    const noRows = xlsxWorkbook([{ name: 'Iso', rows: [['Isothermal 1.0 min'], NAMES, UNITS] }]);
    let caught: unknown;
    try {
      parse(noRows, 'e.xlsx');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).message).toBe('e.xlsx: expected data rows');
    expect((caught as { line: number | null }).line).toBeNull();
    const shortRow = xlsxWorkbook([{ name: 'Iso', rows: [['Isothermal 1.0 min'], NAMES, UNITS, [0, 25, 10, 100], [1, 'x', 9, 90]] }]);
    expect(() => parse(shortRow, 's.xlsx')).toThrow(/^s\.xlsx, sheet 'Iso', row 5: expected a number for Temperature \(°C\)/);
  });

  it("reads only a sheet named 'Details' (any case, blanks around) as Details, and '[Section]' rows only as whole cells", () => {
    const step = { name: 'Iso', rows: [['Isothermal 1.0 min'], NAMES, UNITS, [0, 25, 10, 100]] };
    const details = (name: string) => parse(xlsxWorkbook([{ name, rows: [['Operator', 'Ann']] }, step])).metadata;
    expect(details(' details ')).toEqual({ Operator: 'Ann', sheets: ' details  | Iso' });
    expect(details('My Details')).toEqual({ sheets: 'My Details | Iso' });
    expect(details('Details 2')).toEqual({ sheets: 'Details 2 | Iso' });
    const sections = parse(xlsxWorkbook([{ name: 'Details', rows: [['Operator', 'Ann'], ['x [Log]'], ['[Log] y'], ['[Log]'], ['Operator', 'Bob']] }, step])).metadata;
    // 'x [Log]' and '[Log] y' are keys (with no value), not sections; the repeated Operator is prefixed by its section.
    expect(sections).toEqual({ Operator: 'Ann', 'x [Log]': '', '[Log] y': '', 'Log: Operator': 'Bob', sheets: 'Details | Iso' });
  });

  it("takes a step sheet only with 'Time' over a unit min, s or h in its first column", () => {
    const book = (name: string, unit: string) =>
      xlsxWorkbook([
        { name: 'A', rows: [['Isothermal 1.0 min'], NAMES, UNITS, [0, 25, 10, 100]] },
        { name: 'B', rows: [['Isothermal 1.0 min'], [name, 'Temperature', 'Weight', 'Weight'], [unit, '°C', 'mg', '%'], [1, 25, 9, 90]] },
      ]);
    expect(parse(book('Time', 's')).timeS.length).toBe(2);
    expect(parse(book('time', 'H')).timeS.length).toBe(2);
    for (const [name, unit] of [
      ['Timestamp', 'min'],
      ['Step Time', 'min'],
      ['Time', 'mins'],
      ['Time', 'xmin'],
    ]) {
      expect(parse(book(name, unit)).timeS.length, `${name} [${unit}]`).toBe(1);
    }
  });

  it('a stated mass: with or without a blank before the unit, nothing before the number; without a % column no comparison', () => {
    const rows = [[0, 25, 10, 100]];
    const stated = (mass: string) => parse(oneStep([['Sample Mass', mass]], rows));
    expect(stated('10.05mg').sample.initialMassMg).toBe(10.05);
    expect(stated(' 10.05 mg ').sample.initialMassMg).toBe(10.05);
    // Not a mass alone: the implied 10 mg stays, and the workbook is said to state none.
    for (const text of ['ca. 12 mg', '12 mg approx', '12 mgs']) {
      const run = stated(text);
      expect(run.sample.initialMassMg, text).toBe(10);
      expect(run.warnings[0], text).toMatch(/^The workbook does not state the sample mass; 10 mg is implied/);
    }
    const noPercent = parse(
      xlsxWorkbook([
        { name: 'Details', rows: [['Sample Mass', '12 mg']] },
        { name: 'Iso', rows: [['Isothermal 1.0 min'], ['Time', 'Temperature', 'Weight'], ['min', '°C', 'mg'], [0, 25, 10]] },
      ]),
    );
    expect(noPercent.sample.initialMassMg).toBe(12);
    expect(noPercent.warnings).toEqual([]);
  });

  it("lists every sheet, quoted and comma-separated, when none is a TRIOS step", () => {
    const book = xlsxWorkbook([
      { name: 'Sheet1', rows: [['a']] },
      { name: 'Sheet2', rows: [['b']] },
    ]);
    expect(() => parse(book, 'n.xlsx')).toThrow(/found "sheets 'Sheet1', 'Sheet2'"$/);
  });

  it('edges: exactly 1 % off is no warning; no stated and no implied mass, no word; lone name keys; cells with runs of breaks', () => {
    // Stated 100 mg, implied 101 mg / 100 % = 101 mg: |101 − 100| = 1 = 1 % of 100, not more.
    const exact = parse(oneStep([['Sample Mass', '100 mg']], [[0, 25, 101, 100]]));
    expect(exact.sample.initialMassMg).toBe(100);
    expect(exact.warnings).toEqual([]);
    const bare = parse(
      xlsxWorkbook([
        { name: 'Details', rows: [['Instrument name', 'TGA'], ['Sample Name', 'S-2'], ['Operator', 'Ann'], ['Operator', 'Bob'], ['Note', 'a\t\tb\r\n\r\nc']] },
        { name: 'Iso', rows: [['Isothermal 1.0 min'], ['Time', 'Temperature', 'Weight'], ['min', '°C', 'mg'], [0, 25, 10], ['', '', ''], [1, 25, 9]] },
      ]),
    );
    expect(bare.warnings).toEqual([]);
    expect(bare.sample).toEqual({ name: 'S-2', initialMassMg: undefined, instrument: 'TGA', date: undefined, operator: 'Bob', crucible: undefined, method: undefined });
    // A key repeated before any section is simply overwritten; a run of tabs and line breaks is one blank.
    expect(bare.metadata).toEqual({ 'Instrument name': 'TGA', 'Sample Name': 'S-2', Operator: 'Bob', Note: 'a b c', sheets: 'Details | Iso' });
    // The row of empty strings is skipped like an empty row.
    expect(Array.from(bare.timeS)).toEqual([0, 60]);
  });
});

