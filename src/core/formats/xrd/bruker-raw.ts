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

/** Refuses a range whose header (at byte `headerAt`) holds no scan, or whose counts run past the end of the file. */
function needCounts(fileName: string, bytes: Uint8Array, r: RangeRead, range: number, headerAt: number): void {
  if (!(r.steps > 0)) throw new FormatError(fileName, null, `a positive step count for range ${range} (header at byte ${headerAt})`, String(r.steps));
  if (!Number.isFinite(r.start) || !Number.isFinite(r.step) || r.step === 0) {
    throw new FormatError(fileName, null, `a finite start angle and a non-zero step for range ${range} (header at byte ${headerAt})`, `start ${r.start}, step ${r.step}`);
  }
  if (r.dataAt + 4 * r.steps > bytes.length) {
    throw new FormatError(fileName, null, `${r.steps} float32 counts for range ${range} at byte ${r.dataAt}`, `end of file at byte ${bytes.length} (truncated file)`);
  }
}

const RAW_MAGIC = 0x20574152; // 'RAW ' read as a little-endian u32

/**
 * Where DIFFRAC-AT v1 and v2 keep their fields: byte offsets in the file header, or from the start of a range record
 * (after v1's optional magic). One walk (readDiffracAt) reads both versions from these tables.
 */
interface DiffracAtLayout {
  /** The version as messages name it, and as the metadata records it. */
  name: string;
  version: string;
  /** Bytes before the first range (v2's file header); the file is refused when shorter. */
  fileHeaderBytes: number;
  /** v1: ranges start with the magic 'RAW ' (the first must, later ones may). */
  rangeMagic: boolean;
  /** u16 range count in the file header (v2), or null: ranges chain by the u32 'another range follows' at `followsAt` (v1). */
  rangeCountAt: number | null;
  followsAt: number | null;
  /** The range header's size: fixed (v1), or at least this with the real length the u16 at `headerLengthAt` (v2). */
  rangeHeaderBytes: number;
  headerLengthAt: number | null;
  steps: { at: number; bytes: 2 | 4 };
  /** float32 fields of the range header. */
  timePerStepAt: number;
  stepAt: number;
  startAt: number;
  /** u16 temperature in K (0 or ≥ 5000, e.g. 65535, = not recorded), or null. */
  temperatureKAt: number | null;
  /** float32 Kα1, Kα2 (and Kα2:Kα1 ratio): in the file header or in every range header. */
  radiation: { in: 'file' | 'range'; at: readonly number[] };
  /** Text fields [offset, length] of the file header and of each range header, into the metadata. */
  fileText: Record<string, readonly [number, number]>;
  rangeText: Record<string, readonly [number, number]>;
  /** u32 fields of the range header into the metadata. */
  rangeU32: Record<string, number>;
  /** float32 angles of the range header into the metadata (−1e6 = unknown, left out). */
  rangeAngles: Record<string, number>;
  /** float32 total run time in s in the file header (−1e6 = unknown). */
  runTimeAt: number | null;
}

// The two layouts side by side (offsets as in the description at the top of this module).
const RAW_V1: DiffracAtLayout = {
  name: 'RAW v1', version: 'RAW v1 (DIFFRAC-AT)', fileHeaderBytes: 0, rangeMagic: true, rangeCountAt: null, followsAt: 148,
  rangeHeaderBytes: 152, headerLengthAt: null, steps: { at: 0, bytes: 4 }, timePerStepAt: 4, stepAt: 8, startAt: 20, temperatureKAt: null,
  radiation: { in: 'range', at: [68, 72] }, fileText: {}, rangeText: { sampleName: [36, 32] }, rangeU32: { 'scan mode': 12 },
  rangeAngles: { 'θ start': 24, 'χ start': 28, 'φ start': 32 }, runTimeAt: null,
};
const RAW_V2: DiffracAtLayout = {
  name: 'RAW2', version: 'RAW2 (DIFFRAC-AT v2)', fileHeaderBytes: 256, rangeMagic: false, rangeCountAt: 4, followsAt: null,
  rangeHeaderBytes: 48, headerLengthAt: 0, steps: { at: 2, bytes: 2 }, timePerStepAt: 8, stepAt: 12, startAt: 16, temperatureKAt: 46,
  radiation: { in: 'file', at: [190, 194, 198] }, fileText: { header: [8, 160], 'date time': [168, 20], anode: [188, 2] }, rangeText: {}, rangeU32: {},
  rangeAngles: {}, runTimeAt: 210,
};

