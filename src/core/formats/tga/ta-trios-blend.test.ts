/**
 * TRIOS text exports and procedure steps written by hand (layout of CLSOx10_2.txt), for what the real files do not
 * show: blend steps spelled with more, fewer or no blanks, a step name TRIOS's reader does not know, and a column
 * whose name says temperature but whose unit is not one. Expected values are set by the construction.
 */
import { describe, expect, it } from 'vitest';
import { parseTriosStep, taTrios, triosGas } from './ta-trios';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const parse = (lines: string[]) => taTrios.parse({ fileName: 'hand.txt', bytes: utf8(lines.join('\r\n') + '\r\n') });

describe('taTrios: blends however the blanks fall', () => {
  it('doubled blanks, blanks inside the parentheses: the channel names are trimmed', () => {
    const step = 'Blend Channel  B ( Ar )  at  100 %  with Channel  A ( N2 )';
    expect(triosGas([step])).toEqual({ gas: 'Ar', step });
    expect(triosGas(['Blend Channel  B ( Ar )  at  0.5 %  with Channel  A ( N2 )'])?.gas).toBe('N2');
    expect(triosGas(['Blend Channel  B ( Ar )  at  25 %  with Channel  A ( N2 )'])?.gas).toBe('25 % Ar + 75 % N2');
  });

  it('no blanks where the pattern allows none', () => {
    expect(triosGas(['Blend Channel B(Ar)at20%with Channel A(N2)'])?.gas).toBe('20 % Ar + 80 % N2');
    // In any case.
    expect(triosGas(['blend channel B (Ar) at 100% WITH CHANNEL A (N2)'])?.gas).toBe('Ar');
  });

  it('a blend only at the start of a step; a channel needs its letter after a blank', () => {
    expect(triosGas(['Step 1: Blend Channel B (Ar) at 100% with Channel A (N2)'])).toBeNull();
    expect(triosGas(['Blend ChannelB (Ar) at 100% with Channel A (N2)'])).toBeNull();
    expect(triosGas(['Blend Channel B (Ar) at 100% with ChannelA (N2)'])).toBeNull();
  });
});

describe('taTrios: steps and columns the reader must not over-read', () => {
  it('a named step it does not know stays unknown, whatever the temperature does', () => {
    expect(parseTriosStep('Data Storage On')).toEqual({ kind: 'unknown' });
    const run = parse([
      '[step]',
      'Data Storage On',
      'Time\tTemperature\tWeight',
      'min\t°C\tmg',
      '0.0\t30.0\t10.00',
      '1.0\t80.0\t9.99',
      '2.0\t130.0\t9.98',
    ]);
    // The rows warm by 100 °C, but only an unnamed step is judged from its rows.
    expect(run.segments).toEqual([{ index: 1, label: 'Data Storage On', startS: 0, endS: 120, kind: 'unknown' }]);
  });

  it("a 'Temperature rate' column in °C/min is a channel; the temperature is the column in °C", () => {
    const run = parse([
      '[step]',
      'Ramp 10.00 °C/min to 50.00 °C',
      'Time\tTemperature rate\tTemperature\tWeight',
      'min\t°C/min\t°C\tmg',
      '0.0\t10.0\t30.0\t10.00',
      '1.0\t10.0\t40.0\t9.99',
      '2.0\t10.0\t50.0\t9.98',
    ]);
    expect(Array.from(run.temperatureC ?? [])).toEqual([30, 40, 50]);
    expect(run.source.columns.map((c) => c.role)).toEqual(['time', 'channel', 'temperature', 'mass']);
    expect(run.channels.map((c) => [c.name, c.unit, Array.from(c.values)])).toEqual([['Temperature rate', '°C/min', [10, 10, 10]]]);
  });
});
