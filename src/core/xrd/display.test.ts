import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { haveSimulated, simulatedDir } from '../../../test/fixtures/xrd/paths';
import type { PatternSequence } from '../../shared/xrd';
import { twoThetaDegToDA, twoThetaDegToQPerA } from './axes';
import { axisExtent, binHeatmap, fillRowGaps, frameCurves, pointsInWindow } from './display';
import { buildSequence } from './sequence';

// the simulated Fe2O3 + NiO sequence (../shared, read in place): real-sized frames for the binning tests
const HAVE = haveSimulated('sxrd-fe2o3_nio-700C');
const DIR = simulatedDir('sxrd-fe2o3_nio-700C');
const files = HAVE
  ? readdirSync(DIR)
    .filter((n) => n.endsWith('.xy'))
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(DIR, name))) }))
  : [];
const seq = HAVE ? buildSequence(files, { intervalS: 30 }) : null!;

function total(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v;
  return s;
}

const all = HAVE ? seq.frames.reduce((s, f) => s + total(f.intensity), 0) : NaN;

/** Frames on one shared 2θ grid (°), frame i at i·intervalS, λ = 0.2 Å. */
function sequence(x: number[], ys: number[][], intervalS = 30): PatternSequence {
  const grid = Float64Array.from(x);
  const frames = ys.map((y, i) => ({
    fileName: `f_${i}.xy`,
    formatId: 'test',
    x: grid,
    xUnit: '2th_deg' as const,
    intensity: Float64Array.from(y),
    sigma: null,
    wavelengthA: 0.2,
    metadata: {},
    warnings: [],
  }));
  return { frames, timesS: Float64Array.from(ys.map((_, i) => i * intervalS)), timeSource: 'interval', skipped: [], wavelengthA: 0.2, intervalS, offsetS: 0 };
}

describe('frames on a display axis', () => {
  const s = sequence([10, 20, 30], [
    [1, 2, 3],
    [4, 5, 6],
  ]);

  it('converts x to q and d at the sequence wavelength, one shared array per grid', () => {
    const [a, b] = frameCurves(s, [0, 1], 'q_A^-1');
    expect(a.x[1]).toBeCloseTo(twoThetaDegToQPerA(20, 0.2), 12);
    expect(a.x).toBe(b.x);
    expect(frameCurves(s, [1], 'd_A')[0].x[0]).toBeCloseTo(twoThetaDegToDA(10, 0.2), 12);
    expect(Array.from(b.intensity)).toEqual([4, 5, 6]);
    expect(b.timeS).toBe(30);
  });

  it('cuts to a window, drops unknown indices, and gives the extent', () => {
    const cut = frameCurves(s, [1, 7, -1], '2th_deg', [15, 35]);
    expect(cut).toHaveLength(1);
    expect(Array.from(cut[0].x)).toEqual([20, 30]);
    expect(Array.from(cut[0].intensity)).toEqual([5, 6]);
    expect(axisExtent(s, '2th_deg')).toEqual([10, 30]);
  });
  it.skipIf(!HAVE)('gives the extent of the simulated sequence', () => {
    expect(axisExtent(seq, '2th_deg')).toEqual([2, 16]);
  });
});

describe.skipIf(!HAVE)('binHeatmap on the simulated Fe2O3+NiO sequence (61 frames × 2801 points, 2θ 2–16°)', () => {
  it('conserves intensity and point count: bin sums add up to every count of every frame', () => {
    const g = binHeatmap(seq, { xBins: 600, tBins: 300 });
    expect(g.tBins).toBe(61); // never more time bins than frames
    expect(g.xBins).toBe(600);
    expect(g.frames).toBe(61);
    expect(total(g.count)).toBe(61 * 2801);
    expect(total(g.sum) / all).toBeCloseTo(1, 12);
    expect(g.xLo).toBe(2);
    expect(g.xHi).toBe(16);
    // t edges centred on the frames: frame i sits in row i
    expect(g.tLoS).toBe(-15);
    expect(g.tHiS).toBe(1815);
  });

  it('with one row per frame, each row sums to its frame', () => {
    const g = binHeatmap(seq, { xBins: 100, tBins: 61 });
    for (const i of [0, 17, 60]) {
      const row = g.sum.subarray(i * 100, (i + 1) * 100);
      expect(total(row) / total(seq.frames[i].intensity)).toBeCloseTo(1, 12);
    }
    // the displayed value is the mean count per point of the cell
    const c = 5 * 100 + 40;
    expect(g.value[c]).toBeCloseTo(g.sum[c] / g.count[c], 12);
  });

  it('merges frames into fewer time bins without losing counts', () => {
    const g = binHeatmap(seq, { xBins: 50, tBins: 20 });
    expect(g.tBins).toBe(20);
    expect(total(g.sum) / all).toBeCloseTo(1, 12);
    // 61 frames over 20 rows: each row holds 3 or 4 frames × 2801 points
    const perRow = Array.from({ length: 20 }, (_, t) => total(g.count.subarray(t * 50, (t + 1) * 50)) / 2801);
    expect(perRow.reduce((a, b) => a + b, 0)).toBe(61);
    expect(Math.min(...perRow)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...perRow)).toBeLessThanOrEqual(4);
  });

  it('bins on q (Å⁻¹) between q(2°) and q(16°) at λ = 0.20735 Å, conserving intensity', () => {
    const g = binHeatmap(seq, { axis: 'q_A^-1', xBins: 300 });
    expect(g.xLo).toBeCloseTo(twoThetaDegToQPerA(2, 0.20735), 12);
    expect(g.xHi).toBeCloseTo(twoThetaDegToQPerA(16, 0.20735), 12);
    expect(g.xLo).toBeCloseTo(1.05770, 4); // 4π sin(1°)/0.20735
    expect(total(g.sum) / all).toBeCloseTo(1, 12);
  });

  it('a zoom window keeps only its points and caps the x bins at the points it holds', () => {
    expect(pointsInWindow(seq, '2th_deg', 6.4, 6.9)).toBe(101); // 0.005° steps, both ends included
    const g = binHeatmap(seq, { xRange: [6.4, 6.9], xBins: 160 });
    expect(g.xBins).toBe(101);
    expect(total(g.count)).toBe(61 * 101);
    expect(Array.from(g.count).every((c) => c > 0)).toBe(true); // no empty columns
  });

  it('log scale: log10 of the cell mean, floored', () => {
    const g = binHeatmap(seq, { log: true, floorCounts: 1, xBins: 600 });
    const c = 10 * 600 + 300;
    expect(g.value[c]).toBeCloseTo(Math.log10(g.sum[c] / g.count[c]), 12);
    expect(g.min).toBeGreaterThan(2); // background ≈ 500 counts
  });
});

