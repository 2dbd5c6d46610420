/**
 * Structure factors: F(hkl) = Σ_j o_j f_j(s) exp(−B_j s²) exp(2πi(hx_j + ky_j + lz_j)), s = sinθ/λ = 1/(2d)
 * (International Tables Vol. C, §6.1 and §7.1). f from Waasmaier & Kirfel (1995); no anomalous dispersion.
 * The cell is grouped by scatterer kind (same form factor and B), so F is Σ_kind f_kind(s)·T_kind(s)·Σ_atoms.
 */
import { expandSites } from './symmetry';
import { formFactorFromCoefficients, formFactorKey, modelCoefficients, type FormFactorModel } from './formFactors';
import { invDSquared, reciprocalMetric } from './lattice';
import type { Lattice, PhaseDef } from './types';

export interface StructureFactorOptions {
  /** Multiply each atom's f by exp(−B s²) with its bIsoA2; default true. Set false to match pymatgen's
   * XRDCalculator default (no Debye–Waller factors). */
  debyeWaller?: boolean;
  /** Form-factor parameterisation; default 'waasmaier-kirfel' ('pymatgen' reproduces pymatgen's XRDCalculator). */
  formFactors?: FormFactorModel;
}

/** The unit cell grouped by scatterer kind, ready for fast F(hkl) evaluation. */
export interface PreparedStructure {
  kinds: {
    key: string;
    coefficients: readonly number[];
    bIsoA2: number;
    /** Fractional coordinates packed [x0,y0,z0,x1,…] and occupancies of the atoms of this kind. */
    xyz: Float64Array;
    occupancy: Float64Array;
  }[];
}

const TWO_PI = 2 * Math.PI;

/** Expand the phase's cell and group atoms by (form-factor key, B). */
export function prepareStructure(phase: Pick<PhaseDef, 'atoms' | 'symops'>, model: FormFactorModel = 'waasmaier-kirfel'): PreparedStructure {
  const groups = new Map<string, { key: string; bIsoA2: number; xyz: number[]; occ: number[] }>();
  for (const a of expandSites(phase)) {
    if (!(a.occupancy > 0)) continue;
    const key = model === 'waasmaier-kirfel' ? formFactorKey(a.element) : a.element;
    const gk = `${key}|${a.bIsoA2}`;
    let g = groups.get(gk);
    if (!g) {
      g = { key, bIsoA2: a.bIsoA2, xyz: [], occ: [] };
      groups.set(gk, g);
    }
    g.xyz.push(a.x, a.y, a.z);
    g.occ.push(a.occupancy);
  }
  return {
    kinds: [...groups.values()].map((g) => ({
      key: g.key,
      coefficients: modelCoefficients(g.key, model),
      bIsoA2: g.bIsoA2,
      xyz: Float64Array.from(g.xyz),
      occupancy: Float64Array.from(g.occ),
    })),
  };
}

/** |F(hkl)|² (electrons²) of a prepared cell at s² = (sinθ/λ)² = 1/(4d²). */
export function preparedF2(prep: PreparedStructure, h: number, k: number, l: number, s2: number, debyeWaller = true): number {
  let re = 0;
  let im = 0;
  for (const kind of prep.kinds) {
    let sr = 0;
    let si = 0;
    const xyz = kind.xyz;
    const occ = kind.occupancy;
    for (let j = 0; j < occ.length; j++) {
      const phase = TWO_PI * (h * xyz[3 * j] + k * xyz[3 * j + 1] + l * xyz[3 * j + 2]);
      sr += occ[j] * Math.cos(phase);
      si += occ[j] * Math.sin(phase);
    }
    let f = formFactorFromCoefficients(kind.coefficients, s2);
    if (debyeWaller && kind.bIsoA2 !== 0) f *= Math.exp(-kind.bIsoA2 * s2);
    re += f * sr;
    im += f * si;
  }
  return re * re + im * im;
}

const prepCache = new WeakMap<object, Map<FormFactorModel, PreparedStructure>>();

/** Prepared structure of a phase, cached per phase object and model (phases are treated as immutable). */
export function preparedStructureOf(phase: PhaseDef, model: FormFactorModel = 'waasmaier-kirfel'): PreparedStructure {
  let byModel = prepCache.get(phase);
  if (!byModel) {
    byModel = new Map();
    prepCache.set(phase, byModel);
  }
  let p = byModel.get(model);
  if (!p) {
    p = prepareStructure(phase, model);
    byModel.set(model, p);
  }
  return p;
}

/**
 * |F(hkl)|² per unit cell (electrons²), including Debye–Waller factors unless options.debyeWaller is false.
 * `lattice` overrides the phase's lattice for s = 1/(2d).
 */
export function structureFactorSquared(
  phase: PhaseDef,
  h: number,
  k: number,
  l: number,
  lattice?: Lattice,
  options: StructureFactorOptions = {},
): number {
  const s2 = invDSquared(reciprocalMetric(lattice ?? phase.lattice), h, k, l) / 4;
  return preparedF2(preparedStructureOf(phase, options.formFactors), h, k, l, s2, options.debyeWaller ?? true);
}
