import { describe, expect, it } from 'vitest';
import { atomicMassGPerMol, buildRecipe, elementMassFractions, formulaInfo, molarMassGPerMol, parsePrecursorList, parseTargetAlloy, reductionProduct } from './index';

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

describe('carbonates, hydroxides, hydrates and salts (hand-computed, IUPAC 2021 abridged standard atomic weights)', () => {
  // CIAAW/IUPAC 2021 abridged values (S 32.06 where mf-parser has 32.065): molar masses agree to 1e-4 relative,
  // removable fractions to 5e-5.
  const A = { H: 1.008, C: 12.011, N: 14.007, O: 15.999, S: 32.06, Fe: 55.845, Ni: 58.693 };
  const M = (n: Partial<Record<keyof typeof A, number>>): number => Object.entries(n).reduce((s, [el, k]) => s + A[el as keyof typeof A] * (k as number), 0);
  it.each([
    // formula, what is left (the metal), the whole formula unit
    ['FeCO3', { Fe: 1 }, { Fe: 1, C: 1, O: 3 }], // siderite: 1 − 55.845/115.853 = 0.51797
    ['NiCO3', { Ni: 1 }, { Ni: 1, C: 1, O: 3 }], // 0.50554
    ['Ni(OH)2', { Ni: 1 }, { Ni: 1, O: 2, H: 2 }], // 0.36690
    ['FeOOH', { Fe: 1 }, { Fe: 1, O: 2, H: 1 }], // goethite: 0.37148
    ['Fe(OH)3', { Fe: 1 }, { Fe: 1, O: 3, H: 3 }], // 0.47743
    ['FeC2O4·2H2O', { Fe: 1 }, { Fe: 1, C: 2, O: 6, H: 4 }], // iron(II) oxalate dihydrate, M 179.89: 0.68957
    ['NiCO3·2Ni(OH)2·4H2O', { Ni: 3 }, { Ni: 3, C: 1, O: 11, H: 12 }], // basic nickel carbonate, M 376.17: 0.53193
  ] as const)('%s reduces to metal, removing everything else', (formula, metal, whole) => {
    const hand = 1 - M(metal) / M(whole);
    const p = reductionProduct(formula);
    expect(p.inert).toBe(false);
    expect(p.removableFraction).toBeCloseTo(hand, 4);
    expect(rel(molarMassGPerMol(formula), M(whole))).toBeLessThan(1e-4);
    expect(p.metalAtoms).toEqual(metal);
  });
  it('the removed elements are named in the note (C leaves as CO2/CO, H as H2O)', () => {
    expect(reductionProduct('FeCO3').note).toBe('FeCO3 → Fe: removes C + 3 O = 51.80 % of its mass');
    expect(reductionProduct('Ni(OH)2').note).toBe('Ni(OH)2 → Ni: removes 2 H + 2 O = 36.69 % of its mass');
  });
  it.each([
    ['NiSO4', 'S', { Ni: 1, S: 1, O: 4 }],
    ['NiSO4·6H2O', 'S', { Ni: 1, S: 1, O: 10, H: 12 }], // 262.85 g/mol
    ['Ni(NO3)2·6H2O', 'N', { Ni: 1, N: 2, O: 12, H: 12 }], // 290.79 g/mol
  ] as const)('%s is flagged (its %s does not simply leave as H2O/CO2): nothing counted as removable', (formula, foreign, whole) => {
    const p = reductionProduct(formula);
    expect(p.inert).toBe(true);
    expect(p.removableFraction).toBe(0);
    expect(p.note).toContain(`contains ${foreign}`);
    expect(rel(molarMassGPerMol(formula), M(whole))).toBeLessThan(1e-4);
  });
});

