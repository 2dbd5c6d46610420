import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode, encode } from '../shared/codec';
import type { ImportResult, SessionView } from '../shared/api';
import type { TgaRun } from '../shared/types';
import { tgaRun } from '../core/tga/testkit';
import { HTTP_LIMITS, startServer } from './server';
import { createUploadStore, UPLOAD_LIMITS } from './uploads';

const logs: string[] = [];
let server: Awaited<ReturnType<typeof startServer>>;

/** A two-column "parser" for these tests: t,m per line. */
async function parseTga({ name, bytes }: { name: string; bytes: Uint8Array }) {
  const rows = new TextDecoder().decode(bytes).trim().split('\n').map((l) => l.split(',').map(Number));
  if (rows.some((r) => r.length !== 2 || r.some((v) => !Number.isFinite(v)))) throw new Error(`${name}, line 1: expected t,m`);
  const run: TgaRun = tgaRun({
    source: { fileName: name, formatId: 'test', formatLabel: 'Test', dataEndLine: rows.length },
    timeS: Float64Array.from(rows, (r) => r[0]),
    massMg: Float64Array.from(rows, (r) => r[1]),
  });
  return { run, report: [`${rows.length} rows`] };
}

const TOKEN = 'test-token-0123456789abcdefghijklmnopqrstuvw';

