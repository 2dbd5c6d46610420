#!/usr/bin/env node
/**
 * Bundle the Node entry points with esbuild (platform node, ESM), each when its source exists:
 * src/main/cli.ts → out/node/cli.mjs, src/main/server.ts → out/node/server.mjs, the import worker
 * src/main/workers/import.worker.ts → out/node/import-worker.mjs (the server's import pool, import-pool.ts),
 * src/main/workers/xrd-analysis.worker.ts → out/node/xrd-analysis-worker.mjs (the server's SXRD analyses),
 * src/main/workers/rietveld-worker.ts → out/node/rietveld-worker.mjs (the chunks of a long sequence, for the CLI and
 * the analysis worker), src/main/workers/imaging.worker.ts → out/node/imaging-worker.mjs (radiography stacks
 * measured in parallel), src/main/workers/kinetics.worker.ts → out/node/kinetics-worker.mjs (the server's kinetics
 * analyses). Dependencies are bundled (the CommonJS ones
 * through esbuild's interop, with a createRequire banner for their `require` of Node built-ins); electron and
 * h5wasm (which loads its .wasm beside itself) stay external.
 *
 *   node scripts/build-node.mjs            build every entry
 *   import { buildNode } from './build-node.mjs'; await buildNode(['cli'])   (bin/reductionlab.mjs does this)
 *
 * Each bundle is written to a temporary file and renamed, so a process starting meanwhile never reads half a file.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ENTRIES = {
  cli: 'src/main/cli.ts',
  server: 'src/main/server.ts',
  'import-worker': 'src/main/workers/import.worker.ts',
  'xrd-analysis-worker': 'src/main/workers/xrd-analysis.worker.ts',
  'rietveld-worker': 'src/main/workers/rietveld-worker.ts',
  'imaging-worker': 'src/main/workers/imaging.worker.ts',
  'kinetics-worker': 'src/main/workers/kinetics.worker.ts',
};

export async function buildNode(names = Object.keys(ENTRIES)) {
  const { build } = await import('esbuild');
  const version = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version;
  const outDir = join(repoRoot, 'out/node');
  mkdirSync(outDir, { recursive: true });
  const built = [];
  for (const name of names) {
    const entry = join(repoRoot, ENTRIES[name]);
    if (!existsSync(entry)) continue;
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      outfile: join(outDir, `${name}.mjs`),
      external: ['electron', 'h5wasm'],
      mainFields: ['module', 'main'],
      define: { __REDUCTIONLAB_VERSION__: JSON.stringify(version) },
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
      legalComments: 'none',
      logLevel: 'warning',
    });
    for (const file of result.outputFiles) {
      const tmp = `${file.path}.${process.pid}.tmp`;
      writeFileSync(tmp, file.contents);
      renameSync(tmp, file.path);
      built.push(file.path);
    }
  }
  return built;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = await buildNode();
  for (const f of built) console.log(`built ${f.replace(repoRoot + '/', '')}`);
}
