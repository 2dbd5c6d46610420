/**
 * runChecks at its edges: the reducing window shorter than the data, a maximum (of α or of the rate) at the very first
 * point, a step in α, the 10 s before a candidate start when the log is sparse or the mass moves in them, and the
 * wide window of the smoothing check. α and the masses are binary fractions, so every number below is by hand.
 */
import { describe, expect, it } from 'vitest';
import { runChecks, type CheckInput } from './checks';

const seconds = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => i);

/** A run in which nothing fires: α 0, no rate, 10 mg throughout; 1 s steps, 10 s window, a 2 mg theoretical loss. */
function quiet(n: number): CheckInput {
  const tS = seconds(n);
  return {
    tS,
    alpha: new Float64Array(n),
    dAlphaDtPerS: new Float64Array(n),
    windowPoints: n,
    sgWindowS: 10,
    sgPolynomial: 2,
    timeS: tS,
    massMg: tS.map(() => 10),
    startS: 200,
    startManual: false,
    earlierStartsS: [],
    theoreticalLossMg: 2,
    massStartMg: 10,
    massUnit: 'mg',
  };
}

const lateMessage = (lostMg: string, alpha: string, what: string, atS: string): string =>
  `The start set by hand (200 s) is after the mass loss began: ${lostMg} mg (α ≈ ${alpha}) were already lost since ${what} at ${atS} s, so every time is counted from a late start.`;

describe('runChecks: the reducing window is the first windowPoints points', () => {
  it('a fall of α and a faster rate after the window are not seen', () => {
    // α rises 1/128 per s from 0 to 1.25 at 160 s, holds to 249 s, then falls to 1 — but the window ends at 200 s;
    // the rate handed in is 0.005 s⁻¹ at 100 s and 0.02 s⁻¹ at 200 s, the first point after the window.
    const base = quiet(400);
    const alpha = base.tS.map((t) => (t <= 160 ? t / 128 : t < 250 ? 1.25 : 1));
    const rate = base.tS.map((t) => (t === 100 ? 0.005 : t === 200 ? 0.02 : 0));
    expect(runChecks({ ...base, alpha, dAlphaDtPerS: rate, windowPoints: 200 })).toEqual([
      // the 10 s average first reaches 1.25 at 165 s (window 160–170 s) = 2.75 min
      { code: 'alpha-above', message: 'α reaches 1.25 at 2.75 min (above 1.05): more mass is lost than the recipe allows — check the recipe, the sample mass and the blank.' },
      // 0.005 handed in; the 20 s window's peak is the ramp's slope 1/128 = 0.0078125 s⁻¹: +56.25 %
      {
        code: 'smoothing',
        message: 'The peak rate depends on smoothing: 5.000e-3 s⁻¹ with the 10 s window, 7.813e-3 s⁻¹ with 20 s (+56.3 %); report the window with it, or shorten it if the noise allows.',
      },
    ]);
  });
});

describe('runChecks: a maximum at the first point of the window', () => {
  it('α highest at the start (falling from 1.25 by 1/256 per s) is above the limit there, and falls after it', () => {
    const base = quiet(100);
    const alpha = base.tS.map((t) => 1.25 - t / 256);
    expect(runChecks({ ...base, alpha })).toEqual([
      // the average at 0 s is over 0–5 s: 1.25 − 2.5/256 = 1.240234375
      { code: 'alpha-above', message: 'α reaches 1.24 at 0 min (above 1.05): more mass is lost than the recipe allows — check the recipe, the sample mass and the blank.' },
      // the lowest average after it, at 99 s over 94–99 s: 1.25 − 96.5/256 = 0.873046875 (1.65 min);
      // (1.240234375 − 0.873046875) × 2 mg = 0.734375 mg
      {
        code: 'mass-rise',
        message: 'The mass rises again after the reduction: α falls from 1.24 at 0 min to 0.873 at 1.65 min (+0.734 mg) — re-oxidation by a leak or impurity, deposition, or a buoyancy step?',
      },
    ]);
  });

  it('the rate highest at the first point (as in a first-order or contracting-geometry run) is the peak rate', () => {
    // α = t/256: the 20 s window's slope is 1/256 = 3.90625e-3 s⁻¹ everywhere; the rate handed in is 0.005 s⁻¹ at
    // 0 s and 1/256 after it: (1/256 − 0.005)/0.005 = −21.875 %
    const base = quiet(100);
    const alpha = base.tS.map((t) => t / 256);
    const rate = base.tS.map((t) => (t === 0 ? 0.005 : 1 / 256));
    expect(runChecks({ ...base, alpha, dAlphaDtPerS: rate })).toEqual([
      {
        code: 'smoothing',
        message: 'The peak rate depends on smoothing: 5.000e-3 s⁻¹ with the 10 s window, 3.906e-3 s⁻¹ with 20 s (−21.9 %); report the window with it, or shorten it if the noise allows.',
      },
    ]);
  });
});

