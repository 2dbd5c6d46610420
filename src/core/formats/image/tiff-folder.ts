/**
 * A folder of TIFF files as one stack: the files in natural name order ("f2" before "f10"), every page of each
 * (usually one), all of one size and pixel type — a file that differs is named in the FormatError.
 *
 *   scan_00000.tif, scan_00001.tif, …            frame times from an interval, or
 *   img_t0.00s.tif, img_t0.33s.tif, …            from the names (times.ts timeFromName), or
 *   each file's DateTime tag when they increase  (1 s resolution)
 */
import { FormatError } from '../types';
import { checkUniformPages, openTiffFile, readTiffPage, readTiffRowsSync, tiffFormat, tiffTimes, type TiffFile } from './tiff';
import { naturalCompare, parseTiffDateTime, timeFromName, usableTimes } from './times';
import type { ByteSource, FrameInfo, FrameTimeSource, ImageStack } from './types';

/** The common stem of file names ("scan" from scan_00001.tif …). */
export function stackName(names: string[]): string {
  if (names.length === 0) return 'stack';
  const stems = names.map((n) => n.replace(/\.[^.]+$/, ''));
  let prefix = stems[0];
  for (const s of stems) while (!s.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.replace(/[\s_\-.]*\d*$/, '').replace(/[\s_\-.]+$/, '') || stems[0];
}

/** Open TIFF files as one stack (sources in any order; they are sorted by name). */
export async function openTiffFolder(sources: ByteSource[], folderName?: string): Promise<ImageStack> {
  if (sources.length === 0) throw new FormatError(folderName ?? 'folder', null, 'at least one TIFF file');
  const sorted = [...sources].sort((a, b) => naturalCompare(a.name, b.name));
  const files: TiffFile[] = [];
  for (const s of sorted) files.push(await openTiffFile(s));
  const pages: { file: number; page: number }[] = [];
  files.forEach((f, fi) => f.pages.forEach((_, pi) => pages.push({ file: fi, page: pi })));
  const name = folderName ?? stackName(sorted.map((s) => s.name));
  checkUniformPages(
    name,
    pages.map(({ file, page }) => ({ ...files[file].pages[page], label: files[file].pages.length > 1 ? `${sorted[file].name} page ${page + 1}` : sorted[file].name })),
  );

  let times: (number | null)[] = pages.map(() => null);
  let source: FrameTimeSource = 'none';
  let note = 'no frame times in the files';
  const fromNames = pages.map(({ file }) => timeFromName(sorted[file].name));
  const allSingle = files.every((f) => f.pages.length === 1);
  if (allSingle && usableTimes(fromNames)) {
    times = fromNames;
    source = 'elapsed';
    note = 'times in the file names';
  } else if (files.length === 1) {
    const t = tiffTimes(files[0]);
    times = t.times;
    source = t.source;
    note = t.note;
  } else if (allSingle) {
    const clock = files.map((f) => parseTiffDateTime(f.pages[0].dateTime));
    if (usableTimes(clock)) {
      times = clock;
      source = 'clock';
      note = 'TIFF DateTime of each file (1 s resolution)';
    }
  }
  const frames: FrameInfo[] = pages.map(({ file, page }, i) => ({ fileName: sorted[file].name, page, timeS: times[i] }));
  const p0 = files[0].pages[0];
  return {
    formatId: 'tiff-folder',
    formatLabel: `${tiffFormat.label} (${files.length} files)`,
    name,
    width: p0.width,
    height: p0.height,
    frameCount: pages.length,
    pixelType: p0.pixelType,
    frames,
    timeSource: source,
    timeNote: note,
    metadata: { files: String(files.length), firstFile: sorted[0].name, lastFile: sorted[sorted.length - 1].name },
    dark: null,
    flat: null,
    warnings: files.flatMap((f) => f.warnings),
    readFrameBytes: (index, target) => {
      const at = pages[index];
      if (!at) throw new RangeError(`${name}: no frame ${index} (it has ${pages.length})`);
      return readTiffPage(files[at.file], at.page, target);
    },
    readRowsSync: (index, row0, rows, target) => {
      const at = pages[index];
      return at ? readTiffRowsSync(files[at.file], at.page, row0, rows, target) : false;
    },
    close: async () => {
      for (const s of sorted) await s.close?.();
    },
  };
}
