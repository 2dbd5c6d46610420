/**
 * X-ray atomic form factors f0(s), s = sinθ/λ (Å⁻¹), from the Waasmaier & Kirfel (1995) 5-Gaussian + c fits
 * (Acta Cryst. A51, 416–431), for neutral atoms and the ions they tabulate. Anomalous dispersion (f′, f″) is
 * not included: at λ = 0.207 Å it is < 1 electron for the elements here, and pymatgen's XRDCalculator ignores
 * it as well.
 */
import { PYMATGEN_SCATTERING } from './pymatgenScattering';
import { WAASMAIER_KIRFEL } from './waasmaierKirfel';

/**
 * Form-factor parameterisation:
 * - 'waasmaier-kirfel' (default): Waasmaier & Kirfel (1995) 5 Gaussians + c, neutral atoms and ions.
 * - 'pymatgen': pymatgen XRDCalculator's f = Z − 41.78214·s²·Σ aᵢexp(−bᵢs²) (Mott–Bethe from electron-scattering
 *   fits, neutral atoms only). Use it only to reproduce pymatgen-simulated patterns; it differs from WK by up to
 *   ~4 % for heavy atoms (La, Ce, Pt, Re) at s = 0.1–0.7 Å⁻¹.
 */
export type FormFactorModel = 'waasmaier-kirfel' | 'pymatgen';

export interface SpeciesSymbol {
  /** Element symbol, capitalised: 'Fe'. */
  element: string;
  /** Formal charge: +3 for 'Fe3+', −2 for 'O2-', 0 for a neutral atom. */
  charge: number;
}

/**
 * Read a species symbol as it appears in CIF _atom_site_type_symbol or a phase definition:
 * 'Fe', 'Fe3+', 'Fe+3', 'O2-', 'O-2', 'FE', 'Fe1' (trailing digits without sign are a label index, ignored).
 */
export function parseSpecies(symbol: string): SpeciesSymbol {
  const m = /^\s*([A-Za-z]{1,2})(\d*)([+-]?)(\d*)\s*$/.exec(symbol);
  if (!m) throw new Error(`'${symbol}' is not an element or ion symbol`);
  let el = m[1].charAt(0).toUpperCase() + m[1].slice(1).toLowerCase();
  if (el === 'D' || el === 'T') el = 'H';
  let charge = 0;
  if (m[3]) {
    const mag = m[2] !== '' ? Number(m[2]) : m[4] !== '' ? Number(m[4]) : 1;
    charge = m[3] === '-' ? -mag : mag;
  }
  return { element: el, charge };
}

/** The WK table key used for a symbol: the ion when tabulated, else the neutral atom. Throws for an unknown element. */
export function formFactorKey(symbol: string): string {
  const { element, charge } = parseSpecies(symbol);
  if (charge !== 0) {
    const ion = `${element}${Math.abs(charge)}${charge > 0 ? '+' : '-'}`;
    if (WAASMAIER_KIRFEL[ion]) return ion;
  }
  if (!WAASMAIER_KIRFEL[element]) throw new Error(`no X-ray form factor for '${symbol}' (element '${element}')`);
  return element;
}

/** Waasmaier–Kirfel coefficients [Z, a1…a5, c, b1…b5] for a symbol (ion if tabulated, else neutral atom). */
export function formFactorCoefficients(symbol: string): readonly number[] {
  return WAASMAIER_KIRFEL[formFactorKey(symbol)];
}

/** Atomic number of an element or ion symbol. */
export function atomicNumber(symbol: string): number {
  return WAASMAIER_KIRFEL[parseSpecies(symbol).element]?.[0] ?? NaN;
}

/**
 * Coefficients in one flat layout for both models, evaluated by formFactorFromCoefficients:
 * WK: [Z, a1…a5, c, b1…b5]; pymatgen: [Z, −1, a1, b1, a2, b2, …] (the −1 marks the Mott–Bethe form).
 */
export function modelCoefficients(symbol: string, model: FormFactorModel = 'waasmaier-kirfel'): readonly number[] {
  if (model === 'waasmaier-kirfel') return formFactorCoefficients(symbol);
  const { element } = parseSpecies(symbol);
  const pairs = PYMATGEN_SCATTERING[element];
  const z = WAASMAIER_KIRFEL[element]?.[0];
  if (!pairs || z === undefined) throw new Error(`no pymatgen scattering parameters for '${symbol}'`);
  const out = [z, -1];
  for (const [a, b] of pairs) out.push(a, b);
  return out;
}

/** f0 from coefficients (see modelCoefficients) at s² (Å⁻²). */
export function formFactorFromCoefficients(c: readonly number[], s2: number): number {
  if (c[1] === -1 && c.length % 2 === 0) {
    // pymatgen / Mott–Bethe: Z − 41.78214·s²·Σ a exp(−b s²)
    let sum = 0;
    for (let i = 2; i < c.length; i += 2) sum += c[i] * Math.exp(-c[i + 1] * s2);
    return c[0] - 41.78214 * s2 * sum;
  }
  return c[6] + c[1] * Math.exp(-c[7] * s2) + c[2] * Math.exp(-c[8] * s2) + c[3] * Math.exp(-c[9] * s2) + c[4] * Math.exp(-c[10] * s2) + c[5] * Math.exp(-c[11] * s2);
}

/**
 * X-ray form factor f0 (electrons) of an element or ion at s = sinθ/λ (Å⁻¹). f0(0) ≈ Z − charge.
 * Ions not in the WK table fall back to the neutral atom.
 */
export function formFactor(element: string, sinThetaOverLambdaInvA: number, model: FormFactorModel = 'waasmaier-kirfel'): number {
  const s = sinThetaOverLambdaInvA;
  return formFactorFromCoefficients(modelCoefficients(element, model), s * s);
}
