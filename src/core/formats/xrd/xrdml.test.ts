import { describe, expect, it } from 'vitest';
import { FormatError } from '../types';
import { readXrdmlScans, xrdml } from './xrdml';
import { missingXrd, readXrd } from '../../../../test/fixtures/xrd/paths';

const enc = new TextEncoder();
const detect = (bytes: Uint8Array): number => xrdml.detect({ fileName: 'x.xrdml', headText: new TextDecoder().decode(bytes.subarray(0, 16384)), headBytes: bytes.subarray(0, 64) });

describe('XRDML reader', () => {
  it.skipIf(missingXrd('datalab-operando-echem-xrdml'))('reads an operando scan (XRDML 1.5): 7181 counts on a start/end grid, Kα1/Kα2/ratio, the start time stamp', () => {
    const bytes = readXrd('datalab-operando-echem-xrdml/Scan_C1.xrdml');
    expect(detect(bytes)).toBeGreaterThanOrEqual(0.95);
    const p = xrdml.parse({ fileName: 'Scan_C1.xrdml', bytes });
    expect(p.x.length).toBe(7181);
    expect(p.x[0]).toBe(5.00475563);
    expect(p.x[7180]).toBe(124.99166689);
    expect(p.x[1] - p.x[0]).toBeCloseTo((124.99166689 - 5.00475563) / 7180, 12);
    expect(p.intensity[0]).toBe(374);
    expect(p.wavelengthA).toBe(1.540598);
    expect(p.radiation).toEqual({ wavelengthA: 1.540598, wavelength2A: 1.544426, ratio21: 0.5 });
    expect(p.acquiredAt).toBe('2020-11-06T18:09:37+00:00');
    expect(p.timeS).toBe(Date.UTC(2020, 10, 6, 18, 9, 37) / 1000);
    expect(p.timeKind).toBe('epoch');
    expect(p.metadata['commonCountingTime s']).toBe('15.240');
    expect(p.metadata['usedWavelength intended']).toBe('K-Alpha');
    expect(p.metadata.anode).toBe('Cu');
    expect(p.metadata.detector).toBe("X'Celerator detector");
    expect(Object.values(p.metadata).some((v) => v.includes('insitu_range_check_5-125_15min'))).toBe(true);
  });
  it.skipIf(missingXrd('datalab-xrd-formats'))('reads XRDML 2.0 <counts> (HL1-2) and 1.5 CG20396', () => {
    const hl = xrdml.parse({ fileName: 'HL1-2_5-90_60min.xrdml', bytes: readXrd('datalab-xrd-formats/HL1-2_5-90_60min.xrdml') });
    expect(hl.x.length).toBe(6474);
    expect(hl.x[0]).toBe(5.00116514);
    expect(hl.x[6473]).toBe(89.99348491);
    expect(hl.intensity[0]).toBe(1426);
    expect(hl.timeS).toBe(Date.UTC(2024, 2, 8, 17, 13, 20) / 1000);
    const cg = xrdml.parse({ fileName: 'CG20396_jdb12-1.xrdml', bytes: readXrd('datalab-xrd-formats/CG20396_jdb12-1.xrdml') });
    expect(cg.x.length).toBe(7181);
    expect(cg.x[0]).toBe(5.00835563);
    expect(cg.x[7180]).toBe(124.99526689);
    expect(cg.radiation?.wavelength2A).toBe(1.544426);
  });
  it.skipIf(missingXrd('geddes-vendor-formats'))("keeps Kα2 when the label says 'K-Alpha 1' (geddes sample.xrdml, XRDML 1.6)", () => {
    const p = xrdml.parse({ fileName: 'sample.xrdml', bytes: readXrd('geddes-vendor-formats/sample.xrdml') });
    expect(p.x.length).toBe(5027);
    expect(p.x[0]).toBe(4.00656514);
    expect(p.x[5026]).toBe(69.99936587);
    expect(p.metadata['usedWavelength intended']).toBe('K-Alpha 1');
    expect(p.radiation).toEqual({ wavelengthA: 1.540598, wavelength2A: 1.544426, ratio21: 0.5 });
  });
  it.skipIf(missingXrd('nist-austenite-ferrite'))('reads XRDML 2.1 without an XML declaration (NIST duplex steel)', () => {
    for (const name of ['Gonio_BB-HD-Cu_Gallipix3d[30-120]_New_Control_proper_power.xrdml', 'Gonio_BB-HD-Cu_Gallipix3d[30-120]_New_Duplex_10b_I4_Angles_0_30.xrdml']) {
      const bytes = readXrd(`nist-austenite-ferrite/${name}`);
      expect(detect(bytes)).toBeGreaterThanOrEqual(0.95);
      const p = xrdml.parse({ fileName: name, bytes });
      expect(p.x.length).toBe(3140);
      expect(p.x[0]).toBe(30.01432394);
      expect(p.x[3139]).toBe(119.94001926);
      expect(Number(p.metadata['commonCountingTime s'])).toBe(425.85);
    }
  });
  it('returns every scan of a multi-scan file, with list positions and time stamps', () => {
    const scan = (start: string, pos: string, counts: string): string =>
      `<scan appendNumber="0" mode="Continuous" scanAxis="Gonio"><header><startTimeStamp>${start}</startTimeStamp></header><dataPoints>` +
      `<positions axis="2Theta" unit="deg"><listPositions>${pos}</listPositions></positions><intensities unit="counts">${counts}</intensities></dataPoints></scan>`;
    const xml = `<?xml version="1.0"?><xrdMeasurements xmlns="http://www.xrdml.com/XRDMeasurement/1.5"><sample><id>S1</id></sample><xrdMeasurement measurementType="Repeated scan">` +
      `<usedWavelength intended="K-Alpha 1"><kAlpha1 unit="Angstrom">1.5405980</kAlpha1></usedWavelength>` +
      scan('2020-01-01T00:00:00Z', '10 10.5 11.5', '1 2 3') + scan('2020-01-01T00:02:00Z', '10 10.5 11.5', '4 5 6') + `</xrdMeasurement></xrdMeasurements>`;
    const scans = readXrdmlScans('multi.xrdml', enc.encode(xml));
    expect(scans.length).toBe(2);
    expect(Array.from(scans[1].x)).toEqual([10, 10.5, 11.5]);
    expect(Array.from(scans[1].intensity)).toEqual([4, 5, 6]);
    expect((scans[1].timeS ?? 0) - (scans[0].timeS ?? 0)).toBe(120);
    expect(scans[0].metadata['sample id']).toBe('S1');
    expect(scans[1].label).toBe('measurement 1 scan 2');
    expect(scans[0].radiation).toEqual({ wavelengthA: 1.540598 });
    const first = xrdml.parse({ fileName: 'multi.xrdml', bytes: enc.encode(xml) });
    expect(first.warnings.join(' ')).toContain('2 scans');
  });
  it('fails with a FormatError naming what is missing', () => {
    expect(() => readXrdmlScans('bad.xrdml', enc.encode('<xrdMeasurements><xrdMeasurement><scan><dataPoints></dataPoints></scan></xrdMeasurement></xrdMeasurements>'))).toThrow(/<intensities> or <counts>/);
    expect(() => readXrdmlScans('bad.xrdml', enc.encode('<other/>'))).toThrow(FormatError);
  });
});

describe.skipIf(missingXrd('xylib-bruker-raw-uxd-xrdml'))('xylib empyrean.xrdml (LGPL, read in place)', () => {
  it('reads the 2Theta detector scan: 196 counts 30.05–41.75', () => {
    const p = xrdml.parse({ fileName: 'empyrean.xrdml', bytes: readXrd('xylib-bruker-raw-uxd-xrdml/empyrean.xrdml') });
    expect(p.x.length).toBe(196);
    expect(p.x[0]).toBeCloseTo(30.05, 9);
    expect(p.x[195]).toBeCloseTo(41.75, 9);
    expect(p.metadata.scanAxis).toBe('2Theta');
  });
});
