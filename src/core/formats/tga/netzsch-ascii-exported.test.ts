import { describe, expect, it } from 'vitest';
import { netzschAscii, parseNetzschSegment, splitNetzschHeader } from './netzsch-ascii';

/**
 * Which segments a Proteus ASCII export says it holds ('#SEGMENT:S1-2/2'), the fallback when it does not say, and
 * the column choice when a kind of column appears twice. The file is written by hand in the layout of the real
 * exports (netzsch_example3.txt), as in netzsch-ascii-segments.test.ts: heating 25 → 325 °C at 10 K/min (30 min),
 * 20 min at 325 °C, cooling to 25 °C at 20 K/min (15 min); a row every 5 min from 0 to 70 min (4200 s).
 */
const SEG = ['#SEG. 1:25°C/10.0(K/min)/325°C', '#SEG. 2:325°C/00:20/325°C', '#SEG. 3:325°C/20.0(K/min)/25°C'];
const HEAD = ['#EXPORTTYPE:DATA ALL', '#DECIMAL:POINT', '#SEPARATOR:SEMICOLON', '#SAMPLE MASS /mg:10'];
const rows = Array.from({ length: 15 }, (_, k) => `${(25 + 5 * k).toFixed(3)};${(5 * k).toFixed(5)};${(10 - 0.01 * k).toFixed(5)}`);
const file = (header: string[], columns = '##Temp./°C;Time/min;Mass/mg', data = rows): Uint8Array =>
  new TextEncoder().encode([...header, '', columns, ...data].join('\r\n') + '\r\n');
const parse = (header: string[]) => netzschAscii.parse({ fileName: 'hand.txt', bytes: file(header) });

// Each segment as the programme places it (rates and durations above): 300 K / 10 K/min = 1800 s, 00:20 = 1200 s,
// 300 K / 20 K/min = 900 s.
const seg1 = { index: 1, label: '25°C/10.0(K/min)/325°C', kind: 'ramp', rateCPerMin: 10, targetC: 325 };
const seg2 = { index: 2, label: '325°C/00:20/325°C', kind: 'isothermal', targetC: 325 };
const seg3 = { index: 3, label: '325°C/20.0(K/min)/25°C', kind: 'cool', rateCPerMin: 20, targetC: 25 };
const SEVERAL = 'The export holds several segments but no Segment column: boundaries follow the nominal programme durations.';

describe('NETZSCH ASCII: the #SEGMENT line says which programme segments the export holds', () => {
  it('one segment (S1/3, or 2/3 without the S) spans the whole data; no boundary warning', () => {
    const one = parse([...HEAD, '#SEGMENT:S1/3', ...SEG]);
    expect(one.segments).toEqual([{ ...seg1, startS: 0, endS: 4200 }]);
    expect(one.warnings).not.toContain(SEVERAL);
    const two = parse([...HEAD, '#SEGMENT:2/3', ...SEG]);
    expect(two.segments).toEqual([{ ...seg2, startS: 0, endS: 4200 }]);
  });

  it('a range with blanks around "-" and "/" (S2 - 3 / 3) holds segments 2 and 3, placed from the first row', () => {
    const run = parse([...HEAD, '#SEGMENT:S2 - 3 / 3', ...SEG]);
    // Segment 2 lasts 1200 s from t = 0; segment 3 is the last and runs to the end of the data.
    expect(run.segments).toEqual([
      { ...seg2, startS: 0, endS: 1200 },
      { ...seg3, startS: 1200, endS: 4200 },
    ]);
    expect(run.warnings).toContain(SEVERAL);
  });

  it('two-digit segment numbers (S10-11/12): segments 10 and 11, unnamed (no #SEG. line for them)', () => {
    const run = parse([...HEAD, '#SEGMENT:S10-11/12', ...SEG]);
    // Without a shape segment 10 has no duration: it ends with the data, and 11 is left no time.
    expect(run.segments).toEqual([
      { index: 10, label: 'Segment 10', startS: 0, endS: 4200, kind: 'unknown' },
      { index: 11, label: 'Segment 11', startS: 4200, endS: 4200, kind: 'unknown' },
    ]);
  });

  it('a #SEGMENT value that does not start with the range is not read: the #SEG. lines decide', () => {
    const run = parse([...HEAD, '#SEGMENT:all S1/3', ...SEG]);
    expect(run.segments).toEqual([
      { ...seg1, startS: 0, endS: 1800 },
      { ...seg2, startS: 1800, endS: 3000 },
      { ...seg3, startS: 3000, endS: 4200 },
    ]);
  });

  it('without a #SEGMENT line the #SEG. lines are taken in number order, whatever order the header gives them', () => {
    const run = parse([...HEAD, SEG[2], SEG[0], SEG[1]]);
    expect(run.segments).toEqual([
      { ...seg1, startS: 0, endS: 1800 },
      { ...seg2, startS: 1800, endS: 3000 },
      { ...seg3, startS: 3000, endS: 4200 },
    ]);
    // The programme keeps the header's order, verbatim.
    expect(run.programme).toEqual([SEG[2].slice(1), SEG[0].slice(1), SEG[1].slice(1)]);
  });

  it('without a #SEGMENT line, segments 9 and 10 come in number order (not as text: "10" < "9")', () => {
    const run = parse([...HEAD, '#SEG. 9:325°C/00:20/325°C', '#SEG. 10:325°C/20.0(K/min)/25°C']);
    expect(run.segments).toEqual([
      { ...seg2, index: 9, startS: 0, endS: 1200 },
      { ...seg3, index: 10, startS: 1200, endS: 4200 },
    ]);
  });
});

