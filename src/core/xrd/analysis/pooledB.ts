/**
 * ΔB pooled over neighbouring frames (stage 3, second pass). One frame's refined ΔB of a phase is strongly
 * correlated with its scale (both change the intensities with angle); when the reflection intensities carry more
 * error than counting statistics (graininess: too few crystallites per reflection, texture), ΔB absorbs part of that
 * error and passes it on to the scale, so the weight fraction moves about twice as far as with ΔB known (held-out
 * studies, docs/rietveld.md "Graininess"). B does not change much between neighbouring frames of an in situ run
 * (the temperature model carries B(T); ΔB corrects the structure's B), so a sequence can carry what one frame cannot:
 * ΔB is taken as the median of the refined values of the frames around, and every frame is refined again with it
 * held.
 *
 * The pass is needed only where the frame-to-frame scatter of the refined ΔB is well beyond its counting σ: for each
 * phase, the median of |ΔB_f − pooled_f| / σ_f over its refined frames, above POOL_B_SCATTER (for Gaussian counting
 * noise alone it is ≈ 0.67).
 *
 * The held value is reported with its own σ (that of the median it was taken from, not 0) and marked pooled in the
 * frame's phase result (bPooled).
 */
import type { FrameResult } from '../rietveld/index';

/** Frames either side whose refined ΔB enter a frame's median. */
export const POOL_B_HALF_WINDOW = 10;
/** Fewest refined ΔB values in a window (or in the whole sequence, the fallback) to pool. */
export const POOL_B_MIN_FRAMES = 5;
/** The median normalised scatter above which single frames do not carry ΔB. */
export const POOL_B_SCATTER = 2;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

/** Where a frame's pooled ΔB of a phase comes from. */
export interface PooledSource {
  /** Refined ΔB values in the median. */
  n: number;
  /** Frames either side (POOL_B_HALF_WINDOW), or null where the whole sequence's median stands in. */
  halfWindowFrames: number | null;
  /** σ of the pooled value (Å²): the σ of a median of n values, √(π/2)·s/√n = 1.2533·s/√n (s their sample standard
   *  deviation; the asymptotic variance of a sample median of normal values is (π/2)·σ²/n, Kendall & Stuart). */
  sigmaA2: number;
}

export interface PooledB {
  /** Per frame, per phase (the chain's order): the ΔB to hold (Å²), NaN where the frame keeps its own. */
  heldA2: Float64Array[];
  /** Per frame, per phase: where the held value comes from, null where the frame keeps its own. */
  source: (PooledSource | null)[][];
  /** Per phase: median |ΔB_f − pooled_f| / σ_f over the refined frames (NaN: too few refined frames). */
  scatter: number[];
}

/** σ of the median of `xs` (at least two values): 1.2533 × their sample standard deviation / √n. */
export function medianSigma(xs: number[]): number {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  return (Math.sqrt(Math.PI / 2) * sd) / Math.sqrt(n);
}

/**
 * The pooled ΔB of every phase in every frame, or null when no phase needs it (scatter within POOL_B_SCATTER, or
 * too few refined frames). A phase with too few refined frames in a window takes the median over the whole
 * sequence; a phase never refined often enough keeps its per-frame behaviour (NaN).
 */
export function pooledBOffsets(frames: FrameResult[]): PooledB | null {
  const n = frames.length;
  if (n < POOL_B_MIN_FRAMES) return null;
  const nPhases = frames[0].phases.length;
  const heldA2 = frames.map(() => new Float64Array(nPhases).fill(Number.NaN));
  const source: (PooledSource | null)[][] = frames.map(() => new Array<PooledSource | null>(nPhases).fill(null));
  const scatter: number[] = [];
  let any = false;
  for (let p = 0; p < nPhases; p++) {
    const refined = frames.map((f) => f.phases[p]).map((ph, f) => ({ f, b: ph.bOffsetA2, s: ph.bOffsetSigmaA2, ok: ph.bRefined && !ph.dropped && ph.bOffsetSigmaA2 > 0 }))
      .filter((r) => r.ok);
    if (refined.length < POOL_B_MIN_FRAMES) {
      scatter.push(Number.NaN);
      continue;
    }
    const allB = refined.map((r) => r.b);
    const all: PooledSource & { b: number } = { b: median(allB), n: allB.length, halfWindowFrames: null, sigmaA2: medianSigma(allB) };
    const pooled = new Float64Array(n);
    const from: PooledSource[] = [];
    // the refined frames within the window, [lo, hi) of `refined` (ascending in f), moved along with f
    let lo = 0;
    let hi = 0;
    for (let f = 0; f < n; f++) {
      while (lo < refined.length && refined[lo].f < f - POOL_B_HALF_WINDOW) lo++;
      while (hi < refined.length && refined[hi].f <= f + POOL_B_HALF_WINDOW) hi++;
      const near = allB.slice(lo, hi);
      const local = near.length >= POOL_B_MIN_FRAMES;
      pooled[f] = local ? median(near) : all.b;
      from.push(local ? { n: near.length, halfWindowFrames: POOL_B_HALF_WINDOW, sigmaA2: medianSigma(near) } : { n: all.n, halfWindowFrames: null, sigmaA2: all.sigmaA2 });
    }
    const z = median(refined.map((r) => Math.abs(r.b - pooled[r.f]) / r.s));
    scatter.push(z);
    if (!(z > POOL_B_SCATTER)) continue;
    any = true;
    for (let f = 0; f < n; f++) {
      heldA2[f][p] = pooled[f];
      source[f][p] = from[f];
    }
  }
  return any ? { heldA2, source, scatter } : null;
}
