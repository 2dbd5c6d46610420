/**
 * PerkinElmer Pyris exports (TGA 4000 / TGA 8000 / Pyris 1): the ASCII text export and the CSV export.
 *
 * ASCII text ('pyris-text'): 'Key:<TAB>value ' header lines, the 'Method Steps:' text, then one section per method
 * step. Only the first section carries the two-line column header; every data line starts with a tab:
 *
 *   Sample ID:<TAB>HS006_600C
 *   Sample Weight:<TAB>5.881 mg
 *   Method Steps:
 *   1)<TAB>Hold for 20.0 min at 30.00°C
 *   3)<TAB>Heat from 300.00°C to 600.00°C at 10.00°C/min
 *   <TAB><TAB>Switch the Gas to Nitrogen at 25.0 ml/min
 *   1) TGA Isothermal
 *   <TAB>Time     <TAB>Unsubtracted<TAB>Baseline     <TAB>Program     <TAB>Sample     …
 *   <TAB>         <TAB>Weight     <TAB>Weight     <TAB>Temperature<TAB>Temperature…
 *   <TAB>0.000000<TAB>5.866467<TAB>0.000000<TAB>30.000000<TAB>30.270000 …
 *
 * The file writes no units: by Pyris convention time is min, weights mg, temperatures °C, flows ml/min (said in the
 * warnings). Mass = 'Unsubtracted Weight' − 'Baseline Weight'. Each section is a segment whose kind, rate and target
 * come from its method step; 'Switch the Gas to X' actions (pre-run or in a step) become gas events at the section's
 * first time, 'Switch External Channel n to On/Off' too (the file never says what an external channel carries).
 * Data end at the first line that is neither a data row nor a section title (the calibration trailer follows).
 * Some exports carry U+FFFD instead of the degree sign: it is read as '°' in labels.
 *
 * CSV ('pyris-csv'): one header line 'Time,Unsubtracted Weight,Baseline Weight,Program Temperature,…' and rows,
 * sometimes with unnamed trailing columns (named 'Column n' by position). Same unit convention; the programme
 * segments come from the 'Program Temperature' column.
 */
import type { Channel, ColumnInfo, ColumnRole, GasEvent, SampleInfo, Segment, TgaRun } from '../../../shared/types';
import { decodeBytes, splitLines } from '../../text/decode';
import { FormatError, type DetectInput, type FormatModule, type ParseInput } from '../types';
import { parseNumber, scaleColumn, SECONDS_PER, segmentsFromProgramme } from './units';

const SECTION_TITLE = /^(\d+)\) (\S.*?)\s*$/;
const METHOD_STEP = /^(\d+)\)\t(.*?)\s*$/;
const GAS_SWITCH = /Switch the Gas to (.+?) at ([\d.]+) ?ml\/min/i;
const EXT_SWITCH = /Switch External Channel (\d+) to (On|Off)/i;
const UNIT_NOTE = 'Pyris exports write no units: read by Pyris convention as time min, weights mg, temperatures °C, flows ml/min.';

interface MethodStep {
  number: number;
  text: string;
  actions: string[];
}

/** Which role a Pyris column plays; the rest are channels. */
function pyrisRole(name: string): ColumnRole {
  if (/^time$/i.test(name)) return 'time';
  if (/^sample temperature$/i.test(name)) return 'temperature';
  if (/^(unsubtracted weight|weight)$/i.test(name)) return 'mass';
  return 'channel';
}

function pyrisUnit(name: string): string {
  if (/^time$/i.test(name)) return 'min';
  if (/weight/i.test(name)) return 'mg';
  if (/temperature/i.test(name)) return '°C';
  if (/flow/i.test(name)) return 'ml/min';
  return '';
}

function detectText(input: DetectInput): number {
  const head = input.headText;
  const keys = ['Sample ID:', 'Sample Weight:', 'Data Collected:', 'Total Points in Run:', 'Method Steps:'].filter((k) => head.includes(k)).length;
  const sections = /^\d+\) TGA /m.test(head);
  if (keys >= 3 && (sections || /Unsubtracted/.test(head))) return 0.97;
  if (keys >= 3) return 0.7;
  return 0;
}

