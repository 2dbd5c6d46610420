#!/usr/bin/env node
// npm run test:mutation [-- FOLDER ...] [-- FOLDER/FILE.ts ...] [--concurrency N] [--full]
//
// Mutation testing of src/core, one folder at a time (a folder's own .ts files, not its subfolders), with the
// configuration in stryker.config.mjs. FOLDER is written as core/tga, src/core/tga or tga; without one, every folder
// of src/core that holds sources is run, core/xrd/rietveld last. Each folder keeps its own incremental file, so a
// second run re-tests only the mutants whose code or covering tests changed (--full forgets it). Reports:
// reports/mutation/<core-folder>/index.html and mutation.json; a summary table of every folder measured so far is
// written to reports/mutation/summary.md. Runs under `nice`; --concurrency (default 2) sets Stryker's workers.
//
// A slice: name files instead of a folder (core/tga/metrics.ts core/tga/tg.ts). The files of one folder named in one
// call form one slice, measured against that folder's tests, with its own incremental file and reports under
// reports/mutation/<core-folder>/slices/<file+file>/. A folder too big to finish in one sitting is measured slice by
// slice; summary.md lists each slice and, where a folder's slices cover every file of it, the combined score.
//
// A sample: --sample N [--seed S] (default seed 1) draws N of the folder's (or slice's) M mutants uniformly at random,
// reproducibly from the seed, runs only those and reports the estimated score with its 95 % Wilson interval, labelled
// "sampled N of M" (scripts/mutation-sample.mjs says how). Its report and incremental record live under
// reports/mutation/<core-folder>/sampled/n<N>-seed<S>/ (a slice: <file+file>-n<N>-seed<S>), apart from full runs.
// A re-run keeps its draw (sample.json), its mutants found again if the sources changed since; --redraw draws afresh.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { estimate, listMutants, planSample, relocatePlan, tallySample } from './mutation-sample.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reportRoot = path.join(root, 'reports/mutation');

/** Folders under src/core holding at least one non-test .ts file, as "core/…", rietveld last. */
function coreFolders() {
  const out = [];
  const walk = (rel) => {
    const entries = readdirSync(path.join(root, 'src', rel), { withFileTypes: true });
    if (entries.some((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))) out.push(rel);
    for (const e of entries) if (e.isDirectory()) walk(`${rel}/${e.name}`);
  };
  walk('core');
  return out.sort((a, b) => Number(a === 'core/xrd/rietveld') - Number(b === 'core/xrd/rietveld') || a.localeCompare(b));
}

