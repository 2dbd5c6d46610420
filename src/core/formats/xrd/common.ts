/**
 * Helpers shared by the XRD format modules: a fast numeric-table scanner (no regex per token), axis-unit and
 * wavelength-unit parsing, file-name helpers and ZIP sniffing.
 */
import type { Pattern, XAxisUnit } from '../../../shared/xrd';
import { FormatError } from '../types';

/** Lower-case extension without the dot ('' when none); '.fxye.zip' → 'zip'. */
export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** ZIP local-file-header magic 'PK\x03\x04'. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** HDF5 superblock signature '\x89HDF\r\n\x1a\n' at offset 0 (files with a user block are not sniffed). */
export function isHdf5(bytes: Uint8Array): boolean {
  const sig = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
  return bytes.length >= 8 && sig.every((b, i) => bytes[i] === b);
}

/**
 * Names of the members of a ZIP, for detection: from the central directory when the bytes reach the end of the
 * archive, else by walking the local headers found in the bytes given.
 */
export function zipMemberNamesInHead(head: Uint8Array): string[] {
  const dec = new TextDecoder('utf-8');
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  // End of central directory: 'PK\x05\x06', within the last 64 KiB + 22 bytes.
  for (let e = head.length - 22; e >= Math.max(0, head.length - 65557); e--) {
    if (head[e] === 0x50 && head[e + 1] === 0x4b && head[e + 2] === 0x05 && head[e + 3] === 0x06) {
      const count = view.getUint16(e + 10, true);
      let p = view.getUint32(e + 16, true);
      const names: string[] = [];
      for (let k = 0; k < count && p + 46 <= head.length; k++) {
        if (view.getUint32(p, true) !== 0x02014b50) break;
        const nameLen = view.getUint16(p + 28, true);
        const extraLen = view.getUint16(p + 30, true);
        const commentLen = view.getUint16(p + 32, true);
        names.push(dec.decode(head.subarray(p + 46, p + 46 + nameLen)));
        p += 46 + nameLen + extraLen + commentLen;
      }
      if (names.length) return names;
      break;
    }
  }
  const names: string[] = [];
  let p = 0;
  while (p + 30 <= head.length) {
    if (!(head[p] === 0x50 && head[p + 1] === 0x4b && head[p + 2] === 0x03 && head[p + 3] === 0x04)) {
      p++; // after a member with a trailing data descriptor: look for the next local header
      continue;
    }
    const compressed = view.getUint32(p + 18, true);
    const nameLen = view.getUint16(p + 26, true);
    const extraLen = view.getUint16(p + 28, true);
    if (p + 30 + nameLen > head.length) break;
    names.push(dec.decode(head.subarray(p + 30, p + 30 + nameLen)));
    const flags = view.getUint16(p + 6, true);
    p += 30 + nameLen + extraLen + (flags & 0x08 ? 0 : compressed);
  }
  return names;
}

/** Axis unit from a pyFAI unit name or a column/axis label. Returns the unit and the factor to apply to x. */
export function parseAxisUnit(label: string): { unit: XAxisUnit; scale: number } | null {
  const s = label.trim().toLowerCase().replace(/\s+/g, '');
  if (s === '') return null;
  if (/^2th_deg$|^2theta|^2-theta|^two_?theta|^2θ|^tth|^2th$/.test(s)) return { unit: '2th_deg', scale: 1 };
  if (s === '2th_rad') return { unit: '2th_deg', scale: 180 / Math.PI };
  if (/^q_nm\^-1$|^q_nm-1$|^q\(nm\^?-1\)|^q\(1\/nm\)|^q_1\/nm$/.test(s)) return { unit: 'q_nm^-1', scale: 1 };
  if (/^q_a\^-1$|^q_a-1$|^q_å\^-1$|^q\(a\^?-1\)|^q\(å\^?-1\)|^q\(1\/a\)|^q\(1\/å\)|^q\(angstroms?\^-1\)/.test(s)) return { unit: 'q_A^-1', scale: 1 };
  if (/^d_a$|^d\(a\)|^d\(å\)|^d_å$|^d-spacing/.test(s)) return { unit: 'd_A', scale: 1 };
  if (/^d_nm$|^d\(nm\)/.test(s)) return { unit: 'd_A', scale: 10 };
  return null;
}

