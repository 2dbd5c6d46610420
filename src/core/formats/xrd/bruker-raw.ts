/**
 * Bruker / Siemens binary RAW, all four versions, little-endian. The magic at byte 0 tells the version.
 *
 * DIFFRAC-AT v1 ('RAW ', DIFFRAC-AT raw data file format, appendix B of the diffractometer manuals, as described by
 * xylib): one record per range, the first starting at byte 0 with the magic, later ones with or without it; after
 * the magic: u32 steps +4, f32 time per step +8, f32 step +12, u32 scan mode +16, f32 start 2θ +24, f32 θ/χ/φ
 * start +28/+32/+36 (−1e6 = unknown), 32-byte sample name +40, f32 Kα1 +72, f32 Kα2 +76, 72 unused bytes, u32
 * "another range follows" +152, then `steps` float32 counts from +156.
 *
 * DIFFRAC-AT v2 ('RAW2'): u16 range count at 4, header text 8–167, 20-byte date and time at 168, 2-byte anode at
 * 188, f32 Kα1/Kα2/Kα2:Kα1 ratio at 190/194/198, f32 total run time at 210 (−1e6 = unknown); ranges from 256: u16
 * header length +0 (≥ 48), u16 steps +2, f32 time per step +8, f32 step +12, f32 start 2θ +16, u16 temperature (K)
 * +46 (65535 = none), then `steps` float32 counts from +header length.
 *
 * RAW1.01 (DIFFRACplus v3; Bruker "DIFFRACplus FILE EXCHANGE and XCH" manual, App. A.1): range count (u32) at 12,
 * date at 16 and time at 26 (text), sample ID at 326, anode at 608, Kα average/α1/α2/β/ratio as float64 at 616–655;
 * 712-byte file header; per range a header whose length (u32, 304) is at +0: steps u32 +4, start 2θ f64 +16,
 * step f64 +176, time per step f32 +192, temperature (K) f32 +212, supplementary-header length u32 +256; then the
 * supplementary header and `steps` float32 counts.
 *
 * RAW4.00 (no published description; layout from xylib/GSAS-II reverse engineering, checked on three files whose
 * records chain exactly to the end of the file): 61-byte file header (date at 12, time at 24), then records
 * (u32 type, u32 length): type 10 = text 'NAME' (24 bytes at +12) with its value from +36; type 30 = radiation
 * (Kα average/α1/α2/β/ratio float64 at +72…+104); type 0 = a range: steps u32 +4, scan type text +32, start 2θ f64
 * +72, step f64 +80, time per step f32 +92, kV f32 +100, mA f32 +104, bytes per step u32 +136, length of the
 * range's sub-records u32 +140, then from +160 + that length the counts as float32. Ranges storing 8 bytes per step
 * (DIFFRAC.EVA 2025 files) use an undocumented encoding and are refused rather than guessed.
 *
 * Every version: a range scanned from high to low angle (negative step) is read in either direction and handed on in
 * ascending 2θ, with 'scan direction' in its metadata; float32 angles are taken as the decimals they were written
 * from (float32Decimal). Errors name the file and the byte offset where the expected field was missing.
 */
import type { Pattern, Radiation } from '../../../shared/xrd';
import { FormatError, type DetectInput, type FormatModule, type ParseInput } from '../types';
import { float32Decimal, makePattern, maybeReversed, stepAxis } from './common';

const ascii = new TextDecoder('latin1');

function cString(bytes: Uint8Array, start: number, length: number): string {
  const end = Math.min(bytes.length, start + length);
  let stop = start;
  while (stop < end && bytes[stop] !== 0) stop++;
  return ascii.decode(bytes.subarray(start, stop)).replace(/\s+/g, ' ').trim();
}

function radiationFrom(view: DataView, at: number): Radiation | undefined {
  const k1 = view.getFloat64(at + 8, true);
  const k2 = view.getFloat64(at + 16, true);
  const ratio = view.getFloat64(at + 32, true);
  if (!(k1 > 0.1 && k1 < 5)) return undefined;
  return { wavelengthA: k1, ...(k2 > 0.1 && k2 < 5 ? { wavelength2A: k2 } : {}), ...(ratio > 0 && ratio <= 1 && k2 > 0.1 ? { ratio21: ratio } : {}) };
}

