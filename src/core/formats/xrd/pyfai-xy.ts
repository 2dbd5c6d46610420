/**
 * pyFAI / Dioptas integrated 1D pattern text (.xy, .dat): a '#' header written by pyFAI's `save1D`, the last header
 * line naming the columns with pyFAI unit names, then whitespace-separated rows.
 *
 *   # == pyFAI calibration ==
 *   # Distance Sample to Detector: 0.208651380603 m
 *   # PONI: 8.729e-02, 7.996e-02 m
 *   # == Fit2d calibration ==
 *   # Center: x=487.259, y=512.548 pix
 *   # Wavelength: 4.066e-11 m            (older Dioptas: '# Wavelength: 3.344e-11', metres implied)
 *   # 2th_deg	 I                          (or 'q_nm^-1', 'q_A^-1', '2th_rad'; a third column is the error)
 *   1.019698551E-02  2.434518099E+00
 *
 * Every 'key: value' header line goes into metadata verbatim (repeated keys get ' (2)'); '# --> name' is kept as
 * metadata['source']. This is also the fast path for long in situ sequences: numbers are located by char codes.
 */
import type { Pattern, XAxisUnit } from '../../../shared/xrd';
import { decodeBytes } from '../../text/decode';
import { FormatError, type DetectInput, type FormatModule, type ParseInput } from '../types';
import { extensionOf, makePattern, parseAxisUnit, readNumericTableFromBytes, scaled, wavelengthToAngstrom } from './common';

export interface PyFaiHeader {
  metadata: Record<string, string>;
  wavelengthA: number | null;
  unit: XAxisUnit | null;
  scale: number;
  /** Names of the columns from the unit line ('2th_deg', 'I', 'sigma'). */
  columnNames: string[];
}

/** Read the '#' header lines of a pyFAI file (each line without its leading '#'). */
export function parsePyFaiHeader(lines: string[]): PyFaiHeader {
  const metadata: Record<string, string> = {};
  let wavelengthA: number | null = null;
  let unit: XAxisUnit | null = null;
  let scale = 1;
  let columnNames: string[] = [];
  const put = (key: string, value: string): void => {
    let k = key;
    for (let n = 2; k in metadata; n++) k = `${key} (${n})`;
    metadata[k] = value;
  };
  for (const raw of lines) {
    const line = raw.replace(/^\s*#/, '').trim();
    if (line === '' || /^==.*==$/.test(line)) continue;
    if (line.startsWith('-->')) {
      put('source', line.slice(3).trim());
      continue;
    }
    const first = line.split(/\s+/)[0];
    const axis = parseAxisUnit(first);
    if (axis && !line.includes(':')) {
      unit = axis.unit;
      scale = axis.scale;
      columnNames = line.split(/\s+/);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon > 0) {
      const key = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      put(key, value);
      if (/^wavelength$/i.test(key)) {
        const m = /^([-+0-9.eE]+)\s*(\S*)/.exec(value);
        if (m) wavelengthA = wavelengthToAngstrom(Number(m[1]), m[2]);
      }
      continue;
    }
    if (/^Detector\s/.test(line)) put('Detector', line.slice('Detector'.length).trim().replace(/\s*\t\s*/g, '\t'));
    else put(`header ${Object.keys(metadata).length + 1}`, line);
  }
  return { metadata, wavelengthA, unit, scale, columnNames };
}

function looksPyFai(head: string): number {
  if (/^#\s*==\s*pyFAI calibration\s*==/m.test(head)) return 0.97;
  const unitLine = /^#\s*(2th_deg|2th_rad|q_nm\^-1|q_A\^-1)\s+\S+/m.test(head);
  if (unitLine && /^#\s*Wavelength:/m.test(head)) return 0.9;
  if (unitLine) return 0.8;
  return 0;
}

export function parsePyFaiXy(fileName: string, bytes: Uint8Array): Pattern {
  const table = readNumericTableFromBytes(bytes, fileName, { commentChars: '#' }, (b) => decodeBytes(b).text);
  if (table.rowCount === 0) throw new FormatError(fileName, null, "rows of 'x  I' numbers after the '#' header");
  const header = parsePyFaiHeader(table.headerLines.filter((l) => /^\s*#/.test(l)));
  const warnings = [...table.warnings];
  let unit = header.unit;
  if (!unit) {
    unit = '2th_deg';
    warnings.push("no pyFAI unit line ('# 2th_deg  I'); x read as 2θ in degrees");
  }
  const x = scaled(table.columns[0], header.scale);
  const sigma = table.columns.length >= 3 ? table.columns[2] : null;
  if (header.wavelengthA === null && !/wavelength/i.test(Object.keys(header.metadata).join(' '))) {
    if (unit !== '2th_deg') warnings.push('no wavelength in the header: q cannot be converted to 2θ without one');
  }
  return makePattern({
    fileName,
    formatId: 'pyfai-xy',
    x,
    xUnit: unit,
    intensity: table.columns[1],
    sigma,
    wavelengthA: header.wavelengthA,
    metadata: header.metadata,
    warnings,
  });
}

export const pyfaiXy: FormatModule<Pattern> = {
  id: 'pyfai-xy',
  label: 'pyFAI / Dioptas integrated pattern (.xy, .dat)',
  technique: 'xrd',
  extensions: ['xy', 'dat', 'txt'],
  detect({ headText, fileName }: DetectInput): number {
    try {
      const score = looksPyFai(headText);
      if (score === 0) return 0;
      return ['xy', 'dat', 'txt'].includes(extensionOf(fileName)) ? score : score - 0.05;
    } catch {
      return 0;
    }
  },
  parse({ fileName, bytes }: ParseInput): Pattern {
    return parsePyFaiXy(fileName, bytes);
  },
};
