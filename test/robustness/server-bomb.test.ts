/**
 * A 3 MB zip bomb (.brml, .rasx, .ngb-ss3) sent to the browser-mode server the way the app sends files (raw upload,
 * then the import call): each is refused with a message naming the file, the server keeps answering, and another
 * session's runs and sequence are untouched. The real import worker (heap and time limits) reads the files.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportResult, SessionView, TaskView, XrdImportResult } from '../../src/shared/api';
import { decode, encode } from '../../src/shared/codec';
import { createImportPool, type ImportPool } from '../../src/main/import-pool';
import { startServer } from '../../src/main/server';
import { buildImportWorker } from '../support/build-worker';
import { zipBomb } from './zip-bomb';

let server: Awaited<ReturnType<typeof startServer>>;
let pool: ImportPool;
const web = mkdtempSync(join(tmpdir(), 'rl-bomb-web-'));
const data = mkdtempSync(join(tmpdir(), 'rl-bomb-data-'));

function call(path: string, body: string | Uint8Array, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: 'POST', headers: { 'X-ReductionLab-Token': server.token, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

async function api<T>(session: string, method: string, args: unknown[]): Promise<T> {
  // X-Session-New: the first call of a tab creates its session (later calls find it)
  const r = await call(`/api/${method}`, encode(args), { 'Content-Type': 'application/json', 'X-Session': session, 'X-Session-New': '1' });
  if (r.status !== 200) throw new Error(`${method}: HTTP ${r.status} ${r.text}`);
  return decode<T>(r.text);
}

async function upload(session: string, name: string, bytes: Uint8Array): Promise<{ $upload: string }> {
  const r = await call('/upload', bytes, { 'Content-Type': 'application/octet-stream', 'X-Session': session, 'X-File-Name': encodeURIComponent(name), 'Content-Length': String(bytes.length) });
  expect(r.status).toBe(200);
  return { $upload: (JSON.parse(r.text) as { id: string }).id };
}

const csv = new TextEncoder().encode(['time_s,temperature_C,mass_mg', ...Array.from({ length: 300 }, (_, t) => `${t},700,${(10 - 3 * (1 - Math.exp(-t / 60))).toFixed(5)}`)].join('\n'));
const xy = new TextEncoder().encode('# 2th_deg I\n10 5\n10.1 6\n10.2 7\n10.3 6\n');

beforeAll(async () => {
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>ReductionLab</title>');
  pool = createImportPool(await buildImportWorker());
  server = await startServer({ port: 0, host: '127.0.0.1', webDir: web, exampleDir: null, openExample: false, parseTga: pool.parseTga, importFile: pool.run, log: () => undefined, dataDir: data });
}, 60_000);

afterAll(async () => {
  await server.close();
  await pool.close();
  rmSync(web, { recursive: true, force: true });
  rmSync(data, { recursive: true, force: true });
});

describe('zip bombs against the browser-mode server', () => {
  it('are refused by name; the server answers and the other session is intact', async () => {
    const alice = 'session-alice-0001';
    const mallory = 'session-mallory-01';
    const a = await api<ImportResult>(alice, 'tgaImportFiles', [[{ name: 'run.csv', bytes: await upload(alice, 'run.csv', csv) }]]);
    expect(a.importedIds).toHaveLength(1);
    await api<XrdImportResult>(alice, 'xrdImportFiles', [[{ name: 'f.xy', bytes: await upload(alice, 'f.xy', xy) }], {}]);

    const tga = await api<ImportResult>(mallory, 'tgaImportFiles', [[{ name: 'bomb.ngb-ss3', bytes: await upload(mallory, 'bomb.ngb-ss3', zipBomb('ngb-ss3')) }]]);
    expect(tga.importedIds).toEqual([]);
    expect(tga.failures[0].message).toMatch(/^bomb\.ngb-ss3: expected members of at most 256\.0 MiB uncompressed/);
    for (const kind of ['brml', 'rasx'] as const) {
      const name = `bomb.${kind}`;
      const bytes = zipBomb(kind, { honest: kind === 'brml' });
      expect(bytes.length).toBeGreaterThan(2_000_000);
      const r = await call('/api/xrdImportFiles', encode([[{ name, bytes: await upload(mallory, name, bytes) }], {}]), { 'Content-Type': 'application/json', 'X-Session': mallory, 'X-Session-New': '1' });
      expect(r.status).toBe(400);
      expect(JSON.parse(r.text).error).toMatch(new RegExp(`No frame could be read: ${name.replace('.', '\\.')}: expected member`));
    }
    // the server still answers at once, and Alice's work is as she left it
    expect(await api<TaskView[]>(alice, 'getTasks', [])).toEqual([]);
    const session = await api<SessionView>(alice, 'getSession', []);
    expect(session.runs.map((r) => r.fileName)).toEqual(['run.csv']);
    expect(session.runs[0].points).toBe(300);
    const xrd = await api<{ sequence: { frameCount: number } | null }>(alice, 'xrdGetState', []);
    expect(xrd.sequence?.frameCount).toBe(1);
  }, 60_000);
});
