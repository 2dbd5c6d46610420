import { describe, expect, it } from 'vitest';
import {
  cellComposition,
  cellMassAmu,
  DEFAULT_FENI_VEGARD,
  feNiPhase,
  getPhase,
  phaseLibrary,
  structureFactorSquared,
  vegardComposition,
  vegardLattice,
  xrayDensityGPerCm3,
} from './index';

const ORDER: Record<number, number> = { 225: 192, 229: 96, 221: 48, 227: 192, 167: 36, 194: 24, 182: 12, 136: 16, 141: 32 };

describe('phase library', () => {
  it('holds the agreed phases, each with citation, symmetry, atoms and a valid cell', () => {
    expect(phaseLibrary.map((p) => p.id)).toEqual([
      'hematite', 'magnetite', 'wustite', 'bcc-Fe', 'fcc-Ni', 'fcc-FeNi', 'NiO', 'LaB6', 'CeO2', 'Au', 'MgO', 'Pt', 'Re', 'Fe3N', 'anatase', 'rutile', 'austenite', 'ferrite',
    ]);
    for (const p of phaseLibrary) {
      expect(p.citation.length).toBeGreaterThan(20);
      expect(p.symops).toHaveLength(ORDER[p.spaceGroup.number]);
      expect(p.atoms.length).toBeGreaterThan(0);
      for (const a of p.atoms) {
        expect(a.occupancy).toBeGreaterThan(0);
        expect(a.bIsoA2).toBeGreaterThanOrEqual(0);
      }
    }
    expect(getPhase('magnetite').spaceGroup.setting).toBe('origin choice 2');
    expect(getPhase('hematite').spaceGroup).toMatchObject({ symbol: 'R-3c', number: 167, setting: 'hexagonal axes' });
  });

  it('cell mass = Z·M (Hill–Howard) and X-ray densities', () => {
    expect(cellMassAmu(getPhase('hematite'))).toBeCloseTo(6 * 159.687, 1);
    expect(cellMassAmu(getPhase('magnetite'))).toBeCloseTo(8 * 231.531, 1);
    expect(cellMassAmu(getPhase('wustite'))).toBeCloseTo(4 * (0.947 * 55.845 + 15.999), 1);
    expect(cellMassAmu(getPhase('anatase'))).toBeCloseTo(4 * 79.866, 1);
    expect(cellMassAmu(getPhase('Fe3N'))).toBeCloseTo(2 * (3 * 55.845 + 14.007), 1);
    expect(cellMassAmu(getPhase('LaB6'))).toBeCloseTo(138.905 + 6 * 10.81, 1);
    expect(cellComposition(getPhase('CeO2'))).toEqual({ Ce: 4, O: 8 });
    expect(xrayDensityGPerCm3(getPhase('hematite'))).toBeCloseTo(5.26, 2);
    expect(xrayDensityGPerCm3(getPhase('magnetite'))).toBeCloseTo(5.196, 2); // AMCSD 0002400 states 5.196
    expect(xrayDensityGPerCm3(getPhase('bcc-Fe'))).toBeCloseTo(7.875, 2);
  });

  it('getPhase is case-insensitive and names the library when the id is unknown', () => {
    expect(getPhase('LAB6').id).toBe('LaB6');
    expect(() => getPhase('unobtainium')).toThrow(/hematite, magnetite/);
  });
});

describe('fcc (Fe,Ni) Vegard composition parameter', () => {
  it('a(x) is linear between the editable end members; x is recovered from a', () => {
    const { aAtZeroA, aAtOneA } = DEFAULT_FENI_VEGARD.endMembers;
    expect(vegardLattice(DEFAULT_FENI_VEGARD, 0.5).aA).toBeCloseTo((aAtZeroA + aAtOneA) / 2, 12);
    expect(vegardComposition(DEFAULT_FENI_VEGARD, vegardLattice(DEFAULT_FENI_VEGARD, 0.36).aA)).toBeCloseTo(0.36, 12);
    const custom = { ...DEFAULT_FENI_VEGARD, endMembers: { aAtZeroA: 3.6651, aAtOneA: 3.562764 } };
    const p = feNiPhase(0.9438293557988793, custom);
    expect(p.lattice.aA).toBeCloseTo(3.5685125, 6); // truth.json frame 1 of the simulated Fe2O3+NiO study
    expect(p.vegard?.x).toBe(0.9438293557988793);
    expect(getPhase('fcc-FeNi').vegard?.x).toBe(0.5);
  });

  it('occupancies follow x: Ni end member scatters like fcc Ni, x out of range is refused', () => {
    const ni = feNiPhase(1);
    expect(ni.lattice.aA).toBe(getPhase('fcc-Ni').lattice.aA);
    const opts = { debyeWaller: false };
    expect(structureFactorSquared(ni, 1, 1, 1, undefined, opts)).toBeCloseTo(structureFactorSquared(getPhase('fcc-Ni'), 1, 1, 1, undefined, opts), 6);
    expect(cellComposition(feNiPhase(0.25))).toEqual({ Fe: 3, Ni: 1 });
    expect(() => feNiPhase(1.2)).toThrow(/0…1/);
  });
});
