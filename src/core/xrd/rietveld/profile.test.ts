/**
 * The Thompson–Cox–Hastings pseudo-Voigt against values computed outside this code
 * (scripts/reference/make_tch_reference.py → test/fixtures/reference/tch.json): the published formulas evaluated in
 * Python, and the FWHM of the true Voigt profile (scipy's Faddeeva-based voigt_profile, half maximum found
 * numerically).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineShape, pseudoVoigt, tchCombine } from './profile';

interface TchCase {
  hG: number;
  hL: number;
  fwhmTch: number;
  etaTch: number;
  fwhmVoigt: number;
}
const ref = JSON.parse(readFileSync(resolve(__dirname, '../../../../test/fixtures/reference/tch.json'), 'utf8')) as { cases: TchCase[] };
const mixed = ref.cases.filter((c) => c.hG > 0 && c.hL > 0);

describe('tchCombine (Thompson, Cox & Hastings 1987)', () => {
  it('has mixed-width reference cases', () => {
    expect(mixed.length).toBeGreaterThanOrEqual(8);
  });

  it.each(mixed)('G $hG, L $hL: FWHM and η as the paper\'s formulas give them', (c) => {
    const r = tchCombine(c.hG, c.hL);
    expect(r.fwhm).toBeCloseTo(c.fwhmTch, 12);
    // η = 1.36603 q − 0.47719 q² + 0.11116 q³ (the q³ coefficient was once mistyped 0.1116: 1.5e-4·q³ off)
    expect(Math.abs(r.eta - c.etaTch)).toBeLessThan(1e-12);
  });

  it.each(mixed)('G $hG, L $hL: FWHM within 0.5 % of the true Voigt FWHM', (c) => {
    expect(Math.abs(tchCombine(c.hG, c.hL).fwhm / c.fwhmVoigt - 1)).toBeLessThan(0.005);
  });

  it('is exact at the pure ends: a Gaussian gives η = 0, a Lorentzian η = 1', () => {
    const g = tchCombine(0.03, 0);
    expect(g.fwhm).toBeCloseTo(0.03, 15);
    expect(g.eta).toBe(0);
    const l = tchCombine(0, 0.03);
    expect(l.fwhm).toBeCloseTo(0.03, 15);
    // 1.36603 − 0.47719 + 0.11116 = 1 exactly (the mistyped 0.1116 gave η = 0.99044 for a pure Lorentzian)
    expect(Math.abs(l.eta - 1)).toBeLessThan(1e-12);
  });

  it('lineShape(tch) combines the Caglioti Gaussian and the X/cosθ + Y·tanθ Lorentzian through the same formula', () => {
    const th = (10 * Math.PI) / 360;
    const out = new Float64Array(2);
    lineShape('tch', { U: 0.05, V: -0.002, W: 0.0004, X: 0.01, Y: 0.02, eta: 0 }, th, out);
    const hG = Math.sqrt(0.05 * Math.tan(th) ** 2 - 0.002 * Math.tan(th) + 0.0004);
    const hL = 0.01 / Math.cos(th) + 0.02 * Math.tan(th);
    const r = tchCombine(hG, hL);
    expect(out[0]).toBeCloseTo(r.fwhm, 6);
    expect(out[1]).toBeCloseTo(r.eta, 6);
  });
});

describe('pseudoVoigt', () => {
  it('is area-normalised and has the given FWHM', () => {
    const h = 0.04;
    let area = 0;
    const step = h / 400;
    for (let x = -60 * h; x <= 60 * h; x += step) area += pseudoVoigt(x, h, 0.3) * step;
    // the Lorentzian tail beyond ±60 FWHM holds 0.3·(2/π)·atan-complement ≈ 0.3·0.0053 of the area
    expect(area).toBeGreaterThan(0.997);
    expect(area).toBeLessThan(1.0001);
    const peak = pseudoVoigt(0, h, 0.3);
    expect(pseudoVoigt(h / 2, h, 0.3) / peak).toBeCloseTo(0.5, 12);
  });
});
