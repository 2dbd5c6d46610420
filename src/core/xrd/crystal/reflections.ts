/**
 * Reflection lists: unique hkl (Laue-group equivalents merged, systematic absences removed), their d, 2θ,
 * |F|² and m·|F|²·LP. For refinement loops use hklList/prepareReflectionTable once, then reflectionTwoThetas and
 * tableF2 (or the stored f2) per iteration — generateReflections itself caches the hkl list.
 */
import { dSpacingsA, invDSquared, reciprocalMetric, twoThetaDeg } from './lattice';
import { DEFAULT_GEOMETRY, lorentzPolarisation } from './lorentzPolarisation';
import { preparedF2, preparedStructureOf, type StructureFactorOptions } from './structureFactor';
import { uniqueReflections } from './symmetry';
import type { HklEntry, Lattice, PhaseDef, Reflection, ReflectionOptions } from './types';

const DEG = Math.PI / 180;

interface HklCacheEntry {
  lattice: Lattice;
  dMinA: number;
  list: HklEntry[];
}
const hklCache = new Map<string, HklCacheEntry[]>();
/** Cached lists kept per symmetry (e.g. Au, Pt, NiO, MgO all share Fm-3m). */
const HKL_CACHE_PER_SYMMETRY = 16;
/** Extra reach of a cached list so that refined lattices (±1 %) reuse it. */
const CACHE_REACH = 0.95;
const LATTICE_REUSE_TOL = 0.01;

function latticeClose(a: Lattice, b: Lattice, tol: number): boolean {
  return (
    Math.abs(a.aA / b.aA - 1) < tol &&
    Math.abs(a.bA / b.bA - 1) < tol &&
    Math.abs(a.cA / b.cA - 1) < tol &&
    Math.abs(a.alphaDeg - b.alphaDeg) < 0.5 &&
    Math.abs(a.betaDeg - b.betaDeg) < 0.5 &&
    Math.abs(a.gammaDeg - b.gammaDeg) < 0.5
  );
}

/**
 * Unique reflections of `phase` with d ≥ dMinA (for its own lattice, or `lattice` when given), systematic
 * absences removed, sorted by d descending; multiplicity = size of the Laue-group orbit (Friedel pairs counted).
 * Results are cached per symmetry; a cached list is reused for lattices within 1 % (it is built 5 % deeper).
 */
export function hklList(phase: Pick<PhaseDef, 'symops' | 'lattice'>, dMinA: number, lattice?: Lattice): HklEntry[] {
  if (!(dMinA > 0)) throw new Error('hklList: dMinA must be positive');
  const lat = lattice ?? phase.lattice;
  const key = phase.symops.join(';');
  const entries = hklCache.get(key) ?? [];
  const hit = entries.find((e) => e.dMinA <= dMinA * CACHE_REACH && latticeClose(e.lattice, lat, LATTICE_REUSE_TOL));
  let full: HklEntry[];
  if (hit) {
    full = hit.list;
  } else {
    const dBuild = dMinA * CACHE_REACH * CACHE_REACH;
    full = uniqueReflections(phase.symops, reciprocalMetric(lat), [lat.aA, lat.bA, lat.cA], dBuild);
    if (entries.length >= HKL_CACHE_PER_SYMMETRY) entries.shift();
    entries.push({ lattice: { ...lat }, dMinA: dBuild, list: full });
    hklCache.set(key, entries);
  }
  const g = reciprocalMetric(lat);
  const lim = 1 / (dMinA * dMinA) + 1e-12;
  const out: HklEntry[] = [];
  for (const r of full) {
    if (invDSquared(g, r.h, r.k, r.l) <= lim) out.push(r);
  }
  out.sort((a, b) => {
    const ia = invDSquared(g, a.h, a.k, a.l);
    const ib = invDSquared(g, b.h, b.k, b.l);
    return Math.abs(ia - ib) > 1e-12 * (ia + ib) ? ia - ib : b.h - a.h || b.k - a.k || b.l - a.l;
  });
  return out;
}

/** Packed reflections for refinement: hkl as Int32Array triples, multiplicities and |F|² at a reference lattice. */
export interface ReflectionTable {
  phaseId: string;
  count: number;
  /** [h0,k0,l0,h1,k1,l1,…] */
  hkl: Int32Array;
  multiplicity: Float64Array;
  /** |F|² (electrons²) at the lattice the table was built for (d-dependence of f and DW through s = 1/2d). */
  f2: Float64Array;
  /** d (Å) at that lattice. */
  dA: Float64Array;
}

/**
 * Build a reflection table once (hkl, m, |F|², d) for d ≥ dMinA. The refinement then recomputes d and 2θ for new
 * lattices with reflectionTwoThetas, and |F|² with tableF2 when the lattice moves far enough to matter
 * (|F|² depends on the lattice only through s = 1/2d).
 */