function detectCsv(input: DetectInput): number {
  const first = input.headText.replace(/^\uFEFF/, '').split('\n', 1)[0];
  if (/^Time,Unsubtracted Weight,Baseline Weight,/.test(first)) return 0.97;
  if (/^Time,/.test(first) && /Program Temperature/.test(first) && /Sample Temperature/.test(first)) return 0.9;
  return 0;
}

/** 'Hold for 20.0 min at 30.00°C', 'Heat from 30.00°C to 300.00°C at 10.00°C/min', 'Cool from …'. */
function stepShape(text: string, title: string): Pick<Segment, 'kind' | 'rateCPerMin' | 'targetC'> {
  const num = (s: string): number => parseNumber(s);
  const hold = /Hold for ([\d.]+) min at ([-\d.]+)/i.exec(text);
  if (hold) return { kind: 'isothermal', rateCPerMin: 0, targetC: num(hold[2]) };
  const heat = /(Heat|Cool) from ([-\d.]+)\D+?to ([-\d.]+)\D+?at ([\d.]+)/i.exec(text);
  if (heat) {
    const rate = num(heat[4]);
    const cool = /cool/i.test(heat[1]) || num(heat[3]) < num(heat[2]);
    return { kind: cool ? 'cool' : 'ramp', rateCPerMin: cool ? -rate : rate, targetC: num(heat[3]) };
  }
  if (/Isothermal/i.test(title)) return { kind: 'isothermal' };
  if (/Scan/i.test(title)) return { kind: 'ramp' };
  return { kind: 'unknown' };
}

