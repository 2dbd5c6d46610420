/**
 * TIFF structure: the header and the chain of image file directories (IFDs), for classic TIFF (TIFF 6.0, 32-bit
 * offsets) and BigTIFF (64-bit offsets), read through a ByteSource so that only the directories are touched, never
 * the pixel data. The pixel reading lives in ./tiff.ts.
 *
 *   classic:  "II" 42 (LE) or "MM" 42 (BE), uint32 offset of the first IFD
 *             IFD = uint16 count, count × 12-byte entries (tag u16, type u16, count u32, value-or-offset u32), u32 next
 *   BigTIFF:  "II" 43, uint16 8, uint16 0, uint64 offset of the first IFD
 *             IFD = uint64 count, count × 20-byte entries (tag, type, count u64, value-or-offset u64), u64 next
 */
import { FormatError } from '../types';
import type { ByteSource } from './types';

/** The tags a stack reader needs (TIFF 6.0 numbers). */
export const TAG = {
  NewSubfileType: 254,
  ImageWidth: 256,
  ImageLength: 257,
  BitsPerSample: 258,
  Compression: 259,
  Photometric: 262,
  FillOrder: 266,
  ImageDescription: 270,
  StripOffsets: 273,
  SamplesPerPixel: 277,
  RowsPerStrip: 278,
  StripByteCounts: 279,
  PlanarConfiguration: 284,
  DateTime: 306,
  Predictor: 317,
  TileWidth: 322,
  TileOffsets: 324,
  SampleFormat: 339,
  /** Micro-Manager's per-page JSON metadata (ElapsedTime-ms). */
  MicroManager: 51123,
} as const;

const WANTED = new Set<number>(Object.values(TAG));

/** Bytes per value of each TIFF field type. */
const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4, 16: 8, 17: 8, 18: 8 };

export interface TiffHeader {
  littleEndian: boolean;
  bigTiff: boolean;
  firstIfd: number;
}

/** One directory: numeric tags as arrays, ASCII tags as strings. */
export interface Ifd {
  offset: number;
  numbers: Map<number, number[]>;
  strings: Map<number, string>;
  next: number;
}

/** True when the first bytes are a TIFF or BigTIFF header. */
export function isTiff(head: Uint8Array): boolean {
  if (head.length < 8) return false;
  const le = head[0] === 0x49 && head[1] === 0x49;
  const be = head[0] === 0x4d && head[1] === 0x4d;
  if (!le && !be) return false;
  const magic = le ? head[2] | (head[3] << 8) : (head[2] << 8) | head[3];
  return magic === 42 || magic === 43;
}

/** Reads small pieces of a source through a 64 KiB block cache (the directories are small and close together). */
export class BlockReader {
  private block: Uint8Array = new Uint8Array(0);
  private blockStart = 0;
  constructor(
    readonly source: ByteSource,
    readonly littleEndian: boolean,
  ) {}

  async bytes(offset: number, length: number): Promise<Uint8Array> {
    if (offset < 0 || offset + length > this.source.size) {
      throw new FormatError(this.source.name, null, `a TIFF structure inside the file (bytes ${offset}–${offset + length} are past its end, ${this.source.size} bytes)`);
    }
    if (offset >= this.blockStart && offset + length <= this.blockStart + this.block.length) {
      return this.block.subarray(offset - this.blockStart, offset - this.blockStart + length);
    }
    const size = Math.min(Math.max(length, 65536), this.source.size - offset);
    this.block = await this.source.read(offset, size);
    this.blockStart = offset;
    return this.block.subarray(0, length);
  }

