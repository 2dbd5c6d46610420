/**
 * Independent reference for the peak fitter: lmfit 1.1 (PseudoVoigtModel + LinearModel, MINPACK) fitted the same
 * Poisson counts with the same weights (test/fixtures/reference/lmfit-peaks.json, made by
 * scripts/reference/lmfit_peaks.py). Both minimise the same χ², so the best fits must agree to the optimisers'
 * precision, and the standard errors (covariance scaled by the reduced χ², as lmfit does) with them.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitRoi } from './fitRoi';
import type { PresentPeak } from './types';

interface RefPeak {
  centreDeg: number;
  centreSigmaDeg: number;
  fwhmDeg: number;
  fwhmSigmaDeg: number;
  eta: number;
  etaSigma: number;
  area: number;
  areaSigma: number;
}
interface RefCase {
  name: string;
  truth: { centreDeg: number; fwhmDeg: number; eta: number; area: number }[];
  counts: number[];
  lmfit: { peaks: RefPeak[]; chi2: number; reducedChi2: number; success: boolean };
}
const ref = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../test/fixtures/reference/lmfit-peaks.json'), 'utf8')) as {
  lmfit: string;
  x: { fromDeg: number; stepDeg: number; n: number };
  cases: RefCase[];
};
const x = Float64Array.from({ length: ref.x.n }, (_, i) => Math.round((ref.x.fromDeg + i * ref.x.stepDeg) * 1e6) / 1e6);

describe(`pseudo-Voigt fits against lmfit ${ref.lmfit} on the same counts (independent model and optimiser)`, () => {
  it('the reference holds the three cases', () => {
    expect(ref.cases.map((c) => c.name)).toEqual(['single', 'doublet', 'weak']);
    for (const c of ref.cases) expect(c.lmfit.success).toBe(true);
  });
  for (const c of ref.cases) {
    it(`${c.name}: same centre, FWHM, η, area and χ²; standard errors within 0.05 %`, () => {
      const roi = { id: c.name, fromDeg: x[0], toDeg: x[x.length - 1], backgroundOrder: 1, peaks: c.truth.map((t) => ({ centreDeg: t.centreDeg, fwhmDeg: t.fwhmDeg })) };
      const r = fitRoi(x, Float64Array.from(c.counts), null, roi);
      expect(r.converged).toBe(true);
      expect(r.nPoints).toBe(ref.x.n);
      expect(r.chi2 / c.lmfit.chi2).toBeCloseTo(1, 8);
      expect(r.reducedChi2 / c.lmfit.reducedChi2).toBeCloseTo(1, 8);
      c.lmfit.peaks.forEach((want, k) => {
        const got = r.peaks[k] as PresentPeak;
        expect(got.present).toBe(true);
        // observed: strong peaks agree to ≤ 4e-6, the weak one (a flat χ² valley: χ² equal to 6e-10) to ≤ 1.2e-4
        expect(Math.abs(got.centreDeg - want.centreDeg)).toBeLessThan(1e-6);
        expect(Math.abs(got.fwhmDeg / want.fwhmDeg - 1)).toBeLessThan(1e-4);
        expect(Math.abs(got.eta - want.eta)).toBeLessThan(5e-4);
        expect(Math.abs(got.area / want.area - 1)).toBeLessThan(1e-4);
        expect(Math.abs(got.sigma.centreDeg / want.centreSigmaDeg - 1)).toBeLessThan(5e-4);
        expect(Math.abs(got.sigma.fwhmDeg / want.fwhmSigmaDeg - 1)).toBeLessThan(5e-4);
        expect(Math.abs(got.sigma.eta / want.etaSigma - 1)).toBeLessThan(5e-4);
        expect(Math.abs(got.sigma.area / want.areaSigma - 1)).toBeLessThan(5e-4);
        // and the truth the counts were drawn from lies within 3σ
        expect(Math.abs(got.area - c.truth[k].area)).toBeLessThan(3 * got.sigma.area);
        expect(Math.abs(got.centreDeg - c.truth[k].centreDeg)).toBeLessThan(3 * got.sigma.centreDeg);
      });
    });
  }
});
