/**
 * GSAS powder data with a BANK line: FXYE, STD and ESD (constant-wavelength), optionally zipped (.fxye.zip).
 *
 *   GSAS input created by BIN11BM from oct09/11bmb_3844.asc       (title, line 1)
 *   # Mean wavelength is:     0.413128                            ('#' comment lines)
 *   BANK 1  132992 132992 CONS       49.950       0.050  0 0 FXYE
 *         49.950    13.0092        1.29518                        (x in centidegrees, I, esd)
 *
 *   BANK       1    4941     494   CONST  1600.0     1.7     0.0     0.0         STD
 *       1163    1092    1079 ...                                  (10 fields of 8 chars per record)
 *
 * BANK fields: bank number, NCHAN (points), NREC (records), BINTYP (CONS/CONST), BCOEF1 = start (cdeg),
 * BCOEF2 = step (cdeg), then the data type. Per the GSAS manual (Larson & Von Dreele, LAUR 86-748):
 * STD fields are (I2 number of counters, F6 counts), variance = counts / ncounters; ESD fields are (F8 I, F8 esd)
 * pairs, 5 per record. x is always in centidegrees (2θ × 100) and is returned in degrees. NCHAN is trusted over
 * NREC (a file here declares 494 records and holds 495). The wavelength is read from '# Mean wavelength is:' or
 * 'Calibrated wavelength =' comment lines when present.
 */
import type { Pattern } from '../../../shared/xrd';
import { decodeBytes, splitLines } from '../../text/decode';
import { readZipMembers } from '../archive';
import { FormatError, type DetectInput, type FormatModule, type ParseInput } from '../types';
import { isZip, makePattern, readNumericTable, zipMemberNamesInHead } from './common';

const BANK = /^BANK\s+(\d+)\s+(\d+)\s+(\d+)\s+(CONST?|RALF|SLOG|TIME_MAP)\s+([-+0-9.eE]+)\s+([-+0-9.eE]+)(?:\s+[-+0-9.eE]+){0,2}\s*(FXYE|FXY|STD|ESD|ALT)?\s*$/;
const GSAS_MEMBER = /\.(fxye|fxy|gsa|gsas|raw|gs|xra)$/i;

/** Wavelength lines written by the APS 11-BM exporters. */
export function gsasWavelengthFromComments(lines: string[]): number | null {
  for (const l of lines) {
    const m = /(?:Mean wavelength is|Calibrated wavelength)\s*[:=]\s*([0-9.]+)/i.exec(l);
    if (m) return Number(m[1]);
  }
  return null;
}

function findBankLine(lines: string[]): number {
  for (let i = 0; i < Math.min(lines.length, 400); i++) if (/^BANK\s/.test(lines[i])) return i;
  return -1;
}

