// XRD map benchmark (issue 7 §6): a 100 × 100-point map (one pattern per point, Re gasket + Fe3N chamber under a
// pressure gradient, scripts/make-xrd-map-simulation.py) analysed by `reductionlab map` — file reading, starting
// cells, a Rietveld refinement per point, presence, pressure — as one process. Target: under 30 s here.
//   node bench/xrd-map.mjs [N=100] [--runs R]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dataDir, ensureDir, median, python, repoRoot, timed } from './common.mjs';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const n = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--runs') ?? 100);
ensureDir(dataDir);
const dir = path.join(dataDir, `xrd_map_${n}x${n}`);
if (!existsSync(path.join(dir, 'truth.json')) || readdirSync(path.join(dir, 'points')).length !== n * n) {
  console.log(`making a ${n} × ${n} map in ${dir}…`);
  const r = timed(python, [path.join(repoRoot, 'scripts/make-xrd-map-simulation.py'), dir, String(n), String(n)]);
  if (r.status !== 0) throw new Error(`make-xrd-map-simulation.py failed (python3-numpy/scipy missing?):\n${r.stderr}`);
  console.log(`  ${r.wallS.toFixed(1)} s`);
}
timed('node', [path.join(repoRoot, 'scripts/build-node.mjs')]);
const cli = path.join(repoRoot, 'out/node/cli.mjs');
const cmd = [cli, 'map', path.join(dir, 'points'), '--grid', `${n}x${n}`, '--phases', 'Re,Fe3N', '--pressure', 'Re:anzellini2014', '--step-um', '0.5', '--json'];
const rows = [];
for (let i = 0; i < runs; i++) {
  const r = spawnSync('/usr/bin/time', ['-f', '__TIME__ %e %U %S %M', 'node', ...cmd], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const m = /__TIME__ ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`map failed:\n${r.stderr}`);
  rows.push({ wallS: Number(m[1]), cpuS: Number(m[2]) + Number(m[3]), peakMB: Number(m[4]) / 1024, stdout: r.stdout });
}
const doc = JSON.parse(rows[rows.length - 1].stdout);
const truth = JSON.parse((await import('node:fs')).readFileSync(path.join(dir, 'truth.json'), 'utf8'));
let worst = 0;
let worstZ = 0;
let presenceErrors = 0;
const byPos = new Map(doc.points.map((q) => [`${q.ix},${q.iy}`, q]));
for (const t of truth.points) {
  const p = byPos.get(`${t.ix},${t.iy}`);
  worst = Math.max(worst, Math.abs(p.pressureGPa - t.pressureGPa));
  if (p.pressureSigmaGPa > 0) worstZ = Math.max(worstZ, Math.abs(p.pressureGPa - t.pressureGPa) / p.pressureSigmaGPa);
  for (const id of Object.keys(t.phases ?? {})) if (p.phases[id] && p.phases[id].detected !== t.phases[id].present) presenceErrors++;
}
const wall = median(rows.map((r) => r.wallS));
console.log(`XRD map ${n} × ${n} (${n * n} points, Re + Fe3N, Rietveld per point, pressure): wall ${wall.toFixed(1)} s, CPU ${median(rows.map((r) => r.cpuS)).toFixed(1)} s (medians of ${runs}), peak ${median(rows.map((r) => r.peakMB)).toFixed(0)} MB`);
console.log(`  worst pressure error against the truth: ${worst.toFixed(3)} GPa (worst |z| ${worstZ.toFixed(1)}), presence errors ${presenceErrors}; machine load average ${os.loadavg().map((x) => x.toFixed(1)).join(', ')}`);
console.log(`  target (under 30 s): ${wall < 30 ? 'met' : 'NOT met'}`);
