/**
 * The start of an isothermal step found from the data (no gas column): one simulated run per ICTAC model
 * (test/fixtures/simulated/kinetics/isothermal-starts, scripts/kinetics/make_kinetics_series.py) against its known
 * switch time. 'step' runs carry microbalance noise and a +0.05 mg buoyancy step at the switch (on a sample);
 * 'clean' runs are noise-free with no step and the switch 0.4 s after a sample.
 */
import { describe, expect, it } from 'vitest';
import { importCaseFile, readTruth } from '../../../test/fixtures/simulated/kinetics/load';
import { prepareKineticRun } from './index';

const NAME = 'isothermal-starts';
const truth = readTruth(NAME);
type StartRun = (typeof truth.runs)[number] & { model: string; variant: 'step' | 'clean' };
const runs = truth.runs as StartRun[];
const detected = (r: StartRun): { deltaS: number; note: string } => {
  const k = prepareKineticRun(importCaseFile(NAME, r.file));
  return { deltaS: k.startS - (r.h2_switch_s as number), note: k.startNote };
};

describe('isothermal start detected by the change point, every reaction model', () => {
  it.each(runs.filter((r) => r.variant === 'step').map((r) => [r.model, r] as const))('%s with noise and a buoyancy step: the start is the switch', (_m, r) => {
    const { deltaS, note } = detected(r);
    expect(note).toMatch(/least-squares change point.*apparent mass step/);
    expect(Math.abs(deltaS)).toBeLessThan(0.01);
  }, 30_000);

  it.each(runs.filter((r) => r.variant === 'clean').map((r) => [r.model, r] as const))('%s noise-free without a step, switch between samples', (model, r) => {
    const { deltaS, note } = detected(r);
    expect(note).toMatch(/least-squares change point/);
    if (['F1', 'R2', 'R3', 'D1', 'P2', 'P3'].includes(model)) expect(Math.abs(deltaS)).toBeLessThan(0.15);
    // D2–D4 rise as √t: between two samples, a step and such an onset look alike; the start is then put on the
    // first sample that shows it (≤ one sampling interval late)
    else if (model.startsWith('D')) {
      expect(deltaS).toBeGreaterThanOrEqual(-0.15);
      expect(deltaS).toBeLessThanOrEqual(0.6 + 1e-6);
    }
    // A_n: the onset power law (kt)^n holds to ~1 % of α at the fit's top; the bias scales with 1/k (so the same
    // fraction of every t_α: it cancels in ln t_α vs 1/T) — pinned as a fraction of t(α = 0.1)
    else {
      const n = Number(model.slice(1));
      const tAlpha01 = Math.pow(-Math.log(0.9), 1 / n) / (r.k_per_s as number);
      expect(Math.abs(deltaS) / tAlpha01).toBeLessThan(0.004);
    }
  }, 30_000);
});
