/**
 * STARe exports written by hand in the layout of the real ones (mettlerToledoWeight.txt, as in
 * mettler-stare-built.test.ts), for the sample name when there is no Sample block, block lines indented by a tab,
 * and the footer that names the software. Expected values are set by the construction.
 */
import { describe, expect, it } from 'vitest';
import { mettlerStare } from './mettler-stare';

/** Windows-1252 bytes (STARe's encoding) for text below U+0100 (° = 0xB0). */
const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (ch) => ch.charCodeAt(0));
const pad = (v: string): string => v.padStart(15);
const curve = (label: string[]): string[] => [
  ...label,
  'Curve Values:',
  ['Index', 't', 'Ts', 'Tr', 'Value'].map(pad).join(''),
  ['', '[s]', '[°C]', '[°C]', '[mg]'].map(pad).join(''),
  ...['10.0', '9.99', '9.98'].map((m, i) => [String(i), String(60 * i), (25 + 10 * i).toFixed(3), (25 + 10 * i).toFixed(3), m].map(pad).join('')),
  '',
];
const stare = (parts: { before?: string[]; label?: string[]; after?: string[] }): Uint8Array =>
  latin1([`Title${' '.repeat(59)}04.12.2026 09:30`, '_'.repeat(80), '', ...(parts.before ?? []), ...curve(parts.label ?? []), ...(parts.after ?? []), ''].join('\r\n'));
const parse = (parts: Parameters<typeof stare>[0]) => mettlerStare.parse({ fileName: 'hand.txt', bytes: stare(parts) });

describe('mettlerStare: the sample name without a Sample block', () => {
  it("is the curve's first title line without its leading '=' or '\\' and without a trailing ', dd.mm.yyyy …'", () => {
    expect(parse({ label: ['Curve Name:', '  =NiO-1, 04.12.2026 09:30'] }).sample.name).toBe('NiO-1');
    expect(parse({ label: ['Curve Name:', '  \\NiO-2,04.12.2026'] }).sample.name).toBe('NiO-2');
    expect(parse({ label: ['Curve Name:', '  NiO-3 (H2=5%)'] }).sample.name).toBe('NiO-3 (H2=5%)');
    // Not a date: one-digit day, a two-digit year, or no year.
    expect(parse({ label: ['Curve Name:', '  =NiO-6, 04.12.26'] }).sample.name).toBe('NiO-6, 04.12.26');
    expect(parse({ label: ['Curve Name:', '  =NiO-4, 4.12.2026'] }).sample.name).toBe('NiO-4, 4.12.2026');
    expect(parse({ label: ['Curve Name:', '  =NiO-5, 04.12.'] }).sample.name).toBe('NiO-5, 04.12.');
  });

  it('no Sample block and no curve label: no name, and the rest of the sample still read', () => {
    const run = parse({});
    expect(run.sample).toEqual({ instrument: 'Mettler-Toledo (STARe)', date: '04.12.2026 09:30' });
    expect(Array.from(run.massMg ?? [])).toEqual([10, 9.99, 9.98]);
  });
});

describe('mettlerStare: block lines', () => {
  it("drops STARe's two-blank indent only at the start: a tab-indented line keeps its inner double blank", () => {
    const run = parse({ after: ['Method:', '\tReduce  10 K/min', 'User:', '  A.  Lab'] });
    expect(run.metadata.Method).toBe('\tReduce  10 K/min');
    expect(run.sample.method).toBe('Reduce  10 K/min');
    expect(run.metadata.User).toBe('A.  Lab');
    expect(run.sample.operator).toBe('A.  Lab');
  });
});

describe('mettlerStare: the software is read from the footer only', () => {
  it("'STARe SW …' quoted in a block before the curve is not the footer", () => {
    const run = parse({ before: ['Experiment Comments:', '  converted from STARe SW 9.01', ''], label: ['Curve Name:', '  =NiO-1'] });
    expect(run.metadata.Software).toBeUndefined();
    expect(run.sample.instrument).toBe('Mettler-Toledo (STARe)');
  });

  it('the footer within the last three lines is', () => {
    const run = parse({ label: ['Curve Name:', '  =NiO-1'], after: ['', 'STARe SW 16.20', ''] });
    expect(run.metadata.Software).toBe('STARe SW 16.20');
    expect(run.sample.instrument).toBe('Mettler-Toledo (STARe SW 16.20)');
  });
});
