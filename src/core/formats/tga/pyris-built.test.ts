/**
 * Pyris exports written by hand in the layout of the real ones (perkinElmer_tga4000.txt: header, 'Method Steps:',
 * numbered steps, section titles '1) TGA …', a two-line column header, tab-led rows; perkinElmer.csv), for what the
 * real files do not show: a Heat step written from high to low, a section without a method step, a CSV without
 * 'Sample Temperature'.
 */
import { describe, expect, it } from 'vitest';
import { missingShared, readShared } from '../../../../test/fixtures/shared-fixtures';
import { pyrisCsv, pyrisText } from './pyris';
import { pyrisRow as row } from './testkit';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('pyrisText on a hand-written export', () => {
  const text = [
    'Filename:\tdown.tga',
    'Method Steps:',
    '1)\tHeat from 300.00°C to 30.00°C at 20.00°C/min',
    ' ',
    '2)\tHeat from 30.00°C to 30.00°C at 10.00°C/min',
    '',
    '1) TGA Scan',
    '\tTime\tUnsubtracted\tBaseline\tProgram\tSample',
    '\t\tWeight\tWeight\tTemperature\tTemperature',
    row(0, 10, 0, 300, 300),
    row(1, 9.9, 0, 280, 281),
    '2) TGA Scan',
    row(2, 9.8, 0, 30, 31),
    row(3, 9.7, 0, 30, 30),
    '3) TGA Isothermal',
    row(4, 9.6, 0, 30, 30),
    row(5, 9.6, 0, 30, 30),
    '4) TGA Scan',
    row(6, 9.5, 0, 40, 40),
    row(7, 9.4, 0, 50, 50),
    '',
  ].join('\r\n');

  it('a Heat step written from high to low is a cooling at a negative rate; from 30 to 30 °C it is not', () => {
    const run = pyrisText.parse({ fileName: 'down.txt', bytes: utf8(text) });
    // Sections start at 0, 2, 4 and 6 min: 0, 120, 240 and 360 s; the last ends on the last row, 420 s.
    expect(run.segments).toEqual([
      { index: 1, label: 'Heat from 300.00°C to 30.00°C at 20.00°C/min', startS: 0, endS: 120, kind: 'cool', rateCPerMin: -20, targetC: 30 },
      { index: 2, label: 'Heat from 30.00°C to 30.00°C at 10.00°C/min', startS: 120, endS: 240, kind: 'ramp', rateCPerMin: 10, targetC: 30 },
      // No method steps 3 and 4: the section title gives the label and the kind, nothing else.
      { index: 3, label: 'TGA Isothermal', startS: 240, endS: 360, kind: 'isothermal' },
      { index: 4, label: 'TGA Scan', startS: 360, endS: 420, kind: 'ramp' },
    ]);
    expect(Array.from(run.temperatureC ?? [])).toEqual([300, 281, 31, 30, 30, 30, 40, 50]);
    // The method's lines without the blank ones; no trailer after the data, so none in the metadata.
    expect(run.programme).toEqual(['1)\tHeat from 300.00°C to 30.00°C at 20.00°C/min', '2)\tHeat from 30.00°C to 30.00°C at 10.00°C/min']);
    expect(run.metadata.Trailer).toBeUndefined();
  });

  it('refuses a row inside the data that is not led by a tab, naming its line', () => {
    const damaged = text.replace(row(1, 9.9, 0, 280, 281), ` ${row(1, 9.9, 0, 280, 281).slice(1)}`);
    expect(() => pyrisText.parse({ fileName: 'down.txt', bytes: utf8(damaged) })).toThrow(/^down\.txt, line 11: expected a data row of 5 tab-separated numbers/);
  });
});

describe('pyrisCsv on hand-written and real files', () => {
  it("without 'Sample Temperature', the first column named a temperature is the temperature", () => {
    const run = pyrisCsv.parse({ fileName: 'prog.csv', bytes: utf8('Time,Unsubtracted Weight,Program Temperature\n0,10,30\n1,9.9,40\n') });
    expect(Array.from(run.temperatureC ?? [])).toEqual([30, 40]);
    expect(run.source.columns.map((c) => c.role)).toEqual(['time', 'mass', 'temperature']);
  });

  it("takes the column named 'Time' as the time and subtracts only a column named 'Baseline Weight'", () => {
    const csv = 'Step Time,Time,Unsubtracted Weight,Old Baseline Weight,Sample Purge Flow\n5,0,10,1,\n5,1,9.9,1,20\n';
    const run = pyrisCsv.parse({ fileName: 'cols.csv', bytes: utf8(csv) });
    expect(Array.from(run.timeS)).toEqual([0, 60]);
    expect(Array.from(run.massMg ?? [])).toEqual([10, 9.9]);
    // A flow with one empty cell is still a channel (only an all-empty column is ignored).
    expect(run.source.columns.map((c) => c.role)).toEqual(['channel', 'time', 'mass', 'channel', 'channel']);
  });

  it.skipIf(missingShared('tga/cheminfo-tga-spectrum'))('perkinElmer.csv: warns of the unnamed columns that hold numbers (9 and 10), not the blank one (8)', () => {
    // Header '…,Balance Purge Flow, ,,': column 8 holds ' ' on every row, columns 9 and 10 hold numbers (30, 100).
    const run = pyrisCsv.parse({ fileName: 'perkinElmer.csv', bytes: readShared('tga/cheminfo-tga-spectrum/perkinElmer.csv') });
    expect(run.warnings).toContain('Unnamed columns kept as channels by position: Column 9, Column 10.');
  });
});
