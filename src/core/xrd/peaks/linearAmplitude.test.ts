/**
 * The presence test's linear amplitude fast path (linearAmplitude.ts, reflectionScore's fastPresent) on lines built
 * by hand: a pseudo-Voigt of known area on a sloping background with exact Poisson counts (seeded), so the amplitude
 * and its σ are known from the generator's inputs — σ(A)² = [(FᵀΛ⁻¹F)⁻¹]_AA with F the columns (line, 1, x − xRef)
 * and Λ the expected counts (weighted least squares' covariance, Cramér–Rao for Poisson counts at these levels).
 */
import { describe, expect, it } from 'vitest';
import { fitRoi } from './fitRoi';
import { fullModelAreaSigma, linearAmplitudes, type FixedLine } from './linearAmplitude';
import { FAST_PRESENT_K, reflectionScore } from './presence';
import { pseudoVoigt } from './pseudoVoigt';
import type { FrameData } from './sequential';
import type { AbsentPeak } from './types';
import { poissonCounts, poissonGenerator, syntheticPattern, twoThetaAxis } from './synthetic';
import { invertGaussJordan } from '../../../../test/support/gauss-jordan';

const STEP = 0.005;
const FWHM = 0.05;
const BG = [200, 30]; // counts at 6.0°, counts per degree
const x = twoThetaAxis(5.8, 6.2, STEP);
const line: FixedLine = { centreDeg: 6.0, fwhmDeg: FWHM, eta: 0.5 };

/** Expected counts of the design and one Poisson draw of it, with the variances fitRoi uses (max(counts, 1)). */
function draw(area: number, seed: number, extra: { centreDeg: number; area: number }[] = []) {
  const expected = syntheticPattern(x, [{ ...line, area }, ...extra.map((e) => ({ ...e, fwhmDeg: FWHM, eta: 0.5 }))], BG, 6.0);
  const y = poissonCounts(expected, poissonGenerator(seed));
  return { expected, y, variance: Float64Array.from(y, (v) => Math.max(v, 1)) };
}

/** σ(A) from the generator's inputs: [(FᵀΛ⁻¹F)⁻¹]_00 for the columns (unit-area line, 1, x − 6), Λ = expected counts. */
function designSigma(expected: Float64Array): number {
  const m = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  x.forEach((xi, i) => {
    const f = [pseudoVoigt(xi, 6.0, FWHM, 0.5, 1), 1, xi - 6.0];
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) m[r][c] += (f[r] * f[c]) / expected[i];
  });
  const det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
    + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  return Math.sqrt((m[1][1] * m[2][2] - m[1][2] * m[2][1]) / det);
}

const mean = (v: number[]) => v.reduce((s, a) => s + a, 0) / v.length;
const sd = (v: number[]) => Math.sqrt(v.reduce((s, a) => s + (a - mean(v)) ** 2, 0) / (v.length - 1));

