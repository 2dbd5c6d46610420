#!/usr/bin/env node
// npm run test:mutation [-- FOLDER ...] [--concurrency N] [--full]
//
// Mutation testing of src/core, one folder at a time (a folder's own .ts files, not its subfolders), with the
// configuration in stryker.config.mjs. FOLDER is written as core/tga, src/core/tga or tga; without one, every folder
// of src/core that holds sources is run, core/xrd/rietveld last. Each folder keeps its own incremental file, so a
// second run re-tests only the mutants whose code or covering tests changed (--full forgets it). Reports:
// reports/mutation/<core-folder>/index.html and mutation.json; a summary table of every folder measured so far is
// written to reports/mutation/summary.md. Runs under `nice`; --concurrency (default 2) sets Stryker's workers.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
  if (!existsSync(path.join(root, 'src', folder))) throw new Error(`no folder src/${folder}`);
  return folder;
}

const args = process.argv.slice(2);
let concurrency = '2';
let full = false;
const folders = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--concurrency') concurrency = args[++i];
  else if (args[i].startsWith('--concurrency=')) concurrency = args[i].slice('--concurrency='.length);
  else if (args[i] === '--full') full = true;
  else folders.push(normalise(args[i]));
}
const run = folders.length > 0 ? folders : coreFolders();

// The sandbox is a copy of the repository under .stryker-tmp/, so ../shared would not be found from there.
const shared = process.env.REDUCTIONLAB_SHARED ? path.resolve(process.env.REDUCTIONLAB_SHARED) : path.resolve(root, '../shared');
if (!existsSync(path.join(shared, 'fixtures'))) {
  console.log(`[note] no shared fixtures at ${shared}: tests reading real files skip, and their mutants may survive`);
}

const stryker = path.join(root, 'node_modules/.bin/stryker');
let failed = 0;
for (const folder of run) {
  console.log(`\n=== mutation testing src/${folder} (concurrency ${concurrency}${full ? ', full' : ', incremental'}) ===`);
  const env = { ...process.env, MUTATION_FOLDER: folder, MUTATION_CONCURRENCY: concurrency, REDUCTIONLAB_SHARED: shared };
  const strykerArgs = ['run', 'stryker.config.mjs', ...(full ? ['--force'] : [])];
  const r = spawnSync('nice', ['-n', '10', stryker, ...strykerArgs], { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`stryker failed on src/${folder} (exit ${r.status ?? r.signal})`);
  }
}

// Summary of every folder with a report, in the README's terms.
const rows = [];
if (existsSync(reportRoot)) {
  for (const slug of readdirSync(reportRoot).sort()) {
    const file = path.join(reportRoot, slug, 'mutation.json');
    if (!existsSync(file)) continue;
    const report = JSON.parse(readFileSync(file, 'utf8'));
    const count = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, CompileError: 0, RuntimeError: 0, Ignored: 0 };
    for (const f of Object.values(report.files)) for (const m of f.mutants) count[m.status] = (count[m.status] ?? 0) + 1;
    const detected = count.Killed + count.Timeout;
    const valid = detected + count.Survived + count.NoCoverage;
    rows.push(`| ${slug.replaceAll('-', '/')} | ${valid} | ${count.Killed} | ${count.Timeout} | ${count.Survived} | ${count.NoCoverage} | ${valid ? ((100 * detected) / valid).toFixed(1) : '—'} % |`);
  }
  mkdirSync(reportRoot, { recursive: true });
  const table = ['| folder | mutants | killed | timeout | survived | no coverage | score |', '|---|---|---|---|---|---|---|', ...rows].join('\n');
  writeFileSync(path.join(reportRoot, 'summary.md'), `${table}\n`);
  console.log(`\n${table}\n(reports/mutation/summary.md; per folder: reports/mutation/<folder>/index.html)`);
}
process.exit(failed > 0 ? 1 : 0);
