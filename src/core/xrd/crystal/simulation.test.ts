/**
 * The phase library against the structures of the project's simulated in situ studies (CIFs written by the
 * simulation, ../shared/fixtures/simulated/sxrd-structures: 700 °C cells and B, pymatgen-made patterns): the same
 * crystal structures (space group, sites, occupancies, including magnetite in origin choice 2 and wüstite's Fe
 * vacancies), and library cells expanded to 700 °C with their mean thermal expansion within 0.05 % of the simulated
 * cells. Also the Fd-3m origin bookkeeping that a wrong origin choice breaks.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { haveSimulated, simulatedDir } from '../../../../test/fixtures/xrd/paths';
import { parseCif } from './cif';
import {
  expandSites,
  formatSymop,
  getPhase,
  parseSymop,
  shiftOrigin,
  structureFactorSquared,
  withLattice,
  withVegardComposition,
  type PhaseDef,
} from './index';
import { phaseAtTemperature } from './thermal';

const key = (s: string) => formatSymop(parseSymop(s));
/** Fd-3m origin choice 1 operators: the origin-2 operators re-expressed with x₁ = x₂ + 1/8 (ITA Vol. A). */
const fd3mOrigin1 = (): string[] => shiftOrigin(getPhase('magnetite').symops, [-1 / 8, -1 / 8, -1 / 8]);

describe('Fd-3m origin choices', () => {
  it('origin choice 1 operators contain those of International Tables origin 1', () => {
    const ours = new Set(fd3mOrigin1().map(key));
    expect(ours.size).toBe(192);
    for (const s of ['-x+1/2,z,-y+1/2', '-z+1/4,x+1/4,y+1/4', '-x,-z,y', 'z+1/4,-x+3/4,y+3/4', '-y+1/4,-z+1/4,-x+1/4']) expect(ours.has(key(s))).toBe(true);
  });

  it('real magnetite written in origin choice 1 (coordinates + 1/8) has the same |F|² as in origin choice 2', () => {
    const m = getPhase('magnetite');
    const o1: PhaseDef = { ...m, symops: fd3mOrigin1(), atoms: m.atoms.map((a) => ({ ...a, x: a.x + 0.125, y: a.y + 0.125, z: a.z + 0.125 })) };
    expect(expandSites(o1)).toHaveLength(56);
    for (const [h, k, l] of [[1, 1, 1], [2, 2, 0], [3, 1, 1], [2, 2, 2], [4, 0, 0], [4, 4, 0], [5, 3, 1]]) {
      expect(structureFactorSquared(o1, h, k, l)).toBeCloseTo(structureFactorSquared(m, h, k, l), 5);
    }
  });

  it('origin-2 coordinates under origin-1 operators (the old simulation\'s mistake) are not magnetite: 311 no longer dominates', () => {
    const m = getPhase('magnetite');
    const wrong: PhaseDef = { ...m, symops: fd3mOrigin1() };
    const ratio = (p: PhaseDef) => structureFactorSquared(p, 3, 1, 1) / structureFactorSquared(p, 2, 2, 0);
    expect(ratio(m)).toBeGreaterThan(1);
    expect(ratio(wrong)).toBeLessThan(0.3);
  });
});

const CASES: [string, string][] = [
  ['magnetite.cif', 'magnetite'],
  ['wustite.cif', 'wustite'],
  ['NiO.cif', 'NiO'],
  ['bcc-Fe.cif', 'bcc-Fe'],
  ['fcc-FeNi.cif', 'fcc-FeNi'],
];
const HKL = [[1, 1, 1], [2, 0, 0], [2, 2, 0], [3, 1, 1], [2, 2, 2], [4, 0, 0], [3, 3, 1], [4, 2, 0], [4, 2, 2], [5, 1, 1], [4, 4, 0], [6, 2, 0], [5, 3, 3]];

describe.skipIf(!haveSimulated('sxrd-structures'))('the simulated studies\' structures are the library\'s', () => {
  const dir = simulatedDir('sxrd-structures');
  const cif = (file: string) => parseCif(readFileSync(path.join(dir, file), 'utf8'), file);

  it.each(CASES)('%s = library %s: space group and |F|² (Debye–Waller off, same cell) to 1e-9', (file, id) => {
    const sim = cif(file);
    let lib = getPhase(id);
    if (lib.vegard) {
      const ni = sim.atoms.find((a) => a.element === 'Ni')!.occupancy;
      lib = withVegardComposition(lib, ni);
    }
    expect(sim.spaceGroup.number).toBe(lib.spaceGroup.number);
    expect(sim.temperatureC).toBeCloseTo(700, 6);
    const same = withLattice(lib, sim.lattice);
    for (const [h, k, l] of HKL) {
      const f2 = structureFactorSquared(same, h, k, l, undefined, { debyeWaller: false });
      const ref = structureFactorSquared(sim, h, k, l, undefined, { debyeWaller: false });
      expect(Math.abs(f2 - ref), `${id} ${h}${k}${l}`).toBeLessThanOrEqual(1e-9 * Math.max(1, ref));
    }
  });

  it.each(CASES.filter(([, id]) => id !== 'fcc-FeNi'))('%s: the library cell expanded to 700 °C within 0.05 % of the simulated cell', (file, id) => {
    const hot = phaseAtTemperature(getPhase(id), 700);
    expect(Math.abs(hot.lattice.aA / cif(file).lattice.aA - 1)).toBeLessThan(5e-4);
    expect(hot.temperatureC).toBe(700);
  });
});
