/**
 * The refinement's view of a phase (phases.ts) against hand-computed values: Lorentz–polarisation options per
 * geometry (K = (1 − p·cos2χ)/2 for a synchrotron), Fe/Ni site occupancies of a Vegard solid solution, the mean B,
 * and the Vegard phase's cell mass Z·M following x linearly (IUPAC 2021 atomic weights: Fe 55.845, Ni 58.6934).
 */
import { describe, expect, it } from 'vitest';
import { feNiPhase, getPhase } from '../crystal';
import type { PhaseDef } from '../crystal/types';
import { lpOptionsFromGeometry, meanBIsoA2, rietveldPhaseFromDef, withNiFraction } from './phases';

describe('Lorentz–polarisation options per geometry', () => {
  it('none, unpolarised, synchrotron (p, χ) and Bragg–Brentano with and without a monochromator', () => {
    expect(lpOptionsFromGeometry({ kind: 'debye-scherrer', polarisation: 'none' })).toEqual({ polarisationK: 1, monochromatorTwoThetaDeg: 0 });
    expect(lpOptionsFromGeometry({ kind: 'debye-scherrer' })).toEqual({ polarisationK: 0.5, monochromatorTwoThetaDeg: 0 });
    // p = 0.95, χ = 30°: (1 − 0.95·cos 60°)/2 = 0.2625
    expect(lpOptionsFromGeometry({ kind: 'debye-scherrer', polarisation: 'synchrotron', polarisationFraction: 0.95, azimuthDeg: 30 }).polarisationK).toBeCloseTo(0.2625, 12);
    // defaults p = 0.99, χ = 90°: (1 + 0.99)/2 = 0.995
    expect(lpOptionsFromGeometry({ kind: 'debye-scherrer', polarisation: 'synchrotron' }).polarisationK).toBeCloseTo(0.995, 12);
    expect(lpOptionsFromGeometry({ kind: 'debye-scherrer', polarisation: 'synchrotron', polarisationFraction: 0.9, azimuthDeg: 0 }).polarisationK).toBeCloseTo(0.05, 12);
    expect(lpOptionsFromGeometry({ kind: 'bragg-brentano', monochromatorTwoThetaDeg: 26.6 })).toEqual({ polarisationK: 0.5, monochromatorTwoThetaDeg: 26.6 });
    expect(lpOptionsFromGeometry({ kind: 'bragg-brentano' })).toEqual({ polarisationK: 0.5, monochromatorTwoThetaDeg: 0 });
  });
});

const site = (label: string, element: string, occupancy: number, bIsoA2: number) => ({ label, element, x: 0, y: 0, z: 0, occupancy, bIsoA2 });
const oneSite = (element: string, more: ReturnType<typeof site>[] = []): PhaseDef => ({
  ...getPhase('fcc-Ni'), atoms: [site('M', element, 1, 0.4), ...more],
});

describe('Fe/Ni composition of a Vegard phase', () => {
  it('two sites re-weighted to 1 − x and x; x held to [0, 1]; other elements untouched', () => {
    const def = { ...getPhase('fcc-Ni'), atoms: [site('Fe', 'Fe', 0.5, 0.4), site('Ni', 'Ni2+', 0.5, 0.4), site('O', 'O', 1, 0.6)] };
    expect(withNiFraction(def, 0.3).atoms.map((a) => [a.label, a.occupancy])).toEqual([['Fe', 0.7], ['Ni', 0.3], ['O', 1]]);
    expect(withNiFraction(def, 1.4).atoms.map((a) => a.occupancy)).toEqual([0, 1, 1]);
    expect(withNiFraction(def, -0.2).atoms.map((a) => a.occupancy)).toEqual([1, 0, 1]);
  });
  it('one metal site: the other metal is added on the same position with the complementary occupancy', () => {
    const fe = withNiFraction(oneSite('Fe3+'), 0.25).atoms;
    expect(fe.map((a) => [a.label, a.element, a.occupancy])).toEqual([['M', 'Fe3+', 0.75], ['M_Ni', 'Ni', 0.25]]);
    const ni = withNiFraction(oneSite('Ni'), 0.25).atoms;
    expect(ni.map((a) => [a.label, a.element, a.occupancy])).toEqual([['M', 'Ni', 0.25], ['M_Fe', 'Fe', 0.75]]);
    // the element read from the symbol's first letters, spaces around it ignored
    expect(withNiFraction(oneSite(' Fe '), 0.25).atoms.map((a) => [a.label, a.element, a.occupancy])).toEqual([['M', ' Fe ', 0.75], ['M_Ni', 'Ni', 0.25]]);
    // no Fe or Ni at all: nothing added
    expect(withNiFraction(oneSite('Co'), 0.25).atoms).toHaveLength(1);
  });
  it('mean B is occupancy-weighted over the full cell', () => {
    // fcc (4 positions): Fe 0.7 with B 0.3, Ni 0.3 with B 0.5 on the same sites → (0.7·0.3 + 0.3·0.5)/1 = 0.36
    const def = { ...getPhase('fcc-Ni'), atoms: [site('Fe', 'Fe', 0.7, 0.3), site('Ni', 'Ni', 0.3, 0.5)] };
    expect(meanBIsoA2(def)).toBeCloseTo(0.36, 12);
    expect(meanBIsoA2({ ...def, atoms: [site('X', 'Fe', 0, 0.3)] })).toBe(0);
  });
});

