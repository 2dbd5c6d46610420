/**
 * Unit-cell volume from lattice parameters with propagated standard uncertainties.
 *   cubic       V = a³,            σ_V = 3a²·σ_a
 *   hexagonal   V = (√3/2)·a²·c,   σ_V² = (√3·a·c·σ_a)² + ((√3/2)·a²·σ_c)²   (a and c uncorrelated)
 */

export interface CellInput {
  aA: number;
  /** Hexagonal cells only. */
  cA?: number;
  sigmaAA?: number;
  sigmaCA?: number;
}

export interface CellVolume {
  volumeA3: number;
  sigmaVolumeA3: number;
}

const SQRT3 = Math.sqrt(3);

export function cubicVolume(aA: number, sigmaAA = 0): CellVolume {
  return { volumeA3: aA * aA * aA, sigmaVolumeA3: 3 * aA * aA * Math.abs(sigmaAA) };
}

export function hexagonalVolume(aA: number, cA: number, sigmaAA = 0, sigmaCA = 0): CellVolume {
  const dVda = SQRT3 * aA * cA;
  const dVdc = (SQRT3 / 2) * aA * aA;
  return { volumeA3: (SQRT3 / 2) * aA * aA * cA, sigmaVolumeA3: Math.hypot(dVda * sigmaAA, dVdc * sigmaCA) };
}

/** Lattice parameter(s) of a cell of volume V: cubic a = V^(1/3); hexagonal with a fixed c/a. */
export function cubicAFromVolume(volumeA3: number): number {
  return Math.cbrt(volumeA3);
}

export function hexagonalAFromVolume(volumeA3: number, cOverA: number): number {
  return Math.cbrt((2 * volumeA3) / (SQRT3 * cOverA));
}
