/**
 * Fit2D .chi integrated pattern: three text lines and a point count, then 'x  I' rows.
 *
 *   \\psf\Home\...\LaB6_p49_001.tif: 2-thet      (title: image name and x quantity)
 *   2-Theta Angle (Degrees)                       (x label: 'Q (1/nm)', 'Q (Angstroms^-1)', 'Radial distance (mm)')
 *                                                 (y label, often blank or 'Intensity')
 *          1455                                   (declared number of points)
 *    1.0486433E-02  2.7862846E+01
 *
 * The declared count is kept in metadata and a mismatch is a warning (Dioptas' test file declares 1455 and holds 75
 * non-contiguous rows). Fit2D writes no wavelength.
 */
import type { Pattern, XAxisUnit } from '../../../shared/xrd';
import { decodeBytes, splitLines } from '../../text/decode';
import { FormatError, type DetectInput, type FormatModule, type ParseInput } from '../types';
import { extensionOf, makePattern, readNumericTable } from './common';

/** x unit from the Fit2D axis label. */
export function chiAxisUnit(label: string): { unit: XAxisUnit; scale: number } | null {
  const s = label.toLowerCase();
  if (/2-?theta|2θ/.test(s)) return { unit: '2th_deg', scale: /radian/.test(s) ? 180 / Math.PI : 1 };
  if (/^\s*q\b/.test(s)) {
    if (/nm/.test(s)) return { unit: 'q_nm^-1', scale: 1 };
    if (/angstrom|å|\ba\b/.test(s)) return { unit: 'q_A^-1', scale: 1 };
  }
  if (/d-?spacing/.test(s)) return { unit: 'd_A', scale: 1 };
  return null;
}

function looksChi(head: string): boolean {
  const lines = splitLines(head.slice(0, 4096));
  if (lines.length < 5) return false;
  return /^\s*\d+\s*$/.test(lines[3]) && chiAxisUnit(lines[1]) !== null && /^\s*[-+0-9.]/.test(lines[4]);
}

export function parseFit2dChi(fileName: string, bytes: Uint8Array): Pattern {
  const { text } = decodeBytes(bytes);
  const lines = splitLines(text.slice(0, 4096));
  if (lines.length < 4 || !/^\s*\d+\s*$/.test(lines[3])) throw new FormatError(fileName, 4, 'the number of points (Fit2D .chi)', lines[3] ?? '');
  const axis = chiAxisUnit(lines[1]);
  if (!axis) throw new FormatError(fileName, 2, "a Fit2D x label such as '2-Theta Angle (Degrees)'", lines[1]);
  // skip the four header lines by offset
  let offset = 0;
  for (let k = 0; k < 4; k++) offset = text.indexOf('\n', offset) + 1;
  const table = readNumericTable(text, fileName, { startOffset: offset, startLine: 5, commentChars: '#' });
  if (table.rowCount === 0) throw new FormatError(fileName, 5, "rows of 'x  I'");
  const declared = Number(lines[3].trim());
  const warnings = [...table.warnings];
  if (declared !== table.rowCount) warnings.push(`header declares ${declared} points, the file holds ${table.rowCount}`);
  let x = table.columns[0];
  if (axis.scale !== 1) x = x.map((v) => v * axis.scale);
  return makePattern({
    fileName,
    formatId: 'fit2d-chi',
    x,
    xUnit: axis.unit,
    intensity: table.columns[1],
    sigma: table.columns.length >= 3 ? table.columns[2] : null,
    metadata: { title: lines[0], xLabel: lines[1].trim(), yLabel: lines[2].trim(), declaredPoints: lines[3].trim() },
    warnings,
  });
}

export const fit2dChi: FormatModule<Pattern> = {
  id: 'fit2d-chi',
  label: 'Fit2D integrated pattern (.chi)',
  technique: 'xrd',
  extensions: ['chi'],
  detect({ headText, fileName }: DetectInput): number {
    try {
      if (!looksChi(headText)) return 0;
      return extensionOf(fileName) === 'chi' ? 0.95 : 0.85;
    } catch {
      return 0;
    }
  },
  parse({ fileName, bytes }: ParseInput): Pattern {
    return parseFit2dChi(fileName, bytes);
  },
};
