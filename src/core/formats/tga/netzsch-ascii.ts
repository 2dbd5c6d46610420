/**
 * NETZSCH Proteus ASCII export ("Export data" from Proteus Analysis).
 *
 * The header is '#KEY:VALUE' lines, then one '##' column line, then delimited rows:
 *
 *   #EXPORTTYPE:DATA SINGLE
 *   #DECIMAL:POINT
 *   #SEPARATOR:SEMICOLON
 *   #SAMPLE MASS /mg:8.91
 *   #SEGMENT:S1/2
 *   #SEG. 1:30°C/5.0(K/min)/700°C
 *
 *   ##Temp./°C;Time/min;Mass/%
 *    27.14100;  0.00000;99.98948
 *
 * #DECIMAL (POINT/COMMA) and #SEPARATOR (SEMICOLON/COMMA/TAB/SPACE/COLON/PIPE) are honoured. Mass given in % is
 * converted with '#SAMPLE MASS /mg'. Optional columns: 'Segment', 'Gas Flow(purge2)/(ml/min)' and other signals (DSC, DTG) become
 * channels. '#SEG. n' lines (ranges such as '37°C/15,0(K/min)/1000°C' or isotherms '1000°C/00:30/1000°C', whose
 * numbers may use a decimal comma even when the data use points) become the programme and the segments.
 * Some Proteus versions write the degree sign as byte 0x9B; it is mapped back to '°'.
 */
import type { Channel, ColumnInfo, GasEvent, Segment, TgaRun } from '../../../shared/types';
import { decodeBytes, splitLines } from '../../text/decode';
import { FormatError, type DetectInput, type FormatModule, type ParseInput } from '../types';
import { parseMassUnit, parseNumber, parseTemperatureUnit, parseTimeUnit, scaleColumn, SECONDS_PER, toCelsius } from './units';

const SEPARATORS: Record<string, string> = { SEMICOLON: ';', COMMA: ',', TAB: '\t', SPACE: ' ', COLON: ':', PIPE: '|' };
/** What a bad #SEPARATOR line is told: every word SEPARATORS accepts. */
const SEPARATOR_EXPECTED = `#SEPARATOR:${Object.keys(SEPARATORS).slice(0, -1).join(', ')} or ${Object.keys(SEPARATORS).at(-1)}`;

/** Byte 0x9B read as Windows-1252 ('›', U+203A) or Latin-1 (U+009B): NETZSCH's degree sign in some exports. */
const BROKEN_DEGREE = /[\u203A\u009B]/g;

export interface NetzschColumn {
  name: string;
  unit: string;
}

/**
 * Split a NETZSCH column header into name and unit: 'Temp./°C', 'Time/min', 'Mass/%', 'Gas Flow(purge2)/(ml/min)',
 * 'DSC/(mW/mg)'. The unit is after the last '/' outside parentheses; enclosing parentheses are dropped.
 */
export function splitNetzschHeader(header: string): NetzschColumn {
  const h = header.trim();
  let depth = 0;
  let cut = -1;
  for (let i = 0; i < h.length; i++) {
    const c = h[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === '/' && depth === 0) cut = i;
  }
  if (cut < 0) return { name: h, unit: '' };
  let unit = h.slice(cut + 1).trim();
  if (unit.startsWith('(') && unit.endsWith(')')) unit = unit.slice(1, -1);
  return { name: h.slice(0, cut).trim(), unit };
}

/** One '#SEG. n' or '#RANGE' entry: 'T1°C/rate(K/min)/T2°C' (dynamic) or 'T1°C/hh:mm/T2°C' (isothermal). */
export interface NetzschSegmentSpec {
  startC: number;
  endC: number;
  rateKPerMin?: number;
  durationMin?: number;
}

