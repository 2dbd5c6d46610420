/**
 * Browser mode: the same renderer and the same createHandlers, hosted by a Node http server on 127.0.0.1.
 *   node out/node/server.mjs [--port 5178] [--no-example] [--web DIR] [--example DIR]
 * Serves the built renderer (out/web) and answers POST /api/<method> with the JSON codec of src/shared/codec.ts.
 * Each browser tab has its own session (the renderer sends a random id in the X-Session header), so tabs and
 * end-to-end tests never see each other's runs. Saving is a download done by the renderer; the native file
 * dialog does not exist here (the renderer's <input type=file> sends bytes to tgaImportFiles / xrdImportFiles).
 * SXRD analyses run in out/node/xrd-analysis-worker.mjs (a worker thread per analysis; long sequences in chunks on
 * a pool of out/node/rietveld-worker.mjs).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isApiMethod, type Api } from '../shared/api';
import { decode, encode } from '../shared/codec';
import { createHandlers, type HandlerDeps } from './handlers';
import { parseTgaInProcess, type TgaParser } from './tga-import';
import { createWorkerTgaParser } from './worker-pool';
import { createWorkerXrdRunner } from './xrd-analysis-runner';
import type { XrdAnalysisRunner } from './xrd-session';

export interface ServerOptions {
  port: number;
  host: string;
  webDir: string;
  exampleDir: string | null;
  openExample: boolean;
  parseTga: TgaParser;
  /** Runs the SXRD analysis (a worker thread); default in-process. */
  runXrdAnalysis?: XrdAnalysisRunner;
  log: HandlerDeps['log'];
  /** Sessions kept at once; the least recently used is dropped beyond this. */
  maxSessions?: number;
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

export async function startServer(options: ServerOptions): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const sessions = new Map<string, Promise<Api>>();
  const maxSessions = options.maxSessions ?? 16;
  const webRoot = resolve(options.webDir);

  function sessionFor(id: string): Promise<Api> {
    const existing = sessions.get(id);
    if (existing) {
      sessions.delete(id);
      sessions.set(id, existing);
      return existing;
    }
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
    sessions.set(id, ready);
    while (sessions.size > maxSessions) sessions.delete(sessions.keys().next().value as string);
    return ready;
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
      const api = await sessionFor(sessionId);
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
  return {
    url,
    port: boundPort,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
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
  const server = await startServer({
    port,
    host: '127.0.0.1',
    webDir,
    exampleDir: existsSync(exampleDir) ? exampleDir : null,
    openExample: !argv.includes('--no-example'),
    parseTga,
    runXrdAnalysis,
    log,
  });
  console.log(`ReductionLab (browser mode) at ${server.url}`);
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
