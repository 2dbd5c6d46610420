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
});
