/**
 * Radiography stacks in TIFF: multi-page TIFF (classic and BigTIFF), ImageJ stacks (including ImageJ's files over
 * 4 GiB, which hold one directory and `images=N` contiguous frames), and single-page TIFFs (a folder of them is a
 * stack, ./tiff-folder.ts). Grey images of 8, 16 or 32 bits (unsigned, signed) and 32/64-bit float, in strips.
 *
 *   "II*\0" … IFD: ImageWidth 2048, ImageLength 2048, BitsPerSample 16, Compression 1, StripOffsets …,
 *                  ImageDescription "ImageJ=1.54f\nimages=1000\nfinterval=0.33\n"
 *
 * Uncompressed strips (what detectors and ImageJ write) are read straight into the caller's buffer, one read per
 * frame when the strips are contiguous: this is the streaming hot path. Compressed strips (LZW, Deflate, PackBits,
 * predictor 2) are decoded by utif2, one page at a time. Tiled TIFF, several samples per pixel (RGB) and bit depths
 * other than 8/16/32/64 are refused with a FormatError that says so.
 * Frame times: ImageJ's finterval, else Micro-Manager's ElapsedTime-ms per page, else per-page DateTime tags when
 * they increase; else none (the analysis then uses an interval).
 */
import UTIF, { type IFD as UtifIfd } from 'utif2';
import { FormatError } from '../types';
import { first, readHeader, readIfdChain, TAG, type Ifd, isTiff } from './tiff-ifd';
import { microManagerElapsedS, parseImageJDescription, parseTiffDateTime, usableTimes } from './times';
import { PIXEL_BYTES, swapBytes, type ByteSource, type FrameInfo, type FrameTimeSource, type ImageStack, type ImageStackFormat, type PixelType } from './types';

/** What a page needs for reading: geometry, sample type and where its strips are. */
export interface TiffPage {
  width: number;
  height: number;
  pixelType: PixelType;
  compression: number;
  predictor: number;
  fillOrder: number;
  rowsPerStrip: number;
  stripOffsets: number[];
  stripByteCounts: number[];
  description: string | null;
  dateTime: string | null;
  microManager: string | null;
}

/** A TIFF file's pages and how to read them. */
export interface TiffFile {
  source: ByteSource;
  littleEndian: boolean;
  pages: TiffPage[];
  /** ImageJ description fields of the first page, or null. */
  imagej: Record<string, string> | null;
  warnings: string[];
}

export const tiffFormat: ImageStackFormat = {
  id: 'tiff',
  label: 'TIFF / BigTIFF image stack',
  extensions: ['tif', 'tiff', 'btf', 'tf8'],
  detect(fileName, head) {
    return isTiff(head) ? (/\.(tiff?|btf|tf8)$/i.test(fileName) ? 1 : 0.9) : 0;
  },
};

const COMPRESSION_NAMES: Record<number, string> = { 1: 'none', 5: 'LZW', 8: 'Deflate', 32946: 'Deflate', 32773: 'PackBits' };

function pixelTypeOf(name: string, page: number, bits: number, format: number): PixelType {
  const key = `${bits}:${format}`;
  const map: Record<string, PixelType> = {
    '8:1': 'uint8',
    '8:2': 'int8',
    '16:1': 'uint16',
    '16:2': 'int16',
    '32:1': 'uint32',
    '32:2': 'int32',
    '32:3': 'float32',
    '64:3': 'float64',
  };
  const t = map[key];
  if (!t) {
    const kind = format === 3 ? 'float' : format === 2 ? 'signed' : 'unsigned';
    throw new FormatError(name, null, `grey pixels of 8, 16 or 32 bits (or 32/64-bit float) on page ${page + 1}`, `${bits}-bit ${kind}`);
  }
  return t;
}

