/**
 * TRIOS text exports written by hand (layout of CLSOx10_2.txt): a run without a temperature column, the stored
 * sample mass implied from the first row whose % is above 1, blends and 'Select Gas :' spellings. Expected values
 * are set by the construction.
 */
import { describe, expect, it } from 'vitest';
import { taTrios, triosGas } from './ta-trios';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const parse = (lines: string[]) => taTrios.parse({ fileName: 'hand.txt', bytes: utf8(lines.join('\r\n') + '\r\n') });

describe('taTrios: constructed cases', () => {
  it('a run without a temperature column: time and mass read, no temperature, the procedure as programme', () => {
    const lines = [
      'Filename\thand',
      'proceduresegments\tSelect Gas : Argon; Isothermal 2.0 min',
      '[step]',
      'Isothermal 2.0 min',
      'Time\tWeight\tWeight',
      'min\t%\tmg',
      '0.0\t1\t0.3',
      '1.0\t50\t5',
      '2.0\t49\t4.9',
    ];
    const run = parse(lines);
    expect(Array.from(run.timeS)).toEqual([0, 60, 120]);
    expect(run.temperatureC).toBeNull();
    expect(Array.from(run.massMg ?? [])).toEqual([0.3, 5, 4.9]);
    expect(Array.from(run.massPercent ?? [])).toEqual([1, 50, 49]);
    // The first row's 1 % is not above 1: the stored mass comes from the second row, 5 mg / 0.50 = 10 mg
    // (the first row would give 30 mg).
    expect(run.sample.initialMassMg).toBe(10);
    expect(run.metadata['Implied sample mass /mg']).toBe('10.0000');
    expect(run.warnings).toEqual([
      "The file does not state the sample mass; 10.0000 mg is implied by Weight (mg) / Weight (%) (TRIOS's stored sample mass).",
    ]);
    expect(run.source.columns).toEqual([
      { name: 'Time', unit: 'min', role: 'time' },
      { name: 'Weight', unit: '%', role: 'ignored' },
      { name: 'Weight', unit: 'mg', role: 'mass' },
    ]);
    expect(run.programme).toEqual(['Select Gas : Argon', 'Isothermal 2.0 min']);
    expect(run.gasEvents).toEqual([{ timeS: 0, gas: 'Argon', source: 'proceduresegments "Select Gas : Argon"' }]);
    expect(run.segments.map((s) => [s.index, s.label, s.kind, s.startS, s.endS, s.gas])).toEqual([[1, 'Isothermal 2.0 min', 'isothermal', 0, 120, 'Argon']]);
  });

  it('names the gas of a blend: one channel at ≥ 99.5 % or ≤ 0.5 %, else both shares', () => {
    const blend = (share: string) => triosGas([`Blend Channel B (Ar) at ${share}% with Channel A (N2)`])?.gas;
    expect(blend('100')).toBe('Ar');
    expect(blend('99.5')).toBe('Ar');
    expect(blend('99.4')).toBe('99.4 % Ar + 0.6 % N2');
    expect(blend('0.5')).toBe('N2');
    expect(blend('0.6')).toBe('0.6 % Ar + 99.4 % N2');
    expect(blend('20')).toBe('20 % Ar + 80 % N2');
    expect(triosGas(['Isothermal 5.0 min'])).toBeNull();
    // 'Select Gas' is taken before a blend, wherever it stands.
    expect(triosGas(['Blend Channel B (Ar) at 100% with Channel A (N2)', 'select gas : He'])).toEqual({ gas: 'He', step: 'select gas : He' });
  });

  it('a % column alone is the mass in %, with no mass in mg and a warning', () => {
    const run = parse(['[step]', 'Isothermal 1.0 min', 'Time\tTemperature\tWeight', 'min\t°C\t%', '0\t25\t100', '1\t25\t99']);
    expect(run.massMg).toBeNull();
    expect(Array.from(run.massPercent ?? [])).toEqual([100, 99]);
    expect(run.massNote).toBe('Weight (%) only: the file gives no mass in mg and no sample mass');
    expect(run.warnings).toEqual(['Only a % mass column and no sample mass: no mass in mg.']);
    expect(run.source.columns.map((c) => c.role)).toEqual(['time', 'temperature', 'mass']);
    expect(run.sample.initialMassMg).toBeUndefined();
  });

  it('an unnamed block is a ramp or a cooling only beyond 5 °C of change, else isothermal at its last temperature', () => {
    const unnamed = (first: number, last: number) =>
      parse(['Time\tTemperature\tWeight', 'min\t°C\tmg', `0\t${first}\t10`, `1\t${(first + last) / 2}\t9.9`, `2\t${last}\t9.8`]).segments;
    expect(unnamed(25, 30)).toEqual([{ index: 1, label: 'Step 1 (unnamed in the file)', startS: 0, endS: 120, kind: 'isothermal', targetC: 30 }]);
    expect(unnamed(25, 30.5).map((s) => [s.kind, s.targetC])).toEqual([['ramp', undefined]]);
    expect(unnamed(30, 25).map((s) => [s.kind, s.targetC])).toEqual([['isothermal', 25]]);
    expect(unnamed(30.5, 25).map((s) => [s.kind, s.targetC])).toEqual([['cool', undefined]]);
  });

  it('reads the first and last finite temperatures of a step past empty cells; an isotherm without target takes the last, to 0.01 °C', () => {
    const run = parse(['[step]', 'Isothermal 2.0 min', 'Time\tTemperature\tWeight', 'min\t°C\tmg', '0\t\t10', '1\t700.004\t9.9', '2\t700.126\t9.8', '3\t\t9.7']);
    expect(run.segments).toEqual([{ index: 1, label: 'Isothermal 2.0 min', startS: 0, endS: 180, kind: 'isothermal', targetC: 700.13 }]);
    expect(run.warnings).toContain('2 empty cell(s) (e.g. no temperature in the first or last rows) were read as NaN.');
    // A Ramp step whose target lies below its first finite temperature (700.004 °C) is a cooling.
    const cool = parse(['[step]', 'Ramp 20.00 °C/min to 100.00 °C', 'Time\tTemperature\tWeight', 'min\t°C\tmg', '0\t\t10', '1\t700.004\t9.9', '2\t680\t9.8']);
    expect(cool.segments.map((s) => [s.kind, s.rateCPerMin, s.targetC])).toEqual([['cool', 20, 100]]);
  });

  it('claims TRIOS text by [step], proceduresegments, a Time/Weight header with units, or a unit-less one', () => {
    const score = (head: string, fileName = 'x.txt') => taTrios.detect({ fileName, headText: head, headBytes: new Uint8Array() });
    expect(score('Filename\tx\n[step]\nIsothermal\n')).toBeCloseTo(0.96, 12);
    expect(score('Filename\tx\n[step]\nIsothermal\n', 'x.dat')).toBeCloseTo(0.95, 12);
    expect(score('proceduresegments\tRamp\n', 'x.csv')).toBeCloseTo(0.91, 12);
    expect(score('Time\tTemperature\tWeight\nmin\t°C\tmg\n0\t25\t10\n', 'x.dat')).toBeCloseTo(0.85, 12);
    expect(score('Time\tWeight\ns\t%\n', 'x.dat')).toBeCloseTo(0.85, 12);
    expect(score('Time,Temperature,Weight,Weight\n0.003,25.17,99.843,25024.212\n', 'x.dat')).toBeCloseTo(0.8, 12);
    expect(score('Time\tTemperature\tMass\nmin\t°C\tg\n', 'x.dat')).toBe(0);
    expect(score('[steps]\n')).toBe(0);
  });

  it('without a units row: a Weight starting in (80, 110] is %, another is µg only when the implied sample exceeds 1,000 mg', () => {
    const note = (csv: string) => taTrios.parse({ fileName: 'u.csv', bytes: utf8(csv) }).warnings[0];
    const head = "No units row: TRIOS's default units assumed — Time in min; Temperature in °C; ";
    const tail = '. Check them against the export settings.';
    // 110 % is the upper edge of %; 5 mg at 110 % implies 4.5 mg: mg.
    expect(note('Time,Temperature,Weight,Weight\n0,25,110,5\n1,30,109,4.9\n')).toBe(`${head}'Weight' (column 3) in % (it starts at 110); 'Weight' (column 4) in mg${tail}`);
    // 80 is not above 80: no % column, both are masses in mg (80 mg and 5 mg are within the balance).
    expect(note('Time,Temperature,Weight,Weight\n0,25,80,5\n')).toBe(`${head}'Weight' (column 3) in mg; 'Weight' (column 4) in mg${tail}`);
    // 1,000 mg at 100 % is within the balance; 1,000.5 is not (rounded to 1,001 in the note).
    expect(note('Time,Temperature,Weight,Weight\n0,25,100,1000\n')).toBe(`${head}'Weight' (column 3) in % (it starts at 100); 'Weight' (column 4) in mg${tail}`);
    expect(note('Time,Temperature,Weight,Weight\n0,25,100,1000.5\n')).toBe(
      `${head}'Weight' (column 3) in % (it starts at 100); 'Weight' (column 4) in µg: read as mg it would be a 1,001 mg sample, beyond a TGA balance (≤ 1,000 mg)${tail}`,
    );
    const run = taTrios.parse({ fileName: 'u.csv', bytes: utf8('Time,Temperature,Weight,Weight\n0,25,100,1000.5\n1,26,99,990.495\n') });
    expect(run.source.columns.map((c) => `${c.name} [${c.unit}] ${c.role}`)).toEqual(['Time [min] time', 'Temperature [°C] temperature', 'Weight [%] ignored', 'Weight [µg] mass']);
    expect(Array.from(run.massMg ?? [])).toEqual([1.0005, 0.990495]);
    expect(run.source).toMatchObject({ delimiter: ',', headerLine: 1, dataStartLine: 2, dataEndLine: 3 });
  });
});