function parseText(input: ParseInput): TgaRun {
  const { fileName, bytes } = input;
  const decoded = decodeBytes(bytes);
  const lines = splitLines(decoded.text);
  const metadata: Record<string, string> = {};
  const warnings: string[] = [UNIT_NOTE];

  // Header up to 'Method Steps:'.
  let i = 0;
  let caption = '';
  for (; i < lines.length && !/^Method Steps:/.test(lines[i]); i++) {
    const kv = /^([^\t]+?):\s*\t(.*)$/.exec(lines[i]);
    if (kv) {
      const key = metadata[kv[1].trim()] === undefined ? kv[1].trim() : `${caption} ${kv[1].trim()}`;
      metadata[key] = kv[2].trim();
    } else if (lines[i].trim() !== '') caption = lines[i].trim();
  }
  if (i === lines.length) throw new FormatError(fileName, null, "a Pyris header ending with 'Method Steps:'");

  // Method text up to the first section title.
  const programme: string[] = [];
  const steps: MethodStep[] = [];
  const preRun: string[] = [];
  let current: MethodStep | null = null;
  let k = i + 1;
  for (; k < lines.length && !SECTION_TITLE.test(lines[k]); k++) {
    const line = lines[k].replace(/\s+$/, '');
    if (line.trim() === '') continue;
    programme.push(line);
    const step = METHOD_STEP.exec(line);
    if (step) {
      current = { number: Number(step[1]), text: step[2].replace(/\uFFFD/g, '°'), actions: [] };
      steps.push(current);
    } else if (GAS_SWITCH.test(line) || EXT_SWITCH.test(line)) {
      (current ? current.actions : preRun).push(line.trim());
    }
  }
  if (k === lines.length) throw new FormatError(fileName, null, "a data section title such as '1) TGA Isothermal'");

  // Column header: the two lines after the first section title.
  const titleLine = k;
  const h1 = (lines[k + 1] ?? '').split('\t');
  const h2 = (lines[k + 2] ?? '').split('\t');
  if (!/^\t/.test(lines[k + 1] ?? '') || !/[A-Za-z]/.test(lines[k + 1] ?? '')) {
    throw new FormatError(fileName, k + 2, "the two-line column header ('Time | Unsubtracted Weight | …') after the first section title", lines[k + 1] ?? '');
  }
  const names: string[] = [];
  for (let c = 1; c < h1.length; c++) {
    const name = `${h1[c].trim()} ${(h2[c] ?? '').trim()}`.trim();
    if (name !== '') names.push(name);
  }
  const nCols = names.length;
  const cols: number[][] = names.map(() => []);
  const sections: { step: number; title: string; firstRow: number; line: number }[] = [{ step: Number(SECTION_TITLE.exec(lines[k])?.[1]), title: SECTION_TITLE.exec(lines[k])?.[2] ?? '', firstRow: 0, line: k }];
  let rows = 0;
  let dataEnd = k + 2;
  for (k = k + 3; k < lines.length; k++) {
    const line = lines[k];
    const title = SECTION_TITLE.exec(line);
    if (title && !line.startsWith('\t')) {
      sections.push({ step: Number(title[1]), title: title[2], firstRow: rows, line: k });
      continue;
    }
    // Stryker disable next-line ArrayDeclaration: a line without a leading tab is no data row; any stand-in array of non-numbers (NaN) fails the test below as [] does
    const values = line.startsWith('\t') ? line.slice(1).split('\t').map((f) => parseNumber(f)) : [];
    if (values.length !== nCols || values.some(Number.isNaN)) {
      // The calibration trailer follows the data; a damaged row inside the data does not end it silently.
      const dataRow = new RegExp(`^\\t\\s*-?[\\d.]+(\\s*\\t\\s*-?[\\d.]+){${nCols - 1}}\\s*$`);
      if (lines.slice(k + 1).some((l) => dataRow.test(l))) {
        throw new FormatError(fileName, k + 1, `a data row of ${nCols} tab-separated numbers (${names.join(', ')})`, line);
      }
      break;
    }
    for (let c = 0; c < nCols; c++) cols[c].push(values[c]);
    rows++;
    dataEnd = k;
  }
  if (rows === 0) throw new FormatError(fileName, titleLine + 4, `data rows of ${nCols} tab-separated numbers`, lines[titleLine + 3] ?? '');

  // Trailer: keep verbatim; 'key<TAB>value' lines after 'PROFILE VALUES' go into metadata.
  const trailer = lines.slice(dataEnd + 1).map((l) => l.replace(/\s+$/, '')).filter((l) => l.trim() !== '');
  if (trailer.length > 0) metadata['Trailer'] = trailer.join('\n');
  const profileAt = trailer.findIndex((l) => /PROFILE VALUES/.test(l));
  if (profileAt >= 0) {
    for (const l of trailer.slice(profileAt + 1)) {
      const kv = /^([^\t]+?)\t(.+)$/.exec(l);
      if (kv && metadata[kv[1].trim()] === undefined) metadata[kv[1].trim()] = kv[2].trim();
    }
  }
  const total = Number(metadata['Total Points in Run']);
  if (Number.isFinite(total) && total !== rows) warnings.push(`The header says ${total} points but ${rows} data rows were read.`);
  if (decoded.text.includes('\uFFFD')) warnings.push('Degree signs are damaged (U+FFFD) in the file; read as °.');

  const arrays = cols.map((c) => Float64Array.from(c));
  const built = buildRun(fileName, arrays, names, warnings);
  const timeS = built.timeS;

  // Segments and gas events from the sections and their method steps.
  const segments: Segment[] = [];
  const gasEvents: GasEvent[] = [];
  let gas: string | undefined;
  const extOn = new Set<string>();
  const apply = (action: string, timeOfAction: number, where: string): void => {
    const g = GAS_SWITCH.exec(action);
    if (g) {
      gas = g[1].trim();
      gasEvents.push({ timeS: timeOfAction, gas, source: `${where}: ${action}` });
      return;
    }
    const e = EXT_SWITCH.exec(action);
    if (e) {
      const on = /on/i.test(e[2]);
      if (on) extOn.add(e[1]);
      else extOn.delete(e[1]);
      gasEvents.push({ timeS: timeOfAction, gas: `external channel ${e[1]} ${on ? 'on' : 'off'}`, source: `${where}: ${action}` });
    }
  };
  for (const a of preRun) apply(a, timeS[0], 'Pre-Run Actions');
  sections.forEach((sec, s) => {
    const step = steps.find((st) => st.number === sec.step);
    const startS = timeS[sec.firstRow];
    const next = sections[s + 1];
    const endS = next ? timeS[next.firstRow] : timeS[timeS.length - 1];
    for (const a of step?.actions ?? []) apply(a, startS, `method step ${sec.step}`);
    const ext = [...extOn].sort().map((c) => `ext. channel ${c}`);
    const gasNow = [gas, ...ext].filter((x): x is string => x !== undefined).join(' + ');
    segments.push({
      index: sec.step,
      label: step ? step.text : sec.title,
      startS,
      endS,
      // Stryker disable next-line StringLiteral: any fallback text without 'Hold for'/'Heat from'/'Cool from' gives the title's shape, as '' does
      ...stepShape(step?.text ?? '', sec.title),
      ...(gasNow !== '' ? { gas: gasNow } : {}),
    });
  });
  if (gasEvents.some((e) => e.gas.startsWith('external channel'))) {
    warnings.push('The method switches external gas channels; the file does not say which gas each channel carries.');
  }

  const sample: SampleInfo = {};
  if (metadata['Sample ID']) sample.name = metadata['Sample ID'];
  const weight = /^([\d.]+)\s*mg/.exec(metadata['Sample Weight'] ?? '');
  if (weight) sample.initialMassMg = Number(weight[1]);
  if (metadata['Operator ID']) sample.operator = metadata['Operator ID'];
  if (metadata['Data Collected']) sample.date = metadata['Data Collected'];
  // Stryker disable next-line StringLiteral: without a firmware line any fallback text that does not start 'TGA n', 'Pyris n' or 'STA n' gives no match, as '' does
  const firmware = /^(TGA \d+|Pyris \d+|STA \d+)/.exec(metadata['Firmware Version'] ?? '');
  sample.instrument = firmware ? `PerkinElmer ${firmware[1]}` : `PerkinElmer TGA${metadata['Serial Number'] ? ` (serial ${metadata['Serial Number']})` : ''}`;
  if (steps.length > 0) sample.method = steps.map((s) => `${s.number}) ${s.text}`).join('; ');

  return {
    ...built,
    source: {
      ...built.source,
      formatId: pyrisText.id,
      formatLabel: pyrisText.label,
      encoding: decoded.encoding,
      delimiter: '\t',
      headerLine: titleLine + 2,
      dataStartLine: titleLine + 4,
      dataEndLine: dataEnd + 1,
    },
    sample,
    segments,
    gasEvents,
    programme,
    metadata,
  };
}

