/**
 * Recipes: which powder was weighed in, and how much mass complete reduction removes from it.
 * A recipe comes either as wt.% of each precursor ('Fe2O3:70,NiO:30') or as precursors plus a target alloy
 * ('Fe2O3,NiO' + 'Fe-36Ni'), in which case the metal-bearing precursors are proportioned so that the reduced
 * product has the target composition.
 */
import type { PrecursorInput, PrecursorResult, Recipe, RecipeInput } from '../../shared/analysis';
import { elementMassFractions, formulaInfo } from './formula';
import { solveLinearSystem } from '../math/linalg';
import { reductionProduct } from './reduction';

/**
 * Parse a target alloy in wt.%: balance element first, then amount+element pairs joined by '-'.
 * 'Fe-36Ni' → { Fe: 0.64, Ni: 0.36 }; 'Fe-36Ni-5Co' → { Fe: 0.59, Ni: 0.36, Co: 0.05 }. A trailing '(wt.%)' is
 * ignored. Throws an Error explaining the expected form.
 */
export function parseTargetAlloy(target: string): Record<string, number> {
  const text = target.replace(/\(?\s*wt\.?\s*%?\s*\)?\s*$/i, '').trim();
  const parts = text.split('-').map((p) => p.trim());
  const usage = `target alloy '${target}': expected the balance element first, then amount+element in wt.%, e.g. 'Fe-36Ni'`;
  if (parts.length < 1 || !/^[A-Z][a-z]?$/.test(parts[0])) throw new Error(usage);
  const out: Record<string, number> = {};
  let sum = 0;
  for (const part of parts.slice(1)) {
    const m = /^(\d+(?:\.\d+)?)\s*([A-Z][a-z]?)$/.exec(part) ?? /^([A-Z][a-z]?)\s*(\d+(?:\.\d+)?)$/.exec(part);
    if (!m) throw new Error(usage);
    const [amount, el] = /^\d/.test(m[1]) ? [Number(m[1]), m[2]] : [Number(m[2]), m[1]];
    if (el === parts[0] || el in out) throw new Error(`target alloy '${target}': ${el} appears twice`);
    out[el] = amount / 100;
    sum += amount;
  }
  if (sum >= 100) throw new Error(`target alloy '${target}': the alloying elements add up to ${sum} wt.%, leaving no balance`);
  const balance = { [parts[0]]: 1 - sum / 100 };
  for (const el of Object.keys({ ...balance, ...out })) formulaInfo(el); // unknown symbols throw here
  return { ...balance, ...out };
}

/**
 * Parse a precursor list as typed on the command line: 'Fe2O3,NiO' or 'Fe2O3:70,NiO:30' (wt.%, also '=' or
 * '70%'). Throws when some precursors carry a percentage and others do not.
 */
export function parsePrecursorList(text: string): PrecursorInput[] {
  const items = text.split(/[,;+]/).map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 0) throw new Error(`precursors '${text}': expected e.g. 'Fe2O3,NiO' or 'Fe2O3:70,NiO:30'`);
  const out = items.map((item): PrecursorInput => {
    const m = /^([^:=]+?)\s*(?:[:=]\s*(\d+(?:\.\d+)?)\s*%?)?$/.exec(item);
    if (!m) throw new Error(`precursor '${item}': expected FORMULA or FORMULA:WT%`);
    formulaInfo(m[1]);
    return m[2] === undefined ? { formula: m[1] } : { formula: m[1], wtPercent: Number(m[2]) };
  });
  const withWt = out.filter((p) => p.wtPercent !== undefined).length;
  if (withWt > 0 && withWt < out.length) throw new Error(`precursors '${text}': give a wt.% for every precursor or for none`);
  return out;
}

const pct = (x: number, digits = 2): string => `${(x * 100).toFixed(digits)} %`;
const fmt = (x: number, digits = 4): string => x.toFixed(digits);

