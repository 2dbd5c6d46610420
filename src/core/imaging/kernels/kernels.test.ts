/** The committed WebAssembly kernel is its .wat source compiled (scripts/build-wasm.mjs), and agrees with the JavaScript loop. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { base64ToBytes } from '../../../shared/codec';
import { createAccumulator } from '../accumulate';
import { shapeMask } from '../roi';
import { WASM_BASE64 } from './roi-sums.wasm';

describe('roi-sums kernel', () => {
  it('the committed binary is the .wat compiled (rebuild with node scripts/build-wasm.mjs)', async () => {
    // @ts-expect-error the build script is plain JavaScript
    const { compileWat } = (await import('../../../../scripts/build-wasm.mjs')) as { compileWat(name: string, source: string): Promise<Uint8Array> };
    const source = readFileSync(resolve(__dirname, 'roi-sums.wat'), 'utf8');
    expect(Array.from(await compileWat('roi-sums.wat', source))).toEqual(Array.from(base64ToBytes(WASM_BASE64)));
  });

  for (const type of ['uint16', 'int16', 'uint8'] as const) {
    it(`${type}: SIMD sums equal the JavaScript sums on spans of every length and offset`, () => {
      const w = 301;
      const h = 7;
      const masks = [
        shapeMask('a', { kind: 'rect', x: 0, y: 0, width: w, height: h }, w, h),
        shapeMask('b', { kind: 'rect', x: 3, y: 1, width: 1, height: 5 }, w, h),
        shapeMask('c', { kind: 'ellipse', x: 17, y: 0, width: 250, height: 7 }, w, h),
        shapeMask('d', { kind: 'polygon', points: [[5, 0], [299, 2], [40, 7]] }, w, h),
      ];
      const simd = createAccumulator(w, h, type, masks);
      expect(simd.kernel).toBe('wasm-simd');
      const bytes = simd.slot(1);
      let seed = 12345;
      for (let i = 0; i < bytes.length; i++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        bytes[i] = seed >>> 24;
      }
      // the JavaScript path (a flat field of ones takes it) on the same bytes
      const js = createAccumulator(w, h, type, masks, { dark: null, flat: new Float64Array(w * h).fill(1) });
      expect(js.kernel).toBe('js');
      js.slot(1).set(bytes);
      const a = simd.means(1, new Float64Array(4));
      const b = js.means(1, new Float64Array(4));
      for (let r = 0; r < 4; r++) expect(a[r]).toBeCloseTo(b[r], 9);
    });
  }
});
