import { describe, expect, it } from 'vitest';
import { FormatError } from '../types';
import { matrixCsv, readMatrixFrames } from './matrix-csv';
import { parsePyFaiXy } from './pyfai-xy';
import { haveSimulated, missingXrd, readSimulated, readXrd } from '../../../../test/fixtures/xrd/paths';

const enc = new TextEncoder();
const detect = (text: string): number => matrixCsv.detect({ fileName: 'm.csv', headText: text, headBytes: enc.encode(text.slice(0, 64)) });

// Three frames of the project's simulated sequence, written as matrices in both orientations.
const names = ['fe2o3_700C_00000.xy', 'fe2o3_700C_00001.xy', 'fe2o3_700C_00002.xy'];
const haveFrames = haveSimulated('sxrd-fe2o3-700C');
const frames = haveFrames ? names.map((n) => parsePyFaiXy(n, readSimulated(`sxrd-fe2o3-700C/${n}`))) : [];
const x = frames[0]?.x ?? new Float64Array(0);

describe.skipIf(!haveFrames)('matrix CSV/TSV reader on three simulated frames', () => {
  it('reads one column per frame, with frame names and times from the header', () => {
    const lines = ['2th_deg,t=0s,t=30s,t=60s'];
    for (let i = 0; i < x.length; i++) lines.push([x[i], ...frames.map((f) => f.intensity[i])].join(','));
    const text = lines.join('\n') + '\n';
    expect(detect(text)).toBeGreaterThan(0);
    const out = readMatrixFrames('cols.csv', enc.encode(text));
    expect(out.length).toBe(3);
    out.forEach((p, k) => {
      expect(Array.from(p.x)).toEqual(Array.from(x));
      expect(Array.from(p.intensity)).toEqual(Array.from(frames[k].intensity));
      expect(p.timeS).toBe(30 * k);
      expect(p.label).toBe(`t=${30 * k}s`);
      expect(p.metadata.layout).toBe('column per frame');
    });
    expect(out[0].xUnit).toBe('2th_deg');
    expect(out[0].warnings).toEqual([]);
  });
  it('reads one row per frame with the grid in the header and a time column (tab-separated)', () => {
    const lines = [['time_s', ...Array.from(x)].join('\t')];
    frames.forEach((f, k) => lines.push([30 * k, ...Array.from(f.intensity)].join('\t')));
    const out = readMatrixFrames('rows.tsv', enc.encode(lines.join('\n')));
    expect(out.length).toBe(3);
    expect(Array.from(out[2].intensity)).toEqual(Array.from(frames[2].intensity));
    expect(Array.from(out[2].x)).toEqual(Array.from(x));
    expect(out.map((p) => p.timeS)).toEqual([0, 30, 60]);
    expect(out[1].metadata.layout).toBe('row per frame');
  });
});

describe('matrix CSV/TSV reader', () => {
  it('reads one row per frame with the grid in the first data row, in minutes, q from a comment', () => {
    const text = '# x: q_A^-1\ntime_min,1.0,1.1,1.2,1.3\n0,1,2,3,4\n0.5,5,6,7,8\n';
    const out = readMatrixFrames('rows.csv', enc.encode(text.replace('time_min,1.0,1.1,1.2,1.3', 'time_min,1.0,1.1,1.2,1.3')));
    expect(out.length).toBe(2);
    expect(out[0].xUnit).toBe('q_A^-1');
    expect(out.map((p) => p.timeS)).toEqual([0, 30]);
    const noHeader = readMatrixFrames('r2.csv', enc.encode('0,1.0,1.1,1.2,1.3\n10,1,2,3,4\n20,5,6,7,8\n'));
    expect(noHeader.length).toBe(2);
    expect(Array.from(noHeader[1].x)).toEqual([1, 1.1, 1.2, 1.3]);
    expect(Array.from(noHeader[1].intensity)).toEqual([5, 6, 7, 8]);
  });
  it('refuses narrow or unordered tables', () => {
    expect(() => readMatrixFrames('n.csv', enc.encode('1,2\n3,4\n'))).toThrow(FormatError);
    expect(() => readMatrixFrames('u.csv', enc.encode('5,1,2,3\n1,4,5,6\n3,7,8,9\n2,1,1,1\n9,1,1,1\n'))).toThrow(/monotonic/);
    expect(detect('1 2\n3 4\n5 6\n')).toBe(0);
  });
});

describe.skipIf(missingXrd('xrdfit-dawn-cakes'))('DAWN caked frames (GPL, read in place)', () => {
  it('reads x + 36 cake columns, 1027 rows, no header', () => {
    const out = readMatrixFrames('adc_041_7Nb_NDload_700C_15mms_00001.dat', readXrd('xrdfit-dawn-cakes/adc_041_7Nb_NDload_700C_15mms_00001.dat'));
    expect(out.length).toBe(36);
    expect(out[0].x.length).toBe(1027);
    expect(out[0].x[0]).toBe(0.011201595);
    expect(out[0].x[1026]).toBe(11.47756);
    expect(out[35].label).toBe('column 37');
    expect(out[0].warnings.join(' ')).toContain('read as 2θ');
  });
});
