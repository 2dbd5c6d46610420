import { beforeAll, describe, expect, it } from 'vitest';
import { FormatError } from '../types';
import { hdf5Nexus, hdf5Ready, loadHdf5, readHdf5Frames } from './hdf5-nexus';
import { parsePyFaiXy } from './pyfai-xy';
import { missingSimulated, readGenerated, readSimulated } from '../../../../test/fixtures/xrd/paths';

const file = 'sxrd-fe2o3-700C_5frames.h5';

describe('HDF5 / NeXus reader (h5wasm)', () => {
  beforeAll(async () => {
    await loadHdf5();
  });
  it('detects the HDF5 signature only', () => {
    const bytes = readGenerated(file);
    expect(hdf5Nexus.detect({ fileName: 'x.bin', headText: '', headBytes: bytes.subarray(0, 64) })).toBeGreaterThanOrEqual(0.95);
    expect(hdf5Nexus.detect({ fileName: 'x.h5', headText: '1 2', headBytes: new TextEncoder().encode('1 2\n') })).toBe(0);
    expect(hdf5Ready()).toBe(true);
  });
  it.skipIf(missingSimulated('sxrd-fe2o3-700C'))('returns the same numbers as the five .xy files it was written from, with λ, units and frame times', () => {
    const frames = readHdf5Frames('stack.h5', readGenerated(file));
    expect(frames.length).toBe(5);
    frames.forEach((f, k) => {
      const xy = parsePyFaiXy(`fe2o3_700C_0000${k}.xy`, readSimulated(`sxrd-fe2o3-700C/fe2o3_700C_0000${k}.xy`));
      expect(Array.from(f.x)).toEqual(Array.from(xy.x));
      expect(Array.from(f.intensity)).toEqual(Array.from(xy.intensity));
      expect(f.sigma?.[100]).toBeCloseTo(Math.sqrt(xy.intensity[100]), 12);
      expect(f.xUnit).toBe('2th_deg');
      expect(f.wavelengthA).toBeCloseTo(0.20735, 12);
      expect(f.timeS).toBe(30 * k);
      expect(f.timeKind).toBe('elapsed');
      expect(f.frameIndex).toBe(k);
    });
    expect(frames[0].metadata).toMatchObject({ nxdata: '/entry_0000/integrate/integrated', signal: 'intensity', radial: '2th', radialUnits: 'deg', frames: '5', bins: '2801' });
    const first = hdf5Nexus.parse({ fileName: 'stack.h5', bytes: readGenerated(file) });
    expect(first.warnings.join(' ')).toContain('5 frames');
  });
  it('rejects bytes that are not HDF5 with a FormatError', () => {
    expect(() => readHdf5Frames('bad.h5', new TextEncoder().encode('not an hdf5 file at all'))).toThrow(FormatError);
  });
});
