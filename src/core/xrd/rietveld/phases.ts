/**
 * Rietveld phases from the crystallography module's PhaseDef: reflections (hkl, multiplicity, |F|²) prepared
 * once per phase for the 2θ range, cell mass Z·M (crystal/cellMass), and — for a Vegard solid solution —
 * composition, |F|² and mass following the refined lattice parameter.
 */
import { prepareReflectionTable, tableF2 } from '../crystal/reflections';
import { cellMassAmu } from '../crystal/cellMass';
import { expandSites } from '../crystal/symmetry';
import { DEFAULT_SYNCHROTRON_AZIMUTH_DEG, DEFAULT_SYNCHROTRON_POLARISATION } from '../crystal/lorentzPolarisation';
import type { AtomSite, Geometry, PhaseDef } from '../crystal/types';
import type { LatticeParams, PhaseIntensities, RietveldPhase } from './types';

const DEG = Math.PI / 180;

export interface PhaseFromDefOptions {
  /** Shortest wavelength used (Kα1 for a doublet) and the top of the 2θ range, to bound d. */
  wavelengthA: number;
  twoThetaMaxDeg: number;
  /** Include the phase's Debye–Waller factors in |F|², default true (false matches pymatgen's default). */
  debyeWaller?: boolean;
  /** Starting cell (default the phase's). */
  lattice?: LatticeParams;
  /** Extra reach in 2θ (deg) so a growing cell keeps its top reflections, default 1. */
  marginDeg?: number;
}

function elementOf(symbol: string): string {
  const m = /^([A-Z][a-z]?)/.exec(symbol.trim());
  return m ? m[1] : symbol;
}

/** The metal-site composition of a Vegard Fe–Ni phase at Ni fraction x (sites of Fe and Ni re-weighted). */
export function withNiFraction(def: PhaseDef, x: number): PhaseDef {
  const xc = Math.min(1, Math.max(0, x));
  const atoms: AtomSite[] = def.atoms.map((a) => {
    const el = elementOf(a.element);
    if (el === 'Ni') return { ...a, occupancy: xc };
    if (el === 'Fe') return { ...a, occupancy: 1 - xc };
    return a;
  });
  const hasNi = atoms.some((a) => elementOf(a.element) === 'Ni');
  const hasFe = atoms.some((a) => elementOf(a.element) === 'Fe');
  if (!hasNi || !hasFe) {
    // one metal site only: add the other element on the same position
    const metal = atoms.find((a) => ['Fe', 'Ni'].includes(elementOf(a.element)));
    if (metal) {
      const other = elementOf(metal.element) === 'Fe' ? 'Ni' : 'Fe';
      atoms.push({ ...metal, label: `${metal.label}_${other}`, element: other, occupancy: other === 'Ni' ? xc : 1 - xc });
    }
  }
  return { ...def, atoms };
}

/** Occupancy-weighted mean isotropic B (Å²) over the full cell. */
export function meanBIsoA2(def: Pick<PhaseDef, 'atoms' | 'symops'>): number {
  let sb = 0;
  let so = 0;
  for (const a of expandSites(def)) {
    sb += a.occupancy * a.bIsoA2;
    so += a.occupancy;
  }
  return so > 0 ? sb / so : 0;
}

