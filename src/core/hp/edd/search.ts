/**
 * Locating a set of reflections in a spectrum without fitting: a comb of predicted energies E_i/s is slid over
 * the background-subtracted spectrum and scored by Σ ln(1 + z) over the teeth, z = net/√(background + net) the
 * significance there (negative z counts as 0). The logarithm keeps one strong foreign peak from outvoting the
 * comb while still rising towards every peak's centre. Teeth in excluded zones (fluorescence lines) are skipped. The best s is
 * returned with its score. Used for the cell scale (E ∝ 1/a) and for 2θ (E ∝ 1/sin θ).
 */
import { interpolate } from './background';

export interface CombSpectrum {
  energyKeV: Float64Array;
  /** Smoothed net counts (data − background). */
  net: Float64Array;
  background: Float64Array;
}

export interface CombResult {
  scale: number;
  score: number;
  /** Teeth that fell inside the spectrum at the best scale. */
  teeth: number;
}

function zAt(spec: CombSpectrum, e: number): number {
  const net = interpolate(spec.energyKeV, spec.net, e);
  if (!Number.isFinite(net)) return NaN;
  const bg = interpolate(spec.energyKeV, spec.background, e);
  return net / Math.sqrt(Math.max(bg, 0) + Math.max(net, 0) + 1);
}

/**
 * Best s in [sMin, sMax] for teeth at baseEnergies[i]/s, stepping s so that the highest tooth moves by at most
 * stepKeV. excluded(e) → true skips a tooth. Ties go to the s closest to preferScale (default: the middle).
 */
export function combSearch(
  spec: CombSpectrum, baseEnergiesKeV: readonly number[], sMin: number, sMax: number, stepKeV: number,
  excluded: (energyKeV: number) => boolean = () => false, preferScale?: number,
): CombResult {
  const eMax = Math.max(...baseEnergiesKeV);
  const eLo = spec.energyKeV[0];
  const eHi = spec.energyKeV[spec.energyKeV.length - 1];
  // E = base/s: dE = base·ds/s² → ds = step·s²/base
  let best: CombResult = { scale: NaN, score: -Infinity, teeth: 0 };
  const mid = preferScale ?? 0.5 * (sMin + sMax);
  for (let s = sMin; s <= sMax; ) {
    let score = 0;
    let teeth = 0;
    for (const b of baseEnergiesKeV) {
      const e = b / s;
      if (e < eLo || e > eHi || excluded(e)) continue;
      const z = zAt(spec, e);
      if (!Number.isFinite(z)) continue;
      teeth++;
      score += Math.log1p(Math.max(0, z));
    }
    if (teeth > 0 && (score > best.score + 1e-9 || (Math.abs(score - best.score) <= 1e-9 && Math.abs(s - mid) < Math.abs(best.scale - mid)))) {
      best = { scale: s, score, teeth };
    }
    s += Math.max((stepKeV * s * s) / eMax, 1e-6);
  }
  return best;
}
