/**
 * fitRoi's inputs at their edges, with expected values set by construction: the minimum number of points for the
 * peaks of a ROI (4 per peak + order + 3, fitRoi.ts), a file's σ that is zero or not finite replaced by the Poisson
 * variance max(y, 1), and the one-sided bin width at a ROI's last point (fitRoi.ts header, step 2).
 */
import { describe, expect, it } from 'vitest';
import { fitRoi, screenRoi } from './fitRoi';
import { syntheticPattern, twoThetaAxis } from './synthetic';

describe('fitRoi: inputs at their edges', () => {
  it('two peaks need 4·2 + order + 3 points: 11 with a linear background is refused, 12 is fitted', () => {
    const x = Float64Array.from({ length: 12 }, (_, i) => 10 + i * 0.05);
    const y = syntheticPattern(x, [{ centreDeg: 10.2, fwhmDeg: 0.1, eta: 0.5, area: 20 }, { centreDeg: 10.35, fwhmDeg: 0.1, eta: 0.5, area: 20 }], [100]);
    const peaks = [{ centreDeg: 10.2, fwhmDeg: 0.1 }, { centreDeg: 10.35, fwhmDeg: 0.1 }];
    expect(() => fitRoi(x, y, null, { id: 'two', fromDeg: 10, toDeg: 10.52, peaks })).toThrow('ROI two: only 11 points in 10–10.52° for 2 peak(s)');
    expect(fitRoi(x, y, null, { id: 'two', fromDeg: 10, toDeg: 10.6, peaks }).nPoints).toBe(12);
  });

  it('a σ of 0, negative or not finite in the file is replaced by the Poisson variance, as with no σ at all', () => {
    const x = twoThetaAxis(9, 11, 0.01);
    const y = syntheticPattern(x, [{ centreDeg: 10, fwhmDeg: 0.1, eta: 0.5, area: 20 }], [100]);
    const roi = { id: 'r', fromDeg: 9.5, toDeg: 10.5, peaks: [{ centreDeg: 10, fwhmDeg: 0.1 }] };
    const reference = screenRoi(x, y, null, roi);
    for (const bad of [0, -3, Infinity, NaN]) {
      const s = screenRoi(x, y, new Float64Array(x.length).fill(bad), roi);
      expect(Array.from(s.variance), String(bad)).toEqual(Array.from(reference.variance));
      expect(s.screens[0].sigma).toBe(reference.screens[0].sigma);
    }
    // a proper σ is used as given: variance σ²
    expect(screenRoi(x, y, new Float64Array(x.length).fill(4), roi).variance[0]).toBe(16);
  });

  it('the last point of a ROI has the full step as its bin width: σ_N by hand for a window ending there', () => {
    // 0–20° in binary-exact 0.25° steps, 100 counts, constant background; a peak seeded on the last point (Γ = 1°):
    // window 19–20° (5 points, Δx = 0.25 each, the last one-sided), background beyond 2Γ: 0–17.75° (72 points)
    const x = Float64Array.from({ length: 81 }, (_, i) => i * 0.25);
    const y = new Float64Array(81).fill(100);
    const s = screenRoi(x, y, null, { id: 'end', fromDeg: 0, toDeg: 20, backgroundOrder: 0, peaks: [{ centreDeg: 20, fwhmDeg: 1 }] });
    const sigmaN = Math.sqrt(5 * 100 * 0.25 ** 2 + (5 * 0.25) ** 2 * (100 / 72));
    expect(s.screens[0].sigma).toBeCloseTo(sigmaN, 12);
  });
});
