/**
 * A small PNG reader for tests of what a screenshot or an exported picture holds: size, and how many pixels lie
 * near a colour (a run's line, a phase's band). Handles what browsers write: 8-bit greyscale, RGB, RGBA and
 * grey+alpha, not interlaced, filters 0–4 (PNG spec, ISO/IEC 15948 §9).
 */
import { inflateSync } from 'node:zlib';

export interface Png {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, rows top to bottom. */
  rgba: Uint8Array;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export function decodePng(bytes: Uint8Array): Png {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0) !== 0x89504e47) throw new Error('not a PNG');
  let pos = 8;
  let width = 0;
  let height = 0;
  let colourType = -1;
  const idat: Uint8Array[] = [];
  while (pos < bytes.length) {
    const len = view.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    const data = bytes.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = view.getUint32(pos + 8);
      height = view.getUint32(pos + 12);
      const depth = data[8];
      colourType = data[9];
      if (depth !== 8 || !(colourType in CHANNELS) || data[12] !== 0) throw new Error(`PNG layout not handled: depth ${depth}, colour type ${colourType}, interlace ${data[12]}`);
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const bpp = CHANNELS[colourType];
  const stride = width * bpp;
  const px = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? px[y * stride + i - bpp] : 0;
      const b = y > 0 ? px[(y - 1) * stride + i] : 0;
      const c = i >= bpp && y > 0 ? px[(y - 1) * stride + i - bpp] : 0;
      let v = line[i];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      px[y * stride + i] = v & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let k = 0; k < width * height; k++) {
    const s = px.subarray(k * bpp, k * bpp + bpp);
    const [r, g, b, alpha] = bpp === 1 ? [s[0], s[0], s[0], 255] : bpp === 2 ? [s[0], s[0], s[0], s[1]] : bpp === 3 ? [s[0], s[1], s[2], 255] : [s[0], s[1], s[2], s[3]];
    rgba.set([r, g, b, alpha], k * 4);
  }
  return { width, height, rgba };
}

/** A rectangle in pixels (a Playwright bounding box). */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Opaque pixels within `tolerance` (Euclidean, 0–255 per channel) of a '#rrggbb' colour, in a region or everywhere. */
export function countColour(png: Png, hex: string, tolerance = 30, region?: Region): number {
  const r = parseInt(hex.slice(1, 3), 16);
  const g = parseInt(hex.slice(3, 5), 16);
  const b = parseInt(hex.slice(5, 7), 16);
  const x0 = Math.max(0, Math.floor(region?.x ?? 0));
  const y0 = Math.max(0, Math.floor(region?.y ?? 0));
  const x1 = Math.min(png.width, Math.ceil(region ? region.x + region.width : png.width));
  const y1 = Math.min(png.height, Math.ceil(region ? region.y + region.height : png.height));
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const k = (y * png.width + x) * 4;
      if (png.rgba[k + 3] < 200) continue;
      if (Math.hypot(png.rgba[k] - r, png.rgba[k + 1] - g, png.rgba[k + 2] - b) <= tolerance) n++;
    }
  }
  return n;
}

/** Number of distinct opaque colours (a blank or single-colour picture has one or two). */
export function distinctColours(png: Png): number {
  const seen = new Set<number>();
  for (let k = 0; k < png.rgba.length; k += 4) if (png.rgba[k + 3] >= 200) seen.add((png.rgba[k] << 16) | (png.rgba[k + 1] << 8) | png.rgba[k + 2]);
  return seen.size;
}
