/**
 * Spreadsheets as data sources: one entry point for Excel 97–2003 (.xls: a compound file holding a BIFF8 'Workbook'
 * stream) and Excel 2007+ (.xlsx: a ZIP of SpreadsheetML). Why these are our own small readers and not a library:
 * docs/formats-tga.md ("Excel workbooks").
 */
import { isZip } from '../xrd/common';
import { FormatError } from '../types';
import { readBiff8 } from './biff8';
import { isCompoundFile, readCompoundFile } from './cfb';
import { readXlsx } from './ooxml';
import type { Workbook } from './workbook';

export type { Cell, Sheet, Workbook } from './workbook';
export { excelDateIso } from './workbook';
export { isCompoundFile } from './cfb';

/** The kind of workbook the first bytes announce: 'xls', 'xlsx' (a ZIP whose first member is OOXML), or null. */
export function workbookKind(head: Uint8Array): 'xls' | 'xlsx' | null {
  if (isCompoundFile(head)) return 'xls';
  if (!isZip(head)) return null;
  // the first local header's name (bytes 30…): Excel writes [Content_Types].xml first, other writers _rels/ or xl/
  const nameLen = head.length >= 30 ? head[26] | (head[27] << 8) : 0;
  const first = new TextDecoder('latin1').decode(head.subarray(30, Math.min(head.length, 30 + nameLen)));
  return /^(\[Content_Types\]\.xml|_rels\/|xl\/|docProps\/)/.test(first) ? 'xlsx' : null;
}

/** Read a workbook's cell values. Throws FormatError naming the file. */
export function readWorkbook(fileName: string, bytes: Uint8Array): Workbook {
  if (isCompoundFile(bytes)) {
    const cfb = readCompoundFile(fileName, bytes);
    const stream = cfb.stream('Workbook') ?? cfb.stream('Book');
    if (!stream) throw new FormatError(fileName, null, "an Excel workbook (a 'Workbook' stream in the compound file)", `streams ${cfb.entries.filter((e) => e.type === 'stream').map((e) => e.name).join(', ') || 'none'}`);
    return readBiff8(fileName, stream);
  }
  if (isZip(bytes)) return readXlsx(fileName, bytes);
  throw new FormatError(fileName, null, 'an Excel workbook (.xls or .xlsx)');
}