/** Axis unit from a NeXus/HDF5 `units` attribute and the dataset name ('2th' + 'deg', 'q' + 'nm^-1'). */
export function parseNexusAxisUnit(name: string, units: string): { unit: XAxisUnit; scale: number } | null {
  const byName = parseAxisUnit(name);
  if (byName) return byName;
  const u = units.trim().toLowerCase().replace(/\s+/g, '');
  const n = name.trim().toLowerCase();
  const isQ = n === 'q' || n.startsWith('q_') || n.startsWith('q(');
  if (isQ) {
    if (/^(nm\^-1|1\/nm|nm-1)$/.test(u)) return { unit: 'q_nm^-1', scale: 1 };
    if (/^(a\^-1|å\^-1|1\/a|1\/å|angstrom\^-1|a-1)$/.test(u)) return { unit: 'q_A^-1', scale: 1 };
  }
  if (/^(2th|2theta|tth|two_theta)/.test(n) || n === '') {
    if (/^(deg|degree|degrees|°)$/.test(u)) return { unit: '2th_deg', scale: 1 };
    if (/^(rad|radian|radians)$/.test(u)) return { unit: '2th_deg', scale: 180 / Math.PI };
  }
  return null;
}

/** A wavelength in Å from a value and its unit ('m', 'nm', 'A', 'Å', 'Angstrom'); no unit: metres when < 1e-6. */
export function wavelengthToAngstrom(value: number, unit: string): number | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  const u = unit.trim().toLowerCase();
  if (u === 'm') return value * 1e10;
  if (u === 'nm') return value * 10;
  if (u === 'pm') return value / 100;
  if (u === 'a' || u === 'å' || u === 'angstrom' || u === 'angstroms' || u === 'ang') return value;
  if (u === '') return value < 1e-6 ? value * 1e10 : value;
  return null;
}

/** Is a character code a token separator in numeric text (space, tab, comma, semicolon, CR)? */
function isSep(c: number): boolean {
  return c === 32 || c === 9 || c === 44 || c === 59 || c === 13;
}

