/**
 * Three-column '2θ  I  esd' text (.xye, GSAS-II / TOPAS convention), with an optional header: '#' lines, or the
 * APS 11-BM C-style block that opens with '/*' and closes with '# *\/'.
 *
 *   /* /data/apr17/11bmb_3294.mda APR 12, 2017 01:23:16.472073
 *   # Temp (K) =              300.03
 *   # Calibrated wavelength = 0.414581
 *   # *\/
 *    0.5000000000 662.407183 37.744249
 *
 * 'key = value' header lines go into metadata verbatim; 'Calibrated wavelength' (Å) and 'Temp (K)' are read.
 * x is 2θ in degrees by the .xye convention (nothing in the file says so).
 */
import type { Pattern } from '../../../shared/xrd';
import { decodeBytes, splitLines } from '../../text/decode';
import { FormatError, type DetectInput, type FormatModule, type ParseInput } from '../types';
import { extensionOf, makePattern, readNumericTable } from './common';
import { gsasWavelengthFromComments } from './gsas-bank';

/** Header lines: the C-style block (if the file opens with '/*') or leading '#' lines. Returns the data offset. */
function splitHeader(text: string): { header: string[]; offset: number; line: number } {
  if (!text.trimStart().startsWith('/*')) return { header: [], offset: 0, line: 1 };
  const end = text.indexOf('*/');
  if (end < 0) return { header: [], offset: 0, line: 1 };
  const eol = text.indexOf('\n', end);
  const offset = eol < 0 ? text.length : eol + 1;
  const header = splitLines(text.slice(0, offset));
  return { header, offset, line: header.length + 1 };
}

function numericColumns(line: string): number {
  const toks = line.trim().split(/[\s,;]+/);
  return toks.every((t) => t !== '' && !Number.isNaN(Number(t))) ? toks.length : 0;
}

export function parseXye(fileName: string, bytes: Uint8Array): Pattern {
  const { text } = decodeBytes(bytes);
  const { header, offset, line } = splitHeader(text);
  const table = readNumericTable(text, fileName, { startOffset: offset, startLine: line, commentChars: '#' });
  if (table.rowCount === 0) throw new FormatError(fileName, line, "rows of '2θ  I  esd'");
  const headerLines = [...header, ...table.headerLines];
  const metadata: Record<string, string> = {};
  headerLines.forEach((l, i) => {
    const s = l.replace(/^\s*(\/\*|#)\s?/, '').trim();
    if (s === '' || s === '*/') return;
    const m = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(s);
    if (m && i > 0) metadata[m[1]] = m[2].trim();
    else metadata[`header ${i + 1}`] = s;
  });
  const wavelengthA = gsasWavelengthFromComments(headerLines);
  const tempK = Number(metadata['Temp (K)']);
  const warnings = [...table.warnings];
  if (wavelengthA === null) warnings.push('no wavelength in the file');
  return makePattern({
    fileName,
    formatId: 'xye',
    x: table.columns[0],
    xUnit: '2th_deg',
    intensity: table.columns[1],
    sigma: table.columns.length >= 3 ? table.columns[2] : null,
    wavelengthA,
    temperatureC: Number.isFinite(tempK) && metadata['Temp (K)'] !== undefined ? tempK - 273.15 : null,
    metadata,
    warnings,
  });
}

export const xye: FormatModule<Pattern> = {
  id: 'xye',
  label: 'GSAS-II / TOPAS three-column text (.xye)',
  technique: 'xrd',
  extensions: ['xye'],
  detect({ headText, fileName }: DetectInput): number {
    try {
      const ext = extensionOf(fileName);
      const lines = splitLines(headText.slice(0, 8192));
      const opensC = headText.trimStart().startsWith('/*') && /\*\//.test(headText);
      const firstData = lines.find((l) => l.trim() !== '' && !/^\s*(#|\/\*)/.test(l));
      const cols = firstData ? numericColumns(firstData) : 0;
      if (opensC && cols >= 2) return 0.9;
      if (cols === 3 && ext === 'xye') return 0.85;
      return 0;
    } catch {
      return 0;
    }
  },
  parse({ fileName, bytes }: ParseInput): Pattern {
    return parseXye(fileName, bytes);
  },
};
