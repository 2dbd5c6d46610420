/**
 * The contract of the radiography image-stack readers (TIFF, folders of TIFFs, HDF5). Unlike the TGA/XRD parsers,
 * which turn a file's bytes into one record, a stack reader opens a random-access byte source and reads one frame
 * at a time: a 1,000 × 2048 × 2048 × 16-bit stack (8 GB) is analysed without ever holding more than a frame or two.
 * Errors are FormatErrors (../types) that name the file and what was expected.
 */

export type PixelType = 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';

export type PixelArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

/** Bytes per pixel of each type. */
export const PIXEL_BYTES: Record<PixelType, number> = { uint8: 1, int8: 1, uint16: 2, int16: 2, uint32: 4, int32: 4, float32: 4, float64: 8 };

/** A typed view of `bytes` (little-endian, as the readers deliver them) as pixels of `type`. */
export function pixelView(type: PixelType, bytes: Uint8Array): PixelArray {
  const n = bytes.byteLength / PIXEL_BYTES[type];
  const { buffer, byteOffset } = bytes;
  switch (type) {
    case 'uint8':
      return new Uint8Array(buffer, byteOffset, n);
    case 'int8':
      return new Int8Array(buffer, byteOffset, n);
    case 'uint16':
      return new Uint16Array(buffer, byteOffset, n);
    case 'int16':
      return new Int16Array(buffer, byteOffset, n);
    case 'uint32':
      return new Uint32Array(buffer, byteOffset, n);
    case 'int32':
      return new Int32Array(buffer, byteOffset, n);
    case 'float32':
      return new Float32Array(buffer, byteOffset, n);
    case 'float64':
      return new Float64Array(buffer, byteOffset, n);
  }
}

/**
 * Random access to one file's bytes: a file handle in main (src/main/imaging/file-source.ts), or bytes in memory
 * (memorySource). `read` fills `into` (when given) from its start, else returns new bytes; it resolves with exactly
 * `length` bytes or rejects.
 */
export interface ByteSource {
  /** The file's name, for messages. */
  readonly name: string;
  readonly size: number;
  read(offset: number, length: number, into?: Uint8Array): Promise<Uint8Array>;
  /** The same, blocking: for the streaming loop in a worker thread or the CLI (no event-loop round trip per read). */
  readSync?(offset: number, length: number, into: Uint8Array): Uint8Array;
  close?(): Promise<void>;
}

/** A ByteSource over bytes already in memory (imported files, tests). */
export function memorySource(name: string, bytes: Uint8Array): ByteSource {
  const readSync = (offset: number, length: number, into?: Uint8Array): Uint8Array => {
    if (offset < 0 || offset + length > bytes.length) throw new RangeError(`${name}: read of ${length} bytes at ${offset} is past the end (${bytes.length} bytes)`);
    const part = bytes.subarray(offset, offset + length);
    if (!into) return part.slice();
    into.set(part);
    return into.subarray(0, length);
  };
  return { name, size: bytes.length, read: async (offset, length, into) => readSync(offset, length, into), readSync };
}

/** Where the frame times of a stack come from. */
export type FrameTimeSource =
  /** elapsed seconds stated per frame (HDF5 time datasets, Micro-Manager ElapsedTime-ms, times in file names) */
  | 'elapsed'
  /** a frame interval stated by the file (ImageJ's finterval, an HDF5 frame-time attribute) */
  | 'interval'
  /** clock times (TIFF DateTime per page or per file): seconds since 1970 read as UTC, used for differences */
  | 'clock'
  | 'none';

/** One frame of a stack: where it comes from and the time the file states for it (see FrameTimeSource). */
export interface FrameInfo {
  fileName: string;
  /** Page or dataset index inside its file. */
  page: number;
  timeS: number | null;
}

/** An opened stack. readFrameBytes is the streaming primitive; readFrame a convenience that allocates. */
export interface ImageStack {
  formatId: string;
  formatLabel: string;
  /** Name for display: the file, or the folder's common stem. */
  name: string;
  width: number;
  height: number;
  frameCount: number;
  pixelType: PixelType;
  frames: FrameInfo[];
  timeSource: FrameTimeSource;
  /** What the time source is, in words ('ImageJ finterval = 0.33 s'). */
  timeNote: string;
  /** Vendor metadata kept verbatim (ImageJ description, HDF5 dataset path, …). */
  metadata: Record<string, string>;
  /** Dark and flat (white) fields stored in the file (HDF5 Data Exchange), averaged over their frames; null when absent. */
  dark: Float64Array | null;
  flat: Float64Array | null;
  warnings: string[];
  /**
   * Frame `index` as little-endian pixels of pixelType in `target` (width × height × bytes per pixel, row-major, the
   * first row at the top of the image). Resolves with target.
   */
  readFrameBytes(index: number, target: Uint8Array): Promise<Uint8Array>;
  /**
   * Rows row0 … row0 + rows − 1 of frame `index` into target, blocking, when the layout allows it (uncompressed,
   * contiguous, a source with readSync); false otherwise (then use readFrameBytes). The streaming fast path.
   */
  readRowsSync?(index: number, row0: number, rows: number, target: Uint8Array): boolean;
  close(): Promise<void>;
}

/** A stack reader: one per file format. */
export interface ImageStackFormat {
  id: string;
  label: string;
  /** Lower-case extensions, a hint only. */
  extensions: string[];
  /** Confidence 0..1 from the first bytes (at least 16) and the name; never throws. */
  detect(fileName: string, head: Uint8Array): number;
}

/** Frame `index` of a stack as a new typed array. */
export async function readFrame(stack: ImageStack, index: number): Promise<PixelArray> {
  const bytes = new Uint8Array(stack.width * stack.height * PIXEL_BYTES[stack.pixelType]);
  await stack.readFrameBytes(index, bytes);
  return pixelView(stack.pixelType, bytes);
}

/** Frame `index` as Float64Array (for display and small computations). */
export async function readFrameFloat(stack: ImageStack, index: number): Promise<Float64Array> {
  return Float64Array.from(await readFrame(stack, index));
}

/** Swap the bytes of every `size`-byte word in place (big-endian files). */
export function swapBytes(bytes: Uint8Array, size: number): void {
  if (size === 2) {
    for (let i = 0; i + 1 < bytes.length; i += 2) {
      const t = bytes[i];
      bytes[i] = bytes[i + 1];
      bytes[i + 1] = t;
    }
  } else if (size === 4 || size === 8) {
    for (let i = 0; i + size <= bytes.length; i += size) {
      for (let a = i, b = i + size - 1; a < b; a++, b--) {
        const t = bytes[a];
        bytes[a] = bytes[b];
        bytes[b] = t;
      }
    }
  }
}