describe('runChecks: the fall after the maximum counts only points after it', () => {
  it('a step of α from 0 to 0.5 at 50 s, then flat: no rise, though the average just before the maximum is lower', () => {
    // the 10 s average is first 0.5 at 55 s (window 50–60 s); at 54 s it is 0.5 × 10/11 = 0.4545, 0.045 lower
    const base = quiet(100);
    expect(runChecks({ ...base, alpha: base.tS.map((t) => (t < 50 ? 0 : 0.5)) })).toEqual([]);
  });
});

describe('runChecks: the mass in the 10 s before a candidate start', () => {
  it('is the mean over those 10 s when the mass moves in them', () => {
    // the onset at 110 s: 10.25 mg over 100–104 s, 10 mg over 105–109 s (and after): mean 10.125 mg; against m_start
    // 9.75 mg, 0.375 mg lost = α 0.1875 of the 2 mg loss
    const base = quiet(300);
    const massMg = base.timeS.map((t) => (t >= 100 && t < 105 ? 10.25 : t < 150 ? 10 : 9.75));
    const checks = runChecks({ ...base, massMg, massStartMg: 9.75, startManual: true, earlierStartsS: [{ timeS: 110, what: 'the onset' }] });
    expect(checks).toEqual([{ code: 'late-start', message: lateMessage('0.375', '0.188', 'the onset', '110') }]);
  });

  it('is the first point at or after the candidate when the log has none in the 10 s before it', () => {
    // a point every 20 s: nothing in 90–100 s before the candidate at 100 s; the point at 100 s reads 10 mg,
    // 0.25 mg above m_start = α 0.125
    const base = quiet(300);
    const timeS = Float64Array.from({ length: 30 }, (_, i) => 20 * i);
    const massMg = timeS.map((t) => (t <= 100 ? 10 : 9.75));
    const checks = runChecks({ ...base, timeS, massMg, massStartMg: 9.75, startManual: true, earlierStartsS: [{ timeS: 100, what: 'the automatic start' }] });
    expect(checks).toEqual([{ code: 'late-start', message: lateMessage('0.25', '0.125', 'the automatic start', '100') }]);
  });

  it('a candidate within 1e-9 s before the manual start is the start itself: not compared', () => {
    // 10.25 mg before 200 s against m_start 9.75 mg would be 0.25 of the 2 mg loss if it were compared
    const base = quiet(300);
    const massMg = base.timeS.map((t) => (t < 200 ? 10.25 : 9.75));
    const input = { ...base, massMg, massStartMg: 9.75, startManual: true };
    expect(runChecks({ ...input, earlierStartsS: [{ timeS: 200 - 1e-9, what: 'x' }] })).toEqual([]);
    expect(runChecks({ ...input, earlierStartsS: [{ timeS: 200 - 1e-6, what: 'x' }] }).map((c) => c.code)).toEqual(['late-start']);
  });

  it('a loss of exactly 2 % of the theoretical loss is not late; just above it is', () => {
    // 11 mg in the 10 s before 100 s, m_start 10 mg: 1 mg of a 50 mg loss is α = 0.02 exactly, the limit
    const base = quiet(300);
    const before = (mg: number): Float64Array => base.timeS.map((t) => (t < 100 ? mg : 10));
    const input = { ...base, theoreticalLossMg: 50, startManual: true, earlierStartsS: [{ timeS: 100, what: 'the onset' }] };
    expect(runChecks({ ...input, massMg: before(11) })).toEqual([]);
    // 11.0078125 mg: 1.0078125 mg lost, α = 0.02015625
    expect(runChecks({ ...input, massMg: before(11.0078125) })).toEqual([{ code: 'late-start', message: lateMessage('1.008', '0.02', 'the onset', '100') }]);
  });
});

describe('runChecks: the smoothing check differentiates α again with twice the window and the same order', () => {
  it('a short burst of loss: the 20 s window spreads it over 21 points', () => {
    // α rises by 1/64 per s from 100 to 108 s (0 before, 0.125 after). The 21-point slope Σj·α/Σj² (Σj² = 770)
    // peaks at 104 s: Σ_{j=−3..3} j(j + 4)/64 + Σ_{j=4..10} j·8/64 = (28 + 392)/64, slope 420/(64 × 770) = 8.523e-3 s⁻¹
    // (a 31 s window would give (28 + 912)/(64 × 2480) = 5.922e-3). The rate handed in: 1/64 = 0.015625 at 104 s.
    const base = quiet(200);
    const alpha = base.tS.map((t) => (t <= 100 ? 0 : t >= 108 ? 0.125 : (t - 100) / 64));
    const rate = base.tS.map((t) => (t === 104 ? 1 / 64 : 0));
    const wide = 420 / (64 * 770);
    const shift = (wide - 1 / 64) / (1 / 64);
    expect(shift).toBeCloseTo(-0.45455, 5);
    expect(runChecks({ ...base, alpha, dAlphaDtPerS: rate })).toEqual([
      {
        code: 'smoothing',
        message: 'The peak rate depends on smoothing: 1.563e-2 s⁻¹ with the 10 s window, 8.523e-3 s⁻¹ with 20 s (−45.5 %); report the window with it, or shorten it if the noise allows.',
      },
    ]);
  });
});