/** Parse one programme segment; numbers may carry a decimal comma. Returns null when the text is not a segment. */
export function parseNetzschSegment(text: string): NetzschSegmentSpec | null {
  const parts = text.replace(BROKEN_DEGREE, '°').split('/').map((p) => p.trim());
  const temp = (s: string): number => parseNumber(s.replace(/\s*(°C|C|K)$/, '').replace(',', '.'));
  // A dynamic segment splits into ['30°C', '5.0(K', 'min)', '700°C'] because of the '/' in the unit.
  if (parts.length === 4 && /\(K$/.test(parts[1]) && /^min\)$/.test(parts[2])) {
    const startC = temp(parts[0]);
    const rate = parseNumber(parts[1].replace(/\(K$/, '').replace(',', '.'));
    const endC = temp(parts[3]);
    if ([startC, rate, endC].some(Number.isNaN)) return null;
    return { startC, endC, rateKPerMin: rate };
  }
  if (parts.length === 3 && /^\d+:\d{2}$/.test(parts[1])) {
    const [h, m] = parts[1].split(':').map(Number);
    const startC = temp(parts[0]);
    const endC = temp(parts[2]);
    if (Number.isNaN(startC) || Number.isNaN(endC)) return null;
    return { startC, endC, durationMin: h * 60 + m };
  }
  return null;
}

function score(input: DetectInput): number {
  try {
    const head = input.headText.replace(/^\uFEFF/, '');
    let s = 0;
    if (/^#EXPORTTYPE:/m.test(head)) s = 0.95;
    else if (/^#FORMAT:NETZSCH/m.test(head)) s = 0.95;
    else if (/^##[^#\n]*(Temp|Time|Mass)[^\n]*\//m.test(head) && /^#[A-Z][A-Z .]*:/m.test(head)) s = 0.9;
    if (s === 0) return 0;
    const ext = input.fileName.toLowerCase().split('.').pop() ?? '';
    if (['txt', 'csv', 'asc'].includes(ext)) s += 0.02;
    return Math.min(s, 0.99);
  } catch {
    return 0;
  }
}

function parse(input: ParseInput): TgaRun {
  const { fileName } = input;
  const decoded = decodeBytes(input.bytes);
  const warnings: string[] = [];
  let text = decoded.text;
  if (text.includes('\u203A') || text.includes('\u009B')) {
    text = text.replace(BROKEN_DEGREE, '°');
    warnings.push('The file writes the degree sign as byte 0x9B; it was read as "°".');
  }
  const lines = splitLines(text);
  const metadata: Record<string, string> = {};
  const metaLine: Record<string, number> = {};
  let headerLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/^\uFEFF/, '');
    if (line.startsWith('##')) {
      headerLine = i + 1;
      break;
    }
    if (line.startsWith('#')) {
      const colon = line.indexOf(':');
      const key = (colon < 0 ? line.slice(1) : line.slice(1, colon)).trim();
      if (key !== '' && !(key in metadata)) {
        metadata[key] = colon < 0 ? '' : line.slice(colon + 1).trim();
        metaLine[key] = i + 1;
      }
      continue;
    }
    if (line.trim() !== '') throw new FormatError(fileName, i + 1, "a '#KEY:VALUE' header line or the '##' column line", line);
  }
  if (headerLine === 0) throw new FormatError(fileName, null, "a '##' column line after the '#' header (e.g. '##Temp./°C;Time/min;Mass/%')");

  const decimalWord = (metadata.DECIMAL ?? 'POINT').toUpperCase();
  if (decimalWord !== 'POINT' && decimalWord !== 'COMMA') {
    throw new FormatError(fileName, metaLine.DECIMAL ?? null, '#DECIMAL:POINT or #DECIMAL:COMMA', metadata.DECIMAL);
  }
  const decimal: '.' | ',' = decimalWord === 'COMMA' ? ',' : '.';
  const columnText = lines[headerLine - 1].replace(/^\uFEFF/, '').slice(2);
  const sepWord = (metadata.SEPARATOR ?? '').toUpperCase();
  let delimiter = SEPARATORS[sepWord];
  if (delimiter === undefined) {
    if (sepWord !== '') throw new FormatError(fileName, metaLine.SEPARATOR, SEPARATOR_EXPECTED, metadata.SEPARATOR);
    delimiter = columnText.includes(';') ? ';' : columnText.includes('\t') ? '\t' : ',';
    warnings.push(`No #SEPARATOR line: columns split on ${JSON.stringify(delimiter)}.`);
  }
  if (delimiter === decimal) throw new FormatError(fileName, metaLine.SEPARATOR, 'a separator different from the decimal mark', metadata.SEPARATOR);

  const headers = columnText.split(delimiter).map(splitNetzschHeader);
  const nCol = headers.length;
  let timeCol = -1;
  let tempCol = -1;
  let massCol = -1;
  let segCol = -1;
  headers.forEach((h, j) => {
    const n = h.name.toLowerCase();
    if (timeCol < 0 && n.startsWith('time') && parseTimeUnit(h.unit)) timeCol = j;
    else if (tempCol < 0 && n.includes('temp') && !n.includes('furnace') && parseTemperatureUnit(h.unit)) tempCol = j;
    else if (massCol < 0 && (n.startsWith('mass') || n === 'tg' || n.startsWith('weight')) && parseMassUnit(h.unit)) massCol = j;
    else if (segCol < 0 && n === 'segment') segCol = j;
  });
  if (timeCol < 0) throw new FormatError(fileName, headerLine, "a time column such as 'Time/min'", columnText);
  if (massCol < 0) throw new FormatError(fileName, headerLine, "a mass column such as 'Mass/%' or 'Mass/mg'", columnText);

  // Data rows: every row must have every column as a number.
  const rows: number[][] = [];
  let dataStartLine = 0;
  let dataEndLine = 0;
  for (let i = headerLine; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const fields = line.split(delimiter);
    if (fields.length !== nCol) {
      throw new FormatError(fileName, i + 1, `${nCol} fields separated by ${JSON.stringify(delimiter)}`, line);
    }
    const row = new Array<number>(nCol);
    for (let j = 0; j < nCol; j++) {
      const v = parseNumber(fields[j], decimal);
      if (Number.isNaN(v)) throw new FormatError(fileName, i + 1, `a number in column ${j + 1} (${headers[j].name})`, line);
      row[j] = v;
    }
    rows.push(row);
    if (dataStartLine === 0) dataStartLine = i + 1;
    dataEndLine = i + 1;
  }
  if (rows.length === 0) throw new FormatError(fileName, headerLine + 1, 'data rows after the column line');

  const column = (j: number): Float64Array => Float64Array.from(rows, (r) => r[j]);
  const timeUnit = parseTimeUnit(headers[timeCol].unit) ?? 'min';
  const timeS = scaleColumn(column(timeCol), SECONDS_PER[timeUnit]);
  let temperatureC: Float64Array | null = null;
  if (tempCol >= 0) {
    const tu = parseTemperatureUnit(headers[tempCol].unit) ?? 'C';
    temperatureC = tu === 'K' ? column(tempCol).map((v) => toCelsius(v, 'K')) : column(tempCol);
  }

  const sampleMassMg = parseNumber((metadata['SAMPLE MASS /mg'] ?? '').replace(',', '.'));
  const hasSampleMass = Number.isFinite(sampleMassMg) && sampleMassMg > 0;
  const massUnit = parseMassUnit(headers[massCol].unit) ?? 'mg';
  const rawMass = column(massCol);
  let massMg: Float64Array | null;
  let massPercent: Float64Array | null = null;
  let massNote: string;
  const massLabel = `${headers[massCol].name}/${headers[massCol].unit}`;
  if (massUnit === '%') {
    massPercent = rawMass;
    if (hasSampleMass) {
      massMg = scaleColumn(rawMass, sampleMassMg / 100);
      massNote = `${massLabel} × ${sampleMassMg} mg / 100 (#SAMPLE MASS /mg)`;
    } else {
      massMg = null;
      massNote = `${massLabel} kept as %: the file gives no #SAMPLE MASS /mg`;
      warnings.push('Mass is in % and the header gives no sample mass, so no mass in mg could be computed.');
    }
  } else {
    const factor = massUnit === 'ug' ? 1e-3 : massUnit === 'g' ? 1e3 : 1;
    massMg = factor === 1 ? rawMass : scaleColumn(rawMass, factor);
    massNote = factor === 1 ? `${massLabel} as written` : `${massLabel} × ${factor}`;
  }

  const columns: ColumnInfo[] = headers.map((h, j) => ({
    name: j === timeCol || j === tempCol || j === massCol || j === segCol ? `${h.name}/${h.unit}`.replace(/\/$/, '') : h.name,
    unit: h.unit,
    role: j === timeCol ? 'time' : j === tempCol ? 'temperature' : j === massCol ? 'mass' : j === segCol ? 'ignored' : 'channel',
  }));
  const channels: Channel[] = [];
  headers.forEach((h, j) => {
    if (j !== timeCol && j !== tempCol && j !== massCol && j !== segCol) channels.push({ name: h.name, unit: h.unit, values: column(j) });
  });
  if (segCol >= 0) channels.push({ name: 'Segment', unit: '', values: column(segCol) });

  // Programme: #RANGE and the #SEG. n lines, verbatim.
  const programme: string[] = [];
  for (const key of Object.keys(metadata)) {
    if (key === 'RANGE' || key === 'SEGMENT' || /^SEG\.\s*\d+$/.test(key)) programme.push(`${key}:${metadata[key]}`);
  }
  const gasNames = Object.keys(metadata)
    .filter((k) => /PURGE|PROTECTIVE|ATMOSPHERE|^GAS/i.test(k) && metadata[k] !== '')
    .map((k) => `${k}: ${metadata[k]}`);
  const segGas = gasNames.length > 0 ? gasNames.join('; ') : undefined;
  const segments = buildSegments(metadata, timeS, segCol >= 0 ? column(segCol) : null, segGas, warnings);
  const gasEvents = flowGasEvents(channels, timeS, dataStartLine, gasNames);

  if (metadata['CORR. FILE']) {
    warnings.push(`The export names a correction file (${metadata['CORR. FILE']}): the data are probably already blank-corrected.`);
  }

  return {
    technique: 'tga',
    source: {
      fileName,
      formatId: 'netzsch-ascii',
      formatLabel: 'NETZSCH Proteus ASCII export',
      encoding: decoded.encoding,
      delimiter,
      decimal,
      headerLine,
      dataStartLine,
      dataEndLine,
      columns,
    },
    sample: {
      name: metadata.SAMPLE || metadata.IDENTITY || undefined,
      initialMassMg: hasSampleMass ? sampleMassMg : undefined,
      instrument: metadata.INSTRUMENT || undefined,
      operator: metadata.OPERATOR || undefined,
      date: metadata['DATE/TIME'] || undefined,
      crucible: metadata['TYPE OF CRUCIBLE'] || undefined,
      method: metadata.RANGE || undefined,
    },
    timeS,
    temperatureC,
    massMg,
    massPercent,
    massNote,
    channels,
    segments,
    gasEvents,
    programme,
    metadata,
    warnings,
  };
}

function segmentKind(spec: NetzschSegmentSpec): Segment['kind'] {
  if (spec.durationMin !== undefined) return 'isothermal';
  return spec.endC < spec.startC ? 'cool' : 'ramp';
}

/** Which programme segments the export holds: '#SEGMENT:S1/2' → [1], 'S1-2/2' → [1, 2]. */
function exportedSegmentNumbers(value: string | undefined): number[] | null {
  const m = /^S?(\d+)(?:\s*-\s*(\d+))?\s*\/\s*\d+/.exec((value ?? '').trim());
  if (!m) return null;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  const out: number[] = [];
  for (let k = a; k <= b; k++) out.push(k);
  return out;
}

function buildSegments(
  metadata: Record<string, string>,
  timeS: Float64Array,
  segmentColumn: Float64Array | null,
  gas: string | undefined,
  warnings: string[],
): Segment[] {
  const n = timeS.length;
  const specs = new Map<number, { label: string; spec: NetzschSegmentSpec | null }>();
  for (const key of Object.keys(metadata)) {
    const m = /^SEG\.\s*(\d+)$/.exec(key);
    if (m) specs.set(Number(m[1]), { label: metadata[key], spec: parseNetzschSegment(metadata[key]) });
  }
  const fill = (index: number, startS: number, endS: number): Segment => {
    const entry = specs.get(index);
    const spec = entry?.spec ?? null;
    const seg: Segment = { index, label: entry?.label ?? `Segment ${index}`, startS, endS, kind: spec ? segmentKind(spec) : 'unknown' };
    if (spec?.rateKPerMin !== undefined) seg.rateCPerMin = spec.rateKPerMin;
    if (spec) seg.targetC = spec.endC;
    if (gas) seg.gas = gas;
    return seg;
  };
  if (segmentColumn) {
    // Spans of constant segment number, each ending where the next one starts.
    const out: Segment[] = [];
    let start = 0;
    for (let i = 1; i <= n; i++) {
      if (i === n || segmentColumn[i] !== segmentColumn[start]) {
        const endS = i === n ? timeS[n - 1] : timeS[i];
        out.push(fill(Math.round(segmentColumn[start]), timeS[start], endS));
        start = i;
      }
    }
    return out;
  }
  const exported = exportedSegmentNumbers(metadata.SEGMENT) ?? [...specs.keys()].sort((a, b) => a - b);
  if (exported.length === 0) return [];
  if (exported.length === 1) return [fill(exported[0], timeS[0], timeS[n - 1])];
  // Several segments and no Segment column: boundaries from the programme's nominal durations.
  warnings.push('The export holds several segments but no Segment column: boundaries follow the nominal programme durations.');
  const out: Segment[] = [];
  let t = timeS[0];
  exported.forEach((k, idx) => {
    const spec = specs.get(k)?.spec ?? null;
    let durS = Number.NaN;
    if (spec?.durationMin !== undefined) durS = spec.durationMin * 60;
    else if (spec?.rateKPerMin) durS = (Math.abs(spec.endC - spec.startC) / spec.rateKPerMin) * 60;
    const endS = idx === exported.length - 1 || !Number.isFinite(durS) ? timeS[n - 1] : Math.min(t + durS, timeS[n - 1]);
    out.push(fill(k, t, endS));
    t = endS;
  });
  return out;
}

/**
 * Gas events from purge-flow columns: the state at the first row, then every crossing of half the column's
 * maximum (a valve opening or closing). Columns whose flow never exceeds 1 ml/min are ignored.
 */
function flowGasEvents(channels: Channel[], timeS: Float64Array, firstLine: number, gasNames: string[]): GasEvent[] {
  const events: GasEvent[] = [];
  for (const ch of channels) {
    if (!/flow|purge|protective/i.test(ch.name)) continue;
    const v = ch.values;
    let max = -Infinity;
    for (let i = 0; i < v.length; i++) if (v[i] > max) max = v[i];
    if (!(max > 1)) continue;
    const threshold = max / 2;
    const label = (on: boolean, i: number): string => {
      const named = gasNames.find((g) => nameMatchesChannel(g, ch.name));
      const state = on ? `${v[i]} ${ch.unit}`.trim() : 'off';
      return named ? `${ch.name} ${state} (${named})` : `${ch.name} ${state}`;
    };
    let on = v[0] > threshold;
    if (on) events.push({ timeS: timeS[0], gas: label(true, 0), source: `column ${ch.name}, line ${firstLine}` });
    for (let i = 1; i < v.length; i++) {
      const now = v[i] > threshold;
      if (now !== on) {
        events.push({ timeS: timeS[i], gas: label(now, i), source: `column ${ch.name}, data row ${i + 1}` });
        on = now;
      }
    }
  }
  return events.sort((a, b) => a.timeS - b.timeS);
}

/** '#PURGE 2 MFC: …' belongs to 'Gas Flow(purge2)'; '#PROTECTIVE MFC: …' to 'Gas Flow(protective)'. */
function nameMatchesChannel(headerEntry: string, channelName: string): boolean {
  const key = headerEntry.split(':')[0].toLowerCase().replace(/\s+/g, '');
  const ch = channelName.toLowerCase().replace(/\s+/g, '');
  const inner = /\(([^)]*)\)/.exec(ch)?.[1] ?? ch;
  return key.includes(inner) || inner.includes(key.replace(/mfc$/, ''));
}

export const netzschAscii: FormatModule<TgaRun> = {
  id: 'netzsch-ascii',
  label: 'NETZSCH Proteus ASCII export',
  technique: 'tga',
  extensions: ['txt', 'csv', 'asc'],
  detect: score,
  parse,
};
