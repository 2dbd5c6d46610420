/**
 * What a user reads when a file is not what its parser expects: every FormatError names the file, the line (where
 * one is to blame) and what was expected, with what was found. The messages are pinned word for word, on small
 * hand-written files that break one rule each.
 */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FormatError, type FormatModule } from '../types';
import type { ParseOptions, TgaRun } from '../../../shared/types';
import { genericTable } from './generic-table';
import { mettlerStare } from './mettler-stare';
import { netzschAscii } from './netzsch-ascii';
import { netzschNgb } from './netzsch-ngb';
import { pyrisCsv, pyrisText } from './pyris';
import { taTrios } from './ta-trios';
import { taUniversal } from './ta-universal';

const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The FormatError a parser throws on the text (fails the test when it parses or throws something else). */
function errorOf(format: FormatModule<TgaRun>, fileName: string, text: string, options?: ParseOptions): FormatError {
  try {
    format.parse({ fileName, bytes: bytesOf(text), options });
  } catch (err) {
    if (err instanceof FormatError) return err;
    throw err;
  }
  throw new Error(`${fileName} parsed without an error`);
}

describe('NETZSCH Proteus ASCII: errors', () => {
  const head = '#EXPORTTYPE:DATA ALL\n#DECIMAL:POINT\n#SEPARATOR:SEMICOLON\n';
  it.each([
    ['a stray line in the header', '#EXPORTTYPE:DATA ALL\nstray text\n##Time/min;Mass/mg\n1;2\n', 2, `n.txt, line 2: expected a '#KEY:VALUE' header line or the '##' column line, found "stray text"`],
    ['no column line', '#EXPORTTYPE:DATA ALL\n#DECIMAL:POINT\n', null, `n.txt: expected a '##' column line after the '#' header (e.g. '##Temp./°C;Time/min;Mass/%')`],
    ['an unknown decimal mark', '#EXPORTTYPE:DATA ALL\n#DECIMAL:KOMMA\n##Time/min;Mass/mg\n1;2\n', 2, 'n.txt, line 2: expected #DECIMAL:POINT or #DECIMAL:COMMA, found "KOMMA"'],
    ['an unknown separator', '#SEPARATOR:SLASH\n##Time/min;Mass/mg\n1;2\n', 1, 'n.txt, line 1: expected #SEPARATOR:SEMICOLON, COMMA, TAB, SPACE, COLON or PIPE, found "SLASH"'],
    ['a separator equal to the decimal mark', '#DECIMAL:COMMA\n#SEPARATOR:COMMA\n##Time/min,Mass/mg\n1,2\n', 2, 'n.txt, line 2: expected a separator different from the decimal mark, found "COMMA"'],
    ['no time column', `${head}##Temp./°C;Mass/mg\n1;2\n`, 4, `n.txt, line 4: expected a time column such as 'Time/min', found "Temp./°C;Mass/mg"`],
    ['a time column without a time unit', `${head}##Time/°C;Mass/mg\n1;2\n`, 4, `n.txt, line 4: expected a time column such as 'Time/min', found "Time/°C;Mass/mg"`],
    ['no mass column', `${head}##Time/min;Temp./°C\n1;2\n`, 4, `n.txt, line 4: expected a mass column such as 'Mass/%' or 'Mass/mg', found "Time/min;Temp./°C"`],
    ['a short row', `${head}##Time/min;Temp./°C;Mass/mg\n0;25;10\n1;26\n`, 6, 'n.txt, line 6: expected 3 fields separated by ";", found "1;26"'],
    ['a word among the numbers', `${head}##Time/min;Mass/mg\n0;10\n1;n/a\n`, 6, 'n.txt, line 6: expected a number in column 2 (Mass), found "1;n/a"'],
    ['no data rows', `${head}##Time/min;Mass/mg\n\n`, 5, 'n.txt, line 5: expected data rows after the column line'],
  ])('%s', (_what, text, line, message) => {
    const err = errorOf(netzschAscii, 'n.txt', text);
    expect(err.message).toBe(message);
    expect(err.line).toBe(line);
    expect(err.fileName).toBe('n.txt');
  });

  it('reads decimal commas with a semicolon separator (minutes to s, mg as written)', () => {
    const run = netzschAscii.parse({ fileName: 'n.txt', bytes: bytesOf('#DECIMAL:COMMA\n#SEPARATOR:SEMICOLON\n##Time/min;Mass/mg\n0,5;10,25\n1,5;9,75\n') });
    expect(Array.from(run.timeS)).toEqual([30, 90]);
    expect(Array.from(run.massMg ?? [])).toEqual([10.25, 9.75]);
    expect(run.source.decimal).toBe(',');
  });
});