/** Parse the whitespace-separated numbers of one string (an XRDML `<intensities>` list). */
export function parseNumberList(text: string, fileName: string, what: string): Float64Array {
  let out = new Float64Array(Math.max(16, text.length >> 2));
  let n = 0;
  const len = text.length;
  let i = 0;
  while (i < len) {
    let c = text.charCodeAt(i);
    while (i < len && (c === 32 || c === 9 || c === 10 || c === 13)) c = text.charCodeAt(++i);
    if (i >= len) break;
    const start = i;
    while (i < len && !(c === 32 || c === 9 || c === 10 || c === 13)) c = text.charCodeAt(++i);
    const v = +text.substring(start, i);
    if (Number.isNaN(v)) throw new FormatError(fileName, null, `a number in ${what}`, text.substring(start, i));
    if (n === out.length) {
      const grown = new Float64Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    out[n++] = v;
  }
  return out.slice(0, n);
}

export interface NumericTable {
  /** Columns of numbers, each of length rowCount. */
  columns: Float64Array[];
  rowCount: number;
  /** Lines before the first data row (comments and text headers), verbatim. */
  headerLines: string[];
  /** 1-based line numbers of the first and last data rows. */
  dataStartLine: number;
  dataEndLine: number;
  /** The delimiter seen in the first data row: '\t', ',', ';' or ' '. */
  delimiter: string;
  /** Lines after the data that were skipped (text after a numeric block), as warnings. */
  warnings: string[];
}

export interface NumericTableOptions {
  /** Characters that start a comment line anywhere in the file. Default '#'. */
  commentChars?: string;
  /** Start scanning at this 0-based character offset (after a header the caller has consumed). Default 0. */
  startOffset?: number;
  /** 1-based line number of the character at startOffset. Default 1. */
  startLine?: number;
  /** Read at most this many columns per row (extra ones are ignored). Default: all. */
  maxColumns?: number;
  /** Minimum number of columns a data row must have. Default 2. */
  minColumns?: number;
}

/** Row capacity to start with: the rest of the input (from the first data row) over that row's length, plus margin. */
function estimatedRows(inputLength: number, lineStart: number, lineEnd: number): number {
  return Math.max(64, Math.ceil((inputLength - lineStart) / Math.max(8, lineEnd - lineStart)) + 16);
}

/** Copies of the table's columns with room for `capacity` rows (the rows read so far kept). */
function grownColumns(cols: Float64Array[], capacity: number): Float64Array[] {
  return cols.map((c) => {
    const g = new Float64Array(capacity);
    g.set(c);
    return g;
  });
}

/**
 * Scan a text table of numbers: leading non-numeric lines are header, then rows of numbers separated by spaces,
 * tabs, commas or semicolons. Lines starting with a comment character are skipped anywhere. A non-numeric line after
 * the data ends the table with a warning. Tokens are located by char codes and converted with the JS number
 * grammar (correctly rounded), so 5 million tokens take well under a second.
 */
export function readNumericTable(text: string, fileName: string, options: NumericTableOptions = {}): NumericTable {
  const commentChars = options.commentChars ?? '#';
  const maxColumns = options.maxColumns ?? Infinity;
  const minColumns = options.minColumns ?? 2;
  const len = text.length;
  let pos = options.startOffset ?? 0;
  let lineNo = (options.startLine ?? 1) - 1;
  const headerLines: string[] = [];
  const warnings: string[] = [];
  let ncol = 0;
  let cols: Float64Array[] = [];
  let rows = 0;
  let capacity = 0;
  let dataStartLine = 0;
  let dataEndLine = 0;
  let delimiter = ' ';
  const values: number[] = [];
  while (pos < len) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = len;
    lineNo++;
    const lineStart = pos;
    pos = eol + 1;
    let i = lineStart;
    while (i < eol && isSep(text.charCodeAt(i)) && text.charCodeAt(i) !== 44 && text.charCodeAt(i) !== 59) i++;
    if (i >= eol) continue; // blank line
    if (commentChars.indexOf(text[i]) >= 0) {
      if (rows === 0) headerLines.push(text.slice(lineStart, eol).replace(/\r$/, ''));
      continue;
    }
    // tokenize
    values.length = 0;
    let bad = false;
    let firstSep = '';
    while (i < eol && values.length < maxColumns) {
      let c = text.charCodeAt(i);
      while (i < eol && isSep(c)) {
        if (firstSep === '' && values.length > 0) firstSep = text[i];
        c = text.charCodeAt(++i);
      }
      if (i >= eol) break;
      const start = i;
      while (i < eol && !isSep(c)) c = text.charCodeAt(++i);
      const v = +text.substring(start, i);
      if (Number.isNaN(v)) {
        bad = true;
        break;
      }
      values.push(v);
    }
    if (bad || values.length < minColumns) {
      if (rows === 0) {
        headerLines.push(text.slice(lineStart, eol).replace(/\r$/, ''));
        continue;
      }
      const rest = text.slice(lineStart, eol).replace(/\r$/, '');
      warnings.push(`line ${lineNo}: not a data row, reading stopped (${JSON.stringify(rest.slice(0, 60))})`);
      break;
    }
    if (rows === 0) {
      ncol = values.length;
      dataStartLine = lineNo;
      delimiter = firstSep === '' ? ' ' : firstSep;
      capacity = estimatedRows(len, lineStart, eol);
      cols = Array.from({ length: ncol }, () => new Float64Array(capacity));
    } else if (values.length !== ncol) {
      if (values.length < ncol) {
        throw new FormatError(fileName, lineNo, `${ncol} numbers as in line ${dataStartLine}`, text.slice(lineStart, eol));
      }
    }
    if (rows === capacity) {
      capacity *= 2;
      cols = grownColumns(cols, capacity);
    }
    for (let k = 0; k < ncol; k++) cols[k][rows] = values[k];
    rows++;
    dataEndLine = lineNo;
  }
  return {
    columns: cols.map((c) => c.slice(0, rows)),
    rowCount: rows,
    headerLines,
    dataStartLine,
    dataEndLine,
    delimiter,
    warnings,
  };
}