/** Columns → run fields shared by both Pyris variants (units by convention). */
function buildRun(fileName: string, arrays: Float64Array[], names: string[], warnings: string[]): TgaRun {
  const roles = names.map(pyrisRole);
  const at = (role: ColumnRole): number => roles.indexOf(role);
  const tIdx = at('time');
  let tempIdx = at('temperature');
  if (tIdx < 0) throw new FormatError(fileName, null, "a 'Time' column");
  if (tempIdx < 0) {
    tempIdx = names.findIndex((n) => /temperature/i.test(n));
    if (tempIdx >= 0) roles[tempIdx] = 'temperature';
  }
  const massIdx = at('mass');
  const baseIdx = names.findIndex((n) => /^baseline weight$/i.test(n));
  if (massIdx < 0) throw new FormatError(fileName, null, "an 'Unsubtracted Weight' or 'Weight' column");
  const timeS = scaleColumn(arrays[tIdx], SECONDS_PER.min);
  let massMg = arrays[massIdx];
  let massNote = `${names[massIdx]} (mg by Pyris convention)`;
  if (baseIdx >= 0) {
    const base = arrays[baseIdx];
    massMg = massMg.map((m, r) => m - base[r]);
    massNote = `${names[massIdx]} − ${names[baseIdx]} (mg by Pyris convention; the file writes no units)`;
  }
  const channels: Channel[] = [];
  const columns: ColumnInfo[] = names.map((name, c) => {
    let role = roles[c];
    if (role === 'channel' && arrays[c].every(Number.isNaN)) role = 'ignored';
    if (role === 'channel') channels.push({ name, unit: pyrisUnit(name), values: arrays[c] });
    return { name, unit: '', role };
  });
  if (arrays[massIdx].length === 0) warnings.push('No data rows.');
  return {
    technique: 'tga',
    source: { fileName, formatId: '', formatLabel: '', encoding: '', decimal: '.', headerLine: 0, dataStartLine: 0, dataEndLine: 0, columns },
    sample: {},
    timeS,
    temperatureC: tempIdx >= 0 ? arrays[tempIdx] : null,
    massMg,
    massPercent: null,
    massNote,
    channels,
    segments: [],
    gasEvents: [],
    programme: [],
    metadata: {},
    warnings,
  };
}