export function prepareReflectionTable(
  phase: PhaseDef,
  dMinA: number,
  opts: { lattice?: Lattice } & StructureFactorOptions = {},
): ReflectionTable {
  const list = hklList(phase, dMinA, opts.lattice);
  const n = list.length;
  const hkl = new Int32Array(3 * n);
  const multiplicity = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    hkl[3 * i] = list[i].h;
    hkl[3 * i + 1] = list[i].k;
    hkl[3 * i + 2] = list[i].l;
    multiplicity[i] = list[i].multiplicity;
  }
  const dA = dSpacingsA(opts.lattice ?? phase.lattice, hkl);
  const table: ReflectionTable = { phaseId: phase.id, count: n, hkl, multiplicity, f2: new Float64Array(n), dA };
  table.f2 = tableF2(phase, table, opts.lattice, opts);
  return table;
}

/** |F|² for every reflection of a table at `lattice` (default the phase's). */
export function tableF2(phase: PhaseDef, table: ReflectionTable, lattice?: Lattice, opts: StructureFactorOptions = {}, out?: Float64Array): Float64Array {
  const prep = preparedStructureOf(phase, opts.formFactors);
  const d = dSpacingsA(lattice ?? phase.lattice, table.hkl);
  const res = out ?? new Float64Array(table.count);
  const dw = opts.debyeWaller ?? true;
  for (let i = 0; i < table.count; i++) {
    res[i] = preparedF2(prep, table.hkl[3 * i], table.hkl[3 * i + 1], table.hkl[3 * i + 2], 1 / (4 * d[i] * d[i]), dw);
  }
  return res;
}

/** 2θ (degrees) of every reflection of a table for `lattice` and λ; NaN where λ > 2d. */
export function reflectionTwoThetas(table: ReflectionTable, lattice: Lattice, wavelengthA: number, out?: Float64Array): Float64Array {
  const d = dSpacingsA(lattice, table.hkl);
  const res = out ?? new Float64Array(table.count);
  for (let i = 0; i < table.count; i++) {
    const s = wavelengthA / (2 * d[i]);
    res[i] = s > 1 ? NaN : (2 * Math.asin(s)) / DEG;
  }
  return res;
}

/**
 * Reflections of a phase between twoThetaMinDeg (default 0) and twoThetaMaxDeg at λ, sorted by 2θ: each with
 * multiplicity, d, 2θ, |F|² (with Debye–Waller unless options.debyeWaller = false) and intensity m·|F|²·LP.
 * minRelativeIntensity drops reflections weaker than that fraction of the strongest.
 */
export function generateReflections(phase: PhaseDef, opts: ReflectionOptions & StructureFactorOptions): Reflection[] {
  const lattice = opts.lattice ?? phase.lattice;
  const geometry = opts.geometry ?? DEFAULT_GEOMETRY;
  const tthMax = Math.min(opts.twoThetaMaxDeg, 179.999);
  const tthMin = opts.twoThetaMinDeg ?? 0;
  const dMinA = opts.wavelengthA / (2 * Math.sin((tthMax * DEG) / 2));
  const list = hklList(phase, dMinA, lattice);
  const prep = preparedStructureOf(phase, opts.formFactors);
  const g = reciprocalMetric(lattice);
  const dw = opts.debyeWaller ?? true;
  const out: Reflection[] = [];
  for (const r of list) {
    const inv = invDSquared(g, r.h, r.k, r.l);
    const dA = 1 / Math.sqrt(inv);
    const tth = twoThetaDeg(dA, opts.wavelengthA);
    if (!(tth >= tthMin && tth <= tthMax)) continue;
    const f2 = preparedF2(prep, r.h, r.k, r.l, inv / 4, dw);
    out.push({ h: r.h, k: r.k, l: r.l, multiplicity: r.multiplicity, dA, twoThetaDeg: tth, f2, intensity: r.multiplicity * f2 * lorentzPolarisation(tth, geometry) });
  }
  // by 2θ; coincident reflections (cubic 333/511) in a fixed order: larger h first
  out.sort((a, b) => (Math.abs(a.twoThetaDeg - b.twoThetaDeg) > 1e-9 ? a.twoThetaDeg - b.twoThetaDeg : b.h - a.h || b.k - a.k || b.l - a.l));
  const minRel = opts.minRelativeIntensity ?? 0;
  if (minRel > 0 && out.length > 0) {
    let max = 0;
    for (const r of out) max = Math.max(max, r.intensity);
    return out.filter((r) => r.intensity >= minRel * max);
  }
  return out;
}
