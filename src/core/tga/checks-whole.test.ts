/**
 * runChecks on one constructed input where every check fires, each message pinned word for word. α is built of
 * multiples of 1/256 and 1/512 so that the moving averages are exact: every number in the messages is by hand.
 */
import { describe, expect, it } from 'vitest';
import { runChecks, type CheckInput } from './checks';

// α over 0–399 s (1 s steps): −0.0625 to 30 s (a gain), then +3/256 per s to 1.25 at 142 s, held to 242 s, then
// −1/512 per s to 1.125 at 306 s, held to the end.
const alphaAt = (t: number): number => (t <= 30 ? -0.0625 : t <= 142 ? -0.0625 + ((t - 30) * 3) / 256 : t <= 242 ? 1.25 : t <= 306 ? 1.25 - (t - 242) / 512 : 1.125);
const tS = Float64Array.from({ length: 400 }, (_, i) => i);
const alpha = tS.map(alphaAt);
// the rate handed in: 0.01 s⁻¹ at 100 s, 0 elsewhere
const rate = tS.map((t) => (t === 100 ? 0.01 : 0));
// the whole run in file time: 10 mg until 120 s, 9.75 mg after (the manual start is at 200 s)
const timeS = Float64Array.from({ length: 600 }, (_, i) => i);
const massMg = timeS.map((t) => (t < 120 ? 10 : 9.75));

const input: CheckInput = {
  tS,
  alpha,
  dAlphaDtPerS: rate,
  windowPoints: 400,
  sgWindowS: 10,
  sgPolynomial: 2,
  timeS,
  massMg,
  startS: 200,
  startManual: true,
  earlierStartsS: [
    { timeS: 150, what: 'the automatic start (gas switches to H2 at 150 s)' },
    { timeS: 110, what: 'the onset of the main mass-loss step' },
  ],
  theoreticalLossMg: 2,
  massStartMg: 9.75,
  massUnit: 'mg',
};

describe('runChecks: every check at once', () => {
  it('says each with the numbers a user reads', () => {
    expect(runChecks(input)).toEqual([
      // the 10 s moving average first reaches 1.25 at 147 s (window 142–152 s, all on the hold) = 2.45 min
      { code: 'alpha-above', message: 'α reaches 1.25 at 2.45 min (above 1.05): more mass is lost than the recipe allows — check the recipe, the sample mass and the blank.' },
      // −0.0625 from the first point (window 0–5 s) is shown to 3 decimals
      { code: 'alpha-below', message: 'α falls to -0.063 at 0 min (below -0.05): the mass rises above the starting mass — buoyancy or a gas-switch step not corrected by a blank?' },
      // the automatic start at 150 s: mean of 140–149 s is 9.75 mg, nothing lost — not late; the onset at 110 s:
      // mean of 100–109 s is 10 mg, 0.25 mg lost = α 0.125 of the 2 mg loss, above 0.02
      {
        code: 'late-start',
        message: 'The start set by hand (200 s) is after the mass loss began: 0.25 mg (α ≈ 0.125) were already lost since the onset of the main mass-loss step at 110 s, so every time is counted from a late start.',
      },
      // 0.01 s⁻¹ handed in; the 20 s window's peak is the ramp's slope 3/256 = 0.01171875 s⁻¹: +17.1875 %
      {
        code: 'smoothing',
        message: 'The peak rate depends on smoothing: 1.000e-2 s⁻¹ with the 10 s window, 1.172e-2 s⁻¹ with 20 s (+17.2 %); report the window with it, or shorten it if the noise allows.',
      },
      // after the maximum, the average first reaches 1.125 at 311 s (window 306–316 s) = 5.18 min; (1.25 − 1.125) × 2 mg
      {
        code: 'mass-rise',
        message: 'The mass rises again after the reduction: α falls from 1.25 at 2.45 min to 1.125 at 5.18 min (+0.25 mg) — re-oxidation by a leak or impurity, deposition, or a buoyancy step?',
      },
    ]);
  });

  it('a start set automatically is not compared; a rate higher with the wider window is a shift downwards', () => {
    // 0.015 s⁻¹ handed in: (0.01171875 − 0.015)/0.015 = −21.875 %
    const codes = runChecks({ ...input, startManual: false, dAlphaDtPerS: tS.map((t) => (t === 100 ? 0.015 : 0)) });
    expect(codes.map((c) => c.code)).toEqual(['alpha-above', 'alpha-below', 'smoothing', 'mass-rise']);
    expect(codes[2].message).toBe('The peak rate depends on smoothing: 1.500e-2 s⁻¹ with the 10 s window, 1.172e-2 s⁻¹ with 20 s (−21.9 %); report the window with it, or shorten it if the noise allows.');
  });

  it('within 10 % no smoothing check; no positive rate, no comparison; candidates at or after the manual start are not compared', () => {
    // 0.0117 s⁻¹: 0.16 % off; a rate that is never positive is not compared
    const close = runChecks({ ...input, dAlphaDtPerS: tS.map((t) => (t === 100 ? 0.0117 : 0)) });
    expect(close.map((c) => c.code)).toEqual(['alpha-above', 'alpha-below', 'late-start', 'mass-rise']);
    expect(runChecks({ ...input, dAlphaDtPerS: tS.map(() => -0.001) }).map((c) => c.code)).toEqual(['alpha-above', 'alpha-below', 'late-start', 'mass-rise']);
    // candidates at the manual start itself and after it are not compared, even where the mass 10 s before them was
    // 10 mg (a bump at 190–199 s and 240–249 s that would count 0.25 mg lost)
    const bumped = massMg.map((m, i) => ((i >= 190 && i < 200) || (i >= 240 && i < 250) ? 10 : m));
    const later = runChecks({ ...input, massMg: bumped, earlierStartsS: [{ timeS: 200, what: 'x' }, { timeS: 250, what: 'y' }] });
    expect(later.map((c) => c.code)).toEqual(['alpha-above', 'alpha-below', 'smoothing', 'mass-rise']);
  });

  it('points whose moving average is empty (a gap longer than the window) are passed over', () => {
    // α empty for the first 20 s: the 10 s averages at 0…14 s have no value; the checks still see the rest
    const gappy = alpha.map((a, i) => (i < 20 ? NaN : a));
    const checks = runChecks({ ...input, alpha: gappy });
    expect(checks.map((c) => c.code)).toEqual(['alpha-above', 'alpha-below', 'late-start', 'smoothing', 'mass-rise']);
    // the first average with a value, at 15 s (its window 10–20 s holds only 20 s: −0.0625), is the lowest
    expect(checks[1].message).toBe('α falls to -0.063 at 0.25 min (below -0.05): the mass rises above the starting mass — buoyancy or a gas-switch step not corrected by a blank?');
  });
});
