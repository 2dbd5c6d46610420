/**
 * The temperature rule's noise and band on a hold whose noise is known exactly: ±0.5 °C alternating (even seconds
 * +0.5, odd −0.5). Over the second half of the plateau window the median is 700 °C and every deviation is 0.5 °C,
 * so σ = 1.4826 × 0.5 = 0.7413 °C, the band ±max(5σ, 2 °C) = ±3.7065 °C and "near" max(2σ, 0.1) = 1.4826 °C.
 */
import { describe, expect, it } from 'vitest';
import { temperatureEnd } from './window-end';

const timeS = Float64Array.from({ length: 1301 }, (_, i) => i);
const wobble = (t: number): number => (t % 2 === 0 ? 0.5 : -0.5);

describe('temperatureEnd with a known noise', () => {
  it('cooling at 1 °C/s from 1000 s: the end is the last point within 2σ of the hold', () => {
    const temperatureC = timeS.map((t) => (t <= 1000 ? 700 : 700 - (t - 1000)) + wobble(t));
    // start at 100.5 s: the window 101–220 s has 120 points, its second half 161–220 s 30 even and 30 odd seconds.
    // 1000 s: 700.5 (within 1.4826 of 700); 1001 s: 698.5 (1.5 off: not near); 1003 s: 696.5, 1004 s: 696.5 (inside
    // the band); from 1005 s (694.5) on outside it, 5+ points and 10+ s at 1015 s.
    expect(temperatureEnd(timeS, temperatureC, 100.5)).toEqual({
      endS: 1000,
      note: 'the temperature leaves the 700 °C hold (cooling) at 1000 s: out of the band of ±3.7 °C = max(5σ, 2 °C), σ = 0.741 °C, for 5+ points and 10+ s from 1005 s',
    });
  });

  it('heating at 1 °C/s from 1000 s is an end too, said as heating', () => {
    const temperatureC = timeS.map((t) => (t <= 1000 ? 700 : 700 + (t - 1000)) + wobble(t));
    // the wobble now works the other way: 1001 s: 701 − 0.5 = 700.5 (near); 1002 s and 1003 s: 702.5 (inside the
    // band); 1004 s: 704.5, 4.5 off, outside ±3.7065 from there on
    expect(temperatureEnd(timeS, temperatureC, 100.5)).toEqual({
      endS: 1001,
      note: 'the temperature leaves the 700 °C hold (heating) at 1001 s: out of the band of ±3.7 °C = max(5σ, 2 °C), σ = 0.741 °C, for 5+ points and 10+ s from 1004 s',
    });
  });

  it('an empty temperature cell in the departure is skipped, not counted', () => {
    const temperatureC = timeS.map((t) => (t === 1007 ? NaN : (t <= 1000 ? 700 : 700 - (t - 1000)) + wobble(t)));
    // the run outside the band still starts at 1005 s (read as a point inside the band, the empty cell would restart
    // it at 1008 s); the empty 1007 s is passed over
    expect(temperatureEnd(timeS, temperatureC, 100.5)?.note).toBe(
      'the temperature leaves the 700 °C hold (cooling) at 1000 s: out of the band of ±3.7 °C = max(5σ, 2 °C), σ = 0.741 °C, for 5+ points and 10+ s from 1005 s',
    );
  });

  it('a start fewer than 5 points before the end of the data gives no end', () => {
    const temperatureC = timeS.map(() => 700);
    // 1296 s is the fifth point from the end (1296…1300): i0 = n − 5, no room for a departure of 5 points
    expect(temperatureEnd(timeS, temperatureC, 1296)).toBeNull();
  });
});