describe('TA Universal Analysis text: errors', () => {
  it.each([
    ['no Nsig line', 'Instrument\tTGA Q500\nStartOfData\n0 10\n', null, "u.txt: expected an 'Nsig<TAB>n' line naming the number of signals"],
    ['a Sig line missing', 'Nsig\t2\nSig1\tTime (min)\nStartOfData\n0 10\n', 1, "u.txt, line 1: expected a 'Sig2' line for each of the 2 signals"],
    ['no data after the header', 'Nsig\t2\nSig1\tTime (min)\nSig2\tWeight (mg)\nclosing remark\n', 4, "u.txt, line 4: expected a 'StartOfData' line or numeric data rows after the header"],
    ['no time signal', 'Nsig\t2\nSig1\tTemperature (°C)\nSig2\tWeight (mg)\nStartOfData\n25 10\n', 1, `u.txt, line 1: expected a 'Time (min)' signal, found "Temperature (°C), Weight (mg)"`],
    ['a time signal without a unit', 'Nsig\t2\nSig1\tTime\nSig2\tWeight (mg)\nStartOfData\n0 10\n', 1, `u.txt, line 1: expected a 'Time (min)' signal, found "Time, Weight (mg)"`],
    ['no mass signal', 'Nsig\t2\nSig1\tTime (min)\nSig2\tTemperature (°C)\nStartOfData\n0 25\n', 1, `u.txt, line 1: expected a 'Weight (mg)' or 'Weight (%)' signal, found "Time (min), Temperature (°C)"`],
    ['a row with too many values', 'Nsig\t2\nSig1\tTime (min)\nSig2\tWeight (mg)\nStartOfData\n0\t10\n1\t9\t8\n', 6, 'u.txt, line 6: expected 2 values (one per Sig line), found "1\\t9\\t8"'],
    ['a word among the numbers', 'Nsig\t2\nSig1\tTime (min)\nSig2\tWeight (mg)\nStartOfData\n0\t10\n1\tx\n', 6, 'u.txt, line 6: expected a number for Weight (mg), found "1\\tx"'],
    ['no data rows', 'Nsig\t2\nSig1\tTime (min)\nSig2\tWeight (mg)\nStartOfData\n\n', 5, 'u.txt, line 5: expected data rows'],
  ])('%s', (_what, text, line, message) => {
    const err = errorOf(taUniversal, 'u.txt', text);
    expect(err.message).toBe(message);
    expect(err.line).toBe(line);
  });
});

describe('PerkinElmer Pyris: errors', () => {
  const header = 'Sample ID:\tS1\nSample Weight:\t5.0 mg\nMethod Steps:\n1)\tHold for 1.0 min at 30.00°C\n';
  const columns = '1) TGA Isothermal\n\tTime\tUnsubtracted\tSample\n\t\tWeight\tTemperature\n';
  it.each([
    ['no method steps', 'Sample ID:\tS1\nSample Weight:\t5.0 mg\n', null, "p.txt: expected a Pyris header ending with 'Method Steps:'"],
    ['no data section', header, null, "p.txt: expected a data section title such as '1) TGA Isothermal'"],
    ['no column header after the section title', `${header}1) TGA Isothermal\nTime Weight\n`, 6, `p.txt, line 6: expected the two-line column header ('Time | Unsubtracted Weight | …') after the first section title, found "Time Weight"`],
    ['no data rows', `${header}${columns}`, 8, 'p.txt, line 8: expected data rows of 3 tab-separated numbers, found ""'],
    ['a damaged row inside the data', `${header}${columns}\t0.0\t5.0\t30.0\n\t0.1\t4.9\n\t0.2\t4.8\t30.2\n`, 9, 'p.txt, line 9: expected a data row of 3 tab-separated numbers (Time, Unsubtracted Weight, Sample Temperature), found "\\t0.1\\t4.9"'],
  ])('text export: %s', (_what, text, line, message) => {
    const err = errorOf(pyrisText, 'p.txt', text);
    expect(err.message).toBe(message);
    expect(err.line).toBe(line);
  });

  it.each([
    ['no Time column', 'Weight,Sample Temperature\n1,2\n', 1, `p.csv, line 1: expected a header line 'Time,Unsubtracted Weight,…', found "Weight,Sample Temperature"`],
    ['a short row', 'Time,Unsubtracted Weight,Sample Temperature\n0,5,30\n0.1,4.9\n', 3, 'p.csv, line 3: expected 3 comma-separated fields, found "0.1,4.9"'],
    ['a time that is not a number', 'Time,Unsubtracted Weight,Sample Temperature\n0,5,30\nx,4.9,31\n', 3, 'p.csv, line 3: expected a number in the Time field, found "x"'],
    ['a time that is not a number, Time not first', 'Sample Temperature,Time,Unsubtracted Weight\n30,0,5\n31,x,4.9\n', 3, 'p.csv, line 3: expected a number in the Time field, found "x"'],
    ['no mass column', 'Time,Sample Temperature\n0,30\n', null, "p.csv: expected an 'Unsubtracted Weight' or 'Weight' column"],
  ])('CSV export: %s', (_what, text, line, message) => {
    const err = errorOf(pyrisCsv, 'p.csv', text);
    expect(err.message).toBe(message);
    expect(err.line).toBe(line);
  });
});