function pageOf(name: string, ifd: Ifd, index: number): TiffPage {
  const spp = first(ifd, TAG.SamplesPerPixel, 1);
  if (spp !== 1) throw new FormatError(name, null, `a grey image (1 sample per pixel) on page ${index + 1}`, `${spp} samples per pixel (colour): convert the stack to greyscale first`);
  if (ifd.numbers.has(TAG.TileWidth) || ifd.numbers.has(TAG.TileOffsets)) throw new FormatError(name, null, `an image in strips on page ${index + 1}`, 'a tiled TIFF (save it untiled)');
  const width = first(ifd, TAG.ImageWidth, 0);
  const height = first(ifd, TAG.ImageLength, 0);
  if (!(width > 0 && height > 0)) throw new FormatError(name, null, `an image width and height on page ${index + 1}`);
  const bits = first(ifd, TAG.BitsPerSample, 1);
  const pixelType = pixelTypeOf(name, index, bits, first(ifd, TAG.SampleFormat, 1));
  const compression = first(ifd, TAG.Compression, 1);
  if (!(compression in COMPRESSION_NAMES)) throw new FormatError(name, null, `uncompressed, LZW, Deflate or PackBits pixels on page ${index + 1}`, `compression ${compression}`);
  const predictor = first(ifd, TAG.Predictor, 1);
  if (predictor === 3 || (predictor === 2 && PIXEL_BYTES[pixelType] > 2)) {
    throw new FormatError(name, null, `no predictor, or the horizontal predictor on 8/16-bit pixels, on page ${index + 1}`, `predictor ${predictor} on ${bits}-bit pixels`);
  }
  const stripOffsets = ifd.numbers.get(TAG.StripOffsets) ?? [];
  if (stripOffsets.length === 0) throw new FormatError(name, null, `strip offsets on page ${index + 1}`);
  const rowsPerStrip = Math.min(height, first(ifd, TAG.RowsPerStrip, height));
  const rowBytes = width * PIXEL_BYTES[pixelType];
  const stripByteCounts =
    ifd.numbers.get(TAG.StripByteCounts) ?? (compression === 1 ? stripOffsets.map((_, k) => Math.min(rowsPerStrip, height - k * rowsPerStrip) * rowBytes) : []);
  if (stripByteCounts.length !== stripOffsets.length) throw new FormatError(name, null, `as many strip byte counts as strip offsets on page ${index + 1}`);
  if (stripOffsets.length < Math.ceil(height / rowsPerStrip)) {
    throw new FormatError(name, null, `${Math.ceil(height / rowsPerStrip)} strips of ${rowsPerStrip} rows on page ${index + 1}`, `${stripOffsets.length} strips`);
  }
  return {
    width,
    height,
    pixelType,
    compression,
    predictor,
    fillOrder: first(ifd, TAG.FillOrder, 1),
    rowsPerStrip,
    stripOffsets,
    stripByteCounts,
    description: ifd.strings.get(TAG.ImageDescription) ?? null,
    dateTime: ifd.strings.get(TAG.DateTime) ?? null,
    microManager: ifd.strings.get(TAG.MicroManager) ?? null,
  };
}

/** Strips that follow each other without gaps, uncompressed: the frame is one read. */
function contiguous(page: TiffPage): boolean {
  if (page.compression !== 1) return false;
  for (let k = 1; k < page.stripOffsets.length; k++) if (page.stripOffsets[k] !== page.stripOffsets[k - 1] + page.stripByteCounts[k - 1]) return false;
  return true;
}

function frameBytes(page: TiffPage): number {
  return page.width * page.height * PIXEL_BYTES[page.pixelType];
}

/**
 * ImageJ writes stacks over 4 GiB with one directory and the frames contiguous after it (`images=N` in the
 * description); smaller ImageJ stacks can be read the same way. Pages are synthesised from the first one.
 */
function imagejPages(source: ByteSource, pages: TiffPage[], ij: Record<string, string>): TiffPage[] {
  const n = Number(ij.images);
  if (!(Number.isInteger(n) && n > pages.length && pages.length === 1)) return pages;
  const p = pages[0];
  if (!contiguous(p)) throw new FormatError(source.name, null, `contiguous uncompressed frames (the ImageJ description says images=${n})`);
  const size = frameBytes(p);
  const start = p.stripOffsets[0];
  if (start + n * size > source.size) {
    throw new FormatError(source.name, null, `${n} frames of ${p.width}×${p.height} (${size} bytes each) after byte ${start}, as its ImageJ description says`, `a file of ${source.size} bytes (truncated?)`);
  }
  return Array.from({ length: n }, (_, i) => ({ ...p, stripOffsets: [start + i * size], stripByteCounts: [size], rowsPerStrip: p.height }));
}

