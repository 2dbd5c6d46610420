/**
 * Radiography stacks in HDF5 (read with h5wasm): a 3-D dataset frames × rows × columns (a 2-D one is one frame),
 * read one frame at a time with a hyperslab, so a file larger than memory streams. Layouts, in order of search:
 *
 *   /exchange/data  (+ data_dark, data_white)     APS Data Exchange (tomography and radiography beamlines)
 *   /entry/data/data, /entry/instrument/detector/data     NeXus NXdetector / NXdata (Eiger, Pilatus, PCO …)
 *   the NXdata named by the @default chain (its @signal), else the largest 3-D numeric dataset in the file
 *
 * Dark and flat (white) fields: /exchange/data_dark and /exchange/data_white, or datasets named dark / flat /
 * white beside the stack; each is averaged over its frames. Frame times: a 1-D dataset of one value per frame named
 * time, times, timestamp(s), elapsed_time or t (unit from @units: s, ms, us, ns; default s) beside the stack, in
 * /exchange or in the detector group → elapsed since the first frame; else a frame_time / count_time scalar →
 * interval; else none.
 *
 * The caller opens the file: main with h5wasm's Node build (the file stays on disk and is read lazily), tests and
 * the browser-host import with the in-memory file system (openHdf5StackFromBytes).
 */
import type { Dataset, Group } from 'h5wasm';
import { FormatError } from '../types';
import type { FrameTimeSource, ImageStack, ImageStackFormat, PixelType } from './types';

type H5wasm = typeof import('h5wasm');

/** An opened HDF5 file and the h5wasm instance that opened it (its classes are needed for instanceof). */
export interface Hdf5Handle {
  lib: H5wasm;
  file: InstanceType<H5wasm['File']>;
  name: string;
  /** Closes the file (and removes an in-memory copy). */
  close(): void;
}

export const hdf5StackFormat: ImageStackFormat = {
  id: 'hdf5-stack',
  label: 'HDF5 image stack (Data Exchange / NeXus)',
  extensions: ['h5', 'hdf5', 'hdf', 'nxs', 'nx5', 'he5'],
  detect(fileName, head) {
    const magic = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
    return head.length >= 8 && magic.every((b, i) => head[i] === b) ? 0.9 : 0;
  },
};

const STACK_PATHS = ['/exchange/data', '/entry/data/data', '/entry/instrument/detector/data', '/entry_0000/measurement/data', '/data'];
const DARK_NAMES = ['data_dark', 'dark', 'darks', 'dark_field'];
const FLAT_NAMES = ['data_white', 'flat', 'flats', 'white', 'flat_field'];
const TIME_NAMES = ['time', 'times', 'timestamp', 'timestamps', 'elapsed_time', 't', 'frame_times'];
const INTERVAL_NAMES = ['frame_time', 'count_time', 'exposure_period'];

function isDataset(h: Hdf5Handle, e: unknown): e is Dataset {
  return e instanceof h.lib.Dataset;
}

function isGroup(h: Hdf5Handle, e: unknown): e is Group {
  return e instanceof h.lib.Group;
}

function get(h: Hdf5Handle, path: string): Dataset | Group | null {
  try {
    const e = h.file.get(path);
    return isDataset(h, e) || isGroup(h, e) ? e : null;
  } catch {
    return null;
  }
}

function attr(obj: Dataset | Group, name: string): unknown {
  try {
    return obj.attrs[name]?.value;
  } catch {
    return undefined;
  }
}

/** Pixel type of an HDF5 numeric dataset (class 0 integer, 1 float); null for anything else. */
function pixelTypeOf(ds: Dataset): PixelType | null {
  const m = ds.metadata;
  if (m.type === 0) {
    const key = `${m.signed ? 'int' : 'uint'}${m.size * 8}`;
    return (['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32'] as const).find((t) => t === key) ?? null;
  }
  if (m.type === 1) return m.size === 4 ? 'float32' : m.size === 8 ? 'float64' : null;
  return null;
}

function shapeOf(ds: Dataset): number[] {
  return ds.shape ?? [];
}

/** Every dataset in the file with its path (breadth-first, depth ≤ 6). */
function datasets(h: Hdf5Handle): { path: string; ds: Dataset }[] {
  const out: { path: string; ds: Dataset }[] = [];
  const queue: { path: string; g: Group; depth: number }[] = [{ path: '', g: h.file, depth: 0 }];
  while (queue.length) {
    const { path, g, depth } = queue.shift() as { path: string; g: Group; depth: number };
    let keys: string[] = [];
    try {
      keys = g.keys();
    } catch {
      continue;
    }
    for (const k of keys) {
      const p = `${path}/${k}`;
      const e = get(h, p);
      if (isDataset(h, e)) out.push({ path: p, ds: e });
      else if (isGroup(h, e) && depth < 6) queue.push({ path: p, g: e, depth: depth + 1 });
    }
  }
  return out;
}

