import { describe, expect, it } from 'vitest';
import type { Segment } from '../../shared/types';
import { programmeEnd, TEMPERATURE_END_RULE, temperatureEnd } from './window-end';

// Noise-free temperature logs built by hand, so every threshold of the end rules is met or missed by a known margin.
const grid = (n: number, stepS: number): Float64Array => Float64Array.from({ length: n }, (_, i) => i * stepS);

describe('temperatureEnd: the departure rule at its limits', () => {
  it('a hold left for exactly minPoints points spanning more than minSeconds ends at the last point on the hold', () => {
    expect([TEMPERATURE_END_RULE.minPoints, TEMPERATURE_END_RULE.minSeconds]).toEqual([5, 10]);
    // 700 °C every 5 s to 1000 s, then 600 °C for 5 points (1005–1025 s: 20 s ≥ 10 s) and the data end.
    const timeS = grid(206, 5);
    const temperatureC = timeS.map((t) => (t <= 1000 ? 700 : 600));
    const end = temperatureEnd(timeS, temperatureC, 100);
    expect(end?.endS).toBe(1000);
    // σ of a flat log is 0, floored at 0.01 °C; the band is max(5σ, 2 °C) = 2 °C.
    expect(end?.note).toBe('the temperature leaves the 700 °C hold (cooling) at 1000 s: out of the band of ±2 °C = max(5σ, 2 °C), σ = 0.01 °C, for 5+ points and 10+ s from 1005 s');
    // One point fewer off the hold is not a departure.
    expect(temperatureEnd(timeS.subarray(0, 205), temperatureC.subarray(0, 205), 100)).toBeNull();
  });

  it('a slow ramp (0.8 °C/min, above the 0.5 °C/min plateau limit) is a heating that ends where cooling starts', () => {
    // 25 °C + 0.8 °C/min to 1000 s, then −10 °C/min: the maximum 25 + 0.8·1000/60 = 38.33 °C at 1000 s; the next
    // point is 0.167 °C lower, beyond the 0.1 °C "near" distance, so the last point near the maximum is 1000 s.
    const timeS = grid(1301, 1);
    const temperatureC = timeS.map((t) => (t <= 1000 ? 25 + (0.8 * t) / 60 : 25 + (0.8 * 1000) / 60 - (10 * (t - 1000)) / 60));
    const end = temperatureEnd(timeS, temperatureC, 100);
    expect(end?.endS).toBe(1000);
    expect(end?.note.startsWith('cooling starts (38.3 °C maximum) at 1000 s: ')).toBe(true);
  });
  it('a hold left by heating ends at the last point within 0.1 °C above it, not at the last point inside the band', () => {
    // 700 °C to 1000 s, then +10 °C/min (1/6 °C per 1 s point): 1001 s is already 0.167 °C above, beyond the "near"
    // distance max(2σ, 0.1 °C) = 0.1 °C; 1012 s is exactly 702 °C, still inside the ±2 °C band; 1013 s (702.17 °C) starts
    // the departure, which has 5 points and 10 s at 1023 s.
    const timeS = grid(1301, 1);
    const temperatureC = timeS.map((t) => (t <= 1000 ? 700 : 700 + (10 * (t - 1000)) / 60));
    expect(temperatureEnd(timeS, temperatureC, 100)).toEqual({
      endS: 1000,
      note: 'the temperature leaves the 700 °C hold (heating) at 1000 s: out of the band of ±2 °C = max(5σ, 2 °C), σ = 0.01 °C, for 5+ points and 10+ s from 1013 s',
    });
  });
  it('a log every 40 s has 4 points in the first 120 s of the hold (120–240 s), one short of 5: no end is read', () => {
    // 700 °C to 1000 s, then 600 °C to the data end at 2000 s: a clear departure, but the hold's level and noise
    // cannot be read from 4 points.
    const timeS = grid(51, 40);
    const temperatureC = timeS.map((t) => (t <= 1000 ? 700 : 600));
    expect(temperatureEnd(timeS, temperatureC, 120)).toBeNull();
    // Every 30 s gives 5 points (120, 150, … 240 s): the hold is read and left after 1000 s (the last point on it is 990 s).
    const every30 = grid(67, 30);
    expect(temperatureEnd(every30, every30.map((t) => (t <= 1000 ? 700 : 600)), 120)?.endS).toBe(990);
  });
});

describe('programmeEnd: joined holds', () => {
  const hold = (label: string, startS: number, endS: number, targetC?: number): Segment => ({ index: 1, label, startS, endS, kind: 'isothermal', ...(targetC === undefined ? {} : { targetC }) });
  it('joins a hold of unknown temperature with the adjacent hold that follows it', () => {
    expect(programmeEnd([hold('Hold A', 100, 400), hold('Hold B', 400, 700, 700)], 200, 1000)).toEqual({ endS: 700, label: 'Hold A … Hold B', kind: 'hold' });
    expect(programmeEnd([hold('Hold A', 100, 400, 700), hold('Hold B', 400, 700)], 200, 1000)).toEqual({ endS: 700, label: 'Hold A … Hold B', kind: 'hold' });
    // 700 and 703 °C are not the same hold (more than 2 °C apart)
    expect(programmeEnd([hold('Hold A', 100, 400, 700), hold('Hold B', 400, 700, 703)], 200, 1000)).toEqual({ endS: 400, label: 'Hold A', kind: 'hold' });
  });
});
