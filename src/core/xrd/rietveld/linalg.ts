/** Small dense symmetric positive-definite solves for the normal equations (row-major Float64Array n×n). */

/**
 * Cholesky factorisation in place (lower triangle holds L). Returns false when the matrix is not positive
 * definite to working precision.
 */
export function choleskyInPlace(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k];
    if (!(d > 0)) return false;
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

/** Solve L Lᵀ x = b with a factor from choleskyInPlace; b is overwritten with x. */
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
 * Solve the symmetric system A x = b with Jacobi scaling (unit diagonal) for conditioning. A and b are not
 * modified. Returns null when A is singular. `work` (n×n) may be passed to avoid allocation.
 */
export function solveSymmetric(a: Float64Array, b: Float64Array, n: number, work?: Float64Array): Float64Array | null {
  const m = work && work.length >= n * n ? work : new Float64Array(n * n);
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = a[i * n + i];
    s[i] = d > 0 ? 1 / Math.sqrt(d) : 1;
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[i * n + j] = a[i * n + j] * s[i] * s[j];
  if (!choleskyInPlace(m, n)) return null;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = b[i] * s[i];
  choleskySolveInPlace(m, n, x);
  for (let i = 0; i < n; i++) x[i] *= s[i];
  return x;
}

/** Inverse of a symmetric positive-definite matrix (with Jacobi scaling), or null when singular. */
export function invertSymmetric(a: Float64Array, n: number): Float64Array | null {
  const m = new Float64Array(n * n);
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = a[i * n + i];
    s[i] = d > 0 ? 1 / Math.sqrt(d) : 1;
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[i * n + j] = a[i * n + j] * s[i] * s[j];
  if (!choleskyInPlace(m, n)) return null;
  const inv = new Float64Array(n * n);
  const col = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    col.fill(0);
    col[j] = 1;
    choleskySolveInPlace(m, n, col);
    for (let i = 0; i < n; i++) inv[i * n + j] = col[i] * s[i] * s[j];
  }
  return inv;
}
