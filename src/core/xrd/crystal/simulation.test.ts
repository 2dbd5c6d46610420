/**
 * Our reflections against the project's simulated SXRD studies (test/fixtures/simulated/sxrd-*, made with pymatgen
 * XRDCalculator, pseudo-Voigt η = 0.4 of constant width, Poisson noise; truth.json gives the lattice parameters).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expandSites,
  fd3mOrigin1Symops,
  formatSymop,
  generateReflections,
  getPhase,
  parseSymop,
  simulatedStudyFe3O4,
  simulatedStudyPhase,
  structureFactorSquared,
  type PhaseDef,
} from './index';

const SIM = resolve(import.meta.dirname, '../../../../test/fixtures/simulated');

function loadXy(file: string): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  for (const line of readFileSync(resolve(SIM, file), 'utf8').split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const [a, b] = line.trim().split(/\s+/).map(Number);
    x.push(a);
    y.push(b);
  }
  return { x, y };
}

/** Apex 2θ and height above the lower of the two points ±0.08° away. */
function apex(d: { x: number[]; y: number[] }, tth: number): { x: number; h: number } {
  let best = -Infinity;
  let bx = NaN;
  for (let i = 0; i < d.x.length; i++) if (Math.abs(d.x[i] - tth) <= 0.012 && d.y[i] > best) [best, bx] = [d.y[i], d.x[i]];
  const at = (t: number) => d.y[d.x.findIndex((v) => v >= t)];
  return { x: bx, h: best - Math.min(at(tth - 0.08), at(tth + 0.08)) };
}

const simOpts = { wavelengthA: 0.20735, twoThetaMaxDeg: 16, debyeWaller: false, formFactors: 'pymatgen' as const };
const key = (s: string) => formatSymop(parseSymop(s));

describe('Fd-3m origin choices', () => {
  it('origin choice 1 operators contain those pymatgen lists for Fd-3m', () => {
    const ours = new Set(fd3mOrigin1Symops().map(key));
    expect(ours.size).toBe(192);
    for (const s of ['-x+1/2,z,-y+1/2', '-z+1/4,x+1/4,y+1/4', '-x,-z,y', 'z+1/4,-x+3/4,y+3/4', '-y+1/4,-z+1/4,-x+1/4']) expect(ours.has(key(s))).toBe(true);
  });

  it('real magnetite written in origin choice 1 (coordinates + 1/8) has the same |F|² as in origin choice 2', () => {
    const m = getPhase('magnetite');
    const o1: PhaseDef = { ...m, symops: fd3mOrigin1Symops(), atoms: m.atoms.map((a) => ({ ...a, x: a.x + 0.125, y: a.y + 0.125, z: a.z + 0.125 })) };
    expect(expandSites(o1)).toHaveLength(56);
    for (const [h, k, l] of [[1, 1, 1], [2, 2, 0], [3, 1, 1], [2, 2, 2], [4, 0, 0], [4, 4, 0], [5, 3, 1]]) {
      expect(structureFactorSquared(o1, h, k, l)).toBeCloseTo(structureFactorSquared(m, h, k, l), 5);
    }
  });
});

describe('simulated study sxrd-fe2o3-700C, frame 0 (Fe3O4 95 %, FeO 5 %, a = 8.488356 Å)', () => {
  const frame = loadXy('sxrd-fe2o3-700C/fe2o3_700C_00000.xy');
  const sim = generateReflections(simulatedStudyFe3O4(8.488356), simOpts);
  const real = generateReflections({ ...getPhase('magnetite'), lattice: simulatedStudyFe3O4(8.488356).lattice }, simOpts);
  const pick = (list: typeof sim, hkl: string) => list.find((r) => `${r.h}${r.k}${r.l}` === hkl)!;

  it('peak apexes sit at our 2θ for the truth lattice parameter (within the 0.005° step)', () => {
    for (const hkl of ['111', '220', '311', '222', '422', '440']) {
      expect(Math.abs(apex(frame, pick(sim, hkl).twoThetaDeg).x - pick(sim, hkl).twoThetaDeg)).toBeLessThanOrEqual(0.0051);
    }
  });

  it('peak-height ratios follow the wrong-origin "Fe3O4" model within 6 %, not real magnetite', () => {
    const h220 = apex(frame, pick(sim, '220').twoThetaDeg).h;
    for (const hkl of ['111', '311', '422', '440']) {
      const observed = apex(frame, pick(sim, hkl).twoThetaDeg).h / h220;
      expect(Math.abs(observed / (pick(sim, hkl).intensity / pick(sim, '220').intensity) - 1)).toBeLessThan(0.06);
    }
    // real magnetite: 311 is 3.7× stronger than 220; in the simulated frame it is 4× weaker
    expect(pick(real, '311').intensity / pick(real, '220').intensity).toBeGreaterThan(3);
    expect(apex(frame, pick(sim, '311').twoThetaDeg).h / h220).toBeLessThan(0.3);
  });
});

describe('simulated study sxrd-fe2o3_nio-700C (FeO a = 4.354377, NiO a = 4.222947 Å)', () => {
  const frame = loadXy('sxrd-fe2o3_nio-700C/fe2o3_nio_700C_00010.xy');

  it('frame 10, FeO reflections: positions and height ratios of isolated peaks within 6 % (rock salt, full occupancy, no Debye–Waller)', () => {
    const feo = generateReflections(simulatedStudyPhase('FeO', 4.354377), simOpts);
    const pick = (hkl: string) => feo.find((r) => `${r.h}${r.k}${r.l}` === hkl)!;
    const h200 = apex(frame, pick('200').twoThetaDeg).h;
    for (const hkl of ['111', '220', '311', '222', '422']) {
      const a = apex(frame, pick(hkl).twoThetaDeg);
      expect(Math.abs(a.x - pick(hkl).twoThetaDeg)).toBeLessThanOrEqual(0.0051);
      expect(Math.abs(a.h / h200 / (pick(hkl).intensity / pick('200').intensity) - 1)).toBeLessThan(0.06);
    }
  });

  it('NiO 200 and 222 apexes at our 2θ (frame 0, NiO 25 wt%)', () => {
    const first = loadXy('sxrd-fe2o3_nio-700C/fe2o3_nio_700C_00000.xy');
    const nio = generateReflections(simulatedStudyPhase('NiO', 4.222947), simOpts);
    for (const r of nio.filter((q) => ['200', '222'].includes(`${q.h}${q.k}${q.l}`))) {
      expect(Math.abs(apex(first, r.twoThetaDeg).x - r.twoThetaDeg)).toBeLessThanOrEqual(0.0051);
    }
  });
});
