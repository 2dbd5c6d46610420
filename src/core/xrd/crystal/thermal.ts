/**
 * Structures at the temperature of an in situ run: cells expanded with a mean linear thermal-expansion coefficient
 * and isotropic displacement factors B scaled with the Debye model.
 *
 * Debye model of the Debye–Waller factor (Debye 1914, Waller 1923; as in Willis & Pryor, Thermal Vibrations in
 * Crystallography, 1975, eq. 6.29; International Tables Vol. C §7.5):
 *   B(T) = 6h²T / (m k_B Θ²) · [φ(x) + x/4],   x = Θ/T,   φ(x) = (1/x) ∫₀ˣ t/(eᵗ − 1) dt,
 * m the atom's mass, Θ its (X-ray) Debye temperature. A library B at room temperature fixes Θ for each atom; B at
 * the run temperature follows. Cells: a(T) = a(T₀)·(1 + ᾱ·(T − T₀)), ᾱ the mean linear coefficient over T₀…T.
 */
import { atomicMassGPerMol } from '../../chem/formula';
import { parseSpecies } from './formFactors';
import type { Lattice, PhaseDef, VegardLaw } from './types';

/** Room temperature of the library's cells and B values (°C). */
export const ROOM_TEMPERATURE_C = 25;
const KELVIN = 273.15;
/** 6h²/(m_u·k_B) in Å²·K (CODATA 2018 h, m_u, k_B). */
const SIX_H2_OVER_MU_KB = (6 * 6.62607015e-34 ** 2) / (1.6605390666e-27 * 1.380649e-23) * 1e20;

/** The Debye function φ(x) = (1/x)∫₀ˣ t/(eᵗ − 1) dt (Simpson's rule; φ → 1 − x/4 + x²/36 for small x). */
export function debyeFunction(x: number): number {
  if (!(x > 0)) return 1;
  if (x < 1e-3) return 1 - x / 4 + (x * x) / 36;
  const n = 200;
  const h = x / n;
  const f = (t: number): number => (t === 0 ? 1 : t / Math.expm1(t));
  let s = f(0) + f(x);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(i * h);
  return (s * h) / 3 / x;
}

/** B (Å²) of an atom of mass massAmu at temperature tK for a Debye temperature thetaK. */
export function debyeB(massAmu: number, thetaK: number, tK: number): number {
  const x = thetaK / tK;
  return ((SIX_H2_OVER_MU_KB * tK) / (massAmu * thetaK * thetaK)) * (debyeFunction(x) + x / 4);
}

/** The Debye temperature (K) that gives B (Å²) at tK for an atom of mass massAmu (B falls as Θ rises: bisection). */
export function debyeTemperatureFromB(bA2: number, massAmu: number, tK: number): number {
  if (!(bA2 > 0)) return NaN;
  let lo = 1;
  let hi = 1e5;
  for (let i = 0; i < 200; i++) {
    const mid = Math.sqrt(lo * hi);
    if (debyeB(massAmu, mid, tK) > bA2) lo = mid;
    else hi = mid;
  }
  return Math.sqrt(lo * hi);
}

/** B at temperatureC from a B measured (or estimated) at referenceC, for an element, by the Debye model. */
export function bAtTemperature(bRefA2: number, element: string, temperatureC: number, referenceC = ROOM_TEMPERATURE_C): number {
  if (!(bRefA2 > 0) || temperatureC === referenceC) return bRefA2;
  const mass = atomicMassGPerMol(parseSpecies(element).element);
  const theta = debyeTemperatureFromB(bRefA2, mass, referenceC + KELVIN);
  return debyeB(mass, theta, temperatureC + KELVIN);
}

/** Linear expansion factor 1 + ᾱ(T − T₀). */
export function expansionFactor(alphaPerK: number, temperatureC: number, referenceC = ROOM_TEMPERATURE_C): number {
  return 1 + alphaPerK * (temperatureC - referenceC);
}

