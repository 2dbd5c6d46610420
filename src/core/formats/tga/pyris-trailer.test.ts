/**
 * A Pyris ASCII export written by hand (layout of Methane_Pyrolysis.txt) with a calibration trailer whose profile
 * lines go into the metadata, a header whose point count disagrees with the rows, a gas switched in a method step
 * and a step the parser does not know. Expected values are set by the construction.
 */
import { describe, expect, it } from 'vitest';
import { pyrisCsv, pyrisText } from './pyris';
import { pyrisRow as row } from './testkit';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

const TRAILER = [
  '\tTEMPERATURE CALIBRATION INPUTS:',
  'Rate 1\t5.0 °C/min',
  '\tPROFILE VALUES FOR THIS DATA:',
  'Software Version\t13.3.3.0032 ',
  'Sample ID\tfrom the profile',
  'Load Temperature\t30.0 °C',
  'Firmware Version\tPyris 1 V4.01',
  'Ordinate Filter',
];
const LINES = [
  'Filename:\tt.tg8d',
  'Sample ID:\tNiO-3',
  'Sample Weight:\t10.000 mg',
  'Total Points in Run:\t5',
  'Method Steps:',
  '1)\tHold for 1.0 min at 30.00°C',
  '\t\tSwitch the Gas to Hydrogen at 20.0 ml/min',
  '\t\t\tAction occurs Immediately',
  '2)\tMystery step',
  '',
  '1) TGA Isothermal',
  '\tTime\tUnsubtracted\tBaseline\tProgram\tSample',
  '\t\tWeight\tWeight\tTemperature\tTemperature',
  row(0, 10, 0, 30, 30.1),
  row(0.5, 10, 0, 30, 30.2),
  '2) TGA Other',
  row(1, 9.9, 0, 30, 30.3),
  row(1.5, 9.8, 0, 30, 30.4),
  '',
  ...TRAILER,
  '',
];

describe('pyrisText: trailer, point count, gas and an unknown step', () => {
  it('pins the run', () => {
    const run = pyrisText.parse({ fileName: 'trailer.txt', bytes: utf8(LINES.join('\r\n')) });
    expect(Array.from(run.timeS)).toEqual([0, 30, 60, 90]);
    expect(Array.from(run.massMg ?? [])).toEqual([10, 10, 9.9, 9.8]);
    expect(Array.from(run.temperatureC ?? [])).toEqual([30.1, 30.2, 30.3, 30.4]);
    // The trailer is kept without trailing blanks; only the key/value lines after 'PROFILE VALUES' become metadata,
    // and never over a header key ('Sample ID' stays the header's).
    expect(run.metadata).toEqual({
      Filename: 't.tg8d',
      'Sample ID': 'NiO-3',
      'Sample Weight': '10.000 mg',
      'Total Points in Run': '5',
      Trailer: TRAILER.map((l) => l.replace(/\s+$/, '')).join('\n'),
      'Software Version': '13.3.3.0032',
      'Load Temperature': '30.0 °C',
      'Firmware Version': 'Pyris 1 V4.01',
    });
    expect(run.warnings).toEqual([
      'Pyris exports write no units: read by Pyris convention as time min, weights mg, temperatures °C, flows ml/min.',
      'The header says 5 points but 4 data rows were read.',
    ]);
    expect(run.gasEvents).toEqual([{ timeS: 0, gas: 'Hydrogen', source: 'method step 1: Switch the Gas to Hydrogen at 20.0 ml/min' }]);
    // Section 1 runs to the first row of section 2 (1 min); the last section to the last row (1.5 min).
    expect(run.segments).toEqual([
      { index: 1, label: 'Hold for 1.0 min at 30.00°C', startS: 0, endS: 60, kind: 'isothermal', rateCPerMin: 0, targetC: 30, gas: 'Hydrogen' },
      { index: 2, label: 'Mystery step', startS: 60, endS: 90, kind: 'unknown', gas: 'Hydrogen' },
    ]);
    // The instrument from the profile's firmware line ('Pyris 1', not the whole version).
    expect(run.sample).toEqual({ name: 'NiO-3', initialMassMg: 10, instrument: 'PerkinElmer Pyris 1', method: '1) Hold for 1.0 min at 30.00°C; 2) Mystery step' });
    expect(run.source).toMatchObject({ headerLine: 12, dataStartLine: 14, dataEndLine: 18 });
  });
});

