/**
 * Rigaku .ras text export (SmartLab Guidance/Studio, MiniFlex, Ultima): one block per scan,
 *
 *   *RAS_DATA_START
 *   *RAS_HEADER_START
 *   *FILE_SAMPLE "Fe2O3"
 *   *HW_XG_TARGET_NAME "Cu"
 *   *HW_XG_WAVE_LENGTH_ALPHA1 "1.540593"
 *   *HW_XG_WAVE_LENGTH_ALPHA2 "1.544414"
 *   *MEAS_SCAN_AXIS_X "TwoThetaOmega"
 *   *MEAS_SCAN_START "10.0000"  *MEAS_SCAN_STOP "80.0000"  *MEAS_SCAN_STEP "0.0200"
 *   *MEAS_SCAN_START_TIME "06/11/26 13:59:11"          (MM/DD/YY hh:mm:ss)
 *   *MEAS_SCAN_UNIT_X "deg"  *MEAS_SCAN_UNIT_Y "counts"  *MEAS_DATA_COUNT "3501"
 *   *RAS_HEADER_END
 *   *RAS_INT_START
 *   10.0000 1234 1.0000                                  (angle, counts, attenuator factor)
 *   *RAS_INT_END
 *   *RAS_DATA_END
 *
 * Intensity = counts × attenuator factor (column 3, 1 when no attenuator was in), as in the .rasx profiles. A scan
 * whose axis is not 2θ (an Omega rocking curve, a Chi or Phi scan) is not a powder pattern and is refused, naming
 * the line. The Kα2/Kα1 ratio is not in the file; `radiation.ratio21` is left out rather than assumed. Header values
 * are kept verbatim in metadata (without the leading '*').
 */
import type { Pattern, Radiation } from '../../../shared/xrd';
import { decodeBytes, splitLines } from '../../text/decode';
import { FormatError, type DetectInput, type FormatModule, type ParseInput } from '../types';
import { makePattern } from './common';

const HEADER_LINE = /^\*([A-Z0-9_]+)\s*(?:"(.*)"|(\S.*?))?\s*$/;
const TWO_THETA_AXIS = /2-?theta|twotheta|2θ|2th/i;

/** 'MM/DD/YY hh:mm:ss' (Rigaku's order) or an ISO stamp → seconds since 1970 (read as UTC: the file gives no zone). */
export function rasTimeS(stamp: string): number | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(stamp.trim());
  if (m) {
    const y = Number(m[3]);
    const year = m[3].length === 2 ? 2000 + y : y;
    return Date.UTC(year, Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)) / 1000;
  }
  const ms = Date.parse(stamp.trim());
  return Number.isFinite(ms) && /^\d{4}-\d{2}-\d{2}/.test(stamp.trim()) ? ms / 1000 : null;
}

interface RasScan {
  header: Record<string, string>;
  headerLines: Record<string, number>;
  x: number[];
  counts: number[];
  factor: number[];
  startLine: number;
}

export function readRasScans(fileName: string, bytes: Uint8Array): Pattern[] {
  const { text } = decodeBytes(bytes);
  const lines = splitLines(text);
  const scans: RasScan[] = [];
  let scan: RasScan | null = null;
  let mode: 'none' | 'header' | 'data' = 'none';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    if (line.startsWith('*')) {
      const tag = line.split(/\s/)[0].toUpperCase();
      if (tag === '*RAS_HEADER_START') {
        if (mode === 'data') throw new FormatError(fileName, i + 1, "'*RAS_INT_END' before the next header", line);
        scan = { header: {}, headerLines: {}, x: [], counts: [], factor: [], startLine: i + 1 };
        scans.push(scan);
        mode = 'header';
        continue;
      }
      if (tag === '*RAS_HEADER_END') {
        mode = 'none';
        continue;
      }
      if (tag === '*RAS_INT_START') {
        if (!scan) throw new FormatError(fileName, i + 1, "a '*RAS_HEADER_START' block before the intensities", line);
        mode = 'data';
        continue;
      }
      if (tag === '*RAS_INT_END') {
        if (mode !== 'data') throw new FormatError(fileName, i + 1, "'*RAS_INT_END' after '*RAS_INT_START'", line);
        mode = 'none';
        continue;
      }
      if (mode === 'header' && scan) {
        const m = HEADER_LINE.exec(line);
        if (m) {
          scan.header[m[1]] = (m[2] ?? m[3] ?? '').trim();
          scan.headerLines[m[1]] = i + 1;
        }
      }
      continue;
    }
    if (mode !== 'data' || !scan) continue;
    const cells = line.split(/[\s,;]+/);
    const a = Number(cells[0]);
    const c = Number(cells[1]);
    const f = cells.length > 2 ? Number(cells[2]) : 1;
    if (cells.length < 2 || !Number.isFinite(a) || !Number.isFinite(c) || !Number.isFinite(f)) {
      throw new FormatError(fileName, i + 1, "a data row 'angle counts [attenuator factor]'", line);
    }
    scan.x.push(a);
    scan.counts.push(c);
    scan.factor.push(f);
  }
  if (mode === 'data') throw new FormatError(fileName, lines.length, "'*RAS_INT_END' after the last data row", 'end of file');
  if (scans.length === 0) throw new FormatError(fileName, 1, "a '*RAS_HEADER_START' block");
  return scans.map((s, index) => scanPattern(fileName, s, index, scans.length));
}