/** A pattern with the defaults filled in. */
export function makePattern(p: Partial<Pattern> & Pick<Pattern, 'fileName' | 'formatId' | 'x' | 'intensity'>): Pattern {
  return {
    xUnit: '2th_deg',
    sigma: null,
    wavelengthA: null,
    metadata: {},
    warnings: [],
    ...p,
  };
}

/** Multiply a Float64Array by a factor into a new array (returns the input when the factor is 1). */
export function scaled(a: Float64Array, factor: number): Float64Array {
  if (factor === 1) return a;
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] * factor;
  return out;
}

/** Seconds since the epoch from an ISO 8601 time stamp; null when it does not parse. */
export function isoToEpochS(stamp: string): number | null {
  const ms = Date.parse(stamp.trim());
  return Number.isFinite(ms) ? ms / 1000 : null;
}

/** Is the first column strictly monotonic (increasing or decreasing)? */
export function isMonotonic(a: Float64Array): boolean {
  if (a.length < 2) return true;
  const up = a[1] > a[0];
  for (let i = 1; i < a.length; i++) {
    if (up ? !(a[i] > a[i - 1]) : !(a[i] < a[i - 1])) return false;
  }
  return true;
}

/** Depth-first search of a fast-xml-parser tree for the first element with this name (skips <Datum> lists). */
export function findFirst(node: unknown, name: string, depth = 0): unknown {
  if (!node || typeof node !== 'object' || depth > 40) return undefined;
  if (Array.isArray(node)) {
    for (const n of node) {
      const f = findFirst(n, name, depth + 1);
      if (f !== undefined) return f;
    }
    return undefined;
  }
  const obj = node as Record<string, unknown>;
  if (name in obj) return obj[name];
  for (const k of Object.keys(obj)) {
    if (k.startsWith('@_') || k === 'Datum') continue;
    const f = findFirst(obj[k], name, depth + 1);
    if (f !== undefined) return f;
  }
  return undefined;
}


const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const latin1 = new TextDecoder('latin1');

/** Where the last scanDecimal stopped (the first byte it did not take). */
let scanEnd = 0;

/**
 * The one digit scanner of the text tables: reads an optional sign, digits, an optional fraction and an optional
 * exponent from bytes[start] on, never past `end`, and stops at the first byte that does not fit (scanEnd). Returns
 * the value when what it read is a plain decimal that Clinger's exact fast path covers (≥ 1 digit, an exponent with
 * digits if any, ≤ 15 significant digits, |exponent| ≤ 22: one correctly rounded multiply or divide of two exact
 * doubles, so the value equals Number(text)); NaN otherwise (the callers then ask Number()).
 */
function scanDecimal(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  let c = bytes[i];
  let neg = false;
  if (c === 45 || c === 43) {
    neg = c === 45;
    c = bytes[++i];
  }
  let mant = 0;
  let sig = 0;
  let exp = 0;
  let digits = 0;
  while (i < end && c >= 48 && c <= 57) {
    if (mant !== 0 || c !== 48) {
      mant = mant * 10 + (c - 48);
      sig++;
    }
    digits++;
    c = bytes[++i];
  }
  if (i < end && c === 46) {
    c = bytes[++i];
    while (i < end && c >= 48 && c <= 57) {
      if (mant !== 0 || c !== 48) {
        mant = mant * 10 + (c - 48);
        sig++;
      }
      exp--;
      digits++;
      c = bytes[++i];
    }
  }
  let plain = digits > 0;
  if (plain && i < end && (c === 101 || c === 69)) {
    c = bytes[++i];
    let eneg = false;
    if (c === 45 || c === 43) {
      eneg = c === 45;
      c = bytes[++i];
    }
    let e = 0;
    let ed = 0;
    while (i < end && c >= 48 && c <= 57) {
      e = e * 10 + (c - 48);
      ed++;
      c = bytes[++i];
    }
    if (ed === 0) plain = false;
    exp += eneg ? -e : e;
  }
  scanEnd = i;
  if (!plain || sig > 15 || exp > 22 || exp < -22) return NaN;
  const v = exp < 0 ? mant / POW10[-exp] : mant * POW10[exp];
  return neg ? -v : v;
}