/** The NXdata signal named by the @default chain, if any. */
function defaultSignal(h: Hdf5Handle): string | null {
  let path = '';
  for (let i = 0; i < 4; i++) {
    const g = path === '' ? h.file : get(h, path);
    if (!g || !isGroup(h, g)) return null;
    const signal = attr(g, 'signal');
    if (typeof signal === 'string') return `${path}/${signal}`;
    const next = attr(g, 'default');
    if (typeof next !== 'string') return null;
    path = `${path}/${next}`;
  }
  return null;
}

function stackDataset(h: Hdf5Handle, wanted?: string): { path: string; ds: Dataset } {
  const usable = (e: unknown): e is Dataset => isDataset(h, e) && pixelTypeOf(e) !== null && [2, 3].includes(shapeOf(e).length);
  if (wanted) {
    const e = get(h, wanted);
    if (!usable(e)) throw new FormatError(h.name, null, `a 2-D or 3-D numeric dataset at ${wanted}`);
    return { path: wanted, ds: e };
  }
  for (const p of [...STACK_PATHS, defaultSignal(h)]) {
    if (!p) continue;
    const e = get(h, p);
    if (usable(e)) return { path: p, ds: e };
  }
  const all = datasets(h).filter((d) => usable(d.ds) && shapeOf(d.ds).length === 3);
  all.sort((a, b) => shapeOf(b.ds).reduce((x, y) => x * y, 1) - shapeOf(a.ds).reduce((x, y) => x * y, 1));
  if (all.length === 0) throw new FormatError(h.name, null, 'an image stack: a 3-D numeric dataset (frames × rows × columns), e.g. /exchange/data or /entry/data/data');
  return all[0];
}

function groupOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/')) || '/';
}

function numbers(ds: Dataset): Float64Array {
  const v = ds.value as unknown;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const arr = v as unknown as ArrayLike<number | bigint>;
    return Float64Array.from({ length: arr.length }, (_, i) => Number(arr[i]));
  }
  if (typeof v === 'number') return Float64Array.of(v);
  if (Array.isArray(v)) return Float64Array.from(v.flat(8).map(Number));
  return new Float64Array(0);
}

/** Average of a field dataset's frames (a 2-D field is one frame); null when its frame size differs. */
function meanField(ds: Dataset, width: number, height: number): Float64Array | null {
  const shape = shapeOf(ds);
  if (shape.length < 2 || shape[shape.length - 1] !== width || shape[shape.length - 2] !== height) return null;
  const frames = shape.length === 3 ? shape[0] : 1;
  const out = new Float64Array(width * height);
  for (let f = 0; f < frames; f++) {
    const part = (shape.length === 3 ? ds.slice([[f, f + 1], [], []]) : ds.value) as unknown as ArrayLike<number>;
    for (let i = 0; i < out.length; i++) out[i] += Number(part[i]);
  }
  for (let i = 0; i < out.length; i++) out[i] /= frames;
  return out;
}

function findField(h: Hdf5Handle, stackPath: string, names: string[], width: number, height: number): { path: string; field: Float64Array } | null {
  const dirs = [groupOf(stackPath), '/exchange', '/entry/instrument/detector'];
  for (const d of dirs) {
    for (const n of names) {
      const p = `${d === '/' ? '' : d}/${n}`;
      if (p === stackPath) continue;
      const e = get(h, p);
      if (isDataset(h, e) && pixelTypeOf(e) !== null) {
        const field = meanField(e, width, height);
        if (field) return { path: p, field };
      }
    }
  }
  return null;
}

const UNIT_S: Record<string, number> = { s: 1, sec: 1, second: 1, seconds: 1, ms: 1e-3, us: 1e-6, 'µs': 1e-6, ns: 1e-9 };

function unitFactor(ds: Dataset): number {
  const u = attr(ds, 'units') ?? attr(ds, 'unit');
  return typeof u === 'string' ? (UNIT_S[u.trim().toLowerCase()] ?? 1) : 1;
}

