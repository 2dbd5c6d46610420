// `npm run bench`: every benchmark, whole processes against the Python peers in ../shared/bench, same run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './common.mjs';

// `node bench/run.mjs import --runs 3`: names pick benchmarks; options (from the first `--`) go to each one
const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith('--'));
const only = firstOption < 0 ? args : args.slice(0, firstOption);
const options = firstOption < 0 ? [] : args.slice(firstOption);
const all = ['tga.mjs', 'import.mjs', 'peakfit.mjs', 'rietveld.mjs', 'study.mjs', 'eos.mjs', 'radiography.mjs', 'xrd-map.mjs', 'kinetics.mjs', 'hostile.mjs'];
for (const file of all.filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))) {
  const p = path.join(repoRoot, 'bench', file);
  if (!existsSync(p)) continue;
  const r = spawnSync('node', [p, ...options], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = 1;
}
