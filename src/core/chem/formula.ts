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

/**
 * Adduct separators: the middle dot of hydrates and double salts ('NiSO4·6H2O'), its look-alikes and '*'. A '.'
 * is mf-parser's decimal point ('Fe0.947O'), except before waters of hydration ('CuSO4.5H2O', 'FeC2O4.2(H2O)'):
 * write other adducts with '·' or '*' ('NiCO3·2Ni(OH)2·4H2O').
 */
const ADDUCT = /[·•⋅∙*]|\.(?=\d*\(?H2O\)?(?:$|[·•⋅∙*.]))/;

/**
 * Parse a formula ('Fe2O3', 'NiFe2O4', 'Ni(OH)2', 'Fe0.947O', 'NiSO4·6H2O'). Adducts are summed part by part, each
 * with its leading coefficient (mf-parser alone misreads 'FeC2O4·2H2O' as C2H2FeO9). Throws an Error naming the
 * formula when it is not one.
 */
export function formulaInfo(formula: string): FormulaInfo {
  const key = formula.trim();
  const hit = cache.get(key);
  if (hit) return hit;
  if (key === '' || !/^[A-Za-z0-9().·•⋅∙*\s]+$/.test(key)) throw new Error(`'${formula}' is not a chemical formula`);
  const atoms: Record<string, number> = {};
  let mass = 0;
  const parts = key.split(ADDUCT).map((p) => p.trim());
  let canonical = '';
  for (const part of parts) {
    const m = /^(\d+(?:\.\d+)?)?\s*(.*)$/.exec(part) as RegExpExecArray;
    const count = m[1] === undefined ? 1 : Number(m[1]);
    if (m[2] === '' || !(count > 0)) throw new Error(`'${formula}' is not a chemical formula (empty part '${part}')`);
    const info = parsePart(m[2], formula);
    mass += count * info.mass;
    for (const [el, n] of Object.entries(info.atoms)) atoms[el] = (atoms[el] ?? 0) + count * n;
    canonical += `${canonical ? '·' : ''}${count === 1 ? '' : m[1]}${info.mf}`;
  }
  const out: FormulaInfo = { canonical, atoms, molarMassGPerMol: mass };
  cache.set(key, out);
  return out;
}

/** One part of a formula through mf-parser. */
function parsePart(part: string, formula: string): { mass: number; mf: string; atoms: Record<string, number> } {
  let info: { mass: number; mf: string; atoms: Record<string, number> };
  try {
    info = new MF(part).getInfo() as unknown as typeof info;
  } catch (e) {
    throw new Error(`'${formula}' is not a chemical formula (${(e as Error).message.split('\n')[0]})`);
  }
  if (!info || !Number.isFinite(info.mass) || info.mass <= 0 || !info.atoms) {
    throw new Error(`'${formula}' is not a chemical formula`);
  }
  return info;
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
