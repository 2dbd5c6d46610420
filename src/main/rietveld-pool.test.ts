/**
 * The pool of Rietveld workers end to end: the worker bundled by esbuild (as scripts/build-node.mjs bundles it),
 * run in real threads; the chunked analysis of the simulated Fe2O3 + NiO study (chunks of 20 frames) through the
 * pool gives the numbers the in-process executors give, with one and with three workers, and stops on cancel.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveSimulated, simulatedDir } from '../../test/fixtures/xrd/paths';
import { analyseSequenceAsync, inProcessChunks, inProcessPresence } from '../core/xrd/pipeline';
import { assembleSequence, buildSequence, type ReadSequenceFile } from '../core/xrd/sequence';
import { createRietveldPool } from './rietveld-pool';
import { listFiles } from './xrd-read-files';

const HAVE = haveSimulated('sxrd-fe2o3_nio-700C');
const out = mkdtempSync(join(tmpdir(), 'rl-rietveld-pool-'));
const workerFile = join(out, 'rietveld-worker.mjs');
afterAll(() => rmSync(out, { recursive: true, force: true }));

beforeAll(async () => {
  await build({
    entryPoints: [join(__dirname, 'workers/rietveld-worker.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: workerFile,
    logLevel: 'error', banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
}, 60_000);

describe.skipIf(!HAVE)('createRietveldPool', () => {
  const dir = simulatedDir('sxrd-fe2o3_nio-700C');
  const seq = () => buildSequence(readdirSync(dir).filter((f) => f.endsWith('.xy')).sort().map((f) => ({ name: f, bytes: readFileSync(join(dir, f)) })), { intervalS: 30 });
  const options = { phases: ['magnetite', 'wustite', 'NiO', 'fcc-FeNi'], detectPhases: ['magnetite', 'wustite', 'NiO', 'fcc-FeNi', 'bcc-Fe'], temperatureC: 700 };

  it('the chunks (and the anchor chain) on worker threads give the in-process numbers, whatever the number of workers', async () => {
    const here = await analyseSequenceAsync(seq(), options, { executor: inProcessChunks, presenceExecutor: inProcessPresence, chunkFrames: 20 });
    // the anchor chain here, or on a worker (anchorExecutor, as the CLI runs it)
    for (const [size, onWorker] of [[1, false], [3, false], [2, true]] as const) {
      const pool = createRietveldPool(pathToFileURL(workerFile), size);
      try {
        const there = await analyseSequenceAsync(seq(), options, {
          executor: pool.executor, presenceExecutor: pool.presenceExecutor, chunkFrames: 20, ...(onWorker ? { anchors: pool.anchorExecutor } : {}),
        });
        expect(there.analysis.frames.map((f) => f.phases)).toEqual(here.analysis.frames.map((f) => f.phases));
        expect(there.analysis.detection).toEqual(here.analysis.detection);
        expect(there.chain!.map((r) => r.rwp)).toEqual(here.chain!.map((r) => r.rwp));
      } finally {
        await pool.close();
      }
    }
  }, 300_000);

  it('reads a folder in slices on the workers: the sequence read here, the other files ignored', async () => {
    const pool = createRietveldPool(pathToFileURL(workerFile), 2);
    try {
      const read = await pool.readFiles(listFiles([dir], dir));
      expect(read.filter((r) => 'ignored' in r).map((r) => r.name)).toEqual(['README.md', 'truth.json']);
      const there = assembleSequence(read.filter((r): r is ReadSequenceFile => 'frames' in r), { intervalS: 30 });
      const here = seq();
      expect(there.frames.map((f) => f.fileName)).toEqual(here.frames.map((f) => f.fileName));
      expect(there.frames.map((f) => f.intensity)).toEqual(here.frames.map((f) => f.intensity));
      expect(there.frames.every((f) => f.x === there.frames[0].x)).toBe(true);
      expect(there.wavelengthA).toBe(here.wavelengthA);
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('stops on cancel and returns the unbroken run of frames done', async () => {
    const pool = createRietveldPool(pathToFileURL(workerFile), 2);
    const signal = { cancelled: false };
    try {
      const r = await analyseSequenceAsync(seq(), options, {
        executor: pool.executor, presenceExecutor: pool.presenceExecutor, chunkFrames: 20, signal, onProgress: (d) => { if (d >= 5) signal.cancelled = true; },
      });
      expect(r.analysis.cancelled).toBe(true);
      expect(r.analysis.frames.length).toBeLessThan(61);
      r.analysis.frames.forEach((f, i) => expect(f.index).toBe(i));
    } finally {
      await pool.close();
    }
  }, 300_000);
});
