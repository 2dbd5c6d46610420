/**
 * One frame result pinned whole (engine.ts frameResult): a noiseless one-phase pattern simulated from known inputs
 * (fcc a = 3.6 Å, scale 2e-4, background 300 − 40·T1 + 10·T2 over 2–16°), refined from those inputs with the
 * defaults (zero, a, W, η, 7 background terms, 1 scale). Every field is either an input of the simulation, a count
 * (points, parameters), or computed here from the data (Rexp, volume, mass); none is read off a run of the engine.
 */
import { describe, expect, it } from 'vitest';
import { calculatePattern, initialState, refineFrame } from './index';
import type { RietveldOptions } from './types';
import { cubicTestPhase } from './testkit';

const x = Float64Array.from({ length: 1401 }, (_, i) => 2 + i * 0.01);
const fcc = cubicTestPhase('fcc', 3.6, 'F', 4 * 58.7);
const opts: RietveldOptions = { radiation: { wavelengthA: 0.2 }, profileStart: { W: 0.03 ** 2, eta: 0.4 } };

function simulated(aA: number): Float64Array {
  const ph = [cubicTestPhase('fcc', aA, 'F', 4 * 58.7)];
  const st = initialState(ph, opts);
  st.phases[0].scale = 2e-4;
  st.background = Float64Array.from([300, -40, 10, 0, 0, 0, 0]);
  st.backgroundRangeDeg = [x[0], x[x.length - 1]];
  return calculatePattern(x, ph, st, opts).total;
}

describe('a frame result, every field', () => {
  it('noiseless fcc: the inputs back, Hill–Howard W = 1 with σ 0, Rexp = √((N − P)/Σy), no a–c covariance, no x', () => {
    const y = simulated(3.6);
    const st = initialState([fcc], opts);
    // defaults of refineFrame: frame 0, not seeded (a cold start: the cell scan runs)
    const r = refineFrame({ twoThetaDeg: x, intensity: y }, [fcc], st, opts);
    // Poisson weights 1/max(y, 1): Σ w y² = Σ y for y ≥ 1 (every point here: the background alone is > 200)
    const sumY = y.reduce((s, v) => s + v, 0);
    expect(Math.min(...y)).toBeGreaterThan(200);
    const close = (v: number, digits: number) => expect.closeTo(v, digits);
    // toStrictEqual: a field present as undefined (an a–c covariance or x that does not apply) fails too
    expect(r).toStrictEqual({
      index: 0,
      phases: [
        {
          id: 'fcc',
          scale: close(2e-4, 9),
          scaleSigma: expect.any(Number),
          bOffsetA2: 0,
          bOffsetSigmaA2: 0,
          bRefined: false,
          bMeanA2: null, // the test phase carries no mean B
          sigmas: { a: expect.any(Number), W: expect.any(Number), eta: expect.any(Number) },
          weightFraction: 1, // one phase
          weightFractionSigma: 0, // ∂W/∂S = zmv(1 − W)/Σ = 0 for a single phase
          dropped: false,
          frozen: false,
          lattice: { aA: close(3.6, 7), bA: close(3.6, 7), cA: close(3.6, 7), alphaDeg: 90, betaDeg: 90, gammaDeg: 90 },
          aSigmaA: expect.any(Number),
          profile: { U: 0, V: 0, W: close(0.03 ** 2, 8), X: 0, Y: 0, eta: close(0.4, 6) },
          cellVolumeA3: close(3.6 ** 3, 4),
          cellMassAmu: 4 * 58.7,
        },
      ],
      zeroShiftDeg: close(0, 7),
      displacementDeg: 0, // not refined by default
      zeroShiftSigmaDeg: expect.any(Number),
      displacementSigmaDeg: 0,
      background: expect.any(Float64Array),
      backgroundRangeDeg: [2, 16],
      rwp: close(0, 6),
      rp: close(0, 6),
      rexp: close(Math.sqrt((1401 - 12) / sumY), 12),
      chi2: close(0, 6),
      gof: close(0, 3),
      nPoints: 1401,
      nParams: 12,
      iterations: expect.any(Number),
      converged: true,
    });
    const want = [300, -40, 10, 0, 0, 0, 0];
    Array.from(r.background).forEach((v, b) => expect(v, `T${b}`).toBeCloseTo(want[b], 5));
    const p = r.phases[0];
    for (const v of [p.scaleSigma, p.sigmas.a, p.sigmas.W, p.sigmas.eta, r.zeroShiftSigmaDeg]) expect(v).toBeGreaterThan(0);
    expect(p.aSigmaA).toBe(p.sigmas.a);
    expect(r.gof).toBe(Math.sqrt(r.chi2));
    expect(st.lastGof).toBe(r.gof);
  });
});
