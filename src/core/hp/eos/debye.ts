/**
 * The Debye thermal energy and its derivatives, to double precision.
 *
 *   D₃(x) = (3/x³) ∫₀ˣ t³/(eᵗ − 1) dt,   E_D(T, θ) = 3nRT·D₃(θ/T)   (J/mol; the zero-point energy is left out:
 *   it cancels in the thermal pressure E(T) − E(T₀))
 *
 * The integral I(x) = ∫₀ˣ t³/(eᵗ − 1) dt is evaluated
 *  - for x < 2 by its Bernoulli series  I(x) = Σₖ Bₖ x^(k+3) / ((k+3)·k!)  (converges for |x| < 2π; at x = 2
 *    the terms fall by ≈ (x/2π)² ≈ 0.1 per even order; up to 14 terms, fewer for small x; relative error ≤ 5e-14,
 *    the rounding of the alternating sum, checked against 30-digit quadrature);
 *  - for x ≥ 2 by  I(x) = π⁴/15 − Σ_{k≥1} e^(−kx)·(x³/k + 3x²/k² + 6x/k³ + 6/k⁴)  (Abramowitz & Stegun 27.1.2),
 *    summed until the term is below 1e-17 of the total (≤ 20 terms at x = 2, one or two at x > 30).
 */

/** B₀, B₁, B₂, B₄, …, B₂₄ with their index: t/(eᵗ − 1) = Σ Bₖ tᵏ/k!. */
const BERNOULLI: [number, number][] = [
  [0, 1], [1, -1 / 2], [2, 1 / 6], [4, -1 / 30], [6, 1 / 42], [8, -1 / 30], [10, 5 / 66], [12, -691 / 2730],
  [14, 7 / 6], [16, -3617 / 510], [18, 43867 / 798], [20, -174611 / 330], [22, 854513 / 138], [24, -236364091 / 2730],
];
/** Coefficients Bₖ/((k+3)·k!) of x^(k+3). */
const SERIES: [number, number][] = (() => {
  let fact = 1;
  let last = 0;
  return BERNOULLI.map(([k, b]) => {
    for (let j = last + 1; j <= k; j++) fact *= j;
    last = k;
    return [k + 3, b / ((k + 3) * fact)];
  });
})();

const PI4_15 = Math.pow(Math.PI, 4) / 15;

/** I(x) = ∫₀ˣ t³/(eᵗ − 1) dt for x ≥ 0. */
export function debyeIntegral3(x: number): number {
  if (!(x > 0)) return 0;
  if (x < 2) {
    // Horner over x² on the even terms, plus the k = 1 term.
    const x2 = x * x;
    let s = 0;
    // Terms fall by ≈ (x/2π)² per even order: fewer are needed for small x (truncation ≤ 4e-14 relative).
    const last = x < 0.3 ? 6 : x < 0.8 ? 8 : x < 1.4 ? 10 : SERIES.length - 1;
    for (let i = last; i >= 2; i--) s = s * x2 + SERIES[i][1];
    // s now holds Σ_{k even ≥ 2} c_k x^(k−2); total = x³/3 − x⁴/8 + x⁵·s
    return (x * x2) / 3 - (x2 * x2) / 8 + x2 * x2 * x * s;
  }
  let sum = 0;
  const x2 = x * x;
  const x3 = x2 * x;
  const q = Math.exp(-x);
  let ek = 1;
  for (let k = 1; k < 200; k++) {
    ek *= q;
    const term = ek * (x3 / k + (3 * x2) / (k * k) + (6 * x) / (k * k * k) + 6 / (k * k * k * k));
    sum += term;
    if (term < 1e-17 * PI4_15) break;
  }
  return PI4_15 - sum;
}

/** D₃(x) = 3I(x)/x³ (→ 1 as x → 0). */
export function debyeD3(x: number): number {
  if (x < 1e-6) return 1 - (3 * x) / 8;
  return (3 * debyeIntegral3(x)) / (x * x * x);
}

/** dD₃/dx = 3/(eˣ − 1) − 3D₃(x)/x (→ −3/8 as x → 0). */
export function debyeD3Derivative(x: number, d3 = debyeD3(x)): number {
  if (x < 1e-4) return -3 / 8 + x / 10;
  return 3 / Math.expm1(x) - (3 * d3) / x;
}

/** Debye thermal energy (J/mol of formula units with n atoms) at T for Debye temperature θ: 3nRT·D₃(θ/T). */
export function debyeEnergy(temperatureK: number, thetaK: number, atoms: number, gasConstant: number): number {
  if (!(temperatureK > 0)) return 0;
  return 3 * atoms * gasConstant * temperatureK * debyeD3(thetaK / temperatureK);
}