describe('linear amplitude of a line of known shape', () => {
  it('recovers the area and its σ over 300 Poisson draws (mean, scatter and the reported σ against the design)', () => {
    const area = 3; // counts·°: ≈ 15 σ on 200 counts per 0.005° step
    const sigma0 = designSigma(draw(area, 1).expected);
    const areas: number[] = [];
    const sigmas: number[] = [];
    const bg0: number[] = [];
    for (let seed = 1; seed <= 300; seed++) {
      const { y, variance } = draw(area, seed);
      const r = linearAmplitudes(x, y, variance, 6.0, 1, [line])!;
      areas.push(r.area[0]);
      sigmas.push(r.sigma[0]);
      bg0.push(r.background[0]);
    }
    // unbiased to within the sampling error of the mean (σ0/√300) and the weights' known small Poisson bias
    expect(Math.abs(mean(areas) - area)).toBeLessThan(3 * (sigma0 / Math.sqrt(300)) + 0.01 * area);
    // the scatter of A is the design's σ, and so is the σ each fit reports (±15 %: 300 draws)
    expect(sd(areas) / sigma0).toBeGreaterThan(0.85);
    expect(sd(areas) / sigma0).toBeLessThan(1.15);
    expect(mean(sigmas) / sigma0).toBeGreaterThan(0.9);
    expect(mean(sigmas) / sigma0).toBeLessThan(1.1);
    expect(Math.abs(mean(bg0) - 200)).toBeLessThan(2);
  });

  it('an absent line gives t = A/σ(A) distributed as a standard normal: small |t|, rarely beyond 3', () => {
    const ts: number[] = [];
    for (let seed = 1; seed <= 300; seed++) {
      const { y, variance } = draw(0, 1000 + seed);
      const r = linearAmplitudes(x, y, variance, 6.0, 1, [line])!;
      ts.push(r.area[0] / r.sigma[0]);
    }
    expect(Math.abs(mean(ts))).toBeLessThan(0.3);
    expect(sd(ts)).toBeGreaterThan(0.8);
    expect(sd(ts)).toBeLessThan(1.2);
    expect(ts.filter((t) => Math.abs(t) > 3).length).toBeLessThanOrEqual(6); // 0.27 % expected: < 1 in 300 on average
  });

  it('separates a neighbour at 2.5 FWHM: both areas within 4σ of the design', () => {
    const { y, variance } = draw(3, 7, [{ centreDeg: 6.125, area: 6 }]);
    const r = linearAmplitudes(x, y, variance, 6.0, 1, [line, { centreDeg: 6.125, fwhmDeg: FWHM, eta: 0.5 }])!;
    expect(Math.abs(r.area[0] - 3)).toBeLessThan(4 * r.sigma[0]);
    expect(Math.abs(r.area[1] - 6)).toBeLessThan(4 * r.sigma[1]);
    expect(r.reducedChi2).toBeGreaterThan(0.7);
    expect(r.reducedChi2).toBeLessThan(1.4);
  });

  it('σ(A) with the width and shape free (as the full fit has them) is larger than with them fixed', () => {
    const { y, variance } = draw(3, 11);
    const r = linearAmplitudes(x, y, variance, 6.0, 1, [line])!;
    const free = fullModelAreaSigma(x, variance, 6.0, 1, [line], r, 0)!;
    expect(free).toBeGreaterThan(1.2 * r.sigma[0]);
    // and no degrees of freedom: null, not a number
    expect(linearAmplitudes(x.subarray(0, 3), y.subarray(0, 3), variance.subarray(0, 3), 6.0, 1, [line])).toBeNull();
  });

  it('singular normal equations give null: a line with no counts in the ROI, and σ(A) of a line of zero area', () => {
    const { y, variance } = draw(3, 11);
    // a Gaussian (η = 0) 44° from the ROI is exactly 0 at every point (exp underflows): its column of JᵀWJ is zero
    const away: FixedLine = { centreDeg: 50, fwhmDeg: FWHM, eta: 0 };
    expect(linearAmplitudes(x, y, variance, 6.0, 1, [line, away])).toBeNull();
    // at area 0 the model does not depend on the line's centre, FWHM or η: three zero columns of J, JᵀWJ singular
    const r = linearAmplitudes(x, y, variance, 6.0, 1, [line])!;
    const zero = { ...r, area: Float64Array.of(0) };
    expect(fullModelAreaSigma(x, variance, 6.0, 1, [line], zero, 0)).toBeNull();
    expect(fullModelAreaSigma(x, variance, 6.0, 1, [line], r, 0)).toBeGreaterThan(0);
  });
});

describe('σ(A) with width and shape free, two lines in the ROI', () => {
  it('each line\'s σ(A) is √([(JᵀWJ)⁻¹]_AA · χ²ᵥ) with J by central differences of Σ pV + b₀ + b₁(x − 6) at the linear solution', () => {
    const second: FixedLine = { centreDeg: 6.125, fwhmDeg: FWHM, eta: 0.5 };
    const lines = [line, second];
    const { y, variance } = draw(3, 7, [{ centreDeg: 6.125, area: 6 }]);
    const r = linearAmplitudes(x, y, variance, 6.0, 1, lines)!;
    // parameters (centre, FWHM, η, area) per line, then b₀, b₁; the model written out here from the unit-area pV
    const p0 = [...lines.flatMap((l, j) => [l.centreDeg, l.fwhmDeg, l.eta, r.area[j]]), r.background[0], r.background[1]];
    const model = (p: number[], xi: number): number => pseudoVoigt(xi, p[0], p[1], p[2], p[3]) + pseudoVoigt(xi, p[4], p[5], p[6], p[7]) + p[8] + p[9] * (xi - 6.0);
    const m = p0.length;
    const jtwj = Array.from({ length: m }, () => new Array<number>(m).fill(0));
    const steps = p0.map((v, k) => (k % 4 === 0 || k % 4 === 1) && k < 8 ? 1e-6 * FWHM : 1e-3 * Math.max(1, Math.abs(v)));
    x.forEach((xi, i) => {
      const row = p0.map((_, k) => {
        const hi = p0.slice();
        const lo = p0.slice();
        hi[k] += steps[k];
        lo[k] -= steps[k];
        return (model(hi, xi) - model(lo, xi)) / (2 * steps[k]);
      });
      for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) jtwj[a][b] += (row[a] * row[b]) / variance[i];
    });
    const inv = invertGaussJordan(jtwj);
    for (const j of [0, 1]) {
      const expected = Math.sqrt(inv[4 * j + 3][4 * j + 3] * r.reducedChi2);
      const got = fullModelAreaSigma(x, variance, 6.0, 1, lines, r, j)!;
      expect(got / expected - 1, `line ${j}`).toBeLessThan(1e-6);
      expect(got / expected - 1, `line ${j}`).toBeGreaterThan(-1e-6);
      // and larger than the fixed-shape σ(A) of the same line
      expect(got).toBeGreaterThan(r.sigma[j]);
    }
  });
});

