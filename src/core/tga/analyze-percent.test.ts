import { describe, expect, it } from 'vitest';
import type { TgaRun } from '../../shared/types';
import { analyzeTga } from './analyze';
import { isothermalH2Run } from './testkit';

/**
 * A run logged in % of the initial mass only (no mg, no stated sample mass) that starts at 99 % — 1 % was lost
 * before logging began. The theoretical loss is counted from 100 % (% of the initial mass), not from the first
 * points: Fe2O3 → Fe loses 3·15.999/159.687 = 30.0569 % of 100 %.
 */
function percentRun(): TgaRun {
  const lossPct = 30.0569;
  const timeS = Float64Array.from({ length: 3001 }, (_, i) => i);
  const massPercent = timeS.map((t) => 99 - (t < 1000 ? 0 : lossPct * (1 - Math.exp(-(t - 1000) / 300))));
  return isothermalH2Run(timeS, { massPercent }, { fileName: 'percent.csv' });
}

describe('analyzeTga on a run in % of the initial mass', () => {
  it('takes the theoretical loss from 100 %, not from the first points', () => {
    const a = analyzeTga(percentRun(), { recipe: { precursors: [{ formula: 'Fe2O3' }] } });
    expect(a.reduction.startS).toBe(1000);
    // α(t) = 1 − exp(−(t − 1000)/300): 600 s after the switch 1 − e⁻² = 0.864665
    expect(a.alpha[600]).toBeCloseTo(1 - Math.exp(-2), 4);
  });
});
