// Shared helpers for `npm run bench`: locate ../shared, make data once, time whole processes with GNU time.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** ../shared beside the repository, or $REDUCTIONLAB_SHARED (as for the tests: test/fixtures/shared-fixtures.ts). */
export const sharedRoot = process.env.REDUCTIONLAB_SHARED ? path.resolve(process.env.REDUCTIONLAB_SHARED) : path.resolve(repoRoot, '../shared');
export const sharedBench = path.join(sharedRoot, 'bench');
export const dataDir = path.join(repoRoot, 'bench', 'data');
/** Debian's interpreter (python3-numpy/pandas/scipy/lmfit are installed for it, not for other pythons on PATH). */
export const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

export function requireShared() {
  if (!existsSync(sharedBench)) {
    console.log(`bench: ${sharedBench} not found — the peers and data makers live in ../shared/bench; nothing to compare.`);
    process.exit(0);
  }
}

/**
 * Prelude of the frame benchmarks (peakfit.mjs, rietveld.mjs): parses `[FRAMES=900] [--runs N]` (N default 1) and
 * makes the pyFAI .xy frames once with ../shared/bench/make_big_sxrd.py in os.tmpdir() (kept between runs).
 */
export function frameBenchSetup(args = process.argv.slice(2)) {
  requireShared();
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 1;
  const frames = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--runs') ?? 900);
  const framesDir = path.join(os.tmpdir(), frames === 900 ? 'big_sxrd' : `big_sxrd_${frames}`);
  if (!existsSync(framesDir) || readdirSync(framesDir).filter((f) => f.endsWith('.xy')).length !== frames) {
    console.log(`making ${frames} frames in ${framesDir}…`);
    const r = timed(python, [path.join(sharedBench, 'make_big_sxrd.py'), framesDir, String(frames)]);
    if (r.status !== 0) throw new Error(`make_big_sxrd.py failed (python3-numpy missing?):\n${r.stderr}`);
  }
  return { args, runs, frames, framesDir };
}

/**
 * Bundles a TypeScript entry (source text, imports relative to the repository root) with esbuild's JS API into
 * os.tmpdir()/reductionlab-bench/<name>.mjs, so no tsx is in the timing; returns the bundle's path.
 */
export async function bundleEntry(name, entry) {
  const { build } = await import('esbuild');
  const bundle = path.join(ensureDir(path.join(os.tmpdir(), 'reductionlab-bench')), `${name}.mjs`);
  await build({
    stdin: { contents: entry, resolveDir: repoRoot, sourcefile: `${name}-entry.ts`, loader: 'ts' },
    bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: bundle, logLevel: 'warning',
    // CommonJS dependencies (sql.js) require Node built-ins: give the ESM bundle a require, as scripts/build-node.mjs does
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  return bundle;
}

export function ensureDir(dir) {
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Run a command once under GNU time; returns wall seconds, CPU seconds (user + system), peak RSS (MB), exit status and stdout. */
export function timed(cmd, args, opts = {}) {
  const r = spawnSync('/usr/bin/time', ['-f', '__TIME__ %e %M %U %S', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
  const m = /__TIME__ ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  if (!m) throw new Error(`could not time ${cmd} ${args.join(' ')}:\n${r.stderr}`);
  return { wallS: Number(m[1]), peakMB: Number(m[2]) / 1024, cpuS: Number(m[3]) + Number(m[4]), status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Alternate A and B `runs` times after one warm-up each; report medians and the median of pairwise ratios A/B. */
export function compare(label, a, b, runs = 5) {
  timed(a.cmd, a.args);
  timed(b.cmd, b.args);
  const rows = [];
  for (let i = 0; i < runs; i++) rows.push({ a: timed(a.cmd, a.args), b: timed(b.cmd, b.args) });
  for (const r of rows) {
    if (r.a.status !== 0) throw new Error(`${a.name} failed:\n${r.a.stderr}`);
    if (r.b.status !== 0) throw new Error(`${b.name} failed:\n${r.b.stderr}`);
  }
  const res = {
    label,
    runs,
    aName: a.name,
    bName: b.name,
    aWallS: median(rows.map((r) => r.a.wallS)),
    bWallS: median(rows.map((r) => r.b.wallS)),
    aPeakMB: Math.max(...rows.map((r) => r.a.peakMB)),
    bPeakMB: Math.max(...rows.map((r) => r.b.peakMB)),
    ratioBOverA: median(rows.map((r) => r.b.wallS / r.a.wallS)),
    lastA: rows[rows.length - 1].a.stdout,
    lastB: rows[rows.length - 1].b.stdout,
  };
  console.log(`\n${label}`);
  console.log(`  ${a.name}: median ${res.aWallS.toFixed(2)} s, peak ${res.aPeakMB.toFixed(0)} MB`);
  console.log(`  ${b.name}: median ${res.bWallS.toFixed(2)} s, peak ${res.bPeakMB.toFixed(0)} MB`);
  console.log(`  speed ratio (${b.name} / ${a.name}, median of ${runs} alternating pairs): ${res.ratioBOverA.toFixed(2)}×`);
  return res;
}
