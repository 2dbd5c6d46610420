/**
 * Multi-column beamline tables: one header line naming the columns, then one row per point, with several axes for
 * the same point (2θ at the beamline wavelength, 2θ converted to Cu Kα, d, q), an intensity, and often an image or
 * frame number, a monitor and a date/time per row:
 *
 *   imagenum  twotheta  twotheta_cuka  dspacing  qvalue  intensity  frame_number  izero  date  time
 *        0    3.00000       3.72796    23.68194  0.26532       0.00      1        10897.00 07/07/2022 19:15:30
 *
 * Reading rules, each said in the pattern's metadata ('x column', 'wavelength source') so the import report shows it:
 * - x: the measured 2θ when there is one (a column named 2θ without a "converted" suffix such as _cuka), else q,
 *   else d, else a converted 2θ (whose wavelength is the tube's, not the beamline's). The other axes are checked
 *   against it where they can be.
 * - λ: a 'wavelength'/'lambda' column or header comment; else derived from the 2θ and d columns (λ = 2d·sin θ) or the
 *   2θ and q columns (λ = 4π·sin θ/q), the median over all rows, refused when the rows disagree by more than 0.1 %.
 * - frames: consecutive rows with the same image/frame/scan number form one frame; without such a column the table is
 *   one pattern. A date and time per row give the frame's time when they increase from frame to frame.
 * - intensity: the column named intensity/counts/I; a monitor column (izero, i0, monitor) is kept per frame in the
 *   metadata, not divided out.
 * Columns may be separated by whitespace, tabs, commas or semicolons. Errors name the file, the line and what was
 * expected.
 */
import type { Pattern, XAxisUnit } from '../../../shared/xrd';
import { decodeBytes, splitLines } from '../../text/decode';
import { FormatError, type DetectInput, type FormatModule, type ParseInput } from '../types';
import { makePattern } from './common';

type Role = 'tth' | 'tthConverted' | 'd' | 'q' | 'intensity' | 'image' | 'monitor' | 'date' | 'time' | 'wavelength' | 'other';

interface Column {
  name: string;
  role: Role;
  /** For q: Å⁻¹ or nm⁻¹; for d: Å scale factor. */
  unit?: XAxisUnit;
  scale?: number;
}

/** A column's role from its name (units in brackets or parentheses are read too). */
export function columnRole(raw: string): Column {
  const name = raw.trim();
  const s = name.toLowerCase().replace(/[\s_\-.]/g, '');
  const unit = /\[(.*?)\]|\((.*?)\)/.exec(name)?.slice(1).find(Boolean)?.toLowerCase() ?? '';
  const base = s.replace(/\[.*?\]|\(.*?\)/g, '');
  if (/^(2theta|twotheta|tth|2th|2θ)(deg|degree|degrees)?$/.test(base)) return { name, role: 'tth' };
  if (/^(2theta|twotheta|tth|2th|2θ)(cuka|cuka1|cu|mo|moka|co|coka|converted|conv)/.test(base)) return { name, role: 'tthConverted' };
  if (/^(d|dspacing|dvalue|dspace)(a|å|angstrom)?$/.test(base)) return { name, role: 'd', unit: 'd_A', scale: unit === 'nm' || /nm$/.test(base) ? 10 : 1 };
  if (/^d(nm)$/.test(base)) return { name, role: 'd', unit: 'd_A', scale: 10 };
  if (/^(q|qvalue|qval|qa|qa1|qa\^1|qnm|qnm1)$/.test(base) || /^q(a|å)\^?-?1$/.test(base) || /^qnm\^?-?1$/.test(base)) {
    const nm = /nm/.test(base) || /nm/.test(unit);
    return { name, role: 'q', unit: nm ? 'q_nm^-1' : 'q_A^-1', scale: 1 };
  }
  if (/^(intensity|int|i|counts|count|iobs|yobs|y)$/.test(base)) return { name, role: 'intensity' };
  if (/^(imagenum|imagenumber|image|img|frame|framenum|scan|scannum|scannumber|imageno)$/.test(base)) return { name, role: 'image' };
  if (/^(izero|i0|monitor|mon|ionchamber)$/.test(base)) return { name, role: 'monitor' };
  if (/^(date)$/.test(base)) return { name, role: 'date' };
  if (/^(time|clock|timestamp)$/.test(base)) return { name, role: 'time' };
  if (/^(wavelength|lambda|λ)$/.test(base)) return { name, role: 'wavelength' };
  return { name, role: 'other' };
}

