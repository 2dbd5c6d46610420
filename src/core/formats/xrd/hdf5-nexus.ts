/**
 * HDF5 / NeXus stacks of integrated patterns as pyFAI writes them (read with h5wasm, the HDF5 C library in
 * WebAssembly; the same ESM build runs in Node, workers and the browser).
 *
 *   /entry_0000                       NXentry (default → integrate/integrated)
 *     instrument/monochromator/wavelength   units "m" (or "A", "nm")
 *     integrate/integrated            NXdata: @signal = "intensity", @axes = ["t", "2th"]
 *       intensity   (frames × bins)   the signal; a 1-D signal is a single frame
 *       intensity_errors              optional, same shape → sigma
 *       2th         (bins)  @units "deg"     (or q with "nm^-1" / "A^-1"; dataset names such as '2th_deg' too)
 *       t           (frames) @units "s"      optional frame times → timeS (elapsed)
 *
 * The NXdata is found through the @default chain, else the first NXdata in the file whose signal is 1-D or 2-D.
 * The radial axis is the last entry of @axes (or a dataset named 2th/q/tth/radial); its unit comes from @units and
 * the name. The wavelength is the first 'wavelength'/'incident_wavelength' dataset or attribute in the file.
 *
 * h5wasm is asynchronous to start: call `await loadHdf5()` once before parsing (importPatternsAsync in ./index does
 * it for you). After that, parsing is synchronous.
 */
import type { Dataset, Group } from 'h5wasm';
import type { Pattern, XAxisUnit } from '../../../shared/xrd';
import { ARCHIVE_LIMITS } from '../archive';
import { FormatError, type DetectInput, type FormatModule, type ParseInput } from '../types';
import { isHdf5, makePattern, parseNexusAxisUnit, wavelengthToAngstrom } from './common';

interface MemFs {
  writeFile(path: string, data: Uint8Array): void;
  unlink(path: string): void;
}

type H5wasm = typeof import('h5wasm');

let memFs: MemFs | null = null;
let lib: H5wasm | null = null;
let loading: Promise<void> | null = null;
let fileCounter = 0;

/**
 * Start h5wasm (once). Resolves when HDF5 files can be parsed synchronously. The library (≈4 MB with its
 * WebAssembly) is imported dynamically, so bundles that never read HDF5 do not load it.
 */
export function loadHdf5(): Promise<void> {
  if (!loading) {
    loading = import('h5wasm').then(async (m) => {
      const module = await m.ready;
      memFs = module.FS as unknown as MemFs;
      lib = m;
    });
  }
  return loading;
}

function isGroup(e: unknown): e is Group {
  return lib !== null && e instanceof lib.Group;
}

function isDataset(e: unknown): e is Dataset {
  return lib !== null && e instanceof lib.Dataset;
}

/** True once loadHdf5() has resolved. */
export function hdf5Ready(): boolean {
  return memFs !== null;
}

function attrValue(obj: Group | Dataset, name: string): unknown {
  try {
    const a = obj.attrs[name];
    return a ? a.value : undefined;
  } catch {
    return undefined;
  }
}

function attrString(obj: Group | Dataset, name: string): string {
  const v = attrValue(obj, name);
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(String).join(',');
  if (v === undefined || v === null) return '';
  return String(v);
}

function attrStrings(obj: Group | Dataset, name: string): string[] {
  const v = attrValue(obj, name);
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string') return v.split(/[:,]/).map((s) => s.trim());
  return [];
}

function child(g: Group, name: string): Group | Dataset | null {
  try {
    const e = g.get(name);
    return isGroup(e) || isDataset(e) ? e : null;
  } catch {
    return null;
  }
}

/**
 * A dataset's values as float64, refused (FormatError naming the file and the dataset) when they would take more than
 * the archive cap: HDF5 datasets may be gzip-compressed, so a small file can declare a huge one, like a zip bomb.
 */
function numbers(ds: Dataset, fileName: string): Float64Array {
  const count = (ds.shape ?? []).reduce((a, b) => a * b, 1);
  if (!(count * 8 <= ARCHIVE_LIMITS.maxMemberBytes)) {
    throw new FormatError(fileName, null, `datasets of at most ${ARCHIVE_LIMITS.maxMemberBytes / 8 / 1024 / 1024} M values`, `${ds.path} declares ${count.toLocaleString('en')} values; it was not read`);
  }
  const v = ds.value;
  if (v instanceof Float64Array) return v;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const arr = v as unknown as ArrayLike<number | bigint>;
    const out = new Float64Array(arr.length);
    for (let i = 0; i < arr.length; i++) out[i] = Number(arr[i]);
    return out;
  }
  if (typeof v === 'number') return Float64Array.of(v);
  if (Array.isArray(v)) return Float64Array.from(v.flat(8).map(Number));
  return new Float64Array(0);
}

