/**
 * The chain of frames (sequential.ts): what a cancel before the first frame returns, the progress reported per frame,
 * and which frames are seeded (a given starting state seeds the first frame: its cell may move only cellStepLimit;
 * a cold start scans the cells ±cellSearch first). Patterns are simulated from known cells (consistency checks).
 */
import { describe, expect, it } from 'vitest';
import { calculatePattern, initialState, refinePattern, refineSequence, refineSequenceAsync } from './index';
import type { RietveldOptions, RietveldProgress } from './types';
import { cubicTestPhase } from './testkit';

const x = Float64Array.from({ length: 1401 }, (_, i) => 2 + i * 0.01);
const fcc = cubicTestPhase('fcc', 3.6, 'F', 4 * 58.7);
const opts: RietveldOptions = { radiation: { wavelengthA: 0.2 }, profileStart: { W: 0.03 ** 2, eta: 0.4 } };

/** A noiseless pattern of fcc with a = aA (scale 2e-4, a sloping background). */
function pattern(aA: number) {
  const ph = [cubicTestPhase('fcc', aA, 'F', 4 * 58.7)];
  const st = initialState(ph, opts);
  st.phases[0].scale = 2e-4;
  st.background = Float64Array.from([300, -40, 10, 0, 0, 0, 0]);
  st.backgroundRangeDeg = [x[0], x[x.length - 1]];
  return { twoThetaDeg: x, intensity: calculatePattern(x, ph, st, opts).total };
}

describe('a cancel before the first frame', () => {
  it('returns no frames and the starting state: the phases’ own, or a copy of the one given', async () => {
    const cancel = { shouldCancel: () => true };
    const p = [pattern(3.6)];
    expect(refineSequence(p, [fcc], opts, cancel)).toEqual({ frames: [], cancelled: true, finalState: initialState([fcc], opts) });
    expect(await refineSequenceAsync(p, [fcc], opts, cancel)).toEqual({ frames: [], cancelled: true, finalState: initialState([fcc], opts) });
    const start = initialState([fcc], opts);
    start.phases[0].scale = 3e-4;
    start.zeroShiftDeg = 0.01;
    const r = refineSequence(p, [fcc], opts, { ...cancel, start });
    expect(r.finalState).toEqual(start);
    expect(r.finalState).not.toBe(start);
    expect(refineSequence([], [fcc], opts)).toEqual({ frames: [], cancelled: false, finalState: initialState([fcc], opts) });
  });
});

describe('seeding', () => {
  // the data's cell is 1.5 % above the start (3.654 Å): a cold start scans ±2 % and finds it; a seeded frame may
  // move the cell by cellStepLimit = 1 % at most (≤ 3.636 Å)
  const data = [pattern(3.6 * 1.015)];
  it('no start: the first frame is a cold start; progress reports done, total and the frame', () => {
    const seen: RietveldProgress[] = [];
    const r = refineSequence(data, [fcc], opts, { onProgress: (pr) => seen.push(pr) });
    expect(r.cancelled).toBe(false);
    expect(r.frames[0].phases[0].lattice.aA).toBeCloseTo(3.654, 4);
    expect(seen).toEqual([{ done: 1, total: 1, last: r.frames[0] }]);
    expect(seen[0].last).toBe(r.frames[0]);
    // the final state is the refined one, its GoF kept for the next frame
    expect(r.finalState.phases[0].lattice.aA).toBe(r.frames[0].phases[0].lattice.aA);
    expect(r.finalState.lastGof).toBe(r.frames[0].gof);
  });
  it('a start given: the first frame is seeded (its cell held within 1 %); refinePattern from a start is a cold start', () => {
    const start = initialState([fcc], opts);
    const seeded = refineSequence(data, [fcc], opts, { start }).frames[0].phases[0].lattice.aA;
    expect(seeded).toBeLessThanOrEqual(3.6 * 1.01 + 1e-12);
    expect(seeded).toBeGreaterThan(3.6);
    const single = refinePattern(data[0], [fcc], opts, start);
    expect(single.result.phases[0].lattice.aA).toBeCloseTo(3.654, 4);
    expect(single.state.phases[0].lattice.aA).toBe(single.result.phases[0].lattice.aA);
    // the start itself is not changed
    expect(start).toEqual(initialState([fcc], opts));
  });
});
