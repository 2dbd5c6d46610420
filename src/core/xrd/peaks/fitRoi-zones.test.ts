/**
 * The screen background's exclusion zone (fitRoi.ts header, step 1: points with |x − c| > 2Γ, narrowed when too few
 * remain) worked out by hand on flat, noise-free data of 100 counts with a constant background (order 0): the
 * background is then the mean of the points used, Var(b₀) = 100 / count, and the σ of the net area in the window
 * |x − c| ≤ Γ is σ_N² = Σ σᵢ²Δxᵢ² + (Σ Δxᵢ)²·Var(b₀) — so σ_N says how many points the background used.
 */
import { describe, expect, it } from 'vitest';
import { screenRoi } from './fitRoi';

const sigmaN = (windowPoints: number, dx: number, bgPoints: number): number =>
  Math.sqrt(windowPoints * 100 * dx * dx + (windowPoints * dx) ** 2 * (100 / bgPoints));

describe('screen background: which points it uses', () => {
  it('a point exactly 2Γ from the centre is inside the zone, not background (0.25° steps, Γ = 1°)', () => {
    const x = Float64Array.from({ length: 81 }, (_, i) => i * 0.25); // 0–20°, binary-exact
    const y = new Float64Array(81).fill(100);
    const s = screenRoi(x, y, null, { id: 'z', fromDeg: 0, toDeg: 20, backgroundOrder: 0, peaks: [{ centreDeg: 10, fwhmDeg: 1 }] }, { forceFit: true });
    // window 9–11° (9 points, both ends in); zone 8–12° (17 points, both ends in) → 64 background points
    expect(s.screens[0].net).toBeCloseTo(0, 12);
    expect(s.screens[0].sigma).toBeCloseTo(sigmaN(9, 0.25, 64), 12);
  });

  it('with fewer than order + 4 points beyond 2Γ the zone narrows to 1.5Γ (0.01° steps, Γ = 0.0975°)', () => {
    const x = Float64Array.from({ length: 201 }, (_, i) => 9 + i * 0.01);
    const y = new Float64Array(201).fill(100);
    // ROI 9.80–10.20°: beyond 2Γ (0.195°) only its two end points; beyond 1.5Γ (0.146°) 9.80–9.85° and 10.15–10.20°, 12
    const s = screenRoi(x, y, null, { id: 'z', fromDeg: 9.795, toDeg: 10.205, backgroundOrder: 0, peaks: [{ centreDeg: 10, fwhmDeg: 0.0975 }] }, { forceFit: true });
    expect(s.x.length).toBe(41);
    // window |x − 10| ≤ 0.0975: 9.91–10.09°, 19 points of Δx = 0.01
    expect(s.screens[0].sigma).toBeCloseTo(sigmaN(19, 0.01, 12), 10);
  });

  it('exactly order + 4 points beyond 2Γ are enough: the zone is not narrowed (centre 10°, Γ = 0.0925°)', () => {
    const x = Float64Array.from({ length: 201 }, (_, i) => 9 + i * 0.01);
    const y = new Float64Array(201).fill(100);
    // beyond 2Γ = 0.185°: 9.80, 9.81, 10.19, 10.20 — 4 points, order 0 needs 4; the window 9.91–10.09° holds 19
    const s = screenRoi(x, y, null, { id: 'z', fromDeg: 9.795, toDeg: 10.205, backgroundOrder: 0, peaks: [{ centreDeg: 10, fwhmDeg: 0.0925 }] }, { forceFit: true });
    expect(s.screens[0].sigma).toBeCloseTo(sigmaN(19, 0.01, 4), 10);
  });

  it('then to h·Γ (the window, h = 1), and at last to 0 (every point), never refusing (0.01° steps, centre 10.005°)', () => {
    const x = Float64Array.from({ length: 201 }, (_, i) => 9 + i * 0.01);
    const y = new Float64Array(201).fill(100);
    const screen = (fwhmDeg: number) =>
      screenRoi(x, y, null, { id: 'z', fromDeg: 9.795, toDeg: 10.205, backgroundOrder: 0, peaks: [{ centreDeg: 10.005, fwhmDeg }] }, { forceFit: true });
    // Γ = 0.1275°: beyond 1.5Γ (below 9.81375°, above 10.19625°) 9.80, 9.81 and 10.20 — 3 points, fewer than 4;
    // beyond Γ 9.80–9.87° and 10.14–10.20°, 15 points. Window |x − 10.005| ≤ Γ: 9.88–10.13°, 26 points.
    const a = screen(0.1275);
    expect(a.x.length).toBe(41);
    expect(a.screens[0].sigma).toBeCloseTo(sigmaN(26, 0.01, 15), 10);
    // Γ = 0.1925°: beyond Γ only 9.80, 9.81 and 10.20 again: the background takes all 41 points (zone 0);
    // the window 9.82–10.19° holds 38
    const b = screen(0.1925);
    expect(b.screens[0].sigma).toBeCloseTo(sigmaN(38, 0.01, 41), 10);
  });

  it('a sloped background of order 1: its covariance, off-diagonal terms included, enters σ_N (x = 0…10, σ = 10)', () => {
    // y = 100 + 2(x − 5), σ = 10 given; peak at 7°, Γ = 1°: window 6, 7, 8 (Δx = 1); background beyond 2Γ: 0–4 and
    // 10, t = x − 5 = −5…−1, 5. XᵀX = [[6, −10], [−10, 80]], det 380, Cov(b) = 100·[[80, 10], [10, 6]]/380.
    // Σ Δx = 3, Σ Δx·t = 1 + 2 + 3 = 6: Var(Σ BᵢΔxᵢ) = 100·(80·9 + 2·10·18 + 6·36)/380 = 129600/380;
    // Σ σᵢ²Δxᵢ² = 300. Net 0 (the line is fitted exactly).
    const xs = Float64Array.from({ length: 11 }, (_, i) => i);
    const y = Float64Array.from(xs, (v) => 100 + 2 * (v - 5));
    const s = screenRoi(xs, y, new Float64Array(11).fill(10), { id: 'o1', fromDeg: 0, toDeg: 10, backgroundOrder: 1, peaks: [{ centreDeg: 7, fwhmDeg: 1 }] }, { forceFit: true });
    expect(s.bg.coef[0]).toBeCloseTo(100, 10);
    expect(s.bg.coef[1]).toBeCloseTo(2, 10);
    expect(s.screens[0].net).toBeCloseTo(0, 10);
    expect(s.screens[0].sigma).toBeCloseTo(Math.sqrt(300 + 129600 / 380), 10);
  });
});
