/**
 * The CLI's pool of Rietveld workers, started by the bundle's first statements for `reductionlab xrd …` (cli.ts
 * imports this module before anything else): the workers' own start-up (loading their bundle, ≈ 0.25 s) then
 * overlaps the main thread's (compiling and evaluating the CLI bundle, ≈ 0.35 s) instead of following it, and they
 * are ready when the file list arrives. cli-xrd takes the pool (takePrestartedPool), or closes it when the command
 * turns out not to analyse (an import report, a usage error).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileOnWorkerThreads, createRietveldPool, type RietveldPool } from './rietveld-pool';
import { mark } from './timeline';

mark('bundle evaluation starts');

/** The Rietveld worker beside the CLI bundle (out/node/rietveld-worker.mjs), or null when running from sources. */
export function rietveldWorkerUrl(): URL | null {
  const url = new URL('./rietveld-worker.mjs', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : null;
}

let prestarted: RietveldPool | null = null;

/** Start the pool now when this process is `… xrd …` (not its help) and runs from the bundle. */
function prestart(args: string[]): void {
  if (args[0] !== 'xrd' || args.includes('--help') || args.includes('-h')) return;
  const url = rietveldWorkerUrl();
  if (!url) return;
  compileOnWorkerThreads();
  prestarted = createRietveldPool(url);
  prestarted.start();
  mark('workers started');
}

prestart(process.argv.slice(2));

/** The pool started with the process, once (null when none was started or it was taken). */
export function takePrestartedPool(): RietveldPool | null {
  const pool = prestarted;
  prestarted = null;
  return pool;
}
