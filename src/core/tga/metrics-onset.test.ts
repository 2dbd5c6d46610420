/**
 * extrapolatedOnset on a ramp that rolls into a hold, with a decoy: a faster dα/dt where the temperature is still
 * rising but at less than half the typical heating rate. Every number by hand (see the comments).
 */
import { describe, expect, it } from 'vitest';
import { extrapolatedOnset } from './metrics';

// 0–599 s: 100 °C + 10 °C/min (1/6 °C/s) up to 400 s, then held at 100 + 400/6 °C.
const tS = Float64Array.from({ length: 600 }, (_, i) => i);
const T = tS.map((t) => 100 + Math.min(t, 400) / 6);
const alpha = tS.map((t) => t / 1000);

describe('extrapolatedOnset: heating points are those at ≥ half the median heating rate', () => {
  it('the inflection is the fastest point heated at full rate, not a faster one where the ramp rolls into the hold', () => {
    // dα/dt 0.004 s⁻¹ at 200 s; a decoy 0.0045 s⁻¹ at 415 s, where the 61 s slope of T is
    // (Σk² − Σ_{k=−15..30} k(k+15))/6/Σk² = (18910 − 15870)/6/18910 = 0.0268 °C/s: above 1 °C/min (0.0167) but below
    // half the median rate (1/12 °C/s; most heating points are on the ramp at 1/6).
    const rate = tS.map((t) => (t === 200 ? 0.004 : t === 415 ? 0.0045 : 0.001));
    const r = extrapolatedOnset(tS, alpha, rate, T)!;
    // at 200 s: T = 100 + 200/6, α = 0.2, slope 0.004/(1/6) = 0.024 per °C; onset 133.33 − 0.2/0.024 = 125 °C
    expect(r.inflectionC).toBeCloseTo(100 + 200 / 6, 10);
    expect(r.alphaAtInflection).toBe(0.2);
    expect(r.slopePerC).toBeCloseTo(0.024, 10);
    expect(r.onsetC).toBeCloseTo(125, 8);
  });

  it('a main step faster than twice the heating inflection, in the hold, leaves no onset', () => {
    // 0.0081 s⁻¹ in the hold at 500 s: the best heating point's 0.004 is below half of it
    const rate = tS.map((t) => (t === 200 ? 0.004 : t === 500 ? 0.0081 : 0.001));
    expect(extrapolatedOnset(tS, alpha, rate, T)).toBeNull();
    // 0.0079 s⁻¹ there: 0.004 is at least half, the onset stands
    const kept = tS.map((t) => (t === 200 ? 0.004 : t === 500 ? 0.0079 : 0.001));
    expect(extrapolatedOnset(tS, alpha, kept, T)?.onsetC).toBeCloseTo(125, 8);
  });
});
