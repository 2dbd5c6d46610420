import { describe, expect, it } from 'vitest';
import type { TgaRun } from '../../shared/types';
import { analyzeTga } from './analyze';
import { CHECK_LIMITS } from './checks';
import { isothermalH2Run } from './testkit';

/**
 * 50 mg of Fe2O3 (theoretical loss 15.028 mg) logged every second for 3000 s, H2 from 1000 s. Before the switch the
 * balance reads a gain of `gainMg` building up from 970 s to 1000 s (buoyancy as the gas changes), kept afterwards.
 */
function run(gainMg: number): TgaRun {
  const lossMg = 0.3005692 * 50;
  const timeS = Float64Array.from({ length: 3001 }, (_, i) => i);
  const massMg = timeS.map((t) => 50 + gainMg * Math.min(1, Math.max(0, (t - 970) / 30)) - (t < 1000 ? 0 : lossMg * (1 - Math.exp(-((t - 1000) / 300)))));
  return isothermalH2Run(timeS, { massMg, initialMassMg: 50 });
}

describe('late-start check', () => {
  it('only looks at starts earlier than the manual one: a mass gain after it is not a loss before it', () => {
    // Set by hand at 965 s, before the switch: the automatic start (1000 s) comes later, where the balance reads
    // 0.6 mg more (α ≈ −0.04 against the 15.03 mg theoretical loss) — no mass was lost before the manual start.
    expect(0.6 / (0.3005692 * 50)).toBeGreaterThan(CHECK_LIMITS.lateStartAlpha);
    const a = analyzeTga(run(0.6), { recipe: { precursors: [{ formula: 'Fe2O3' }] }, startS: 965 });
    expect(a.checks.map((c) => c.code)).not.toContain('late-start');
  });
});
