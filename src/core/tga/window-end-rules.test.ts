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

describe('programmeEnd: the segment holding the start, at its limits', () => {
  const seg = (label: string, kind: Segment['kind'], startS: number, endS: number, targetC?: number): Segment => ({ index: 1, label, kind, startS, endS, ...(targetC === undefined ? {} : { targetC }) });
  const holdA = seg('A', 'isothermal', 100, 400, 700);

  it('segments given out of time order are put in order first', () => {
    expect(programmeEnd([seg('B', 'isothermal', 400, 700, 700), holdA], 200, 1000)).toEqual({ endS: 700, label: 'A … B', kind: 'hold' });
    const ramp = [seg('cool 2', 'cool', 900, 1000), seg('ramp', 'ramp', 100, 400, 700), seg('cool 1', 'cool', 0, 100), seg('hold', 'isothermal', 400, 900, 700)];
    expect(programmeEnd(ramp, 200, 2000)).toEqual({ endS: 900, label: 'cool 2', kind: 'heating' });
  });

  it('a start belongs to the segment starting at it, not to the one ending there; before every segment, none', () => {
    const segments = [holdA, seg('R', 'ramp', 400, 700, 900), seg('C', 'cool', 700, 900)];
    expect(programmeEnd(segments, 100, 1000)).toEqual({ endS: 400, label: 'A', kind: 'hold' });
    expect(programmeEnd(segments, 400, 1000)).toEqual({ endS: 700, label: 'C', kind: 'heating' });
    expect(programmeEnd(segments, 50, 1000)).toBeNull();
  });

  it('holds join within 2 °C (inclusive) and across a gap of up to 1 s; a ramp after a hold is not joined', () => {
    expect(programmeEnd([holdA, seg('B', 'isothermal', 400, 700, 702)], 200, 1000)).toEqual({ endS: 700, label: 'A … B', kind: 'hold' });
    expect(programmeEnd([holdA, seg('B', 'isothermal', 401, 700, 700)], 200, 1000)).toEqual({ endS: 700, label: 'A … B', kind: 'hold' });
    expect(programmeEnd([holdA, seg('B', 'isothermal', 401.5, 700, 700)], 200, 1000)).toEqual({ endS: 400, label: 'A', kind: 'hold' });
    // a ramp with no target stated would pass the temperature test: its kind stops the join
    expect(programmeEnd([holdA, seg('R', 'ramp', 400, 700)], 200, 1000)).toEqual({ endS: 400, label: 'A', kind: 'hold' });
  });

  it('a heating ends at the first cooling after it, if that starts before the data end; a start while cooling has no end', () => {
    const segments = [seg('R', 'ramp', 0, 400, 700), seg('H', 'isothermal', 400, 600, 700), seg('C1', 'cool', 600, 800), seg('C2', 'cool', 800, 900)];
    expect(programmeEnd(segments, 100, 1000)).toEqual({ endS: 600, label: 'C1', kind: 'heating' });
    // the cooling starts exactly where the data end, or after: no end from the programme
    expect(programmeEnd(segments, 100, 600)).toBeNull();
    expect(programmeEnd(segments, 100, 500)).toBeNull();
    // a start inside a cooling segment: the programme says nothing (not the next cooling's start)
    expect(programmeEnd(segments, 700, 1000)).toBeNull();
  });
});

