import { describe, expect, it } from 'vitest';
import { missingShared, readSharedText } from '../../../../test/fixtures/shared-fixtures';
import { cellMassAmu, cellVolumeA3, cifNumber, expandSites, generateReflections, getPhase, parseCif, structureFactorSquared } from './index';

/** A CIF of ../shared/fixtures/xrd, read in place. */
const read = (p: string) => readSharedText(`xrd/${p}`);
const EIGHT_PI2 = 8 * Math.PI * Math.PI;

describe('cifNumber', () => {
  it('drops standard uncertainties and treats ? and . as absent', () => {
    expect(cifNumber('5.0356(1)')).toBe(5.0356);
    expect(cifNumber('-0.25')).toBe(-0.25);
    expect(cifNumber('1.2e-3')).toBe(0.0012);
    expect(cifNumber('3.59300(10)')).toBe(3.593);
    expect(cifNumber('?')).toBeNaN();
    expect(cifNumber('.')).toBeNaN();
    expect(cifNumber('abc')).toBeNaN();
  });
});

describe('parseCif on real files', () => {
  it.skipIf(missingShared('xrd/reference-cifs'))('Hematite.cif (COD 9015065, Finger & Hazen 1980, 15.4 kbar)', () => {
    const p = parseCif(read('reference-cifs/Hematite.cif'), 'Hematite.cif');
    expect(p.lattice).toEqual({ aA: 5.0249, bA: 5.0249, cA: 13.7163, alphaDeg: 90, betaDeg: 90, gammaDeg: 120 });
    expect(p.symops).toHaveLength(36);
    expect(p.spaceGroup).toEqual({ symbol: 'R-3c:H', number: 167 });
    expect(p.name).toBe('Hematite');
    expect(p.formula).toBe('Fe2O3');
    expect(p.atoms).toHaveLength(2);
    expect(p.atoms[0]).toMatchObject({ label: 'Fe', element: 'Fe', x: 0, y: 0, z: 0.35539, occupancy: 1 });
    expect(p.atoms[0].bIsoA2).toBeCloseTo(EIGHT_PI2 * 0.00469, 10);
    expect(p.atoms[1]).toMatchObject({ label: 'O', element: 'O', x: 0.3065, y: 0, z: 0.25 });
    expect(p.citation).toContain('Finger, L. W.');
    expect(p.citation).toContain('10.1063/1.327451');
    expect(p.citation).toContain('COD 9015065');
    expect(cellVolumeA3(p.lattice)).toBeCloseTo(299.932, 2); // _cell_volume in the file
    expect(expandSites(p)).toHaveLength(30);
    expect(cellMassAmu(p)).toBeCloseTo(6 * 159.687, 1); // Z = 6
    // same structure type as our hematite: the same reflections, 104 strongest
    const refl = generateReflections(p, { wavelengthA: 1.5406, twoThetaMaxDeg: 40 });
    expect(refl.map((r) => `${r.h}${r.k}${r.l}`)).toEqual(generateReflections(getPhase('hematite'), { wavelengthA: 1.5406, twoThetaMaxDeg: 40 }).map((r) => `${r.h}${r.k}${r.l}`));
    expect(refl.reduce((a, b) => (b.intensity > a.intensity ? b : a))).toMatchObject({ h: 1, k: 0, l: 4 });
  });

  it.skipIf(missingShared('xrd/nist-austenite-ferrite'))('NIST AusteniteCalculator CIFs: ferrite and austenite, esd brackets, U_iso, mixed occupancies', () => {
    const aus = parseCif(read('nist-austenite-ferrite/austenite-SRM487.cif'), 'austenite-SRM487.cif');
    expect(aus.lattice.aA).toBe(3.593);
    expect(aus.symops).toHaveLength(192);
    expect(aus.atoms.map((a) => a.element)).toEqual(['Fe', 'Cr', 'Ni', 'Si', 'C', 'Mn']);
    expect(aus.atoms.reduce((s, a) => s + a.occupancy, 0)).toBeCloseTo(1, 10);
    expect(aus.atoms[0].bIsoA2).toBeCloseTo(EIGHT_PI2 * 0.007, 10);
    expect(aus.name).toBe('austenite-SRM487');
    expect(expandSites(aus)).toHaveLength(24); // 6 species × 4 positions
    expect(structureFactorSquared(aus, 2, 0, 0)).toBeGreaterThan(0);
    expect(structureFactorSquared(aus, 1, 0, 0)).toBeCloseTo(0, 9);

    const fe = parseCif(read('nist-austenite-ferrite/austenite-FeOnly.cif'), 'austenite-FeOnly.cif');
    const lib = getPhase('austenite');
    expect(fe.lattice.aA).toBe(lib.lattice.aA);
    expect(structureFactorSquared(fe, 1, 1, 1)).toBeCloseTo(structureFactorSquared(lib, 1, 1, 1), 6);

    const fer = parseCif(read('nist-austenite-ferrite/ferrite-SRM487.cif'), 'ferrite-SRM487.cif');
    expect(fer.lattice.aA).toBe(2.87219);
    expect(fer.symops).toHaveLength(96);
    expect(expandSites(fer)).toHaveLength(12);
    const pure = parseCif(read('nist-austenite-ferrite/ferrite-PureFe.cif'), 'ferrite-PureFe.cif');
    expect(pure.lattice.aA).toBe(2.89217);
    expect(pure.atoms).toHaveLength(1);
    expect(cellMassAmu(pure)).toBeCloseTo(2 * 55.845, 2);
  });
});

