/**
 * Cell values of an Excel 97–2003 workbook: the 'Workbook' stream of the compound file (BIFF8), read to the published
 * specification [MS-XLS] (Microsoft Open Specifications). Only what a data export needs: sheet names and every cell's
 * value (number, text, boolean); formatting, formulas' expressions, charts and macros are skipped.
 *
 * Records are (u16 type, u16 length, data). The globals substream holds BOUNDSHEET8 (0x0085: u32 offset of the
 * sheet's BOF, u8 state, u8 type (0 = worksheet), ShortXLUnicodeString name), SST (0x00FC: u32 total, u32 unique, then
 * XLUnicodeRichExtendedStrings that may run on into CONTINUE records, 0x003C, each continuation restarting with a
 * flags byte), DATEMODE (0x0022: 1 = the 1904 date system) and FILEPASS (0x002F: encrypted, refused). Each sheet's
 * substream has LABELSST (0x00FD: row, col, xf, u32 SST index), NUMBER (0x0203: f64), RK (0x027E) and MULRK (0x00BD)
 * with RK numbers (bit 0: ÷100; bit 1: a 30-bit signed integer, else the high 30 bits of an IEEE double), LABEL
 * (0x0204: XLUnicodeString), BOOLERR (0x0205: u8 value, u8 is-error), FORMULA (0x0006: the cached result; a string
 * result follows in a STRING record, 0x0207) and ends with EOF (0x000A).
 *
 * Bounded against damaged files: records are read within the stream, sheet sizes are capped (65,536 rows × 256
 * columns, the format's own limits), and a string cannot claim more characters than its records hold.
 */
import { FormatError } from '../types';
import type { Cell, Sheet, Workbook } from './workbook';

const R = {
  BOF: 0x0809,
  EOF: 0x000a,
  BOUNDSHEET: 0x0085,
  SST: 0x00fc,
  CONTINUE: 0x003c,
  DATEMODE: 0x0022,
  FILEPASS: 0x002f,
  LABELSST: 0x00fd,
  NUMBER: 0x0203,
  RK: 0x027e,
  MULRK: 0x00bd,
  LABEL: 0x0204,
  RSTRING: 0x00d6,
  BOOLERR: 0x0205,
  FORMULA: 0x0006,
  STRING: 0x0207,
} as const;

const MAX_ROWS = 65536;
const MAX_COLS = 256;

interface Record_ {
  type: number;
  at: number;
  data: Uint8Array;
}

/** The records from byte `from` of the stream until EOF (or the stream's end). */
function records(fileName: string, stream: Uint8Array, from: number): Record_[] {
  const out: Record_[] = [];
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  let at = from;
  while (at + 4 <= stream.length) {
    const type = view.getUint16(at, true);
    const len = view.getUint16(at + 2, true);
    if (at + 4 + len > stream.length) throw new FormatError(fileName, null, `a BIFF record of ${len} bytes at byte ${at} of the Workbook stream`, `the stream ends at byte ${stream.length} (truncated file)`);
    out.push({ type, at, data: stream.subarray(at + 4, at + 4 + len) });
    at += 4 + len;
    if (type === R.EOF) break;
  }
  return out;
}

/** The number an RK value encodes ([MS-XLS] 2.5.217). */
export function rkNumber(rk: number): number {
  let v: number;
  if (rk & 2) v = rk >> 2;
  else {
    const buf = new DataView(new ArrayBuffer(8));
    buf.setUint32(4, rk & 0xfffffffc, true);
    v = buf.getFloat64(0, true);
  }
  return rk & 1 ? v / 100 : v;
}

/**
 * Characters of an XLUnicodeString split over a record and its CONTINUEs: `pieces` are the record bodies, the string
 * starts at `pos` in pieces[k] with its flags byte. Returns the text and where reading stopped.
 */
