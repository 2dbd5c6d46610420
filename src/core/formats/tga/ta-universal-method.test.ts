/**
 * TA Universal Analysis exports written by hand in the layout of the real ones (TAInstruments.txt, mof.txt: 'Key<TAB>
 * value' header, Nsig/SigN, OrgMethod steps, -3 segment-marker rows, StartOfData or none), for the method cases the
 * real files do not have. Every expected time is computed here from the method text and the rows.
 */
import { describe, expect, it } from 'vitest';
import { decodeHead } from '../../text/decode';
import { taUniversal } from './ta-universal';
import { utf16le } from './testkit';

const HEAD = ['CLOSED', 'Version\t2.0', 'Instrument\tTGA Q500 V20.13 Build 39', 'Sample\tNiO-5', 'Size\t10.0000\tmg'];
const SIGS = ['Nsig\t3', 'Sig1\tTime (min)', 'Sig2\tTemperature (°C)', 'Sig3\tWeight (mg)'];
const row = (tMin: number, tempC: number, massMg: number): string => `${tMin.toFixed(6)}\t${tempC.toFixed(4)}\t${massMg.toFixed(5)}`;
const parse = (lines: string[]) => taUniversal.parse({ fileName: 'hand.txt', bytes: utf16le(lines.join('\r\n') + '\r\n') });

/** A row a minute from 0 to 40 min: 25 → 315 °C at 10 °C/min over the first 29 min, then 315 °C. */
const heatAndHold = Array.from({ length: 41 }, (_, t) => row(t, Math.min(315, 25 + 10 * t), 10 - 0.01 * t));

describe('taUniversal: the method laid on the data', () => {
  it('segments from the markers alone when the file has no method steps', () => {
    const run = parse([...HEAD, ...SIGS, 'StartOfData', '-3.000000\t1.000000\t0.0000000', row(0, 25, 10), row(1, 35, 9.99), row(2, 45, 9.98), '-3.000000\t2.000000\t0.0000000', row(3, 55, 9.97), row(4, 65, 9.96)]);
    // Segment 1 starts on the first row (0 s), segment 2 on the row after its marker (3 min = 180 s); the last ends with the data.
    expect(run.segments).toEqual([
      { index: 1, label: 'Segment 1', startS: 0, endS: 180, kind: 'unknown' },
      { index: 2, label: 'Segment 2', startS: 180, endS: 240, kind: 'unknown' },
    ]);
    // No steps to place, so no word about placing them.
    expect(run.warnings.some((w) => w.startsWith('No temperature signal'))).toBe(false);
  });

  it('a marker within 3 min moves one step onto it, once: the next step starts where the previous one ended', () => {
    // Marker of segment 2 before the 30-min row (1800 s). Step 1 ramps 290 °C at 10 °C/min: 29 min, nominally to
    // 1740 s; step 2 is 60 s from the marker, so it starts on it (1800 s) and step 1 ends there. Step 2 (1 min):
    // 1800–1860 s; step 3 (2 min) follows at 1860 s, 60 s from the used marker, and, last, ends with the data.
    const data = [...heatAndHold.slice(0, 30), '-3.000000\t2.000000\t0.0000000', ...heatAndHold.slice(30)];
    const method = ['OrgMethod\t1: Ramp 10.00 °C/min to 315.00 °C', 'OrgMethod\t2: Isothermal for 1.00 min', 'OrgMethod\t3: Isothermal for 2.00 min'];
    const run = parse([...HEAD, ...method, ...SIGS, 'StartOfData', ...data]);
    expect(run.segments).toEqual([
      { index: 1, label: 'Ramp 10.00 °C/min to 315.00 °C', startS: 0, endS: 1800, kind: 'ramp', rateCPerMin: 10, targetC: 315 },
      { index: 2, label: 'Isothermal for 1.00 min', startS: 1800, endS: 1860, kind: 'isothermal', targetC: 315 },
      { index: 3, label: 'Isothermal for 2.00 min', startS: 1860, endS: 2400, kind: 'isothermal', targetC: 315 },
    ]);
    expect(run.warnings.some((w) => w.includes('matched no method step'))).toBe(false);
  });

  it('places no step after "Data storage Off": the data stop there', () => {
    const method = ['OrgMethod\t1: Ramp 10.00 °C/min to 315.00 °C', 'OrgMethod\t2: Data storage Off', 'OrgMethod\t3: Isothermal for 5.00 min'];
    const run = parse([...HEAD, ...method, ...SIGS, 'StartOfData', ...heatAndHold]);
    // The ramp's nominal end (29 min) stays: the run is not stretched to the last row when storage was switched off.
    expect(run.segments).toEqual([{ index: 1, label: 'Ramp 10.00 °C/min to 315.00 °C', startS: 0, endS: 1740, kind: 'ramp', rateCPerMin: 10, targetC: 315 }]);
    expect(run.programme).toEqual(['1: Ramp 10.00 °C/min to 315.00 °C', '2: Data storage Off', '3: Isothermal for 5.00 min']);
  });

  it('finds the data without StartOfData when the rows begin with blanks', () => {
    const rows = [' 0.000000  25.0000  10.00000', ' 1.000000  35.0000   9.99000', ' 2.000000  45.0000   9.98000'];
    const run = parse([...HEAD, ...SIGS, ...rows]);
    expect(Array.from(run.timeS)).toEqual([0, 60, 120]);
    expect(Array.from(run.massMg ?? [])).toEqual([10, 9.99, 9.98]);
    expect(run.source.dataStartLine).toBe(HEAD.length + SIGS.length + 1);
  });

  it('a first line CLOSED (how Universal Analysis opens an export) adds to the claim', () => {
    const head = (lines: string[]): string => decodeHead(utf16le([...lines, ...SIGS, 'StartOfData', row(0, 25, 10)].join('\r\n')));
    const score = (lines: string[]): number => taUniversal.detect({ fileName: 'run.001', headText: head(lines), headBytes: utf16le('').subarray(0, 2) });
    expect(score(HEAD)).toBeGreaterThan(score(HEAD.slice(1)));
    // Only a line that is CLOSED and nothing else.
    expect(score(['CLOSEDOWN', ...HEAD.slice(1)])).toBe(score(HEAD.slice(1)));
    expect(score(HEAD.slice(1))).toBeGreaterThanOrEqual(0.95);
  });

  it('without a temperature signal: a warning that the steps cannot be placed, and the Controls gas at the start', () => {
    const sigs = ['Nsig\t2', 'Sig1\tTime (min)', 'Sig2\tWeight (mg)'];
    const run = parse([...HEAD, 'Controls\tGas 2  Event Off  Sampling 0.5', 'OrgMethod\t1: Isothermal for 5.00 min', ...sigs, 'StartOfData', '0.000000\t10.00000', '1.000000\t9.99000']);
    expect(run.temperatureC).toBeNull();
    expect(run.warnings).toContain('No temperature signal: the method steps could not be placed in time.');
    expect(run.gasEvents).toEqual([{ timeS: 0, gas: 'Gas 2', source: 'Controls line (gas selected at the start)' }]);
  });

  it('converts a temperature signal in K to °C', () => {
    const sigs = ['Nsig\t3', 'Sig1\tTime (min)', 'Sig2\tTemperature (K)', 'Sig3\tWeight (mg)'];
    const run = parse([...HEAD, ...sigs, 'StartOfData', '0.000000\t298.15\t10.00000', '1.000000\t373.15\t9.99000']);
    expect(Array.from(run.temperatureC ?? []).map((t) => Number(t.toFixed(10)))).toEqual([25, 100]);
  });
});
