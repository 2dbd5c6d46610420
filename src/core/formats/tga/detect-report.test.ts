/**
 * index.ts, the rest of what a user reads: refusals of near-ZIP heads and of long texts (only the first 4096
 * characters are weighed for control characters), the report lines at their limits (the 0.5 °C tolerance of a named
 * extreme, the first backwards point only, empty sample fields left out), and importTga handing the parser's run
 * through untouched when it adds no warning.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TgaRun } from '../../../shared/types';
import { tgaRun } from '../../tga/testkit';
import { describeImport, importTga, temperatureLine, tgaFormats, tryImportTga } from './index';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const known = (): string => tgaFormats.map((f) => f.label).join('; ');
const refusal = (name: string, bytes: Uint8Array): string => {
  const out = tryImportTga(name, bytes);
  return out.ok ? 'read' : out.message;
};
const generic = (name: string): string =>
  `${name}: expected a TGA export (${known()}) or a table with time and mass columns; no known format and no numeric table with a recognisable header was found (a column mapping can name the columns)`;

const f64 = (xs: number[]): Float64Array => Float64Array.from(xs);

/** A run as a parser returns it (times running back at the third point unless `over` says otherwise). */
const base = (over: Partial<TgaRun>): TgaRun =>
  tgaRun({
    source: { fileName: 'r.csv', formatId: 'generic-table', formatLabel: 'Table', headerLine: 1, dataStartLine: 2, dataEndLine: 5 },
    timeS: f64([0, 60, 30, 10]),
    massMg: f64([10, 9.9, 9.8, 9.7]),
    massNote: 'm',
    ...over,
  });

describe('refusals: ZIP signatures and long texts', () => {
  const words = 'some words and no table at all '.repeat(4);
  it('only all four bytes PK 03 04 make a ZIP container', () => {
    const zipMessage = (name: string): string => `${name}: expected a NETZSCH .ngb archive, an Excel workbook or a text export; this ZIP container is none of them. Readable formats: ${known()}`;
    expect(refusal('z.bin', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...utf8(words)]))).toBe(zipMessage('z.bin'));
    for (const head of [
      [0x51, 0x4b, 0x03, 0x04],
      [0x50, 0x4c, 0x03, 0x04],
      [0x50, 0x4b, 0x02, 0x04],
      [0x50, 0x4b, 0x03, 0x05],
    ]) {
      expect(refusal('n.bin', Uint8Array.from([...head, ...utf8(words)])), head.join(' ')).toBe(generic('n.bin'));
    }
    // the four signature bytes alone are a ZIP container too
    expect(refusal('four.bin', Uint8Array.from([0x50, 0x4b, 0x03, 0x04]))).toBe(zipMessage('four.bin'));
    // three bytes 'PK' 03 are too short for the signature (and the decoded head keeps whole byte pairs: 'PK')
    expect(refusal('s.bin', Uint8Array.from([0x50, 0x4b, 0x03]))).toBe(generic('s.bin'));
  });

  it('JSON only when the text starts with { or [ (after blanks); brackets later in a text are no JSON', () => {
    expect(refusal('b.txt', utf8('hello [world] {x}\n'))).toBe(generic('b.txt'));
  });

  it('a file that is read says ok', () => {
    const out = tryImportTga('t.csv', utf8('time_s,mass_mg\n0,10\n60,9.9\n120,9.8\n'));
    expect(out.ok).toBe(true);
    expect(out.ok && Array.from(out.run.timeS)).toEqual([0, 60, 120]);
  });

  it('control characters after the first 4096 characters are not weighed', () => {
    const late = utf8(`${'x'.repeat(4096)}${'\u0001'.repeat(1000)}`);
    expect(refusal('late.txt', late)).toBe(generic('late.txt'));
    // 204 of the first 4096 characters (under 5 %: 204.8) and one more at index 4096: text
    const edge = utf8(`${'x'.repeat(3892)}${'\u0001'.repeat(205)}${'x'.repeat(100)}`);
    expect(refusal('edge.txt', edge)).toBe(generic('edge.txt'));
    const early = utf8(`${'\u0001'.repeat(1000)}${'x'.repeat(4096)}`);
    expect(refusal('early.txt', early)).toBe(`early.txt: expected a text export (this file looks binary). Readable formats: ${known()}`);
  });
});

