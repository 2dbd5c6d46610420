// Radiography benchmark (issue 7 §6): ROI means of a 1,000-frame 2048 × 2048 × 16-bit stack (8 GiB, one BigTIFF)
// with `reductionlab radiography` (4 × 4 grid + a rectangle + an ellipse + the whole frame, streamed frame by frame),
// against reading the file twice (`cat STACK > /dev/null` twice) and a NumPy reader doing the same means, all in
// the same run, alternating. Target: less time than reading the stack twice, memory bounded (a few frames).
//   node bench/radiography.mjs [FRAMES=1000] [--runs N]   (makes bench/data/radiography_<FRAMES>.tif once)
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { dataDir, ensureDir, median, python, repoRoot, timed } from './common.mjs';

/** Wall and CPU (user + system) seconds and peak RSS of one run: on a shared, loaded machine the CPU time is the
 * steadier measure of the work each side does; both are reported. */
function timedCpu(cmd, args) {
  const r = spawnSync('/usr/bin/time', ['-f', '__TIME__ %e %U %S %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const m = /__TIME__ ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  if (!m) throw new Error(`could not time ${cmd}:\n${r.stderr}`);
  return { wallS: Number(m[1]), cpuS: Number(m[2]) + Number(m[3]), peakMB: Number(m[4]) / 1024, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const frames = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--runs') ?? 1000);
ensureDir(dataDir);
const stack = path.join(dataDir, `radiography_${frames}.tif`);
if (!existsSync(stack)) {
  console.log(`making ${stack} (${frames} frames of 2048 × 2048 uint16)…`);
  const r = timed(python, [path.join(repoRoot, 'bench/make_big_stack.py'), stack, String(frames)]);
  if (r.status !== 0) throw new Error(`make_big_stack.py failed (python3-tifffile missing?):\n${r.stderr}`);
  console.log(`  ${r.wallS.toFixed(1)} s`);
}
const gib = statSync(stack).size / 2 ** 30;
timed('node', [path.join(repoRoot, 'scripts/build-node.mjs')]);
const cli = path.join(repoRoot, 'out/node/cli.mjs');
const RECT = '300,400,512,256';
const ELLIPSE = '1000,900,600,500';
const sides = {
  ours: { cmd: 'node', args: [cli, 'radiography', stack, '--grid', '4x4', '--roi', `rect:${RECT}`, '--roi', `oval:${ELLIPSE}:ellipse`, '--json'] },
  cat2: { cmd: 'sh', args: ['-c', `cat "${stack}" > /dev/null; cat "${stack}" > /dev/null`] },
  numpy: { cmd: python, args: [path.join(repoRoot, 'bench/peer_radiography.py'), stack, RECT, ELLIPSE] },
};
console.log(`Radiography: ${frames} frames, ${gib.toFixed(2)} GiB — ROI means (4×4 grid, rectangle, ellipse, whole frame)`);
for (const s of Object.values(sides)) timedCpu(s.cmd, s.args); // warm-up: the file in the page cache for every side alike
const rows = [];
for (let i = 0; i < runs; i++) rows.push(Object.fromEntries(Object.entries(sides).map(([k, s]) => [k, timedCpu(s.cmd, s.args)])));
for (const r of rows) for (const [k, v] of Object.entries(r)) if (v.status !== 0) throw new Error(`${k} failed:\n${v.stderr}`);
const med = (k, f) => median(rows.map((r) => f(r[k])));
for (const k of Object.keys(sides)) console.log(`  ${k.padEnd(6)} wall ${med(k, (x) => x.wallS).toFixed(2)} s, CPU ${med(k, (x) => x.cpuS).toFixed(2)} s (medians of ${runs}), peak ${med(k, (x) => x.peakMB).toFixed(0)} MB`);
const ratio = (k, f) => median(rows.map((r) => f(r[k]) / f(r.ours)));
const ratioCat = ratio('cat2', (x) => x.wallS);
console.log(`  reading twice / ours: wall ${ratioCat.toFixed(2)}×, CPU ${ratio('cat2', (x) => x.cpuS).toFixed(2)}×; NumPy / ours: wall ${ratio('numpy', (x) => x.wallS).toFixed(2)}×, CPU ${ratio('numpy', (x) => x.cpuS).toFixed(2)}× (medians of per-run ratios)`);
console.log(`  machine load average during the run: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(', ')}`);
const ours = JSON.parse(rows[rows.length - 1].ours.stdout);
const peer = JSON.parse(rows[rows.length - 1].numpy.stdout.trim().split('\n').pop());
const last = ours.frames[ours.frames.length - 1];
console.log(`  agreement (last frame): whole ${last.mean.toFixed(6)} vs ${peer.frameLast.toFixed(6)}; rectangle ${last.rois.rect.toFixed(6)} vs ${peer.rectLast.toFixed(6)}; ` +
  `ellipse ${last.rois.oval.toFixed(6)} vs ${peer.ellipseLast.toFixed(6)}; grid P16 ${last.grid[3][3].toFixed(6)} vs ${peer.gridLast[3][3].toFixed(6)}`);
console.log(`  target (faster than reading the stack twice, bounded memory): ${ratioCat > 1 ? 'met' : 'NOT met'}`);
