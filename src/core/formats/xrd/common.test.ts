import { describe, expect, it } from 'vitest';
import { isMonotonic, parseAsciiNumber, parseAxisUnit, parseNexusAxisUnit, parseNumberList, readNumericTable, readNumericTableFromBytes, wavelengthToAngstrom, zipMemberNamesInHead } from './common';
import { missingXrd, readXrd } from '../../../../test/fixtures/xrd/paths';

const enc = new TextEncoder();
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('parseAsciiNumber', () => {
  it('equals Number() bit for bit on the fast path and on the fallbacks', () => {
    const tokens = ['2.000000e+00', '1.600000e+01', '5.020000e+02', '1.019698551E-02', '-164.5344696', '+3.5', '0', '0.000', '7', '.5', '5.', '1e-300',
      '1.2345678901234567', '123456789012345678', '9.999999999999999e22', '4.066e-11', '3.20179398976e-11', '0.1', '0.3', '2.5e-5', '1E5', '-0'];
    for (const t of tokens) {
      const b = enc.encode(t);
      expect(Object.is(parseAsciiNumber(b, 0, b.length), Number(t)), t).toBe(true);
    }
  });
  it('returns NaN for non-numbers', () => {
    for (const t of ['abc', '1.2.3', '1e', '-', '2th_deg', '1,5']) {
      const b = enc.encode(t);
      expect(parseAsciiNumber(b, 0, b.length), t).toBeNaN();
    }
  });
});

describe('readNumericTable', () => {
  const text = '# header\n# 2th_deg  I\n  1.0  10\n 2.0\t20\n\n3.0, 30\n# comment inside\n4.0;40\ntrailing text\n5 50\n';
  it('reads numbers with mixed separators, stops at text after the data and says so', () => {
    const t = readNumericTable(text, 'f.xy');
    expect(t.rowCount).toBe(4);
    expect(Array.from(t.columns[0])).toEqual([1, 2, 3, 4]);
    expect(Array.from(t.columns[1])).toEqual([10, 20, 30, 40]);
    expect(t.headerLines).toEqual(['# header', '# 2th_deg  I']);
    expect(t.dataStartLine).toBe(3);
    expect(t.dataEndLine).toBe(8);
    expect(t.warnings[0]).toContain('line 9');
  });
  it('gives the same result from bytes as from text', () => {
    const a = readNumericTable(text, 'f.xy');
    const b = readNumericTableFromBytes(enc.encode(text), 'f.xy', {}, dec);
    expect(b).toEqual(a);
  });
  it('reads data rows (one pass per number after the first row) bit for bit as Number() and as the text version', () => {
    const tokens = ['2.000000e+00', '1.019698551E-02', '-164.5344696', '+3.5', '0', '0.000', '.5', '5.', '1e-300', '1.2345678901234567',
      '123456789012345678', '9.999999999999999e22', '4.066e-11', '0.1', '2.5e-5', '1E5', '-0', '00012.50', '1e+022'];
    const rows = `0 0\n${tokens.map((t, i) => `${i + 1},${t}\r`).join('\n')}\n`;
    const b = readNumericTableFromBytes(enc.encode(rows), 'f.xy', {}, dec);
    expect(b.rowCount).toBe(tokens.length + 1);
    tokens.forEach((t, i) => expect(Object.is(b.columns[1][i + 1], Number(t)), t).toBe(true));
    for (const bad of ['1e', '-', '1.2.3', '2th', '1.5x', 'nan', '1e5e']) {
      const text = `1 2\n3 ${bad}\n4 5\n`;
      expect(readNumericTableFromBytes(enc.encode(text), 'f.xy', {}, dec), bad).toEqual(readNumericTable(text, 'f.xy'));
    }
  });
  it('throws a FormatError naming the line when a row is short', () => {
    expect(() => readNumericTable('1 2 3\n4 5 6\n7 8\n', 'g.xye')).toThrow(/g\.xye, line 3: expected 3 numbers/);
    expect(() => readNumericTableFromBytes(enc.encode('1 2 3\n4 5 6\n7 8\n'), 'g.xye', {}, dec)).toThrow(/g\.xye, line 3/);
  });
});

describe('units and helpers', () => {
  it('reads wavelengths in m, nm, Å and bare metres', () => {
    expect(wavelengthToAngstrom(2.0735e-11, 'm')).toBeCloseTo(0.20735, 12);
    expect(wavelengthToAngstrom(3.344e-11, '')).toBeCloseTo(0.3344, 12);
    expect(wavelengthToAngstrom(0.15406, 'nm')).toBeCloseTo(1.5406, 12);
    expect(wavelengthToAngstrom(1.5406, 'A')).toBe(1.5406);
    expect(wavelengthToAngstrom(1.5406, '')).toBe(1.5406);
    expect(wavelengthToAngstrom(-1, 'm')).toBeNull();
  });
  it('maps pyFAI unit names and axis labels', () => {
    expect(parseAxisUnit('2th_deg')).toEqual({ unit: '2th_deg', scale: 1 });
    expect(parseAxisUnit('q_nm^-1')).toEqual({ unit: 'q_nm^-1', scale: 1 });
    expect(parseAxisUnit('q_A^-1')).toEqual({ unit: 'q_A^-1', scale: 1 });
    expect(parseAxisUnit('2th_rad')?.scale).toBeCloseTo(180 / Math.PI, 12);
    expect(parseAxisUnit('2Theta,Counts')?.unit).toBe('2th_deg');
    expect(parseAxisUnit('intensity')).toBeNull();
    expect(parseNexusAxisUnit('2th', 'deg')).toEqual({ unit: '2th_deg', scale: 1 });
    expect(parseNexusAxisUnit('q', 'nm^-1')).toEqual({ unit: 'q_nm^-1', scale: 1 });
    expect(parseNexusAxisUnit('q', 'A^-1')).toEqual({ unit: 'q_A^-1', scale: 1 });
  });
  it('parses number lists and checks monotonicity', () => {
    expect(Array.from(parseNumberList(' 1 2\r\n3\t4 ', 'x', 'list'))).toEqual([1, 2, 3, 4]);
    expect(() => parseNumberList('1 x 3', 'f.xrdml', '<counts>')).toThrow(/f\.xrdml: expected a number in <counts>/);
    expect(isMonotonic(Float64Array.of(1, 2, 3))).toBe(true);
    expect(isMonotonic(Float64Array.of(3, 2, 1))).toBe(true);
    expect(isMonotonic(Float64Array.of(1, 3, 2))).toBe(false);
  });
  it.skipIf(missingXrd('gsas2-11bm-LaB6'))('lists the members of a zip from its first bytes', () => {
    expect(zipMemberNamesInHead(readXrd('gsas2-11bm-LaB6/11bmb_3844.fxye.zip').subarray(0, 4096))).toEqual(['11bmb_3844.fxye']);
  });
});
