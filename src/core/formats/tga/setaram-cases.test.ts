// Calisto text exports in the settings we have no real file for (semicolons, tabs, TG in %, µg or g, no sample
// temperature), the header blocks, what detect scores, and every refusal with the file, the line and what was expected.
import { describe, expect, it } from 'vitest';
import type { TgaRun } from '../../../shared/types';
import { FormatError } from '../types';
import { setaramText } from './setaram';

const enc = (text: string): Uint8Array => new TextEncoder().encode(text);
const parse = (text: string, fileName = 'run.txt'): TgaRun => setaramText.parse({ fileName, bytes: enc(text) });
const detect = (text: string): number => setaramText.detect({ fileName: 'x.txt', headText: text, headBytes: enc(text).subarray(0, 64) });

const HEADER = ['Hematite H2 12.5mg', 'Creation Date : 03/12/2026 10:00:00 a.m.', 'User : lab', '', 'TG :', ' Initial Mass : 12.5 mg', ' Molar Mass : N/A', '', 'HeatFlow :', ' Initial Mass : 12.5 mg', ''];

describe('Calisto exports in other settings', () => {
  it('semicolons, TG in %: the mass is % × the TG block initial mass / 100; the delimiter is reported', () => {
    const text = [...HEADER, 'Index;Time;Furnace;Sample;TG(%)', '1;0;25;25.5;100', '2;60;35;35.2;99', '3;120;45;44.8;97.5', ''].join('\n');
    const run = parse(text);
    expect(run.source).toMatchObject({ delimiter: ';', headerLine: 12, dataStartLine: 13, dataEndLine: 15, decimal: '.' });
    expect(Array.from(run.massPercent ?? [])).toEqual([100, 99, 97.5]);
    expect(Array.from(run.massMg ?? [])).toEqual([12.5, 12.375, 12.1875]);
    expect(run.massNote).toBe('TG [%] × 12.5 mg / 100');
    expect(Array.from(run.timeS)).toEqual([0, 60, 120]);
    expect(Array.from(run.temperatureC ?? [])).toEqual([25.5, 35.2, 44.8]);
    expect(run.channels.map((c) => [c.name, c.unit, Array.from(c.values)])).toEqual([['Furnace', '°C', [25, 35, 45]]]);
    // the defaults said are only those used: Time and Furnace and Sample had no unit, TG had one
    expect(run.warnings).toEqual(["Calisto writes no units here: read with Calisto's defaults (Time s, Furnace °C, Sample °C)."]);
    expect(run.sample).toEqual({ instrument: 'Setaram (Calisto)', name: 'Hematite H2', initialMassMg: 12.5, operator: 'lab', date: '03/12/2026 10:00:00 a.m.' });
  });

  it('metadata: top-level keys as written, block keys as "Block: Key", a blank line ends a block', () => {
    const text = [...HEADER, 'Note : after the blocks', 'Index Time Sample TG', '1 0 25 10', '2 1 26 9'].join('\n');
    const run = parse(text);
    expect(run.metadata).toEqual({
      Title: 'Hematite H2 12.5mg',
      'Creation Date': '03/12/2026 10:00:00 a.m.',
      User: 'lab',
      'TG: Initial Mass': '12.5 mg',
      'TG: Molar Mass': 'N/A',
      'HeatFlow: Initial Mass': '12.5 mg',
      Note: 'after the blocks',
    });
    expect(run.source.delimiter).toBe(' ');
  });

  it('TG in % with the mass only in the title, or with no mass at all', () => {
    const titleOnly = ['FeO run 8.2 mg', 'Index\tTime\tSample\tTG(%)', '1\t0\t700\t100', '2\t30\t700\t90'].join('\n');
    const a = parse(titleOnly);
    expect(a.source.delimiter).toBe('\t');
    expect(a.sample.initialMassMg).toBe(8.2);
    expect(a.sample.name).toBe('FeO run');
    expect(a.massMg?.[0]).toBe(8.2);
    expect(a.massMg?.[1]).toBeCloseTo(7.38, 12);
    const none = parse(['FeO run', 'Index\tTime\tSample\tTG(%)', '1\t0\t700\t100', '2\t30\t700\t90'].join('\n'));
    expect(none.sample.name).toBe('FeO run');
    expect(none.sample.initialMassMg).toBeUndefined();
    expect(none.massMg).toBeNull();
    expect(Array.from(none.massPercent ?? [])).toEqual([100, 90]);
    expect(none.massNote).toBe('TG [%]; no initial mass in the file');
  });

  it('TG in µg or g is scaled to mg; the initial mass may be in g or µg; "mg" written in the name is noted as such', () => {
    const ug = parse(['Index Time Sample TG(µg)', '1 0 25 12500', '2 1 26 12000'].join('\n'));
    expect(Array.from(ug.massMg ?? [])).toEqual([12.5, 12]);
    expect(ug.massNote).toBe('TG [µg]');
    const g = parse(['TG :', ' Initial Mass : 0.0125 g', '', 'Index Time Sample TG/g', '1 0 25 0.0125', '2 1 26 0.012'].join('\n'));
    expect(Array.from(g.massMg ?? [])).toEqual([12.5, 12]);
    expect(g.sample.initialMassMg).toBe(12.5);
    const initUg = parse(['TG :', ' Initial Mass : 12500 µg', '', 'Index Time Sample TG', '1 0 25 12.5', '2 1 26 12'].join('\n'));
    expect(initUg.sample.initialMassMg).toBeCloseTo(12.5, 12);
    expect(initUg.massNote).toBe('TG [mg] (Calisto default unit)');
    const mg = parse(['Index Time Sample TG[mg]', '1 0 25 12.5', '2 1 26 12'].join('\n'));
    expect(mg.massNote).toBe('TG [mg]');
    expect(mg.massMg).toBe(mg.massMg); // same array, no copy needed
    expect(Array.from(mg.massMg ?? [])).toEqual([12.5, 12]);
  });

  it('other names: Mass or Weight is the mass, "Sample Temperature" the temperature; without one there is no temperature', () => {
    const w = parse(['Index Time Weight Furnace', '1 0 10 25', '2 1 9.5 26'].join('\n'));
    expect(w.source.columns.map((c) => c.role)).toEqual(['ignored', 'time', 'mass', 'channel']);
    expect(w.temperatureC).toBeNull();
    expect(w.massNote).toBe('Weight [mg] (Calisto default unit)');
    expect(Array.from(w.massMg ?? [])).toEqual([10, 9.5]);
    const m = parse(['Index;Time;Sample Temperature(K);Mass', '1;0;1000;10', '2;1;1010;9.9'].join('\n'));
    expect(m.source.columns.map((c) => c.role)).toEqual(['ignored', 'time', 'temperature', 'mass']);
    expect(m.temperatureC?.[0]).toBeCloseTo(726.85, 10);
    // a changing TG raises no constant-TG warning
    expect(m.warnings.join(' ')).not.toMatch(/constant/);
    expect(m.warnings).toEqual(["Calisto writes no units here: read with Calisto's defaults (Time s, Mass mg)."]);
  });
});

