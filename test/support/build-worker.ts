/**
 * Bundle a worker entry for tests the way scripts/build-node.mjs does for the server, into node_modules/.cache (so
 * the external h5wasm resolves from the repository's node_modules). Returns its URL.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const repoRoot = resolve(__dirname, '../..');

export async function buildWorker(entry: string, name: string): Promise<URL> {
  const cache = join(repoRoot, 'node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'rl-test-'));
  const outfile = join(dir, `${name}.mjs`);
  await build({
    entryPoints: [resolve(repoRoot, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    external: ['electron', 'h5wasm'],
    mainFields: ['module', 'main'],
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'error',
  });
  return pathToFileURL(outfile);
}

export const buildImportWorker = (): Promise<URL> => buildWorker('src/main/workers/import.worker.ts', 'import-worker');
