/**
 * Bruker / Siemens UXD text (DIFFRACplus XCH export): ';' comments, `_KEY=value` header lines, one block per range
 * ending in a data marker, then the data.
 *
 *   ; ...\RAW\BT86.raw(Diffrac Plus V1.01 file) converted by XCH V1.0
 *   _SAMPLE='BT86'
 *   _WL1=1.540600
 *   _WL2=1.544390
 *   _WLRATIO=0.500000
 *   ; (Data for Range number 1)
 *   _DRIVE='COUPLED'
 *   _STEPSIZE=0.015592
 *   _START=3.000000
 *   _2THETACOUNTS              ('2θ  count' rows; _2THETACPS: counts per second; _COUNTS / _CPS: values only,
 *   3.000	187                  x = _START + i·_STEPSIZE)
 *
 * XCH rounds 2θ in `_2THETA…` blocks to 4 significant digits; the values-only blocks are exact on the grid.
 */
import type { Pattern, Radiation } from '../../../shared/xrd';
import { decodeBytes, splitLines } from '../../text/decode';
import { FormatError, type DetectInput, type FormatModule, type ParseInput } from '../types';
import { makePattern } from './common';

const MARKER = /^_(2THETACOUNTS|2THETACPS|COUNTS|CPS)\s*$/i;
const KEYVAL = /^_([A-Z0-9_]+)\s*=\s*(.*)$/i;

function unquote(v: string): string {
  return v.trim().replace(/^'(.*)'$/, '$1');
}

/** Every range of a UXD file. */
export function readUxdRanges(fileName: string, bytes: Uint8Array): Pattern[] {
  const lines = splitLines(decodeBytes(bytes).text);
  const fileMeta: Record<string, string> = {};
  let rangeMeta: Record<string, string> = {};
  let inRanges = false;
  const out: Pattern[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith(';')) {
      if (/Data for Range number/i.test(line)) {
        inRanges = true;
        rangeMeta = {};
      }
      i++;
      continue;
    }
    const marker = MARKER.exec(line);
    if (marker) {
      const kind = marker[1].toUpperCase();
      const pairs = kind.startsWith('2THETA');
      const xs: number[] = [];
      const ys: number[] = [];
      const startLine = i + 2;
      i++;
      for (; i < lines.length; i++) {
        const l = lines[i].trim();
        if (l === '' || l.startsWith(';')) continue;
        if (l.startsWith('_')) break;
        const toks = l.split(/[\s,]+/).map(Number);
        if (toks.some(Number.isNaN)) throw new FormatError(fileName, i + 1, pairs ? "'2θ  counts' numbers" : 'counts', l);
        if (pairs) {
          if (toks.length < 2) throw new FormatError(fileName, i + 1, "'2θ  counts'", l);
          xs.push(toks[0]);
          ys.push(toks[1]);
        } else ys.push(...toks);
      }
      const meta = { ...fileMeta, ...rangeMeta };
      let x: Float64Array;
      if (pairs) x = Float64Array.from(xs);
      else {
        const start = Number(meta.START);
        const step = Number(meta.STEPSIZE);
        if (!Number.isFinite(start) || !Number.isFinite(step)) throw new FormatError(fileName, startLine - 1, '_START and _STEPSIZE before a values-only block');
        x = Float64Array.from(ys, (_, k) => start + k * step);
      }
      if (ys.length === 0) throw new FormatError(fileName, startLine, `data rows after _${kind}`);
      const k1 = Number(meta.WL1);
      const k2 = Number(meta.WL2);
      const ratio = Number(meta.WLRATIO);
      const radiation: Radiation | undefined =
        k1 > 0 ? { wavelengthA: k1, ...(k2 > 0 ? { wavelength2A: k2 } : {}), ...(ratio > 0 && k2 > 0 ? { ratio21: ratio } : {}) } : undefined;
      out.push(
        makePattern({
          fileName,
          formatId: 'bruker-uxd',
          x,
          intensity: Float64Array.from(ys),
          wavelengthA: radiation?.wavelengthA ?? null,
          ...(radiation ? { radiation } : {}),
          label: `range ${out.length + 1}`,
          frameIndex: out.length,
          metadata: { ...meta, dataBlock: `_${kind}` },
          warnings: pairs ? ['2θ values as written by XCH (rounded to 4 significant digits)'] : [],
        }),
      );
      rangeMeta = {};
      continue;
    }
    const kv = KEYVAL.exec(line);
    if (kv) {
      const key = kv[1].toUpperCase();
      if (key === 'DRIVE') inRanges = true;
      (inRanges ? rangeMeta : fileMeta)[key] = unquote(kv[2]);
    }
    i++;
  }
  if (out.length === 0) throw new FormatError(fileName, null, 'a _2THETACOUNTS, _2THETACPS, _COUNTS or _CPS data block');
  return out;
}

export const brukerUxd: FormatModule<Pattern> & { readSequenceFile(fileName: string, bytes: Uint8Array): Pattern[] } = {
  id: 'bruker-uxd',
  label: 'Bruker / Siemens UXD text (.uxd)',
  technique: 'xrd',
  extensions: ['uxd'],
  detect({ headText }: DetectInput): number {
    try {
      const hasKeys = /^_(FILEVERSION|SAMPLE|WL1|START|STEPSIZE|DRIVE)\s*=/im.test(headText);
      if (!hasKeys) return 0;
      return /^_(2THETACOUNTS|2THETACPS|COUNTS|CPS)\s*$/im.test(headText) ? 0.95 : 0.7;
    } catch {
      return 0;
    }
  },
  parse({ fileName, bytes }: ParseInput): Pattern {
    const ranges = readUxdRanges(fileName, bytes);
    if (ranges.length > 1) ranges[0].warnings.push(`the file holds ${ranges.length} ranges; the first is shown (import as a sequence for all)`);
    return ranges[0];
  },
  readSequenceFile: readUxdRanges,
};