function findTimes(h: Hdf5Handle, stackPath: string, frames: number): { times: (number | null)[]; source: FrameTimeSource; note: string } {
  const dirs = [groupOf(stackPath), '/exchange', '/entry/instrument/detector', '/entry'];
  for (const d of dirs) {
    for (const n of TIME_NAMES) {
      const p = `${d === '/' ? '' : d}/${n}`;
      const e = get(h, p);
      if (!isDataset(h, e) || shapeOf(e).length !== 1 || shapeOf(e)[0] !== frames || pixelTypeOf(e) === null) continue;
      const v = numbers(e);
      const k = unitFactor(e);
      const t0 = v[0];
      return { times: Array.from(v, (x) => (x - t0) * k), source: 'elapsed', note: `${p} (elapsed since the first frame)` };
    }
    for (const n of INTERVAL_NAMES) {
      const p = `${d === '/' ? '' : d}/${n}`;
      const e = get(h, p);
      if (!isDataset(h, e) || pixelTypeOf(e) === null) continue;
      const v = numbers(e);
      const dt = v.length > 0 ? v[0] * unitFactor(e) : NaN;
      if (dt > 0) return { times: Array.from({ length: frames }, (_, i) => i * dt), source: 'interval', note: `${p} = ${dt} s per frame` };
    }
  }
  return { times: Array.from({ length: frames }, () => null), source: 'none', note: 'no frame times in the file' };
}

/** The stack in an opened HDF5 file (the handle is closed by the stack's close()). */
export function openHdf5Stack(h: Hdf5Handle, options: { datasetPath?: string } = {}): ImageStack {
  const { path, ds } = stackDataset(h, options.datasetPath);
  const shape = shapeOf(ds);
  const three = shape.length === 3;
  const frameCount = three ? shape[0] : 1;
  const height = shape[shape.length - 2];
  const width = shape[shape.length - 1];
  const pixelType = pixelTypeOf(ds) as PixelType;
  if (frameCount === 0) throw new FormatError(h.name, null, `at least one frame in ${path}`, 'an empty dataset');
  const dark = findField(h, path, DARK_NAMES, width, height);
  const flat = findField(h, path, FLAT_NAMES, width, height);
  const times = findTimes(h, path, frameCount);
  const metadata: Record<string, string> = { dataset: path, shape: shape.join(' × '), dtype: `${pixelType}` };
  if (dark) metadata.dark = dark.path;
  if (flat) metadata.flat = flat.path;
  const bytesPerFrame = width * height * (ds.metadata.size as number);
  let closed = false;
  return {
    formatId: hdf5StackFormat.id,
    formatLabel: hdf5StackFormat.label,
    name: h.name,
    width,
    height,
    frameCount,
    pixelType,
    frames: Array.from({ length: frameCount }, (_, i) => ({ fileName: h.name, page: i, timeS: times.times[i] })),
    timeSource: times.source,
    timeNote: times.note,
    metadata,
    dark: dark?.field ?? null,
    flat: flat?.field ?? null,
    warnings: [],
    async readFrameBytes(index, target) {
      if (!(index >= 0 && index < frameCount)) throw new RangeError(`${h.name}: no frame ${index} (it has ${frameCount})`);
      let part: ArrayBufferView | null;
      try {
        part = (three ? ds.slice([[index, index + 1], [], []]) : ds.value) as unknown as ArrayBufferView | null;
      } catch (error) {
        throw new FormatError(h.name, null, `frame ${index + 1} of ${path}`, error instanceof Error ? error.message : String(error));
      }
      if (!part || part.byteLength !== bytesPerFrame) throw new FormatError(h.name, null, `${bytesPerFrame} bytes for frame ${index + 1} of ${path}`);
      target.set(new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
      return target.subarray(0, bytesPerFrame);
    },
    async close() {
      if (closed) return;
      closed = true;
      h.close();
    },
  };
}

interface MemFs {
  writeFile(path: string, data: Uint8Array): void;
  unlink(path: string): void;
}

let memLib: Promise<{ lib: H5wasm; fs: MemFs }> | null = null;
let memCounter = 0;

/** An HDF5 stack from bytes in memory (h5wasm's in-memory file system). */
export async function openHdf5StackFromBytes(name: string, bytes: Uint8Array, options: { datasetPath?: string } = {}): Promise<ImageStack> {
  memLib ??= import('h5wasm').then(async (m) => ({ lib: m, fs: (await m.ready).FS as unknown as MemFs }));
  const { lib, fs } = await memLib;
  const path = `/radiography-${++memCounter}.h5`;
  fs.writeFile(path, bytes);
  let file: InstanceType<H5wasm['File']>;
  try {
    file = new lib.File(path, 'r');
  } catch (error) {
    fs.unlink(path);
    throw new FormatError(name, null, 'an HDF5 file h5wasm can open', error instanceof Error ? error.message : String(error));
  }
  const handle: Hdf5Handle = {
    lib,
    file,
    name,
    close() {
      try {
        file.close();
      } finally {
        fs.unlink(path);
      }
    },
  };
  try {
    return openHdf5Stack(handle, options);
  } catch (error) {
    handle.close();
    throw error;
  }
}
