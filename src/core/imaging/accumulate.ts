/**
 * Per-frame sums of many regions at once, the hot loop of the radiography analysis. Frames are read straight into
 * one of two slots (double buffering: the next frame is read while this one is summed); each region's row spans
 * (roi.ts) are summed by a WebAssembly SIMD kernel for 8/16-bit pixels (kernels/roi-sums.wat: eight 16-bit pixels
 * per instruction, ~10× a JavaScript loop, measured in bench/radiography.mjs) and by a JavaScript loop for the other
 * pixel types or where WebAssembly SIMD is missing.
 *
 * Flat-field correction (I − D)/(F − D): with a dark field only, the correction is linear and the region's mean of
 * D is subtracted from its raw mean (exact, no per-pixel work); with a flat field, every pixel is weighted by
 * g = 1/(F − D) in a JavaScript loop (Σ(I − D)g = Σ I·g − Σ D·g, the second sum precomputed). Pixels with F ≤ D (dead
 * in the flat) are left out of every region and counted in `excludedPixels`.
 */
import { base64ToBytes } from '../../shared/codec';
import { PIXEL_BYTES, pixelView, type PixelType } from '../formats/image/types';
import { WASM_BASE64 } from './kernels/roi-sums.wasm';
import type { RoiMask } from './roi';

/** Longest span handed to the kernel: its 32-bit lanes hold at most 131,072/8 × 2 × 65,535 < 2³². */
const MAX_SPAN = 131_072;

export interface FlatField {
  dark: Float64Array | null;
  flat: Float64Array | null;
}

/**
 * Row-chunked summing for streaming from a file: a frame is read a few hundred kilobytes at a time into `slot`
 * (which stays in the CPU cache) and each chunk is summed at once — one pass over memory instead of two.
 */
export interface ChunkedSums {
  /** Rows per chunk (the last chunk may have fewer). */
  readonly rows: number;
  readonly chunks: number;
  /** Where to read chunk c's rows (little-endian pixels, rows × width). */
  readonly slot: Uint8Array;
  /** Add the chunk in slot (rows c·rows …) to the frame's sums. */
  add(c: number): void;
  /** The frame's means (as `means`) into out; the sums start again at zero. */
  finish(out: Float64Array): Float64Array;
}

export interface Accumulator {
  /** 'wasm-simd' or 'js': which kernel sums the spans. */
  readonly kernel: 'wasm-simd' | 'js';
  readonly frameBytes: number;
  /** Where to read a frame (little-endian pixels); slot 0 or 1. Valid until the accumulator is dropped. */
  slot(i: 0 | 1): Uint8Array;
  /** Mean of every region for the frame in slot i (NaN for a region without pixels), into `out`. */
  means(i: 0 | 1, out: Float64Array): Float64Array;
  /** Pixels left out because the flat field is not above the dark field there. */
  readonly excludedPixels: number;
  /** Row-chunked summing (the SIMD kernel only; null otherwise or when not asked for). */
  readonly chunked: ChunkedSums | null;
  /** Pixels summed per region (without the excluded ones). */
  readonly pixelCounts: Float64Array;
}

interface Kernel {
  memory: WebAssembly.Memory;
  sum_spans_u16(pix: number, spans: number, n: number, out: number): void;
  sum_spans_s16(pix: number, spans: number, n: number, out: number): void;
  sum_spans_u8(pix: number, spans: number, n: number, out: number): void;
}

let kernelModule: WebAssembly.Module | null | undefined;

/** The compiled kernel module, or null where WebAssembly (with SIMD) is unavailable. */
function simdModule(): WebAssembly.Module | null {
  if (kernelModule !== undefined) return kernelModule;
  try {
    const bytes = new Uint8Array(base64ToBytes(WASM_BASE64));
    kernelModule = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    kernelModule = null;
  }
  return kernelModule;
}