/**
 * Parse an ASCII decimal number in bytes[start, end): equal to Number(text) — scanDecimal's exact fast path when the
 * whole token is a plain decimal it covers, Number(text) otherwise. NaN when the token is not a number.
 */
export function parseAsciiNumber(bytes: Uint8Array, start: number, end: number): number {
  const v = scanDecimal(bytes, start, end);
  if (v === v && scanEnd === end) return v;
  return Number(latin1.decode(bytes.subarray(start, end)));
}

/** End of the token read by the last parseTokenAt. */
let tokenEnd = 0;

/**
 * parseAsciiNumber of the token that starts at `start` and runs to the next separator or `end`, read in one pass
 * (the token is not scanned first for its end); sets tokenEnd. A token the scanner does not take whole as a plain
 * decimal (NaN, a stray character, > 15 digits, a large exponent) goes through parseAsciiNumber, so the value is
 * always parseAsciiNumber's.
 */
function parseTokenAt(bytes: Uint8Array, start: number, end: number): number {
  const v = scanDecimal(bytes, start, end);
  let i = scanEnd;
  if (v === v && (i >= end || isSep(bytes[i]))) {
    tokenEnd = i;
    return v;
  }
  i = start;
  while (i < end && !isSep(bytes[i])) i++;
  tokenEnd = i;
  return parseAsciiNumber(bytes, start, i);
}

/** Plain 8-bit text (no BOM, no NUL in the first 4 KiB): safe to scan byte by byte. */
function isPlainBytes(bytes: Uint8Array): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return false;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return false;
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return false;
  return true;
}

/**
 * readNumericTable straight from the bytes (the fast path for long sequences of text patterns): the same rules and
 * result, without decoding the whole file to a string. Files with a BOM or UTF-16 go through the text version.
 */
