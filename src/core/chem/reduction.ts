/**
 * What complete hydrogen reduction removes from a precursor.
 *
 * Rule: oxides (and hydroxides, carbonates, hydrates) of the reducible metals Fe, Ni, Co, Cu, Mo and W reduce
 * to the metal in H2 at the temperatures of these studies (≥ 600 °C; Ellingham diagram: their ΔG° of formation
 * per mol O2 lies above that of H2O there). Everything in the formula except those metal atoms leaves as H2O /
 * CO2 / CO. Pure metals remove nothing. A precursor holding any other element (Al, Si, Mg, Ti, Cr, Mn, ...) is
 * treated as inert (removes nothing) and flagged: its oxide is not reduced by H2 at these temperatures.
 */
import { atomicMassGPerMol, formulaInfo } from './formula';

export const REDUCIBLE_METALS: readonly string[] = ['Fe', 'Ni', 'Co', 'Cu', 'Mo', 'W'];
/** Elements that leave the sample on complete reduction (as H2O, CO2/CO). */
const VOLATILE_ELEMENTS: readonly string[] = ['O', 'H', 'C'];

export interface ReductionProduct {
  /** Mass fraction of the precursor removed by complete reduction (Fe2O3 → 0.3006, Ni → 0). */
  removableFraction: number;
  /** Metal atoms per formula unit left after reduction. */
  metalAtoms: Record<string, number>;
  /** One-line statement of what happens, e.g. 'Fe2O3 → 2 Fe (removes 3 O)'. */
  note: string;
  /** True when the precursor holds an element outside the rule and is treated as inert. */
  inert: boolean;
}

export function reductionProduct(formula: string): ReductionProduct {
  const info = formulaInfo(formula);
  const elements = Object.keys(info.atoms);
  const foreign = elements.filter((el) => !REDUCIBLE_METALS.includes(el) && !VOLATILE_ELEMENTS.includes(el));
  if (foreign.length > 0) {
    return {
      removableFraction: 0,
      metalAtoms: {},
      note: `${formula}: contains ${foreign.join(', ')} (not reducible by H2 here): treated as inert, removes nothing`,
      inert: true,
    };
  }
  const metalAtoms: Record<string, number> = {};
  let metalMass = 0;
  for (const el of elements) {
    if (!REDUCIBLE_METALS.includes(el)) continue;
    metalAtoms[el] = info.atoms[el];
    metalMass += info.atoms[el] * atomicMassGPerMol(el);
  }
  if (metalMass === 0) {
    return { removableFraction: 0, metalAtoms, note: `${formula}: holds no metal: treated as inert, removes nothing`, inert: true };
  }
  const removableFraction = 1 - metalMass / info.molarMassGPerMol;
  const product = Object.entries(metalAtoms).map(([el, n]) => (n === 1 ? el : `${n} ${el}`)).join(' + ');
  const leaving = elements.filter((el) => VOLATILE_ELEMENTS.includes(el)).map((el) => (info.atoms[el] === 1 ? el : `${info.atoms[el]} ${el}`));
  const note = leaving.length === 0
    ? `${formula}: metal, removes nothing`
    : `${formula} → ${product}: removes ${leaving.join(' + ')} = ${(removableFraction * 100).toFixed(2)} % of its mass`;
  return { removableFraction, metalAtoms, note, inert: false };
}