function normalise(arg) {
  const rel = arg.replace(/^\.?\/?/, '').replace(/^src\//, '').replace(/\/+$/, '');
  const folder = rel.startsWith('core') ? rel : `core/${rel}`;
  if (!existsSync(path.join(root, 'src', folder))) throw new Error(`no folder or file src/${folder}`);
  return folder;
}

/** The non-test .ts files of a folder (its own, not its subfolders; testkit.ts, a helper of the tests, left out). */
function sourcesOf(folder) {
  return readdirSync(path.join(root, 'src', folder))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts') && f !== 'testkit.ts')
    .sort();
}

const args = process.argv.slice(2);
let concurrency = '2';
let full = false;
let redraw = false;
let sampleN = null;
let seed = 1;
const folders = [];
/** A positive integer option value, or the script stops saying which option was wrong. */
function count(name, value, min) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} needs an integer ≥ ${min}, got ${value}`);
  return n;
}
for (let i = 0; i < args.length; i++) {
  const [flag, inline] = args[i].startsWith('--') && args[i].includes('=') ? args[i].split('=', 2) : [args[i], null];
  const value = () => inline ?? args[++i];
  if (flag === '--concurrency') concurrency = String(count('--concurrency', value(), 1));
  else if (flag === '--full') full = true;
  else if (flag === '--redraw') redraw = true;
  else if (flag === '--sample') sampleN = count('--sample', value(), 1);
  else if (flag === '--seed') seed = count('--seed', value(), 0);
  else folders.push(normalise(args[i]));
}
// Folders run whole; files are grouped by folder into slices.
/** @type {{ folder: string, files: string[] | null }[]} */
const run = [];
for (const f of folders.length > 0 ? folders : coreFolders()) {
  if (!f.endsWith('.ts')) {
    run.push({ folder: f, files: null });
    continue;
  }
  const folder = path.posix.dirname(f);
  const slice = run.find((r) => r.folder === folder && r.files);
  if (slice) slice.files.push(path.posix.basename(f));
  else run.push({ folder, files: [path.posix.basename(f)] });
}

// The sandbox is a copy of the repository under .stryker-tmp/, so ../shared would not be found from there.
const shared = process.env.REDUCTIONLAB_SHARED ? path.resolve(process.env.REDUCTIONLAB_SHARED) : path.resolve(root, '../shared');
if (!existsSync(path.join(shared, 'fixtures'))) {
  console.log(`[note] no shared fixtures at ${shared}: tests reading real files skip, and their mutants may survive`);
}

const stryker = path.join(root, 'node_modules/.bin/stryker');
let failed = 0;
for (const { folder, files } of run) {
  const what = files ? `src/${folder}/{${files.join(',')}}` : `src/${folder}`;
  const env = { ...process.env, MUTATION_FOLDER: folder, MUTATION_CONCURRENCY: concurrency, REDUCTIONLAB_SHARED: shared };
  if (files) env.MUTATION_FILES = files.map((f) => f.replace(/\.ts$/, '')).sort().join('+');
  let sampleNote = '';
  if (sampleN) {
    const list = (files ?? sourcesOf(folder)).map((f) => `src/${folder}/${f}`);
    const listed = await listMutants(root, list);
    const name = `${env.MUTATION_FILES ? `${env.MUTATION_FILES}-` : ''}n${sampleN}-seed${seed}`;
    const sampleDir = path.join(reportRoot, folder.replaceAll('/', '-'), 'sampled', name);
    mkdirSync(sampleDir, { recursive: true });
    const sampleFile = path.join(sampleDir, 'sample.json');
    // A re-run keeps its draw: the same mutants, found again if the sources changed since (--redraw draws afresh).
    const reportFile = path.join(sampleDir, 'mutation.json');
    const plan =
      existsSync(sampleFile) && !redraw
        ? relocatePlan(JSON.parse(readFileSync(sampleFile, 'utf8')), listed, existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, 'utf8')) : null, root)
        : planSample(listed, sampleN, seed);
    if (plan.relocated) console.log(`[note] ${plan.relocated} drawn mutants found again after the sources changed`);
    writeFileSync(sampleFile, `${JSON.stringify({ ...plan, name, folder, files: list, relocated: undefined }, null, 1)}\n`);
    env.MUTATION_SAMPLE = sampleFile;
    sampleNote = `, sampled ${plan.n} of ${plan.total} mutants, seed ${seed}`;
  }
  console.log(`\n=== mutation testing ${what} (concurrency ${concurrency}${full ? ', full' : ', incremental'}${sampleNote}) ===`);
  const started = Date.now();
  const strykerArgs = ['run', 'stryker.config.mjs', ...(full ? ['--force'] : [])];
  const r = spawnSync('nice', ['-n', '10', stryker, ...strykerArgs], { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`stryker failed on ${what} (exit ${r.status ?? r.signal})`);
  } else {
    const dir = env.MUTATION_SAMPLE
      ? path.dirname(env.MUTATION_SAMPLE)
      : path.join(reportRoot, folder.replaceAll('/', '-'), ...(files ? ['slices', env.MUTATION_FILES] : []));
    writeFileSync(path.join(dir, 'run.json'), `${JSON.stringify({ finished: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000), concurrency: Number(concurrency), full })}\n`);
  }
}

// Summary of every folder and slice with a report, in the README's terms.
function tally(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const c = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, CompileError: 0, RuntimeError: 0, Ignored: 0 };
  for (const f of Object.values(report.files)) for (const m of f.mutants) c[m.status] = (c[m.status] ?? 0) + 1;
  const runFile = path.join(path.dirname(file), 'run.json');
  c.seconds = existsSync(runFile) ? JSON.parse(readFileSync(runFile, 'utf8')).seconds : null;
  return c;
}
function sourcesOfSafe(folder) {
  return existsSync(path.join(root, 'src', folder)) ? sourcesOf(folder) : [];
}
function row(label, c, sampledScore) {
  const detected = c.Killed + c.Timeout;
  const valid = detected + c.Survived + c.NoCoverage;
  const score = sampledScore ?? (valid ? `${((100 * detected) / valid).toFixed(1)} %` : '—');
  const time = c.seconds == null ? '—' : `${(c.seconds / 60).toFixed(1)} min`;
  return `| ${label} | ${valid} | ${c.Killed} | ${c.Timeout} | ${c.Survived} | ${c.NoCoverage} | ${c.Ignored} | ${score} | ${time} |`;
}
const rows = [];
if (existsSync(reportRoot)) {
  for (const slug of readdirSync(reportRoot).sort()) {
    const folder = slug.replaceAll('-', '/');
    const whole = path.join(reportRoot, slug, 'mutation.json');
    if (existsSync(whole)) rows.push(row(folder, tally(whole)));
    const sampledDir = path.join(reportRoot, slug, 'sampled');
    for (const name of existsSync(sampledDir) ? readdirSync(sampledDir).sort() : []) {
      const file = path.join(sampledDir, name, 'mutation.json');
      const planFile = path.join(sampledDir, name, 'sample.json');
      if (!existsSync(file) || !existsSync(planFile)) continue;
      const plan = JSON.parse(readFileSync(planFile, 'utf8'));
      const c = { ...tallySample(JSON.parse(readFileSync(file, 'utf8')), plan.keys, root), seconds: tally(file).seconds };
      const e = estimate(c);
      const what = plan.files.length === sourcesOfSafe(folder).length ? folder : `${folder}: ${plan.files.map((f) => path.posix.basename(f)).join(', ')}`;
      const label = `${what}, sampled ${plan.n} of ${plan.total} (seed ${plan.seed}${c.nested ? `; ${c.nested} nested mutants also ran, not counted` : ''}${c.missing ? `; ${c.missing} drawn mutants missing: sources changed, draw again` : ''})`;
      const score = `${e.percent.toFixed(1)} % (95 % CI ${e.low.toFixed(1)}–${e.high.toFixed(1)} %)`;
      rows.push(row(label, c, e.counted ? score : undefined));
    }
    const slicesDir = path.join(reportRoot, slug, 'slices');
    if (!existsSync(slicesDir)) continue;
    const sum = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, CompileError: 0, RuntimeError: 0, Ignored: 0, seconds: 0 };
    const covered = new Set();
    for (const name of readdirSync(slicesDir).sort()) {
      const file = path.join(slicesDir, name, 'mutation.json');
      if (!existsSync(file)) continue;
      const c = tally(file);
      rows.push(row(`${folder}: ${name.split('+').map((f) => `${f}.ts`).join(', ')}`, c));
      for (const k of Object.keys(sum)) sum[k] += c[k] ?? 0;
      for (const f of name.split('+')) covered.add(`${f}.ts`);
    }
    if (existsSync(path.join(root, 'src', folder))) {
      const missing = sourcesOf(folder).filter((f) => !covered.has(f));
      if (missing.length === 0) rows.push(row(`${folder} (all slices)`, sum));
      else if (covered.size > 0) rows.push(`| ${folder}: not measured | ${missing.join(', ')} | | | | | | | |`);
    }
  }
  mkdirSync(reportRoot, { recursive: true });
  const table = [
    '| folder or slice | mutants | killed | timeout | survived | no coverage | ignored (static) | score | time |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  writeFileSync(path.join(reportRoot, 'summary.md'), `${table}\n`);
  console.log(`\n${table}\n(reports/mutation/summary.md; per folder: reports/mutation/<folder>/index.html)`);
}
process.exit(failed > 0 ? 1 : 0);
