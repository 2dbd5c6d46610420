/**
 * The singular linear solve when every candidate is dependent on the others (linear.ts mostDependent's last resort):
 * three phases whose columns are exactly c, 2c and 4c (|F|² doubled: every product of the column doubles exactly, so
 * the Gram blocks scale by powers of two and no rounding tells the columns apart). Each one's others are singular
 * themselves, so the weakest column (least |c|²) is held first; of the two left, one is exactly the other's double:
 * their 1 − R² are the same bits, and the first of them is held (the strict minimum keeps the first). The data are
 * the pattern of c at a known scale, so the phase left carries it divided by its multiple.
 */
import { describe, expect, it } from 'vitest';
import { calculatePattern, initialState, refinePattern } from './index';
import type { RietveldOptions, RietveldPhase } from './types';
import { cubicTestPhase } from './testkit';

const x = Float64Array.from({ length: 1401 }, (_, i) => 2 + i * 0.01);
const fcc = cubicTestPhase('c', 3.6, 'F', 4 * 58.7);
const times = (id: string, k: number): RietveldPhase => ({ ...fcc, id, intensities: { ...fcc.intensities, multFsq: fcc.intensities.multFsq.map((v) => k * v) } });
const opts: RietveldOptions = { radiation: { wavelengthA: 0.2 }, profileStart: { W: 0.03 ** 2, eta: 0.4 }, refineLattice: false, refineZero: false, refineProfile: [] };

function data(s: number): Float64Array {
  const st = initialState([fcc], opts);
  st.phases[0].scale = s;
  st.background = Float64Array.from([300, -40, 10, 0, 0, 0, 0]);
  st.backgroundRangeDeg = [x[0], x[x.length - 1]];
  return calculatePattern(x, [fcc], st, opts).total;
}

describe('three exactly proportional phase columns', () => {
  const y = data(4e-4);
  const scales = (phases: RietveldPhase[]) => refinePattern({ twoThetaDeg: x, intensity: y }, phases, opts).result.phases.map((p) => p.scale);
  it('2c, 4c, c: c (the weakest) held first, then 2c (the first of an exactly dependent pair); 4c carries s/4', () => {
    const s = scales([times('2c', 2), times('4c', 4), times('c', 1)]);
    expect(s[0]).toBe(0);
    expect(s[2]).toBe(0);
    expect(s[1]).toBeCloseTo(1e-4, 12);
  });
  it('4c, c, 2c: c held first, then 4c; 2c carries s/2', () => {
    const s = scales([times('4c', 4), times('c', 1), times('2c', 2)]);
    expect(s[0]).toBe(0);
    expect(s[1]).toBe(0);
    expect(s[2]).toBeCloseTo(2e-4, 12);
  });
});
