/**
 * NETZSCH Proteus ASCII exports written by hand (layout of netzsch_example3.txt) for the purge-flow gas events the
 * real files do not show: valves opening and closing mid-run, MFC header names written with or without blanks, a
 * flow column that never exceeds 1 ml/min; and the claim on a file without #EXPORTTYPE / #FORMAT lines.
 */
import { describe, expect, it } from 'vitest';
import { netzschAscii } from './netzsch-ascii';

const HEADER = ['#EXPORTTYPE:DATA ALL', '#DECIMAL:POINT', '#SEPARATOR:SEMICOLON', '#PURGE2 MFC:ARGON', '#PROTECTIVE MFC:NITROGEN', '#SAMPLE MASS /mg:10'];
const COLUMNS = '##Time/min;Temp./°C;Mass/mg;Gas Flow (purge 2)/(ml/min);Gas Flow(protective)/(ml/min);Gas Flow(purge1)/(ml/min)';
// Minute, °C, mg, purge 2, protective, purge 1. Thresholds: half of each column's maximum — 25 and 10 ml/min.
const ROWS = ['0;25;10;0;20;1', '1;35;9.9;50;20;1', '2;45;9.8;50;0.5;1', '3;55;9.7;20;20;1'];
const file = (lines: string[]): Uint8Array => new TextEncoder().encode(lines.join('\r\n') + '\r\n');

describe('NETZSCH ASCII: gas events from purge-flow columns', () => {
  it('an event at the first row for a flow already on, then one at every crossing of half the maximum', () => {
    const lines = [...HEADER, '', COLUMNS, ...ROWS];
    const run = netzschAscii.parse({ fileName: 'flows.txt', bytes: file(lines) });
    const first = lines.indexOf(ROWS[0]) + 1;
    expect(run.channels.map((c) => [c.name, c.unit])).toEqual([
      ['Gas Flow (purge 2)', 'ml/min'],
      ['Gas Flow(protective)', 'ml/min'],
      ['Gas Flow(purge1)', 'ml/min'],
    ]);
    // 'PURGE2 MFC' (no blank) names 'Gas Flow (purge 2)' (blanks): both compared without blanks. Purge 1 never
    // exceeds 1 ml/min: no events. At 3 min purge 2 (20 < 25) closes and the protective gas (20 > 10) opens again.
    expect(run.gasEvents).toEqual([
      { timeS: 0, gas: 'Gas Flow(protective) 20 ml/min (PROTECTIVE MFC: NITROGEN)', source: `column Gas Flow(protective), line ${first}` },
      { timeS: 60, gas: 'Gas Flow (purge 2) 50 ml/min (PURGE2 MFC: ARGON)', source: 'column Gas Flow (purge 2), data row 2' },
      { timeS: 120, gas: 'Gas Flow(protective) off (PROTECTIVE MFC: NITROGEN)', source: 'column Gas Flow(protective), data row 3' },
      { timeS: 180, gas: 'Gas Flow (purge 2) off (PURGE2 MFC: ARGON)', source: 'column Gas Flow (purge 2), data row 4' },
      { timeS: 180, gas: 'Gas Flow(protective) 20 ml/min (PROTECTIVE MFC: NITROGEN)', source: 'column Gas Flow(protective), data row 4' },
    ]);
  });

  it('claims a file without #EXPORTTYPE or #FORMAT by its ## column line and a #KEY: header line', () => {
    const head = (lines: string[], fileName = 'x.txt'): number =>
      netzschAscii.detect({ fileName, headText: lines.join('\n') + '\n', headBytes: new Uint8Array() });
    expect(head(['#SAMPLE:NiO', COLUMNS, ROWS[0]])).toBeCloseTo(0.92, 12);
    expect(head(['#SAMPLE:NiO', COLUMNS, ROWS[0]], 'x.dat')).toBeCloseTo(0.9, 12);
    expect(head(['#EXPORTTYPE:DATA ALL', COLUMNS], 'x.dat')).toBeCloseTo(0.95, 12);
    expect(head(['#FORMAT:NETZSCH5', COLUMNS], 'x.csv')).toBeCloseTo(0.97, 12);
    // Without a '#KEY:' line, or without a Temp/Time/Mass column with a unit, it is not claimed.
    expect(head([COLUMNS, ROWS[0]])).toBe(0);
    expect(head(['#SAMPLE:NiO', '##Index;Value', '1;2'])).toBe(0);
    expect(head(['#sample:NiO', COLUMNS])).toBe(0);
  });
});
