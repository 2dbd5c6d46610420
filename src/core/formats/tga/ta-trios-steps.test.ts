/**
 * TRIOS text exports written by hand in the layout of the real ones (CLSOx10_2.txt: '[step]', the step's name, a
 * column line, a units line, tab-separated rows; SRU_1.csv: no units row), for what the real files do not show.
 */
import { describe, expect, it } from 'vitest';
import { taTrios, triosGas } from './ta-trios';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('taTrios: hand-written exports', () => {
  it('an Equilibrate step is a cooling when its target is below the temperature its rows start at, else a ramp', () => {
    const text = [
      '[step]',
      'Equilibrate 40.00 °C',
      'Time\tTemperature\tWeight',
      'min\t°C\tmg',
      '0.0\t100.0\t10.00',
      '1.0\t70.0\t9.99',
      '2.0\t45.0\t9.98',
      '[step]',
      'Equilibrate 200.00 °C',
      'Time\tTemperature\tWeight',
      'min\t°C\tmg',
      '3.0\t60.0\t9.97',
      '4.0\t150.0\t9.96',
      '',
    ].join('\r\n');
    const run = taTrios.parse({ fileName: 'equilibrate.txt', bytes: utf8(text) });
    // Steps start on their first rows: 0 and 3 min (180 s); the last ends on the last row, 4 min (240 s).
    expect(run.segments.map((s) => [s.label, s.kind, s.targetC, s.startS, s.endS])).toEqual([
      ['Equilibrate 40.00 °C', 'cool', 40, 0, 180],
      ['Equilibrate 200.00 °C', 'ramp', 200, 180, 240],
    ]);
  });

  it("without a units row, only a column named exactly 'Time' is taken to be in minutes", () => {
    const run = taTrios.parse({ fileName: 'stamp.csv', bytes: utf8('Time,Temperature,Weight,Weight,Timestamp\n0,25,100,10.5,1\n1,45,99,10.395,2\n') });
    expect(run.source.columns.map((c) => `${c.name} [${c.unit}]`)).toEqual(['Time [min]', 'Temperature [°C]', 'Weight [%]', 'Weight [mg]', 'Timestamp []']);
    expect(Array.from(run.timeS)).toEqual([0, 60]);
  });

  it("reads the gas of 'Select Gas:' with or without a blank after the colon", () => {
    expect(triosGas(['Select Gas: Gas 2'])).toEqual({ gas: 'Gas 2', step: 'Select Gas: Gas 2' });
    expect(triosGas(['Select Gas:N2'])).toEqual({ gas: 'N2', step: 'Select Gas:N2' });
  });
});
