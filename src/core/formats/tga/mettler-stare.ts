/**
 * Mettler-Toledo STARe text export ("Export → Other format → Text", STARe SW 13–17).
 *
 * One file holds one or more curves. Each curve is a column line, a units line and space-aligned rows:
 *
 *   Curve Name:                      (SW 13/16; SW 17 writes 'FileName:' / 'SampleID:' … 'Curve:' instead)
 *     =TEST TGA
 *     Sample Weight
 *   Curve Values:
 *             Index              t             Ts             Tr          Value
 *                              [s]           [°C]           [°C]           [mg]
 *                 0              0         36.625         35.000        12.8009
 *
 * followed (SW 13/16) or preceded (SW 17) by blocks 'Results:', 'Sample:' / 'SampleID:' ('TEST TGA, 12.8020 mg'),
 * 'Method:', 'Sample Holder:' / 'LastKeyWD:' (crucible), 'TA Module:' (instrument), 'User:'. The footer names the
 * software ('STARe SW 16.00').
 *
 * Reading rules:
 * - The mass curve is the first curve whose value unit is a mass ([mg], [µg], [g], or [%]), never chosen by position.
 * - Every other curve's value column (heat flow [mW], DTG [mgs^-1], …) becomes a channel. When its time axis equals
 *   the mass curve's (same length, same times) it is copied; otherwise it is linearly interpolated onto the mass time
 *   axis (NaN outside its own time range) and a warning says so.
 * - Ts is the sample temperature; Tr (the reference/programme temperature) is kept as the channel 'Reference
 *   temperature' and gives the programme segments (rate changes of Tr).
 * - Column names may contain spaces ('x value', 'y value'): the column line is split on runs of two or more spaces.
 * - The block texts of the mass curve are kept verbatim in metadata (Results, Method, Sample Holder, TA Module, …);
 *   the Results of other curves are kept as 'Results (<curve>)'.
 */
import type { Channel, ColumnInfo, SampleInfo, TgaRun } from '../../../shared/types';
import { decodeBytes, splitLines } from '../../text/decode';
import { FormatError, type DetectInput, type FormatModule, type ParseInput } from '../types';
import { interpolateLinear, MG_PER, parseMassUnit, parseNumber, segmentsFromProgramme } from './units';

interface StareCurve {
  /** 0-based line of the column line. */
  columnLine: number;
  names: string[];
  units: string[];
  /** Indented lines under 'Curve Name:' / 'FileName:' before this curve. */
  titleLines: string[];
  /** 0-based line of that label (the column line when there is none). */
  labelLine: number;
  /** Column-major values, one array per unit (the Index column is dropped). */
  values: Float64Array[];
  firstDataLine: number;
  lastDataLine: number;
}

interface StareBlock {
  name: string;
  line: number;
  lines: string[];
}

const COLUMN_LINE = /^\s*Index\s+t\s+(Ts|Tr|Value)\b/;
const UNITS_LINE = /^\s*(\[[^\]]*\]\s*)+$/;
const BLOCK_START = /^([A-Z][A-Za-z .]*):\s*$/;
const SAMPLE_MASS = /^(.*?)\s*,\s*([-+]?\d+(?:\.\d+)?)\s*(mg|g|µg|ug)\s*$/;

function detect(input: DetectInput): number {
  const head = input.headText;
  const hasColumns = /^\s*Index\s+t\s+(Ts|Tr|Value)\b/m.test(head);
  const hasUnits = /^\s+\[s\]\s+\[[^\]]*\]\s+\[[^\]]*\]/m.test(head);
  if (hasColumns && hasUnits) return 0.95;
  if (hasColumns && /Curve (Name|Values):|SampleID:|STARe SW/.test(head)) return 0.8;
  return 0;
}