describe('binHeatmap on hand-made frames', () => {
  // 4 points per frame at 2θ = 1, 2, 3, 4 °, 2 frames
  const s = sequence([1, 2, 3, 4], [
    [0, 0.5, 10, 1000],
    [2, 4, 6, 8],
  ]);

  it('sums, counts and means per cell', () => {
    const g = binHeatmap(s, { xBins: 2, tBins: 2 });
    expect(Array.from(g.sum)).toEqual([0.5, 1010, 6, 14]);
    expect(Array.from(g.count)).toEqual([2, 2, 2, 2]);
    expect(Array.from(g.value)).toEqual([0.25, 505, 3, 7]);
    expect([g.min, g.max]).toEqual([0.25, 505]);
  });

  it('log floor: means below the floor show as log10(floor)', () => {
    const g = binHeatmap(s, { xBins: 4, tBins: 2, log: true, floorCounts: 1 });
    expect(g.value[0]).toBe(0); // mean 0 → floor 1 count → 0
    expect(g.value[1]).toBe(0); // 0.5 → floor
    expect(g.value[2]).toBeCloseTo(1, 12);
    expect(g.value[3]).toBeCloseTo(3, 12);
    const g2 = binHeatmap(s, { xBins: 4, tBins: 2, log: true, floorCounts: 5 });
    expect(g2.value[2]).toBeCloseTo(1, 12);
    expect(g2.value[0]).toBeCloseTo(Math.log10(5), 12);
    expect(() => binHeatmap(s, { log: true, floorCounts: 0 })).toThrow(/floor/);
  });

  it('empty cells are NaN', () => {
    const g = binHeatmap(s, { xBins: 4, tBins: 2, xRange: [0, 8] }); // points only in the lower half
    expect(g.xBins).toBe(4);
    expect(g.count[3]).toBe(0);
    expect(Number.isNaN(g.value[3])).toBe(true);
    expect(Array.from(g.count)).toEqual([1, 2, 1, 0, 1, 2, 1, 0]); // 2θ = 1, 2, 3, 4 in bins [0,2) [2,4) [4,6) hold points, [6,8] none
  });

  it('interior empty cells show the interpolation of their neighbours (display only), edge gaps stay empty', () => {
    const v = Float64Array.from([NaN, 1, NaN, NaN, 4, NaN, 2, NaN, 6, NaN]);
    fillRowGaps(v, 5, 2);
    expect(Array.from(v.subarray(0, 5))).toEqual([NaN, 1, 2, 3, 4]);
    expect(Array.from(v.subarray(5))).toEqual([NaN, 2, 4, 6, NaN]);
    // uneven points (1, 1.1, 1.2, 4°) in 4 bins over 1–4°: the two empty middle bins are interpolated, sums untouched
    const uneven = sequence([1, 1.1, 1.2, 4], [[3, 3, 3, 12]]);
    const g = binHeatmap(uneven, { xBins: 4, tBins: 1, xRange: [1, 4] });
    expect(Array.from(g.count)).toEqual([3, 0, 0, 1]);
    expect(Array.from(g.value)).toEqual([3, 6, 9, 12]);
    expect(Array.from(g.sum)).toEqual([9, 0, 0, 12]);
  });

  it.skipIf(!HAVE)('on d the uneven grid leaves no holes inside the data (simulated sequence)', () => {
    const g = binHeatmap(seq, { axis: 'd_A', xBins: 600, tBins: 61 });
    const row = Array.from(g.value.subarray(0, 600));
    const filled = row.map((v) => Number.isFinite(v));
    expect(filled.indexOf(false)).toBe(-1);
    expect(total(g.sum) / all).toBeCloseTo(1, 12);
  });

  it('a time window keeps only its frames', () => {
    const g = binHeatmap(s, { tRangeS: [10, 100], xBins: 2 });
    expect(g.frames).toBe(1);
    expect(total(g.sum)).toBe(20);
  });
});

