/**
 * The Rietveld worker end to end: bundled with esbuild (as the hosts do), run in a real worker thread, fed a
 * short synthetic sequence; checks progress messages, the final result, and cancellation between frames.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/** Runs a sequence of n frames; with cancel, cancels on the first progress message. */
function run(n: number, cancel: boolean): Promise<{ replies: RietveldWorkerReply[] }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(bundle);
    const replies: RietveldWorkerReply[] = [];
    worker.on('message', (r: RietveldWorkerReply) => {
      replies.push(r);
      if (r.type === 'progress' && cancel && replies.filter((q) => q.type === 'progress').length === 1) worker.postMessage({ type: 'cancel', jobId: 7 } satisfies RietveldWorkerRequest);
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
  it('refines a sequence, with progress messages (at most every 50 ms) up to the last frame', async () => {
    const { replies } = await run(4, false);
    const progress = replies.flatMap((r) => (r.type === 'progress' ? [r.done] : []));
    expect(progress.at(-1)).toBe(4);
    expect(progress.every((d, i) => d >= 1 && (i === 0 || d > progress[i - 1]))).toBe(true);
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
    const { replies } = await run(40, true);
    const first = replies.find((r) => r.type === 'progress');
    const done = replies.at(-1);
    expect(done?.type).toBe('done');
    if (done?.type !== 'done' || first?.type !== 'progress') return;
    expect(done.cancelled).toBe(true);
    expect(done.frames.length).toBeGreaterThanOrEqual(first.done);
    expect(done.frames.length).toBeLessThan(40);
  });

  it('reads a slice of files: the frames, and a file no reader knows ignored', async () => {
    const files = ['a_2.xy', 'a_10.xy'].map((name, k) => {
      const full = path.join(dir, name);
      writeFileSync(full, `# 2th_deg I\n${Array.from({ length: 50 }, (_, i) => `${(2 + i * 0.01).toFixed(2)} ${100 + k + i}`).join('\n')}\n`);
      return { full, name, explicit: false };
    });
    writeFileSync(path.join(dir, 'notes.md'), 'not a pattern\n');
    files.push({ full: path.join(dir, 'notes.md'), name: 'notes.md', explicit: false });
    const worker = new Worker(bundle);
    try {
      const reply = await new Promise<RietveldWorkerReply>((resolve, reject) => {
        worker.on('message', resolve);
        worker.on('error', reject);
        worker.postMessage({ type: 'read', jobId: 3, files } satisfies RietveldWorkerRequest);
      });
      expect(reply.type).toBe('readDone');
      if (reply.type !== 'readDone') return;
      expect(reply.files.map((f) => f.name)).toEqual(['a_2.xy', 'a_10.xy', 'notes.md']);
      expect('ignored' in reply.files[2]).toBe(true);
      const second = reply.files[1];
      expect('frames' in second ? second.frames[0].intensity[49] : null).toBe(150);
    } finally {
      await worker.terminate();
    }
  });
});