/** Radiation from float32 Kα1, Kα2 (and ratio) fields, as their written decimals; undefined when Kα1 is no wavelength. */
function radiationF32(k1: number, k2: number, ratio?: number): Radiation | undefined {
  const a1 = float32Decimal(k1);
  const a2 = float32Decimal(k2);
  if (!(a1 > 0.1 && a1 < 5)) return undefined;
  const r = ratio === undefined ? NaN : float32Decimal(ratio);
  return { wavelengthA: a1, ...(a2 > 0.1 && a2 < 5 ? { wavelength2A: a2 } : {}), ...(r > 0 && r <= 1 && a2 > 0.1 ? { ratio21: r } : {}) };
}

function counts(view: DataView, at: number, n: number, stride: number): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = view.getFloat32(at + i * stride, true);
  return y;
}

interface RangeRead {
  start: number;
  step: number;
  steps: number;
  dataAt: number;
}

/** x and counts of one range, ascending in 2θ, and the metadata that says which way it was scanned. */
function rangeData(view: DataView, r: RangeRead): { x: Float64Array; intensity: Float64Array; direction: Record<string, string> } {
  const { x, reversed } = stepAxis(r.start, r.step, r.steps);
  const intensity = maybeReversed(counts(view, r.dataAt, r.steps, 4), reversed);
  return { x, intensity, direction: reversed ? { 'scan direction': 'decreasing 2θ (points stored ascending)' } : {} };
}

/** Refuses a range whose counts run past the end of the file, naming the byte offset. */
function needCounts(fileName: string, bytes: Uint8Array, r: RangeRead, range: number): void {
  if (!(r.steps > 0)) throw new FormatError(fileName, null, `a positive step count for range ${range}`, String(r.steps));
  if (!Number.isFinite(r.start) || !Number.isFinite(r.step) || r.step === 0) {
    throw new FormatError(fileName, null, `a finite start angle and a non-zero step for range ${range}`, `start ${r.start}, step ${r.step}`);
  }
  if (r.dataAt + 4 * r.steps > bytes.length) {
    throw new FormatError(fileName, null, `${r.steps} float32 counts for range ${range} at byte ${r.dataAt}`, `end of file at byte ${bytes.length} (truncated file)`);
  }
}

const RAW_MAGIC = 0x20574152; // 'RAW ' read as a little-endian u32

function readRawV1(fileName: string, bytes: Uint8Array, view: DataView): Pattern[] {
  const out: Pattern[] = [];
  let pos = 0;
  for (;;) {
    // Later ranges may or may not repeat the magic.
    let rec = pos;
    if (rec + 4 <= bytes.length && view.getUint32(rec, true) === RAW_MAGIC) rec += 4;
    else if (out.length === 0) throw new FormatError(fileName, null, "the RAW v1 magic 'RAW ' at byte 0");
    if (rec + 152 > bytes.length) throw new FormatError(fileName, null, `the 152-byte header of range ${out.length + 1} at byte ${rec}`, `end of file at byte ${bytes.length} (truncated file)`);
    const r: RangeRead = { steps: view.getUint32(rec, true), step: float32Decimal(view.getFloat32(rec + 8, true)), start: float32Decimal(view.getFloat32(rec + 20, true)), dataAt: rec + 152 };
    needCounts(fileName, bytes, r, out.length + 1);
    const timePerStepS = float32Decimal(view.getFloat32(rec + 4, true));
    const angle = (at: number): string | null => {
      const v = view.getFloat32(at, true);
      return v === -1e6 || !Number.isFinite(v) ? null : String(float32Decimal(v));
    };
    const radiation = radiationF32(view.getFloat32(rec + 68, true), view.getFloat32(rec + 72, true));
    const follows = view.getUint32(rec + 148, true);
    const { x, intensity, direction } = rangeData(view, r);
    const metadata: Record<string, string> = {
      version: 'RAW v1 (DIFFRAC-AT)',
      range: String(out.length + 1),
      sampleName: cString(bytes, rec + 36, 32),
      'start 2θ': String(r.start),
      'step 2θ': String(r.step),
      steps: String(r.steps),
      'time per step s': String(timePerStepS),
      'scan mode': String(view.getUint32(rec + 12, true)),
      ...direction,
    };
    for (const [key, at] of [['θ start', rec + 24], ['χ start', rec + 28], ['φ start', rec + 32]] as const) {
      const v = angle(at);
      if (v !== null) metadata[key] = v;
    }
    out.push(
      makePattern({
        fileName,
        formatId: 'bruker-raw',
        x,
        intensity,
        wavelengthA: radiation?.wavelengthA ?? null,
        ...(radiation ? { radiation } : {}),
        label: `range ${out.length + 1}`,
        frameIndex: out.length,
        metadata,
        warnings: radiation ? [] : ['no Kα1 wavelength in the range header'],
      }),
    );
    pos = r.dataAt + 4 * r.steps;
    if (follows === 0 || pos >= bytes.length) break;
  }
  for (const p of out) p.metadata.ranges = String(out.length);
  return out;
}

