/**
 * Open a radiography stack from paths on disk, lazily: a multi-page TIFF (one handle, frames read on demand), a
 * folder of TIFFs (or several TIFF files: one stack, files opened per read) or an HDF5 file (h5wasm's Node build
 * reads the file where it is, one hyperslab per frame). Files in a folder that are not images (README, logs, the
 * temperature log) are ignored and listed.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { classifyStackFiles, hdf5StackFormat, openHdf5Stack, openTiffFolder, openTiffStack, type Hdf5Handle, type ImageStack } from '../../core/formats/image/index';
import { FormatError } from '../../core/formats/types';
import { fileSource, lazyFileSource, readHead } from './file-source';

export interface OpenedStack {
  stack: ImageStack;
  /** Files of a folder that are not images. */
  ignored: string[];
  /** The image files, in the stack's order. */
  files: string[];
}

async function openHdf5Path(path: string, datasetPath?: string): Promise<ImageStack> {
  const lib = (await import('h5wasm/node')) as unknown as Hdf5Handle['lib'];
  await (lib as unknown as { ready: Promise<unknown> }).ready;
  let file: Hdf5Handle['file'];
  try {
    file = new lib.File(resolve(path), 'r');
  } catch (error) {
    throw new FormatError(basename(path), null, 'an HDF5 file h5wasm can open', error instanceof Error ? error.message : String(error));
  }
  const handle: Hdf5Handle = { lib, file, name: basename(path), close: () => void file.close() };
  try {
    return openHdf5Stack(handle, { datasetPath });
  } catch (error) {
    handle.close();
    throw error;
  }
}

async function listFolder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(dir)) {
    if (name.startsWith('.')) continue;
    const full = join(dir, name);
    if ((await stat(full)).isFile()) out.push(full);
  }
  return out;
}

/** Paths: one stack file, one folder, or several files of one folder stack. */
export async function openStackFromPaths(paths: string[], options: { datasetPath?: string } = {}): Promise<OpenedStack> {
  if (paths.length === 0) throw new Error('no stack given: a multi-page TIFF, a folder of TIFFs or an HDF5 file');
  let files: string[] = [];
  let folderName: string | undefined;
  for (const p of paths) {
    let info;
    try {
      info = await stat(p);
    } catch {
      throw new Error(`${p}: no such file or folder`);
    }
    if (info.isDirectory()) {
      files.push(...(await listFolder(p)));
      folderName = basename(resolve(p));
    } else files.push(p);
  }
  if (paths.length > 1) folderName = undefined;
  const heads = await Promise.all(files.map(async (f) => ({ name: basename(f), path: f, head: await readHead(f) })));
  const { format, images, ignored } = classifyStackFiles(heads, folderName ?? paths.join(', '));
  files = images.map((i) => i.path);
  if (format.id === hdf5StackFormat.id) return { stack: await openHdf5Path(files[0], options.datasetPath), ignored, files };
  if (files.length === 1 && !folderName) return { stack: await openTiffStack(await fileSource(files[0])), ignored, files };
  const sources = await Promise.all(files.map((f) => lazyFileSource(f)));
  const stack = await openTiffFolder(sources, folderName);
  return { stack, ignored, files };
}
