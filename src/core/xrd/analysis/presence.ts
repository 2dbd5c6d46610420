/**
 * Presence of each phase (stage 5), the same whether it is refined or only tested: in every frame its reflections
 * are ranked by how crowded they are by the other phases' lines at their current cells (overlapClass) and
 * intensity, the best three tested in that order (up to the first that passes) with the other lines fitted as
 * nuisance peaks; the positions follow a refined cell only where the data determine it (cellDetermined); detected
 * from the first of minConsecutive frames that pass.
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
export interface TestLine {
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

/** A run of frames to test, all plain data (structured-clonable: a worker can run it). */
export interface PresenceJob {
  frames: FrameData[];
  /** Every phase's test lines (refined, detected or named in a peak spec), at its starting cell. */
  phases: { id: string; lines: TestLine[] }[];
  /** The phases tested (ids of `phases`). */
  detectIds: string[];
  /** Per phase of `phases`, per frame: the d-spacing ratio of its current cell to its starting cell. */
  ratio: Float64Array[];
  /** Per frame: the refined zero shift and Bragg–Brentano displacement D (Δ2θ = zero + D·cosθ). */
  zeroDeg: Float64Array;
  displacementDeg: Float64Array;
  wavelengthA: number;
  minDeg: number;
  maxDeg: number;
  fwhmDeg: number;
  detectionK: number;
  backgroundOrder: number;
  doublet: { wavelength2A: number; ratio21: number } | null;
}

/** The verdicts of one tested phase over a run of frames. */
export interface PresenceRun {
  score: Float64Array;
  limit: Float64Array;
  detected: Uint8Array;
  evaluated: Uint8Array;
  /** Per frame, the overlap class of the clearest reflection tested (−1: none). */
  bestClass: Int8Array;
  /** Reflections fitted: label, how many frames, 2θ at the starting cell. */
  used: [string, number, number][];
}

/** Every phase's test lines at its starting cell: down to 0.2 % of its strongest (overlaps and nuisance peaks). */
export function presenceLines(all: PhaseDef[], startOf: (id: string) => PhaseDef, wavelengthA: number, minDeg: number, maxDeg: number, debyeWaller: boolean): PresenceJob['phases'] {
  return all.map((p) => ({ id: p.id, lines: testLines(startOf(p.id), wavelengthA, minDeg, maxDeg, debyeWaller, 0.002) }));
}

