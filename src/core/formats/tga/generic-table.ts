/**
 * Generic delimited tables: CSV, TSV, semicolon (German Excel) and whitespace-aligned text, any of the encodings
 * core/text/decode.ts reads (UTF-8, UTF-16 with or without BOM, Windows-1252 / Latin-1).
 *
 *   time_s,temperature_C,mass_mg,gas          Zeit/min;Temperatur/°C;Masse/mg        Time (min),Temperature (C),Weight (mg)
 *   0.00,24.8264,49.999081,Ar                 0,5;25,3;10,012                         0.001533333,24.85605,4.952041
 *
 * Layout sniffing (first 64 KiB): for each delimiter (tab, ';', ',', whitespace) and decimal mark ('.', ',') the
 * longest block of rows with the same field count and at least two numbers per row is found; the layout with the
 * most numeric fields wins (so '0,5;25,3' is ';' with decimal comma, not ',' ). The header is the last non-blank line
 * above the data block with the same number of fields; if that line holds only units ('[s]', 'min', '°C', 'mg'), the
 * names are the line above it. Lines above the header are preamble: 'key: value' lines go to metadata, and a sample
 * mass ('Sample mass: 10.2 mg', 'Einwaage; 10,2 mg') or name ('Sample: …', 'Probe: …') is picked up.
 *
 * Columns: units come from the header ('Time (min)', 'Temp./°C', 'Masse [µg]', 'time_s', 'temperature_C'); names
 * in English or German (Zeit, Temperatur, Masse, Gewicht, TG, …) and units decide the roles time, temperature and
 * mass; a 'gas' text column becomes gas events (a change of value is an event at that row's time) and gas segments;
 * other numeric columns are channels; a 'program temperature' column gives programme segments. Missing units are
 * assumed (s, °C, mg) with a warning. `options.columnMapping` overrides roles (by 0-based index or exact header
 * name) and units.
 *
 * Speed: numbers are parsed straight from the decoded string into Float64Arrays (no per-row objects or field
 * strings); papaparse handles only files whose data rows contain quotes.
 */
import Papa from 'papaparse';
import type { Channel, ColumnInfo, ColumnMapping, ColumnRole, GasEvent, ParseOptions, SampleInfo, Segment, TgaRun } from '../../../shared/types';
import { decodeBytes, splitLines } from '../../text/decode';
import { FormatError, type DetectInput, type FormatModule, type ParseInput } from '../types';
import {
  MG_PER,
  parseMassUnit,
  parseNumber,
  parseTemperatureUnit,
  parseTimeUnit,
  scaleColumn,
  SECONDS_PER,
  segmentsFromProgramme,
  splitNameUnit,
  type MassUnit,
  type TemperatureUnit,
  type TimeUnit,
} from './units';

export type Delimiter = ',' | ';' | '\t' | ' ';

/** What the sniffer found: 0-based line indices into the decoded text. */
export interface TableLayout {
  delimiter: Delimiter;
  decimal: '.' | ',';
  /** Line of the column names (-1 when there is none). */
  headerLine: number;
  /** Line of a separate units row (-1 when there is none). */
  unitsLine: number;
  dataStartLine: number;
  names: string[];
  units: string[];
  /** Columns that held text in the sniffed rows. */
  textColumns: boolean[];
  fieldCount: number;
}

const DELIMITERS: Delimiter[] = ['\t', ';', ',', ' '];
const SNIFF_CHARS = 65536;
const SNIFF_LINES = 400;

/** Split one line into trimmed fields; ' ' means runs of spaces/tabs (leading ones ignored). */
export function splitFields(line: string, delimiter: Delimiter): string[] {
  if (delimiter === ' ') {
    const t = line.trim();
    return t === '' ? [] : t.split(/[ \t]+/);
  }
  if (line.includes('"')) {
    const row = Papa.parse<string[]>(line, { delimiter }).data[0] ?? [];
    return row.map((f) => f.trim());
  }
  return line.split(delimiter).map((f) => f.trim());
}

/** Whether `line` is a numeric row with `fields` fields (used to step over one stray line inside a data block). */
function continuesRun(line: string, d: Delimiter, dec: '.' | ',', fields: number): boolean {
  const f = splitFields(line, d);
  if (f.length !== fields) return false;
  let numeric = 0;
  for (const x of f) if (isNum(x, dec)) numeric++;
  return numeric >= 2 && numeric * 2 >= f.length;
}

function isNum(field: string, decimal: '.' | ','): boolean {
  return !Number.isNaN(parseNumber(field, decimal));
}

