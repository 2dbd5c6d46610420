/**
 * Phase presence through a sequence (presence.ts) on sequences designed by hand: a strong peak (area 40 counts·° on
 * a flat background of 200 counts, noise-free, so N/σ_N is far above k) appears at a chosen frame, and the
 * bookkeeping — which frame starts the first run of minConsecutive detections, the time reported, the message a
 * user reads, the median limit, the reflection chosen — is checked against the design. The statistics of the test
 * itself are pinned in fitRoi.test.ts and on the simulated studies in test/xrd-peaks.
 */
import { describe, expect, it } from 'vitest';
import { detectPresence, reflectionScore } from './presence';
import { pseudoVoigtAreaWithin } from './pseudoVoigt';
import type { FrameData } from './sequential';
import { syntheticPattern, twoThetaAxis } from './synthetic';

const x = twoThetaAxis(5.0, 8.0, 0.005);
const frame = (peaks: { centreDeg: number; area: number }[]): FrameData => ({
  twoThetaDeg: x,
  intensity: syntheticPattern(x, peaks.map((p) => ({ ...p, fwhmDeg: 0.05, eta: 0.5 })), [200], 6.5),
  sigma: null,
});
const times = (n: number) => Float64Array.from({ length: n }, (_, i) => 12.5 * i);
const A = { label: 'X 111', twoThetaDeg: 6.0 };
const B = { label: 'X 200', twoThetaDeg: 7.0 };

describe('one reflection in one frame', () => {
  it('a strong peak passes both tests; a flat frame does not, and its limit is k·σ_N / (area fraction within ±Γ)', () => {
    const on = reflectionScore(frame([{ centreDeg: 6.0, area: 40 }]), 6.0)!;
    expect(on.present).toBe(true);
    expect(on.score).toBeGreaterThan(30);
    expect(on.area).toBeCloseTo(40, 1);
    expect(on.significance).toBeGreaterThan(3);
    const off = reflectionScore(frame([]), 6.0)!;
    expect(off.present).toBe(false);
    expect(Number.isNaN(off.area)).toBe(true);
    expect(off.significance).toBe(0);
    // 200 counts per 0.005° step, Poisson: σ of the net counts within ±Γ (21 points) ≈ √(21·200)·step = 0.324 counts·°
    // before the background's own uncertainty; the limit is at least 3·0.324 / f(±Γ)
    const f = pseudoVoigtAreaWithin(0.05, 0.05, 0.5);
    expect(off.limit).toBeGreaterThan((3 * Math.sqrt(21 * 200) * 0.005) / f);
    expect(off.limit).toBeLessThan((6 * Math.sqrt(21 * 200) * 0.005) / f);
  });

  it('the background order asked for is used: a curved background with no peak scores 0 with order 2', () => {
    // 200 + 400·(x − 6)² counts, noise-free, no peak: a quadratic background fits it exactly, so the net counts at
    // 6.0° are 0 (N/σ_N = 0 to rounding); a straight line through the outer points would leave the curvature as a
    // negative net area, well below zero in units of σ_N.
    const curved: FrameData = { twoThetaDeg: x, intensity: syntheticPattern(x, [], [200, 0, 400], 6.0), sigma: null };
    const sc = reflectionScore(curved, 6.0, { backgroundOrder: 2 })!;
    expect(sc.present).toBe(false);
    expect(Math.abs(sc.score)).toBeLessThan(1e-6);
    expect(reflectionScore(curved, 6.0, { backgroundOrder: 1 })!.score).toBeLessThan(-0.5);
  });
  it('the candidate\'s width may go from ½ to 2× the expected Γ: a line 1.8× wider is measured whole, one 4× wider is not', () => {
    // noise-free lines of area 40 on 200 counts; expected Γ 0.05°. Γ = 0.09° lies within [0.025, 0.1]: the fit reaches
    // it and gives back the area; Γ = 0.2° does not (the fit stops at 0.1°, and its area falls short: 31 of 40)
    const at = (fwhmDeg: number) => reflectionScore({
      twoThetaDeg: x, sigma: null, intensity: syntheticPattern(x, [{ centreDeg: 6.0, fwhmDeg, eta: 0.5, area: 40 }], [200], 6.5),
    }, 6.0, { roiHalfWidthDeg: 0.5 })!;
    expect(at(0.09).area).toBeCloseTo(40, 4);
    expect(at(0.2).area).toBeLessThan(0.9 * 40);
  });

  it('null when the ROI (±max(0.15°, 4Γ)) leaves the data', () => {
    const fr = frame([]);
    expect(reflectionScore(fr, 5.1)).toBeNull(); // 5.1 − 0.2 < 5.0
    expect(reflectionScore(fr, 7.85)).toBeNull(); // 7.85 + 0.2 > 8.0
    expect(reflectionScore(fr, 5.21)).not.toBeNull();
    expect(reflectionScore(fr, 5.12, { roiHalfWidthDeg: 0.1 })).not.toBeNull();
    // a ROI that ends exactly on the first or last point is inside the data (5.25 ∓ 0.25 and 7.75 ± 0.25 are exact)
    expect(x[0]).toBe(5);
    expect(x[x.length - 1]).toBe(8);
    expect(reflectionScore(fr, 5.25, { roiHalfWidthDeg: 0.25 })).not.toBeNull();
    expect(reflectionScore(fr, 7.75, { roiHalfWidthDeg: 0.25 })).not.toBeNull();
    expect(reflectionScore({ twoThetaDeg: Float64Array.of(6), intensity: Float64Array.of(1), sigma: null }, 6)).toBeNull();
  });
});