function parseCsv(input: ParseInput): TgaRun {
  const { fileName, bytes } = input;
  const decoded = decodeBytes(bytes);
  const lines = splitLines(decoded.text);
  // Stryker disable next-line StringLiteral: an empty file has no lines[0]; any fallback without a 'Time' field throws the same error below, as '' does
  const header = (lines[0] ?? '').split(',');
  const timeAt = header.findIndex((h) => /^Time$/i.test(h.trim()));
  if (timeAt < 0) throw new FormatError(fileName, 1, "a header line 'Time,Unsubtracted Weight,…'", lines[0] ?? '');
  const names = header.map((h, c) => (h.trim() === '' ? `Column ${c + 1}` : h.trim()));
  const cols: number[][] = names.map(() => []);
  let last = 1;
  for (let r = 1; r < lines.length; r++) {
    const line = lines[r];
    if (line.trim() === '') continue;
    const fields = line.split(',');
    if (fields.length !== names.length) throw new FormatError(fileName, r + 1, `${names.length} comma-separated fields`, line);
    for (let c = 0; c < names.length; c++) cols[c].push(parseNumber(fields[c]));
    // the Time column wherever it stands (the header check above allows any position)
    const t = cols[timeAt][cols[timeAt].length - 1];
    if (Number.isNaN(t)) throw new FormatError(fileName, r + 1, 'a number in the Time field', fields[timeAt]);
    last = r + 1;
  }
  const warnings = [UNIT_NOTE];
  const unnamed = names.filter((n, c) => n.startsWith('Column ') && header[c].trim() === '' && !cols[c].every(Number.isNaN));
  if (unnamed.length > 0) warnings.push(`Unnamed columns kept as channels by position: ${unnamed.join(', ')}.`);
  const built = buildRun(fileName, cols.map((c) => Float64Array.from(c)), names, warnings);
  const progIdx = names.findIndex((n) => /^program temperature$/i.test(n));
  const segments = progIdx >= 0 ? segmentsFromProgramme(built.timeS, Float64Array.from(cols[progIdx])) : [];
  return {
    ...built,
    source: {
      ...built.source,
      formatId: pyrisCsv.id,
      formatLabel: pyrisCsv.label,
      encoding: decoded.encoding,
      delimiter: ',',
      headerLine: 1,
      dataStartLine: 2,
      dataEndLine: last,
    },
    sample: { instrument: 'PerkinElmer TGA (Pyris)' },
    segments,
    programme: segments.map((s) => `${s.label} (${s.startS}–${s.endS} s, from Program Temperature)`),
  };
}

export const pyrisText: FormatModule<TgaRun> = {
  id: 'pyris-text',
  label: 'PerkinElmer Pyris ASCII export',
  technique: 'tga',
  extensions: ['txt'],
  detect(input) {
    try {
      return detectText(input);
    } catch {
      return 0;
    }
  },
  parse: parseText,
};

export const pyrisCsv: FormatModule<TgaRun> = {
  id: 'pyris-csv',
  label: 'PerkinElmer Pyris CSV export',
  technique: 'tga',
  extensions: ['csv'],
  detect(input) {
    try {
      return detectCsv(input);
    } catch {
      return 0;
    }
  },
  parse: parseCsv,
};
