/**
 * Reading an exported SVG figure back into numbers, for tests of what a figure file contains: the stroked paths of
 * a colour (the series), and the axes from their numeric tick labels, so that path points can be mapped back to
 * data units and compared with the data that was plotted. Works on ECharts' SVG renderer output (absolute M/L
 * commands, tick labels as `<text … transform="translate(x y)">value</text>`).
 */

export type Point = [number, number];

/** Points of a path's `d` (M, L, H, V, Z and their relative forms; curves are not expected in line series). */
export function pathPoints(d: string): Point[] {
  const out: Point[] = [];
  let x = 0;
  let y = 0;
  let start: Point = [0, 0];
  const re = /([MLHVZmlhvz])([^MLHVZmlhvz]*)/g;
  for (const [, cmd, args] of d.matchAll(re)) {
    const v = args.trim() === '' ? [] : args.trim().split(/[\s,]+|(?=-)/).map(Number);
    const rel = cmd === cmd.toLowerCase();
    switch (cmd.toUpperCase()) {
      case 'M':
      case 'L':
        for (let i = 0; i + 1 < v.length; i += 2) {
          x = rel ? x + v[i] : v[i];
          y = rel ? y + v[i + 1] : v[i + 1];
          if (cmd.toUpperCase() === 'M' && i === 0) start = [x, y];
          out.push([x, y]);
        }
        break;
      case 'H':
        for (const h of v) out.push([(x = rel ? x + h : h), y]);
        break;
      case 'V':
        for (const w of v) out.push([x, (y = rel ? y + w : w)]);
        break;
      case 'Z':
        [x, y] = start;
        break;
    }
  }
  return out;
}

/**
 * The untransformed stroked paths drawn in a colour with at least `minPoints` points, in document order (legend
 * swatches are drawn with a transform and a couple of points, so they are left out).
 */
export function seriesPaths(svg: string, stroke: string, minPoints = 3): Point[][] {
  const out: Point[][] = [];
  for (const m of svg.matchAll(/<path\b([^>]*)>/g)) {
    const attrs = m[1];
    if (!new RegExp(`\\bstroke="${stroke}"`, 'i').test(attrs) || /\btransform=/.test(attrs)) continue;
    const d = /\bd="([^"]*)"/.exec(attrs);
    if (!d) continue;
    const pts = pathPoints(d[1]);
    if (pts.length >= minPoints) out.push(pts);
  }
  return out;
}

/** A linear axis read from its tick labels: data value → SVG coordinate. */
export interface SvgAxis {
  /** 'x' for a horizontal axis (labels share a y), 'y' for a vertical one (labels share an x). */
  kind: 'x' | 'y';
  /** The shared coordinate of its labels (y of an x axis, x of a y axis). */
  at: number;
  ticks: { value: number; pos: number }[];
  /** SVG coordinate of a data value, and back. */
  toSvg(value: number): number;
  toData(pos: number): number;
}

function linearAxis(kind: 'x' | 'y', at: number, ticks: { value: number; pos: number }[]): SvgAxis {
  const a = ticks[0];
  const b = ticks[ticks.length - 1];
  const slope = (b.pos - a.pos) / (b.value - a.value);
  return { kind, at, ticks, toSvg: (v) => a.pos + (v - a.value) * slope, toData: (p) => a.value + (p - a.pos) / slope };
}

/**
 * Axes from the numeric tick labels: labels anchored 'middle' with the same y are an x axis, labels anchored 'end'
 * with the same x a y axis (three ticks at least, equally spaced in value and position). x axes come bottom first,
 * y axes left first and, for panels stacked on one x, top first.
 */
export function svgAxes(svg: string): { x: SvgAxis[]; y: SvgAxis[] } {
  const labels: { anchor: string; x: number; y: number; value: number }[] = [];
  for (const m of svg.matchAll(/<text\b([^>]*)>([^<]*)<\/text>/g)) {
    const value = Number(m[2].replace('−', '-'));
    if (m[2].trim() === '' || !Number.isFinite(value)) continue;
    const t = /transform="translate\(([-\d.]+) ([-\d.]+)\)"/.exec(m[1]);
    const anchor = /text-anchor="(\w+)"/.exec(m[1]);
    if (!t || !anchor) continue;
    labels.push({ anchor: anchor[1], x: Number(t[1]), y: Number(t[2]), value });
  }
  const group = (kind: 'x' | 'y'): SvgAxis[] => {
    const key = (l: (typeof labels)[number]): number => (kind === 'x' ? l.y : l.x);
    const byAt = new Map<number, typeof labels>();
    for (const l of labels.filter((q) => q.anchor === (kind === 'x' ? 'middle' : 'end'))) byAt.set(key(l), [...(byAt.get(key(l)) ?? []), l]);
    const axes: SvgAxis[] = [];
    for (const [at, ls] of byAt) {
      // panels stacked on one x (or side by side on one y) share `at`: along the axis values run one way (up the
      // page or to the right), so a value running the other way starts the next panel's axis
      const along = ls.map((l) => ({ value: l.value, pos: kind === 'x' ? l.x : -l.y })).sort((p, q) => p.pos - q.pos);
      const runs: { value: number; pos: number }[][] = [];
      for (const t of along) {
        const last = runs.at(-1);
        if (last && t.value > last[last.length - 1].value) last.push(t);
        else runs.push([t]);
      }
      for (const run of runs) {
        if (run.length < 3) continue;
        const ticks = run.map((t) => ({ value: t.value, pos: kind === 'x' ? t.pos : -t.pos }));
        const step = (ticks[1].pos - ticks[0].pos) / (ticks[1].value - ticks[0].value);
        const linear = ticks.every((t) => Math.abs(ticks[0].pos + (t.value - ticks[0].value) * step - t.pos) < 0.01);
        if (linear) axes.push(linearAxis(kind, at, ticks));
      }
    }
    // x axes bottom first; y axes left first, then top first
    return axes.sort((p, q) => (kind === 'x' ? q.at - p.at : p.at - q.at || p.toSvg(p.ticks[0].value) - q.toSvg(q.ticks[0].value)));
  };
  return { x: group('x'), y: group('y') };
}

/** Path points in data units through a pair of axes. */
export function toData(points: Point[], x: SvgAxis, y: SvgAxis): Point[] {
  return points.map(([px, py]) => [x.toData(px), y.toData(py)]);
}

/** Data points in SVG coordinates through a pair of axes. */
export function toSvg(points: ArrayLike<number>[] | Point[], x: SvgAxis, y: SvgAxis): Point[] {
  return Array.from(points, (p) => [x.toSvg(p[0]), y.toSvg(p[1])] as Point);
}

function segmentDistance(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/**
 * How far a drawn path is from the data it should show, in SVG units (pt): the largest distance of a path vertex
 * from the nearest data point (`vertex`: the renderer writes coordinates to 0.1 pt), and of a data point from the
 * drawn polyline (`data`: the renderer leaves out points closer than about a pixel to the previous one).
 */
export function pathDeviation(path: Point[], data: Point[]): { vertex: number; data: number } {
  let vertex = 0;
  for (const v of path) {
    let best = Infinity;
    for (const d of data) best = Math.min(best, Math.hypot(v[0] - d[0], v[1] - d[1]));
    vertex = Math.max(vertex, best);
  }
  let dataDev = 0;
  for (const d of data) {
    let best = Infinity;
    for (let i = 1; i < path.length; i++) best = Math.min(best, segmentDistance(d, path[i - 1], path[i]));
    dataDev = Math.max(dataDev, best);
  }
  return { vertex, data: dataDev };
}
