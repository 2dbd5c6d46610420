/** Browser side of the raster heatmap: heatmapRgba (pure, heatmap.ts) painted into a canvas for heatmapOption. */
import type { HeatmapGrid } from '../../../../shared/xrd-display';
import { heatmapRgba, upscaleFactors } from './heatmap';

export function heatmapCanvas(grid: HeatmapGrid, range: [number, number]): HTMLCanvasElement {
  const { kx, ky } = upscaleFactors(grid.xBins, grid.tBins);
  const img = heatmapRgba(grid, range, { kx, ky });
  const canvas = document.createElement('canvas');
  canvas.width = img.width;
  canvas.height = img.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas available to draw the heatmap');
  ctx.putImageData(new ImageData(new Uint8ClampedArray(img.data), img.width, img.height), 0, 0);
  return canvas;
}

/**
 * SVG <image> keeps its aspect ratio by default (preserveAspectRatio="xMidYMid meet"), and zrender does not set
 * it: a heatmap image would be letterboxed inside its plot. Stretch every image to its box instead.
 */
export function stretchSvgImages(svg: string): string {
  return svg.replace(/<image\b(?![^>]*preserveAspectRatio)/g, '<image preserveAspectRatio="none"');
}
