/**
 * The bookkeeping of sequential peak fitting (sequential.ts) on hand-made inputs: frames put on an ascending 2θ
 * axis without non-finite points, seeds carried from frame to frame, failed ROIs recorded and reported, and the
 * per-peak series with NaN where a peak is absent. The fits themselves are pinned in fitRoi.test.ts, lmfit.test.ts
 * and test/xrd-peaks.
 */
import { describe, expect, it } from 'vitest';
import type { Pattern } from '../../../shared/xrd';
import { fitFrames, frameData, nextSeeds, patternTwoThetaDeg, peakSeries } from './sequential';
import { syntheticPattern, twoThetaAxis } from './synthetic';
import type { RoiFitResult } from './types';

const pattern = (over: Partial<Pattern>): Pattern => ({
  metadata: {}, warnings: [],
  fileName: 'scan.xy', formatId: 'xy', x: Float64Array.from([1, 2, 3]), xUnit: '2th_deg', intensity: Float64Array.from([10, 20, 30]), sigma: null, wavelengthA: null, ...over,
});

describe('frames on an ascending 2θ axis', () => {
  it('an ascending 2θ pattern is used as it is (no copy)', () => {
    const p = pattern({ sigma: Float64Array.from([1, 2, 3]) });
    const f = frameData(p);
    expect(f.twoThetaDeg).toBe(p.x);
    expect(f.intensity).toBe(p.intensity);
    expect(f.sigma).toBe(p.sigma);
  });

  it('a descending axis is reversed, with its intensities and σ', () => {
    const f = frameData(pattern({ x: Float64Array.from([30, 20, 10, 5]), intensity: Float64Array.from([1, 2, 3, 4]), sigma: Float64Array.from([0.1, 0.2, 0.3, 0.4]) }));
    expect(Array.from(f.twoThetaDeg)).toEqual([5, 10, 20, 30]);
    expect(Array.from(f.intensity)).toEqual([4, 3, 2, 1]);
    expect(Array.from(f.sigma!)).toEqual([0.4, 0.3, 0.2, 0.1]);
  });

  it('points without a Bragg angle are dropped, wherever they are, with their intensities', () => {
    const f = frameData(pattern({ x: Float64Array.from([NaN, 1, 2, NaN, 3, Infinity]), intensity: Float64Array.from([9, 1, 2, 9, 3, 9]) }));
    expect(Array.from(f.twoThetaDeg)).toEqual([1, 2, 3]);
    expect(Array.from(f.intensity)).toEqual([1, 2, 3]);
    expect(f.sigma).toBeNull();
    // descending with a leading NaN: the first finite point decides the direction
    const d = frameData(pattern({ x: Float64Array.from([NaN, 9, 8, 7]), intensity: Float64Array.from([0, 1, 2, 3]) }));
    expect(Array.from(d.twoThetaDeg)).toEqual([7, 8, 9]);
    expect(Array.from(d.intensity)).toEqual([3, 2, 1]);
  });

  it('a d axis (Å) is converted by Bragg with the wavelength; d beyond λ/2 has no angle and is dropped', () => {
    // λ = 0.5 Å: d = 2.5 Å → 2θ = 2·asin(0.1) = 11.4783°; d = 1 Å → 2·asin(0.25) = 28.9550°; d = 0.2 Å → none
    const f = frameData(pattern({ x: Float64Array.from([2.5, 1, 0.2]), xUnit: 'd_A', intensity: Float64Array.from([5, 6, 7]) }), 0.5);
    expect(Array.from(f.twoThetaDeg).map((v) => Number(v.toFixed(4)))).toEqual([11.4783, 28.955]);
    expect(Array.from(f.intensity)).toEqual([5, 6]);
  });

  it('a q axis without a wavelength is refused, naming the file', () => {
    expect(() => patternTwoThetaDeg(pattern({ xUnit: 'q_A^-1', fileName: 'frame_07.chi' }))).toThrow(/^frame_07\.chi: /);
  });
});

describe('seeds from frame to frame', () => {
  const result = (present: boolean[]): RoiFitResult => ({
    roiId: 'r', background: [], backgroundSigma: [], xRefDeg: 6, chi2: 1, reducedChi2: 1, iterations: 3, converged: true, nPoints: 50,
    peaks: present.map((p, j) => (p
      ? { present: true, label: `p${j}`, centreDeg: 6.1 + j, fwhmDeg: 0.03, eta: 0.2, area: 12, significance: 9, limit: 1, netArea: 12, netAreaSigma: 1, sigma: { centreDeg: 1e-3, fwhmDeg: 1e-3, eta: 0.01, area: 0.5 } }
      : { present: false, label: `p${j}`, limit: 2, netArea: 0.1, netAreaSigma: 1, reason: 'screen', centreDeg: 99 })) as RoiFitResult['peaks'],
  });
  it('a present peak seeds the next frame with its fit; an absent one keeps its previous seed without an area', () => {
    const prev = [{ label: 'p0', centreDeg: 6.0, fwhmDeg: 0.05, eta: 0.5, area: 30 }, { label: 'p1', centreDeg: 7.0, fwhmDeg: 0.04, eta: 0.1, area: 8 }];
    expect(nextSeeds(prev, result([true, false]))).toEqual([
      { label: 'p0', centreDeg: 6.1, fwhmDeg: 0.03, eta: 0.2, area: 12 },
      { label: 'p1', centreDeg: 7.0, fwhmDeg: 0.04, eta: 0.1 },
    ]);
  });
});

