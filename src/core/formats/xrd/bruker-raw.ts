/**
 * Bruker / Siemens binary RAW, versions RAW1.01 (DIFFRACplus v3) and RAW4.00 (DIFFRAC.SUITE V5), little-endian.
 *
 * RAW1.01 (Bruker "DIFFRACplus FILE EXCHANGE and XCH" manual, App. A.1): magic 'RAW1.01', range count (u32) at 12,
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
 */
import type { Pattern, Radiation } from '../../../shared/xrd';
import { FormatError, type DetectInput, type FormatModule, type ParseInput } from '../types';
import { makePattern } from './common';

const ascii = new TextDecoder('latin1');

function cString(bytes: Uint8Array, start: number, length: number): string {
  const end = Math.min(bytes.length, start + length);
  let stop = start;
  while (stop < end && bytes[stop] !== 0) stop++;
  return ascii.decode(bytes.subarray(start, stop)).trim();
}

function radiationFrom(view: DataView, at: number): Radiation | undefined {
  const k1 = view.getFloat64(at + 8, true);
  const k2 = view.getFloat64(at + 16, true);
  const ratio = view.getFloat64(at + 32, true);
  if (!(k1 > 0.1 && k1 < 5)) return undefined;
  return { wavelengthA: k1, ...(k2 > 0.1 && k2 < 5 ? { wavelength2A: k2 } : {}), ...(ratio > 0 && ratio <= 1 && k2 > 0.1 ? { ratio21: ratio } : {}) };
}

function axis(start: number, step: number, n: number): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = start + i * step;
  return x;
}

function counts(view: DataView, at: number, n: number, stride: number): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = view.getFloat32(at + i * stride, true);
  return y;
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
    const steps = view.getUint32(pos + 4, true);
    const start = view.getFloat64(pos + 16, true);
    const step = view.getFloat64(pos + 176, true);
    const timePerStepS = view.getFloat32(pos + 192, true);
    const tempK = view.getFloat32(pos + 212, true);
    const supp = view.getUint32(pos + 256, true);
    const dataAt = pos + (headerLen || 304) + supp;
    if (dataAt + 4 * steps > bytes.length) throw new FormatError(fileName, null, `${steps} float32 counts for range ${r + 1} at byte ${dataAt}`, 'end of file');
    out.push(
      makePattern({
        fileName,
        formatId: 'bruker-raw',
        x: axis(start, step, steps),
        intensity: counts(view, dataAt, steps, 4),
        wavelengthA: radiation?.wavelengthA ?? null,
        ...(radiation ? { radiation } : {}),
        temperatureC: tempK > 1 && tempK < 5000 ? Math.round(tempK * 100) / 100 - 273.15 : null,
        label: `range ${r + 1}`,
        frameIndex: r,
        metadata: { ...metadata, range: String(r + 1), ranges: String(nRanges), 'time per step s': String(Math.round(timePerStepS * 1e4) / 1e4), ...(tempK > 1 ? { 'temperature K': String(Math.round(tempK * 100) / 100) } : {}) },
        warnings: [],
      }),
    );
    pos = dataAt + 4 * steps;
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
      const steps = view.getUint32(pos + 4, true);
      const scanType = cString(bytes, pos + 32, 24);
      const start = view.getFloat64(pos + 72, true);
      const step = view.getFloat64(pos + 80, true);
      const timePerStepS = view.getFloat32(pos + 92, true);
      const kV = view.getFloat32(pos + 100, true);
      const mA = view.getFloat32(pos + 104, true);
      const datumSize = view.getUint32(pos + 136, true);
      const extra = view.getUint32(pos + 140, true);
      const dataAt = pos + 160 + extra;
      if (datumSize !== 4) {
        throw new FormatError(fileName, null, `4 bytes (float32) per step in range ${out.length + 1}`, `${datumSize} bytes per step: this RAW4 layout is undocumented, export the scan as .xy or .brml`);
      }
      if (dataAt + 4 * steps > bytes.length) throw new FormatError(fileName, null, `${steps} float32 counts at byte ${dataAt}`, 'end of file');
      const warnings: string[] = [];
      if (!radiation) warnings.push('no radiation record in the file');
      out.push(
        makePattern({
          fileName,
          formatId: 'bruker-raw',
          x: axis(start, step, steps),
          intensity: counts(view, dataAt, steps, 4),
          wavelengthA: radiation?.wavelengthA ?? null,
          ...(radiation ? { radiation } : {}),
          label: `range ${out.length + 1}`,
          frameIndex: out.length,
          metadata: { ...metadata, range: String(out.length + 1), scanType, 'time per step s': String(Math.round(timePerStepS * 1e4) / 1e4), kV: String(kV), mA: String(mA) },
          warnings,
        }),
      );
      pos = dataAt + 4 * steps;
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
  if (magic === 'RAW1.01') return readRaw1(fileName, bytes, view);
  if (magic === 'RAW4.00') return readRaw4(fileName, bytes, view);
  if (magic.startsWith('RAW')) throw new FormatError(fileName, null, "Bruker RAW version 'RAW1.01' or 'RAW4.00'", magic);
  throw new FormatError(fileName, null, "the Bruker RAW magic 'RAW1.01' or 'RAW4.00'", magic);
}

export const brukerRaw: FormatModule<Pattern> & { readSequenceFile(fileName: string, bytes: Uint8Array): Pattern[] } = {
  id: 'bruker-raw',
  label: 'Bruker / Siemens RAW (v1.01, v4)',
  technique: 'xrd',
  extensions: ['raw'],
  detect({ headBytes }: DetectInput): number {
    try {
      const magic = ascii.decode(headBytes.subarray(0, 7));
      return magic === 'RAW1.01' || magic === 'RAW4.00' ? 0.98 : 0;
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
