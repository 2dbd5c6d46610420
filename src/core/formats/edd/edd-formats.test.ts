import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../types';
import { detectEddFormat, parseAmptekMca, parseEddColumns, parseSpecMca, readEddFile, withCalibration } from './index';

const dir = path.resolve(__dirname, '../../../../test/fixtures/simulated/edd');
const bytes = (f: string): Uint8Array => readFileSync(path.join(dir, f));
const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8'));

describe('Amptek MCA', () => {
  const s = parseAmptekMca('au_ambient_calibration.mca', bytes('au_ambient_calibration.mca'));
  it('reads 4096 channels, times and the quadratic calibration through the listed pairs', () => {
    expect(s.counts.length).toBe(4096);
    expect(s.channel[0]).toBe(0);
    expect(s.liveTimeS).toBe(600);
    expect(s.realTimeS).toBe(612.5);
    expect(s.startTime).toBe('2024-06-07T10:00:00');
    const { a, b, c } = truth.energyCalibration;
    expect(s.calibration?.a).toBeCloseTo(a, 6);
    expect(s.calibration?.b).toBeCloseTo(b, 9);
    expect(s.calibration?.c).toBeCloseTo(c, 13);
    expect(s.energyKeV![4095]).toBeCloseTo(a + b * 4095 + c * 4095 ** 2, 6);
    expect(s.warnings).toEqual([]);
  });
  it('first and last counts are the file\'s', () => {
    const lines = readFileSync(path.join(dir, 'au_ambient_calibration.mca'), 'utf8').split('\n');
    const d0 = lines.indexOf('<<DATA>>');
    expect(s.counts[0]).toBe(Number(lines[d0 + 1]));
    expect(s.counts[4095]).toBe(Number(lines[d0 + 4096]));
    expect(s.dataStartLine).toBe(d0 + 2);
  });
  it('names the file and line of a bad count, and says when <<DATA>> is missing', () => {
    const bad = '<<PMCA SPECTRUM>>\nLIVE_TIME - 1\n<<DATA>>\n' + '5\n'.repeat(20) + 'x12\n<<END>>\n';
    expect(() => parseAmptekMca('bad.mca', text(bad))).toThrow(FormatError);
    expect(() => parseAmptekMca('bad.mca', text(bad))).toThrow(/bad\.mca, line 24: expected one non-negative count/);
    expect(() => parseAmptekMca('nodata.mca', text('<<PMCA SPECTRUM>>\nLIVE_TIME - 1\n'))).toThrow(/nodata\.mca: expected a <<DATA>> section/);
  });
  it('warns about a truncated file and a one-point calibration', () => {
    const t = '<<PMCA SPECTRUM>>\n<<CALIBRATION>>\nLABEL - Channel\n10 1.0\n<<DATA>>\n' + '3\n'.repeat(32);
    const r = parseAmptekMca('t.mca', text(t));
    expect(r.counts.length).toBe(32);
    expect(r.energyKeV).toBeNull();
    expect(r.warnings.join(' ')).toMatch(/truncated/);
    expect(r.warnings.join(' ')).toMatch(/one calibration point/);
  });
});

describe('SPEC with @A MCA lines', () => {
  const spectra = parseSpecMca('re_gasket.spec', bytes('re_gasket.spec'));
  it('reads every @A spectrum with its scan, calibration and date', () => {
    expect(spectra.map((s) => s.label)).toEqual(['S1 #1', 'S2 #1']);
    expect(spectra[0].counts.length).toBe(4096);
    expect(spectra[1].startTime).toBe('2023-03-02T10:20:40');
    expect(spectra[0].calibration?.b).toBe(truth.energyCalibration.b);
    expect(spectra[0].liveTimeS).toBe(59.1);
  });
  it('names the line of a bad value', () => {
    const bad = '#S 1 ct\n#@CALIB 0 0.1 0\n@A ' + '1 '.repeat(20) + '-4\n';
    expect(() => parseSpecMca('b.spec', text(bad))).toThrow(/b\.spec, line 3: expected non-negative counts on the @A line \(value 21\)/);
  });
});

describe('columns', () => {
  it('reads energy (keV) and counts with a header', () => {
    const [s] = readEddFile('au_mgo_5.38GPa.csv', bytes('au_mgo_5.38GPa.csv'));
    expect(s.formatId).toBe('edd-columns');
    expect(s.energyKeV?.length).toBe(4096);
    expect(s.energyKeV![0]).toBeCloseTo(0.05, 5);
    const [m] = readEddFile('au_mgo_5.38GPa.mca', bytes('au_mgo_5.38GPa.mca'));
    expect(Array.from(s.counts)).toEqual(Array.from(m.counts));
  });
  it('reads channels, eV and a counts-only column', () => {
    const rows = Array.from({ length: 20 }, (_, i) => i);
    expect(parseEddColumns('c.txt', text('Channel Counts\n' + rows.map((i) => `${i} ${i * 2}`).join('\n'))).energyKeV).toBeNull();
    expect(parseEddColumns('e.txt', text('Energy (eV)\tCounts\n' + rows.map((i) => `${1000 * (i + 20)}\t${i}`).join('\n'))).energyKeV![0]).toBe(20);
    const one = parseEddColumns('one.txt', text(rows.map((i) => String(i + 5)).join('\n')));
    expect(one.channel[19]).toBe(19);
    expect(one.warnings[0]).toMatch(/counts of channels/);
  });
  it('refuses a descending axis with the line', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `${100 - i} 5`);
    expect(() => parseEddColumns('d.txt', text('# Energy keV\n' + rows.join('\n')))).toThrow(/d\.txt, line 3: expected an ascending first column/);
  });
});

describe('detection and calibration', () => {
  it('detects each format by content', () => {
    expect(detectEddFormat('x.txt', bytes('au_ambient_calibration.mca'))?.id).toBe('amptek-mca');
    expect(detectEddFormat('x.mca', bytes('re_gasket.spec'))?.id).toBe('spec-mca');
    expect(detectEddFormat('x.mca', bytes('au_mgo_5.38GPa.csv'))?.id).toBe('edd-columns');
    expect(() => readEddFile('notes.txt', text('hello\nworld\n'))).toThrow(/notes\.txt: expected an EDD spectrum/);
  });
  it('a user calibration replaces the file\'s and must increase', () => {
    const [s] = readEddFile('a.mca', bytes('au_ambient_calibration.mca'), { a: 1, b: 0.04, c: 0 });
    expect(s.calibration?.source).toBe('user');
    expect(s.energyKeV![10]).toBeCloseTo(1.4, 12);
    expect(() => withCalibration(s, { a: 0, b: -1, c: 0 })).toThrow(/b > 0/);
  });
});
