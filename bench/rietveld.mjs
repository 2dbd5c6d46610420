// Rietveld benchmark: read 900 pyFAI .xy frames (~2,800 points, Fe3O4 + FeO + NiO + fcc Fe–Ni) and refine them
// sequentially (each frame seeded by the one before), whole process. Target: < 30 s wall on the 2-core machine
// with peak RSS < 1 GB. There is no Rietveld peer in ../shared/bench, so this reports our numbers only, plus a
// sanity check of the refined fractions against the simulated truth at the first and last frames.
//
//   node bench/rietveld.mjs [FRAMES=900] [--runs N]
//
// The science code is bundled once with esbuild's JS API (no tsx in the timing): the entry reads the files with
// the app's pyFAI reader (src/core/formats/xrd/pyfai-xy.ts) and refines with src/core/xrd/rietveld.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { bundleEntry, frameBenchSetup, median, repoRoot, timed } from './common.mjs';

const { runs, frames, framesDir: dataDir } = frameBenchSetup();

const entry = `
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePyFaiXy } from './src/core/formats/xrd/pyfai-xy';
import { refineSequence, rietveldPhaseFromDef } from './src/core/xrd/rietveld';
import { simulatedStudyPhaseDefs } from './src/core/xrd/rietveld/testkit';

const dir = process.argv[2];
const t0 = performance.now();
const names = readdirSync(dir).filter((f) => f.endsWith('.xy')).sort();
const patterns = names.map((n) => {
  const p = parsePyFaiXy(n, readFileSync(path.join(dir, n)));
  return { twoThetaDeg: p.x, intensity: p.intensity };
});
const t1 = performance.now();
const keys = ['Fe3O4', 'FeO', 'NiO', 'fcc'];
const phases = simulatedStudyPhaseDefs(keys, 1).map((d) => rietveldPhaseFromDef(d, { wavelengthA: 0.20735, twoThetaMaxDeg: 16, debyeWaller: false }));
const res = refineSequence(patterns, phases, {
  radiation: { wavelengthA: 0.20735 }, profile: 'pv', profileStart: { W: 0.035 ** 2, eta: 0.5 }, backgroundTerms: 7,
});
const t2 = performance.now();
const f = res.frames;
const w = (i) => f[i].phases.map((p) => +p.weightFraction.toFixed(4));
console.log(JSON.stringify({
  frames: f.length, points: patterns[0].twoThetaDeg.length, phases: keys.length,
  reflections: phases.map((p) => p.h.length),
  secondsRead: (t1 - t0) / 1000, secondsRefine: (t2 - t1) / 1000,
  iterationsMean: f.reduce((s, r) => s + r.iterations, 0) / f.length,
  maxRwp: Math.max(...f.map((r) => r.rwp)), maxGof: Math.max(...f.map((r) => r.gof)),
  first: w(0), last: w(f.length - 1), lastA: f[f.length - 1].phases[3].lattice.aA,
  maxRssMB: process.resourceUsage().maxRSS / 1024,
}));
`;

const bundle = await bundleEntry('rietveld', entry);

const rows = [];
for (let i = 0; i < runs; i++) {
  const r = timed('node', [bundle, dataDir]);
  if (r.status !== 0) throw new Error(`refinement failed:\n${r.stderr}`);
  rows.push(r);
}
const out = JSON.parse(rows.at(-1).stdout.trim().split('\n').pop());
const wall = median(rows.map((r) => r.wallS));
const peak = Math.max(...rows.map((r) => r.peakMB));
console.log(`\nRietveld: ${out.frames} frames × ${out.points} points × ${out.phases} phases (${out.reflections.join('/')} reflections), sequential`);
console.log(`  whole process ${wall.toFixed(2)} s wall (read ${out.secondsRead.toFixed(2)} s, refine ${out.secondsRefine.toFixed(2)} s = ` +
  `${(out.frames / out.secondsRefine).toFixed(1)} frames/s, ${out.iterationsMean.toFixed(2)} LM iterations/frame), peak RSS ${peak.toFixed(0)} MB`);
console.log(`  max Rwp ${(100 * out.maxRwp).toFixed(2)} %, max GoF ${out.maxGof.toFixed(2)}`);

// The 900 frames blend neighbouring 30-s frames of the simulated study: frame 0 and the last frame are the
// study's first and last frames with fresh noise, so their truth applies.
const truthPath = [path.join(repoRoot, 'test/fixtures/simulated/sxrd-fe2o3_nio-700C/truth.json'), path.resolve(repoRoot, '../shared/fixtures/simulated/sxrd-fe2o3_nio-700C/truth.json')].find(existsSync);
let sane = true;
if (frames === 900 && truthPath) {
  const t = JSON.parse(readFileSync(truthPath, 'utf8')).frames;
  const tw = (fr) => ['Fe3O4', 'FeO', 'NiO', 'fcc'].map((k) => fr.wt[k]);
  const dFirst = Math.max(...out.first.map((v, i) => Math.abs(v - tw(t[0])[i])));
  const dLast = Math.max(...out.last.map((v, i) => Math.abs(v - tw(t.at(-1))[i])));
  sane = dFirst < 0.03 && dLast < 0.03 && Math.abs(out.lastA - t.at(-1).a.fcc) < 0.003;
  console.log(`  first frame W ${out.first.join(', ')} (max |ΔW| vs truth ${dFirst.toFixed(4)}); last frame W ${out.last.join(', ')} ` +
    `(max |ΔW| ${dLast.toFixed(4)}), fcc a ${out.lastA.toFixed(5)} Å (truth ${t.at(-1).a.fcc.toFixed(5)})`);
}
const ok = wall < 30 && peak < 1024 && sane;
console.log(`  target (< 30 s, < 1 GB, fractions sane): ${ok ? 'met' : 'NOT met'}`);
if (!ok) process.exitCode = 1;
