/**
 * cov(a, c) of a refined hexagonal cell (engine.ts → PhaseResult.acCovarianceA2), what a pressure from both a and c
 * needs (core/hp/eos/cell.ts). Checked against the spread of (a, c) over Poisson noise realisations of one pattern (a
 * consistency check on engine-simulated data: the reported covariance must describe how a and c actually co-vary).
 */
import { describe, expect, it } from 'vitest';
import { hexagonalVolume } from '../../hp/eos/cell';
import { getPhase } from '../crystal';
import { calculatePattern, initialState, refinePattern, rietveldPhaseFromDef, type RietveldOptions } from './index';
import { poissonNoise, seededRandom } from './testkit';

describe('cov(a, c) of a hexagonal cell', () => {
  it('hcp Re, three lines (100, 002, 101): the reported covariance matches the scatter of (a, c) over 40 seeds', () => {
    const lam = 0.3344;
    // 2θ 7.9–9.2°: 100, 002 and 101 only; a and c are tied through 101, so they co-vary
    const x = Float64Array.from({ length: 651 }, (_, i) => 7.9 + i * 0.002);
    const re = rietveldPhaseFromDef(getPhase('Re'), { wavelengthA: lam, twoThetaMaxDeg: 12 });
    const opts: RietveldOptions = { radiation: { wavelengthA: lam }, profileStart: { W: 0.02 ** 2, eta: 0.3 } };
    const st = initialState([re], opts);
    st.phases[0].scale = 4e-4;
    st.background = Float64Array.from([200, 0, 0, 0, 0, 0, 0]);
    st.backgroundRangeDeg = [7.9, 9.2];
    const mean = calculatePattern(x, [re], st, opts).total;
    const n = 40;
    const a: number[] = [];
    const c: number[] = [];
    const cov: number[] = [];
    const rho: number[] = [];
    const sigA: number[] = [];
    const sigC: number[] = [];
    for (let seed = 0; seed < n; seed++) {
      const y = poissonNoise(mean, seededRandom(300 + seed));
      const r = refinePattern({ twoThetaDeg: x, intensity: y }, [re], opts).result.phases[0];
      a.push(r.lattice.aA);
      c.push(r.lattice.cA);
      expect(r.acCovarianceA2).toBeDefined();
      cov.push(r.acCovarianceA2!);
      rho.push(r.acCovarianceA2! / (r.sigmas.a * r.sigmas.c));
      sigA.push(r.sigmas.a);
      sigC.push(r.sigmas.c);
    }
    const mean1 = (v: number[]): number => v.reduce((s, q) => s + q, 0) / v.length;
    const median = (v: number[]): number => v.slice().sort((p, q) => p - q)[v.length >> 1];
    const ma = mean1(a);
    const mc = mean1(c);
    const empiricalCov = a.reduce((s, q, i) => s + (q - ma) * (c[i] - mc), 0) / (n - 1);
    const sa = Math.sqrt(a.reduce((s, q) => s + (q - ma) ** 2, 0) / (n - 1));
    const sc = Math.sqrt(c.reduce((s, q) => s + (q - mc) ** 2, 0) / (n - 1));
    const empiricalRho = empiricalCov / (sa * sc);
    // every reported correlation is a correlation, and it is far from 0 here
    for (const r of rho) expect(Math.abs(r)).toBeLessThanOrEqual(1);
    expect(Math.abs(median(rho))).toBeGreaterThan(0.3);
    // the sample correlation of 40 pairs has a standard error ≈ (1 − ρ²)/√n (observed 0.983 against 0.989)
    expect(Math.abs(empiricalRho - median(rho))).toBeLessThan(Math.max(0.02, (3 * (1 - median(rho) ** 2)) / Math.sqrt(n)));
    // the cell volume's σ with cov(a, c) describes the scatter of V; with a and c taken as uncorrelated it would not
    // (here ρ ≈ 0.99: σ(V) without the covariance is ≈ 0.6 of the true one). An sd of 40 samples is known to ±11 %.
    const v = a.map((q, i) => hexagonalVolume(q, c[i]).volumeA3);
    const mv = mean1(v);
    const sdV = Math.sqrt(v.reduce((s, q) => s + (q - mv) ** 2, 0) / (n - 1));
    const withCov = median(a.map((q, i) => hexagonalVolume(q, c[i], sigA[i], sigC[i], cov[i]).sigmaVolumeA3));
    const without = median(a.map((q, i) => hexagonalVolume(q, c[i], sigA[i], sigC[i], 0).sigmaVolumeA3));
    expect(sdV / withCov).toBeGreaterThan(0.65);
    expect(sdV / withCov).toBeLessThan(1.3);
    expect(without / withCov).toBeLessThan(0.75);
    expect(Math.abs(empiricalCov / median(cov) - 1)).toBeLessThan(0.5);
  });
});
