/**
 * Energy-dispersive diffraction (EDD) spectra as read from the instrument files: counts per MCA channel and, when
 * the file or the user gives one, the energy calibration E = a + b·ch + c·ch² (keV, ch = 0-based channel).
 */
import type { DetectInput, ParseInput } from '../types';

export interface EnergyCalibration {
  /** keV */
  a: number;
  /** keV per channel */
  b: number;
  /** keV per channel² */
  c: number;
  /** Where it came from: 'file' (the header's calibration), 'columns' (an energy column), 'user'. */
  source: 'file' | 'columns' | 'user';
  /** Calibration points the file listed (channel, keV), if any. */
  points?: [number, number][];
}

export interface EddSpectrum {
  fileName: string;
  formatId: string;
  /** Label within the file: '' for single-spectrum files, 'S3 #2' for the 2nd MCA of SPEC scan 3. */
  label: string;
  /** 0-based MCA channel of every point. */
  channel: Float64Array;
  counts: Float64Array;
  /** Energy of every point (keV), ascending; null when no calibration is known yet. */
  energyKeV: Float64Array | null;
  calibration: EnergyCalibration | null;
  liveTimeS: number | null;
  realTimeS: number | null;
  /** Acquisition start as written in the file, normalised to ISO 8601 (local time, no zone) when it parses. */
  startTime: string | null;
  /** Header fields verbatim. */
  metadata: Record<string, string>;
  warnings: string[];
  /** 1-based line of the first count. */
  dataStartLine: number;
}

export interface EddFormatModule {
  id: string;
  label: string;
  technique: 'edd';
  extensions: string[];
  /** 0..1; never throws. */
  detect(input: DetectInput): number;
  /** Every spectrum in the file (SPEC files hold many). Throws FormatError naming file and line. */
  parse(input: ParseInput): EddSpectrum[];
}

/** Energies of channels by the calibration polynomial. */
export function energiesOf(channel: Float64Array, cal: Pick<EnergyCalibration, 'a' | 'b' | 'c'>): Float64Array {
  return Float64Array.from(channel, (ch) => cal.a + cal.b * ch + cal.c * ch * ch);
}

/**
 * Least-squares polynomial E(ch) through calibration points: linear for two points, and also for more unless the
 * caller asks for quadratic (order 2 needs ≥ 3 points).
 */
export function fitCalibration(points: [number, number][], order: 1 | 2 = 1): { a: number; b: number; c: number } {
  const n = points.length;
  if (n < 2) throw new Error('an energy calibration needs at least two (channel, energy) points');
  const m = order === 2 && n >= 3 ? 3 : 2;
  // Normal equations in the monomials 1, ch, ch².
  const ata = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  const atb = new Array<number>(m).fill(0);
  for (const [ch, e] of points) {
    const row = [1, ch, ch * ch].slice(0, m);
    for (let i = 0; i < m; i++) {
      atb[i] += row[i] * e;
      for (let j = 0; j < m; j++) ata[i][j] += row[i] * row[j];
    }
  }
  // Gaussian elimination (m ≤ 3).
  for (let i = 0; i < m; i++) {
    let p = i;
    for (let r = i + 1; r < m; r++) if (Math.abs(ata[r][i]) > Math.abs(ata[p][i])) p = r;
    [ata[i], ata[p]] = [ata[p], ata[i]];
    [atb[i], atb[p]] = [atb[p], atb[i]];
    if (Math.abs(ata[i][i]) < 1e-300) throw new Error('energy calibration points are degenerate (the same channel twice?)');
    for (let r = i + 1; r < m; r++) {
      const f = ata[r][i] / ata[i][i];
      for (let cI = i; cI < m; cI++) ata[r][cI] -= f * ata[i][cI];
      atb[r] -= f * atb[i];
    }
  }
  const x = new Array<number>(m).fill(0);
  for (let i = m - 1; i >= 0; i--) {
    let s = atb[i];
    for (let j = i + 1; j < m; j++) s -= ata[i][j] * x[j];
    x[i] = s / ata[i][i];
  }
  return { a: x[0], b: x[1], c: m === 3 ? x[2] : 0 };
}

/** Month/day/year or ISO date-times to ISO 8601 without a zone; null when unrecognised. */
export function normaliseDateTime(s: string): string | null {
  const t = s.trim();
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(t);
  if (m) return `${m[3]}-${m[1].padStart(2, '0')}-${m[2].padStart(2, '0')}T${m[4].padStart(2, '0')}:${m[5]}:${m[6].padStart(2, '0')}`;
  m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(t);
  if (m) return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`;
  // SPEC '#D Thu Mar 02 10:11:12 2023'
  m = /^(?:[A-Z][a-z]{2}\s+)?([A-Z][a-z]{2})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(\d{4})$/.exec(t);
  if (m) {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const mon = months.indexOf(m[1]) + 1;
    if (mon > 0) return `${m[6]}-${String(mon).padStart(2, '0')}-${m[2].padStart(2, '0')}T${m[3].padStart(2, '0')}:${m[4]}:${m[5]}`;
  }
  return null;
}