function readRawV2(fileName: string, bytes: Uint8Array, view: DataView): Pattern[] {
  if (bytes.length < 256) throw new FormatError(fileName, null, 'the 256-byte RAW2 file header', `${bytes.length} bytes (truncated file)`);
  const nRanges = view.getUint16(4, true);
  if (nRanges === 0) throw new FormatError(fileName, null, 'at least one range (u16 count at byte 4)', '0');
  const runtime = view.getFloat32(210, true);
  const radiation = radiationF32(view.getFloat32(190, true), view.getFloat32(194, true), view.getFloat32(198, true));
  const fileMeta: Record<string, string> = {
    version: 'RAW2 (DIFFRAC-AT v2)',
    header: cString(bytes, 8, 160),
    'date time': cString(bytes, 168, 20),
    anode: cString(bytes, 188, 2),
    ranges: String(nRanges),
    ...(runtime !== -1e6 && runtime > 0 ? { 'total run time s': String(float32Decimal(runtime)) } : {}),
  };
  const out: Pattern[] = [];
  let pos = 256;
  for (let k = 0; k < nRanges; k++) {
    if (pos + 48 > bytes.length) throw new FormatError(fileName, null, `the range header of range ${k + 1} of ${nRanges} at byte ${pos}`, `end of file at byte ${bytes.length} (truncated file)`);
    const headerLength = view.getUint16(pos, true);
    if (headerLength < 48) throw new FormatError(fileName, null, `a range header length of at least 48 bytes at byte ${pos}`, String(headerLength));
    const r: RangeRead = { steps: view.getUint16(pos + 2, true), step: float32Decimal(view.getFloat32(pos + 12, true)), start: float32Decimal(view.getFloat32(pos + 16, true)), dataAt: pos + headerLength };
    needCounts(fileName, bytes, r, k + 1);
    const tempK = view.getUint16(pos + 46, true);
    const { x, intensity, direction } = rangeData(view, r);
    out.push(
      makePattern({
        fileName,
        formatId: 'bruker-raw',
        x,
        intensity,
        wavelengthA: radiation?.wavelengthA ?? null,
        ...(radiation ? { radiation } : {}),
        temperatureC: tempK > 0 && tempK < 5000 ? tempK - 273.15 : null,
        label: `range ${k + 1}`,
        frameIndex: k,
        metadata: {
          ...fileMeta,
          range: String(k + 1),
          'start 2θ': String(r.start),
          'step 2θ': String(r.step),
          steps: String(r.steps),
          'time per step s': String(float32Decimal(view.getFloat32(pos + 8, true))),
          ...(tempK > 0 && tempK < 5000 ? { 'temperature K': String(tempK) } : {}),
          ...direction,
        },
        warnings: radiation ? [] : ['no Kα1 wavelength in the file header'],
      }),
    );
    pos = r.dataAt + 4 * r.steps;
  }
  return out;
}

