// Study-file benchmark: Save (encode the .rlab + atomic write) and Open (read, integrity checks, decode, restore:
// parse every run and analyse it) for the bundled example study and for a study holding a 1,000,000-row log,
// against the floor of the same work without a study file, in the same process: writing the raw bytes alone
// (temp + fsync + rename) and importing + analysing the raw CSV alone. Medians of 5 alternating runs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { bundleEntry, dataDir, ensureDir, python, repoRoot, sharedBench, timed } from './common.mjs';

ensureDir(dataDir);
const csv = path.join(dataDir, 'big_tga.csv');
if (!existsSync(csv) && existsSync(sharedBench)) {
  console.log('making a 1,000,000-row log…');
  timed(python, [path.join(sharedBench, 'make_big_tga.py'), csv, '1000000']);
}

const entry = `
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandlers } from './src/main/handlers';
import { parseTgaInProcess } from './src/main/tga-import';
import { writeFileAtomic } from './src/main/atomic-write';
import { encodeStudy, decodeStudy } from './src/main/study/format';

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const now = () => performance.now();
const dir = mkdtempSync(join(tmpdir(), 'rlab-bench-'));
const makeApi = () => createHandlers({ parseTga: parseTgaInProcess, readFile: async (p) => new Uint8Array(readFileSync(p)), pickFiles: async () => [], saveFile: async () => null, exampleDir: ${JSON.stringify(path.join(repoRoot, 'resources/example'))}, log: () => {}, studyHost: { saveFolder: dir } });

async function measure(label, setup, rawFiles) {
  const api = makeApi();
  await setup(api);
  const rawBytes = rawFiles.reduce((n, f) => n + f.bytes.length, 0);
  const save = [], open = [], rawWrite = [], rawImport = [];
  let size = 0;
  for (let i = 0; i < 5; i++) {
    let t = now();
    const status = await api.studySaveAs('bench');
    save.push(now() - t);
    size = readFileSync(status.path).length;
    t = now();
    for (const f of rawFiles) await writeFileAtomic(join(dir, 'raw-' + f.name), f.bytes);
    rawWrite.push(now() - t);
    const other = makeApi();
    t = now();
    await other.studyOpenRecent(status.path);
    const s = await other.getSession();
    open.push(now() - t);
    if (s.runs.length !== rawFiles.length) throw new Error('opened ' + s.runs.length + ' runs');
    const third = makeApi();
    await third.clearSession();
    t = now();
    await third.tgaImportFiles(rawFiles);
    await third.getSession();
    rawImport.push(now() - t);
  }
  const f = (ms) => (ms / 1000).toFixed(3) + ' s';
  console.log(label + ': raw files ' + (rawBytes / 1e6).toFixed(2) + ' MB, study file ' + (size / 1e6).toFixed(2) + ' MB');
  console.log('  Save  ' + f(median(save)) + '  vs writing the raw files alone ' + f(median(rawWrite)) + '  (ratio ' + (median(save) / median(rawWrite)).toFixed(1) + '×)');
  console.log('  Open  ' + f(median(open)) + '  vs importing + analysing the raw files alone ' + f(median(rawImport)) + '  (ratio ' + (median(open) / median(rawImport)).toFixed(2) + '×)');
}

const example = ['Fe2O3.csv', 'Fe2O3_Ni.csv', 'Fe2O3_NiO.csv', 'blank.csv'].map((n) => ({ name: n, bytes: new Uint8Array(readFileSync(join(${JSON.stringify(path.join(repoRoot, 'resources/example'))}, n))) }));
await measure('Example study (4 runs)', (api) => api.openExampleStudy(), example);
const big = ${JSON.stringify(csv)};
try { readFileSync(big, { flag: 'r' }).length; } catch { console.log('1,000,000-row log: skipped (../shared/bench/make_big_tga.py not available)'); process.exit(0); }
const bigFile = [{ name: 'big_tga.csv', bytes: new Uint8Array(readFileSync(big)) }];
await measure('Study with a 1,000,000-row log', async (api) => {
  await api.clearSession();
  const r = await api.tgaImportFiles(bigFile);
  await api.tgaUpdateRun(r.importedIds[0], { recipe: { precursors: [{ formula: 'Fe2O3' }] } });
}, bigFile);
rmSync(dir, { recursive: true, force: true });
`;
const bundle = await bundleEntry('study-bench', entry);
const r = spawnSync('/usr/bin/time', ['-f', 'peak %M kB', 'node', bundle], { stdio: 'inherit' });
if (r.status !== 0) process.exitCode = 1;
