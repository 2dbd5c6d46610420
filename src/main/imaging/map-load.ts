/**
 * A map from files in memory (the app's import): one file per point (positions in the names), a map index with the
 * files it lists, or one multi-frame file (frames row by row). Shared by the session and the map worker.
 */
import type { FileBytes } from '../../shared/api';
import type { MapImportOptions } from '../../shared/api-imaging';
import type { Pattern } from '../../shared/xrd';
import type { MapLayout } from '../../shared/xrd-map';
import { detectXrdFormat, importPatterns, loadHdf5 } from '../../core/formats/xrd/index';
import { mapPatternReader } from '../../core/xrdmap/read';
import { layoutFromFrames, layoutFromIndex, layoutFromNames } from '../../core/xrdmap/grid';

const baseName = (p: string): string => p.split(/[\\/]/).pop() ?? p;

function isIndex(file: FileBytes): boolean {
  if (!/\.(csv|tsv|txt)$/i.test(file.name)) return false;
  const head = new TextDecoder().decode(file.bytes.subarray(0, 2000)).split(/\r?\n/).find((l) => l.trim() !== '' && !l.startsWith('#')) ?? '';
  const cells = head.toLowerCase().split(/[,;\t]/).map((c) => c.trim());
  return cells.some((c) => /^(file|filename|name|path)$/.test(c)) && cells.includes('ix') && cells.includes('iy');
}

/** Reads every frame of one file (the session passes the import pool's workers: heap and time limits per file). */
export type MapFrameReader = (file: FileBytes) => Promise<Pattern[]>;

/**
 * `readFrames`: where the patterns are read (default: on this thread). Files are told apart from map indexes and
 * other files here, by name and a look at their first bytes, which parses nothing.
 */
export async function loadMapFromFiles(
  files: FileBytes[],
  options: MapImportOptions,
  readFrames?: MapFrameReader,
): Promise<{ layout: MapLayout; patterns: (Pattern | null)[]; ignored: string[] }> {
  const named = files.map((f) => ({ name: baseName(f.name), bytes: f.bytes }));
  const readPattern = mapPatternReader();
  const read = async (f: FileBytes): Promise<Pattern> => {
    if (!readFrames) return readPattern(f.name, f.bytes);
    const frames = await readFrames(f);
    if (frames.length === 0) throw new Error(`${f.name}: no pattern in the file`);
    return frames[0];
  };
  const index = named.find(isIndex);
  if (index) {
    const layout = layoutFromIndex(index.name, index.bytes, options.nx, options.ny);
    const byName = new Map(named.map((f) => [f.name, f]));
    const patterns = await Promise.all(
      layout.points.map((p) => {
        const f = p ? byName.get(baseName(p.fileName)) : undefined;
        return f ? read(f) : null;
      }),
    );
    // points whose listed file was not among the imported files are missing too
    const missing = layout.points.map((p, k) => (p && !patterns[k] ? { ix: p.ix, iy: p.iy } : null)).filter((x): x is { ix: number; iy: number } => x !== null);
    if (missing.length) {
      layout.missing.push(...missing);
      layout.problems.push(`${missing.length} file(s) listed in ${index.name} were not imported`);
      layout.points.forEach((p, k) => {
        if (p && !patterns[k]) layout.points[k] = null;
      });
    }
    return { layout, patterns, ignored: named.filter((f) => f !== index && !byName.has(f.name)).map((f) => f.name) };
  }
  const patternsFiles = named.filter((f) => detectXrdFormat(f.name, f.bytes) !== null);
  const ignored = named.filter((f) => !patternsFiles.includes(f)).map((f) => f.name);
  if (patternsFiles.length === 0) throw new Error('None of the files is a diffraction pattern a reader recognises.');
  if (patternsFiles.length === 1) {
    let frames: Pattern[];
    if (readFrames) frames = await readFrames(patternsFiles[0]);
    else {
      await loadHdf5();
      frames = importPatterns(patternsFiles[0].name, patternsFiles[0].bytes);
    }
    if (frames.length > 1) {
      const layout = layoutFromFrames(patternsFiles[0].name, frames.length, options.nx, options.ny, { serpentine: options.serpentine, labels: frames.map((f) => f.label ?? '') });
      return { layout, patterns: layout.points.map((p) => (p ? frames[p.frame] : null)), ignored };
    }
  }
  const layout = layoutFromNames(patternsFiles.map((f) => f.name), options.nx, options.ny, options.order ?? 'yx');
  const byName = new Map(patternsFiles.map((f) => [f.name, f]));
  return { layout, patterns: await Promise.all(layout.points.map((p) => (p ? read(byName.get(p.fileName)!) : null))), ignored };
}
