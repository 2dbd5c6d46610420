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

describe('NETZSCH ASCII: column roles, a mass in g, the Segment column and the atmosphere as the segment gas', () => {
  it('pins a tab-separated export with a furnace temperature beside the sample one', () => {
    const lines = [
      '#FORMAT:NETZSCH5',
      '#DECIMAL:POINT',
      '#SEPARATOR:TAB',
      '#IDENTITY:Run-9',
      '#ATMOSPHERE:ARGON',
      '#GAS 1:',
      '#SEG. 1:25°C/10.0(K/min)/125°C',
      '',
      '##Time/s\tTemp.Furnace/°C\tTemp./°C\tTG/g\tSegment',
      '0\t30\t25\t0.5\t1',
      '60\t40\t35\t0.25\t1',
      '120\t50\t45\t0.125\t1',
    ];
    const run = netzschAscii.parse({ fileName: 'roles.txt', bytes: file(lines) });
    expect(Array.from(run.timeS)).toEqual([0, 60, 120]);
    // The furnace temperature is a channel; the sample's is the temperature. TG in g × 1000.
    expect(Array.from(run.temperatureC ?? [])).toEqual([25, 35, 45]);
    expect(Array.from(run.massMg ?? [])).toEqual([500, 250, 125]);
    expect(run.massNote).toBe('TG/g × 1000');
    expect(run.source).toEqual({
      fileName: 'roles.txt',
      formatId: 'netzsch-ascii',
      formatLabel: 'NETZSCH Proteus ASCII export',
      encoding: 'utf-8',
      delimiter: '\t',
      decimal: '.',
      headerLine: 9,
      dataStartLine: 10,
      dataEndLine: 12,
      columns: [
        { name: 'Time/s', unit: 's', role: 'time' },
        { name: 'Temp.Furnace', unit: '°C', role: 'channel' },
        { name: 'Temp./°C', unit: '°C', role: 'temperature' },
        { name: 'TG/g', unit: 'g', role: 'mass' },
        { name: 'Segment', unit: '', role: 'ignored' },
      ],
    });
    expect(run.channels.map((c) => [c.name, c.unit, Array.from(c.values)])).toEqual([
      ['Temp.Furnace', '°C', [30, 40, 50]],
      ['Segment', '', [1, 1, 1]],
    ]);
    // An empty '#GAS 1:' names no gas; the atmosphere is the segment's gas.
    expect(run.segments).toEqual([{ index: 1, label: '25°C/10.0(K/min)/125°C', startS: 0, endS: 120, kind: 'ramp', rateCPerMin: 10, targetC: 125, gas: 'ATMOSPHERE: ARGON' }]);
    expect(run.programme).toEqual(['SEG. 1:25°C/10.0(K/min)/125°C']);
    expect(run.gasEvents).toEqual([]);
    expect(run.sample).toEqual({ name: 'Run-9' });
    expect(run.warnings).toEqual([]);
  });
});