/** Test every frame of a job (step() after each frame; false stops: null is returned). */
export function presenceFrames(job: PresenceJob, step: () => boolean = () => true): PresenceRun[] | null {
  const { frames, phases, wavelengthA, minDeg, maxDeg, fwhmDeg } = job;
  const nf = frames.length;
  const farSep = Math.max(0.1, 4 * fwhmDeg);
  const nearSep = Math.max(0.05, 2.5 * fwhmDeg);
  const guard = 0.75 * fwhmDeg;
  const index = new Map(phases.map((p, i) => [p.id, i]));
  const at = (l: TestLine, q: number, f: number, lambdaA = wavelengthA): number => {
    const t = braggTwoThetaDeg(l.dA * job.ratio[q][f], lambdaA);
    return t + job.zeroDeg[f] + job.displacementDeg[f] * Math.cos((t * Math.PI) / 360);
  };
  // a laboratory Kα doublet: every line again at Kα2 (ratio21 of its intensity), fitted as a nuisance peak
  const lam2 = job.doublet?.wavelength2A ?? null;
  const ratio21 = job.doublet?.ratio21 ?? 0.5;
  const alpha2 = (q: number, f: number): { twoThetaDeg: number; rel: number }[] =>
    lam2 === null ? [] : phases[q].lines.map((l) => ({ twoThetaDeg: at(l, q, f, lam2), rel: l.rel * ratio21 })).filter((o) => Number.isFinite(o.twoThetaDeg));
  const runs = job.detectIds.map(() => ({
    score: new Float64Array(nf).fill(NaN), limit: new Float64Array(nf).fill(NaN), detected: new Uint8Array(nf), evaluated: new Uint8Array(nf),
    bestClass: new Int8Array(nf).fill(-1), used: new Map<string, { count: number; twoThetaDeg: number }>(),
  }));
  for (let f = 0; f < nf; f++) {
    // every phase's reflections in this frame, at its current cell
    const positions = phases.map((ph, q) => [...ph.lines.map((l) => ({ twoThetaDeg: at(l, q, f), rel: l.rel })).filter((o) => Number.isFinite(o.twoThetaDeg)), ...alpha2(q, f)]);
    job.detectIds.forEach((id, i) => {
      const p = index.get(id)!;
      const others: { twoThetaDeg: number; rel: number }[] = [];
      for (let q = 0; q < phases.length; q++) if (q !== p) for (const o of positions[q]) others.push(o);
      // nuisance peaks: the other phases' lines and the phase's own Kα2 lines
      const othersDeg: number[] = [];
      for (const o of others) othersDeg.push(o.twoThetaDeg);
      if (lam2 !== null) for (const o of alpha2(p, f)) othersDeg.push(o.twoThetaDeg);
      // candidates: the phase's reflections ≥ 2 % of its strongest inside the range, ranked by how clear of the other
      // phases' lines they are now, then by intensity; the three best of the clearest class available are tested
      const ranked = phases[p].lines
        .filter((l) => l.rel >= 0.02)
        .map((l) => {
          const c = at(l, p, f);
          return { l, c, cls: overlapClass(c, others, fwhmDeg, farSep, nearSep, guard) };
        })
        .filter((r) => r.c > minDeg + 0.3 && r.c < maxDeg - 0.3 && r.cls < 4)
        .sort((a, b) => CLASS_WEIGHT[b.cls] * b.l.rel - CLASS_WEIGHT[a.cls] * a.l.rel);
      const usable = ranked.filter((r) => r.cls <= 2);
      const chosen = usable.length ? usable.slice(0, 3) : ranked.slice(0, 1);
      const pf = runs[i];
      pf.bestClass[f] = chosen.length ? Math.min(...chosen.map((r) => r.cls)) : -1;
      // in rank order; one reflection that passes makes the frame's verdict (the next ones are not fitted)
      for (const r of chosen) {
        if (pf.detected[f]) break;
        const sc = reflectionScore(frames[f], r.c, {
          fwhmDeg, otherPeaksDeg: othersDeg, detectionK: job.detectionK, backgroundOrder: job.backgroundOrder, fastPresent: true,
          roiHalfWidthDeg: roiHalfWidthDeg(r.c, othersDeg, Math.max(0.15, 4 * fwhmDeg), fwhmDeg, guard),
        });
        if (!sc) continue;
        const u = pf.used.get(r.l.label);
        if (u) u.count++;
        else pf.used.set(r.l.label, { count: 1, twoThetaDeg: braggTwoThetaDeg(r.l.dA, wavelengthA) });
        const first = !pf.evaluated[f];
        if (first || sc.present || sc.limit < pf.limit[f]) {
          pf.score[f] = sc.score;
          pf.limit[f] = sc.limit;
          pf.evaluated[f] = 1;
          if (sc.present) pf.detected[f] = 1;
        }
      }
    });
    if (!step()) return null;
  }
  return runs.map((r) => ({ ...r, used: [...r.used.entries()].map(([label, u]) => [label, u.count, u.twoThetaDeg] as [string, number, number]) }));
}

/** Runs of consecutive frame ranges joined into one (used counts added). */
export function joinPresenceRuns(parts: PresenceRun[][]): PresenceRun[] {
  return parts[0].map((_, i) => {
    const cat = <T extends Float64Array | Uint8Array | Int8Array>(pick: (r: PresenceRun) => T, make: (n: number) => T): T => {
      const n = parts.reduce((s, p) => s + pick(p[i]).length, 0);
      const out = make(n);
      let o = 0;
      for (const p of parts) {
        out.set(pick(p[i]) as never, o);
        o += pick(p[i]).length;
      }
      return out;
    };
    const used = new Map<string, [string, number, number]>();
    for (const p of parts) {
      for (const [label, count, t] of p[i].used) {
        const u = used.get(label);
        if (u) u[1] += count;
        else used.set(label, [label, count, t]);
      }
    }
    return {
      score: cat((r) => r.score, (n) => new Float64Array(n)), limit: cat((r) => r.limit, (n) => new Float64Array(n)),
      detected: cat((r) => r.detected, (n) => new Uint8Array(n)), evaluated: cat((r) => r.evaluated, (n) => new Uint8Array(n)),
      bestClass: cat((r) => r.bestClass, (n) => new Int8Array(n)), used: [...used.values()],
    };
  });
}

