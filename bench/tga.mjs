// TGA benchmark: import + α + dα/dt + metrics of a 1,000,000-row log, whole process, against pandas + SciPy.
// Target (issue 2): at least as fast as the peer, peak memory under 400 MB.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { compare, dataDir, ensureDir, python, repoRoot, requireShared, sharedBench, timed } from './common.mjs';

requireShared();
ensureDir(dataDir);
const csv = path.join(dataDir, 'big_tga.csv');
if (!existsSync(csv)) {
  console.log('making a 1,000,000-row log…');
  timed(python, [path.join(sharedBench, 'make_big_tga.py'), csv, '1000000']);
}
// Build the CLI bundle once so neither side pays a compile step inside the timing.
timed('node', [path.join(repoRoot, 'scripts/build-node.mjs')]);
const cli = path.join(repoRoot, 'out/node/cli.mjs');
const res = compare(
  'TGA: 1,000,000-row CSV — import, α(t), Savitzky–Golay dα/dt, t(α), metrics',
  { name: 'ReductionLab', cmd: 'node', args: [cli, 'tga', csv, '--precursors', 'Fe2O3', '--json'] },
  { name: 'pandas+SciPy', cmd: python, args: [path.join(sharedBench, 'peer_tga.py'), csv] },
);
const ours = JSON.parse(res.lastA);
const peer = JSON.parse(res.lastB.trim().split('\n').pop());
console.log(`  agreement: t(α=0.5) ours ${ours.metrics.tAlphaS['0.5']?.toFixed(1)} s, peer ${peer['t_alpha_0.5_s']?.toFixed(1)} s; ` +
  `t(α=0.9) ours ${ours.metrics.tAlphaS['0.9']?.toFixed(1)} s, peer ${peer['t_alpha_0.9_s']?.toFixed(1)} s`);
const ok = res.ratioBOverA >= 1 && res.aPeakMB < 400;
console.log(`  target (≥ 1× the peer, < 400 MB): ${ok ? 'met' : 'NOT met'}`);
