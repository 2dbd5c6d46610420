/**
 * Built-in phase library: structures from the literature (citation on each entry), symmetry operators generated
 * from International Tables generators (closeGroup) so that each PhaseDef carries its full general position.
 * B values: where the cited refinement gives U_iso/U_eq it is converted with B = 8π²U; where it does not, the
 * value is a representative room-temperature B and the entry's notes say so. See docs/crystallography.md.
 */
import { closeGroup } from './symmetry';
import { cubicLattice, hexagonalLattice, tetragonalLattice } from './lattice';
import type { AtomSite, Lattice, PhaseDef, ThermalExpansion, VegardLaw } from './types';

const EIGHT_PI2 = 8 * Math.PI * Math.PI;
/** B (Å²) from U (Å²). */
export const bFromU = (uA2: number): number => EIGHT_PI2 * uA2;

// Generators (International Tables Vol. A): the point-group part of m-3m, lattice centrings, and the non-cubic groups.
const M3M = ['z,x,y', '-x,-y,z', '-x,y,-z', 'y,x,-z', '-x,-y,-z'];
const F_CENTRING = ['x,y+1/2,z+1/2', 'x+1/2,y,z+1/2'];
const I_CENTRING = ['x+1/2,y+1/2,z+1/2'];

/** Full operator lists, generated once. */
export const SYMMETRY = {
  /** Fm-3m (225) */
  Fm3m: closeGroup([...M3M, ...F_CENTRING]),
  /** Im-3m (229) */
  Im3m: closeGroup([...M3M, ...I_CENTRING]),
  /** Pm-3m (221) */
  Pm3m: closeGroup(M3M),
  /** Fd-3m (227), origin choice 2 (inversion centre at the origin). */
  Fd3mOrigin2: closeGroup(['-x+3/4,-y+1/4,z+1/2', '-x+1/4,y+1/2,-z+3/4', 'z,x,y', 'y+3/4,x+1/4,-z+1/2', '-x,-y,-z', ...F_CENTRING]),
  /** R-3c (167), hexagonal axes (obverse). */
  R3cHex: closeGroup(['-y,x-y,z', 'y,x,-z+1/2', '-x,-y,-z', 'x+2/3,y+1/3,z+1/3']),
  /** P6_3/mmc (194) */
  P63mmc: closeGroup(['-y,x-y,z', '-x,-y,z+1/2', 'y,x,-z', '-x,-y,-z']),
  /** P6_322 (182) */
  P6322: closeGroup(['-y,x-y,z', '-x,-y,z+1/2', 'y,x,-z']),
  /** P4_2/mnm (136) */
  P42mnm: closeGroup(['-x,-y,z', '-y+1/2,x+1/2,z+1/2', '-x+1/2,y+1/2,-z+1/2', '-x,-y,-z']),
  /** I4_1/amd (141), origin choice 1 (origin at -4m2). */
  I41amdOrigin1: closeGroup(['-y,x+1/2,z+1/4', 'x,-y+1/2,-z+1/4', '-x,-y+1/2,-z+1/4', ...I_CENTRING]),
};

function site(label: string, element: string, x: number, y: number, z: number, occupancy: number, bIsoA2: number): AtomSite {
  return { label, element, x, y, z, occupancy, bIsoA2 };
}

function fcc(id: string, name: string, element: string, aA: number, bIsoA2: number, citation: string, notes?: string, thermal?: ThermalExpansion): PhaseDef {
  return {
    ...(thermal ? { thermalExpansion: thermal } : {}),
    id,
    name,
    formula: element,
    spaceGroup: { symbol: 'Fm-3m', number: 225 },
    lattice: cubicLattice(aA),
    atoms: [site(element, element, 0, 0, 0, 1, bIsoA2)],
    symops: SYMMETRY.Fm3m,
    citation,
    notes,
  };
}

