// Rietveld benchmark: the whole `reductionlab xrd` process on 900 pyFAI .xy frames (2,801 points each; Fe3O4 +
// Fe0.947O + NiO + fcc Fe–Ni at 700 °C, made by ../shared/bench/make_big_sxrd.py from the simulated study):
// reading, starting-cell search, sequential refinement with B, crystallite size and microstrain per phase, and the
// presence test of every phase. Target: < 6 s wall with peak RSS < 1 GB on the 2-core build machine.
//
//   node bench/rietveld.mjs [FRAMES=900] [--runs N]
//
// It times the bundled CLI (out/node/cli.mjs with its pool of out/node/rietveld-worker.mjs, one worker per core)
// and the same with one worker (REDUCTIONLAB_WORKERS=1), alternating, and reports frames/s beside GSAS-II's ≈0.9
// frames/s (sequential refinement of the same frames with the simulation's structures, measured by the lead; no
// GSAS-II runs here). The fractions of the first and last frames are checked against the simulated truth.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { frameBenchSetup, median, repoRoot, timed } from './common.mjs';

const { runs, frames, framesDir } = frameBenchSetup();
const GSAS_FRAMES_PER_S = 0.9;
const POINTS = 2801; // make_big_sxrd.py keeps the simulated study's 2θ grid

// build the CLI and its worker once (bin/reductionlab.mjs rebuilds when stale)
const warm = timed('node', [path.join(repoRoot, 'bin/reductionlab.mjs'), 'xrd', '--help']);
if (warm.status !== 0) throw new Error(`reductionlab did not build:\n${warm.stderr}`);
const cli = path.join(repoRoot, 'out/node/cli.mjs');
const args = [cli, 'xrd', framesDir, '--phases', 'magnetite,wustite,NiO,fcc-FeNi', '--temperature', '700', '--interval', '2', '--json'];
const cores = os.availableParallelism();

const rows = { pool: [], one: [] };
const loadBefore = os.loadavg();
timed('node', args); // warm-up (file cache)
for (let i = 0; i < runs; i++) {
  rows.pool.push(timed('node', args));
  rows.one.push(timed('node', args, { env: { ...process.env, REDUCTIONLAB_WORKERS: '1' } }));
}
for (const r of [...rows.pool, ...rows.one]) if (r.status !== 0) throw new Error(`reductionlab xrd failed:\n${r.stderr}`);
const wall = median(rows.pool.map((r) => r.wallS));
const wallOne = median(rows.one.map((r) => r.wallS));
const peak = Math.max(...rows.pool.map((r) => r.peakMB));
const cpu = median(rows.pool.map((r) => r.cpuS));
const out = JSON.parse(rows.pool.at(-1).stdout);
const n = out.frames.length;
const maxGof = Math.max(...out.frames.map((f) => f.gof));

console.log(`\nload average before / after the runs: ${loadBefore.map((v) => v.toFixed(1)).join(' ')} / ${os.loadavg().map((v) => v.toFixed(1)).join(' ')} ` +
  `(1, 5, 15 min; figures measured at a load above ≈ 1 on ${cores} cores are preliminary)`);
console.log(`\nRietveld: \`reductionlab xrd\` on ${n} frames × ${POINTS} points × 4 phases (B, size, strain refined; presence of each phase)`);
console.log(`  whole process ${wall.toFixed(2)} s wall with ${cores} workers (${(n / wall).toFixed(0)} frames/s), ${wallOne.toFixed(2)} s with one ` +
  `(scaling ${(wallOne / wall).toFixed(2)}×), ${cpu.toFixed(2)} s CPU, peak RSS ${peak.toFixed(0)} MB; median of ${runs} alternating runs`);
console.log(`  GSAS-II, sequential (lead's measurement): ≈${GSAS_FRAMES_PER_S} frames/s → ${(n / wall / GSAS_FRAMES_PER_S).toFixed(0)}× faster`);
console.log(`  max GoF ${maxGof.toFixed(2)}; ${out.fitQuality.message.split(':')[0]}`);

// The 900 frames blend neighbouring 30-s frames of the simulated study: frame 0 and the last frame are the study's
// first and last frames with fresh noise, so their truth applies.
const truthPath = path.resolve(repoRoot, '../shared/fixtures/simulated/sxrd-fe2o3_nio-700C/truth.json');
let sane = true;
if (frames === 900 && existsSync(truthPath)) {
  const t = JSON.parse(readFileSync(truthPath, 'utf8')).frames;
  const ids = { magnetite: 'Fe3O4', wustite: 'FeO', NiO: 'NiO', 'fcc-FeNi': 'fcc' };
  const dw = (f, tf) => Math.max(...Object.entries(ids).map(([id, k]) => Math.abs(f.phases[id].weightFraction - tf.wt[k])));
  const dFirst = dw(out.frames[0], t[0]);
  const dLast = dw(out.frames.at(-1), t.at(-1));
  const aLast = out.frames.at(-1).phases['fcc-FeNi'].aA;
  sane = dFirst < 0.015 && dLast < 0.015 && Math.abs(aLast - t.at(-1).a.fcc) < 0.001 && maxGof <= 1.5;
  console.log(`  first frame max |Δw| ${dFirst.toFixed(4)}, last ${dLast.toFixed(4)}, fcc a ${aLast.toFixed(5)} Å (truth ${t.at(-1).a.fcc.toFixed(5)})`);
}
const ok = wall < 6 && peak < 1024 && sane;
console.log(`  target (< 6 s, < 1 GB, fractions and fit sane): ${ok ? 'met' : 'NOT met'}`);
if (!ok) process.exitCode = 1;
