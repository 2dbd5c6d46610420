import { describe, expect, it } from 'vitest';
import type { GasEvent, Segment } from '../../shared/types';
import { detectMassLossOnset, findReductionWindow, startIndex } from './start';

const timeS = Float64Array.from({ length: 1001 }, (_, i) => i); // 0…1000 s
const flat = timeS.map(() => 10);
const gas = (t: number, g: string, source = 'Gas column'): GasEvent => ({ timeS: t, gas: g, source });
const hold = (g?: string): Segment => ({ index: 1, label: 'Hold 10 min', startS: 100, endS: 700, kind: 'isothermal', ...(g ? { gas: g } : {}) });
const dataEnd = (why: string): string => `end of the data (${why}; no programme step and no temperature change ends the window; set the end to stop earlier)`;

describe('findReductionWindow: start and end as the user reads them', () => {
  it('gas events (in any order): Ar → 5 % H2/Ar starts it, the switch back to Ar ends it', () => {
    const w = findReductionWindow({ timeS, massMg: flat, gasEvents: [gas(800, 'Ar'), gas(300, '5% H2/Ar'), gas(200, 'Ar')], segments: [] });
    expect(w).toEqual({
      startS: 300,
      startSource: 'gas-event',
      startNote: 'gas switches Ar → 5% H2/Ar at 300 s (Gas column)',
      endS: 800,
      endSource: 'gas-event',
      endNote: 'gas switches to Ar at 800 s',
    });
  });

  it('H2 from the first point to the end of the data', () => {
    const w = findReductionWindow({ timeS, massMg: flat, gasEvents: [gas(0, 'H2', 'header')], segments: [] });
    expect(w.startNote).toBe('H2 flows from the first point, 0 s (header)');
    expect([w.endS, w.endSource, w.endNote]).toEqual([1000, 'data', dataEnd('the reducing gas flows to the end')]);
  });

  it('a first switch to H2 with no gas before it, or with the gas of the segment it falls in', () => {
    const alone = findReductionWindow({ timeS, massMg: flat, gasEvents: [gas(150.04, 'H2')], segments: [] });
    expect(alone.startNote).toBe('gas switches to H2 at 150 s (Gas column)');
    const inSegment = findReductionWindow({ timeS, massMg: flat, gasEvents: [gas(150, 'H2')], segments: [{ ...hold('N2'), startS: 0 }] });
    expect(inSegment.startNote).toBe('gas switches N2 → H2 at 150 s (Gas column)');
  });

  it('a reducing programme segment starts and ends it (the file’s segments, or a programme in the header)', () => {
    const w = findReductionWindow({ timeS, massMg: flat, gasEvents: [], segments: [hold('H2')] });
    expect(w).toEqual({
      startS: 100,
      startSource: 'segment',
      startNote: "programme segment 'Hold 10 min' (H2) starts at 100 s",
      endS: 700,
      endSource: 'segment',
      endNote: "segment 'Hold 10 min' ends at 700 s",
    });
    const header = findReductionWindow({ timeS, massMg: flat, gasEvents: [], segments: [hold('H2')], segmentsFrom: 'programme' });
    expect([header.startNote, header.endSource, header.endNote]).toEqual([
      "header programme step 'Hold 10 min' (H2) starts at 100 s (programme in the file header)",
      'programme',
      "header programme step 'Hold 10 min' ends at 700 s",
    ]);
    // a user's end wins over the segment's
    const manualEnd = findReductionWindow({ timeS, massMg: flat, gasEvents: [], segments: [hold('H2')], endS: 400 });
    expect([manualEnd.endS, manualEnd.endSource]).toEqual([400, 'manual']);
  });

  it('a manual start (rounded to 0.1 s in the note); set just before the switch to H2 it still ends where the H2 ends', () => {
    const w = findReductionWindow({ timeS, massMg: flat, gasEvents: [gas(300, 'H2'), gas(800, 'Ar')], segments: [], startS: 250.25 });
    expect([w.startS, w.startSource, w.startNote]).toEqual([250.25, 'manual', 'set by the user at 250.3 s']);
    expect([w.endS, w.endSource]).toEqual([800, 'gas-event']);
    // no reducing gas on record: the first gas event after it does not end it
    const noGas = findReductionWindow({ timeS, massMg: flat, gasEvents: [gas(600, 'N2')], segments: [], startS: 250 });
    expect([noGas.endS, noGas.endSource, noGas.endNote]).toEqual([1000, 'data', dataEnd('no reducing gas on record')]);
  });

  it('a manual end past the data is cut to the data and says so; the start and end are checked', () => {
    const w = findReductionWindow({ timeS, massMg: flat, gasEvents: [gas(300, 'H2')], segments: [], endS: 1200 });
    expect([w.endS, w.endSource, w.endNote]).toEqual([1000, 'manual', 'the end set by the user at 1200 s (the data end at 1000 s)']);
    const base = { timeS, massMg: flat, gasEvents: [gas(300, 'H2')], segments: [] };
    expect(() => findReductionWindow({ ...base, endS: 300 })).toThrow('reduction end 300 s must lie after the start (300 s)');
    expect(() => findReductionWindow({ ...base, endS: NaN })).toThrow('reduction end NaN s must lie after the start (300 s)');
    expect(() => findReductionWindow({ ...base, startS: NaN })).toThrow('reduction start NaN s is not a number');
    expect(() => findReductionWindow({ ...base, startS: -5 })).toThrow('reduction start -5 s lies outside the data (0–1000 s)');
    expect(() => findReductionWindow({ ...base, startS: 1000 })).toThrow('reduction start 1000 s lies outside the data (0–1000 s)');
    expect(findReductionWindow({ ...base, startS: 0 }).startS).toBe(0);
  });

  it('no gas on record: the onset of the mass-loss step, found from the data', () => {
    // 10 mg until 400 s, then −0.01 mg/s to 600 s, then flat. On the 11-point (11 s) centred slope Σ j·y/Σ j² (Σ j² = 110)
    // the loss rate at 397 s is (4·0.01 + 5·0.02)/110 = 12.7 % of 0.01 mg/s, at 396 s 5·0.01/110 = 4.5 %: the start is 396 s.
    const mass = timeS.map((t) => 10 - 0.01 * Math.min(Math.max(t - 400, 0), 200));
    expect(detectMassLossOnset(timeS, mass)).toBe(396);
    const w = findReductionWindow({ timeS, massMg: mass, gasEvents: [], segments: [] });
    expect([w.startS, w.startSource, w.startNote]).toEqual([396, 'detected', 'no reducing gas recorded: onset of the main mass-loss step (loss rate < 5 % of its maximum) at 396 s']);
    expect(w.endSource).toBe('data');
    // a looser fraction (20 %) stops one point later: 12.7 % < 20 % at 397 s, (3·0.01 + 4·0.02 + 5·0.03)/110 = 23.6 % at 398 s
    expect(detectMassLossOnset(timeS, mass, 0.2)).toBe(397);
  });

  it('no gas and no loss: null from the detector and a message asking for the start', () => {
    const gain = timeS.map((t) => 10 + 1e-4 * t);
    expect(detectMassLossOnset(timeS, gain)).toBeNull();
    expect(() => findReductionWindow({ timeS, massMg: gain, gasEvents: [], segments: [] })).toThrow(
      'cannot find the reduction start: no reducing gas in the file and no mass-loss step in the data; give the start time',
    );
  });

  it('startIndex: the first sample at or after the start, clamped to the last', () => {
    const t = Float64Array.from([0, 1, 2]);
    expect([startIndex(t, 0), startIndex(t, 1), startIndex(t, 1.5), startIndex(t, 5)]).toEqual([0, 1, 2, 2]);
  });

  it('no manual end given as null (as the app passes it): a reducing segment still ends the window at its own end', () => {
    const w = findReductionWindow({ timeS, massMg: flat, gasEvents: [], segments: [hold('H2')], endS: null });
    expect([w.endS, w.endSource, w.endNote]).toEqual([700, 'segment', "segment 'Hold 10 min' ends at 700 s"]);
  });

  it('a manual start before a reducing segment, no gas events: no reducing gas at the start is what the note says', () => {
    // The H2 segment runs 300–1000 s (to the data end); the start at 100 s lies in an N2 ramp with no cooling after
    // it, and there is no temperature: the window runs to the data end, and at 100 s no reducing gas flows.
    const ramp: Segment = { index: 1, label: 'Ramp', startS: 0, endS: 300, kind: 'ramp', gas: 'N2' };
    const h2: Segment = { index: 2, label: 'H2', startS: 300, endS: 1000, kind: 'isothermal', gas: 'H2' };
    const w = findReductionWindow({ timeS, massMg: flat, gasEvents: [], segments: [ramp, h2], startS: 100 });
    expect([w.startS, w.endS, w.endSource, w.endNote]).toEqual([100, 1000, 'data', dataEnd('no reducing gas on record')]);
  });
});
