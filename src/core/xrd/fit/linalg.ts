/**
 * Small dense linear algebra for least squares: symmetric positive-definite solves and inverses by Cholesky
 * factorisation, over row-major Float64Array matrices (m×m, m up to a few hundred).
 */

/**
 * In-place Cholesky factorisation A = L·Lᵀ of a symmetric m×m matrix (row-major; only the lower triangle is
 * read). On success the lower triangle holds L and true is returned; false when A is not positive definite.
 */
export function choleskyInPlace(a: Float64Array, m: number): boolean {
  for (let j = 0; j < m; j++) {
    let d = a[j * m + j];
    for (let k = 0; k < j; k++) d -= a[j * m + k] * a[j * m + k];
    if (!(d > 0) || !Number.isFinite(d)) return false;
    const ljj = Math.sqrt(d);
    a[j * m + j] = ljj;
    for (let i = j + 1; i < m; i++) {
      let s = a[i * m + j];
      for (let k = 0; k < j; k++) s -= a[i * m + k] * a[j * m + k];
      a[i * m + j] = s / ljj;
    }
  }
  return true;
}

/** Solves L·Lᵀ·x = b given the factor from choleskyInPlace; b is overwritten with x. */
export function choleskySolveInPlace(l: Float64Array, m: number, b: Float64Array): void {
  for (let i = 0; i < m; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * m + k] * b[k];
    b[i] = s / l[i * m + i];
  }
  for (let i = m - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < m; k++) s -= l[k * m + i] * b[k];
    b[i] = s / l[i * m + i];
  }
}

/**
 * Inverse of a symmetric positive-definite m×m matrix (row-major, not modified), or null when it is not
 * positive definite.
 */
export function invertSpd(a: Float64Array, m: number): Float64Array | null {
  const l = Float64Array.from(a);
  if (!choleskyInPlace(l, m)) return null;
  const inv = new Float64Array(m * m);
  const col = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    col.fill(0);
    col[j] = 1;
    choleskySolveInPlace(l, m, col);
    for (let i = 0; i < m; i++) inv[i * m + j] = col[i];
  }
  // Symmetrise against round-off.
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < i; j++) {
      const v = 0.5 * (inv[i * m + j] + inv[j * m + i]);
      inv[i * m + j] = v;
      inv[j * m + i] = v;
    }
  }
  return inv;
}
