import { describe, expect, it } from 'vitest';
import type { GasEvent, Segment } from '../../shared/types';
import { findReductionWindow } from './start';

// The notes a user reads beside the reduction window, for the ends the other start tests do not reach.
const timeS = Float64Array.from({ length: 1001 }, (_, i) => i); // 0…1000 s
const flat = timeS.map(() => 10);
const gas = (t: number, g: string): GasEvent => ({ timeS: t, gas: g, source: 'Gas column' });
const seg = (label: string, startS: number, endS: number, kind: Segment['kind'], g?: string): Segment => ({ index: 1, label, startS, endS, kind, ...(g ? { gas: g } : {}) });

describe('findReductionWindow: end notes', () => {
  it('a manual end exactly at the last point says nothing about the data ending earlier', () => {
    const w = findReductionWindow({ timeS, massMg: flat, gasEvents: [gas(300, 'H2')], segments: [], endS: 1000 });
    expect([w.endS, w.endSource, w.endNote]).toEqual([1000, 'manual', 'the end set by the user at 1000 s']);
  });

  it('H2 switched on inside a reducing segment with no switch back: the segment end closes the window', () => {
    const w = findReductionWindow({ timeS, massMg: flat, gasEvents: [gas(300, 'H2')], segments: [seg('Hold 10 min', 100, 700, 'isothermal', 'H2')] });
    expect([w.startS, w.endS, w.endSource, w.endNote]).toEqual([300, 700, 'segment', "reducing programme segment 'Hold 10 min' ends at 700 s"]);
  });

  it('a reducing segment that runs to the last point does not close the window: the data end does', () => {
    const w = findReductionWindow({ timeS, massMg: flat, gasEvents: [gas(300, 'H2')], segments: [seg('Hold to the end', 100, 1000, 'isothermal', 'H2')] });
    expect([w.endS, w.endSource, w.endNote]).toEqual([
      1000,
      'data',
      'end of the data (the reducing gas flows to the end; no programme step and no temperature change ends the window; set the end to stop earlier)',
    ]);
  });

  it('without a reducing gas, the programme ends the window: a hold, or the start of cooling after a ramp', () => {
    const hold = findReductionWindow({ timeS, massMg: flat, gasEvents: [], segments: [seg('Hold 10 min', 100, 700, 'isothermal')], startS: 250 });
    expect([hold.endS, hold.endSource, hold.endNote]).toEqual([700, 'segment', "the hold 'Hold 10 min' ends at 700 s (the file's programme segments)"]);
    const ramp = findReductionWindow({
      timeS,
      massMg: flat,
      gasEvents: [],
      segments: [seg('10 °C/min to 700 °C', 0, 600, 'ramp'), seg('Cool to 25 °C', 600, 1000, 'cool')],
      startS: 250,
      segmentsFrom: 'programme',
    });
    expect([ramp.endS, ramp.endSource, ramp.endNote]).toEqual([600, 'programme', "cooling starts with 'Cool to 25 °C' at 600 s (programme in the file header)"]);
  });
});
