/**
 * TA Universal Analysis spellings the real exports (TAInstruments.txt, mof.txt) do not show, written by hand: method
 * steps with or without blanks around the step number's colon, storage steps with doubled blanks, the claim's keys
 * only at the start of a line, signal keys by their whole name, lines opened by several form feeds, and signal names
 * whose role word is not where the reader looks for it. Expected values are set by the construction.
 */
import { describe, expect, it } from 'vitest';
import { parseUaStep, taUniversal } from './ta-universal';
import { utf16le } from './testkit';

const HEAD = ['Instrument\tTGA Q500 V20.13 Build 39', 'Sample\tNiO-5'];
const SIGS = ['Nsig\t3', 'Sig1\tTime (min)', 'Sig2\tTemperature (°C)', 'Sig3\tWeight (mg)'];
const ROWS = ['0.000000\t25.0000\t10.00000', '1.000000\t35.0000\t9.99000', '2.000000\t45.0000\t9.98000'];
const parse = (lines: string[]) => taUniversal.parse({ fileName: 'hand.txt', bytes: utf16le(lines.join('\r\n') + '\r\n') });
const detect = (lines: string[]): number => taUniversal.detect({ fileName: 'run.001', headText: lines.join('\n'), headBytes: new Uint8Array() });

describe('parseUaStep: the step number and its colon', () => {
  const ramp = { kind: 'ramp', text: 'Ramp 10.00 °C/min to 315.00 °C', rateCPerMin: 10, targetC: 315 };
  it('with blanks or none around the colon, and blanks before the number', () => {
    expect(parseUaStep('1: Ramp 10.00 °C/min to 315.00 °C')).toEqual(ramp);
    expect(parseUaStep('12 :  Ramp 10.00 °C/min to 315.00 °C')).toEqual(ramp);
    expect(parseUaStep('1:Ramp 10.00 °C/min to 315.00 °C')).toEqual(ramp);
    expect(parseUaStep('  3: Ramp 10.00 °C/min to 315.00 °C')).toEqual(ramp);
  });

  it('a step without its number keeps a later "n:" in its text', () => {
    expect(parseUaStep('Select gas 2: N2')).toEqual({ kind: 'gas', text: 'Select gas 2: N2', gas: 2 });
  });

  it('data storage on or off, with doubled blanks; only at the start of the step', () => {
    expect(parseUaStep('4: Data storage  Off')).toEqual({ kind: 'storage', text: 'Data storage  Off', on: false });
    expect(parseUaStep('5: Data storage On')).toEqual({ kind: 'storage', text: 'Data storage On', on: true });
    expect(parseUaStep('6: Mark Data storage Off')).toEqual({ kind: 'other', text: 'Mark Data storage Off' });
  });
});

describe('taUniversal detect: keys at the start of a line', () => {
  it('Nsig (a blank may follow its tab) and Sig1 claim 0.95 (+ 0.01 for run.txt); elsewhere in a line they do not', () => {
    expect(detect(['Nsig\t3', 'Sig1\tTime (min)'])).toBe(0.95);
    expect(detect(['Nsig\t 3', 'Sig1\tTime (min)'])).toBe(0.95);
    expect(detect(['x Nsig\t3', 'Sig1\tTime (min)'])).toBe(0);
    expect(detect(['Nsig\t3', 'x Sig1\tTime (min)'])).toBe(0);
  });

  it('OrgMethod or StartOfData alone claim 0.85, only at the start of a line; StartOfData may end the head or carry blanks', () => {
    expect(detect(['OrgMethod\t1: Ramp 10.00 °C/min to 315.00 °C'])).toBe(0.85);
    expect(detect(['x OrgMethod\t1: Ramp'])).toBe(0);
    expect(detect(['Sample\tNiO', 'StartOfData'])).toBe(0.85);
    expect(detect(['Sample\tNiO', 'StartOfData  ', '0\t25'])).toBe(0.85);
    expect(detect(['Sample\tNiO', 'x StartOfData', '0\t25'])).toBe(0);
    expect(detect(['Sample\tNiO', 'StartOfDataSet', '0\t25'])).toBe(0);
  });

  it('CLOSED adds 0.02 only as a line of its own', () => {
    expect(detect(['CLOSED', 'Nsig\t3', 'Sig1\tTime (min)'])).toBe(0.97);
    expect(detect(['NOT CLOSED', 'Nsig\t3', 'Sig1\tTime (min)'])).toBe(0.95);
    expect(detect(['CLOSED  ', 'Nsig\t3', 'Sig1\tTime (min)'])).toBe(0.97);
  });
});