/** Parse the text of a GSAS file (not zipped). */
export function parseGsasBankText(fileName: string, text: string): Pattern {
  // Only the header part is split into lines; the data block is scanned by offset.
  const headPart = text.slice(0, 64 * 1024);
  const lines = splitLines(headPart);
  const b = findBankLine(lines);
  if (b < 0) throw new FormatError(fileName, null, "a 'BANK n NCHAN NREC CONS start step 0 0 TYPE' line");
  const bankLine = lines[b].trimEnd();
  const m = BANK.exec(bankLine);
  if (!m) throw new FormatError(fileName, b + 1, 'a constant-wavelength BANK line (CONS/CONST)', bankLine);
  const [, bank, nchanS, nrecS, bintyp, c1, c2, typeRaw] = m;
  if (!/^CONST?$/.test(bintyp)) throw new FormatError(fileName, b + 1, 'BINTYP CONS or CONST (time-of-flight banks are not X-ray data)', bintyp);
  const type = typeRaw ?? 'STD';
  const nchan = Number(nchanS);
  const startCdeg = Number(c1);
  const stepCdeg = Number(c2);
  const metadata: Record<string, string> = { title: lines[0].trim(), bank, NCHAN: nchanS, NREC: nrecS, BINTYP: bintyp, type };
  const comments = lines.slice(1, b).filter((l) => l.startsWith('#'));
  comments.forEach((l, i) => (metadata[`comment ${i + 1}`] = l.replace(/^#+\s?/, '').trimEnd()));
  const wavelengthA = gsasWavelengthFromComments(comments);
  const warnings: string[] = [];
  let offset = 0;
  for (let k = 0; k <= b; k++) offset = text.indexOf('\n', offset) + 1;
  let x: Float64Array;
  let intensity: Float64Array;
  let sigma: Float64Array;
  if (type === 'FXYE' || type === 'FXY') {
    const t = readNumericTable(text, fileName, { startOffset: offset, startLine: b + 2, maxColumns: 3 });
    if (t.rowCount === 0) throw new FormatError(fileName, b + 2, "rows of 'x(cdeg)  I  esd'");
    x = t.columns[0].map((v) => v / 100);
    intensity = t.columns[1];
    sigma = t.columns.length >= 3 ? t.columns[2] : intensity.map((v) => Math.sqrt(Math.max(v, 1)));
    if (t.rowCount !== nchan) warnings.push(`BANK line declares ${nchan} points, the file holds ${t.rowCount}`);
  } else if (type === 'STD' || type === 'ESD') {
    const dataLines = splitLines(text.slice(offset));
    intensity = new Float64Array(nchan);
    sigma = new Float64Array(nchan);
    let n = 0;
    const perRecord = type === 'STD' ? 10 : 5;
    for (let li = 0; li < dataLines.length && n < nchan; li++) {
      const rec = dataLines[li];
      if (/^BANK\s/.test(rec)) break;
      for (let f = 0; f < perRecord && n < nchan; f++) {
        if (type === 'STD') {
          const field = rec.slice(8 * f, 8 * f + 8);
          if (field.trim() === '') break;
          const nctr = Math.max(Number(field.slice(0, 2).trim() || '1'), 1);
          const counts = Number(field.slice(2).trim());
          if (Number.isNaN(counts) || Number.isNaN(nctr)) throw new FormatError(fileName, b + 2 + li, 'an (I2, F6) STD field', field);
          intensity[n] = Math.max(counts, 0);
          sigma[n] = counts > 0 ? Math.sqrt(counts / nctr) : 1;
        } else {
          const fi = rec.slice(16 * f, 16 * f + 8);
          const fe = rec.slice(16 * f + 8, 16 * f + 16);
          if (fi.trim() === '') break;
          intensity[n] = Number(fi);
          sigma[n] = Number(fe);
          if (Number.isNaN(intensity[n]) || Number.isNaN(sigma[n])) throw new FormatError(fileName, b + 2 + li, 'an (F8, F8) ESD pair', fi + fe);
        }
        n++;
      }
    }
    if (n < nchan) {
      warnings.push(`BANK line declares ${nchan} points, the file holds ${n}`);
      intensity = intensity.slice(0, n);
      sigma = sigma.slice(0, n);
    }
    x = new Float64Array(intensity.length);
    for (let i = 0; i < x.length; i++) x[i] = (startCdeg + i * stepCdeg) / 100;
    const nrec = Number(nrecS);
    const expectedRec = Math.ceil(nchan / perRecord);
    if (nrec !== expectedRec) warnings.push(`BANK line declares ${nrec} records for ${nchan} points (${expectedRec} needed); NCHAN used`);
  } else {
    throw new FormatError(fileName, b + 1, 'data type FXYE, STD or ESD', type);
  }
  return makePattern({
    fileName,
    formatId: 'gsas-bank',
    x,
    xUnit: '2th_deg',
    intensity,
    sigma,
    wavelengthA,
    metadata,
    warnings,
  });
}

/** The GSAS member of a zip (the first whose name ends .fxye/.gsa/.raw…). */
function unzipGsas(fileName: string, bytes: Uint8Array): { member: string; data: Uint8Array } {
  const files = readZipMembers(fileName, bytes, (name) => GSAS_MEMBER.test(name));
  const names = Object.keys(files).sort();
  if (names.length === 0) throw new FormatError(fileName, null, 'a .fxye/.gsa member in the ZIP');
  return { member: names[0], data: files[names[0]] };
}

export function parseGsasBank(fileName: string, bytes: Uint8Array): Pattern {
  if (isZip(bytes)) {
    const { member, data } = unzipGsas(fileName, bytes);
    const p = parseGsasBankText(fileName, decodeBytes(data).text);
    p.metadata.zipMember = member;
    return p;
  }
  return parseGsasBankText(fileName, decodeBytes(bytes).text);
}

export const gsasBank: FormatModule<Pattern> = {
  id: 'gsas-bank',
  label: 'GSAS powder data with BANK line (FXYE, STD, ESD; .fxye.zip)',
  technique: 'xrd',
  extensions: ['fxye', 'gsa', 'gsas', 'raw', 'zip'],
  detect({ headText, headBytes, fileName }: DetectInput): number {
    try {
      if (isZip(headBytes)) {
        const names = zipMemberNamesInHead(headBytes);
        if (names.some((n) => GSAS_MEMBER.test(n) && !/\//.test(n))) return 0.9;
        return /\.(fxye|gsa)\.zip$/i.test(fileName) ? 0.6 : 0;
      }
      const lines = splitLines(headText.slice(0, 16384));
      const b = findBankLine(lines);
      if (b < 0) return 0;
      return BANK.test(lines[b].trimEnd()) ? 0.95 : 0.5;
    } catch {
      return 0;
    }
  },
  parse({ fileName, bytes }: ParseInput): Pattern {
    return parseGsasBank(fileName, bytes);
  },
};
