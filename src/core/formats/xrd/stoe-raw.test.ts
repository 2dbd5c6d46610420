import { describe, expect, it } from 'vitest';
import { missingShared, readShared } from '../../../../test/fixtures/shared-fixtures';
import { FormatError } from '../types';
import { detectXrdFormat, importPatterns } from './index';
import { readStoeRaw, stoeRaw, stoeTimeS } from './stoe-raw';

/**
 * ../shared/fixtures/more-layouts/xrd/stoe.raw (aimat-lab/xrdpattern, LGPL-2.1, read in place). Expected values:
 * scripts/reference/read_more_layouts.py, an independent reading of the documented layout (Debian's python3):
 * 5404 points, start 10.0, end 91.04499816894531, step 0.014999999664723873 (float32), counts 4213 … 1285, sum
 * 12964626, max 5824 = the header's maximum, minimum 1129; λ1 1.2079299688339233, λ2 1.2083899974822998; the counts
 * start at byte 2560; date '22-Sep-20 17:18'.
 */
describe.skipIf(missingShared('more-layouts/xrd'))('STOE WinXPOW raw', () => {
  it('reads stoe.raw', () => {
    const bytes = readShared('more-layouts/xrd/stoe.raw');
    expect(detectXrdFormat('stoe.raw', bytes)?.id).toBe('stoe-raw');
    const p = readStoeRaw('stoe.raw', bytes);
    expect(p.x.length).toBe(5404);
    expect(p.x[0]).toBe(10);
    expect(p.x[5403]).toBeCloseTo(91.045, 10);
    expect(p.x[5403]).toBeCloseTo(91.04499816894531, 5);
    expect(p.x[1] - p.x[0]).toBeCloseTo(0.015, 12);
    expect([p.intensity[0], p.intensity[5403]]).toEqual([4213, 1285]);
    expect(p.intensity.reduce((a, b) => a + b, 0)).toBe(12964626);
    expect([Math.min(...p.intensity), Math.max(...p.intensity)]).toEqual([1129, 5824]);
    expect(p.wavelengthA).toBe(1.20793);
    expect(p.radiation).toEqual({ wavelengthA: 1.20793, wavelength2A: 1.20839 });
    expect(p.metadata).toMatchObject({ version: 'RAW_1.06Powdat', date: '22-Sep-20 17:18', 'scan start': '22-Sep-20 17:18', 'scan end': '22-Sep-20 18:21', 'data offset': '2560', 'step 2θ': '0.015', 'start θ': '5', 'step θ': '0.0075', operator: 'ceRUstoe' });
    expect(p.timeS).toBe(Date.UTC(2020, 8, 22, 17, 18) / 1000);
    expect(p.timeKind).toBe('epoch');
    expect(p.warnings).toEqual([]);
  });

  it('finds the scan by the block boundaries when the counters are damaged, and says so', () => {
    const bytes = readShared('more-layouts/xrd/stoe.raw').slice();
    bytes[0x1dc] = 0x7f; // file length in blocks: now wrong
    const p = readStoeRaw('stoe.raw', bytes);
    expect(p.x.length).toBe(5404);
    expect(p.warnings).toEqual(['the block counters (0x1DA/0x1DC) do not point at the scan; it was found at byte 2560 by searching the block boundaries']);
  });

  it('refuses truncated and foreign files naming the file and the byte offset', () => {
    const bytes = readShared('more-layouts/xrd/stoe.raw');
    expect(() => readStoeRaw('cut.raw', bytes.subarray(0, 600))).toThrow(/^cut\.raw: expected a STOE raw file of at least 1024 bytes, found "600 bytes \(truncated file\)"/);
    expect(() => readStoeRaw('cut.raw', bytes.subarray(0, 10000))).toThrow(/^cut\.raw: expected a scan range before byte 2560 .*: 5404 u32 counts from byte 2560 \(the file ends at byte 10000\)/);
    expect(() => importPatterns('cut.raw', bytes.subarray(0, 10000))).toThrow(FormatError);
    expect(() => readStoeRaw('x.raw', new Uint8Array(2048))).toThrow(/^x\.raw: expected the STOE magic 'RAW_1\.06Powdat' at byte 0/);
  });
});

describe('STOE raw helpers', () => {
  it('reads the dd-Mon-yy time stamps', () => {
    expect(stoeTimeS('22-Sep-20 17:18')).toBe(Date.UTC(2020, 8, 22, 17, 18) / 1000);
    expect(stoeTimeS('01-Jan-99 00:00:30')).toBe(Date.UTC(1999, 0, 1, 0, 0, 30) / 1000);
    expect(stoeTimeS('yesterday')).toBeNull();
  });
  it('claims only STOE raw files', () => {
    const head = (s: string) => ({ fileName: 'a.raw', headText: '', headBytes: new TextEncoder().encode(s) });
    expect(stoeRaw.detect(head('RAW_1.06Powdat\0\0'))).toBe(0.98);
    expect(stoeRaw.detect(head('RAW_1.07Powdat\0\0'))).toBe(0.9);
    expect(stoeRaw.detect(head('RAW1.01\0'))).toBe(0);
  });
});