describe('presence through a sequence', () => {
  it('detected from the first frame of the first run of two: a lone blip is not enough', () => {
    // frames 0–1 empty, 2 a blip, 3 empty, peak from 5 on (0-based)
    const areas = [0, 0, 40, 0, 0, 40, 40, 40];
    const frames = areas.map((a) => frame(a ? [{ centreDeg: 6.0, area: a }] : []));
    const r = detectPresence(frames, times(8), 'X', [A]);
    expect(Array.from(r.perFrame.detected)).toEqual([0, 0, 1, 0, 0, 1, 1, 1]);
    expect(r.detected).toBe(true);
    expect(r.firstFrame).toBe(5);
    expect(r.firstTimeS).toBe(62.5);
    expect(r.message).toBe('detected from t = 62.5 s');
    expect(r.label).toBe('X');
    // with minConsecutive 1 the blip counts; with 3 the last run (frames 5–7) still qualifies, with 4 nothing does
    expect(detectPresence(frames, times(8), 'X', [A], { minConsecutive: 1 }).firstFrame).toBe(2);
    expect(detectPresence(frames, times(8), 'X', [A], { minConsecutive: 3 }).firstFrame).toBe(5);
    const none = detectPresence(frames, times(8), 'X', [A], { minConsecutive: 4 });
    expect(none.detected).toBe(false);
    expect(none.firstFrame).toBeNull();
    expect(none.firstTimeS).toBeNull();
    expect(none.message).toMatch(/^not detected \(limit \d\.\d\d counts·°\)$/);
    // minConsecutive 0 is taken as 1
    expect(detectPresence(frames, times(8), 'X', [A], { minConsecutive: 0 }).firstFrame).toBe(2);
  });

  it('a run ending at the last frame counts; the time is rounded to 0.1 s in the message', () => {
    const frames = [0, 0, 0, 40, 40].map((a) => frame(a ? [{ centreDeg: 6.0, area: a }] : []));
    const t = Float64Array.from([0, 10, 20, 33.333, 44]);
    const r = detectPresence(frames, t, 'X', [A]);
    expect(r.firstFrame).toBe(3);
    expect(r.message).toBe('detected from t = 33.3 s');
  });

  it('the best reflection is the present one with the highest score; none present: the lowest limit', () => {
    const frames = [
      frame([{ centreDeg: 7.0, area: 40 }]), // only B
      frame([{ centreDeg: 6.0, area: 15 }, { centreDeg: 7.0, area: 60 }]), // both, B stronger
      frame([{ centreDeg: 6.0, area: 60 }, { centreDeg: 7.0, area: 15 }]), // both, A stronger
      frame([]),
    ];
    const r = detectPresence(frames, times(4), 'X', [A, B]);
    expect(Array.from(r.perFrame.detected)).toEqual([1, 1, 1, 0]);
    expect(Array.from(r.perFrame.bestReflection)).toEqual([1, 1, 0, expect.any(Number)]);
    expect(r.perFrame.area[0]).toBeCloseTo(40, 1);
    expect(r.perFrame.area[1]).toBeCloseTo(60, 1);
    expect(r.perFrame.area[2]).toBeCloseTo(60, 1);
    expect(Number.isNaN(r.perFrame.area[3])).toBe(true);
    // frame 3: the limit kept is the lower of the two reflections' limits
    const la = reflectionScore(frames[3], 6.0)!.limit;
    const lb = reflectionScore(frames[3], 7.0)!.limit;
    expect(r.perFrame.limit[3]).toBe(Math.min(la, lb));
    expect(r.perFrame.bestReflection[3]).toBe(la <= lb ? 0 : 1);
    expect(r.firstFrame).toBe(0);
  });

  it('a reflection outside every frame is skipped (best −1, NaN), and the limit is the median over the frames that have one', () => {
    const off = { label: 'X 999', twoThetaDeg: 9.5 };
    const frames = [frame([]), frame([]), frame([])];
    const r = detectPresence(frames, times(3), 'X', [off]);
    expect(Array.from(r.perFrame.bestReflection)).toEqual([-1, -1, -1]);
    expect(Array.from(r.perFrame.score).every(Number.isNaN)).toBe(true);
    expect(Number.isNaN(r.limit)).toBe(true);
    expect(r.detected).toBe(false);
    // limits of an even count of frames: the mean of the middle two
    const two = detectPresence([frame([]), frame([])], times(2), 'X', [A]);
    expect(two.limit).toBeCloseTo(0.5 * (two.perFrame.limit[0] + two.perFrame.limit[1]), 12);
    const odd = detectPresence([frame([]), frame([]), frame([])], times(3), 'X', [A]);
    expect(odd.limit).toBe([...odd.perFrame.limit].sort((p, q) => p - q)[1]);
  });

  it('a neighbour inside the ROI is fitted as a nuisance peak: it neither hides nor fakes the candidate', () => {
    // a strong other-phase peak 0.12° away (inside the ±0.2° ROI, beyond the ±0.0375° search guard)
    const other = [6.12];
    const onlyOther = frame([{ centreDeg: 6.12, area: 80 }]);
    expect(reflectionScore(onlyOther, 6.0, { otherPeaksDeg: other })!.present).toBe(false);
    const both = frame([{ centreDeg: 6.0, area: 30 }, { centreDeg: 6.12, area: 80 }]);
    const s = reflectionScore(both, 6.0, { otherPeaksDeg: other })!;
    expect(s.present).toBe(true);
    expect(s.area).toBeCloseTo(30, 0);
  });

  it('other peaks within the search guard (±0.75Γ) or not inside the ROI by a FWHM are not fitted: the same result as none', () => {
    // Γ = 0.05°, ROI ±0.2°: a nuisance peak is fitted only when 0.0375° < |o − c| < 0.15°. 6.02° and 5.97° are the
    // candidate's own line (within the guard); 6.17° lies within a FWHM of the ROI's end and 5.5° outside it.
    const fr = frame([{ centreDeg: 6.0, area: 40 }]);
    const alone = reflectionScore(fr, 6.0)!;
    expect(reflectionScore(fr, 6.0, { otherPeaksDeg: [6.02, 5.97] })).toEqual(alone);
    expect(reflectionScore(fr, 6.0, { otherPeaksDeg: [6.17, 5.5] })).toEqual(alone);
    // and one at 6.1° (inside both limits) is fitted: the screen background then leaves out |x − 6.1| ≤ 2Γ too
    expect(reflectionScore(fr, 6.0, { otherPeaksDeg: [6.1] })!.score).not.toBe(alone.score);
  });
});

