/**
 * Peak position → d-spacing (Bragg) → lattice parameter for one hkl, with propagated standard uncertainties;
 * Vegard's law for the Ni fraction of fcc (Fe,Ni).
 */

export type CrystalSystem = 'cubic' | 'tetragonal' | 'hexagonal';

export interface ValueWithSigma {
  value: number;
  sigma: number;
}

const RAD = Math.PI / 180;

/** Bragg: d = λ / (2 sin θ); σ_d = d·cot θ·σ_θ with σ_θ = σ_2θ/2 (radians). */
export function braggDSpacingA(twoThetaDeg: number, wavelengthA: number, twoThetaSigmaDeg = 0): ValueWithSigma {
  const theta = (twoThetaDeg * RAD) / 2;
  const d = wavelengthA / (2 * Math.sin(theta));
  return { value: d, sigma: (d / Math.tan(theta)) * ((twoThetaSigmaDeg * RAD) / 2) };
}

/** Bragg angle 2θ (°) of a d-spacing; NaN when λ > 2d. */
export function braggTwoThetaDeg(dA: number, wavelengthA: number): number {
  const s = wavelengthA / (2 * dA);
  // Stryker disable next-line ConditionalExpression: equivalent — Math.asin(s > 1) is NaN as well; the guard states the rule
  return s > 1 ? NaN : (2 * Math.asin(s)) / RAD;
}

/**
 * Lattice parameter a from one reflection's d-spacing:
 *   cubic       a = d·√(h² + k² + l²)
 *   tetragonal  a = d·√(h² + k² + l²/(c/a)²)            (1/d² = (h² + k²)/a² + l²/c²)
 *   hexagonal   a = d·√(4/3·(h² + hk + k²) + l²/(c/a)²)  (1/d² = 4/3·(h² + hk + k²)/a² + l²/c²)
 * c/a is held fixed, so σ_a = a·σ_d/d.
 */
export function latticeParameterA(
  d: ValueWithSigma, hkl: [number, number, number], system: CrystalSystem = 'cubic', cOverA?: number,
): ValueWithSigma {
  const [h, k, l] = hkl;
  let s: number;
  if (system === 'cubic') s = h * h + k * k + l * l;
  else {
    // Stryker disable next-line ConditionalExpression: equivalent — undefined > 0 is false, so the refusal stands without the first test
    if (!(cOverA !== undefined && cOverA > 0)) throw new Error(`a ${system} lattice needs c/a`);
    const base = system === 'tetragonal' ? h * h + k * k : (4 / 3) * (h * h + h * k + k * k);
    s = base + (l * l) / (cOverA * cOverA);
  }
  if (!(s > 0)) throw new Error(`hkl (${h} ${k} ${l}) gives no d-spacing`);
  const f = Math.sqrt(s);
  return { value: d.value * f, sigma: d.sigma * f };
}

/** Lattice parameter straight from a fitted peak centre. */
export function latticeFromPeak(
  centreDeg: number, centreSigmaDeg: number, wavelengthA: number, hkl: [number, number, number],
  system: CrystalSystem = 'cubic', cOverA?: number,
): { dA: ValueWithSigma; aA: ValueWithSigma } {
  const dA = braggDSpacingA(centreDeg, wavelengthA, centreSigmaDeg);
  return { dA, aA: latticeParameterA(dA, hkl, system, cOverA) };
}

/** End members of a binary solid solution for Vegard's law. */
export interface VegardEndMembers {
  /** Lattice parameter of the x = 0 end (Å). */
  a0A: number;
  /** Lattice parameter of the x = 1 end (Å). */
  a1A: number;
}

/**
 * Vegard's law a = (1 − x)·a₀ + x·a₁ solved for x, with σ_x = σ_a / |a₁ − a₀| (end members exact; the literature
 * law of fcc (Fe,Ni) at a run temperature: core/xrd/analysis literatureVegardEnds).
 */
export function vegardFraction(a: ValueWithSigma, ends: VegardEndMembers): ValueWithSigma {
  const span = ends.a1A - ends.a0A;
  return { value: (a.value - ends.a0A) / span, sigma: a.sigma / Math.abs(span) };
}
