import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  atomicNumber,
  cubicLattice,
  formFactor,
  generateReflections,
  getPhase,
  hklList,
  lorentzPolarisation,
  parseSpecies,
  polarisationFactor,
  prepareReflectionTable,
  reflectionTwoThetas,
  structureFactorSquared,
  tableF2,
  withCubicA,
} from './index';

const REF = resolve(import.meta.dirname, '../../../../test/fixtures/reference');

describe('X-ray form factors (Waasmaier & Kirfel 1995)', () => {
  it('f(0) = Z for neutral atoms and Z − charge for ions', () => {
    for (const el of ['Fe', 'Ni', 'O', 'La', 'B', 'Ce', 'Au', 'Mg', 'Pt', 'Re', 'N', 'Ti', 'C', 'Cr', 'Mn', 'Si', 'Mo', 'Co', 'Cu']) {
      expect(Math.abs(formFactor(el, 0) - atomicNumber(el))).toBeLessThan(0.05); // WK fits are not constrained to Z
    }
    expect(formFactor('Fe3+', 0)).toBeCloseTo(23, 1);
    expect(formFactor('Fe2+', 0)).toBeCloseTo(24, 1);
    expect(formFactor('O2-', 0)).toBeCloseTo(10, 1);
    expect(formFactor('Ti4+', 0)).toBeCloseTo(18, 1);
    expect(formFactor('Ni2+', 0)).toBeCloseTo(26, 1);
  });

  it('reads species symbols and falls back to the neutral atom for untabulated ions', () => {
    expect(parseSpecies('Fe3+')).toEqual({ element: 'Fe', charge: 3 });
    expect(parseSpecies('O-2')).toEqual({ element: 'O', charge: -2 });
    expect(parseSpecies('FE')).toEqual({ element: 'Fe', charge: 0 });
    expect(parseSpecies('Fe1')).toEqual({ element: 'Fe', charge: 0 });
    expect(formFactor('Re4+', 0.3)).toBe(formFactor('Re', 0.3)); // no Re4+ in the WK table
    expect(() => formFactor('Xx', 0.1)).toThrow(/no X-ray form factor/);
  });

  it('agrees with International Tables Vol. C Table 6.1.1.4 (IT92, from gemmi) within 0.07 electrons for s ≤ 1.5 Å⁻¹', () => {
    const it92 = JSON.parse(readFileSync(resolve(REF, 'gemmi-it92-form-factors.json'), 'utf8')) as { sInvA: number[]; f: Record<string, number[]> };
    expect(Object.keys(it92.f)).toHaveLength(19);
    let worst = 0;
    for (const [el, values] of Object.entries(it92.f)) {
      it92.sInvA.forEach((s, i) => {
        worst = Math.max(worst, Math.abs(formFactor(el, s) - values[i]));
      });
    }
    expect(worst).toBeLessThan(0.07);
    expect(worst).toBeGreaterThan(0); // two different parameterisations
  });

  it('pymatgen model reproduces pymatgen’s tabulated f(s) exactly; WK differs from it by < 0.5 % for s ≤ 0.3 Å⁻¹ except La/Ce/Pt/Re', () => {
    const pmg = JSON.parse(readFileSync(resolve(REF, 'pymatgen-form-factors.json'), 'utf8')) as { sInvA: number[]; f: Record<string, number[]> };
    for (const [el, values] of Object.entries(pmg.f)) {
      pmg.sInvA.forEach((s, i) => {
        expect(formFactor(el, s, 'pymatgen')).toBeCloseTo(values[i], 4);
        if (s <= 0.3 && !['La', 'Ce', 'Pt', 'Re'].includes(el)) expect(Math.abs(formFactor(el, s) / values[i] - 1)).toBeLessThan(0.006);
      });
    }
  });
});

