import { describe, expect, it } from 'vitest';
import { buildRecipe, molarMassGPerMol, parsePrecursorList, parseTargetAlloy, reductionProduct } from './index';

// Expected values: ../shared/fixtures/simulated/tga-700C-isothermal/truth.json (independent Python simulation).
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('molar masses (IUPAC standard atomic weights via mf-parser)', () => {
  it.each([
    ['Fe2O3', 159.69],
    ['Fe3O4', 231.53],
    ['FeO', 71.84],
    ['NiO', 74.69],
    ['Ni', 58.69],
    ['WO3', 231.84],
  ])('%s = %f g/mol', (formula, expected) => {
    expect(molarMassGPerMol(formula)).toBeCloseTo(expected, 2);
  });
  it('rejects what is not a formula', () => {
    expect(() => molarMassGPerMol('Xx2')).toThrow(/not a chemical formula/);
    expect(() => molarMassGPerMol('')).toThrow(/not a chemical formula/);
  });
});

describe('removable oxygen', () => {
  it('Fe oxides and NiO reduce to metal', () => {
    expect(reductionProduct('Fe2O3').removableFraction).toBeCloseTo(0.30057, 4);
    expect(reductionProduct('Fe3O4').removableFraction).toBeCloseTo((4 * 15.9994) / 231.533, 4);
    expect(reductionProduct('FeO').removableFraction).toBeCloseTo(15.9994 / 71.844, 4);
    expect(reductionProduct('NiO').removableFraction).toBeCloseTo(15.9994 / 74.6928, 4);
    expect(reductionProduct('Fe2O3').note).toContain('2 Fe');
  });
  it('metals remove nothing; non-reducible oxides are inert and flagged', () => {
    expect(reductionProduct('Ni').removableFraction).toBe(0);
    expect(reductionProduct('Fe').inert).toBe(false);
    const al = reductionProduct('Al2O3');
    expect(al.removableFraction).toBe(0);
    expect(al.inert).toBe(true);
    expect(al.note).toMatch(/Al/);
  });
  it('hydroxides lose H and O', () => {
    expect(reductionProduct('Ni(OH)2').removableFraction).toBeCloseTo(1 - 58.6934 / 92.708, 4);
  });
});

describe('target alloys and precursor lists', () => {
  it('parses balance-first wt.% notation', () => {
    expect(parseTargetAlloy('Fe-36Ni')).toEqual({ Fe: expect.closeTo(0.64, 12), Ni: 0.36 });
    const three = parseTargetAlloy('Fe-36Ni-5Co (wt.%)');
    expect(three.Fe).toBeCloseTo(0.59, 12);
    expect(three.Co).toBeCloseTo(0.05, 12);
    expect(() => parseTargetAlloy('36Ni')).toThrow(/balance element first/);
    expect(() => parseTargetAlloy('Fe-60Ni-50Co')).toThrow(/no balance/);
  });
  it('parses CLI precursor strings', () => {
    expect(parsePrecursorList('Fe2O3,NiO')).toEqual([{ formula: 'Fe2O3' }, { formula: 'NiO' }]);
    expect(parsePrecursorList('Fe2O3:70, NiO:30')).toEqual([{ formula: 'Fe2O3', wtPercent: 70 }, { formula: 'NiO', wtPercent: 30 }]);
    expect(() => parsePrecursorList('Fe2O3:70,NiO')).toThrow(/every precursor or for none/);
  });
});

describe('theoretical loss of the simulated study', () => {
  it('Fe2O3 alone: 30.06 %', () => {
    const r = buildRecipe({ precursors: [{ formula: 'Fe2O3' }] });
    expect(rel(r.theoreticalLossFraction, 0.3005692385729585)).toBeLessThan(1e-4);
    expect(r.precursors[0].massFraction).toBe(1);
  });
  it('Fe2O3 + Ni for Fe-36Ni: 21.57 %', () => {
    const r = buildRecipe({ precursors: [{ formula: 'Fe2O3' }, { formula: 'Ni' }], target: 'Fe-36Ni' });
    expect(rel(r.theoreticalLossFraction, 0.21570461451344625)).toBeLessThan(1e-4);
    expect(rel(r.precursors[0].massFraction, 0.7176536612248408)).toBeLessThan(1e-4);
    expect(rel(r.precursors[1].massFraction, 0.28234633877515936)).toBeLessThan(1e-4);
    expect(r.derivation.join('\n')).toContain('21.57 %');
  });
  it('Fe2O3 + NiO for Fe-36Ni: 27.18 %', () => {
    const r = buildRecipe({ precursors: [{ formula: 'Fe2O3' }, { formula: 'NiO' }], target: 'Fe-36Ni' });
    expect(rel(r.theoreticalLossFraction, 0.27175315915343035)).toBeLessThan(1e-4);
    expect(rel(r.precursors[0].massFraction, 0.6663675718106398)).toBeLessThan(1e-4);
    expect(rel(r.precursors[1].lossContribution, 0.3336324281893602 * (15.9994 / 74.6928))).toBeLessThan(1e-4);
    expect(r.targetWtFraction).toEqual({ Fe: expect.closeTo(0.64, 12), Ni: 0.36 });
  });
  it('wt.% recipes are normalised and checked against a target', () => {
    const r = buildRecipe({ precursors: [{ formula: 'Fe2O3', wtPercent: 66.63675718106398 }, { formula: 'NiO', wtPercent: 33.36324281893602 }], target: 'Fe-36Ni' });
    expect(rel(r.theoreticalLossFraction, 0.27175315915343035)).toBeLessThan(1e-4);
    expect(r.derivation.join('\n')).toMatch(/as the target/);
    const off = buildRecipe({ precursors: [{ formula: 'Fe2O3', wtPercent: 7 }, { formula: 'NiO', wtPercent: 3 }], target: 'Fe-36Ni' });
    expect(off.precursors[0].massFraction).toBeCloseTo(0.7, 12);
    expect(off.derivation.join('\n')).toMatch(/differs from the target/);
  });
  it('mixed oxides are proportioned with a linear solve', () => {
    // NiFe2O4 + Fe2O3 for Fe-30Ni (the spinel alone gives 34.4 % Ni): check the reduced product's composition.
    const r = buildRecipe({ precursors: [{ formula: 'NiFe2O4' }, { formula: 'Fe2O3' }], target: 'Fe-30Ni' });
    const feFromSpinel = (2 * 55.845) / 234.381;
    const niFromSpinel = 58.6934 / 234.381;
    const feFromHematite = (2 * 55.845) / 159.6885;
    const fe = r.precursors[0].massFraction * feFromSpinel + r.precursors[1].massFraction * feFromHematite;
    const ni = r.precursors[0].massFraction * niFromSpinel;
    expect(ni / (fe + ni)).toBeCloseTo(0.3, 4);
    expect(() => buildRecipe({ precursors: [{ formula: 'NiFe2O4' }, { formula: 'Fe2O3' }], target: 'Fe-36Ni' })).toThrow(/non-negative/);
  });
  it('explains what it cannot do', () => {
    expect(() => buildRecipe({ precursors: [{ formula: 'Fe2O3' }, { formula: 'NiO' }] })).toThrow(/need a target alloy/);
    expect(() => buildRecipe({ precursors: [{ formula: 'Fe2O3' }, { formula: 'Fe3O4' }, { formula: 'NiO' }], target: 'Fe-36Ni' })).toThrow(/ambiguous/);
    expect(() => buildRecipe({ precursors: [{ formula: 'Fe2O3' }, { formula: 'CuO' }], target: 'Fe-36Ni' })).toThrow(/Cu/);
  });
});