describe('parseCif on constructed text', () => {
  const rutile = `# rutile, written in the older CIF style
data_rutile_test
_chemical_name_mineral Rutile
_chemical_formula_sum 'Ti O2'
_cell_length_a 4.5937(3)
_cell_length_b 4.5937(3)
_cell_length_c 2.9587(2)
_cell_angle_alpha 90
_cell_angle_beta 90.0
_cell_angle_gamma 90
_symmetry_space_group_name_H-M 'P 42/m n m'
_symmetry_Int_Tables_number 136
loop_
_symmetry_equiv_pos_as_xyz
'x, y, z'
'-x, -y, z'
'-y+1/2, x+1/2, z+1/2'
'y+1/2, -x+1/2, z+1/2'
'-x+1/2, y+1/2, -z+1/2'
'x+1/2, -y+1/2, -z+1/2'
'y, x, -z'
'-y, -x, -z'
'-x, -y, -z'
'x, y, -z'
'y+1/2, -x+1/2, -z+1/2'
'-y+1/2, x+1/2, -z+1/2'
'x+1/2, -y+1/2, z+1/2'
'-x+1/2, y+1/2, z+1/2'
'-y, -x, z'
'y, x, z'
loop_
_atom_site_label
_atom_site_type_symbol
_atom_site_fract_x
_atom_site_fract_y
_atom_site_fract_z
_atom_site_B_iso_or_equiv
Ti1 Ti4+ 0 0 0 0.42
O1 O2- 0.30478(6) 0.30478(6) 0 ?
loop_
_atom_site_aniso_label
_atom_site_aniso_U_11
_atom_site_aniso_U_22
_atom_site_aniso_U_33
O1 0.0052 0.0052 0.0035
`;

  it('reads _symmetry_equiv_pos_as_xyz with spaces, ions, B_iso, and U_eq from the aniso loop', () => {
    const p = parseCif(rutile, 'rutile.cif');
    expect(p.symops).toHaveLength(16);
    expect(p.lattice.cA).toBe(2.9587);
    expect(p.spaceGroup).toEqual({ symbol: 'P42/mnm', number: 136 });
    expect(p.atoms[0]).toMatchObject({ element: 'Ti4+', bIsoA2: 0.42 });
    expect(p.atoms[1].element).toBe('O2-');
    expect(p.atoms[1].bIsoA2).toBeCloseTo((EIGHT_PI2 * (0.0052 + 0.0052 + 0.0035)) / 3, 10);
    expect(p.formula).toBe('TiO2');
    expect(p.id).toBe('cif-rutile-test');
    expect(expandSites(p)).toHaveLength(6);
    expect(cellMassAmu(p)).toBeCloseTo(2 * 79.866, 1);
  });

  it('semicolon text fields, comments and labels without type symbols', () => {
    const text = `data_x
_publ_section_title
;
 A title; with a semicolon
 over two lines
;
_cell_length_a 4.0786 # gold
_cell_length_b 4.0786
_cell_length_c 4.0786
_cell_angle_alpha 90
_cell_angle_beta 90
_cell_angle_gamma 90
loop_
_space_group_symop_operation_xyz
x,y,z
x,y+1/2,z+1/2
x+1/2,y,z+1/2
x+1/2,y+1/2,z
loop_
_atom_site_label
_atom_site_fract_x
_atom_site_fract_y
_atom_site_fract_z
_atom_site_occupancy
Au1 0 0 0 1.0
`;
    const p = parseCif(text, 'au.cif');
    expect(p.atoms[0].element).toBe('Au');
    expect(p.atoms[0].bIsoA2).toBe(0);
    expect(p.notes).toContain('no displacement parameter');
    expect(expandSites(p)).toHaveLength(4);
  });

  it('fails with the file name when required parts are missing', () => {
    expect(() => parseCif('data_a\n_cell_length_a 3\n', 'a.cif')).toThrow(/a\.cif: no data block/);
    const noOps = rutile.replace(/loop_\n_symmetry_equiv_pos_as_xyz[\s\S]*?'y, x, z'\n/, '');
    expect(() => parseCif(noOps, 'r.cif')).toThrow(/r\.cif: no symmetry operators/);
    expect(() => parseCif(rutile.replace("'-x, -y, z'", "'-x, -y, w'"), 'r.cif')).toThrow(/r\.cif: symmetry operator/);
    expect(() => parseCif(rutile.replace('Ti1 Ti4+ 0 0 0 0.42', 'Ti1 Ti4+ 0 0 0'), 'r.cif')).toThrow(/not a multiple/);
  });
});
