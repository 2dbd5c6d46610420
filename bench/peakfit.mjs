// Peak-fitting benchmark: read 900 pyFAI .xy frames + sequential pseudo-Voigt + linear-background fits on the ROIs
// 6.40:6.75 and 6.75:7.05 (the peer's defaults), whole process, against lmfit (../shared/bench/peer_peakfit.py).
// Target: at least 20× faster than the peer. Also: our peak RSS, agreement on the last frame's centres, and the
// same work with the detection test switched off (--force: every peak fitted, as the peer does).
//
//   node bench/peakfit.mjs [FRAMES=900] [--runs N]     (N alternating pairs, default 1: the peer takes ~1 min)
//   node bench/peakfit.mjs --ml-only                    only the one-ROI comparison with ml-levenberg-marquardt
//
// The science code is bundled once with esbuild's JS API (no tsx in the timing): the bundle's entry reads the
// files with the app's pyFAI reader (src/core/formats/xrd/pyfai-xy.ts) and fits with src/core/xrd/peaks.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { bundleEntry, frameBenchSetup, median, python, sharedBench, timed } from './common.mjs';

const { args, runs, frames, framesDir: dataDir } = frameBenchSetup();

// The process we time: list, read and parse every frame, then fit sequentially; prints one JSON line.
const entry = `
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePyFaiXy } from './src/core/formats/xrd/pyfai-xy';
import { fitFrames, frameData, peakSeries } from './src/core/xrd/peaks/sequential';
import { roiIndexRange } from './src/core/xrd/peaks/fitRoi';
import { pseudoVoigt, roiModel } from './src/core/xrd/peaks/pseudoVoigt';
import { levenbergMarquardt, poissonWeights } from './src/core/xrd/fit/levenbergMarquardt';
import { levenbergMarquardt as mlLm } from 'ml-levenberg-marquardt';

const dir = process.argv[2];
const force = process.argv.includes('--force');
if (process.argv.includes('--ml-compare')) {
  compareWithMl(dir);
  process.exit(0);
}
function compareWithMl(file) {
  // One ROI of one frame, fitted repeatedly by our LM and by ml-levenberg-marquardt (numeric and analytic Jacobian).
  const p = frameData(parsePyFaiXy(path.basename(file), readFileSync(file)));
  const [i0, i1] = roiIndexRange(p.twoThetaDeg, 6.40, 6.75);
  const x = p.twoThetaDeg.slice(i0, i1);
  const y = p.intensity.slice(i0, i1);
  const w = poissonWeights(y);
  const sigma = Array.from(y, (v) => Math.sqrt(Math.max(v, 1)));
  const xRef = 0.5 * (x[0] + x[x.length - 1]);
  let iMax = 0;
  for (let i = 1; i < y.length; i++) if (y[i] > y[iMax]) iMax = i;
  const start = [x[iMax], 0.05, 0.5, (y[iMax] - y[0]) * 0.05, y[0], 0];
  const lower = [x[0], 0.005, 0, 0, -Infinity, -Infinity];
  const upper = [x[x.length - 1], 0.3, 1, Infinity, Infinity, Infinity];
  const model = roiModel(x, 1, 1, xRef);
  const chi2Of = (params) => {
    const f = new Float64Array(x.length);
    model(Float64Array.from(params), f, null);
    let c = 0;
    for (let i = 0; i < x.length; i++) c += w[i] * (y[i] - f[i]) ** 2;
    return c;
  };
  const sse = (params) => {
    const f = new Float64Array(x.length);
    model(Float64Array.from(params), f, null);
    let c = 0;
    for (let i = 0; i < x.length; i++) c += (y[i] - f[i]) ** 2;
    return c;
  };
  const pv = (q) => (t) => pseudoVoigt(t, q[0], q[1], q[2], q[3]) + q[4] + q[5] * (t - xRef);
  // Analytic Jacobian for ml-levenberg-marquardt: our model's rows, looked up by x (it asks point by point).
  const rowOf = new Map(Array.from(x, (v, i) => [v, i]));
  const jac = (q) => {
    const f = new Float64Array(x.length);
    const J = new Float64Array(x.length * 6);
    model(Float64Array.from(q), f, J);
    return (t) => Array.from(J.subarray(rowOf.get(t) * 6, rowOf.get(t) * 6 + 6));
  };
  const ones = new Float64Array(x.length).fill(1);
  const xs = Array.from(x);
  const ys = Array.from(y);
  const mlBase = { initialValues: start, minValues: [x[0], 0.005, 0, 0, -1e300, -1e300], maxValues: [x[x.length - 1], 0.3, 1, 1e300, 1e300, 1e300], damping: 1e-2 };
  // ml's finite-difference steps must suit each parameter (its default, 0.1 for all, is wider than the peak).
  const numericJ = { gradientDifference: [1e-6, 1e-6, 1e-6, 1e-4, 1e-3, 1e-3], centralDifference: true };
  const ours = (weights) => () => {
    const r = levenbergMarquardt(model, y, weights, start, { lower, upper });
    return { params: Array.from(r.params), iterations: r.iterations, se: r.stdErrors[0] };
  };
  const ml = (opts) => () => {
    const r = mlLm({ x: xs, y: ys }, pv, { ...mlBase, ...opts });
    return { params: r.parameterValues, iterations: r.iterations, se: NaN };
  };
  // ml stops only after maxIterations or when χ² < errorTolerance (absolute), so on counting data it always runs
  // maxIterations; 10 is enough here (same optimum to 7 digits as 100).
  const runs = [
    ['ours, Poisson weights', ours(w)],
    ['ours, unweighted', ours(ones)],
    ['ml, unweighted, numeric J, 100 it. (default)', ml({ ...numericJ, maxIterations: 100 })],
    ['ml, unweighted, numeric J, 10 it.', ml({ ...numericJ, maxIterations: 10 })],
    ['ml, unweighted, analytic J, 10 it.', ml({ jacobianFunction: jac, maxIterations: 10 })],
    ['ml, weights = σ, numeric J, 100 it.', ml({ ...numericJ, weights: sigma, maxIterations: 100 })],
  ];
  const out = {};
  for (const [name, fn] of runs) {
    let r = fn();
    const reps = 200;
    const t = performance.now();
    for (let k = 0; k < reps; k++) r = fn();
    out[name] = { msPerFit: (performance.now() - t) / reps, iterations: r.iterations, chi2: chi2Of(r.params), chi2Unweighted: sse(r.params), centreDeg: r.params[0], fwhmDeg: r.params[1], eta: r.params[2], area: r.params[3], centreSigmaDeg: r.se };
  }
  console.log(JSON.stringify({ points: x.length, roi: '6.40:6.75', file: path.basename(file), fits: out }));
}

const t0 = performance.now();
const names = readdirSync(dir).filter((f) => /\\.(xy|dat|chi)$/.test(f)).sort();
const patterns = names.map((n) => parsePyFaiXy(n, readFileSync(path.join(dir, n))));
const t1 = performance.now();
const frames = patterns.map((p) => frameData(p));
const timesS = Float64Array.from(frames, (_, i) => 2 * i);
const rois = [
  { id: '6.40:6.75', fromDeg: 6.40, toDeg: 6.75, backgroundOrder: 1, peaks: [{ label: 'fcc 200' }] },
  { id: '6.75:7.05', fromDeg: 6.75, toDeg: 7.05, backgroundOrder: 1, peaks: [{ label: 'Fe3O4 422' }] },
];
const res = fitFrames(frames, timesS, rois, { forceFit: force, weighting: 'poisson' });
const t2 = performance.now();
const series = rois.map((r) => peakSeries(res, r.id));
const last = series.map((s) => ({ present: s.present[frames.length - 1] === 1, centreDeg: s.centreDeg[frames.length - 1], sigmaDeg: s.centreSigmaDeg[frames.length - 1], limit: s.limit[frames.length - 1] }));
console.log(JSON.stringify({
  frames: frames.length, peaksFitted: series.reduce((n, s) => n + s.present.reduce((a, b) => a + b, 0), 0),
  presentPerRoi: series.map((s) => s.present.reduce((a, b) => a + b, 0)), errors: res.errors.length,
  secondsRead: (t1 - t0) / 1000, secondsFit: (t2 - t1) / 1000, last, maxRssMB: process.resourceUsage().maxRSS / 1024,
}));
`;

