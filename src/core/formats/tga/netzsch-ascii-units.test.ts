import { describe, expect, it } from 'vitest';
import { netzschAscii } from './netzsch-ascii';

/** A small Proteus ASCII export written by hand: the '#' header, the '##' column line and three rows. */
const proteus = (massColumn: string, masses: string[]): Uint8Array =>
  new TextEncoder().encode(
    [
      '#EXPORTTYPE:DATA SINGLE',
      '#FILE:hand.ngb-dd3',
      '##Temp./°C;Time/min;' + massColumn,
      ...masses.map((m, i) => `${(25 + 10 * i).toFixed(3)};${i.toFixed(5)};${m}`),
    ].join('\r\n') + '\r\n',
  );

const proteusColumns = (columnLine: string, rows: string[]): Uint8Array =>
  new TextEncoder().encode(['#EXPORTTYPE:DATA SINGLE', '#FILE:hand.ngb-dd3', columnLine, ...rows].join('\r\n') + '\r\n');

describe('NETZSCH ASCII: mass units', () => {
  it.each([
    // value as written → mg, by hand: 1 µg = 1e-3 mg, 1 g = 1e3 mg, mg as written
    ['Mass/µg', ['8910', '8900.5', '8800'], [8.91, 8.9005, 8.8], 'Mass/µg × 0.001'],
    ['Mass/g', ['0.00891', '0.0089005', '0.0088'], [8.91, 8.9005, 8.8], 'Mass/g × 1000'],
    ['Mass/mg', ['8.91', '8.9005', '8.8'], [8.91, 8.9005, 8.8], 'Mass/mg as written'],
  ])('reads %s as mass in mg', (column, masses, mg, note) => {
    const run = netzschAscii.parse({ fileName: 'hand.txt', bytes: proteus(column, masses) });
    expect(run.massNote).toBe(note);
    expect(run.massPercent).toBeNull();
    expect(Array.from(run.massMg ?? []).map((m) => Number(m.toPrecision(12)))).toEqual(mg);
    expect(Array.from(run.timeS)).toEqual([0, 60, 120]);
    expect(Array.from(run.temperatureC ?? [])).toEqual([25, 35, 45]);
  });
});

describe('NETZSCH ASCII: the first mass column is the mass', () => {
  it('reads Mass/mg and leaves a later mass-like column (Mass loss/%) as a signal', () => {
    const run = netzschAscii.parse({ fileName: 'hand.txt', bytes: proteusColumns('##Temp./°C;Time/min;Mass/mg;Mass loss/%', ['25;0;8.91;0', '35;1;8.90;0.11', '45;2;8.80;1.23']) });
    expect(Array.from(run.massMg ?? [])).toEqual([8.91, 8.9, 8.8]);
    expect(run.massPercent).toBeNull();
    expect(run.source.columns.map((c) => c.role)).toEqual(['temperature', 'time', 'mass', 'channel']);
  });
});
