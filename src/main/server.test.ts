import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode, encode } from '../shared/codec';
import type { ImportResult, SessionView } from '../shared/api';
import type { TgaRun } from '../shared/types';
import { startServer } from './server';

const logs: string[] = [];
let server: Awaited<ReturnType<typeof startServer>>;

/** A two-column "parser" for these tests: t,m per line. */
async function parseTga({ name, bytes }: { name: string; bytes: Uint8Array }) {
  const rows = new TextDecoder().decode(bytes).trim().split('\n').map((l) => l.split(',').map(Number));
  if (rows.some((r) => r.length !== 2 || r.some((v) => !Number.isFinite(v)))) throw new Error(`${name}, line 1: expected t,m`);
  const run: TgaRun = {
    technique: 'tga',
    source: { fileName: name, formatId: 'test', formatLabel: 'Test', encoding: 'utf-8', headerLine: 0, dataStartLine: 1, dataEndLine: rows.length, columns: [] },
    sample: {},
    timeS: Float64Array.from(rows, (r) => r[0]),
    temperatureC: null,
    massMg: Float64Array.from(rows, (r) => r[1]),
    massPercent: null,
    massNote: '',
    channels: [],
    segments: [],
    gasEvents: [],
    programme: [],
    metadata: {},
    warnings: [],
  };
  return { run, report: [`${rows.length} rows`] };
}

function send(path: string, options: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', fail);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const api = (method: string, args: unknown[], session = 'session-aaaa', extra: Record<string, string> = {}) =>
  send(`/api/${method}`, { method: 'POST', body: encode(args), headers: { 'Content-Type': 'application/json', 'X-Session': session, ...extra } });
/** The first call of a new tab asks for a new session. */
const fresh = { 'X-Session-New': '1' };

beforeAll(async () => {
  const web = mkdtempSync(join(tmpdir(), 'rl-web-'));
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>ReductionLab</title>');
  writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
  server = await startServer({ port: 0, host: '127.0.0.1', webDir: web, exampleDir: null, openExample: false, parseTga, log: (l, m) => logs.push(`${l}: ${m}`), dataDir: mkdtempSync(join(tmpdir(), 'rl-data-')), maxSessions: 3, autosaveDebounceMs: 10 });
});

afterAll(async () => {
  await server.close();
});

describe('browser-mode server', () => {
  it('binds to 127.0.0.1 on the port it reports', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.port).toBeGreaterThan(0);
  });

  it('serves the renderer with a CSP and refuses paths outside it', async () => {
    const index = await send('/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>ReductionLab</title>');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(String(index.headers['content-security-policy'])).toContain("default-src 'self'");
    expect((await send('/assets/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await send('/assets/../../etc/passwd')).status).not.toBe(200);
    expect((await send('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await send('/..%2f..%2fetc%2fpasswd')).status).toBe(403);
    expect((await send('/missing.js')).status).toBe(404);
  });

  it('answers Api calls through the codec, one session per X-Session', async () => {
    const bytes = new TextEncoder().encode('0,10\n1,9\n2,8\n3,7.5\n4,7.4\n');
    const imported = await api('tgaImportFiles', [[{ name: 'a.csv', bytes }]], 'session-aaaa', fresh);
    expect(imported.status).toBe(200);
    const result = decode<ImportResult>(imported.body);
    expect(result.importedIds).toEqual(['run-1']);
    expect(result.session.runs[0].massRaw?.y).toBeInstanceOf(Float64Array);
    expect(Array.from(result.session.runs[0].massRaw!.y)).toEqual([10, 9, 8, 7.5, 7.4]);
    const other = decode<SessionView>((await api('getSession', [], 'session-bbbb', fresh)).body);
    expect(other.runs).toEqual([]);
    const same = decode<SessionView>((await api('getSession', [], 'session-aaaa')).body);
    expect(same.runs).toHaveLength(1);
  });

  it('turns bad input into a 400 with the human message', async () => {
    const bad = await api('tgaRemoveRun', [7]);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatch(/^tgaRemoveRun: invalid input/);
    const unknown = await api('formatDisk', []);
    expect(unknown.status).toBe(404);
    const noSession = await send('/api/getSession', { method: 'POST', body: '[]', headers: { 'Content-Type': 'application/json' } });
    expect(noSession.status).toBe(400);
  });

  it('refuses other origins, other Host names and non-JSON posts', async () => {
    expect((await api('getSession', [], 'session-aaaa', { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('getSession', [], 'session-aaaa', { Host: 'evil.example' })).status).toBe(421);
    const form = await send('/api/getSession', { method: 'POST', body: '[]', headers: { 'Content-Type': 'text/plain', 'X-Session': 'session-aaaa' } });
    expect(form.status).toBe(415);
    expect((await send('/api/getSession')).status).toBe(405);
  });
});

describe('sessions are never dropped silently', () => {
  it('an unknown session answers 410 with a message instead of a fresh session', async () => {
    const gone = await api('getSession', [], 'session-never-seen');
    expect(gone.status).toBe(410);
    const body = JSON.parse(gone.body) as { error: string; code: string; recovery: unknown };
    expect(body.code).toBe('session-closed');
    expect(body.recovery).toBeNull();
    expect(body.error).toMatch(/^This session was closed: the server was restarted or the session ended\. It had no unsaved changes\./);
  });

  it('a session closed to make room keeps its work in a recovery file that a new session recovers', async () => {
    const bytes = new TextEncoder().encode('0,10\n1,9\n2,8\n');
    expect((await api('tgaImportFiles', [[{ name: 'work.csv', bytes }]], 'session-old1', fresh)).status).toBe(200);
    // three more sessions: at most three are kept, so session-old1 is closed (and autosaved)
    for (const id of ['session-new1', 'session-new2', 'session-new3']) expect((await api('getSession', [], id, fresh)).status).toBe(200);
    const gone = await api('getSession', [], 'session-old1');
    expect(gone.status).toBe(410);
    const body = JSON.parse(gone.body) as { error: string; recovery: { id: string; file: string; size: number } };
    expect(body.error).toMatch(/closed to make room for newer sessions \(at most 3 are kept open\)\. Your work is in the recovery file .*session-old1\.rlab/);
    expect(body.recovery.id).toBe('session-old1');
    expect(body.recovery.size).toBeGreaterThan(0);
    // a new tab is offered the file and recovers it
    const list = decode<{ id: string }[]>((await api('studyRecoveryList', [], 'session-new4', fresh)).body);
    expect(list.map((r) => r.id)).toContain('session-old1');
    expect((await api('studyRecover', ['session-old1'], 'session-new4')).status).toBe(200);
    const recovered = decode<SessionView>((await api('getSession', [], 'session-new4')).body);
    expect(recovered.runs.map((r) => r.fileName)).toEqual(['work.csv']);
  });
});
