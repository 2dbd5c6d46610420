import { describe, expect, it } from 'vitest';
import { missingShared, readShared } from '../../../../test/fixtures/shared-fixtures';
import { FormatError } from '../types';
import { beamlineTable, columnRole, readBeamlineTable } from './beamline-table';
import { detectXrdFormat, importPatterns } from './index';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/**
 * ../shared/fixtures/more-layouts/xrd/data.dat (aimat-lab/xrdpattern, LGPL-2.1, read in place). Expected values:
 * scripts/reference/read_more_layouts.py (independent reading, Debian's python3): 5200 rows, images 0 and 1 of 2600
 * rows each, 2θ 3.0 → 54.98, intensity first/last 0.0, sums 2125865.95 and 2124284.15, maxima 1717.88 and 1789.82,
 * izero 10897 and 10909, both stamped 07/07/2022 19:15:30; λ = 2d·sin θ over the rows: mean 1.2398420839744546,
 * min 1.2398376857404156, max 1.2398464796741497 Å (a spread of 7e-6 relative).
 */
describe.skipIf(missingShared('more-layouts/xrd'))('beamline table (data.dat)', () => {
  it('reads two frames on the measured 2θ with λ from the 2θ and d columns, and says which column it chose', () => {
    const bytes = readShared('more-layouts/xrd/data.dat');
    expect(detectXrdFormat('data.dat', bytes)?.id).toBe('beamline-table');
    const frames = readBeamlineTable('data.dat', bytes);
    expect(frames.length).toBe(2);
    const sums = [2125865.95, 2124284.15];
    const maxima = [1717.88, 1789.82];
    frames.forEach((f, k) => {
      expect(f.xUnit).toBe('2th_deg');
      expect(f.x.length).toBe(2600);
      expect([f.x[0], f.x[2599]]).toEqual([3, 54.98]);
      expect([f.intensity[0], f.intensity[2599]]).toEqual([0, 0]);
      expect(f.intensity.reduce((a, b) => a + b, 0)).toBeCloseTo(sums[k], 6);
      expect(Math.max(...f.intensity)).toBe(maxima[k]);
      expect(f.wavelengthA).toBe(1.23984);
      expect(f.label).toBe(`imagenum ${k}`);
    });
    expect(frames[0].metadata['x column']).toBe('twotheta: 2θ at the beamline wavelength; also in the file: twotheta_cuka, dspacing, qvalue');
    expect(frames[0].metadata['wavelength source']).toMatch(/^derived from the twotheta and dspacing columns \(λ = 2d·sin θ, rows agree within 0\.000\d+ %\)$/);
    expect(frames.map((f) => f.metadata.izero)).toEqual(['10897', '10909']);
    // both images carry the same stamp: no metadata time, and the first frame says why
    expect(frames.map((f) => f.timeS ?? null)).toEqual([null, null]);
    expect(frames[0].warnings[0]).toMatch(/time stamps do not increase \(07\/07\/2022 19:15:30 …\)/);
    expect(importPatterns('data.dat', bytes).length).toBe(2);
  });
});

describe('beamline table reader', () => {
  it('names column roles', () => {
    expect(columnRole('twotheta').role).toBe('tth');
    expect(columnRole('2Theta (deg)').role).toBe('tth');
    expect(columnRole('twotheta_cuka').role).toBe('tthConverted');
    expect(columnRole('dspacing').role).toBe('d');
    expect(columnRole('q (nm^-1)')).toMatchObject({ role: 'q', unit: 'q_nm^-1' });
    expect(columnRole('qvalue')).toMatchObject({ role: 'q', unit: 'q_A^-1' });
    expect(columnRole('intensity').role).toBe('intensity');
    expect(columnRole('imagenum').role).toBe('image');
    expect(columnRole('izero').role).toBe('monitor');
  });

  it('takes q when there is no measured 2θ, derives λ from 2θ and q, and times frames by increasing stamps', () => {
    const lambda = 0.5;
    const rows = ['scan q dspacing intensity date time'];
    for (let s = 0; s < 2; s++) for (let i = 1; i <= 5; i++) rows.push(`${s} ${i} ${(2 * Math.PI) / i} ${100 * i + s} 2024-01-02 10:0${s}:00`);
    const frames = readBeamlineTable('t.dat', enc(rows.join('\n')));
    expect(frames.map((f) => [f.xUnit, f.x[0], f.x[4], f.intensity[4]])).toEqual([
      ['q_A^-1', 1, 5, 500],
      ['q_A^-1', 1, 5, 501],
    ]);
    expect(frames[0].metadata['x column']).toBe('q: q (no measured 2θ column); also in the file: dspacing');
    expect(frames[0].wavelengthA).toBeNull();
    expect(frames.map((f) => f.timeS)).toEqual([Date.UTC(2024, 0, 2, 10, 0) / 1000, Date.UTC(2024, 0, 2, 10, 1) / 1000]);
    const tq = ['2theta q I'];
    for (let i = 1; i <= 4; i++) {
      const tth = 5 * i;
      tq.push(`${tth} ${(4 * Math.PI * Math.sin((tth * Math.PI) / 360)) / lambda} ${i}`);
    }
    const [p] = readBeamlineTable('tq.dat', enc(tq.join('\n')));
    expect(p.wavelengthA).toBe(0.5);
    expect(p.metadata['wavelength source']).toMatch(/^derived from the 2theta and q columns \(λ = 4π·sin θ\/q/);
  });

  it('refuses columns that disagree on λ and rows that break the table, naming the line', () => {
    const bad = ['twotheta d intensity', '10 5 1', '20 5 2', '30 5 3'].join('\n');
    expect(() => readBeamlineTable('bad.dat', enc(bad))).toThrow(/^bad\.dat, line 2: expected 2θ and d columns that agree on one wavelength/);
    const broken = ['twotheta d intensity', '10 1.0 1', '20 x 2'].join('\n');
    expect(() => readBeamlineTable('broken.dat', enc(broken))).toThrow(FormatError);
    expect(() => readBeamlineTable('broken.dat', enc(broken))).toThrow(/^broken\.dat, line 3: expected a number in column 'd', found "x"/);
  });

  it('leaves plain two-column files to the other readers', () => {
    const input = (text: string) => ({ fileName: 'a.dat', headText: text, headBytes: enc(text) });
    expect(beamlineTable.detect(input('2theta intensity\n10 1\n11 2\n'))).toBe(0);
    expect(beamlineTable.detect(input('# 2theta q intensity\n10 1 1\n'))).toBe(0.9);
  });
});