describe('a Vegard phase follows its cell', () => {
  const def = feNiPhase(0.3);
  const { aAtZeroA, aAtOneA } = def.vegard!.endMembers;
  // Built inside the tests, not while the file is collected (mutation testing credits collection to no test).
  const built = () => rietveldPhaseFromDef(def, { wavelengthA: 0.20735, twoThetaMaxDeg: 16 });
  it('x from the cell by Vegard, cell mass Z·M linear in x (Z = 4: Fe 223.380, Ni 234.774 u)', () => {
    const phase = built();
    expect(phase.aRangeA).toEqual([Math.min(aAtZeroA, aAtOneA), Math.max(aAtZeroA, aAtOneA)]);
    const at = (x: number) => {
      const a = aAtZeroA + x * (aAtOneA - aAtZeroA);
      return phase.intensitiesFor!({ ...phase.lattice, aA: a, bA: a, cA: a });
    };
    expect(at(0).x).toBeCloseTo(0, 12);
    expect(at(0).cellMassAmu).toBeCloseTo(4 * 55.845, 2);
    expect(at(1).cellMassAmu).toBeCloseTo(4 * 58.6934, 2);
    expect(at(0.5).cellMassAmu).toBeCloseTo(2 * (55.845 + 58.6934), 2);
    expect(at(0.42).x).toBeCloseTo(0.42, 12);
    // beyond the end members x is held at 0 or 1
    expect(at(1.3).x).toBe(1);
    expect(at(-0.3).x).toBe(0);
    // the starting intensities carry the starting composition
    expect(phase.intensities.x).toBeCloseTo((def.lattice.aA - aAtZeroA) / (aAtOneA - aAtZeroA), 9);
  });
  it('|F|² at an intermediate x equals the structure built at that x (the quadratic through 0, ½, 1 is exact)', () => {
    const phase = built();
    const x = 0.37;
    const a = aAtZeroA + x * (aAtOneA - aAtZeroA);
    const lat = { ...phase.lattice, aA: a, bA: a, cA: a };
    const direct = rietveldPhaseFromDef(withNiFraction(def, x), { wavelengthA: 0.20735, twoThetaMaxDeg: 16, lattice: lat });
    const viaLaw = phase.intensitiesFor!(lat);
    expect(direct.h.length).toBe(phase.h.length);
    for (let i = 0; i < phase.h.length; i++) expect(viaLaw.multFsq[i] / direct.intensities.multFsq[i], `reflection ${i}`).toBeCloseTo(1, 9);
    // the cell mass and the occupancy-weighted mean B are those of the structure built at x as well
    expect(viaLaw.cellMassAmu).toBeCloseTo(direct.intensities.cellMassAmu, 9);
    expect(direct.intensities.bMeanA2).toBeGreaterThan(0);
    expect(viaLaw.bMeanA2).toBeCloseTo(direct.intensities.bMeanA2!, 9);
  });
  it('a phase without a Vegard law has no intensitiesFor, no composition, and B only when asked', () => {
    const p = rietveldPhaseFromDef(getPhase('fcc-Ni'), { wavelengthA: 0.20735, twoThetaMaxDeg: 16 });
    expect(p.intensitiesFor).toBeUndefined();
    expect(p.intensities.x).toBeUndefined();
    expect(p.intensities.cellMassAmu).toBeCloseTo(4 * 58.6934, 2);
    expect(p.intensities.bMeanA2).toBeGreaterThan(0);
    expect(rietveldPhaseFromDef(getPhase('fcc-Ni'), { wavelengthA: 0.20735, twoThetaMaxDeg: 16, debyeWaller: false }).intensities.bMeanA2).toBe(0);
    // reflections up to 2θ_max + 1°: fcc Ni (a = 3.524 Å) at λ = 0.20735 Å to 17° holds 111 … up to d = 0.7007 Å
    const dMin = 0.20735 / (2 * Math.sin((17 * Math.PI) / 360));
    const maxQ = Math.max(...Array.from(p.h, (h, i) => h * h + p.k[i] ** 2 + p.l[i] ** 2));
    expect(Math.sqrt(maxQ)).toBeLessThanOrEqual(p.lattice.aA / dMin + 1e-9);
  });
});