function bcc(id: string, name: string, aA: number, bIsoA2: number, citation: string, notes?: string, thermal?: ThermalExpansion): PhaseDef {
  return {
    ...(thermal ? { thermalExpansion: thermal } : {}),
    id,
    name,
    formula: 'Fe',
    spaceGroup: { symbol: 'Im-3m', number: 229 },
    lattice: cubicLattice(aA),
    atoms: [site('Fe', 'Fe', 0, 0, 0, 1, bIsoA2)],
    symops: SYMMETRY.Im3m,
    citation,
    notes,
  };
}

function rockSalt(
  id: string, name: string, formula: string, metal: string, metalOcc: number, aA: number, bMetal: number, bO: number, citation: string, notes?: string,
  thermal?: ThermalExpansion,
): PhaseDef {
  return {
    ...(thermal ? { thermalExpansion: thermal } : {}),
    id,
    name,
    formula,
    spaceGroup: { symbol: 'Fm-3m', number: 225 },
    lattice: cubicLattice(aA),
    atoms: [site(metal, metal, 0, 0, 0, metalOcc, bMetal), site('O', 'O', 0.5, 0.5, 0.5, 1, bO)],
    symops: SYMMETRY.Fm3m,
    citation,
    notes,
  };
}

const REPRESENTATIVE_B = 'B is a representative room-temperature value, not taken from the cited refinement.';

/** Source of the mean thermal-expansion coefficients 25 → ≈700 °C of the library (only starting cells use them). */
const TPRC = 'approximate mean linear coefficient 25→700 °C from handbook data (Touloukian et al., Thermophysical Properties of Matter, Vols. 12–13, 1975–77); ±10 %: the analysis searches and refines the cell anyway';
const alpha = (perK: number, citation = TPRC): ThermalExpansion => ({ alphaPerK: perK, sigmaPerK: 0.1 * perK, citation });

/** Ni fraction (atomic) of Fe–36 wt.% Ni (Invar): (36/58.693)/(36/58.693 + 64/55.845). */
export const INVAR_X_NI = 36 / 58.6934 / (36 / 58.6934 + 64 / 55.845);
/** Room-temperature lattice parameters (Å) of fcc Ni and of Invar (Fe–36 wt.% Ni). */
const A_NI_RT = 3.5238;
const A_INVAR_RT = 3.59;

/**
 * Default fcc (Fe,Ni) Vegard law at room temperature, for the Ni-rich side of the Fe–Ni system (Ni to Invar, where
 * fcc (Fe,Ni) forms on reduction): the straight line through fcc Ni and Invar, extended to x = 0. Its x = 0 end is
 * an effective one (≈3.625 Å), not γ-Fe: the measured Fe–Ni curve rises above the line between γ-Fe (≈3.57 Å at room
 * temperature) and Ni and peaks near 40 at.% Ni (the Invar magnetovolume effect), so a line through γ-Fe would put
 * Invar below x = 0. Thermal expansion: one mean ᾱ for both ends, so x at a run temperature follows from the cell.
 * Uncertainties (for the systematic σ of x): a(Ni) ±0.0005 Å, the effective x = 0 end ±0.005 Å (the curvature of
 * the real curve between Invar and Ni), ᾱ ±2·10⁻⁶ K⁻¹ (Ni ≈ 16, austenitic Fe–Ni ≈ 18–19·10⁻⁶ K⁻¹ over 25–700 °C).
 */
