import { describe, expect, it } from 'vitest';
import { brukerBrml, readBrmlRanges } from './bruker-brml';
import { missingXrd, readXrd } from '../../../../test/fixtures/xrd/paths';

describe('Bruker .brml reader', () => {
  it.skipIf(missingXrd('cheminfo-bruker-brml'))('reads test.brml: 2443 points 20–79.9968°, Cu Kα1/Kα2, 2019-05-23', () => {
    const bytes = readXrd('cheminfo-bruker-brml/test.brml');
    expect(brukerBrml.detect({ fileName: 'renamed.zip', headText: '', headBytes: bytes })).toBeGreaterThanOrEqual(0.95);
    const p = brukerBrml.parse({ fileName: 'test.brml', bytes });
    expect(p.x.length).toBe(2443);
    expect(p.x[0]).toBe(20);
    expect(p.x[2442]).toBe(79.9968);
    expect(p.radiation).toEqual({ wavelengthA: 1.5406, wavelength2A: 1.54439, ratio21: 0.5 });
    expect(p.acquiredAt?.startsWith('2019-05-23')).toBe(true);
    expect(p.metadata.SampleName).toBe('Commander Sample ID');
    expect(p.metadata.scanType).toBe('Coupled TwoTheta/Theta');
    expect(p.warnings).toEqual([]);
  });
  it.skipIf(missingXrd('cheminfo-bruker-brml'))('reads a bare RawData0.xml (3714 points, last 2θ 40.0099 past the declared Stop)', () => {
    const bytes = readXrd('cheminfo-bruker-brml/RawData0.xml');
    const head = new TextDecoder().decode(bytes.subarray(0, 16384));
    expect(brukerBrml.detect({ fileName: 'RawData0.xml', headText: head, headBytes: bytes.subarray(0, 64) })).toBeGreaterThanOrEqual(0.9);
    const [p] = readBrmlRanges('RawData0.xml', bytes);
    expect(p.x.length).toBe(3714);
    expect(p.x[0]).toBe(2);
    expect(p.x[1]).toBe(2.0102);
    expect(p.x[3713]).toBe(40.0099);
    expect(Array.from(p.intensity.subarray(0, 3))).toEqual([1080, 1024, 1009]);
    expect(p.timeS).toBeCloseTo(Date.UTC(2020, 0, 16, 8, 42, 44, 61) / 1000, 3);
    expect(p.metadata.MeasurementPoints).toBe('3714');
  });
  it.skipIf(missingXrd('datalab-xrd-formats'))('reads TiOF.brml (2469 points 9.998839261–60.012776015, sample TiOF 18F.2)', () => {
    const [p] = readBrmlRanges('TiOF.brml', readXrd('datalab-xrd-formats/TiOF.brml'));
    expect(p.x.length).toBe(2469);
    expect(p.x[0]).toBe(9.998839261);
    expect(p.x[2468]).toBe(60.012776015);
    expect(p.metadata.SampleName).toBe('TiOF 18F.2');
    expect(p.wavelengthA).toBe(1.5406);
  });
});