/** Walk the tree breadth-first (depth ≤ 8), calling visit on every group and dataset with its path. */
function walk(root: Group, visit: (path: string, e: Group | Dataset) => void): void {
  const queue: { path: string; g: Group; depth: number }[] = [{ path: '', g: root, depth: 0 }];
  while (queue.length) {
    const { path, g, depth } = queue.shift() as { path: string; g: Group; depth: number };
    let keys: string[] = [];
    try {
      keys = g.keys();
    } catch {
      keys = [];
    }
    for (const k of keys) {
      const e = child(g, k);
      if (!e) continue;
      const p = `${path}/${k}`;
      visit(p, e);
      if (isGroup(e) && depth < 8) queue.push({ path: p, g: e, depth: depth + 1 });
    }
  }
}

/** Follow @default attributes from the root to an NXdata group. */
function defaultNxData(file: Group): { path: string; g: Group } | null {
  let g: Group = file;
  let path = '';
  for (let i = 0; i < 6; i++) {
    if (attrString(g, 'NX_class') === 'NXdata') return { path: path || '/', g };
    const d = attrString(g, 'default');
    if (!d) return null;
    const next = child(g, d);
    if (!(isGroup(next))) return null;
    g = next;
    path = `${path}/${d}`;
  }
  return null;
}

const RADIAL_NAMES = ['2th', '2th_deg', '2th_rad', 'tth', 'twotheta', 'q', 'q_nm^-1', 'q_A^-1', 'radial'];
const TIME_NAMES = ['t', 'time', 'elapsed_time', 'times', 'timestamp', 'time_s'];

function timeScale(units: string): number {
  const u = units.trim().toLowerCase();
  if (u === 'ms') return 1e-3;
  if (u === 'min') return 60;
  if (u === 'h') return 3600;
  return 1;
}

