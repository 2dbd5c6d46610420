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

  it('dT/dt at the inflection is the 61 s slope: 15 s before the ramp ends it is 15870/18910 of the ramp rate', () => {
    // the inflection at 385 s: its 61 s window (355–415 s) holds 15 s of the hold. The centred slope
    // Σk·T_k/Σk² (k = −30…30, Σk² = 18910) loses Σ_{k=16..30} k(k − 15) = 8215 − 5175 = 3040 of the ramp's
    // Σk² (the same sums as the decoy above): (1/6)(15870/18910) °C/s. A 31 s window would see only the ramp (1/6).
    const rate = tS.map((t) => (t === 385 ? 0.004 : 0.001));
    const r = extrapolatedOnset(tS, alpha, rate, T)!;
    const dTdt = 15870 / 18910 / 6;
    expect(r.inflectionC).toBeCloseTo(100 + 385 / 6, 10);
    expect(r.alphaAtInflection).toBe(0.385);
    expect(r.slopePerC).toBeCloseTo(0.004 / dTdt, 10);
    // 164.1667 − 0.385/0.0285973 = 150.704 °C (with the ramp's own rate it would be 148.125)
    expect(r.onsetC).toBeCloseTo(100 + 385 / 6 - 0.385 / (0.004 / dTdt), 8);
    expect(r.onsetC).toBeCloseTo(150.704, 3);
  });

  it('the tangent must meet the baseline above T_min − (T_max − T_min), with T_max and T_min over the whole run', () => {
    // 0–899 s: 100 → 200 °C at 1/6 °C/s until 600 s, then cooling at 0.3 °C/s to 110.3 °C: T_max 200 is not the last
    // value and T_min 100 is not either; the bound is 100 − 100 = 0 °C.
    const t2 = Float64Array.from({ length: 900 }, (_, i) => i);
    const T2 = t2.map((t) => (t <= 600 ? 100 + t / 6 : 200 - (t - 600) * 0.3));
    const rate = t2.map((t) => (t === 300 ? 0.001 : 0));
    // inflection at 300 s (150 °C), slope 0.001/(1/6) = 0.006 per °C: α 0.84 there gives an onset at 150 − 140 = 10 °C,
    // inside the bound (with the last temperature as T_max or T_min the bound would be 89.7 or 20.6 °C)
    const at = (a: number): Float64Array => t2.map((t) => (t === 300 ? a : t / 1000));
    expect(extrapolatedOnset(t2, at(0.84), rate, T2)?.onsetC).toBeCloseTo(10, 8);
    // α 0.906 there: 150 − 151 = −1 °C, below the bound: no onset
    expect(extrapolatedOnset(t2, at(0.906), rate, T2)).toBeNull();
  });

  it('the typical heating rate is the median of the heating points sorted by rate, not the middle one in time', () => {
    // 0.05 °C/s for 300 s, 0.5 °C/s for 100 s, 0.05 °C/s for 300 s: the median heating rate is 0.05 (half of it is
    // below 1 °C/min, so every heating point counts); the point in the middle of the run is on the fast stretch.
    // The inflection at 150 s: T = 32.5 °C, dT/dt = 0.05 °C/s, slope 0.004/0.05 = 0.08 per °C, α = 0.15:
    // onset 32.5 − 0.15/0.08 = 30.625 °C
    const t2 = Float64Array.from({ length: 700 }, (_, i) => i);
    const T2 = t2.map((t) => (t <= 300 ? 25 + 0.05 * t : t <= 400 ? 40 + 0.5 * (t - 300) : 90 + 0.05 * (t - 400)));
    const rate = t2.map((t) => (t === 150 ? 0.004 : 0.001));
    const r = extrapolatedOnset(t2, t2.map((t) => t / 1000), rate, T2)!;
    expect(r.inflectionC).toBeCloseTo(32.5, 10);
    expect(r.slopePerC).toBeCloseTo(0.08, 10);
    expect(r.onsetC).toBeCloseTo(30.625, 8);
  });

  it('the median is over the heating points only: a hold longer than the ramp does not lower it', () => {
    // the ramp of the first test rolls into a hold of 800 s: most points are not heating, but the median heating rate
    // is still 1/6 °C/s and the decoy at 415 s (0.0268 °C/s) stays out
    const t3 = Float64Array.from({ length: 1200 }, (_, i) => i);
    const T3 = t3.map((t) => 100 + Math.min(t, 400) / 6);
    const rate = t3.map((t) => (t === 200 ? 0.004 : t === 415 ? 0.0045 : 0.001));
    expect(extrapolatedOnset(t3, t3.map((t) => t / 1000), rate, T3)?.onsetC).toBeCloseTo(125, 8);
  });

  it('a fastest step in the hold exactly twice the heating inflection still leaves the onset', () => {
    // 0.008 s⁻¹ at 500 s: 0.004 is not below half of it
    const rate = tS.map((t) => (t === 200 ? 0.004 : t === 500 ? 0.008 : 0.001));
    expect(extrapolatedOnset(tS, alpha, rate, T)?.onsetC).toBeCloseTo(125, 8);
  });

  it('five points are enough, four are not', () => {
    // 100…104 °C at 1 °C/s, α = 0.01 per s, the fastest 0.004 s⁻¹ at 2 s: slope 0.004 per °C, onset 102 − 0.02/0.004
    // = 97 °C (the bound is 100 − 4 = 96 °C)
    const t5 = Float64Array.from([0, 1, 2, 3, 4]);
    const T5 = t5.map((t) => 100 + t);
    const rate5 = t5.map((t) => (t === 2 ? 0.004 : 0.001));
    expect(extrapolatedOnset(t5, t5.map((t) => t / 100), rate5, T5)?.onsetC).toBeCloseTo(97, 10);
    expect(extrapolatedOnset(t5.subarray(0, 4), t5.subarray(0, 4).map((t) => t / 100), rate5.subarray(0, 4), T5.subarray(0, 4))).toBeNull();
  });

  it('a gap in the temperature right after the first point is bridged linearly for dT/dt', () => {
    // the ramp of the first test with T empty at 1…9 s: bridged from 100 to 101.67 °C it stays the ramp, so dT/dt at
    // the inflection (20 s, in the first window) is 1/6 °C/s: onset 103.33 − 0.02/0.024 = 102.5 °C
    const gappy = T.map((x, i) => (i >= 1 && i <= 9 ? NaN : x));
    const rate = tS.map((t) => (t === 20 ? 0.004 : 0.001));
    const r = extrapolatedOnset(tS, alpha, rate, gappy)!;
    expect(r.slopePerC).toBeCloseTo(0.024, 10);
    expect(r.onsetC).toBeCloseTo(102.5, 8);
  });

  it('the inflection may be the first point', () => {
    // the fastest 0.004 s⁻¹ at 0 s (100 °C, α 0.01): slope 0.024 per °C, onset 100 − 0.01/0.024 = 99.583 °C
    const rate = tS.map((t) => (t === 0 ? 0.004 : 0.001));
    const r = extrapolatedOnset(tS, tS.map((t) => 0.01 + t / 1000), rate, T)!;
    expect(r.inflectionC).toBe(100);
    expect(r.onsetC).toBeCloseTo(100 - 0.01 / 0.024, 8);
  });
});

