/**
 * The worker runner with the real worker (src/main/workers/xrd-analysis.worker.ts bundled by esbuild into a temp
 * folder, as scripts/build-node.mjs bundles it for the server), on three frames of the simulated sequence.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSequence } from '../core/xrd/sequence';
import { createWorkerXrdRunner } from './xrd-analysis-runner';
import { haveSimulated, simulatedDir } from '../../test/fixtures/xrd/paths';

const HAVE = haveSimulated('sxrd-fe2o3_nio-700C');
const DIR = simulatedDir('sxrd-fe2o3_nio-700C');
const out = mkdtempSync(join(tmpdir(), 'rl-xrd-worker-'));
const workerFile = join(out, 'xrd-analysis-worker.mjs');
afterAll(() => rmSync(out, { recursive: true, force: true }));

beforeAll(async () => {
  await build({
    entryPoints: [resolve(__dirname, 'workers/xrd-analysis.worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: workerFile,
    external: ['h5wasm'],
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'error',
  });
}, 60_000);

const seq = () =>
  buildSequence(
    readdirSync(DIR)
      .filter((n) => n.endsWith('.xy'))
      .sort()
      .slice(58)
      .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(DIR, name))) })),
    { intervalS: 30, offsetS: 58 * 30 },
  );

describe.skipIf(!HAVE)('createWorkerXrdRunner', () => {
  it('runs analyseSequence in a worker thread and reports progress through shared memory', async () => {
    const run = createWorkerXrdRunner(pathToFileURL(workerFile))(seq(), { phases: ['NiO', 'fcc-FeNi'], refine: true, temperatureC: 700 });
    const a = await run.result;
    expect(a.frames.map((f) => f.timeS)).toEqual([1740, 1770, 1800]);
    expect(a.frames[2].phases['fcc-FeNi'].weightFraction).toBeGreaterThan(0.5);
    const p = run.progress();
    // 3 frames × 2 steps: refinement and the presence test of the same two phases (the frame fits come with the
    // refinement's results; no second chain)
    expect(p.total).toBe(6);
    expect(p.done).toBe(p.total);
    // the chain behind the frame fits comes back with it and reproduces every frame's Rwp
    const chain = (await run.chain)!;
    expect(chain.map((r) => r.rwp)).toEqual(a.frames.map((f) => f.rwp));
    expect(chain[2].background).toBeInstanceOf(Float64Array);
  }, 60_000);

  it('rejects with the pipeline message', async () => {
    const run = createWorkerXrdRunner(pathToFileURL(workerFile))(seq(), { phases: ['unobtainium'] });
    await expect(run.result).rejects.toThrow(/unobtainium/);
    expect(await run.chain).toBeNull();
  }, 60_000);

  it('cancel before the first frame returns a cancelled, partial result', async () => {
    const run = createWorkerXrdRunner(pathToFileURL(workerFile))(seq(), { phases: ['NiO', 'fcc-FeNi'], temperatureC: 700 });
    run.cancel();
    const a = await run.result;
    expect(a.cancelled).toBe(true);
    expect(a.frames.length).toBeLessThan(3);
    expect(await run.chain).toBeNull();
  }, 60_000);
});