describe('NETZSCH ASCII: programme segments and column headers that are not what they look like', () => {
  it('a segment needs "T/rate(K/min)/T" or "T/hh:mm/T"; anything else is no segment', () => {
    expect(parseNetzschSegment('30°C/fast/700°C')).toBeNull();
    expect(parseNetzschSegment('30°C')).toBeNull();
    expect(parseNetzschSegment('30°C/00:30')).toBeNull();
    expect(parseNetzschSegment('1000°C/01:3/1000°C')).toBeNull();
    expect(parseNetzschSegment('1000°C/01:30 h/1000°C')).toBeNull();
    expect(parseNetzschSegment('1000°C/t01:30/1000°C')).toBeNull();
    // Hours of one or three digits; minutes always two. 100 h = 6000 min.
    expect(parseNetzschSegment('1000°C/1:30/1000°C')).toEqual({ startC: 1000, endC: 1000, durationMin: 90 });
    expect(parseNetzschSegment('800°C/100:05/800°C')).toEqual({ startC: 800, endC: 800, durationMin: 6005 });
  });

  it('enclosing parentheses of a unit are dropped only when both are there', () => {
    expect(splitNetzschHeader('Flow/ml(STP)')).toEqual({ name: 'Flow', unit: 'ml(STP)' });
    expect(splitNetzschHeader('Flow/(ml/min')).toEqual({ name: 'Flow', unit: '(ml/min' });
    // A ')' with no '(' before it does not hide the next '/'.
    expect(splitNetzschHeader('Mass)/mg')).toEqual({ name: 'Mass)', unit: 'mg' });
    expect(splitNetzschHeader('Mass')).toEqual({ name: 'Mass', unit: '' });
  });

  it('a second temperature or mass column is a channel: the first of each kind is the run’s', () => {
    // Columns: Temp. 25 + 5k °C, Time 5k min, Mass 10 − 0.01k mg, then Sample Temp. = Temp. + 1, Mass change = −0.01k mg.
    const data = Array.from({ length: 3 }, (_, k) => `${25 + 5 * k};${5 * k};${10 - 0.01 * k};${26 + 5 * k};${-0.01 * k}`);
    const run = netzschAscii.parse({
      fileName: 'two.txt',
      bytes: file(HEAD, '##Temp./°C;Time/min;Mass/mg;Sample Temp./°C;Mass change/mg', data),
    });
    expect(Array.from(run.temperatureC ?? [])).toEqual([25, 30, 35]);
    expect(Array.from(run.massMg ?? [])).toEqual([10, 9.99, 9.98]);
    expect(run.source.columns.map((c) => [c.name, c.role])).toEqual([
      ['Temp./°C', 'temperature'],
      ['Time/min', 'time'],
      ['Mass/mg', 'mass'],
      ['Sample Temp.', 'channel'],
      ['Mass change', 'channel'],
    ]);
    expect(run.channels.map((c) => [c.name, c.unit, Array.from(c.values)])).toEqual([
      ['Sample Temp.', '°C', [26, 31, 36]],
      ['Mass change', 'mg', [0, -0.01, -0.02]],
    ]);
  });
});