/** Per-frame presence and the verdict over the sequence of every tested phase. */
export function presenceSummary(
  runs: PresenceRun[], detectIds: string[], timesS: Float64Array, minConsecutive: number,
): { perFrame: Record<string, XrdPresenceFrame[]>; detection: Record<string, XrdDetection> } {
  const perFrame: Record<string, XrdPresenceFrame[]> = {};
  const detection: Record<string, XrdDetection> = {};
  detectIds.forEach((id, i) => {
    const pf = runs[i];
    const nf = pf.detected.length;
    // a sequence shorter than minConsecutive (a single pattern) needs every frame it has
    const need = Math.max(1, Math.min(minConsecutive, nf));
    perFrame[id] = Array.from({ length: nf }, (_, f) => ({
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
    const used = [...pf.used].sort((a, b) => b[1] - a[1]);
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
    detection[id] = {
      detected: firstFrame !== null, firstTimeS, firstFrame, limit: finiteOrNull(limit),
      reflections: used.map(([label, , t]) => ({ label, twoThetaDeg: t })), message,
    };
  });
  return { perFrame, detection };
}

/** The presence job of a sequence: every phase's lines at its start, its cell ratio and the shift in every frame. */
export function presenceJob(
  frames: FrameData[],
  detect: PhaseDef[],
  all: PhaseDef[],
  startById: Map<string, { def: PhaseDef }>,
  track: Map<string, PhaseTrack>,
  rv: FrameResult[],
  wavelengthA: number,
  minDeg: number,
  maxDeg: number,
  fwhmDeg: number,
  settings: Settings,
  doublet: { wavelength2A: number; ratio21: number } | null,
): PresenceJob {
  const nf = frames.length;
  return {
    frames,
    phases: presenceLines(all, (id) => startById.get(id)!.def, wavelengthA, minDeg, maxDeg, settings.debyeWaller),
    detectIds: detect.map((p) => p.id),
    ratio: all.map((p) => track.get(p.id)!.ratio.subarray(0, nf)),
    zeroDeg: Float64Array.from({ length: nf }, (_, f) => (settings.refine && rv[f] ? rv[f].zeroShiftDeg : 0)),
    displacementDeg: Float64Array.from({ length: nf }, (_, f) => (settings.refine && rv[f] ? rv[f].displacementDeg || 0 : 0)),
    wavelengthA, minDeg, maxDeg, fwhmDeg, detectionK: settings.detectionK, backgroundOrder: settings.backgroundOrder, doublet,
  };
}

/** The frames [from, to) of a job. */
export function presenceSlice(job: PresenceJob, from: number, to: number): PresenceJob {
  return {
    ...job,
    frames: job.frames.slice(from, to),
    ratio: job.ratio.map((r) => r.slice(from, to)),
    zeroDeg: job.zeroDeg.slice(from, to),
    displacementDeg: job.displacementDeg.slice(from, to),
  };
}

/** Presence over a sequence on this thread (detectAll of before: one job, then the summary). */
export function detectAll(
  job: PresenceJob, timesS: Float64Array, minConsecutive: number, step: () => boolean,
): { perFrame: Record<string, XrdPresenceFrame[]>; detection: Record<string, XrdDetection>; cancelled: boolean } {
  const runs = presenceFrames(job, step);
  if (!runs) return { perFrame: {}, detection: {}, cancelled: true };
  return { ...presenceSummary(runs, job.detectIds, timesS, minConsecutive), cancelled: false };
}
