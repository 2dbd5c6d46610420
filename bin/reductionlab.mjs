#!/usr/bin/env node
/**
 * `reductionlab` (npx reductionlab …): runs the bundled CLI out/node/cli.mjs (with out/node/rietveld-worker.mjs, its
 * pool's worker), rebuilding them first with esbuild
 * (scripts/build-node.mjs) when it is missing or older than any file under src/ or the build script.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'out/node/cli.mjs');
const worker = join(root, 'out/node/rietveld-worker.mjs');

function newestMtimeMs(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtimeMs(p));
    else if (entry.isFile()) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function stale() {
  if (!existsSync(bundle) || !existsSync(worker)) return true;
  if (!existsSync(join(root, 'src'))) return false; // an installed package without sources: use the bundle as is
  if (!existsSync(join(root, 'out/node/imaging-worker.mjs'))) return true;
  const built = Math.min(statSync(bundle).mtimeMs, statSync(worker).mtimeMs);
  return newestMtimeMs(join(root, 'src')) > built || statSync(join(root, 'scripts/build-node.mjs')).mtimeMs > built;
}

if (stale()) {
  try {
    const { buildNode } = await import(pathToFileURL(join(root, 'scripts/build-node.mjs')).href);
    await buildNode(['cli', 'rietveld-worker', 'imaging-worker']);
  } catch (e) {
    if (!existsSync(bundle)) {
      process.stderr.write(`reductionlab: cannot build the CLI (${e instanceof Error ? e.message : String(e)})\n`);
      process.exit(1);
    }
    process.stderr.write(`reductionlab: warning: rebuild failed, running the previous build (${e instanceof Error ? e.message.split('\n')[0] : String(e)})\n`);
  }
}

const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
