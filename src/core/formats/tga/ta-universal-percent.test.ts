/**
 * TA Universal Analysis exports whose mass signal is 'Weight (%)' (how UA writes a run normalised to the sample
 * size), written by hand in the layout of the real exports (TAInstruments.txt): the mass in mg is the percentage
 * times the Size line's mass / 100, and without a usable Size line it stays in %.
 */
import { describe, expect, it } from 'vitest';
import { taUniversal } from './ta-universal';
import { utf16le } from './testkit';

const SIGS = ['Nsig\t3', 'Sig1\tTime (min)', 'Sig2\tTemperature (°C)', 'Sig3\tWeight (%)'];
const ROWS = ['StartOfData', '0.000000\t25.0000\t100.0000', '1.000000\t35.0000\t95.0000', '2.000000\t45.0000\t80.0000'];
const parse = (head: string[]) => taUniversal.parse({ fileName: 'pct.txt', bytes: utf16le([...head, ...SIGS, ...ROWS].join('\r\n') + '\r\n') });

describe('taUniversal: mass in %', () => {
  it('Size 20 mg: 100 / 95 / 80 % are 20 / 19 / 16 mg, and the % column is kept', () => {
    const run = parse(['CLOSED', 'Sample\tpct', 'Size\t20.0000\tmg']);
    expect(run.sample.initialMassMg).toBe(20);
    expect(Array.from(run.massPercent ?? [])).toEqual([100, 95, 80]);
    expect(Array.from(run.massMg ?? [])).toEqual([20, 19, 16]);
    expect(run.massNote).toBe('Weight (%) × 20 mg / 100 (Size)');
    expect(run.source.columns[2]).toEqual({ name: 'Weight (%)', unit: '%', role: 'mass' });
  });

  it('Size in g or µg is converted to mg first', () => {
    const g = parse(['CLOSED', 'Size\t0.0200\tg']);
    expect(g.sample.initialMassMg).toBe(20);
    expect(Array.from(g.massMg ?? [])).toEqual([20, 19, 16]);
    const ug = parse(['CLOSED', 'Size\t5000\tµg']);
    expect(ug.sample.initialMassMg).toBe(5);
    expect(Array.from(ug.massMg ?? [])).toEqual([5, 4.75, 4]);
  });

  it('no Size line, a zero Size or a Size in %: no mass in mg, the % kept and said so', () => {
    for (const head of [['CLOSED'], ['CLOSED', 'Size\t0.0000\tmg'], ['CLOSED', 'Size\t100\t%']]) {
      const run = parse(head);
      expect(run.sample.initialMassMg).toBeUndefined();
      expect(run.massMg).toBeNull();
      expect(Array.from(run.massPercent ?? [])).toEqual([100, 95, 80]);
      expect(run.massNote).toBe('Weight (%) kept as %: no Size line');
    }
  });

  it('a Size line without a unit is in mg; a mass signal in mg is not rescaled by it', () => {
    expect(parse(['CLOSED', 'Size\t12.5']).sample.initialMassMg).toBe(12.5);
    const sigs = ['Nsig\t3', 'Sig1\tTime (min)', 'Sig2\tTemperature (°C)', 'Sig3\tWeight (mg)'];
    const run = taUniversal.parse({ fileName: 'mg.txt', bytes: utf16le(['CLOSED', 'Size\t20.0000\tmg', ...sigs, ...ROWS].join('\r\n')) });
    expect(Array.from(run.massMg ?? [])).toEqual([100, 95, 80]);
    expect(run.massPercent).toBeNull();
    expect(run.massNote).toBe('Weight (mg) as written');
  });
});
