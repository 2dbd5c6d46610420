/**
 * A temperature programme written as text in a file's header (the method as the instrument software prints it),
 * turned into segments on the file's time axis when the export itself has none.
 *
 * parseProgrammeText reads one step per line in the vendors' phrasings:
 *   TA        'Ramp 20.00 °C/min to 700.00 °C', 'Isothermal for 30.00 min', 'Isothermal 30.0 min',
 *             'Equilibrate at 700.00 °C', 'Jump 30.00 °C', 'Select gas 2', 'Select Gas: Hydrogen'
 *   Pyris     'Heat from 30.00°C to 700.00°C at 20.00°C/min', 'Cool from 700.00°C to 50.00°C at 20.00°C/min',
 *             'Hold for 30.0 min at 700.00°C', 'Switch the Gas to Hydrogen at 20.0 ml/min'
 *   NETZSCH   'Stage 2: 26 °C → 825 °C at 10 K/min', 'Stage 3: Isothermal 30 min at 825 °C',
 *             '37°C/15,0(K/min)/1000°C' (a dynamic range), '1000°C/00:30/1000°C' (a hold of hh:mm)
 *   STARe     '25.0 ... 700.0 °C, 20.00 K/min, Ar 50.0 ml/min', '700.0 °C, 30.00 min, H2 10.0 l/h'
 *   any       'Gas switch to H2', 'Gas: H2 / Ar'
 * A gas named on a step's line flows during that step; a line that only names a gas switches the gas from there on.
 * Lines that are none of these (flows, data storage, events, titles) are skipped.
 *
 * placeProgramme lays the steps end to end from the first data point, in programme time: a ramp lasts |ΔT|/rate, a
 * hold its minutes; an 'Equilibrate'/'Jump' step lasts until the measured temperature is within max(2 °C, 0.5 %) of
 * its target. The result is checked against the measured temperature, loosely (it is there to refuse a programme that
 * does not describe this run, not to judge a furnace: sample thermocouples read tens of °C off the setpoint) — every
 * hold of a minute or more must sit within max(30 °C, 5 %) of its temperature over its middle half (unless cooling
 * led into it), every heating ramp must bring the sample within
 * max(15 °C, 3 %) of its target by 10 min after the ramp's end (the sample lags the programme by tens of °C at 10–40
 * °C/min); cooling is not checked (a furnace cools freely more slowly than programmed at low temperature) — and
 * refused, with the step that disagrees, when it does not (a programme that does not describe this run, or data
 * recorded from a later point of the method).
 */
import type { Segment } from '../../shared/types';

export interface ProgrammeStep {
  kind: 'ramp' | 'isothermal' | 'equilibrate' | 'gas';
  /** The line as written (trimmed). */
  text: string;
  rateCPerMin?: number;
  fromC?: number;
  targetC?: number;
  minutes?: number;
  gas?: string;
}

const NUM = String.raw`[-+]?\d+(?:\.\d+)?`;
const GAS_WORDS = String.raw`H2|H₂|N2|N₂|Ar|He|O2|CO2|CO|air|hydrogen|nitrogen|argon|helium|oxygen|forming gas|formier\w*|wasserstoff|stickstoff`;

/** A gas named on a line: after 'switch the gas to', 'select gas', 'gas:', or a gas word with a flow beside it. */
export function gasOnLine(line: string): string | undefined {
  let m = /switch(?:\s+the)?\s+gas\s+to\s+([^,;]+?)(?:\s+at\s+[\d.]+\s*(?:ml|l)\/(?:min|h)|\s*[,;]|\s*$)/i.exec(line);
  if (m) return m[1].trim();
  m = /select\s+gas\s*:?\s*([^,;]+?)\s*(?:[,;]|$)/i.exec(line);
  if (m) return /^\d+$/.test(m[1].trim()) ? `Gas ${m[1].trim()}` : m[1].trim();
  m = /\bgas(?:\s+(?:switch|change))?\s*(?:to|:)\s*([^,;]+?)\s*(?:[,;]|$)/i.exec(line);
  if (m) return m[1].trim();
  m = new RegExp(String.raw`(?:^|[\s,;(])((?:\d+\s*%\s*)?(?:${GAS_WORDS})(?:\s*[/+-]\s*(?:${GAS_WORDS}))?)(?=\s*[\d.]+\s*(?:ml|l)\/(?:min|h)|\s*[,;)]|\s*$)`, 'i').exec(line);
  return m ? m[1].trim() : undefined;
}

