/* global performance, TextEncoder -- Node globals */
// Hostile inputs against the browser-mode server (issue 6 §4) — TGA, XRD, EDD spectra and pressure-scale tables: each file is sent as the app sends it (raw upload,
// then the import call) to a real server with its real import workers, and the bench records how long the server
// takes to answer (refusal or import), what it said, how long another session then waits for getSession, and the
// server's resident memory (now and peak). Nothing here has a peer: the figures are the time to refuse and the
// memory held, next to a good file of the same kind read in the same run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { bundleEntry, repoRoot, sharedRoot } from './common.mjs';

const helpers = await import(
  await bundleEntry(
    'hostile-inputs',
    "export { zipBomb, writeZip, zeroDeflate } from './test/robustness/zip-bomb';\nexport { zipSync, strToU8 } from 'fflate';\n",
  )
);
const { zipBomb, zipSync, strToU8 } = helpers;

const r = spawnSync(process.execPath, ['scripts/build-node.mjs'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
if (r.status !== 0) throw new Error('build-node failed');

const data = mkdtempSync(path.join(os.tmpdir(), 'rl-hostile-'));
const web = path.join(repoRoot, 'out/web');
const server = spawn(process.execPath, [path.join(repoRoot, 'out/node/server.mjs'), '--port', '0', '--no-example', '--quiet', '--data-dir', data, ...(existsSync(web) ? [] : ['--web', data])], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const address = await new Promise((ok, fail) => {
  let out = '';
  server.stdout.on('data', (c) => {
    out += c;
    const m = /at (http:\/\/127\.0\.0\.1:(\d+)\/)\?token=([\w-]+)/.exec(out);
    if (m) ok({ port: Number(m[2]), token: m[3] });
  });
  server.once('exit', (code) => fail(new Error(`server exited (${code})`)));
});

function post(pathName, body, headers) {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: address.port, path: pathName, method: 'POST', headers: { 'X-ReductionLab-Token': address.token, ...headers } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', fail);
    req.end(body);
  });
}
const apiCall = (session, method, args) => post(`/api/${method}`, JSON.stringify(args), { 'Content-Type': 'application/json', 'X-Session': session, 'X-Session-New': '1' });
async function upload(session, name, bytes) {
  const res = await post('/upload', bytes, { 'Content-Type': 'application/octet-stream', 'X-Session': session, 'X-File-Name': encodeURIComponent(name), 'Content-Length': String(bytes.length) });
  if (res.status !== 200) return { error: `${res.status} ${res.text.slice(0, 120)}` };
  return { $upload: JSON.parse(res.text).id };
}
function memory() {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rssMB: kb('VmRSS') / 1024, peakMB: kb('VmHWM') / 1024 };
}

const shared = (p) => path.join(sharedRoot, 'fixtures', p);
const readShared = (p) => (existsSync(shared(p)) ? new Uint8Array(readFileSync(shared(p))) : null);
const half = (b) => (b ? b.slice(0, Math.floor(b.length / 2)) : null);
const text = (s) => new TextEncoder().encode(s);
const xyPoints = (n, axis) => {
  const lines = ['# 2th_deg I'];
  for (let i = 0; i < n; i++) lines.push(`${axis(i).toFixed(5)} ${(100 + 50 * Math.sin(i / 50)).toFixed(2)}`);
  return text(lines.join('\n'));
};
const laughs = () => {
  const ents = ['<!ENTITY l0 "lol">', ...Array.from({ length: 9 }, (_, k) => `<!ENTITY l${k + 1} "${`&l${k};`.repeat(10)}">`)];
  return text(`<?xml version="1.0"?><!DOCTYPE x [${ents.join('')}]><xrdMeasurements xmlns="http://www.xrdml.com/XRDMeasurement/1.5"><comment><entry>&l9;</entry></comment></xrdMeasurements>`);
};

