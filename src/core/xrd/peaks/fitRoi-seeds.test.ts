/**
 * What fitRoi makes of incomplete or wrong seeds, on noise-free patterns built from known lines (flat background of
 * 100 counts, 0.01° steps): a FWHM read off the data when none is given, the apex of a lone line found anywhere in
 * the ROI, a bump broader than the ROI sized at half the ROI, a centre outside the ROI, and the default bounds of the
 * fit (centre within ±2 seed FWHM, FWHM within 0.25–4 × the seed) reported as reached.
 */
import { describe, expect, it } from 'vitest';
import { fitRoi, screenRoi } from './fitRoi';
import { poissonCounts, poissonGenerator, syntheticPattern, twoThetaAxis } from './synthetic';

const x = twoThetaAxis(9, 11, 0.01); // 201 points
const line = (centreDeg: number, fwhmDeg: number, area = 20, eta = 0.5) => syntheticPattern(x, [{ centreDeg, fwhmDeg, eta, area }], [100]);

describe('seeds read off the data', () => {
  it('a FWHM not given is the line\'s half-maximum width (0.1° line, 10 points per FWHM: within 2 %)', () => {
    for (const eta of [0, 0.5, 1]) {
      const y = line(10.003, 0.1, 20, eta);
      const s = screenRoi(x, y, null, { id: 'r', fromDeg: 9.5, toDeg: 10.5, peaks: [{ centreDeg: 10 }] });
      expect(Math.abs(s.resolved[0].fwhmDeg / 0.1 - 1), `η ${eta}`).toBeLessThan(0.02);
    }
  });

  it('a lone line is sized on its apex even when the given centre is 15 steps off it', () => {
    const y = line(10.15, 0.1);
    const s = screenRoi(x, y, null, { id: 'r', fromDeg: 9.5, toDeg: 10.5, peaks: [{ centreDeg: 10 }] });
    expect(s.resolved[0].centreDeg).toBe(10); // the centre given is kept as the start
    expect(Math.abs(s.resolved[0].fwhmDeg / 0.1 - 1)).toBeLessThan(0.02);
  });

  it('with a neighbour\'s centre given, the apex is sought halfway to it, no further and no nearer', () => {
    // seeds 10.05° (no FWHM) and 10.45° (0.05°, no line there): halfway 0.2°, search 9.85–10.25°. The line of the
    // first seed is at 10.15° (Γ 0.1°, 10 steps from its seed); a stronger, broader Gaussian at 9.75° (Γ 0.2°, 0.3°
    // away, beyond halfway) must not size it. Sought within 3 steps of the seed only, the width would be read on the
    // flank at 10.08°; sought to the whole ROI or twice as far, on the 9.75° line (0.2°).
    const y = syntheticPattern(x, [{ centreDeg: 10.15, fwhmDeg: 0.1, eta: 0.5, area: 20 }, { centreDeg: 9.75, fwhmDeg: 0.2, eta: 0, area: 60 }], [100]);
    const s = screenRoi(x, y, null, { id: 'r', fromDeg: 9, toDeg: 11, peaks: [{ centreDeg: 10.05 }, { centreDeg: 10.45, fwhmDeg: 0.05 }] });
    expect(s.resolved[0].centreDeg).toBe(10.05);
    expect(Math.abs(s.resolved[0].fwhmDeg / 0.1 - 1)).toBeLessThan(0.03);
  });

  it('a line without centre or FWHM is placed on its apex and sized there', () => {
    const y = line(10.2, 0.08);
    const s = screenRoi(x, y, null, { id: 'r', fromDeg: 9.5, toDeg: 10.5, peaks: [{}] });
    expect(s.resolved[0].centreDeg).toBeCloseTo(10.2, 10);
    expect(Math.abs(s.resolved[0].fwhmDeg / 0.08 - 1)).toBeLessThan(0.03);
  });

  it('a line cut by the ROI\'s end is sized on its visible half (centre on the end, 0.1° FWHM → about 0.05°)', () => {
    const y = line(10.5, 0.1, 20, 0);
    const s = screenRoi(x, y, null, { id: 'r', fromDeg: 9.5, toDeg: 10.5, peaks: [{ centreDeg: 10.5 }] });
    // from the left half-maximum (near 10.45°, measured against the last interior point) to the ROI's last point,
    // not the two-step minimum (0.02°)
    expect(s.resolved[0].fwhmDeg).toBeGreaterThan(0.04);
    expect(s.resolved[0].fwhmDeg).toBeLessThan(0.06);
  });

  it('a bump broader than the ROI is sized at half the ROI width (1° ROI → 0.5°)', () => {
    const y = line(10, 5, 2000, 0);
    const s = screenRoi(x, y, null, { id: 'r', fromDeg: 9.5, toDeg: 10.5, peaks: [{ centreDeg: 10 }] });
    expect(s.resolved[0].fwhmDeg).toBeCloseTo(0.5, 10);
    // and over a 2° ROI (9–11°), 1°
    expect(screenRoi(x, y, null, { id: 'r', fromDeg: 9, toDeg: 11, peaks: [{ centreDeg: 10 }] }).resolved[0].fwhmDeg).toBeCloseTo(1, 10);
  });

  it('a second centre outside the ROI (no point within its reach) is sized at the ROI edge and found absent, the first fitted', () => {
    const y = line(10, 0.1);
    const r = fitRoi(x, y, null, { id: 'r', fromDeg: 9.5, toDeg: 10.5, peaks: [{ centreDeg: 10 }, { label: 'out', centreDeg: 11.8 }] });
    const [a, b] = r.peaks;
    expect(a.present).toBe(true);
    if (a.present) expect(a.area).toBeCloseTo(20, 4);
    expect(b.present).toBe(false);
    expect(b.label).toBe('out');
    // sized where the search falls back to (the ROI's last points): the minimum width, two steps
    const s = screenRoi(x, y, null, { id: 'r', fromDeg: 9.5, toDeg: 10.5, peaks: [{ centreDeg: 10 }, { label: 'out', centreDeg: 11.8 }] });
    expect(s.resolved[1].fwhmDeg).toBeCloseTo(0.02, 10);
  });

  it('a second centre beyond the ROI\'s upper end is sized at the ROI\'s last interior point, not its first: a ramp rising to that end', () => {
    // the ROI holds x[100…200] = 10.00…11.00° (n = 101); y = 0 up to its 70th point, then 10 counts a step:
    // y_j = 10·(j − 70) for j ≥ 70 (j counted from the ROI's first point), σ = 1 everywhere (equal weights)
    const y = Float64Array.from(x, (_, i) => 10 * Math.max(0, i - 100 - 70));
    const sigma = new Float64Array(x.length).fill(1);
    const s = screenRoi(x, y, sigma, { id: 'r', fromDeg: 9.995, toDeg: 11.005, backgroundOrder: 0, peaks: [{ centreDeg: 10.2, fwhmDeg: 0.05 }, { label: 'out', centreDeg: 12.5 }] });
    expect(s.x.length).toBe(101);
    // by hand: the preliminary constant background is the mean of the 20 edge points each side, (0·20 + 10·(11 + … +
    // 30)) / 40 = 4100 / 40 = 102.5; the second peak's apex is sought within halfway to the first, 1.15° of 12.5°,
    // where no point lies, so it falls back to the interior point nearest 12.5°, the last, j = 99: net 290 − 102.5
    // = 187.5, half 93.75; to the left the net first drops to 93.75 or below at j = 89 (190 − 102.5 = 87.5),
    // crossing at j = 89 + (93.75 − 87.5)/10 = 89.625; to the right j = 100 (net 197.5) is the ROI's last point,
    // taken as is: FWHM = (100 − 89.625) steps = 0.10375° (at the first interior point instead, the net is −102.5:
    // the minimum width, two steps)
    expect(s.resolved[1].centreDeg).toBe(12.5);
    expect(s.resolved[1].fwhmDeg).toBeCloseTo(0.10375, 9);
    // a centre below the ROI's start (9.5°, halfway to 10.2° is 0.35°: no point within): the first interior point,
    // j = 1, net −102.5, is no maximum at all — the width is the minimum, two steps
    const b = screenRoi(x, y, sigma, { id: 'r', fromDeg: 9.995, toDeg: 11.005, backgroundOrder: 0, peaks: [{ centreDeg: 10.2, fwhmDeg: 0.05 }, { label: 'below', centreDeg: 9.5 }] });
    expect(b.resolved[1].centreDeg).toBe(9.5);
    expect(b.resolved[1].fwhmDeg).toBeCloseTo(0.02, 12);
  });
});