/** A request with this server's token in its header unless `token: null` (or another token) is given. */
function send(
  path: string,
  options: { method?: string; body?: string | Uint8Array; headers?: Record<string, string>; token?: string | null } = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const token = options.token === undefined ? TOKEN : options.token;
  const headers = { ...(token === null ? {} : { 'X-ReductionLab-Token': token }), ...options.headers };
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: options.method ?? 'GET', headers }, (res) => {
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

const api = (method: string, args: unknown[], session = 'session-aaaa', extra: Record<string, string> = {}, token?: string | null) =>
  send(`/api/${method}`, { method: 'POST', body: encode(args), headers: { 'Content-Type': 'application/json', 'X-Session': session, ...extra }, token });
/** The first call of a new tab asks for a new session. */
const fresh = { 'X-Session-New': '1' };

const upload = (name: string, bytes: Uint8Array, session = 'session-aaaa', token?: string | null) =>
  send('/upload', { method: 'POST', body: bytes, headers: { 'Content-Type': 'application/octet-stream', 'X-Session': session, 'X-File-Name': encodeURIComponent(name), 'Content-Length': String(bytes.length) }, token });

beforeAll(async () => {
  const web = mkdtempSync(join(tmpdir(), 'rl-web-'));
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>ReductionLab</title>');
  writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    webDir: web,
    exampleDir: null,
    openExample: false,
    parseTga,
    log: (l, m) => logs.push(`${l}: ${m}`),
    token: TOKEN,
    uploads: createUploadStore({ ...UPLOAD_LIMITS, maxFileBytes: 1000, maxTotalBytes: 1500 }),
    limits: { maxConnections: 6, headersTimeoutMs: 800, requestTimeoutMs: 1500, checkIntervalMs: 200 },
    dataDir: mkdtempSync(join(tmpdir(), 'rl-data-')),
    maxSessions: 3,
    autosaveDebounceMs: 10,
  });
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

  it('asks for the launch token: refused without it, exchanged once for an HttpOnly SameSite=Strict cookie', async () => {
    expect(server.token).toBe(TOKEN);
    for (const path of ['/', '/assets/app.js']) {
      const r = await send(path, { token: null });
      expect(r.status).toBe(401);
      expect(r.body).toContain('?token=');
    }
    expect((await api('getSession', [], 'session-aaaa', {}, null)).status).toBe(401);
    expect((await api('clearSession', [], 'session-aaaa', {}, 'not-the-token')).status).toBe(401);
    expect((await upload('x.csv', new Uint8Array(3), 'session-aaaa', null)).status).toBe(401);
    expect((await send('/?token=wrong', { token: null })).status).toBe(401);
    // the printed address: a redirect to the page without the token, with the cookie
    const entry = await send(`/?token=${TOKEN}`, { token: null });
    expect(entry.status).toBe(303);
    expect(entry.headers.location).toBe('./');
    const cookie = String(entry.headers['set-cookie']);
    expect(cookie).toMatch(new RegExp(`^reductionlab-${server.port}=${TOKEN}; HttpOnly; SameSite=Strict; Path=/$`));
    const withCookie = await send('/', { token: null, headers: { Cookie: `other=1; reductionlab-${server.port}=${TOKEN}` } });
    expect(withCookie.status).toBe(200);
    // a cookie for another port's server is not this one's
    expect((await send('/', { token: null, headers: { Cookie: `reductionlab-1=${TOKEN}` } })).status).toBe(401);
    // session A's runs stay A's: nothing was cleared by the refused call above
    expect(decode<SessionView>((await api('getSession', [])).body).runs).toHaveLength(1);
  });

  it('answers a malformed %-escape or URL with 400 and keeps serving', async () => {
    for (const path of ['/%E0%A4%A', '/assets/%zz.js', '/api/get%Session', '/%']) {
      const r = await send(path);
      expect(r.status, path).toBe(400);
    }
    expect((await send('/')).status).toBe(200);
  });

  it('takes uploads as bytes, once, for the session that sent them, within the size limits', async () => {
    const bytes = new TextEncoder().encode('0,5\n1,4\n2,3.5\n');
    const up = await upload('b ü.csv', bytes);
    expect(up.status).toBe(200);
    const { id, bytes: size } = JSON.parse(up.body) as { id: string; bytes: number };
    expect(size).toBe(bytes.length);
    // another session cannot use it
    const stolen = await api('tgaImportFiles', [[{ name: 'b ü.csv', bytes: { $upload: id } }]], 'session-bbbb');
    expect(stolen.status).toBe(400);
    expect(JSON.parse(stolen.body).error).toMatch(/unknown or expired/);
    const imported = decode<ImportResult>((await api('tgaImportFiles', [[{ name: 'b ü.csv', bytes: { $upload: id } }]])).body);
    expect(imported.importedIds).toHaveLength(1);
    expect(imported.session.runs.find((r) => r.fileName === 'b ü.csv')?.points).toBe(3);
    // used once
    expect((await api('tgaImportFiles', [[{ name: 'b ü.csv', bytes: { $upload: id } }]])).status).toBe(400);
    // too large for one file (1000 bytes here), and no length stated
    expect((await upload('big.csv', new Uint8Array(1001))).status).toBe(413);
    const noLength = await send('/upload', { method: 'POST', headers: { 'X-Session': 'session-aaaa', 'X-File-Name': 'n.csv', 'Transfer-Encoding': 'chunked' }, body: 'abc' });
    expect(noLength.status).toBe(411);
    expect((await send('/upload', { method: 'POST', headers: { 'X-Session': 'session-aaaa', 'X-File-Name': '%E0%A4%A', 'Content-Length': '1' }, body: 'a' })).status).toBe(400);
  });

  it('closes connections that never finish their headers or their body, and caps connections', async () => {
    expect(HTTP_LIMITS.headersTimeoutMs).toBe(10_000);
    expect(HTTP_LIMITS.maxConnections).toBe(64);
    // a client that sends half a request line and stops is answered (408) and disconnected
    const closedAfter = await new Promise<number>((ok, fail) => {
      const t0 = Date.now();
      const socket = connect(server.port, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n'));
      socket.on('error', fail);
      socket.on('close', () => ok(Date.now() - t0));
      socket.resume();
    });
    expect(closedAfter).toBeLessThan(5000);
    // a client whose headers arrive but whose body stops half-way is answered 408 and disconnected at the request
    // time limit (1.5 s here; 2 min by default), the upload it started forgotten
    const before = Date.now();
    const stalled = await new Promise<string>((ok, fail) => {
      let answer = '';
      const socket = connect(server.port, '127.0.0.1', () =>
        socket.write(
          `POST /upload HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-ReductionLab-Token: ${TOKEN}\r\nX-Session: session-slow\r\n` +
            'X-File-Name: slow.csv\r\nContent-Type: application/octet-stream\r\nContent-Length: 900\r\n\r\n0,1\n1,2\n',
        ),
      );
      socket.setEncoding('utf8');
      socket.on('data', (c: string) => (answer += c));
      socket.on('error', fail);
      socket.on('close', () => ok(answer));
    });
    expect(Date.now() - before).toBeGreaterThanOrEqual(1400);
    expect(Date.now() - before).toBeLessThan(8000);
    expect(stalled).toMatch(/^HTTP\/1\.1 408/);
    expect(HTTP_LIMITS.requestTimeoutMs).toBe(120_000);
    // its 900 declared bytes no longer count against the uploads' total (1500 bytes here): a full-size file fits
    await new Promise((ok) => setTimeout(ok, 100));
    expect((await upload('after.csv', new Uint8Array(1000), 'session-slow')).status).toBe(200);
    // beyond maxConnections (6 here) a new connection is dropped at once; room again once they close
    const idle = await Promise.all(Array.from({ length: 6 }, () => new Promise<ReturnType<typeof connect>>((ok) => {
      const s = connect(server.port, '127.0.0.1', () => ok(s));
      s.on('error', () => undefined);
    })));
    const refused = await new Promise<boolean>((ok) => {
      const s = connect(server.port, '127.0.0.1');
      s.on('error', () => ok(true));
      s.on('close', () => ok(true));
      s.setTimeout(3000, () => {
        s.destroy();
        ok(false);
      });
    });
    expect(refused).toBe(true);
    for (const s of idle) s.destroy();
    await new Promise((ok) => setTimeout(ok, 100));
    expect((await send('/')).status).toBe(200);
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
