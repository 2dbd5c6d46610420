// Kinetics benchmark (issue 9): 4 runs × 250,000 rows, every method, α step 0.01 — the whole process
// (`reductionlab kinetics … --json`: import, blank-free α, dα/dt, Friedman, KAS, OFW, Starink, Vyazovkin, advanced
// Vyazovkin, Kissinger, model-free prediction, master plot) against a NumPy/SciPy peer doing the same methods
// (bench/peer_kinetics.py, written for this benchmark). Target: under 2 s.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { compare, dataDir, ensureDir, python, repoRoot, timed } from './common.mjs';

const rows = Number(process.argv[2] ?? 250_000);
const dir = path.join(ensureDir(dataDir), `kinetics_${rows}`);
const files = [2, 5, 10, 20].map((b) => path.join(dir, `F1_${b}Kmin.csv`));
if (!files.every((f) => existsSync(f))) {
  console.log(`making 4 runs × ${rows} rows (scripts/kinetics/make_kinetics_series.py --bench)…`);
  const r = timed(python, [path.join(repoRoot, 'scripts/kinetics/make_kinetics_series.py'), '--bench', dir, String(rows)]);
  if (r.status !== 0) throw new Error(`making the runs failed (python3-numpy/scipy missing?):\n${r.stderr}`);
}
timed('node', [path.join(repoRoot, 'scripts/build-node.mjs')]);
const cli = path.join(repoRoot, 'out/node/cli.mjs');
const res = compare(
  `Kinetics: 4 runs × ${rows.toLocaleString('en')} rows, all methods, α 0.01–0.99 step 0.01`,
  { name: 'ReductionLab', cmd: 'node', args: [cli, 'kinetics', ...files, '--start-s', '0', '--alpha', '0.01:0.99:0.01', '--json'] },
  { name: 'NumPy+SciPy peer', cmd: python, args: [path.join(repoRoot, 'bench/peer_kinetics.py'), '0.01', '0.99', '0.01', ...files] },
);
const ours = JSON.parse(res.lastA);
const peer = JSON.parse(res.lastB.trim().split('\n').pop());
const at = (list, a) => list[Math.round((a - 0.01) / 0.01)];
for (const m of ['friedman', 'kas', 'ofw', 'starink', 'vyazovkin', 'advancedVyazovkin']) {
  const diffs = [0.1, 0.5, 0.9].map((a) => `${a}: ${at(ours.isoconversional[m], a).eKJPerMol.toFixed(2)} / ${at(peer[m], a).toFixed(2)}`);
  console.log(`  agreement ${m} (ours / peer, kJ/mol): ${diffs.join('; ')}`);
}
console.log(`  agreement kissinger: ${ours.kissinger.eKJPerMol.toFixed(2)} / ${peer.kissinger.toFixed(2)} kJ/mol`);
// CPU time of the same command: on a shared, loaded machine the wall time mostly measures waiting for a core
const cpu = [0, 1, 2].map(() => {
  const r = spawnSync('/usr/bin/time', ['-f', '__CPU__ %U %S', 'node', cli, 'kinetics', ...files, '--start-s', '0', '--alpha', '0.01:0.99:0.01', '--json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const m = /__CPU__ ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return m ? Number(m[1]) + Number(m[2]) : NaN;
});
const cpuS = [...cpu].sort((a, b) => a - b)[1];
console.log(`  ReductionLab CPU time (user + sys, median of 3): ${cpuS.toFixed(2)} s`);
console.log(`  target (< 2 s for the whole process): ${res.aWallS < 2 ? 'met' : 'NOT met'} on wall time (${res.aWallS.toFixed(2)} s); CPU ${cpuS.toFixed(2)} s — preliminary on a shared machine`);
