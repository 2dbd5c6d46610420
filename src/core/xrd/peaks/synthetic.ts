/**
 * Synthetic patterns with known peaks, for tests and benchmarks: exact pseudo-Voigt + polynomial background and
 * exact Poisson counts from a seeded generator (mulberry32), so every run draws the same numbers.
 */
import { pseudoVoigt } from './pseudoVoigt';

export interface SyntheticPeak {
  centreDeg: number;
  fwhmDeg: number;
  eta: number;
  area: number;
}

/** Expected counts: Σ pseudo-Voigts + Σ b_k (x − xRef)^k. */
export function syntheticPattern(xDeg: Float64Array, peaks: SyntheticPeak[], background: number[], xRefDeg = 0): Float64Array {
  return Float64Array.from(xDeg, (x) => {
    let v = 0;
    for (let k = background.length - 1; k >= 0; k--) v = v * (x - xRefDeg) + background[k];
    for (const p of peaks) v += pseudoVoigt(x, p.centreDeg, p.fwhmDeg, p.eta, p.area);
    return v;
  });
}

/** Seeded uniform generator on [0, 1) (mulberry32). */
export function uniformGenerator(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Exact Poisson deviates by CDF inversion, splitting large means into parts of at most 200 (a sum of
 * independent Poisson variables is Poisson) so that e^(−λ) never underflows.
 */
export function poissonGenerator(seed: number): (mean: number) => number {
  const u = uniformGenerator(seed);
  const one = (lambda: number): number => {
    let k = 0;
    let p = Math.exp(-lambda);
    let cdf = p;
    const target = u();
    while (target > cdf && k < 10000) {
      k++;
      p *= lambda / k;
      cdf += p;
    }
    return k;
  };
  return (mean: number) => {
    if (!(mean > 0)) return 0;
    const parts = Math.ceil(mean / 200);
    let total = 0;
    for (let i = 0; i < parts; i++) total += one(mean / parts);
    return total;
  };
}

/** Poisson counts around the expected values. */
export function poissonCounts(expected: Float64Array, draw: (mean: number) => number): Float64Array {
  return Float64Array.from(expected, (v) => draw(v));
}

/** An evenly spaced 2θ axis from `fromDeg` in steps of `stepDeg`. */
export function twoThetaAxis(fromDeg: number, toDeg: number, stepDeg: number): Float64Array {
  const n = Math.floor((toDeg - fromDeg) / stepDeg + 1e-9) + 1;
  return Float64Array.from({ length: n }, (_, i) => fromDeg + i * stepDeg);
}
