import { describe, expect, it } from 'vitest';
import { netzschAscii } from './netzsch-ascii';

/**
 * A Proteus ASCII export of three programme segments without a Segment column, written by hand in the layout of
 * the real exports (netzsch_example3.txt: '#RANGE', '#SEGMENT:S1-2/2', '#SEG. n' lines): heating 25 → 325 °C at
 * 10 K/min (30 min), 20 min at 325 °C, cooling to 25 °C at 20 K/min; a row every 5 min from 0 to 70 min.
 */
const HEADER = [
  '#EXPORTTYPE:DATA ALL',
  '#FILE:hand.ngb-ds3',
  '#IDENTITY:NiO-3',
  '#DECIMAL:POINT',
  '#SEPARATOR:SEMICOLON',
  '#TG RANGE /mg:35000',
  '#RANGE:25°C/10.0(K/min)/325°C/00:20/325°C/20.0(K/min)/25°C',
  '#SEGMENT:S1-3/3',
  '#SEG. 1:25°C/10.0(K/min)/325°C',
  '#SEG. 2:325°C/00:20/325°C',
  '#SEG. 3:325°C/20.0(K/min)/25°C',
  '#SAMPLE MASS /mg:10',
];
const rows = Array.from({ length: 15 }, (_, k) => `${(25 + 5 * k).toFixed(3)};${(5 * k).toFixed(5)};${(10 - 0.01 * k).toFixed(5)}`);
const file = (header: string[]): Uint8Array => new TextEncoder().encode([...header, '', '##Temp./°C;Time/min;Mass/mg', ...rows].join('\r\n') + '\r\n');

describe('NETZSCH ASCII: several segments and no Segment column', () => {
  it('places the segments by the programme: durations of holds, |end − start| / rate of ramps; the last runs to the end', () => {
    const run = netzschAscii.parse({ fileName: 'hand.txt', bytes: file(HEADER) });
    // Heating 300 K at 10 K/min = 30 min = 1800 s; hold 00:20 = 1200 s; the cooling segment ends with the data (70 min).
    expect(run.segments).toEqual([
      { index: 1, label: '25°C/10.0(K/min)/325°C', startS: 0, endS: 1800, kind: 'ramp', rateCPerMin: 10, targetC: 325 },
      { index: 2, label: '325°C/00:20/325°C', startS: 1800, endS: 3000, kind: 'isothermal', targetC: 325 },
      { index: 3, label: '325°C/20.0(K/min)/25°C', startS: 3000, endS: 4200, kind: 'cool', rateCPerMin: 20, targetC: 25 },
    ]);
    expect(run.warnings).toContain('The export holds several segments but no Segment column: boundaries follow the nominal programme durations.');
  });

  it('keeps the programme lines verbatim: #RANGE, #SEGMENT and each #SEG. n, nothing else', () => {
    const run = netzschAscii.parse({ fileName: 'hand.txt', bytes: file(HEADER) });
    expect(run.programme).toEqual([
      'RANGE:25°C/10.0(K/min)/325°C/00:20/325°C/20.0(K/min)/25°C',
      'SEGMENT:S1-3/3',
      'SEG. 1:25°C/10.0(K/min)/325°C',
      'SEG. 2:325°C/00:20/325°C',
      'SEG. 3:325°C/20.0(K/min)/25°C',
    ]);
    expect(run.sample.method).toBe('25°C/10.0(K/min)/325°C/00:20/325°C/20.0(K/min)/25°C');
  });

  it('drops a byte-order mark at the start of a header line only; inside a value it is kept as written', () => {
    // A file saved twice by an editor carries a second mark after the first (the decoder takes the first).
    const twice = new Uint8Array([0xef, 0xbb, 0xbf, ...file(['\uFEFF#EXPORTTYPE:DATA ALL', '#SAMPLE:Fe\uFEFF2O3', ...HEADER.slice(1)])]);
    const run = netzschAscii.parse({ fileName: 'hand.txt', bytes: twice });
    expect(run.metadata.EXPORTTYPE).toBe('DATA ALL');
    expect(run.metadata.SAMPLE).toBe('Fe\uFEFF2O3');
    expect(run.timeS.length).toBe(15);
  });

  it('an exported segment without its #SEG. line ends with the data, unnamed', () => {
    const run = netzschAscii.parse({ fileName: 'hand.txt', bytes: file([...HEADER.filter((l) => !l.startsWith('#SEG. 2') && !l.startsWith('#SEG. 3') && !l.startsWith('#SEGMENT')), '#SEGMENT:S1-2/2']) });
    expect(run.segments).toEqual([
      { index: 1, label: '25°C/10.0(K/min)/325°C', startS: 0, endS: 1800, kind: 'ramp', rateCPerMin: 10, targetC: 325 },
      { index: 2, label: 'Segment 2', startS: 1800, endS: 4200, kind: 'unknown' },
    ]);
  });

  it('a #SEG. line without its start or end temperature, or with a rate that is no number, keeps its text but no shape', () => {
    for (const [seg2, why] of [
      ['325°C/00:20/', 'no end temperature'],
      ['/00:20/325°C', 'no start temperature'],
      ['325°C/x(K/min)/25°C', 'no rate'],
      ['°C/10.0(K/min)/325°C', 'no start temperature of a ramp'],
    ]) {
      const header = HEADER.map((l) => (l.startsWith('#SEG. 2:') ? `#SEG. 2:${seg2}` : l));
      const run = netzschAscii.parse({ fileName: 'hand.txt', bytes: file(header) });
      // Segment 2 has no duration: it ends with the data, and segment 3 is left no time.
      expect(run.segments[1], why).toEqual({ index: 2, label: seg2, startS: 1800, endS: 4200, kind: 'unknown' });
      expect(run.segments[2], why).toEqual({ index: 3, label: '325°C/20.0(K/min)/25°C', startS: 4200, endS: 4200, kind: 'cool', rateCPerMin: 20, targetC: 25 });
    }
  });
});

