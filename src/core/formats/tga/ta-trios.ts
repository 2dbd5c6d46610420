/**
 * TA Instruments TRIOS text export (TGA 5500/550, SDT 650: "Export > Text/CSV"), one block per procedure step.
 *
 * An optional key<TAB>value header, then per step a '[step]' line, the step name, a column line, a units line,
 * data rows and an empty line. The first step may lack the '[step]' line and name (the file then starts with
 * the column line):
 *
 *   Filename	CLSOx10_2
 *   Instrument name	5500-0018 (192.168.1.3)
 *   Sample name	CLSOx10_2
 *   proceduresegments	Select Gas: Gas 2 ; Mass Flow  25.00 mL/min; Ramp 10.00 °C/min to 110.00 °C; …
 *   [step]
 *   Ramp 10.00 °C/min to 110.00 °C
 *   Time	Temperature	Weight	Weight
 *   min	°C	%	mg
 *   0.003	35.74	96.8161	5.8910
 *
 * Two columns are both called 'Weight': the units line tells % from mg/µg. Cells can be empty (no temperature
 * in the first and last rows): they are read as NaN. The file does not state the sample mass; TRIOS refers its
 * % column to the stored sample mass, so that mass is recovered as mass / (% / 100).
 *
 * Some exports have no units line ('Time,Temperature,Weight,Weight' then data). TRIOS's default units are then
 * assumed and said in a warning: Time in min, Temperature in °C, the 'Weight' column that starts near 100 in %, the
 * other 'Weight' in mg — unless read as mg it would make the sample heavier than a TGA balance holds (1,000 mg, the
 * capacity of TA's TGA 5500/550/55), in which case it is in µg (a TRIOS unit setting). Other columns stay channels
 * without a unit.
 *
 * The procedure's gas: 'Select Gas: X', or a blend 'Blend Channel B (Ar) at 100% with Channel A (N2)' (the named
 * channel's gas at 100 %, else both with their shares). parseTriosText is shared with the Excel export reader
 * (ta-trios-excel.ts), which turns a workbook into this text.
 */
import type { Channel, ColumnInfo, GasEvent, Segment, TgaRun } from '../../../shared/types';
import { decodeBytes, splitLines } from '../../text/decode';
import { FormatError, type DetectInput, type FormatModule, type ParseInput } from '../types';
import { MG_PER, parseMassUnit, parseNumber, parseTemperatureUnit, parseTimeUnit, SECONDS_PER, toCelsius } from './units';

/** A TRIOS step name understood: 'Ramp 10.00 °C/min to 950.00 °C', 'Isothermal 30.0 min', 'Equilibrate 30.00 °C'. */
export function parseTriosStep(name: string): Pick<Segment, 'kind' | 'rateCPerMin' | 'targetC'> & { minutes?: number } {
  const num = String.raw`([+-]?\d+(?:\.\d*)?)`;
  let m = new RegExp(String.raw`^Ramp\s+${num}\s*\S*C/min\s+to\s+${num}`, 'i').exec(name.trim());
  if (m) return { kind: 'ramp', rateCPerMin: Number(m[1]), targetC: Number(m[2]) };
  m = new RegExp(String.raw`^Isothermal\s+${num}\s*min`, 'i').exec(name.trim());
  if (m) return { kind: 'isothermal', minutes: Number(m[1]) };
  m = new RegExp(String.raw`^(?:Equilibrate|Jump)\s+(?:at\s+|to\s+)?${num}`, 'i').exec(name.trim());
  if (m) return { kind: 'unknown', targetC: Number(m[1]) };
  return { kind: 'unknown' };
}

function detect(input: DetectInput): number {
  try {
    const head = input.headText.replace(/^\uFEFF/, '');
    let s = 0;
    if (/^\[step\]\s*$/m.test(head)) s = 0.95;
    else if (/^proceduresegments\t/m.test(head)) s = 0.9;
    else if (/^Time\t(?:[^\n]*\t)?Weight\b[^\n]*\r?\n(?:min|s)\t[^\n]*(?:%|mg|µg)/m.test(head)) s = 0.85;
    else {
      const lines = head.split(/\r?\n/);
      if (isUnitlessColumnLine(lines[0], lines[1])) s = 0.8;
    }
    if (s === 0) return 0;
    const ext = input.fileName.toLowerCase().split('.').pop() ?? '';
    if (['txt', 'csv'].includes(ext)) s += 0.01;
    return Math.min(s, 0.99);
  } catch {
    return 0;
  }
}

