/**
 * findReductionWindow at the edges of its rules, each window pinned whole (start, end, sources and notes), and the
 * mass-loss onset at the ends of the data. Times are the inputs' own; the onsets are worked out in the comments.
 */
import { describe, expect, it } from 'vitest';
import type { GasEvent, Segment } from '../../shared/types';
import { detectMassLossOnset, findReductionWindow, isReducingGas } from './start';

const timeS = Float64Array.from({ length: 1001 }, (_, i) => i); // 0…1000 s
const flat = timeS.map(() => 10);
const gas = (t: number, g: string): GasEvent => ({ timeS: t, gas: g, source: 'test' });
const seg = (label: string, startS: number, endS: number, kind: Segment['kind'], g?: string): Segment => ({ index: 1, label, startS, endS, kind, ...(g ? { gas: g } : {}) });
const DATA_END = 'no programme step and no temperature change ends the window; set the end to stop earlier';

describe('findReductionWindow: a manual start and the gas of the programme segments', () => {
  // no gas events: only the segments say which gas flows
  const segments = [seg('Heat', 0, 300, 'ramp', 'Ar'), seg('H2 hold', 300, 800, 'isothermal', 'H2'), seg('Ar hold', 800, 1000, 'isothermal', 'Ar')];

  it('a start at the first second of a reducing segment is under the reducing gas: the segment ends the window', () => {
    expect(findReductionWindow({ timeS, massMg: flat, gasEvents: [], segments, startS: 300 })).toEqual({
      startS: 300,
      startSource: 'manual',
      startNote: 'set by the user at 300 s',
      endS: 800,
      endSource: 'segment',
      endNote: "reducing programme segment 'H2 hold' ends at 800 s",
    });
  });

  it('a start at the end of the reducing segment is under Ar: no reducing gas on record, the data end', () => {
    expect(findReductionWindow({ timeS, massMg: flat, gasEvents: [], segments, startS: 800 })).toEqual({
      startS: 800,
      startSource: 'manual',
      startNote: 'set by the user at 800 s',
      endS: 1000,
      endSource: 'data',
      endNote: `end of the data (no reducing gas on record; ${DATA_END})`,
    });
  });

  it('a start after the H2 was switched off is not ended where the H2 ended', () => {
    // H2 100–300 s, Ar after: a start at 400 s has no reducing gas at or after it
    const w = findReductionWindow({ timeS, massMg: flat, gasEvents: [gas(100, 'H2'), gas(300, 'Ar')], segments: [], startS: 400 });
    expect([w.endS, w.endSource, w.endNote]).toEqual([1000, 'data', `end of the data (no reducing gas on record; ${DATA_END})`]);
  });
});

describe('findReductionWindow: the switch to H2 and the segments around it', () => {
  it('the gas before the first switch is that of the segment ending at it, not one starting there or ended earlier', () => {
    // listed out of order: Ar starts at the switch, He ended before it, N2 runs up to it
    const segments = [seg('Ar step', 50, 300, 'ramp', 'Ar'), seg('He step', 0, 20, 'ramp', 'He'), seg('N2 step', 20, 50, 'ramp', 'N2')];
    const w = findReductionWindow({ timeS, massMg: flat, gasEvents: [gas(50, 'H2')], segments });
    expect([w.startS, w.startSource, w.startNote]).toEqual([50, 'gas-event', 'gas switches N2 → H2 at 50 s (test)']);
  });

  it('with no switch back, the reducing segment holding the start ends the window, not the one ending at the start', () => {
    const segments = [seg('Pre', 0, 100, 'ramp', '5 % H2/Ar'), seg('H2 hold', 100, 600, 'isothermal', 'H2'), seg('Cool', 600, 1000, 'cool', 'Ar')];
    expect(findReductionWindow({ timeS, massMg: flat, gasEvents: [gas(100, 'H2')], segments })).toEqual({
      startS: 100,
      startSource: 'gas-event',
      startNote: 'gas switches 5 % H2/Ar → H2 at 100 s (test)',
      endS: 600,
      endSource: 'segment',
      endNote: "reducing programme segment 'H2 hold' ends at 600 s",
    });
  });

  it('a later reducing segment does not end a window whose start the segments place under Ar', () => {
    // the gas column says H2 from 100 s, the segment holding 100 s says Ar: no reducing segment holds the start, so
    // the hold holding it ends the window (the H2 segment from 700 s is not joined: it starts 100 s after)
    const segments = [seg('Ar hold', 0, 600, 'isothermal', 'Ar'), seg('H2 hold', 700, 900, 'isothermal', 'H2')];
    const w = findReductionWindow({ timeS, massMg: flat, gasEvents: [gas(100, 'H2')], segments });
    expect([w.startS, w.endS, w.endSource, w.endNote]).toEqual([100, 600, 'segment', "the hold 'Ar hold' ends at 600 s (the file's programme segments)"]);
  });

  it('a reducing segment that lasts to the last point starts the window, and the data end it', () => {
    const segments = [seg('Heat', 0, 300, 'ramp', 'Ar'), seg('H2 to the end', 300, 1000, 'isothermal', 'H2')];
    expect(findReductionWindow({ timeS, massMg: flat, gasEvents: [], segments })).toEqual({
      startS: 300,
      startSource: 'segment',
      startNote: "programme segment 'H2 to the end' (H2) starts at 300 s",
      endS: 1000,
      endSource: 'data',
      endNote: `end of the data (the reducing segment lasts to the end; ${DATA_END})`,
    });
  });
});

describe('isReducingGas: CO after a separator', () => {
  it.each([
    ['N2/CO', true],
    ['CO', true],
    ['SCO', false],
    ['CO2', false],
    ['Ar+H2', true],
    ['NH3', false],
  ])('%s', (g, reducing) => {
    expect(isReducingGas(g)).toBe(reducing);
  });
});

describe('detectMassLossOnset at the ends of the data and between equal steps', () => {
  it('of two equal steps, the first one’s onset', () => {
    // 10 mg, −1/256 mg/s over 100–356 s, flat, again −1/256 mg/s over 600–856 s (exact binary fractions: equal
    // maxima). At 96 s the 11-point slope sees only 101 s (−1/256 at offset +5): 5·(1/256)/110 = 0.000178 mg/s,
    // below 5 % of 1/256 (0.000195); at 97 s (4 + 2·5)/256/110 = 0.000497 is not: the onset is 96 s.
    const t = Float64Array.from({ length: 1001 }, (_, i) => i);
    const m = t.map((x) => 10 - (Math.min(Math.max(x - 100, 0), 256) + Math.min(Math.max(x - 600, 0), 256)) / 256);
    expect(detectMassLossOnset(t, m)).toBe(96);
  });

  it('a loss steepest at the first point starts there', () => {
    // m = 10 − 0.02 t + 0.0001 t²: the rate −0.02 + 0.0002 t is steepest at t = 0
    const t = Float64Array.from({ length: 101 }, (_, i) => i);
    expect(detectMassLossOnset(t, t.map((x) => 10 - 0.02 * x + 0.0001 * x * x))).toBe(0);
  });

  it('a loss above 5 % of its maximum all the way back to the first point starts there', () => {
    // m = 10 − 0.01 t − t²/40000 up to 400 s, flat after: the rate 0.01 + t/20000 is at least 0.01, a third of the
    // steepest 0.03, from the first point on
    const t = Float64Array.from({ length: 601 }, (_, i) => i);
    const m = t.map((x) => { const u = Math.min(x, 400); return 10 - 0.01 * u - (u * u) / 40000; });
    expect(detectMassLossOnset(t, m)).toBe(0);
  });
});
