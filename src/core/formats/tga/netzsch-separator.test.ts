/**
 * NETZSCH ASCII #SEPARATOR: every word the reader accepts is the list a bad one is told (the message once listed four
 * while COLON and PIPE were accepted too).
 */
import { describe, expect, it } from 'vitest';
import { netzschAscii } from './netzsch-ascii';

function file(separatorWord: string, sep: string): Uint8Array {
  return new TextEncoder().encode([
    '#EXPORTTYPE:DATA SINGLE',
    '#DECIMAL:POINT',
    `#SEPARATOR:${separatorWord}`,
    '',
    `##Time/s${sep}Temp./K${sep}Mass/mg`,
    `0.0${sep}300.15${sep}10.5`,
    `1.5${sep}301.15${sep}10.4`,
  ].join('\r\n'));
}

describe('NETZSCH #SEPARATOR', () => {
  it.each([['SEMICOLON', ';'], ['COMMA', ','], ['TAB', '\t'], ['SPACE', ' '], ['COLON', ':'], ['PIPE', '|']])('reads #SEPARATOR:%s', (word, sep) => {
    const run = netzschAscii.parse({ fileName: 'sep.txt', bytes: file(word, sep) });
    expect(Array.from(run.timeS)).toEqual([0, 1.5]);
    expect(Array.from(run.massMg ?? [])).toEqual([10.5, 10.4]);
  });

  it('refuses an unknown separator naming the line and every accepted word', () => {
    expect(() => netzschAscii.parse({ fileName: 'sep.txt', bytes: file('DASH', '-') })).toThrow(
      'sep.txt, line 3: expected #SEPARATOR:SEMICOLON, COMMA, TAB, SPACE, COLON or PIPE, found "DASH"',
    );
  });
});