const bundle = await bundleEntry('peakfit', entry);

const check = (r, who) => {
  if (r.status !== 0) throw new Error(`${who} failed:\n${r.stderr}`);
  return r;
};
function printMlComparison() {
  // Why a focused LM: the same ROI (last frame, 6.40:6.75) fitted 200 times by each implementation, in-process.
  const lastFile = path.join(dataDir, readdirSync(dataDir).filter((n) => n.endsWith('.xy')).sort().at(-1));
  const ml = JSON.parse(check(timed('node', [bundle, lastFile, '--ml-compare']), 'ml comparison').stdout);
  console.log(`  one ROI (${ml.points} points, ${ml.file}), pseudo-Voigt + line, 200 repeated fits each, same start:`);
  for (const [name, r] of Object.entries(ml.fits)) {
    console.log(`    ${name.padEnd(46)} ${r.msPerFit.toFixed(3)} ms/fit, ${String(r.iterations).padStart(3)} it., χ²(Poisson) ${r.chi2.toFixed(1)}, ` +
      `centre ${r.centreDeg.toFixed(5)}°, FWHM ${r.fwhmDeg.toFixed(5)}°, η ${r.eta.toFixed(3)}, area ${r.area.toFixed(2)}` +
      (Number.isFinite(r.centreSigmaDeg) ? `, σ(centre) ${r.centreSigmaDeg.toExponential(2)}°` : ', no covariance'));
  }
}
if (args.includes('--ml-only')) {
  printMlComparison();
  process.exit(0);
}

