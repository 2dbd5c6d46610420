import { describe, expect, it } from 'vitest';
import { FormatError } from '../types';
import { readBrukerRawRanges } from './bruker-raw';
import { brukerUxd, readUxdRanges } from './bruker-uxd';
import { missingXrd, readXrd } from '../../../../test/fixtures/xrd/paths';

const enc = new TextEncoder();

describe('Bruker UXD reader', () => {
  it('reads a values-only block on the _START/_STEPSIZE grid and several ranges', () => {
    const text = "_FILEVERSION=1\n_WL1=1.5406\n; (Data for Range number 1)\n_START=10\n_STEPSIZE=0.5\n_COUNTS\n 1 2 3\n 4\n; (Data for Range number 2)\n_START=20\n_STEPSIZE=1\n_CPS\n5 6\n";
    expect(brukerUxd.detect({ fileName: 'a.txt', headText: text, headBytes: enc.encode(text) })).toBeGreaterThanOrEqual(0.95);
    const r = readUxdRanges('a.uxd', enc.encode(text));
    expect(r.length).toBe(2);
    expect(Array.from(r[0].x)).toEqual([10, 10.5, 11, 11.5]);
    expect(Array.from(r[0].intensity)).toEqual([1, 2, 3, 4]);
    expect(Array.from(r[1].x)).toEqual([20, 21]);
    expect(r[1].metadata.dataBlock).toBe('_CPS');
    expect(r[0].wavelengthA).toBe(1.5406);
    expect(() => readUxdRanges('b.uxd', enc.encode('_FILEVERSION=1\n_COUNTS\n1 2\n'))).toThrow(FormatError);
  });
});

describe.skipIf(missingXrd('xylib-bruker-raw-uxd-xrdml'))('xylib BT86_.UXD (LGPL, read in place)', () => {
  it('reads 2374 rows whose counts equal BT86.raw and whose 2θ is within the XCH rounding', () => {
    const [u] = readUxdRanges('BT86_.UXD', readXrd('xylib-bruker-raw-uxd-xrdml/BT86_.UXD'));
    const [raw] = readBrukerRawRanges('BT86.raw', readXrd('xylib-bruker-raw-uxd-xrdml/BT86.raw'));
    expect(u.x.length).toBe(2374);
    expect(u.x[0]).toBe(3);
    expect(u.x[2373]).toBe(40);
    expect(Array.from(u.intensity)).toEqual(Array.from(raw.intensity));
    for (let i = 0; i < u.x.length; i++) expect(Math.abs(u.x[i] - raw.x[i])).toBeLessThanOrEqual(0.005);
    expect(u.radiation).toEqual({ wavelengthA: 1.5406, wavelength2A: 1.54439, ratio21: 0.5 });
    expect(u.metadata).toMatchObject({ SAMPLE: 'BT86', DRIVE: 'COUPLED', STEPSIZE: '0.015592', VARDIVERGENCE: 'V6' });
  });
});
