/**
 * Replicate statistics pinned whole: every metric of every condition, and every speed-up and shift, on values chosen
 * so that the means and sample SDs are exact by hand (dyadic fractions, whole numbers).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { TgaMetrics } from '../../shared/analysis';
import { conditionFromLabel, conditionSpeedUps, conditionStats, runSpeedUps } from './replicates';

function m(t05: number | null, t09: number | null, tSat: number | null, alphaFinal: number, maxRate: number, alphaAtMax: number, onset: number | null, extrapolated: number | null, inflection: number | null, more: Record<string, number> = {}): TgaMetrics {
  return { tAlphaS: { '0.5': t05, '0.9': t09, ...more }, tSaturationS: tSat, alphaFinal, maxRatePerS: maxRate, alphaAtMaxRate: alphaAtMax, tAtMaxRateS: 50, onsetC: onset, onsetExtrapolatedC: extrapolated, inflectionC: inflection };
}

const runs = [
  { id: 'a1', condition: 'A', metrics: m(100, 300, 400, 0.75, 0.0625, 0.25, 500, 520, 560) },
  { id: 'b1', condition: 'B', metrics: m(55, null, null, 0.5, 0.25, 0.5, null, 480, 530) },
  { id: 'a2', condition: 'A', metrics: m(120, 340, 460, 1.25, 0.125, 0.5, 504, 526, 570) },
  { id: 'b2', condition: 'B', metrics: m(45, 150, 190, 0.75, 0.5, 0.25, 470, 484, 540, { '0.99': 200 }) },
  { id: 'c1', condition: 'C', metrics: m(0, 330, null, 1, 0.25, 0.5, 510, null, null) },
];

describe('conditionStats and conditionSpeedUps, every field', () => {
  // computed inside each test (not in the describe body), so that the mutation runner credits these tests with it
  let cs: ReturnType<typeof conditionStats> = [];
  beforeEach(() => {
    cs = conditionStats(runs);
  });

  it('mean ± sample SD (n) of every metric; a metric a run lacks is left out of its n', () => {
    // A: two runs, each metric ± d about its mean, so SD = √(2d²/1); e.g. t(0.5) 110 ± 10 → √200
    expect(cs).toEqual([
      {
        name: 'A',
        runIds: ['a1', 'a2'],
        n: 2,
        tAlphaS: { '0.5': { mean: 110, sd: Math.sqrt(200), n: 2 }, '0.9': { mean: 320, sd: Math.sqrt(800), n: 2 } },
        tSaturationS: { mean: 430, sd: Math.sqrt(1800), n: 2 },
        alphaFinal: { mean: 1, sd: Math.sqrt(0.125), n: 2 },
        maxRatePerS: { mean: 0.09375, sd: Math.sqrt(0.001953125), n: 2 },
        alphaAtMaxRate: { mean: 0.375, sd: Math.sqrt(0.03125), n: 2 },
        onsetC: { mean: 502, sd: Math.sqrt(8), n: 2 },
        onsetExtrapolatedC: { mean: 523, sd: Math.sqrt(18), n: 2 },
        inflectionC: { mean: 565, sd: Math.sqrt(50), n: 2 },
      },
      {
        name: 'B',
        runIds: ['b1', 'b2'],
        n: 2,
        // b1 never reached 0.9; only b2 has a t(0.99)
        tAlphaS: { '0.5': { mean: 50, sd: Math.sqrt(50), n: 2 }, '0.9': { mean: 150, sd: null, n: 1 }, '0.99': { mean: 200, sd: null, n: 1 } },
        tSaturationS: { mean: 190, sd: null, n: 1 },
        alphaFinal: { mean: 0.625, sd: Math.sqrt(0.03125), n: 2 },
        maxRatePerS: { mean: 0.375, sd: Math.sqrt(0.03125), n: 2 },
        alphaAtMaxRate: { mean: 0.375, sd: Math.sqrt(0.03125), n: 2 },
        onsetC: { mean: 470, sd: null, n: 1 },
        onsetExtrapolatedC: { mean: 482, sd: Math.sqrt(8), n: 2 },
        inflectionC: { mean: 535, sd: Math.sqrt(50), n: 2 },
      },
      {
        name: 'C',
        runIds: ['c1'],
        n: 1,
        tAlphaS: { '0.5': { mean: 0, sd: null, n: 1 }, '0.9': { mean: 330, sd: null, n: 1 } },
        tSaturationS: null,
        alphaFinal: { mean: 1, sd: null, n: 1 },
        maxRatePerS: { mean: 0.25, sd: null, n: 1 },
        alphaAtMaxRate: { mean: 0.5, sd: null, n: 1 },
        onsetC: { mean: 510, sd: null, n: 1 },
        onsetExtrapolatedC: null,
        inflectionC: null,
      },
    ]);
  });

  it('speed-ups t̄_A / t̄_c with the relative SDs in quadrature, shifts with the SDs in quadrature', () => {
    const close = (x: number) => expect.closeTo(x, 12);
    expect(conditionSpeedUps(cs, 'A')).toEqual([
      {
        condition: 'A', reference: 'A', isReference: true,
        tAlpha: { '0.5': { value: 1, u: null, partial: false, n: 2, nReference: 2 }, '0.9': { value: 1, u: null, partial: false, n: 2, nReference: 2 } },
        tSaturation: { value: 1, u: null, partial: false, n: 2, nReference: 2 },
        onsetShiftC: { value: 0, u: null, partial: false, n: 2, nReference: 2 },
        onsetExtrapolatedShiftC: { value: 0, u: null, partial: false, n: 2, nReference: 2 },
      },
      {
        condition: 'B', reference: 'A', isReference: false,
        // only the reference's α targets: B's t(0.99) has nothing to compare with
        tAlpha: {
          // 110/50 = 2.2; u = 2.2·√((√200/110)² + (√50/50)²) = 2.2·√(200/12100 + 50/2500)
          '0.5': { value: close(2.2), u: close(2.2 * Math.sqrt(200 / 12100 + 50 / 2500)), partial: false, n: 2, nReference: 2 },
          // 320/150, B with one run: u = S·(√800/320) = √800/150, partial
          '0.9': { value: close(320 / 150), u: close(Math.sqrt(800) / 150), partial: true, n: 1, nReference: 2 },
        },
        tSaturation: { value: close(430 / 190), u: close(Math.sqrt(1800) / 190), partial: true, n: 1, nReference: 2 },
        // 470 − 502, u = √8 from A alone; 482 − 523, u = √(18 + 8)
        onsetShiftC: { value: -32, u: close(Math.sqrt(8)), partial: true, n: 1, nReference: 2 },
        onsetExtrapolatedShiftC: { value: -41, u: close(Math.sqrt(26)), partial: false, n: 2, nReference: 2 },
      },
      {
        condition: 'C', reference: 'A', isReference: false,
        // t(0.5) = 0 s gives no ratio; 320/330 with A's scatter only
        tAlpha: { '0.5': null, '0.9': { value: close(320 / 330), u: close(Math.sqrt(800) / 330), partial: true, n: 1, nReference: 2 } },
        tSaturation: null,
        onsetShiftC: { value: 8, u: close(Math.sqrt(8)), partial: true, n: 1, nReference: 2 },
        onsetExtrapolatedShiftC: null,
      },
    ]);
    // against C: a reference of mean 0 gives no ratio either; B's onset (one run) against C's (one run): no uncertainty
    const againstC = conditionSpeedUps(cs, 'C')[1];
    expect(againstC.tAlpha['0.5']).toBeNull();
    expect(againstC.onsetShiftC).toEqual({ value: -40, u: null, partial: false, n: 1, nReference: 1 });
  });

  it('per-run speed-ups against condition A: t̄_A / t_run, shifts run − T̄_A', () => {
    expect(runSpeedUps([runs[3]], cs[0], 'a1')).toEqual([
      {
        runId: 'b2',
        referenceId: 'a1',
        tAlpha: { '0.5': 110 / 45, '0.9': 320 / 150 },
        tSaturation: 430 / 190,
        onsetShiftC: 470 - 502,
        onsetExtrapolatedShiftC: 484 - 523,
      },
    ]);
  });
});

describe('conditionFromLabel: every marker', () => {
  it.each([
    ['Fe2O3 (B)', 'Fe2O3'],
    ['Fe2O3 (12)', 'Fe2O3'],
    ['(b)', '(b)'],
    ['S1_r2', 'S1'],
    ['S1 no. 3', 'S1'],
    ['S1 No3', 'S1'],
    ['S1 replicate 2', 'S1'],
    ['S1-run 101', 'S1'],
    ['S1 #  2', 'S1'],
    ['S1-D', 'S1'],
    ['S1-e', 'S1-e'],
    ['S_run1234', 'S_run1234'],
    ['  NiO_3  ', 'NiO'],
    ['Fe2O3(2)', 'Fe2O3'],
    ['Fe2O3 (a) coated', 'Fe2O3 (a) coated'],
    ['S1#2', 'S1'],
    ['S1 - run 2', 'S1'],
    ['S1_run2', 'S1'],
    ['S1 no.3', 'S1'],
    ['S1_run2 hot', 'S1_run2 hot'],
    ['S1 - b', 'S1'],
  ])('%s → %s', (label, condition) => {
    expect(conditionFromLabel(label)).toBe(condition);
  });
});
