/**
 * The journal rules, checked on an exported figure: a pure function over the SVG text (no DOM, runs in Node).
 *
 * - text: no glyph smaller than `minPt` (6 pt, Nature/Elsevier/ACS artwork guides) at the exported physical size;
 * - outside: no label runs off the page;
 * - overlap: no two labels' boxes intersect (tick labels of stacked panels, secondary axes, legend, titles), and no
 *   tick label crowds its neighbour (a gap under half the axis' spacing: an end label off the interval);
 * - legend swatches: a legend line is as thick as the curve(s) of its colour and dash (not thinner, ≤ 0.5 pt thicker);
 * - reference lines: every dashed straight line in a plot has a legend entry with its colour and dash;
 * - stray ticks: no axis tick beyond the end of its axis line (e.g. a y tick below the x-axis origin).
 *
 * The SVG is read as ECharts writes it (flat elements, transforms on elements and on <g>), and as the composer
 * nests figures (<g transform>, <svg x y>). Text widths are estimated with Helvetica/Arial advance widths, which is
 * what the figures use; the estimate errs a few per cent wide so that near-misses count as overlaps.
 */

export type FigureProblemKind = 'small-text' | 'outside' | 'overlap' | 'legend-swatch' | 'reference-line' | 'stray-tick';

export interface FigureProblem {
  kind: FigureProblemKind;
  message: string;
}

export interface TextBox {
  text: string;
  sizePt: number;
  /** Box in points on the page: [x0, y0, x1, y1]. */
  box: [number, number, number, number];
}

export interface FigureCheck {
  widthMm: number;
  heightMm: number;
  texts: TextBox[];
  problems: FigureProblem[];
}

export interface CheckOptions {
  /** Smallest text allowed, pt. Default 6. */
  minPt?: number;
  /** Overlap below this area (pt²) is ignored (anti-aliasing, kerning). Default 0.5. */
  overlapAreaPt2?: number;
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function multiply(m: Matrix, n: Matrix): Matrix {
  return [m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1], m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3], m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5]];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** An SVG transform list (matrix, translate, scale, rotate) as one matrix. */
export function parseTransform(s: string | undefined): Matrix {
  if (!s) return IDENTITY;
  let m = IDENTITY;
  for (const [, fn, args] of s.matchAll(/(\w+)\s*\(([^)]*)\)/g)) {
    const a = args.split(/[\s,]+/).filter(Boolean).map(Number);
    let n: Matrix = IDENTITY;
    if (fn === 'matrix' && a.length === 6) n = a as Matrix;
    else if (fn === 'translate') n = [1, 0, 0, 1, a[0] ?? 0, a[1] ?? 0];
    else if (fn === 'scale') n = [a[0], 0, 0, a[1] ?? a[0], 0, 0];
    else if (fn === 'rotate') {
      const r = ((a[0] ?? 0) * Math.PI) / 180;
      const [cx, cy] = [a[1] ?? 0, a[2] ?? 0];
      n = multiply(multiply([1, 0, 0, 1, cx, cy], [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r), 0, 0]), [1, 0, 0, 1, -cx, -cy]);
    }
    m = multiply(m, n);
  }
  return m;
}

function attrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [, k, v] of s.matchAll(/([\w:-]+)="([^"]*)"/g)) out[k] = v;
  return out;
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');

