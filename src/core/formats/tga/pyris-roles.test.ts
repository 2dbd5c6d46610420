/**
 * Pyris exports written by hand (layouts of perkinElmer.csv and perkinElmer_tga4000.txt) whose column names only
 * resemble the role columns, and sample weights written with and without a blank before 'mg'. Expected values are
 * set by the construction.
 */
import { describe, expect, it } from 'vitest';
import { pyrisCsv, pyrisText } from './pyris';
import { pyrisRow as row } from './testkit';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('pyris: the role columns are named exactly', () => {
  it("'Sample Temperature', 'Unsubtracted Weight' and 'Baseline Weight' by their whole names; look-alikes before them are channels", () => {
    const csv = [
      'Time,Derived Sample Temperature,Sample Temperature Rate,Sample Temperature,Old Baseline Weight,Baseline Weight Raw,Baseline Weight,Weight Loss,Unsubtracted Weight',
      '0,1,2,30,9,8,0.5,0,10.5',
      '1,1,2,40,9,8,0.5,0.25,10.25',
      '',
    ].join('\n');
    const run = pyrisCsv.parse({ fileName: 'look-alike.csv', bytes: utf8(csv) });
    expect(Array.from(run.temperatureC ?? [])).toEqual([30, 40]);
    // Unsubtracted − Baseline: 10.5 − 0.5 = 10, 10.25 − 0.5 = 9.75 (both exact in binary).
    expect(Array.from(run.massMg ?? [])).toEqual([10, 9.75]);
    expect(run.massNote).toBe('Unsubtracted Weight − Baseline Weight (mg by Pyris convention; the file writes no units)');
    expect(run.source.columns.map((c) => c.role)).toEqual(['time', 'channel', 'channel', 'temperature', 'channel', 'channel', 'channel', 'channel', 'mass']);
    expect(run.channels.map((c) => [c.name, c.unit])).toEqual([
      ['Derived Sample Temperature', '°C'],
      ['Sample Temperature Rate', '°C'],
      ['Old Baseline Weight', 'mg'],
      ['Baseline Weight Raw', 'mg'],
      ['Baseline Weight', 'mg'],
      ['Weight Loss', 'mg'],
    ]);
  });
});

describe('pyrisCsv: an empty file', () => {
  it('is refused for want of a header line, at line 1, found nothing', () => {
    expect(() => pyrisCsv.parse({ fileName: 'e.csv', bytes: new Uint8Array() })).toThrow(/^e\.csv, line 1: expected a header line 'Time,Unsubtracted Weight,…', found ""$/);
  });
});

describe('pyrisText: the sample weight of the header', () => {
  const text = (weight: string): Uint8Array =>
    utf8(
      [
        'Filename:\tw.tga',
        `Sample Weight:\t${weight}`,
        'Method Steps:',
        '1)\tHold for 1.0 min at 30.00°C',
        '',
        '1) TGA Isothermal',
        '\tTime\tUnsubtracted\tSample',
        '\t\tWeight\tTemperature',
        row(0, 5, 30),
        row(1, 4.9, 30),
        '',
      ].join('\r\n'),
    );
  it("a number then 'mg', with or without a blank, is the initial mass; a value not starting with it is not", () => {
    expect(pyrisText.parse({ fileName: 'w.txt', bytes: text('5.125 mg') }).sample.initialMassMg).toBe(5.125);
    expect(pyrisText.parse({ fileName: 'w.txt', bytes: text('5.125mg') }).sample.initialMassMg).toBe(5.125);
    expect(pyrisText.parse({ fileName: 'w.txt', bytes: text('5.125  mg') }).sample.initialMassMg).toBe(5.125);
    expect(pyrisText.parse({ fileName: 'w.txt', bytes: text('approx. 5.125 mg') }).sample.initialMassMg).toBeUndefined();
    expect(pyrisText.parse({ fileName: 'w.txt', bytes: text('5.125 g') }).sample.initialMassMg).toBeUndefined();
  });
});

describe('pyris detect: the keys, the section titles and the CSV header line', () => {
  const text = (head: string[]): number => pyrisText.detect({ fileName: 'x.txt', headText: head.join('\n'), headBytes: new Uint8Array() });
  const csv = (first: string): number => pyrisCsv.detect({ fileName: 'x.csv', headText: `${first}\n0,1,2,3\n`, headBytes: new Uint8Array() });
  it('needs three of the five header keys; two are not enough, whichever two', () => {
    const section = '1) TGA Scan';
    expect(text(['Sample ID:\tx', 'Sample Weight:\t5 mg', section])).toBe(0);
    expect(text(['Data Collected:\tx', 'Total Points in Run:\t3', section])).toBe(0);
    expect(text(['Total Points in Run:\t3', 'Method Steps:', section])).toBe(0);
    expect(text(['Sample ID:\tx', 'Sample Weight:\t5 mg', 'Method Steps:', section])).toBe(0.97);
  });

  it('a section title of two-digit step number counts as a section', () => {
    const keys = ['Sample ID:\tx', 'Sample Weight:\t5 mg', 'Method Steps:'];
    expect(text([...keys, '12) TGA Scan'])).toBe(0.97);
    expect(text([...keys, 'Step 12) TGA Scan'])).toBe(0.7);
  });

  it("a CSV header needs 'Time,' first and both temperatures; a byte-order mark counts only at the start", () => {
    expect(csv('Time,Weight,Program Temperature,Sample Temperature')).toBe(0.9);
    expect(csv('Time,Weight,Sample Temperature')).toBe(0);
    expect(csv('Weight,Time,Program Temperature,Sample Temperature')).toBe(0);
    expect(csv('\uFEFFTime,Unsubtracted Weight,Baseline Weight,Program Temperature')).toBe(0.97);
    expect(csv('Time,Unsubtracted Weight,\uFEFFBaseline Weight,Program Temperature')).toBe(0);
  });
});