const ours = { name: 'ReductionLab', cmd: 'node', args: [bundle, dataDir] };
const oursForced = { name: 'ReductionLab --force', cmd: 'node', args: [bundle, dataDir, '--force'] };
const peer = { name: 'lmfit peer', cmd: python, args: [path.join(sharedBench, 'peer_peakfit.py'), dataDir] };
timed(ours.cmd, ours.args); // warm the file cache for both sides
const rows = [];
for (let i = 0; i < runs; i++) {
  rows.push({
    a: check(timed(ours.cmd, ours.args), ours.name),
    f: check(timed(oursForced.cmd, oursForced.args), oursForced.name),
    b: check(timed(peer.cmd, peer.args), peer.name),
  });
}
const a = JSON.parse(rows.at(-1).a.stdout);
const f = JSON.parse(rows.at(-1).f.stdout);
const b = JSON.parse(rows.at(-1).b.stdout.trim().split('\n').pop());
const med = (key, field) => median(rows.map((r) => r[key][field]));
const ratio = median(rows.map((r) => r.b.wallS / r.a.wallS));
const ratioForced = median(rows.map((r) => r.b.wallS / r.f.wallS));
console.log(`\nPeak fitting: ${frames} pyFAI .xy frames, 2 ROIs (6.40:6.75, 6.75:7.05), pseudo-Voigt + linear background, sequential`);
console.log(`  ReductionLab:         ${med('a', 'wallS').toFixed(2)} s wall (read ${a.secondsRead.toFixed(2)} s, fit ${a.secondsFit.toFixed(2)} s), ` +
  `peak RSS ${Math.max(...rows.map((r) => r.a.peakMB)).toFixed(0)} MB (process.resourceUsage ${a.maxRssMB.toFixed(0)} MB); ` +
  `peaks present/fitted per ROI ${a.presentPerRoi.join(', ')}`);
console.log(`  ReductionLab --force: ${med('f', 'wallS').toFixed(2)} s wall (fit ${f.secondsFit.toFixed(2)} s), every peak fitted (${f.peaksFitted})`);
console.log(`  lmfit peer:           ${med('b', 'wallS').toFixed(2)} s wall (read ${b.seconds_read.toFixed(2)} s, fit ${b.seconds_fit.toFixed(2)} s), ` +
  `peak RSS ${Math.max(...rows.map((r) => r.b.peakMB)).toFixed(0)} MB; ${b.peaks_fitted} fits`);
console.log(`  speed ratio peer/ours: ${ratio.toFixed(1)}× (with detection), ${ratioForced.toFixed(1)}× (--force); median of ${runs} run(s)`);
// Agreement on the last frame: centres where our peak is present; where it is absent, say what the peer returned.
let agree = true;
a.last.forEach((p, i) => {
  const pc = b.last_centres_deg[i];
  if (p.present) {
    const d = Math.abs(p.centreDeg - pc);
    const ok = d <= Math.max(3 * p.sigmaDeg, 1e-4);
    agree &&= ok;
    console.log(`  last frame ROI ${i + 1}: ours ${p.centreDeg.toFixed(5)} ± ${p.sigmaDeg.toExponential(1)}°, peer ${pc.toFixed(5)}°, |Δ| ${d.toExponential(1)}° — ${ok ? 'agree' : 'DISAGREE'}`);
  } else {
    console.log(`  last frame ROI ${i + 1}: ours ABSENT (limit ${p.limit.toFixed(2)} counts·°), peer fitted noise: centre ${pc.toPrecision(6)}°`);
  }
});
printMlComparison();
const ok = ratio >= 20 && agree;
console.log(`  target (≥ 20× the peer, same centres): ${ok ? 'met' : 'NOT met'}`);
if (!ok) process.exitCode = 1;