/** Advance width of a character in em (Helvetica metrics, rounded up). */
function advanceEm(ch: string): number {
  if (/[ijlI.,:;'|!]/.test(ch)) return 0.28;
  if (ch === ' ') return 0.28;
  if (/[ft()[\]\-r/]/.test(ch)) return 0.34;
  if (/[mwMW%@]/.test(ch)) return 0.89;
  if (/[A-Z]/.test(ch)) return 0.7;
  if (/[\u2070-\u209f\u00b9\u00b2\u00b3]/.test(ch)) return 0.36; // super/subscript digits
  return 0.56;
}

export function textWidthEm(text: string): number {
  let w = 0;
  for (const ch of text) w += advanceEm(ch);
  return w;
}

function fontSizeOf(style: string | undefined, a: Record<string, string>): number | null {
  const css = style ?? '';
  const m = /font-size:\s*([\d.]+)px/.exec(css) ?? /font:[^;]*?\b([\d.]+)px/.exec(css);
  if (m) return Number(m[1]);
  if (a['font-size']) return parseFloat(a['font-size']);
  return null;
}

/** Length of an SVG length in points (mm, cm, in, pt, px = 0.75 pt, unitless = px). */
function lengthPt(v: string | undefined): number | null {
  if (!v) return null;
  const m = /^([\d.]+)\s*(mm|cm|in|pt|px)?$/.exec(v.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2] ?? 'px';
  return unit === 'mm' ? (n * 72) / 25.4 : unit === 'cm' ? (n * 720) / 25.4 : unit === 'in' ? n * 72 : unit === 'pt' ? n : n * 0.75;
}

interface Segment {
  points: [number, number][];
  closed: boolean;
}

/** Points of a path made of M/L/H/V/l/h/v/Z commands (what ECharts writes for lines, ticks and boxes); null for curves. */
export function pathPoints(d: string): Segment | null {
  const points: [number, number][] = [];
  let x = 0;
  let y = 0;
  let closed = false;
  const tokens = d.match(/[a-zA-Z]|-?[\d.]+(?:e-?\d+)?/g) ?? [];
  let cmd = '';
  let i = 0;
  const num = () => Number(tokens[i++]);
  while (i < tokens.length) {
    if (/[a-zA-Z]/.test(tokens[i])) cmd = tokens[i++];
    switch (cmd) {
      case 'M':
      case 'L':
        x = num();
        y = num();
        points.push([x, y]);
        break;
      case 'm':
      case 'l':
        x += num();
        y += num();
        points.push([x, y]);
        break;
      case 'H':
        x = num();
        points.push([x, y]);
        break;
      case 'h':
        x += num();
        points.push([x, y]);
        break;
      case 'V':
        y = num();
        points.push([x, y]);
        break;
      case 'v':
        y += num();
        points.push([x, y]);
        break;
      case 'Z':
      case 'z':
        closed = true;
        break;
      default:
        return null;
    }
  }
  return { points, closed };
}

interface Stroke {
  points: [number, number][];
  closed: boolean;
  color: string;
  widthPt: number;
  dash: string | null;
  clipped: boolean;
  legendKey: string | null;
}

const norm = (c: string) => c.trim().toLowerCase();
const isLight = (c: string): boolean => {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c.trim());
  let rgb: number[] | null = null;
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((ch) => ch + ch).join('') : hex[1];
    rgb = [0, 2, 4].map((k) => parseInt(h.slice(k, k + 2), 16));
  } else {
    const m = /rgba?\(([^)]*)\)/.exec(c);
    if (m) rgb = m[1].split(',').slice(0, 3).map(Number);
  }
  return rgb !== null && 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2] > 190;
};

/** Dash patterns compared by their first two lengths relative to each other (the legend draws them at its own scale). */
const dashKey = (d: string | null) => {
  if (!d || d === 'none') return 'solid';
  const n = d.split(/[\s,]+/).map(Number).filter((v) => v > 0);
  if (n.length < 2) return 'solid';
  return n[0] / n[1] > 2.5 ? 'dashed' : n[0] / n[1] < 0.6 ? 'dotted' : 'dash';
};

function area(a: [number, number, number, number], b: [number, number, number, number]): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  return w > 0 && h > 0 ? w * h : 0;
}

const fmt = (v: number) => (Math.round(v * 10) / 10).toString();

const NUMERIC = /^[\u2212−-]?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/;

/**
 * Tick labels that crowd a neighbour: numeric labels in one column (same left or right edge) or one row (same
 * centre line), evenly spaced as an axis' labels are, where one gap is under half the typical (median) gap — an
 * axis end labelled off its interval ('1.05' just above '1'), which reads as clutter even where the boxes do not
 * yet touch.
 */
export function crowdedTicks(texts: TextBox[]): [TextBox, TextBox][] {
  const numeric = texts.filter((t) => NUMERIC.test(t.text.trim()));
  const out: [TextBox, TextBox][] = [];
  const seen = new Set<string>();
  const lines: { key: (t: TextBox) => number; pos: (t: TextBox) => number }[] = [
    { key: (t) => t.box[0], pos: (t) => (t.box[1] + t.box[3]) / 2 },
    { key: (t) => t.box[2], pos: (t) => (t.box[1] + t.box[3]) / 2 },
    { key: (t) => (t.box[1] + t.box[3]) / 2, pos: (t) => (t.box[0] + t.box[2]) / 2 },
  ];
  for (const line of lines) {
    const groups: TextBox[][] = [];
    for (const t of numeric) {
      const g = groups.find((gr) => Math.abs(line.key(gr[0]) - line.key(t)) < 0.5);
      if (g) g.push(t);
      else groups.push([t]);
    }
    for (const g of groups) {
      if (g.length < 3) continue;
      const sorted = [...g].sort((u, v) => line.pos(u) - line.pos(v));
      const gaps = sorted.slice(1).map((t, i) => line.pos(t) - line.pos(sorted[i]));
      const median = [...gaps].sort((u, v) => u - v)[Math.floor(gaps.length / 2)];
      gaps.forEach((d, i) => {
        const key = `${sorted[i].text}|${sorted[i + 1].text}|${fmt(line.pos(sorted[i]))}`;
        if (d > 0 && d < 0.5 * median && !seen.has(key)) {
          seen.add(key);
          // the label at the group's end is the odd one out (an axis end off the interval)
          out.push(i === 0 ? [sorted[0], sorted[1]] : [sorted[i + 1], sorted[i]]);
        }
      });
    }
  }
  return out;
}

