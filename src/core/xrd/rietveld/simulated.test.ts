/**
 * The refinement engine on the simulated in situ studies (../shared/fixtures/simulated/sxrd-*, 61 frames each,
 * λ = 0.20735 Å, 2θ 2–16°; made by an independent code, pymatgen's XRDCalculator, with truth.json per frame) refined
 * with the simulation's own structures, the CIFs of ../shared/fixtures/simulated/sxrd-structures — the set-up of the
 * GSAS-II comparison in docs/rietveld.md: B (one ΔB per phase), crystallite size and microstrain refined per phase.
 * The fcc CIF holds the end composition (x_Ni = 0.349), as a CIF does; the pipeline tests (library phases, Vegard
 * composition following the cell) are in ../pipeline.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { haveSimulated, simulatedDir } from '../../../../test/fixtures/xrd/paths';
import { importPattern } from '../../formats/xrd';
import { parseCif } from '../crystal/cif';
import { refineSequence, rietveldPhaseFromDef, type FrameResult, type RietveldOptions } from './index';

interface Truth {
  frames: { wt: Record<string, number>; a: Record<string, number>; fcc_x_ni?: number }[];
  b_iso_A2: Record<string, Record<string, number>>;
  profile: { size_nm: Record<string, number> };
}

/** The studies' phase keys (truth.json) and their CIF files. */
const CIF_OF: Record<string, string> = { Fe3O4: 'magnetite.cif', FeO: 'wustite.cif', NiO: 'NiO.cif', fcc: 'fcc-FeNi.cif', bcc_Fe: 'bcc-Fe.cif' };

const options: RietveldOptions = {
  radiation: { wavelengthA: 0.20735 },
  profile: 'pv',
  // no instrument profile: size and strain per phase carry the instrument's width (apparent values)
  profileStart: { U: 0, V: 0, W: 0, size: 0.03, strain: 5e-4, eta: 0.5 },
  refineProfile: ['size', 'strain', 'eta'],
  refineB: true,
  backgroundTerms: 7,
  polarisationK: 0.5,
  // the fcc CIF is the end state (x_Ni 0.349, a = 3.632 Å); the first frames hold fcc Ni (3.566 Å): let the cold
  // start scan each phase over ±2.5 %
  cellSearchFine: 0.025,
};

function runStudy(name: string, keys: string[]): { truth: Truth; frames: FrameResult[] } {
  const dir = simulatedDir(name);
  const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth;
  const files = readdirSync(dir).filter((f) => f.endsWith('.xy')).sort();
  const patterns = files.map((f) => {
    const p = importPattern(f, readFileSync(path.join(dir, f)));
    return { twoThetaDeg: p.x, intensity: p.intensity };
  });
  const structures = simulatedDir('sxrd-structures');
  const phases = keys.map((k) => {
    const def = parseCif(readFileSync(path.join(structures, CIF_OF[k]), 'utf8'), CIF_OF[k]);
    return rietveldPhaseFromDef(def, { wavelengthA: 0.20735, twoThetaMaxDeg: 16 });
  });
  return { truth, frames: refineSequence(patterns, phases, options).frames };
}

function check(name: string, keys: string[]): { maxDw: number; medianDw: number; maxGof: number } {
  const { truth, frames } = runStudy(name, keys);
  expect(frames).toHaveLength(61);
  const dws: number[] = [];
  let maxDa = 0;
  let maxGof = 0;
  frames.forEach((f, i) => {
    const t = truth.frames[i];
    keys.forEach((key, p) => {
      const ph = f.phases[p];
      expect(ph.weightFraction).toBeGreaterThanOrEqual(0);
      dws.push(Math.abs(ph.weightFraction - t.wt[key]));
      if (ph.dropped) expect(ph.weightFraction).toBe(0);
      // every cell finite, whether the phase is in the model or not (no invalid metric when a phase fades)
      expect(Number.isFinite(ph.lattice.aA)).toBe(true);
      // refined cells: within 0.001 Å from 5 wt% up, within 4σ below (fcc only once its composition is near the CIF's)
      const comparable = key !== 'fcc' || Math.abs((t.fcc_x_ni ?? 0) - 0.3486) < 0.02;
      const da = Math.abs(ph.lattice.aA - t.a[key]);
      if (!ph.frozen && ph.weightFraction >= 0.05 && comparable) maxDa = Math.max(maxDa, da);
      else if (!ph.frozen && !ph.dropped && comparable) expect(da, `${key} frame ${i}`).toBeLessThan(Math.max(0.001, 4 * ph.aSigmaA));
      // every refined parameter has its σ
      if (!ph.frozen) for (const term of ['a', 'size', 'strain', 'eta']) expect(ph.sigmas[term], `${key} ${term} frame ${i}`).toBeGreaterThan(0);
    });
    expect(f.zeroShiftSigmaDeg).toBeGreaterThan(0);
    maxGof = Math.max(maxGof, f.gof);
  });
  dws.sort((a, b) => a - b);
  const out = { maxDw: dws[dws.length - 1], medianDw: dws[dws.length >> 1], maxGof };
  console.log(`${name}, CIF structures: max |Δw| ${out.maxDw.toFixed(4)}, median ${out.medianDw.toFixed(4)}, max |Δa| ${maxDa.toFixed(5)} Å, max GoF ${maxGof.toFixed(2)}`);
  expect(maxDa).toBeLessThan(0.001);
  return out;
}

describe.skipIf(!haveSimulated('sxrd-fe2o3_nio-700C') || !haveSimulated('sxrd-structures'))('sequential Rietveld with the simulation\'s structures (CIF)', () => {
  it('Fe2O3 + NiO at 700 °C, all 61 frames: GSAS-II\'s set-up (max |Δw| 0.015, median 0.005) matched or bettered', () => {
    const r = check('sxrd-fe2o3_nio-700C', ['Fe3O4', 'FeO', 'NiO', 'fcc']);
    // the fcc CIF holds the end composition: early frames (fcc Ni) carry a wrong |F|² and mass, as in GSAS-II
    // GSAS-II's figures (0.015, median 0.005) met; pinned at what the engine reaches (0.0118, 0.0004, GoF 1.08)
    expect(r.maxDw).toBeLessThanOrEqual(0.0135);
    expect(r.medianDw).toBeLessThanOrEqual(0.001);
    expect(r.maxGof).toBeLessThan(1.15);
  });
  it.skipIf(!haveSimulated('sxrd-fe2o3-700C'))('Fe2O3 at 700 °C, all 61 frames', () => {
    const r = check('sxrd-fe2o3-700C', ['Fe3O4', 'FeO', 'bcc_Fe']);
    // pinned at what the engine reaches (0.0044, median 0.0006, GoF 1.10)
    expect(r.maxDw).toBeLessThanOrEqual(0.006);
    expect(r.medianDw).toBeLessThanOrEqual(0.0012);
    expect(r.maxGof).toBeLessThan(1.15);
  });
});
