/**
 * Browser mode: the same renderer and the same createHandlers, hosted by a Node http server on 127.0.0.1.
 *   node out/node/server.mjs [--port 5178] [--no-example] [--web DIR] [--example DIR] [--data-dir DIR] [--max-sessions 16]
 * Serves the built renderer (out/web) and answers POST /api/<method> with the JSON codec of src/shared/codec.ts.
 * Each browser tab has its own session (the renderer sends a random id in the X-Session header), so tabs and
 * end-to-end tests never see each other's runs. A session is created only when the tab asks for a new one
 * (X-Session-New: 1); a session the server does not have (closed to make room, or the server restarted) answers
 * 410 with its recovery file, never silently with a fresh session. Each session autosaves to
 * <data>/recovery/<session>.rlab; Save writes studies to <data>/studies (study-api.ts), and exports are downloads
 * done by the renderer (the <input type=file> sends bytes to tgaImportFiles / xrdImportFiles).
 * SXRD analyses run in out/node/xrd-analysis-worker.mjs (a worker thread per analysis; long sequences in
 * chunks on a pool of out/node/rietveld-worker.mjs).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isApiMethod, type Api } from '../shared/api';
import { decode, encode } from '../shared/codec';
import { createHandlers, type HandlerDeps } from './handlers';
import { parseTgaInProcess, type TgaParser } from './tga-import';
import { createWorkerTgaParser } from './worker-pool';
import { createWorkerXrdRunner } from './xrd-analysis-runner';
import type { XrdAnalysisRunner } from './xrd-session';
import type { Autosaver } from './study/autosave';
import { createRecoveryStore } from './study/recovery';
import { createWorkerKineticsRunner, type KineticsRunner } from './kinetics-runner';

export interface ServerOptions {
  port: number;
  host: string;
  webDir: string;
  exampleDir: string | null;
  openExample: boolean;
  parseTga: TgaParser;
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

const MAX_BODY_BYTES = 512 * 1024 * 1024;

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

function send(res: ServerResponse, status: number, body: string | Uint8Array, type: string): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': CSP,
    'Referrer-Policy': 'no-referrer',
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

export async function startServer(options: ServerOptions): Promise<{ url: string; port: number; dataDir: string; close(): Promise<void>; flush(): Promise<void> }> {
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
      const args = decode<unknown>(await readBody(req));
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

  async function handleStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'GET only', 'text/plain');
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
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
  const server = createServer((req, res) => {
    if (!hostAllowed(req, boundPort)) return send(res, 421, 'unexpected Host header', 'text/plain');
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
    const handled = pathname.startsWith('/api/') ? handleApi(req, res, pathname.slice(5)) : handleStatic(req, res, pathname);
    handled.catch((error: unknown) => {
      options.log('error', `request ${pathname} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) send(res, 500, 'internal error', 'text/plain');
    });
  });
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
    dataDir,
    flush,
    close: async () => {
      await flush().catch(() => undefined);
      for (const s of sessions.values()) s.autosaver?.dispose();
      await new Promise<void>((ok) => server.close(() => ok()));
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
  const workerFile = join(here, 'tga-import-worker.mjs');
  let parseTga: TgaParser = parseTgaInProcess;
  if (existsSync(workerFile)) parseTga = createWorkerTgaParser(pathToFileURL(workerFile)).parse;
  else log('warn', `no import worker at ${workerFile}: files are parsed on the server's main thread`);
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
    parseTga,
    runXrdAnalysis,
    imagingWorkerUrl,
    runKinetics,
    log,
    maxSessions,
    dataDir: dataText ? resolve(dataText) : undefined,
  });
  console.log(`ReductionLab (browser mode) at ${server.url}`);
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
