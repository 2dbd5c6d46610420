/**
 * XRD format registry. Detection sniffs content (each module's detect), the extension is only a hint inside the
 * modules; the highest confidence wins and ties go to the earlier module. Generic two/three-column text is last.
 * Multi-frame containers (matrix CSV, HDF5, XRDML with several scans, BRML with several ranges) implement
 * readSequenceFile; importPatterns returns every frame, importPattern the first.
 */
import type { ParseOptions } from '../../../shared/types';
import type { Pattern } from '../../../shared/xrd';
import { decodeHead } from '../../text/decode';
import { FormatError, type DetectInput, type FormatModule } from '../types';
import { brukerBrml } from './bruker-brml';
import { brukerRaw } from './bruker-raw';
import { brukerUxd } from './bruker-uxd';
import { beamlineTable } from './beamline-table';
import { isHdf5, isZip } from './common';
import { fit2dChi } from './fit2d-chi';
import { genericXy } from './generic-xy';
import { gsasBank } from './gsas-bank';
import { hdf5Nexus, hdf5Ready, loadHdf5 } from './hdf5-nexus';
import { matrixCsv } from './matrix-csv';
import { philipsRd } from './philips-rd';
import { pyfaiXy } from './pyfai-xy';
import { rigakuRas } from './rigaku-ras';
import { rigakuRasx } from './rigaku-rasx';
import { stoeRaw } from './stoe-raw';
import { xrdml } from './xrdml';
import { xye } from './xye';

export { loadHdf5, hdf5Ready };

/** A format module that can also return every frame of a multi-frame file. */
export type XrdFormatModule = FormatModule<Pattern> & { readSequenceFile?(fileName: string, bytes: Uint8Array): Pattern[] };

/** In detection order; generic text last. */
export const xrdFormats: XrdFormatModule[] = [
  hdf5Nexus,
  brukerBrml,
  rigakuRasx,
  gsasBank,
  xrdml,
  brukerRaw,
  stoeRaw,
  philipsRd,
  brukerUxd,
  rigakuRas,
  pyfaiXy,
  fit2dChi,
  xye,
  beamlineTable,
  matrixCsv,
  genericXy,
];

function detectInput(fileName: string, bytes: Uint8Array): DetectInput {
  const zip = isZip(bytes);
  const binary = zip || isHdf5(bytes);
  // A ZIP's member list is in its central directory at the end: container modules get all the bytes (no copy).
  return { fileName, headText: binary ? '' : decodeHead(bytes), headBytes: zip ? bytes : bytes.subarray(0, Math.min(bytes.length, 65536)) };
}

/** Confidence of every module for this file, best first (0-scores dropped). */
export function rankXrdFormats(fileName: string, bytes: Uint8Array): { format: XrdFormatModule; confidence: number }[] {
  const input = detectInput(fileName, bytes);
  return xrdFormats
    .map((format, order) => {
      let confidence = 0;
      try {
        confidence = format.detect(input);
      } catch {
        confidence = 0;
      }
      return { format, confidence, order };
    })
    .filter((r) => r.confidence > 0)
    .sort((a, b) => b.confidence - a.confidence || a.order - b.order)
    .map(({ format, confidence }) => ({ format, confidence }));
}

/** The module that reads this file, or null when none recognises it. */
/** One module's confidence for this file (0 when it does not recognise it): cheaper than ranking every module. */
export function formatConfidence(formatId: string, fileName: string, bytes: Uint8Array): number {
  const format = xrdFormats.find((f) => f.id === formatId);
  if (!format) return 0;
  try {
    return format.detect(detectInput(fileName, bytes));
  } catch {
    return 0;
  }
}

export function detectXrdFormat(fileName: string, bytes: Uint8Array): XrdFormatModule | null {
  return rankXrdFormats(fileName, bytes)[0]?.format ?? null;
}

function resolve(fileName: string, bytes: Uint8Array, options?: ParseOptions): XrdFormatModule {
  if (options?.formatId) {
    const forced = xrdFormats.find((f) => f.id === options.formatId);
    if (!forced) throw new FormatError(fileName, null, `a known XRD format id (${xrdFormats.map((f) => f.id).join(', ')})`, options.formatId);
    return forced;
  }
  const found = detectXrdFormat(fileName, bytes);
  if (!found) {
    throw new FormatError(
      fileName,
      null,
      'a recognised diffraction pattern (pyFAI .xy/.dat, Fit2D .chi, .xye, GSAS .fxye/.raw, .xrdml, .brml, Bruker .raw/.uxd, STOE .raw, Philips .rd/.sd, Rigaku .ras/.rasx, HDF5/NeXus, a beamline table with 2θ/d/q columns, CSV matrix or two/three-column text)',
    );
  }
  return found;
}

