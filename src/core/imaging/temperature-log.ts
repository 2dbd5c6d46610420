/**
 * A temperature log joined to the frames by time. The file is a table (comma, semicolon, tab or spaces) whose
 * columns are found by header: time (t, time, elapsed; unit s, ms or min from the header, default s; or clock
 * times such as 2024-05-01T12:00:03.25 or 12:00:03) and temperature (T, temp, temperature, thermocouple; unit K or
 * °C from the header). Without a header the first two numeric columns are time (s) and temperature; the unit of
 * a header-less temperature must be given (K is the default and is said so). Interpolation is linear; frames
 * outside the log's time range get NaN (no extrapolation).
 */
import { decodeBytes, splitLines } from '../text/decode';
import { FormatError } from '../formats/types';
import type { TemperatureLog } from '../../shared/radiography';

export interface ParsedTemperatureLog {
  /** Seconds: elapsed as written, or seconds since 1970 (UTC-naive) for clock times. */
  timeS: Float64Array;
  clock: boolean;
  temperatureK: Float64Array;
  note: string;
}

const CLOCK = /^(?:(\d{4})-(\d{2})-(\d{2})[T ])?(\d{1,2}):(\d{2}):(\d{2}(?:\.\d+)?)$/;

function clockSeconds(text: string): number | null {
  const m = CLOCK.exec(text.trim());
  if (!m) return null;
  const day = m[1] ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 1000 : 0;
  return day + Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6]);
}

function split(line: string): string[] {
  const t = line.trim();
  if (t.includes('\t')) return t.split('\t').map((s) => s.trim());
  if (t.includes(';')) return t.split(';').map((s) => s.trim());
  if (t.includes(',')) return t.split(',').map((s) => s.trim());
  return t.split(/\s+/);
}

