import { describe, expect, it } from 'vitest';
import { readRasxScans, rigakuRasx } from './rigaku-rasx';
import { missingXrd, readXrd } from '../../../../test/fixtures/xrd/paths';

describe('Rigaku .rasx reader', () => {
  it.skipIf(missingXrd('datalab-xrd-formats'))('reads the SmartLab coupled scan: 2851 points 3–60°, Cu Kα1/Kα2, sample name, start time', () => {
    const bytes = readXrd('datalab-xrd-formats/JO_KL_16_ZF_3_60deg_0.02step_12degpermin_001.rasx');
    expect(rigakuRasx.detect({ fileName: 'renamed.zip', headText: '', headBytes: bytes })).toBeGreaterThanOrEqual(0.95);
    const [p] = readRasxScans('JO_KL.rasx', bytes);
    expect(p.x.length).toBe(2851);
    expect(p.x[0]).toBe(3);
    expect(p.x[2850]).toBe(60);
    expect(p.intensity[0]).toBe(2589);
    expect(Array.from(p.intensity).every((v) => Number.isInteger(v))).toBe(true);
    expect(p.radiation).toEqual({ wavelengthA: 1.540593, wavelength2A: 1.544414 });
    expect(p.metadata).toMatchObject({ SampleName: 'JO_KL_16_ZF', AxisName: 'TwoThetaTheta', DataCount: '2851', TargetName: 'Cu', WavelengthKbeta: '1.392246' });
    expect(p.timeS).toBe(Date.UTC(2025, 2, 7, 13, 28, 15) / 1000);
    expect(p.warnings).toEqual([]);
  });
  it.skipIf(missingXrd('geddes-vendor-formats'))('reads the 2θ-only HyPix scan: 2334 points 10–79.99°, non-integer intensities', () => {
    const [p] = readRasxScans('sample.rasx', readXrd('geddes-vendor-formats/sample.rasx'));
    expect(p.x.length).toBe(2334);
    expect(p.x[0]).toBe(10);
    expect(p.x[2333]).toBeCloseTo(79.99, 9);
    expect(p.metadata.Stop).toBe('80.0000');
    expect(p.metadata.AxisName).toBe('TwoTheta');
    expect(Array.from(p.intensity).some((v) => !Number.isInteger(v))).toBe(true);
  });
});