/** Open a TIFF: header, every directory, pages (thumbnails and reduced-resolution pages are skipped). */
export async function openTiffFile(source: ByteSource): Promise<TiffFile> {
  const header = await readHeader(source);
  const ifds = await readIfdChain(source, header);
  const warnings: string[] = [];
  const kept = ifds.filter((ifd) => (first(ifd, TAG.NewSubfileType, 0) & 1) === 0);
  if (kept.length < ifds.length) warnings.push(`${source.name}: ${ifds.length - kept.length} reduced-resolution page(s) (thumbnails) skipped`);
  if (kept.length === 0) throw new FormatError(source.name, null, 'a full-resolution page (every page is a thumbnail)');
  let pages = kept.map((ifd, i) => pageOf(source.name, ifd, i));
  const imagej = parseImageJDescription(pages[0].description);
  if (imagej) pages = imagejPages(source, pages, imagej);
  return { source, littleEndian: header.littleEndian, pages, imagej, warnings };
}

/**
 * Decode a compressed page with utif2: its strips are copied into a small TIFF-like buffer (utif2 reads the byte
 * order from the buffer's first two bytes) and decoded there.
 */
async function decodeCompressed(file: TiffFile, page: TiffPage, target: Uint8Array): Promise<void> {
  const total = page.stripByteCounts.reduce((a, b) => a + b, 0);
  const data = new Uint8Array(8 + total);
  data[0] = data[1] = file.littleEndian ? 0x49 : 0x4d;
  const offsets: number[] = [];
  let at = 8;
  for (let k = 0; k < page.stripOffsets.length; k++) {
    await file.source.read(page.stripOffsets[k], page.stripByteCounts[k], data.subarray(at, at + page.stripByteCounts[k]));
    offsets.push(at);
    at += page.stripByteCounts[k];
  }
  const bits = PIXEL_BYTES[page.pixelType] * 8;
  const ifd = {
    t256: [page.width],
    t257: [page.height],
    t258: [bits],
    t259: [page.compression],
    t262: [1],
    t266: [page.fillOrder],
    t277: [1],
    t278: [page.rowsPerStrip],
    t273: offsets,
    t279: page.stripByteCounts,
    ...(page.predictor === 2 ? { t317: [2] } : {}),
  } as unknown as UtifIfd;
  UTIF.decodeImage(data.buffer, ifd);
  const decoded = ifd.data;
  const need = frameBytes(page);
  if (!decoded || decoded.length < need) {
    throw new FormatError(file.source.name, null, `${need} bytes of ${COMPRESSION_NAMES[page.compression]}-compressed pixels`, `${decoded ? decoded.length : 0} after decoding (damaged strips?)`);
  }
  target.set(decoded.subarray(0, need));
  // utif2 returns 16-bit samples little-endian; wider samples keep the file's order
  if (!file.littleEndian && PIXEL_BYTES[page.pixelType] > 2) swapBytes(target.subarray(0, need), PIXEL_BYTES[page.pixelType]);
}

/** Page `index`'s pixels, little-endian, into target. */
export async function readTiffPage(file: TiffFile, index: number, target: Uint8Array): Promise<Uint8Array> {
  const page = file.pages[index];
  const need = frameBytes(page);
  if (target.length < need) throw new RangeError(`buffer of ${target.length} bytes for a frame of ${need}`);
  const out = target.subarray(0, need);
  try {
    if (page.compression !== 1) {
      await decodeCompressed(file, page, out);
      return out;
    }
    if (contiguous(page)) await file.source.read(page.stripOffsets[0], need, out);
    else {
      const rowBytes = page.width * PIXEL_BYTES[page.pixelType];
      let at = 0;
      for (let k = 0; k < page.stripOffsets.length && at < need; k++) {
        const bytes = Math.min(Math.min(page.rowsPerStrip, page.height - k * page.rowsPerStrip) * rowBytes, need - at);
        await file.source.read(page.stripOffsets[k], bytes, out.subarray(at, at + bytes));
        at += bytes;
      }
    }
  } catch (error) {
    if (error instanceof FormatError) throw error;
    throw new FormatError(file.source.name, null, `the pixels of page ${index + 1}`, error instanceof Error ? error.message : String(error));
  }
  if (!file.littleEndian && PIXEL_BYTES[page.pixelType] > 1) swapBytes(out, PIXEL_BYTES[page.pixelType]);
  return out;
}

