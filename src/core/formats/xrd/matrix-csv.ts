/**
 * A sequence of patterns as one CSV/TSV matrix, in either orientation (detected):
 *
 *   one column per frame                      one row per frame
 *   2theta,frame_0001,frame_0002,…            time_s,2.000,2.005,2.010,…      (x grid in the header row, or in
 *   2.000,502,498,…                           0,502,515,538,…                  the first data row)
 *   2.005,515,521,…                           30,498,511,529,…
 *
 * Column per frame: the first column is x (strictly monotonic) and there are more rows than columns; the header
 * names become frame labels, and a name carrying a time ('t=30s', '30 s', '2.5 min') gives the frame time.
 * Row per frame: the x grid is the header row or the first row (strictly monotonic); a leading column is the frame
 * label, read as elapsed time when its header says time (s or min). The x unit comes from the first header cell
 * ('2theta', '2th_deg', 'q_A^-1', 'q_nm^-1'); 2θ in degrees otherwise. At least 4 columns: narrower files are
 * single patterns (generic-xy). Headerless DAWN 'caked' files (x + one column per azimuthal cake) read as one
 * pattern per column, labelled 'column n'.
 */
import type { Pattern, XAxisUnit } from '../../../shared/xrd';
import { decodeBytes, splitLines } from '../../text/decode';
import { FormatError, type DetectInput, type FormatModule, type ParseInput } from '../types';
import { isMonotonic, makePattern, parseAxisUnit, readNumericTable } from './common';

