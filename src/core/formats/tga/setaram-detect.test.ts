// What Setaram Calisto's detector scores for the spellings of its header and column lines: the two header lines
// ('Creation Date :', 'Initial Mass :') with or without blanks before the colon, each anchored at the start of a
// line, and the column line 'Index … Time … Furnace|Sample' with any run of blanks or ';'. Lines written by hand.
import { describe, expect, it } from 'vitest';
import { setaramText } from './setaram';

const detect = (lines: string[]): number => {
  const text = lines.join('\n');
  return setaramText.detect({ fileName: 'x.txt', headText: text, headBytes: new TextEncoder().encode(text).subarray(0, 64) });
};
const COLUMNS = 'Index Time Furnace Sample TG HeatFlow';

describe('setaram detect: the Calisto header lines', () => {
  it('takes either with no blank, one, or several before the colon, and the mass line indented or not: 0.97', () => {
    expect(detect(['Creation Date: x', 'Initial Mass: 5 mg', COLUMNS])).toBe(0.97);
    expect(detect(['Creation Date  : x', '   Initial Mass  : 5 mg', COLUMNS])).toBe(0.97);
    expect(detect(['Creation Date : x', ' Initial Mass : 5 mg', COLUMNS])).toBe(0.97);
  });

  it('a header word inside a longer line is not the header: the column line alone scores 0.8', () => {
    expect(detect(['File Creation Date : x', ' Initial Mass : 5 mg', COLUMNS])).toBe(0.8);
    expect(detect(['Creation Date : x', ' Sample Initial Mass : 5 mg', COLUMNS])).toBe(0.8);
  });
});

describe('setaram detect: the column line', () => {
  it("'Index', 'Time' with its unit, then 'Furnace' or 'Sample', split by blanks, tabs or ';' runs", () => {
    expect(detect(['Index;Time(s);Furnace(°C);TG(mg)'])).toBe(0.8);
    expect(detect(['Index  ;  Time   Sample  TG'])).toBe(0.8);
    expect(detect(['Index\tTime\tSample\tTG'])).toBe(0.8);
    expect(detect(['title', 'Index Time Sample TG'])).toBe(0.8);
  });

  it("not 'Index' at the line's start, nothing between Index and Time, or no Furnace/Sample after Time: 0", () => {
    expect(detect(['Row Index Time Sample TG'])).toBe(0);
    expect(detect(['IndexTime Sample TG'])).toBe(0);
    expect(detect(['Index Time TG Sample'])).toBe(0);
    expect(detect(['Index Time(s)Sample TG'])).toBe(0);
  });
});
