import { describe, expect, it } from 'vitest';
import type { TgaMetrics } from '../../shared/analysis';
import { conditionFromLabel, conditionSpeedUps, conditionStats, differenceOfMeans, proposeConditions, ratioOfMeans, stat } from './replicates';

function metrics(t05: number | null, t09: number | null, onsetC: number | null = null): TgaMetrics {
  return {
    tAlphaS: { '0.5': t05, '0.9': t09 },
    tSaturationS: t09 === null ? null : t09 * 1.5,
    alphaFinal: 1,
    maxRatePerS: 0.002,
    alphaAtMaxRate: 0.3,
    tAtMaxRateS: 100,
    onsetC: null,
    onsetExtrapolatedC: onsetC,
    inflectionC: onsetC === null ? null : onsetC + 40,
  };
}

describe('replicate statistics', () => {
  it('mean ± sample SD (n), ignoring missing values; n = 1 has no SD', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample SD √(32/7)
    const s = stat([2, 4, 4, 4, 5, 5, 7, 9, null, NaN])!;
    expect(s.mean).toBe(5);
    expect(s.sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(s.n).toBe(8);
    expect(stat([3])).toEqual({ mean: 3, sd: null, n: 1 });
    expect(stat([null, undefined])).toBeNull();
  });

  it('speed-up = ratio of the means with the relative SDs added in quadrature', () => {
    // reference 300 ± 30 s (10 %), condition 150 ± 6 s (4 %): S = 2, u = 2·√(0.01 + 0.0016)
    const r = ratioOfMeans({ mean: 300, sd: 30, n: 3 }, { mean: 150, sd: 6, n: 3 })!;
    expect(r.value).toBe(2);
    expect(r.u).toBeCloseTo(2 * Math.sqrt(0.01 + 0.0016), 12);
    expect(r.partial).toBe(false);
    // n = 1 on one side: only the other side's scatter, flagged partial; both n = 1: no uncertainty
    const half = ratioOfMeans({ mean: 300, sd: 30, n: 3 }, { mean: 150, sd: null, n: 1 })!;
    expect(half.u).toBeCloseTo(0.2, 12);
    expect(half.partial).toBe(true);
    expect(ratioOfMeans({ mean: 300, sd: null, n: 1 }, { mean: 100, sd: null, n: 1 })).toEqual({ value: 3, u: null, partial: false, n: 1, nReference: 1 });
    expect(ratioOfMeans({ mean: 300, sd: null, n: 1 }, null)).toBeNull();
    const d = differenceOfMeans({ mean: 500, sd: 3, n: 2 }, { mean: 480, sd: 4, n: 2 })!;
    expect(d.value).toBe(-20);
    expect(d.u).toBe(5);
  });

  it('groups runs into conditions and reports speed-ups against the reference condition', () => {
    const runs = [
      { id: 'a1', condition: 'Fe2O3', metrics: metrics(290, 660, 510) },
      { id: 'b1', condition: 'Fe2O3+NiO', metrics: metrics(148, 330, 470) },
      { id: 'a2', condition: 'Fe2O3', metrics: metrics(310, 680, 514) },
      { id: 'b2', condition: 'Fe2O3+NiO', metrics: metrics(152, null, 474) },
      { id: 'c1', condition: 'Fe2O3+Ni', metrics: metrics(190, 420, null) },
    ];
    const cs = conditionStats(runs);
    expect(cs.map((c) => [c.name, c.n, c.runIds])).toEqual([
      ['Fe2O3', 2, ['a1', 'a2']],
      ['Fe2O3+NiO', 2, ['b1', 'b2']],
      ['Fe2O3+Ni', 1, ['c1']],
    ]);
    expect(cs[0].tAlphaS['0.5']).toEqual({ mean: 300, sd: Math.sqrt(200), n: 2 });
    // t(0.9) of the NiO condition: one run did not reach it, so n = 1 for that metric
    expect(cs[1].tAlphaS['0.9']).toEqual({ mean: 330, sd: null, n: 1 });
    const ups = conditionSpeedUps(cs, 'Fe2O3');
    expect(ups[0].isReference).toBe(true);
    expect(ups[0].tAlpha['0.5']).toEqual({ value: 1, u: null, partial: false, n: 2, nReference: 2 });
    const nio = ups[1].tAlpha['0.5']!;
    expect(nio.value).toBeCloseTo(2, 12);
    expect(nio.u).toBeCloseTo(2 * Math.sqrt((Math.sqrt(200) / 300) ** 2 + (Math.sqrt(8) / 150) ** 2), 12);
    expect(ups[1].onsetExtrapolatedShiftC!.value).toBeCloseTo(-40, 12);
    expect(ups[1].onsetExtrapolatedShiftC!.u).toBeCloseTo(Math.sqrt(8 + 8), 12);
    expect(ups[2].onsetExtrapolatedShiftC).toBeNull();
    expect(ups[2].tAlpha['0.5']!.partial).toBe(true);
    expect(() => conditionSpeedUps(cs, 'nope')).toThrow(/reference condition "nope"/);
  });

  it('proposes conditions from replicate markers in labels, and only for groups', () => {
    expect(conditionFromLabel('Fe2O3_NiO_2')).toBe('Fe2O3_NiO');
    expect(conditionFromLabel('NiO run 3')).toBe('NiO');
    expect(conditionFromLabel('S1-b')).toBe('S1');
    expect(conditionFromLabel('Fe2O3 (2)')).toBe('Fe2O3');
    expect(conditionFromLabel('Fe2O3 #12')).toBe('Fe2O3');
    expect(conditionFromLabel('FeNi_rep12')).toBe('FeNi');
    expect(conditionFromLabel('Sample-700')).toBe('Sample-700');
    expect(conditionFromLabel('Fe2O3 + Ni, Fe-36Ni (SIMULATED)')).toBe('Fe2O3 + Ni, Fe-36Ni (SIMULATED)');
    expect(conditionFromLabel('Fe2O3')).toBe('Fe2O3');
    // a label that is nothing but a replicate marker stays whole, not an empty condition
    expect(conditionFromLabel('(2)')).toBe('(2)');
    expect(conditionFromLabel(' #3 ')).toBe('#3');
    expect(proposeConditions(['A_1', 'A_2', 'B_1', 'C'])).toEqual(['A', 'A', null, null]);
  });
});

describe('per-run speed-ups against a reference condition', () => {
  it('t̄_ref / t_run, and exactly the run-to-run factor when the reference has one run', async () => {
    const { runSpeedUps } = await import('./replicates');
    const { speedUps } = await import('./metrics');
    const items = [
      { id: 'a1', metrics: metrics(290, 660, 510) },
      { id: 'a2', metrics: metrics(310, 680, 514) },
      { id: 'b1', metrics: metrics(150, 330, 470) },
    ];
    const [ref] = conditionStats([
      { id: 'a1', condition: 'A', metrics: items[0].metrics },
      { id: 'a2', condition: 'A', metrics: items[1].metrics },
    ]);
    const ups = runSpeedUps(items, ref, 'a1');
    expect(ups.map((u) => u.tAlpha['0.5'])).toEqual([300 / 290, 300 / 310, 2]);
    expect(ups[2].onsetExtrapolatedShiftC).toBeCloseTo(-42, 12);
    expect(ups[2].referenceId).toBe('a1');
    const [single] = conditionStats([{ id: 'a1', condition: 'A', metrics: items[0].metrics }]);
    const same = speedUps(items, 'a1');
    expect(runSpeedUps(items, single, 'a1')).toEqual(same);
  });
});
