#!/usr/bin/env node
/**
 * `npm start`: the desktop window when Electron can run here, else browser mode — never a stack trace.
 *
 *   npm start                     Electron window if its binary is (or can be fetched) here and there is a display
 *   npm start -- --browser        browser mode in any case
 *   npm start -- --port 5300      browser mode's port (default 5178; a free one if taken)
 *
 * Electron ≥ 42 fetches its binary on first use rather than at install, so `npm install` always succeeds. Here the
 * binary is looked up without running Electron's own require (which would download noisily); when it is missing,
 * Electron's installer gets one try (up to 3 minutes, output kept quiet). If Electron cannot run — no binary, no
 * display, ELECTRON_SKIP_BINARY_DOWNLOAD set, or --browser — the same app starts in browser mode: the server is
 * built and started, its address (with this launch's access token) is printed, the default browser opens when
 * there is a display (failure tolerated), and one line says why this is not the desktop window.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setTimeout } from 'node:timers';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const electronDir = join(root, 'node_modules', 'electron');

/** The Electron executable in node_modules, or null (read the way electron's index.js does, without downloading). */
export function electronBinary(dir = electronDir) {
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const exe = join(process.env.ELECTRON_OVERRIDE_DIST_PATH || join(dir, 'dist'), readFileSync(pathFile, 'utf8').trim());
  return existsSync(exe) ? exe : null;
}

/** Is there a screen to open a window (or a browser) on? Always on macOS and Windows; on Linux, X11 or Wayland. */
export function hasDisplay(env = process.env, platform = process.platform) {
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** Try Electron's own installer once; the binary's path, or why there is none. */
function fetchElectron() {
  if (!existsSync(join(electronDir, 'install.js'))) return { reason: 'the electron package is not installed (run npm install)' };
  console.log("Fetching Electron's binary (first start; about 100 MB)…");
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, encoding: 'utf8', timeout: 180_000 });
  const exe = electronBinary();
  if (exe) return { exe };
  if (r.error?.code === 'ETIMEDOUT') return { reason: "Electron's binary could not be fetched within 3 minutes" };
  const lines = `${r.stderr ?? ''}\n${r.stdout ?? ''}`.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('at '));
  const why = lines.find((l) => /error|fail|ENOTFOUND|ECONN|EAI_AGAIN|ETIMEDOUT|403|404/i.test(l)) ?? lines[0] ?? `exit code ${r.status}`;
  const hint = /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ENETUNREACH/i.test(why) ? ': no connection to its download server' : '';
  return { reason: `Electron's binary could not be fetched (${why.slice(0, 160)}${hint})` };
}

/** Run a build step quietly; print its output only when it fails. */
function build(label, cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', shell: process.platform === 'win32', env: { ...process.env, FORCE_COLOR: '0' } });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`);
    console.error(`npm start: ${label} failed (exit code ${r.status ?? r.error?.message}).`);
    process.exit(1);
  }
}

function argValue(name) {
  const i = argv.indexOf(name);
  if (i >= 0 && i + 1 < argv.length) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`${name}=`));
  return eq ? eq.slice(name.length + 1) : undefined;
}

/** Decide: { mode: 'electron', exe } or { mode: 'browser', reason }. */
function decide() {
  if (argv.includes('--browser')) return { mode: 'browser', reason: 'browser mode was asked for (--browser)' };
  if (!hasDisplay()) return { mode: 'browser', reason: 'there is no display here (DISPLAY and WAYLAND_DISPLAY are unset)' };
  let exe = electronBinary();
  if (!exe) {
    if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return { mode: 'browser', reason: "Electron's binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD is set" };
    const fetched = fetchElectron();
    if (!fetched.exe) return { mode: 'browser', reason: fetched.reason };
    exe = fetched.exe;
  }
  return { mode: 'electron', exe };
}

/**
 * Open the address in the default browser without putting the token on a command line (other users can list
 * those): a private redirect page is opened instead, as notebook servers do. Failures are reported, not fatal.
 */
function openBrowser(url) {
  const dir = mkdtempSync(join(tmpdir(), 'reductionlab-'));
  const page = join(dir, 'open.html');
  const safe = url.replace(/[<>"&]/g, '');
  writeFileSync(page, `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${safe}"><title>ReductionLab</title><p><a href="${safe}">Open ReductionLab</a></p>`);
  chmodSync(page, 0o600);
  const target = pathToFileURL(page).href;
  const [cmd, args] = process.platform === 'darwin' ? ['open', [target]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', target]] : ['xdg-open', [target]];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', (e) => console.log(`Could not open a browser (${cmd}: ${e.message}): open the address above.`));
  child.unref();
  // The page is only needed until the browser has read it.
  setTimeout(() => rmSync(dir, { recursive: true, force: true }), 60_000).unref();
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
}

function startBrowserMode(reason) {
  console.log('Building the browser app…');
  build('building the renderer', process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'error']);
  build('building the server', process.execPath, [join(root, 'scripts/build-node.mjs')]);
  const port = argValue('--port') ?? process.env.PORT ?? '5178';
  const launch = (p) => spawn(process.execPath, [join(root, 'out/node/server.mjs'), '--port', String(p), '--quiet'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let server = launch(port);
  let retried = false;
  let stderr = '';
  const attach = () => {
    server.stderr.on('data', (c) => {
      stderr += c;
      if (!/EADDRINUSE/.test(stderr)) process.stderr.write(c);
    });
    server.stdout.on('data', (chunk) => {
      const text = String(chunk);
      const m = /at (http:\/\/\S+\?token=[\w-]+)/.exec(text);
      if (!m) return process.stdout.write(text);
      console.log(`\nReductionLab is running in browser mode at\n\n    ${m[1]}\n`);
      console.log(`Not the desktop window: ${reason}.`);
      if (hasDisplay()) openBrowser(m[1]);
      else console.log('Open the address above in a browser on this machine (the server answers only on 127.0.0.1).');
      console.log('Press Ctrl+C to stop.');
    });
    server.once('exit', (code) => {
      if (code !== 0 && !retried && /EADDRINUSE/.test(stderr)) {
        retried = true;
        stderr = '';
        console.log(`Port ${port} is taken: using a free one.`);
        server = launch(0);
        attach();
        return;
      }
      process.exit(code ?? 0);
    });
  };
  attach();
  const stop = () => server.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function startElectron(exe) {
  console.log('Building the desktop app…');
  build('building the Electron app', process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--logLevel', 'error']);
  const child = spawn(exe, [root], { cwd: root, stdio: 'inherit', env: { ...process.env, ELECTRON_RENDERER_URL: '' } });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const isEntry = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntry) {
  const choice = decide();
  if (choice.mode === 'electron') startElectron(choice.exe);
  else startBrowserMode(choice.reason);
}
