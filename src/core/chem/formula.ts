/**
 * Chemical formulas → element counts and molar masses, through cheminfo's mf-parser (IUPAC standard atomic
 * weights, conventional values). 'Fe2O3' → { Fe: 2, O: 3 }, 159.69 g/mol.
 */
import { MF } from 'mf-parser';

export interface FormulaInfo {
  /** Formula as mf-parser writes it (Hill-like order, e.g. 'O3W' for WO3). */
  canonical: string;
  /** Element → number of atoms in one formula unit. */
  atoms: Record<string, number>;
  molarMassGPerMol: number;
}

const cache = new Map<string, FormulaInfo>();

/** Parse a formula ('Fe2O3', 'NiFe2O4', 'Ni(OH)2'). Throws an Error naming the formula when it is not one. */
export function formulaInfo(formula: string): FormulaInfo {
  const key = formula.trim();
  const hit = cache.get(key);
  if (hit) return hit;
  if (key === '' || !/^[A-Za-z0-9().·\s]+$/.test(key)) throw new Error(`'${formula}' is not a chemical formula`);
  let info: { mass: number; mf: string; atoms: Record<string, number> };
  try {
    info = new MF(key).getInfo() as unknown as typeof info;
  } catch (e) {
    throw new Error(`'${formula}' is not a chemical formula (${(e as Error).message.split('\n')[0]})`);
  }
  if (!info || !Number.isFinite(info.mass) || info.mass <= 0 || !info.atoms) {
    throw new Error(`'${formula}' is not a chemical formula`);
  }
  const out: FormulaInfo = { canonical: info.mf, atoms: { ...info.atoms }, molarMassGPerMol: info.mass };
  cache.set(key, out);
  return out;
}

export function molarMassGPerMol(formula: string): number {
  return formulaInfo(formula).molarMassGPerMol;
}

/** Standard atomic weight of one element (g/mol). */
export function atomicMassGPerMol(element: string): number {
  const info = formulaInfo(element);
  if (Object.keys(info.atoms).length !== 1 || info.atoms[element] !== 1) throw new Error(`'${element}' is not an element symbol`);
  return info.molarMassGPerMol;
}

/** Mass fraction of each element in the formula (sums to 1). */
export function elementMassFractions(formula: string): Record<string, number> {
  const info = formulaInfo(formula);
  const out: Record<string, number> = {};
  for (const [el, n] of Object.entries(info.atoms)) out[el] = (n * atomicMassGPerMol(el)) / info.molarMassGPerMol;
  return out;
}
