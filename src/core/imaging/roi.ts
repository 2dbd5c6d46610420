/**
 * Regions of interest as pixel masks, by the pixel-centre rule: pixel (x, y) covers [x, x+1) × [y, y+1) and belongs
 * to a region when its centre (x + 0.5, y + 0.5) is inside. This is ImageJ's rule for rectangles, ovals and
 * polygons (checked against ImageJ 1.53t, test/fixtures/reference/imagej-roi-means.json). Boundaries, as ImageJ's
 * polygon filler has them: a centre on a left or top edge is outside, on a right or bottom edge inside (a < c ≤ b);
 * an ellipse includes its boundary; a polygon uses the even–odd rule. Rectangles follow the same rule; ImageJ itself
 * truncates a sub-pixel rectangle to (⌊x⌋, ⌊y⌋, ⌈w⌉, ⌈h⌉) instead, so the two agree on whole-pixel rectangles (the
 * CLI's and the app's) and may differ by a row or column on sub-pixel ones (docs/radiography.md).
 *
 * A mask is a list of row spans (y, x0, x1) with x0 ≤ x < x1, clipped to the image: a ROI mean is then a sum over
 * contiguous runs of a row (core/imaging/accumulate.ts).
 */
import type { GridDef, RoiDef, RoiGroup, RoiShape } from '../../shared/radiography';

export interface RoiMask {
  name: string;
  kind: 'roi' | 'grid' | 'frame';
  group: RoiGroup | null;
  /** Triples (y, x0, x1), rows ascending. */
  spans: Int32Array;
  pixelCount: number;
}

type Span = [number, number, number];

function finish(name: string, kind: RoiMask['kind'], group: RoiGroup | null, spans: Span[]): RoiMask {
  const flat = new Int32Array(spans.length * 3);
  let count = 0;
  spans.forEach(([y, x0, x1], i) => {
    flat[3 * i] = y;
    flat[3 * i + 1] = x0;
    flat[3 * i + 2] = x1;
    count += x1 - x0;
  });
  return { name, kind, group, spans: flat, pixelCount: count };
}

/** Pixels whose centre c = i + ½ lies in (a, b]: first index ⌊a − ½⌋ + 1, end ⌊b − ½⌋ + 1, clipped to [0, n). */
function centresIn(a: number, b: number, n: number): [number, number] {
  return [Math.max(0, Math.floor(a - 0.5) + 1), Math.min(n, Math.floor(b - 0.5) + 1)];
}

function rectSpans(s: { x: number; y: number; width: number; height: number }, width: number, height: number): Span[] {
  const [x0, x1] = centresIn(s.x, s.x + s.width, width);
  const [y0, y1] = centresIn(s.y, s.y + s.height, height);
  const out: Span[] = [];
  if (x1 <= x0) return out;
  for (let y = y0; y < y1; y++) out.push([y, x0, x1]);
  return out;
}

/** Centres inside or on the ellipse inscribed in the box: ((cx − ex)/rx)² + ((cy − ey)/ry)² ≤ 1. */
function ellipseSpans(s: { x: number; y: number; width: number; height: number }, width: number, height: number): Span[] {
  const rx = s.width / 2;
  const ry = s.height / 2;
  const ex = s.x + rx;
  const ey = s.y + ry;
  const out: Span[] = [];
  if (!(rx > 0 && ry > 0)) return out;
  const yFirst = Math.max(0, Math.ceil(ey - ry - 0.5));
  const yLast = Math.min(height - 1, Math.floor(ey + ry - 0.5));
  for (let y = yFirst; y <= yLast; y++) {
    const dy = (y + 0.5 - ey) / ry;
    const q = 1 - dy * dy;
    if (q < 0) continue;
    const hw = rx * Math.sqrt(q);
    // tolerance: a centre exactly on the boundary is inside despite rounding in sqrt
    const eps = 1e-9 * Math.max(1, rx);
    const x0 = Math.max(0, Math.ceil(ex - hw - 0.5 - eps));
    const x1 = Math.min(width, Math.floor(ex + hw - 0.5 + eps) + 1);
    if (x1 > x0) out.push([y, x0, x1]);
  }
  return out;
}

