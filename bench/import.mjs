/* global performance, setTimeout, window, PerformanceObserver -- Node and page globals (page.evaluate bodies run in Chromium) */
// Import benchmark (issue 6 §4, issue 11 §3): a 1,000,000-row log imported in browser mode — the file picked in
// Chromium, uploaded as bytes, read in the server's import worker, the run drawn — against the CLI reading and
// analysing the same file, in the same run, alternating. While each browser import runs, a second client polls the
// server's getTasks every 20 ms and records how long each answer takes (the server must keep answering other
// sessions), and again while the study that now holds the 42 MB file is autosaved two seconds later (written in an
// import worker). Targets: browser ≤ 1.5× the CLI; every getTasks answer within 100 ms, during the import and during
// its autosave; no renderer long task over 100 ms while the file is sent and read.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { dataDir, ensureDir, median, python, repoRoot, requireShared, sharedBench, timed } from './common.mjs';

requireShared();
ensureDir(dataDir);
const csv = path.join(dataDir, 'big_tga.csv');
if (!existsSync(csv)) {
  console.log('making a 1,000,000-row log…');
  timed(python, [path.join(sharedBench, 'make_big_tga.py'), csv, '1000000']);
}
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  console.log(`bench import: no Chromium at ${chromiumPath} (set CHROMIUM_PATH); nothing to measure.`);
  process.exit(0);
}

// Build outside the timing: the web app, the server, the workers and the CLI.
for (const [cmd, args] of [['npx', ['vite', 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'error']], ['node', ['scripts/build-node.mjs']]]) {
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
}
const cli = path.join(repoRoot, 'out/node/cli.mjs');

// A data folder of its own: recovery files left by earlier runs (or by the user's sessions) must not greet the bench.
const serverData = mkdtempSync(path.join(os.tmpdir(), 'rlab-bench-import-'));
const server = spawn(process.execPath, [path.join(repoRoot, 'out/node/server.mjs'), '--port', '0', '--no-example', '--quiet', '--data-dir', serverData], { stdio: ['ignore', 'pipe', 'inherit'] });
const address = await new Promise((ok, fail) => {
  let out = '';
  server.stdout.on('data', (c) => {
    out += c;
    const m = /at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+))/.exec(out);
    if (m) ok({ url: m[1], port: Number(m[2]), token: m[3] });
  });
  server.once('exit', (code) => fail(new Error(`server exited (${code})`)));
});

/** getTasks from another session, every 20 ms, until stopped: the latency of each answer (ms). */
function pollTasks() {
  const latencies = [];
  let stop = false;
  const once = () =>
    new Promise((ok) => {
      const t0 = performance.now();
      const req = request(
        { host: '127.0.0.1', port: address.port, path: '/api/getTasks', method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Session': 'bench-poller-0001', 'X-Session-New': '1', 'X-ReductionLab-Token': address.token } },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - t0);
            ok();
          });
        },
      );
      req.on('error', () => ok());
      req.end('[]');
    });
  const done = (async () => {
    while (!stop) {
      const next = new Promise((r) => setTimeout(r, 20));
      await once();
      await next;
    }
  })();
  return async () => {
    stop = true;
    await done;
    return latencies;
  };
}

const { chromium } = await import('playwright-core');
const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await page.addInitScript(() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
});
await page.goto(address.url);
await page.getByRole('heading', { name: 'Runs' }).waitFor();

