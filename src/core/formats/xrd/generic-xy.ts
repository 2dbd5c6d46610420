/**
 * Generic two- or three-column pattern text, the reader of last resort: 'x  I' or 'x  I  esd' separated by spaces,
 * tabs, commas or semicolons, with optional header lines before the numbers:
 *
 *   # 2Theta,Counts                        (NIST export)
 *   theta,intensity                        (a header row; the values are 2θ all the same)
 *   'Id: "" Comment: "" Anode: "Cu" Scantype: "Coupled TwoTheta/Theta" TimePerStep: "96"   (DIFFRAC.EVA / PowDLL)
 *     3.000    1643.000
 *
 * x is 2θ in degrees unless a header names q or d; a header that says 'theta' (not 2θ) is read as 2θ with a
 * warning, because exporters label 2θ columns that way. EVA's `Key: "value"` pairs go into metadata; the anode is
 * recorded but no wavelength is assumed.
 */
import type { Pattern, XAxisUnit } from '../../../shared/xrd';
import { decodeBytes, splitLines } from '../../text/decode';
import { FormatError, type DetectInput, type FormatModule, type ParseInput } from '../types';
import { makePattern, parseAxisUnit, readNumericTable } from './common';

function headerMetadata(lines: string[], warnings: string[]): { metadata: Record<string, string>; unit: XAxisUnit; scale: number; named: boolean } {
  const metadata: Record<string, string> = {};
  let unit: XAxisUnit = '2th_deg';
  let scale = 1;
  let named = false;
  lines.forEach((raw, i) => {
    const line = raw.replace(/^\uFEFF/, '');
    if (line.startsWith("'")) {
      for (const m of line.matchAll(/(\w[\w ]*?):\s*"([^"]*)"/g)) metadata[m[1].trim()] = m[2];
      return;
    }
    const s = line.replace(/^\s*[#!;]\s?/, '').trim();
    if (s === '') return;
    metadata[`header ${i + 1}`] = s;
    const first = s.split(/[\s,;\t]+/)[0];
    const axis = parseAxisUnit(first);
    if (axis) {
      unit = axis.unit;
      scale = axis.scale;
      named = true;
    } else if (/^theta$/i.test(first)) {
      named = true;
      warnings.push(`the x column is labelled '${first}'; read as 2θ in degrees (exporters label 2θ this way)`);
    }
  });
  return { metadata, unit, scale, named };
}

export function parseGenericXy(fileName: string, bytes: Uint8Array): Pattern {
  const { text, encoding } = decodeBytes(bytes);
  const table = readNumericTable(text, fileName, { commentChars: '#!;' });
  if (table.rowCount === 0 || table.columns.length < 2) throw new FormatError(fileName, null, 'rows of two or three numbers (x, I[, esd])');
  const warnings = [...table.warnings];
  const h = headerMetadata(table.headerLines, warnings);
  if (table.columns.length > 3) warnings.push(`${table.columns.length} columns: only x, I and esd (columns 1–3) are read`);
  if (!h.named) warnings.push('no column names: x read as 2θ in degrees');
  let x = table.columns[0];
  if (h.scale !== 1) x = x.map((v) => v * h.scale);
  return makePattern({
    fileName,
    formatId: 'generic-xy',
    x,
    xUnit: h.unit,
    intensity: table.columns[1],
    sigma: table.columns.length >= 3 ? table.columns[2] : null,
    metadata: { ...h.metadata, delimiter: table.delimiter === '\t' ? 'tab' : table.delimiter, encoding, dataStartLine: String(table.dataStartLine) },
    warnings: [...warnings, 'no wavelength in the file'],
  });
}

export const genericXy: FormatModule<Pattern> = {
  id: 'generic-xy',
  label: 'Two- or three-column text (x, I[, esd])',
  technique: 'xrd',
  extensions: ['xy', 'txt', 'dat', 'csv', 'asc', 'xye'],
  detect({ headText }: DetectInput): number {
    try {
      const lines = splitLines(headText.slice(0, 8192)).filter((l) => l.trim() !== '');
      let numericRows = 0;
      for (const l of lines.slice(0, 60)) {
        const toks = l.trim().split(/[\s,;]+/);
        if (toks.length >= 2 && toks.length <= 3 && toks.every((t) => t !== '' && !Number.isNaN(Number(t)))) numericRows++;
      }
      return numericRows >= Math.min(5, lines.length - 1) && numericRows > 0 ? 0.3 : 0;
    } catch {
      return 0;
    }
  },
  parse({ fileName, bytes }: ParseInput): Pattern {
    return parseGenericXy(fileName, bytes);
  },
};
