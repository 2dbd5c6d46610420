/**
 * Structure models that reproduce how the project's SIMULATED in situ SXRD studies were made
 * (/work/shared/fixtures/simulated/sxrd-*: "pymatgen XRDCalculator reflections, pseudo-Voigt η = 0.4").
 * They are NOT literature structures and are not part of phaseLibrary: use them only to validate peak fitting and
 * refinement against those simulated files (with formFactors 'pymatgen', debyeWaller false, 'unpolarised' LP).
 *
 * Finding (see docs/crystallography.md): the simulated "Fe3O4" was built with pymatgen's
 * Structure.from_spacegroup('Fd-3m', …) — pymatgen's default Fd-3m is ORIGIN CHOICE 1 — but with the
 * origin-choice-2 coordinates Fe (1/8,1/8,1/8), Fe (1/2,1/2,1/2), O (0.2549,0.2549,0.2549). That places Fe on 16c
 * and 8b instead of 8a and 16d: 220 becomes the strongest reflection and 400 vanishes, unlike real magnetite (311
 * strongest). Its peak-height ratios match this model (simulation.test.ts), not the real structure.
 */
import { getPhase } from './library';
import { shiftOrigin } from './symmetry';
import type { PhaseDef } from './types';

/** Fd-3m origin choice 1 operators (origin-2 operators re-expressed with x₁ = x₂ + 1/8; inversion centre at 1/8,1/8,1/8 as in ITA Vol. A). */
export function fd3mOrigin1Symops(): string[] {
  return shiftOrigin(getPhase('magnetite').symops, [-1 / 8, -1 / 8, -1 / 8]);
}

/** The "Fe3O4" of the simulated studies: origin-2 coordinates placed in origin-1 Fd-3m, B = 0. */
export function simulatedStudyFe3O4(aA: number): PhaseDef {
  const m = getPhase('magnetite');
  return {
    ...m,
    id: 'sim-Fe3O4',
    name: 'Fe3O4 as in the simulated studies (wrong-origin artefact)',
    spaceGroup: { symbol: 'Fd-3m', number: 227, setting: 'origin choice 1 (with origin-2 coordinates)' },
    lattice: { aA, bA: aA, cA: aA, alphaDeg: 90, betaDeg: 90, gammaDeg: 90 },
    atoms: m.atoms.map((a) => ({ ...a, bIsoA2: 0 })),
    symops: fd3mOrigin1Symops(),
    citation: 'Reproduces the project simulation (pymatgen from_spacegroup("Fd-3m") with origin-2 coordinates); not a real structure.',
    notes: 'Validation of the simulated SXRD studies only. Real magnetite: getPhase("magnetite").',
  };
}

/** Rock-salt FeO / NiO, fcc and bcc as the simulation most likely built them: full occupancy, B = 0. */
export function simulatedStudyPhase(kind: 'FeO' | 'NiO' | 'bcc_Fe', aA: number): PhaseDef {
  const base = getPhase(kind === 'FeO' ? 'wustite' : kind === 'NiO' ? 'NiO' : 'bcc-Fe');
  return {
    ...base,
    id: `sim-${kind}`,
    name: `${kind} as in the simulated studies`,
    formula: kind === 'FeO' ? 'FeO' : base.formula,
    lattice: { aA, bA: aA, cA: aA, alphaDeg: 90, betaDeg: 90, gammaDeg: 90 },
    atoms: base.atoms.map((a) => ({ ...a, occupancy: 1, bIsoA2: 0 })),
    citation: 'Simulation model (pymatgen XRDCalculator, no Debye–Waller).',
    notes: 'Validation of the simulated SXRD studies only.',
  };
}
