/**
 * Cell contents and mass: Σ occupancy·atomic mass over the expanded unit cell = Z·M (amu per cell), the
 * quantity Hill & Howard (J. Appl. Cryst. 20 (1987) 467) need for weight fractions W_p ∝ S_p·(ZMV)_p.
 */
import { atomicMassGPerMol } from '../../chem/formula';
import { parseSpecies } from './formFactors';
import { cellVolumeA3 } from './lattice';
import { expandSites } from './symmetry';
import type { PhaseDef } from './types';

/** Σ occupancy·atomic mass (u) over the full unit cell = Z·M. */
export function cellMassAmu(phase: Pick<PhaseDef, 'atoms' | 'symops'>): number {
  let m = 0;
  for (const a of expandSites(phase)) m += a.occupancy * atomicMassGPerMol(parseSpecies(a.element).element);
  return m;
}

/** Element → Σ occupancy over the cell (atoms per cell). */
export function cellComposition(phase: Pick<PhaseDef, 'atoms' | 'symops'>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of expandSites(phase)) {
    const el = parseSpecies(a.element).element;
    out[el] = (out[el] ?? 0) + a.occupancy;
  }
  return out;
}

const AMU_G = 1.66053906660e-24;

/** X-ray density (g/cm³) = Z·M·u / V. */
export function xrayDensityGPerCm3(phase: PhaseDef): number {
  return (cellMassAmu(phase) * AMU_G) / (cellVolumeA3(phase.lattice) * 1e-24);
}