/** Check an exported SVG figure against the journal rules. */
export function checkFigureSvg(svg: string, options: CheckOptions = {}): FigureCheck {
  const minPt = options.minPt ?? 6;
  const minArea = options.overlapAreaPt2 ?? 0.5;
  const problems: FigureProblem[] = [];
  const rootMatch = /<svg\b([^>]*)>/.exec(svg);
  if (!rootMatch) throw new Error('not an SVG document');
  const root = attrs(rootMatch[1]);
  const vb = (root.viewBox ?? '').split(/[\s,]+/).map(Number);
  const widthPt = lengthPt(root.width) ?? vb[2] * 0.75;
  const heightPt = lengthPt(root.height) ?? vb[3] * 0.75;
  // page points per user unit of the root
  const rootScale = vb.length === 4 && vb[2] > 0 ? widthPt / vb[2] : 0.75;
  const base: Matrix = [rootScale, 0, 0, rootScale, vb.length === 4 ? -vb[0] * rootScale : 0, vb.length === 4 ? -vb[1] * rootScale : 0];

  // Walk the tags with a stack of (matrix, clipped); collect text pieces and stroked paths.
  interface Piece {
    text: string;
    sizePt: number;
    box: [number, number, number, number];
    group: string;
  }
  const pieces: Piece[] = [];
  const strokes: Stroke[] = [];
  const legendBoxes: { m: Matrix; d: string }[] = [];
  const stack: { m: Matrix; clipped: boolean; tag: string; id: number }[] = [{ m: base, clipped: false, tag: 'root', id: 0 }];
  let nextId = 1;
  let inDefs = 0;
  const tagRe = /<(\/?)([a-zA-Z][\w:-]*)([^>]*?)(\/?)>|([^<]+)/g;
  let pendingText: { a: Record<string, string>; m: Matrix; group: string } | null = null;
  let textContent = '';
  let first = true;
  for (const t of svg.matchAll(tagRe)) {
    const [, close, name, rest, selfClose, content] = t;
    if (content !== undefined) {
      if (pendingText) textContent += content;
      continue;
    }
    if (name === 'svg' && first && !close) {
      first = false;
      continue;
    }
    const top = stack[stack.length - 1];
    if (close) {
      if (name === 'text' && pendingText) {
        const { a, m, group } = pendingText;
        const text = decode(textContent);
        pendingText = null;
        textContent = '';
        const size = fontSizeOf(a.style, a);
        if (size !== null && text.trim() !== '') {
          const scale = Math.hypot(m[0], m[1]);
          const sizePt = size * scale;
          const w = textWidthEm(text) * size;
          const x = Number(a.x ?? 0);
          const y = Number(a.y ?? 0);
          const anchor = a['text-anchor'] ?? 'start';
          const x0 = anchor === 'middle' ? x - w / 2 : anchor === 'end' ? x - w : x;
          const baseline = a['dominant-baseline'] ?? 'alphabetic';
          // glyph box: digits and capitals are 0.72 em tall, centred on a central baseline; a margin of 0.06 em each side
          const y0 = baseline === 'central' || baseline === 'middle' ? y - 0.42 * size : baseline === 'hanging' ? y - 0.05 * size : y - 0.78 * size;
          const y1 = y0 + 0.84 * size;
          const corners = [apply(m, x0, y0), apply(m, x0 + w, y0), apply(m, x0, y1), apply(m, x0 + w, y1)];
          const xs = corners.map((c) => c[0]);
          const ys = corners.map((c) => c[1]);
          pieces.push({ text, sizePt, box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], group });
        }
        continue;
      }
      if (name === 'defs' || name === 'clipPath') inDefs = Math.max(0, inDefs - 1);
      if (name === 'g' || name === 'svg') stack.pop();
      continue;
    }
    const a = attrs(rest);
    if (name === 'defs' || name === 'clipPath') {
      if (!selfClose) inDefs++;
      continue;
    }
    if (inDefs > 0) continue;
    if (name === 'g' || name === 'svg') {
      let m = multiply(top.m, parseTransform(a.transform));
      if (name === 'svg') {
        m = multiply(m, [1, 0, 0, 1, Number(a.x ?? 0), Number(a.y ?? 0)]);
        const ivb = (a.viewBox ?? '').split(/[\s,]+/).map(Number);
        const w = Number(a.width);
        if (ivb.length === 4 && w > 0 && ivb[2] > 0) m = multiply(m, [w / ivb[2], 0, 0, w / ivb[2], -ivb[0] * (w / ivb[2]), -ivb[1] * (w / ivb[2])]);
      }
      if (!selfClose) stack.push({ m, clipped: top.clipped || a['clip-path'] !== undefined, tag: name, id: nextId++ });
      continue;
    }
    const m = multiply(top.m, parseTransform(a.transform));
    if (name === 'text') {
      // ECharts writes one rich label as several <text> elements sharing a transform: they form one label
      pendingText = { a, m, group: `${top.id}|${a.transform ?? ''}|${a.transform ? '' : `${a.x},${a.y}`}` };
      textContent = '';
      if (selfClose) pendingText = null;
      continue;
    }
    if (name === 'path' && a.ecmeta_ssr_type === 'legend') legendBoxes.push({ m, d: a.d ?? '' });
    if (name === 'path' || name === 'line' || name === 'polyline') {
      const stroke = a.stroke;
      if (!stroke || stroke === 'none' || Number(a['stroke-opacity'] ?? 1) === 0) continue;
      const widthUnits = Number(a['stroke-width'] ?? 1);
      if (widthUnits <= 0) continue;
      let seg: Segment | null = null;
      if (name === 'line') seg = { points: [[Number(a.x1), Number(a.y1)], [Number(a.x2), Number(a.y2)]], closed: false };
      else if (name === 'polyline') {
        const n = (a.points ?? '').split(/[\s,]+/).filter(Boolean).map(Number);
        seg = { points: Array.from({ length: Math.floor(n.length / 2) }, (_, k) => [n[2 * k], n[2 * k + 1]] as [number, number]), closed: false };
      } else seg = pathPoints(a.d ?? '');
      if (!seg || seg.points.length < 2) continue;
      const scale = Math.hypot(m[0], m[1]);
      strokes.push({
        points: seg.points.map(([px, py]) => apply(m, px, py)),
        closed: seg.closed,
        color: norm(stroke),
        widthPt: widthUnits * scale,
        dash: a['stroke-dasharray'] ?? null,
        clipped: top.clipped,
        legendKey: null,
      });
    }
  }

  // Text: group the pieces of each label
  const groups = new Map<string, Piece[]>();
  for (const p of pieces) groups.set(p.group, [...(groups.get(p.group) ?? []), p]);
  const texts: TextBox[] = [...groups.values()].map((ps) => ({
    text: ps.map((p) => p.text).join(''),
    sizePt: Math.min(...ps.map((p) => p.sizePt)),
    box: [Math.min(...ps.map((p) => p.box[0])), Math.min(...ps.map((p) => p.box[1])), Math.max(...ps.map((p) => p.box[2])), Math.max(...ps.map((p) => p.box[3]))],
  }));
  for (const t of texts) {
    if (t.sizePt < minPt - 0.01) problems.push({ kind: 'small-text', message: `"${t.text}" is ${fmt(t.sizePt)} pt (< ${minPt} pt)` });
  }
  for (const t of texts) {
    const [x0, y0, x1, y1] = t.box;
    if (x0 < -0.5 || y0 < -0.5 || x1 > widthPt + 0.5 || y1 > heightPt + 0.5) problems.push({ kind: 'outside', message: `"${t.text}" runs off the page (${[x0, y0, x1, y1].map(fmt).join(', ')} pt)` });
  }
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const ov = area(texts[i].box, texts[j].box);
      if (ov > minArea) problems.push({ kind: 'overlap', message: `"${texts[i].text}" overlaps "${texts[j].text}" (${fmt(ov)} pt²)` });
    }
  }
  for (const [p, q] of crowdedTicks(texts)) problems.push({ kind: 'overlap', message: `tick label "${p.text}" crowds "${q.text}" (closer than half the axis' tick spacing)` });

  // Legend swatches: short strokes inside a legend item's hit box
  const legendRects = legendBoxes
    .map(({ m, d }) => {
      const seg = pathPoints(d);
      if (!seg) return null;
      const pts = seg.points.map(([px, py]) => apply(m, px, py));
      return [Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1]))] as [number, number, number, number];
    })
    .filter((r): r is [number, number, number, number] => r !== null);
  const inside = (r: [number, number, number, number], p: [number, number]) => p[0] >= r[0] - 0.5 && p[0] <= r[2] + 0.5 && p[1] >= r[1] - 0.5 && p[1] <= r[3] + 0.5;
  const swatches = strokes.filter((s) => !s.clipped && legendRects.some((r) => s.points.every((p) => inside(r, p))));
  const swatchSet = new Set(swatches);
  const curves = strokes.filter((s) => s.clipped && !s.closed && s.points.length > 2);
  for (const sw of swatches) {
    const same = curves.filter((c) => c.color === sw.color && dashKey(c.dash) === dashKey(sw.dash));
    const match = same.length ? same : curves.filter((c) => c.color === sw.color);
    if (match.length === 0) continue;
    const widest = Math.max(...match.map((c) => c.widthPt));
    // as thick as the curve: not thinner, and not more than half a point thicker
    if (sw.widthPt < widest - 0.01 || sw.widthPt > widest + 0.5) problems.push({ kind: 'legend-swatch', message: `legend line ${sw.color} is ${fmt(sw.widthPt)} pt, its curve ${fmt(widest)} pt` });
  }

  // Reference lines: dashed straight lines (not grid lines, not legend swatches) need a legend entry of their colour and dash
  const len = (s: Stroke) => Math.hypot(s.points[s.points.length - 1][0] - s.points[0][0], s.points[s.points.length - 1][1] - s.points[0][1]);
  const refs = strokes.filter((s) => !swatchSet.has(s) && dashKey(s.dash) !== 'solid' && s.points.length === 2 && !isLight(s.color) && len(s) > 10);
  const seen = new Set<string>();
  for (const r of refs) {
    const key = `${r.color}|${dashKey(r.dash)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (!swatches.some((sw) => sw.color === r.color && dashKey(sw.dash) === dashKey(r.dash)))
      problems.push({ kind: 'reference-line', message: `${dashKey(r.dash)} line ${r.color} (${fmt(len(r))} pt) has no legend entry` });
  }

  // Stray ticks: a short segment with one end on an axis line (or a plot frame side) and the other off it, lying beyond that line's ends
  const straight = strokes.filter((s) => s.points.length >= 2 && !swatchSet.has(s) && dashKey(s.dash) === 'solid' && !s.clipped);
  const sides: { horizontal: boolean; at: number; from: number; to: number }[] = [];
  for (const s of straight) {
    for (let k = 0; k + 1 < s.points.length + (s.closed ? 1 : 0); k++) {
      const p = s.points[k];
      const q = s.points[(k + 1) % s.points.length];
      const l = Math.hypot(q[0] - p[0], q[1] - p[1]);
      if (l < 20) continue;
      if (Math.abs(p[1] - q[1]) < 0.3) sides.push({ horizontal: true, at: p[1], from: Math.min(p[0], q[0]), to: Math.max(p[0], q[0]) });
      else if (Math.abs(p[0] - q[0]) < 0.3) sides.push({ horizontal: false, at: p[0], from: Math.min(p[1], q[1]), to: Math.max(p[1], q[1]) });
    }
  }
  for (const s of straight) {
    if (s.points.length !== 2) continue;
    const [p, q] = s.points;
    const l = Math.hypot(q[0] - p[0], q[1] - p[1]);
    if (l === 0 || l > 8) continue;
    const tickHorizontal = Math.abs(p[1] - q[1]) < 0.3; // a y-axis tick is horizontal, sits on a vertical axis line
    const pos = tickHorizontal ? p[1] : p[0];
    const lines = sides.filter(
      (side) => side.horizontal !== tickHorizontal && (tickHorizontal ? [p[0], q[0]] : [p[1], q[1]]).some((v) => Math.abs(v - side.at) < 0.8),
    );
    // a tick belongs to a line whose span holds it; one that only touches a line's extension (stacked panels share
    // the x of their y axes) within a tick's reach of an end is stray
    if (lines.length === 0 || lines.some((side) => pos >= side.from - 1 && pos <= side.to + 1)) continue;
    const near = lines.find((side) => (pos < side.from && side.from - pos < 12) || (pos > side.to && pos - side.to < 12));
    if (near) problems.push({ kind: 'stray-tick', message: `tick at ${fmt(pos)} pt outside its axis line (${fmt(near.from)}–${fmt(near.to)} pt)` });
  }

  return { widthMm: (widthPt * 25.4) / 72, heightMm: (heightPt * 25.4) / 72, texts, problems: dedupe(problems) };
}


function dedupe(list: FigureProblem[]): FigureProblem[] {
  const seen = new Set<string>();
  return list.filter((p) => (seen.has(p.message) ? false : (seen.add(p.message), true)));
}