describe('report lines at their limits', () => {
  it('an extreme is named only when more than 0.5 °C from both ends (a range under 50 °C)', () => {
    expect(temperatureLine(f64([0, 1, 2]), f64([20, 20.6, 20]))).toBe('Temperature: 20–20.6 °C (first 20 → max 20.6 at 1 s → last 20 °C)');
    expect(temperatureLine(f64([0, 1, 2]), f64([20, 20.5, 20]))).toBe('Temperature: 20–20.5 °C (first 20 → last 20 °C)');
    expect(temperatureLine(f64([0, 1, 2]), f64([20, 19.4, 20]))).toBe('Temperature: 19.4–20 °C (first 20 → min 19.4 at 1 s → last 20 °C)');
    // exactly 0.5 °C from one end and farther from the other: not named (more than the tolerance from both ends)
    expect(temperatureLine(f64([0, 1, 2]), f64([20, 19.5, 25]))).toBe('Temperature: 19.5–25 °C (first 20 → last 25 °C)');
    expect(temperatureLine(f64([0, 1, 2]), f64([25, 19.5, 20]))).toBe('Temperature: 19.5–25 °C (first 25 → last 20 °C)');
    // the tolerance is 1 % of the range (max − min): 500–1000 °C gives 5 °C, so a max 10 °C above the last is named
    expect(temperatureLine(f64([0, 1, 2]), f64([500, 1000, 990]))).toBe('Temperature: 500–1000 °C (first 500 → max 1000 at 1 s → last 990 °C)');
    // a maximum at the first point stays the maximum; a minimum held is named where first reached
    expect(temperatureLine(f64([0, 1, 2]), f64([700, 20, 100]))).toBe('Temperature: 20–700 °C (first 700 → min 20 at 1 s → last 100 °C)');
    expect(temperatureLine(f64([0, 10, 20, 30]), f64([100, 50, 50, 100]))).toBe('Temperature: 50–100 °C (first 100 → min 50 at 10 s → last 100 °C)');
    // far from the first point but not from the last: not named
    expect(temperatureLine(f64([0, 1, 2]), f64([20, 30, 29.8]))).toBe('Temperature: 20–30 °C (first 20 → last 29.8 °C)');
  });


  it('time running backwards twice: only the first point is named', () => {
    expect(describeImport(base({})).filter((l) => l.startsWith('Warning'))).toEqual(['Warning: Time runs backwards at data point 3 (30 s after 60 s); the analysis stops before it.']);
  });

  it('a repeated time is not time running backwards', () => {
    expect(describeImport(base({ timeS: f64([0, 60, 60, 120]) })).filter((l) => l.startsWith('Warning'))).toEqual([]);
  });

  it('empty sample fields are left out; a temperature column of an empty run gives no temperature line', () => {
    const lines = describeImport(base({ sample: { name: '', instrument: '', date: '', operator: '', crucible: '' } }));
    expect(lines).toContain('Sample: no name, no stated mass');
    const empty = describeImport(base({ timeS: f64([]), massMg: f64([]), temperatureC: f64([]) }));
    expect(empty.some((l) => l.startsWith('Temperature'))).toBe(false);
    expect(empty).toEqual([
      'File: r.csv',
      'Format: Table (generic-table)',
      'Text: encoding utf-8',
      'Rows: 0 (lines 2–5, header line 1)',
      'Columns: ',
      'Sample: no name, no stated mass',
      'Mass: m',
      'Segments: none',
      'Gas events: none',
    ]);
  });
});

describe('importTga hands the run through', () => {
  let added = 0;
  afterEach(() => {
    tgaFormats.splice(0, added);
    added = 0;
  });
  it("a plausible run is the parser's own object, not a copy; an implausible one gets a copy with the warning added", () => {
    const run = (mass: number[]): TgaRun =>
      base({
        source: { fileName: 'p.x', formatId: 'stand-in', formatLabel: 'Stand-in', encoding: 'utf-8', headerLine: 0, dataStartLine: 0, dataEndLine: 0, columns: [] },
        timeS: f64([0, 60, 120]),
        massMg: f64(mass),
        warnings: ['from the parser'],
      });
    const plausible = run([10, 9.9, 9.8]);
    let next = plausible;
    tgaFormats.unshift({ id: 'stand-in', label: 'Stand-in', technique: 'tga', extensions: [], detect: () => 0.99, parse: () => next });
    added = 1;
    expect(importTga('p.x', utf8('anything'))).toBe(plausible);
    next = run([1000, 2000000, 2000000]);
    const out = importTga('p.x', utf8('anything'));
    expect(out).not.toBe(next);
    expect(out.warnings[0]).toBe('from the parser');
    expect(out.warnings.length).toBe(2);
    expect(next.warnings).toEqual(['from the parser']);
  });
});
