import { describe, expect, it } from 'vitest';
import { FormatError } from '../types';
import { parsePyFaiHeader, parsePyFaiXy, pyfaiXy } from './pyfai-xy';
import { haveSimulated, missingXrd, readSimulated, readXrd } from '../../../../test/fixtures/xrd/paths';

const enc = new TextEncoder();
const detect = (fileName: string, bytes: Uint8Array): number =>
  pyfaiXy.detect({ fileName, headText: new TextDecoder().decode(bytes.subarray(0, 16384)), headBytes: bytes.subarray(0, 64) });

describe.skipIf(!haveSimulated('sxrd-fe2o3-700C'))('pyFAI .xy reader on the project\'s simulated sequence', () => {
  const bytes = readSimulated('sxrd-fe2o3-700C/fe2o3_700C_00000.xy');
  it('detects it by content', () => {
    expect(detect('fe2o3_700C_00000.xy', bytes)).toBeGreaterThanOrEqual(0.95);
    expect(detect('a.xy', enc.encode('1 2\n3 4\n'))).toBe(0);
  });
  it('reads 2801 points 2–16° 2θ, λ = 0.20735 Å and the calibration lines', () => {
    const p = parsePyFaiXy('fe2o3_700C_00000.xy', bytes);
    expect(p.formatId).toBe('pyfai-xy');
    expect(p.xUnit).toBe('2th_deg');
    expect(p.x.length).toBe(2801);
    expect(p.x[0]).toBe(2);
    expect(p.x[2800]).toBe(16);
    expect(p.intensity[0]).toBe(492);
    expect(p.intensity[2800]).toBe(592);
    expect(p.sigma).toBeNull();
    expect(p.wavelengthA).toBeCloseTo(0.20735, 12);
    expect(p.metadata['Distance Sample to Detector']).toBe('1.7 m');
    expect(p.metadata['Wavelength']).toBe('2.0735e-11 m');
    expect(p.metadata['Center']).toBe('x=1024.000, y=1024.000 pix');
    expect(p.metadata['Detector']).toContain('PixelSize= 2.000e-04, 2.000e-04 m');
    expect(p.metadata.source).toBe('fe2o3_700C_00000.tif');
    expect(p.warnings).toEqual([]);
  });
});

describe('pyFAI header variants', () => {
  it('reads q units, radians and a third (error) column', () => {
    const q = parsePyFaiXy('q.dat', enc.encode('# Wavelength: 1.5406e-10 m\n# q_nm^-1  I  sigma\n10 5 1\n20 6 2\n'));
    expect(q.xUnit).toBe('q_nm^-1');
    expect(q.wavelengthA).toBeCloseTo(1.5406, 12);
    expect(Array.from(q.sigma ?? [])).toEqual([1, 2]);
    const qa = parsePyFaiXy('qa.xy', enc.encode('# q_A^-1 I\n1 5\n2 6\n'));
    expect(qa.xUnit).toBe('q_A^-1');
    expect(qa.wavelengthA).toBeNull();
    expect(qa.warnings.join(' ')).toContain('no wavelength');
    const rad = parsePyFaiXy('r.xy', enc.encode('# 2th_rad I\n0.1 5\n0.2 6\n'));
    expect(rad.xUnit).toBe('2th_deg');
    expect(rad.x[0]).toBeCloseTo(5.729577951, 8);
  });
  it('reads CRLF, a UTF-8 BOM and a Windows-1252 degree sign in the header alike', () => {
    const body = '# Wavelength: 2.0735e-11 m\r\n# Temperature: 700 \xb0C\r\n# 2th_deg  I\r\n  2.0  5\r\n  2.005  6\r\n';
    const latin1 = Uint8Array.from(body, (c) => c.charCodeAt(0));
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(body.replace('\xb0', '°'))]);
    for (const bytes of [latin1, bom]) {
      const p = parsePyFaiXy('crlf.xy', bytes);
      expect(Array.from(p.x)).toEqual([2, 2.005]);
      expect(Array.from(p.intensity)).toEqual([5, 6]);
      expect(p.metadata.Temperature).toBe('700 °C');
      expect(p.wavelengthA).toBeCloseTo(0.20735, 12);
    }
  });
  it('keeps repeated keys and fails clearly on a header without data', () => {
    const h = parsePyFaiHeader(['# Tilt: 1 deg', '# Tilt: 2 deg']);
    expect(h.metadata).toEqual({ Tilt: '1 deg', 'Tilt (2)': '2 deg' });
    expect(() => parsePyFaiXy('empty.xy', enc.encode('# == pyFAI calibration ==\n# 2th_deg I\n'))).toThrow(FormatError);
  });
});

