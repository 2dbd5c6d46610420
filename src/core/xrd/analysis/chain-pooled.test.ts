/**
 * The chain step with the pooled-ΔB second pass (analysis/chain refinePooled / refinePooledAsync), on passes whose
 * frame results are made here with known ΔB: the second pass runs, with the pooled values held, exactly when the
 * refined ΔB scatter beyond their σ (analysis/pooledB), and not after a cancelled first pass.
 */
import { describe, expect, it } from 'vitest';
import type { FrameResult, PhaseResult } from '../rietveld/index';
import { bSourceLabel } from '../../../shared/xrd-results';
import { refinePooled, refinePooledAsync, type ChainRun } from './chain';

function phase(b: number, bs: number, bRefined = true): PhaseResult {
  return {
    id: 'p', scale: 1, scaleSigma: 0, bOffsetA2: b, bOffsetSigmaA2: bs, bRefined, bMeanA2: 0.5 + b, sigmas: bRefined ? { B: bs } : {}, weightFraction: 1,
    weightFractionSigma: 0.001, dropped: false, frozen: false, lattice: { aA: 4, bA: 4, cA: 4, alphaDeg: 90, betaDeg: 90, gammaDeg: 90 }, aSigmaA: 0,
    profile: { U: 0, V: 0, W: 0, X: 0, Y: 0, eta: 0.5 }, cellVolumeA3: 64, cellMassAmu: 100,
  };
}

function frame(index: number, phases: PhaseResult[]): FrameResult {
  return {
    index, phases, zeroShiftDeg: 0, displacementDeg: 0, zeroShiftSigmaDeg: 0, displacementSigmaDeg: 0, background: new Float64Array(1),
    backgroundRangeDeg: [2, 16], rwp: 0.04, rp: 0.03, rexp: 0.04, chi2: 1, gof: 1, nPoints: 100, nParams: 10, iterations: 1, converged: true,
  };
}

/** A pass over frames whose first-pass ΔB are `bs` (σ `sigma`); the second pass holds what it is given. */
function fakePass(bs: (number | null)[], sigma: number, calls: (Float64Array[] | null)[], cancelAt = Infinity) {
  return (held: Float64Array[] | null, tick: () => void): ChainRun => {
    calls.push(held);
    const frames: FrameResult[] = [];
    for (let f = 0; f < bs.length; f++) {
      if (f >= cancelAt) return { frames, cancelled: true };
      const h = held?.[f][0];
      const b = bs[f];
      frames.push(frame(f, [h !== undefined && Number.isFinite(h) ? phase(h, 0, false) : b === null ? phase(0, 0, false) : phase(b, sigma)]));
      tick();
    }
    return { frames, cancelled: false };
  };
}

// ΔB alternating ±0.1 Å² around 0.3 with σ 0.01: scatter ≈ 10σ, far beyond POOL_B_SCATTER
const grainy = Array.from({ length: 12 }, (_, f) => 0.3 + (f % 2 ? 0.1 : -0.1));

describe('refinePooled: the second pass in the chain step', () => {
  it('refines again with ΔB held at the pooled median where the refined ΔB scatter beyond σ', () => {
    const calls: (Float64Array[] | null)[] = [];
    let ticks = 0;
    const run = refinePooled(fakePass(grainy, 0.01, calls), { tick: () => ticks++ });
    expect(calls).toHaveLength(2);
    expect(calls[0]).toBeNull();
    // the median within ±10 frames: frame 0 sees frames 0–10 (six at 0.2, five at 0.4), frame 5 frames 0–11 (six
    // of each), frame 11 frames 1–11 (six at 0.4, five at 0.2)
    const held = calls[1]!.map((h) => h[0]);
    expect(held[0]).toBeCloseTo(0.2, 12);
    expect(held[5]).toBeCloseTo(0.3, 12);
    expect(held[11]).toBeCloseTo(0.4, 12);
    expect(run.frames.every((f) => !f.phases[0].bRefined)).toBe(true);
    expect(ticks).toBe(12); // the first pass ticks the caller's progress
  });

  it('keeps the first pass where ΔB scatter within its σ, and after a cancelled first pass', async () => {
    const calls: (Float64Array[] | null)[] = [];
    refinePooled(fakePass(grainy, 1, calls), { tick: () => undefined });
    expect(calls).toEqual([null]);
    const cancelled: (Float64Array[] | null)[] = [];
    const run = await refinePooledAsync(async (h, t) => fakePass(grainy, 0.01, cancelled, 7)(h, t), { tick: () => undefined });
    expect(cancelled).toEqual([null]);
    expect(run).toMatchObject({ cancelled: true });
    expect(run.frames).toHaveLength(7);
  });

  it('runs the same step through asynchronous passes (chunks on workers)', async () => {
    const sync: (Float64Array[] | null)[] = [];
    const async: (Float64Array[] | null)[] = [];
    const a = refinePooled(fakePass(grainy, 0.01, sync), { tick: () => undefined });
    const b = await refinePooledAsync(async (h, t) => fakePass(grainy, 0.01, async)(h, t), { tick: () => undefined });
    expect(async).toEqual(sync);
    expect(b).toEqual(a);
  });
});

