/** Physical constants and defaults of the kinetics (docs/kinetics.md). */

/** Molar gas constant, J mol⁻¹ K⁻¹ (CODATA 2018; exact in the 2019 SI). */
export const R_J_PER_MOL_K = 8.314462618;

export const KELVIN_OFFSET = 273.15;

export const KINETICS_DEFAULTS = {
  alphaMin: 0.1,
  alphaMax: 0.9,
  alphaStep: 0.05,
  /** Savitzky–Golay window of dα/dt as a fraction of each run's α 0.05 → 0.95 duration (shape-invariant across runs). */
  derivativeWindowFraction: 1 / 25,
  avramiWindow: [0.15, 0.85] as [number, number],
  /** A run whose temperature spans less than this over the α range is isothermal. */
  isothermalSpanK: 5,
  /** E(α) varying by more than this fraction of its mean flags multi-step kinetics (ICTAC 2011, §2.3). */
  multiStepFraction: 0.2,
  /** Runs within this of the prediction temperature count as measured there (speed-up comparison). */
  measuredWithinK: 2,
} as const;
