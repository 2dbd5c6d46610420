/**
 * Image-stack registry: TIFF (multi-page, ImageJ, BigTIFF; a folder of TIFFs) and HDF5. Content decides (magic
 * numbers); the extension is a hint. Opening from bytes in memory is here; main opens files on disk lazily with
 * the same readers (src/main/imaging/open-stack.ts).
 */
import { FormatError } from '../types';
import { hdf5StackFormat, openHdf5StackFromBytes } from './hdf5-stack';
import { openTiffStack, tiffFormat } from './tiff';
import { openTiffFolder } from './tiff-folder';
import { memorySource, type ImageStack, type ImageStackFormat } from './types';

export * from './types';
export { openTiffStack, tiffFormat } from './tiff';
export { openTiffFolder, stackName } from './tiff-folder';
export { hdf5StackFormat, openHdf5Stack, openHdf5StackFromBytes, type Hdf5Handle } from './hdf5-stack';

export const imageStackFormats: ImageStackFormat[] = [tiffFormat, hdf5StackFormat];

/** The reader for a file from its first bytes (≥ 16) and name, or null. */
export function detectImageFormat(fileName: string, head: Uint8Array): ImageStackFormat | null {
  let best: ImageStackFormat | null = null;
  let score = 0;
  for (const f of imageStackFormats) {
    let s = 0;
    try {
      s = f.detect(fileName, head);
    } catch {
      s = 0;
    }
    if (s > score) {
      best = f;
      score = s;
    }
  }
  return best;
}

/**
 * Sort files into image files and others: a folder's README, logs and temperature files are not frames. Throws when
 * none is an image, or when HDF5 and TIFF files are mixed or several HDF5 files are given.
 */
export function classifyStackFiles<T extends { name: string; head: Uint8Array }>(files: T[], what = 'the files'): { format: ImageStackFormat; images: T[]; ignored: string[] } {
  const images: { f: T; format: ImageStackFormat }[] = [];
  const ignored: string[] = [];
  for (const f of files) {
    const format = detectImageFormat(f.name, f.head);
    if (format) images.push({ f, format });
    else ignored.push(f.name);
  }
  if (images.length === 0) throw new FormatError(what, null, 'a TIFF stack, a folder of TIFF files or an HDF5 file', files.length ? `no image among ${files.map((f) => f.name).slice(0, 5).join(', ')}${files.length > 5 ? ', …' : ''}` : 'no files');
  const kinds = new Set(images.map((i) => i.format.id));
  if (kinds.size > 1) throw new FormatError(what, null, 'images of one format (TIFF files, or one HDF5 file)', 'TIFF and HDF5 files mixed');
  if (images[0].format.id === hdf5StackFormat.id && images.length > 1) throw new FormatError(what, null, 'one HDF5 file per stack', `${images.length} HDF5 files`);
  return { format: images[0].format, images: images.map((i) => i.f), ignored };
}

/** A stack from files in memory: one multi-page TIFF, several TIFFs (a folder), or one HDF5 file. */
export async function openStackFromBytes(files: { name: string; bytes: Uint8Array }[], options: { folderName?: string; datasetPath?: string } = {}): Promise<{ stack: ImageStack; ignored: string[] }> {
  const { format, images, ignored } = classifyStackFiles(
    files.map((f) => ({ ...f, head: f.bytes.subarray(0, 16) })),
    options.folderName ?? 'the files',
  );
  if (format.id === hdf5StackFormat.id) return { stack: await openHdf5StackFromBytes(images[0].name, images[0].bytes, options), ignored };
  if (images.length === 1) return { stack: await openTiffStack(memorySource(images[0].name, images[0].bytes)), ignored };
  return { stack: await openTiffFolder(images.map((f) => memorySource(f.name, f.bytes)), options.folderName), ignored };
}
