// The Calisto header read line by line, in spellings the real file (PPeitsch-pkynetics) does not show: no blank
// before or after a colon, two blanks before the title's mass, a top-level key right after a block, a first line
// that is a key (no title), and masses that are not alone in their value. Written by hand; every expected value is
// the text as written.
import { describe, expect, it } from 'vitest';
import { setaramText } from './setaram';

const parse = (header: string[]) =>
  setaramText.parse({ fileName: 'run.txt', bytes: new TextEncoder().encode([...header, 'Index Time Sample TG', '1 0 25 10', '2 1 26 9', ''].join('\n')) });

describe('setaram: header spellings', () => {
  it('no blank before or after a colon, two blanks before the title mass, a top-level key right after a block', () => {
    const run = parse(['Hematite H2  12.5 mg', 'Creation Date : 03/12/2026', 'TG:', ' Initial Mass: 12.25mg', 'User :lab', '']);
    expect(run.metadata).toEqual({
      Title: 'Hematite H2  12.5 mg',
      'Creation Date': '03/12/2026',
      'TG: Initial Mass': '12.25mg',
      User: 'lab',
    });
    // The TG block's initial mass wins over the title's.
    expect(run.sample).toEqual({ instrument: 'Setaram (Calisto)', name: 'Hematite H2', initialMassMg: 12.25, operator: 'lab', date: '03/12/2026' });
  });

  it('a first line with a colon is a key, not a title; a mass not alone in its value is no initial mass', () => {
    const run = parse(['Creation Date : 03/12/2026', 'TG :', ' Initial Mass : approx. 12.5 mg', '']);
    expect(run.metadata).toEqual({ 'Creation Date': '03/12/2026', 'TG: Initial Mass': 'approx. 12.5 mg' });
    expect(run.sample).toEqual({ instrument: 'Setaram (Calisto)', date: '03/12/2026' });
  });

  it('a mass followed by more text, in the title or the TG block, is not read as the sample mass', () => {
    const run = parse(['Hematite 12.5 mg, second run', 'TG :', ' Initial Mass : 12.5 mg (balance)', '']);
    expect(run.sample).toEqual({ instrument: 'Setaram (Calisto)', name: 'Hematite 12.5 mg, second run' });
    expect(run.metadata['TG: Initial Mass']).toBe('12.5 mg (balance)');
  });

  it('an indented key with an empty value stays in its block; only an unindented one opens a block', () => {
    const run = parse(['TG :', ' Molar Mass :', ' Initial Mass : 12.5 mg', '']);
    expect(run.metadata).toEqual({ 'TG: Molar Mass': '', 'TG: Initial Mass': '12.5 mg' });
    expect(run.sample.initialMassMg).toBe(12.5);
  });
});
