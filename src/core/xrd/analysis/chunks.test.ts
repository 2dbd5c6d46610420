/**
 * The chain and the presence test in chunks (analysis/chunks): the cut depends on the frame count only, the anchors
 * carry the state over the sequence, and the chunked analysis of the simulated Fe2O3 + NiO study (cut finer than by
 * default: 20 frames a chunk) meets the same targets as one chain, frame for frame within a fraction of σ.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { haveSimulated, simulatedDir } from '../../../../test/fixtures/xrd/paths';
import type { XrdAnalysis } from '../../../shared/xrd-results';
import { analyseSequenceAsync, analyseSequenceWithChain, chunkPlan, inProcessChunks, inProcessPresence } from '../pipeline';
import type { FrameData } from '../peaks/sequential';
import { anchorSteps, presenceChunked, sameData, type EarlyPresence, type PresenceExecutor } from './chunks';
import { presenceSlice, type PresenceJob, type PresenceRun } from './presence';
import { buildSequence } from '../sequence';

describe('chunkPlan', () => {
  it('cuts by the frame count only: one chain below two chunks, else chunks of about CHUNK_FRAMES', () => {
    expect(chunkPlan(61)).toBeNull();
    expect(chunkPlan(119)).toBeNull();
    expect(chunkPlan(120)).toEqual({ anchors: [0, 60], n: 120 });
    const p = chunkPlan(900)!;
    expect(p.anchors).toHaveLength(15);
    expect(p.anchors[0]).toBe(0);
    expect(p.anchors.every((a, i) => i === 0 || a - p.anchors[i - 1] === 60)).toBe(true);
    expect(chunkPlan(61, 20)).toEqual({ anchors: [0, 20, 41], n: 61 });
  });

  it('the anchor chain steps through every anchor and every ANCHOR_STRIDE-th frame between two anchors', () => {
    const steps = anchorSteps(chunkPlan(900)!);
    expect(steps.slice(0, 5)).toEqual([{ frame: 0, chunk: 0 }, { frame: 20, chunk: null }, { frame: 40, chunk: null }, { frame: 60, chunk: 1 }, { frame: 80, chunk: null }]);
    expect(steps).toHaveLength(43);
    expect(steps.filter((s) => s.chunk !== null).map((s) => s.frame)).toEqual(chunkPlan(900)!.anchors);
    // anchors 41 frames apart (61 frames in chunks of 20): one step between them, at +20
    expect(anchorSteps(chunkPlan(61, 20)!)).toEqual([{ frame: 0, chunk: 0 }, { frame: 20, chunk: 1 }, { frame: 40, chunk: null }, { frame: 41, chunk: 2 }]);
  });
});

describe('presence slices started early (presenceChunked with `early`)', () => {
  it('sameData compares structured data field by field: typed arrays element by element, NaN equal to NaN', () => {
    const a = { f: [new Float64Array([1, NaN]), 'x'], m: new Map([['k', new Uint8Array([1])]]), n: null };
    expect(sameData(a, { f: [new Float64Array([1, NaN]), 'x'], m: new Map([['k', new Uint8Array([1])]]), n: null })).toBe(true);
    expect(sameData(a, { f: [new Float64Array([1, 2]), 'x'], m: a.m, n: null })).toBe(false);
    expect(sameData(a, { f: [new Float32Array([1, NaN]), 'x'], m: a.m, n: null })).toBe(false);
    expect(sameData(a, { f: a.f, m: new Map([['k', new Uint8Array([2])]]), n: null })).toBe(false);
    expect(sameData(a, { f: a.f, m: a.m })).toBe(false);
    expect(sameData([1, 2], { 0: 1, 1: 2 })).toBe(false);
  });

  // a job of 130 frames (two slices of 65 frames at chunkFrames 60: chunkPlan); the executor's verdict of a frame is its
  // zero shift, so a slice tested from other inputs shows in the joined scores
  const frames = Array.from({ length: 130 }, (_, i) => ({ index: i }) as unknown as FrameData);
  const job = (zero: (f: number) => number): PresenceJob => ({
    frames, phases: [], detectIds: ['p'], ratio: [new Float64Array(130).fill(1)],
    zeroDeg: Float64Array.from({ length: 130 }, (_, f) => zero(f)), displacementDeg: new Float64Array(130),
    wavelengthA: 0.2, minDeg: 1, maxDeg: 10, fwhmDeg: 0.05, detectionK: 3, backgroundOrder: 1, doublet: null,
  });
  const calls: number[] = [];
  const executor: PresenceExecutor = async (slice) => {
    calls.push(slice.frames.length);
    const n = slice.frames.length;
    return [{ score: slice.zeroDeg.slice(), limit: new Float64Array(n), detected: new Uint8Array(n), evaluated: new Uint8Array(n).fill(1), bestClass: new Int8Array(n), used: [] }];
  };
  const hooks = (rerun: number[]) => ({ tick: () => undefined, cancelled: () => false, rerun: (k: number) => rerun.push(k) });

  it('keeps an early slice whose job is the final job\'s slice, and tests again one whose inputs changed', async () => {
    const final = job((f) => f / 1000);
    // slice 0 early from the same inputs; slice 1 early from a zero shift that the final frames no longer have
    const stale = job(() => -1);
    const early = new Map<number, EarlyPresence>([
      [0, { job: presenceSlice(final, 0, 65), run: executor(presenceSlice(final, 0, 65), { onFrame: () => undefined, cancelled: () => false }) }],
      [1, { job: presenceSlice(stale, 65, 130), run: executor(presenceSlice(stale, 65, 130), { onFrame: () => undefined, cancelled: () => false }) }],
    ]);
    const rerun: number[] = [];
    const early0 = calls.length;
    const runs = (await presenceChunked(final, executor, hooks(rerun), 60, early)) as PresenceRun[];
    expect(calls.slice(early0)).toEqual([65]);
    expect(rerun).toEqual([65]);
    expect(Array.from(runs[0].score)).toEqual(Array.from(final.zeroDeg));
  });

  it('without early slices tests every slice, as before', async () => {
    calls.length = 0;
    const rerun: number[] = [];
    const runs = (await presenceChunked(job((f) => f), executor, hooks(rerun), 60)) as PresenceRun[];
    expect(calls).toEqual([65, 65]);
    expect(rerun).toEqual([]);
    expect(runs[0].score[129]).toBe(129);
  });
});

const HAVE = haveSimulated('sxrd-fe2o3_nio-700C');

describe.skipIf(!HAVE)('the Fe2O3 + NiO study in chunks of 20 frames (in-process executors)', () => {
  const dir = simulatedDir('sxrd-fe2o3_nio-700C');
  const truth = HAVE ? (JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as { frames: { wt: Record<string, number> }[] }) : null!;
  const seq = HAVE
    ? buildSequence(readdirSync(dir).filter((f) => f.endsWith('.xy')).sort().map((f) => ({ name: f, bytes: readFileSync(path.join(dir, f)) })), { intervalS: 30 })
    : null!;
  const options = { phases: ['magnetite', 'wustite', 'NiO', 'fcc-FeNi'], detectPhases: ['magnetite', 'wustite', 'NiO', 'fcc-FeNi', 'bcc-Fe'], temperatureC: 700 };
  let one: XrdAnalysis;
  let chunked: XrdAnalysis;
  let chain: unknown[] | null;
  const progress: [number, number][] = [];
  beforeAll(async () => {
    one = analyseSequenceWithChain(seq, options).analysis;
    const out = await analyseSequenceAsync(seq, options, {
      executor: inProcessChunks, presenceExecutor: inProcessPresence, chunkFrames: 20, onProgress: (d, t) => progress.push([d, t]),
    });
    chunked = out.analysis;
    chain = out.chain;
  }, 300_000);

  it('gives every frame, meets the accuracy targets, and agrees with one chain within 0.5σ', () => {
    expect(chunked.frames).toHaveLength(61);
    expect(chain).toHaveLength(61);
    const key: Record<string, string> = { magnetite: 'Fe3O4', wustite: 'FeO', NiO: 'NiO', 'fcc-FeNi': 'fcc' };
    let dw = 0;
    let worst = 0;
    chunked.frames.forEach((f, i) => {
      expect(f.index).toBe(i);
      expect(f.gof as number).toBeLessThanOrEqual(1.5);
      for (const [id, k] of Object.entries(key)) {
        dw = Math.max(dw, Math.abs(f.phases[id].weightFraction - truth.frames[i].wt[k]));
        const s = one.frames[i].phases[id].weightFractionSigma;
        if (s > 0) worst = Math.max(worst, Math.abs(f.phases[id].weightFraction - one.frames[i].phases[id].weightFraction) / s);
      }
    });
    expect(dw).toBeLessThanOrEqual(0.015);
    expect(worst).toBeLessThan(0.5);
  });

  it('the same presence verdicts, and one progress step per frame of each stage', () => {
    expect(Object.fromEntries(Object.entries(chunked.detection).map(([k, d]) => [k, [d.detected, d.firstTimeS]])))
      .toEqual(Object.fromEntries(Object.entries(one.detection).map(([k, d]) => [k, [d.detected, d.firstTimeS]])));
    expect(progress.at(-1)).toEqual([2 * 61, 2 * 61]);
  });
});