describe('failed ROIs and per-peak series', () => {
  const x = twoThetaAxis(6.0, 7.0, 0.005);
  const frames = [0, 1, 2].map((f) => ({
    twoThetaDeg: x,
    intensity: syntheticPattern(x, [{ centreDeg: 6.5, fwhmDeg: 0.04, eta: 0.4, area: f === 1 ? 0 : 20 }], [100], 6.5),
    sigma: null,
  }));
  const times = Float64Array.from([0, 30, 60]);
  // Fitted inside the tests on first use, not while the file is collected (mutation testing credits code run at
  // collection to no test and runs it before a mutant is switched on; test/README.md).
  const progress: [number, number][] = [];
  let fitted: ReturnType<typeof fitFrames> | null = null;
  const fit = (): ReturnType<typeof fitFrames> =>
    (fitted ??= fitFrames(frames, times, [
      { id: 'good', fromDeg: 6.3, toDeg: 6.7, peaks: [{ label: 'A', centreDeg: 6.5, fwhmDeg: 0.04 }] },
      // outside the data: every frame fails
      { id: 'off', fromDeg: 8, toDeg: 9, peaks: [{ centreDeg: 8.5, fwhmDeg: 0.04 }, { label: 'B', centreDeg: 8.7, fwhmDeg: 0.04 }] },
    ], { onProgress: (d, t) => progress.push([d, t]) }));

  it('a ROI that cannot be fitted is recorded per frame with its message, and placeholder peaks keep the other ROIs going', () => {
    const result = fit();
    expect(progress).toEqual([[1, 3], [2, 3], [3, 3]]);
    expect(result.errors.map((e) => [e.frame, e.roiId])).toEqual([[0, 'off'], [1, 'off'], [2, 'off']]);
    expect(result.errors[0].message).toMatch(/^ROI off: only 0 points in 8–9°/);
    const off = result.rois[1].frames;
    expect(off).toHaveLength(3);
    expect(off[0].peaks.map((p) => [p.present, p.label, p.centreDeg])).toEqual([[false, 'off#1', 8.5], [false, 'B', 8.7]]);
    expect(off[0].converged).toBe(false);
    expect(Number.isNaN(off[0].chi2)).toBe(true);
    // the placeholder carries no fit: no background coefficients, no points, no iterations
    expect(off[0]).toMatchObject({ roiId: 'off', background: [], backgroundSigma: [], iterations: 0, nPoints: 0 });
    expect(Number.isNaN(off[0].xRefDeg) && Number.isNaN(off[0].reducedChi2)).toBe(true);
    expect(result.rois[0].frames).toHaveLength(3);
  });

  it('the placeholder of a failed ROI, whole: every number NaN, reason \'screen\', a seed without centre at NaN', () => {
    const r = fitFrames([frames[0]], Float64Array.of(0), [{ id: 'z', fromDeg: 8, toDeg: 9, peaks: [{}] }]);
    expect(r.errors).toEqual([{ frame: 0, roiId: 'z', message: 'ROI z: only 0 points in 8–9° for 1 peak(s)' }]);
    expect(r.rois[0].frames).toEqual([{
      roiId: 'z', background: [], backgroundSigma: [], xRefDeg: NaN, chi2: NaN, reducedChi2: NaN, iterations: 0, converged: false, nPoints: 0,
      peaks: [{ present: false, label: 'z#1', limit: NaN, netArea: NaN, netAreaSigma: NaN, reason: 'screen', centreDeg: NaN }],
    }]);
  });

  it('the series has the fit where the peak is present, NaN where absent (its limit kept), and refuses an unknown ROI', () => {
    const result = fit();
    const s = peakSeries(result, 'good');
    expect(s.label).toBe('A');
    expect(Array.from(s.timesS)).toEqual([0, 30, 60]);
    expect(Array.from(s.present)).toEqual([1, 0, 1]);
    expect(s.centreDeg[0]).toBeCloseTo(6.5, 6);
    expect(s.fwhmDeg[2]).toBeCloseTo(0.04, 6);
    expect(s.eta[0]).toBeCloseTo(0.4, 5);
    expect(s.area[2]).toBeCloseTo(20, 4);
    for (const k of ['centreSigmaDeg', 'fwhmSigmaDeg', 'etaSigma', 'areaSigma'] as const) expect(s[k][0], k).toBeGreaterThan(0);
    for (const k of ['centreDeg', 'centreSigmaDeg', 'fwhmDeg', 'fwhmSigmaDeg', 'eta', 'etaSigma', 'area', 'areaSigma'] as const) expect(Number.isNaN(s[k][1]), k).toBe(true);
    expect(s.limit[1]).toBeGreaterThan(0);
    expect(s.limit[0]).toBe(result.rois[0].frames[0].peaks[0].limit);
    expect(peakSeries(result, 'off', 0).label).toBe('off#1');
    expect(peakSeries(result, 'off', 1).label).toBe('B');
    expect(Array.from(peakSeries(result, 'off', 1).present)).toEqual([0, 0, 0]);
    expect(() => peakSeries(result, 'nope')).toThrow("no ROI 'nope' in the result");
    // a peak index the ROI does not have: a series of NaN, never present, labelled by its position
    const none = peakSeries(result, 'good', 3);
    expect(none.label).toBe('good#4');
    expect(Array.from(none.present)).toEqual([0, 0, 0]);
    expect(Array.from(none.limit).every(Number.isNaN)).toBe(true);
  });
});