function readCurves(fileName: string, lines: string[]): StareCurve[] {
  const curves: StareCurve[] = [];
  for (let i = 0; i < lines.length - 1; i++) {
    if (!COLUMN_LINE.test(lines[i]) || !UNITS_LINE.test(lines[i + 1])) continue;
    const names = lines[i].trim().split(/\s{2,}/).slice(1);
    const units = lines[i + 1].trim().split(/\s+/).map((u) => u.replace(/^\[|\]$/g, ''));
    const nValues = units.length;
    if (names.length !== nValues) {
      throw new FormatError(fileName, i + 1, `${nValues} column names above ${nValues} units`, lines[i]);
    }
    const cols: number[][] = units.map(() => []);
    let j = i + 2;
    for (; j < lines.length; j++) {
      const line = lines[j];
      if (line.trim() === '') break;
      const tokens = line.trim().split(/\s+/);
      if (tokens.length !== nValues + 1) {
        throw new FormatError(fileName, j + 1, `${nValues + 1} numbers (Index and ${units.map((u) => `[${u}]`).join(' ')})`, line);
      }
      for (let c = 0; c < nValues; c++) {
        const v = parseNumber(tokens[c + 1]);
        if (Number.isNaN(v)) throw new FormatError(fileName, j + 1, `a number in column '${names[c]}'`, tokens[c + 1]);
        cols[c].push(v);
      }
    }
    if (j === i + 2) throw new FormatError(fileName, i + 3, 'data rows under the units line', lines[i + 2] ?? '');
    curves.push({
      columnLine: i,
      names,
      units,
      ...titleBefore(lines, i, curves.length > 0 ? curves[curves.length - 1].lastDataLine : -1),
      values: cols.map((c) => Float64Array.from(c)),
      firstDataLine: i + 2,
      lastDataLine: j - 1,
    });
    i = j;
  }
  return curves;
}

/** The last 'Curve Name:' or 'FileName:' label between the previous curve and this one, with its indented lines. */
function titleBefore(lines: string[], columnLine: number, previousEnd: number): { titleLines: string[]; labelLine: number } {
  for (let k = columnLine - 1; k > previousEnd; k--) {
    if (/^(Curve Name|FileName):\s*$/.test(lines[k])) {
      const titleLines: string[] = [];
      for (let m = k + 1; m < columnLine && /^\s+\S/.test(lines[m]); m++) titleLines.push(lines[m].trim());
      return { titleLines, labelLine: k };
    }
  }
  return { titleLines: [], labelLine: columnLine };
}

/** Blocks 'Name:' followed by indented lines, outside the curves' data. */
function readBlocks(lines: string[], curves: StareCurve[]): StareBlock[] {
  const blocks: StareBlock[] = [];
  // One flag per line (not a search of the curves per line: a file of many short curves stays linear).
  const dataLine = new Uint8Array(lines.length);
  for (const c of curves) dataLine.fill(1, c.columnLine, c.lastDataLine + 1);
  const inData = (k: number): boolean => dataLine[k] === 1;
  for (let k = 0; k < lines.length; k++) {
    if (inData(k)) continue;
    const m = BLOCK_START.exec(lines[k]);
    if (!m) continue;
    const body: string[] = [];
    let e = k + 1;
    for (; e < lines.length && (/^\s/.test(lines[e]) || lines[e] === '') && !inData(e); e++) {
      if (lines[e].trim() !== '') body.push(lines[e].replace(/\s+$/, '').replace(/^ {2}/, ''));
    }
    blocks.push({ name: m[1].trim(), line: k, lines: body });
  }
  return blocks;
}

/**
 * Blocks that describe curve `index`: from its 'Curve Name:' / 'FileName:' label (the file start for the first curve)
 * to the next curve's label. This covers trailer blocks (SW 13/16) and header blocks (SW 17) alike.
 */
function blocksOfCurve(blocks: StareBlock[], curves: StareCurve[], index: number): StareBlock[] {
  const from = index === 0 ? 0 : curves[index].labelLine;
  const to = index + 1 < curves.length ? curves[index + 1].labelLine : Number.POSITIVE_INFINITY;
  return blocks.filter((b) => b.line >= from && b.line < to);
}

function isMassUnit(unit: string): boolean {
  return parseMassUnit(unit) !== null;
}

function channelName(curve: StareCurve, valueUnit: string): string {
  if (/s\^-1|\/s$|\/min$|min\^-1/.test(valueUnit)) return 'DTG';
  const last = curve.titleLines[curve.titleLines.length - 1];
  if (curve.titleLines.length > 1 && last && !/^Performed /.test(last)) return last;
  if (/^mW$/i.test(valueUnit)) return 'Heat flow';
  return curve.names[curve.names.length - 1];
}

