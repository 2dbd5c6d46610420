/**
 * Presence of each phase (stage 5), the same whether it is refined or only tested: in every frame its reflections
 * are ranked by how crowded they are by the other phases' lines at their current cells (overlapClass) and
 * intensity, the best three tested with the other lines fitted as nuisance peaks; the positions follow a refined
 * cell only where the data determine it (cellDetermined); detected from the first of minConsecutive frames that
 * pass.
 */
import type { XrdDetection, XrdPresenceFrame } from '../../../shared/xrd-results';
import { generateReflections } from '../crystal/reflections';
import type { PhaseDef } from '../crystal/types';
import { braggTwoThetaDeg } from '../peaks/lattice';
import { reflectionScore } from '../peaks/presence';
import type { FrameData } from '../peaks/sequential';
import type { FrameResult } from '../rietveld/index';
import { finiteOrNull, median, type Settings } from './common';
import type { PhaseTrack } from './chain';
import { roiHalfWidthDeg } from './peakFits';

/** A reflection of a phase for the presence test: d at the starting cell, intensity relative to the strongest. */
interface TestLine {
  label: string;
  dA: number;
  rel: number;
}

function testLines(def: PhaseDef, wavelengthA: number, minDeg: number, maxDeg: number, debyeWaller: boolean, minRelative: number): TestLine[] {
  const refl = generateReflections(def, {
    wavelengthA, twoThetaMinDeg: Math.max(0.01, minDeg * 0.95), twoThetaMaxDeg: Math.min(179, maxDeg * 1.05), debyeWaller,
  }).filter((r) => r.intensity > 0);
  const top = refl.reduce((m, r) => Math.max(m, r.intensity), 0) || 1;
  return refl.filter((r) => r.intensity >= minRelative * top).map((r) => ({ label: `${def.id} ${r.h}${r.k}${r.l}`, dA: r.dA, rel: r.intensity / top }));
}

/**
 * How badly other phases' lines crowd a candidate reflection at `centreDeg` (lower is better):
 *  0 clear — no strong line (≥ 10 % of its phase's strongest) within farDeg, no medium one (≥ 2 %) within nearDeg,
 *    no faint one (≥ 0.2 %) within 1.5 FWHM;
 *  1 a strong line within farDeg (its tail is fitted as a nuisance peak);
 *  2 a medium line within nearDeg (fitted as a nuisance peak, partly overlapping);
 *  3 any line within 1.5 FWHM (hardly separable: the last resort);
 *  4 a line within guardDeg, where the fit cannot tell the two apart: not testable.
 */
export function overlapClass(
  centreDeg: number, others: { twoThetaDeg: number; rel: number }[], fwhmDeg: number, farDeg: number, nearDeg: number, guardDeg: number,
): number {
  let worst = 0;
  for (const o of others) {
    const d = Math.abs(o.twoThetaDeg - centreDeg);
    if (o.rel >= 0.002 && d < guardDeg) return 4;
    if (o.rel >= 0.002 && d < 1.5 * fwhmDeg) worst = Math.max(worst, 3);
    else if (o.rel >= 0.02 && d < nearDeg) worst = Math.max(worst, 2);
    else if (o.rel >= 0.1 && d < farDeg) worst = Math.max(worst, 1);
  }
  return worst;
}

/** Cell trusted for moving a refined phase's reflections: in the model, not frozen, ≥ 2 wt% and > 3σ. */
export function cellDetermined(ph: Pick<FrameResult['phases'][number], 'dropped' | 'frozen' | 'weightFraction' | 'weightFractionSigma'>): boolean {
  return !ph.dropped && !ph.frozen && ph.weightFraction >= 0.02 && ph.weightFraction > 3 * (Number.isFinite(ph.weightFractionSigma) ? ph.weightFractionSigma : Infinity);
}

/** Weight of a candidate's relative intensity by its overlap class, for ranking (class 3 only as a last resort). */
const CLASS_WEIGHT = [1, 0.6, 0.35, 0.1, 0];

