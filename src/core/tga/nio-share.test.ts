/**
 * The apparent Fe2O3 conversion of a Fe2O3 + NiO run: α_Fe2O3 = clip((α − s)/(1 − s), 0, 1), s = NiO's share of the
 * theoretical loss (NiO reduces first). Values computed by hand from the molar masses.
 */
import { describe, expect, it } from 'vitest';
import { buildRecipe } from '../chem/recipe';
import { nioShare } from './analyze';

describe('nioShare: the apparent Fe2O3 conversion stays within 0…1', () => {
  it('70 wt.% Fe2O3 + 30 wt.% NiO: s = 0.2340; α below s reads 0, α past 1 (an overshoot) reads 1', () => {
    // NiO: 0.30 × O/NiO = 0.30 × 15.9994/74.6928 = 0.064261; Fe2O3: 0.70 × 3 O/Fe2O3 = 0.70 × 47.9982/159.6882
    // = 0.210400; s = 0.064261 / 0.274661 = 0.23396.
    const recipe = buildRecipe({ precursors: [{ formula: 'Fe2O3', wtPercent: 70 }, { formula: 'NiO', wtPercent: 30 }] });
    const r = nioShare(recipe, Float64Array.from([0.1, 0.617, 1, 1.1]));
    expect(r?.lossShare).toBeCloseTo(0.23396, 4);
    const fe = Array.from(r?.apparentFe2O3Alpha ?? []);
    // (0.617 − 0.23396)/(1 − 0.23396) = 0.50002; α = 1.1 would read (1.1 − 0.23396)/0.76604 = 1.1305 unclipped
    expect(fe[0]).toBe(0);
    expect(fe[1]).toBeCloseTo(0.5, 3);
    expect(fe[2]).toBeCloseTo(1, 12);
    expect(fe[3]).toBe(1);
  });

  it('no share without NiO, nor when NiO is all of the loss', () => {
    const a = Float64Array.from([0.5]);
    expect(nioShare(buildRecipe({ precursors: [{ formula: 'Fe2O3' }] }), a)).toBeNull();
    // NiO alone: s = 1, no Fe2O3 left to convert
    expect(nioShare(buildRecipe({ precursors: [{ formula: 'NiO' }] }), a)).toBeNull();
    // NiO beside Ni metal (no loss of its own): still all of the loss
    expect(nioShare(buildRecipe({ precursors: [{ formula: 'NiO', wtPercent: 50 }, { formula: 'Ni', wtPercent: 50 }] }), a)).toBeNull();
  });
});
