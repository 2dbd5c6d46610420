/**
 * Crystallography types: lattices, atom sites, phase definitions, reflections and diffraction geometries.
 * Plain objects and numbers only (they cross IPC). Angles in degrees, lengths in Å, B in Å².
 */

import type { XrdLattice } from '../../../shared/xrd-results';

/** Unit-cell edges (Å) and angles (degrees): the shared definition (src/shared/xrd-results.ts). */
export type Lattice = XrdLattice;

/** One crystallographically independent site (asymmetric unit), fractional coordinates. */
export interface AtomSite {
  label: string;
  /** Element symbol, may carry a charge: 'Fe', 'O', 'Fe3+', 'O2-'. */
  element: string;
  x: number;
  y: number;
  z: number;
  /** Site occupancy 0…1. */
  occupancy: number;
  /** Isotropic Debye–Waller B in Å² (B = 8π²·U_iso). */
  bIsoA2: number;
}

/** One atom of the full unit cell after applying the symmetry operators. */
export interface CellAtom {
  label: string;
  element: string;
  x: number;
  y: number;
  z: number;
  occupancy: number;
  bIsoA2: number;
}

/** Vegard's law a(x) = aAtZeroA + x·(aAtOneA − aAtZeroA) for a cubic solid solution (fcc Fe1−xNix). */
export interface VegardLaw {
  /** The composition parameter: mole fraction of Ni on the metal site. */
  parameter: 'xNi';
  endMembers: {
    /** Cubic a (Å) at x = 0 (fcc γ-Fe extrapolated to room temperature). */
    aAtZeroA: number;
    /** Cubic a (Å) at x = 1 (fcc Ni). */
    aAtOneA: number;
  };
  /** Composition the phase's lattice and occupancies are built for. */
  x: number;
  /** Where the end members come from. */
  citation: string;
  /** Standard uncertainties of the end members (Å, at the temperature of the law), for the systematic uncertainty
   * they add to x. */
  endMemberSigmaA?: { aAtZeroA: number; aAtOneA: number };
  /** Mean linear thermal expansion of the solid solution (both ends), for the end members at a run temperature. */
  thermalExpansion?: ThermalExpansion;
  /** Temperature (°C) the end members are for; absent: room temperature (25 °C). */
  temperatureC?: number;
}

/** Mean linear thermal-expansion coefficient ᾱ from 25 °C to the temperature of in situ work (≈700 °C). */
export interface ThermalExpansion {
  alphaPerK: number;
  /** Its standard uncertainty (K⁻¹), when known. */
  sigmaPerK?: number;
  citation: string;
}

export interface SpaceGroupRef {
  /** Hermann–Mauguin symbol, e.g. 'R-3c', 'Fd-3m'. */
  symbol: string;
  /** International Tables number 1…230. */
  number: number;
  /** Setting / origin choice, e.g. 'hexagonal axes', 'origin choice 2'. */
  setting?: string;
}

export interface PhaseDef {
  /** 'hematite', 'magnetite', 'wustite', 'bcc-Fe', 'fcc-Ni', 'fcc-FeNi', 'NiO', 'LaB6', 'CeO2', 'Au', 'MgO', 'Pt',
   * 'Re', 'Fe3N', 'anatase', 'rutile', 'austenite', 'ferrite', or an id made from an imported CIF. */
  id: string;
  name: string;
  /** Formula of one formula unit, e.g. 'Fe2O3'. */
  formula: string;
  spaceGroup: SpaceGroupRef;
  lattice: Lattice;
  /** Asymmetric-unit sites. */
  atoms: AtomSite[];
  /** Symmetry operators as 'x,y,z' strings, INCLUDING the centring translations (the full general position). */
  symops: string[];
  /** Source of the structure: author, journal, year, DOI when known; ICSD/COD/AMCSD entry. */
  citation: string;
  /** fcc (Fe,Ni): Vegard composition parameter. */
  vegard?: VegardLaw;
  notes?: string;
  /** 'library' (cell and B at room temperature, scaled to a run's temperature) or 'cif' (taken as the file gives
   * them). Absent: library. */
  source?: 'library' | 'cif';
  /** Mean linear thermal expansion for the cell at a run temperature (library phases). */
  thermalExpansion?: ThermalExpansion;
  /** Temperature (°C) the cell and B values are for; absent: room temperature. */
  temperatureC?: number;
}

/** One reflection (a set of symmetry-equivalent hkl merged, with its multiplicity). */
export interface Reflection {
  h: number;
  k: number;
  l: number;
  multiplicity: number;
  dA: number;
  twoThetaDeg: number;
  /** |F|² per cell including Debye–Waller, electrons². */
  f2: number;
  /** m·|F|²·LP (geometry-dependent, arbitrary scale). */
  intensity: number;
}

/** A unique reflection (representative of its equivalence class) with its multiplicity. */
export interface HklEntry {
  h: number;
  k: number;
  l: number;
  multiplicity: number;
}

/**
 * Polarisation model for Debye–Scherrer (transmission, area or strip detector) geometry:
 * - 'none': P = 1. Use for data whose integration already divided by the polarisation factor
 *   (pyFAI header 'Polarization factor applied: True').
 * - 'unpolarised': P = (1 + cos²2θ)/2 — unpolarised beam, and also the full-ring azimuthal average of any
 *   linearly polarised beam. Same 2θ dependence as pymatgen's XRDCalculator (default).
 * - 'synchrotron': linearly polarised beam seen at one azimuth χ (measured from the horizontal, i.e. the
 *   polarisation plane): P = ½[1 + cos²2θ − p·cos2χ·sin²2θ] (pyFAI's polarisation factor convention),
 *   p = polarisationFraction (default 0.99), χ = azimuthDeg (default 90°: vertical scattering plane, where
 *   P → 1 for p = 1).
 */
export type PolarisationModel = 'none' | 'unpolarised' | 'synchrotron';

export type Geometry =
  | {
      kind: 'debye-scherrer';
      /** Default 'unpolarised' (matches pymatgen and the simulated studies). */
      polarisation?: PolarisationModel;
      /** For 'synchrotron': pyFAI-style polarisation factor p in [−1, 1]; default 0.99. */
      polarisationFraction?: number;
      /** For 'synchrotron': detector azimuth χ from the horizontal plane, degrees; default 90. */
      azimuthDeg?: number;
    }
  | {
      kind: 'bragg-brentano';
      /** Diffracted-beam (or primary) monochromator 2θ in degrees, e.g. 26.6 for graphite(002) with Cu Kα.
       * Omit (or 0) for no monochromator. */
      monochromatorTwoThetaDeg?: number;
    };

export interface ReflectionOptions {
  wavelengthA: number;
  twoThetaMinDeg?: number;
  twoThetaMaxDeg: number;
  /** Override the phase's lattice (refined or thermally expanded). */
  lattice?: Lattice;
  /** Default { kind: 'debye-scherrer', polarisation: 'unpolarised' }. */
  geometry?: Geometry;
  /** Drop reflections whose intensity is below this fraction of the strongest; default 0 (keep all). */
  minRelativeIntensity?: number;
}