/** What a header cell names: the time, the temperature, or a bare "t" (either). */
function headerKind(cell: string): 'time' | 'temperature' | 't' | null {
  const c = cell.trim().toLowerCase();
  if (/temp|thermo|^tc\b/.test(c)) return 'temperature';
  if (/time|elapsed|clock|date|^sec/.test(c)) return 'time';
  if (/^t\s*[([_ ]\s*(k|°\s*c|c|degc|kelvin)\b/.test(c)) return 'temperature';
  if (/^t\s*[([_ ]\s*(s|ms|min|h)\b/.test(c)) return 'time';
  return c === 't' ? 't' : null;
}

function timeFactor(header: string): number {
  if (/\bms\b|millisec/i.test(header)) return 1e-3;
  if (/\bmin\b|minute/i.test(header)) return 60;
  if (/\bh\b|hour/i.test(header)) return 3600;
  return 1;
}

function temperatureUnit(header: string): 'K' | 'C' | null {
  if (/°\s*C|deg\s*C|\bdegC\b|\(C\)|\[C\]|_C\b|\bcelsius\b/i.test(header)) return 'C';
  if (/\(K\)|\[K\]|_K\b|\bK\b|kelvin/.test(header)) return 'K';
  return null;
}

export function parseTemperatureLog(fileName: string, bytes: Uint8Array, options: { unit?: 'K' | 'C' } = {}): ParsedTemperatureLog {
  const lines = splitLines(decodeBytes(bytes).text);
  let header: string[] | null = null;
  let timeCol = 0;
  let tempCol = 1;
  const times: number[] = [];
  const temps: number[] = [];
  let clock: boolean | null = null;
  let headerLine = 0;
  for (let li = 0; li < lines.length; li++) {
    const raw = lines[li];
    if (raw.trim() === '' || /^\s*[#%]/.test(raw)) continue;
    const cells = split(raw);
    const isData = cells.length >= 2 && cells.some((c) => c !== '' && Number.isFinite(Number(c)));
    if (!isData && times.length === 0) {
      header = cells;
      headerLine = li + 1;
      const kinds = cells.map(headerKind);
      const ti = kinds.indexOf('time');
      const Ti = kinds.indexOf('temperature');
      const bare = kinds.indexOf('t');
      if (ti >= 0) timeCol = ti;
      else if (bare >= 0 && bare !== Ti) timeCol = bare;
      if (Ti >= 0) tempCol = Ti;
      else if (bare >= 0 && bare !== timeCol) tempCol = bare;
      else tempCol = timeCol === 0 ? 1 : 0;
      continue;
    }
    if (cells.length <= Math.max(timeCol, tempCol)) continue;
    const tText = cells[timeCol];
    const T = Number(cells[tempCol]);
    let t = Number(tText);
    let isClock = false;
    if (!Number.isFinite(t) || tText === '') {
      const c = clockSeconds(tText);
      if (c === null) throw new FormatError(fileName, li + 1, 'a time (seconds, or a clock time such as 12:00:03.5) in the time column', tText);
      t = c;
      isClock = true;
    }
    if (clock === null) clock = isClock;
    else if (clock !== isClock) throw new FormatError(fileName, li + 1, 'times of one kind (all numbers or all clock times)', tText);
    if (!Number.isFinite(T)) throw new FormatError(fileName, li + 1, 'a temperature in the temperature column', cells[tempCol]);
    times.push(t);
    temps.push(T);
  }
  if (times.length < 2) throw new FormatError(fileName, null, 'a temperature log with at least two rows of time and temperature', `${times.length} rows`);
  for (let i = 1; i < times.length; i++) {
    if (times[i] < times[i - 1]) throw new FormatError(fileName, null, 'times in increasing order', `${times[i]} after ${times[i - 1]} (row ${i + 1})`);
  }
  const tHeader = header?.[timeCol] ?? '';
  const THeader = header?.[tempCol] ?? '';
  const factor = clock ? 1 : timeFactor(tHeader);
  const headerUnit = temperatureUnit(THeader);
  const unit = options.unit ?? headerUnit ?? 'K';
  const why = options.unit ? 'as given' : headerUnit ? `from the header "${THeader}"` : 'assumed: the header states no unit';
  const note = `${fileName}: ${times.length} rows${header ? ` (header on line ${headerLine})` : ''}; time ${clock ? 'as clock times' : `in ${factor === 1 ? 's' : factor === 1e-3 ? 'ms' : factor === 60 ? 'min' : 'h'}`} (column ${timeCol + 1}${tHeader ? ` "${tHeader}"` : ''}), temperature in ${unit === 'C' ? '°C → K' : 'K'} (${why}, column ${tempCol + 1})`;
  return {
    timeS: Float64Array.from(times, (t) => t * factor),
    clock: clock === true,
    temperatureK: Float64Array.from(temps, (T) => (unit === 'C' ? T + 273.15 : T)),
    note,
  };
}

/** Linear interpolation of y(x) at `at`; NaN outside [x₀, x_last]. x ascending. */
export function interpolate(x: Float64Array, y: Float64Array, at: number): number {
  const n = x.length;
  if (!(at >= x[0] && at <= x[n - 1])) return NaN;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= at) lo = mid;
    else hi = mid;
  }
  const dx = x[hi] - x[lo];
  return dx > 0 ? y[lo] + ((y[hi] - y[lo]) * (at - x[lo])) / dx : y[lo];
}

/**
 * Temperature at each frame time. Frame times are seconds from the first frame; `frameClock0S` is the clock time of
 * the first frame when the files state clock times. A log in clock times is joined on the clock when the frames have
 * one, else from its first row (said in the note). offsetS is added to the frame times before the look-up.
 */
export function joinTemperature(
  log: ParsedTemperatureLog,
  name: string,
  frameTimesS: Float64Array,
  options: { frameClock0S?: number | null; offsetS?: number } = {},
): { temperatureK: Float64Array; log: TemperatureLog; outside: number; note: string } {
  let origin = 0;
  let note = log.note;
  if (log.clock) {
    if (options.frameClock0S !== undefined && options.frameClock0S !== null) {
      origin = options.frameClock0S;
      note += '; joined on the clock times of the frames';
    } else {
      origin = log.timeS[0];
      note += '; the frames have no clock times: the log is taken to start with the first frame';
    }
  }
  const offset = options.offsetS ?? 0;
  const t = Float64Array.from(log.timeS, (v) => v - origin);
  const out = new Float64Array(frameTimesS.length);
  let outside = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = interpolate(t, log.temperatureK, frameTimesS[i] + offset);
    if (Number.isNaN(out[i])) outside++;
  }
  if (offset !== 0) note += `; frame times shifted by ${offset} s`;
  return { temperatureK: out, log: { name, timeS: t, temperatureK: log.temperatureK, note }, outside, note };
}