/** Build the refinement's view of a library or CIF phase. */
export function rietveldPhaseFromDef(def: PhaseDef, opts: PhaseFromDefOptions): RietveldPhase {
  const lattice = opts.lattice ?? def.lattice;
  const tthMax = Math.min(179, opts.twoThetaMaxDeg + (opts.marginDeg ?? 1));
  const dMinA = opts.wavelengthA / (2 * Math.sin((tthMax * DEG) / 2));
  const sf = { debyeWaller: opts.debyeWaller ?? true };
  const vegard = def.vegard;
  const defAt = (x: number): PhaseDef => (vegard ? withNiFraction(def, x) : def);
  const xOf = (lat: LatticeParams): number => {
    if (!vegard) return NaN;
    const { aAtZeroA, aAtOneA } = vegard.endMembers;
    return Math.min(1, Math.max(0, (lat.aA - aAtZeroA) / (aAtOneA - aAtZeroA)));
  };
  const x0 = vegard ? xOf(lattice) : NaN;
  const def0 = defAt(x0);
  const table = prepareReflectionTable(def0, dMinA, { lattice, ...sf });
  const n = table.count;
  const h = new Int32Array(n);
  const k = new Int32Array(n);
  const l = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    h[i] = table.hkl[3 * i];
    k[i] = table.hkl[3 * i + 1];
    l[i] = table.hkl[3 * i + 2];
  }
  const intensitiesAt = (d: PhaseDef, lat: LatticeParams, x: number): PhaseIntensities => {
    const f2 = tableF2(d, table, lat, sf);
    const multFsq = new Float64Array(n);
    for (let i = 0; i < n; i++) multFsq[i] = table.multiplicity[i] * f2[i];
    return { multFsq, cellMassAmu: cellMassAmu(d), bMeanA2: sf.debyeWaller ? meanBIsoA2(d) : 0, ...(Number.isFinite(x) ? { x } : {}) };
  };
  const phase: RietveldPhase = {
    id: def.id,
    lattice: { ...lattice },
    h,
    k,
    l,
    intensities: intensitiesAt(def0, lattice, x0),
  };
  if (vegard) {
    const { aAtZeroA, aAtOneA } = vegard.endMembers;
    phase.aRangeA = [Math.min(aAtZeroA, aAtOneA), Math.max(aAtZeroA, aAtOneA)];
    // The occupancies are linear in x, so F(x) = A + x·B and |F|²(x) is a quadratic in x: exact from three
    // compositions (0, ½, 1) whose prepared structures are built once; the cell mass and the mean B are linear in
    // x. (Building the structure of every new composition cost ≈ 1 ms per frame.)
    const ends = [0, 0.5, 1].map((xi) => defAt(xi));
    const mass = [cellMassAmu(ends[0]), cellMassAmu(ends[2])];
    const bMean = sf.debyeWaller ? [meanBIsoA2(ends[0]), meanBIsoA2(ends[2])] : [0, 0];
    const f2 = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    phase.intensitiesFor = (lat) => {
      const x = xOf(lat);
      ends.forEach((d, e) => tableF2(d, table, lat, sf, f2[e]));
      // Lagrange weights of the nodes 0, ½, 1
      const l0 = 2 * (x - 0.5) * (x - 1);
      const lh = -4 * x * (x - 1);
      const l1 = 2 * x * (x - 0.5);
      const multFsq = new Float64Array(n);
      for (let i = 0; i < n; i++) multFsq[i] = table.multiplicity[i] * Math.max(0, l0 * f2[0][i] + lh * f2[1][i] + l1 * f2[2][i]);
      return { multFsq, cellMassAmu: (1 - x) * mass[0] + x * mass[1], bMeanA2: (1 - x) * bMean[0] + x * bMean[1], x };
    };
  }
  return phase;
}

/**
 * The Lorentz–polarisation options equivalent to a crystallography-module geometry: every model there has the
 * form P = K + (1 − K)·cos²2θm·cos²2θ up to a constant factor, which the phase scales absorb (Hill–Howard
 * fractions are unaffected). Synchrotron at azimuth χ with polarisation p: K = (1 − p·cos2χ)/2.
 */
export function lpOptionsFromGeometry(geometry: Geometry): { polarisationK: number; monochromatorTwoThetaDeg: number } {
  if (geometry.kind === 'bragg-brentano') return { polarisationK: 0.5, monochromatorTwoThetaDeg: geometry.monochromatorTwoThetaDeg ?? 0 };
  const model = geometry.polarisation ?? 'unpolarised';
  if (model === 'none') return { polarisationK: 1, monochromatorTwoThetaDeg: 0 };
  if (model === 'unpolarised') return { polarisationK: 0.5, monochromatorTwoThetaDeg: 0 };
  const p = geometry.polarisationFraction ?? DEFAULT_SYNCHROTRON_POLARISATION;
  const chi = ((geometry.azimuthDeg ?? DEFAULT_SYNCHROTRON_AZIMUTH_DEG) * Math.PI) / 180;
  return { polarisationK: (1 - p * Math.cos(2 * chi)) / 2, monochromatorTwoThetaDeg: 0 };
}