const OVERLAP_WORDS = ['clear', 'beside a strong line of another phase', 'partly overlapped', 'overlapped'];

export function detectAll(
  frames: FrameData[],
  timesS: Float64Array,
  detect: PhaseDef[],
  all: PhaseDef[],
  startById: Map<string, { def: PhaseDef }>,
  track: Map<string, PhaseTrack>,
  zeroOf: (f: number, twoThetaDeg: number) => number,
  wavelengthA: number,
  minDeg: number,
  maxDeg: number,
  fwhmDeg: number,
  settings: Settings,
  step: () => boolean,
  doublet: { wavelength2A: number; ratio21: number } | null = null,
): { perFrame: Record<string, XrdPresenceFrame[]>; detection: Record<string, XrdDetection>; cancelled: boolean } {
  const nf = frames.length;
  // every phase's lines down to 0.2 % of its strongest (for overlaps and nuisance peaks) and each detected phase's
  // candidate lines (≥ 2 %), all at the starting cells; moved per frame by the phase's current cell
  const lines = new Map(all.map((p) => [p.id, testLines(startById.get(p.id)!.def, wavelengthA, minDeg, maxDeg, settings.debyeWaller, 0.002)]));
  const farSep = Math.max(0.1, 4 * fwhmDeg);
  const nearSep = Math.max(0.05, 2.5 * fwhmDeg);
  const guard = 0.75 * fwhmDeg;
  const at = (l: TestLine, id: string, f: number, lambdaA = wavelengthA): number => {
    const t = braggTwoThetaDeg(l.dA * track.get(id)!.ratio[f], lambdaA);
    return t + zeroOf(f, t);
  };
  // a laboratory Kα doublet: every line again at Kα2 (ratio21 of its intensity), fitted as a nuisance peak
  const lam2 = doublet?.wavelength2A ?? null;
  const ratio21 = doublet?.ratio21 ?? 0.5;
  const alpha2 = (q: PhaseDef, f: number): { twoThetaDeg: number; rel: number }[] =>
    lam2 === null ? [] : lines.get(q.id)!.map((l) => ({ twoThetaDeg: at(l, q.id, f, lam2), rel: l.rel * ratio21 })).filter((o) => Number.isFinite(o.twoThetaDeg));
  const per = detect.map(() => ({
    score: new Float64Array(nf).fill(NaN), limit: new Float64Array(nf).fill(NaN), detected: new Uint8Array(nf), evaluated: new Uint8Array(nf),
    /** per frame, the overlap class of the clearest reflection tested (−1: none) */
    bestClass: new Int8Array(nf).fill(-1), used: new Map<string, { count: number; twoThetaDeg: number }>(),
  }));
  for (let f = 0; f < nf; f++) {
    // every phase's reflections in this frame, at its current cell
    const positions = new Map(all.map((q) => [q.id, [...lines.get(q.id)!.map((l) => ({ twoThetaDeg: at(l, q.id, f), rel: l.rel })).filter((o) => Number.isFinite(o.twoThetaDeg)), ...alpha2(q, f)]]));
    detect.forEach((p, i) => {
      const others: { twoThetaDeg: number; rel: number }[] = [];
      for (const q of all) if (q.id !== p.id) others.push(...positions.get(q.id)!);
      // nuisance peaks: the other phases' lines and the phase's own Kα2 lines
      const othersDeg = [...others, ...alpha2(p, f)].map((o) => o.twoThetaDeg);
      // candidates: the phase's reflections ≥ 2 % of its strongest inside the range, ranked by how clear of the other
      // phases' lines they are now, then by intensity; the three best of the clearest class available are tested
      const ranked = lines.get(p.id)!
        .filter((l) => l.rel >= 0.02)
        .map((l) => {
          const c = at(l, p.id, f);
          return { l, c, cls: overlapClass(c, others, fwhmDeg, farSep, nearSep, guard) };
        })
        .filter((r) => r.c > minDeg + 0.3 && r.c < maxDeg - 0.3 && r.cls < 4)
        .sort((a, b) => CLASS_WEIGHT[b.cls] * b.l.rel - CLASS_WEIGHT[a.cls] * a.l.rel);
      const usable = ranked.filter((r) => r.cls <= 2);
      const chosen = usable.length ? usable.slice(0, 3) : ranked.slice(0, 1);
      const best = chosen.length ? Math.min(...chosen.map((r) => r.cls)) : -1;
      const pf = per[i];
      pf.bestClass[f] = best;
      for (const r of chosen) {
        const sc = reflectionScore(frames[f], r.c, {
          fwhmDeg, otherPeaksDeg: othersDeg, detectionK: settings.detectionK, backgroundOrder: settings.backgroundOrder,
          roiHalfWidthDeg: roiHalfWidthDeg(r.c, othersDeg, Math.max(0.15, 4 * fwhmDeg), fwhmDeg, guard),
        });
        if (!sc) continue;
        const u = pf.used.get(r.l.label);
        if (u) u.count++;
        else pf.used.set(r.l.label, { count: 1, twoThetaDeg: braggTwoThetaDeg(r.l.dA, wavelengthA) });
        const first = !pf.evaluated[f];
        const better = sc.present ? !pf.detected[f] || sc.score > pf.score[f] : !pf.detected[f] && (first || sc.limit < pf.limit[f]);
        if (first || better) {
          pf.score[f] = sc.score;
          pf.limit[f] = sc.limit;
          pf.evaluated[f] = 1;
          if (sc.present) pf.detected[f] = 1;
        }
      }
    });
    if (!step()) return { perFrame: {}, detection: {}, cancelled: true };
  }
  const perFrame: Record<string, XrdPresenceFrame[]> = {};
  const detection: Record<string, XrdDetection> = {};
  // a sequence shorter than minConsecutive (a single pattern) needs every frame it has
  const need = Math.max(1, Math.min(settings.minConsecutive, nf));
  detect.forEach((p, i) => {
    const pf = per[i];
    perFrame[p.id] = Array.from({ length: nf }, (_, f) => ({
      present: pf.detected[f] === 1, score: pf.evaluated[f] ? finiteOrNull(pf.score[f]) : null, limit: pf.evaluated[f] ? finiteOrNull(pf.limit[f]) : null,
    }));
    let firstFrame: number | null = null;
    for (let f = 0; f + need <= nf && firstFrame === null; f++) {
      let run = true;
      for (let q = 0; q < need; q++) if (!pf.detected[f + q]) run = false;
      if (run) firstFrame = f;
    }
    const limit = median(Array.from(pf.limit));
    const firstTimeS = firstFrame === null ? null : timesS[firstFrame];
    const used = [...pf.used.entries()].sort((a, b) => b[1].count - a[1].count);
    const evaluated = pf.evaluated.reduce((s, v) => s + v, 0);
    const worst = Math.max(-1, ...Array.from(pf.bestClass));
    let message = evaluated === 0
      ? 'not tested: every reflection in range coincides with another phase\'s (within 0.75 FWHM)'
      : firstTimeS === null
        ? `not detected (limit ${Number.isFinite(limit) ? limit.toPrecision(3) : '–'} counts·°)`
        : `detected from t = ${Number(firstTimeS.toFixed(1))} s`;
    if (evaluated > 0 && evaluated < nf) message += `; not testable in ${nf - evaluated} of ${nf} frames`;
    const crowded = pf.bestClass.reduce((s, c) => s + (c > 0 ? 1 : 0), 0);
    if (worst > 0) message += `; no clear reflection in ${crowded} of ${nf} frames: tested at reflections ${OVERLAP_WORDS[worst]} (other phases' lines fitted as nuisance peaks)`;
    detection[p.id] = {
      detected: firstFrame !== null, firstTimeS, firstFrame, limit: finiteOrNull(limit),
      reflections: used.map(([label, u]) => ({ label, twoThetaDeg: u.twoThetaDeg })), message,
    };
  });
  return { perFrame, detection, cancelled: false };
}
