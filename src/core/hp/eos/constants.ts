/**
 * Physical constants (CODATA 2018 exact or recommended values) and unit conversions used by the equations of
 * state. Volumes in the EOS code are Å³ per unit cell; thermal energies are J per mole of formula units.
 */

/** Avogadro constant, mol⁻¹ (exact, SI 2019). */
export const AVOGADRO = 6.02214076e23;
/** Molar gas constant R = N_A·k_B, J mol⁻¹ K⁻¹ (exact). */
export const GAS_CONSTANT = 8.314462618;
/** Reduced Planck constant ħ, J s (exact). */
export const HBAR = 1.054571817e-34;
/** Electron mass, kg (CODATA 2018). */
export const ELECTRON_MASS = 9.1093837015e-31;
/** h·c in keV·Å (CODATA 2018: 12.398 419 843 320 026 keV·Å): E = hc/λ. */
export const HC_KEV_A = 12.398419843320026;

/** Molar volume (m³ per mole of formula units) of a unit cell of volumeA3 holding z formula units. */
export function molarVolumeM3(volumeA3: number, z: number): number {
  return (volumeA3 * 1e-30 * AVOGADRO) / z;
}

/** Unit-cell volume (Å³) from a molar volume in cm³/mol (the unit many papers quote) and z formula units per cell. */
export function cellVolumeFromMolarCm3(molarVolumeCm3: number, z: number): number {
  return (molarVolumeCm3 * 1e-6 * z) / AVOGADRO / 1e-30;
}

/**
 * Holzapfel's Fermi-gas constant a_FG = (3π²)^(2/3)·ħ²/(5 mₑ) in GPa·Å⁵ (≈ 2337 GPa·Å⁵ = 0.02337 GPa·nm⁵;
 * Holzapfel, Rep. Prog. Phys. 59 (1996) 29): P_FG0 = a_FG·(Z/V₀)^(5/3) with Z electrons in an atomic volume V₀ (Å³).
 */
export const A_FG_GPA_A5 = (Math.pow(3 * Math.PI * Math.PI, 2 / 3) * HBAR * HBAR) / (5 * ELECTRON_MASS) * 1e50 * 1e-9;