async function browserImport() {
  await page.getByTestId('new-session').click();
  // The previous import left unsaved work: the app asks before discarding it.
  const discard = page.getByTestId('confirm-discard-changes');
  if (await discard.waitFor({ timeout: 3000 }).then(() => true, () => false)) await discard.click();
  await page.locator('[data-testid="run-item"]').first().waitFor({ state: 'detached' }).catch(() => undefined);
  const stopPolling = pollTasks();
  const from = await page.evaluate(() => performance.now());
  const t0 = performance.now();
  await page.getByTestId('file-input').setInputFiles(csv);
  await page.locator('[data-testid="run-item"]').first().waitFor({ timeout: 300_000 });
  const wallS = (performance.now() - t0) / 1000;
  const latencies = await stopPolling();
  // The autosave that follows (2 s after the change): a 42 MB study file written while another session polls.
  const stopAfter = pollTasks();
  const saved = await recoveryWritten(t0);
  const afterLatencies = await stopAfter();
  const longest = await page.evaluate((t) => {
    const answered = performance.getEntriesByName('reductionlab:tgaImportFiles').filter((m) => m.startTime >= t).at(-1)?.startTime ?? Infinity;
    return Math.max(0, ...window.__longTasks.filter((e) => e.start >= t && e.start < answered).map((e) => e.duration));
  }, from);
  return { wallS, latencies, longest, afterLatencies, saved };
}

/** Resolves once this import's autosave is on disk (the recovery sidecar's final write after the study file), or
 * false after 30 s. */
async function recoveryWritten(since) {
  const dir = path.join(serverData, 'recovery');
  const start = performance.now();
  while (performance.now() - start < 30_000) {
    await new Promise((r) => setTimeout(r, 50));
    const sidecars = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
    for (const f of sidecars) {
      try {
        const side = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
        if (!side.pending && Date.parse(side.modified) >= Date.now() - (performance.now() - since)) return true;
      } catch {
        // being replaced right now
      }
    }
  }
  return false;
}

const cliArgs = [cli, 'tga', csv, '--json'];
timed('node', cliArgs);
await browserImport();
const rows = [];
for (let i = 0; i < runs; i++) rows.push({ cli: timed('node', cliArgs).wallS, web: await browserImport() });
await browser.close();
server.kill('SIGTERM');
server.once('exit', () => rmSync(serverData, { recursive: true, force: true }));

const cliS = median(rows.map((r) => r.cli));
const webS = median(rows.map((r) => r.web.wallS));
const ratio = median(rows.map((r) => r.web.wallS / r.cli));
const all = rows.flatMap((r) => r.web.latencies).sort((a, b) => a - b);
const maxPoll = all.at(-1) ?? NaN;
const p95 = all[Math.floor(all.length * 0.95)] ?? NaN;
const longest = Math.max(...rows.map((r) => r.web.longest));
console.log('\nImport: 1,000,000-row CSV — browser mode (pick → upload → worker → run shown) vs CLI (read + analyse), same file');
console.log(`  machine load average while measuring: ${os.loadavg().map((l) => l.toFixed(1)).join(', ')} on ${os.cpus().length} CPUs (contention inflates every wall time here)`);
console.log(`  CLI: median ${cliS.toFixed(2)} s; browser: median ${webS.toFixed(2)} s; ratio browser / CLI (median of ${runs} alternating pairs): ${ratio.toFixed(2)}×`);
console.log(`  getTasks from another session during the imports: ${all.length} answers, median ${median(all).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${maxPoll.toFixed(1)} ms`);
console.log(`  longest renderer task while the file was sent and read: ${longest.toFixed(0)} ms`);
const after = rows.flatMap((r) => r.web.afterLatencies).sort((a, b) => a - b);
const maxAfter = after.at(-1) ?? NaN;
const savedAll = rows.every((r) => r.web.saved);
console.log(`  getTasks while the 42 MB study is autosaved after each import: ${after.length} answers, median ${median(after).toFixed(1)} ms, max ${maxAfter.toFixed(1)} ms${savedAll ? '' : ' (an autosave was not seen within 30 s)'}`);
const ok = ratio <= 1.5 && maxPoll <= 100 && longest <= 100 && maxAfter <= 100 && savedAll;
console.log(`  targets (≤ 1.5× the CLI, every poll ≤ 100 ms during the import and its autosave, no long task > 100 ms): ${ok ? 'met' : 'NOT met'}`);