/** One line → a step, or null when the line is not a programme step. */
export function parseProgrammeLine(raw: string): ProgrammeStep | null {
  // numbering ('1)', '[2]', 'Stage 3:', '4:'), then decimal commas between digits (15,0 → 15.0)
  const text = raw.trim();
  const line = text
    .replace(/^(?:\d+\)|\[\d+\]|stage\s*\d+\s*:|seg(?:ment)?\.?\s*\d+\s*:|\d+\s*:)\s*/i, '')
    .replace(/(\d),(\d)/g, '$1.$2')
    .replace(/\uFFFD/g, '°');
  if (line === '' || /^(initial|final|pre-run|start the run|action|data|event|mass flow|balance flow|purge|end condition)/i.test(line)) return null;
  const gas = gasOnLine(line);
  const rate = new RegExp(String.raw`(${NUM})\s*\(?\s*(?:°\s*C|K|C)\s*/\s*min\)?`, 'i').exec(line);
  // temperatures: numbers with °C (not a rate's °C/min); 'A ... B °C' and 'A..B °C' give both ends, whatever other
  // temperature the line names (a limit, the furnace's): the range's first number has no °C of its own
  const temps = [...line.matchAll(new RegExp(String.raw`(${NUM})\s*°?\s*C\b(?!\s*/\s*min)`, 'gi'))].map((m) => Number(m[1]));
  const range = new RegExp(String.raw`(${NUM})\s*(?:\.{2,3}|…|→|->)\s*(${NUM})\s*°?\s*C\b`, 'i').exec(line);
  if (range) temps.splice(0, temps.length, Number(range[1]), Number(range[2]));
  const hhmm = /(?:^|\/)\s*(\d{1,2}):(\d{2})\s*(?:\/|$)/.exec(line);
  const dur = new RegExp(String.raw`(${NUM})\s*(min|minutes?|h|hours?|s|sec)\b(?!\s*\))`, 'i').exec(line.replace(rate?.[0] ?? '\u0000', ' '));
  const minutes = hhmm ? Number(hhmm[1]) * 60 + Number(hhmm[2]) : dur ? Number(dur[1]) * (/^h/i.test(dur[2]) ? 60 : /^s/i.test(dur[2]) ? 1 / 60 : 1) : undefined;
  const base = { text, ...(gas ? { gas } : {}) };
  if (rate && temps.length >= 1) {
    const r = Number(rate[1]);
    const targetC = temps[temps.length - 1];
    const fromC = temps.length >= 2 ? temps[0] : undefined;
    return { kind: 'ramp', ...base, rateCPerMin: Math.abs(r), targetC, ...(fromC !== undefined ? { fromC } : {}) };
  }
  if (/^(equilibrate|jump|go\s*to)\b/i.test(line) && temps.length >= 1) return { kind: 'equilibrate', ...base, targetC: temps[temps.length - 1] };
  if (minutes !== undefined && (/hold|isotherm|iso\b/i.test(line) || temps.length >= 1 || hhmm)) {
    return { kind: 'isothermal', ...base, minutes, ...(temps.length ? { targetC: temps[temps.length - 1] } : {}) };
  }
  if (gas && (/gas|switch|select/i.test(line) || line.length < 40)) return { kind: 'gas', ...base };
  return null;
}

/** The steps of a programme text (one step per line; ';' also separates steps). */
export function parseProgrammeText(lines: string[]): ProgrammeStep[] {
  const out: ProgrammeStep[] = [];
  for (const block of lines) for (const part of block.split(/\r?\n|;/)) {
    const step = parseProgrammeLine(part);
    if (step) out.push(step);
  }
  return out;
}

export type Placement = { ok: true; segments: Segment[]; note: string } | { ok: false; reason: string };

const median = (values: number[]): number => {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Measured temperatures between two file times. */
function temperaturesIn(timeS: Float64Array, temperatureC: Float64Array, fromS: number, toS: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < timeS.length; i++) if (timeS[i] >= fromS && timeS[i] <= toS && Number.isFinite(temperatureC[i])) out.push(temperatureC[i]);
  return out;
}

const fmt = (x: number): string => String(Math.round(x * 10) / 10);

