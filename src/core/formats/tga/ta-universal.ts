/**
 * TA Instruments Universal Analysis text export (Q-series TGA: "File > Export Data File > Signals Only").
 *
 * UTF-16LE with BOM. A key<TAB>value header, then data rows separated by tabs or single spaces:
 *
 *   CLOSED
 *   Instrument	TGA Q500 V20.13 Build 39
 *   Sample	Cryo1-1_N1-2@25C
 *   Size	20.8210	mg
 *   Xcomment	Gas1: Nitrogen
 *   Controls	Gas 2  Event Off  Sampling 0.5
 *   Nsig	5
 *   Sig1	Time (min)
 *   Sig2	Temperature (°C)
 *   Sig3	Weight (mg)
 *   OrgMethod	1: Select gas 1
 *   OrgMethod	2: Ramp 10.00 °C/min to 120.00 °C
 *   OrgFile	C:\TA\Data\TGA\….001
 *   StartOfData                       (absent in some exports: data then start at the first numeric line, which
 *   -3.000000	1.000000	0.0000000     may begin with a form feed)
 *   6.66667E-4	22.70189	20.82160
 *   -1.000000	25.00298	0.0000000
 *
 * Rows whose time is -3 mark the start of the segment numbered in the second field; a row with time -1 ends the
 * data. Neither is a measurement. OrgMethod steps become the programme and, laid on the measured temperature, the
 * segments and gas events. Gas names in the Xcomment lines are typed by the operator and are not checked by the
 * instrument, so events carry the method's gas number with the header's name beside it, and a warning.
 */
import type { Channel, ColumnInfo, GasEvent, Segment, TgaRun } from '../../../shared/types';
import { decodeBytes, splitLines } from '../../text/decode';
import { FormatError, type DetectInput, type FormatModule, type ParseInput } from '../types';
import { MG_PER, parseMassUnit, parseNumber, parseTemperatureUnit, parseTimeUnit, scaleColumn, SECONDS_PER, splitNameUnit, toCelsius } from './units';

/** A method step as Universal Analysis writes it in an OrgMethod line. */
export type UaStep =
  | { kind: 'gas'; text: string; gas: number }
  | { kind: 'ramp'; text: string; rateCPerMin: number; targetC: number }
  | { kind: 'equilibrate'; text: string; targetC: number }
  | { kind: 'isothermal'; text: string; minutes: number }
  | { kind: 'storage'; text: string; on: boolean }
  | { kind: 'other'; text: string };

/** Parse one OrgMethod value ('2: Ramp 10.00 °C/min to 120.00 °C'). */
export function parseUaStep(value: string): UaStep {
  const text = value.replace(/^\s*\d+\s*:\s*/, '').trim();
  const num = String.raw`([+-]?\d+(?:\.\d*)?)`;
  let m = new RegExp(String.raw`^Select gas\s+(\d+)`, 'i').exec(text);
  if (m) return { kind: 'gas', text, gas: Number(m[1]) };
  m = new RegExp(String.raw`^Ramp\s+${num}\s*\S*C/min\s+to\s+${num}`, 'i').exec(text);
  if (m) return { kind: 'ramp', text, rateCPerMin: Number(m[1]), targetC: Number(m[2]) };
  m = new RegExp(String.raw`^(?:Equilibrate|Jump)\s+(?:at|to)\s+${num}`, 'i').exec(text);
  if (m) return { kind: 'equilibrate', text, targetC: Number(m[1]) };
  m = new RegExp(String.raw`^Isothermal\s+for\s+${num}\s*min`, 'i').exec(text);
  if (m) return { kind: 'isothermal', text, minutes: Number(m[1]) };
  m = /^Data storage\s+(On|Off)/i.exec(text);
  if (m) return { kind: 'storage', text, on: m[1].toLowerCase() === 'on' };
  return { kind: 'other', text };
}

