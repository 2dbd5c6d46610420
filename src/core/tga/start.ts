/**
 * Where the reduction starts (and ends), in file time. In order of preference:
 *   1. options.startS (manual override);
 *   2. the first gas event switching to a reducing gas (H2, hydrogen, forming gas, CO);
 *   3. the first programme segment whose gas is reducing;
 *   4. detection from the data: the steepest mass loss is located on a 31 s Savitzky–Golay dm/dt (robust to
 *      noise); walking back from it on an 11 s dm/dt (sharper in time), the start is the last point whose loss
 *      rate is below 5 % of the steepest rate — the onset of the main mass-loss step. An abrupt
 *      start is placed up to half that window (5 s) early.
 * The end, the first rule that applies (each says which it was, endSource and endNote):
 *   1. options.endS (the user's end);
 *   2. the gas: when a reducing gas flows at the start, the next switch to a non-reducing gas, or the end of the
 *      reducing segment;
 *   3. the programme: the end of the isothermal hold that holds the start, or for a start under heating the start of
 *      the first cooling segment — from the file's segments ('segment') or, when the file has none, from a programme
 *      written in its header ('programme', core/tga/programme.ts);
 *   4. the temperature: where it leaves the hold plateau, or where cooling starts (core/tga/window-end.ts);
 *   5. the end of the data.
 * A manual or detected start with no reducing gas on record is not ended by the first gas event that follows — the
 * file does not say which gas reduces (Pyris 'external channel' switches, purge-gas changes under a separate H2
 * line); rules 3–5 decide.
 */
import type { GasEvent, Segment } from '../../shared/types';
import type { EndSource, StartSource } from '../../shared/analysis';
import { savitzkyGolayDerivative } from './derivative';
import { lowerBound } from './series';
import { programmeEnd, temperatureEnd } from './window-end';

/** H2, H₂, hydrogen, forming gas, 5 % H2/Ar, Ar-H2, CO (not CO2). */
export function isReducingGas(gas: string): boolean {
  return /(^|[^A-Za-z])H(2|₂)(?![A-Za-z0-9])|hydrogen|wasserstoff|forming|formier|(^|[^A-Za-z])CO(?![A-Za-z0-9₂])/i.test(gas);
}

export interface ReductionWindow {
  startS: number;
  startSource: StartSource;
  startNote: string;
  /** File time where the reducing atmosphere ends (or the last time of the data). */
  endS: number;
  /** Which rule set the end: the user, a gas switch, a programme segment, or the end of the data. */
  endSource: EndSource;
  endNote: string;
}

export interface StartInput {
  timeS: Float64Array;
  massMg: Float64Array;
  gasEvents: GasEvent[];
  segments: Segment[];
  startS?: number | null;
  /** File time (s) where the reducing window ends; null/undefined = automatic. */
  endS?: number | null;
  /** Measured temperature (°C) on timeS, for the temperature rule of the end; null/absent = no such rule. */
  temperatureC?: Float64Array | null;
  /** Where `segments` come from: the file's own (default) or a programme written in its header. */
  segmentsFrom?: 'file' | 'programme';
}

const fmtS = (s: number): string => `${Math.round(s * 10) / 10} s`;

