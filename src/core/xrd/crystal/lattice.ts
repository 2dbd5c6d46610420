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

/** The volume factor 1 − cos²α − cos²β − cos²γ + 2 cosα cosβ cosγ = (V/abc)²; shared with the Rietveld engine. */
export function volumeFactor(l: Lattice): number {
  const ca = Math.cos(l.alphaDeg * DEG);
  const cb = Math.cos(l.betaDeg * DEG);
  const cg = Math.cos(l.gammaDeg * DEG);
  return 1 - ca * ca - cb * cb - cg * cg + 2 * ca * cb * cg;
}

/** Unit-cell volume (Å³): V = abc·√(1 − cos²α − cos²β − cos²γ + 2 cosα cosβ cosγ). */
export function cellVolumeA3(l: Lattice): number {
  const q = volumeFactor(l);
  if (!(q > 0) || !(l.aA > 0) || !(l.bA > 0) || !(l.cA > 0)) throw new Error('lattice parameters do not describe a cell');
  return l.aA * l.bA * l.cA * Math.sqrt(q);
}

/**
 * Cofactors of the direct metric tensor G (G11 = a², G12 = ab·cosγ, …) and its determinant, written to `out` as
 * [C11, C22, C33, C12, C13, C23, det G], so that G* = C / det G. Shared with the Rietveld engine's lattice.
 */
export function metricCofactors(l: Lattice, out: Float64Array): Float64Array {
  const a = l.aA;
  const b = l.bA;
  const c = l.cA;
  const ca = Math.cos(l.alphaDeg * DEG);
  const cb = Math.cos(l.betaDeg * DEG);
  const cg = Math.cos(l.gammaDeg * DEG);
  const g11 = a * a;
  const g22 = b * b;
  const g33 = c * c;
  const g12 = a * b * cg;
  const g13 = a * c * cb;
  const g23 = b * c * ca;
  const c11 = g22 * g33 - g23 * g23;
  const c12 = g13 * g23 - g12 * g33;
  const c13 = g12 * g23 - g13 * g22;
  out[0] = c11;
  out[1] = g11 * g33 - g13 * g13;
  out[2] = g11 * g22 - g12 * g12;
  out[3] = c12;
  out[4] = c13;
  out[5] = g12 * g13 - g11 * g23;
  out[6] = g11 * c11 + g12 * c12 + g13 * c13;
  return out;
}

const cofactors = new Float64Array(7);

/** Reciprocal metric tensor G* (Å⁻²): inverse of the direct metric G. */
export function reciprocalMetric(l: Lattice): ReciprocalMetric {
  const m = metricCofactors(l, cofactors);
  const det = m[6];
  if (!(det > 0)) throw new Error('lattice parameters do not describe a cell');
  return { g11: m[0] / det, g22: m[1] / det, g33: m[2] / det, g12: m[3] / det, g13: m[4] / det, g23: m[5] / det };
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