describe.skipIf(missingXrd('dioptas-CeO2-Pilatus1M'))('Dioptas CeO2 (GPL, read in place)', () => {
  it('reads 1512 rows and λ = 4.066e-11 m', () => {
    const p = parsePyFaiXy('CeO2_Pilatus1M.xy', readXrd('dioptas-CeO2-Pilatus1M/CeO2_Pilatus1M.xy'));
    expect(p.x.length).toBe(1512);
    expect(p.x[0]).toBeCloseTo(0.0102, 4);
    expect(p.x[1511]).toBeCloseTo(30.8255, 4);
    expect(p.x[1] - p.x[0]).toBeCloseTo(0.020394, 6);
    expect(p.intensity[0]).toBe(2.434518099);
    expect(p.wavelengthA).toBeCloseTo(0.4066, 12);
    expect(p.metadata['PONI']).toBe('8.729e-02, 7.996e-02 m');
    expect(p.metadata['Distance Sample to Detector']).toBe('0.208651380603 m');
    expect(p.metadata['Polarization factor']).toBe('None');
  });
});

describe.skipIf(missingXrd('dioptas-map-Fe3O4C-pyFAI-xy'))('Dioptas Fe3O4C map (GPL, read in place)', () => {
  it('reads the unitless wavelength as metres and 1508 rows', () => {
    const p = parsePyFaiXy('m.xy', readXrd('dioptas-map-Fe3O4C-pyFAI-xy/Fe3O4C_M1_map_1_P1_E1_001.xy'));
    expect(p.x.length).toBe(1508);
    expect(p.x[0]).toBeCloseTo(0.007883, 6);
    expect(p.x[1507]).toBeCloseTo(23.76666, 5);
    expect(p.wavelengthA).toBeCloseTo(0.3344, 12);
    expect(p.metadata['Polarization factor']).toBe('0.99');
  });
});

describe.skipIf(missingXrd('dioptas-pattern-xy-chi'))('Dioptas pattern_001/002.xy (GPL, read in place)', () => {
  it('reads the padded column line, the --> line and the trailing zeros', () => {
    const p1 = parsePyFaiXy('pattern_001.xy', readXrd('dioptas-pattern-xy-chi/pattern_001.xy'));
    expect(p1.x.length).toBe(1400);
    expect(p1.x[0]).toBeCloseTo(0.0159, 4);
    expect(p1.x[1399]).toBeCloseTo(44.4997, 4);
    expect(p1.wavelengthA).toBeCloseTo(0.320179398976, 12);
    expect(p1.metadata.source).toBe('ExampleData/spectra/FoG_D3_001.xy');
    expect(Array.from(p1.intensity.subarray(1389)).every((v) => v === 0)).toBe(true);
    expect(p1.intensity[1388]).not.toBe(0);
    const p2 = parsePyFaiXy('pattern_002.xy', readXrd('dioptas-pattern-xy-chi/pattern_002.xy'));
    expect(Array.from(p2.x)).toEqual(Array.from(p1.x));
    let tenfold = 0;
    for (let i = 0; i < 1400; i++) if (p1.intensity[i] !== 0 && Math.abs(p2.intensity[i] - 10 * p1.intensity[i]) <= 1e-6 * Math.abs(p2.intensity[i])) tenfold++;
    expect(tenfold).toBe(814);
  });
});
