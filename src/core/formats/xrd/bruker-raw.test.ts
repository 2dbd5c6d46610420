import { describe, expect, it } from 'vitest';
import { FormatError } from '../types';
import { brukerRaw, readBrukerRawRanges } from './bruker-raw';
import { parseXye } from './xye';
import { missingXrd, readXrd } from '../../../../test/fixtures/xrd/paths';

describe('Bruker RAW reader', () => {
  it.skipIf(missingXrd('topas-P25-anatase-rutile-heating'))('reads the 20 ranges of degussa.raw (RAW1.01) with their logged temperatures; counts equal the .xye files', () => {
    const bytes = readXrd('topas-P25-anatase-rutile-heating/degussa.raw');
    expect(brukerRaw.detect({ fileName: 'degussa.raw', headText: '', headBytes: bytes.subarray(0, 64) })).toBeGreaterThanOrEqual(0.95);
    const ranges = readBrukerRawRanges('degussa.raw', bytes);
    expect(ranges.length).toBe(20);
    for (const r of ranges) {
      expect(r.x.length).toBe(6313);
      expect(r.x[0]).toBe(20);
      expect(r.x[6312]).toBeCloseTo(110.00596, 5);
      expect(r.metadata['time per step s']).toBe('36.6');
    }
    expect(ranges[0].temperatureC).toBeCloseTo(30, 6);
    expect(ranges[1].temperatureC).toBeCloseTo(323.05 - 273.15, 6);
    expect(ranges[18].temperatureC).toBeCloseTo(1173.05 - 273.15, 6);
    expect(ranges[19].temperatureC).toBeCloseTo(300.05 - 273.15, 6);
    expect(ranges[0].radiation).toEqual({ wavelengthA: 1.5406, wavelength2A: 1.54439, ratio21: 0.5 });
    expect(ranges[0].metadata.sampleId).toBe('Degussa');
    expect(ranges[0].metadata.anode).toBe('Cu');
    expect(ranges[0].metadata.date).toBe('12/18/07');
    for (const k of [0, 7, 19]) {
      const name = `degussa_${String(k).padStart(3, '0')}.xye`;
      const xye = parseXye(name, readXrd(`topas-P25-anatase-rutile-heating/xye-files/${name}`));
      expect(Array.from(ranges[k].intensity)).toEqual(Array.from(xye.intensity));
      for (let i = 0; i < 6313; i += 500) expect(Math.abs(ranges[k].x[i] - xye.x[i])).toBeLessThanOrEqual(5.0001e-5); // xye rounds 2θ to 4 decimals
    }
  });
  it.skipIf(missingXrd('datalab-xrd-formats', 'geddes-vendor-formats'))('reads RAW4.00 files written by V5Converter (TiO2.raw, bruker4_v5converter.raw)', () => {
    const [t] = readBrukerRawRanges('TiO2.raw', readXrd('datalab-xrd-formats/TiO2.raw'));
    expect(t.x.length).toBe(1647);
    expect(t.x[0]).toBe(10);
    expect(t.x[1646]).toBeCloseTo(70.041142, 6);
    expect(t.intensity[0]).toBe(557);
    expect(Array.from(t.intensity).every((v) => Number.isInteger(v))).toBe(true);
    expect(t.radiation).toEqual({ wavelengthA: 1.5406, wavelength2A: 1.54439, ratio21: 0.5 });
    expect(t.metadata).toMatchObject({ version: 'RAW4.00', SAMPLEID: 'TiO2', CREATOR: 'V5Converter', CREATOR_VERSION: '1.1.0.7', date: '07/11/2018', kV: '30', mA: '10' });
    const [c] = readBrukerRawRanges('bruker4_v5converter.raw', readXrd('geddes-vendor-formats/bruker4_v5converter.raw'));
    expect(c.x.length).toBe(4059);
    expect(c.x[0]).toBeCloseTo(37.0001, 9);
    expect(c.x[4058]).toBeCloseTo(120.00464, 5);
    expect(c.metadata.SAMPLEID).toBe('Cu-12%Ag_500C1700h_P5n5rpm1_RT');
    expect(c.metadata.USER).toBe('Yanyan');
    expect(Array.from(c.intensity).every((v) => Number.isInteger(v))).toBe(true);
  });
  it.skipIf(missingXrd('geddes-vendor-formats'))('refuses the undocumented 8-bytes-per-step RAW4 layout with a clear message', () => {
    expect(() => readBrukerRawRanges('bruker4_diffrac_eva.raw', readXrd('geddes-vendor-formats/bruker4_diffrac_eva.raw'))).toThrow(/8 bytes per step/);
    expect(() => readBrukerRawRanges('x.raw', new TextEncoder().encode('RAW2 something'))).toThrow(FormatError);
  });
});

describe.skipIf(missingXrd('xylib-bruker-raw-uxd-xrdml'))('xylib RAW1.01 samples (LGPL, read in place)', () => {
  it('reads BT86.raw and the 3-range format1.raw', () => {
    const [b] = readBrukerRawRanges('BT86.raw', readXrd('xylib-bruker-raw-uxd-xrdml/BT86.raw'));
    expect(b.x.length).toBe(2374);
    expect(b.x[0]).toBe(3);
    expect(b.x[2373]).toBeCloseTo(40.0002906, 6);
    expect(b.metadata['time per step s']).toBe('0.5');
    const f = readBrukerRawRanges('format1.raw', readXrd('xylib-bruker-raw-uxd-xrdml/format1.raw'));
    expect(f.map((r) => r.x.length)).toEqual([101, 26, 51]);
    expect(f.map((r) => r.x[0])).toEqual([10, 30, 40]);
    expect(f[1].x[25]).toBeCloseTo(35, 9);
    expect(f[2].x[50]).toBeCloseTo(45, 9);
    const [cu] = readBrukerRawRanges('Cu3Au-1.raw', readXrd('xylib-bruker-raw-uxd-xrdml/Cu3Au-1.raw'));
    expect(cu.x.length).toBe(3901);
    expect(cu.x[3900]).toBeCloseTo(100, 9);
  });
});
