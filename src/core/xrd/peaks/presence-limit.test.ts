/**
 * The per-frame limit of a phase that is not there (presence.ts): with several reflections and none detected, the
 * frame's limit is the lowest reflection limit — the one at the quietest background — whatever the reflections'
 * order. Built by hand: noise-free frames, a background rising from 150 counts at 6.0° to 250 counts at 7.0°, so the
 * Poisson σ of the net counts, and with it the limit, is lower at 6.0° than at 7.0°.
 */
import { describe, expect, it } from 'vitest';
import { detectPresence, reflectionScore } from './presence';
import type { FrameData } from './sequential';
import { syntheticPattern, twoThetaAxis } from './synthetic';

const x = twoThetaAxis(5.0, 8.0, 0.005);
const empty: FrameData = { twoThetaDeg: x, intensity: syntheticPattern(x, [], [200, 100], 6.5), sigma: null };
const LOW = { label: 'X 111', twoThetaDeg: 6.0 };
const HIGH = { label: 'X 200', twoThetaDeg: 7.0 };

describe('the limit of a phase not detected', () => {
  it('is the lowest reflection limit of the frame, in either order of the reflections', () => {
    const atLow = reflectionScore(empty, 6.0)!;
    const atHigh = reflectionScore(empty, 7.0)!;
    expect(atLow.present || atHigh.present).toBe(false);
    // σ ∝ √(background counts): the limits differ by about √(250/150) ≈ 1.29
    expect(atHigh.limit / atLow.limit).toBeGreaterThan(1.15);
    expect(atHigh.limit / atLow.limit).toBeLessThan(1.45);
    for (const reflections of [[HIGH, LOW], [LOW, HIGH]]) {
      const r = detectPresence([empty, empty], Float64Array.from([0, 60]), 'X', reflections);
      expect(r.detected).toBe(false);
      expect(Array.from(r.perFrame.limit)).toEqual([atLow.limit, atLow.limit]);
      expect(Array.from(r.perFrame.bestReflection)).toEqual([reflections.indexOf(LOW), reflections.indexOf(LOW)]);
      expect(r.limit).toBe(atLow.limit);
    }
  });
});