const SPLIT = /[\s,;]+/;

function headerColumns(line: string): Column[] {
  return line.trim().replace(/^#\s*/, '').split(SPLIT).filter(Boolean).map(columnRole);
}

/** Is this header line one the table reader should claim: an intensity, and two axes or an image number beside an axis. */
function claims(cols: Column[]): boolean {
  const roles = new Set(cols.map((c) => c.role));
  const axes = ['tth', 'tthConverted', 'd', 'q'].filter((r) => roles.has(r as Role)).length;
  return roles.has('intensity') && (axes >= 2 || (axes >= 1 && roles.has('image')));
}

/** 'MM/DD/YYYY hh:mm:ss' or 'YYYY-MM-DD hh:mm:ss' → seconds since 1970 (UTC: the table gives no zone). */
function stampS(date: string, time: string): number | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(date);
  const t = /^(\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?$/.exec(time);
  if (!t || (!iso && !us)) return null;
  const [y, mo, d] = iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : [Number(us![3]), Number(us![1]), Number(us![2])];
  return Date.UTC(y, mo - 1, d, Number(t[1]), Number(t[2])) / 1000 + Number(t[3] ?? 0);
}

const median = (a: number[]): number => {
  const s = [...a].sort((p, q) => p - q);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** λ (Å) from paired 2θ and d, or 2θ and q, columns, with the relative spread of the per-row values. */
function derivedWavelength(tthDeg: Float64Array, other: Float64Array, kind: 'd' | 'q', scale: number): { lambdaA: number; spread: number } | null {
  const values: number[] = [];
  for (let i = 0; i < tthDeg.length; i++) {
    const s = Math.sin((tthDeg[i] * Math.PI) / 360);
    const v = other[i] * scale;
    if (!(s > 1e-4) || !(v > 0) || !Number.isFinite(v)) continue;
    values.push(kind === 'd' ? 2 * v * s : (4 * Math.PI * s) / v);
  }
  if (values.length < 2) return null;
  const m = median(values);
  const spread = (Math.max(...values) - Math.min(...values)) / m;
  return { lambdaA: Number(m.toPrecision(6)), spread };
}

export function readBeamlineTable(fileName: string, bytes: Uint8Array): Pattern[] {
  const lines = splitLines(decodeBytes(bytes).text);
  let h = 0;
  const comments: string[] = [];
  while (h < lines.length && (lines[h].trim() === '' || (lines[h].trim().startsWith('#') && !claims(headerColumns(lines[h]))))) {
    if (lines[h].trim() !== '') comments.push(lines[h].trim());
    h++;
  }
  if (h >= lines.length) throw new FormatError(fileName, null, 'a header line naming the columns (2θ, d, q, intensity, image…)');
  const cols = headerColumns(lines[h]);
  if (!claims(cols)) throw new FormatError(fileName, h + 1, 'a header naming an intensity column and two axes (2θ, d, q) or an axis and an image number', lines[h]);
  const idx = (role: Role): number => cols.findIndex((c) => c.role === role);
  const iInt = idx('intensity');
  const iImage = idx('image');
  const iDate = idx('date');
  const iTime = idx('time');
  const iMon = idx('monitor');
  const iWave = idx('wavelength');
  // Rows: numbers where a number is expected; the date/time columns stay text.
  const values: number[][] = cols.map(() => []);
  const dateText: string[] = [];
  const timeText: string[] = [];
  const rowLine: number[] = [];
  for (let i = h + 1; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const cells = line.split(SPLIT);
    if (cells.length < cols.length) throw new FormatError(fileName, i + 1, `${cols.length} columns as named in line ${h + 1}`, line);
    for (let k = 0; k < cols.length; k++) {
      if (k === iDate || k === iTime) continue;
      const v = Number(cells[k]);
      if (!Number.isFinite(v)) {
        if (cols[k].role === 'other') {
          values[k].push(Number.NaN);
          continue;
        }
        throw new FormatError(fileName, i + 1, `a number in column '${cols[k].name}'`, cells[k]);
      }
      values[k].push(v);
    }
    if (iDate >= 0) dateText.push(cells[iDate]);
    if (iTime >= 0) timeText.push(cells[iTime]);
    rowLine.push(i + 1);
  }
  const nRows = rowLine.length;
  if (nRows < 2) throw new FormatError(fileName, h + 2, 'at least two data rows');

  // Frames: runs of one image number.
  const bounds: [number, number][] = [];
  if (iImage >= 0) {
    let from = 0;
    for (let r = 1; r <= nRows; r++) {
      if (r === nRows || values[iImage][r] !== values[iImage][r - 1]) {
        bounds.push([from, r]);
        from = r;
      }
    }
  } else bounds.push([0, nRows]);

  // The x column.
  const present = (role: Role): number => idx(role);
  const order: Role[] = ['tth', 'q', 'd', 'tthConverted'];
  const xRole = order.find((r) => present(r) >= 0) as Role;
  const iX = present(xRole);
  const others = cols.filter((c, k) => k !== iX && ['tth', 'tthConverted', 'd', 'q'].includes(c.role)).map((c) => c.name);
  const xWhy: Record<Role, string> = {
    tth: '2θ at the beamline wavelength',
    q: 'q (no measured 2θ column)',
    d: 'd (no measured 2θ or q column)',
    tthConverted: '2θ converted to another wavelength (the only axis; the tube wavelength is not stated)',
  } as Record<Role, string>;
  const xColumnNote = `${cols[iX].name}: ${xWhy[xRole]}${others.length ? `; also in the file: ${others.join(', ')}` : ''}`;
  const xUnit: XAxisUnit = xRole === 'q' ? (cols[iX].unit ?? 'q_A^-1') : xRole === 'd' ? 'd_A' : '2th_deg';
  const xScale = xRole === 'd' ? (cols[iX].scale ?? 1) : 1;

  // The wavelength.
  let wavelengthA: number | null = null;
  let wavelengthSource = 'not stated, and no pair of 2θ and d or q columns to derive it from';
  const fromComment = comments.map((c) => /(?:wavelength|lambda|λ)\s*[=:]?\s*([\d.]+(?:[eE][-+]?\d+)?)\s*(Å|A|angstrom|nm|m)?\b/i.exec(c)).find(Boolean);
  if (iWave >= 0 && Number.isFinite(values[iWave][0]) && values[iWave][0] > 0) {
    wavelengthA = values[iWave][0];
    wavelengthSource = `the '${cols[iWave].name}' column`;
  } else if (fromComment) {
    const v = Number(fromComment[1]);
    const u = (fromComment[2] ?? 'A').toLowerCase();
    wavelengthA = u === 'nm' ? v * 10 : u === 'm' ? v * 1e10 : v;
    wavelengthSource = `the header comment '${fromComment[0].trim()}'`;
  } else if (present('tth') >= 0 && (present('d') >= 0 || present('q') >= 0)) {
    const tth = Float64Array.from(values[present('tth')]);
    const useD = present('d') >= 0;
    const k = useD ? present('d') : present('q');
    const q = cols[k];
    const scale = useD ? (q.scale ?? 1) : q.unit === 'q_nm^-1' ? 0.1 : 1;
    const got = derivedWavelength(tth, Float64Array.from(values[k]), useD ? 'd' : 'q', scale);
    if (got) {
      if (got.spread > 1e-3) {
        throw new FormatError(fileName, rowLine[0], `2θ and ${q.name} columns that agree on one wavelength (λ = ${useD ? '2d·sin θ' : '4π·sin θ/q'})`, `λ varies by ${(got.spread * 100).toFixed(2)} % over the rows`);
      }
      wavelengthA = got.lambdaA;
      wavelengthSource = `derived from the ${cols[present('tth')].name} and ${q.name} columns (λ = ${useD ? '2d·sin θ' : '4π·sin θ/q'}, rows agree within ${(got.spread * 100).toPrecision(2)} %)`;
    }
  }

  // Times, when the stamps increase from frame to frame.
  const frameStamp = bounds.map(([a]) => (iDate >= 0 && iTime >= 0 ? stampS(dateText[a], timeText[a]) : null));
  const increasing = frameStamp.every((t, k) => t !== null && (k === 0 || t > (frameStamp[k - 1] as number)));
  const sharedStampNote = bounds.length > 1 && frameStamp.every((t) => t !== null) && !increasing ? `the frames' time stamps do not increase (${dateText[0]} ${timeText[0]} …): frame times come from the frame index × interval` : null;

  return bounds.map(([a, b], k) => {
    const n = b - a;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      x[r] = values[iX][a + r] * xScale;
      y[r] = values[iInt][a + r];
    }
    const metadata: Record<string, string> = {
      columns: cols.map((c) => c.name).join(' '),
      'x column': xColumnNote,
      'intensity column': cols[iInt].name,
      'wavelength source': wavelengthSource,
      lines: `${rowLine[a]}–${rowLine[b - 1]}`,
    };
    if (iImage >= 0) metadata[cols[iImage].name] = String(values[iImage][a]);
    if (iMon >= 0) metadata[cols[iMon].name] = String(values[iMon][a]);
    if (iDate >= 0 && iTime >= 0) metadata['date time'] = `${dateText[a]} ${timeText[a]}`;
    const warnings: string[] = [];
    if (sharedStampNote && k === 0) warnings.push(sharedStampNote);
    const timeS = increasing ? frameStamp[k] : null;
    return makePattern({
      fileName,
      formatId: 'beamline-table',
      x,
      xUnit,
      intensity: y,
      wavelengthA,
      timeS,
      ...(timeS !== null ? { timeKind: 'epoch' as const } : {}),
      ...(iDate >= 0 && iTime >= 0 ? { acquiredAt: `${dateText[a]} ${timeText[a]}` } : {}),
      label: bounds.length > 1 ? `${iImage >= 0 ? cols[iImage].name : 'frame'} ${values[iImage]?.[a] ?? k}` : undefined,
      frameIndex: k,
      metadata,
      warnings,
    });
  });
}

export const beamlineTable: FormatModule<Pattern> & { readSequenceFile(fileName: string, bytes: Uint8Array): Pattern[] } = {
  id: 'beamline-table',
  label: 'Beamline table (2θ, d, q columns with a header)',
  technique: 'xrd',
  extensions: ['dat', 'txt', 'csv', 'tsv'],
  detect({ headText }: DetectInput): number {
    try {
      const lines = headText.split(/\r?\n/).slice(0, 40);
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i].trim();
        if (line === '') continue;
        const cols = headerColumns(line);
        if (claims(cols)) {
          // the next non-empty line must hold as many cells, starting with numbers
          const next = lines.slice(i + 1).find((l) => l.trim() !== '');
          const cells = next?.trim().split(SPLIT) ?? [];
          return cells.length >= cols.length && Number.isFinite(Number(cells[0])) ? 0.9 : 0;
        }
        if (!line.startsWith('#')) return 0;
      }
      return 0;
    } catch {
      return 0;
    }
  },
  parse({ fileName, bytes }: ParseInput): Pattern {
    const frames = readBeamlineTable(fileName, bytes);
    if (frames.length > 1) frames[0].warnings.push(`the table holds ${frames.length} frames; the first is shown (import as a sequence for all)`);
    return frames[0];
  },
  readSequenceFile: readBeamlineTable,
};
