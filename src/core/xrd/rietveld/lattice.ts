/**
 * Cell parameters under crystal-system constraints: which parameters are free, and 1/d² of every reflection
 * from the reciprocal metric tensor (International Tables Vol. B, §1.1).
 */
import { metricCofactors, volumeFactor } from '../crystal/lattice';
import type { CrystalSystem, LatticeParams } from './types';

/** Infer the crystal system from the cell's equalities (tolerance 1e-5 relative / 1e-4°). */
export function inferCrystalSystem(lat: LatticeParams): CrystalSystem {
  const eq = (p: number, q: number): boolean => Math.abs(p - q) <= 1e-5 * Math.max(Math.abs(p), Math.abs(q));
  const ang = (p: number, q: number): boolean => Math.abs(p - q) <= 1e-4;
  const { aA, bA, cA, alphaDeg, betaDeg, gammaDeg } = lat;
  const right = ang(alphaDeg, 90) && ang(betaDeg, 90) && ang(gammaDeg, 90);
  if (right && eq(aA, bA) && eq(bA, cA)) return 'cubic';
  if (eq(aA, bA) && eq(bA, cA) && ang(alphaDeg, betaDeg) && ang(betaDeg, gammaDeg)) return 'rhombohedral';
  if (right && eq(aA, bA)) return 'tetragonal';
  if (eq(aA, bA) && ang(alphaDeg, 90) && ang(betaDeg, 90) && ang(gammaDeg, 120)) return 'hexagonal';
  if (right) return 'orthorhombic';
  if (ang(alphaDeg, 90) && ang(gammaDeg, 90)) return 'monoclinic';
  return 'triclinic';
}

/** Names of the free cell parameters of a crystal system, in the order of latticeFromFree. */
export function freeLatticeNames(system: CrystalSystem): string[] {
  switch (system) {
    case 'cubic':
      return ['a'];
    case 'tetragonal':
    case 'hexagonal':
      return ['a', 'c'];
    case 'rhombohedral':
      return ['a', 'alpha'];
    case 'orthorhombic':
      return ['a', 'b', 'c'];
    case 'monoclinic':
      return ['a', 'b', 'c', 'beta'];
    case 'triclinic':
      return ['a', 'b', 'c', 'alpha', 'beta', 'gamma'];
  }
}

/** The free parameters of a cell (Å and degrees). */
export function freeFromLattice(system: CrystalSystem, lat: LatticeParams): number[] {
  switch (system) {
    case 'cubic':
      return [lat.aA];
    case 'tetragonal':
    case 'hexagonal':
      return [lat.aA, lat.cA];
    case 'rhombohedral':
      return [lat.aA, lat.alphaDeg];
    case 'orthorhombic':
      return [lat.aA, lat.bA, lat.cA];
    case 'monoclinic':
      return [lat.aA, lat.bA, lat.cA, lat.betaDeg];
    case 'triclinic':
      return [lat.aA, lat.bA, lat.cA, lat.alphaDeg, lat.betaDeg, lat.gammaDeg];
  }
}

/** The full cell from free parameters `p` starting at offset `o`. */
export function latticeFromFree(system: CrystalSystem, p: ArrayLike<number>, o: number, base: LatticeParams): LatticeParams {
  switch (system) {
    case 'cubic':
      return cell(p[o], p[o], p[o], 90, 90, 90);
    case 'tetragonal':
      return cell(p[o], p[o], p[o + 1], 90, 90, 90);
    case 'hexagonal':
      return cell(p[o], p[o], p[o + 1], 90, 90, 120);
    case 'rhombohedral':
      return cell(p[o], p[o], p[o], p[o + 1], p[o + 1], p[o + 1]);
    case 'orthorhombic':
      return cell(p[o], p[o + 1], p[o + 2], 90, 90, 90);
    case 'monoclinic':
      return cell(p[o], p[o + 1], p[o + 2], base.alphaDeg, p[o + 3], base.gammaDeg);
    case 'triclinic':
      return cell(p[o], p[o + 1], p[o + 2], p[o + 3], p[o + 4], p[o + 5]);
  }
}

/**
 * A cell object with one hidden class: all six fields double (V8 would make a literal 90° a small-integer field and
 * change the objects' class when a double arrives, deoptimising the code that read them), set after a 0.5 start.
 */
export function cell(aA: number, bA: number, cA: number, alphaDeg: number, betaDeg: number, gammaDeg: number): LatticeParams {
  const l: LatticeParams = { aA: 0.5, bA: 0.5, cA: 0.5, alphaDeg: 0.5, betaDeg: 0.5, gammaDeg: 0.5 };
  l.aA = aA;
  l.bA = bA;
  l.cA = cA;
  l.alphaDeg = alphaDeg;
  l.betaDeg = betaDeg;
  l.gammaDeg = gammaDeg;
  return l;
}

/** Cell volume in Å³. */
export function cellVolume(lat: LatticeParams): number {
  return lat.aA * lat.bA * lat.cA * Math.sqrt(Math.max(0, volumeFactor(lat)));
}

const cofactors = new Float64Array(7);

/**
 * Reciprocal metric tensor G* as the 6 coefficients of 1/d² = g0 h² + g1 k² + g2 l² + g3 hk + g4 hl + g5 kl.
 */
export function reciprocalMetric(lat: LatticeParams, out = new Float64Array(6)): Float64Array {
  const m = metricCofactors(lat, cofactors);
  const det = m[6];
  out[0] = m[0] / det;
  out[1] = m[1] / det;
  out[2] = m[2] / det;
  out[3] = (2 * m[3]) / det;
  out[4] = (2 * m[4]) / det;
  out[5] = (2 * m[5]) / det;
  return out;
}

/** d-spacing (Å) of one reflection. */
export function dSpacing(lat: LatticeParams, h: number, k: number, l: number): number {
  const g = reciprocalMetric(lat);
  return 1 / Math.sqrt(g[0] * h * h + g[1] * k * k + g[2] * l * l + g[3] * h * k + g[4] * h * l + g[5] * k * l);
}
