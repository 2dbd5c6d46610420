/**
 * Helpers for tests and benchmarks of the refinement: hand-made cubic phases with known reflection lists, a
 * seeded random generator and Poisson noise. Not used by the application code.
 */
import { closeGroup, feNiPhase, getPhase, withCubicA, type PhaseDef } from '../crystal';
import type { RietveldPhase } from './types';

/** Mulberry32: a small seeded uniform generator on [0, 1) (the peak-fitting tests' generator). */
export { uniformGenerator as seededRandom } from '../peaks/synthetic';

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

/** Fd-3m in origin choice 1 (International Tables Vol. A generators), for the simulated studies' spinel. */
const FD3M_ORIGIN1_GENERATORS = ['-x,-y+1/2,z+1/2', '-x+1/2,y+1/2,-z', 'z,x,y', 'y+3/4,x+1/4,-z+3/4', '-x+1/4,-y+1/4,-z+1/4', 'x,y+1/2,z+1/2', 'x+1/2,y,z+1/2'];

/** Vegard law of fcc Fe1−xNix at 700 °C used by the simulated studies: a = 3.665104 − 0.102340·x Å (fitted to truth.json, exact to 1e-15). */
export const SIMULATED_FENI_VEGARD_700C = { aAtZeroA: 3.6651045, aAtOneA: 3.562764 };

/**
 * The phases of the simulated in situ studies (test/fixtures/simulated/sxrd-*), as the simulation built them:
 * - 'Fe3O4': the library magnetite coordinates (origin choice 2: Fe 1/8,1/8,1/8; Fe 1/2,1/2,1/2; O u = 0.2549)
 *   expanded with origin-choice-1 operators — what pymatgen's Structure.from_spacegroup('Fd-3m', …) does with
 *   origin-2 coordinates. Same Fe24O32 cell content as magnetite, very different intensities (111 and 220
 *   strong, 311 weak, 400 absent); fitted to the simulated frames this model gives GoF ≈ 1.0 where the real
 *   magnetite structure gives GoF ≈ 12.
 * - 'FeO': stoichiometric rock-salt FeO (the library wüstite is Fe0.947O).
 * - 'NiO', 'bcc_Fe': library structures; 'fcc': fcc Fe1−xNix under the 700 °C Vegard law above.
 * Cells start from the library values × `expand` (default 1.011, thermal expansion to ≈700 °C); no Debye–Waller
 * factors (pymatgen's XRDCalculator default) — pass debyeWaller: false to rietveldPhaseFromDef.
 */
export function simulatedStudyPhaseDefs(keys: string[], expand = 1.011): PhaseDef[] {
  return keys.map((key) => {
    if (key === 'Fe3O4') {
      const m = getPhase('magnetite');
      return { ...withCubicA(m, m.lattice.aA * expand), id: 'Fe3O4-sim', symops: closeGroup(FD3M_ORIGIN1_GENERATORS) };
    }
    if (key === 'FeO') {
      const w = getPhase('wustite');
      return { ...withCubicA(w, w.lattice.aA * expand), id: 'FeO', formula: 'FeO', atoms: w.atoms.map((a) => ({ ...a, occupancy: 1 })) };
    }
    if (key === 'NiO') return withCubicA(getPhase('NiO'), getPhase('NiO').lattice.aA * expand);
    if (key === 'bcc_Fe') return withCubicA(getPhase('bcc-Fe'), getPhase('bcc-Fe').lattice.aA * expand);
    if (key === 'fcc') {
      return feNiPhase(1, { parameter: 'xNi', endMembers: { ...SIMULATED_FENI_VEGARD_700C }, x: 1, citation: 'simulated study, 700 °C' });
    }
    throw new Error(`unknown simulated phase key ${key}`);
  });
}
