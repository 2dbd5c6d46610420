import { describe, expect, it } from 'vitest';
import { FormatError } from '../types';
import { rkNumber } from './biff8';
import { isCompoundFile, readCompoundFile } from './cfb';
import { excelDateIso, readWorkbook, workbookKind } from './index';
import { cellRef } from './ooxml';

/**
 * A compound file of our own ([MS-CFB] v3, 512-byte sectors): sector 0 the FAT, sector 1 the directory (root + one
 * stream), sectors 2… the stream (≥ 4096 bytes, so it lives in the FAT, not the mini stream).
 */
function compound(streamName: string, data: Uint8Array, damage?: (fat: DataView) => void): Uint8Array {
  const sectors = Math.ceil(data.length / 512);
  const b = new Uint8Array(512 * (3 + sectors));
  const v = new DataView(b.buffer);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  v.setUint16(0x1a, 3, true);
  v.setUint16(0x1c, 0xfffe, true);
  v.setUint16(0x1e, 9, true);
  v.setUint16(0x20, 6, true);
  v.setUint32(0x2c, 1, true);
  v.setUint32(0x30, 1, true);
  v.setUint32(0x38, 4096, true);
  v.setUint32(0x3c, 0xfffffffe, true);
  v.setUint32(0x44, 0xfffffffe, true);
  for (let i = 0; i < 109; i++) v.setUint32(0x4c + 4 * i, i === 0 ? 0 : 0xffffffff, true);
  const fat = new DataView(b.buffer, 512, 512);
  for (let i = 0; i < 128; i++) fat.setUint32(4 * i, 0xffffffff, true);
  fat.setUint32(0, 0xfffffffd, true); // the FAT's own sector
  fat.setUint32(4, 0xfffffffe, true); // directory: one sector
  for (let s = 0; s < sectors; s++) fat.setUint32(4 * (2 + s), s === sectors - 1 ? 0xfffffffe : 3 + s, true);
  damage?.(fat);
  const dir = new DataView(b.buffer, 1024, 512);
  const entry = (k: number, name: string, type: number, start: number, size: number) => {
    for (let i = 0; i < name.length; i++) dir.setUint16(128 * k + 2 * i, name.charCodeAt(i), true);
    dir.setUint16(128 * k + 0x40, 2 * (name.length + 1), true);
    dir.setUint8(128 * k + 0x42, type);
    dir.setUint32(128 * k + 0x74, start, true);
    dir.setUint32(128 * k + 0x78, size, true);
  };
  entry(0, 'Root Entry', 5, 0xfffffffe, 0);
  entry(1, streamName, 2, 2, data.length);
  b.set(data, 512 * 3);
  return b;
}

describe('compound files', () => {
  it('reads a stream by name along its sector chain', () => {
    const data = Uint8Array.from({ length: 5000 }, (_, i) => i % 251);
    const file = compound('Workbook', data);
    expect(isCompoundFile(file)).toBe(true);
    expect(workbookKind(file)).toBe('xls');
    const cfb = readCompoundFile('a.xls', file);
    expect(cfb.entries.map((e) => [e.name, e.type])).toEqual([
      ['Root Entry', 'root'],
      ['Workbook', 'stream'],
    ]);
    expect(cfb.stream('workbook')).toEqual(data);
    expect(cfb.stream('Book')).toBeNull();
  });

  it('refuses a cyclic chain and a stream longer than its sectors, naming the file', () => {
    const data = new Uint8Array(5000);
    const cyclic = compound('Workbook', data, (fat) => fat.setUint32(4 * 5, 3, true));
    expect(() => readCompoundFile('c.xls', cyclic).stream('Workbook')).toThrow(/^c\.xls: expected a sector chain for stream 'Workbook' without a cycle/);
    const short = compound('Workbook', data, (fat) => fat.setUint32(4 * 3, 0xfffffffe, true));
    expect(() => readCompoundFile('s.xls', short).stream('Workbook')).toThrow(/^s\.xls: expected 5000 bytes of stream 'Workbook' in its 2 sectors/);
  });

  it('says what a compound file that is not a workbook holds', () => {
    const doc = compound('WordDocument', new Uint8Array(4096));
    expect(() => readWorkbook('w.doc', doc)).toThrow(FormatError);
    expect(() => readWorkbook('w.doc', doc)).toThrow(/^w\.doc: expected an Excel workbook \(a 'Workbook' stream in the compound file\), found "streams WordDocument"/);
    expect(() => readWorkbook('w.xls', compound('Workbook', new Uint8Array(4096)))).toThrow(/^w\.xls: expected a BIFF BOF record at byte 0 of the Workbook stream/);
  });
});

describe('cell values', () => {
  it('decodes RK numbers ([MS-XLS] 2.5.217)', () => {
    expect(rkNumber((123 << 2) | 2)).toBe(123);
    expect(rkNumber((12345 << 2) | 3)).toBe(123.45);
    expect(rkNumber(-8 | 2)).toBe(-2); // a negative 30-bit integer
    expect(rkNumber(0x3ff80000)).toBe(1.5); // the high 32 bits of the double 1.5
    expect(rkNumber(0x3ff80000 | 1)).toBe(0.015);
  });

  it('turns serial dates into ISO text in both date systems', () => {
    expect(excelDateIso(45780.859351851854)).toBe('2025-05-03T20:37:28');
    expect(excelDateIso(45780)).toBe('2025-05-03');
    expect(excelDateIso(59)).toBe('1900-02-28');
    expect(excelDateIso(61)).toBe('1900-03-01');
    expect(excelDateIso(0, true)).toBe('1904-01-01');
  });

  it('reads A1 references', () => {
    expect(cellRef('A1')).toEqual({ row: 0, col: 0 });
    expect(cellRef('BC12')).toEqual({ row: 11, col: 54 });
    expect(cellRef('1A')).toBeNull();
  });
});
