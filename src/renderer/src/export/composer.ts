/**
 * The multi-panel figure composer: panels handed over by any plot's export bar ("Add to figure composer", frozen
 * with their zoom, hidden series and dialog settings), laid out in a column or a row at 89 or 183 mm with panel
 * letters a, b, c…, exported as one SVG (each panel a nested <svg>) or PNG.
 */
import { useSyncExternalStore } from 'react';
import type { EChartsOption } from 'echarts';
import { printView, type ChartView } from '../charts/style';
import { renderFigureSvg, sizePt, PT_PER_MM } from './figure';
import { stretchSvgImages } from '../features/xrd/raster';
import { setPngDpi } from './png';
import { fontPt, type FontPreset } from './settings';

export interface ComposerPanel {
  id: number;
  title: string;
  heightFactor: number;
  font: FontPreset;
  build(view: ChartView, heightPt: number): EChartsOption | null;
}

export type ComposerLayout = 'column' | 'row';

// ---- the store (in memory, for this session of the window) ----
let panels: ComposerPanel[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export function addComposerPanel(p: Omit<ComposerPanel, 'id'>): void {
  panels = [...panels, { ...p, id: nextId++ }];
  emit();
}
export function removeComposerPanel(id: number): void {
  panels = panels.filter((p) => p.id !== id);
  emit();
}
export function moveComposerPanel(id: number, by: -1 | 1): void {
  const i = panels.findIndex((p) => p.id === id);
  const j = i + by;
  if (i < 0 || j < 0 || j >= panels.length) return;
  const next = [...panels];
  [next[i], next[j]] = [next[j], next[i]];
  panels = next;
  emit();
}
export function clearComposer(): void {
  panels = [];
  emit();
}
export function useComposerPanels(): ComposerPanel[] {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => panels,
  );
}

// ---- layout and rendering (pure) ----

export const PANEL_LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** Room for the letter above each panel (mm) and between panels (mm). */
const LETTER_MM = 4;
const GAP_MM = 2;

export interface PanelBox {
  xMm: number;
  yMm: number;
  widthMm: number;
  heightMm: number;
}

/** Panel boxes: a column of full-width panels, or a row sharing the width (each at the preset's height × its factor). */
export function layoutPanels(factors: number[], widthMm: number, baseHeightMm: number, layout: ComposerLayout): { boxes: PanelBox[]; heightMm: number } {
  if (layout === 'column') {
    let y = 0;
    const boxes = factors.map((f) => {
      const h = Math.round(baseHeightMm * f);
      const box = { xMm: 0, yMm: y + LETTER_MM, widthMm, heightMm: h };
      y += LETTER_MM + h + GAP_MM;
      return box;
    });
    return { boxes, heightMm: Math.max(0, y - GAP_MM) };
  }
  const n = Math.max(1, factors.length);
  const w = (widthMm - GAP_MM * (n - 1)) / n;
  const h = Math.round(baseHeightMm * Math.max(1, ...factors));
  return { boxes: factors.map((_, i) => ({ xMm: i * (w + GAP_MM), yMm: LETTER_MM, widthMm: Math.round(w * 100) / 100, heightMm: h })), heightMm: h + LETTER_MM };
}

/** Each panel's ids made unique (ECharts numbers its clip paths from zr0 in every SVG). */
function prefixIds(svg: string, prefix: string): string {
  return svg.replace(/\b(id="|url\(#|href="#)([^")]+)/g, (_m, head: string, id: string) => `${head}${prefix}${id}`);
}

/** The panels' SVGs nested in one figure with bold letters a, b, c… at the top left of each panel. */
export function composeSvg(parts: { svg: string; box: PanelBox }[], widthMm: number, heightMm: number, letterPt: number): string {
  const size = sizePt(widthMm, heightMm);
  const pt = (mm: number) => Math.round(mm * PT_PER_MM * 100) / 100;
  const body = parts
    .map(({ svg, box }, i) => {
      const inner = prefixIds(svg.replace(/^<\?xml[^>]*>\s*/, ''), `p${i}-`).replace(/<svg\b([^>]*)>/, (_m, attrs: string) => {
        const viewBox = /viewBox="([^"]*)"/.exec(attrs)?.[1] ?? '';
        return `<svg x="${pt(box.xMm)}" y="${pt(box.yMm)}" width="${pt(box.widthMm)}" height="${pt(box.heightMm)}" viewBox="${viewBox}">`;
      });
      const letter = `<text x="${pt(box.xMm) + 1}" y="${pt(box.yMm) - 2}" font-family="Arial, Helvetica, Liberation Sans, sans-serif" font-size="${letterPt}" font-weight="bold" fill="#000">${PANEL_LETTERS[i] ?? '?'}</text>`;
      return `${inner}\n${letter}`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="${widthMm}mm" height="${heightMm}mm" viewBox="0 0 ${size.width} ${size.height}">\n<rect width="${size.width}" height="${size.height}" fill="#ffffff"/>\n${body}\n</svg>\n`;
}

/** Render the composer's panels into one SVG figure. */
export function composedFigure(list: Pick<ComposerPanel, 'build' | 'heightFactor' | 'font'>[], preset: { widthMm: number; heightMm: number; fontPt: number }, layout: ComposerLayout): { svg: string; widthMm: number; heightMm: number } {
  const { boxes, heightMm } = layoutPanels(
    list.map((p) => p.heightFactor),
    preset.widthMm,
    preset.heightMm,
    layout,
  );
  const parts = list.flatMap((p, i) => {
    const box = boxes[i];
    const size = sizePt(box.widthMm, box.heightMm);
    const option = p.build(printView(fontPt(preset.fontPt, p.font), size.width), size.height);
    return option ? [{ svg: stretchSvgImages(renderFigureSvg(option, box.widthMm, box.heightMm)), box }] : [];
  });
  return { svg: composeSvg(parts, preset.widthMm, heightMm, preset.fontPt + 1), widthMm: preset.widthMm, heightMm };
}

/** An SVG figure as PNG bytes at `dpi` (browser: draws the SVG into a canvas). */
export async function svgToPng(svg: string, widthMm: number, heightMm: number, dpi: number): Promise<Uint8Array> {
  const w = Math.round((widthMm / 25.4) * dpi);
  const h = Math.round((heightMm / 25.4) * dpi);
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.replace(/width="[\d.]+mm" height="[\d.]+mm"/, `width="${w}" height="${h}"`))}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  ctx.drawImage(img, 0, 0, w, h);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('PNG encoding failed');
  return setPngDpi(new Uint8Array(await blob.arrayBuffer()), dpi);
}
