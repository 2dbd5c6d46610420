/**
 * Setaram Calisto text export (Calisto Processing → Export → Text). UTF-16LE with BOM in practice:
 *
 *   Duran - MAC250-MS20 34.04mg            (title)
 *   Creation Date : 26/07/2024 06:03:05 p.m.
 *   User : admin
 *
 *   TG :
 *    Initial Mass : 34.04 mg
 *    Molar Mass : N/A
 *
 *   HeatFlow :
 *    Initial Mass : 34.04 mg
 *
 *   Index Time       Furnace                  Sample                  TG         HeatFlow
 *   1     0          50.06274                 53.444034               240.908142 -11.195387
 *
 * The column line starts with 'Index'; values are separated by spaces (or tabs / semicolons in other Calisto
 * settings). Units are not written: Calisto's defaults are used (Time s, Furnace and Sample °C, TG mg, HeatFlow mW)
 * and said in the warnings; a unit in the column name ('Time(s)', 'TG/mg', 'Sample (°C)') wins over the default.
 * 'Sample' is the sample temperature, 'Furnace' becomes a channel, 'TG' the mass; other columns are channels.
 * 'Block :' lines with ' Key : value' lines under them go into metadata as 'Block: Key'; the TG block's
 * 'Initial Mass' is the sample mass. A TG column that never changes is reported (a DSC run exported with TG).
 */
import type { Channel, ColumnInfo, ColumnRole, SampleInfo, TgaRun } from '../../../shared/types';
import { decodeBytes, splitLines } from '../../text/decode';
import { FormatError, type DetectInput, type FormatModule, type ParseInput } from '../types';
import { MG_PER, parseMassUnit, parseNumber, parseTemperatureUnit, parseTimeUnit, scaleColumn, SECONDS_PER, splitNameUnit, toCelsius } from './units';

const COLUMN_LINE = /^Index[\s;]+Time\b/;

function detect(input: DetectInput): number {
  const head = input.headText;
  const column = /^Index[\s;]+Time\S*[\s;]+(Furnace|Sample)/m.test(head);
  const header = /^Creation Date\s*:/m.test(head) && /^\s*Initial Mass\s*:/m.test(head);
  if (column && header) return 0.97;
  if (column) return 0.8;
  return 0;
}

const DEFAULT_UNIT: Record<string, string> = { furnace: '°C', heatflow: 'mW', 'heat flow': 'mW', dsc: 'mW' };
const ROLE_DEFAULT_UNIT: Partial<Record<ColumnRole, string>> = { time: 's', temperature: '°C', mass: 'mg' };

function roleOf(name: string): ColumnRole {
  const n = name.toLowerCase();
  if (n === 'index') return 'ignored';
  if (n === 'time') return 'time';
  if (n === 'sample' || n === 'sample temperature') return 'temperature';
  if (n === 'tg' || n === 'mass' || n === 'weight') return 'mass';
  return 'channel';
}

