/**
 * STOE WinXPOW binary raw data ('RAW_1.06Powdat', Stadi P), little-endian, in 512-byte blocks. No published
 * specification; the layout below is the one two independent public readers agree on, checked on a real file whose
 * fields are all consistent (point count = (end − start)/step + 1, intensity minimum and maximum as stored):
 *
 *   0x000  magic 'RAW_1.06Powdat'                 0x010  measurement date, ASCII ('22-Sep-20 17:18')
 *   0x020  NUL-separated texts (sample, title…)   0x142  f32 λ1, 0x146 f32 λ2 (Å)
 *   0x1DA  u16 length of the intensity block in blocks   0x1DC  u16 file length in blocks
 *   0x600  operator, ASCII
 *   D = (blocks@0x1DC − blocks@0x1DA) × 512 is where the counts start; the range header is the block before it:
 *   D−0x200 scan start time, D−0x1F0 scan end time (ASCII), D−0x1DE u16 points,
 *   D−0x1D4 f32 ×6: start 2θ, start θ, end 2θ, end θ, step 2θ, step θ (°), D−0x188 u32 minimum and maximum count,
 *   D  u32 counts, one per point.
 *
 * When the block counters do not lead to a consistent range header, the block boundaries are searched for one whose
 * header and counts agree (said in a warning); one range per file is read. λ1 is the pattern's wavelength; λ2 is kept
 * as the second wavelength without a ratio (the file states none). Errors name the file and the byte offset.
 */
import type { Pattern, Radiation } from '../../../shared/xrd';
import { FormatError, type DetectInput, type FormatModule, type ParseInput } from '../types';
import { float32Decimal, makePattern, maybeReversed, stepAxis } from './common';

const BLOCK = 512;
const MAGIC = 'RAW_1.06Powdat';
const latin1 = new TextDecoder('latin1');

function text(bytes: Uint8Array, at: number, length: number): string {
  if (at < 0 || at >= bytes.length) return '';
  let stop = at;
  const end = Math.min(bytes.length, at + length);
  while (stop < end && bytes[stop] !== 0) stop++;
  return latin1.decode(bytes.subarray(at, stop)).trim();
}

/** 'dd-Mon-yy hh:mm' → seconds since 1970 (read as UTC: the file gives no zone; only differences matter). */
export function stoeTimeS(stamp: string): number | null {
  const m = /^(\d{1,2})-([A-Za-z]{3})-(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(stamp.trim());
  if (!m) return null;
  const month = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(m[2].toLowerCase());
  if (month < 0) return null;
  const y = Number(m[3]);
  const year = m[3].length === 2 ? (y < 70 ? 2000 + y : 1900 + y) : y;
  return Date.UTC(year, month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)) / 1000;
}

interface ScanRange {
  dataAt: number;
  points: number;
  start2ThetaDeg: number;
  end2ThetaDeg: number;
  step2ThetaDeg: number;
  startThetaDeg: number;
  stepThetaDeg: number;
  minCount: number;
  maxCount: number;
}

/** The range whose counts start at byte d, or why it is not one. */
function rangeAt(bytes: Uint8Array, view: DataView, d: number): ScanRange | string {
  if (d < 2 * BLOCK || d > bytes.length) return `an intensity block inside the file (byte ${d} of ${bytes.length})`;
  const points = view.getUint16(d - 0x1de, true);
  const f = (at: number): number => float32Decimal(view.getFloat32(d - at, true));
  const r: ScanRange = {
    dataAt: d,
    points,
    start2ThetaDeg: f(0x1d4),
    startThetaDeg: f(0x1d0),
    end2ThetaDeg: f(0x1cc),
    step2ThetaDeg: f(0x1c4),
    stepThetaDeg: f(0x1c0),
    minCount: view.getUint32(d - 0x188, true),
    maxCount: view.getUint32(d - 0x184, true),
  };
  if (points < 2) return `a point count of at least 2 at byte ${d - 0x1de}`;
  if (d + 4 * points > bytes.length) return `${points} u32 counts from byte ${d} (the file ends at byte ${bytes.length})`;
  const { start2ThetaDeg: a, end2ThetaDeg: b, step2ThetaDeg: s } = r;
  if (![a, b, s].every(Number.isFinite) || s === 0 || Math.abs(a) > 360 || Math.abs(b) > 360) return `finite start, end and step angles at byte ${d - 0x1d4}`;
  if (Math.abs((b - a) / s + 1 - points) > 1) return `a point count matching (end − start)/step + 1 at byte ${d - 0x1de} (${points} points, ${a}–${b}° in steps of ${s}°)`;
  return r;
}

function countsAgree(view: DataView, r: ScanRange): boolean {
  if (r.maxCount === 0) return true;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < r.points; i++) {
    const v = view.getUint32(r.dataAt + 4 * i, true);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo === r.minCount && hi === r.maxCount;
}