/** Region index, first and end pixel (frame indices) of every span, long spans split. */
function spanTable(masks: RoiMask[], width: number, keep: Uint8Array | null): Int32Array {
  const out: number[] = [];
  masks.forEach((m, r) => {
    for (let i = 0; i < m.spans.length; i += 3) {
      const row = m.spans[i] * width;
      let a = row + m.spans[i + 1];
      const end = row + m.spans[i + 2];
      if (keep) {
        // split around excluded pixels
        let run = -1;
        for (let p = a; p <= end; p++) {
          const ok = p < end && keep[p] === 1;
          if (ok && run < 0) run = p;
          if (!ok && run >= 0) {
            for (let s = run; s < p; s += MAX_SPAN) out.push(r, s, Math.min(p, s + MAX_SPAN));
            run = -1;
          }
        }
        continue;
      }
      for (; a < end; a += MAX_SPAN) out.push(r, a, Math.min(end, a + MAX_SPAN));
    }
  });
  return Int32Array.from(out);
}

function counts(table: Int32Array, regions: number): Float64Array {
  const c = new Float64Array(regions);
  for (let i = 0; i < table.length; i += 3) c[table[i]] += table[i + 2] - table[i + 1];
  return c;
}

/** Σ field over each region's spans. */
function fieldSums(table: Int32Array, regions: number, field: Float64Array): Float64Array {
  const s = new Float64Array(regions);
  for (let i = 0; i < table.length; i += 3) {
    let acc = 0;
    for (let p = table[i + 1]; p < table[i + 2]; p++) acc += field[p];
    s[table[i]] += acc;
  }
  return s;
}

/** Spans regrouped by chunk of `rows` rows, their pixel indices counted from the chunk's first pixel. */
function chunkTables(table: Int32Array, width: number, rows: number, chunks: number): Int32Array[] {
  const per: number[][] = Array.from({ length: chunks }, () => []);
  const chunkPixels = rows * width;
  for (let i = 0; i < table.length; i += 3) {
    const c = Math.floor(table[i + 1] / chunkPixels);
    per[c].push(table[i], table[i + 1] - c * chunkPixels, table[i + 2] - c * chunkPixels);
  }
  return per.map((t) => Int32Array.from(t));
}

export interface AccumulatorOptions {
  /** Also prepare row-chunked summing with chunks of about this many bytes (default: none). */
  chunkBytes?: number;
}