describe('detect', () => {
  const head = [...HEADER, 'Index Time Furnace Sample TG HeatFlow', '1 0 50 53 240 -11'].join('\n');
  it('column line and Calisto header: 0.97; the column line alone: 0.8; neither: 0', () => {
    expect(detect(head)).toBe(0.97);
    expect(detect(['Index;Time;Sample;TG', '1;0;25;10'].join('\n'))).toBe(0.8);
    expect(detect(['Creation Date : x', ' Initial Mass : 5 mg', 'Index Time TG', '1 0 5'].join('\n'))).toBe(0);
    expect(detect('Time,Temperature,Mass\n0,25,10\n')).toBe(0);
    // the header without its "Initial Mass" line is not Calisto's
    expect(detect(['Creation Date : x', 'Index Time Sample TG'].join('\n'))).toBe(0.8);
  });
});

describe('refusals name the file, the line and what was expected', () => {
  const err = (text: string): FormatError => {
    try {
      parse(text, 'c.txt');
    } catch (e) {
      return e as FormatError;
    }
    throw new Error('no error');
  };
  it('no column line, no data rows, a non-number, no TG column, a time unit it cannot read', () => {
    expect(err('Title\nIndex Temp TG\n1 2 3').message).toBe("c.txt: expected a Calisto column line starting 'Index Time'");
    expect(err('Title\nIndex Time Sample TG\n\n').message).toBe('c.txt, line 3: expected data rows under the column line');
    expect(err('Index Time Sample TG\n1 0 25 10\n2 x 26 9').message).toBe(`c.txt, line 3: expected a number in column 'Time', found "x"`);
    const noTg = err('Index Time Sample HeatFlow\n1 0 25 10');
    expect(noTg.message).toBe(`c.txt, line 1: expected columns 'Time' and 'TG', found "Index Time Sample HeatFlow"`);
    expect(noTg).toBeInstanceOf(FormatError);
    expect(err('Index Time(d) Sample TG\n1 0 25 10').message).toBe(`c.txt, line 1: expected a time unit s, min or h, found "d"`);
    expect(err('Index Time Sample TG\n1 0 25 10\n2 1 26').message).toBe(`c.txt, line 3: expected 4 values (Index Time Sample TG), found "2 1 26"`);
  });
});