describe('after the seed-32 draw (written from its survivors)', () => {
  const flatAt = (counts: number): FrameData => ({ twoThetaDeg: x, intensity: syntheticPattern(x, [], [counts], 6.5), sigma: null });

  it('the limit is the median of the per-frame limits in any frame order (backgrounds 800, 50, 200 counts: the 200 one\'s)', () => {
    // the limit grows with the background's noise, so the middle background gives the middle limit
    const r = detectPresence([flatAt(800), flatAt(50), flatAt(200)], times(3), 'X', [A]);
    const [l800, l50, l200] = Array.from(r.perFrame.limit);
    expect(l50).toBeLessThan(l200);
    expect(l200).toBeLessThan(l800);
    expect(r.limit).toBe(l200);
  });

  it('the candidate may move ±0.75Γ by default (as searchFwhm: 0.75 says), not fitRoi\'s ±2Γ', () => {
    // a line 1.2Γ (0.06°) from the expected 6.0°: with ±0.75Γ the fit cannot reach it
    const fr = frame([{ centreDeg: 6.06, area: 40 }]);
    const byDefault = reflectionScore(fr, 6.0)!;
    expect(byDefault).toEqual(reflectionScore(fr, 6.0, { searchFwhm: 0.75 }));
    expect(byDefault).not.toEqual(reflectionScore(fr, 6.0, { searchFwhm: 2 }));
  });

  it('a frame too coarse for the ROI is refused with a message naming the presence ROI', () => {
    const coarse: FrameData = { twoThetaDeg: twoThetaAxis(5.0, 8.0, 0.1), intensity: new Float64Array(31).fill(100), sigma: null };
    expect(() => reflectionScore(coarse, 6.0)).toThrow(/^ROI presence: only 5 points in 5\.8–6\.2° for 1 peak\(s\)$/);
  });
});
