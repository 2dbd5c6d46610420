/**
 * Browser mode: the same renderer and the same createHandlers, hosted by a Node http server on 127.0.0.1.
 *   node out/node/server.mjs [--port 5178] [--no-example] [--web DIR] [--example DIR] [--data-dir DIR] [--max-sessions 16]
 * Serves the built renderer (out/web) and answers POST /api/<method> with the JSON codec of src/shared/codec.ts.
 * Each browser tab has its own session (the renderer sends a random id in the X-Session header), so tabs and
 * end-to-end tests never see each other's runs. A session is created only when the tab asks for a new one
 * (X-Session-New: 1); a session the server does not have (closed to make room, or the server restarted) answers
 * 410 with its recovery file, never silently with a fresh session. Each session autosaves to
 * <data>/recovery/<session>.rlab; Save writes studies to <data>/studies (study-api.ts), and exports are downloads
 * done by the renderer. The native file dialog does not exist here: the renderer uploads each picked file's bytes
 * (POST /upload, uploads.ts) and names them in the Api call that follows. Files are read in
 * out/node/import-worker.mjs (import-pool.ts: heap and time limits per file); SXRD analyses run in
 * out/node/xrd-analysis-worker.mjs (a worker thread per analysis; long sequences in chunks on a pool of
 * out/node/rietveld-worker.mjs).
 *
 * Boundaries: every request needs this launch's token (http-auth.ts; printed in the address); the Host header must
 * name this server (no DNS rebinding) and an Origin, when sent, must be this server's; headers must arrive within
 * 10 s and a request within 2 min; at most 64 connections at once; a malformed URL answers 400.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isApiMethod, type Api } from '../shared/api';
import { decode, encode } from '../shared/codec';
import { createHandlers, type HandlerDeps } from './handlers';
import { authCookie, authorised, newToken, sameToken, UNAUTHORISED_PAGE } from './http-auth';
import type { TgaParser } from './tga-import';
import { createUploadStore, UploadError, type UploadStore } from './uploads';
import { createImportPool } from './import-pool';
import type { ImportRunner } from './import-read';
import { createWorkerXrdRunner } from './xrd-analysis-runner';
import type { XrdAnalysisRunner } from './xrd-session';
import type { Autosaver } from './study/autosave';
import { createRecoveryStore } from './study/recovery';
import { workerStudyDecoder, workerStudyEncoder, type StudyDecoder, type StudyEncoder } from './study/worker-encode';
import { createWorkerKineticsRunner, type KineticsRunner } from './kinetics-runner';

export interface ServerOptions {
  port: number;
  host: string;
  webDir: string;
  exampleDir: string | null;
  openExample: boolean;
  parseTga: TgaParser;
  /** Reads frames, CIFs and temperature logs (the import pool); default in-process. */
  importFile?: ImportRunner;
  /** The access token (http-auth.ts); default a new random one. */
  token?: string;
  /** Where uploads wait for their Api call; default a store with UPLOAD_LIMITS. */
  uploads?: UploadStore;
  /** Connection and time limits; default HTTP_LIMITS (tests shorten them). */
  limits?: Partial<typeof HTTP_LIMITS>;
  /** Runs the SXRD analysis (a worker thread); default in-process. */
  runXrdAnalysis?: XrdAnalysisRunner;
  /** Runs the kinetics analysis (a worker thread); default in-process. */
  runKinetics?: KineticsRunner;
  log: HandlerDeps['log'];
  /** The imaging worker bundle (radiography stacks on disk, maps); absent → in-process. */
  imagingWorkerUrl?: URL | null;
  /** Sessions kept at once; beyond this the least recently used is autosaved and closed. */
  maxSessions?: number;
  /** Folder the server owns: recovery/ (autosaves) and studies/ (saved studies). Default: dataDir(). */
  dataDir?: string;
  /** Autosave delay after a change (ms); default 2000. */
  autosaveDebounceMs?: number;
  /** Writes study files (autosave, save, download): the import pool's workers; default on the event loop. */
  encodeStudy?: StudyEncoder;
  /** Reads study files on Open: the import pool's workers; default on the event loop. */
  decodeStudy?: StudyDecoder;
}