function sameAxis(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) > 1e-9 * Math.max(1, Math.abs(a[i]))) return false;
  return true;
}

function parse(input: ParseInput): TgaRun {
  const { fileName, bytes } = input;
  const decoded = decodeBytes(bytes);
  const lines = splitLines(decoded.text);
  const curves = readCurves(fileName, lines);
  if (curves.length === 0) {
    throw new FormatError(fileName, null, "a STARe curve: a column line 'Index t Ts Tr Value' followed by a units line '[s] [°C] [°C] [mg]'");
  }
  const massIndex = curves.findIndex((c) => isMassUnit(c.units[c.units.length - 1]));
  if (massIndex < 0) {
    const found = curves.map((c) => `[${c.units[c.units.length - 1]}]`).join(', ');
    throw new FormatError(fileName, curves[0].columnLine + 2, `a curve whose value unit is a mass ([mg], [µg], [g] or [%]); curves found: ${found}`);
  }
  const mass = curves[massIndex];
  const col = (c: StareCurve, name: string): number => c.names.indexOf(name);
  const tIdx = col(mass, 't');
  const tsIdx = col(mass, 'Ts');
  const trIdx = col(mass, 'Tr');
  const vIdx = mass.units.length - 1;
  if (mass.units[tIdx] !== 's') throw new FormatError(fileName, mass.columnLine + 2, "time 't' in [s]", lines[mass.columnLine + 1]);

  const warnings: string[] = [];
  if (lines[mass.columnLine + 1].includes('\uFFFD')) warnings.push('Degree signs in the units line are damaged (U+FFFD) in the file; read as °C.');
  const timeS = mass.values[tIdx];
  const massUnit = parseMassUnit(mass.units[vIdx]);
  const rawMass = mass.values[vIdx];

  const allBlocks = readBlocks(lines, curves);
  const blocks = blocksOfCurve(allBlocks, curves, massIndex);
  const metadata: Record<string, string> = {};
  const titleDate = /\s(\d{2}\.\d{2}\.\d{4} \d{2}:\d{2})\s*$/.exec(lines[0] ?? '');
  if (titleDate) metadata['Title date'] = titleDate[1];
  for (const b of blocks) {
    if (b.lines.length > 0 && !(b.name in metadata)) metadata[b.name] = b.lines.join('\n');
  }
  const footer = lines.slice(-3).join(' ').match(/STARe SW [\d.]+/);
  if (footer) metadata['Software'] = footer[0];

  const sample = readSample(blocks, mass, metadata, warnings);

  let massMg: Float64Array | null = null;
  let massPercent: Float64Array | null = null;
  let massNote: string;
  if (massUnit === '%') {
    massPercent = rawMass;
    if (sample.initialMassMg !== undefined && sample.initialMassMg > 0) {
      const m0 = sample.initialMassMg;
      massMg = rawMass.map((p) => (p * m0) / 100);
      massNote = `Value [%] × ${m0} mg / 100 (sample mass from the Sample block)`;
    } else {
      massNote = 'Value [%] of the initial mass; the file gives no sample mass';
    }
  } else if (massUnit === 'mg') {
    massMg = rawMass;
    massNote = `Value [mg] of curve '${mass.titleLines[mass.titleLines.length - 1] ?? 'Weight'}'`;
  } else {
    const factor = MG_PER[massUnit === 'ug' ? 'ug' : 'g'];
    massMg = rawMass.map((v) => v * factor);
    massNote = `Value [${mass.units[vIdx]}] × ${factor} → mg`;
  }

  const channels: Channel[] = [];
  const columns: ColumnInfo[] = [{ name: 'Index', unit: '', role: 'ignored' }];
  mass.names.forEach((name, c) => {
    const role = c === tIdx ? 'time' : c === tsIdx ? 'temperature' : c === vIdx ? 'mass' : 'channel';
    columns.push({ name, unit: mass.units[c], role });
  });
  if (trIdx >= 0) channels.push({ name: 'Reference temperature', unit: '°C', values: mass.values[trIdx] });
  curves.forEach((curve, k) => {
    if (k === massIndex) return;
    const ct = curve.values[col(curve, 't')];
    const v = curve.values[curve.units.length - 1];
    const unit = curve.units[curve.units.length - 1];
    const name = channelName(curve, unit);
    let values: Float64Array;
    if (ct && sameAxis(ct, timeS)) values = v;
    else if (ct) {
      values = interpolateLinear(ct, v, timeS);
      warnings.push(`Curve '${name}' has its own time axis (${ct.length} points): interpolated onto the mass curve's ${timeS.length} times.`);
    } else return;
    channels.push({ name, unit, values });
    columns.push({ name: `${curve.names[curve.names.length - 1]} (${name})`, unit, role: 'channel' });
    const results = blocksOfCurve(allBlocks, curves, k).find((b) => b.name === 'Results');
    if (results && results.lines.length > 0) metadata[`Results (${name})`] = results.lines.join('\n');
  });

  const segments = trIdx >= 0 ? segmentsFromProgramme(timeS, mass.values[trIdx]) : [];
  return {
    technique: 'tga',
    source: {
      fileName,
      formatId: mettlerStare.id,
      formatLabel: mettlerStare.label,
      encoding: decoded.encoding,
      delimiter: ' ',
      decimal: '.',
      headerLine: mass.columnLine + 1,
      dataStartLine: mass.firstDataLine + 1,
      dataEndLine: mass.lastDataLine + 1,
      columns,
    },
    sample,
    timeS,
    temperatureC: tsIdx >= 0 ? mass.values[tsIdx] : null,
    massMg,
    massPercent,
    massNote,
    channels,
    segments,
    gasEvents: [],
    programme: segments.map((s) => `${s.label} (${s.startS}–${s.endS} s, from Tr)`),
    metadata,
    warnings,
  };
}

