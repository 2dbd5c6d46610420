/**
 * Lattice geometry: cell volume, reciprocal metric, d-spacings and Bragg angles.
 * 1/d² = hᵀ G* h with G* the inverse of the direct metric tensor (International Tables Vol. B, §1.1).
 */
import type { Lattice } from './types';

const DEG = Math.PI / 180;

/** Reciprocal metric tensor G* (Å⁻², symmetric) so that 1/d² = hᵀ·G*·h. */
export interface ReciprocalMetric {
  g11: number;
  g22: number;
  g33: number;
  g12: number;
  g13: number;
  g23: number;
}

/** Unit-cell volume (Å³): V = abc·√(1 − cos²α − cos²β − cos²γ + 2 cosα cosβ cosγ). */
export function cellVolumeA3(l: Lattice): number {
  const ca = Math.cos(l.alphaDeg * DEG);
  const cb = Math.cos(l.betaDeg * DEG);
  const cg = Math.cos(l.gammaDeg * DEG);
  const q = 1 - ca * ca - cb * cb - cg * cg + 2 * ca * cb * cg;
  if (!(q > 0) || !(l.aA > 0) || !(l.bA > 0) || !(l.cA > 0)) throw new Error('lattice parameters do not describe a cell');
  return l.aA * l.bA * l.cA * Math.sqrt(q);
}

/** Reciprocal metric tensor G* (Å⁻²): inverse of the direct metric G. */
export function reciprocalMetric(l: Lattice): ReciprocalMetric {
  const ca = Math.cos(l.alphaDeg * DEG);
  const cb = Math.cos(l.betaDeg * DEG);
  const cg = Math.cos(l.gammaDeg * DEG);
  const a = l.aA;
  const b = l.bA;
  const c = l.cA;
  // direct metric
  const G11 = a * a;
  const G22 = b * b;
  const G33 = c * c;
  const G12 = a * b * cg;
  const G13 = a * c * cb;
  const G23 = b * c * ca;
  const det = G11 * (G22 * G33 - G23 * G23) - G12 * (G12 * G33 - G23 * G13) + G13 * (G12 * G23 - G22 * G13);
  if (!(det > 0)) throw new Error('lattice parameters do not describe a cell');
  return {
    g11: (G22 * G33 - G23 * G23) / det,
    g22: (G11 * G33 - G13 * G13) / det,
    g33: (G11 * G22 - G12 * G12) / det,
    g12: (G13 * G23 - G12 * G33) / det,
    g13: (G12 * G23 - G13 * G22) / det,
    g23: (G12 * G13 - G11 * G23) / det,
  };
}

/** 1/d² (Å⁻²) of hkl for a reciprocal metric. */
export function invDSquared(g: ReciprocalMetric, h: number, k: number, l: number): number {
  return g.g11 * h * h + g.g22 * k * k + g.g33 * l * l + 2 * (g.g12 * h * k + g.g13 * h * l + g.g23 * k * l);
}

/** Interplanar spacing d_hkl (Å). */
export function dSpacingA(l: Lattice, h: number, k: number, lIdx: number): number {
  return 1 / Math.sqrt(invDSquared(reciprocalMetric(l), h, k, lIdx));
}

/**
 * d-spacings (Å) of many reflections for one lattice, into `out` when given (for refinement loops).
 * hkl are packed as Int32Array [h0,k0,l0,h1,k1,l1,…].
 */
export function dSpacingsA(l: Lattice, hkl: Int32Array, out?: Float64Array): Float64Array {
  const n = hkl.length / 3;
  const res = out ?? new Float64Array(n);
  const g = reciprocalMetric(l);
  for (let i = 0; i < n; i++) {
    const h = hkl[3 * i];
    const k = hkl[3 * i + 1];
    const m = hkl[3 * i + 2];
    res[i] = 1 / Math.sqrt(g.g11 * h * h + g.g22 * k * k + g.g33 * m * m + 2 * (g.g12 * h * k + g.g13 * h * m + g.g23 * k * m));
  }
  return res;
}

/** Bragg angle 2θ (degrees) for d (Å) and λ (Å); NaN when λ > 2d (no reflection). */
export function twoThetaDeg(dA: number, wavelengthA: number): number {
  const s = wavelengthA / (2 * dA);
  return s > 1 ? NaN : (2 * Math.asin(s)) / DEG;
}

/** d (Å) for a Bragg angle 2θ (degrees) and λ (Å). */
export function dFromTwoThetaA(twoThetaDegValue: number, wavelengthA: number): number {
  return wavelengthA / (2 * Math.sin((twoThetaDegValue * DEG) / 2));
}

/** A cubic lattice. */
export function cubicLattice(aA: number): Lattice {
  return { aA, bA: aA, cA: aA, alphaDeg: 90, betaDeg: 90, gammaDeg: 90 };
}

/** A hexagonal lattice (γ = 120°). */
export function hexagonalLattice(aA: number, cA: number): Lattice {
  return { aA, bA: aA, cA, alphaDeg: 90, betaDeg: 90, gammaDeg: 120 };
}

/** A tetragonal lattice. */
export function tetragonalLattice(aA: number, cA: number): Lattice {
  return { aA, bA: aA, cA, alphaDeg: 90, betaDeg: 90, gammaDeg: 90 };
}
