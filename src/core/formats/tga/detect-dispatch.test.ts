/**
 * Detection and dispatch of the TGA registry (index.ts) with stand-in modules put at the head of the list for one
 * test each: ties go to the earlier module, scores that are not finite positive numbers and detectors that throw
 * count as 0, each detector sees at most the first 4096 bytes, a parser's plain Error becomes a FormatError naming
 * the module, and a column mapping goes to a vendor module only when it is sure (score above 0.5). Also the words of
 * a refusal for binary files (the 5 % control-character limit) and QMS logs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TgaRun } from '../../../shared/types';
import { FormatError, type DetectInput, type FormatModule } from '../types';
import { genericTable } from './generic-table';
import { detectTgaFormat, importTga, tgaFormats, tryImportTga } from './index';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const TABLE = utf8('time_s,mass_mg\n0,10\n60,9.9\n120,9.8\n');

function fake(id: string, detect: (input: DetectInput) => number, parse?: () => TgaRun): FormatModule<TgaRun> {
  return {
    id,
    label: `Fake ${id}`,
    technique: 'tga',
    extensions: [],
    detect,
    parse:
      parse ??
      (() => {
        throw new Error(`${id} was not meant to parse`);
      }),
  };
}

let added = 0;
/** Put stand-ins at the head of the registry for one test (removed after it). */
function front(...modules: FormatModule<TgaRun>[]): void {
  tgaFormats.unshift(...modules);
  added += modules.length;
}
afterEach(() => {
  tgaFormats.splice(0, added);
  added = 0;
});

describe('detectTgaFormat with stand-in modules', () => {
  it('the higher score wins; a tie goes to the earlier module', () => {
    const a = fake('a', () => 0.7);
    const b = fake('b', () => 0.7);
    const c = fake('c', () => 0.9);
    front(a, b);
    expect(detectTgaFormat('x.csv', TABLE)).toEqual({ format: a, score: 0.7 });
    tgaFormats.splice(0, added);
    added = 0;
    front(a, c);
    expect(detectTgaFormat('x.csv', TABLE)).toEqual({ format: c, score: 0.9 });
  });

  it('NaN, Infinity, negative scores and detectors that throw count as 0: the table goes to the generic reader', () => {
    front(
      fake('nan', () => NaN),
      fake('inf', () => Infinity),
      fake('neg', () => -1),
      fake('throws', () => {
        throw new Error('boom');
      }),
    );
    expect(detectTgaFormat('x.csv', TABLE)).toEqual({ format: genericTable, score: 0.5 });
  });

  it('each detector sees the file name, the decoded head and at most the first 4096 bytes', () => {
    const seen: DetectInput[] = [];
    front(fake('spy', (input) => (seen.push(input), 0)));
    const big = new Uint8Array(5000).fill(0x41);
    detectTgaFormat('big.txt', big);
    detectTgaFormat('small.txt', TABLE);
    expect(seen.map((s) => [s.fileName, s.headBytes.length, s.headText.length])).toEqual([
      ['big.txt', 4096, 5000],
      // the decoded head keeps an even number of bytes (whole UTF-16 code units): 35 bytes → 34 characters
      ['small.txt', 35, 34],
    ]);
    expect(TABLE.length).toBe(35);
    expect(seen[1].headText).toBe('time_s,mass_mg\n0,10\n60,9.9\n120,9.8');
  });

  it('nothing scores above 0: null', () => {
    expect(detectTgaFormat('n.txt', utf8('just words\n'))).toBeNull();
  });
});

describe('importTga dispatch', () => {
  it("a parser's plain Error becomes a FormatError naming the module; a FormatError passes unchanged", () => {
    front(
      fake('plain', () => 0.99, () => {
        throw new Error('bad block');
      }),
    );
    const err = (() => {
      try {
        importTga('p.bin', TABLE);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(FormatError);
    expect((err as Error).message).toBe('p.bin: expected a readable Fake plain, found "bad block"');
    tgaFormats.splice(0, added);
    added = 0;
    const own = new FormatError('q.bin', 7, 'a header');
    front(
      fake('own', () => 0.99, () => {
        throw own;
      }),
    );
    expect(() => importTga('q.bin', TABLE)).toThrow(own);
  });

  it('a thrown non-Error is reported by its text', () => {
    front(
      fake('str', () => 0.99, () => {
        throw 'odd failure';
      }),
    );
    expect(tryImportTga('s.bin', TABLE)).toEqual({ ok: false, fileName: 's.bin', message: 's.bin: expected a readable Fake str, found "odd failure"' });
  });

  it('with a column mapping a vendor module must be sure (above 0.5); at 0.5 the generic reader reads the table', () => {
    const sure = fake('sure', () => 0.51, () => {
      throw new FormatError('m.csv', null, 'the sure module');
    });
    front(sure);
    expect(() => importTga('m.csv', TABLE, { columnMapping: { time: 0 } })).toThrow('m.csv: expected the sure module');
    tgaFormats.splice(0, added);
    added = 0;
    front(fake('half', () => 0.5), fake('low', () => 0.2));
    const run = importTga('m.csv', TABLE, { columnMapping: { time: 0 } });
    expect(run.source.formatId).toBe('generic-table');
    expect(Array.from(run.timeS)).toEqual([0, 60, 120]);
  });

  it('with a column mapping a file nothing detects is read by the generic reader (and its refusal is the reader\'s)', () => {
    expect(() => importTga('w.txt', utf8('just words\n'), { columnMapping: { time: 0 } })).toThrow(
      'w.txt: expected a table: rows of delimited numbers (comma, semicolon, tab or spaces) under a header line',
    );
  });
});

describe('refusals of files no module reads', () => {
  const known = (): string => tgaFormats.map((f) => f.label).join('; ');
  const refusal = (name: string, bytes: Uint8Array): string => {
    const out = tryImportTga(name, bytes);
    return out.ok ? 'read' : out.message;
  };

  it('more than 5 % control characters is a binary file; 5 % exactly is text', () => {
    // 100 characters: 'x' × (100 − k) and k × U+0001 (a control character below 9)
    const text = (k: number, code = 1): Uint8Array => utf8('x'.repeat(100 - k) + String.fromCharCode(code).repeat(k));
    expect(refusal('b.bin', text(6))).toBe(`b.bin: expected a text export (this file looks binary). Readable formats: ${known()}`);
    expect(refusal('b.bin', text(6, 0x1f))).toBe(`b.bin: expected a text export (this file looks binary). Readable formats: ${known()}`);
    expect(refusal('b.bin', text(6, 0x0e))).toBe(`b.bin: expected a text export (this file looks binary). Readable formats: ${known()}`);
    const asText = `t.bin: expected a TGA export (${known()}) or a table with time and mass columns; no known format and no numeric table with a recognisable header was found (a column mapping can name the columns)`;
    expect(refusal('t.bin', text(5))).toBe(asText);
    // tab, line feed, vertical tab, form feed and carriage return (9–13) and space are text
    for (const code of [9, 10, 11, 12, 13, 32]) expect(refusal('t.bin', text(20, code)), `code ${code}`).toBe(asText);
  });

  it('a QMS log is named as such', () => {
    expect(refusal('q.asc', utf8('Quadera 4.62\nTime;Ion Current [A]\n0;1e-9\n1;2e-9\n2;3e-9\n'))).toBe(
      'q.asc: expected TGA data, but this looks like a quadrupole mass-spectrometer (QMS) log of partial pressures (e.g. a Pfeiffer Quadera export recorded alongside a TGA run), not TGA data: import the TGA export itself',
    );
  });
});