describe('the fit\'s default bounds, reached and reported', () => {
  it('a line 3 seed-FWHM from its seed stops at the centre bound, seed + 2·FWHM', () => {
    const y = line(10.15, 0.05);
    const r = fitRoi(x, y, null, { id: 'r', fromDeg: 9.5, toDeg: 10.5, peaks: [{ centreDeg: 10, fwhmDeg: 0.05 }] }, { forceFit: true });
    const p = r.peaks[0];
    expect(p.present).toBe(true);
    if (!p.present) return;
    expect(p.centreDeg).toBeCloseTo(10.1, 10);
    expect(p.atBound).toContain('centreDeg');
    // below the seed: the lower bound, seed − 2·FWHM
    const lo = fitRoi(x, line(9.85, 0.05), null, { id: 'r', fromDeg: 9.5, toDeg: 10.5, peaks: [{ centreDeg: 10, fwhmDeg: 0.05 }] }, { forceFit: true }).peaks[0];
    if (!lo.present) throw new Error('absent');
    expect(lo.centreDeg).toBeCloseTo(9.9, 10);
    expect(lo.atBound).toContain('centreDeg');
  });

  it('the centre stays within the ROI: a line just outside its ends stops on its first or last point', () => {
    // lines 0.02° outside the ROI 9.5–10.5°, seeds 0.02° inside (±2 seed FWHM would reach 0.2° beyond)
    for (const [truth, seed, end] of [[9.48, 9.52, 9.5], [10.52, 10.48, 10.5]]) {
      const p = fitRoi(x, line(truth, 0.1), null, { id: 'r', fromDeg: 9.5, toDeg: 10.5, peaks: [{ centreDeg: seed, fwhmDeg: 0.1 }] }, { forceFit: true }).peaks[0];
      if (!p.present) throw new Error('absent');
      expect(p.centreDeg, `line at ${truth}`).toBeCloseTo(end, 10);
      expect(p.atBound).toContain('centreDeg');
    }
  });

  it('a line 6× broader than its seed FWHM stops at 4× the seed; fwhmRange [0.25, 8] lets it reach its width', () => {
    const y = line(10, 0.12);
    const roi = { id: 'r', fromDeg: 9.5, toDeg: 10.5, peaks: [{ centreDeg: 10, fwhmDeg: 0.02 }] };
    const p = fitRoi(x, y, null, roi).peaks[0];
    expect(p.present).toBe(true);
    if (!p.present) return;
    expect(p.fwhmDeg).toBeCloseTo(0.08, 10);
    expect(p.atBound).toContain('fwhmDeg');
    const q = fitRoi(x, y, null, roi, { fwhmRange: [0.25, 8] }).peaks[0];
    if (!q.present) throw new Error('absent');
    expect(q.fwhmDeg).toBeCloseTo(0.12, 6);
    expect(q.atBound).not.toContain('fwhmDeg');
  });

  it('a line 6× narrower than its seed FWHM stops at 0.25× the seed', () => {
    const p = fitRoi(x, line(10, 0.03, 20), null, { id: 'r', fromDeg: 9.5, toDeg: 10.5, peaks: [{ centreDeg: 10, fwhmDeg: 0.18 }] }).peaks[0];
    expect(p.present).toBe(true);
    if (!p.present) return;
    expect(p.fwhmDeg).toBeCloseTo(0.045, 10);
    expect(p.atBound).toContain('fwhmDeg');
  });

  it('the FWHM never below half a step nor above the ROI\'s width, whatever the seed (a one-point spike; a bump 3° wide)', () => {
    // 0.01° steps, flat 50 counts with 1050 at 10.00° alone: the fit narrows the line as far as it may. A seed of
    // 0.01° would allow ¼ of it, 0.0025°, but the floor is half a step, 0.005°; a seed of 0.04° stops at ¼, 0.01°.
    const spike = new Float64Array(x.length).fill(50);
    spike[100] = 1050;
    expect(x[100]).toBeCloseTo(10, 12);
    for (const [seed, want] of [[0.01, 0.005], [0.04, 0.01]]) {
      const p = fitRoi(x, spike, null, { id: 's', fromDeg: 9.5, toDeg: 10.5, peaks: [{ centreDeg: 10, fwhmDeg: seed }] }, { forceFit: true }).peaks[0];
      if (!p.present) throw new Error('absent');
      expect(p.fwhmDeg, `seed ${seed}`).toBeCloseTo(want, 12);
      expect(p.atBound).toContain('fwhmDeg');
    }
    // a bump of Γ = 3° over the 1° ROI (9.5–10.5°): a seed of 0.5° would allow 4× = 2°; the ceiling is the ROI's width, 1°
    const p = fitRoi(x, line(10, 3, 300, 0.5), null, { id: 'b', fromDeg: 9.5, toDeg: 10.5, peaks: [{ centreDeg: 10, fwhmDeg: 0.5 }] }, { forceFit: true }).peaks[0];
    if (!p.present) throw new Error('absent');
    expect(p.fwhmDeg).toBeCloseTo(1, 12);
    expect(p.atBound).toContain('fwhmDeg');
  });
});

