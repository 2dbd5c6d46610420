import { describe, expect, it } from 'vitest';
import { FormatError } from '../types';
import { gsasBank, parseGsasBank, parseGsasBankText } from './gsas-bank';
import { missingXrd, readXrd } from '../../../../test/fixtures/xrd/paths';

describe('GSAS BANK reader', () => {
  it.skipIf(missingXrd('gsas2-11bm-LaB6'))('unzips and reads the 11-BM LaB6 FXYE: x in centidegrees, the calibrated λ 0.413128 Å', () => {
    const bytes = readXrd('gsas2-11bm-LaB6/11bmb_3844.fxye.zip');
    expect(gsasBank.detect({ fileName: '11bmb_3844.fxye.zip', headText: '', headBytes: bytes.subarray(0, 4096) })).toBeGreaterThanOrEqual(0.9);
    const p = parseGsasBank('11bmb_3844.fxye.zip', bytes);
    expect(p.x.length).toBe(132992);
    expect(p.x[0]).toBeCloseTo(0.4995, 12);
    expect(p.x[132991]).toBeCloseTo(66.995, 12);
    expect(p.x[1] - p.x[0]).toBeCloseTo(0.0005, 12);
    expect(p.intensity[0]).toBe(13.0092);
    expect(p.sigma?.[0]).toBe(1.29518);
    expect(p.intensity[132991]).toBe(3.21317);
    expect(p.wavelengthA).toBe(0.413128);
    expect(p.metadata.type).toBe('FXYE');
    expect(p.metadata.title).toBe('GSAS input created by BIN11BM from oct09/11bmb_3844.asc');
    expect(p.metadata.zipMember).toBe('11bmb_3844.fxye');
    expect(p.warnings).toEqual([]);
  });
  it.skipIf(missingXrd('geddes-vendor-formats'))('reads the STD bank of gsas.raw (4941 points from 16.00° by 0.017°) and trusts NCHAN over NREC', () => {
    const bytes = readXrd('geddes-vendor-formats/gsas.raw');
    const head = new TextDecoder().decode(bytes.subarray(0, 16384));
    expect(gsasBank.detect({ fileName: 'gsas.raw', headText: head, headBytes: bytes.subarray(0, 64) })).toBeGreaterThanOrEqual(0.95);
    const p = parseGsasBank('gsas.raw', bytes);
    expect(p.x.length).toBe(4941);
    expect(p.x[0]).toBe(16);
    expect(p.x[1]).toBeCloseTo(16.017, 12);
    expect(p.x[4940]).toBeCloseTo(99.98, 12);
    expect(Array.from(p.intensity.subarray(0, 3))).toEqual([1163, 1092, 1079]);
    expect(p.intensity[4940]).toBe(1206);
    expect(p.sigma?.[0]).toBeCloseTo(Math.sqrt(1163), 12);
    expect(p.wavelengthA).toBeNull();
    expect(p.metadata.title).toBe('Co');
    expect(p.warnings.join(' ')).toContain('494 records');
  });
  it('reads ESD pairs and refuses time-of-flight banks', () => {
    const esd = 'title\nBANK 1 3 1 CONS 1000 10 0 0 ESD\n' + ['100', '10', '200', '14', '300', '17'].map((v) => v.padStart(8)).join('') + '\n';
    const p = parseGsasBankText('e.gsa', esd);
    expect(Array.from(p.x)).toEqual([10, 10.1, 10.2]);
    expect(Array.from(p.intensity)).toEqual([100, 200, 300]);
    expect(Array.from(p.sigma ?? [])).toEqual([10, 14, 17]);
    const short = parseGsasBankText('s.gsa', 'title\nBANK 1 2 1 CONST 2000 5 FXYE\n2000 7 1\n2005 8 1\n');
    expect(Array.from(short.x)).toEqual([20, 20.05]);
    expect(() => parseGsasBankText('t.gsa', 'title\nBANK 1 3 1 SLOG 1000 10 0 0 FXYE\n1 2 3\n')).toThrow(FormatError);
  });
});
