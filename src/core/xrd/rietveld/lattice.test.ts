/**
 * Cell geometry of the refinement (lattice.ts) for every crystal system, against values worked out independently:
 * the textbook closed forms (International Tables Vol. B §1.1; Cullity & Stock, Elements of X-Ray Diffraction,
 * App. 3) and, for the general triclinic cell, reciprocal vectors built from Cartesian basis vectors by cross
 * products — not the cofactor route the module takes.
 */
import { describe, expect, it } from 'vitest';
import type { LatticeParams } from './types';
import { cellVolume, dSpacing, freeFromLattice, freeLatticeNames, inferCrystalSystem, latticeFromFree, reciprocalMetric } from './lattice';

const cell = (aA: number, bA: number, cA: number, alphaDeg: number, betaDeg: number, gammaDeg: number): LatticeParams => ({ aA, bA, cA, alphaDeg, betaDeg, gammaDeg });
const RAD = Math.PI / 180;

/** d(hkl) from Cartesian direct vectors → reciprocal vectors a* = (b × c)/V …, d = 1/|h a* + k b* + l c*|. */
function dByVectors(lat: LatticeParams, h: number, k: number, l: number): number {
  const [al, be, ga] = [lat.alphaDeg * RAD, lat.betaDeg * RAD, lat.gammaDeg * RAD];
  const a = [lat.aA, 0, 0];
  const b = [lat.bA * Math.cos(ga), lat.bA * Math.sin(ga), 0];
  const cx = lat.cA * Math.cos(be);
  const cy = (lat.cA * (Math.cos(al) - Math.cos(be) * Math.cos(ga))) / Math.sin(ga);
  const c = [cx, cy, Math.sqrt(lat.cA ** 2 - cx ** 2 - cy ** 2)];
  const cross = (u: number[], v: number[]) => [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
  const dot = (u: number[], v: number[]) => u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
  const v = dot(a, cross(b, c));
  const [as, bs, cs] = [cross(b, c), cross(c, a), cross(a, b)].map((w) => w.map((x) => x / v));
  const g = [0, 1, 2].map((i) => h * as[i] + k * bs[i] + l * cs[i]);
  return 1 / Math.sqrt(dot(g, g));
}

describe('crystal system from the cell', () => {
  it('names each of the seven systems from its equalities', () => {
    expect(inferCrystalSystem(cell(4.2, 4.2, 4.2, 90, 90, 90))).toBe('cubic');
    expect(inferCrystalSystem(cell(5.43, 5.43, 5.43, 55.3, 55.3, 55.3))).toBe('rhombohedral');
    expect(inferCrystalSystem(cell(4.59, 4.59, 2.96, 90, 90, 90))).toBe('tetragonal');
    expect(inferCrystalSystem(cell(5.038, 5.038, 13.772, 90, 90, 120))).toBe('hexagonal');
    expect(inferCrystalSystem(cell(4.76, 10.2, 5.98, 90, 90, 90))).toBe('orthorhombic');
    expect(inferCrystalSystem(cell(5.15, 5.21, 5.31, 90, 99.2, 90))).toBe('monoclinic');
    expect(inferCrystalSystem(cell(5.15, 5.21, 5.31, 91, 99.2, 90))).toBe('triclinic');
    expect(inferCrystalSystem(cell(5.15, 5.21, 5.31, 90, 99.2, 91))).toBe('triclinic');
  });

  it('treats lengths equal within 1e-5 relative and angles within 1e-4° as equal, and no further', () => {
    expect(inferCrystalSystem(cell(4, 4 * (1 + 0.9e-5), 4, 90, 90, 90))).toBe('cubic');
    expect(inferCrystalSystem(cell(4, 4 * (1 + 1.2e-5), 4, 90, 90, 90))).toBe('orthorhombic');
    expect(inferCrystalSystem(cell(4, 4, 4 * (1 - 1.2e-5), 90, 90, 90))).toBe('tetragonal');
    expect(inferCrystalSystem(cell(4, 4, 4, 90, 90.00009, 90))).toBe('cubic');
    expect(inferCrystalSystem(cell(4, 4, 4, 90.0002, 90.0002, 90.0002))).toBe('rhombohedral');
    expect(inferCrystalSystem(cell(4, 4, 4, 90.0002, 90, 90))).toBe('triclinic');
    expect(inferCrystalSystem(cell(4, 4, 4, 60, 60.00009, 60))).toBe('rhombohedral');
    // a = c ≠ b with right angles is tetragonal in another setting, but this module counts a = b only: orthorhombic
    expect(inferCrystalSystem(cell(4, 5, 4, 90, 90, 90))).toBe('orthorhombic');
    // monoclinic means the b-unique setting (α = γ = 90°); a cell with only γ off 90° and 120° is refined as triclinic
    expect(inferCrystalSystem(cell(5, 5, 7, 90, 90, 119.9))).toBe('triclinic');
    expect(inferCrystalSystem(cell(5, 5, 7, 90, 90, 120.00009))).toBe('hexagonal');
    expect(inferCrystalSystem(cell(5, 5, 5, 80, 80, 81))).toBe('triclinic');
    // an equal-length cell with right α, β but γ ≠ 90: not cubic, not rhombohedral
    expect(inferCrystalSystem(cell(5, 5, 5, 90, 90, 120))).toBe('hexagonal');
    // γ = 120° alone does not make a cell hexagonal: a = b and α = β = 90° are needed too
    expect(inferCrystalSystem(cell(5, 6, 7, 90, 90, 120))).toBe('triclinic');
    expect(inferCrystalSystem(cell(5, 5, 7, 80, 90, 120))).toBe('triclinic');
    expect(inferCrystalSystem(cell(5, 5, 7, 90, 80, 120))).toBe('triclinic');
  });
});

describe('free cell parameters', () => {
  const cases: [string, LatticeParams, string[], number[]][] = [
    ['cubic', cell(4.2, 4.2, 4.2, 90, 90, 90), ['a'], [4.2]],
    ['tetragonal', cell(4.59, 4.59, 2.96, 90, 90, 90), ['a', 'c'], [4.59, 2.96]],
    ['hexagonal', cell(5.038, 5.038, 13.772, 90, 90, 120), ['a', 'c'], [5.038, 13.772]],
    ['rhombohedral', cell(5.43, 5.43, 5.43, 55.3, 55.3, 55.3), ['a', 'alpha'], [5.43, 55.3]],
    ['orthorhombic', cell(4.76, 10.2, 5.98, 90, 90, 90), ['a', 'b', 'c'], [4.76, 10.2, 5.98]],
    ['monoclinic', cell(5.15, 5.21, 5.31, 90, 99.2, 90), ['a', 'b', 'c', 'beta'], [5.15, 5.21, 5.31, 99.2]],
    ['triclinic', cell(5.1, 5.2, 5.3, 91, 99.2, 88), ['a', 'b', 'c', 'alpha', 'beta', 'gamma'], [5.1, 5.2, 5.3, 91, 99.2, 88]],
  ];
  it.each(cases)('%s: names, values and the cell rebuilt from them (at an offset)', (system, lat, names, values) => {
    const s = system as Parameters<typeof freeLatticeNames>[0];
    expect(freeLatticeNames(s)).toEqual(names);
    expect(freeFromLattice(s, lat)).toEqual(values);
    // rebuilt from a parameter vector in which the cell starts at offset 2, the way the engine packs phases
    const p = [-1, -1, ...values.map((v) => v * 1.01), -1];
    const scaled = latticeFromFree(s, p, 2, lat);
    const f = (x: number) => x * 1.01;
    const want: Record<string, LatticeParams> = {
      cubic: cell(f(4.2), f(4.2), f(4.2), 90, 90, 90),
      tetragonal: cell(f(4.59), f(4.59), f(2.96), 90, 90, 90),
      hexagonal: cell(f(5.038), f(5.038), f(13.772), 90, 90, 120),
      rhombohedral: cell(f(5.43), f(5.43), f(5.43), f(55.3), f(55.3), f(55.3)),
      orthorhombic: cell(f(4.76), f(10.2), f(5.98), 90, 90, 90),
      // the monoclinic cell keeps α and γ of the base cell
      monoclinic: cell(f(5.15), f(5.21), f(5.31), 90, f(99.2), 90),
      triclinic: cell(f(5.1), f(5.2), f(5.3), f(91), f(99.2), f(88)),
    };
    for (const [k, v] of Object.entries(want[system])) expect(scaled[k as keyof LatticeParams], k).toBeCloseTo(v, 12);
  });
  it('the monoclinic cell takes α and γ from the base cell, not a fixed 90°', () => {
    const base = cell(5, 6, 7, 90.5, 100, 89.5);
    expect(latticeFromFree('monoclinic', [5, 6, 7, 101], 0, base)).toEqual(cell(5, 6, 7, 90.5, 101, 89.5));
  });
});

describe('volume and d-spacings', () => {
  it('volume: V = abc·√(1 − cos²α − cos²β − cos²γ + 2 cosα cosβ cosγ) in every system', () => {
    expect(cellVolume(cell(4.2, 4.2, 4.2, 90, 90, 90))).toBeCloseTo(74.088, 9);
    expect(cellVolume(cell(4.76, 10.2, 5.98, 90, 90, 90))).toBeCloseTo(4.76 * 10.2 * 5.98, 9);
    // monoclinic: abc·sinβ = 5.15·5.21·5.31·sin 99.2° = 140.6425…
    expect(cellVolume(cell(5.15, 5.21, 5.31, 90, 99.2, 90))).toBeCloseTo(5.15 * 5.21 * 5.31 * Math.sin(99.2 * RAD), 9);
    expect(cellVolume(cell(5.15, 5.21, 5.31, 90, 99.2, 90))).toBeCloseTo(140.6425, 3);
    // rhombohedral: a³√(1 − 3cos²α + 2cos³α)
    const ca = Math.cos(55.3 * RAD);
    expect(cellVolume(cell(5.43, 5.43, 5.43, 55.3, 55.3, 55.3))).toBeCloseTo(5.43 ** 3 * Math.sqrt(1 - 3 * ca * ca + 2 * ca ** 3), 9);
    // triclinic by the triple product of Cartesian basis vectors
    const t = cell(5.1, 5.2, 5.3, 91, 99.2, 88);
    const [cal, cbe, cga] = [91, 99.2, 88].map((d) => Math.cos(d * RAD));
    expect(cellVolume(t)).toBeCloseTo(5.1 * 5.2 * 5.3 * Math.sqrt(1 - cal ** 2 - cbe ** 2 - cga ** 2 + 2 * cal * cbe * cga), 9);
  });

  it('d(hkl): tetragonal, orthorhombic and monoclinic closed forms; triclinic from reciprocal vectors', () => {
    // tetragonal rutile: 1/d² = (h² + k²)/a² + l²/c²; (110) d = a/√2 = 3.2456 Å
    expect(dSpacing(cell(4.59, 4.59, 2.96, 90, 90, 90), 1, 1, 0)).toBeCloseTo(4.59 / Math.SQRT2, 12);
    expect(dSpacing(cell(4.59, 4.59, 2.96, 90, 90, 90), 1, 0, 1)).toBeCloseTo(1 / Math.sqrt(1 / 4.59 ** 2 + 1 / 2.96 ** 2), 12);
    // orthorhombic: 1/d² = h²/a² + k²/b² + l²/c²
    expect(dSpacing(cell(4.76, 10.2, 5.98, 90, 90, 90), 1, 2, 3)).toBeCloseTo(1 / Math.sqrt(1 / 4.76 ** 2 + 4 / 10.2 ** 2 + 9 / 5.98 ** 2), 12);
    // monoclinic (b unique): 1/d² = [h²/a² + k² sin²β/b² + l²/c² − 2hl cosβ/(ac)] / sin²β; (1 0 1) and (−1 0 1) differ
    const mono = cell(5.15, 5.21, 5.31, 90, 99.2, 90);
    const sb = Math.sin(99.2 * RAD);
    const cb = Math.cos(99.2 * RAD);
    const dMono = (h: number, k: number, l: number) =>
      1 / Math.sqrt((h * h / 5.15 ** 2 + (k * k * sb * sb) / 5.21 ** 2 + (l * l) / 5.31 ** 2 - (2 * h * l * cb) / (5.15 * 5.31)) / (sb * sb));
    for (const [h, k, l] of [[1, 0, 1], [-1, 0, 1], [1, 1, 1], [-1, 1, 1], [0, 2, 0], [2, 0, 0]]) expect(dSpacing(mono, h, k, l)).toBeCloseTo(dMono(h, k, l), 12);
    expect(dSpacing(mono, 1, 0, 1)).not.toBeCloseTo(dSpacing(mono, -1, 0, 1), 3);
    // triclinic: every cross term (hk, hl, kl) matters
    const tri = cell(5.1, 5.2, 5.3, 91, 99.2, 88);
    for (const [h, k, l] of [[1, 1, 0], [1, -1, 0], [1, 0, 1], [1, 0, -1], [0, 1, 1], [0, 1, -1], [1, 2, 3], [-2, 1, 1]]) {
      expect(dSpacing(tri, h, k, l), `${h}${k}${l}`).toBeCloseTo(dByVectors(tri, h, k, l), 12);
    }
    // the coefficients themselves: hexagonal G* = (4/3a², 4/3a², 1/c², 4/3a², 0, 0)
    const g = reciprocalMetric(cell(5.038, 5.038, 13.772, 90, 90, 120));
    const a2 = 4 / (3 * 5.038 ** 2);
    [a2, a2, 1 / 13.772 ** 2, a2, 0, 0].forEach((v, i) => expect(g[i], `g${i}`).toBeCloseTo(v, 14));
  });
});
