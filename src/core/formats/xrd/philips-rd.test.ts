import { describe, expect, it } from 'vitest';
import { FormatError } from '../types';
import { detectXrdFormat, importPatterns } from './index';
import { readPhilipsRd } from './philips-rd';

/**
 * No real Philips .rd/.sd file was available: files of our own written to the layout documented in philips-rd.ts
 * (counts stored as u16 v with counts = v²/100).
 */
function rd(version: 'V3RD' | 'V5RD', startDeg: number, stepDeg: number, stored: number[], anode = 0): Uint8Array {
  const at = version === 'V3RD' ? 250 : 810;
  const b = new Uint8Array(at + 2 * stored.length);
  const v = new DataView(b.buffer);
  b.set(new TextEncoder().encode(version), 0);
  b[84] = 5;
  b[85] = anode;
  b[86] = 2;
  b.set(new TextEncoder().encode('SAMPLE01'), 138);
  b.set(new TextEncoder().encode('hematite'), 146);
  v.setFloat64(214, stepDeg, true);
  v.setFloat64(222, startDeg, true);
  v.setFloat64(230, startDeg + (stored.length - 1) * stepDeg, true);
  stored.forEach((s, i) => v.setUint16(at + 2 * i, s, true));
  return b;
}

describe('Philips PC-APD .rd/.sd', () => {
  it('reads V3 and V5 scans: counts = v²/100, λ from the anode', () => {
    const p = importPatterns('a.rd', rd('V3RD', 20, 0.02, [100, 316, 1000]))[0];
    expect(detectXrdFormat('a.rd', rd('V3RD', 20, 0.02, [100]))?.id).toBe('philips-rd');
    expect(p.formatId).toBe('philips-rd');
    expect(Array.from(p.x)).toEqual([20, 20.02, 20.04]);
    expect(Array.from(p.intensity)).toEqual([100, 998.56, 10000]);
    expect(p.radiation).toEqual({ wavelengthA: 1.5405929, wavelength2A: 1.5444274, ratio21: 0.5 });
    expect(p.warnings[0]).toMatch(/names the anode \(Cu\), not a wavelength/);
    expect(p.metadata).toMatchObject({ diffractometer: "X'Pert MPD", anode: 'Cu', focus: 'FF', 'file name': 'SAMPLE01', 'sample identification': 'hematite' });
    const s = readPhilipsRd('b.sd', rd('V5RD', 5, 0.05, [10, 20], 1));
    expect([s.x.length, s.intensity[1], s.wavelengthA]).toEqual([2, 4, 0.7093171]);
  });

  it('reads a scan from high to low angle in ascending order', () => {
    const p = readPhilipsRd('r.rd', rd('V3RD', 40, -0.5, [10, 20, 30]));
    expect(Array.from(p.x)).toEqual([39, 39.5, 40]);
    expect(Array.from(p.intensity)).toEqual([9, 4, 1]);
    expect(p.metadata['scan direction']).toBe('decreasing 2θ (points stored ascending)');
  });

  it('refuses truncated files naming the byte offset', () => {
    const full = rd('V5RD', 20, 0.02, [1, 2, 3, 4]);
    expect(() => readPhilipsRd('t.sd', full.subarray(0, 300))).toThrow(/^t\.sd: expected the 810-byte V5RD header, found "300 bytes \(truncated file\)"/);
    expect(() => readPhilipsRd('t.sd', full.subarray(0, 814))).toThrow(/^t\.sd: expected 4 u16 counts from byte 810, found "end of file at byte 814 \(truncated file\)"/);
    expect(() => importPatterns('t.sd', full.subarray(0, 814))).toThrow(FormatError);
  });
});
