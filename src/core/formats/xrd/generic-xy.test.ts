import { describe, expect, it } from 'vitest';
import { FormatError } from '../types';
import { genericXy, parseGenericXy } from './generic-xy';
import { missingXrd, readXrd } from '../../../../test/fixtures/xrd/paths';

const detect = (bytes: Uint8Array): number => genericXy.detect({ fileName: 'g.txt', headText: new TextDecoder().decode(bytes.subarray(0, 16384)), headBytes: bytes.subarray(0, 64) });

describe('generic two/three-column reader', () => {
  it.skipIf(missingXrd('geddes-vendor-formats'))('reads the space-separated sample.csv (7351 rows, 3–150°)', () => {
    const bytes = readXrd('geddes-vendor-formats/sample.csv');
    expect(detect(bytes)).toBeGreaterThan(0);
    const p = parseGenericXy('sample.csv', bytes);
    expect(p.x.length).toBe(7351);
    expect(p.x[0]).toBe(3);
    expect(p.x[7350]).toBe(150);
    expect(p.intensity[0]).toBe(1643);
    expect(p.xUnit).toBe('2th_deg');
    expect(p.wavelengthA).toBeNull();
  });
  it.skipIf(missingXrd('datalab-xrd-formats'))("reads 'theta,intensity' as 2θ and says so (example_ocx: 1876 rows, 5–80°)", () => {
    const p = parseGenericXy('example_ocx.xy', readXrd('datalab-xrd-formats/example_ocx.xy'));
    expect(p.x.length).toBe(1876);
    expect(p.x[0]).toBe(5);
    expect(p.x[1875]).toBe(80);
    expect(p.warnings.join(' ')).toContain("labelled 'theta'");
    let max = 0;
    for (let i = 1; i < p.x.length; i++) if (p.intensity[i] > p.intensity[max]) max = i;
    expect(p.x[max]).toBeCloseTo(69.12, 1); // Si(400) for Cu Kα
  });
  it.skipIf(missingXrd('datalab-xrd-formats', 'cheminfo-bruker-brml'))('reads the DIFFRAC.EVA quote header into metadata (28 rows, CRLF)', () => {
    const p = parseGenericXy('example_evadiffract.xy', readXrd('datalab-xrd-formats/example_evadiffract.xy'));
    expect(p.x.length).toBe(28);
    expect(p.x[0]).toBe(5.0001);
    expect(p.x[27]).toBe(5.2743);
    expect(p.metadata.Anode).toBe('Cu');
    expect(p.metadata.Operator).toBe('Emmy Noether');
    expect(p.metadata.Scantype).toBe('Coupled TwoTheta/Theta');
    const cu2o = parseGenericXy('MG1-Cu2O-28_bg_subtracted.xy', readXrd('cheminfo-bruker-brml/MG1-Cu2O-28_bg_subtracted.xy'));
    expect(cu2o.x.length).toBe(3449);
    expect(cu2o.x[0]).toBe(10);
    expect(cu2o.x[3448]).toBeCloseTo(70.005, 3);
    expect(cu2o.intensity[0]).toBe(0);
    expect(cu2o.intensity[3448]).toBe(0);
    expect(Array.from(cu2o.intensity).some((v) => v < 0)).toBe(true);
    expect(cu2o.metadata.Operator).toBe('Lab Manager');
  });
  it.skipIf(missingXrd('nist-austenite-ferrite'))("reads the NIST CSV exports ('# 2Theta,Counts', comma + padding)", () => {
    const cases: [string, number, number, number][] = [
      ['005', 5424, 10.72865, 119.33733],
      ['008', 4176, 35.62961, 119.25708],
      ['012', 4173, 35.90987, 119.47778],
      ['013', 4159, 36.25016, 119.53796],
      ['014', 4161, 36.07001, 119.39752],
    ];
    for (const [id, n, first, last] of cases) {
      const p = parseGenericXy(`E211110-AAC-001_${id}-000_exported.csv`, readXrd(`nist-austenite-ferrite/E211110-AAC-001_${id}-000_exported.csv`));
      expect(p.x.length).toBe(n);
      expect(p.x[0]).toBe(first);
      expect(p.x[n - 1]).toBe(last);
      expect(p.metadata.delimiter).toBe(',');
      expect(p.warnings.join(' ')).not.toContain('no column names');
    }
    expect(parseGenericXy('a.csv', readXrd('nist-austenite-ferrite/E211110-AAC-001_005-000_exported.csv')).intensity[0]).toBe(448.45657);
  });
  it.skipIf(missingXrd('datalab-xrd-formats'))('reads the MYTHEN .dat (3 columns, 730 rows) and refuses text without numbers', () => {
    const p = parseGenericXy('example_mythen.dat', readXrd('datalab-xrd-formats/example_mythen.dat'));
    expect(p.x.length).toBe(730);
    expect(p.x[0]).toBe(2.084);
    expect(p.x[729]).toBe(5);
    expect(p.sigma?.[0]).toBe(53.54152);
    expect(() => parseGenericXy('t.txt', new TextEncoder().encode('hello\nworld\n'))).toThrow(FormatError);
  });
});