export function readNumericTableFromBytes(bytes: Uint8Array, fileName: string, options: NumericTableOptions = {}, decodeText: (b: Uint8Array) => string): NumericTable {
  if (!isPlainBytes(bytes) || options.startOffset) return readNumericTable(decodeText(bytes), fileName, options);
  const commentChars = options.commentChars ?? '#';
  const comment = new Set(Array.from(commentChars, (ch) => ch.charCodeAt(0)));
  const maxColumns = options.maxColumns ?? Infinity;
  const minColumns = options.minColumns ?? 2;
  const len = bytes.length;
  let pos = 0;
  let lineNo = (options.startLine ?? 1) - 1;
  const headerLines: string[] = [];
  const warnings: string[] = [];
  let ncol = 0;
  let cols: Float64Array[] = [];
  let rows = 0;
  let capacity = 0;
  let dataStartLine = 0;
  let dataEndLine = 0;
  let delimiter = ' ';
  const values: number[] = [];
  const lineText = (a: number, b: number): string => decodeText(bytes.subarray(a, b)).replace(/\r$/, '');
  while (pos < len) {
    let eol = bytes.indexOf(10, pos);
    if (eol < 0) eol = len;
    lineNo++;
    const lineStart = pos;
    pos = eol + 1;
    let i = lineStart;
    while (i < eol && (bytes[i] === 32 || bytes[i] === 9 || bytes[i] === 13)) i++;
    if (i >= eol) continue;
    if (comment.has(bytes[i])) {
      if (rows === 0) headerLines.push(lineText(lineStart, eol));
      continue;
    }
    // Fast path once the column count is known: numbers go straight into the columns.
    if (rows > 0) {
      if (rows === capacity) {
        capacity *= 2;
        cols = grownColumns(cols, capacity);
      }
      let k = 0;
      let bad = false;
      while (i < eol && k < ncol) {
        let c = bytes[i];
        while (i < eol && isSep(c)) c = bytes[++i];
        if (i >= eol) break;
        const v = parseTokenAt(bytes, i, eol);
        i = tokenEnd;
        if (v !== v) {
          bad = true;
          break;
        }
        cols[k++][rows] = v;
      }
      if (bad || k < minColumns) {
        warnings.push(`line ${lineNo}: not a data row, reading stopped (${JSON.stringify(lineText(lineStart, eol).slice(0, 60))})`);
        break;
      }
      if (k < ncol) throw new FormatError(fileName, lineNo, `${ncol} numbers as in line ${dataStartLine}`, lineText(lineStart, eol));
      rows++;
      dataEndLine = lineNo;
      continue;
    }
    values.length = 0;
    let bad = false;
    let firstSep = 0;
    while (i < eol && values.length < maxColumns) {
      let c = bytes[i];
      while (i < eol && isSep(c)) {
        if (firstSep === 0 && values.length > 0) firstSep = c;
        c = bytes[++i];
      }
      if (i >= eol) break;
      const start = i;
      while (i < eol && !isSep(c)) c = bytes[++i];
      const v = parseAsciiNumber(bytes, start, i);
      if (Number.isNaN(v)) {
        bad = true;
        break;
      }
      values.push(v);
    }
    if (bad || values.length < minColumns) {
      if (rows === 0) {
        headerLines.push(lineText(lineStart, eol));
        continue;
      }
      warnings.push(`line ${lineNo}: not a data row, reading stopped (${JSON.stringify(lineText(lineStart, eol).slice(0, 60))})`);
      break;
    }
    if (rows === 0) {
      ncol = values.length;
      dataStartLine = lineNo;
      delimiter = firstSep === 0 ? ' ' : String.fromCharCode(firstSep);
      capacity = estimatedRows(len, lineStart, eol);
      cols = Array.from({ length: ncol }, () => new Float64Array(capacity));
    } else if (values.length < ncol) {
      throw new FormatError(fileName, lineNo, `${ncol} numbers as in line ${dataStartLine}`, lineText(lineStart, eol));
    }
    if (rows === capacity) {
      capacity *= 2;
      cols = grownColumns(cols, capacity);
    }
    for (let k = 0; k < ncol; k++) cols[k][rows] = values[k];
    rows++;
    dataEndLine = lineNo;
  }
  return { columns: cols.map((c) => c.slice(0, rows)), rowCount: rows, headerLines, dataStartLine, dataEndLine, delimiter, warnings };
}

/**
 * The decimal a float32 field was written from: the shortest decimal that rounds to the same float32 (0.04 for the
 * float32 0.039999999105930328). Binary formats store start angles and steps as float32; their exact binary values
 * would put 2θ off by ~1e-7° per step and print as 0.03999999910593033.
 */
export function float32Decimal(v: number): number {
  if (!Number.isFinite(v) || v === 0) return v;
  const f = Math.fround(v);
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(f.toPrecision(digits));
    if (Math.fround(candidate) === f) return candidate;
  }
  return f;
}

/**
 * A step-scan axis start + i·step, i = 0…n−1, computed as start + i·step (not by repeated addition). A negative step
 * (a scan from high to low angle) gives the points in ascending order with `reversed` set, so that the counts are
 * reversed with them: every reader hands ascending axes downstream and says so in the pattern's metadata.
 */
export function stepAxis(start: number, step: number, n: number): { x: Float64Array; reversed: boolean } {
  const x = new Float64Array(n);
  const reversed = step < 0;
  for (let i = 0; i < n; i++) x[reversed ? n - 1 - i : i] = start + i * step;
  return { x, reversed };
}

/** A copy of `a` in reverse order when `reversed`, else `a` itself. */
export function maybeReversed(a: Float64Array, reversed: boolean): Float64Array {
  return reversed ? a.slice().reverse() : a;
}