class PieceReader {
  k = 0;
  pos = 0;
  constructor(
    private readonly pieces: Uint8Array[],
    private readonly fileName: string,
  ) {}
  private need(n: number, what: string): Uint8Array {
    while (this.k < this.pieces.length && this.pos >= this.pieces[this.k].length) {
      this.k++;
      this.pos = 0;
    }
    const p = this.pieces[this.k];
    if (!p || this.pos + n > p.length) throw new FormatError(this.fileName, null, `${what} inside the shared-string table`, 'the records end first (damaged file)');
    return p;
  }
  u8(what: string): number {
    const p = this.need(1, what);
    return p[this.pos++];
  }
  u16(what: string): number {
    const p = this.need(2, what);
    const v = p[this.pos] | (p[this.pos + 1] << 8);
    this.pos += 2;
    return v;
  }
  u32(what: string): number {
    const lo = this.u16(what);
    return lo + this.u16(what) * 65536;
  }
  skip(n: number): void {
    let left = n;
    while (left > 0) {
      const p = this.need(1, 'formatting runs');
      const step = Math.min(left, p.length - this.pos);
      this.pos += step;
      left -= step;
    }
  }
  /** `cch` characters; at a record boundary a new flags byte says whether the rest is 8- or 16-bit. */
  chars(cch: number, wide: boolean): string {
    let out = '';
    let left = cch;
    let w = wide;
    while (left > 0) {
      let p = this.pieces[this.k];
      if (!p || this.pos >= p.length) {
        this.k++;
        this.pos = 0;
        p = this.pieces[this.k];
        if (!p) throw new FormatError(this.fileName, null, `${cch} characters of a shared string`, 'the records end first (damaged file)');
        w = (p[this.pos++] & 1) === 1;
        continue;
      }
      const size = w ? 2 : 1;
      const n = Math.min(left, Math.floor((p.length - this.pos) / size));
      if (n <= 0) throw new FormatError(this.fileName, null, 'a whole character of a shared string', 'a character split across records (damaged file)');
      for (let i = 0; i < n; i++) out += String.fromCharCode(w ? p[this.pos + 2 * i] | (p[this.pos + 2 * i + 1] << 8) : p[this.pos + i]);
      this.pos += n * size;
      left -= n;
    }
    return out;
  }
}

/** One XLUnicodeRichExtendedString (SST entries): cch u16, flags u8 (1 wide, 4 ext, 8 rich), [cRun u16], [cbExt u32]. */
function richString(r: PieceReader): string {
  const cch = r.u16('a string length');
  const flags = r.u8('string flags');
  const runs = flags & 8 ? r.u16('a run count') : 0;
  const ext = flags & 4 ? r.u32('an extension size') : 0;
  const text = r.chars(cch, (flags & 1) === 1);
  r.skip(4 * runs + ext);
  return text;
}

/** An XLUnicodeString inside one record (LABEL, STRING): cch u16, flags u8, characters. */
function unicodeString(data: Uint8Array, at: number): string {
  const cch = data[at] | (data[at + 1] << 8);
  const wide = (data[at + 2] & 1) === 1;
  let out = '';
  const from = at + 3;
  for (let i = 0; i < cch; i++) {
    const p = from + (wide ? 2 * i : i);
    if (p + (wide ? 1 : 0) >= data.length) break;
    out += String.fromCharCode(wide ? data[p] | (data[p + 1] << 8) : data[p]);
  }
  return out;
}

export function readBiff8(fileName: string, stream: Uint8Array): Workbook {
  const globals = records(fileName, stream, 0);
  if (globals.length === 0 || globals[0].type !== R.BOF) throw new FormatError(fileName, null, 'a BIFF BOF record at byte 0 of the Workbook stream');
  const bof = globals[0].data;
  const version = bof[0] | (bof[1] << 8);
  if (version !== 0x0600) throw new FormatError(fileName, null, 'an Excel 97–2003 (BIFF8) workbook', version === 0x0500 ? 'an Excel 5.0/95 workbook (BIFF5): save it as .xls 97–2003 or .xlsx' : `BIFF version 0x${version.toString(16)}`);
  const sheetsAt: { name: string; at: number; kind: number }[] = [];
  let sst: string[] = [];
  let date1904 = false;
  for (let i = 0; i < globals.length; i++) {
    const { type, data } = globals[i];
    if (type === R.FILEPASS) throw new FormatError(fileName, null, 'a workbook without a password', 'an encrypted workbook: save it again without protection');
    if (type === R.DATEMODE) date1904 = (data[0] | (data[1] << 8)) === 1;
    if (type === R.BOUNDSHEET) {
      const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
      const nameLen = data[6];
      const wide = (data[7] & 1) === 1;
      let name = '';
      for (let c = 0; c < nameLen; c++) name += String.fromCharCode(wide ? data[8 + 2 * c] | (data[9 + 2 * c] << 8) : data[8 + c]);
      sheetsAt.push({ name, at: view.getUint32(0, true), kind: data[5] });
    }
    if (type === R.SST) {
      const pieces = [data];
      for (let j = i + 1; j < globals.length && globals[j].type === R.CONTINUE; j++) pieces.push(globals[j].data);
      const reader = new PieceReader(pieces, fileName);
      reader.u32('the SST total');
      const unique = reader.u32('the SST count');
      if (unique > stream.length) throw new FormatError(fileName, null, 'a shared-string count no larger than the file', String(unique));
      sst = new Array<string>(unique);
      for (let s = 0; s < unique; s++) sst[s] = richString(reader);
    }
  }
  const sheets: Sheet[] = [];
  for (const s of sheetsAt) {
    if (s.kind !== 0) continue; // charts, macro sheets
    if (s.at >= stream.length) throw new FormatError(fileName, null, `sheet '${s.name}' inside the Workbook stream`, `its offset ${s.at} is past the stream's end (${stream.length})`);
    sheets.push({ name: s.name, rows: readSheet(fileName, stream, s.at, s.name, sst) });
  }
  return { sheets, date1904 };
}

