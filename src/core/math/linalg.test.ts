import { describe, expect, it } from 'vitest';
import { choleskyInPlace, choleskySolveInPlace, invertSpd, invertSymmetric, solveLinearSystem, solveSymmetric } from './linalg';

/** Row-major n×n product A·B. */
function matMul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) c[i * n + j] += a[i * n + k] * b[k * n + j];
  return c;
}

// Textbook SPD example: A = L·Lᵀ with L = [[2,0,0],[6,1,0],[-8,5,3]].
const A3 = Float64Array.of(4, 12, -16, 12, 37, -43, -16, -43, 98);

describe('Cholesky', () => {
  it('factorises a known SPD matrix into its lower-triangular factor', () => {
    const l = Float64Array.from(A3);
    expect(choleskyInPlace(l, 3)).toBe(true);
    const lower = [l[0], l[3], l[4], l[6], l[7], l[8]];
    expect(lower).toEqual([2, 6, 1, -8, 5, 3]);
  });

  it('rejects matrices that are not positive definite or not finite', () => {
    expect(choleskyInPlace(Float64Array.of(1, 2, 2, 1), 2)).toBe(false);
    expect(choleskyInPlace(Float64Array.of(0, 0, 0, 1), 2)).toBe(false);
    expect(choleskyInPlace(Float64Array.of(NaN, 0, 0, 1), 2)).toBe(false);
    expect(choleskyInPlace(Float64Array.of(Infinity, 0, 0, 1), 2)).toBe(false);
  });

  it('solves L·Lᵀ·x = b in place', () => {
    const l = Float64Array.from(A3);
    choleskyInPlace(l, 3);
    // b = A·[1, −2, 3]
    const b = Float64Array.of(4 - 24 - 48, 12 - 74 - 129, -16 + 86 + 294);
    choleskySolveInPlace(l, 3, b);
    expect(b[0]).toBeCloseTo(1, 10);
    expect(b[1]).toBeCloseTo(-2, 10);
    expect(b[2]).toBeCloseTo(3, 10);
  });
});

describe('invertSpd', () => {
  it('inverts a 2×2 SPD matrix exactly symmetric and leaves the input alone', () => {
    const a = Float64Array.of(4, 2, 2, 3);
    const inv = invertSpd(a, 2)!;
    // inverse = (1/8)·[[3, −2], [−2, 4]]
    expect(inv[0]).toBeCloseTo(0.375, 14);
    expect(inv[1]).toBeCloseTo(-0.25, 14);
    expect(inv[3]).toBeCloseTo(0.5, 14);
    expect(inv[1]).toBe(inv[2]);
    expect(Array.from(a)).toEqual([4, 2, 2, 3]);
  });

  it('returns null for an indefinite matrix', () => {
    expect(invertSpd(Float64Array.of(1, 2, 2, 1), 2)).toBeNull();
  });
});

// Badly scaled SPD matrix (diagonal spans 16 decades), as normal equations of scale and cell parameters are.
const scales = [1e8, 1, 1e-8];
const B3 = Float64Array.from({ length: 9 }, (_, q) => A3[q] * scales[Math.floor(q / 3)] * scales[q % 3]);

describe('Jacobi-scaled symmetric solve and inverse', () => {
  it('solves a badly scaled system to full relative precision, with or without a work buffer', () => {
    // x = S⁻¹·[1, −2, 3] solves B·x = S·A·[1, −2, 3].
    const y = [1, -2, 3];
    const b = Float64Array.from({ length: 3 }, (_, i) => scales[i] * (A3[i * 3] * y[0] + A3[i * 3 + 1] * y[1] + A3[i * 3 + 2] * y[2]));
    const work = new Float64Array(9);
    for (const x of [solveSymmetric(B3, b, 3)!, solveSymmetric(B3, b, 3, work)!]) {
      for (let i = 0; i < 3; i++) expect(x[i] * scales[i]).toBeCloseTo(y[i], 9);
    }
    expect(B3[0]).toBe(4e16);
  });

  it('returns null for a singular system', () => {
    expect(solveSymmetric(Float64Array.of(1, 1, 1, 1), Float64Array.of(1, 1), 2)).toBeNull();
    expect(invertSymmetric(Float64Array.of(1, 1, 1, 1), 2)).toBeNull();
  });

  it('inverts a badly scaled matrix: B⁻¹ = S⁻¹·A⁻¹·S⁻¹ with A⁻¹ = (1/36)·[[1777, −488, 76], [−488, 136, −20], [76, −20, 4]]', () => {
    const inv = invertSymmetric(B3, 3)!;
    const a3Inv36 = [1777, -488, 76, -488, 136, -20, 76, -20, 4];
    for (let q = 0; q < 9; q++) expect(inv[q] * scales[Math.floor(q / 3)] * scales[q % 3] * 36).toBeCloseTo(a3Inv36[q], 8);
    // and the unscaled inverse agrees: A·A⁻¹ = I
    const id = matMul(A3, invertSpd(A3, 3)!, 3);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(id[i * 3 + j]).toBeCloseTo(i === j ? 1 : 0, 10);
  });
});

describe('solveLinearSystem', () => {
  it('solves a general 3×3 system that needs pivoting', () => {
    // Zero leading pivot: fails without row exchange.
    const x = solveLinearSystem([[0, 2, 1], [1, 1, 1], [2, 1, 3]], [7, 6, 13])!;
    expect(x[0]).toBeCloseTo(1, 12);
    expect(x[1]).toBeCloseTo(2, 12);
    expect(x[2]).toBeCloseTo(3, 12);
  });

  it('returns null for a singular matrix', () => {
    expect(solveLinearSystem([[1, 2], [2, 4]], [1, 2])).toBeNull();
  });
});
