/** ΔI % (the LVP paper's Table 1), the onset rule on hand-made series, the temperature log reader. */
import { describe, expect, it } from 'vitest';
import { defaultBaseline, deltaPercent, detectOnset, regionDelta, resolveOnsetRule } from './events';
import { interpolate, joinTemperature, parseTemperatureLog } from './temperature-log';

/** LVP paper, Table 1: average image intensity at 1673 K and after the quench, and the ΔI % it reports. */
const TABLE_1 = [
  { area: 'Iron nitride', before: 73.769, after: 71.389, percent: 3.23 },
  { area: 'Molten N2', before: 79.619, after: 78.168, percent: 1.82 },
  { area: 'By-product', before: 80.12, after: 78.341, percent: 2.22 },
  { area: 'MgO (pressure medium)', before: 63.58, after: 62.366, percent: 1.91 },
];

describe('ΔI % = (I_before − I_after)/I_before × 100', () => {
  for (const row of TABLE_1) {
    it(`reproduces Table 1 for ${row.area}: ${row.percent} %`, () => {
      expect(Number(deltaPercent(row.before, row.after).toFixed(2))).toBe(row.percent);
    });
  }

  it('only with that definition: dividing by I_after or taking the log ratio misses rows of Table 1', () => {
    const byAfter = TABLE_1.filter((r) => Number((((r.before - r.after) / r.after) * 100).toFixed(2)) !== r.percent);
    const logRatio = TABLE_1.filter((r) => Number((Math.log(r.before / r.after) * 100).toFixed(2)) !== r.percent);
    expect(byAfter.map((r) => r.area)).toEqual(['Iron nitride', 'Molten N2', 'By-product', 'MgO (pressure medium)']);
    expect(logRatio.length).toBeGreaterThanOrEqual(3);
  });

  it('across frame ranges, with σ from the standard errors of the two means', () => {
    const x = [10, 12, 10, 12, 9, 9, 9, 9];
    const d = regionDelta('r', x, { before: [0, 3], after: [4, 7] });
    expect(d.before).toBe(11);
    expect(d.after).toBe(9);
    expect(d.percent).toBeCloseTo((2 / 11) * 100, 12);
    // SE(before) = sd/√4 = 1.1547/2; SE(after) = 0
    expect(d.sigmaPercent).toBeCloseTo(100 * (9 / 11) * (1.1547005383792515 / 2 / 11), 9);
  });
});

describe('onset rule', () => {
  const noise = [0.2, -0.5, 0.9, -1.1, 0.3, -0.2, 1.0, -0.8, 0.1, 0.4, -0.3, 0.6];
  const series = (step: number, at: number, n = 60) => Array.from({ length: n }, (_, i) => 100 + noise[i % noise.length] + (i >= at ? step : 0));

  it('a step of 20 σ is found at its first frame', () => {
    const rule = resolveOnsetRule({ baseline: [0, 19] }, 60);
    expect(detectOnset(series(-12, 37), rule).frame).toBe(37);
  });

  it('isolated spikes shorter than N consecutive frames are not onsets', () => {
    const x = series(0, 0);
    x[30] += 50;
    x[31] += 50;
    x[40] -= 50;
    expect(detectOnset(x, resolveOnsetRule({ baseline: [0, 19], consecutive: 3 }, 60)).frame).toBeNull();
  });

  it('a step smaller than k σ is not an onset; with a lower k it is', () => {
    // baseline SD ≈ 0.64: 5σ ≈ 3.2 is above 2 + the largest noise (1.0); 1.2σ ≈ 0.77 is below 2 − 1.1
    const x = series(2, 30);
    expect(detectOnset(x, resolveOnsetRule({ baseline: [0, 19], k: 5 }, 60)).frame).toBeNull();
    expect(detectOnset(x, resolveOnsetRule({ baseline: [0, 19], k: 1.2 }, 60)).frame).toBe(30);
  });

  it('the default baseline is the first 10 % of the frames, at least 10', () => {
    expect(defaultBaseline(5400)).toEqual([0, 539]);
    expect(defaultBaseline(40)).toEqual([0, 9]);
    expect(defaultBaseline(12)).toEqual([0, 6]);
  });
});

describe('temperature log', () => {
  const enc = (s: string) => new TextEncoder().encode(s);

  it('reads units from the header: time in min, temperature in °C → K', () => {
    const log = parseTemperatureLog('T.csv', enc('elapsed (min);Thermocouple (°C)\n0;20\n1;120\n2;220\n'));
    expect(Array.from(log.timeS)).toEqual([0, 60, 120]);
    expect(log.temperatureK[1]).toBeCloseTo(393.15, 10);
    expect(log.note).toContain('°C → K');
  });

  it('a log without header: time (s), temperature assumed K and said so', () => {
    const log = parseTemperatureLog('T.txt', enc('0 300\n10 400\n'));
    expect(log.note).toContain('assumed');
    expect(interpolate(log.timeS, log.temperatureK, 2.5)).toBeCloseTo(325, 12);
    expect(interpolate(log.timeS, log.temperatureK, 11)).toBeNaN();
  });

  it('clock times join the frames on their clock, or from the log’s first row when the frames have none', () => {
    const log = parseTemperatureLog('T.csv', enc('time,T (K)\n12:00:00,1000\n12:00:10,1100\n'));
    expect(log.clock).toBe(true);
    const frames = Float64Array.of(0, 5);
    const onClock = joinTemperature(log, 'T.csv', frames, { frameClock0S: 12 * 3600 + 2 });
    expect(Array.from(onClock.temperatureK)).toEqual([1020, 1070]);
    const fromStart = joinTemperature(log, 'T.csv', frames);
    expect(Array.from(fromStart.temperatureK)).toEqual([1000, 1050]);
    expect(fromStart.note).toContain('taken to start with the first frame');
  });

  it('rejects a log that goes back in time or has no temperature, naming the file and line', () => {
    expect(() => parseTemperatureLog('T.csv', enc('t (s),T (K)\n0,300\n5,x\n'))).toThrow(/T\.csv, line 3: expected a temperature/);
    expect(() => parseTemperatureLog('T.csv', enc('t (s),T (K)\n5,300\n1,310\n'))).toThrow(/T\.csv: expected times in increasing order/);
  });
});