/**
 * Find delimiter, decimal mark, header and data start from the first lines of a text. Returns null when there is no
 * block of at least `minRows` rows with two or more numbers each.
 */
export function sniffTable(lines: string[], minRows = 3): TableLayout | null {
  let best: { d: Delimiter; dec: '.' | ','; start: number; fields: number; numeric: number; run: number } | null = null;
  const n = Math.min(lines.length, SNIFF_LINES);
  for (const d of DELIMITERS) {
    for (const dec of ['.', ','] as const) {
      if (d === ',' && dec === ',') continue;
      let runStart = -1;
      let runLen = 0;
      let runFields = 0;
      let runNumeric = 0;
      const consider = (): void => {
        if (runLen < Math.min(minRows, Math.max(1, n - 1))) return;
        const score = runNumeric * 1e6 + Math.min(runLen, 999999);
        const bestScore = best ? best.numeric * 1e6 + Math.min(best.run, 999999) : -1;
        if (score > bestScore) best = { d, dec, start: runStart, fields: runFields, numeric: runNumeric, run: runLen };
      };
      for (let i = 0; i < n; i++) {
        const fields = splitFields(lines[i], d);
        let numeric = 0;
        for (const f of fields) if (isNum(f, dec)) numeric++;
        const isRow = fields.length >= 2 && numeric >= 2 && numeric * 2 >= fields.length;
        if (isRow && runLen > 0 && fields.length === runFields) {
          runLen++;
          runNumeric = Math.min(runNumeric, numeric);
          continue;
        }
        if (runLen > 0 && i + 1 < n && continuesRun(lines[i + 1], d, dec, runFields)) continue; // a blank or stray line inside the block
        consider();
        if (isRow) {
          runStart = i;
          runLen = 1;
          runFields = fields.length;
          runNumeric = numeric;
        } else runLen = 0;
      }
      consider();
    }
  }
  if (!best) return null;
  const { d, dec, start, fields } = best as { d: Delimiter; dec: '.' | ','; start: number; fields: number };
  const sample = lines.slice(start, Math.min(start + 20, n)).map((l) => splitFields(l, d)).filter((f) => f.length === fields);
  const textColumns = Array.from({ length: fields }, (_, c) => sample.every((row) => row[c] !== '' && !isNum(row[c], dec)));

  // Header: the last non-blank line above the block; a units-only line may sit between names and data.
  let names: string[] = [];
  let units: string[] = [];
  let headerLine = -1;
  let unitsLine = -1;
  let k = start - 1;
  while (k >= 0 && lines[k].trim() === '') k--;
  const headerFields = (i: number): string[] | null => {
    if (i < 0) return null;
    let f = splitFields(lines[i], d);
    if (f.length !== fields && d === ' ') f = lines[i].trim().split(/\t| {2,}/).map((x) => x.trim());
    if (f.length === fields + 1 && f[f.length - 1] === '') f = f.slice(0, -1);
    if (f.length === fields - 1 && sample.every((row) => row[fields - 1] === '')) f = [...f, ''];
    if (f.length !== fields) return null;
    const numericCount = f.filter((x) => isNum(x, dec)).length;
    return numericCount === 0 ? f : null;
  };
  const isUnitsRow = (f: string[]): boolean => f.every((x) => x === '' || isUnitToken(x)) && f.some((x) => x !== '');
  const first = headerFields(k);
  if (first) {
    const above = headerFields(k - 1);
    if (isUnitsRow(first) && above && !isUnitsRow(above)) {
      names = above;
      units = first.map((u) => u.replace(/^[[(]|[\])]$/g, ''));
      headerLine = k - 1;
      unitsLine = k;
    } else {
      names = first;
      headerLine = k;
    }
  }
  if (names.length === 0) names = Array.from({ length: fields }, (_, c) => `Column ${c + 1}`);
  names = names.map((nm, c) => (nm === '' ? `Column ${c + 1}` : nm));
  if (units.length === 0) units = names.map(() => '');
  return { delimiter: d, decimal: dec, headerLine, unitsLine, dataStartLine: start, names, units, textColumns, fieldCount: fields };
}

function isUnitToken(x: string): boolean {
  const u = x.replace(/^[[(]|[\])]$/g, '');
  return parseTimeUnit(u) !== null || parseTemperatureUnit(u) !== null || parseMassUnit(u) !== null || /^(mW|µV|uV|ml\/min|mL\/min|%\/min|mg\/min|W\/g|mW\/mg)$/i.test(u);
}

