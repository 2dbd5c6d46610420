/**
 * The pixel-centre rule against hand-counted cases and against ImageJ 1.53t itself
 * (test/fixtures/reference/imagej-roi-means.json, made by scripts/reference/imagej_roi_means.py: ImageJ run headless
 * measures rectangles, ovals and integer and sub-pixel polygons on a 24 × 20 image of random integers).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RoiShape } from '../../shared/radiography';
import { createAccumulator } from './accumulate';
import { gridMasks, maskImage, shapeMask, tileEdges } from './roi';

const ref = JSON.parse(readFileSync(resolve(__dirname, '../../../test/fixtures/reference/imagej-roi-means.json'), 'utf8')) as {
  imagej: string;
  width: number;
  height: number;
  pixels: number[][];
  cases: { name: string; shape: RoiShape; pixelCount: number; mean: number }[];
};

function rows(mask: Uint8Array, width: number): string[] {
  const out: string[] = [];
  for (let y = 0; y < mask.length / width; y++) out.push(Array.from(mask.subarray(y * width, (y + 1) * width)).join(''));
  return out;
}

describe('hand-counted masks', () => {
  it('a rectangle at x, y covers columns x … x+w−1 and rows y … y+h−1', () => {
    expect(rows(maskImage(shapeMask('r', { kind: 'rect', x: 1, y: 1, width: 3, height: 2 }, 5, 4), 5, 4), 5)).toEqual(['00000', '01110', '01110', '00000']);
  });

  it('a 5 × 4 oval keeps the centres inside or on the ellipse (16 of 20 pixels: the four corners are out)', () => {
    // centres (x+½, y+½) against ((cx − 2.5)/2.5)² + ((cy − 2)/2)² ≤ 1
    expect(rows(maskImage(shapeMask('o', { kind: 'ellipse', x: 0, y: 0, width: 5, height: 4 }, 5, 4), 5, 4), 5)).toEqual(['01110', '11111', '11111', '01110']);
  });

  it('a 3 × 3 circle is the full 3 × 3 block (corner centres: (1/1.5)²·2 = 0.89 ≤ 1)', () => {
    expect(shapeMask('c', { kind: 'ellipse', x: 0, y: 0, width: 3, height: 3 }, 3, 3).pixelCount).toBe(9);
  });

  it('a triangle with vertices on pixel corners: centres left of or on the hypotenuse x = 4 − y (ImageJ: a right edge is inside)', () => {
    // (0,0) (4,0) (0,4): row y has centres x+½ ≤ 4 − (y+½) → x ≤ 3 − y
    expect(rows(maskImage(shapeMask('t', { kind: 'polygon', points: [[0, 0], [4, 0], [0, 4]] }, 4, 4), 4, 4), 4)).toEqual(['1111', '1110', '1100', '1000']);
  });

  it('a square with edges through pixel centres: left/top edge out, right/bottom edge in (a < c ≤ b)', () => {
    const square = { kind: 'polygon' as const, points: [[0.5, 0.5], [2.5, 0.5], [2.5, 2.5], [0.5, 2.5]] as [number, number][] };
    expect(rows(maskImage(shapeMask('s', square, 4, 4), 4, 4), 4)).toEqual(['0000', '0110', '0110', '0000']);
    expect(rows(maskImage(shapeMask('r', { kind: 'rect', x: 0.5, y: 0.5, width: 2, height: 2 }, 4, 4), 4, 4), 4)).toEqual(['0000', '0110', '0110', '0000']);
  });

  it('regions past the image edge are clipped; an empty region has no pixels', () => {
    expect(shapeMask('r', { kind: 'rect', x: 3, y: 2, width: 10, height: 10 }, 5, 4).pixelCount).toBe(4);
    expect(shapeMask('r', { kind: 'rect', x: 9, y: 9, width: 2, height: 2 }, 5, 4).pixelCount).toBe(0);
  });

  it('a grid tiles the frame into equal tiles numbered row by row (P1 top left), covering every pixel once', () => {
    expect(tileEdges(10, 3)).toEqual([0, 3, 6, 10]);
    const masks = gridMasks({ cols: 3, rows: 2 }, 10, 7);
    expect(masks.map((m) => m.name)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6']);
    expect(masks.reduce((a, m) => a + m.pixelCount, 0)).toBe(70);
    expect(rows(maskImage(masks[5], 10, 7), 10)[6]).toBe('0000001111');
  });
});

describe(`ROI means equal ImageJ ${ref.imagej}'s`, () => {
  const flat = Float64Array.from(ref.pixels.flat());
  const bytes = new Uint8Array(new Uint16Array(Array.from(flat)).buffer);
  const subpixelBox = (s: RoiShape) => s.kind !== 'polygon' && [s.x, s.y, s.width, s.height].some((v) => !Number.isInteger(v));
  for (const c of ref.cases.filter((x) => !subpixelBox(x.shape))) {
    it(`${c.name}: ${c.pixelCount} pixels, mean ${c.mean}`, () => {
      const mask = shapeMask(c.name, c.shape, ref.width, ref.height);
      expect(mask.pixelCount).toBe(c.pixelCount);
      const acc = createAccumulator(ref.width, ref.height, 'uint16', [mask]);
      acc.slot(0).set(bytes);
      expect(acc.means(0, new Float64Array(1))[0]).toBeCloseTo(c.mean, 8);
    });
  }

  // ImageJ measures a rectangle or oval with sub-pixel coordinates on the box (⌊x⌋, ⌊y⌋, ⌈w⌉, ⌈h⌉), not by the
  // centre rule; ReductionLab keeps the centre rule (and the app and CLI make whole-pixel boxes): pinned here.
  for (const c of ref.cases.filter((x) => subpixelBox(x.shape))) {
    it(`${c.name} (sub-pixel box): ImageJ's ${c.pixelCount} pixels are those of the truncated box`, () => {
      const s = c.shape as Extract<RoiShape, { kind: 'rect' | 'ellipse' }>;
      const box = { ...s, x: Math.floor(s.x), y: Math.floor(s.y), width: Math.ceil(s.width), height: Math.ceil(s.height) };
      const mask = shapeMask(c.name, box, ref.width, ref.height);
      expect(mask.pixelCount).toBe(c.pixelCount);
      const acc = createAccumulator(ref.width, ref.height, 'uint16', [mask]);
      acc.slot(0).set(bytes);
      expect(acc.means(0, new Float64Array(1))[0]).toBeCloseTo(c.mean, 8);
      // the centre rule selects other pixels
      expect(Array.from(maskImage(shapeMask(c.name, s, ref.width, ref.height), ref.width, ref.height))).not.toEqual(Array.from(maskImage(mask, ref.width, ref.height)));
    });
  }
});
