/**
 * TRIOS text exports written by hand (layout of CLSOx10_2.txt; SRU_1.csv for the export without a units row) for
 * what the real files do not show: a units line shorter than the column line, an unnamed block without rows, a
 * '[step]' line with trailing blanks, and two Weight columns without a units row and without a % column. Expected
 * values are set by the construction.
 */
import { describe, expect, it } from 'vitest';
import { taTrios } from './ta-trios';
import { thrownMessage as message } from './testkit';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const parse = (lines: string[], fileName = 'hand.txt') => taTrios.parse({ fileName, bytes: utf8(lines.join('\r\n') + '\r\n') });

describe('taTrios: gaps of the real files', () => {
  it('a non-number under a column the units line does not reach names the column with an empty unit', () => {
    const lines = ['[step]', 'Isothermal 1.0 min', 'Time\tTemperature\tWeight', 'min\t°C', '0\t25\tx'];
    expect(message(() => parse(lines))).toBe('hand.txt, line 5: expected a number for Weight (), found "0\\t25\\tx"');
  });

  it('an unnamed block without rows is reported as "(unnamed)" with its line; the next step is read', () => {
    const run = parse(['Time\tTemperature\tWeight', 'min\t°C\tmg', '[step]', 'Isothermal 1.0 min', 'Time\tTemperature\tWeight', 'min\t°C\tmg', '0\t25\t10', '1\t25\t9.9']);
    expect(run.warnings).toContain('Step "(unnamed)" (line 1) has no data rows.');
    expect(run.segments.map((s) => [s.index, s.label, s.startS, s.endS])).toEqual([[2, 'Isothermal 1.0 min', 0, 60]]);
  });

  it("claims a '[step]' line with trailing blanks", () => {
    const detect = (head: string): number => taTrios.detect({ fileName: 'x.txt', headText: head, headBytes: new Uint8Array() });
    expect(detect('Filename\tx\n[step]  \nIsothermal 1.0 min\n')).toBe(0.96);
    expect(detect('Filename\tx\n[step] 1\nIsothermal 1.0 min\n')).toBe(0);
  });

  it('without a units row and without a % column, each Weight over 1,000 is in µg, the others in mg', () => {
    const run = parse(['Time,Temperature,Weight,Weight', '0,25,5000,500', '1,35,4990,499'], 'two.csv');
    expect(run.source.columns.map((c) => `${c.name} [${c.unit}]`)).toEqual(['Time [min]', 'Temperature [°C]', 'Weight [µg]', 'Weight [mg]']);
    expect(run.warnings[0]).toBe(
      "No units row: TRIOS's default units assumed — Time in min; Temperature in °C; 'Weight' (column 3) in µg: read as mg it would be a 5,000 mg sample, beyond a TGA balance (≤ 1,000 mg); 'Weight' (column 4) in mg. Check them against the export settings.",
    );
    // The µg column is the mass (× 0.001 mg).
    expect(Array.from(run.massMg ?? [])).toEqual([5, 4.99]);
  });

  it('a Weight of exactly 1,000 is still mg; blanks around the commas of the column line are not part of the names', () => {
    const run = parse(['Time , Temperature , Weight , Weight', '0,25,1000,500', '1,35,999,499'], 'edge.csv');
    expect(run.source.columns.map((c) => `${c.name} [${c.unit}]`)).toEqual(['Time [min]', 'Temperature [°C]', 'Weight [mg]', 'Weight [mg]']);
    expect(Array.from(run.temperatureC ?? [])).toEqual([25, 35]);
    expect(Array.from(run.massMg ?? [])).toEqual([1000, 999]);
  });

  it('two columns of the same name and unit in one block stay two columns: the first is the mass, the second a channel', () => {
    // Was a bug: both went to one column, the second's values over the first's (mass 5, 4 here), one column lost.
    const run = parse(['[step]', 'Isothermal 1.0 min', 'Time\tWeight\tWeight', 'min\tmg\tmg', '0\t10\t5', '1\t9\t4']);
    expect(Array.from(run.massMg ?? [])).toEqual([10, 9]);
    expect(run.source.columns).toEqual([
      { name: 'Time', unit: 'min', role: 'time' },
      { name: 'Weight', unit: 'mg', role: 'mass' },
      { name: 'Weight', unit: 'mg', role: 'channel' },
    ]);
    expect(run.channels.map((c) => [c.name, c.unit, Array.from(c.values)])).toEqual([['Weight', 'mg', [5, 4]]]);
  });

  it("without a units row only the columns named exactly 'Time' and 'Weight' get default units", () => {
    const run = parse(['Time,Temperature,Weight,Weight,Deriv. Weight,Weight change,Run time', '0,25,100,10.5,0.1,0.2,0', '1,35,99,10.4,0.1,0.2,1'], 'exact.csv');
    expect(run.source.columns.map((c) => `${c.name} [${c.unit}]`)).toEqual([
      'Time [min]',
      'Temperature [°C]',
      'Weight [%]',
      'Weight [mg]',
      'Deriv. Weight []',
      'Weight change []',
      'Run time []',
    ]);
    expect(run.warnings[0]).toBe(
      "No units row: TRIOS's default units assumed — Time in min; Temperature in °C; 'Weight' (column 3) in % (it starts at 100); 'Weight' (column 4) in mg. Check them against the export settings.",
    );
  });

  it("claims '[step]', 'proceduresegments' and a Time/Weight column line only at the start of a line", () => {
    const detect = (head: string): number => taTrios.detect({ fileName: 'x.dat', headText: head, headBytes: new Uint8Array() });
    expect(detect('Filename\tx\nproceduresegments\tIsothermal 1.0 min\n')).toBe(0.9);
    expect(detect('Filename\tx\nnote proceduresegments\tIsothermal\n')).toBe(0);
    expect(detect('Filename\tx\nnote [step]\n')).toBe(0);
    expect(detect('Time\tTemperature\tWeight\nmin\t°C\tmg\n0\t25\t10\n')).toBe(0.85);
    expect(detect('Run Time\tTemperature\tWeight\nmin\t°C\tmg\n0\t25\t10\n')).toBe(0);
  });
});