export function readStoeRaw(fileName: string, bytes: Uint8Array): Pattern {
  if (bytes.length < 2 * BLOCK) throw new FormatError(fileName, null, `a STOE raw file of at least ${2 * BLOCK} bytes`, `${bytes.length} bytes (truncated file)`);
  const magic = latin1.decode(bytes.subarray(0, 14));
  if (!/^RAW_\d\.\d\dPowdat$/.test(magic)) throw new FormatError(fileName, null, `the STOE magic '${MAGIC}' at byte 0`, magic);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const warnings: string[] = [];
  if (magic !== MAGIC) warnings.push(`file version '${magic}': read with the ${MAGIC} layout`);
  const totalBlocks = view.getUint16(0x1dc, true);
  const dataBlocks = view.getUint16(0x1da, true);
  const fromCounters = (totalBlocks - dataBlocks) * BLOCK;
  let range = rangeAt(bytes, view, fromCounters);
  if (typeof range !== 'string' && !countsAgree(view, range)) range = `counts whose minimum and maximum match the header (byte ${fromCounters - 0x188})`;
  if (typeof range === 'string') {
    const why = range;
    let found: ScanRange | null = null;
    for (let d = 2 * BLOCK; d < bytes.length && !found; d += BLOCK) {
      const r = rangeAt(bytes, view, d);
      if (typeof r !== 'string' && countsAgree(view, r)) found = r;
    }
    if (!found) throw new FormatError(fileName, null, `a scan range before byte ${fromCounters} (block counters ${dataBlocks} of ${totalBlocks} at 0x1DA/0x1DC): ${why}`, 'none found at any block boundary');
    warnings.push(`the block counters (0x1DA/0x1DC) do not point at the scan; it was found at byte ${found.dataAt} by searching the block boundaries`);
    range = found;
  }
  const r = range;
  const counts = new Float64Array(r.points);
  for (let i = 0; i < r.points; i++) counts[i] = view.getUint32(r.dataAt + 4 * i, true);
  const { x, reversed } = stepAxis(r.start2ThetaDeg, r.step2ThetaDeg, r.points);
  const l1 = float32Decimal(view.getFloat32(0x142, true));
  const l2 = float32Decimal(view.getFloat32(0x146, true));
  const radiation: Radiation | undefined = l1 > 0.1 && l1 < 5 ? { wavelengthA: l1, ...(l2 > l1 && l2 < 5 ? { wavelength2A: l2 } : {}) } : undefined;
  if (!radiation) warnings.push(`no wavelength at byte 0x142 (found ${l1})`);
  const texts = latin1
    .decode(bytes.subarray(0x20, 0x130))
    .split('\0')
    .map((t) => t.trim())
    .filter(Boolean);
  const started = text(bytes, r.dataAt - 0x200, 16);
  const ended = text(bytes, r.dataAt - 0x1f0, 16);
  const timeS = stoeTimeS(started);
  const lastX = r.start2ThetaDeg + (r.points - 1) * r.step2ThetaDeg;
  if (Math.abs(lastX - r.end2ThetaDeg) > Math.abs(r.step2ThetaDeg) / 2) warnings.push(`the header's end angle ${r.end2ThetaDeg}° differs from start + (points − 1) × step = ${lastX}°`);
  const metadata: Record<string, string> = {
    version: magic,
    date: text(bytes, 0x10, 16),
    ...(texts.length ? { texts: texts.join(' | ') } : {}),
    operator: text(bytes, 0x600, 32),
    'scan start': started,
    'scan end': ended,
    'start 2θ': String(r.start2ThetaDeg),
    'end 2θ': String(r.end2ThetaDeg),
    'step 2θ': String(r.step2ThetaDeg),
    'start θ': String(r.startThetaDeg),
    'step θ': String(r.stepThetaDeg),
    points: String(r.points),
    'min count': String(r.minCount),
    'max count': String(r.maxCount),
    'data offset': String(r.dataAt),
    ...(reversed ? { 'scan direction': 'decreasing 2θ (points stored ascending)' } : {}),
  };
  return makePattern({
    fileName,
    formatId: 'stoe-raw',
    x,
    intensity: maybeReversed(counts, reversed),
    wavelengthA: radiation?.wavelengthA ?? null,
    ...(radiation ? { radiation } : {}),
    timeS,
    ...(timeS !== null ? { timeKind: 'epoch' as const, acquiredAt: started } : {}),
    metadata,
    warnings,
  });
}

export const stoeRaw: FormatModule<Pattern> = {
  id: 'stoe-raw',
  label: 'STOE WinXPOW raw (.raw)',
  technique: 'xrd',
  extensions: ['raw'],
  detect({ headBytes }: DetectInput): number {
    try {
      const magic = latin1.decode(headBytes.subarray(0, 14));
      if (magic === MAGIC) return 0.98;
      return /^RAW_\d\.\d\dPowdat$/.test(magic) ? 0.9 : 0;
    } catch {
      return 0;
    }
  },
  parse({ fileName, bytes }: ParseInput): Pattern {
    return readStoeRaw(fileName, bytes);
  },
};