function readRaw1(fileName: string, bytes: Uint8Array, view: DataView): Pattern[] {
  if (bytes.length < 712) throw new FormatError(fileName, null, 'the 712-byte RAW1.01 file header', `${bytes.length} bytes (truncated file)`);
  const nRanges = view.getUint32(12, true);
  const metadata: Record<string, string> = {
    version: 'RAW1.01',
    date: cString(bytes, 16, 10),
    time: cString(bytes, 26, 10),
    user: cString(bytes, 36, 72),
    site: cString(bytes, 108, 218),
    sampleId: cString(bytes, 326, 60),
    comment: cString(bytes, 386, 160),
    anode: cString(bytes, 608, 4),
  };
  const radiation = radiationFrom(view, 616);
  const out: Pattern[] = [];
  let pos = 712;
  for (let r = 0; r < nRanges; r++) {
    if (pos + 304 > bytes.length) throw new FormatError(fileName, null, `range ${r + 1} of ${nRanges} (304-byte header at byte ${pos})`, 'end of file');
    const headerLen = view.getUint32(pos, true);
    const supp = view.getUint32(pos + 256, true);
    const range: RangeRead = { steps: view.getUint32(pos + 4, true), start: view.getFloat64(pos + 16, true), step: view.getFloat64(pos + 176, true), dataAt: pos + (headerLen || 304) + supp };
    needCounts(fileName, bytes, range, r + 1);
    const timePerStepS = view.getFloat32(pos + 192, true);
    const tempK = view.getFloat32(pos + 212, true);
    const { x, intensity, direction } = rangeData(view, range);
    out.push(
      makePattern({
        fileName,
        formatId: 'bruker-raw',
        x,
        intensity,
        wavelengthA: radiation?.wavelengthA ?? null,
        ...(radiation ? { radiation } : {}),
        temperatureC: tempK > 1 && tempK < 5000 ? Math.round(tempK * 100) / 100 - 273.15 : null,
        label: `range ${r + 1}`,
        frameIndex: r,
        metadata: {
          ...metadata,
          range: String(r + 1),
          ranges: String(nRanges),
          'start 2θ': String(range.start),
          'step 2θ': String(range.step),
          steps: String(range.steps),
          'time per step s': String(Math.round(timePerStepS * 1e4) / 1e4),
          ...(tempK > 1 ? { 'temperature K': String(Math.round(tempK * 100) / 100) } : {}),
          ...direction,
        },
        warnings: [],
      }),
    );
    pos = range.dataAt + 4 * range.steps;
  }
  return out;
}

function readRaw4(fileName: string, bytes: Uint8Array, view: DataView): Pattern[] {
  const metadata: Record<string, string> = { version: 'RAW4.00', date: cString(bytes, 12, 12), time: cString(bytes, 24, 10) };
  let radiation: Radiation | undefined;
  const out: Pattern[] = [];
  if (bytes.length < 61) throw new FormatError(fileName, null, 'the 61-byte RAW4.00 file header', `${bytes.length} bytes (truncated file)`);
  let pos = 61;
  while (pos + 8 <= bytes.length) {
    const type = view.getUint32(pos, true);
    if (type === 0) {
      if (pos + 160 > bytes.length) throw new FormatError(fileName, null, `a 160-byte range header at byte ${pos}`, 'end of file');
      const scanType = cString(bytes, pos + 32, 24);
      const timePerStepS = view.getFloat32(pos + 92, true);
      const kV = view.getFloat32(pos + 100, true);
      const mA = view.getFloat32(pos + 104, true);
      const datumSize = view.getUint32(pos + 136, true);
      const extra = view.getUint32(pos + 140, true);
      const range: RangeRead = { steps: view.getUint32(pos + 4, true), start: view.getFloat64(pos + 72, true), step: view.getFloat64(pos + 80, true), dataAt: pos + 160 + extra };
      if (datumSize !== 4) {
        throw new FormatError(fileName, null, `4 bytes (float32) per step in range ${out.length + 1}`, `${datumSize} bytes per step: this RAW4 layout is undocumented, export the scan as .xy or .brml`);
      }
      needCounts(fileName, bytes, range, out.length + 1);
      const warnings: string[] = [];
      if (!radiation) warnings.push('no radiation record in the file');
      const { x, intensity, direction } = rangeData(view, range);
      out.push(
        makePattern({
          fileName,
          formatId: 'bruker-raw',
          x,
          intensity,
          wavelengthA: radiation?.wavelengthA ?? null,
          ...(radiation ? { radiation } : {}),
          label: `range ${out.length + 1}`,
          frameIndex: out.length,
          metadata: {
            ...metadata,
            range: String(out.length + 1),
            scanType,
            'start 2θ': String(range.start),
            'step 2θ': String(range.step),
            steps: String(range.steps),
            'time per step s': String(Math.round(timePerStepS * 1e4) / 1e4),
            kV: String(kV),
            mA: String(mA),
            ...direction,
          },
          warnings,
        }),
      );
      pos = range.dataAt + 4 * range.steps;
      continue;
    }
    const len = view.getUint32(pos + 4, true);
    if (len < 8 || pos + len > bytes.length) throw new FormatError(fileName, null, `a RAW4 record (type, length) at byte ${pos}`, `type ${type}, length ${len}`);
    if (type === 10 && len >= 36) {
      const name = cString(bytes, pos + 12, 24);
      if (name) metadata[name] = cString(bytes, pos + 36, len - 36);
    } else if (type === 30 && len >= 112) {
      const r = radiationFrom(view, pos + 72);
      if (r) radiation = r;
    }
    pos += len;
  }
  if (out.length === 0) throw new FormatError(fileName, null, 'at least one range in the RAW4 file');
  if (radiation) for (const p of out) if (p.wavelengthA === null) Object.assign(p, { wavelengthA: radiation.wavelengthA, radiation, warnings: [] });
  return out;
}

