/**
 * Edge cases of the model's bookkeeping built on purpose: the column memo after the workspace handed out new column
 * arrays under unchanged inputs (a frame on another grid length in between), and the per-frame cell step limit
 * when the previous frame's value is not a usable length.
 */
import { describe, expect, it } from 'vitest';
import { initialState } from './engine';
import { accumulatePhase, buildLinesOnly, buildParams, columnMemoHit, makeCtx, Workspace } from './model';
import { resolveOptions } from './state';
import type { RietveldOptions } from './types';
import { cubicTestPhase } from './testkit';

const x = Float64Array.from({ length: 1401 }, (_, i) => 2 + i * 0.01);
const counts = new Float64Array(x.length).fill(100);
const options: RietveldOptions = { radiation: { wavelengthA: 0.2 }, profileStart: { W: 0.03 ** 2, eta: 0.4 } };

describe('the column memo when the column arrays are replaced', () => {
  it('a frame on another grid length in between: the next frame on the first grid computes its column again', () => {
    const fcc = cubicTestPhase('fcc', 3.6, 'F', 4 * 58.7, 6);
    const ws = new Workspace();
    const st = initialState([fcc], options);
    const ro = resolveOptions(options);
    const first = makeCtx({ twoThetaDeg: x, intensity: counts }, [fcc], st, ro, false, ws);
    buildLinesOnly(first);
    accumulatePhase(first, 0, false);
    const want = first.cols[0].slice();
    expect(want.some((v) => v > 0)).toBe(true);
    // a frame of 1400 points: the workspace hands out new arrays of that length (nothing computed in them)
    makeCtx({ twoThetaDeg: x.subarray(0, 1400), intensity: counts.subarray(0, 1400) }, [fcc], st, ro, false, ws);
    // back on 1401 points, the same state and options: new, zeroed column arrays — the memo holds another array
    const again = makeCtx({ twoThetaDeg: x.slice(), intensity: counts }, [fcc], st, ro, false, ws);
    buildLinesOnly(again);
    expect(again.cols[0]).not.toBe(first.cols[0]);
    expect(columnMemoHit(again, 0)).toBe(false);
    accumulatePhase(again, 0, false);
    expect(Array.from(again.cols[0])).toEqual(Array.from(want));
    // and now it is the memo's column
    expect(columnMemoHit(again, 0)).toBe(true);
  });
});

describe('the per-frame cell step limit', () => {
  it('a previous length that is not positive (0, NaN) or absent sets no limit: the cold-start ±20 %', () => {
    const fcc = cubicTestPhase('fcc', 3.6, 'F', 4 * 58.7, 2);
    const bounds = (prev: number[] | null): [number, number] => {
      const st = initialState([fcc], options);
      const ctx = makeCtx({ twoThetaDeg: x, intensity: counts }, [fcc], st, resolveOptions(options));
      if (prev) ctx.trust = [{ free: prev, profile: { U: 0, V: 0, W: 1e-3, X: 0, Y: 0, eta: 0.5 } }];
      buildParams(ctx);
      const q = ctx.params.find((p) => p.kind === 'lat');
      if (!q) throw new Error('no cell parameter');
      return [q.min, q.max];
    };
    // 3.6 × 0.8 and × 1.2
    const cold: [number, number] = [3.6 * 0.8, 3.6 * 1.2];
    expect(bounds(null)).toEqual(cold);
    expect(bounds([0])).toEqual(cold);
    expect(bounds([NaN])).toEqual(cold);
    expect(bounds([-3.6])).toEqual(cold);
    expect(bounds([])).toEqual(cold);
    // a usable previous length: ±1 % (cellStepLimit's default) around it
    expect(bounds([3.61])).toEqual([3.61 * 0.99, 3.61 * 1.01]);
  });
});