/** Read the frames of a pyFAI/NeXus HDF5 file. Requires loadHdf5() to have resolved. */
export function readHdf5Frames(fileName: string, bytes: Uint8Array): Pattern[] {
  const fs = memFs;
  if (!fs) throw new FormatError(fileName, null, 'HDF5 support started first (await loadHdf5() before parsing .h5/.nxs files)');
  if (!isHdf5(bytes)) throw new FormatError(fileName, null, 'the HDF5 signature at byte 0');
  const path = `/reductionlab_${++fileCounter}.h5`;
  fs.writeFile(path, bytes);
  let file: InstanceType<H5wasm['File']> | null = null;
  try {
    file = new (lib as H5wasm).File(path, 'r');
    let target = defaultNxData(file);
    const nxdata: { path: string; g: Group }[] = [];
    let wavelengthA: number | null = null;
    let wavelengthNote = '';
    walk(file, (p, e) => {
      if (isGroup(e) && attrString(e, 'NX_class') === 'NXdata') nxdata.push({ path: p, g: e });
      if (wavelengthA === null) {
        const name = p.split('/').pop() ?? '';
        if (isDataset(e) && /^(incident_)?wavelength$/i.test(name)) {
          const v = numbers(e, fileName);
          if (v.length >= 1) {
            wavelengthA = wavelengthToAngstrom(v[0], attrString(e, 'units'));
            wavelengthNote = `${p} = ${v[0]} ${attrString(e, 'units')}`.trim();
          }
        } else {
          const a = attrValue(e, 'wavelength');
          if (typeof a === 'number') {
            wavelengthA = wavelengthToAngstrom(a, '');
            wavelengthNote = `${p}@wavelength = ${a}`;
          }
        }
      }
    });
    const pick = (cand: { path: string; g: Group }): { sig: Dataset; name: string } | null => {
      const sName = attrString(cand.g, 'signal') || ['intensity', 'I', 'data'].find((n) => isDataset(child(cand.g, n))) || '';
      const sig = sName ? child(cand.g, sName) : null;
      if (!isDataset(sig)) return null;
      const shape = sig.shape ?? [];
      return shape.length === 1 || shape.length === 2 ? { sig, name: sName } : null;
    };
    if (!target || !pick(target)) target = nxdata.find((c) => pick(c) !== null) ?? null;
    if (!target) throw new FormatError(fileName, null, 'an NXdata group with a 1-D or 2-D signal (frames × bins)');
    const { sig, name: signalName } = pick(target) as { sig: Dataset; name: string };
    const shape = sig.shape as number[];
    const frames = shape.length === 2 ? shape[0] : 1;
    const bins = shape[shape.length - 1];
    const axes = attrStrings(target.g, 'axes');
    const radialName = (axes.length ? axes[axes.length - 1] : '') !== '.' && axes.length ? axes[axes.length - 1] : RADIAL_NAMES.find((n) => isDataset(child(target.g, n))) ?? '';
    const radial = radialName ? child(target.g, radialName) : null;
    if (!isDataset(radial)) throw new FormatError(fileName, null, `a radial axis dataset in ${target.path} (@axes or a dataset named 2th/q)`);
    const xRaw = numbers(radial, fileName);
    if (xRaw.length !== bins) throw new FormatError(fileName, null, `${bins} radial values in ${target.path}/${radialName}`, String(xRaw.length));
    const units = attrString(radial, 'units');
    const axis = parseNexusAxisUnit(radialName, units);
    const warnings: string[] = [];
    let xUnit: XAxisUnit = '2th_deg';
    let x = xRaw;
    if (axis) {
      xUnit = axis.unit;
      if (axis.scale !== 1) x = xRaw.map((v) => v * axis.scale);
    } else warnings.push(`radial axis '${radialName}' with units '${units}' not recognised: read as 2θ in degrees`);
    const flat = numbers(sig, fileName);
    const errDs = child(target.g, `${signalName}_errors`) ?? child(target.g, 'errors');
    const errFlat = isDataset(errDs) && (errDs.shape ?? []).reduce((a, b) => a * b, 1) === flat.length ? numbers(errDs, fileName) : null;
    // frame times: the first @axes entry of a 2-D signal, else a dataset named t/time of length = frames
    let times: Float64Array | null = null;
    let timeUnits = '';
    const tName = shape.length === 2 && axes.length === 2 && axes[0] !== '.' ? axes[0] : TIME_NAMES.find((n) => isDataset(child(target.g, n))) ?? '';
    const tDs = tName ? child(target.g, tName) : null;
    if (isDataset(tDs)) {
      const tv = numbers(tDs, fileName);
      timeUnits = attrString(tDs, 'units');
      if (tv.length === frames) times = tv.map((v) => v * timeScale(timeUnits));
    }
    const metadata: Record<string, string> = { nxdata: target.path, signal: signalName, radial: radialName, radialUnits: units, frames: String(frames), bins: String(bins) };
    if (wavelengthNote) metadata.wavelength = wavelengthNote;
    if (tName && times) metadata.time = `${tName} (${timeUnits || 's'})`;
    const out: Pattern[] = [];
    for (let f = 0; f < frames; f++) {
      const timeS = times ? times[f] : null;
      out.push(
        makePattern({
          fileName,
          formatId: 'hdf5-nexus',
          x,
          xUnit,
          intensity: flat.slice(f * bins, (f + 1) * bins),
          sigma: errFlat ? errFlat.slice(f * bins, (f + 1) * bins) : null,
          wavelengthA,
          timeS,
          ...(timeS !== null ? { timeKind: 'elapsed' as const } : {}),
          label: `frame ${f}`,
          frameIndex: f,
          metadata: { ...metadata },
          warnings: wavelengthA === null ? [...warnings, 'no wavelength in the file'] : [...warnings],
        }),
      );
    }
    return out;
  } catch (e) {
    if (e instanceof FormatError) throw e;
    throw new FormatError(fileName, null, 'a readable HDF5 file', String(e));
  } finally {
    try {
      file?.close();
    } catch {
      /* already closed */
    }
    fs.unlink(path);
  }
}

export const hdf5Nexus: FormatModule<Pattern> & { readSequenceFile(fileName: string, bytes: Uint8Array): Pattern[] } = {
  id: 'hdf5-nexus',
  label: 'HDF5 / NeXus integrated stack (pyFAI)',
  technique: 'xrd',
  extensions: ['h5', 'hdf5', 'nxs', 'nx5', 'hdf'],
  detect({ headBytes }: DetectInput): number {
    try {
      return isHdf5(headBytes) ? 0.95 : 0;
    } catch {
      return 0;
    }
  },
  parse({ fileName, bytes }: ParseInput): Pattern {
    const frames = readHdf5Frames(fileName, bytes);
    if (frames.length > 1) frames[0].warnings.push(`the file holds ${frames.length} frames; the first is shown (import as a sequence for all)`);
    return frames[0];
  },
  readSequenceFile: readHdf5Frames,
};
