/**
 * Start the browser-mode server (out/node/server.mjs) on a free port for the whole run and hand its URL to the
 * tests through REDUCTIONLAB_URL. Each test's page gets its own server session (see src/main/server.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));

const repoRoot = resolve(HERE, '../../..');

export default async function globalSetup(): Promise<() => Promise<void>> {
  const server = resolve(repoRoot, 'out/node/server.mjs');
  for (const built of [server, resolve(repoRoot, 'out/web/index.html')]) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run "npm run build:web && npm run build:node" (npm run test:e2e does both)`);
  }
  // its own folder for saved studies and recovery files; every test's page is a session, so none is closed for room
  const dataDir = mkdtempSync(join(tmpdir(), 'reductionlab-e2e-data-'));
  const child = spawn(process.execPath, [server, '--port', '0', '--quiet', '--data-dir', dataDir, '--max-sessions', '1000'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    process.stderr.write(`[server] ${chunk.toString()}`);
  });
  const url = await new Promise<string>((ok, fail) => {
    let stdout = '';
    const timer = setTimeout(() => fail(new Error(`the server did not start within 30 s:\n${stderr}`)), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        ok(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the server exited with code ${code}:\n${stderr}`));
    });
  });
  process.env.REDUCTIONLAB_URL = url;
  process.env.REDUCTIONLAB_DATA_DIR = dataDir;
  return async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((ok) => child.once('exit', ok));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
}