/** Even–odd scanline fill at each row's centre line y + ½; crossings (xl, xr] select centres in that interval. */
function polygonSpans(points: [number, number][], width: number, height: number): Span[] {
  const out: Span[] = [];
  const n = points.length;
  if (n < 3) return out;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const [, y] of points) {
    yMin = Math.min(yMin, y);
    yMax = Math.max(yMax, y);
  }
  const [yFirst, yEnd] = centresIn(yMin, yMax, height);
  const xs: number[] = [];
  for (let y = yFirst; y < yEnd; y++) {
    const cy = y + 0.5;
    xs.length = 0;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const [xa, ya] = points[j];
      const [xb, yb] = points[i];
      // an edge counts when cy is in (min(ya, yb), max(ya, yb)]
      if (ya < cy !== yb < cy) xs.push(xa + ((cy - ya) * (xb - xa)) / (yb - ya));
    }
    xs.sort((p, q) => p - q);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const [x0, x1] = centresIn(xs[k], xs[k + 1], width);
      if (x1 > x0) out.push([y, x0, x1]);
    }
  }
  // overlapping spans in one row cannot occur with even–odd pairs; merge touching ones for fewer runs
  const merged: Span[] = [];
  for (const s of out) {
    const last = merged[merged.length - 1];
    if (last && last[0] === s[0] && last[2] === s[1]) last[2] = s[2];
    else merged.push([...s]);
  }
  return merged;
}

/** The mask of one shape on a width × height image. */
export function shapeMask(name: string, shape: RoiShape, width: number, height: number, kind: RoiMask['kind'] = 'roi', group: RoiGroup | null = null): RoiMask {
  switch (shape.kind) {
    case 'rect':
      return finish(name, kind, group, rectSpans(shape, width, height));
    case 'ellipse':
      return finish(name, kind, group, ellipseSpans(shape, width, height));
    case 'polygon':
      return finish(name, kind, group, polygonSpans(shape.points, width, height));
  }
}

export function roiMask(roi: RoiDef, width: number, height: number): RoiMask {
  return shapeMask(roi.name, roi.shape, width, height, 'roi', roi.group ?? null);
}

/** The whole frame. */
export function frameMask(width: number, height: number): RoiMask {
  return finish('frame', 'frame', null, Array.from({ length: height }, (_, y) => [y, 0, width] as Span));
}

/** Tile boundaries: ⌊i·n/parts⌋ for i = 0 … parts (tiles differ by at most one pixel). */
export function tileEdges(n: number, parts: number): number[] {
  return Array.from({ length: parts + 1 }, (_, i) => Math.floor((i * n) / parts));
}

/** Name of grid point (row, col): P1 … row by row from the top left. */
export function gridPointName(row: number, col: number, cols: number): string {
  return `P${row * cols + col + 1}`;
}

/** The shapes of the grid's points, row by row (index = row·cols + col). */
export function gridShapes(grid: GridDef, width: number, height: number): RoiShape[] {
  const xs = tileEdges(width, grid.cols);
  const ys = tileEdges(height, grid.rows);
  const out: RoiShape[] = [];
  for (let r = 0; r < grid.rows; r++) {
    for (let c = 0; c < grid.cols; c++) {
      const tile = { x: xs[c], y: ys[r], width: xs[c + 1] - xs[c], height: ys[r + 1] - ys[r] };
      if ((grid.shape ?? 'tile') === 'tile') out.push({ kind: 'rect', ...tile });
      else {
        const radius = grid.radiusPx ?? Math.max(1, Math.min(tile.width, tile.height) / 8);
        out.push({ kind: 'ellipse', x: tile.x + tile.width / 2 - radius, y: tile.y + tile.height / 2 - radius, width: 2 * radius, height: 2 * radius });
      }
    }
  }
  return out;
}

export function gridMasks(grid: GridDef, width: number, height: number): RoiMask[] {
  const groupOf = (n: number): RoiGroup | null => {
    for (const [g, members] of Object.entries(grid.groups ?? {})) if (members?.includes(n)) return g as RoiGroup;
    return null;
  };
  return gridShapes(grid, width, height).map((shape, i) => shapeMask(gridPointName(Math.floor(i / grid.cols), i % grid.cols, grid.cols), shape, width, height, 'grid', groupOf(i + 1)));
}

/** A mask as a 0/1 image (tests, display). */
export function maskImage(mask: RoiMask, width: number, height: number): Uint8Array {
  const img = new Uint8Array(width * height);
  for (let i = 0; i < mask.spans.length; i += 3) img.fill(1, mask.spans[i] * width + mask.spans[i + 1], mask.spans[i] * width + mask.spans[i + 2]);
  return img;
}