describe('Pyris claims and a CSV without a baseline', () => {
  const input = (headText: string, fileName = 'x.txt') => ({ fileName, headText, headBytes: new Uint8Array() });

  it('claims ASCII text by three header keys and a TGA section or an Unsubtracted column; three keys alone are doubtful', () => {
    const keys = ['Sample ID:\tS', 'Sample Weight:\t1 mg', 'Data Collected:\tx', 'Total Points in Run:\t2', 'Method Steps:'];
    expect(pyrisText.detect(input([...keys.slice(0, 3), '1) TGA Scan'].join('\n')))).toBe(0.97);
    expect(pyrisText.detect(input([...keys.slice(2), '\tTime\tUnsubtracted'].join('\n')))).toBe(0.97);
    expect(pyrisText.detect(input(keys.slice(0, 3).join('\n')))).toBe(0.7);
    expect(pyrisText.detect(input([...keys.slice(0, 2), '1) TGA Scan', '\tTime\tUnsubtracted'].join('\n')))).toBe(0);
    // A section title must start a line.
    expect(pyrisText.detect(input([...keys.slice(0, 3), 'see 1) TGA Scan'].join('\n')))).toBe(0.7);
  });

  it('claims CSV by its first line only', () => {
    expect(pyrisCsv.detect(input('\uFEFFTime,Unsubtracted Weight,Baseline Weight,Program Temperature\n0,1,0,30\n', 'x.csv'))).toBe(0.97);
    expect(pyrisCsv.detect(input('Time,Weight,Program Temperature,Sample Temperature\n', 'x.csv'))).toBe(0.9);
    expect(pyrisCsv.detect(input('Time,Weight,Program Temperature\n', 'x.csv'))).toBe(0);
    expect(pyrisCsv.detect(input('Step,Time,Unsubtracted Weight,Baseline Weight,\n', 'x.csv'))).toBe(0);
    expect(pyrisCsv.detect(input('#\nTime,Unsubtracted Weight,Baseline Weight,\n', 'x.csv'))).toBe(0);
  });

  it("a CSV with 'Weight' and no baseline: the mass as written, an all-empty column ignored, segments from the programme", () => {
    // 25 °C for 2 min, then 10 °C/min for 3 min: rows every minute.
    const csv = ['Time,Weight,Program Temperature,Sample Temperature,Note', '0,10,25,25.1,', '1,10,25,25.2,', '2,10,25,25.1,', '3,9.9,35,34.8,', '4,9.8,45,44.9,', '5,9.7,55,54.8,'].join('\n');
    const run = pyrisCsv.parse({ fileName: 'w.csv', bytes: utf8(csv) });
    expect(run.massNote).toBe('Weight (mg by Pyris convention)');
    expect(Array.from(run.massMg ?? [])).toEqual([10, 10, 10, 9.9, 9.8, 9.7]);
    expect(run.source).toEqual({
      fileName: 'w.csv',
      formatId: 'pyris-csv',
      formatLabel: 'PerkinElmer Pyris CSV export',
      encoding: 'utf-8',
      delimiter: ',',
      decimal: '.',
      headerLine: 1,
      dataStartLine: 2,
      dataEndLine: 7,
      columns: [
        { name: 'Time', unit: '', role: 'time' },
        { name: 'Weight', unit: '', role: 'mass' },
        { name: 'Program Temperature', unit: '', role: 'channel' },
        { name: 'Sample Temperature', unit: '', role: 'temperature' },
        { name: 'Note', unit: '', role: 'ignored' },
      ],
    });
    expect(run.channels.map((c) => [c.name, c.unit])).toEqual([['Program Temperature', '°C']]);
    expect(run.segments).toEqual([
      { index: 1, label: 'hold at 25 °C', startS: 0, endS: 120, kind: 'isothermal', rateCPerMin: 0, targetC: 25 },
      { index: 2, label: '25 → 55 °C at 10 °C/min', startS: 120, endS: 300, kind: 'ramp', rateCPerMin: 10, targetC: 55 },
    ]);
    expect(run.programme).toEqual(['hold at 25 °C (0–120 s, from Program Temperature)', '25 → 55 °C at 10 °C/min (120–300 s, from Program Temperature)']);
    expect(run.warnings).toEqual(['Pyris exports write no units: read by Pyris convention as time min, weights mg, temperatures °C, flows ml/min.']);
    expect(run.sample).toEqual({ instrument: 'PerkinElmer TGA (Pyris)' });
  });
});
