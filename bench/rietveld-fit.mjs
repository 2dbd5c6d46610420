// Micro-benchmark of the Rietveld refinement itself: one thread refining a chunk of the big bench's frames (900
// pyFAI frames × 2,801 points × 4 phases, see rietveld.mjs), ms per frame, this tree against a git revision (A/B).
//
//   node bench/rietveld-fit.mjs [FRAMES=900] [--runs N] [--ref REV]     (REV default HEAD~1; --ref none: this tree only)
//
// The chunk is what the CLI's pool sends a worker: the bench runs `reductionlab xrd` once with a preload that records
// the chunks its pool sends (each a 'start' message: 60 frames, phase definitions, options, the anchor's refined state)
// to os.tmpdir()/reductionlab-bench, then refines the chunks in order up to FRAMES frames with src/core/xrd/rietveld bundled from this tree and from REV (git archive),
// alternating, in fresh processes; each prints its ms/frame (phase tables excluded) and an md5 of the results, which
// must be the same for both trees when a change is meant to keep the refinement byte-identical.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleEntry, ensureDir, frameBenchSetup, median, repoRoot } from './common.mjs';

const argv = process.argv.slice(2);
const refAt = argv.indexOf('--ref');
const ref = refAt >= 0 ? argv[refAt + 1] : 'HEAD~1';
const rest = argv.filter((_, i) => i !== refAt && i !== refAt + 1);
const runsAt = rest.indexOf('--runs');
const runs = runsAt >= 0 ? Number(rest[runsAt + 1]) : 3;
const nFrames = Number(rest.find((a, i) => /^\d+$/.test(a) && rest[i - 1] !== '--runs') ?? 900);
const { framesDir } = frameBenchSetup([]);
const work = ensureDir(path.join(os.tmpdir(), 'reductionlab-bench'));

// 1. the chunk message, recorded from a real CLI run (kept between runs)
const capture = path.join(work, 'rietveld-chunk.v8');
if (!existsSync(capture)) {
  const preload = path.join(work, 'capture-chunk.mjs');
  writeFileSync(preload, `
import { Worker } from 'node:worker_threads';
import { writeFileSync } from 'node:fs';
import v8 from 'node:v8';
const chunks = [];
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (msg, transfer) {
  if (msg && msg.type === 'start') chunks.push(v8.deserialize(v8.serialize(msg)));
  return post.call(this, msg, transfer);
};
process.on('exit', () => writeFileSync(${JSON.stringify(capture)}, v8.serialize(chunks)));
`);
  if (!existsSync(path.join(repoRoot, 'out/node/cli.mjs'))) spawnSync('node', [path.join(repoRoot, 'scripts/build-node.mjs')], { stdio: 'inherit' });
  const r = spawnSync('node', ['--import', preload, path.join(repoRoot, 'out/node/cli.mjs'), 'xrd', framesDir, '--phases', 'magnetite,wustite,NiO,fcc-FeNi',
    '--temperature', '700', '--interval', '2', '--json'], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, REDUCTIONLAB_WORKERS: '1' } });
  if (r.status !== 0 || !existsSync(capture)) throw new Error(`could not record a chunk:\n${r.stderr}`);
}

// 2. the refinement entry: the worker's phase building and chain, timed
const entry = `
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import v8 from 'node:v8';
import { rietveldPhaseFromDef, refineSequence } from './src/core/xrd/rietveld';
const chunks = v8.deserialize(readFileSync(process.argv[2]));
const msg = chunks[0];
let left = Number(process.argv[3]);
let n = 0;
let tthMax = msg.phaseOptions?.twoThetaMaxDeg ?? 0;
if (!tthMax) for (const p of msg.patterns) tthMax = Math.max(tthMax, p.twoThetaDeg[p.twoThetaDeg.length - 1]);
const wl = msg.phaseOptions?.wavelengthA ?? Math.min(msg.options.radiation.wavelengthA, msg.options.radiation.wavelength2A ?? Infinity);
const t0 = performance.now();
const phases = msg.phases.map((def) => rietveldPhaseFromDef(def, { wavelengthA: wl, twoThetaMaxDeg: tthMax, debyeWaller: msg.phaseOptions?.debyeWaller }));
const t1 = performance.now();
const c0 = process.cpuUsage();
const frames = [];
for (const c of chunks) {
  if (left <= 0) break;
  const patterns = c.patterns.slice(0, left);
  left -= patterns.length;
  n += patterns.length;
  frames.push(...refineSequence(patterns, phases, c.options, c.start ? { start: c.start } : {}).frames);
}
const c1 = process.cpuUsage(c0);
const t2 = performance.now();
const md5 = createHash('md5').update(JSON.stringify(frames)).digest('hex');
console.log(JSON.stringify({ frames: n, tablesMs: t1 - t0, msPerFrame: (t2 - t1) / n, cpuMsPerFrame: (c1.user + c1.system) / 1000 / n, md5 }));
`;

async function bundleOf(name, root) {
  const { build } = await import('esbuild');
  if (root === repoRoot) return bundleEntry(name, entry);
  const outfile = path.join(work, `${name}.mjs`);
  await build({ stdin: { contents: entry, resolveDir: root, sourcefile: `${name}-entry.ts`, loader: 'ts' }, bundle: true, platform: 'node',
    format: 'esm', target: 'node20', outfile, logLevel: 'warning', nodePaths: [path.join(repoRoot, 'node_modules')],
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" } });
  return outfile;
}

const trees = [{ name: 'this tree', bundle: await bundleOf('rietveld-fit-b', repoRoot) }];
if (ref !== 'none') {
  const dir = mkdtempSync(path.join(work, 'ref-'));
  const tar = spawnSync('sh', ['-c', `git -C "${repoRoot}" archive "${ref}" src | tar -x -C "${dir}"`], { encoding: 'utf8' });
  if (tar.status !== 0) throw new Error(`git archive ${ref} failed:\n${tar.stderr}`);
  trees.unshift({ name: ref, bundle: await bundleOf('rietveld-fit-a', dir) });
}

const one = (t) => {
  const r = spawnSync('node', [t.bundle, capture, String(nFrames)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${t.name} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
};
const rows = trees.map(() => []);
const loadBefore = os.loadavg();
for (let i = 0; i < runs; i++) trees.forEach((t, k) => rows[k].push(one(t)));
console.log(`one-thread chunk refinement, ${rows[0][0].frames} frames × 2,801 points × 4 phases; median of ${runs} alternating runs; ` +
  `load ${loadBefore.map((v) => v.toFixed(1)).join(' ')} → ${os.loadavg().map((v) => v.toFixed(1)).join(' ')}`);
trees.forEach((t, k) => {
  const r = rows[k];
  console.log(`  ${t.name.padEnd(10)} ${median(r.map((x) => x.msPerFrame)).toFixed(3)} ms/frame wall, ${median(r.map((x) => x.cpuMsPerFrame)).toFixed(3)} ms/frame CPU ` +
    `(min ${Math.min(...r.map((x) => x.cpuMsPerFrame)).toFixed(3)}), ` +
    `phase tables ${median(r.map((x) => x.tablesMs)).toFixed(0)} ms, results md5 ${[...new Set(r.map((x) => x.md5))].join(',')}`);
});
if (trees.length === 2) {
  const ratio = median(rows[0].map((a, i) => rows[1][i].cpuMsPerFrame / a.cpuMsPerFrame));
  const same = rows[0][0].md5 === rows[1][0].md5;
  console.log(`  CPU ratio this tree / ${ref}: ${ratio.toFixed(3)} (median of pairs); results ${same ? 'byte-identical' : 'DIFFER'}`);
}