describe('hydrate and adduct notation', () => {
  it('reads ·, *, • and “.nH2O” as adducts with their coefficients; “.” elsewhere is a decimal point', () => {
    const hexahydrate = 154.75 + 6 * 18.015; // NiSO4 + 6 H2O = 262.85 g/mol
    for (const f of ['NiSO4·6H2O', 'NiSO4*6H2O', 'NiSO4 • 6H2O', 'NiSO4.6H2O', 'NiSO4·6(H2O)']) {
      expect(molarMassGPerMol(f)).toBeCloseTo(hexahydrate, 1);
    }
    expect(formulaInfo('NiSO4·6H2O').atoms).toEqual({ Ni: 1, S: 1, O: 10, H: 12 });
    expect(formulaInfo('FeC2O4.2H2O').atoms).toEqual({ Fe: 1, C: 2, O: 6, H: 4 });
    // wüstite: 0.947 Fe per O
    expect(formulaInfo('Fe0.947O').atoms).toEqual({ Fe: 0.947, O: 1 });
    expect(molarMassGPerMol('Fe0.947O')).toBeCloseTo(0.947 * 55.845 + 15.999, 2);
    expect(formulaInfo('NiCO3·2Ni(OH)2·4H2O').canonical).toBe('CNiO3·2H2NiO2·4H2O');
    expect(formulaInfo('Fe2O3').canonical).toBe('Fe2O3');
    expect(() => molarMassGPerMol('NiSO4··6H2O')).toThrow(/not a chemical formula/);
    expect(() => molarMassGPerMol('NiSO4·6')).toThrow(/not a chemical formula/);
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

describe('the derivation a user reads (numbers checked by hand: 0.64/0.6994 = 0.9150 g Fe2O3, 0.36/0.7858 = 0.4581 g NiO)', () => {
  it('Fe2O3 + NiO proportioned for Fe-36Ni', () => {
    expect(buildRecipe({ precursors: [{ formula: 'Fe2O3' }, { formula: 'NiO' }], target: 'Fe-36Ni' }).derivation).toEqual([
      'Target alloy Fe-36Ni: Fe 64.00 % (balance), Ni 36.00 % by mass.',
      'Fe2O3 → 2 Fe: removes 3 O = 30.06 % of its mass (M = 159.69 g/mol).',
      'NiO → Ni: removes O = 21.42 % of its mass (M = 74.69 g/mol).',
      'Per 1 g of alloy: 0.9150 g Fe2O3 + 0.4581 g NiO = 1.3732 g of powder (metal yields: Fe 69.94 % of Fe2O3; Ni 78.58 % of NiO).',
      'Powder: Fe2O3 66.64 %, NiO 33.36 %.',
      'Theoretical loss = 0.6664 × 0.3006 + 0.3336 × 0.2142 = 0.27176 (27.18 % of the powder mass).',
    ]);
  });
  it('wt.% that do not add up to 100 and miss the target: normalised, and the reduced composition is stated', () => {
    // 0.7 × 0.6994 Fe : 0.3 × 0.7858 Ni = 67.50 : 32.50; loss 0.7 × 0.30057 + 0.3 × 0.21421 = 0.27466
    expect(buildRecipe({ precursors: [{ formula: 'Fe2O3', wtPercent: 7 }, { formula: 'NiO', wtPercent: 3 }], target: 'Fe-36Ni (wt.%)' }).derivation).toEqual([
      'Target alloy Fe-36Ni (wt.%): Fe 64.00 % (balance), Ni 36.00 % by mass.',
      'Fe2O3 → 2 Fe: removes 3 O = 30.06 % of its mass (M = 159.69 g/mol).',
      'NiO → Ni: removes O = 21.42 % of its mass (M = 74.69 g/mol).',
      'Powder wt.% add up to 10; normalised to 100.',
      'The given powder reduces to Fe 67.50 %, Ni 32.50 % — this differs from the target by more than 0.5 wt.%.',
      'Powder: Fe2O3 70.00 %, NiO 30.00 %.',
      'Theoretical loss = 0.7000 × 0.3006 + 0.3000 × 0.2142 = 0.27466 (27.47 % of the powder mass).',
    ]);
  });
  it('an inert support counts in the powder but removes nothing; a powder without metal cannot be checked', () => {
    const r = buildRecipe({ precursors: [{ formula: 'Fe2O3', wtPercent: 70 }, { formula: 'Al2O3', wtPercent: 30 }] });
    expect(r.derivation[1]).toBe('Al2O3: contains Al (not reducible by H2 here): treated as inert, removes nothing (M = 101.96 g/mol).');
    expect(r.theoreticalLossFraction).toBeCloseTo(0.7 * 0.30057, 4);
    expect(r.derivation).not.toContain('Powder wt.% add up to 100; normalised to 100.');
    const none = buildRecipe({ precursors: [{ formula: 'Al2O3', wtPercent: 100 }], target: 'Fe-36Ni' });
    expect(none.derivation[2]).toBe('The powder holds no reducible metal, so the target alloy cannot be checked.');
    expect(none.theoreticalLossFraction).toBe(0);
  });
  it('within 0.5 wt.% of the target it says so', () => {
    const r = buildRecipe({ precursors: [{ formula: 'Fe2O3', wtPercent: 66.8 }, { formula: 'NiO', wtPercent: 33.2 }], target: 'Fe-36Ni' });
    expect(r.derivation.find((l) => l.startsWith('The given powder'))).toMatch(/^The given powder reduces to Fe 64\.\d\d %, Ni 35\.\d\d %, as the target\.$/);
  });
  it('reduction notes: metals, several metal atoms, no metal at all', () => {
    expect(reductionProduct('Ni').note).toBe('Ni: metal, removes nothing');
    expect(reductionProduct('Fe2O3').metalAtoms).toEqual({ Fe: 2 });
    expect(reductionProduct('NiFe2O4').note).toBe('NiFe2O4 → 2 Fe + Ni: removes 4 O = 27.30 % of its mass'); // 4 × 15.999 / 234.38 = 0.27304
    const water = reductionProduct('H2O');
    expect(water).toEqual({ removableFraction: 0, metalAtoms: {}, note: 'H2O: holds no metal: treated as inert, removes nothing', inert: true });
    for (const metal of ['Fe', 'Ni', 'Co', 'Cu', 'Mo', 'W']) {
      expect(reductionProduct(`${metal}O`).inert).toBe(false);
      expect(reductionProduct(`${metal}O`).metalAtoms).toEqual({ [metal]: 1 });
    }
    expect(reductionProduct('MnO').inert).toBe(true);
  });
});

describe('what the formula, alloy and precursor readers accept and refuse', () => {
  it('formulas: surrounding space is ignored; symbols outside the formula alphabet, unknown elements and empty parts are refused', () => {
    expect(formulaInfo('  Fe2O3 ')).toBe(formulaInfo('Fe2O3'));
    expect(() => molarMassGPerMol('Fe2O3!')).toThrow("'Fe2O3!' is not a chemical formula");
    expect(() => molarMassGPerMol('Fe2 O3-')).toThrow(/is not a chemical formula/);
    expect(() => molarMassGPerMol('Qq')).toThrow(/^'Qq' is not a chemical formula \(/);
    expect(() => molarMassGPerMol('   ')).toThrow("'   ' is not a chemical formula");
  });
  it('atomic masses: one element symbol only', () => {
    expect(atomicMassGPerMol('Fe')).toBeCloseTo(55.845, 3);
    expect(() => atomicMassGPerMol('O2')).toThrow("'O2' is not an element symbol");
    expect(() => atomicMassGPerMol('FeO')).toThrow("'FeO' is not an element symbol");
    expect(elementMassFractions('NiO')).toEqual({ Ni: expect.closeTo(58.693 / 74.692, 4), O: expect.closeTo(15.999 / 74.692, 4) });
  });
  it('target alloys: amounts before or after the symbol, decimals, spaces, a trailing (wt.%)', () => {
    expect(parseTargetAlloy('Fe-36Ni')).toEqual(parseTargetAlloy('Fe - Ni36 (wt.%)'));
    expect(parseTargetAlloy('Fe-36.5Ni')).toEqual({ Fe: expect.closeTo(0.635, 12), Ni: 0.365 });
    expect(parseTargetAlloy('Fe-36 Ni wt%')).toEqual({ Fe: expect.closeTo(0.64, 12), Ni: 0.36 });
    expect(parseTargetAlloy('Ni')).toEqual({ Ni: 1 });
    expect(() => parseTargetAlloy('fe-36Ni')).toThrow("target alloy 'fe-36Ni': expected the balance element first, then amount+element in wt.%, e.g. 'Fe-36Ni'");
    expect(() => parseTargetAlloy('Fe-36Ni5')).toThrow(/balance element first/);
    expect(() => parseTargetAlloy('Fe-Ni')).toThrow(/balance element first/);
    expect(() => parseTargetAlloy('Fe-36Fe')).toThrow("target alloy 'Fe-36Fe': Fe appears twice");
    expect(() => parseTargetAlloy('Fe-30Ni-6Ni')).toThrow("target alloy 'Fe-30Ni-6Ni': Ni appears twice");
    expect(() => parseTargetAlloy('Fe-100Ni')).toThrow("target alloy 'Fe-100Ni': the alloying elements add up to 100 wt.%, leaving no balance");
    expect(() => parseTargetAlloy('Fe-36Qq')).toThrow(/not a chemical formula/);
    expect(() => parseTargetAlloy('Qq-36Ni')).toThrow(/not a chemical formula/);
  });
  it('precursor lists: separators , ; +, wt.% as :70, =70 or 70 %, the formula checked', () => {
    expect(parsePrecursorList(' Fe2O3 ; NiO ')).toEqual([{ formula: 'Fe2O3' }, { formula: 'NiO' }]);
    expect(parsePrecursorList('Fe2O3=66.6+NiO: 33.4 %')).toEqual([{ formula: 'Fe2O3', wtPercent: 66.6 }, { formula: 'NiO', wtPercent: 33.4 }]);
    expect(() => parsePrecursorList(' , ')).toThrow("precursors ' , ': expected e.g. 'Fe2O3,NiO' or 'Fe2O3:70,NiO:30'");
    expect(() => parsePrecursorList('Fe2O3:x')).toThrow("precursor 'Fe2O3:x': expected FORMULA or FORMULA:WT%");
    expect(() => parsePrecursorList('Fe2O3:7.')).toThrow(/expected FORMULA or FORMULA:WT%/);
    expect(() => parsePrecursorList('Fe2O3,Qq')).toThrow(/'Qq' is not a chemical formula/);
    expect(() => parsePrecursorList('Fe2O3:70,NiO')).toThrow("precursors 'Fe2O3:70,NiO': give a wt.% for every precursor or for none");
  });
  it('recipes refuse what cannot be computed, naming why', () => {
    expect(() => buildRecipe({ precursors: [] })).toThrow('recipe: no precursors given');
    expect(() => buildRecipe({ precursors: [{ formula: 'Fe2O3', wtPercent: 0 }, { formula: 'NiO', wtPercent: 0 }] })).toThrow('recipe: the wt.% of the precursors add up to 0');
    expect(() => buildRecipe({ precursors: [{ formula: 'Fe2O3', wtPercent: 70 }, { formula: 'NiO' }] })).toThrow('recipe: give a wt.% for every precursor or for none');
    expect(() => buildRecipe({ precursors: [{ formula: 'Fe2O3' }, { formula: 'Al2O3' }], target: 'Fe-36Ni' })).toThrow("recipe: Al2O3 carries none of the target's metals; give wt.% instead");
    expect(() => buildRecipe({ precursors: [{ formula: 'Fe2O3' }, { formula: 'Fe3O4' }], target: 'Fe-36Ni' })).toThrow('recipe: no precursor brings Ni of the target alloy');
    expect(() => buildRecipe({ precursors: [{ formula: 'Fe2O3' }, { formula: 'CoO' }], target: 'Fe-36Ni' })).toThrow('recipe: CoO brings Co, which is not in the target alloy');
    expect(() => buildRecipe({ precursors: [{ formula: 'Fe2O3' }, { formula: 'NiO' }] })).toThrow("recipe: 2 precursors without wt.% need a target alloy (e.g. 'Fe-36Ni') to be proportioned");
    // NiFe2O4 alone is Fe-34.4Ni at most: Fe-50Ni needs a negative Fe2O3 share
    expect(() => buildRecipe({ precursors: [{ formula: 'NiFe2O4' }, { formula: 'Fe2O3' }], target: 'Fe-50Ni' })).toThrow('recipe: the precursors cannot give the target alloy (no non-negative solution)');
  });
  it('a precursor that makes no metal at all of the target can still be proportioned when the other carries it all', () => {
    // Ni metal + NiO for pure Ni: 2 precursors for 1 element is ambiguous
    expect(() => buildRecipe({ precursors: [{ formula: 'Ni' }, { formula: 'NiO' }], target: 'Ni' })).toThrow(/ambiguous/);
    const one = buildRecipe({ precursors: [{ formula: 'NiO' }], target: 'Ni' });
    expect(one.precursors[0].massFraction).toBe(1);
    expect(one.theoreticalLossFraction).toBeCloseTo(15.999 / 74.692, 4);
  });
});