export function createAccumulator(
  width: number,
  height: number,
  pixelType: PixelType,
  masks: RoiMask[],
  field: FlatField = { dark: null, flat: null },
  options: AccumulatorOptions = {},
): Accumulator {
  const frameBytes = width * height * PIXEL_BYTES[pixelType];
  const regions = masks.length;
  const n = width * height;
  let gain: Float64Array | null = null;
  let keep: Uint8Array | null = null;
  let excluded = 0;
  if (field.flat) {
    gain = new Float64Array(n);
    keep = new Uint8Array(n);
    for (let p = 0; p < n; p++) {
      const d = field.flat[p] - (field.dark ? field.dark[p] : 0);
      if (d > 0 && Number.isFinite(d)) {
        gain[p] = 1 / d;
        keep[p] = 1;
      } else excluded++;
    }
  }
  const table = spanTable(masks, width, keep);
  const pixelCounts = counts(table, regions);
  // Σ D·g (flat) or Σ D (dark only) per region, subtracted from every frame's sums
  let offset: Float64Array | null = null;
  if (gain && field.dark) {
    const dg = new Float64Array(n);
    for (let p = 0; p < n; p++) dg[p] = field.dark[p] * gain[p];
    offset = fieldSums(table, regions, dg);
  } else if (field.dark) offset = fieldSums(table, regions, field.dark);

  const finishMeans = (sums: Float64Array, out: Float64Array): Float64Array => {
    for (let r = 0; r < regions; r++) out[r] = pixelCounts[r] > 0 ? (sums[r] - (offset ? offset[r] : 0)) / pixelCounts[r] : NaN;
    return out;
  };

  const module = gain === null && (pixelType === 'uint16' || pixelType === 'int16' || pixelType === 'uint8') ? simdModule() : null;
  const spansBytes = table.length * 4;
  const align = (x: number) => Math.ceil(x / 16) * 16;
  const rowBytes = width * PIXEL_BYTES[pixelType];
  const chunkRows = options.chunkBytes ? Math.max(1, Math.min(height, Math.floor(options.chunkBytes / rowBytes))) : 0;
  const chunkCount = chunkRows ? Math.ceil(height / chunkRows) : 0;
  const tables = chunkRows ? chunkTables(table, width, chunkRows, chunkCount) : [];
  const layout = { slot0: 0, slot1: align(frameBytes), spans: 2 * align(frameBytes), out: 2 * align(frameBytes) + align(spansBytes), chunk: 0, chunkSpans: [] as number[], end: 0 };
  layout.chunk = layout.out + align(regions * 8);
  let at = layout.chunk + align(chunkRows * rowBytes);
  for (const t of tables) {
    layout.chunkSpans.push(at);
    at += align(t.length * 4);
  }
  layout.end = at;
  const totalBytes = layout.end;
  if (module && totalBytes < 2 ** 31) {
    const instance = new WebAssembly.Instance(module, {});
    const k = instance.exports as unknown as Kernel;
    const pages = Math.ceil(totalBytes / 65536);
    const have = k.memory.buffer.byteLength / 65536;
    if (pages > have) k.memory.grow(pages - have);
    const memory = () => k.memory.buffer;
    new Int32Array(memory(), layout.spans, table.length).set(table);
    const sum = pixelType === 'uint16' ? k.sum_spans_u16 : pixelType === 'int16' ? k.sum_spans_s16 : k.sum_spans_u8;
    const spanCount = table.length / 3;
    tables.forEach((t, c) => new Int32Array(memory(), layout.chunkSpans[c], t.length).set(t));
    const chunked: ChunkedSums | null = chunkRows
      ? {
          rows: chunkRows,
          chunks: chunkCount,
          slot: new Uint8Array(memory(), layout.chunk, chunkRows * rowBytes),
          add: (c) => sum(layout.chunk, layout.chunkSpans[c], tables[c].length / 3, layout.out),
          finish(out) {
            const sums = new Float64Array(memory(), layout.out, regions);
            finishMeans(sums, out);
            sums.fill(0);
            return out;
          },
        }
      : null;
    new Float64Array(memory(), layout.out, regions).fill(0);
    return {
      kernel: 'wasm-simd',
      frameBytes,
      excludedPixels: excluded,
      pixelCounts,
      chunked,
      slot: (i) => new Uint8Array(memory(), i === 0 ? layout.slot0 : layout.slot1, frameBytes),
      means(i, out) {
        const sums = new Float64Array(memory(), layout.out, regions);
        sums.fill(0);
        sum(i === 0 ? layout.slot0 : layout.slot1, layout.spans, spanCount, layout.out);
        return finishMeans(sums, out);
      },
    };
  }

  const slots = [new Uint8Array(frameBytes), new Uint8Array(frameBytes)];
  const sums = new Float64Array(regions);
  return {
    kernel: 'js',
    frameBytes,
    excludedPixels: excluded,
    pixelCounts,
    chunked: null,
    slot: (i) => slots[i],
    means(i, out) {
      const px = pixelView(pixelType, slots[i]);
      sums.fill(0);
      if (gain) {
        for (let s = 0; s < table.length; s += 3) {
          let acc = 0;
          for (let p = table[s + 1]; p < table[s + 2]; p++) acc += px[p] * gain[p];
          sums[table[s]] += acc;
        }
      } else {
        for (let s = 0; s < table.length; s += 3) {
          let acc = 0;
          for (let p = table[s + 1]; p < table[s + 2]; p++) acc += px[p];
          sums[table[s]] += acc;
        }
      }
      return finishMeans(sums, out);
    },
  };
}