/** The folder the browser-mode server keeps studies and recovery files in, per platform. */
export function defaultDataDir(): string {
  if (process.env.REDUCTIONLAB_DATA) return resolve(process.env.REDUCTIONLAB_DATA);
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'ReductionLab');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'ReductionLab');
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'reductionlab');
}

interface Session {
  api: Promise<Api>;
  autosaver: Autosaver | null;
}

/** Api calls carry settings and display data; file bytes come as uploads (POST /upload). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Connection and time limits of the HTTP server (a local tool: generous for a browser, short for a stalled peer). */
export const HTTP_LIMITS = { maxConnections: 64, headersTimeoutMs: 10_000, requestTimeoutMs: 120_000, keepAliveTimeoutMs: 5_000, maxHeadersCount: 64, checkIntervalMs: 2_000 };

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** The Content-Security-Policy the browser host sends with every page (index.html carries the same as a meta tag). */
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** Answer; `close` ends the connection after it (a refused request's unread body is not worth reading). */
function send(res: ServerResponse, status: number, body: string | Uint8Array, type: string, close = false): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': CSP,
    'Referrer-Policy': 'no-referrer',
    ...(close ? { Connection: 'close' } : {}),
  });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error(`request larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Host header must name this server: a page from another origin cannot reach it through DNS rebinding. */
function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host ?? '';
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** A request the server refuses before any handler runs (bad URL, missing token): status and message. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The path of a request URL, decoded; a malformed %-escape or URL is a 400, not a 500. */
function requestPath(req: IncomingMessage): { pathname: string; rawPath: string; search: URLSearchParams } {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://127.0.0.1');
  } catch {
    throw new Refusal(400, 'malformed request URL');
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    throw new Refusal(400, `malformed %-escape in ${url.pathname.slice(0, 200)}`);
  }
  if (pathname.includes('\0')) throw new Refusal(400, 'NUL in the request path');
  return { pathname, rawPath: url.pathname, search: url.searchParams };
}

export async function startServer(options: ServerOptions): Promise<{ url: string; port: number; token: string; dataDir: string; close(): Promise<void>; flush(): Promise<void>; server: Server }> {
  const token = options.token ?? newToken();
  const uploads = options.uploads ?? createUploadStore();
  const sessions = new Map<string, Session>();
  /** Sessions closed to make room: why, and their autosave in progress. */
  const closed = new Map<string, Promise<void>>();
  const maxSessions = options.maxSessions ?? 16;
  const webRoot = resolve(options.webDir);
  const dataDir = resolve(options.dataDir ?? defaultDataDir());
  const recovery = createRecoveryStore(join(dataDir, 'recovery'), (id) => sessions.has(id));
  const studiesDir = join(dataDir, 'studies');

  /** Autosave a session that is being closed, then forget it: its tab is told where its work is. */
  function evict(id: string, session: Session): void {
    sessions.delete(id);
    uploads.dropSession(id);
    const done = (async () => {
      try {
        const api = await session.api;
        await api.xrdCancelAnalysis().catch(() => undefined);
        await session.autosaver?.flush();
      } finally {
        session.autosaver?.dispose();
      }
    })();
    closed.set(id, done.catch(() => undefined));
    while (closed.size > 1000) closed.delete(closed.keys().next().value as string);
    options.log('info', `session ${id.slice(0, 8)}… closed to make room (at most ${maxSessions} open); its work is in its recovery file`);
  }

  function sessionFor(id: string, create: boolean): Promise<Api> | null {
    const existing = sessions.get(id);
    if (existing) {
      sessions.delete(id);
      sessions.set(id, existing);
      return existing.api;
    }
    if (!create) return null;
    const entry: Session = { api: Promise.resolve(null as unknown as Api), autosaver: null };
    const api = createHandlers({
      parseTga: options.parseTga,
      importFile: options.importFile,
      readFile: async (path) => new Uint8Array(await readFile(path)),
      pickFiles: async () => [],
      saveFile: async () => {
        throw new Error('In the browser the renderer downloads files itself; the server does not write them.');
      },
      exampleDir: options.exampleDir,
      log: options.log,
      runXrdAnalysis: options.runXrdAnalysis,
      studyHost: {
        saveFolder: studiesDir,
        recovery: { store: recovery, id, options: { debounceMs: options.autosaveDebounceMs, log: options.log } },
        onAutosaver: (a) => (entry.autosaver = a),
        encodeStudy: options.encodeStudy,
        decodeStudy: options.decodeStudy,
      },
      imagingWorkerUrl: options.imagingWorkerUrl ?? null,
      runKinetics: options.runKinetics,
    });
    const ready = (async () => {
      if (options.openExample && options.exampleDir && existsSync(join(options.exampleDir, 'study.json'))) {
        try {
          await api.openExampleStudy();
        } catch (error) {
          options.log('warn', `example study not opened: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return api;
    })();
    entry.api = ready;
    closed.delete(id);
    sessions.set(id, entry);
    while (sessions.size > maxSessions) {
      const oldest = sessions.keys().next().value as string;
      evict(oldest, sessions.get(oldest) as Session);
    }
    return ready;
  }

  /** 410 for a session the server does not have: why, and the recovery file that holds its work. */
  async function sessionGone(res: ServerResponse, id: string): Promise<void> {
    const wasClosed = closed.get(id);
    if (wasClosed) await wasClosed;
    const info = await recovery.info(id).catch(() => null);
    const why = wasClosed ? `it was closed to make room for newer sessions (at most ${maxSessions} are kept open)` : 'the server was restarted or the session ended';
    const error = info
      ? `This session was closed: ${why}. Your work is in the recovery file ${info.file}, saved ${new Date(info.modifiedMs).toLocaleString('en-GB')}: recover it to go on.`
      : `This session was closed: ${why}. It had no unsaved changes. Start a new session or open a saved study.`;
    send(res, 410, JSON.stringify({ error, code: 'session-closed', recovery: info }), 'application/json');
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, JSON.stringify({ error: 'use POST' }), 'application/json');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return send(res, 415, JSON.stringify({ error: 'Content-Type must be application/json' }), 'application/json');
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}`) {
      return send(res, 403, JSON.stringify({ error: `origin ${origin} is not allowed` }), 'application/json');
    }
    if (!isApiMethod(method)) return send(res, 404, JSON.stringify({ error: `no such method: ${method}` }), 'application/json');
    const sessionId = String(req.headers['x-session'] ?? '');
    if (!/^[A-Za-z0-9-]{8,64}$/.test(sessionId)) return send(res, 400, JSON.stringify({ error: 'missing X-Session header' }), 'application/json');
    try {
      const args = decode<unknown>(await readBody(req), (id) => uploads.take(sessionId, id));
      if (!Array.isArray(args)) throw new Error('the request body must be a JSON array of arguments');
      const pending = sessionFor(sessionId, req.headers['x-session-new'] === '1');
      if (pending === null) return await sessionGone(res, sessionId);
      const api = await pending;
      const fn = api[method] as (...a: unknown[]) => Promise<unknown>;
      const result = await fn(...args);
      send(res, 200, encode(result === undefined ? null : result), 'application/json');
    } catch (error) {
      send(res, 400, JSON.stringify({ error: error instanceof Error ? error.message : String(error) }), 'application/json');
    }
  }

  /** POST /upload: one file's raw bytes (X-File-Name, URI-encoded) for this session; answers { id, bytes }. */
  async function handleUpload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, JSON.stringify({ error: 'use POST' }), 'application/json');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}`) {
      return send(res, 403, JSON.stringify({ error: `origin ${origin} is not allowed` }), 'application/json');
    }
    const sessionId = String(req.headers['x-session'] ?? '');
    if (!/^[A-Za-z0-9-]{8,64}$/.test(sessionId)) return send(res, 400, JSON.stringify({ error: 'missing X-Session header' }), 'application/json');
    let name: string;
    try {
      name = decodeURIComponent(String(req.headers['x-file-name'] ?? ''));
    } catch {
      return send(res, 400, JSON.stringify({ error: 'malformed %-escape in X-File-Name' }), 'application/json');
    }
    if (name === '' || name.length > 500) return send(res, 400, JSON.stringify({ error: 'X-File-Name must name the file (1–500 characters)' }), 'application/json');
    try {
      send(res, 200, JSON.stringify(await uploads.receive(req, sessionId, name)), 'application/json');
    } catch (error) {
      const status = error instanceof UploadError ? error.status : 400;
      send(res, status, JSON.stringify({ error: error instanceof Error ? error.message : String(error) }), 'application/json', status === 413 || status === 400);
    }
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'GET only', 'text/plain');
    const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
    const file = normalize(join(webRoot, relative));
    if (file !== webRoot && !file.startsWith(webRoot + sep)) return send(res, 403, 'forbidden', 'text/plain');
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      send(res, 200, await readFile(file), CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
    } catch {
      send(res, 404, `not found: ${pathname}`, 'text/plain');
    }
  }

  let boundPort = options.port;

  function route(req: IncomingMessage, res: ServerResponse): void {
    if (!hostAllowed(req, boundPort)) return send(res, 421, 'unexpected Host header', 'text/plain');
    let pathname: string;
    try {
      const parsed = requestPath(req);
      pathname = parsed.pathname;
      const presented = parsed.search.get('token');
      if (presented !== null) {
        // The address printed at start: trade the token for the cookie, then show the page without it.
        if (!sameToken(presented, token)) throw new Refusal(401, 'wrong access token: open the address the server printed');
        res.writeHead(303, { Location: parsed.rawPath === '/' ? './' : parsed.rawPath, 'Set-Cookie': authCookie(boundPort, token), 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
        res.end();
        return;
      }
      if (!authorised(req, boundPort, token)) throw new Refusal(401, 'this server needs its access token: open the address it printed (…/?token=…)');
    } catch (error) {
      const refusal = error instanceof Refusal ? error : new Refusal(400, 'bad request');
      const api = (req.url ?? '').startsWith('/api/') || (req.url ?? '').startsWith('/upload');
      if (refusal.status === 401 && !api) return send(res, 401, UNAUTHORISED_PAGE, 'text/html; charset=utf-8', true);
      return send(res, refusal.status, api ? JSON.stringify({ error: refusal.message }) : refusal.message, api ? 'application/json' : 'text/plain', true);
    }
    const handled = pathname.startsWith('/api/') ? handleApi(req, res, pathname.slice(5)) : pathname === '/upload' ? handleUpload(req, res) : handleStatic(req, res, pathname);
    handled.catch((error: unknown) => failed(res, pathname, error));
  }

  function failed(res: ServerResponse, what: string, error: unknown): void {
    options.log('error', `request ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    if (!res.headersSent) send(res, 500, 'internal error', 'text/plain', true);
    else res.destroy();
  }

  const limits = { ...HTTP_LIMITS, ...options.limits };
  const server = createServer(
    { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, keepAliveTimeout: limits.keepAliveTimeoutMs, connectionsCheckingInterval: limits.checkIntervalMs },
    (req, res) => {
      // Nothing a request does may end the server (and everyone's sessions with it).
      try {
        route(req, res);
      } catch (error) {
        failed(res, (req.url ?? '').slice(0, 200), error);
      }
    },
  );
  server.maxConnections = limits.maxConnections;
  server.maxHeadersCount = limits.maxHeadersCount;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host, () => ok());
  });
  const address = server.address();
  boundPort = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host}:${boundPort}/`;
  /** Autosave every session with unsaved changes now (before the server stops). */
  const flush = async (): Promise<void> => {
    await Promise.all([...sessions.values()].map((s) => s.autosaver?.flush()));
    await Promise.all(closed.values());
  };
  return {
    url,
    port: boundPort,
    token,
    server,
    dataDir,
    flush,
    close: async () => {
      await flush().catch(() => undefined);
      for (const s of sessions.values()) s.autosaver?.dispose();
      await new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeIdleConnections();
      });
    },
  };
}

function argValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i >= 0 && i + 1 < argv.length) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`${name}=`));
  return eq ? eq.slice(name.length + 1) : undefined;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const here = fileURLToPath(new URL('.', import.meta.url));
  const portText = argValue(argv, '--port') ?? process.env.PORT ?? '5178';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${portText} is not a port number`);
  const webDir = resolve(argValue(argv, '--web') ?? join(here, '../web'));
  if (!existsSync(join(webDir, 'index.html'))) throw new Error(`${webDir} has no index.html: run "npm run build:web" first`);
  const exampleDir = resolve(argValue(argv, '--example') ?? join(here, '../../resources/example'));
  const log: HandlerDeps['log'] = (level, message) => {
    if (level !== 'info' || !argv.includes('--quiet')) console.error(`[${level}] ${message}`);
  };
  const workerFile = join(here, 'import-worker.mjs');
  // Files are only ever read in the limited workers: without the worker there is no browser mode.
  if (!existsSync(workerFile)) throw new Error(`no import worker at ${workerFile}: run "npm run build:node" first`);
  const imports = createImportPool(pathToFileURL(workerFile));
  const xrdWorkerFile = join(here, 'xrd-analysis-worker.mjs');
  let runXrdAnalysis: XrdAnalysisRunner | undefined;
  const chunkWorkerFile = join(here, 'rietveld-worker.mjs');
  if (existsSync(xrdWorkerFile)) runXrdAnalysis = createWorkerXrdRunner(pathToFileURL(xrdWorkerFile), existsSync(chunkWorkerFile) ? pathToFileURL(chunkWorkerFile) : undefined);
  else log('warn', `no analysis worker at ${xrdWorkerFile}: SXRD analyses run on the server's main thread`);
  const maxText = argValue(argv, '--max-sessions');
  const maxSessions = maxText === undefined ? undefined : Number(maxText);
  if (maxSessions !== undefined && (!Number.isInteger(maxSessions) || maxSessions < 1)) throw new Error(`--max-sessions ${maxText} is not a whole number ≥ 1`);
  const dataText = argValue(argv, '--data-dir');
  const imagingWorkerFile = join(here, 'imaging-worker.mjs');
  const imagingWorkerUrl = existsSync(imagingWorkerFile) ? pathToFileURL(imagingWorkerFile) : null;
  if (!imagingWorkerUrl) log('warn', `no imaging worker at ${imagingWorkerFile}: maps are analysed on the server's main thread`);
  const kineticsWorkerFile = join(here, 'kinetics-worker.mjs');
  let runKinetics: KineticsRunner | undefined;
  if (existsSync(kineticsWorkerFile)) runKinetics = createWorkerKineticsRunner(pathToFileURL(kineticsWorkerFile));
  else log('warn', `no kinetics worker at ${kineticsWorkerFile}: kinetics run on the server's main thread`);
  const server = await startServer({
    port,
    host: '127.0.0.1',
    webDir,
    exampleDir: existsSync(exampleDir) ? exampleDir : null,
    openExample: !argv.includes('--no-example'),
    parseTga: imports.parseTga,
    importFile: imports.run,
    encodeStudy: workerStudyEncoder(imports.run),
    decodeStudy: workerStudyDecoder(imports.run),
    // A fixed token only from the environment (never the command line, which other users can list).
    token: process.env.REDUCTIONLAB_TOKEN || undefined,
    runXrdAnalysis,
    imagingWorkerUrl,
    runKinetics,
    log,
    maxSessions,
    dataDir: dataText ? resolve(dataText) : undefined,
  });
  console.log(`ReductionLab (browser mode) at ${server.url}?token=${server.token}`);
  console.log(`Studies and recovery files in ${server.dataDir}`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const isEntry = process.argv[1] !== undefined && /server\.(mjs|js|ts)$/.test(process.argv[1]);
if (isEntry) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
