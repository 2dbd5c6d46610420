/**
 * Figure export at journal sizes. The chart is laid out in points (1 unit = 1 pt), so a 7 pt font is 7 pt in
 * the paper: SVG through ECharts' server-side SVG renderer (no DOM needed), PNG through the canvas renderer at a
 * pixel ratio of dpi/72, with the resolution written into the PNG (pHYs) so layout programs place it at size.
 */
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import { setPngDpi } from './png';

export const PT_PER_MM = 72 / 25.4;

export interface FigurePreset {
  id: string;
  label: string;
  widthMm: number;
  heightMm: number;
  fontPt: number;
}

/** Single column (89 mm) and double column (183 mm), the widths Nature, Elsevier and ACS journals use. */
export const FIGURE_PRESETS: FigurePreset[] = [
  { id: 'single', label: 'Single column, 89 mm', widthMm: 89, heightMm: 68, fontPt: 7 },
  { id: 'double', label: 'Double column, 183 mm', widthMm: 183, heightMm: 100, fontPt: 8 },
];

export const PNG_DPIS = [300, 600] as const;

export function sizePt(widthMm: number, heightMm: number): { width: number; height: number } {
  return { width: Math.round(widthMm * PT_PER_MM * 100) / 100, height: Math.round(heightMm * PT_PER_MM * 100) / 100 };
}

/** Give the SVG its physical size: width/height in mm, the drawing in points through the viewBox. */
export function setSvgPhysicalSize(svg: string, widthMm: number, heightMm: number): string {
  const { width, height } = sizePt(widthMm, heightMm);
  return svg.replace(/<svg\b([^>]*)>/, (_m, attrs: string) => {
    const kept = attrs.replace(/\s(width|height|viewBox)="[^"]*"/g, '');
    return `<svg${kept} width="${widthMm}mm" height="${heightMm}mm" viewBox="0 0 ${width} ${height}">`;
  });
}

/** The figure as an SVG document string. Works in Node and the browser (ECharts SSR mode). */
export function renderFigureSvg(option: EChartsOption, widthMm: number, heightMm: number): string {
  const { width, height } = sizePt(widthMm, heightMm);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    const svg = chart.renderToSVGString();
    const withDecl = svg.startsWith('<?xml') ? svg : `<?xml version="1.0" encoding="UTF-8"?>\n${svg}`;
    return setSvgPhysicalSize(withDecl, widthMm, heightMm);
  } finally {
    chart.dispose();
  }
}

/** The figure as PNG bytes at `dpi` (browser only: needs a canvas). */
export function renderFigurePng(option: EChartsOption, widthMm: number, heightMm: number, dpi: number): Uint8Array {
  const { width, height } = sizePt(widthMm, heightMm);
  const host = document.createElement('div');
  host.style.cssText = `position:fixed;left:-100000px;top:0;width:${width}px;height:${height}px;`;
  document.body.appendChild(host);
  const chart = echarts.init(host, null, { renderer: 'canvas', width, height, devicePixelRatio: dpi / 72 });
  try {
    chart.setOption(option);
    const url = chart.getDataURL({ type: 'png', pixelRatio: dpi / 72, backgroundColor: '#ffffff' });
    const b64 = url.slice(url.indexOf(',') + 1);
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return setPngDpi(bytes, dpi);
  } finally {
    chart.dispose();
    host.remove();
  }
}
