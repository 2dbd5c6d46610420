/**
 * The frame fit re-derived from an analysis reproduces the analysis: on the last frames of the simulated Fe2O3 + NiO
 * sequence (../shared/fixtures/simulated/sxrd-fe2o3_nio-700C, read in place; skipped with a printed reason when absent),
 * with library and CIF phases (B, size and strain refined), every frame's Rwp from the
 * re-derived chain equals the pipeline's, and the drawn profile gives that Rwp again.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulatedStudyCifs } from '../../test/e2e/support/sim-cifs';
import { analyseSequence } from '../core/xrd/pipeline';
import { buildSequence } from '../core/xrd/sequence';
import type { XrdAnalysisOptions } from '../shared/xrd-results';
import { frameFit, refinementChain, rietveldSetup } from './xrd-frame-fit';
import { haveSimulated, simulatedDir } from '../../test/fixtures/xrd/paths';

const HAVE = haveSimulated('sxrd-fe2o3_nio-700C') && haveSimulated('sxrd-structures');
const DIR = simulatedDir('sxrd-fe2o3_nio-700C');
const names = HAVE ? readdirSync(DIR).filter((n) => n.endsWith('.xy')).sort() : [];

/** Rwp = √(Σw(y − yc)² / Σw y²) with w = 1/σ², σ = √max(y, 1) (Poisson; the frames carry no σ). */
function rwpOf(obs: Float64Array, calc: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < obs.length; i++) {
    const w = 1 / Math.max(obs[i], 1);
    num += w * (obs[i] - calc[i]) ** 2;
    den += w * obs[i] ** 2;
  }
  return Math.sqrt(num / den);
}

describe.skipIf(!HAVE)('xrdFrameFit re-derivation', () => {
  it('reproduces the analysis Rwp of every frame, with CIF and Vegard phases', () => {
    const files = names.slice(52).map((name) => ({ name, bytes: new Uint8Array(readFileSync(resolve(DIR, name))) }));
    const seq = buildSequence(files, { intervalS: 30 });
    const cifs = simulatedStudyCifs().map((c) => ({ fileName: c.name, text: c.text }));
    const options: XrdAnalysisOptions = { phases: ['cif-magnetite-700c', 'cif-wustite-700c', 'NiO', 'fcc-FeNi'], detectPhases: [], temperatureC: 700, cifs };
    const analysis = analyseSequence(seq, options);
    const setup = rietveldSetup(seq, analysis, options)!;
    const chain = refinementChain(setup, analysis.frames.length);
    expect(chain).toHaveLength(9);
    chain.forEach((r, i) => expect(r.rwp).toBe(analysis.frames[i].rwp));
    const fit = frameFit(setup, chain, 8)!;
    expect(fit.rwp).toBe(analysis.frames[8].rwp);
    expect(fit.twoThetaDeg.length).toBe(fit.calculated.length);
    expect(fit.observed).toBe(setup.patterns[8].intensity);
    expect(rwpOf(fit.observed, fit.calculated)).toBeCloseTo(analysis.frames[8].rwp!, 3);
    expect(frameFit(setup, chain, 9)).toBeNull();
  }, 60_000);
});