function detect(input: DetectInput): number {
  try {
    const head = input.headText.replace(/^\uFEFF/, '');
    let s = 0;
    if (/^Nsig\t\s*\d+/m.test(head) && /^Sig1\t/m.test(head)) s = 0.95;
    else if (/^OrgMethod\t/m.test(head) || /^StartOfData\s*$/m.test(head)) s = 0.85;
    if (s === 0) return 0;
    if (/^CLOSED\s*$/m.test(head.slice(0, 40))) s += 0.02;
    const ext = input.fileName.toLowerCase().split('.').pop() ?? '';
    if (['txt', 'csv', 'asc'].includes(ext)) s += 0.01;
    return Math.min(s, 0.99);
  } catch {
    return 0;
  }
}

interface Marker {
  segment: number;
  line: number;
  /** Data-row index the segment starts at. */
  row: number;
}

function parse(input: ParseInput): TgaRun {
  const { fileName } = input;
  const decoded = decodeBytes(input.bytes);
  const lines = splitLines(decoded.text);
  const warnings: string[] = [];
  const metadata: Record<string, string> = {};
  const sigs = new Map<number, string>();
  const orgMethod: string[] = [];
  let nsig = 0;
  let nsigLine = 0;
  let dataStart = -1;
  let headerLine = 0;

  for (let i = 0; i < lines.length; i++) {
    // A leading byte-order mark or form feed needs no stripping: every use below trims (U+FEFF and \f are white space).
    const line = lines[i];
    if (line.trim() === 'StartOfData') {
      dataStart = i + 1;
      headerLine = i + 1;
      break;
    }
    if (nsig > 0 && isNumericRow(line)) {
      dataStart = i;
      headerLine = i;
      break;
    }
    const tab = line.indexOf('\t');
    const key = (tab < 0 ? line : line.slice(0, tab)).trim();
    const value = tab < 0 ? '' : line.slice(tab + 1).trim();
    if (key === '') continue;
    metadata[key] = key in metadata ? `${metadata[key]}\n${value}` : value;
    if (key === 'Nsig') {
      nsig = Number.parseInt(value, 10);
      nsigLine = i + 1;
    }
    const sig = /^Sig(\d+)$/.exec(key);
    if (sig) sigs.set(Number(sig[1]), value);
    if (key === 'OrgMethod') orgMethod.push(value);
  }
  if (!(nsig > 0)) throw new FormatError(fileName, null, "an 'Nsig<TAB>n' line naming the number of signals");
  const sigNames: string[] = [];
  for (let k = 1; k <= nsig; k++) {
    const s = sigs.get(k);
    if (s === undefined) throw new FormatError(fileName, nsigLine, `a 'Sig${k}' line for each of the ${nsig} signals`);
    sigNames.push(s);
  }
  if (dataStart < 0) throw new FormatError(fileName, lines.length, "a 'StartOfData' line or numeric data rows after the header");

  const headers = sigNames.map((s) => splitNameUnit(s));
  const findCol = (re: RegExp, unitOk: (u: string) => boolean): number => headers.findIndex((h) => re.test(h.name) && unitOk(h.unit));
  const timeCol = findCol(/^time/i, (u) => parseTimeUnit(u) !== null);
  const tempCol = findCol(/temp/i, (u) => parseTemperatureUnit(u) !== null);
  const massCol = findCol(/^(weight|mass)/i, (u) => parseMassUnit(u) !== null);
  if (timeCol < 0) throw new FormatError(fileName, nsigLine, "a 'Time (min)' signal", sigNames.join(', '));
  if (massCol < 0) throw new FormatError(fileName, nsigLine, "a 'Weight (mg)' or 'Weight (%)' signal", sigNames.join(', '));

  const cols: number[][] = headers.map(() => []);
  const markers: Marker[] = [];
  let dataStartLine = 0;
  let dataEndLine = 0;
  let delimiter = '';
  let ended = false;
  let endLine = 0;
  for (let i = dataStart; i < lines.length; i++) {
    const raw = lines[i].trim(); // trim() also drops a leading byte-order mark or form feed (white space)
    if (raw === '') continue;
    if (ended) {
      warnings.push(`Line ${i + 1} follows the end-of-data marker on line ${endLine} and was not read.`);
      break;
    }
    if (delimiter === '') delimiter = raw.includes('\t') ? '\t' : ' ';
    const fields = raw.split(/[\t ]+/);
    if (fields.length !== nsig) throw new FormatError(fileName, i + 1, `${nsig} values (one per Sig line)`, lines[i]);
    const values = fields.map((f) => parseNumber(f));
    const bad = values.findIndex(Number.isNaN);
    if (bad >= 0) throw new FormatError(fileName, i + 1, `a number for ${sigNames[bad]}`, lines[i]);
    if (values[timeCol] === -3) {
      markers.push({ segment: Math.round(values[timeCol === 0 ? 1 : 0]), line: i + 1, row: cols[0].length });
      continue;
    }
    if (values[timeCol] === -1) {
      ended = true;
      endLine = i + 1;
      continue;
    }
    for (let j = 0; j < nsig; j++) cols[j].push(values[j]);
    if (dataStartLine === 0) dataStartLine = i + 1;
    dataEndLine = i + 1;
  }
  const n = cols[0].length;
  if (n === 0) throw new FormatError(fileName, dataStart + 1, 'data rows');
  if (markers.length > 0 || ended) {
    warnings.push(
      `Skipped ${markers.length} segment-marker row(s) (time -3${markers.length ? `, lines ${markers.map((m) => m.line).join(', ')}` : ''})` +
        (ended ? ` and the end-of-data marker (time -1, line ${endLine})` : '') +
        ': they are not measurements.',
    );
  }

  const col = (j: number): Float64Array => Float64Array.from(cols[j]);
  // Stryker disable next-line StringLiteral: timeCol is chosen only where parseTimeUnit(unit) is not null, so the fallback is never read
  const timeS = scaleColumn(col(timeCol), SECONDS_PER[parseTimeUnit(headers[timeCol].unit) ?? 'min']);
  let temperatureC: Float64Array | null = null;
  if (tempCol >= 0) {
    const unit = parseTemperatureUnit(headers[tempCol].unit) ?? 'C';
    temperatureC = unit === 'K' ? col(tempCol).map((v) => toCelsius(v, 'K')) : col(tempCol);
  }

  // 'Size<TAB>20.8210<TAB>mg'
  const sizeParts = (metadata.Size ?? '').split('\t').map((s) => s.trim());
  const sizeUnit = parseMassUnit(sizeParts[1] ?? 'mg');
  const sizeValue = parseNumber(sizeParts[0] ?? '');
  const initialMassMg =
    Number.isFinite(sizeValue) && sizeValue > 0 && sizeUnit !== null && sizeUnit !== '%' ? sizeValue * MG_PER[sizeUnit] : undefined;

  const massUnit = parseMassUnit(headers[massCol].unit) ?? 'mg';
  const rawMass = col(massCol);
  let massMg: Float64Array | null;
  let massPercent: Float64Array | null = null;
  let massNote: string;
  if (massUnit === '%') {
    massPercent = rawMass;
    massMg = initialMassMg !== undefined ? scaleColumn(rawMass, initialMassMg / 100) : null;
    massNote = initialMassMg !== undefined ? `${sigNames[massCol]} × ${initialMassMg} mg / 100 (Size)` : `${sigNames[massCol]} kept as %: no Size line`;
  } else {
    const f = MG_PER[massUnit];
    massMg = f === 1 ? rawMass : scaleColumn(rawMass, f);
    massNote = f === 1 ? `${sigNames[massCol]} as written` : `${sigNames[massCol]} × ${f}`;
  }

  const columns: ColumnInfo[] = headers.map((h, j) => ({
    name: sigNames[j],
    unit: h.unit,
    role: j === timeCol ? 'time' : j === tempCol ? 'temperature' : j === massCol ? 'mass' : 'channel',
  }));
  const channels: Channel[] = [];
  headers.forEach((h, j) => {
    if (j !== timeCol && j !== tempCol && j !== massCol) channels.push({ name: h.name, unit: h.unit, values: col(j) });
  });

  const gasLabels = headerGasLabels(metadata.Xcomment ?? '');
  const steps = orgMethod.map(parseUaStep);
  const timeline = layMethod(steps, timeS, temperatureC, markers, gasLabels, controlsGas(metadata.Controls ?? ''));
  warnings.push(...timeline.warnings);
  if (gasLabels.size > 0 && timeline.gasEvents.length > 0) {
    const named = [...gasLabels].map(([k, v]) => `Gas${k}: ${v}`).join(', ');
    warnings.push(
      `Gas names come from the operator's header comments (${named}); the instrument does not check them, so they may be wrong. ` +
        'Gas events give the gas number the method selects.',
    );
    const switched = new Set(timeline.gasEvents.map((e) => e.gasNumber));
    const names = new Set([...switched].map((g) => gasLabels.get(g)));
    if (switched.size > 1 && names.size === 1) {
      warnings.push(`The method switches between gases ${[...switched].join(' and ')}, yet the header names them all "${[...names][0]}": at least one label is wrong.`);
    }
  }

  const pan = /(?:^|\n)Pan:\s*([^\n]+)/.exec(metadata.Xcomment ?? '')?.[1]?.trim();
  return {
    technique: 'tga',
    source: {
      fileName,
      formatId: 'ta-universal',
      formatLabel: 'TA Instruments Universal Analysis text export',
      encoding: decoded.encoding,
      delimiter,
      decimal: '.',
      headerLine,
      dataStartLine,
      dataEndLine,
      columns,
    },
    sample: {
      name: metadata.Sample || undefined,
      initialMassMg,
      instrument: metadata.Instrument || undefined,
      operator: metadata.Operator || undefined,
      date: [metadata.Date, metadata.Time].filter(Boolean).join(' ') || undefined,
      crucible: pan,
      method: metadata.Method || metadata.ProcName || undefined,
    },
    timeS,
    temperatureC,
    massMg,
    massPercent,
    massNote,
    channels,
    segments: timeline.segments,
    gasEvents: timeline.gasEvents.map(({ timeS: t, gas, source }) => ({ timeS: t, gas, source })),
    programme: orgMethod,
    metadata,
    warnings,
  };
}