describe('a line that passes the screen and fails the fit', () => {
  it('is absent for the fit, its limit k·σ(A) with the σ(A) of the fit that rejected it (header, step 4)', () => {
    // area 2 counts·° on 100 counts, Poisson draw of seed 8: N > 3σ_N at the screen, A ≤ 3σ(A) in the fit
    const y = poissonCounts(syntheticPattern(x, [{ centreDeg: 10, fwhmDeg: 0.1, eta: 0.5, area: 2 }], [100]), poissonGenerator(8));
    const roi = { id: 'r', fromDeg: 9.5, toDeg: 10.5, peaks: [{ centreDeg: 10, fwhmDeg: 0.1 }] };
    const p = fitRoi(x, y, null, roi).peaks[0];
    expect(p.present).toBe(false);
    if (p.present) return;
    expect(p.reason).toBe('fit');
    expect(p.netArea).toBeGreaterThan(3 * p.netAreaSigma);
    // the same fit kept (forceFit): its σ(A), × k = 3
    const forced = fitRoi(x, y, null, roi, { forceFit: true }).peaks[0];
    if (!forced.present) throw new Error('absent');
    expect(forced.area).toBeLessThanOrEqual(3 * forced.sigma.area);
    expect(p.limit).toBeCloseTo(3 * forced.sigma.area, 9);
  });
});

