/**
 * The O(n) rough background gives exactly what the O(n·w) definition gives: the window's minimum (NaN counting as
 * +∞) then the window's mean, compared bit for bit on real frames (every window the pipeline uses and wider ones)
 * and on random data with NaN, ties, ±0 and windows longer than the pattern.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPatterns } from '../formats/xrd/index';
import { roughBackground, runningMin } from './pipeline';
import { prng } from '../../../test/robustness/damage';

/** The definition, as the pipeline computed it before (quadratic in the window). */
function roughBackgroundDefinition(y: Float64Array, window: number): Float64Array {
  const n = y.length;
  const h = Math.max(1, Math.floor(window / 2));
  const mins = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let m = Infinity;
    for (let j = Math.max(0, i - h); j <= Math.min(n - 1, i + h); j++) if (y[j] < m) m = y[j];
    mins[i] = m;
  }
  const out = new Float64Array(n);
  let sum = 0;
  let lo = 0;
  let hi = -1;
  for (let i = 0; i < n; i++) {
    const a = Math.max(0, i - h);
    const b = Math.min(n - 1, i + h);
    while (hi < b) sum += mins[++hi];
    while (lo < a) sum -= mins[lo++];
    out[i] = sum / (hi - lo + 1);
  }
  return out;
}

const same = (a: Float64Array, b: Float64Array): boolean => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/** Real frames are read in place from ../shared/fixtures (absent in a plain clone: that test skips and says so). */
const shared = path.resolve(__dirname, '../../../../shared/fixtures');
const frameFiles = ['simulated/sxrd-fe2o3_nio-700C/fe2o3_nio_700C_00030.xy', 'xrd/topas-P25-anatase-rutile-heating/xye-files/degussa_000.xye'].map((rel) => path.join(shared, rel));
const missing = frameFiles.filter((f) => !existsSync(f));
const frame = (file: string) => importPatterns(path.basename(file), new Uint8Array(readFileSync(file)))[0].intensity;

describe('roughBackground in O(n)', () => {
  it('equals the definition on real frames for every window', (ctx) => {
    if (missing.length > 0) ctx.skip(`real frames not found: ${missing.join(', ')} (../shared/fixtures is read in place)`);
    const frames = frameFiles.map(frame);
    for (const y of frames) for (const w of [1, 2, 3, 9, 80, 81, 400, 2 * y.length + 5]) expect(same(roughBackground(y, w), roughBackgroundDefinition(y, w)), `window ${w}`).toBe(true);
  });

  it('equals the definition on random data with NaN, ties and signed zeros', () => {
    const rand = prng(42);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(rand() * 300);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const r = rand();
        y[i] = r < 0.05 ? NaN : r < 0.1 ? 0 : r < 0.15 ? -0 : Math.round(rand() * 20) - 5;
      }
      const w = 1 + Math.floor(rand() * 2 * n);
      expect(same(roughBackground(y, w), roughBackgroundDefinition(y, w)), `trial ${trial}, n ${n}, window ${w}`).toBe(true);
    }
    expect(Array.from(runningMin(new Float64Array([NaN, NaN, 3]), 1))).toEqual([Infinity, 3, 3]);
  });
});