describe('structure factors', () => {
  const s = (phase: ReturnType<typeof getPhase>, h: number, k: number, l: number) => 1 / (2 * (phase.lattice.aA / Math.sqrt(h * h + k * k + l * l)));

  it('fcc metal: F = 4f·T for allowed, 0 for mixed parity', () => {
    const ni = getPhase('fcc-Ni');
    const b = ni.atoms[0].bIsoA2;
    const sv = s(ni, 1, 1, 1);
    const expected = 4 * formFactor('Ni', sv) * Math.exp(-b * sv * sv);
    expect(structureFactorSquared(ni, 1, 1, 1)).toBeCloseTo(expected * expected, 6);
    expect(structureFactorSquared(ni, 1, 0, 0)).toBeCloseTo(0, 9);
    expect(structureFactorSquared(ni, 1, 1, 1, undefined, { debyeWaller: false })).toBeCloseTo((4 * formFactor('Ni', sv)) ** 2, 6);
  });

  it('bcc: F = 2f; rock salt NiO: F(111) = 4(f_Ni − f_O), F(200) = 4(f_Ni + f_O); wüstite carries the Fe occupancy', () => {
    const fe = getPhase('bcc-Fe');
    const sv = s(fe, 1, 1, 0);
    expect(structureFactorSquared(fe, 1, 1, 0, undefined, { debyeWaller: false })).toBeCloseTo((2 * formFactor('Fe', sv)) ** 2, 6);
    const nio = getPhase('NiO');
    const s111 = s(nio, 1, 1, 1);
    const s200 = s(nio, 2, 0, 0);
    const dw = { debyeWaller: false };
    expect(structureFactorSquared(nio, 1, 1, 1, undefined, dw)).toBeCloseTo((4 * (formFactor('Ni', s111) - formFactor('O', s111))) ** 2, 6);
    expect(structureFactorSquared(nio, 2, 0, 0, undefined, dw)).toBeCloseTo((4 * (formFactor('Ni', s200) + formFactor('O', s200))) ** 2, 6);
    const w = getPhase('wustite');
    const sw = s(w, 2, 0, 0);
    expect(structureFactorSquared(w, 2, 0, 0, undefined, dw)).toBeCloseTo((4 * (0.947 * formFactor('Fe', sw) + formFactor('O', sw))) ** 2, 6);
  });

  it('F is invariant under the Laue group (Friedel pairs and equivalents of magnetite 311)', () => {
    const m = getPhase('magnetite');
    const ref = structureFactorSquared(m, 3, 1, 1);
    for (const [h, k, l] of [[1, 3, 1], [-3, -1, -1], [1, -1, 3], [-1, 3, -1]]) expect(structureFactorSquared(m, h, k, l)).toBeCloseTo(ref, 6);
    expect(structureFactorSquared(m, 2, 0, 0)).toBeCloseTo(0, 8); // d-glide absence
  });

  it('F² at a lattice override uses s = 1/2d of that lattice', () => {
    const au = getPhase('Au');
    const l2 = cubicLattice(4.2);
    const sv = Math.sqrt(3) / (2 * 4.2);
    const exp = 4 * formFactor('Au', sv) * Math.exp(-au.atoms[0].bIsoA2 * sv * sv);
    expect(structureFactorSquared(au, 1, 1, 1, l2)).toBeCloseTo(exp * exp, 6);
  });
});

describe('Lorentz–polarisation', () => {
  it('Debye–Scherrer models and Bragg–Brentano with a monochromator', () => {
    const tth = 30;
    const th = (tth / 2) * (Math.PI / 180);
    const L = 1 / (Math.sin(th) ** 2 * Math.cos(th));
    const c2 = Math.cos(2 * th) ** 2;
    expect(lorentzPolarisation(tth, { kind: 'debye-scherrer' })).toBeCloseTo((L * (1 + c2)) / 2, 10);
    expect(lorentzPolarisation(tth, { kind: 'debye-scherrer', polarisation: 'none' })).toBeCloseTo(L, 10);
    expect(polarisationFactor(tth, { kind: 'debye-scherrer', polarisation: 'synchrotron', polarisationFraction: 1, azimuthDeg: 90 })).toBeCloseTo(1, 12);
    expect(polarisationFactor(tth, { kind: 'debye-scherrer', polarisation: 'synchrotron', polarisationFraction: 1, azimuthDeg: 0 })).toBeCloseTo(c2, 12);
    expect(polarisationFactor(tth, { kind: 'debye-scherrer', polarisation: 'synchrotron' })).toBeCloseTo(0.5 * (1 + c2 + 0.99 * (1 - c2)), 12);
    const cm = Math.cos((26.6 * Math.PI) / 180) ** 2;
    expect(lorentzPolarisation(tth, { kind: 'bragg-brentano', monochromatorTwoThetaDeg: 26.6 })).toBeCloseTo((L * (1 + cm * c2)) / (1 + cm), 10);
    expect(lorentzPolarisation(tth, { kind: 'bragg-brentano' })).toBeCloseTo((L * (1 + c2)) / 2, 10);
  });
});