describe('taUniversal: signal keys and form feeds', () => {
  it("'Sig' keys by their whole name: 'XSig2' or 'Sig2b' are header lines, not signals", () => {
    const run = parse([...HEAD, 'XSig2\tnot a signal', 'Sig2b\tnot one either', ...SIGS, 'StartOfData', ...ROWS]);
    expect(run.source.columns.map((c) => [c.name, c.role])).toEqual([
      ['Time (min)', 'time'],
      ['Temperature (°C)', 'temperature'],
      ['Weight (mg)', 'mass'],
    ]);
    expect(run.metadata.XSig2).toBe('not a signal');
    expect(run.metadata.Sig2b).toBe('not one either');
  });

  it('several form feeds before StartOfData and before a row are dropped', () => {
    const run = parse([...HEAD, ...SIGS, '\f\fStartOfData', '\f\f' + ROWS[0], ...ROWS.slice(1)]);
    expect(Array.from(run.timeS)).toEqual([0, 60, 120]);
    expect(run.source.dataStartLine).toBe(HEAD.length + SIGS.length + 2);
  });

  it("the time is the signal whose name starts with 'Time', the mass the one starting with 'Weight' or 'Mass'", () => {
    const sigs = ['Nsig\t5', 'Sig1\tCycle time (s)', 'Sig2\tTime (min)', 'Sig3\tTemperature (°C)', 'Sig4\tDeriv. Weight (mg)', 'Sig5\tWeight (mg)'];
    const rows = ['5\t0.000000\t25.0000\t0.5\t10.00000', '6\t1.000000\t35.0000\t0.5\t9.99000', '7\t2.000000\t45.0000\t0.5\t9.98000'];
    const run = parse([...HEAD, ...sigs, 'StartOfData', ...rows]);
    expect(Array.from(run.timeS)).toEqual([0, 60, 120]);
    expect(Array.from(run.massMg ?? [])).toEqual([10, 9.99, 9.98]);
    expect(run.source.columns.map((c) => c.role)).toEqual(['channel', 'time', 'temperature', 'channel', 'mass']);
  });

  it("the pan from an Xcomment line 'Pan:' with or without a blank after the colon", () => {
    expect(parse([...HEAD, 'Xcomment\tPan:Platinum', ...SIGS, 'StartOfData', ...ROWS]).sample.crucible).toBe('Platinum');
    expect(parse([...HEAD, 'Xcomment\tPan:  Alumina 100 µl', ...SIGS, 'StartOfData', ...ROWS]).sample.crucible).toBe('Alumina 100 µl');
  });

  it("gas names from 'GasN:' comment lines: two-digit numbers; a line not starting with 'Gas' names none", () => {
    const gasAtStart = (comment: string, controls: string) => parse([...HEAD, `Xcomment\t${comment}`, `Controls\t${controls}`, ...SIGS, 'StartOfData', ...ROWS]).gasEvents[0]?.gas;
    expect(gasAtStart('Gas12: Air', 'Gas 12  Event Off')).toBe('Gas 12 (Air)');
    expect(gasAtStart('Purge Gas1: N2', 'Gas 1  Event Off')).toBe('Gas 1');
  });
});
