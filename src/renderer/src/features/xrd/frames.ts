/**
 * Frames on a display axis: a pattern's x in 2θ, q or d with the sequence's wavelength (core/xrd/axes), cached per
 * x grid (frames of a sequence share one Float64Array), so a 900-frame sequence converts its grid once.
 */
import { convertAxis } from '../../../../core/xrd/axes';
import type { Pattern, PatternSequence } from '../../../../shared/xrd';
import type { XrdAxis } from './style';

/** One frame as the views draw it: x on the requested axis, intensity in counts. */
export interface FrameCurve {
  index: number;
  timeS: number;
  fileName: string;
  x: Float64Array;
  intensity: Float64Array;
}

export class AxisCache {
  private readonly cache = new Map<Float64Array, Map<XrdAxis, Float64Array>>();
  constructor(private readonly wavelengthA: number | null) {}

  /** x of the pattern on `axis` (same array for frames that share a grid). */
  x(pattern: Pattern, axis: XrdAxis): Float64Array {
    if (pattern.xUnit === axis) return pattern.x;
    let byAxis = this.cache.get(pattern.x);
    if (!byAxis) {
      byAxis = new Map();
      this.cache.set(pattern.x, byAxis);
    }
    let out = byAxis.get(axis);
    if (!out) {
      out = convertAxis(pattern.x, pattern.xUnit, axis, this.wavelengthA ?? pattern.wavelengthA);
      byAxis.set(axis, out);
    }
    return out;
  }
}

/** Frames by index on `axis`, optionally cut to [from, to] (axis units). */
export function frameCurves(seq: PatternSequence, indices: number[], axis: XrdAxis, range?: [number, number]): FrameCurve[] {
  const cache = new AxisCache(seq.wavelengthA);
  return indices
    .filter((i) => i >= 0 && i < seq.frames.length)
    .map((i) => {
      const f = seq.frames[i];
      const x = cache.x(f, axis);
      if (!range) return { index: i, timeS: seq.timesS[i], fileName: f.fileName, x, intensity: f.intensity };
      const keepX: number[] = [];
      const keepY: number[] = [];
      for (let k = 0; k < x.length; k++) {
        if (x[k] >= range[0] && x[k] <= range[1]) {
          keepX.push(x[k]);
          keepY.push(f.intensity[k]);
        }
      }
      return { index: i, timeS: seq.timesS[i], fileName: f.fileName, x: Float64Array.from(keepX), intensity: Float64Array.from(keepY) };
    });
}

/** Every n-th frame index (always the first and the last), for a waterfall. */
export function everyNth(count: number, n: number): number[] {
  const step = Math.max(1, Math.floor(n));
  const out: number[] = [];
  for (let i = 0; i < count; i += step) out.push(i);
  if (count > 0 && out[out.length - 1] !== count - 1) out.push(count - 1);
  return out;
}

/** Finite extent of an axis over the sequence's frames. */
export function axisExtent(seq: PatternSequence, axis: XrdAxis): [number, number] {
  const cache = new AxisCache(seq.wavelengthA);
  let lo = Infinity;
  let hi = -Infinity;
  const seen = new Set<Float64Array>();
  for (const f of seq.frames) {
    if (seen.has(f.x)) continue;
    seen.add(f.x);
    const x = cache.x(f, axis);
    for (let k = 0; k < x.length; k++) {
      const v = x[k];
      if (Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  return [lo, hi];
}
