/**
 * Pyris exports written by hand in the layout of the real ones (perkinElmer_tga4000.txt: header, 'Method Steps:',
 * numbered steps, section titles '1) TGA …', a two-line column header, tab-led rows; perkinElmer.csv), for what the
 * real files do not show: a Heat step written from high to low, a section without a method step, a CSV without
 * 'Sample Temperature'.
 */
import { describe, expect, it } from 'vitest';
import { missingShared, readShared } from '../../../../test/fixtures/shared-fixtures';
import { pyrisCsv, pyrisText } from './pyris';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const row = (...v: number[]): string => `\t${v.map((x) => x.toFixed(6)).join('\t')}`;

describe('pyrisText on a hand-written export', () => {
  const text = [
    'Filename:\tdown.tga',
    'Method Steps:',
    '1)\tHeat from 300.00°C to 30.00°C at 20.00°C/min',
    '2)\tHeat from 30.00°C to 30.00°C at 10.00°C/min',
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
    '',
  ].join('\r\n');

  it('a Heat step written from high to low is a cooling at a negative rate; from 30 to 30 °C it is not', () => {
    const run = pyrisText.parse({ fileName: 'down.txt', bytes: utf8(text) });
    // Sections start at 0, 2 and 4 min: 0, 120 and 240 s; the last ends on the last row, 300 s.
    expect(run.segments).toEqual([
      { index: 1, label: 'Heat from 300.00°C to 30.00°C at 20.00°C/min', startS: 0, endS: 120, kind: 'cool', rateCPerMin: -20, targetC: 30 },
      { index: 2, label: 'Heat from 30.00°C to 30.00°C at 10.00°C/min', startS: 120, endS: 240, kind: 'ramp', rateCPerMin: 10, targetC: 30 },
      // No method step 3: the section title gives the label and the kind, nothing else.
      { index: 3, label: 'TGA Isothermal', startS: 240, endS: 300, kind: 'isothermal' },
    ]);
    expect(Array.from(run.temperatureC ?? [])).toEqual([300, 281, 31, 30, 30, 30]);
  });
});

describe('pyrisCsv on hand-written and real files', () => {
  it("without 'Sample Temperature', the first column named a temperature is the temperature", () => {
    const run = pyrisCsv.parse({ fileName: 'prog.csv', bytes: utf8('Time,Unsubtracted Weight,Program Temperature\n0,10,30\n1,9.9,40\n') });
    expect(Array.from(run.temperatureC ?? [])).toEqual([30, 40]);
    expect(run.source.columns.map((c) => c.role)).toEqual(['time', 'mass', 'temperature']);
  });

  it.skipIf(missingShared('tga/cheminfo-tga-spectrum'))('perkinElmer.csv: warns of the unnamed columns that hold numbers (9 and 10), not the blank one (8)', () => {
    // Header '…,Balance Purge Flow, ,,': column 8 holds ' ' on every row, columns 9 and 10 hold numbers (30, 100).
    const run = pyrisCsv.parse({ fileName: 'perkinElmer.csv', bytes: readShared('tga/cheminfo-tga-spectrum/perkinElmer.csv') });
    expect(run.warnings).toContain('Unnamed columns kept as channels by position: Column 9, Column 10.');
  });
});
