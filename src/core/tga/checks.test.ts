import { describe, expect, it } from 'vitest';
import type { TgaRun } from '../../shared/types';
import { analyzeTga } from './analyze';
import { CHECK_LIMITS } from './checks';
import { isothermalH2Run } from './testkit';
import { thermogravimetry } from './tg';

/**
 * A synthetic isothermal run, logged every second for 3000 s: Ar until 1000 s, H2 until 2800 s, Ar after. 50 mg of
 * Fe2O3 (theoretical loss 30.06 % = 15.028 mg); α(t) since the H2 switch is given, so every check has a known answer.
 */
function runWith(alphaOf: (tSinceStart: number) => number, lossMg = 0.3005692 * 50): TgaRun {
  const n = 3001;
  const timeS = Float64Array.from({ length: n }, (_, i) => i);
  const massMg = timeS.map((t) => 50 - lossMg * (t < 1000 ? 0 : alphaOf(t - 1000)));
  return isothermalH2Run(timeS, { massMg, initialMassMg: 50 }, { laterGases: [{ timeS: 2800, gas: 'Ar' }] });
}

const FE2O3 = { precursors: [{ formula: 'Fe2O3' }] };
/** A smooth JMAK-like conversion, τ = 300 s: no check should fire. */
const smooth = (t: number): number => 1 - Math.exp(-((t / 300) ** 1.2));
const codes = (run: TgaRun, options: Parameters<typeof analyzeTga>[1] = {}): string[] => analyzeTga(run, { recipe: FE2O3, ...options }).checks.map((c) => c.code);

describe('run checks', () => {
  it('a clean run raises none', () => {
    expect(codes(runWith(smooth))).toEqual([]);
  });

  it('α above 1.05: 10 % more loss than the recipe allows', () => {
    const a = analyzeTga(runWith(smooth, 1.1 * 0.3005692 * 50), { recipe: FE2O3 });
    expect(a.checks.map((c) => c.code)).toEqual(['alpha-above']);
    expect(a.checks[0].message).toMatch(/α reaches 1\.1 at/);
  });

  it('α below −0.05: the mass rises above the start before it falls', () => {
    // a buoyancy-like gain of 8 % of the theoretical loss in the first minutes, then the reduction
    const dip = (t: number): number => (t < 200 ? -0.08 * Math.sin((Math.PI * t) / 400) : -0.08 * Math.sin((Math.PI * 200) / 400) + smooth(t - 200) * 1.08);
    const c = analyzeTga(runWith(dip), { recipe: FE2O3 }).checks;
    expect(c.map((x) => x.code)).toContain('alpha-below');
  });

  it('a manual start after the loss began', () => {
    // the start set 120 s after the H2 switch, where α is already 1 − exp(−0.4^1.2) ≈ 0.29
    const c = analyzeTga(runWith(smooth), { recipe: FE2O3, startS: 1120 }).checks;
    expect(c.map((x) => x.code)).toEqual(['late-start']);
    expect(c[0].message).toMatch(/set by hand \(1120 s\) is after the mass loss began/);
    expect(c[0].message).toMatch(/automatic start \(gas/);
    // a manual start 30 s before the switch is not late
    expect(codes(runWith(smooth), { startS: 970 })).toEqual([]);
    // 2 s after the switch: α ≈ 0.002, below the limit
    expect(codes(runWith(smooth), { startS: 1002 })).toEqual([]);
  });

  it('a peak rate that depends on smoothing: a 4 s wide step changes by > 10 % when the window doubles', () => {
    const sharp = (t: number): number => 1 / (1 + Math.exp(-(t - 300) / 4)) - 1 / (1 + Math.exp(300 / 4));
    const a = analyzeTga(runWith(sharp), { recipe: FE2O3, sgWindowS: 15 });
    expect(a.checks.map((x) => x.code)).toEqual(['smoothing']);
    expect(a.checks[0].message).toMatch(/with the 15 s window, .* with 30 s \(−\d/);
    // the same step 60 s wide is resolved by both windows
    const broad = (t: number): number => 1 / (1 + Math.exp(-(t - 600) / 60)) - 1 / (1 + Math.exp(600 / 60));
    expect(codes(runWith(broad))).toEqual([]);
    expect(CHECK_LIMITS.smoothingShift).toBe(0.1);
  });

  it('mass rising again after the reduction', () => {
    const regain = (t: number): number => smooth(t) - (t > 1200 ? 0.05 * Math.min(1, (t - 1200) / 300) : 0);
    const c = analyzeTga(runWith(regain), { recipe: FE2O3 }).checks;
    expect(c.map((x) => x.code)).toEqual(['mass-rise']);
    expect(c[0].message).toMatch(/mass rises again after the reduction: α falls from 0\.99\d* at .* to 0\.9[45]/);
  });

  it('the end of the window can be set, and says which rule set it', () => {
    const auto = analyzeTga(runWith(smooth), { recipe: FE2O3 });
    expect([auto.reduction.endS, auto.reduction.endSource]).toEqual([2800, 'gas-event']);
    const manual = analyzeTga(runWith(smooth), { recipe: FE2O3, endS: 2000 });
    expect([manual.reduction.endS, manual.reduction.endSource, manual.reduction.endNote]).toEqual([2000, 'manual', 'the end set by the user at 2000 s']);
    expect(() => analyzeTga(runWith(smooth), { recipe: FE2O3, endS: 900 })).toThrow(/must lie after the start/);
  });
});

describe('TG and DTG', () => {
  it('TG in % of the initial mass, DTG in %/min with the same smoothing', () => {
    const t = Float64Array.from({ length: 601 }, (_, i) => i);
    const m = t.map((s) => 40 - 0.01 * s); // −0.6 mg/min from 40 mg: −1.5 %/min
    const tg = thermogravimetry(t, m, { sgWindowS: 15 });
    expect(tg.initialMass).toBeCloseTo(39.98, 10);
    expect(tg.tgPercent[0]).toBeCloseTo((100 * 40) / 39.98, 10);
    expect(tg.dtgPercentPerMin[300]).toBeCloseTo((-0.6 * 100) / 39.98, 9);
    expect(() => thermogravimetry(t, t.map(() => 0), { sgWindowS: 15 })).toThrow(/initial mass/);
  });
});