/** Build the recipe: precursor mass fractions, each one's removable oxygen, the theoretical loss, the derivation. */
export function buildRecipe(input: RecipeInput): Recipe {
  if (input.precursors.length === 0) throw new Error('recipe: no precursors given');
  const derivation: string[] = [];
  const target = input.target ? parseTargetAlloy(input.target) : undefined;
  if (target) {
    derivation.push(`Target alloy ${input.target}: ${Object.entries(target).map(([el, w], i) => `${el} ${pct(w)}${i === 0 ? ' (balance)' : ''}`).join(', ')} by mass.`);
  }
  const products = input.precursors.map((p) => reductionProduct(p.formula));
  for (let i = 0; i < input.precursors.length; i++) {
    derivation.push(`${products[i].note} (M = ${formulaInfo(input.precursors[i].formula).molarMassGPerMol.toFixed(2)} g/mol).`);
  }

  let fractions: number[];
  const withWt = input.precursors.filter((p) => p.wtPercent !== undefined).length;
  if (withWt === input.precursors.length) {
    const sum = input.precursors.reduce((s, p) => s + (p.wtPercent ?? 0), 0);
    if (!(sum > 0)) throw new Error('recipe: the wt.% of the precursors add up to 0');
    fractions = input.precursors.map((p) => (p.wtPercent ?? 0) / sum);
    if (Math.abs(sum - 100) > 1e-9) derivation.push(`Powder wt.% add up to ${sum}; normalised to 100.`);
    if (target) derivation.push(...checkAgainstTarget(input.precursors, fractions, target));
  } else if (withWt > 0) {
    throw new Error('recipe: give a wt.% for every precursor or for none');
  } else if (target) {
    fractions = proportionForTarget(input.precursors, target, derivation);
  } else if (input.precursors.length === 1) {
    fractions = [1];
  } else {
    throw new Error(`recipe: ${input.precursors.length} precursors without wt.% need a target alloy (e.g. 'Fe-36Ni') to be proportioned`);
  }

  const precursors: PrecursorResult[] = input.precursors.map((p, i) => ({
    formula: p.formula,
    massFraction: fractions[i],
    molarMassGPerMol: formulaInfo(p.formula).molarMassGPerMol,
    removableOxygenFraction: products[i].removableFraction,
    lossContribution: fractions[i] * products[i].removableFraction,
  }));
  const theoreticalLossFraction = precursors.reduce((s, p) => s + p.lossContribution, 0);
  derivation.push(`Powder: ${precursors.map((p) => `${p.formula} ${pct(p.massFraction)}`).join(', ')}.`);
  derivation.push(
    `Theoretical loss = ${precursors.map((p) => `${fmt(p.massFraction)} × ${fmt(p.removableOxygenFraction)}`).join(' + ')} = ${fmt(theoreticalLossFraction, 5)} (${pct(theoreticalLossFraction)} of the powder mass).`,
  );
  return { precursors, targetWtFraction: target, theoreticalLossFraction, derivation };
}

/** Metal mass left per gram of precursor after complete reduction, per element. */
function metalYield(formula: string): Record<string, number> {
  const product = reductionProduct(formula);
  if (product.inert) return {};
  const w = elementMassFractions(formula);
  const out: Record<string, number> = {};
  for (const el of Object.keys(product.metalAtoms)) out[el] = w[el];
  return out;
}

/**
 * Solve Σ_p x_p · yield_p(E) = w_E for every target element E (x_p = grams of precursor per gram of alloy), then
 * normalise x to powder mass fractions. Needs as many metal-bearing precursors as target elements.
 */
function proportionForTarget(precursors: PrecursorInput[], target: Record<string, number>, derivation: string[]): number[] {
  const elements = Object.keys(target);
  const yields = precursors.map((p) => metalYield(p.formula));
  for (let i = 0; i < precursors.length; i++) {
    const carried = Object.keys(yields[i]);
    if (carried.length === 0) throw new Error(`recipe: ${precursors[i].formula} carries none of the target's metals; give wt.% instead`);
    const stray = carried.filter((el) => !(el in target));
    if (stray.length > 0) throw new Error(`recipe: ${precursors[i].formula} brings ${stray.join(', ')}, which is not in the target alloy`);
  }
  for (const el of elements) {
    if (!yields.some((y) => el in y)) throw new Error(`recipe: no precursor brings ${el} of the target alloy`);
  }
  if (precursors.length !== elements.length) {
    throw new Error(`recipe: ${precursors.length} precursors for ${elements.length} target elements is ambiguous; give wt.% instead`);
  }
  const a = elements.map((el) => precursors.map((_, j) => yields[j][el] ?? 0));
  const x = solveLinearSystem(a, elements.map((el) => target[el]));
  if (!x || x.some((v) => !(v >= 0))) throw new Error('recipe: the precursors cannot give the target alloy (no non-negative solution)');
  const total = x.reduce((s, v) => s + v, 0);
  derivation.push(
    `Per 1 g of alloy: ${precursors.map((p, j) => `${fmt(x[j])} g ${p.formula}`).join(' + ')} = ${fmt(total)} g of powder (metal yields: ${precursors
      .map((p, j) => Object.entries(yields[j]).map(([el, y]) => `${el} ${pct(y)} of ${p.formula}`).join(', '))
      .join('; ')}).`,
  );
  return x.map((v) => v / total);
}

function checkAgainstTarget(precursors: PrecursorInput[], fractions: number[], target: Record<string, number>): string[] {
  const metal: Record<string, number> = {};
  let total = 0;
  precursors.forEach((p, i) => {
    for (const [el, y] of Object.entries(metalYield(p.formula))) {
      metal[el] = (metal[el] ?? 0) + fractions[i] * y;
      total += fractions[i] * y;
    }
  });
  if (total === 0) return ['The powder holds no reducible metal, so the target alloy cannot be checked.'];
  const got = Object.entries(metal).map(([el, m]) => `${el} ${pct(m / total)}`).join(', ');
  const off = Object.keys({ ...target, ...metal }).some((el) => Math.abs((metal[el] ?? 0) / total - (target[el] ?? 0)) > 0.005);
  return [`The given powder reduces to ${got}${off ? ' — this differs from the target by more than 0.5 wt.%' : ', as the target'}.`];
}