interface Block {
  name: string;
  line: number;
  rows: number;
  firstRow: number;
}

function isColumnLine(line: string | undefined, next: string | undefined): boolean {
  if (line === undefined || next === undefined) return false;
  const first = line.split(/\t|,/)[0].trim();
  const unit = next.split(/\t|,/)[0].trim();
  return /^time$/i.test(first) && parseTimeUnit(unit) !== null;
}

/** A TRIOS column line with no units line under it: 'Time' first, two or more 'Weight' columns, then a data row. */
function isUnitlessColumnLine(line: string | undefined, next: string | undefined): boolean {
  if (line === undefined || next === undefined) return false;
  const names = line.split(/\t|,/).map((c) => c.trim());
  const first = next.split(/\t|,/)[0].trim();
  return /^time$/i.test(names[0]) && names.filter((n) => /^weight$/i.test(n)).length >= 2 && first !== '' && Number.isFinite(parseNumber(first));
}

/** TA's TGA 5500, 550 and 55 weigh at most 1,000 mg of sample. */
const BALANCE_CAPACITY_MG = 1000;

/**
 * Units for a column line that has no units line (TRIOS's defaults, see the module comment), judged on the first
 * data row, and the warning that says what was assumed.
 */
function defaultUnits(names: string[], firstRow: string[]): { units: string[]; note: string } {
  const units: string[] = names.map((n) => (/^time$/i.test(n) ? 'min' : /temp/i.test(n) ? '°C' : ''));
  const weights = names.map((n, j) => (/^weight$/i.test(n) ? j : -1)).filter((j) => j >= 0);
  const value = (j: number): number => parseNumber((firstRow[j] ?? '').trim());
  const pct = weights.find((j) => value(j) > 80 && value(j) <= 110) ?? -1;
  const parts = ['Time in min', 'Temperature in °C'];
  for (const j of weights) {
    if (j === pct) {
      units[j] = '%';
      parts.push(`'Weight' (column ${j + 1}) in % (it starts at ${value(j)})`);
      continue;
    }
    const implied = pct >= 0 && value(pct) > 0 ? value(j) / (value(pct) / 100) : value(j);
    if (implied > BALANCE_CAPACITY_MG) {
      units[j] = 'µg';
      parts.push(`'Weight' (column ${j + 1}) in µg: read as mg it would be a ${Math.round(implied).toLocaleString('en')} mg sample, beyond a TGA balance (≤ ${BALANCE_CAPACITY_MG.toLocaleString('en')} mg)`);
    } else {
      units[j] = 'mg';
      parts.push(`'Weight' (column ${j + 1}) in mg`);
    }
  }
  return { units, note: `No units row: TRIOS's default units assumed — ${parts.join('; ')}. Check them against the export settings.` };
}

/** The procedure's gas from 'Select Gas: X' or a channel blend, with the step it came from. */
export function triosGas(procedure: string[]): { gas: string; step: string } | null {
  const select = procedure.find((p) => /^Select Gas\s*:/i.test(p));
  if (select) return { gas: select.replace(/^Select Gas\s*:\s*/i, '').trim(), step: select };
  const blend = procedure.map((p) => ({ p, m: /^Blend Channel\s+(\w)\s*\(([^)]+)\)\s*at\s*([\d.]+)\s*%\s*with Channel\s+(\w)\s*\(([^)]+)\)/i.exec(p) })).find((b) => b.m);
  if (blend?.m) {
    const share = Number(blend.m[3]);
    const gas = share >= 99.5 ? blend.m[2].trim() : share <= 0.5 ? blend.m[5].trim() : `${share} % ${blend.m[2].trim()} + ${Number((100 - share).toFixed(3))} % ${blend.m[5].trim()}`;
    return { gas, step: blend.p };
  }
  return null;
}

