/**
 * The Rietveld worker end to end: bundled with esbuild (as the hosts do), run in a real worker thread, fed a
 * short synthetic sequence; checks progress messages, the final result, and cancellation between frames.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPhase, withCubicA } from '../../core/xrd/crystal';
import { calculatePattern, initialState, rietveldPhaseFromDef, type RietveldOptions, type RietveldPattern } from '../../core/xrd/rietveld';
import { poissonNoise, seededRandom } from '../../core/xrd/rietveld/testkit';
import type { RietveldWorkerReply, RietveldWorkerRequest } from './rietveld-worker';

let dir = '';
let bundle = '';

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'rietveld-worker-'));
  bundle = path.join(dir, 'rietveld-worker.mjs');
  await build({ entryPoints: [path.join(__dirname, 'rietveld-worker.ts')], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'warning' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const defs = [withCubicA(getPhase('fcc-Ni'), 3.56), withCubicA(getPhase('bcc-Fe'), 2.89)];
const options: RietveldOptions = { radiation: { wavelengthA: 0.2 }, profileStart: { W: 0.03 ** 2, eta: 0.4 } };

function sequence(n: number): RietveldPattern[] {
  const x = Float64Array.from({ length: 2001 }, (_, i) => 3 + i * 0.005);
  const phases = defs.map((d) => rietveldPhaseFromDef(d, { wavelengthA: 0.2, twoThetaMaxDeg: 13 }));
  return Array.from({ length: n }, (_, i) => {
    const st = initialState(phases, options);
    st.phases[0].scale = 2e-5;
    st.phases[1].scale = 2e-5 * (1 + i / 10);
    st.background = Float64Array.from([300, -30, 0, 0, 0, 0, 0]);
    st.backgroundRangeDeg = [x[0], x[x.length - 1]];
    return { twoThetaDeg: x, intensity: poissonNoise(calculatePattern(x, phases, st, options).total, seededRandom(i + 1)) };
  });
}

function run(n: number, cancelAfter: number | null): Promise<{ replies: RietveldWorkerReply[] }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(bundle);
    const replies: RietveldWorkerReply[] = [];
    worker.on('message', (r: RietveldWorkerReply) => {
      replies.push(r);
      if (r.type === 'progress' && cancelAfter !== null && r.done === cancelAfter) worker.postMessage({ type: 'cancel', jobId: 7 } satisfies RietveldWorkerRequest);
      if (r.type === 'done' || r.type === 'error') {
        void worker.terminate();
        resolve({ replies });
      }
    });
    worker.on('error', reject);
    const msg: RietveldWorkerRequest = { type: 'start', jobId: 7, patterns: sequence(n), phases: defs, options };
    worker.postMessage(msg);
  });
}

describe('rietveld-worker', () => {
  it('refines a sequence with one progress message per frame', async () => {
    const { replies } = await run(4, null);
    const progress = replies.filter((r) => r.type === 'progress');
    expect(progress.map((r) => (r.type === 'progress' ? r.done : 0))).toEqual([1, 2, 3, 4]);
    const done = replies.at(-1);
    expect(done?.type).toBe('done');
    if (done?.type !== 'done') return;
    expect(done.cancelled).toBe(false);
    expect(done.frames).toHaveLength(4);
    expect(done.frames[3].phases.map((p) => p.id)).toEqual(['fcc-Ni', 'bcc-Fe']);
    expect(done.frames[3].phases[0].lattice.aA).toBeCloseTo(3.56, 3);
    expect(done.frames[3].gof).toBeLessThan(1.2);
  });

  it('stops between frames on cancel and returns the frames done', async () => {
    const { replies } = await run(40, 2);
    const done = replies.at(-1);
    expect(done?.type).toBe('done');
    if (done?.type !== 'done') return;
    expect(done.cancelled).toBe(true);
    expect(done.frames.length).toBeGreaterThanOrEqual(2);
    expect(done.frames.length).toBeLessThan(40);
  });
});
