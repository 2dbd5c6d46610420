import { describe, expect, it } from 'vitest';
import { genericTable } from './generic-table';

/**
 * Rows without numbers are skipped and named in a warning: the first five lines, then '…'. Both readers of a table
 * say so: the fast one (unquoted fields) and the one for quoted fields.
 */
describe('genericTable: skipped rows in the warning', () => {
  const table = (quote: string): { text: string; strayLines: number[] } => {
    const lines = [`${quote}Time (s)${quote},${quote}Mass (mg)${quote}`];
    const strayLines: number[] = [];
    for (let i = 0; i < 60; i++) {
      lines.push(`${quote}${i}${quote},${quote}${(10 - i / 100).toFixed(2)}${quote}`);
      if (i % 10 === 9) {
        lines.push(`${quote}pause${quote},${quote}-${quote}`);
        strayLines.push(lines.length); // 1-based line number of the row just added
      }
    }
    return { text: `${lines.join('\n')}\n`, strayLines };
  };

  it.each([
    ['unquoted', ''],
    ['quoted', '"'],
  ])('%s fields: six stray rows, the first five named', (_what, quote) => {
    const { text, strayLines } = table(quote);
    expect(strayLines).toEqual([12, 23, 34, 45, 56, 67]);
    const run = genericTable.parse({ fileName: 's.csv', bytes: new TextEncoder().encode(text) });
    expect(run.timeS.length).toBe(60);
    expect(run.warnings).toContain('Skipped 6 row(s) without numeric time and mass (lines 12, 23, 34, 45, 56, …).');
  });
});

describe('genericTable: mass in % with the sample mass in the preamble', () => {
  it('converts to mg by the stated mass and says where it came from', () => {
    const text = 'Sample mass: 12.5 mg\nTime (s),Mass (%)\n0,100\n1,99\n2,98\n3,97\n';
    const run = genericTable.parse({ fileName: 'p.csv', bytes: new TextEncoder().encode(text) });
    // 12.5 mg × (100, 99, 98, 97) % / 100
    expect(Array.from(run.massMg ?? [])).toEqual([12.5, 12.375, 12.25, 12.125]);
    expect(Array.from(run.massPercent ?? [])).toEqual([100, 99, 98, 97]);
    expect(run.massNote).toBe("'Mass (%)' [%] × 12.5 mg / 100 (sample mass from the preamble)");
    expect(run.warnings).not.toContain('The file states no sample mass.');
  });
});