describe('the pooled ΔB reported with its own σ', () => {
  // ΔB 0.1, 0.3, 0.2, 0.5, 0.4 Å² (σ 0.01) in frames 0–4, not refined in frames 5–19 (a minor phase): median 0.3;
  // sample SD √((0.04 + 0 + 0.01 + 0.04 + 0.01)/4) = √0.025 = 0.158114; σ of the median
  // √(π/2)·0.158114/√5 = 1.253314 × 0.0707107 = 0.0886227 Å²
  const bs = [0.1, 0.3, 0.2, 0.5, 0.4, ...Array.from({ length: 15 }, () => null)];

  it('σ = 1.2533·s/√n of the values in the window, the window (or the whole run) named', () => {
    const run = refinePooled(fakePass(bs, 0.01, []), { tick: () => undefined });
    for (const f of [0, 4, 10, 15, 19]) {
      const ph = run.frames[f].phases[0];
      expect(ph.bOffsetA2).toBeCloseTo(0.3, 12);
      expect(ph.bOffsetSigmaA2).toBeCloseTo(0.0886227, 6);
      expect(ph.bRefined).toBe(false);
    }
    // frames 0–14 have the five refined frames within ±10; frames 15–19 none: the whole sequence's median
    expect(run.frames[10].phases[0].bPooled).toEqual({ n: 5, halfWindowFrames: 10 });
    expect(run.frames[15].phases[0].bPooled).toEqual({ n: 5, halfWindowFrames: null });
  });

  it('the results flag it pooled with that σ; a phase held without pooling keeps σ 0 and no flag', () => {
    const run = refinePooled(fakePass(bs, 0.01, []), { tick: () => undefined });
    const held = refinePooled(fakePass(bs, 1, []), { tick: () => undefined }); // scatter within σ: no second pass
    const ph = run.frames[10].phases[0];
    expect(ph.bPooled).toBeDefined();
    expect(held.frames[10].phases[0]).toMatchObject({ bRefined: false, bOffsetSigmaA2: 0 });
    expect(held.frames[10].phases[0].bPooled).toBeUndefined();
    expect(held.frames[0].phases[0].bPooled).toBeUndefined();
  });

  it('names the source in the words of the results table and the CSV', () => {
    expect(bSourceLabel({ bRefined: true })).toBe('refined');
    expect(bSourceLabel({ bRefined: false })).toBe('held');
    expect(bSourceLabel({ bRefined: false, bPooled: { n: 21, halfWindowFrames: 10 } })).toBe('pooled (±10 frames)');
    expect(bSourceLabel({ bRefined: false, bPooled: { n: 9, halfWindowFrames: null } })).toBe('pooled (whole run)');
  });
});

describe('progress of the second pass', () => {
  it('ticks the first pass, then reports frame k of n of the second pass, in order', async () => {
    for (const refine of [
      (h: Parameters<typeof refinePooled>[1]) => Promise.resolve(refinePooled(fakePass(grainy, 0.01, []), h)),
      (h: Parameters<typeof refinePooled>[1]) => refinePooledAsync(async (held, t) => fakePass(grainy, 0.01, [])(held, t), h),
    ]) {
      const events: string[] = [];
      await refine({ tick: () => events.push('tick'), secondPass: (k, n) => events.push(`${k}/${n}`) });
      expect(events).toEqual([...grainy.map(() => 'tick'), ...grainy.map((_, i) => `${i + 1}/${grainy.length}`)]);
    }
  });

  it('reports nothing of a second pass where none runs', () => {
    const events: string[] = [];
    refinePooled(fakePass(grainy, 1, []), { tick: () => events.push('tick'), secondPass: (k, n) => events.push(`${k}/${n}`) });
    expect(events).toEqual(grainy.map(() => 'tick'));
  });
});
