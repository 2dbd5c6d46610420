/**
 * Unit-cell volume from lattice parameters with propagated standard uncertainties.
 *   cubic       V = a³,            σ_V = 3a²·σ_a
 *   hexagonal   V = (√3/2)·a²·c,   σ_V² = (∂V/∂a·σ_a)² + (∂V/∂c·σ_c)² + 2·∂V/∂a·∂V/∂c·cov(a, c)
 *               with ∂V/∂a = √3·a·c and ∂V/∂c = (√3/2)·a² (first-order propagation; cov 0 when not known)
 */

export interface CellInput {
  aA: number;
  /** Hexagonal cells only. */
  cA?: number;
  sigmaAA?: number;
  sigmaCA?: number;
  /** cov(a, c) in Å² from the refinement's covariance matrix, when known (default 0: uncorrelated). */
  covarianceACA2?: number;
}

export interface CellVolume {
  volumeA3: number;
  sigmaVolumeA3: number;
}

const SQRT3 = Math.sqrt(3);

export function cubicVolume(aA: number, sigmaAA = 0): CellVolume {
  return { volumeA3: aA * aA * aA, sigmaVolumeA3: 3 * aA * aA * Math.abs(sigmaAA) };
}

/** ∂V/∂a and ∂V/∂c of a hexagonal cell (Å²). */
export function hexagonalVolumeDerivatives(aA: number, cA: number): { dVdaA2: number; dVdcA2: number } {
  return { dVdaA2: SQRT3 * aA * cA, dVdcA2: (SQRT3 / 2) * aA * aA };
}

export function hexagonalVolume(aA: number, cA: number, sigmaAA = 0, sigmaCA = 0, covarianceACA2 = 0): CellVolume {
  const { dVdaA2, dVdcA2 } = hexagonalVolumeDerivatives(aA, cA);
  const variance = (dVdaA2 * sigmaAA) ** 2 + (dVdcA2 * sigmaCA) ** 2 + 2 * dVdaA2 * dVdcA2 * covarianceACA2;
  return { volumeA3: (SQRT3 / 2) * aA * aA * cA, sigmaVolumeA3: Math.sqrt(Math.max(0, variance)) };
}

/** Lattice parameter(s) of a cell of volume V: cubic a = V^(1/3); hexagonal with a fixed c/a. */
export function cubicAFromVolume(volumeA3: number): number {
  return Math.cbrt(volumeA3);
}

export function hexagonalAFromVolume(volumeA3: number, cOverA: number): number {
  return Math.cbrt((2 * volumeA3) / (SQRT3 * cOverA));
}