describe('the preliminary background and the area seed, worked by hand on integer steps', () => {
  // x = 0…19 (step 1), σ = 1 everywhere (equal weights), a constant background (order 0): the preliminary background
  // is the plain mean of the edge points, max(order + 2, ⌊n/5⌋) = 4 on each side: indices 0–3 and 16–19.
  const xi = Float64Array.from({ length: 20 }, (_, i) => i);
  const sig = new Float64Array(20).fill(1);

  it('is the mean of the outer fifth on each side (all four right points, not two): FWHM 3.9, not 4.0', () => {
    // 10 counts everywhere, a triangle of 80 over it at index 9 (80, 60, 40, 20, 0 at 0…4 steps), and 18 counts at
    // indices 16 and 17: the edge mean is (6·10 + 2·18)/8 = 12. Net at 9: 78, half 39; at 8 and 10: 58; at 7 and 11:
    // 38 ≤ 39, crossing 7 + (39 − 38)/(58 − 38) = 7.05 and symmetrically 10.95: FWHM 3.9. (A mean of 0–3 and 18–19
    // only would be 10: half 40, met exactly at 7 and 11, FWHM 4.0.)
    const y = Float64Array.from(xi, (v) => 10 + Math.max(0, 80 - 20 * Math.abs(v - 9)));
    y[16] = 18;
    y[17] = 18;
    const s = screenRoi(xi, y, sig, { id: 'e', fromDeg: 0, toDeg: 19, backgroundOrder: 0, peaks: [{}] });
    expect(s.resolved).toEqual([{ label: 'e#1', centreDeg: 9, fwhmDeg: expect.closeTo(3.9, 12), eta: 0.5, area: null }]);
  });

  it('a lopsided line: centre on the largest three-point sum, FWHM from both half-maximum crossings (5.3125)', () => {
    // net counts over 10: 0 up to index 3, 18 more a step up to 90 at index 8, 16 less a step after it (74, 58, 42,
    // 26, 10), 0 from index 14. Edge mean 10 (all edge points at 10). Three-point sums: 236 at 8, 222 at 9, 216 at
    // 7 → centre x₈ = 8. Half maximum 45: on the left between 5 (36) and 6 (54): 5 + 9/18 = 5.5; on the right
    // between 10 (58) and 11 (42): 10 + 13/16 = 10.8125. FWHM 5.3125.
    const net = [0, 0, 0, 0, 18, 36, 54, 72, 90, 74, 58, 42, 26, 10, 0, 0, 0, 0, 0, 0];
    const y = Float64Array.from(net, (v) => 10 + v);
    const s = screenRoi(xi, y, sig, { id: 'l', fromDeg: 0, toDeg: 19, backgroundOrder: 0, peaks: [{}] });
    expect(s.resolved).toEqual([{ label: 'l#1', centreDeg: 8, fwhmDeg: 5.3125, eta: 0.5, area: null }]);
    // the same line mirrored (x → 19 − x): centre 11, the same width
    const m = screenRoi(xi, y.slice().reverse(), sig, { id: 'l', fromDeg: 0, toDeg: 19, backgroundOrder: 0, peaks: [{}] });
    expect(m.resolved).toEqual([{ label: 'l#1', centreDeg: 11, fwhmDeg: 5.3125, eta: 0.5, area: null }]);
  });

  it('a flat top: the first of two equal three-point sums is the apex (centre 7, FWHM 6 → 9 = 3)', () => {
    // net over 10: 30, 60, 60, 30 at 6–9; sums at 7 and 8 both 150. Half maximum 30, met exactly at 6 and 9.
    const net = [0, 0, 0, 0, 0, 0, 30, 60, 60, 30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const s = screenRoi(xi, Float64Array.from(net, (v) => 10 + v), sig, { id: 'f', fromDeg: 0, toDeg: 19, backgroundOrder: 0, peaks: [{}] });
    expect(s.resolved).toEqual([{ label: 'f#1', centreDeg: 7, fwhmDeg: 3, eta: 0.5, area: null }]);
  });

  it('a short ROI takes order + 2 edge points each side, more than a fifth (14 points, order 3: 5, not 2)', () => {
    // x = 0…13, σ = 1; the preliminary background is a straight line (order min(3, 1)) through indices 0–4 and 9–13:
    // values 10, 10, 16, 16, 16 | 16, 16, 16, 10, 10, symmetric about 6.5, so flat at their mean 13.6. (Through
    // 0, 1, 12, 13 only it would be 10.) The line: 50, 70, 60, 30 at 5–8 → net 36.4, 56.4, 46.4, 16.4; apex 6
    // (sums 139.2 at 6, 119.2 at 7), half 28.2: left 4 + (28.2 − 2.4)/(36.4 − 2.4), right 7 + (46.4 − 28.2)/30.
    const x14 = Float64Array.from({ length: 14 }, (_, i) => i);
    const y = Float64Array.from([10, 10, 16, 16, 16, 50, 70, 60, 30, 16, 16, 16, 10, 10]);
    const roi = (peaks: object[]) => ({ id: 'o', fromDeg: 0, toDeg: 13, backgroundOrder: 3, peaks });
    const s = screenRoi(x14, y, new Float64Array(14).fill(1), roi([{}]));
    expect(s.resolved[0].centreDeg).toBe(6);
    expect(s.resolved[0].fwhmDeg).toBeCloseTo(7 + 18.2 / 30 - (4 + 25.8 / 34), 10);
    // a FWHM given is kept; only the centre is read off the data
    const g = screenRoi(x14, y, new Float64Array(14).fill(1), roi([{ fwhmDeg: 1.5 }]));
    expect(g.resolved).toEqual([{ label: 'o#1', centreDeg: 6, fwhmDeg: 1.5, eta: 0.5, area: null }]);
  });

  it('a line whose half maximum lies beyond the ROI\'s first point is sized from that point (2.21875), its mirror from the last', () => {
    // net over 10: 70, 80, 60, 40, 20 at 0–4. Edge mean (80 + 90 + 70 + 50 + 4·10)/8 = 41.25: net 38.75, 48.75, 28.75,
    // 8.75, −11.25; apex 1 (sum 116.25), half 24.375 — still exceeded at index 0, so the width starts at x₀ = 0;
    // right crossing 2 + (28.75 − 24.375)/(28.75 − 8.75) = 2.21875.
    const net = [70, 80, 60, 40, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const y = Float64Array.from(net, (v) => 10 + v);
    const s = screenRoi(xi, y, sig, { id: 'b', fromDeg: 0, toDeg: 19, backgroundOrder: 0, peaks: [{}] });
    expect(s.resolved).toEqual([{ label: 'b#1', centreDeg: 1, fwhmDeg: 2.21875, eta: 0.5, area: null }]);
    const m = screenRoi(xi, y.slice().reverse(), sig, { id: 'b', fromDeg: 0, toDeg: 19, backgroundOrder: 0, peaks: [{}] });
    expect(m.resolved).toEqual([{ label: 'b#1', centreDeg: 18, fwhmDeg: 2.21875, eta: 0.5, area: null }]);
  });

  it('a centre given below the ROI, whose nearest interior point is no maximum (net ≤ 0 there), gets the minimum width', () => {
    // seeds 9 (FWHM 4) and −8: halfway 8.5, no interior point within it of −8 → the first interior point, index 1.
    // 10 counts, but 5.9 and 6 at indices 0 and 1: edge mean 71.9/8 = 8.9875, net −3.0875 and −2.9875 there: the
    // net at the point is below zero, no half maximum to interpolate — two steps (extrapolating from the nearly equal
    // neighbours would give 15.9).
    const y = new Float64Array(20).fill(10);
    y[0] = 5.9;
    y[1] = 6;
    const s = screenRoi(xi, y, sig, { id: 'd', fromDeg: 0, toDeg: 19, backgroundOrder: 0, peaks: [{ centreDeg: 9, fwhmDeg: 4 }, { centreDeg: -8 }] });
    expect(s.resolved[1]).toEqual({ label: 'd#2', centreDeg: -8, fwhmDeg: 2, eta: 0.5, area: null });
  });

  it('an area seed is the fit\'s start only when positive: 0 and −5 are dropped (null), 7 is kept', () => {
    const y = Float64Array.from(xi, (v) => 10 + Math.max(0, 80 - 20 * Math.abs(v - 9)));
    const areaOf = (area: number) =>
      screenRoi(xi, y, sig, { id: 'a', fromDeg: 0, toDeg: 19, backgroundOrder: 0, peaks: [{ centreDeg: 9, fwhmDeg: 4, area }] }).resolved[0].area;
    expect(areaOf(0)).toBeNull();
    expect(areaOf(-5)).toBeNull();
    expect(areaOf(7)).toBe(7);
  });
});

describe('the iteration cap and the result\'s bookkeeping', () => {
  it('maxIterations caps the fit (1: one iteration, not converged); by default the same ROI converges', () => {
    const y = line(10.02, 0.1);
    const roi = { id: 'i', fromDeg: 9.5, toDeg: 10.5, peaks: [{ centreDeg: 10, fwhmDeg: 0.08 }] };
    const one = fitRoi(x, y, null, roi, { maxIterations: 1 });
    expect([one.iterations, one.converged]).toEqual([1, false]);
    const full = fitRoi(x, y, null, roi);
    expect(full.converged).toBe(true);
    expect(full.iterations).toBeGreaterThan(1);
    // 101 points, the ROI's middle as the background's origin
    expect([full.nPoints, full.xRefDeg, full.roiId]).toEqual([101, 10, 'i']);
  });
});

describe('masked points and the variances of the screen', () => {
  it('a point without intensity is left out, with its σ; σ ≤ 0 or not finite falls back to max(y, 1); poisson ignores σ', () => {
    const xs = Float64Array.from({ length: 12 }, (_, i) => i);
    const y = Float64Array.from(xs, (v) => 50 + v);
    y[3] = NaN;
    y[7] = 0.25;
    const sigma = Float64Array.from([2, 2, 0, 2, NaN, 2, -1, NaN, 2, 2, 2, 2]);
    const roi = { id: 'm', fromDeg: 0, toDeg: 11, backgroundOrder: 0, peaks: [{ centreDeg: 5, fwhmDeg: 2 }] };
    const s = screenRoi(xs, y, sigma, roi, { forceFit: true });
    expect(Array.from(s.x)).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(Array.from(s.y)).toEqual([50, 51, 52, 54, 55, 56, 0.25, 58, 59, 60, 61]);
    // σ = 2 → 4; index 2 (σ 0) → 52; 4 (NaN) → 54; 6 (−1) → 56; 7 (NaN, 0.25 counts) → 1
    expect(Array.from(s.variance)).toEqual([4, 4, 52, 54, 4, 56, 1, 4, 4, 4, 4]);
    expect([s.xRef, s.step, s.order]).toEqual([5.5, 1.1, 0]);
    const p = screenRoi(xs, y, sigma, roi, { forceFit: true, weighting: 'poisson' });
    expect(Array.from(p.variance)).toEqual([50, 51, 52, 54, 55, 56, 1, 58, 59, 60, 61]);
  });
});