describe('pyrisText: header and method lines as written', () => {
  const file = (header: string[], step: string): Uint8Array =>
    utf8([...header, 'Method Steps:', step, '', '1) TGA Isothermal', '\tTime\tUnsubtracted\tSample', '\t\tWeight\tTemperature', row(0, 5, 30), row(1, 4.9, 30), ''].join('\r\n'));
  it("a 'Key:' with blanks before its tab is a key; a line led by a tab is none", () => {
    const run = pyrisText.parse({ fileName: 'h.txt', bytes: file(['Operator ID:  \tA. Lab', '\tNote:\tnot a key'], '1)\tHold for 1.0 min at 30.00°C') });
    expect(run.sample.operator).toBe('A. Lab');
    expect(run.metadata['Operator ID']).toBe('A. Lab');
    expect(run.metadata.Note).toBeUndefined();
  });

  it('a method line loses all its trailing blanks', () => {
    const run = pyrisText.parse({ fileName: 'h.txt', bytes: file([], '1)\tHold for 1.0 min at 30.00°C   ') });
    expect(run.programme).toEqual(['1)\tHold for 1.0 min at 30.00°C']);
  });
});

describe('pyris: the instrument, the CSV time check and the programme column by whole name', () => {
  const withFirmware = (fw: string): Uint8Array =>
    utf8([`Firmware Version:\t${fw}`, 'Method Steps:', '1)\tHold for 1.0 min at 30.00°C', '', '1) TGA Isothermal', '\tTime\tUnsubtracted\tSample', '\t\tWeight\tTemperature', row(0, 5, 30), row(1, 4.9, 30), ''].join('\r\n'));
  it("names the model from the firmware's first words: TGA n, Pyris n, STA n (any number of digits), else TGA", () => {
    const instrument = (fw: string) => pyrisText.parse({ fileName: 'f.txt', bytes: withFirmware(fw) }).sample.instrument;
    expect(instrument('Pyris 12.1')).toBe('PerkinElmer Pyris 12');
    expect(instrument('STA 8000 v2')).toBe('PerkinElmer STA 8000');
    expect(instrument('TGA 4000 Rev. B')).toBe('PerkinElmer TGA 4000');
    expect(instrument('Model TGA 4000')).toBe('PerkinElmer TGA');
  });

  it("checks the column named exactly 'Time' for numbers, not 'Timestamp' or 'Run Time'", () => {
    for (const other of ['Timestamp', 'Run Time']) {
      const csv = utf8(`${other},Time,Unsubtracted Weight\n1,0,10\n2,x,9.9\n`);
      expect(() => pyrisCsv.parse({ fileName: 't.csv', bytes: csv }), other).toThrow(/^t\.csv, line 3: expected a number in the Time field, found "x"$/);
    }
  });

  it("takes the programme from 'Program Temperature' only: look-alike columns change no segment", () => {
    const rows = ['0,10,30,0,0,30', '1,9.9,40,0,0,40', '2,9.8,50,0,0,50', '3,9.7,50,0,0,50', '4,9.6,50,0,0,50'];
    const plain = pyrisCsv.parse({ fileName: 'p.csv', bytes: utf8(['Time,Unsubtracted Weight,Sample Temperature,Program Temperature', ...rows.map((r) => r.split(',').filter((_, c) => c !== 3 && c !== 4).join(','))].join('\n')) });
    // 30 → 50 °C at 10 °C/min over 0–2 min, then 50 °C to 4 min.
    expect(plain.segments.map((s) => [s.kind, s.startS, s.endS])).toEqual([
      ['ramp', 0, 120],
      ['isothermal', 120, 240],
    ]);
    const header = 'Time,Unsubtracted Weight,Sample Temperature,Old Program Temperature,Program Temperature Offset,Program Temperature';
    const run = pyrisCsv.parse({ fileName: 'p.csv', bytes: utf8([header, ...rows].join('\n')) });
    expect(run.segments).toEqual(plain.segments);
  });
});

describe('pyrisText: the calibration trailer', () => {
  it('keeps its lines without trailing blanks; a tab-led line after PROFILE VALUES is no key', () => {
    const lines = ['Method Steps:', '1)\tHold for 1.0 min at 30.00°C', '', '1) TGA Isothermal', '\tTime\tUnsubtracted\tSample', '\t\tWeight\tTemperature', row(0, 5, 30), row(1, 4.9, 30), '',
      'Rate 1\t5.0 °C/min   ', '\tPROFILE VALUES FOR THIS DATA:', '\tLed by a tab\tx', 'Load Temperature\t30.0 °C', ''];
    const run = pyrisText.parse({ fileName: 'tr.txt', bytes: utf8(lines.join('\r\n')) });
    expect(run.metadata.Trailer).toBe('Rate 1\t5.0 °C/min\n\tPROFILE VALUES FOR THIS DATA:\n\tLed by a tab\tx\nLoad Temperature\t30.0 °C');
    expect(run.metadata['Load Temperature']).toBe('30.0 °C');
    expect(run.metadata['Led by a tab']).toBeUndefined();
  });
});