export const DEFAULT_FENI_VEGARD: VegardLaw = {
  parameter: 'xNi',
  endMembers: { aAtZeroA: A_NI_RT + (A_INVAR_RT - A_NI_RT) / (1 - INVAR_X_NI), aAtOneA: A_NI_RT },
  x: 0.5,
  endMemberSigmaA: { aAtZeroA: 0.005, aAtOneA: 0.0005 },
  thermalExpansion: {
    alphaPerK: 17.5e-6,
    sigmaPerK: 2e-6,
    citation: 'representative mean linear coefficient of fcc Fe–Ni between 25 and 700 °C (Ni ≈ 16·10⁻⁶ K⁻¹, austenitic Fe–Ni ≈ 18–19·10⁻⁶ K⁻¹; Touloukian et al., Thermophysical Properties of Matter, Vol. 12, 1975)',
  },
  citation:
    'a(x=1) = 3.5238 Å: Ni, Swanson & Tatge, NBS Circular 539 Vol. I (1953); a = 3.590 Å for Invar (Fe–36 wt.% Ni, ' +
    'x = 0.349) at room temperature, the commonly quoted value (cf. the Fe–Ni lattice-parameter compilation in ' +
    'Swartzendruber, Itkin & Alcock, J. Phase Equilib. 12 (1991) 288); the line through both, extended to x = 0. ' +
    'Valid between Invar and Ni; the real curve is not linear.',
};

/** Lattice of a cubic Vegard solid solution at composition x. */
export function vegardLattice(law: VegardLaw, x: number): Lattice {
  const { aAtZeroA, aAtOneA } = law.endMembers;
  return cubicLattice(aAtZeroA + x * (aAtOneA - aAtZeroA));
}

/** Composition x for a refined cubic a under a Vegard law (may fall outside 0…1). */
export function vegardComposition(law: VegardLaw, aA: number): number {
  const { aAtZeroA, aAtOneA } = law.endMembers;
  return (aA - aAtZeroA) / (aAtOneA - aAtZeroA);
}

/** fcc Fe1−xNix: lattice from the Vegard law, Fe and Ni sharing 4a with occupancies 1−x and x. */
export function feNiPhase(xNi: number, law: VegardLaw = DEFAULT_FENI_VEGARD): PhaseDef {
  if (!(xNi >= 0 && xNi <= 1)) throw new Error(`xNi must lie in 0…1, got ${xNi}`);
  const l: VegardLaw = { ...law, endMembers: { ...law.endMembers }, x: xNi };
  return {
    id: 'fcc-FeNi',
    name: `fcc Fe${(1 - xNi).toFixed(2)}Ni${xNi.toFixed(2)} (taenite/γ-(Fe,Ni))`,
    formula: xNi === 1 ? 'Ni' : xNi === 0 ? 'Fe' : `Fe${(1 - xNi).toFixed(3)}Ni${xNi.toFixed(3)}`,
    spaceGroup: { symbol: 'Fm-3m', number: 225 },
    lattice: vegardLattice(l, xNi),
    atoms: [site('Fe', 'Fe', 0, 0, 0, 1 - xNi, 0.4), site('Ni', 'Ni', 0, 0, 0, xNi, 0.4)],
    symops: SYMMETRY.Fm3m,
    citation: l.citation,
    vegard: l,
    ...(l.thermalExpansion ? { thermalExpansion: l.thermalExpansion } : {}),
    ...(l.temperatureC !== undefined ? { temperatureC: l.temperatureC } : {}),
    notes: `Vegard composition parameter xNi (default ${law.x}); end members editable through feNiPhase(x, law). ${REPRESENTATIVE_B}`,
  };
}

/**
 * A Vegard solid solution at composition x on its own law (end members and temperature kept): the cell from the law,
 * the Fe and Ni occupancies of the shared site set to 1 − x and x; every other field (B values included) kept.
 */
export function withVegardComposition(def: PhaseDef, x: number): PhaseDef {
  if (!def.vegard) return def;
  const xc = Math.min(1, Math.max(0, x));
  const law: VegardLaw = { ...def.vegard, x: xc };
  const atoms = def.atoms.map((a) => {
    const el = a.element.replace(/[^A-Za-z].*$/, '');
    return el === 'Ni' ? { ...a, occupancy: xc } : el === 'Fe' ? { ...a, occupancy: 1 - xc } : a;
  });
  const formula = xc === 1 ? 'Ni' : xc === 0 ? 'Fe' : `Fe${(1 - xc).toFixed(3)}Ni${xc.toFixed(3)}`;
  return { ...def, lattice: vegardLattice(law, xc), vegard: law, atoms, formula };
}