/** Column name and unit: 'Time (min)', 'Zeit/min', 'Masse [µg]', and 'time_s' / 'temperature_C' / 'mass_mg'. */
export function splitColumnName(header: string): { name: string; unit: string } {
  const bracketed = splitNameUnit(header);
  if (bracketed.unit !== '') return { name: bracketed.name.replace(/\s*\/$/, ''), unit: bracketed.unit };
  const h = header.trim();
  const underscore = /^(.+?)_(s|sec|min|h|c|degc|k|mg|ug|µg|g|pct|percent)$/i.exec(h);
  if (underscore) return { name: underscore[1], unit: /^(pct|percent)$/i.test(underscore[2]) ? '%' : underscore[2] };
  // 'Time, min' and 'Temperature °C' / 'Weight %': a trailing unit token after a comma or a space.
  const trailing = /^(.+?)(?:\s*,\s*|\s+)(°C|ºC|°F|K|min|s|sec|h|mg|µg|ug|g|%|wt%|wt\.%)$/.exec(h);
  if (trailing && isUnitToken(trailing[2])) return { name: trailing[1], unit: trailing[2] };
  return bracketed;
}

const TIME_NAMES = /^(time|zeit|t|elapsed time|time elapsed|run time|runtime|messzeit|dauer|zeitpunkt|time relative)$/i;
const TEMP_NAMES = /^(temperature|temp\.?|temperatur|t|ts|sample temperature|sample temp\.?|probentemperatur|probe temperatur|tsample|t_sample)$/i;
const TEMP_LOWER = /(program|programme|furnace|ofen|reference|referenz|set ?point|soll|tr\b)/i;
const MASS_NAMES = /^(mass|masse|weight|gewicht|tg|sample weight|sample mass|probenmasse|mass change|massenänderung|massenaenderung|weight change|unsubtracted weight|m)$/i;
const NEVER_ROLE = /(dtg|deriv|heat ?flow|dsc|dta|flow|rate|pressure|druck|signal|current|strom|index|nr\.?$|^no\.?$)/i;
const GAS_NAMES = /^(gas|gas type|gastyp|gasart|atmosphere|atmosphäre|atmosphaere|purge gas|spülgas|spuelgas|gas name)$/i;
const PROGRAMME_NAMES = /^(program temperature|programme temperature|programmtemperatur|set ?point|sollwert|sollwerttemperatur|tr|reference temperature)$/i;

interface Roles {
  time: number;
  temperature: number;
  mass: number;
  gas: number;
  programme: number;
}

function scoreRole(role: 'time' | 'temperature' | 'mass', name: string, unit: string): number {
  if (NEVER_ROLE.test(name)) return 0;
  let s = 0;
  if (role === 'time') {
    if (TIME_NAMES.test(name) || /^(time|zeit)\b/i.test(name)) s += 2;
    if (parseTimeUnit(unit) && unit !== 'm') s += 1;
    if (s > 0 && name === 't' && parseTemperatureUnit(unit)) return 0;
  } else if (role === 'temperature') {
    if (TEMP_NAMES.test(name) || /temp/i.test(name)) s += TEMP_LOWER.test(name) ? 1 : 2;
    if (parseTemperatureUnit(unit)) s += 1;
    if (name === 't' && parseTimeUnit(unit)) return 0;
  } else if (role === 'mass') {
    if (MASS_NAMES.test(name) || /(mass|masse|weight|gewicht)\b/i.test(name)) s += 2;
    const mu = parseMassUnit(unit);
    if (mu) s += mu === '%' ? 0.5 : 1;
  }
  return s;
}

/** Assign roles from names and units; the column mapping wins. Throws FormatError for unknown mapped names. */
function assignRoles(fileName: string, layout: TableLayout, names: string[], units: string[], mapping: ColumnMapping | undefined): Roles {
  const resolve = (ref: number | string | undefined, what: string): number => {
    if (ref === undefined) return -2;
    if (typeof ref === 'number') {
      if (ref < 0 || ref >= names.length) throw new FormatError(fileName, layout.headerLine + 1, `a ${what} column index between 0 and ${names.length - 1}`, String(ref));
      return ref;
    }
    const i = layout.names.findIndex((h) => h === ref);
    const j = i >= 0 ? i : names.findIndex((h) => h === ref);
    if (j < 0) throw new FormatError(fileName, layout.headerLine + 1, `a ${what} column named '${ref}' (columns: ${layout.names.join(', ')})`);
    return j;
  };
  const forced = { time: resolve(mapping?.time, 'time'), temperature: resolve(mapping?.temperature, 'temperature'), mass: resolve(mapping?.mass, 'mass') };
  const taken = new Set<number>(Object.values(forced).filter((i) => i >= 0));
  const pick = (role: 'time' | 'temperature' | 'mass'): number => {
    if (forced[role] >= 0) return forced[role];
    let best = -1;
    let bestScore = 0;
    names.forEach((name, c) => {
      if (taken.has(c) || layout.textColumns[c]) return;
      const s = scoreRole(role, name, units[c]);
      if (s > bestScore) {
        best = c;
        bestScore = s;
      }
    });
    if (best >= 0) taken.add(best);
    return best;
  };
  const time = pick('time');
  const mass = pick('mass');
  const temperature = pick('temperature');
  const gas = names.findIndex((n, c) => GAS_NAMES.test(n) && layout.textColumns[c]);
  const programme = names.findIndex((n, c) => c !== temperature && PROGRAMME_NAMES.test(n) && !layout.textColumns[c]);
  return { time, temperature, mass, gas, programme };
}

