#!/usr/bin/env node
// CI: `npm start` comes up in browser mode, within 4 minutes (it builds first), wherever the desktop window cannot
// open — printing its address with the access token and one line saying why — and the address serves the app and
// its Api; then it is stopped (the whole process group) and must exit. Two machines are played:
//   1. no display (DISPLAY and WAYLAND_DISPLAY unset): browser mode at once, nothing opened;
//   2. a display, but Electron's binary is not installed and cannot be fetched (its download server unreachable):
//      one download attempt, then browser mode, and the default browser is opened (a stand-in `xdg-open` on PATH
//      records what it was asked to open: a private page that redirects to the token address).
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const LIMIT_MS = 240_000;

function get(url, headers = {}, method = 'GET', body) {
  return new Promise((ok, no) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('error', no);
    req.end(body);
  });
}

async function scenario(name, env, checkExtra) {
  const child = spawn('npm', ['start', '--', '--port', '0'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (out += c));
  const stop = async () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 50 && child.exitCode === null && child.signalCode === null; i++) await sleep(100);
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGKILL');
  };
  const fail = async (why) => {
    await stop();
    console.error(`start-check (${name}): ${why}\n--- npm start said ---\n${out}`);
    process.exit(1);
  };

  const t0 = Date.now();
  let url = null;
  while (!url) {
    if (Date.now() - t0 > LIMIT_MS) await fail(`no address within ${LIMIT_MS / 1000} s`);
    if (child.exitCode !== null) await fail(`npm start exited with code ${child.exitCode}`);
    url = /running in browser mode at\s+(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out)?.[1] ?? null;
    if (!url) await sleep(250);
  }
  const why = /Not the desktop window: [^\n]+\./.exec(out)?.[0];
  if (!why) await fail('no line saying why this is not the desktop window');
  if (/^\s+at .+:\d+:\d+\)?$/m.test(out)) await fail('npm start printed a stack trace');
  const token = new URL(url).searchParams.get('token');
  const origin = new URL(url).origin;
  const entry = await get(url);
  if (entry.status !== 303 || !String(entry.headers['set-cookie']).includes('HttpOnly')) await fail(`the token address answered ${entry.status}, not a redirect with the session cookie`);
  const cookie = String(entry.headers['set-cookie']).split(';')[0];
  const page = await get(`${origin}/`, { Cookie: cookie });
  if (page.status !== 200 || !page.text.includes('<title>ReductionLab')) await fail(`the app page answered ${page.status}`);
  if ((await get(`${origin}/`)).status !== 401) await fail('the app page was served without the token');
  const headers = { 'Content-Type': 'application/json', 'X-Session': `ci-start-check-${Date.now()}`, 'X-ReductionLab-Token': token };
  const api = await get(`${origin}/api/getSession`, { ...headers, 'X-Session-New': '1' }, 'POST', '[]');
  if (api.status !== 200 || !api.text.includes('"runs"')) await fail(`getSession answered ${api.status}`);
  const extra = await checkExtra(out, url);
  if (extra) await fail(extra);
  console.log(`start-check (${name}): npm start served the app in browser mode after ${((Date.now() - t0) / 1000).toFixed(0)} s; ${why}`);
  await stop();
}

const base = { ...process.env };
delete base.ELECTRON_SKIP_BINARY_DOWNLOAD;

// 1. No display.
const noDisplay = { ...base };
delete noDisplay.DISPLAY;
delete noDisplay.WAYLAND_DISPLAY;
await scenario('no display', noDisplay, async (out) => (/Open the address above in a browser/.test(out) ? null : 'no hint to open the address in a browser'));

// 2. A display, no Electron binary, and no way to fetch it.
const root = fileURLToPath(new URL('..', import.meta.url));
if (existsSync(join(root, 'node_modules', 'electron', 'dist'))) {
  console.log("start-check (display, no binary): skipped — Electron's binary is installed here, so npm start would open the window");
} else {
  const scratch = mkdtempSync(join(tmpdir(), 'rl-start-check-'));
  const opened = join(scratch, 'opened.txt');
  const opener = join(scratch, 'bin', 'xdg-open');
  mkdirSync(join(scratch, 'bin'));
  writeFileSync(opener, `#!/bin/sh\nprintf '%s\\n' "$@" >> '${opened}'\n`);
  chmodSync(opener, 0o755);
  const env = {
    ...base,
    DISPLAY: ':99',
    PATH: `${join(scratch, 'bin')}:${base.PATH}`,
    // Electron's downloader: an address where nothing listens, and an empty cache
    ELECTRON_MIRROR: 'http://127.0.0.1:9/',
    electron_config_cache: join(scratch, 'cache'),
  };
  try {
    await scenario('display, no binary', env, async (out, url) => {
      if (!/Fetching Electron's binary/.test(out)) return 'no attempt to fetch Electron';
      if (!/Not the desktop window: Electron's binary could not be fetched/.test(out)) return 'the reason does not say the binary could not be fetched';
      for (let i = 0; i < 40 && !existsSync(opened); i++) await sleep(100);
      if (!existsSync(opened)) return 'the default browser was not opened';
      const target = readFileSync(opened, 'utf8').trim();
      if (!target.startsWith('file://')) return `the browser was asked to open ${target}, not the private redirect page`;
      if (target.includes('token=')) return 'the token is on the command line of the browser';
      const pagePath = fileURLToPath(target);
      if (!existsSync(pagePath)) return 'the redirect page is gone before the browser could read it';
      if ((statSync(pagePath).mode & 0o777) !== 0o600) return 'the redirect page (it holds the token) is readable by other users';
      const html = readFileSync(pagePath, 'utf8');
      if (!html.includes(url)) return 'the redirect page does not lead to the printed address';
      return null;
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
