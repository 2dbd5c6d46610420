/**
 * CIF files of the simulated SXRD study's own spinel and wüstite. The simulation built Fe3O4 with origin-choice-1
 * operators on origin-2 coordinates and a stoichiometric FeO without Debye–Waller factors (see
 * src/core/xrd/rietveld/testkit.ts), so the library phases do not fit it; a user hands such structures to the app
 * as CIF files, and the tests do the same (test/cli-xrd.test.ts does it for the command line).
 */
import type { PhaseDef } from '../../../src/core/xrd/crystal/types';
import { simulatedStudyPhaseDefs } from '../../../src/core/xrd/rietveld/testkit';

/** A CIF 1.1 text of a phase: cell, space group, every operator, sites with B_iso. */
export function toCif(p: PhaseDef, block: string): string {
  const l = p.lattice;
  return [
    `data_${block}`,
    `_chemical_formula_sum '${p.formula}'`,
    `_cell_length_a ${l.aA}`,
    `_cell_length_b ${l.bA}`,
    `_cell_length_c ${l.cA}`,
    `_cell_angle_alpha ${l.alphaDeg}`,
    `_cell_angle_beta ${l.betaDeg}`,
    `_cell_angle_gamma ${l.gammaDeg}`,
    `_symmetry_space_group_name_H-M '${p.spaceGroup.symbol}'`,
    `_space_group_IT_number ${p.spaceGroup.number}`,
    'loop_',
    '_space_group_symop_operation_xyz',
    ...p.symops.map((s) => `'${s}'`),
    'loop_',
    '_atom_site_label',
    '_atom_site_type_symbol',
    '_atom_site_fract_x',
    '_atom_site_fract_y',
    '_atom_site_fract_z',
    '_atom_site_occupancy',
    '_atom_site_B_iso_or_equiv',
    ...p.atoms.map((a) => `${a.label} ${a.element} ${a.x} ${a.y} ${a.z} ${a.occupancy} ${a.bIsoA2}`),
    '',
  ].join('\n');
}

/** spinel.cif (phase id cif-fe3o4-sim) and feo.cif (cif-feo). */
export function simulatedStudyCifs(): { name: string; text: string; id: string }[] {
  const [spinel, feo] = simulatedStudyPhaseDefs(['Fe3O4', 'FeO']);
  return [
    { name: 'spinel.cif', text: toCif(spinel, 'Fe3O4-sim'), id: 'cif-fe3o4-sim' },
    { name: 'feo.cif', text: toCif(feo, 'FeO'), id: 'cif-feo' },
  ];
}