export const phaseLibrary: PhaseDef[] = [
  {
    id: 'hematite',
    name: 'Hematite α-Fe2O3',
    formula: 'Fe2O3',
    spaceGroup: { symbol: 'R-3c', number: 167, setting: 'hexagonal axes' },
    lattice: hexagonalLattice(5.038, 13.772),
    atoms: [site('Fe', 'Fe', 0, 0, 0.3553, 1, bFromU(0.00469)), site('O', 'O', 0.3059, 0, 0.25, 1, bFromU(0.00608))],
    symops: SYMMETRY.R3cHex,
    citation:
      'Blake, Hessevick, Zoltai & Finger, Am. Mineral. 51 (1966) 123–129 (cell, Fe z, O x); U_iso from Finger & Hazen, ' +
      'J. Appl. Phys. 51 (1980) 5362, doi:10.1063/1.327451 (COD 9015065, AMCSD 0017732).',
    notes: 'Z = 6. The U values of Finger & Hazen are for their 15.4 kbar refinement. Thermal expansion: one mean coefficient for a and c.',
    thermalExpansion: alpha(9.5e-6),
  },
  {
    id: 'magnetite',
    name: 'Magnetite Fe3O4',
    formula: 'Fe3O4',
    spaceGroup: { symbol: 'Fd-3m', number: 227, setting: 'origin choice 2' },
    lattice: cubicLattice(8.3965),
    atoms: [
      site('Fe_tet', 'Fe', 0.125, 0.125, 0.125, 1, 0.45),
      site('Fe_oct', 'Fe', 0.5, 0.5, 0.5, 1, 0.45),
      site('O', 'O', 0.2549, 0.2549, 0.2549, 1, 0.6),
    ],
    symops: SYMMETRY.Fd3mOrigin2,
    citation: 'Haavik, Stølen, Fjellvåg, Hanfland & Häusermann, Am. Mineral. 85 (2000) 514–523 (P = 0 entry, AMCSD 0002400).',
    notes: `Z = 8; Fe 8a (tetrahedral), Fe 16d (octahedral), O 32e (u,u,u); u = 0.2549 stays near its room-temperature value below ≈600 K and rises above (tet/oct cation exchange), which is not modelled. ${REPRESENTATIVE_B}`,
    thermalExpansion: alpha(15e-6),
  },
  rockSalt(
    'wustite',
    'Wüstite Fe1−xO (Fe0.947O)',
    'Fe0.947O',
    'Fe',
    0.947,
    4.3088,
    0.6,
    0.6,
    'Composition Fe0.947O; a from a = 3.856 + 0.478·y (Fe_yO) of McCammon & Liu, Phys. Chem. Minerals 10 (1984) 106–113; ' +
      'rock-salt model (Fe 4a, O 4b) as in Fjellvåg et al., J. Solid State Chem. 124 (1996) 52–57 (AMCSD 0013893).',
    `Fe vacancies as occupancy 0.947 on 4a; defect clusters (tetrahedral Fe³⁺) are not modelled. ${REPRESENTATIVE_B}`,
    alpha(14e-6),
  ),
  bcc('bcc-Fe', 'α-Fe (bcc iron)', 2.8664, 0.35, 'Swanson, Fuyat & Ugrinic, NBS Circular 539 Vol. IV (1955) (a = 2.8664 Å at 25 °C).', REPRESENTATIVE_B, alpha(14.5e-6)),
  fcc('fcc-Ni', 'Nickel (fcc)', 'Ni', 3.5238, 0.37, 'Swanson & Tatge, NBS Circular 539 Vol. I (1953) (a = 3.5238 Å at 26 °C).', REPRESENTATIVE_B, alpha(16e-6)),
  feNiPhase(DEFAULT_FENI_VEGARD.x),
  rockSalt(
    'NiO',
    'Bunsenite NiO (cubic)',
    'NiO',
    'Ni',
    1,
    4.1771,
    0.3,
    0.45,
    'ICDD PDF 47-1049 (a = 4.1771 Å); rock-salt structure, Ni 4a, O 4b.',
    `Cubic above the Néel temperature (≈523 K); below it NiO is slightly rhombohedral (R-3m), which the cubic model ignores. ${REPRESENTATIVE_B}`,
    alpha(14.5e-6),
  ),
  {
    id: 'LaB6',
    name: 'Lanthanum hexaboride (NIST SRM 660b)',
    formula: 'LaB6',
    spaceGroup: { symbol: 'Pm-3m', number: 221 },
    lattice: cubicLattice(4.1569),
    atoms: [site('La', 'La', 0, 0, 0, 1, 0.42321), site('B', 'B', 0.1975, 0.5, 0.5, 1, 0.31662)],
    symops: SYMMETRY.Pm3m,
    citation:
      'a: NIST SRM 660b certificate (4.15689 Å); B 6f x and B_iso from the LaB6_660b CIF of the ILL cif2hkl / McStas ' +
      'sample library (x = 0.1975, B(La) = 0.423, B(B) = 0.317 Å²).',
    thermalExpansion: alpha(6.5e-6),
  },
  {
    id: 'CeO2',
    name: 'Ceria CeO2 (NIST SRM 674b)',
    formula: 'CeO2',
    spaceGroup: { symbol: 'Fm-3m', number: 225 },
    lattice: cubicLattice(5.411651),
    atoms: [site('Ce', 'Ce', 0, 0, 0, 1, 0.3), site('O', 'O', 0.25, 0.25, 0.25, 1, 0.6)],
    symops: SYMMETRY.Fm3m,
    citation: 'a: NIST SRM 674b certificate (5.411651 Å); fluorite structure Ce 4a, O 8c (Artini et al., Inorg. Chem. 54 (2015) 4126, COD 4343161).',
    notes: REPRESENTATIVE_B,
    thermalExpansion: alpha(11.5e-6),
  },
  fcc('Au', 'Gold', 'Au', 4.07825, 0.62, 'Wyckoff, Crystal Structures Vol. 1 (1963) (AMCSD 0011140).', REPRESENTATIVE_B, alpha(15.5e-6)),
  rockSalt('MgO', 'Periclase MgO', 'MgO', 'Mg', 1, 4.2136, 0.3, 0.35, 'Zhang, Phys. Chem. Minerals 27 (2000) 145–148 (300 K, 0 GPa; AMCSD 0008367).', REPRESENTATIVE_B, alpha(13.5e-6)),
  fcc('Pt', 'Platinum', 'Pt', 3.9231, 0.32, 'Wyckoff, Crystal Structures Vol. 1 (1963) (AMCSD 0011157).', REPRESENTATIVE_B, alpha(9.6e-6)),
  {
    id: 'Re',
    name: 'Rhenium (hcp)',
    formula: 'Re',
    spaceGroup: { symbol: 'P6_3/mmc', number: 194 },
    lattice: hexagonalLattice(2.761, 4.456),
    atoms: [site('Re', 'Re', 1 / 3, 2 / 3, 0.25, 1, 0.25)],
    symops: SYMMETRY.P63mmc,
    citation: 'Swanson & Fuyat, NBS Circular 539 Vol. II (1953) (a = 2.761, c = 4.456 Å; values as recalled, check before quantitative use); Re at 2c.',
    notes: REPRESENTATIVE_B,
  },
  {
    id: 'Fe3N',
    name: 'ε-Fe3N',
    formula: 'Fe3N',
    spaceGroup: { symbol: 'P6_322', number: 182 },
    lattice: hexagonalLattice(4.6982, 4.3789),
    atoms: [site('Fe', 'Fe', 1 / 3, 0, 0, 1, 0.4), site('N', 'N', 1 / 3, 2 / 3, 0.25, 1, 0.5)],
    symops: SYMMETRY.P6322,
    citation: 'Jacobs, Rechenbach & Zachwieja, J. Alloys Compd. 227 (1995) 10–17 (ε-Fe3N, P6_322; cell as recalled, see notes).',
    notes:
      'Fe on 6g (x,0,0) with the ideal x = 1/3 (refined values lie close to it); N on 2c. Cell and x should be checked ' +
      `against the paper before quantitative use. ${REPRESENTATIVE_B}`,
  },
  {
    id: 'anatase',
    name: 'Anatase TiO2',
    formula: 'TiO2',
    spaceGroup: { symbol: 'I4_1/amd', number: 141, setting: 'origin choice 1' },
    lattice: tetragonalLattice(3.7842, 9.5146),
    atoms: [site('Ti', 'Ti', 0, 0, 0, 1, 0.4), site('O', 'O', 0, 0, 0.2081, 1, 0.6)],
    symops: SYMMETRY.I41amdOrigin1,
    citation: 'Horn, Schwerdtfeger & Meagher, Z. Kristallogr. 136 (1972) 273–281, doi:10.1524/zkri.1972.136.3-4.273 (25 °C; COD 9008213).',
    notes: `Ti 4a (0,0,0), O 8e (0,0,z) in origin choice 1. ${REPRESENTATIVE_B}`,
  },
  {
    id: 'rutile',
    name: 'Rutile TiO2',
    formula: 'TiO2',
    spaceGroup: { symbol: 'P4_2/mnm', number: 136 },
    lattice: tetragonalLattice(4.5937, 2.9587),
    atoms: [site('Ti', 'Ti', 0, 0, 0, 1, bFromU((2 * 0.0068 + 0.0046) / 3)), site('O', 'O', 0.30478, 0.30478, 0, 1, bFromU((2 * 0.0052 + 0.0035) / 3))],
    symops: SYMMETRY.P42mnm,
    citation: 'Howard, Sabine & Dickson, Acta Cryst. B47 (1991) 462–468 (AMCSD 0019092); B from U_eq of their anisotropic U.',
  },
  fcc(
    'austenite',
    'Austenite (fcc Fe)',
    'Fe',
    3.593,
    bFromU(0.007),
    'NIST AusteniteCalculator example CIF austenite-FeOnly.cif (a = 3.59300 Å, U_iso = 0.007 Å²; Creuziger et al., usnistgov/AusteniteCalculator).',
    undefined,
    alpha(20e-6),
  ),
  bcc(
    'ferrite',
    'Ferrite (bcc Fe)',
    2.87219,
    bFromU(0.004),
    'NIST AusteniteCalculator example CIF ferrite-SRM487.cif (a = 2.87219 Å, U_iso = 0.004 Å²), modelled as pure Fe.',
    undefined,
    alpha(14.5e-6),
  ),
];

/** A library phase by id (case-insensitive). Throws with the list of ids when unknown. */
export function getPhase(id: string): PhaseDef {
  const key = id.toLowerCase();
  const p = phaseLibrary.find((q) => q.id.toLowerCase() === key);
  if (!p) throw new Error(`unknown phase '${id}'; library phases: ${phaseLibrary.map((q) => q.id).join(', ')}`);
  return p;
}

/** A copy of a phase with a new lattice (e.g. thermally expanded or refined). */
export function withLattice(phase: PhaseDef, lattice: Lattice): PhaseDef {
  return { ...phase, lattice: { ...lattice } };
}

/** A copy of a cubic phase with lattice parameter aA. */
export function withCubicA(phase: PhaseDef, aA: number): PhaseDef {
  return withLattice(phase, cubicLattice(aA));
}
