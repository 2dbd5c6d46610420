/**
 * Phase presence over time: is there a significant peak at a phase's strongest reflections above the local
 * noise, and from which frame on?
 *
 * Per frame and reflection at expected 2θ c (Γ = options.fwhmDeg), the ROI c ± roiHalfWidthDeg is handed to
 * fitRoi with the candidate peak plus, as nuisance peaks, every other phase's reflection inside the ROI
 * (options.otherPeaksDeg), each allowed to move by ±searchFwhm·Γ. fitRoi's tests decide (see fitRoi.ts):
 *  1. net counts of the candidate in |x − c| ≤ Γ above the polynomial background exceed k·σ (local noise:
 *     Poisson counts or the file's σ, plus the background's own uncertainty), and
 *  2. the fitted candidate area, with the nuisance peaks fitted alongside, exceeds k·σ(area).
 * A candidate that fails test 1 is not fitted (the fit of its neighbours cannot change its verdict or numbers);
 * with options.fastPresent, one whose linear amplitude test is clear-cut (t ≥ 3k, linearAmplitude.ts) is present
 * without the nonlinear fit. The frame's score is the screen's N/σ_N (net intensity over local noise); the frame shows the phase when
 * any of its reflections passes both tests (a neighbour's tail can lift N/σ_N above k, the fit then decides). The phase is "detected from t" at the first frame that starts
 * minConsecutive (default 2) such frames; the limit is the whole-peak integrated area that would just pass
 * (k·σ_N/f, f = a pV's area fraction inside ±Γ), per frame (best reflection) and as the median over frames.
 */
import type { FrameData } from './sequential';
import { fitScreenedRoi, screenRoi, type RoiScreen } from './fitRoi';
import { fullModelAreaSigma, linearAmplitudes, type FixedLine } from './linearAmplitude';
import type { PeakSeed } from './types';

export interface ReflectionPosition {
  label: string;
  twoThetaDeg: number;
}

export interface PresenceOptions {
  /** Expected peak FWHM (2θ°); default 0.05. */
  fwhmDeg?: number;
  /** How far a peak may move from its expected position, in FWHM; default 0.75. */
  searchFwhm?: number;
  /** ROI half-width around each reflection (2θ°); default max(0.15, 4·FWHM). */
  roiHalfWidthDeg?: number;
  /** Other phases' reflection positions (2θ°): fitted alongside as nuisance peaks when inside the ROI. */
  otherPeaksDeg?: number[];
  /** Detection factor k; default 3. */
  detectionK?: number;
  /** Consecutive frames above k needed to call the phase detected; default 2. */
  minConsecutive?: number;
  /** Background polynomial order in each ROI; default 1. */
  backgroundOrder?: number;
  /**
   * Take a candidate as present without the nonlinear fit when its linear amplitude test is clear-cut (t ≥ 3k, see
   * linearPresent); its significance and area are then the linear test's. The verdicts, scores and limits stay the
   * fit's; default false (every candidate that passes the screen is fitted).
   */
  fastPresent?: boolean;
}

export interface PresenceResult {
  label: string;
  reflections: ReflectionPosition[];
  detected: boolean;
  /** Time of the first frame of the first run of minConsecutive detections; null when not detected. */
  firstTimeS: number | null;
  firstFrame: number | null;
  /** Median over the frames of the per-frame limit (whole-peak integrated area, counts·°). */
  limit: number;
  /** 'detected from t = 150 s' or 'not detected (limit 1.23 counts·°)'. */
  message: string;
  perFrame: {
    /** Net counts over local noise, N/σ_N, at the reflection reported (the best one). */
    score: Float64Array;
    /** Fitted area (counts·°) of the best reflection; NaN when absent. */
    area: Float64Array;
    /** Whole-peak area detection limit at the best reflection (the lowest limit when none passed). */
    limit: Float64Array;
    detected: Uint8Array;
    /** Index into reflections of the best score (−1 when none could be evaluated). */
    bestReflection: Int32Array;
  };
}

/** One reflection in one frame. */
export interface ReflectionScore {
  /** Passed both tests (screen and fitted area). */
  present: boolean;
  /** Net counts over local noise, N/σ_N, from the screen (defined in every case). */
  score: number;
  /** Fitted area/σ(area) when present; 0 otherwise. */
  significance: number;
  /** Fitted area (counts·°) when present; NaN otherwise. */
  area: number;
  /** Whole-peak area that would just pass (counts·°). */
  limit: number;
}

/**
 * Clear-cut presence without the nonlinear fit (options.fastPresent): the lines that passed the screen, at their
 * seeds, with their areas and the background by linear least squares; t = A/σ(A) of the candidate with σ(A) from
 * the full model's JᵀWJ at that solution (centres, widths and η free, as in the fit, × the linear fit's reduced χ²,
 * which a misplaced or mis-sized line inflates). The candidate is taken as present when t ≥ FAST_PRESENT_K·k, far
 * above the fit's threshold k: over the developer and held-out studies and the 900-frame benchmark, every candidate
 * the fit rejected had t ≤ 1.4·k, so the verdict is the fit's (the fit runs whenever t is below). null: not clear-cut.
 */