describe('the reflections kept and the Debye–Waller switch', () => {
  const hkl = (p: { h: Int32Array; k: Int32Array; l: Int32Array }) => Array.from(p.h, (h, i) => `${h}${p.k[i]}${p.l[i]}`);
  it('reflections to 2θ_max + marginDeg (default 1°), 2θ held below 179°', () => {
    // fcc Ni a = 3.5238 Å, λ = 0.20735 Å: d_min = λ/(2 sin(θ_max)), (a/d_min)² = 22.38 at 2θ = 16° (422, h²+k²+l² = 24,
    // out) and 25.25 at 17° (422 in)
    const all = ['111', '200', '220', '311', '222', '400', '331', '420', '422'];
    expect(hkl(rietveldPhaseFromDef(getPhase('fcc-Ni'), { wavelengthA: 0.20735, twoThetaMaxDeg: 16 }))).toEqual(all);
    expect(hkl(rietveldPhaseFromDef(getPhase('fcc-Ni'), { wavelengthA: 0.20735, twoThetaMaxDeg: 16, marginDeg: 0 }))).toEqual(all.slice(0, 8));
    // λ = 2a/√24.5 = 1.42383 Å: (a/d_min)² = 24.5·sin²θ_max: 24.498 at 2θ = 179° (422 in); a 2θ of 201° not held
    // would give 24.5·sin²(100.5°) = 23.68 (422 out)
    expect(hkl(rietveldPhaseFromDef(getPhase('fcc-Ni'), { wavelengthA: 1.42383, twoThetaMaxDeg: 200 }))).toEqual(all);
  });
  it('a Vegard phase without Debye–Waller factors: mean B 0 at the start and along the law', () => {
    const v = rietveldPhaseFromDef(feNiPhase(0.3), { wavelengthA: 0.20735, twoThetaMaxDeg: 16, debyeWaller: false });
    expect(v.intensities.bMeanA2).toBe(0);
    expect(v.intensitiesFor!({ ...v.lattice }).bMeanA2).toBe(0);
    // with them: at the starting cell (x = 0.3 by Vegard) the law gives the mean B of the structure built at 0.3
    const b = rietveldPhaseFromDef(feNiPhase(0.3), { wavelengthA: 0.20735, twoThetaMaxDeg: 16 });
    expect(b.intensitiesFor!({ ...b.lattice }).bMeanA2).toBeCloseTo(meanBIsoA2(feNiPhase(0.3)), 12);
  });
  it('the phase’s starting cell is its own copy: the option’s cell when given', () => {
    const lat = { aA: 3.53, bA: 3.53, cA: 3.53, alphaDeg: 90, betaDeg: 90, gammaDeg: 90 };
    const p = rietveldPhaseFromDef(getPhase('fcc-Ni'), { wavelengthA: 0.20735, twoThetaMaxDeg: 16, lattice: lat });
    expect(p.lattice).toEqual(lat);
    expect(p.lattice).not.toBe(lat);
    expect(p.id).toBe('fcc-Ni');
  });
});