const TIME_IN_NAME = /(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*(s|sec|secs|seconds|min|mins|minutes)\b/i;

function timeFromLabel(label: string): number | null {
  const m = TIME_IN_NAME.exec(label);
  if (!m) return null;
  const v = Number(m[1]);
  return /^m/i.test(m[2]) ? v * 60 : v;
}

function splitCells(line: string, delimiter: string): string[] {
  const sep = delimiter === ' ' ? /\s+/ : delimiter;
  return line.replace(/^\s*#\s?/, '').trim().split(sep).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}

function numericRow(cells: string[]): Float64Array | null {
  const v = new Float64Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    if (cells[i] === '') return null;
    v[i] = Number(cells[i]);
    if (Number.isNaN(v[i])) return null;
  }
  return v;
}

/** Read every frame of a matrix file. */
export function readMatrixFrames(fileName: string, bytes: Uint8Array): Pattern[] {
  const { text } = decodeBytes(bytes);
  const table = readNumericTable(text, fileName, { commentChars: '#', minColumns: 4 });
  const C = table.columns.length;
  const R = table.rowCount;
  if (R === 0 || C < 4) throw new FormatError(fileName, null, 'a matrix of at least 4 numeric columns (x + frames, or time + x grid)');
  const headerLine = table.headerLines.length > 0 ? table.headerLines[table.headerLines.length - 1] : '';
  const headerCells = headerLine ? splitCells(headerLine, table.delimiter) : [];
  const frames: Pattern[] = [];
  const base = { fileName, formatId: 'matrix-csv', wavelengthA: null } as const;
  const unitOf = (cell: string): { unit: XAxisUnit; scale: number; named: boolean } => {
    const a = parseAxisUnit(cell);
    return a ? { ...a, named: true } : { unit: '2th_deg', scale: 1, named: false };
  };

  // A pyFAI unit name anywhere in the comment lines ('# x: q_A^-1') names the x unit of a row-per-frame matrix.
  const unitInComments =
    table.headerLines
      .filter((l) => l.startsWith('#'))
      .join(' ')
      .match(/2th_deg|2th_rad|q_nm\^-1|q_A\^-1/)?.[0] ?? '';
  // Row per frame with the x grid in the header row.
  const headNums = headerCells.length === C ? numericRow(headerCells.slice(1)) : null;
  const headAll = headerCells.length === C ? numericRow(headerCells) : null;
  const rowPerFrame = (x: Float64Array, firstRow: number, labelCol: boolean, labelName: string): Pattern[] => {
    const isTime = /time|^t\b|^t_|\bs\b|sec|min/i.test(labelName);
    const minutes = /min/i.test(labelName);
    const u = unitOf(unitInComments);
    for (let r = firstRow; r < R; r++) {
      const y = new Float64Array(x.length);
      const off = labelCol ? 1 : 0;
      for (let k = 0; k < x.length; k++) y[k] = table.columns[k + off][r];
      const lab = labelCol ? table.columns[0][r] : r - firstRow;
      const timeS = labelCol && isTime ? (minutes ? lab * 60 : lab) : null;
      frames.push(
        makePattern({
          ...base,
          x,
          xUnit: u.unit,
          intensity: y,
          timeS,
          ...(timeS !== null ? { timeKind: 'elapsed' as const } : {}),
          label: labelCol ? `${labelName || 'row'} ${lab}` : `row ${r + 1}`,
          frameIndex: frames.length,
          metadata: { layout: 'row per frame', ...(labelName ? { labelColumn: labelName } : {}) },
          warnings: u.named ? [] : ['x unit not named: read as 2θ in degrees'],
        }),
      );
    }
    return frames;
  };
  if (headNums && isMonotonic(headNums) && !headAll) return rowPerFrame(headNums, 0, true, headerCells[0]);
  if (headAll && isMonotonic(headAll) && R < C) return rowPerFrame(headAll, 0, false, '');

  // Column per frame.
  const col0 = table.columns[0];
  if (isMonotonic(col0) && R > C) {
    const u = unitOf(headerCells[0] ?? '');
    const warnings = u.named ? [] : [`x column ${headerCells[0] ? `'${headerCells[0]}' ` : ''}not named as 2θ/q: read as 2θ in degrees`];
    for (let c = 1; c < C; c++) {
      const name = headerCells.length === C ? headerCells[c] : `column ${c + 1}`;
      const timeS = headerCells.length === C ? timeFromLabel(name) : null;
      frames.push(
        makePattern({
          ...base,
          x: u.scale === 1 ? col0 : col0.map((v) => v * u.scale),
          xUnit: u.unit,
          intensity: table.columns[c],
          timeS,
          ...(timeS !== null ? { timeKind: 'elapsed' as const } : {}),
          label: name,
          frameIndex: c - 1,
          metadata: { layout: 'column per frame', column: String(c + 1), ...(headerCells[0] ? { xColumn: headerCells[0] } : {}) },
          warnings: [...warnings, ...table.warnings],
        }),
      );
    }
    return frames;
  }
  // Row per frame with the grid in the first data row: [label, x1, x2, …] or [x1, x2, …].
  const row0 = new Float64Array(C);
  for (let k = 0; k < C; k++) row0[k] = table.columns[k][0];
  if (R < C && isMonotonic(row0.subarray(1))) {
    return rowPerFrame(row0.slice(1), 1, true, headerCells[0] ?? '');
  }
  throw new FormatError(fileName, table.dataStartLine, 'a monotonic x column (one column per frame) or a monotonic x row (one row per frame)');
}

export const matrixCsv: FormatModule<Pattern> & { readSequenceFile(fileName: string, bytes: Uint8Array): Pattern[] } = {
  id: 'matrix-csv',
  label: 'Pattern matrix (CSV/TSV, one column or one row per frame)',
  technique: 'xrd',
  extensions: ['csv', 'tsv', 'txt', 'dat'],
  detect({ headText }: DetectInput): number {
    try {
      const lines = splitLines(headText.slice(0, 16384)).filter((l) => l.trim() !== '' && !l.startsWith('#'));
      if (lines.length === 0) return 0;
      const numericIn = (l: string): number => l.trim().split(/[\s,;]+/).filter((t) => t !== '' && !Number.isNaN(Number(t))).length;
      if (lines.length === 1) return numericIn(lines[0]) >= 20 ? 0.6 : 0; // one very long row-per-frame line
      const counts = lines.slice(1, 20).map(numericIn);
      const wide = counts.filter((n) => n >= 4).length;
      return wide >= Math.max(1, counts.length - 1) ? 0.6 : 0;
    } catch {
      return 0;
    }
  },
  parse({ fileName, bytes }: ParseInput): Pattern {
    const frames = readMatrixFrames(fileName, bytes);
    const first = frames[0];
    first.warnings.push(`the file holds ${frames.length} frames; the first is shown (import as a sequence for all)`);
    return first;
  },
  readSequenceFile: readMatrixFrames,
};
