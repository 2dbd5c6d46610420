/**
 * Where each pattern of a map lies on the grid: from the file names (map_{iy}_{ix}.xy), from a map index file
 * (file, ix, iy[, x_um, y_um]) or from the frame order of a multi-frame file (row by row, ix fastest; optionally
 * serpentine). Points without a pattern are listed; a file naming a point outside the grid or one already taken is
 * a problem, said in words.
 *
 * File names: labelled indices win (x12_y3, ix12-iy3, col12_row3, c12r3 …); otherwise the last two whole numbers
 * of the name are iy then ix, as in map_{iy}_{ix}.xy (row first, the way a map is scanned), or ix then iy with
 * order 'xy'. Indices start at the smallest found (0 or 1).
 */
import type { MapLayout, MapPointSource } from '../../shared/xrd-map';
import { decodeBytes, splitLines } from '../text/decode';
import { FormatError } from '../formats/types';

const LABELLED: [RegExp, RegExp][] = [
  [/(?:^|[^a-z])(?:ix|x|col|c)[_-]?(\d+)(?!\d)/i, /(?:^|[^a-z])(?:iy|y|row|r)[_-]?(\d+)(?!\d)/i],
];

/** Grid indices written in a file name, or null. */
export function indicesFromName(name: string, order: 'yx' | 'xy' = 'yx'): { ix: number; iy: number } | null {
  const stem = name.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]+$/, '');
  for (const [xr, yr] of LABELLED) {
    const x = xr.exec(stem);
    const y = yr.exec(stem);
    if (x && y && x.index !== y.index) return { ix: Number(x[1]), iy: Number(y[1]) };
  }
  const nums = [...stem.matchAll(/\d+/g)].map((m) => Number(m[0]));
  if (nums.length < 2) return null;
  const [a, b] = nums.slice(-2);
  return order === 'yx' ? { iy: a, ix: b } : { ix: a, iy: b };
}

function build(nx: number, ny: number, placed: MapPointSource[], note: string, problems: string[]): MapLayout {
  const points: (MapPointSource | null)[] = new Array(nx * ny).fill(null);
  for (const p of placed) {
    if (!(p.ix >= 0 && p.ix < nx && p.iy >= 0 && p.iy < ny)) {
      problems.push(`${p.fileName}${p.frame ? ` frame ${p.frame + 1}` : ''}: point (ix ${p.ix}, iy ${p.iy}) is outside the ${nx} × ${ny} grid`);
      continue;
    }
    const k = p.iy * nx + p.ix;
    if (points[k]) {
      problems.push(`${p.fileName}: point (ix ${p.ix}, iy ${p.iy}) is also ${points[k]!.fileName}`);
      continue;
    }
    points[k] = p;
  }
  const missing: { ix: number; iy: number }[] = [];
  for (let iy = 0; iy < ny; iy++) for (let ix = 0; ix < nx; ix++) if (!points[iy * nx + ix]) missing.push({ ix, iy });
  return { nx, ny, points, missing, problems, note };
}

/** Layout from file names (one pattern per file). */
export function layoutFromNames(names: string[], nx: number, ny: number, order: 'yx' | 'xy' = 'yx'): MapLayout {
  const problems: string[] = [];
  const found: { name: string; ix: number; iy: number }[] = [];
  for (const name of names) {
    const at = indicesFromName(name, order);
    if (at) found.push({ name, ...at });
    else problems.push(`${name}: no grid position in the name (expected e.g. map_{iy}_{ix}.xy)`);
  }
  const base = found.length ? Math.min(...found.flatMap((f) => [f.ix, f.iy])) : 0;
  const origin = base === 1 ? 1 : 0;
  const placed = found.map((f) => ({ ix: f.ix - origin, iy: f.iy - origin, fileName: f.name, frame: 0, xUm: null, yUm: null }));
  return build(nx, ny, placed, `grid positions from the file names (${order === 'yx' ? 'row, then column' : 'column, then row'}; first index ${origin})`, problems);
}

/** Layout from a map index: columns file, ix, iy and optionally x_um, y_um (header names, any order). */
export function layoutFromIndex(fileName: string, bytes: Uint8Array, nx?: number, ny?: number): MapLayout {
  const lines = splitLines(decodeBytes(bytes).text).filter((l) => l.trim() !== '' && !/^\s*#/.test(l));
  if (lines.length < 2) throw new FormatError(fileName, null, 'a map index: a header (file, ix, iy[, x_um, y_um]) and one row per point');
  const split = (l: string) => l.split(/[,;\t]/).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  const header = split(lines[0]).map((h) => h.toLowerCase());
  const col = (re: RegExp) => header.findIndex((h) => re.test(h));
  const fc = col(/^(file|filename|name|path)$/);
  const xc = col(/^(ix|col|column|i_x)$/);
  const yc = col(/^(iy|row|i_y)$/);
  const xu = col(/^(x|x_um|x \(µm\)|x\(um\)|x_µm)$/);
  const yu = col(/^(y|y_um|y \(µm\)|y\(um\)|y_µm)$/);
  if (fc < 0 || xc < 0 || yc < 0) throw new FormatError(fileName, 1, 'a header with the columns file, ix and iy', lines[0]);
  const placed: MapPointSource[] = [];
  for (let i = 1; i < lines.length; i++) {
    const c = split(lines[i]);
    const ix = Number(c[xc]);
    const iy = Number(c[yc]);
    if (!Number.isInteger(ix) || !Number.isInteger(iy) || !c[fc]) throw new FormatError(fileName, i + 1, 'a file name and whole-number ix, iy', lines[i]);
    placed.push({ ix, iy, fileName: c[fc], frame: 0, xUm: xu >= 0 && Number.isFinite(Number(c[xu])) ? Number(c[xu]) : null, yUm: yu >= 0 && Number.isFinite(Number(c[yu])) ? Number(c[yu]) : null });
  }
  const w = nx ?? Math.max(...placed.map((p) => p.ix)) + 1;
  const h = ny ?? Math.max(...placed.map((p) => p.iy)) + 1;
  return build(w, h, placed, `grid positions from the map index ${fileName}`, []);
}

/** Layout of the frames of a multi-frame file: frame k at ix = k mod nx, iy = ⌊k / nx⌋ (serpentine: odd rows reversed). */
export function layoutFromFrames(fileName: string, frames: number, nx: number, ny: number, options: { serpentine?: boolean; labels?: string[] } = {}): MapLayout {
  const problems: string[] = [];
  if (frames > nx * ny) problems.push(`${fileName}: ${frames} frames for a ${nx} × ${ny} grid: frames after ${nx * ny} are not placed`);
  const placed: MapPointSource[] = [];
  for (let k = 0; k < Math.min(frames, nx * ny); k++) {
    const iy = Math.floor(k / nx);
    const col = k % nx;
    const ix = options.serpentine && iy % 2 === 1 ? nx - 1 - col : col;
    placed.push({ ix, iy, fileName: options.labels?.[k] ? `${fileName} (${options.labels[k]})` : fileName, frame: k, xUm: null, yUm: null });
  }
  return build(nx, ny, placed, `frames of ${fileName} row by row${options.serpentine ? ' (serpentine)' : ''}, ix fastest`, problems);
}

/** The missing points in words: "(ix 3, iy 0), (ix 7, iy 2)" (at most `max`, then "… and N more"). */
export function describeMissing(missing: { ix: number; iy: number }[], max = 20): string {
  const shown = missing.slice(0, max).map((p) => `(ix ${p.ix}, iy ${p.iy})`).join(', ');
  return missing.length > max ? `${shown} … and ${missing.length - max} more` : shown;
}
