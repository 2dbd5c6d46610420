/**
 * STARe exports written by hand in the layout of the real ones (mettlerToledoWeight.txt: title line, 'Curve Name:'
 * label, 'Curve Values:', the 'Index t Ts Tr Value' column line, the units line, blocks 'Name:' with indented lines),
 * for what no real file shows: a curve in µg, an operator indented deeper than STARe's two spaces.
 */
import { describe, expect, it } from 'vitest';
import { missingShared, readShared } from '../../../../test/fixtures/shared-fixtures';
import { mettlerStare } from './mettler-stare';

/** Windows-1252 bytes (STARe's encoding) for text below U+0100 (° = 0xB0, µ = 0xB5). */
const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (ch) => ch.charCodeAt(0));
const pad = (v: string): string => v.padStart(15);
const stare = (massUnit: string, masses: string[], extra: string[] = [], before: string[] = []): Uint8Array =>
  latin1(
    [
      `Title${' '.repeat(59)}04.12.2026 09:30`,
      '_'.repeat(80),
      '',
      ...before,
      'Curve Name:',
      '  =NiO-1',
      '  Sample Weight',
      'Curve Values:',
      ['Index', 't', 'Ts', 'Tr', 'Value'].map(pad).join(''),
      ['', '[s]', '[°C]', '[°C]', `[${massUnit}]`].map(pad).join(''),
      ...masses.map((m, i) => [String(i), String(60 * i), (25 + 10 * i).toFixed(3), (25 + 10 * i).toFixed(3), m].map(pad).join('')),
      '',
      '',
      'Sample:',
      '  NiO-1, 10.0000 mg',
      ...extra,
      '',
    ].join('\r\n'),
  );

describe('mettlerStare on hand-written exports', () => {
  it('converts a curve in µg to mg (× 0.001) and says so', () => {
    const run = mettlerStare.parse({ fileName: 'ug.txt', bytes: stare('µg', ['10000.0', '9990.0', '9980.0']) });
    expect(Array.from(run.massMg ?? []).map((m) => Number(m.toPrecision(12)))).toEqual([10, 9.99, 9.98]);
    expect(run.massNote).toBe('Value [µg] × 0.001 → mg');
    expect(Array.from(run.timeS)).toEqual([0, 60, 120]);
    expect(run.sample.initialMassMg).toBe(10);
  });

  it('reads the operator without the blanks of a deeper indent', () => {
    const run = mettlerStare.parse({ fileName: 'user.txt', bytes: stare('mg', ['10.0', '9.99', '9.98'], ['User:', '    A. Lab', 'Method:', '  650 TGA/DSC']) });
    expect(run.sample.operator).toBe('A. Lab');
    expect(run.sample.method).toBe('650 TGA/DSC');
  });

  it('a column line without a units line under it is not a curve', () => {
    const quoted = ['Experiment Comments:', '  exported as', ['Index', 't', 'Ts', 'Tr', 'Value'].map(pad).join(''), '  from STARe', ''];
    const run = mettlerStare.parse({ fileName: 'q.txt', bytes: stare('mg', ['10.0', '9.99', '9.98'], [], quoted) });
    expect(Array.from(run.massMg ?? [])).toEqual([10, 9.99, 9.98]);
  });

  it("keeps a second curve's own Results apart from the mass curve's", () => {
    const heatFlow = [
      '',
      'Curve Name:',
      '  =NiO-1',
      '  Heat Flow',
      'Curve Values:',
      ['Index', 't', 'Ts', 'Tr', 'Value'].map(pad).join(''),
      ['', '[s]', '[°C]', '[°C]', '[mW]'].map(pad).join(''),
      ...['0.5', '0.7', '0.4'].map((v, i) => [String(i), String(60 * i), (25 + 10 * i).toFixed(3), (25 + 10 * i).toFixed(3), v].map(pad).join('')),
      '',
      'Results:',
      '  Peak\t35.00 °C',
      '',
    ];
    const run = mettlerStare.parse({ fileName: 'two.txt', bytes: stare('mg', ['10.0', '9.99', '9.98'], heatFlow) });
    expect(run.channels.map((c) => c.name)).toEqual(['Reference temperature', 'Heat Flow']);
    expect(run.metadata['Results (Heat Flow)']).toBe('Peak\t35.00 °C');
    expect(run.metadata['Results']).toBeUndefined();
  });

  it('claims a column line only where it starts a line: "… Index t Ts" inside a sentence is not one', () => {
    const units = ['', '[s]', '[°C]', '[mg]'].map(pad).join('');
    const detect = (line: string): number => mettlerStare.detect({ fileName: 'x.txt', headText: `${line}\n${units}\n`, headBytes: new Uint8Array() });
    expect(detect(['Index', 't', 'Ts', 'Value'].map(pad).join(''))).toBe(0.95);
    expect(detect('Sorted by Index t Ts Value')).toBe(0);
  });
});

describe.skipIf(missingShared('tga/cheminfo-tga-spectrum'))('mettlerStare: results belong to their own curve', () => {
  it('gives the heat-flow and DTG curves no results: their Results blocks are empty in the file', () => {
    // mettlerToledoWeight.txt: 'Results:' on line 2266 holds the mass curve's steps; those on 4617 and 6939 (the
    // heat-flow and DTG curves) are followed directly by 'Texts:'.
    const run = mettlerStare.parse({ fileName: 'mettlerToledoWeight.txt', bytes: readShared('tga/cheminfo-tga-spectrum/mettlerToledoWeight.txt') });
    expect(run.metadata['Results']).toContain('Step\t-66.9395 %');
    expect(Object.keys(run.metadata).filter((k) => k.startsWith('Results ('))).toEqual([]);
    // Its 22 lines (11 per step) without the blank line between the steps.
    expect(run.metadata['Results'].split('\n')).toHaveLength(22);
  });
});