describe('reflection lists', () => {
  it('generateReflections: sorted by 2θ, m·|F|²·LP, range limits, relative-intensity cut', () => {
    const mag = getPhase('magnetite');
    const refl = generateReflections(mag, { wavelengthA: 1.5406, twoThetaMinDeg: 15, twoThetaMaxDeg: 65 });
    expect(refl.map((r) => `${r.h}${r.k}${r.l}`)).toEqual(['111', '220', '311', '222', '400', '331', '422', '511', '333', '440']);
    expect(refl[2].multiplicity).toBe(24);
    for (let i = 1; i < refl.length; i++) expect(refl[i].twoThetaDeg).toBeGreaterThanOrEqual(refl[i - 1].twoThetaDeg - 1e-9);
    for (const r of refl) expect(r.intensity).toBeCloseTo(r.multiplicity * r.f2 * lorentzPolarisation(r.twoThetaDeg, { kind: 'debye-scherrer' }), 6);
    const strongest = refl.reduce((a, b) => (b.intensity > a.intensity ? b : a));
    expect(strongest).toMatchObject({ h: 3, k: 1, l: 1 });
    expect(refl[2].twoThetaDeg).toBeCloseTo(35.428, 2);
    const cut = generateReflections(mag, { wavelengthA: 1.5406, twoThetaMinDeg: 15, twoThetaMaxDeg: 65, minRelativeIntensity: 0.05 });
    expect(cut.length).toBeLessThan(refl.length);
    expect(cut.every((r) => r.intensity >= 0.05 * strongest.intensity)).toBe(true);
  });

  it('known relative intensities: hematite 104 > 110 > 012 (Cu Kα1)', () => {
    const r = generateReflections(getPhase('hematite'), { wavelengthA: 1.5406, twoThetaMaxDeg: 40 });
    const I = (h: number, k: number, l: number) => r.find((x) => x.h === h && x.k === k && x.l === l)!.intensity;
    expect(I(1, 0, 4)).toBeGreaterThan(I(1, 1, 0));
    expect(I(1, 1, 0)).toBeGreaterThan(I(0, 1, 2));
    expect(I(1, 1, 0) / I(1, 0, 4)).toBeGreaterThan(0.6);
    expect(I(1, 1, 0) / I(1, 0, 4)).toBeLessThan(0.85);
  });

  it('hklList cache is reused for a refined lattice (±0.5 %) and still cuts at the new d_min', () => {
    const fe = getPhase('magnetite');
    const a = hklList(fe, 0.745);
    const b = hklList(fe, 0.745, cubicLattice(8.3965 * 1.005));
    const c = hklList(withCubicA(fe, 8.3965 * 1.005), 0.745);
    expect(b).toEqual(c);
    expect(b.length).toBeGreaterThanOrEqual(a.length);
    const dMin = 0.745;
    for (const r of b) expect((8.3965 * 1.005) / Math.sqrt(r.h * r.h + r.k * r.k + r.l * r.l)).toBeGreaterThanOrEqual(dMin - 1e-12);
  });

  it('reflection table + reflectionTwoThetas + tableF2 reproduce generateReflections for a new lattice', () => {
    const fe = getPhase('fcc-Ni');
    const table = prepareReflectionTable(fe, 0.7);
    const lat = cubicLattice(3.56);
    const tth = reflectionTwoThetas(table, lat, 0.20735);
    const f2 = tableF2(fe, table, lat);
    const gen = generateReflections(fe, { wavelengthA: 0.20735, twoThetaMaxDeg: 2 * Math.asin(0.20735 / 1.4) * (180 / Math.PI), lattice: lat });
    expect(gen.length).toBe(table.count);
    gen.forEach((r, i) => {
      expect(tth[i]).toBeCloseTo(r.twoThetaDeg, 10);
      expect(f2[i]).toBeCloseTo(r.f2, 6);
      expect(table.multiplicity[i]).toBe(r.multiplicity);
    });
  });
});