const eddDir = path.join(repoRoot, 'test/fixtures/simulated/edd');
const mca = new Uint8Array(readFileSync(path.join(eddDir, 'au_mgo_5.38GPa.mca')));
const eddColumns = (n) => {
  const lines = ['# energy_keV counts'];
  for (let i = 0; i < n; i++) lines.push(`${(5 + i * 1e-5).toFixed(5)} ${100 + (i % 97)}`);
  return text(lines.join('\n'));
};
const scale = { id: 'lab2025', calibrant: 'Au', name: 'Lab Au', citation: 'notebook', structure: { lattice: 'fcc', z: 4, atomsPerFormula: 1 }, v0A3: 67.85, eos: { kind: 'analytic', isotherm: { form: 'vinet', k0GPa: 167, k0Prime: 6 }, thermal: { model: 'none', referenceTemperatureK: 300 } } };
const raw = readShared('xrd/datalab-xrd-formats/TiO2.raw');
const xrdml = readShared('xrd/datalab-xrd-formats/CG20396_jdb12-1.xrdml');
const inputs = [
  ['tga', 'bomb.ngb-ss3', 'ZIP bomb, 3 GiB in 3 members, honest headers', zipBomb('ngb-ss3')],
  ['xrd', 'bomb.brml', 'ZIP bomb, 3 GiB in 2 members, honest headers', zipBomb('brml')],
  ['xrd', 'bomb.rasx', 'ZIP bomb, 3 GiB, headers say 1 KiB', zipBomb('rasx', { honest: false })],
  ['xrd', 'nested.brml', 'archive inside an archive, inner one a bomb', zipSync({ 'experimentCollection.xml': strToU8('<x/>'), 'Experiment0/inner.zip': zipBomb('brml', { mib: 600 }) }, { level: 0 })],
  ['xrd', 'declared-960MB.h5', 'HDF5 dataset declaring 960 MB in 8 kB', new Uint8Array(readFileSync(path.join(repoRoot, 'test/fixtures/xrd/generated/declared-960MB.h5')))],
  ['xrd', 'laughs.xrdml', 'XML entity expansion (10⁹ "lol"s)', laughs()],
  ['xrd', 'zigzag.xy', '2θ axis that goes back and forth (100,000 points)', xyPoints(100_000, (i) => 10 + (i % 2000) * 0.01)],
  ['xrd', 'truncated.raw', 'Bruker RAW cut in half', half(raw)],
  ['xrd', 'truncated.xrdml', 'XRDML cut in half', half(xrdml)],
  ['xrd', 'big.xy', 'good: 2,400,000-point pattern (≈ 50 MB)', xyPoints(2_400_000, (i) => 5 + i * 0.00005)],
  ['xrd', 'TiO2.raw', 'good: the intact Bruker RAW', raw],
  ['edd', 'truncated.mca', 'EDD: Amptek MCA cut in half', half(mca)],
  ['edd', 'huge.txt', 'EDD: 4,000,000-channel columns file (≈ 60 MB)', eddColumns(4_000_000)],
  ['edd', 'au_mgo_5.38GPa.mca', 'good: an Amptek MCA spectrum', mca],
  ['scale', 'deep.json', 'scale table: JSON nested 200,000 deep', text('['.repeat(200_000) + ']'.repeat(200_000))],
  ['scale', 'wide.json', 'scale table: 3,000,000 entries (≈ 40 MB)', text(JSON.stringify({ scales: Array.from({ length: 3_000_000 }, (_, i) => ({ id: i })) }))],
  ['scale', 'lab.json', 'good: a user scale table', text(JSON.stringify(scale))],
].filter((x) => x[3] !== null);

const rows = [];
const bystander = 'bench-bystander-0001';
await apiCall(bystander, 'getSession', []);
for (const [kind, name, what, bytes] of inputs) {
  const session = `bench-hostile-${rows.length.toString().padStart(4, '0')}`;
  const t0 = performance.now();
  const ref = await upload(session, name, bytes);
  const tUp = performance.now();
  let res = { status: 0, text: JSON.stringify({ error: ref.error }) };
  const call = { tga: ['tgaImportFiles', [[{ name, bytes: ref }]]], xrd: ['xrdImportFiles', [[{ name, bytes: ref }], {}]], edd: ['hpEddImport', [[{ name, bytes: ref }]]], scale: ['hpImportScales', [[{ name, bytes: ref }]]] }[kind];
  if (!ref.error) res = await apiCall(session, call[0], call[1]);
  const tDone = performance.now();
  const b0 = performance.now();
  const other = await apiCall(bystander, 'getSession', []);
  const bystanderMs = performance.now() - b0;
  let said = '';
  try {
    const body = JSON.parse(res.text);
    said = body.error ?? body.failures?.[0]?.message ?? (body.skipped?.[0]?.message ? `skipped: ${body.skipped[0].message}` : 'imported');
  } catch {
    said = res.text.slice(0, 80);
  }
  rows.push({ name, what, mb: bytes.length / 1048576, uploadMs: tUp - t0, answerMs: tDone - tUp, status: res.status, said, bystanderMs, bystanderOk: other.status === 200, ...memory() });
}
// the server autosaves its sessions as it stops: remove its folder once it has exited
const exited = new Promise((ok) => server.once('exit', ok));
server.kill('SIGTERM');
await exited;
rmSync(data, { recursive: true, force: true });

console.log('\nHostile inputs (browser-mode server, real import workers; preliminary on a shared 2-core machine):');
console.log('| file | what | MB | upload ms | answer ms | server said | other session ms | server RSS / peak MB |');
console.log('|---|---|---|---|---|---|---|---|');
for (const x of rows) {
  console.log(`| ${x.name} | ${x.what} | ${x.mb.toFixed(2)} | ${x.uploadMs.toFixed(0)} | ${x.answerMs.toFixed(0)} | ${x.status}: ${x.said.replace(/\|/g, '/').slice(0, 110)} | ${x.bystanderMs.toFixed(0)}${x.bystanderOk ? '' : ' (failed)'} | ${x.rssMB.toFixed(0)} / ${x.peakMB.toFixed(0)} |`);
}
console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