describe('reflectionScore with the fast path', () => {
  // a neighbour of area 10 at 3 FWHM inside a ±0.3° ROI, fitted as a nuisance peak
  const frame = (area: number, seed: number): FrameData => {
    const axis = twoThetaAxis(5.0, 7.0, STEP);
    const peaks = [{ ...line, area }, { centreDeg: 6.15, fwhmDeg: FWHM, eta: 0.5, area: 10 }];
    return { twoThetaDeg: axis, sigma: null, intensity: poissonCounts(syntheticPattern(axis, peaks, BG, 6.0), poissonGenerator(seed)) };
  };
  const opts = { fwhmDeg: FWHM, otherPeaksDeg: [6.15], roiHalfWidthDeg: 0.3 };

  it('a strong line (t far above 3k) is present without the fit: the verdict, score and limit are the fit\'s, the area the linear one', () => {
    const f = frame(20, 31);
    const full = reflectionScore(f, 6.0, opts)!;
    const fast = reflectionScore(f, 6.0, { ...opts, fastPresent: true })!;
    expect(full.present).toBe(true);
    expect(fast.present).toBe(true);
    expect(fast.score).toBe(full.score);
    expect(fast.limit).toBe(full.limit);
    expect(fast.significance).toBeGreaterThanOrEqual(FAST_PRESENT_K * 3);
    expect(fast.area).not.toBe(full.area); // the linear amplitude, not the fit's…
    expect(Math.abs(fast.area - 20)).toBeLessThan(0.1 * 20); // …and close to the design
  });

  it('the fast verdict is the linear test of the lines that passed the screen: a nuisance seed with no line is left out', () => {
    // the candidate alone in the data (area 20, no neighbour), a nuisance seed at 6.15° that fails the screen
    const axis = twoThetaAxis(5.0, 7.0, STEP);
    const y = poissonCounts(syntheticPattern(axis, [{ ...line, area: 20 }], BG, 6.0), poissonGenerator(31));
    const fast = reflectionScore({ twoThetaDeg: axis, sigma: null, intensity: y }, 6.0, { ...opts, fastPresent: true })!;
    // the linear test done here on the ROI's points (5.7–6.3°, ±0.3°; xRef 6.0; variances max(y, 1)), candidate only
    const i0 = axis.findIndex((v) => v > 5.7 - STEP / 2);
    const i1 = axis.findIndex((v) => v > 6.3 + STEP / 2);
    const xs = axis.slice(i0, i1);
    const ys = y.slice(i0, i1);
    const variance = Float64Array.from(ys, (v) => Math.max(v, 1));
    const lin = linearAmplitudes(xs, ys, variance, 0.5 * (xs[0] + xs[xs.length - 1]), 1, [line])!;
    const t = lin.area[0] / fullModelAreaSigma(xs, variance, 0.5 * (xs[0] + xs[xs.length - 1]), 1, [line], lin, 0)!;
    expect(t).toBeGreaterThan(FAST_PRESENT_K * 3);
    expect(fast.present).toBe(true);
    expect(fast.area).toBeCloseTo(lin.area[0], 10);
    expect(fast.significance).toBeCloseTo(t, 8);
  });

  it('a weaker line (t between k and 3k), or one the fit rejects after the screen, goes to the full fit: identical results', () => {
    const cases: [number, number, boolean][] = [[3, 31, true], [3, 32, true], [3, 33, true], [1, 32, false]];
    for (const [area, seed, present] of cases) {
      const f = frame(area, seed);
      const full = reflectionScore(f, 6.0, opts)!;
      const fast = reflectionScore(f, 6.0, { ...opts, fastPresent: true })!;
      expect(fast).toEqual(full);
      expect(full.score).toBeGreaterThan(3); // it passed the screen: the fit decided
      expect(full.present).toBe(present);
      if (present) expect(full.significance).toBeLessThan(FAST_PRESENT_K * 3);
    }
  });

  const fullFit = (f: FrameData) => fitRoi(f.twoThetaDeg, f.intensity, null, {
    id: 'presence', fromDeg: 5.7, toDeg: 6.3, backgroundOrder: 1,
    peaks: [{ label: 'candidate', centreDeg: 6.0, fwhmDeg: FWHM, eta: 0.5 }, { label: 'other', centreDeg: 6.15, fwhmDeg: FWHM }],
  }, { detectionK: 3, searchFwhm: 0.75, fwhmRange: [0.5, 2] });

  it('a candidate that fails the screen is not fitted, and its numbers are fitRoi\'s after fitting the neighbour', () => {
    const f = frame(0, 31);
    const s = reflectionScore(f, 6.0, opts)!;
    const r = fullFit(f);
    const p = r.peaks[0];
    expect(p.present).toBe(false);
    expect(r.peaks[1].present).toBe(true); // the neighbour was fitted by fitRoi…
    expect(s).toEqual({ present: false, score: p.netArea / p.netAreaSigma, significance: 0, area: NaN, limit: p.limit });
  });

  it('a candidate the fit rejects keeps the limit of that fit (the neighbour is not refitted without it)', () => {
    const f = frame(1, 32);
    const s = reflectionScore(f, 6.0, opts)!;
    const p = fullFit(f).peaks[0];
    expect(p.present).toBe(false);
    expect((p as AbsentPeak).reason).toBe('fit');
    expect(s).toEqual({ present: false, score: p.netArea / p.netAreaSigma, significance: 0, area: NaN, limit: p.limit });
  });
});
