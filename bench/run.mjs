// `npm run bench`: every benchmark, whole processes against the Python peers in ../shared/bench, same run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './common.mjs';

const only = process.argv.slice(2);
const all = ['tga.mjs', 'peakfit.mjs', 'rietveld.mjs', 'study.mjs', 'eos.mjs', 'radiography.mjs', 'xrd-map.mjs', 'kinetics.mjs'];
for (const file of all.filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))) {
  const p = path.join(repoRoot, 'bench', file);
  if (!existsSync(p)) continue;
  const r = spawnSync('node', [p], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = 1;
}