function scanPattern(fileName: string, s: RasScan, index: number, count: number): Pattern {
  const h = s.header;
  const axis = h.MEAS_SCAN_AXIS_X ?? '';
  if (axis !== '' && !TWO_THETA_AXIS.test(axis)) {
    throw new FormatError(fileName, s.headerLines.MEAS_SCAN_AXIS_X ?? s.startLine, `a 2θ scan (MEAS_SCAN_AXIS_X 2-Theta/Omega, TwoThetaOmega, …) in scan ${index + 1}`, axis);
  }
  const unitX = (h.MEAS_SCAN_UNIT_X ?? 'deg').toLowerCase();
  if (unitX !== '' && !/^deg/.test(unitX)) throw new FormatError(fileName, s.headerLines.MEAS_SCAN_UNIT_X ?? s.startLine, 'the scan axis in degrees (MEAS_SCAN_UNIT_X "deg")', h.MEAS_SCAN_UNIT_X);
  if (s.x.length === 0) throw new FormatError(fileName, s.startLine, `data rows between '*RAS_INT_START' and '*RAS_INT_END' in scan ${index + 1}`);
  const x = Float64Array.from(s.x);
  const intensity = Float64Array.from(s.counts, (c, i) => c * s.factor[i]);
  const k1 = Number(h.HW_XG_WAVE_LENGTH_ALPHA1);
  const k2 = Number(h.HW_XG_WAVE_LENGTH_ALPHA2);
  const unitL = (h.HW_XG_WAVE_LENGTH_UNIT ?? 'Angstrom').toLowerCase();
  const scale = /^nm/.test(unitL) ? 10 : 1;
  const radiation: Radiation | undefined = k1 > 0 ? { wavelengthA: k1 * scale, ...(k2 > 0 ? { wavelength2A: k2 * scale } : {}) } : undefined;
  const warnings: string[] = [];
  const declared = Number(h.MEAS_DATA_COUNT);
  if (Number.isFinite(declared) && declared > 0 && declared !== x.length) warnings.push(`MEAS_DATA_COUNT says ${declared}, the scan holds ${x.length} rows`);
  if (!radiation) warnings.push('no HW_XG_WAVE_LENGTH_ALPHA1 in the header');
  if (axis === '') warnings.push('no MEAS_SCAN_AXIS_X in the header: x read as 2θ in degrees');
  const start = h.MEAS_SCAN_START_TIME ?? '';
  const timeS = start ? rasTimeS(start) : null;
  const metadata: Record<string, string> = { ...h, scan: String(index + 1), scans: String(count) };
  if (s.factor.some((f) => f !== 1)) metadata['attenuator'] = 'counts × attenuator factor (column 3)';
  return makePattern({
    fileName,
    formatId: 'rigaku-ras',
    x,
    xUnit: '2th_deg',
    intensity,
    wavelengthA: radiation?.wavelengthA ?? null,
    ...(radiation ? { radiation } : {}),
    timeS,
    ...(timeS !== null ? { timeKind: 'epoch' as const, acquiredAt: start } : {}),
    label: count > 1 ? `scan ${index + 1}` : undefined,
    frameIndex: index,
    metadata,
    warnings,
  });
}

export const rigakuRas: FormatModule<Pattern> & { readSequenceFile(fileName: string, bytes: Uint8Array): Pattern[] } = {
  id: 'rigaku-ras',
  label: 'Rigaku .ras (text)',
  technique: 'xrd',
  extensions: ['ras'],
  detect({ headText }: DetectInput): number {
    try {
      if (/^\uFEFF?\*RAS_(DATA|HEADER)_START\b/m.test(headText)) return 0.97;
      return 0;
    } catch {
      return 0;
    }
  },
  parse({ fileName, bytes }: ParseInput): Pattern {
    const scans = readRasScans(fileName, bytes);
    if (scans.length > 1) scans[0].warnings.push(`the file holds ${scans.length} scans; the first is shown (import as a sequence for all)`);
    return scans[0];
  },
  readSequenceFile: readRasScans,
};