function readSample(blocks: StareBlock[], mass: StareCurve, metadata: Record<string, string>, warnings: string[]): SampleInfo {
  const sample: SampleInfo = {};
  const sampleBlock = blocks.find((b) => b.name === 'SampleID') ?? blocks.find((b) => b.name === 'Sample');
  const line = sampleBlock?.lines[0]?.trim();
  const m = line ? SAMPLE_MASS.exec(line) : null;
  if (m) {
    sample.name = m[1];
    const factor = m[3] === 'g' ? 1000 : m[3] === 'mg' ? 1 : 1e-3;
    const massMg = Number(m[2]) * factor;
    if (massMg > 0) sample.initialMassMg = massMg;
    else warnings.push(`The sample mass is given as ${m[2]} ${m[3]} (a blank run?); no initial mass is set.`);
  } else if (line) sample.name = line;
  else if (mass.titleLines[0]) sample.name = mass.titleLines[0].replace(/^[=\\]/, '').replace(/,\s*\d{2}\.\d{2}\.\d{4}.*$/, '');
  const module = metadata['TA Module'];
  const type = module ? /Type\s*:\s*(.+)/.exec(module) : null;
  if (type) sample.instrument = `Mettler-Toledo ${type[1].trim()}`;
  else if (module) sample.instrument = `Mettler-Toledo ${module.split('\n')[0].split(',')[0].trim()}`;
  else sample.instrument = `Mettler-Toledo (${metadata['Software'] ?? 'STARe'})`;
  if (metadata['User']) sample.operator = metadata['User'].split('\n')[0].trim();
  if (metadata['Method']) sample.method = metadata['Method'].split('\n')[0].trim();
  const holder = metadata['Sample Holder'] ?? metadata['LastKeyWD'];
  if (holder) {
    const [first, ...rest] = holder.split('\n');
    const weight = rest.map((l) => /Weight\s*:\s*(.+)/.exec(l)).find((x) => x);
    sample.crucible = weight ? `${first.trim()}, ${weight[1].trim()}` : first.trim();
  }
  const performed = mass.titleLines.map((l) => /^Performed (.+)$/.exec(l)).find((x) => x);
  if (performed) sample.date = performed[1].trim();
  else if (metadata['Title date']) sample.date = metadata['Title date'];
  return sample;
}

export const mettlerStare: FormatModule<TgaRun> = {
  id: 'mettler-stare',
  label: 'Mettler-Toledo STARe text export',
  technique: 'tga',
  extensions: ['txt'],
  detect(input) {
    try {
      return detect(input);
    } catch {
      return 0;
    }
  },
  parse,
};
