/** The import report a user reads for each file (describeImport, temperatureLine), on constructed runs, word for word. */
import { describe, expect, it } from 'vitest';
import type { TgaRun } from '../../../shared/types';
import { describeImport, temperatureLine } from './index';

const f64 = (xs: number[]): Float64Array => Float64Array.from(xs);

describe('temperatureLine: the range, then the path', () => {
  it('a run that heats to 700 °C and cools back names its maximum and when', () => {
    expect(temperatureLine(f64([0, 1050, 2100.123456, 3000]), f64([20, 360, 700.123, 100]))).toBe('Temperature: 20–700.1 °C (first 20 → max 700.1 at 2100.123 s → last 100 °C)');
  });
  it('a dip names its minimum; a minimum and a maximum inside the run come in time order', () => {
    expect(temperatureLine(f64([0, 1, 2]), f64([600, 300, 600]))).toBe('Temperature: 300–600 °C (first 600 → min 300 at 1 s → last 600 °C)');
    expect(temperatureLine(f64([0, 10, 20, 30]), f64([100, 50, 200, 100]))).toBe('Temperature: 50–200 °C (first 100 → min 50 at 10 s → max 200 at 20 s → last 100 °C)');
    expect(temperatureLine(f64([0, 10, 20, 30]), f64([100, 200, 50, 100]))).toBe('Temperature: 50–200 °C (first 100 → max 200 at 10 s → min 50 at 20 s → last 100 °C)');
  });
  it('an extreme within 0.5 °C (or 1 % of the range) of an end is not named', () => {
    expect(temperatureLine(f64([0, 1, 2]), f64([20, 20.3, 20.2]))).toBe('Temperature: 20–20.3 °C (first 20 → last 20.2 °C)');
    // range 1000 °C: 1 % = 10 °C; a maximum 9 °C above the last point is not named, 11 °C above is
    expect(temperatureLine(f64([0, 1, 2]), f64([0, 1000, 991]))).toBe('Temperature: 0–1000 °C (first 0 → last 991 °C)');
    expect(temperatureLine(f64([0, 1, 2]), f64([0, 1000, 989]))).toBe('Temperature: 0–1000 °C (first 0 → max 1000 at 1 s → last 989 °C)');
  });
  it('a maximum held for a while is named where it is first reached', () => {
    expect(temperatureLine(f64([0, 60, 120, 180]), f64([20, 700, 700, 100]))).toBe('Temperature: 20–700 °C (first 20 → max 700 at 60 s → last 100 °C)');
  });
  it('points without a temperature are skipped and counted', () => {
    expect(temperatureLine(f64([0, 1, 2, 3, 4]), f64([NaN, 20, 700, 100, NaN]))).toBe('Temperature: 20–700 °C (first 20 → max 700 at 2 s → last 100 °C; 2 points without a temperature)');
    expect(temperatureLine(f64([0, 1, 2]), f64([20, NaN, 30]))).toBe('Temperature: 20–30 °C (first 20 → last 30 °C; 1 point without a temperature)');
    expect(temperatureLine(f64([0, 1, 2]), f64([NaN, NaN, NaN]))).toBe('Temperature: none (all 3 values empty)');
  });
});

function run(over: Partial<TgaRun> = {}): TgaRun {
  return {
    technique: 'tga',
    source: {
      fileName: 'r.csv',
      formatId: 'generic-table',
      formatLabel: 'Table',
      encoding: 'utf-8',
      delimiter: '\t',
      decimal: ',',
      headerLine: 3,
      dataStartLine: 4,
      dataEndLine: 6,
      columns: [
        { name: 'Zeit', unit: 'min', role: 'time' },
        { name: 'Masse', unit: 'mg', role: 'mass' },
        { name: 'Kommentar', unit: '', role: 'ignored' },
      ],
    },
    sample: { name: 'Fe2O3 A', initialMassMg: 12.5, instrument: 'STA 449', date: '2024-01-02', operator: 'kb', crucible: 'Al2O3' },
    timeS: f64([0, 60, 120]),
    temperatureC: null,
    massMg: f64([12.5, 12.25, 12.123456]),
    massPercent: null,
    massNote: 'Masse [mg]',
    channels: [
      { name: 'DSC', unit: 'mW', values: f64([1, 2, 3]) },
      { name: 'Flag', unit: '', values: f64([0, 0, 1]) },
    ],
    segments: [],
    gasEvents: [],
    programme: [],
    metadata: {},
    warnings: [],
    ...over,
  };
}

