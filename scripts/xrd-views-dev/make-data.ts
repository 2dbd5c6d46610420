/* eslint-disable no-restricted-imports -- a Node-side dev script: it reads the fixture files the harness shows */
/**
 * Dev harness data (not used by the app): reads a simulated SXRD sequence (../shared/fixtures/simulated/sxrd-* beside the repository), runs
 * the real analysis pipeline on it (cached in OUT/analysis-*.json), refines a few frames on their own to get
 * observed/calculated profiles (core/xrd/rietveld), analyses the matching simulated TGA run for α(t), and writes
 * OUT/data.js for dev/index.html.
 * Run: npx tsx scripts/xrd-views-dev/make-data.ts [SEQDIR] [OUT/data.js] [TGA_CSV]
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { importTga } from '../../src/core/formats/tga/index';
import { analyzeTga } from '../../src/core/tga/analyze';
import { toTwoThetaDeg } from '../../src/core/xrd/axes';
import { getPhase, withLattice } from '../../src/core/xrd/crystal/index';
import { frameData } from '../../src/core/xrd/peaks/sequential';
import { analyseSequence, estimateFwhmDeg, withVegardEnds } from '../../src/core/xrd/pipeline';
import { calculatePattern, refineSequence, rietveldPhaseFromDef, type RefinementState, type RietveldOptions } from '../../src/core/xrd/rietveld/index';
import { buildSequence } from '../../src/core/xrd/sequence';
import { encode } from '../../src/shared/codec';
import type { XrdAnalysis } from '../../src/shared/xrd-results';
import type { FrameFit } from '../../src/renderer/src/features/xrd/frame';
import { binHeatmap } from '../../src/core/xrd/display';
import { DEV_ANALYSIS_OPTIONS } from './options';

const repo = resolve(import.meta.dirname, '../..');
const seqDir = resolve(process.argv[2] ?? join(repo, '../shared/fixtures/simulated/sxrd-fe2o3_nio-700C'));
const outFile = resolve(process.argv[3] ?? join(tmpdir(), 'xrd-dev', 'data.js'));
const out = dirname(outFile);
// The simulated TGA study is read in place from the shared folder ($REDUCTIONLAB_SHARED, else ../shared beside the repo).
const shared = process.env.REDUCTIONLAB_SHARED ? resolve(process.env.REDUCTIONLAB_SHARED) : resolve(repo, '../shared');
const tgaCsv = process.argv[4] ?? join(shared, 'fixtures/simulated/tga-700C-isothermal/Fe2O3_NiO.csv');
mkdirSync(out, { recursive: true });
const name = seqDir.split('/').pop() ?? 'sequence';

const names = readdirSync(seqDir).filter((n) => n.endsWith('.xy') || n.endsWith('.chi') || n.endsWith('.dat'));
const files = names.map((n) => ({ name: n, bytes: new Uint8Array(readFileSync(join(seqDir, n))) }));
const truthPath = join(seqDir, 'truth.json');
const intervalS = existsSync(truthPath) ? (JSON.parse(readFileSync(truthPath, 'utf8')) as { frame_interval_s: number }).frame_interval_s : 2;
const seq = buildSequence(files, { intervalS });
console.log(`${seq.frames.length} frames × ${seq.frames[0].x.length} points, λ = ${seq.wavelengthA} Å`);

const cache = join(out, `analysis-${name}.json`);
let analysis: XrdAnalysis | null = null;
const fits: Record<number, FrameFit> = {};
if (seq.frames.length <= 100) {
  if (existsSync(cache)) analysis = JSON.parse(readFileSync(cache, 'utf8')) as XrdAnalysis;
  else {
    const t0 = performance.now();
    analysis = analyseSequence(seq, DEV_ANALYSIS_OPTIONS);
    console.log(`analysis ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    writeFileSync(cache, JSON.stringify(analysis));
  }
  // obs/calc of a few frames: a sequential refinement chain (each frame seeded by the one before, as the pipeline
  // does) from the analysis' starting cells, stopped at the frames shown
  const lam = analysis.wavelengthA;
  const refined = analysis.phases.filter((p) => p.refined);
  const st = analysis.settings;
  const phases = refined.map((p) =>
    rietveldPhaseFromDef(withLattice(withVegardEnds(getPhase(p.id), st.vegardEndsA), p.startLattice), { wavelengthA: lam, twoThetaMaxDeg: analysis!.twoThetaMaxDeg, debyeWaller: st.debyeWaller }),
  );
  const fwhmDeg = estimateFwhmDeg(frameData(seq.frames[0], lam));
  const options: RietveldOptions = {
    radiation: { wavelengthA: lam },
    profile: 'pv',
    profileStart: { W: fwhmDeg * fwhmDeg, eta: 0.5 },
    polarisationK: st.polarisationK,
    backgroundTerms: st.backgroundTerms,
    dropBelowWt: st.dropBelowWt,
  };
  const patterns = seq.frames.map((f) => ({ twoThetaDeg: toTwoThetaDeg(f, lam), intensity: f.intensity }));
  let state: RefinementState | undefined;
  let from = 0;
  for (const i of [0, 10, 20, 30, 40, 50, 60].filter((k) => k < seq.frames.length)) {
    const chain = refineSequence(patterns.slice(from, i + 1), phases, options, { start: state });
    state = chain.finalState;
    from = i + 1;
    const last = chain.frames[chain.frames.length - 1];
    const calc = calculatePattern(patterns[i].twoThetaDeg, phases, state, options);
    fits[i] = { twoThetaDeg: patterns[i].twoThetaDeg, observed: patterns[i].intensity, calculated: calc.total, background: calc.background, rwp: last.rwp };
    console.log(`frame ${i}: Rwp ${(100 * last.rwp).toFixed(2)} %`);
  }
}

// TGA α(t) of the matching simulated run
let tga: { label: string; alpha: { x: Float64Array; y: Float64Array } } | null = null;
if (existsSync(tgaCsv)) {
  const run = importTga(tgaCsv.split('/').pop()!, new Uint8Array(readFileSync(tgaCsv)));
  const blankPath = join(tgaCsv, '../../src/renderer/src/features/xrd/blank.csv');
  const blank = existsSync(blankPath) ? importTga('blank.csv', new Uint8Array(readFileSync(blankPath))) : null;
  const recipe = { precursors: [{ formula: 'Fe2O3' }, { formula: 'NiO' }], target: 'Fe-36Ni' };
  const a = analyzeTga(run, { recipe, blank });
  tga = { label: 'Fe2O3+NiO (TGA, simulated)', alpha: { x: a.tS, y: a.alpha } };
  console.log(`TGA: ${a.tS.length} points, α_final ${a.alpha[a.alpha.length - 1].toFixed(3)}`);
}

const t1 = performance.now();
const grid = binHeatmap(seq, { xBins: 600, tBins: 300, axis: '2th_deg', log: true });
console.log(`binHeatmap ${(performance.now() - t1).toFixed(1)} ms → ${grid.tBins}×${grid.xBins}`);

writeFileSync(outFile, `window.__XRD_DEV__ = ${JSON.stringify(encode({ seq, analysis, name, fits, tga }))};\n`);
console.log(`wrote ${outFile}`);
