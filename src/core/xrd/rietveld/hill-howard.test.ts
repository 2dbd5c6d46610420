/**
 * Hill–Howard weight fractions and their uncertainties (Hill & Howard, J. Appl. Cryst. 20 (1987) 467):
 * W_p = S_p(ZMV)_p / Σ S_i(ZMV)_i, σ(W) propagated from the FULL scale covariance.
 *
 * - Hand cases with a correlated covariance: reference values from scripts/reference/hill_howard_sigma.py (numpy,
 *   delta method with a finite-difference Jacobian, confirmed by Monte Carlo over correlated normal scales). With
 *   the off-diagonal terms dropped the σ differ by up to 16 %, far outside the tolerance.
 * - Calibration (a consistency check on engine-simulated data): the spread of W over 40 Poisson noise realisations
 *   of one two-phase pattern with overlapping peaks matches the σ the refinement reports.
 */
import { describe, expect, it } from 'vitest';
import { calculatePattern, hillHoward, initialState, refinePattern, type RietveldOptions } from './index';
import { cubicTestPhase, poissonNoise, seededRandom } from './testkit';

describe('Hill–Howard σ(W) from a correlated scale covariance (independent reference: numpy + Monte Carlo)', () => {
  const zmv = [1, 2, 3];
  const cov = [0.04, -0.03, 0.01, -0.03, 0.09, -0.02, 0.01, -0.02, 0.0625];

  it('three phases, every pair correlated', () => {
    const { w, sigma } = hillHoward([2, 1.5, 0.8], zmv, cov);
    // python3 scripts/reference/hill_howard_sigma.py
    const wRef = [0.27027027027027023, 0.4054054054054054, 0.32432432432432434];
    const sigmaRef = [0.03892914237331222, 0.07679413298589895, 0.07712173122324226];
    for (let p = 0; p < 3; p++) {
      expect(w[p]).toBeCloseTo(wRef[p], 14);
      expect(Math.abs(sigma[p] / sigmaRef[p] - 1)).toBeLessThan(1e-7);
    }
    // what the off-diagonal terms are worth here: diagonal only gives 0.0402, 0.0643, 0.0739
    const diagonal = hillHoward([2, 1.5, 0.8], zmv, [0.04, 0, 0, 0, 0.09, 0, 0, 0, 0.0625]).sigma;
    expect(diagonal[1] / sigma[1]).toBeCloseTo(0.0642849062922205 / 0.07679413298589895, 7);
  });

  it('a scale held at zero does not vary: the other two share W and σ as a two-phase problem', () => {
    const { w, sigma } = hillHoward([2, 0, 0.8], zmv, cov);
    expect(w[0]).toBeCloseTo(0.45454545454545453, 14);
    expect(w[1]).toBe(0);
    expect(w[2]).toBeCloseTo(0.5454545454545455, 14);
    expect(sigma[1]).toBe(0);
    expect(Math.abs(sigma[0] / 0.07648117363552262 - 1)).toBeLessThan(1e-7);
    expect(Math.abs(sigma[2] / 0.07648117363552262 - 1)).toBeLessThan(1e-7);
  });

  it('no covariance: fractions only; every scale zero or negative: zeros, never NaN', () => {
    const only = hillHoward([2, 1.5, 0.8], zmv);
    expect(Array.from(only.sigma)).toEqual([0, 0, 0]);
    expect(only.w[1]).toBeCloseTo(0.4054054054054054, 14);
    const none = hillHoward([0, -1, 0], zmv, cov);
    expect(Array.from(none.w)).toEqual([0, 0, 0]);
    expect(Array.from(none.sigma)).toEqual([0, 0, 0]);
  });
});

describe('σ(W) calibration over noise realisations (consistency check on engine-simulated patterns)', () => {
  it('two fcc phases 0.4 % apart: the reported σ matches the spread of W over 40 seeds; diagonal-only would not', () => {
    const a = cubicTestPhase('fcc-a', 3.6, 'F', 4 * 58.7);
    const b = cubicTestPhase('fcc-b', 3.615, 'F', 4 * 55.8);
    const opts: RietveldOptions = { radiation: { wavelengthA: 0.2 }, profileStart: { W: 0.03 ** 2, eta: 0.4 } };
    const x = Float64Array.from({ length: 2801 }, (_, i) => 2 + i * 0.005);
    const st = initialState([a, b], opts);
    st.phases[0].scale = 2e-5;
    st.phases[1].scale = 2e-5;
    st.background = Float64Array.from([400, -60, 25, 0, 0, 0, 0]);
    st.backgroundRangeDeg = [2, 16];
    const mean = calculatePattern(x, [a, b], st, opts).total;
    const zmvA = a.intensities.cellMassAmu * 3.6 ** 3;
    const zmvB = b.intensities.cellMassAmu * 3.615 ** 3;
    const wTrue = zmvA / (zmvA + zmvB);

    const n = 40;
    const w: number[] = [];
    const sigma: number[] = [];
    const sigmaDiagonal: number[] = [];
    for (let seed = 0; seed < n; seed++) {
      const y = poissonNoise(mean, seededRandom(100 + seed));
      const r = refinePattern({ twoThetaDeg: x, intensity: y }, [a, b], opts).result;
      w.push(r.phases[0].weightFraction);
      sigma.push(r.phases[0].weightFractionSigma);
      const zmv = r.phases.map((p) => p.cellMassAmu * p.cellVolumeA3);
      const diag = [r.phases[0].scaleSigma ** 2, 0, 0, r.phases[1].scaleSigma ** 2];
      sigmaDiagonal.push(hillHoward(r.phases.map((p) => p.scale), zmv, diag).sigma[0]);
    }
    const median = (v: number[]): number => v.slice().sort((p, q) => p - q)[v.length >> 1];
    const m = w.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(w.reduce((s, v) => s + (v - m) ** 2, 0) / (n - 1));
    // unbiased within 3 standard errors of the mean
    expect(Math.abs(m - wTrue)).toBeLessThan((3 * sd) / Math.sqrt(n));
    // sd from 40 samples is known to ±11 % (1σ); observed 0.00222 against a median σ of 0.00206
    expect(sd / median(sigma)).toBeGreaterThan(0.8);
    expect(sd / median(sigma)).toBeLessThan(1.3);
    // strongly overlapping peaks anti-correlate the scales: without the off-diagonal term σ is ~30 % low (0.00154)
    expect(median(sigmaDiagonal) / sd).toBeLessThan(0.8);
  });
});