  view(bytes: Uint8Array): DataView {
    return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
}

function u64(view: DataView, at: number, le: boolean): number {
  const v = view.getBigUint64(at, le);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('offset beyond 2^53');
  return Number(v);
}

export async function readHeader(source: ByteSource): Promise<TiffHeader> {
  if (source.size < 8) throw new FormatError(source.name, null, 'a TIFF file (at least an 8-byte header)', `${source.size} bytes`);
  const head = await source.read(0, Math.min(16, source.size));
  if (!isTiff(head)) throw new FormatError(source.name, null, 'a TIFF header ("II*\\0" or "MM\\0*")');
  const littleEndian = head[0] === 0x49;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const magic = view.getUint16(2, littleEndian);
  if (magic === 42) return { littleEndian, bigTiff: false, firstIfd: view.getUint32(4, littleEndian) };
  if (head.length < 16 || view.getUint16(4, littleEndian) !== 8) throw new FormatError(source.name, null, 'a BigTIFF header with 8-byte offsets');
  return { littleEndian, bigTiff: true, firstIfd: u64(view, 8, littleEndian) };
}

function decodeValues(type: number, count: number, bytes: Uint8Array, le: boolean): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = new Array(count);
  for (let i = 0; i < count; i++) {
    switch (type) {
      case 1:
      case 7:
        out[i] = bytes[i];
        break;
      case 6:
        out[i] = view.getInt8(i);
        break;
      case 3:
        out[i] = view.getUint16(2 * i, le);
        break;
      case 8:
        out[i] = view.getInt16(2 * i, le);
        break;
      case 4:
      case 13:
        out[i] = view.getUint32(4 * i, le);
        break;
      case 9:
        out[i] = view.getInt32(4 * i, le);
        break;
      case 5:
        out[i] = view.getUint32(8 * i, le) / view.getUint32(8 * i + 4, le);
        break;
      case 10:
        out[i] = view.getInt32(8 * i, le) / view.getInt32(8 * i + 4, le);
        break;
      case 11:
        out[i] = view.getFloat32(4 * i, le);
        break;
      case 12:
        out[i] = view.getFloat64(8 * i, le);
        break;
      case 16:
      case 18:
        out[i] = u64(view, 8 * i, le);
        break;
      case 17:
        out[i] = Number(view.getBigInt64(8 * i, le));
        break;
      default:
        out[i] = NaN;
    }
  }
  return out;
}

/** Read the IFD at `offset`: the tags in TAG (others are skipped without reading their values). */
export async function readIfd(reader: BlockReader, header: TiffHeader, offset: number): Promise<Ifd> {
  const le = header.littleEndian;
  const countSize = header.bigTiff ? 8 : 2;
  const entrySize = header.bigTiff ? 20 : 12;
  const inline = header.bigTiff ? 8 : 4;
  const countView = reader.view(await reader.bytes(offset, countSize));
  const n = header.bigTiff ? u64(countView, 0, le) : countView.getUint16(0, le);
  if (n === 0 || n > 4096) throw new FormatError(reader.source.name, null, `an image file directory at byte ${offset} (found ${n} entries)`);
  const table = await reader.bytes(offset + countSize, n * entrySize + (header.bigTiff ? 8 : 4));
  const view = reader.view(table);
  const numbers = new Map<number, number[]>();
  const strings = new Map<number, string>();
  for (let e = 0; e < n; e++) {
    const at = e * entrySize;
    const tag = view.getUint16(at, le);
    if (!WANTED.has(tag)) continue;
    const type = view.getUint16(at + 2, le);
    const count = header.bigTiff ? u64(view, at + 4, le) : view.getUint32(at + 4, le);
    const size = TYPE_SIZE[type];
    if (size === undefined || count === 0) continue;
    const total = size * count;
    const valueAt = at + (header.bigTiff ? 12 : 8);
    let bytes: Uint8Array;
    if (total <= inline) bytes = table.subarray(valueAt, valueAt + total);
    else {
      const where = header.bigTiff ? u64(view, valueAt, le) : view.getUint32(valueAt, le);
      bytes = (await reader.bytes(where, total)).slice();
    }
    if (type === 2) strings.set(tag, new TextDecoder('latin1').decode(bytes).replace(/\0+$/, ''));
    else if (tag === TAG.MicroManager && (type === 1 || type === 7)) strings.set(tag, new TextDecoder('utf-8').decode(bytes).replace(/\0+$/, ''));
    else numbers.set(tag, decodeValues(type, count, bytes, le));
  }
  const nextAt = n * entrySize;
  const next = header.bigTiff ? u64(view, nextAt, le) : view.getUint32(nextAt, le);
  return { offset, numbers, strings, next };
}

/** Every IFD of the chain, in order (loops and runaway chains end with a FormatError). */
export async function readIfdChain(source: ByteSource, header: TiffHeader, maxPages = 1_000_000): Promise<Ifd[]> {
  const reader = new BlockReader(source, header.littleEndian);
  const out: Ifd[] = [];
  const seen = new Set<number>();
  let offset = header.firstIfd;
  while (offset !== 0) {
    if (seen.has(offset)) throw new FormatError(source.name, null, `a chain of image directories without loops (directory ${out.length + 1} points back to byte ${offset})`);
    if (out.length >= maxPages) throw new FormatError(source.name, null, `at most ${maxPages} pages`);
    seen.add(offset);
    out.push(await readIfd(reader, header, offset));
    offset = out[out.length - 1].next;
  }
  if (out.length === 0) throw new FormatError(source.name, null, 'at least one image directory');
  return out;
}

export function first(ifd: Ifd, tag: number, fallback: number): number {
  const v = ifd.numbers.get(tag);
  return v && v.length > 0 && Number.isFinite(v[0]) ? v[0] : fallback;
}
