// What the NETZSCH Proteus ASCII detector scores, line by line: its keys only at the start of a line, and a column
// line ('##…') that names Temp, Time or Mass anywhere before a unit's '/'. Heads written by hand.
import { describe, expect, it } from 'vitest';
import { netzschAscii } from './netzsch-ascii';

const score = (lines: string[], fileName = 'x.dat'): number => netzschAscii.detect({ fileName, headText: lines.join('\n'), headBytes: new Uint8Array() });

describe('netzschAscii detect', () => {
  it('#EXPORTTYPE: and #FORMAT:NETZSCH count only at the start of a line', () => {
    expect(score(['#EXPORTTYPE:DATA SINGLE'])).toBe(0.95);
    expect(score(['#FORMAT:NETZSCH4'])).toBe(0.95);
    expect(score(['see #EXPORTTYPE:DATA SINGLE'])).toBe(0);
    expect(score(['see #FORMAT:NETZSCH4'])).toBe(0);
  });

  it('without them: a #KEY: line and a ## column line naming Temp, Time or Mass before a "/" (0.9, + 0.02 for .txt)', () => {
    expect(score(['#SAMPLE:NiO', '##Temp./°C;Time/min;Mass/%'])).toBe(0.9);
    expect(score(['#SAMPLE:NiO', '##Temp./°C;Time/min;Mass/%'], 'x.txt')).toBe(0.92);
    // The name need not open the line, and any text may stand between it and the '/'.
    expect(score(['#SAMPLE:NiO', '##Index;Time elapsed/min;Mass change/mg'])).toBe(0.9);
    // Not at the start of a line, or no '#KEY:' line that starts one: no claim.
    expect(score(['#SAMPLE:NiO', 'x ##Temp./°C;Time/min;Mass/%'])).toBe(0);
    expect(score(['note #SAMPLE:NiO', '##Temp./°C;Time/min;Mass/%'])).toBe(0);
    // A '#' inside the column text before the name is not a column line of this kind.
    expect(score(['#SAMPLE:NiO', '##No.#;Time/min;Mass/%'])).toBe(0);
  });
});

describe('netzschAscii: header keys read by their whole name', () => {
  const rows = ['0;25;10;50', '1;35;9.9;50', '2;45;9.8;0'];
  const parse = (header: string[], columns = '##Time/min;Temp./°C;Mass/mg') =>
    netzschAscii.parse({
      fileName: 'keys.txt',
      bytes: new TextEncoder().encode(['#EXPORTTYPE:DATA ALL', '#SEPARATOR:SEMICOLON', ...header, '', columns, ...(columns.split(';').length === 4 ? rows : rows.map((r) => r.split(';').slice(0, 3).join(';')))].join('\r\n')),
    });

  it("'#SEG.1' without a blank is a segment line; 'PRESEG. 1' or 'SEG. 1 old' are not", () => {
    const run = parse(['#SEG.1:25°C/10.0(K/min)/325°C', '#PRESEG. 2:325°C/00:20/325°C', '#SEG. 3 old:325°C/00:20/325°C']);
    expect(run.programme).toEqual(['SEG.1:25°C/10.0(K/min)/325°C']);
    // The one segment spans the data (0–2 min).
    expect(run.segments).toEqual([{ index: 1, label: '25°C/10.0(K/min)/325°C', startS: 0, endS: 120, kind: 'ramp', rateCPerMin: 10, targetC: 325 }]);
  });

  it("a '#PURGE 2 GAS:' line names the 'Gas Flow(purge2)' column (the part in parentheses matched)", () => {
    const run = parse(['#PURGE 2 GAS:ARGON'], '##Time/min;Temp./°C;Mass/mg;Gas Flow(purge2)/(ml/min)');
    expect(run.gasEvents).toEqual([
      { timeS: 0, gas: 'Gas Flow(purge2) 50 ml/min (PURGE 2 GAS: ARGON)', source: 'column Gas Flow(purge2), line 6' },
      { timeS: 120, gas: 'Gas Flow(purge2) off (PURGE 2 GAS: ARGON)', source: 'column Gas Flow(purge2), data row 3' },
    ]);
  });
});
