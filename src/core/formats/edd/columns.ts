/**
 * EDD spectra as plain columns, the reader of last resort (beamline exports, spreadsheet saves):
 *
 *   # Energy (keV), Counts           energy column in keV (or eV, converted) and counts
 *   Channel  Counts                  MCA channel and counts (an energy calibration is then needed)
 *   123                              one column: counts of channels 0, 1, 2, …
 *
 * Separators: spaces, tabs, commas or semicolons; comment lines start with # ! or ;. Without a header a first
 * column of consecutive integers is read as channels, anything else as energy in keV (with a warning).
 */
import { decodeBytes, splitLines } from '../../text/decode';
import { readNumericTable } from '../xrd/common';
import { FormatError, type DetectInput, type ParseInput } from '../types';
import type { EddFormatModule, EddSpectrum } from './types';

type XKind = 'energy-kev' | 'energy-ev' | 'channel' | null;

function headerKind(headerLines: string[]): XKind {
  const h = headerLines.join(' ').toLowerCase();
  if (/\bkev\b/.test(h) || (/energy/.test(h) && !/\bev\b/.test(h))) return 'energy-kev';
  if (/\bev\b/.test(h)) return 'energy-ev';
  if (/chan/.test(h)) return 'channel';
  return null;
}

export function parseEddColumns(fileName: string, bytes: Uint8Array): EddSpectrum {
  const { text } = decodeBytes(bytes);
  const table = readNumericTable(text, fileName, { commentChars: '#!;', minColumns: 1, maxColumns: 2 });
  if (table.rowCount < 16) throw new FormatError(fileName, table.dataStartLine || null, 'at least 16 rows of counts (one or two numeric columns)');
  const warnings = [...table.warnings];
  const metadata: Record<string, string> = {};
  table.headerLines.forEach((l, i) => {
    const s = l.replace(/^\s*[#!;]\s?/, '').trim();
    if (s) metadata[`header ${i + 1}`] = s;
  });
  const n = table.rowCount;
  if (table.columns.length === 1) {
    const counts = table.columns[0];
    for (let i = 0; i < n; i++) if (!(counts[i] >= 0)) throw new FormatError(fileName, table.dataStartLine + i, 'non-negative counts', String(counts[i]));
    return {
      fileName, formatId: 'edd-columns', label: '', channel: Float64Array.from(counts, (_, i) => i), counts, energyKeV: null, calibration: null,
      liveTimeS: null, realTimeS: null, startTime: null, metadata, warnings: [...warnings, 'one column: read as counts of channels 0, 1, 2, …'],
      dataStartLine: table.dataStartLine,
    };
  }
  const [x, counts] = table.columns;
  for (let i = 0; i < n; i++) {
    if (!(counts[i] >= 0)) throw new FormatError(fileName, table.dataStartLine + i, 'non-negative counts in the second column', String(counts[i]));
    if (i > 0 && !(x[i] > x[i - 1])) throw new FormatError(fileName, table.dataStartLine + i, 'an ascending first column (energy or channel)', String(x[i]));
  }
  let kind = headerKind(table.headerLines);
  if (kind === null) {
    let consecutive = true;
    for (let i = 1; i < n && consecutive; i++) consecutive = x[i] - x[i - 1] === 1 && Number.isInteger(x[i]);
    kind = consecutive ? 'channel' : 'energy-kev';
    warnings.push(consecutive ? 'no column names: the first column (consecutive integers) read as MCA channel' : 'no column names: the first column read as energy in keV');
  }
  if (kind === 'channel') {
    return {
      fileName, formatId: 'edd-columns', label: '', channel: x, counts, energyKeV: null, calibration: null,
      liveTimeS: null, realTimeS: null, startTime: null, metadata, warnings, dataStartLine: table.dataStartLine,
    };
  }
  const energy = kind === 'energy-ev' ? Float64Array.from(x, (v) => v / 1000) : x;
  if (energy[n - 1] > 1000) warnings.push(`energies up to ${energy[n - 1].toFixed(0)} keV: is the column in eV? (label it "eV" to convert)`);
  return {
    fileName, formatId: 'edd-columns', label: '', channel: Float64Array.from(x, (_, i) => i), counts, energyKeV: energy,
    calibration: { a: energy[0], b: n > 1 ? (energy[n - 1] - energy[0]) / (n - 1) : 1, c: 0, source: 'columns' },
    liveTimeS: null, realTimeS: null, startTime: null, metadata, warnings, dataStartLine: table.dataStartLine,
  };
}

export const eddColumns: EddFormatModule = {
  id: 'edd-columns',
  label: 'Columns: energy (keV) or channel, and counts',
  technique: 'edd',
  extensions: ['txt', 'csv', 'dat', 'xy', 'chi'],
  detect({ headText }: DetectInput): number {
    try {
      const lines = splitLines(headText.slice(0, 8192)).filter((l) => l.trim() !== '' && !/^\s*[#!;]/.test(l));
      let numericRows = 0;
      for (const l of lines.slice(0, 60)) {
        const toks = l.trim().split(/[\s,;]+/);
        if (toks.length >= 1 && toks.length <= 2 && toks.every((t) => t !== '' && Number.isFinite(Number(t)))) numericRows++;
      }
      return numericRows >= Math.min(10, lines.length - 1) && numericRows > 0 ? 0.2 : 0;
    } catch {
      return 0;
    }
  },
  parse({ fileName, bytes }: ParseInput): EddSpectrum[] {
    return [parseEddColumns(fileName, bytes)];
  },
};