function readSheet(fileName: string, stream: Uint8Array, at: number, name: string, sst: string[]): Cell[][] {
  // One pass over the sheet's records with one DataView (a sheet can hold 10⁵ records: no per-record objects).
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  if (at + 4 > stream.length || view.getUint16(at, true) !== R.BOF) throw new FormatError(fileName, null, `a BOF record at byte ${at} for sheet '${name}'`);
  const rows: Cell[][] = [];
  const put = (row: number, col: number, value: Cell): void => {
    if (row >= MAX_ROWS || col >= MAX_COLS) throw new FormatError(fileName, null, `cells within 65,536 rows × 256 columns in sheet '${name}'`, `row ${row + 1}, column ${col + 1}`);
    while (rows.length <= row) rows.push([]);
    const r = rows[row];
    while (r.length <= col) r.push(null);
    r[col] = value;
  };
  let pendingString: { row: number; col: number } | null = null;
  let pos = at;
  while (pos + 4 <= stream.length) {
    const type = view.getUint16(pos, true);
    const len = view.getUint16(pos + 2, true);
    const d = pos + 4;
    if (d + len > stream.length) throw new FormatError(fileName, null, `a BIFF record of ${len} bytes at byte ${pos} of the Workbook stream`, `the stream ends at byte ${stream.length} (truncated file)`);
    pos = d + len;
    if (type === R.EOF) break;
    if (len < 6 && type !== R.STRING) continue;
    const row = view.getUint16(d, true);
    const col = view.getUint16(d + 2, true);
    switch (type) {
      case R.LABELSST: {
        if (len < 10) break;
        const k = view.getUint32(d + 6, true);
        if (k >= sst.length) throw new FormatError(fileName, null, `a shared-string index below ${sst.length} in sheet '${name}'`, `${k} at row ${row + 1}`);
        put(row, col, sst[k]);
        break;
      }
      case R.NUMBER:
        if (len >= 14) put(row, col, view.getFloat64(d + 6, true));
        break;
      case R.RK:
        if (len >= 10) put(row, col, rkNumber(view.getUint32(d + 6, true)));
        break;
      case R.MULRK: {
        const last = view.getUint16(d + len - 2, true);
        for (let c = col, p = 4; c <= last && p + 6 <= len - 2; c++, p += 6) put(row, c, rkNumber(view.getUint32(d + p + 2, true)));
        break;
      }
      case R.LABEL:
      case R.RSTRING:
        put(row, col, unicodeString(stream.subarray(d, d + len), 6));
        break;
      case R.BOOLERR:
        if (len >= 8) put(row, col, stream[d + 7] === 0 ? stream[d + 6] !== 0 : null);
        break;
      case R.FORMULA: {
        if (len < 14) break;
        if (stream[d + 12] === 0xff && stream[d + 13] === 0xff) {
          const kind = stream[d + 6];
          if (kind === 0) pendingString = { row, col };
          else if (kind === 1) put(row, col, stream[d + 8] !== 0);
          else put(row, col, null);
        } else put(row, col, view.getFloat64(d + 6, true));
        break;
      }
      case R.STRING:
        if (pendingString) {
          put(pendingString.row, pendingString.col, unicodeString(stream.subarray(d, d + len), 0));
          pendingString = null;
        }
        break;
      default:
        break;
    }
  }
  return rows;
}
