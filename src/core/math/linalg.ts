/**
 * Small dense linear algebra for the whole code base, in one place:
 *  - symmetric positive-definite (normal-equation) solves and inverses by Cholesky factorisation, over row-major
 *    Float64Array n×n matrices (n up to a few hundred): single-peak fits (xrd/fit, xrd/peaks) and the Rietveld
 *    engine (xrd/rietveld), the latter with Jacobi scaling (unit diagonal) for conditioning;
 *  - a general square solve by Gaussian elimination with partial pivoting over number[][] (≤ 6 unknowns: recipe
 *    proportioning, Savitzky–Golay end-window polynomial fits).
 * Kept here instead of a matrix library: mathjs' lusolve adds ~200 kB and start-up time to the CLI bundle, and the
 * in-place Cholesky routines allocate nothing in the fitting loops.
 */

/**
 * In-place Cholesky factorisation A = L·Lᵀ of a symmetric n×n matrix (row-major; only the lower triangle is
 * read). On success the lower triangle holds L and true is returned; false when A is not positive definite to
 * working precision (or a pivot is not finite).
 */
export function choleskyInPlace(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k];
    if (!(d > 0) || !Number.isFinite(d)) return false;
    const ljj = Math.sqrt(d);
    a[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / ljj;
    }
  }
  return true;
}

/** Solves L·Lᵀ·x = b given the factor from choleskyInPlace; b is overwritten with x. */
export function choleskySolveInPlace(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * b[k];
    b[i] = s / l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
    b[i] = s / l[i * n + i];
  }
}

/**
 * Inverse from a Cholesky factor l (not modified): column j solves L·Lᵀ·x = e_j. With `scale`, the
 * factor is of the Jacobi-scaled matrix S·A·S and the result is unscaled, inv_ij = x_i·s_i·s_j.
 */
function inverseFromFactor(l: Float64Array, n: number, scale?: Float64Array): Float64Array {
  const inv = new Float64Array(n * n);
  const col = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    col.fill(0);
    col[j] = 1;
    choleskySolveInPlace(l, n, col);
    if (scale) for (let i = 0; i < n; i++) inv[i * n + j] = col[i] * scale[i] * scale[j];
    else for (let i = 0; i < n; i++) inv[i * n + j] = col[i];
  }
  return inv;
}

/**
 * Inverse of a symmetric positive-definite n×n matrix (row-major, not modified), symmetrised against round-off,
 * or null when it is not positive definite.
 */
export function invertSpd(a: Float64Array, n: number): Float64Array | null {
  const l = Float64Array.from(a);
  if (!choleskyInPlace(l, n)) return null;
  const inv = inverseFromFactor(l, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const v = 0.5 * (inv[i * n + j] + inv[j * n + i]);
      inv[i * n + j] = v;
      inv[j * n + i] = v;
    }
  }
  return inv;
}

/**
 * Jacobi scaling: fills s with s_i = 1/√a_ii (1 where a_ii ≤ 0) and m with S·A·S, whose diagonal is 1. Returns the
 * Cholesky factor of S·A·S in m, or false when it is not positive definite.
 */
function scaledCholesky(a: Float64Array, n: number, m: Float64Array, s: Float64Array): boolean {
  for (let i = 0; i < n; i++) {
    const d = a[i * n + i];
    s[i] = d > 0 ? 1 / Math.sqrt(d) : 1;
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[i * n + j] = a[i * n + j] * s[i] * s[j];
  return choleskyInPlace(m, n);
}

/**
 * Solves the symmetric system A·x = b with Jacobi scaling (unit diagonal) for conditioning. A and b are not
 * modified. Returns null when A is singular. `work` (n×n) may be passed to avoid allocation.
 */
export function solveSymmetric(a: Float64Array, b: Float64Array, n: number, work?: Float64Array): Float64Array | null {
  const m = work && work.length >= n * n ? work : new Float64Array(n * n);
  const s = new Float64Array(n);
  if (!scaledCholesky(a, n, m, s)) return null;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = b[i] * s[i];
  choleskySolveInPlace(m, n, x);
  for (let i = 0; i < n; i++) x[i] *= s[i];
  return x;
}

/** Inverse of a symmetric positive-definite matrix with Jacobi scaling (not symmetrised), or null when singular. */
export function invertSymmetric(a: Float64Array, n: number): Float64Array | null {
  const m = new Float64Array(n * n);
  const s = new Float64Array(n);
  if (!scaledCholesky(a, n, m, s)) return null;
  return inverseFromFactor(m, n, s);
}

/**
 * Solves the general square system A·x = b by Gaussian elimination with partial pivoting (A and b not modified).
 * Returns null when A is singular (a pivot below 1e-12 × the largest |a_ij|).
 */
export function solveLinearSystem(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  const scale = Math.max(...a.flat().map(Math.abs), 0);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    if (!(Math.abs(m[pivot][col]) > 1e-12 * scale)) return null;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = col + 1; r < n; r++) {
      const f = m[r][col] / m[col][col];
      for (let c = col; c <= n; c++) m[r][c] -= f * m[col][c];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let c = r + 1; c < n; c++) s -= m[r][c] * x[c];
    x[r] = s / m[r][r];
  }
  return x;
}