/** Every range of a DIFFRAC-AT v1 or v2 file, walked with its layout's offsets. */
function readDiffracAt(fileName: string, bytes: Uint8Array, view: DataView, layout: DiffracAtLayout): Pattern[] {
  const f32 = (at: number) => float32Decimal(view.getFloat32(at, true));
  const radiationAt = (base: number) => {
    const [k1, k2, ratio] = layout.radiation.at;
    return radiationF32(view.getFloat32(base + k1, true), view.getFloat32(base + k2, true), ratio === undefined ? undefined : view.getFloat32(base + ratio, true));
  };
  if (bytes.length < layout.fileHeaderBytes) throw new FormatError(fileName, null, `the ${layout.fileHeaderBytes}-byte ${layout.name} file header`, `${bytes.length} bytes (truncated file)`);
  const nRanges = layout.rangeCountAt === null ? null : view.getUint16(layout.rangeCountAt, true);
  if (nRanges === 0) throw new FormatError(fileName, null, `at least one range (u16 count at byte ${layout.rangeCountAt})`, '0');
  const fileRadiation = layout.radiation.in === 'file' ? radiationAt(0) : undefined;
  const runtime = layout.runTimeAt === null ? -1e6 : view.getFloat32(layout.runTimeAt, true);
  const fileMeta: Record<string, string> = { version: layout.version };
  for (const [key, [at, length]] of Object.entries(layout.fileText)) fileMeta[key] = cString(bytes, at, length);
  if (nRanges !== null) fileMeta.ranges = String(nRanges);
  if (runtime !== -1e6 && runtime > 0) fileMeta['total run time s'] = String(float32Decimal(runtime));

  const out: Pattern[] = [];
  let pos = layout.fileHeaderBytes;
  while (nRanges === null || out.length < nRanges) {
    const n = out.length + 1;
    let rec = pos;
    if (layout.rangeMagic) {
      if (rec + 4 <= bytes.length && view.getUint32(rec, true) === RAW_MAGIC) rec += 4;
      else if (n === 1) throw new FormatError(fileName, null, `the ${layout.name} magic 'RAW ' at byte ${rec}`);
    }
    if (rec + layout.rangeHeaderBytes > bytes.length) {
      throw new FormatError(fileName, null, `the ${layout.rangeHeaderBytes}-byte header of range ${n}${nRanges === null ? '' : ` of ${nRanges}`} at byte ${rec}`, `end of file at byte ${bytes.length} (truncated file)`);
    }
    const headerLength = layout.headerLengthAt === null ? layout.rangeHeaderBytes : view.getUint16(rec + layout.headerLengthAt, true);
    if (headerLength < layout.rangeHeaderBytes) {
      throw new FormatError(fileName, null, `a range header length of at least ${layout.rangeHeaderBytes} bytes at byte ${rec + (layout.headerLengthAt ?? 0)}`, String(headerLength));
    }
    const steps = layout.steps.bytes === 2 ? view.getUint16(rec + layout.steps.at, true) : view.getUint32(rec + layout.steps.at, true);
    const r: RangeRead = { steps, step: f32(rec + layout.stepAt), start: f32(rec + layout.startAt), dataAt: rec + headerLength };
    needCounts(fileName, bytes, r, n, rec);
    const radiation = layout.radiation.in === 'range' ? radiationAt(rec) : fileRadiation;
    const tempK = layout.temperatureKAt === null ? null : view.getUint16(rec + layout.temperatureKAt, true);
    const hasTemp = tempK !== null && tempK > 0 && tempK < 5000;
    const { x, intensity, direction } = rangeData(view, r);
    const metadata: Record<string, string> = { ...fileMeta, range: String(n) };
    for (const [key, [at, length]] of Object.entries(layout.rangeText)) metadata[key] = cString(bytes, rec + at, length);
    Object.assign(metadata, { 'start 2θ': String(r.start), 'step 2θ': String(r.step), steps: String(r.steps), 'time per step s': String(f32(rec + layout.timePerStepAt)) });
    for (const [key, at] of Object.entries(layout.rangeU32)) metadata[key] = String(view.getUint32(rec + at, true));
    if (hasTemp) metadata['temperature K'] = String(tempK);
    Object.assign(metadata, direction);
    for (const [key, at] of Object.entries(layout.rangeAngles)) {
      const v = view.getFloat32(rec + at, true);
      if (v !== -1e6 && Number.isFinite(v)) metadata[key] = String(float32Decimal(v));
    }
    out.push(
      makePattern({
        fileName,
        formatId: 'bruker-raw',
        x,
        intensity,
        wavelengthA: radiation?.wavelengthA ?? null,
        ...(radiation ? { radiation } : {}),
        ...(tempK === null ? {} : { temperatureC: hasTemp ? tempK - 273.15 : null }),
        label: `range ${n}`,
        frameIndex: n - 1,
        metadata,
        warnings: radiation ? [] : [`no Kα1 wavelength in the ${layout.radiation.in} header`],
      }),
    );
    pos = r.dataAt + 4 * r.steps;
    if (layout.followsAt !== null && (view.getUint32(rec + layout.followsAt, true) === 0 || pos >= bytes.length)) break;
  }
  if (nRanges === null) for (const p of out) p.metadata.ranges = String(out.length);
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
    needCounts(fileName, bytes, range, r + 1, pos);
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
      needCounts(fileName, bytes, range, out.length + 1, pos);
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
  if (magic.startsWith('RAW ')) return readDiffracAt(fileName, bytes, view, RAW_V1);
  if (magic.startsWith('RAW2')) return readDiffracAt(fileName, bytes, view, RAW_V2);
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
