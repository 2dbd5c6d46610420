/**
 * EDD spectrum formats, in detection order (content decides; the generic column reader comes last):
 * Amptek MCA, SPEC with @A MCA lines, plain columns. See docs/high-pressure.md#edd-files.
 */
import { decodeHead } from '../../text/decode';
import { FormatError } from '../types';
import { amptekMca } from './amptek-mca';
import { eddColumns } from './columns';
import { specMca } from './spec-mca';
import { energiesOf, type EddFormatModule, type EddSpectrum, type EnergyCalibration } from './types';

export { amptekMca, eddColumns, specMca };
export { energiesOf, fitCalibration, normaliseDateTime, type EddFormatModule, type EddSpectrum, type EnergyCalibration } from './types';
export { parseAmptekMca } from './amptek-mca';
export { parseSpecMca } from './spec-mca';
export { parseEddColumns } from './columns';

export const eddFormats: EddFormatModule[] = [amptekMca, specMca, eddColumns];

/** The module that reads this file (highest confidence, ties to the earlier), or null. */
export function detectEddFormat(fileName: string, bytes: Uint8Array): EddFormatModule | null {
  const input = { fileName, headText: decodeHead(bytes), headBytes: bytes.subarray(0, Math.min(bytes.length, 65536)) };
  let best: EddFormatModule | null = null;
  let bestC = 0;
  for (const f of eddFormats) {
    let c = 0;
    try {
      c = f.detect(input);
    } catch {
      c = 0;
    }
    if (c > bestC) {
      best = f;
      bestC = c;
    }
  }
  return best;
}

/**
 * Every spectrum in an EDD file. An energy calibration given here replaces the file's (source 'user'). Throws
 * FormatError naming the file when no reader recognises it.
 */
export function readEddFile(fileName: string, bytes: Uint8Array, calibration?: Pick<EnergyCalibration, 'a' | 'b' | 'c'>): EddSpectrum[] {
  const format = detectEddFormat(fileName, bytes);
  if (!format) {
    throw new FormatError(fileName, null, 'an EDD spectrum: Amptek MCA (<<DATA>>), SPEC @A lines, or columns of energy/channel and counts');
  }
  const spectra = format.parse({ fileName, bytes });
  return calibration ? spectra.map((s) => withCalibration(s, calibration)) : spectra;
}

/** The spectrum with a user energy calibration E = a + b·ch + c·ch² (keV). */
export function withCalibration(s: EddSpectrum, cal: Pick<EnergyCalibration, 'a' | 'b' | 'c'>): EddSpectrum {
  if (![cal.a, cal.b, cal.c].every(Number.isFinite) || !(cal.b > 0)) throw new Error('energy calibration: a, b, c must be numbers with b > 0 (keV per channel)');
  const e = energiesOf(s.channel, cal);
  for (let i = 1; i < e.length; i++) if (!(e[i] > e[i - 1])) throw new Error(`energy calibration is not increasing at channel ${s.channel[i]}`);
  return { ...s, energyKeV: e, calibration: { a: cal.a, b: cal.b, c: cal.c, source: 'user' } };
}
