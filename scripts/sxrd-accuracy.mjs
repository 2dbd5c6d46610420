#!/usr/bin/env node
// Accuracy of `reductionlab xrd` on a simulated study with known answers (truth.json beside the frames): runs the
// CLI with the library phases at the run temperature, as a user would, and prints a Markdown table per study:
// max and median |Δw| per phase against truth.json, the fcc (Fe,Ni) or bcc Fe cell error, x_Ni error (every frame
// and the last), GoF and Rwp ranges, bcc Fe detection. docs/rietveld.md quotes its output.
//
//   node scripts/sxrd-accuracy.mjs DIR [DIR…] [--interval 30]
//
// DIR is a study folder: ../shared/fixtures/simulated/sxrd-*, or one made by scripts/make-sxrd-study.py.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TRUTH_KEY = { magnetite: 'Fe3O4', wustite: 'FeO', NiO: 'NiO', 'fcc-FeNi': 'fcc', 'bcc-Fe': 'bcc_Fe' };
const dirs = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (dirs.length === 0) {
  console.error('usage: node scripts/sxrd-accuracy.mjs DIR [DIR…]');
  process.exit(2);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const f4 = (x) => x.toFixed(4);

for (const dir of dirs) {
  const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8'));
  const nio = truth.sample === 'Fe2O3+NiO';
  const phases = nio ? ['magnetite', 'wustite', 'NiO', 'fcc-FeNi'] : ['magnetite', 'wustite', 'bcc-Fe'];
  const detect = [...phases, nio ? 'bcc-Fe' : 'fcc-FeNi'];
  const args = [path.join(repoRoot, 'bin/reductionlab.mjs'), 'xrd', dir, '--phases', phases.join(','), '--detect', detect.join(','),
    '--temperature', '700', '--interval', String(truth.frame_interval_s ?? 30), '--json'];
  const t0 = performance.now();
  const r = spawnSync('node', args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wallS = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`reductionlab xrd failed on ${dir}:\n${r.stderr}`);
  const out = JSON.parse(r.stdout);
  const frames = out.frames;
  const rows = [];
  const allDw = [];
  for (const id of phases) {
    const dw = frames.map((f, i) => Math.abs(f.phases[id].weightFraction - (truth.frames[i].wt[TRUTH_KEY[id]] ?? 0)));
    allDw.push(...dw);
    rows.push(`| ${id} | ${f4(Math.max(...dw))} | ${f4(median(dw))} | frame ${dw.indexOf(Math.max(...dw))} |`);
  }
  const metal = nio ? 'fcc-FeNi' : 'bcc-Fe';
  const da = frames
    .map((f, i) => ((truth.frames[i].wt[TRUTH_KEY[metal]] ?? 0) > 0.05 ? Math.abs(f.phases[metal].aA - truth.frames[i].a[TRUTH_KEY[metal]]) : 0));
  const gof = frames.map((f) => f.gof);
  const rwp = frames.map((f) => 100 * f.rwp);
  console.log(`\n### ${path.basename(dir)} (${truth.sample}; ${frames.length} frames; zero shift ${truth.instrument?.zero_shift_deg ?? 0}°, graininess ${truth.instrument?.graininess_rel_sd ?? 0})\n`);
  console.log('| phase | max abs(Δw) | median abs(Δw) | worst |\n|---|---|---|---|');
  console.log(rows.join('\n'));
  console.log(`\n- all phases: max |Δw| ${f4(Math.max(...allDw))}, median ${f4(median(allDw))}`);
  console.log(`- ${metal} a: max |Δa| ${Math.max(...da).toFixed(5)} Å (frames where it is > 5 wt%)`);
  if (nio) {
    const dx = frames.map((f, i) => Math.abs(f.phases['fcc-FeNi'].xNi - truth.frames[i].fcc_x_ni));
    const last = frames.at(-1).phases['fcc-FeNi'];
    console.log(`- x_Ni: max |Δx| ${f4(Math.max(...dx))} (median ${f4(median(dx))}); last frame ${f4(last.xNi)} ± ${f4(last.xNiSigma)} (stat.) ± ${f4(last.xNiSystematicSigma)} (end members) against ${f4(truth.frames.at(-1).fcc_x_ni)}`);
  }
  console.log(`- GoF ${Math.min(...gof).toFixed(2)}–${Math.max(...gof).toFixed(2)}, Rwp ${Math.min(...rwp).toFixed(2)}–${Math.max(...rwp).toFixed(2)} %`);
  const zs = frames.map((f) => f.zeroShiftDeg).filter((z) => typeof z === 'number');
  if (zs.length) console.log(`- zero shift refined ${median(zs).toFixed(4)}° (median; truth ${truth.instrument?.zero_shift_deg ?? 0}°)`);
  console.log(`- bcc Fe: ${out.detection['bcc-Fe'].message}; fcc (Fe,Ni): ${out.detection['fcc-FeNi'].message}`);
  console.log(`- whole process ${wallS.toFixed(1)} s`);
}
