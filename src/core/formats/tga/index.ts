/**
 * The TGA format registry and the import entry points everyone uses.
 *
 * Detection: every module's `detect` scores the file's first 16 KiB (decoded) and first bytes; the highest score
 * wins and ties go to the earlier module. Vendor modules come first (their signatures are specific: NETZSCH
 * '#EXPORTTYPE', TA 'OrgMethod'/'[step]', an Excel workbook's compound-file or OOXML signature, Mettler 'Index t Ts
 * Tr', Pyris 'Sample ID:' + 'Method Steps:', Setaram 'Index Time Furnace'), the generic table reader last and with
 * scores ≤ 0.5, so it only takes what no vendor module claims. `options.formatId` skips detection. Files that nothing reads get a FormatError that says what the
 * file looks like (a QMS log, a binary, JSON, a text without a numeric table).
 */
import type { ParseOptions, TgaRun } from '../../../shared/types';
import { decodeHead } from '../../text/decode';
import { importPlausibilityWarnings } from '../../tga/plausibility';
import { FormatError, type FormatModule } from '../types';
import { genericTable, looksLikeQmsLog } from './generic-table';
import { mettlerStare } from './mettler-stare';
import { netzschAscii } from './netzsch-ascii';
import { netzschNgb } from './netzsch-ngb';
import { pyrisCsv, pyrisText } from './pyris';
import { setaramText } from './setaram';
import { taTrios } from './ta-trios';
import { taTriosExcel } from './ta-trios-excel';
import { taUniversal } from './ta-universal';

/** Detection order: vendor modules first, the generic table reader last. */
export const tgaFormats: FormatModule<TgaRun>[] = [
  netzschNgb,
  netzschAscii,
  taUniversal,
  taTrios,
  taTriosExcel,
  mettlerStare,
  pyrisText,
  pyrisCsv,
  setaramText,
  genericTable,
];

const HEAD_BYTES = 4096;

/** The best-scoring format for a file, or null when no module scores above 0. Never throws. */
export function detectTgaFormat(fileName: string, bytes: Uint8Array): { format: FormatModule<TgaRun>; score: number } | null {
  // Stryker disable next-line StringLiteral: always overwritten below, since decodeHead never throws
  let headText = '';
  try {
    headText = decodeHead(bytes);
  } catch {
    // headText stays '' (decodeHead does not throw today: TextDecoder without `fatal`, and decodeBytes catches its fatal UTF-8 attempt)
  }
  const input = { fileName, headText, headBytes: bytes.subarray(0, Math.min(bytes.length, HEAD_BYTES)) };
  let best: { format: FormatModule<TgaRun>; score: number } | null = null;
  for (const format of tgaFormats) {
    let score = 0;
    try {
      score = format.detect(input);
    } catch {
      // a detector that throws claims nothing: score stays 0
    }
    if (Number.isFinite(score) && score > 0 && (best === null || score > best.score)) best = { format, score };
  }
  return best;
}

