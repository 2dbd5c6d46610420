/**
 * Scatter-based σ(w) and pooled ΔB on sequences generated here with known noise: a smooth fraction curve (an
 * Avrami-like rise) plus Gaussian noise of known SD, reported with a least-squares σ that is too small by a known
 * factor, must give back that factor; noise at the reported σ must leave σ alone. Pooled ΔB: refined values scattering
 * far beyond their σ are pooled (the median around each frame), values consistent with their σ are not.
 */
import { describe, expect, it } from 'vitest';
import type { FrameResult, PhaseResult } from '../rietveld/index';
import { fractionScatterFactors, withScatterSigmas } from './fractionSigma';
import { pooledBOffsets } from './pooledB';

/** Deterministic normal deviates (mulberry32 + Box–Muller). */
function normals(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

function phase(w: number, s: number, b = 0, bs = 0, bRefined = false): PhaseResult {
  return {
    id: 'p', scale: 1, scaleSigma: 0, bOffsetA2: b, bOffsetSigmaA2: bs, bRefined, bMeanA2: null, sigmas: {}, weightFraction: w, weightFractionSigma: s,
    dropped: false, frozen: false, lattice: { aA: 4, bA: 4, cA: 4, alphaDeg: 90, betaDeg: 90, gammaDeg: 90 }, aSigmaA: 0,
    profile: { U: 0, V: 0, W: 0, X: 0, Y: 0, eta: 0.5 }, cellVolumeA3: 64, cellMassAmu: 100,
  };
}

function frame(index: number, phases: PhaseResult[]): FrameResult {
  return {
    index, phases, zeroShiftDeg: 0, displacementDeg: 0, zeroShiftSigmaDeg: 0, displacementSigmaDeg: 0, background: new Float64Array(1),
    backgroundRangeDeg: [2, 16], rwp: 0.04, rp: 0.03, rexp: 0.04, chi2: 1, gof: 1, nPoints: 100, nParams: 10, iterations: 1, converged: true,
  };
}

/** n frames of two phases: w(t) = 1 − exp(−(t/τ)^1.5) and its complement, noise SD `noise`, reported σ `sigma`. */
function sequence(n: number, noise: number, sigma: number, seed: number): FrameResult[] {
  const z = normals(seed);
  return Array.from({ length: n }, (_, i) => {
    const w = 1 - Math.exp(-((i / 25) ** 1.5)) * 0.9;
    const e = noise * z();
    return frame(i, [phase(w + e, sigma), phase(1 - w - e, sigma)]);
  });
}

describe('σ(w) from the frame-to-frame scatter', () => {
  it('gives back the factor by which the reported σ is too small (5 and 10, within 15 %)', () => {
    for (const [k, seed] of [[5, 1], [10, 2]] as const) {
      const f = fractionScatterFactors(sequence(200, 0.005, 0.005 / k, seed));
      for (const got of f) expect(Math.abs(got / k - 1), `factor ${got} for ${k}`).toBeLessThan(0.15);
    }
  });

  it('leaves σ alone when the scatter is what σ says (k = 1 up to the noise of the estimate)', () => {
    const frames = sequence(200, 0.004, 0.004, 3);
    const f = fractionScatterFactors(frames);
    for (const got of f) expect(got).toBeLessThan(1.15);
    const out = withScatterSigmas(sequence(200, 0.004, 0.004 / 4, 3));
    // the scaled σ cover the truth at the Gaussian rate: median |noise| / σ ≈ 0.67
    const z = out.frames.map((fr, i) => Math.abs(fr.phases[0].weightFraction - (1 - Math.exp(-((i / 25) ** 1.5)) * 0.9)) / fr.phases[0].weightFractionSigma).sort((a, b) => a - b);
    const med = z[z.length >> 1];
    expect(med).toBeGreaterThan(0.5);
    expect(med).toBeLessThan(0.85);
  });

  it('a fraction decaying within a few frames is not read as scatter: its factor is capped at the pooled one', () => {
    const z = normals(9);
    // a phase gone (dropped below 0.005) after ~12 frames: a local quadratic over 10 frames cannot follow it
    const frames = Array.from({ length: 61 }, (_, i) => {
      const fast = 0.9 * Math.exp(-i / 2.5);
      const gone = fast < 0.005;
      return frame(i, [
        { ...phase(gone ? 0 : fast + 0.001 * z(), gone ? 0 : 0.001), dropped: gone },
        phase(0.5 + 0.1 * Math.tanh((i - 30) / 15) + 0.001 * z(), 0.001),
      ]);
    });
    const alone = fractionScatterFactors(frames.map((f) => ({ ...f, phases: [f.phases[0]] })));
    expect(alone[0]).toBeGreaterThan(2.5); // the curvature alone looks like scatter
    for (const k of fractionScatterFactors(frames)) expect(k).toBeLessThan(1.5);
  });

  it('needs SIGMA_MIN_FRAMES refined frames: a short sequence or a mostly dropped phase keeps k = 1', () => {
    expect(fractionScatterFactors(sequence(6, 0.01, 0.001, 4))).toEqual([1, 1]);
    const frames = sequence(40, 0.01, 0.001, 5).map((f, i) => (i < 35 ? { ...f, phases: [f.phases[0], { ...f.phases[1], dropped: true, weightFractionSigma: 0 }] } : f));
    const k = fractionScatterFactors(frames);
    expect(k[0]).toBeGreaterThan(5);
    expect(k[1]).toBe(1);
    expect(fractionScatterFactors([])).toEqual([]);
  });
});

describe('ΔB pooled over neighbouring frames', () => {
  it('pools ΔB that scatters ten times beyond its σ, to the local median; leaves consistent ΔB alone', () => {
    const z = normals(7);
    const noisy = Array.from({ length: 61 }, (_, i) => frame(i, [phase(0.5, 0.001, 0.2 + 0.1 * z(), 0.01, true), phase(0.5, 0.001, -0.1 + 0.01 * z(), 0.01, true)]));
    const pooled = pooledBOffsets(noisy);
    expect(pooled).not.toBeNull();
    expect(pooled!.scatter[0]).toBeGreaterThan(4);
    expect(pooled!.scatter[1]).toBeLessThan(1.5);
    for (const held of pooled!.heldA2) {
      expect(Math.abs(held[0] - 0.2)).toBeLessThan(0.07); // the median of 21 values of SD 0.1
      expect(Number.isNaN(held[1])).toBe(true); // consistent with its σ: refined frame by frame as before
    }
    const quiet = Array.from({ length: 61 }, (_, i) => frame(i, [phase(0.5, 0.001, 0.2 + 0.01 * z(), 0.01, true)]));
    expect(pooledBOffsets(quiet)).toBeNull();
    // too few refined frames: nothing to pool
    expect(pooledBOffsets(noisy.slice(0, 4))).toBeNull();
    const heldOnly = noisy.map((f) => ({ ...f, phases: f.phases.map((p) => ({ ...p, bRefined: false })) }));
    expect(pooledBOffsets(heldOnly)).toBeNull();
  });
});
