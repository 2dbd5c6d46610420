/**
 * Reading the files of an SXRD sequence for the CLI: the paths named on the command line (folders expanded), then
 * every file read, recognised and parsed — on this thread (readListedFiles) or in slices on the Rietveld pool's
 * workers (rietveld-worker.ts 'read'), whose arrays come back transferred. A file inside a folder that no reader
 * recognises (README.md, truth.json …) is ignored; a file named explicitly is read and reports its error.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import type { Pattern } from '../shared/xrd';
import { isHdf5 } from '../core/formats/xrd/common';
import { detectXrdFormat, formatConfidence } from '../core/formats/xrd/index';
import { naturalCompare, readSequenceFrames, type ReadSequenceFile, type SequenceHint } from '../core/xrd/sequence';
import { readBytes } from './cli/args';

/** One file to read: its path, the name it is reported under, and whether it was named explicitly. */
export interface ListedFile {
  full: string;
  name: string;
  explicit: boolean;
}

/** What reading one listed file gave: its frames or error, `ignored` (not a pattern, inside a folder) or `hdf5`
 * (read by the caller, which starts h5wasm). */
export type ListedRead = ReadSequenceFile | { name: string; ignored: true } | { name: string; hdf5: true };

/** The files named on the command line, in natural order of their names: files as given, folders expanded to the
 * files they hold (hidden ones skipped). */
export function listFiles(paths: string[], cwd: string): ListedFile[] {
  const entries: { full: string; explicit: boolean }[] = [];
  for (const p of paths) {
    const full = resolve(cwd, p);
    let isDir: boolean;
    try {
      isDir = statSync(full).isDirectory();
    } catch {
      throw new Error(`${p}: no such file or folder`);
    }
    if (!isDir) entries.push({ full, explicit: true });
    else {
      for (const name of readdirSync(full)) {
        if (name.startsWith('.')) continue;
        const child = resolve(full, name);
        if (statSync(child).isFile()) entries.push({ full: child, explicit: false });
      }
    }
  }
  const dirs = new Set(entries.map((e) => resolve(e.full, '..')));
  return entries
    .map((e) => ({ ...e, name: dirs.size === 1 ? basename(e.full) : relative(cwd, e.full) }))
    .sort((a, b) => naturalCompare(a.name, b.name));
}

/** Whether a reader recognises the file: the previous file's reader first (same extension), then every reader (the
 * best one becomes the hint) — the same answer as detectXrdFormat(…) !== null, without ranking every reader on each
 * file of a sequence. */
export function recognised(name: string, bytes: Uint8Array, hint: SequenceHint): boolean {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  if (hint.module && hint.ext === ext && formatConfidence(hint.module.id, name, bytes) > 0) return true;
  const found = detectXrdFormat(name, bytes);
  if (found) Object.assign(hint, { module: found, ext });
  return found !== null;
}

/** Read, recognise and parse listed files in order (one hint: the reader of the previous file is tried first). */
export function readListedFiles(files: ListedFile[], hint: SequenceHint): ListedRead[] {
  return files.map((f): ListedRead => {
    const bytes = readBytes(f.full);
    if (!f.explicit && !recognised(f.name, bytes, hint)) return { name: f.name, ignored: true };
    if (isHdf5(bytes)) return { name: f.name, hdf5: true };
    try {
      return { name: f.name, frames: readSequenceFrames({ name: f.name, bytes }, hint) };
    } catch (e) {
      return { name: f.name, error: e instanceof Error ? e.message : String(e) };
    }
  });
}

/** The buffers of the frames' arrays, once each (to transfer them instead of copying). */
export function frameBuffers(read: ListedRead[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const add = (a: Float64Array | null | undefined): void => {
    if (a && a.buffer instanceof ArrayBuffer) out.add(a.buffer);
  };
  for (const r of read) {
    if (!('frames' in r)) continue;
    for (const p of r.frames as Pattern[]) {
      add(p.x);
      add(p.intensity);
      add(p.sigma);
    }
  }
  return [...out];
}
