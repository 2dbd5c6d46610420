export { formulaInfo, molarMassGPerMol, atomicMassGPerMol, elementMassFractions } from './formula';
export type { FormulaInfo } from './formula';
export { reductionProduct, REDUCIBLE_METALS } from './reduction';
export type { ReductionProduct } from './reduction';
export { buildRecipe, parseTargetAlloy, parsePrecursorList } from './recipe';