function isNumericRow(line: string): boolean {
  const fields = line.trim().split(/[\t ]+/);
  return fields.length > 1 && fields.every((f) => !Number.isNaN(parseNumber(f)));
}

/** 'Gas1: Nitrogen' lines of the Xcomment block → gas number → name. */
function headerGasLabels(xcomment: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const line of xcomment.split('\n')) {
    const m = /^Gas\s*(\d+)\s*:\s*(.+)$/i.exec(line.trim());
    if (m) out.set(Number(m[1]), m[2].trim());
  }
  return out;
}

/** 'Gas 2  Event Off  Sampling 0.5' → 2. */
function controlsGas(controls: string): number | null {
  const m = /Gas\s+(\d+)/i.exec(controls);
  return m ? Number(m[1]) : null;
}

interface Timeline {
  segments: Segment[];
  gasEvents: (GasEvent & { gasNumber: number })[];
  warnings: string[];
}

/**
 * Lay the method steps on the file's time axis. Ramps last |target − T(start)| / rate, isotherms their stated
 * minutes, an equilibrate step until the measured temperature is within 1 °C of its target. A step that starts
 * within 3 min of a '-3' segment marker is moved onto the marker (the instrument's own record of a boundary).
 * Without method steps, the markers alone give the segments.
 */
