// Lattice parameters from reflections whose h, k and l are all non-zero (so every term of the d-spacing formulas
// counts), checked against d-spacings computed from the textbook metric, and Bragg's law at a synchrotron wavelength.
import { describe, expect, it } from 'vitest';
import { braggDSpacingA, braggTwoThetaDeg, latticeFromPeak, latticeParameterA, vegardFraction } from './lattice';

// 1/d² for a hexagonal cell: 4/3·(h² + hk + k²)/a² + l²/c²; tetragonal: (h² + k²)/a² + l²/c² (International Tables A)
const dHex = (a: number, c: number, h: number, k: number, l: number): number => 1 / Math.sqrt(((4 / 3) * (h * h + h * k + k * k)) / (a * a) + (l * l) / (c * c));
const dTet = (a: number, c: number, h: number, k: number, l: number): number => 1 / Math.sqrt((h * h + k * k) / (a * a) + (l * l) / (c * c));

describe('latticeParameterA with every index non-zero', () => {
  it('hexagonal hematite (a = 5.0356, c = 13.7489 Å) 113 and 116, 2-1-3: the hk cross term counts', () => {
    const a = 5.0356;
    const c = 13.7489;
    for (const hkl of [[1, 1, 3], [1, 1, 6], [2, -1, 3], [2, 1, 4]] as [number, number, number][]) {
      const d = dHex(a, c, ...hkl);
      expect(latticeParameterA({ value: d, sigma: 1e-5 }, hkl, 'hexagonal', c / a).value, hkl.join('')).toBeCloseTo(a, 10);
    }
    // 113 of hematite: d = 2.2067 Å (ICDD 33-664 lists 2.207)
    expect(dHex(a, c, 1, 1, 3)).toBeCloseTo(2.207, 3);
  });

  it('tetragonal rutile (a = 4.594, c = 2.959 Å) 211 and 111', () => {
    for (const hkl of [[2, 1, 1], [1, 1, 1], [3, 1, 2]] as [number, number, number][]) {
      const d = dTet(4.594, 2.959, ...hkl);
      expect(latticeParameterA({ value: d, sigma: 0 }, hkl, 'tetragonal', 2.959 / 4.594).value, hkl.join('')).toBeCloseTo(4.594, 10);
    }
  });

  it('σ_a = a·σ_d/d for every system (c/a held)', () => {
    const d = { value: 1.25, sigma: 2e-4 };
    for (const [sys, hkl, ca] of [['cubic', [2, 2, 0], undefined], ['tetragonal', [2, 1, 1], 0.64], ['hexagonal', [1, 1, 3], 2.73]] as const) {
      const r = latticeParameterA(d, [...hkl] as [number, number, number], sys, ca);
      expect(r.sigma / r.value).toBeCloseTo(d.sigma / d.value, 14);
    }
    // cubic is the default: a = d·√(h² + k² + l²)
    expect(latticeParameterA(d, [2, 2, 0]).value).toBeCloseTo(1.25 * Math.sqrt(8), 14);
  });

  it('refuses 000 and a non-cubic cell without a positive c/a, naming them', () => {
    expect(() => latticeParameterA({ value: 2, sigma: 0 }, [0, 0, 0])).toThrow('hkl (0 0 0) gives no d-spacing');
    expect(() => latticeParameterA({ value: 2, sigma: 0 }, [1, 0, 1], 'tetragonal', 0)).toThrow('a tetragonal lattice needs c/a');
    expect(() => latticeParameterA({ value: 2, sigma: 0 }, [1, 0, 1], 'hexagonal', -1.6)).toThrow('a hexagonal lattice needs c/a');
    expect(() => latticeParameterA({ value: 2, sigma: 0 }, [0, 0, 0], 'hexagonal', 1.6)).toThrow(/gives no d-spacing/);
  });
});

describe('Bragg at λ = 0.20735 Å (the beamline of the simulated studies)', () => {
  it('fcc Ni (a = 3.5238 Å) 200: d = a/2, 2θ = 2·asin(λ/(2d))', () => {
    const tth = braggTwoThetaDeg(3.5238 / 2, 0.20735);
    expect(tth).toBeCloseTo((2 * Math.asin(0.20735 / 3.5238) * 180) / Math.PI, 12);
    expect(tth).toBeCloseTo(6.7468, 4);
    const r = latticeFromPeak(tth, 0.001, 0.20735, [2, 0, 0]);
    expect(r.dA.value).toBeCloseTo(1.7619, 12);
    expect(r.aA.value).toBeCloseTo(3.5238, 12);
    // σ_d/d = cot θ · σ_θ: at θ = 3.3731° a 0.001° σ_2θ is 1.48·10⁻⁴ relative
    expect(r.dA.sigma / r.dA.value).toBeCloseTo((0.0005 * Math.PI) / 180 / Math.tan((tth / 2) * (Math.PI / 180)), 12);
    expect(r.dA.sigma / r.dA.value).toBeCloseTo(1.48e-4, 6);
    // no σ given: none propagated
    expect(braggDSpacingA(tth, 0.20735).sigma).toBe(0);
  });

  it('λ = 2d is the largest reachable angle (180°); beyond it there is no reflection', () => {
    expect(braggTwoThetaDeg(1, 2)).toBeCloseTo(180, 10);
    expect(braggTwoThetaDeg(1, 2.0000001)).toBeNaN();
  });

  it('Vegard with end members in either order: x from the x = 0 end', () => {
    // Fe–Ni fcc: a grows from Ni (x_Fe = 0) to γ-Fe (x_Fe = 1)
    const r = vegardFraction({ value: 3.55, sigma: 5e-4 }, { a0A: 3.5238, a1A: 3.591 });
    expect(r.value).toBeCloseTo((3.55 - 3.5238) / (3.591 - 3.5238), 12);
    expect(r.sigma).toBeCloseTo(5e-4 / 0.0672, 12);
  });
});