function parse(input: ParseInput): TgaRun {
  const { fileName, bytes } = input;
  const decoded = decodeBytes(bytes);
  const lines = splitLines(decoded.text);
  const columnAt = lines.findIndex((l) => COLUMN_LINE.test(l));
  if (columnAt < 0) throw new FormatError(fileName, null, "a Calisto column line starting 'Index Time'");
  const warnings: string[] = [];
  const metadata: Record<string, string> = {};
  if (lines[0] && !/:/.test(lines[0])) metadata['Title'] = lines[0].trim();
  let block = '';
  for (let i = 0; i < columnAt; i++) {
    const line = lines[i];
    const blockStart = /^(\S[^:]*?)\s*:\s*$/.exec(line);
    if (blockStart) {
      block = blockStart[1];
      continue;
    }
    const kv = /^(\s*)([^:]+?)\s*:\s*(.*?)\s*$/.exec(line);
    if (kv) metadata[kv[1] !== '' && block ? `${block}: ${kv[2]}` : kv[2]] = kv[3];
    if (line.trim() === '') block = '';
  }

  const splitter = lines[columnAt].includes(';') ? /\s*;\s*/ : lines[columnAt].includes('\t') ? /\t/ : /\s+/;
  const headers = lines[columnAt].trim().split(splitter);
  const cols = headers.map((h) => splitNameUnit(h));
  const roles = cols.map((c) => roleOf(c.name));
  // Calisto's default unit follows the column's role (any name read as the mass is in mg), then its name.
  const defaultUnit = (k: number) => ROLE_DEFAULT_UNIT[roles[k]] ?? DEFAULT_UNIT[cols[k].name.toLowerCase()] ?? '';
  const units = cols.map((c, k) => c.unit || defaultUnit(k));
  const defaulted = cols.flatMap((c, k) => (c.unit === '' && defaultUnit(k) !== '' ? [`${c.name} ${defaultUnit(k)}`] : []));
  if (defaulted.length > 0) warnings.push(`Calisto writes no units here: read with Calisto's defaults (${defaulted.join(', ')}).`);
  const values: number[][] = headers.map(() => []);
  let first = -1;
  let last = -1;
  for (let i = columnAt + 1; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const fields = line.split(splitter);
    if (fields.length !== headers.length) throw new FormatError(fileName, i + 1, `${headers.length} values (${headers.join(' ')})`, lines[i]);
    for (let c = 0; c < headers.length; c++) {
      const v = parseNumber(fields[c]);
      if (Number.isNaN(v)) throw new FormatError(fileName, i + 1, `a number in column '${headers[c]}'`, fields[c]);
      values[c].push(v);
    }
    if (first < 0) first = i;
    last = i;
  }
  if (first < 0) throw new FormatError(fileName, columnAt + 2, 'data rows under the column line');

  const arrays = values.map((v) => Float64Array.from(v));
  const tIdx = roles.indexOf('time');
  const tempIdx = roles.indexOf('temperature');
  const massIdx = roles.indexOf('mass');
  if (tIdx < 0 || massIdx < 0) throw new FormatError(fileName, columnAt + 1, "columns 'Time' and 'TG'", lines[columnAt]);
  const tUnit = parseTimeUnit(units[tIdx]);
  if (!tUnit) throw new FormatError(fileName, columnAt + 1, 'a time unit s, min or h', units[tIdx]);
  const timeS = scaleColumn(arrays[tIdx], SECONDS_PER[tUnit]);
  let temperatureC: Float64Array | null = null;
  if (tempIdx >= 0) {
    const u = parseTemperatureUnit(units[tempIdx]) ?? 'C';
    temperatureC = u === 'K' ? arrays[tempIdx].map((x) => toCelsius(x, 'K')) : arrays[tempIdx];
  }
  const massUnit = parseMassUnit(units[massIdx]) ?? 'mg';
  const tg = arrays[massIdx];
  if (tg.every((v) => v === tg[0])) {
    warnings.push(`The TG column is constant (${tg[0]}) over all ${tg.length} rows: this looks like a DSC run exported with its TG channel.`);
  }

  const sample: SampleInfo = { instrument: 'Setaram (Calisto)' };
  const titleMass = /^(.*?)\s+([\d.]+)\s*mg\s*$/.exec(metadata['Title'] ?? '');
  if (metadata['Title']) sample.name = titleMass ? titleMass[1] : metadata['Title'];
  const initial = /^([\d.]+)\s*(mg|g|µg|ug)$/.exec(metadata['TG: Initial Mass'] ?? '');
  if (initial) sample.initialMassMg = Number(initial[1]) * (initial[2] === 'g' ? 1000 : initial[2] === 'mg' ? 1 : 1e-3);
  else if (titleMass) sample.initialMassMg = Number(titleMass[2]);
  if (metadata['User']) sample.operator = metadata['User'];
  if (metadata['Creation Date']) sample.date = metadata['Creation Date'];

  let massMg: Float64Array | null = null;
  let massPercent: Float64Array | null = null;
  let massNote: string;
  const massName = cols[massIdx].name;
  if (massUnit === '%') {
    massPercent = tg;
    if (sample.initialMassMg) {
      const m0 = sample.initialMassMg;
      massMg = tg.map((p) => (p * m0) / 100);
      massNote = `${massName} [%] × ${m0} mg / 100`;
    } else massNote = `${massName} [%]; no initial mass in the file`;
  } else {
    massMg = massUnit === 'mg' ? tg : scaleColumn(tg, MG_PER[massUnit]);
    massNote = `${massName} [${units[massIdx]}]${cols[massIdx].unit ? '' : ' (Calisto default unit)'}`;
  }
  const channels: Channel[] = [];
  const columns: ColumnInfo[] = cols.map((c, k) => {
    if (roles[k] === 'channel') channels.push({ name: c.name, unit: units[k], values: arrays[k] });
    return { name: c.name, unit: c.unit, role: roles[k] };
  });

  return {
    technique: 'tga',
    source: {
      fileName,
      formatId: setaramText.id,
      formatLabel: setaramText.label,
      encoding: decoded.encoding,
      delimiter: splitter.source === '\\s+' ? ' ' : splitter.source === '\\t' ? '\t' : ';',
      decimal: '.',
      headerLine: columnAt + 1,
      dataStartLine: first + 1,
      dataEndLine: last + 1,
      columns,
    },
    sample,
    timeS,
    temperatureC,
    massMg,
    massPercent,
    massNote,
    channels,
    segments: [],
    gasEvents: [],
    programme: [],
    metadata,
    warnings,
  };
}

export const setaramText: FormatModule<TgaRun> = {
  id: 'setaram',
  label: 'Setaram Calisto text export',
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
