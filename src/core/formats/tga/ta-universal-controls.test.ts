/**
 * TA Universal Analysis exports written by hand in the layout of the real ones (TAInstruments.txt: 'Key<TAB>value'
 * header, 'Controls' line, Nsig/SigN, OrgMethod steps, StartOfData), for the Controls gas spelled with more blanks or
 * two digits, a method of gas selections only, a non-number in the time field and a numeric line in the header.
 * Expected values are set by the construction.
 */
import { describe, expect, it } from 'vitest';
import { taUniversal } from './ta-universal';
import { thrownMessage as message, utf16le } from './testkit';

const HEAD = ['CLOSED', 'Version\t2.0', 'Instrument\tTGA Q500 V20.13 Build 39', 'Sample\tNiO-5', 'Size\t10.0000\tmg'];
const SIGS = ['Nsig\t3', 'Sig1\tTime (min)', 'Sig2\tTemperature (°C)', 'Sig3\tWeight (mg)'];
const ROWS = ['0.000000\t25.0000\t10.00000', '1.000000\t35.0000\t9.99000', '2.000000\t45.0000\t9.98000'];
const parse = (lines: string[]) => taUniversal.parse({ fileName: 'hand.txt', bytes: utf16le(lines.join('\r\n') + '\r\n') });

describe('taUniversal: the gas of the Controls line', () => {
  it("'Gas' then blanks then the number, of one or two digits", () => {
    const gasAtStart = (controls: string) => parse([...HEAD, `Controls\t${controls}`, ...SIGS, 'StartOfData', ...ROWS]).gasEvents;
    const event = (gas: string) => [{ timeS: 0, gas, source: 'Controls line (gas selected at the start)' }];
    expect(gasAtStart('Gas  2  Event Off  Sampling 0.5')).toEqual(event('Gas 2'));
    expect(gasAtStart('Gas 12  Event Off')).toEqual(event('Gas 12'));
    expect(gasAtStart('Event Off  Sampling 0.5')).toEqual([]);
  });
});

describe('taUniversal: a method of gas selections only', () => {
  it('places no segment, and gives a gas event per selection at the start of the data', () => {
    const method = ['OrgMethod\t1: Select gas 2', 'OrgMethod\t2: Select gas 1'];
    const run = parse([...HEAD, ...method, ...SIGS, 'StartOfData', ...ROWS]);
    expect(run.segments).toEqual([]);
    expect(run.gasEvents).toEqual([
      { timeS: 0, gas: 'Gas 2', source: 'OrgMethod step 1 "Select gas 2"' },
      { timeS: 0, gas: 'Gas 1', source: 'OrgMethod step 2 "Select gas 1"' },
    ]);
  });
});

describe('taUniversal: rows and header lines', () => {
  it('a non-number in the time field refuses the row, naming its line and the signal', () => {
    // CLOSED … Size (5 lines), 4 signal lines, StartOfData: the bad row is line 11.
    expect(message(() => parse([...HEAD, ...SIGS, 'StartOfData', 'x\t25.0000\t10.00000', ...ROWS]))).toBe(
      'hand.txt, line 11: expected a number for Time (min), found "x\\t25.0000\\t10.00000"',
    );
  });

  it('a line of numbers before the signal list is a header line, not the start of the data', () => {
    const run = parse([...HEAD, '1.5\t2.5', ...SIGS, ...ROWS]);
    expect(run.metadata['1.5']).toBe('2.5');
    expect(Array.from(run.timeS)).toEqual([0, 60, 120]);
    expect(run.source.dataStartLine).toBe(HEAD.length + 1 + SIGS.length + 1);
  });
});
