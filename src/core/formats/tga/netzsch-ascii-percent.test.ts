/**
 * NETZSCH Proteus ASCII exports with the mass in % (how Proteus exports a TG curve by default), written by hand in
 * the layout of the real netzsch.txt: mg = % × #SAMPLE MASS /mg / 100, and without a usable sample mass the curve
 * stays in % with a warning the user reads.
 */
import { describe, expect, it } from 'vitest';
import { netzschAscii } from './netzsch-ascii';

const file = (header: string[]): Uint8Array =>
  new TextEncoder().encode(
    ['#EXPORTTYPE:DATA SINGLE', '#FILE:hand.ngb-dd3', ...header, '##Temp./°C;Time/min;Mass/%', '25.000;0.00000;100.00', '35.000;1.00000;98.00', '45.000;2.00000;75.00'].join('\r\n') + '\r\n',
  );
const NO_MG = 'Mass is in % and the header gives no sample mass, so no mass in mg could be computed.';

describe('NETZSCH ASCII: mass in %', () => {
  it('#SAMPLE MASS /mg:8 turns 100 / 98 / 75 % into 8 / 7.84 / 6 mg', () => {
    const run = netzschAscii.parse({ fileName: 'p.txt', bytes: file(['#SAMPLE MASS /mg:8']) });
    expect(Array.from(run.massPercent ?? [])).toEqual([100, 98, 75]);
    expect(Array.from(run.massMg ?? []).map((m) => Number(m.toPrecision(12)))).toEqual([8, 7.84, 6]);
    expect(run.massNote).toBe('Mass/% × 8 mg / 100 (#SAMPLE MASS /mg)');
    expect(run.sample.initialMassMg).toBe(8);
    expect(run.warnings).not.toContain(NO_MG);
  });

  it('a sample mass written with a decimal comma (10,5 mg) is read as 10.5 mg', () => {
    const run = netzschAscii.parse({ fileName: 'p.txt', bytes: file(['#SAMPLE MASS /mg:10,5']) });
    expect(Array.from(run.massMg ?? []).map((m) => Number(m.toPrecision(12)))).toEqual([10.5, 10.29, 7.875]);
    expect(run.massNote).toBe('Mass/% × 10.5 mg / 100 (#SAMPLE MASS /mg)');
  });

  it('no sample mass, or 0 mg: the curve stays in %, and the user is told', () => {
    for (const header of [[], ['#SAMPLE MASS /mg:0'], ['#SAMPLE MASS /mg:']]) {
      const run = netzschAscii.parse({ fileName: 'p.txt', bytes: file(header) });
      expect(run.massMg).toBeNull();
      expect(Array.from(run.massPercent ?? [])).toEqual([100, 98, 75]);
      expect(run.massNote).toBe('Mass/% kept as %: the file gives no #SAMPLE MASS /mg');
      expect(run.warnings).toContain(NO_MG);
      expect(run.source.columns[2]).toEqual({ name: 'Mass/%', unit: '%', role: 'mass' });
    }
  });
});
