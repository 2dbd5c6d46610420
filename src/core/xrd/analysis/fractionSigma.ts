/**
 * Weight-fraction uncertainties that cover more than counting statistics (stage 3, after the chain). The least-squares
 * σ(w) of a frame assumes Poisson counts and a perfect model; a grainy sample (too few crystallites per reflection)
 * scatters every reflection's intensity by a few per cent, which moves the fractions ten times further than counting
 * noise does (docs/rietveld.md, "Graininess"). In an in situ sequence the fractions change smoothly, so their
 * frame-to-frame scatter measures the real error: for each phase, every refined frame's fraction is compared with a
 * quadratic through its SIGMA_NEIGHBOURS nearest refined neighbours (itself left out), the difference divided by its
 * expected spread σ_f·√(1 + h) (h the leverage of the prediction), and the robust SD of these ratios (1.4826 × the
 * median absolute value) is the phase's inflation factor k ≥ 1, capped at the factor of all phases' ratios pooled
 * (graininess acts on every phase alike; a phase decaying within a few frames would otherwise read the curvature the
 * quadratic cannot follow as scatter): every σ(w) of the phase is multiplied by k.
 * A smooth systematic error (a structure model's bias) does not scatter and is not covered.
 */
import type { FrameResult } from '../rietveld/index';

/** Neighbouring refined frames of each local quadratic. */
export const SIGMA_NEIGHBOURS = 10;
/** Fewest refined frames of a phase for a factor (fewer: k = 1). */
export const SIGMA_MIN_FRAMES = 8;

/** Local quadratic prediction at t = 0 from (t, y), and the leverage x0ᵀ(XᵀX)⁻¹x0 of that prediction. */
function quadraticAtZero(t: number[], y: number[]): { value: number; leverage: number } | null {
  // normal equations of y = c0 + c1 t + c2 t²; x0 = (1, 0, 0), so the prediction is c0 and the leverage (XᵀX)⁻¹₀₀
  const s = new Float64Array(5);
  const b = new Float64Array(3);
  for (let i = 0; i < t.length; i++) {
    let p = 1;
    for (let k = 0; k < 5; k++, p *= t[i]) s[k] += p;
    b[0] += y[i];
    b[1] += y[i] * t[i];
    b[2] += y[i] * t[i] * t[i];
  }
  const m = [[s[0], s[1], s[2]], [s[1], s[2], s[3]], [s[2], s[3], s[4]]];
  const det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  if (!(Math.abs(det) > 1e-12 * Math.max(1, s[4] * s[2] * s[0]))) return null;
  // first row of the inverse (cofactors)
  const i00 = (m[1][1] * m[2][2] - m[1][2] * m[2][1]) / det;
  const i01 = -(m[0][1] * m[2][2] - m[0][2] * m[2][1]) / det;
  const i02 = (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det;
  return { value: i00 * b[0] + i01 * b[1] + i02 * b[2], leverage: i00 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

/**
 * The k frames of the ascending list `idx` nearest to idx[i] (itself left out), nearest first and the earlier of two
 * at the same distance first: the order of sorting them all by (distance, frame), found by walking out from i (the
 * sort made the factors O(n² log n): 0.2 s of the main thread on 900 frames, with the workers waiting).
 */
function nearest(idx: number[], i: number, k: number): number[] {
  const f = idx[i];
  const out: number[] = [];
  let lo = i - 1;
  let hi = i + 1;
  while (out.length < k && (lo >= 0 || hi < idx.length)) {
    if (hi >= idx.length || (lo >= 0 && f - idx[lo] <= idx[hi] - f)) out.push(idx[lo--]);
    else out.push(idx[hi++]);
  }
  return out;
}

/**
 * Per phase (the chain's order), the factor k ≥ 1 by which the frame-to-frame scatter of its weight fraction exceeds
 * its least-squares σ (1 with fewer than SIGMA_MIN_FRAMES refined frames).
 */
export function fractionScatterFactors(frames: FrameResult[]): number[] {
  if (frames.length === 0) return [];
  const nPhases = frames[0].phases.length;
  const out: number[] = [];
  const pooled: number[] = [];
  for (let p = 0; p < nPhases; p++) {
    const idx: number[] = [];
    frames.forEach((f, i) => {
      const ph = f.phases[p];
      if (!ph.dropped && ph.weightFractionSigma > 0) idx.push(i);
    });
    if (idx.length < SIGMA_MIN_FRAMES) {
      out.push(1);
      continue;
    }
    const z: number[] = [];
    for (let i = 0; i < idx.length; i++) {
      const f = idx[i];
      const near = nearest(idx, i, SIGMA_NEIGHBOURS);
      const fit = quadraticAtZero(near.map((g) => g - f), near.map((g) => frames[g].phases[p].weightFraction));
      if (!fit) continue;
      const ph = frames[f].phases[p];
      z.push((ph.weightFraction - fit.value) / (ph.weightFractionSigma * Math.sqrt(1 + fit.leverage)));
    }
    pooled.push(...z.map(Math.abs));
    out.push(z.length >= SIGMA_MIN_FRAMES ? Math.max(1, 1.4826 * median(z.map(Math.abs))) : 1);
  }
  // graininess acts on every phase of the sample alike: a phase's factor is capped at the one from all phases'
  // ratios together, so a phase changing faster than a local quadratic follows (a fraction decaying within a few
  // frames) does not read its curvature as scatter
  const cap = pooled.length >= SIGMA_MIN_FRAMES ? Math.max(1, 1.4826 * median(pooled)) : 1;
  return out.map((k) => Math.min(k, cap));
}

/** The frames with every phase's σ(w) multiplied by its scatter factor, and the factors. */
export function withScatterSigmas(frames: FrameResult[]): { frames: FrameResult[]; factors: number[] } {
  const factors = fractionScatterFactors(frames);
  if (factors.every((k) => k === 1)) return { frames, factors };
  return {
    frames: frames.map((f) => ({ ...f, phases: f.phases.map((ph, p) => (factors[p] === 1 ? ph : { ...ph, weightFractionSigma: ph.weightFractionSigma * factors[p] })) })),
    factors,
  };
}
