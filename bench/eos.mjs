// EOS inversion benchmark: V(P, T) for 1,000,000 pressures on two scales — Re (Anzellini 2014, Vinet isotherm)
// and Au (Fei et al. 2007, Vinet + Mie–Grüneisen–Debye at 1500 K) — against Python peers in the same run
// (bench/peer_eos.py): SciPy brentq per point (on a subset: it is slow) and a vectorised NumPy Newton (all points).
// Target: ≥ 1e6 inversions per second. Rates are timed inside each process (the loop only); the whole-process
// wall time is printed too. Agreement of the volumes with the peers is checked at the first and last point.
//
//   node bench/eos.mjs [N=1000000] [--runs R]     (R alternating runs, median reported; default 3)
import path from 'node:path';
import { bundleEntry, median, python, repoRoot, timed } from './common.mjs';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const n = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--runs') ?? 1_000_000);
const nBrentq = Math.min(n, 20_000);

const entry = `
import { eosModel, scaleById, solveVolume, solveVolumes } from './src/core/hp/eos';
const n = Number(process.argv[2]);
const re = eosModel(scaleById('anzellini2014', 'Re'));
const au = eosModel(scaleById('fei2007-vinet', 'Au'));
const vRe = new Float64Array(n);
const vAu = new Float64Array(n);
const t0 = performance.now();
for (let i = 0; i < n; i++) vRe[i] = solveVolume(re, 1 + (149 * i) / (n - 1), 300);
const t1 = performance.now();
for (let i = 0; i < n; i++) vAu[i] = solveVolume(au, 1 + (99 * i) / (n - 1), 1500);
const t2 = performance.now();
// The batch API (maps, sequences): solveVolumes warm-starts each point from the previous one.
const pAu = Float64Array.from({ length: n }, (_, i) => 1 + (99 * i) / (n - 1));
const t3 = performance.now();
const wAu = solveVolumes(au, pAu, 1500);
const t4 = performance.now();
console.log(JSON.stringify({ method: 'reductionlab', n, isothermSeconds: (t1 - t0) / 1000, mgdSeconds: (t2 - t1) / 1000,
  isothermRate: n / ((t1 - t0) / 1000), mgdRate: n / ((t2 - t1) / 1000), mgdBatchRate: n / ((t4 - t3) / 1000), batchAgrees: Math.abs(wAu[n - 1] / vAu[n - 1] - 1) < 1e-12,
  reFirst: vRe[0], reLast: vRe[n - 1], auFirst: vAu[0], auLast: vAu[n - 1] }));
`;

const bundle = await bundleEntry('eos', entry);
const peer = path.join(repoRoot, 'bench', 'peer_eos.py');
const ours = [];
const np = [];
const bq = [];
for (let r = 0; r < runs; r++) {
  const a = timed('node', [bundle, String(n)]);
  const b = timed(python, [peer, 'numpy', String(n)]);
  const c = timed(python, [peer, 'brentq', String(nBrentq)]);
  for (const [x, list, name] of [[a, ours, 'reductionlab'], [b, np, 'numpy'], [c, bq, 'brentq']]) {
    if (x.status !== 0) throw new Error(`${name} failed:\n${x.stderr}`);
    list.push({ ...JSON.parse(x.stdout.trim().split('\n').pop()), wallS: x.wallS, peakMB: x.peakMB });
  }
}
const m = (list, k) => median(list.map((x) => x[k]));
const fmt = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M/s` : `${(x / 1e3).toFixed(0)} k/s`);
console.log(`\nEOS inversion V(P, T), ${n.toLocaleString('en')} points per scale (brentq: ${nBrentq.toLocaleString('en')}), median of ${runs} runs`);
console.log('                          Re isotherm (Vinet)    Au Vinet + MGD at 1500 K   whole process');
for (const [name, list] of [['reductionlab (TS)', ours], ['NumPy vectorised Newton', np], ['SciPy brentq per point', bq]]) {
  console.log(`  ${name.padEnd(24)}${fmt(m(list, 'isothermRate')).padStart(12)}${fmt(m(list, 'mgdRate')).padStart(26)}${(m(list, 'wallS').toFixed(2) + ' s').padStart(18)}, ${Math.max(...list.map((x) => x.peakMB)).toFixed(0)} MB`);
}
console.log(`  ratios (ours / NumPy): isotherm ${(m(ours, 'isothermRate') / m(np, 'isothermRate')).toFixed(2)}×, MGD ${(m(ours, 'mgdRate') / m(np, 'mgdRate')).toFixed(2)}×;` +
  ` (ours / brentq): isotherm ${(m(ours, 'isothermRate') / m(bq, 'isothermRate')).toFixed(0)}×, MGD ${(m(ours, 'mgdRate') / m(bq, 'mgdRate')).toFixed(0)}×`);
console.log(`  reductionlab batch API (solveVolumes, warm start from the previous point), Au MGD: ${fmt(m(ours, 'mgdBatchRate'))}${ours.every((x) => x.batchAgrees) ? '' : ' — DISAGREES with the single-point solves'}`);
const o = ours[0];
const dev = Math.max(...[['reFirst', np[0]], ['reLast', np[0]], ['auFirst', np[0]], ['auLast', np[0]], ['reFirst', bq[0]], ['auFirst', bq[0]]].map(([k, p]) => Math.abs(o[k] / p[k] - 1)));
console.log(`  agreement with the peers at the end points: max |ΔV/V| = ${dev.toExponential(1)}`);
console.log(`  target ≥ 1e6 inversions/s: isotherm ${m(ours, 'isothermRate') >= 1e6 ? 'met' : 'NOT met'}, MGD ${m(ours, 'mgdRate') >= 1e6 ? 'met' : 'NOT met'}`);