describe('describeImport: one line per fact', () => {
  it('a text table with everything stated', () => {
    expect(
      describeImport(
        run({
          temperatureC: f64([25, 35, 45]),
          segments: [{ index: 1, label: '25 → 45 °C at 10 °C/min', startS: 0, endS: 120, kind: 'ramp', gas: 'H2' }, { index: 2, label: 'hold', startS: 120, endS: 180, kind: 'isothermal' }],
          gasEvents: [{ timeS: 60.5, gas: 'H2', source: 'header' }],
          warnings: ['No temperature unit.'],
        }),
      ),
    ).toEqual([
      'File: r.csv',
      'Format: Table (generic-table)',
      "Text: encoding utf-8, delimiter tab, decimal ','",
      'Rows: 3 (lines 4–6, header line 3, 0–120 s)',
      'Columns: Zeit [min] → time; Masse [mg] → mass; Kommentar → ignored',
      "Sample: 'Fe2O3 A', 12.5 mg, STA 449, 2024-01-02, operator kb, crucible Al2O3",
      'Mass: Masse [mg] (12.5 → 12.12 mg)',
      'Temperature: 25–45 °C (first 25 → last 45 °C)',
      'Channels: DSC [mW]; Flag',
      'Segment 1: ramp, 25 → 45 °C at 10 °C/min, 0–120 s, gas H2',
      'Segment 2: isothermal, hold, 120–180 s',
      'Gas event: H2 at 60.5 s (header)',
      'Warning: No temperature unit.',
    ]);
  });

  it('spaces or a comma as delimiter, no delimiter or decimal, a binary file, no header line, nothing stated, mass in %', () => {
    expect(describeImport(run({ source: { ...run().source, delimiter: ' ' } }))[2]).toBe("Text: encoding utf-8, delimiter spaces, decimal ','");
    expect(describeImport(run({ source: { ...run().source, delimiter: ',', decimal: '.' } }))[2]).toBe("Text: encoding utf-8, delimiter ',', decimal '.'");
    const binary = describeImport(run({ source: { ...run().source, delimiter: undefined, decimal: undefined, dataStartLine: 0, dataEndLine: 0, headerLine: 0 }, sample: {}, channels: [], massMg: null, massPercent: f64([100, 98, 97]), massNote: 'TG [%]' }));
    expect(binary).toEqual([
      'File: r.csv',
      'Format: Table (generic-table)',
      'Text: encoding utf-8',
      'Rows: 3 (binary file, no text lines, 0–120 s)',
      'Columns: Zeit [min] → time; Masse [mg] → mass; Kommentar → ignored',
      'Sample: no name, no stated mass',
      'Mass: TG [%] (100 → 97 %)',
      'Segments: none',
      'Gas events: none',
    ]);
    expect(describeImport(run({ source: { ...run().source, headerLine: 0 } }))[3]).toBe('Rows: 3 (lines 4–6, no header line, 0–120 s)');
    expect(describeImport(run({ timeS: f64([]), massMg: f64([]) }))[3]).toBe('Rows: 0 (lines 4–6, header line 3)');
    expect(describeImport(run({ timeS: f64([]), massMg: f64([]) }))[6]).toBe('Mass: Masse [mg]');
  });

  it('a mass without a value at an end is shown as a dash, not NaN', () => {
    expect(describeImport(run({ massMg: f64([NaN, 12.25, 12.1]) }))[6]).toBe('Mass: Masse [mg] (– → 12.1 mg)');
  });

  it('time running backwards is said once, with the point and the times, unless the parser said it', () => {
    const back = run({ timeS: f64([0, 60, 30]) });
    expect(describeImport(back).at(-1)).toBe('Warning: Time runs backwards at data point 3 (30 s after 60 s); the analysis stops before it.');
    const said = run({ timeS: f64([0, 60, 30]), warnings: ['Time goes Backwards here.'] });
    expect(describeImport(said).at(-1)).toBe('Warning: Time goes Backwards here.');
  });
});