describe('TA TRIOS text: errors', () => {
  it.each([
    ['no step and no column line', 'Filename\tCLS\nInstrument name\t5500\n', null, "t.txt: expected a '[step]' line or a 'Time' column line followed by a units line"],
    [
      'a later step without its column line',
      '[step]\nRamp 10.00 °C/min to 100.00 °C\nTime\tWeight\nmin\t%\n0\t100\n\n[step]\nIsothermal 5.0 min\nfoo\tbar\n',
      9,
      `t.txt, line 9: expected a column line starting with 'Time' followed by a units line, found "foo\\tbar"`,
    ],
    ['a short row', 'Time\tTemperature\tWeight\nmin\t°C\tmg\n0\t30\t5\n0.1\t31\n', 4, 't.txt, line 4: expected 3 fields separated by "\\t" (cells may be empty), found "0.1\\t31"'],
    ['an empty time cell', 'Time\tTemperature\tWeight\nmin\t°C\tmg\n0\t30\t5\n\t31\t4.9\n', 4, 't.txt, line 4: expected a time in the first field, found "\\t31\\t4.9"'],
    ['a word among the numbers', 'Time\tTemperature\tWeight\nmin\t°C\tmg\n0\t30\t5\n0.1\tx\t4.9\n', 4, 't.txt, line 4: expected a number for Temperature (°C), found "0.1\\tx\\t4.9"'],
    ['no data rows', 'Time\tWeight\nmin\tmg\n\n', 3, 't.txt, line 3: expected data rows'],
    ['no weight column', 'Time\tTemperature\nmin\t°C\n0\t30\n', 1, `t.txt, line 1: expected a 'Weight' column in mg, µg or %, found "Time\\tTemperature"`],
  ])('%s', (_what, text, line, message) => {
    const err = errorOf(taTrios, 't.txt', text);
    expect(err.message).toBe(message);
    expect(err.line).toBe(line);
  });
});

describe('Mettler-Toledo STARe text: errors', () => {
  const columnLine = '            Index              t             Ts             Tr          Value';
  const unitsLine = '                             [s]           [°C]           [°C]           [mg]';
  const row = (k: number, v: string): string => `                ${k}              ${k}         36.625         35.000        ${v}`;
  const file = (cols: string, units: string, rows: string[]): string => ['Curve Name:', '  =TEST TGA', 'Curve Values:', cols, units, ...rows].join('\n') + '\n';
  it.each([
    ['no curve', 'Curve Name:\n  =TEST TGA\n', null, "m.txt: expected a STARe curve: a column line 'Index t Ts Tr Value' followed by a units line '[s] [°C] [°C] [mg]'"],
    ['more units than column names', file('            Index              t             Ts          Value', unitsLine, [row(0, '12.8009')]), 4, 'm.txt, line 4: expected 4 column names above 4 units, found "            Index              t             Ts          Value"'],
    ['a short row', file(columnLine, unitsLine, [row(0, '12.8009'), '                1              1         36.700']), 7, 'm.txt, line 7: expected 5 numbers (Index and [s] [°C] [°C] [mg]), found "                1              1         36.700"'],
    ['a word among the numbers', file(columnLine, unitsLine, [row(0, '12.8009'), row(1, 'n.a.')]), 7, `m.txt, line 7: expected a number in column 'Value', found "n.a."`],
    ['no data rows', file(columnLine, unitsLine, ['']), 6, 'm.txt, line 6: expected data rows under the units line, found ""'],
    ['no mass curve', file(columnLine, unitsLine.replace('[mg]', '[mW]'), [row(0, '1.5')]), 5, 'm.txt, line 5: expected a curve whose value unit is a mass ([mg], [µg], [g] or [%]); curves found: [mW]'],
    ['time not in seconds', file(columnLine, unitsLine.replace('[s]', '[min]'), [row(0, '12.8009')]), 5, `m.txt, line 5: expected time 't' in [s], found "${unitsLine.replace('[s]', '[min]')}"`],
  ])('%s', (_what, text, line, message) => {
    const err = errorOf(mettlerStare, 'm.txt', text);
    expect(err.message).toBe(message);
    expect(err.line).toBe(line);
  });
});