function layMethod(
  steps: UaStep[],
  timeS: Float64Array,
  temperatureC: Float64Array | null,
  markers: Marker[],
  gasLabels: Map<number, string>,
  initialGas: number | null,
): Timeline {
  const n = timeS.length;
  const t0 = timeS[0];
  const tEnd = timeS[n - 1];
  const warnings: string[] = [];
  const gasName = (g: number): string => (gasLabels.has(g) ? `Gas ${g} (${gasLabels.get(g)})` : `Gas ${g}`);
  const markerTimes = markers.map((m) => ({ segment: m.segment, timeS: m.row < n ? timeS[m.row] : tEnd, used: false }));

  if (steps.length === 0 || temperatureC === null) {
    if (steps.length > 0) warnings.push('No temperature signal: the method steps could not be placed in time.');
    const segments: Segment[] = markerTimes.map((m, k) => ({
      index: m.segment,
      label: `Segment ${m.segment}`,
      startS: m.timeS,
      endS: k + 1 < markerTimes.length ? markerTimes[k + 1].timeS : tEnd,
      kind: 'unknown',
    }));
    const gasEvents =
      initialGas !== null ? [{ timeS: t0, gas: gasName(initialGas), source: 'Controls line (gas selected at the start)', gasNumber: initialGas }] : [];
    return { segments, gasEvents, warnings };
  }

  const segments: Segment[] = [];
  const gasEvents: Timeline['gasEvents'] = [];
  let gas: number | null = null;
  if (initialGas !== null && steps[0]?.kind !== 'gas') {
    gas = initialGas;
    gasEvents.push({ timeS: t0, gas: gasName(initialGas), source: 'Controls line (gas selected at the start)', gasNumber: initialGas });
  }
  const indexAt = (t: number): number => {
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (timeS[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let cursor = t0;
  let lastTargetC: number | null = null;
  let stopped = false;
  let approximate = false;
  steps.forEach((step, k) => {
    if (stopped || cursor > tEnd) return;
    const marker = markerTimes.find((m) => !m.used && m.timeS > t0 && Math.abs(m.timeS - cursor) <= 180);
    if (marker) {
      marker.used = true;
      cursor = marker.timeS;
      if (segments.length > 0) segments[segments.length - 1].endS = cursor;
    }
    const stepNo = k + 1;
    const tStart = temperatureC[indexAt(cursor)];
    let endS = cursor;
    let seg: Omit<Segment, 'index' | 'startS' | 'endS'> | null = null;
    switch (step.kind) {
      case 'gas':
        gas = step.gas;
        gasEvents.push({
          timeS: cursor,
          gas: gasName(step.gas),
          source: `OrgMethod step ${stepNo} "${step.text}"${marker ? ` at segment marker ${marker.segment}` : ''}`,
          gasNumber: step.gas,
        });
        break;
      case 'ramp':
        endS = cursor + (Math.abs(step.targetC - tStart) / Math.abs(step.rateCPerMin)) * 60;
        seg = { label: step.text, kind: step.targetC < tStart ? 'cool' : 'ramp', rateCPerMin: step.rateCPerMin, targetC: step.targetC };
        break;
      case 'equilibrate': {
        let i = indexAt(cursor);
        while (i < n - 1 && Math.abs(temperatureC[i] - step.targetC) > 1) i++;
        endS = timeS[i];
        seg = { label: step.text, kind: step.targetC < tStart ? 'cool' : 'ramp', targetC: step.targetC };
        break;
      }
      case 'isothermal':
        endS = cursor + step.minutes * 60;
        seg = { label: step.text, kind: 'isothermal', targetC: lastTargetC ?? Math.round(tStart * 100) / 100 };
        break;
      case 'storage':
        if (!step.on) stopped = true;
        break;
      case 'other':
        approximate = true;
        seg = { label: step.text, kind: 'unknown' };
        break;
    }
    if (seg?.targetC !== undefined) lastTargetC = seg.targetC;
    if (seg) {
      const segment: Segment = { index: stepNo, startS: cursor, endS: Math.min(endS, tEnd), ...seg };
      if (gas !== null) segment.gas = gasName(gas);
      segments.push(segment);
    }
    cursor = endS;
  });
  if (segments.length > 0 && !stopped) segments[segments.length - 1].endS = tEnd;
  if (approximate) warnings.push('Some method steps were not understood; the segment times after them are approximate.');
  const unused = markerTimes.filter((m) => !m.used && m.timeS > t0);
  if (unused.length > 0) {
    warnings.push(`Segment marker(s) ${unused.map((m) => m.segment).join(', ')} matched no method step within 3 min.`);
  }
  return { segments, gasEvents, warnings };
}

export const taUniversal: FormatModule<TgaRun> = {
  id: 'ta-universal',
  label: 'TA Instruments Universal Analysis text export',
  technique: 'tga',
  extensions: ['txt', 'csv', 'asc'],
  detect,
  parse,
};