function detect(input: DetectInput): number {
  const hb = input.headBytes;
  if (hb.length >= 4 && hb[0] === 0x50 && hb[1] === 0x4b && hb[2] === 0x03 && hb[3] === 0x04) return 0; // zip
  if (hb.length >= 8 && hb[0] === 0x89 && hb[1] === 0x48 && hb[2] === 0x44 && hb[3] === 0x46) return 0; // HDF5
  const head = input.headText;
  if (looksLikeQmsLog(head)) return 0;
  if (/^\s*[{[]/.test(head)) return 0;
  const lines = splitLines(head);
  if (lines.length > 1 && !/\n$/.test(head)) lines.pop(); // the head may end mid-line
  const layout = sniffTable(lines);
  if (!layout) return 0;
  if (layout.headerLine < 0) return layout.fieldCount >= 3 ? 0.1 : 0;
  const parts = layout.names.map((h, c) => (layout.units[c] ? { name: h, unit: layout.units[c] } : splitColumnName(h)));
  const names = parts.map((p) => p.name);
  const units = parts.map((p) => p.unit);
  const hasTime = names.some((n, c) => scoreRole('time', n, units[c]) >= 2);
  const hasMass = names.some((n, c) => scoreRole('mass', n, units[c]) >= 1);
  if (hasTime && hasMass) return 0.5;
  if (hasMass) return 0.3;
  return 0;
}

/** A quadrupole mass-spectrometer export (Pfeiffer Quadera .asc and alike): partial pressures or ion currents. */
export function looksLikeQmsLog(head: string): boolean {
  return /Partial Pressure \[|Ion Current \[|\.qmp\b|Quadera|MID Scan|SEM Voltage/i.test(head);
}

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Parse the number in s[a, b) without building a substring (fast path for plain decimals with up to 15 digits,
 * which gives the same double as Number(): one correctly rounded operation on exact operands).
 */
export function parseNumberAt(s: string, a: number, b: number, decimalCode: number): number {
  let c = 0;
  while (a < b && ((c = s.charCodeAt(a)) === 32 || c === 9)) a++;
  while (b > a && ((c = s.charCodeAt(b - 1)) === 32 || c === 9 || c === 13)) b--;
  if (a >= b) return NaN;
  let i = a;
  let neg = false;
  c = s.charCodeAt(i);
  if (c === 45) {
    neg = true;
    i++;
  } else if (c === 43) i++;
  let mant = 0;
  let digits = 0;
  let frac = 0;
  while (i < b && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
    mant = mant * 10 + (c - 48);
    digits++;
    i++;
  }
  if (i < b && c === decimalCode) {
    i++;
    while (i < b && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
      mant = mant * 10 + (c - 48);
      digits++;
      frac++;
      i++;
    }
  }
  if (digits === 0) return NaN;
  let exp = 0;
  if (i < b && (c === 101 || c === 69)) {
    i++;
    let eneg = false;
    c = s.charCodeAt(i);
    if (c === 45) {
      eneg = true;
      i++;
    } else if (c === 43) i++;
    let ed = 0;
    while (i < b && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
      exp = exp * 10 + (c - 48);
      ed++;
      i++;
    }
    if (ed === 0) return NaN;
    if (eneg) exp = -exp;
  }
  if (i !== b) return NaN;
  const e10 = exp - frac;
  if (digits > 15 || e10 > 22 || e10 < -22) return parseNumber(s.slice(a, b), decimalCode === 44 ? ',' : '.');
  const v = e10 === 0 ? mant : e10 > 0 ? mant * POW10[e10] : mant / POW10[-e10];
  return neg ? -v : v;
}

interface ScanResult {
  columns: (Float64Array | null)[];
  rows: number;
  gasChanges: { row: number; line: number; value: string }[];
  firstLine: number;
  lastLine: number;
  skipped: number[];
  skippedCount: number;
}

/**
 * Read the data block of `text` from char offset `start` (1-based line `startLine`) into Float64Arrays.
 * `numeric[c]` says which columns to parse; `gasColumn` is compared as text. Rows whose `required` columns are not
 * numbers are skipped (blank lines silently, others listed).
 */
/** Rows between two progress reports of a long table. */
const PROGRESS_ROWS = 65536;

function scanDelimited(
  text: string,
  start: number,
  startLine: number,
  layout: TableLayout,
  numeric: boolean[],
  gasColumn: number,
  required: number[],
  onProgress?: (rowsRead: number) => void,
): ScanResult {
  let capacity = 1;
  for (let p = text.indexOf('\n', start); p >= 0; p = text.indexOf('\n', p + 1)) capacity++;
  const nCols = layout.fieldCount;
  const cols: (Float64Array | null)[] = numeric.map((on) => (on ? new Float64Array(capacity) : null));
  const delimChar = layout.delimiter;
  const whitespace = layout.delimiter === ' ';
  const decimalCode = layout.decimal.charCodeAt(0);
  const starts = new Int32Array(nCols + 1);
  const ends = new Int32Array(nCols + 1);
  const gasChanges: ScanResult['gasChanges'] = [];
  let prevGasStart = -1;
  let prevGasLen = 0;
  const skipped: number[] = [];
  let skippedCount = 0;
  let rows = 0;
  let line = startLine;
  let firstLine = -1;
  let lastLine = -1;
  let pos = start;
  const len = text.length;
  while (pos < len) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = len;
    let lineEnd = end;
    if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    // Field boundaries.
    let f = 0;
    let p = pos;
    if (whitespace) {
      while (f <= nCols) {
        let c = 0;
        while (p < lineEnd && ((c = text.charCodeAt(p)) === 32 || c === 9)) p++;
        if (p >= lineEnd) break;
        starts[f] = p;
        while (p < lineEnd && (c = text.charCodeAt(p)) !== 32 && c !== 9) p++;
        ends[f] = p;
        f++;
      }
    } else if (lineEnd > pos) {
      while (f <= nCols) {
        starts[f] = p;
        const q = text.indexOf(delimChar, p);
        p = q < 0 || q > lineEnd ? lineEnd : q;
        ends[f] = p;
        f++;
        if (p >= lineEnd) break;
        p++;
      }
    }
    let ok = f > 0;
    for (let c = 0; c < nCols; c++) {
      const col = cols[c];
      if (col === null) continue;
      col[rows] = c < f ? parseNumberAt(text, starts[c], ends[c], decimalCode) : NaN;
    }
    for (const c of required) {
      const col = cols[c];
      if (col === null || Number.isNaN(col[rows])) ok = false;
    }
    if (ok) {
      if (gasColumn >= 0 && gasColumn < f) {
        let a = starts[gasColumn];
        let b = ends[gasColumn];
        while (a < b && text.charCodeAt(a) === 32) a++;
        while (b > a && text.charCodeAt(b - 1) === 32) b--;
        const glen = b - a;
        let same = glen === prevGasLen && prevGasStart >= 0;
        for (let q = 0; same && q < glen; q++) if (text.charCodeAt(a + q) !== text.charCodeAt(prevGasStart + q)) same = false;
        // Stryker disable next-line Regex,StringLiteral: this scanner runs only when the data holds no '"' (tableToRun sends quoted data to scanQuoted), so no form of this replace can match
        if (!same) gasChanges.push({ row: rows, line, value: text.slice(a, b).replace(/^"|"$/g, '') });
        prevGasStart = a;
        prevGasLen = glen;
      }
      if (firstLine === -1) firstLine = line; // line numbers are 1-based: -1 until the first row
      lastLine = line;
      rows++;
      if (onProgress && rows % PROGRESS_ROWS === 0) onProgress(rows);
    } else if (lineEnd > pos && text.slice(pos, lineEnd).trim() !== '') {
      skippedCount++;
      if (skipped.length < 5) skipped.push(line);
    }
    pos = end + 1;
    line++;
  }
  const columns = cols.map((col) => (col === null ? null : rows === capacity ? col : col.slice(0, rows)));
  return { columns, rows, gasChanges, firstLine, lastLine, skipped, skippedCount };
}

/** Slow path for rows with quoted fields: papaparse, then the same conversion. */
function scanQuoted(text: string, start: number, startLine: number, layout: TableLayout, numeric: boolean[], gasColumn: number, required: number[]): ScanResult {
  const body = text.slice(start);
  const parsed = Papa.parse<string[]>(body, { delimiter: layout.delimiter === ' ' ? '' : layout.delimiter, skipEmptyLines: false });
  const rowsIn = parsed.data;
  const cols: (Float64Array | null)[] = numeric.map((on) => (on ? new Float64Array(rowsIn.length) : null));
  const result: ScanResult = { columns: cols, rows: 0, gasChanges: [], firstLine: -1, lastLine: -1, skipped: [], skippedCount: 0 };
  let prevGas: string | null = null;
  // papaparse does not report line numbers; rows with embedded newlines are rare in instrument tables.
  rowsIn.forEach((fields, r) => {
    const line = startLine + r;
    if (fields.length === 1 && fields[0].trim() === '') return;
    cols.forEach((col, c) => {
      if (col) col[result.rows] = c < fields.length ? parseNumber(fields[c], layout.decimal) : NaN;
    });
    if (required.some((c) => Number.isNaN(cols[c]?.[result.rows] ?? NaN))) {
      result.skippedCount++;
      if (result.skipped.length < 5) result.skipped.push(line);
      return;
    }
    if (gasColumn >= 0) {
      const g = (fields[gasColumn] ?? '').trim();
      if (g !== prevGas) result.gasChanges.push({ row: result.rows, line, value: g });
      prevGas = g;
    }
    if (result.firstLine === -1) result.firstLine = line; // line numbers are 1-based: -1 until the first row
    result.lastLine = line;
    result.rows++;
  });
  result.columns = cols.map((col) => (col === null ? null : col.slice(0, result.rows)));
  return result;
}

/** Char offset of the start of 0-based line `lineIndex`. */
function offsetOfLine(text: string, lineIndex: number): number {
  let p = 0;
  for (let i = 0; i < lineIndex; i++) {
    const nl = text.indexOf('\n', p);
    if (nl < 0) return text.length;
    p = nl + 1;
  }
  return p;
}

/** 'Key: value', 'Key;value', 'Key<TAB>value', 'Key = value' preamble lines. */
function readPreamble(lines: string[], upTo: number): { metadata: Record<string, string>; sample: SampleInfo } {
  const metadata: Record<string, string> = {};
  const sample: SampleInfo = {};
  for (let i = 0; i < upTo; i++) {
    const m = /^\s*#*\s*([^:;=\t]{1,60}?)\s*[:;=\t]\s*(.*?)[\s;,]*$/.exec(lines[i]);
    if (!m || m[2] === '') continue;
    // Already trimmed: blanks around the key go to the pattern's \s*, and those around the value to \s* and [\s;,]*.
    const key = m[1];
    const value = m[2];
    if (!(key in metadata)) metadata[key] = value;
    const mass = /^([\d]+(?:[.,]\d+)?)\s*(mg|µg|ug|g)\b/i.exec(value);
    if (/sample ?(mass|weight)|initial mass|einwaage|probenmasse|anfangsmasse|sample size|^size$/i.test(key) && mass) {
      // The pattern admits only mg, µg, ug and g: parseMassUnit gives 'mg', 'ug' or 'g'.
      const unit = parseMassUnit(mass[2]) as Exclude<MassUnit, '%'>;
      sample.initialMassMg = Number(mass[1].replace(',', '.')) * MG_PER[unit];
    }
    if (/^(sample|sample ?name|sample ?id|probe|probenname|probenbezeichnung)$/i.test(key) && !sample.name) sample.name = value;
    if (/^(instrument|gerät|geraet|device)$/i.test(key)) sample.instrument = value;
    if (/^(operator|user|bediener|benutzer)$/i.test(key)) sample.operator = value;
    if (/^(date|datum|run ?date)$/i.test(key)) sample.date = value;
  }
  return { metadata, sample };
}

function parse(input: ParseInput): TgaRun {
  const { fileName, bytes, options } = input;
  const decoded = decodeBytes(bytes);
  const text = decoded.text;
  const headLines = splitLines(text.slice(0, SNIFF_CHARS));
  if (text.length > SNIFF_CHARS && headLines.length > 1) headLines.pop();
  if (looksLikeQmsLog(text.slice(0, SNIFF_CHARS))) {
    throw new FormatError(fileName, null, 'TGA data (time, temperature, mass); this looks like a mass-spectrometer (QMS) partial-pressure log');
  }
  const layout = sniffTable(headLines, Math.min(3, Math.max(1, headLines.length - 1)));
  if (!layout) throw new FormatError(fileName, null, 'a table: rows of delimited numbers (comma, semicolon, tab or spaces) under a header line');
  return tableToRun(fileName, text, decoded.encoding, headLines, layout, options);
}

function tableToRun(fileName: string, text: string, encoding: string, headLines: string[], layout: TableLayout, options: ParseOptions | undefined): TgaRun {
  const mapping = options?.columnMapping;
  const warnings: string[] = [];
  const parts = layout.names.map((h, c) => (layout.units[c] ? { name: splitColumnName(h).name, unit: layout.units[c] } : splitColumnName(h)));
  const names = parts.map((p) => p.name);
  const units = parts.map((p) => p.unit);
  const roles = assignRoles(fileName, layout, names, units, mapping);
  const headerLine1 = layout.headerLine + 1;
  if (roles.time < 0) {
    throw new FormatError(fileName, headerLine1 || layout.dataStartLine + 1, "a time column (Time, Zeit, t, 'time_s', or a unit s/min/h); give a column mapping", layout.names.join(' | '));
  }
  if (roles.mass < 0) {
    throw new FormatError(fileName, headerLine1 || layout.dataStartLine + 1, 'a mass column (Mass, Masse, Weight, Gewicht, TG, or a unit mg/µg/g/%); give a column mapping', layout.names.join(' | '));
  }

  const timeUnit: TimeUnit | null = mapping?.timeUnit ?? parseTimeUnit(units[roles.time]);
  const tempUnit: TemperatureUnit | null = roles.temperature >= 0 ? (mapping?.temperatureUnit ?? parseTemperatureUnit(units[roles.temperature])) : null;
  const massUnit: MassUnit | null = mapping?.massUnit ?? parseMassUnit(units[roles.mass]);
  const tU: TimeUnit = timeUnit ?? 's';
  const cU: TemperatureUnit = tempUnit ?? 'C';
  const mU: MassUnit = massUnit ?? 'mg';
  if (!timeUnit) warnings.push(`No time unit for column '${layout.names[roles.time]}': read as seconds (set a column mapping if not).`);
  if (roles.temperature >= 0 && !tempUnit) warnings.push(`No temperature unit for column '${layout.names[roles.temperature]}': read as °C.`);
  if (!massUnit) warnings.push(`No mass unit for column '${layout.names[roles.mass]}': read as mg.`);
  if (roles.temperature < 0) warnings.push('No temperature column found.');

  const numeric = layout.names.map((_, c) => !layout.textColumns[c] || c === roles.time || c === roles.mass || c === roles.temperature);
  const start = offsetOfLine(text, layout.dataStartLine);
  const quoted = text.indexOf('"', start) >= 0;
  const scan = quoted
    ? scanQuoted(text, start, layout.dataStartLine + 1, layout, numeric, roles.gas, [roles.time, roles.mass])
    : scanDelimited(text, start, layout.dataStartLine + 1, layout, numeric, roles.gas, [roles.time, roles.mass], options?.onProgress);
  if (scan.rows === 0) {
    throw new FormatError(fileName, layout.dataStartLine + 1, `rows with numbers in '${layout.names[roles.time]}' and '${layout.names[roles.mass]}'`, headLines[layout.dataStartLine] ?? '');
  }
  if (scan.skippedCount > 0) {
    const total = scan.rows + scan.skippedCount;
    if (scan.skippedCount > 0.1 * total) {
      const at = scan.skipped[0];
      throw new FormatError(fileName, at, `a number in '${layout.names[roles.time]}' and '${layout.names[roles.mass]}' (${scan.skippedCount} of ${total} rows are not)`, splitLines(text.slice(offsetOfLine(text, at - 1), offsetOfLine(text, at)))[0] ?? '');
    }
    warnings.push(`Skipped ${scan.skippedCount} row(s) without numeric time and mass (line${scan.skipped.length > 1 ? 's' : ''} ${scan.skipped.join(', ')}${scan.skippedCount > scan.skipped.length ? ', …' : ''}).`);
  }

  const rawTime = scan.columns[roles.time] as Float64Array;
  const timeS = tU === 's' ? rawTime : scaleColumn(rawTime, SECONDS_PER[tU]);
  let backwards = 0;
  for (let i = 1; i < timeS.length; i++) if (timeS[i] < timeS[i - 1]) backwards++;
  if (backwards > 0) warnings.push(`Time runs backwards ${backwards} time(s): the file may hold several runs one after another.`);
  let temperatureC: Float64Array | null = null;
  if (roles.temperature >= 0) {
    const raw = scan.columns[roles.temperature] as Float64Array;
    temperatureC = cU === 'K' ? scaleColumn(raw, 1, -273.15) : raw;
  }
  const preamble = readPreamble(headLines, layout.headerLine >= 0 ? layout.headerLine : layout.dataStartLine);
  const sample = preamble.sample;
  const rawMass = scan.columns[roles.mass] as Float64Array;
  let massMg: Float64Array | null;
  let massPercent: Float64Array | null = null;
  let massNote: string;
  const massLabel = `'${layout.names[roles.mass]}'`;
  if (mU === '%') {
    massPercent = rawMass;
    if (sample.initialMassMg !== undefined) {
      const m0 = sample.initialMassMg;
      massMg = rawMass.map((p) => (p * m0) / 100);
      massNote = `${massLabel} [%] × ${sample.initialMassMg} mg / 100 (sample mass from the preamble)`;
    } else {
      massMg = null;
      massNote = `${massLabel} in % of the initial mass; the file gives no sample mass`;
    }
  } else {
    massMg = mU === 'mg' ? rawMass : scaleColumn(rawMass, MG_PER[mU]);
    massNote = `${massLabel} [${units[roles.mass] || (mapping?.massUnit ?? 'mg, assumed')}]${mU === 'mg' ? '' : ` × ${MG_PER[mU]} → mg`}`;
    const pct = layout.names.findIndex((_, c) => c !== roles.mass && parseMassUnit(units[c]) === '%' && scoreRole('mass', names[c], units[c]) >= 2);
    if (pct >= 0 && scan.columns[pct]) massPercent = scan.columns[pct];
  }
  // massMg is null only for % without a sample mass, and there is at least one row (refused above otherwise).
  if (sample.initialMassMg === undefined && mU !== '%') {
    // No stated sample mass: the analysis takes its reference from the data; say so.
    warnings.push('The file states no sample mass.');
  }

  const channels: Channel[] = [];
  const columns: ColumnInfo[] = layout.names.map((name, c) => {
    let role: ColumnRole = 'channel';
    if (c === roles.time) role = 'time';
    else if (c === roles.temperature) role = 'temperature';
    else if (c === roles.mass) role = 'mass';
    else if (c === roles.gas || layout.textColumns[c]) role = 'ignored';
    const values = scan.columns[c];
    if (role === 'channel') {
      if (!values || values.every(Number.isNaN)) role = 'ignored';
      else channels.push({ name: names[c], unit: units[c], values });
    }
    return { name, unit: units[c], role };
  });

  const gasEvents: GasEvent[] = [];
  const gasName = roles.gas >= 0 ? layout.names[roles.gas] : '';
  scan.gasChanges.forEach((g, k) => {
    if (k === 0) return;
    gasEvents.push({ timeS: timeS[g.row], gas: g.value, source: `column '${gasName}', line ${g.line}` });
  });
  let segments: Segment[] = [];
  if (roles.programme >= 0 && scan.columns[roles.programme]) {
    const prog = scan.columns[roles.programme] as Float64Array;
    const progC = parseTemperatureUnit(units[roles.programme]) === 'K' ? scaleColumn(prog, 1, -273.15) : prog;
    segments = segmentsFromProgramme(timeS, progC);
    for (const s of segments) {
      const g = [...scan.gasChanges].reverse().find((x) => timeS[x.row] <= s.startS);
      if (g) s.gas = g.value;
    }
  } else if (scan.gasChanges.length > 0) {
    segments = scan.gasChanges.map((g, k) => {
      const next = scan.gasChanges[k + 1];
      return {
        index: k + 1,
        label: `${g.value} (column '${gasName}')`,
        startS: timeS[g.row],
        endS: next ? timeS[next.row] : timeS[timeS.length - 1],
        kind: 'gas',
        gas: g.value,
      };
    });
  }
  if (scan.gasChanges.length > 0) preamble.metadata['Initial gas'] = scan.gasChanges[0].value;

  return {
    technique: 'tga',
    source: {
      fileName,
      formatId: genericTable.id,
      formatLabel: genericTable.label,
      encoding,
      delimiter: layout.delimiter,
      decimal: layout.decimal,
      headerLine: layout.headerLine + 1,
      dataStartLine: scan.firstLine,
      dataEndLine: scan.lastLine,
      columns,
    },
    sample,
    timeS,
    temperatureC,
    massMg,
    massPercent,
    massNote,
    channels,
    segments,
    gasEvents,
    programme: [],
    metadata: preamble.metadata,
    warnings,
  };
}

export const genericTable: FormatModule<TgaRun> = {
  id: 'generic-table',
  label: 'Delimited table (CSV, TSV, semicolon, whitespace)',
  technique: 'tga',
  extensions: ['csv', 'tsv', 'txt', 'dat', 'asc'],
  detect(input) {
    try {
      return detect(input);
    } catch {
      return 0;
    }
  },
  parse,
};