const AXIS_NAMES: Record<Pattern['xUnit'], string> = { '2th_deg': '2θ', 'q_A^-1': 'q', 'q_nm^-1': 'q', d_A: 'd' };

/**
 * What every reader's pattern must satisfy before anything downstream sees it: at least two points, x and intensity
 * (and σ) of one length, finite x, and an x axis that runs one way (increasing or decreasing; repeated values are
 * allowed). A scan that goes back and forth (two ranges appended, a damaged row) is refused.
 */
export function checkPattern(p: Pattern): void {
  const n = p.x.length;
  const axis = AXIS_NAMES[p.xUnit] ?? 'x';
  const where = p.label ? ` (${p.label})` : '';
  if (n < 2) throw new FormatError(p.fileName, null, `at least two data points${where}`, `${n}`);
  if (p.intensity.length !== n) throw new FormatError(p.fileName, null, `${n} intensities for ${n} ${axis} values${where}`, `${p.intensity.length}`);
  if (p.sigma && p.sigma.length !== n) throw new FormatError(p.fileName, null, `${n} uncertainties for ${n} ${axis} values${where}`, `${p.sigma.length}`);
  let direction = 0;
  for (let i = 0; i < n; i++) {
    const v = p.x[i];
    if (!Number.isFinite(v)) throw new FormatError(p.fileName, null, `a finite ${axis} value at point ${i + 1}${where}`, String(v));
    if (i === 0) continue;
    const d = Math.sign(v - p.x[i - 1]);
    if (d === 0) continue;
    if (direction === 0) direction = d;
    else if (d !== direction) {
      throw new FormatError(
        p.fileName,
        null,
        `${axis} values that only ${direction > 0 ? 'increase' : 'decrease'}${where}`,
        `${axis} goes back at point ${i + 1}: ${p.x[i - 1]} then ${v} (two scans appended, or a damaged row)`,
      );
    }
  }
  if (direction === 0) throw new FormatError(p.fileName, null, `more than one ${axis} value${where}`, `all ${n} points at ${p.x[0]}`);
}

/**
 * Every frame of a file with a given reader, checked (checkPattern). An exception other than FormatError (a reader's
 * bug on a damaged file) becomes a FormatError naming the file and the reader, so the user always learns which file.
 */
export function readWith(format: XrdFormatModule, fileName: string, bytes: Uint8Array, options?: ParseOptions): Pattern[] {
  let patterns: Pattern[];
  try {
    patterns = format.readSequenceFile ? format.readSequenceFile(fileName, bytes) : [format.parse({ fileName, bytes, options })];
  } catch (err) {
    if (err instanceof FormatError) throw err;
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    throw new FormatError(fileName, null, `a readable ${format.label} file`, message);
  }
  if (patterns.length === 0) throw new FormatError(fileName, null, `at least one pattern (${format.label})`, 'none');
  for (const p of patterns) checkPattern(p);
  return patterns;
}

/** Read one pattern (the first frame of a multi-frame file). Throws FormatError. */
export function importPattern(fileName: string, bytes: Uint8Array, options?: ParseOptions): Pattern {
  const format = resolve(fileName, bytes, options);
  if (!format.readSequenceFile) return readWith(format, fileName, bytes, options)[0];
  let first: Pattern;
  try {
    first = format.parse({ fileName, bytes, options });
  } catch (err) {
    if (err instanceof FormatError) throw err;
    throw new FormatError(fileName, null, `a readable ${format.label} file`, err instanceof Error ? `${err.name}: ${err.message}` : String(err));
  }
  checkPattern(first);
  return first;
}

/** Read every frame of a file (one element for single-pattern formats). Throws FormatError. */
export function importPatterns(fileName: string, bytes: Uint8Array, options?: ParseOptions): Pattern[] {
  return readWith(resolve(fileName, bytes, options), fileName, bytes, options);
}

export type TryImportResult = { ok: true; patterns: Pattern[]; formatId: string } | { ok: false; error: string };

/** importPatterns that never throws: the error message names the file, the line and what was expected. */
export function tryImportPatterns(fileName: string, bytes: Uint8Array, options?: ParseOptions): TryImportResult {
  try {
    const patterns = importPatterns(fileName, bytes, options);
    return { ok: true, patterns, formatId: patterns[0]?.formatId ?? '' };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** importPatterns, starting h5wasm first when the file is HDF5 (the only format that needs an async start). */
export async function importPatternsAsync(fileName: string, bytes: Uint8Array, options?: ParseOptions): Promise<Pattern[]> {
  if (isHdf5(bytes) || options?.formatId === 'hdf5-nexus') await loadHdf5();
  return importPatterns(fileName, bytes, options);
}