function parse(input: ParseInput): TgaRun {
  const decoded = decodeBytes(input.bytes);
  return parseTriosText(input.fileName, decoded.text, decoded.encoding);
}

/** Parse TRIOS text (decoded); `encoding` is reported in the run's source. */
export function parseTriosText(fileName: string, text: string, encoding: string): TgaRun {
  const lines = splitLines(text);
  const warnings: string[] = [];
  const metadata: Record<string, string> = {};

  // Header: key<TAB>value lines up to the first '[step]' or column line.
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i].replace(/^\uFEFF/, '');
    if (line.trim() === '[step]' || isColumnLine(line, lines[i + 1]) || isUnitlessColumnLine(line, lines[i + 1])) break;
    if (line.trim() === '') continue;
    const tab = line.indexOf('\t');
    const key = (tab < 0 ? line : line.slice(0, tab)).trim();
    metadata[key] = tab < 0 ? '' : line.slice(tab + 1).trim();
  }
  if (i >= lines.length) throw new FormatError(fileName, null, "a '[step]' line or a 'Time' column line followed by a units line");

  let delimiter = '';
  /** Column key 'name|unit' → index in `cols`. */
  const colIndex = new Map<string, number>();
  const colInfo: { name: string; unit: string }[] = [];
  const cols: number[][] = [];
  const blocks: Block[] = [];
  let nRows = 0;
  let headerLine = 0;
  let dataStartLine = 0;
  let dataEndLine = 0;
  let emptyCells = 0;

  while (i < lines.length) {
    // No byte-order mark to strip here: line is only compared after trim(), which removes U+FEFF (ECMAScript white space).
    const line = lines[i];
    if (line.trim() === '') {
      i++;
      continue;
    }
    let name = '';
    const blockLine = i + 1;
    if (line.trim() === '[step]') {
      name = (lines[i + 1] ?? '').trim();
      i += 2;
    }
    const unitless = !isColumnLine(lines[i], lines[i + 1]) && isUnitlessColumnLine(lines[i], lines[i + 1]);
    if (!isColumnLine(lines[i], lines[i + 1]) && !unitless) {
      throw new FormatError(fileName, i + 1, "a column line starting with 'Time' followed by a units line", lines[i] ?? '');
    }
    if (delimiter === '') delimiter = lines[i].includes('\t') ? '\t' : ',';
    if (headerLine === 0) headerLine = i + 1;
    const names = lines[i].split(delimiter).map((s) => s.trim());
    let units: string[];
    if (unitless) {
      const assumed = defaultUnits(names, lines[i + 1].split(delimiter));
      units = assumed.units;
      if (!warnings.includes(assumed.note)) warnings.push(assumed.note);
      i -= 1; // no units line to step over
    } else units = lines[i + 1].split(delimiter).map((s) => s.trim());
    // Each column of this block → a global column (two 'Weight' columns differ by unit). A second column of the same
    // name and unit within one block is one of its own (the nth of its kind), never written over the first.
    const nthOf = new Map<string, number>();
    const map = names.map((nm, j) => {
      const same = `${nm}|${units[j] ?? ''}`;
      const nth = (nthOf.get(same) ?? 0) + 1;
      nthOf.set(same, nth);
      const key = nth === 1 ? same : `${same}|${nth}`;
      let k = colIndex.get(key);
      if (k === undefined) {
        k = colInfo.length;
        colIndex.set(key, k);
        colInfo.push({ name: nm, unit: units[j] ?? '' });
        cols.push(new Array<number>(nRows).fill(Number.NaN));
      }
      return k;
    });
    i += 2;
    const block: Block = { name, line: blockLine, rows: 0, firstRow: nRows };
    for (; i < lines.length; i++) {
      const row = lines[i];
      if (row.trim() === '' || row.trim() === '[step]') break;
      const fields = row.split(delimiter);
      if (fields.length !== names.length) {
        throw new FormatError(fileName, i + 1, `${names.length} fields separated by ${JSON.stringify(delimiter)} (cells may be empty)`, row);
      }
      for (const c of cols) c.push(Number.NaN);
      for (let j = 0; j < names.length; j++) {
        const cell = (fields[j] ?? '').trim();
        if (cell === '') {
          if (j === 0) throw new FormatError(fileName, i + 1, 'a time in the first field', row);
          emptyCells++;
          continue;
        }
        const v = parseNumber(cell);
        if (Number.isNaN(v)) throw new FormatError(fileName, i + 1, `a number for ${names[j]} (${units[j] ?? ''})`, row);
        cols[map[j]][nRows] = v;
      }
      nRows++;
      block.rows++;
      if (dataStartLine === 0) dataStartLine = i + 1;
      dataEndLine = i + 1;
    }
    blocks.push(block);
  }
  if (nRows === 0) throw new FormatError(fileName, headerLine + 2, 'data rows');
  if (emptyCells > 0) warnings.push(`${emptyCells} empty cell(s) (e.g. no temperature in the first or last rows) were read as NaN.`);

  const find = (pred: (c: { name: string; unit: string }) => boolean): number => colInfo.findIndex(pred);
  const timeCol = find((c) => /^time$/i.test(c.name) && parseTimeUnit(c.unit) !== null);
  const tempCol = find((c) => /temp/i.test(c.name) && parseTemperatureUnit(c.unit) !== null);
  const massCol = find((c) => /^(weight|mass)$/i.test(c.name) && ['ug', 'mg', 'g'].includes(parseMassUnit(c.unit) ?? ''));
  const pctCol = find((c) => /^(weight|mass)$/i.test(c.name) && parseMassUnit(c.unit) === '%');
  if (massCol < 0 && pctCol < 0) throw new FormatError(fileName, headerLine, "a 'Weight' column in mg, µg or %", lines[headerLine - 1]);

  const col = (k: number): Float64Array => Float64Array.from(cols[k]);
  const timeRaw = col(timeCol);
  const tf = SECONDS_PER[parseTimeUnit(colInfo[timeCol].unit) ?? 'min'];
  const timeS = timeRaw.map((v) => v * tf);
  let temperatureC: Float64Array | null = null;
  if (tempCol >= 0) {
    const tu = parseTemperatureUnit(colInfo[tempCol].unit) ?? 'C';
    temperatureC = tu === 'K' ? col(tempCol).map((v) => toCelsius(v, 'K')) : col(tempCol);
  }
  const massPercent = pctCol >= 0 ? col(pctCol) : null;
  let massMg: Float64Array | null = null;
  let massNote: string;
  let impliedMassMg: number | undefined;
  if (massCol >= 0) {
    const unit = parseMassUnit(colInfo[massCol].unit) as 'ug' | 'mg' | 'g';
    const f = MG_PER[unit];
    massMg = col(massCol).map((v) => v * f);
    massNote = f === 1 ? `Weight (${colInfo[massCol].unit}) as written` : `Weight (${colInfo[massCol].unit}) × ${f}`;
    if (massPercent) {
      // TRIOS's % is mass / stored sample mass × 100: the ratio recovers that mass (first row with both, % > 1).
      for (let r = 0; r < nRows; r++) {
        if (Number.isFinite(massMg[r]) && massPercent[r] > 1) {
          impliedMassMg = Number((massMg[r] / (massPercent[r] / 100)).toPrecision(6));
          break;
        }
      }
    }
  } else {
    massNote = 'Weight (%) only: the file gives no mass in mg and no sample mass';
    warnings.push('Only a % mass column and no sample mass: no mass in mg.');
  }
  if (impliedMassMg !== undefined) {
    metadata['Implied sample mass /mg'] = impliedMassMg.toFixed(4);
    warnings.push(`The file does not state the sample mass; ${impliedMassMg.toFixed(4)} mg is implied by Weight (mg) / Weight (%) (TRIOS's stored sample mass).`);
  }

  const columns: ColumnInfo[] = colInfo.map((c, k) => ({
    name: c.name,
    unit: c.unit,
    // The % column feeds massPercent; it is the mass only when there is no mg/µg column.
    role: k === timeCol ? 'time' : k === tempCol ? 'temperature' : k === massCol ? 'mass' : k === pctCol ? (massCol < 0 ? 'mass' : 'ignored') : 'channel',
  }));
  const channels: Channel[] = [];
  colInfo.forEach((c, k) => {
    if (k !== timeCol && k !== tempCol && k !== massCol && k !== pctCol) channels.push({ name: c.name, unit: c.unit, values: col(k) });
  });

  // Procedure and gas.
  const procedure = (metadata.proceduresegments ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
  const programme = procedure.length > 0 ? procedure : blocks.map((b) => b.name).filter(Boolean);
  const found = triosGas(procedure);
  const gas = found?.gas;
  const gasEvents: GasEvent[] = found ? [{ timeS: timeS[0], gas: found.gas, source: `proceduresegments "${found.step}"` }] : [];

  const segments: Segment[] = [];
  const withRows = blocks.filter((b) => b.rows > 0);
  for (const b of blocks) if (b.rows === 0) warnings.push(`Step "${b.name || '(unnamed)'}" (line ${b.line}) has no data rows.`);
  withRows.forEach((b, k) => {
    const next = withRows[k + 1];
    const startS = timeS[b.firstRow];
    const endS = next ? timeS[next.firstRow] : timeS[b.firstRow + b.rows - 1];
    const step = parseTriosStep(b.name);
    let kind = step.kind;
    const tFirst = temperatureC ? firstFinite(temperatureC, b.firstRow, b.rows, 1) : Number.NaN;
    const tLast = temperatureC ? firstFinite(temperatureC, b.firstRow + b.rows - 1, b.rows, -1) : Number.NaN;
    if (kind === 'ramp' && step.targetC !== undefined && step.targetC < tFirst) kind = 'cool';
    if (kind === 'unknown' && step.targetC !== undefined && Number.isFinite(tFirst)) kind = step.targetC < tFirst ? 'cool' : 'ramp';
    // An unnamed step (the first block of some exports): judged from the measured temperature change (±5 °C).
    if (b.name === '' && Number.isFinite(tFirst) && Number.isFinite(tLast)) kind = tLast - tFirst > 5 ? 'ramp' : tFirst - tLast > 5 ? 'cool' : 'isothermal';
    const seg: Segment = { index: blocks.indexOf(b) + 1, label: b.name || `Step ${blocks.indexOf(b) + 1} (unnamed in the file)`, startS, endS, kind };
    if (step.rateCPerMin !== undefined) seg.rateCPerMin = step.rateCPerMin;
    if (step.targetC !== undefined) seg.targetC = step.targetC;
    else if (kind === 'isothermal' && Number.isFinite(tLast)) seg.targetC = Math.round(tLast * 100) / 100;
    if (gas) seg.gas = gas;
    segments.push(seg);
  });

  return {
    technique: 'tga',
    source: {
      fileName,
      formatId: 'ta-trios',
      formatLabel: 'TA Instruments TRIOS text export',
      encoding,
      delimiter,
      decimal: '.',
      headerLine,
      dataStartLine,
      dataEndLine,
      columns,
    },
    sample: {
      name: metadata['Sample name'] || undefined,
      initialMassMg: impliedMassMg,
      instrument: metadata['Instrument name'] || undefined,
      operator: metadata.Operator || undefined,
      date: metadata.rundate || undefined,
      method: procedure.length > 0 ? metadata.proceduresegments : undefined,
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

/** First finite value from `start`, stepping by `dir`, within `count` values. */
function firstFinite(values: Float64Array, start: number, count: number, dir: 1 | -1): number {
  for (let k = 0, r = start; k < count; k++, r += dir) if (Number.isFinite(values[r])) return values[r];
  return Number.NaN;
}

export const taTrios: FormatModule<TgaRun> = {
  id: 'ta-trios',
  label: 'TA Instruments TRIOS text export',
  technique: 'tga',
  extensions: ['txt', 'csv'],
  detect,
  parse,
};