/** Rows of an uncompressed contiguous page, read blocking (false when the page or source does not allow it). */
export function readTiffRowsSync(file: TiffFile, index: number, row0: number, rows: number, target: Uint8Array): boolean {
  const page = file.pages[index];
  if (!file.source.readSync || !contiguous(page)) return false;
  const rowBytes = page.width * PIXEL_BYTES[page.pixelType];
  const n = rows * rowBytes;
  const out = target.subarray(0, n);
  try {
    file.source.readSync(page.stripOffsets[0] + row0 * rowBytes, n, out);
  } catch (error) {
    throw new FormatError(file.source.name, null, `the pixels of page ${index + 1}`, error instanceof Error ? error.message : String(error));
  }
  if (!file.littleEndian && PIXEL_BYTES[page.pixelType] > 1) swapBytes(out, PIXEL_BYTES[page.pixelType]);
  return true;
}

/** Frame times a TIFF file states (see the module comment), with their source. */
export function tiffTimes(file: TiffFile): { times: (number | null)[]; source: FrameTimeSource; note: string } {
  const n = file.pages.length;
  const interval = Number(file.imagej?.finterval);
  if (file.imagej && Number.isFinite(interval) && interval > 0) {
    return { times: Array.from({ length: n }, (_, i) => i * interval), source: 'interval', note: `ImageJ frame interval finterval = ${interval} s` };
  }
  const mm = file.pages.map((p) => microManagerElapsedS(p.microManager));
  if (usableTimes(mm)) return { times: mm, source: 'elapsed', note: 'Micro-Manager ElapsedTime-ms of each page' };
  const clock = file.pages.map((p) => parseTiffDateTime(p.dateTime));
  if (usableTimes(clock)) return { times: clock, source: 'clock', note: 'TIFF DateTime of each page (1 s resolution)' };
  return { times: file.pages.map(() => null), source: 'none', note: 'no frame times in the file' };
}

/** Check that every page has the first page's size and type; the message names the first page that differs. */
export function checkUniformPages(name: string, pages: { width: number; height: number; pixelType: PixelType; label: string }[]): void {
  const p0 = pages[0];
  for (const p of pages) {
    if (p.width !== p0.width || p.height !== p0.height || p.pixelType !== p0.pixelType) {
      throw new FormatError(
        name,
        null,
        `frames of one size and type (${p0.width}×${p0.height} ${p0.pixelType}, like ${p0.label})`,
        `${p.width}×${p.height} ${p.pixelType} in ${p.label}`,
      );
    }
  }
}

/** A multi-page (or single-page) TIFF file as a stack. */
export async function openTiffStack(source: ByteSource): Promise<ImageStack> {
  const file = await openTiffFile(source);
  checkUniformPages(source.name, file.pages.map((p, i) => ({ ...p, label: `page ${i + 1}` })));
  const p0 = file.pages[0];
  const times = tiffTimes(file);
  const frames: FrameInfo[] = file.pages.map((_, i) => ({ fileName: source.name, page: i, timeS: times.times[i] }));
  const metadata: Record<string, string> = { byteOrder: file.littleEndian ? 'little-endian (II)' : 'big-endian (MM)', compression: COMPRESSION_NAMES[p0.compression] };
  if (p0.description) metadata.ImageDescription = p0.description.slice(0, 2000);
  return {
    formatId: tiffFormat.id,
    formatLabel: tiffFormat.label,
    name: source.name,
    width: p0.width,
    height: p0.height,
    frameCount: file.pages.length,
    pixelType: p0.pixelType,
    frames,
    timeSource: times.source,
    timeNote: times.note,
    metadata,
    dark: null,
    flat: null,
    warnings: file.warnings,
    readFrameBytes: (index, target) => {
      if (!(index >= 0 && index < file.pages.length)) throw new RangeError(`${source.name}: no frame ${index} (it has ${file.pages.length})`);
      return readTiffPage(file, index, target);
    },
    readRowsSync: (index, row0, rows, target) => readTiffRowsSync(file, index, row0, rows, target),
    close: async () => {
      await source.close?.();
    },
  };
}