/** Every range of a RAW file, in file order. */
export function readBrukerRawRanges(fileName: string, bytes: Uint8Array): Pattern[] {
  const magic = ascii.decode(bytes.subarray(0, 7));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (magic.startsWith('RAW ')) return readRawV1(fileName, bytes, view);
  if (magic.startsWith('RAW2')) return readRawV2(fileName, bytes, view);
  if (magic === 'RAW1.01') return readRaw1(fileName, bytes, view);
  if (magic === 'RAW4.00') return readRaw4(fileName, bytes, view);
  if (magic.startsWith('RAW')) throw new FormatError(fileName, null, "a Bruker RAW version at byte 0 ('RAW ', 'RAW2', 'RAW1.01' or 'RAW4.00')", magic);
  throw new FormatError(fileName, null, "the Bruker RAW magic at byte 0 ('RAW ', 'RAW2', 'RAW1.01' or 'RAW4.00')", magic);
}

/** Which Bruker RAW version the first bytes announce, or null. */
function rawVersion(head: Uint8Array): string | null {
  const magic = ascii.decode(head.subarray(0, 7));
  if (magic === 'RAW1.01' || magic === 'RAW4.00') return magic;
  if (magic.startsWith('RAW2')) return 'RAW2';
  // 'RAW ' is also how other text files may start: require the v1 header's shape (a step count, a finite step).
  if (magic.startsWith('RAW ') && head.length >= 28) {
    const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
    const steps = view.getUint32(4, true);
    const step = view.getFloat32(12, true);
    const start = view.getFloat32(24, true);
    if (steps > 0 && steps < 10_000_000 && Number.isFinite(step) && step !== 0 && Math.abs(step) < 10 && Number.isFinite(start) && Math.abs(start) < 360) return 'RAW ';
  }
  return null;
}

export const brukerRaw: FormatModule<Pattern> & { readSequenceFile(fileName: string, bytes: Uint8Array): Pattern[] } = {
  id: 'bruker-raw',
  label: 'Bruker / Siemens RAW (v1, v2, v1.01, v4)',
  technique: 'xrd',
  extensions: ['raw'],
  detect({ headBytes }: DetectInput): number {
    try {
      return rawVersion(headBytes) !== null ? 0.98 : 0;
    } catch {
      return 0;
    }
  },
  parse({ fileName, bytes }: ParseInput): Pattern {
    const ranges = readBrukerRawRanges(fileName, bytes);
    if (ranges.length > 1) ranges[0].warnings.push(`the file holds ${ranges.length} ranges; the first is shown (import as a sequence for all)`);
    return ranges[0];
  },
  readSequenceFile: readBrukerRawRanges,
};