/** Segments of the programme on the file's time axis (see the module comment), or why it cannot be placed. */
export function placeProgramme(steps: ProgrammeStep[], timeS: Float64Array, temperatureC: Float64Array | null): Placement {
  const usable = steps.filter((s) => s.kind !== 'gas');
  if (usable.length === 0) return { ok: false, reason: 'the header names no ramp or hold' };
  const n = timeS.length;
  const lastS = timeS[n - 1];
  let t = timeS[0];
  let tempC = temperatureC ? median(Array.from(temperatureC.subarray(0, Math.min(n, 10)))) : Number.NaN;
  let gas: string | undefined;
  const segments: Segment[] = [];
  for (const step of steps) {
    if (t >= lastS) break;
    if (step.kind === 'gas') {
      gas = step.gas;
      continue;
    }
    const stepGas = step.gas ?? gas;
    if (step.gas) gas = step.gas;
    let endS: number;
    let kind: Segment['kind'];
    let targetC = step.targetC;
    if (step.kind === 'ramp') {
      const fromC = step.fromC ?? tempC;
      if (!Number.isFinite(fromC) || targetC === undefined || !(step.rateCPerMin! > 0)) return { ok: false, reason: `'${step.text}': no start temperature to time the ramp from` };
      endS = t + (Math.abs(targetC - fromC) / step.rateCPerMin!) * 60;
      kind = targetC < fromC ? 'cool' : 'ramp';
    } else if (step.kind === 'isothermal') {
      endS = t + step.minutes! * 60;
      kind = 'isothermal';
      targetC ??= Number.isFinite(tempC) ? tempC : undefined;
    } else {
      if (!temperatureC || targetC === undefined) return { ok: false, reason: `'${step.text}': its length depends on the measured temperature, which the file lacks` };
      const tol = Math.max(2, 0.005 * Math.abs(targetC));
      let k = -1;
      for (let i = 0; i < n; i++) if (timeS[i] >= t && Math.abs(temperatureC[i] - targetC) <= tol) { k = i; break; }
      if (k < 0) return { ok: false, reason: `'${step.text}': the measured temperature never reaches ${fmt(targetC)} °C` };
      endS = timeS[k];
      kind = Number.isFinite(tempC) && targetC < tempC ? 'cool' : 'ramp';
    }
    if (!(endS > t)) {
      // a zero-length step ('25.0 °C, 0.00 min'): it only sets the temperature
      if (targetC !== undefined) tempC = targetC;
      continue;
    }
    const seg: Segment = { index: segments.length + 1, label: step.text, startS: t, endS: Math.min(endS, lastS), kind };
    if (stepGas) seg.gas = stepGas;
    if (step.rateCPerMin !== undefined) seg.rateCPerMin = step.rateCPerMin;
    if (targetC !== undefined) seg.targetC = targetC;
    segments.push(seg);
    t = endS;
    if (targetC !== undefined) tempC = targetC;
  }
  if (segments.length === 0) return { ok: false, reason: 'no step falls inside the data' };
  if (temperatureC) {
    for (let k = 0; k < segments.length; k++) {
      const s = segments[k];
      if (s.targetC === undefined) continue;
      if (s.kind === 'isothermal' && s.endS - s.startS >= 60 && segments[k - 1]?.kind !== 'cool') {
        const quarter = (s.endS - s.startS) / 4;
        const measured = median(temperaturesIn(timeS, temperatureC, s.startS + quarter, s.endS - quarter));
        if (Number.isFinite(measured) && Math.abs(measured - s.targetC) > Math.max(30, 0.05 * Math.abs(s.targetC))) {
          return { ok: false, reason: `step '${s.label}' holds ${fmt(s.targetC)} °C but the measured temperature there is ${fmt(measured)} °C` };
        }
      }
      if (s.kind === 'ramp' && s.endS < lastS) {
        // the sample lags the programme while heating (tens of °C at 10–40 °C/min): it must reach the target within
        // 10 min of the ramp's end
        const reached = Math.max(...temperaturesIn(timeS, temperatureC, s.startS, Math.min(lastS, s.endS + 600)).filter(Number.isFinite));
        if (Number.isFinite(reached) && reached < s.targetC - Math.max(15, 0.03 * Math.abs(s.targetC))) {
          return { ok: false, reason: `step '${s.label}' heats to ${fmt(s.targetC)} °C but the measured temperature reaches only ${fmt(reached)} °C by 10 min after its end` };
        }
      }
    }
  }
  return { ok: true, segments, note: `${segments.length} step${segments.length === 1 ? '' : 's'} of the header programme laid end to end from ${fmt(timeS[0])} s and checked against the measured temperature` };
}