export function findReductionWindow(input: StartInput): ReductionWindow {
  const { timeS, gasEvents, segments } = input;
  const lastS = timeS[timeS.length - 1];
  const events = [...gasEvents].sort((a, b) => a.timeS - b.timeS);
  const reducingAt = (t: number): boolean => {
    let last: GasEvent | undefined;
    for (const e of events) if (e.timeS <= t) last = e;
    if (last) return isReducingGas(last.gas);
    return segments.some((s) => s.startS <= t && s.endS > t && s.gas !== undefined && isReducingGas(s.gas));
  };
  const fromHeader = input.segmentsFrom === 'programme';
  const segSource: EndSource = fromHeader ? 'programme' : 'segment';
  const segWord = fromHeader ? 'header programme step' : 'programme segment';
  /** Rules 3–5: the programme, the temperature, the end of the data. */
  const endWithoutGas = (startS: number, why: string): { endS: number; endSource: EndSource; endNote: string } => {
    const prog = programmeEnd(segments, startS, lastS);
    if (prog) {
      const what = prog.kind === 'hold' ? `the hold '${prog.label}' ends` : `cooling starts with '${prog.label}'`;
      return { endS: prog.endS, endSource: segSource, endNote: `${what} at ${fmtS(prog.endS)} (${fromHeader ? 'programme in the file header' : "the file's programme segments"})` };
    }
    const byT = temperatureEnd(timeS, input.temperatureC ?? null, startS);
    if (byT) return { endS: byT.endS, endSource: 'temperature', endNote: byT.note };
    return { endS: lastS, endSource: 'data', endNote: `end of the data (${why}; no programme step and no temperature change ends the window; set the end to stop earlier)` };
  };
  const endAfter = (startS: number): { endS: number; endSource: EndSource; endNote: string } => {
    if (input.endS !== null && input.endS !== undefined) {
      if (!Number.isFinite(input.endS) || !(input.endS > startS)) throw new Error(`reduction end ${input.endS} s must lie after the start (${startS} s)`);
      const endS = Math.min(input.endS, lastS);
      return { endS, endSource: 'manual', endNote: `the end set by the user at ${fmtS(input.endS)}${input.endS > lastS ? ` (the data end at ${fmtS(lastS)})` : ''}` };
    }
    // A start set a little before the switch to H2 still ends where the H2 ends.
    const on = reducingAt(startS) ? startS : events.find((e) => e.timeS > startS && isReducingGas(e.gas))?.timeS;
    if (on === undefined) return endWithoutGas(startS, 'no reducing gas on record');
    const off = events.find((e) => e.timeS > on && !isReducingGas(e.gas));
    if (off) return { endS: off.timeS, endSource: 'gas-event', endNote: `gas switches to ${off.gas} at ${fmtS(off.timeS)}` };
    const seg = segments.find((s) => s.startS <= startS && s.endS > startS && s.gas !== undefined && isReducingGas(s.gas));
    if (seg && seg.endS < lastS) return { endS: seg.endS, endSource: segSource, endNote: `reducing ${segWord} '${seg.label}' ends at ${fmtS(seg.endS)}` };
    return endWithoutGas(startS, 'the reducing gas flows to the end');
  };

  if (input.startS !== null && input.startS !== undefined) {
    if (!Number.isFinite(input.startS)) throw new Error(`reduction start ${input.startS} s is not a number`);
    if (input.startS < timeS[0] || input.startS >= lastS) {
      throw new Error(`reduction start ${input.startS} s lies outside the data (${timeS[0]}–${lastS} s)`);
    }
    return { startS: input.startS, startSource: 'manual', startNote: `set by the user at ${fmtS(input.startS)}`, ...endAfter(input.startS) };
  }

  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (!isReducingGas(e.gas)) continue;
    const prev = i > 0 ? events[i - 1].gas : segments.find((s) => s.gas !== undefined && s.startS < e.timeS && s.endS >= e.timeS)?.gas;
    const note = prev
      ? `gas switches ${prev} → ${e.gas} at ${fmtS(e.timeS)} (${e.source})`
      : e.timeS <= timeS[0]
        ? `${e.gas} flows from the first point, ${fmtS(e.timeS)} (${e.source})`
        : `gas switches to ${e.gas} at ${fmtS(e.timeS)} (${e.source})`;
    return { startS: e.timeS, startSource: 'gas-event', startNote: note, ...endAfter(e.timeS) };
  }

  const seg = segments.find((s) => s.gas !== undefined && isReducingGas(s.gas));
  if (seg) {
    return {
      startS: seg.startS,
      startSource: 'segment',
      startNote: `${segWord} '${seg.label}' (${seg.gas}) starts at ${fmtS(seg.startS)}${fromHeader ? ' (programme in the file header)' : ''}`,
      ...(input.endS !== null && input.endS !== undefined
        ? endAfter(seg.startS)
        : seg.endS < lastS
          ? { endS: seg.endS, endSource: segSource, endNote: `${fromHeader ? 'header programme step' : 'segment'} '${seg.label}' ends at ${fmtS(seg.endS)}` }
          : endWithoutGas(seg.startS, 'the reducing segment lasts to the end')),
    };
  }

  const detected = detectMassLossOnset(timeS, input.massMg);
  if (detected === null) {
    throw new Error('cannot find the reduction start: no reducing gas in the file and no mass-loss step in the data; give the start time');
  }
  return {
    startS: detected,
    startSource: 'detected',
    startNote: `no reducing gas recorded: onset of the main mass-loss step (loss rate < 5 % of its maximum) at ${fmtS(detected)}`,
    ...endAfter(detected),
  };
}

/** Onset of the steepest mass-loss step (see the module comment); null when the mass never falls. */
export function detectMassLossOnset(timeS: Float64Array, massMg: Float64Array, fraction = 0.05): number | null {
  // Stryker disable next-line ObjectLiteral: 31 s and order 2 are savitzkyGolayDerivative's own defaults (an empty object gives the same)
  const coarse = savitzkyGolayDerivative(timeS, massMg, { windowS: 31, polynomial: 2 }).values;
  let iMax = -1;
  let maxLoss = 0;
  for (let i = 0; i < coarse.length; i++) {
    if (-coarse[i] > maxLoss) {
      maxLoss = -coarse[i];
      iMax = i;
    }
  }
  if (iMax < 0) return null;
  const fine = savitzkyGolayDerivative(timeS, massMg, { windowS: 11, polynomial: 2 }).values;
  let i = iMax;
  while (i > 0 && -fine[i] >= fraction * maxLoss) i--;
  return timeS[i];
}

/** Index of the first sample at or after the start time. */
export function startIndex(timeS: Float64Array, startS: number): number {
  return Math.min(lowerBound(timeS, startS), timeS.length - 1);
}
