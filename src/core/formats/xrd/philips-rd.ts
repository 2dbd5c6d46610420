/**
 * Philips PC-APD binary scans: .rd ('V3RD', PC-APD 3) and .sd ('V5RD', PC-APD 4/5), little-endian. No published
 * specification; layout as documented by xylib (philips_raw), the only public description we found:
 *
 *   0    'V3RD' or 'V5RD'
 *   84   u8 diffractometer (0 PW1800, 1 PW1710 based, 2 PW1840, 3 PW3710 based, 4 undefined, 5 X'Pert MPD)
 *   85   u8 anode (0 Cu, 1 Mo, 2 Fe, 3 Cr, 4 other)     86  u8 focus (0 BF, 1 NF, 2 FF, 3 LFF)
 *   138  8-byte file name                              146 20-byte sample identification
 *   214  f64 step 2θ, 222 f64 start 2θ, 230 f64 end 2θ (°); points = (end − start)/step + 1
 *   250 (V3) or 810 (V5): one u16 per point, the square root of ten times the counts: counts = v² / 100.
 *
 * The file states the anode, not a wavelength: λ is the anode's Kα1/Kα2 doublet (the tube table of the Rietveld
 * module), said in a warning. No real .rd/.sd file was available to us: the reader is pinned on files of our own made
 * from this layout, not on an instrument's file.
 */
import type { Pattern, Radiation } from '../../../shared/xrd';
import { TUBE_RADIATIONS } from '../../xrd/rietveld/instprm';
import { FormatError, type DetectInput, type FormatModule, type ParseInput } from '../types';
import { makePattern, maybeReversed, stepAxis } from './common';

const latin1 = new TextDecoder('latin1');
const DIFFRACTOMETERS = ['PW1800', 'PW1710 based system', 'PW1840', 'PW3710 based system', 'undefined', "X'Pert MPD"];
const ANODES = ['Cu', 'Mo', 'Fe', 'Cr', 'other'];
const FOCUS = ['BF', 'NF', 'FF', 'LFF'];

function text(bytes: Uint8Array, at: number, length: number): string {
  let stop = at;
  while (stop < at + length && bytes[stop] !== 0) stop++;
  return latin1.decode(bytes.subarray(at, stop)).trim();
}

export function readPhilipsRd(fileName: string, bytes: Uint8Array): Pattern {
  const magic = latin1.decode(bytes.subarray(0, 4));
  if (magic !== 'V3RD' && magic !== 'V5RD') throw new FormatError(fileName, null, "the Philips magic 'V3RD' or 'V5RD' at byte 0", magic);
  const dataAt = magic === 'V3RD' ? 250 : 810;
  if (bytes.length < dataAt) throw new FormatError(fileName, null, `the ${dataAt}-byte ${magic} header`, `${bytes.length} bytes (truncated file)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const step = view.getFloat64(214, true);
  const start = view.getFloat64(222, true);
  const end = view.getFloat64(230, true);
  if (![step, start, end].every(Number.isFinite) || step === 0 || Math.abs(start) > 360 || Math.abs(end) > 360) {
    throw new FormatError(fileName, null, 'a finite step, start and end 2θ (f64 at bytes 214, 222, 230)', `step ${step}, start ${start}, end ${end}`);
  }
  const points = Math.round((end - start) / step) + 1;
  if (!(points >= 2)) throw new FormatError(fileName, null, 'an end 2θ beyond the start in the direction of the step (bytes 214–237)', `start ${start}, end ${end}, step ${step}`);
  if (dataAt + 2 * points > bytes.length) {
    throw new FormatError(fileName, null, `${points} u16 counts from byte ${dataAt}`, `end of file at byte ${bytes.length} (truncated file)`);
  }
  const counts = new Float64Array(points);
  for (let i = 0; i < points; i++) {
    const v = view.getUint16(dataAt + 2 * i, true);
    counts[i] = (v * v) / 100;
  }
  const { x, reversed } = stepAxis(start, step, points);
  const anode = ANODES[bytes[85]] ?? 'unknown';
  const tube = TUBE_RADIATIONS[`${anode}Ka`];
  const radiation: Radiation | undefined = tube ? { ...tube } : undefined;
  const warnings = [
    radiation
      ? `the file names the anode (${anode}), not a wavelength: λ = ${anode} Kα1 ${radiation.wavelengthA} Å (Kα2 ${radiation.wavelength2A} Å)`
      : `the file names no known anode (code ${bytes[85]}): no wavelength`,
  ];
  return makePattern({
    fileName,
    formatId: 'philips-rd',
    x,
    intensity: maybeReversed(counts, reversed),
    wavelengthA: radiation?.wavelengthA ?? null,
    ...(radiation ? { radiation } : {}),
    metadata: {
      version: magic,
      diffractometer: DIFFRACTOMETERS[bytes[84]] ?? `code ${bytes[84]}`,
      anode,
      focus: FOCUS[bytes[86]] ?? `code ${bytes[86]}`,
      'file name': text(bytes, 138, 8),
      'sample identification': text(bytes, 146, 20),
      'start 2θ': String(start),
      'end 2θ': String(end),
      'step 2θ': String(step),
      points: String(points),
      ...(reversed ? { 'scan direction': 'decreasing 2θ (points stored ascending)' } : {}),
    },
    warnings,
  });
}

export const philipsRd: FormatModule<Pattern> = {
  id: 'philips-rd',
  label: 'Philips PC-APD scan (.rd, .sd)',
  technique: 'xrd',
  extensions: ['rd', 'sd'],
  detect({ headBytes }: DetectInput): number {
    try {
      const magic = latin1.decode(headBytes.subarray(0, 4));
      return magic === 'V3RD' || magic === 'V5RD' ? 0.95 : 0;
    } catch {
      return 0;
    }
  },
  parse({ fileName, bytes }: ParseInput): Pattern {
    return readPhilipsRd(fileName, bytes);
  },
};