/** Why no module reads the file, in words for the user. */
function unrecognisedMessage(fileName: string, bytes: Uint8Array): string {
  const known = tgaFormats.map((f) => f.label).join('; ');
  if (bytes.length === 0) return 'a non-empty file';
  const b = bytes;
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) {
    return `a NETZSCH .ngb archive, an Excel workbook or a text export; this ZIP container is none of them. Readable formats: ${known}`;
  }
  const head = decodeHead(bytes);
  if (looksLikeQmsLog(head)) {
    return 'TGA data, but this looks like a quadrupole mass-spectrometer (QMS) log of partial pressures (e.g. a Pfeiffer Quadera export recorded alongside a TGA run), not TGA data: import the TGA export itself';
  }
  let control = 0;
  const n = Math.min(head.length, 4096);
  for (let i = 0; i < n; i++) {
    const c = head.charCodeAt(i);
    if (c < 9 || (c > 13 && c < 32)) control++;
  }
  if (control > 0.05 * n) return `a text export (this file looks binary). Readable formats: ${known}`;
  if (/^\s*[{[]/.test(head)) return `a TGA export, not JSON. Readable formats: ${known}`;
  return `a TGA export (${known}) or a table with time and mass columns; no known format and no numeric table with a recognisable header was found (a column mapping can name the columns)`;
}

function findFormat(fileName: string, bytes: Uint8Array, options?: ParseOptions): FormatModule<TgaRun> {
  if (options?.formatId) {
    const forced = tgaFormats.find((f) => f.id === options.formatId);
    if (!forced) throw new FormatError(fileName, null, `a known format id (${tgaFormats.map((f) => f.id).join(', ')})`, options.formatId);
    return forced;
  }
  if (options?.columnMapping) {
    // A column mapping is for generic tables: use it unless a vendor module is sure of the file.
    const detected = detectTgaFormat(fileName, bytes);
    return detected && detected.score > 0.5 ? detected.format : genericTable;
  }
  const detected = detectTgaFormat(fileName, bytes);
  if (!detected) throw new FormatError(fileName, null, unrecognisedMessage(fileName, bytes));
  return detected.format;
}

/** Detect (or take options.formatId) and parse. Throws FormatError naming the file (and line where known). */
export function importTga(fileName: string, bytes: Uint8Array, options?: ParseOptions): TgaRun {
  const format = findFormat(fileName, bytes, options);
  let run: TgaRun;
  try {
    run = format.parse({ fileName, bytes, options });
  } catch (err) {
    if (err instanceof FormatError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new FormatError(fileName, null, `a readable ${format.label}`, message);
  }
  const implausible = importPlausibilityWarnings(run);
  return implausible.length > 0 ? { ...run, warnings: [...run.warnings, ...implausible] } : run;
}

export type ImportOutcome = { ok: true; run: TgaRun } | { ok: false; fileName: string; message: string };

/** importTga that never throws: for batch imports that report per file. */
export function tryImportTga(fileName: string, bytes: Uint8Array, options?: ParseOptions): ImportOutcome {
  try {
    return { ok: true, run: importTga(fileName, bytes, options) };
  } catch (err) {
    return { ok: false, fileName, message: err instanceof Error ? err.message : String(err) };
  }
}

function fmt(x: number | undefined, digits = 4): string {
  if (x === undefined || !Number.isFinite(x)) return '–';
  return String(Number(x.toPrecision(digits)));
}

/**
 * 'Temperature: 20.06–700.1 °C (first 20.06 → max 700.1 at 2100 s → last 99.93 °C)': the range, then the path, so a
 * run that heats to 700 °C and cools back is not read as a 20 → 100 °C run. Points without a temperature (NaN, e.g.
 * TRIOS's empty first and last cells) are skipped and counted.
 */
export function temperatureLine(timeS: Float64Array, temperatureC: Float64Array): string {
  let iMin = -1;
  let iMax = -1;
  let first = -1;
  // Stryker disable next-line UnaryOperator: `last` is set at every finite point and read only after one was found
  let last = -1;
  let missing = 0;
  for (let i = 0; i < temperatureC.length; i++) {
    const T = temperatureC[i];
    if (!Number.isFinite(T)) {
      missing++;
      continue;
    }
    if (first < 0) first = i;
    last = i;
    if (iMin < 0 || T < temperatureC[iMin]) iMin = i;
    if (iMax < 0 || T > temperatureC[iMax]) iMax = i;
  }
  if (first < 0) return `Temperature: none (all ${temperatureC.length} values empty)`;
  const T = (i: number): string => fmt(temperatureC[i]);
  // An extreme is worth naming only when it stands out from both ends (by 1 % of the range, at least 0.5 °C).
  const tol = Math.max(0.5, 0.01 * (temperatureC[iMax] - temperatureC[iMin]));
  const apart = (i: number): boolean => Math.abs(temperatureC[i] - temperatureC[first]) > tol && Math.abs(temperatureC[i] - temperatureC[last]) > tol;
  const path = [`first ${T(first)}`];
  const extremes = [
    { i: iMax, text: `max ${T(iMax)} at ${fmt(timeS[iMax], 7)} s` },
    { i: iMin, text: `min ${T(iMin)} at ${fmt(timeS[iMin], 7)} s` },
  ].filter((e) => apart(e.i));
  extremes.sort((a, b) => a.i - b.i);
  path.push(...extremes.map((e) => e.text));
  path.push(`last ${T(last)}`);
  const gaps = missing > 0 ? `; ${missing} point${missing === 1 ? '' : 's'} without a temperature` : '';
  return `Temperature: ${T(iMin)}–${T(iMax)} °C (${path.join(' → ')} °C${gaps})`;
}

/**
 * The per-file import report: format, encoding, rows, columns with units and roles, sample, mass source, segments,
 * gas events and warnings, one line each (segments, gas events and warnings one line per entry).
 */
export function describeImport(run: TgaRun): string[] {
  const s = run.source;
  const lines: string[] = [];
  lines.push(`File: ${s.fileName}`);
  lines.push(`Format: ${s.formatLabel} (${s.formatId})`);
  const layout = [`encoding ${s.encoding}`];
  if (s.delimiter !== undefined) layout.push(`delimiter ${s.delimiter === '\t' ? 'tab' : s.delimiter === ' ' ? 'spaces' : `'${s.delimiter}'`}`);
  if (s.decimal !== undefined) layout.push(`decimal '${s.decimal}'`);
  lines.push(`Text: ${layout.join(', ')}`);
  const n = run.timeS.length;
  const span = n > 0 ? `, ${fmt(run.timeS[0], 7)}–${fmt(run.timeS[n - 1], 7)} s` : '';
  const where = s.dataStartLine > 0 ? `lines ${s.dataStartLine}–${s.dataEndLine}${s.headerLine > 0 ? `, header line ${s.headerLine}` : ', no header line'}` : 'binary file, no text lines';
  lines.push(`Rows: ${n} (${where}${span})`);
  lines.push(`Columns: ${s.columns.map((c) => `${c.name}${c.unit ? ` [${c.unit}]` : ''} → ${c.role}`).join('; ')}`);
  const sample = run.sample;
  const sampleParts = [
    sample.name ? `'${sample.name}'` : 'no name',
    sample.initialMassMg !== undefined ? `${sample.initialMassMg} mg` : 'no stated mass',
    sample.instrument,
    sample.date,
    sample.operator ? `operator ${sample.operator}` : undefined,
    sample.crucible ? `crucible ${sample.crucible}` : undefined,
  ].filter((x): x is string => x !== undefined && x !== '');
  lines.push(`Sample: ${sampleParts.join(', ')}`);
  const m = run.massMg ?? run.massPercent;
  const massUnit = run.massMg ? 'mg' : '%';
  lines.push(`Mass: ${run.massNote}${m && n > 0 ? ` (${fmt(m[0])} → ${fmt(m[n - 1])} ${massUnit})` : ''}`);
  if (run.temperatureC && n > 0) lines.push(temperatureLine(run.timeS, run.temperatureC));
  if (run.channels.length > 0) lines.push(`Channels: ${run.channels.map((c) => `${c.name}${c.unit ? ` [${c.unit}]` : ''}`).join('; ')}`);
  if (run.segments.length === 0) lines.push('Segments: none');
  for (const seg of run.segments) {
    lines.push(`Segment ${seg.index}: ${seg.kind}, ${seg.label}, ${fmt(seg.startS, 7)}–${fmt(seg.endS, 7)} s${seg.gas ? `, gas ${seg.gas}` : ''}`);
  }
  if (run.gasEvents.length === 0) lines.push('Gas events: none');
  for (const e of run.gasEvents) lines.push(`Gas event: ${e.gas} at ${fmt(e.timeS, 7)} s (${e.source})`);
  for (const w of run.warnings) lines.push(`Warning: ${w}`);
  // Time that runs backwards breaks every time-based step downstream: say so even when the parser did not.
  let back = -1;
  for (let i = 1; i < n && back < 0; i++) if (run.timeS[i] < run.timeS[i - 1]) back = i;
  if (back > 0 && !run.warnings.some((w) => /backwards/i.test(w))) {
    lines.push(`Warning: Time runs backwards at data point ${back + 1} (${fmt(run.timeS[back], 7)} s after ${fmt(run.timeS[back - 1], 7)} s); the analysis stops before it.`);
  }
  return lines;
}
