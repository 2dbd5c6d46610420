/**
 * Helpers for tests and benchmarks of the refinement: hand-made cubic phases with known reflection lists, a
 * seeded random generator and Poisson noise. Not used by the application code.
 */
import { calculatePattern, initialState } from './index';
import type { RietveldOptions, RietveldPhase } from './types';

/** Mulberry32: a small seeded uniform generator on [0, 1) (the peak-fitting tests' generator). */
export { uniformGenerator as seededRandom } from '../peaks/synthetic';

/**
 * The forward pattern y = background(rangeDeg) + Σ scale·column of the phases at their own cells, noise-free: the
 * data of tests that refine from known inputs (add poissonNoise for counting noise).
 */
export function forwardPattern(
  x: Float64Array,
  phases: RietveldPhase[],
  opts: RietveldOptions,
  scales: number[],
  background: number[],
  rangeDeg: [number, number] = [x[0], x[x.length - 1]],
): Float64Array {
  const st = initialState(phases, opts);
  scales.forEach((s, p) => (st.phases[p].scale = s));
  st.background = Float64Array.from(background);
  st.backgroundRangeDeg = rangeDeg;
  return calculatePattern(x, phases, st, opts).total;
}

/** Poisson deviates (Knuth below 30, normal approximation above). */
export function poissonNoise(mean: Float64Array, rand: () => number): Float64Array {
  const out = new Float64Array(mean.length);
  for (let i = 0; i < mean.length; i++) {
    const m = Math.max(0, mean[i]);
    if (m < 30) {
      const l = Math.exp(-m);
      let k = 0;
      let p = 1;
      do {
        k++;
        p *= rand();
      } while (p > l);
      out[i] = k - 1;
    } else {
      const u1 = Math.max(rand(), 1e-300);
      const u2 = rand();
      out[i] = Math.max(0, Math.round(m + Math.sqrt(m) * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2)));
    }
  }
  return out;
}

/**
 * A cubic phase with one atom type on an F (fcc), I (bcc) or P lattice: reflections up to hklMax with
 * multiplicity × |F|², where f(s) = fZero·exp(−bForm·s²), s = sinθ/λ (a stand-in form factor).
 */
export function cubicTestPhase(
  id: string,
  aA: number,
  centring: 'F' | 'I' | 'P',
  cellMassAmu: number,
  hklMax = 12,
  fZero = 26,
  bForm = 2,
): RietveldPhase {
  const seen = new Map<string, { h: number; k: number; l: number; m: number }>();
  for (let h = -hklMax; h <= hklMax; h++)
    for (let k = -hklMax; k <= hklMax; k++)
      for (let l = -hklMax; l <= hklMax; l++) {
        if (h === 0 && k === 0 && l === 0) continue;
        if (centring === 'F' && !((h & 1) === (k & 1) && (k & 1) === (l & 1))) continue;
        if (centring === 'I' && ((h + k + l) & 1) !== 0) continue;
        const s = [Math.abs(h), Math.abs(k), Math.abs(l)].sort((p, q) => q - p);
        const key = s.join(',');
        const e = seen.get(key);
        if (e) e.m++;
        else seen.set(key, { h: s[0], k: s[1], l: s[2], m: 1 });
      }
  const list = [...seen.values()];
  const nAtoms = centring === 'F' ? 4 : centring === 'I' ? 2 : 1;
  const multFsq = new Float64Array(list.length);
  list.forEach((r, i) => {
    const s2 = (r.h * r.h + r.k * r.k + r.l * r.l) / (4 * aA * aA);
    const f = fZero * Math.exp(-bForm * s2);
    multFsq[i] = r.m * (nAtoms * f) * (nAtoms * f);
  });
  return {
    id,
    lattice: { aA, bA: aA, cA: aA, alphaDeg: 90, betaDeg: 90, gammaDeg: 90 },
    h: Int32Array.from(list.map((r) => r.h)),
    k: Int32Array.from(list.map((r) => r.k)),
    l: Int32Array.from(list.map((r) => r.l)),
    intensities: { multFsq, cellMassAmu },
  };
}