/** A cell with every edge expanded by the same factor (isotropic ᾱ; angles unchanged). */
export function expandedLattice(l: Lattice, factor: number): Lattice {
  return { ...l, aA: l.aA * factor, bA: l.bA * factor, cA: l.cA * factor };
}

/**
 * A Vegard law's end members at temperatureC (both ends expanded with the law's ᾱ from the temperature the law is
 * for), or the law itself when it has no ᾱ.
 */
export function vegardAtTemperature(law: VegardLaw, temperatureC: number): VegardLaw {
  const alpha = law.thermalExpansion?.alphaPerK;
  const from = law.temperatureC ?? ROOM_TEMPERATURE_C;
  if (alpha === undefined || temperatureC === from) return law;
  const f = expansionFactor(alpha, temperatureC) / expansionFactor(alpha, from);
  return {
    ...law,
    endMembers: { aAtZeroA: law.endMembers.aAtZeroA * f, aAtOneA: law.endMembers.aAtOneA * f },
    temperatureC,
  };
}

/**
 * The phase at temperatureC: cell × (1 + ᾱ(T − 25 °C)) with the phase's own ᾱ (unchanged when it has none), every
 * atom's B from its room-temperature value by the Debye model, a Vegard law's end members expanded with the law's
 * ᾱ. Phases from CIF files are taken as they are (their cell and B are for the temperature the file states).
 */
export function phaseAtTemperature(def: PhaseDef, temperatureC: number): PhaseDef {
  if (def.source === 'cif' || temperatureC === ROOM_TEMPERATURE_C) return def;
  const alpha = def.thermalExpansion?.alphaPerK;
  const lattice = alpha !== undefined ? expandedLattice(def.lattice, expansionFactor(alpha, temperatureC)) : def.lattice;
  const atoms = def.atoms.map((a) => ({ ...a, bIsoA2: bAtTemperature(a.bIsoA2, a.element, temperatureC) }));
  const vegard = def.vegard ? vegardAtTemperature(def.vegard, temperatureC) : undefined;
  return { ...def, lattice, atoms, ...(vegard ? { vegard } : {}), temperatureC };
}

/**
 * The systematic standard uncertainty that a Vegard law's end members add to x (the statistical σ from the cell
 * comes on top). x = (a − a₀)/(a₁ − a₀) with a₀, a₁ at the law's temperature T = the room-temperature ends × (1 +
 * ᾱ(T − 25 °C)): ∂x/∂a₀ = (x − 1)/Δ, ∂x/∂a₁ = −x/Δ (Δ = a₁ − a₀); the ends' own σ are independent, the ᾱ error moves
 * both ends together (one ᾱ for the line). Zero when the law states no uncertainties.
 */
export function vegardSystematicSigma(law: VegardLaw, x: number): number {
  const { aAtZeroA: a0, aAtOneA: a1 } = law.endMembers;
  const span = a1 - a0;
  if (!(Math.abs(span) > 0) || !Number.isFinite(x)) return NaN;
  const s = law.endMemberSigmaA;
  const t = law.temperatureC ?? ROOM_TEMPERATURE_C;
  const alpha = law.thermalExpansion?.alphaPerK ?? 0;
  const f = expansionFactor(alpha, t);
  const s0 = (s?.aAtZeroA ?? 0) * f;
  const s1 = (s?.aAtOneA ?? 0) * f;
  // δa_end = a_end(RT)·(T − 25 °C)·δᾱ, the same δᾱ for both ends
  const dT = t - ROOM_TEMPERATURE_C;
  const sAlpha = law.thermalExpansion?.sigmaPerK ?? 0;
  const common = (((x - 1) * (a0 / f) - x * (a1 / f)) * dT * sAlpha) / span;
  return Math.sqrt(((x - 1) * s0 / span) ** 2 + ((x * s1) / span) ** 2 + common * common);
}