describe('generic table: errors', () => {
  const good = 'Time/s,Mass/mg\n0,10\n1,9.9\n2,9.8\n';
  it.each([
    ['a mapped column index out of range', good, { columnMapping: { time: 5 } }, 1, 'g.csv, line 1: expected a time column index between 0 and 1, found "5"'],
    ['a mapped column index below 0', good, { columnMapping: { temperature: -1 } }, 1, 'g.csv, line 1: expected a temperature column index between 0 and 1, found "-1"'],
    ['a mapped column index one past the last', good, { columnMapping: { mass: 2 } }, 1, 'g.csv, line 1: expected a mass column index between 0 and 1, found "2"'],
    ['a mapped column name not in the file', good, { columnMapping: { mass: 'Gewicht' } }, 1, "g.csv, line 1: expected a mass column named 'Gewicht' (columns: Time/s, Mass/mg)"],
    ['no table', 'hello world\nno numbers here\n', undefined, null, 'g.csv: expected a table: rows of delimited numbers (comma, semicolon, tab or spaces) under a header line'],
    ['no time column', 'Temp/°C,Mass/mg\n25,10\n26,9.9\n27,9.8\n', undefined, 1, "g.csv, line 1: expected a time column (Time, Zeit, t, 'time_s', or a unit s/min/h); give a column mapping, found \"Temp/°C | Mass/mg\""],
    ['no mass column', 'Time/s,Temp/°C\n0,25\n1,26\n2,27\n', undefined, 1, 'g.csv, line 1: expected a mass column (Mass, Masse, Weight, Gewicht, TG, or a unit mg/µg/g/%); give a column mapping, found "Time/s | Temp/°C"'],
    [
      'more than a tenth of the rows without numbers',
      `Time/s,Mass/mg\n${Array.from({ length: 10 }, (_, i) => `${i},${10 - i / 10}`).join('\n')}\n10,x\n11,y\n12,z\n`,
      undefined,
      12,
      `g.csv, line 12: expected a number in 'Time/s' and 'Mass/mg' (3 of 13 rows are not), found "10,x"`,
    ],
  ])('%s', (_what, text, options, line, message) => {
    const err = errorOf(genericTable, 'g.csv', text, options as ParseOptions | undefined);
    expect(err.message).toBe(message);
    expect(err.line).toBe(line);
  });
});

describe('NETZSCH .ngb: errors', () => {
  const member = (text: string): Uint8Array => new TextEncoder().encode(text);
  it.each([
    ['not a ZIP archive', new TextEncoder().encode('#EXPORTTYPE:DATA ALL\n'), 'r.ngb-ss3: expected a NETZSCH .ngb file (a ZIP archive starting with "PK")'],
    ['too short to be one', Uint8Array.from([0x50, 0x4b, 3]), 'r.ngb-ss3: expected a NETZSCH .ngb file (a ZIP archive starting with "PK")'],
    ['a ZIP without the streams', zipSync({ 'readme.txt': member('hello') }), 'r.ngb-ss3: expected the member Streams/stream_1.table inside the .ngb archive'],
    ['a ZIP without the data stream', zipSync({ 'Streams/stream_1.table': new Uint8Array(0), 'Streams/stream_3.table': new Uint8Array(0) }), 'r.ngb-ss3: expected the member Streams/stream_2.table inside the .ngb archive'],
  ])('%s', (_what, bytes, message) => {
    let caught: unknown;
    try {
      netzschNgb.parse({ fileName: 'r.ngb-ss3', bytes });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(FormatError);
    expect((caught as FormatError).message).toBe(message);
    expect((caught as FormatError).line).toBeNull();
  });
});
