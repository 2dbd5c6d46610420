import { describe, expect, it } from 'vitest';
import { FormatError } from '../types';
import { brukerRaw, readBrukerRawRanges } from './bruker-raw';
import { parseXye } from './xye';
import { missingXrd, readXrd } from '../../../../test/fixtures/xrd/paths';
import { missingShared, readShared } from '../../../../test/fixtures/shared-fixtures';
import { importPatterns } from './index';

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
    expect(() => readBrukerRawRanges('x.raw', new TextEncoder().encode('RAW2 something'))).toThrow(/^x\.raw: expected the 256-byte RAW2 file header/);
    expect(() => readBrukerRawRanges('x.raw', new TextEncoder().encode('RAW3.00 something'))).toThrow(FormatError);
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

/**
 * The DIFFRAC-AT v1 and v2 samples of ../shared/fixtures/more-layouts/xrd (PyXRD's test files, BSD-2-Clause, read in
 * place). Expected values: scripts/reference/read_more_layouts.py, an independent reading of the documented layouts
 * (run with Debian's python3; float32 fields printed as stored: start 4.980000019073486, step 0.03999999910593033,
 * Kα1 1.5405999422073364 — the reader takes the decimals they were written from, 4.98, 0.04, 1.5406).
 */
describe.skipIf(missingShared('more-layouts/xrd'))('Bruker RAW v1 and v2 (more-layouts)', () => {
  it("reads brk_raw1.raw ('RAW ', one range)", () => {
    const bytes = readShared('more-layouts/xrd/brk_raw1.raw');
    expect(brukerRaw.detect({ fileName: 'brk_raw1.raw', headText: '', headBytes: bytes.subarray(0, 64) })).toBeGreaterThanOrEqual(0.95);
    const [p, ...rest] = readBrukerRawRanges('brk_raw1.raw', bytes);
    expect(rest).toEqual([]);
    expect(p.x.length).toBe(876);
    expect(p.x[0]).toBe(4.98);
    expect(p.x[875]).toBeCloseTo(39.98, 10);
    expect(p.x[875]).toBeCloseTo(39.979999236762524, 5); // the script's float32 arithmetic
    expect(p.x[1] - p.x[0]).toBeCloseTo(0.04, 12);
    expect([p.intensity[0], p.intensity[875]]).toEqual([665, 266]);
    expect(p.intensity.reduce((a, b) => a + b, 0)).toBe(550306);
    expect(Math.max(...p.intensity)).toBe(12880);
    expect(p.wavelengthA).toBe(1.5406);
    expect(p.radiation).toEqual({ wavelengthA: 1.5406, wavelength2A: 1.54443 });
    expect(p.metadata).toMatchObject({ version: 'RAW v1 (DIFFRAC-AT)', sampleName: 'VINAIGRE', 'time per step s': '4', 'start 2θ': '4.98', 'step 2θ': '0.04', steps: '876', ranges: '1' });
    expect(p.metadata['scan direction']).toBeUndefined();
  });

  it("reads brk_raw2.raw ('RAW2', one range)", () => {
    const bytes = readShared('more-layouts/xrd/brk_raw2.raw');
    expect(brukerRaw.detect({ fileName: 'brk_raw2.raw', headText: '', headBytes: bytes.subarray(0, 64) })).toBeGreaterThanOrEqual(0.95);
    const [p, ...rest] = readBrukerRawRanges('brk_raw2.raw', bytes);
    expect(rest).toEqual([]);
    expect(p.x.length).toBe(7251);
    expect(p.x[0]).toBe(5);
    expect(p.x[7250]).toBeCloseTo(150, 10);
    expect(p.x[7250]).toBeCloseTo(149.99999675899744, 4);
    expect([p.intensity[0], p.intensity[7250]]).toEqual([222, 65]);
    expect(p.intensity.reduce((a, b) => a + b, 0)).toBe(1567326);
    expect(Math.max(...p.intensity)).toBe(25185);
    expect(p.radiation).toEqual({ wavelengthA: 1.5406, wavelength2A: 1.5443, ratio21: 0.514 });
    expect(p.temperatureC).toBeNull(); // 65535 K = not recorded
    expect(p.metadata).toMatchObject({ version: 'RAW2 (DIFFRAC-AT v2)', anode: 'Cu', 'date time': '19-12-199721:57', 'time per step s': '3', 'step 2θ': '0.02', steps: '7251' });
    expect(p.metadata.header).toMatch(/^ZINCITE\.DAT Converted from UXD format by XCH Version 1$/);
  });

  it('names the file and the byte offset when a v1 or v2 file is cut short', () => {
    const v1 = readShared('more-layouts/xrd/brk_raw1.raw');
    expect(() => readBrukerRawRanges('cut1.raw', v1.subarray(0, 100))).toThrow(/^cut1\.raw: expected the 152-byte header of range 1 at byte 4, found "end of file at byte 100/);
    expect(() => readBrukerRawRanges('cut1.raw', v1.subarray(0, 2000))).toThrow(/^cut1\.raw: expected 876 float32 counts for range 1 at byte 156, found "end of file at byte 2000 \(truncated file\)"/);
    const v2 = readShared('more-layouts/xrd/brk_raw2.raw');
    expect(() => readBrukerRawRanges('cut2.raw', v2.subarray(0, 5000))).toThrow(/^cut2\.raw: expected 7251 float32 counts for range 1 at byte 316/);
    expect(() => importPatterns('cut2.raw', v2.subarray(0, 5000))).toThrow(FormatError);
    expect(() => readBrukerRawRanges('cut2.raw', v2.subarray(0, 300))).toThrow(/^cut2\.raw: expected the 48-byte header of range 1 of 1 at byte 256, found "end of file at byte 300/);
  });

  it('names the field and its byte offset when a v1 or v2 header holds no scan', () => {
    const v1 = readShared('more-layouts/xrd/brk_raw1.raw').slice();
    new DataView(v1.buffer).setUint32(4, 0, true); // steps of range 1
    expect(() => readBrukerRawRanges('zero1.raw', v1)).toThrow(/^zero1\.raw: expected a positive step count for range 1 \(header at byte 4\), found "0"/);
    const v2 = readShared('more-layouts/xrd/brk_raw2.raw').slice();
    const view = new DataView(v2.buffer);
    view.setUint16(256, 40, true); // the range header's length
    expect(() => readBrukerRawRanges('short2.raw', v2)).toThrow(/^short2\.raw: expected a range header length of at least 48 bytes at byte 256, found "40"/);
    view.setUint16(256, 60, true);
    view.setFloat32(256 + 12, 0, true); // step
    expect(() => readBrukerRawRanges('flat2.raw', v2)).toThrow(/^flat2\.raw: expected a finite start angle and a non-zero step for range 1 \(header at byte 256\)/);
    view.setUint16(4, 0, true);
    expect(() => readBrukerRawRanges('none2.raw', v2)).toThrow(/^none2\.raw: expected at least one range \(u16 count at byte 4\), found "0"/);
  });

  it('walks several ranges in either version: chained by the v1 flag (later magic optional), counted in the v2 header', () => {
    const v1 = readShared('more-layouts/xrd/brk_raw1.raw');
    const two1 = new Uint8Array(2 * v1.length - 4);
    two1.set(v1, 0);
    two1.set(v1.subarray(4), v1.length); // the second range without the magic
    new DataView(two1.buffer).setUint32(4 + 148, 1, true); // 'another range follows'
    const r1 = readBrukerRawRanges('two1.raw', two1);
    expect(r1.map((p) => [p.label, p.frameIndex, p.x.length, p.intensity[875], p.metadata.ranges, p.metadata.sampleName])).toEqual([
      ['range 1', 0, 876, 266, '2', 'VINAIGRE'],
      ['range 2', 1, 876, 266, '2', 'VINAIGRE'],
    ]);
    const v2 = readShared('more-layouts/xrd/brk_raw2.raw');
    const two2 = new Uint8Array(2 * v2.length - 256);
    two2.set(v2, 0);
    two2.set(v2.subarray(256), v2.length);
    new DataView(two2.buffer).setUint16(4, 2, true);
    const r2 = readBrukerRawRanges('two2.raw', two2);
    expect(r2.map((p) => [p.label, p.frameIndex, p.x.length, p.intensity[7250], p.metadata.ranges, p.metadata.anode, p.radiation?.ratio21])).toEqual([
      ['range 1', 0, 7251, 65, '2', 'Cu', 0.514],
      ['range 2', 1, 7251, 65, '2', 'Cu', 0.514],
    ]);
    // a count the file cannot hold: the third range's header is past the end
    new DataView(two2.buffer).setUint16(4, 3, true);
    expect(() => readBrukerRawRanges('three2.raw', two2)).toThrow(new RegExp(`^three2\\.raw: expected the 48-byte header of range 3 of 3 at byte ${two2.length}`));
  });
});

/** A RAW1.01 file of our own with one range scanned from 40° down to 20° (negative step). */
function reversedRaw101(): Uint8Array {
  const n = 1001;
  const b = new Uint8Array(712 + 304 + 4 * n);
  const v = new DataView(b.buffer);
  b.set(new TextEncoder().encode('RAW1.01'), 0);
  v.setUint32(12, 1, true);
  v.setFloat64(624, 1.5406, true);
  v.setUint32(712, 304, true);
  v.setUint32(716, n, true);
  v.setFloat64(712 + 16, 40, true);
  v.setFloat64(712 + 176, -0.02, true);
  // counts = 100 + the 2θ of the point, so the pairing of x and counts can be checked after the reversal
  for (let i = 0; i < n; i++) v.setFloat32(712 + 304 + 4 * i, 100 + (40 - 0.02 * i), true);
  return b;
}

describe('Bruker RAW ranges in either direction', () => {
  it('reads a range scanned from 40° down to 20° in ascending 2θ and says so', () => {
    const [p] = importPatterns('rev.raw', reversedRaw101());
    expect(p.x[0]).toBeCloseTo(20, 9);
    expect(p.x[1000]).toBe(40);
    for (const i of [0, 1, 500, 1000]) expect(p.intensity[i]).toBeCloseTo(100 + p.x[i], 3);
    expect(p.metadata['scan direction']).toBe('decreasing 2θ (points stored ascending)');
    expect(p.metadata['step 2θ']).toBe('-0.02');
  });
});