function linearPresent(screen: RoiScreen, k: number): { t: number; area: number } | null {
  const lines: FixedLine[] = [];
  screen.resolved.forEach((r, j) => {
    if (!screen.absent.has(j)) lines.push({ centreDeg: r.centreDeg, fwhmDeg: r.fwhmDeg, eta: r.eta });
  });
  const lin = linearAmplitudes(screen.x, screen.y, screen.variance, screen.xRef, screen.order, lines);
  if (!lin || !(lin.area[0] > 0)) return null;
  const sigma = fullModelAreaSigma(screen.x, screen.variance, screen.xRef, screen.order, lines, lin, 0);
  if (sigma === null) return null;
  const t = lin.area[0] / sigma;
  return t >= FAST_PRESENT_K * k ? { t, area: lin.area[0] } : null;
}

/** The fast path's threshold in units of the detection factor k (t ≥ 3k: 9σ with the default k = 3). */
export const FAST_PRESENT_K = 3;

/** Candidate peak test at one reflection in one frame; null when the data do not cover the ROI. */
export function reflectionScore(frame: FrameData, centreDeg: number, options: PresenceOptions = {}): ReflectionScore | null {
  const fwhm = options.fwhmDeg ?? 0.05;
  const half = options.roiHalfWidthDeg ?? Math.max(0.15, 4 * fwhm);
  const x = frame.twoThetaDeg;
  if (x.length < 2 || centreDeg - half < x[0] || centreDeg + half > x[x.length - 1]) return null;
  const guard = (options.searchFwhm ?? 0.75) * fwhm;
  const nuisance: PeakSeed[] = (options.otherPeaksDeg ?? [])
    .filter((o) => Math.abs(o - centreDeg) > guard && Math.abs(o - centreDeg) < half - fwhm)
    .map((o) => ({ label: 'other', centreDeg: o, fwhmDeg: fwhm }));
  const roi = {
    id: 'presence', fromDeg: centreDeg - half, toDeg: centreDeg + half, backgroundOrder: options.backgroundOrder ?? 1,
    peaks: [{ label: 'candidate', centreDeg, fwhmDeg: fwhm, eta: 0.5 }, ...nuisance],
  };
  const fitOptions = { detectionK: options.detectionK ?? 3, searchFwhm: options.searchFwhm ?? 0.75, fwhmRange: [0.5, 2] as [number, number] };
  const screen = screenRoi(x, frame.intensity, frame.sigma, roi, fitOptions);
  // a candidate that fails the screen is absent whatever the fit of its neighbours gives: its score and limit are the
  // screen's, so the fit is not run (fitRoi would return the same verdict and numbers after fitting the others)
  const absent = screen.absent.get(0);
  if (absent) return { present: false, score: absent.netArea / absent.netAreaSigma, significance: 0, area: NaN, limit: absent.limit };
  if (options.fastPresent) {
    const fast = linearPresent(screen, fitOptions.detectionK);
    if (fast) return { present: true, score: screen.screens[0].net / screen.screens[0].sigma, significance: fast.t, area: fast.area, limit: screen.screens[0].limit };
  }
  const p = fitScreenedRoi(screen, roi, fitOptions, 0).peaks[0];
  return {
    present: p.present, score: p.netArea / p.netAreaSigma, significance: p.present ? p.significance : 0, area: p.present ? p.area : NaN, limit: p.limit,
  };
}

function median(values: number[]): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

/** Presence of one phase through a sequence, judged at the given reflection positions. */
export function detectPresence(
  frames: FrameData[], timesS: Float64Array, label: string, reflections: ReflectionPosition[], options: PresenceOptions = {},
): PresenceResult {
  const need = Math.max(1, options.minConsecutive ?? 2);
  const nf = frames.length;
  const perFrame = {
    score: new Float64Array(nf).fill(NaN), area: new Float64Array(nf).fill(NaN), limit: new Float64Array(nf).fill(NaN),
    detected: new Uint8Array(nf), bestReflection: new Int32Array(nf).fill(-1),
  };
  frames.forEach((frame, f) => {
    reflections.forEach((r, j) => {
      const sc = reflectionScore(frame, r.twoThetaDeg, options);
      if (!sc) return;
      const first = perFrame.bestReflection[f] < 0;
      const better = sc.present
        ? !perFrame.detected[f] || sc.score > perFrame.score[f]
        : !perFrame.detected[f] && (first || sc.limit < perFrame.limit[f]);
      if (first || better) {
        perFrame.score[f] = sc.score;
        perFrame.area[f] = sc.area;
        perFrame.limit[f] = sc.limit;
        perFrame.bestReflection[f] = j;
        if (sc.present) perFrame.detected[f] = 1;
      }
    });
  });
  let firstFrame: number | null = null;
  for (let f = 0; f + need <= nf && firstFrame === null; f++) {
    let all = true;
    for (let q = 0; q < need; q++) if (!perFrame.detected[f + q]) all = false;
    if (all) firstFrame = f;
  }
  const limit = median(Array.from(perFrame.limit));
  const firstTimeS = firstFrame === null ? null : timesS[firstFrame];
  const message = firstTimeS === null
    ? `not detected (limit ${limit.toPrecision(3)} counts·°)`
    : `detected from t = ${Number(firstTimeS.toFixed(1))} s`;
  return { label, reflections, detected: firstFrame !== null, firstTimeS, firstFrame, limit, message, perFrame };
}
