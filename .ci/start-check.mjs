#!/usr/bin/env node
// CI: `npm start` on a machine without a display comes up in browser mode within 4 minutes (it builds first), prints
// its address with the access token and says why it is not the desktop window; the address serves the app and its
// Api; then it is stopped (the whole process group) and must exit.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

const LIMIT_MS = 240_000;
const env = { ...process.env };
delete env.DISPLAY;
delete env.WAYLAND_DISPLAY;
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
  console.error(`start-check: ${why}\n--- npm start said ---\n${out}`);
  process.exit(1);
};

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

const t0 = Date.now();
let url = null;
while (!url) {
  if (Date.now() - t0 > LIMIT_MS) await fail(`no address within ${LIMIT_MS / 1000} s`);
  if (child.exitCode !== null) await fail(`npm start exited with code ${child.exitCode}`);
  url = /running in browser mode at\s+(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out)?.[1] ?? null;
  if (!url) await sleep(250);
}
if (!/Not the desktop window: [^\n]+\./.test(out)) await fail('no line saying why this is not the desktop window');
const token = new URL(url).searchParams.get('token');
const origin = new URL(url).origin;
const entry = await get(url);
if (entry.status !== 303 || !String(entry.headers['set-cookie']).includes('HttpOnly')) await fail(`the token address answered ${entry.status}, not a redirect with the session cookie`);
const cookie = String(entry.headers['set-cookie']).split(';')[0];
const page = await get(`${origin}/`, { Cookie: cookie });
if (page.status !== 200 || !page.text.includes('<title>ReductionLab')) await fail(`the app page answered ${page.status}`);
if ((await get(`${origin}/`)).status !== 401) await fail('the app page was served without the token');
const api = await get(`${origin}/api/getSession`, { 'Content-Type': 'application/json', 'X-Session': 'ci-start-check-1', 'X-ReductionLab-Token': token }, 'POST', '[]');
if (api.status !== 200 || !api.text.includes('"runs"')) await fail(`getSession answered ${api.status}`);
console.log(`start-check: npm start served the app in browser mode after ${((Date.now() - t0) / 1000).toFixed(0)} s; ${/Not the desktop window: [^\n]+/.exec(out)[0]}`);
await stop();