describe('temperatureEnd: noise, gaps and short excursions', () => {
  it('on a ramp the noise comes from successive differences: σ = 1.4826 × MAD(ΔT)/√2', () => {
    // every 6 s, 25 °C + 1 °C per step (10 °C/min) ± 0.25 °C alternating; the start at 102 s. Its first 120 s hold
    // 21 points, 20 differences of 1.5 and 0.5 °C (10 each): median 1, MAD 0.5, σ = 1.4826 × 0.5/√2 = 0.524 °C,
    // band 5σ = 2.62 °C, "near" 2σ = 1.048 °C. The peak is 191.75 °C at 1002 s; cooling at 1 °C per step after it:
    // 1008 s reads 191.25 (0.5 below: near), 1014 s 189.75 (2.0: neither near nor out), 1020 s 189.25 (2.5, inside),
    // 1026 s 187.75 (4.0: out) and on; 5 points and 24 s at 1050 s.
    const timeS = Float64Array.from({ length: 201 }, (_, k) => 6 * k);
    const temperatureC = timeS.map((t, k) => (t <= 1002 ? 25 + t / 6 : 192 - (t - 1002) / 6) + (k % 2 === 0 ? 0.25 : -0.25));
    expect(temperatureEnd(timeS, temperatureC, 102)).toEqual({
      endS: 1008,
      note: 'cooling starts (191.8 °C maximum) at 1008 s: out of the band of ±2.6 °C = max(5σ, 2 °C), σ = 0.524 °C, for 5+ points and 10+ s from 1026 s',
    });
  });

  it('the drift is read from the medians of the first and last quarters of the window\'s second half', () => {
    // every 2 s from the start at 100 s: 61 points to 220 s, the second half 31 (160–220 s), quarters of q = 15. On a
    // ramp of r °C/min the medians lie 16 steps (32 s) apart over a half spanning 1 min: the drift reads
    // r·(32/60)/(1/2) = 16r/15. At r = 0.476 that is 0.5077 °C/min, not below the 0.5 limit: a heating, which ends where
    // cooling (−9 °C/min, 0.3 °C per point from 1100 s) starts: 7 points down (2.1 °C) it is out of the ±2 °C band.
    const timeS = Float64Array.from({ length: 651 }, (_, k) => 2 * k);
    const temperatureC = timeS.map((t) => (t <= 1100 ? 25 + (0.476 * t) / 60 : 25 + (0.476 * 1100) / 60 - (0.3 * (t - 1100)) / 2));
    expect(temperatureEnd(timeS, temperatureC, 100)).toEqual({
      endS: 1100,
      note: 'cooling starts (33.7 °C maximum) at 1100 s: out of the band of ±2 °C = max(5σ, 2 °C), σ = 0.01 °C, for 5+ points and 10+ s from 1114 s',
    });
  });

  it('a point exactly one band below the maximum is not out of it', () => {
    // 25 °C + 0.25 °C/s to 275 °C at 1000 s, then −0.5 °C/s: 1004 s is exactly 2 °C (the band) below, 1005 s is out
    const timeS = Float64Array.from({ length: 1101 }, (_, i) => i);
    const temperatureC = timeS.map((t) => (t <= 1000 ? 25 + t / 4 : 275 - (t - 1000) / 2));
    expect(temperatureEnd(timeS, temperatureC, 100)).toEqual({
      endS: 1000,
      note: 'cooling starts (275 °C maximum) at 1000 s: out of the band of ±2 °C = max(5σ, 2 °C), σ = 0.01 °C, for 5+ points and 10+ s from 1005 s',
    });
  });

  it('an excursion must last 10 s as well as 5 points: 10 points over 9 s are passed over, 11 over 10 s end the hold', () => {
    const timeS = Float64Array.from({ length: 1201 }, (_, i) => i);
    const glitch = (points: number): Float64Array => timeS.map((t) => (t > 1000 || (t >= 500 && t < 500 + points) ? 600 : 700));
    expect(temperatureEnd(timeS, glitch(10), 100)).toEqual({
      endS: 1000,
      note: 'the temperature leaves the 700 °C hold (cooling) at 1000 s: out of the band of ±2 °C = max(5σ, 2 °C), σ = 0.01 °C, for 5+ points and 10+ s from 1001 s',
    });
    expect(temperatureEnd(timeS, glitch(11), 100)).toEqual({
      endS: 499,
      note: 'the temperature leaves the 700 °C hold (cooling) at 499 s: out of the band of ±2 °C = max(5σ, 2 °C), σ = 0.01 °C, for 5+ points and 10+ s from 500 s',
    });
  });

  it('empty temperature cells in the first 120 s do not count towards its 5 points', () => {
    // every 30 s: 120…240 s are 5 points, one of them empty — 4 values cannot give the hold's level and noise
    const timeS = Float64Array.from({ length: 67 }, (_, k) => 30 * k);
    const temperatureC = timeS.map((t) => (t === 180 ? NaN : t <= 1000 ? 700 : 600));
    expect(temperatureEnd(timeS, temperatureC, 120)).toBeNull();
    // the same log without the gap is read (see the test above: the last point on the hold is 990 s)
    expect(temperatureEnd(timeS, temperatureC.map((v) => (Number.isNaN(v) ? 700 : v)), 120)?.endS).toBe(990);
  });
});
