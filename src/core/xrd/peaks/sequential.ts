/**
 * Sequential fitting of an in situ sequence: every ROI of every frame is fitted with fitRoi, each frame seeded
 * from the previous frame's result for that ROI. A peak judged absent keeps its last known centre, FWHM and η
 * as the seed (area re-estimated from the net counts), so it is re-seeded in place when it reappears.
 */
import type { Pattern, PatternSequence } from '../../../shared/xrd';
import { axisToTwoThetaDeg } from '../axes';
import { fitRoi } from './fitRoi';
import type { PeakFitOptions, PeakSeed, PeakSeries, RoiDefinition, RoiFitResult, SequenceFitResult } from './types';

/** One frame's data on a 2θ axis. */
export interface FrameData {
  twoThetaDeg: Float64Array;
  intensity: Float64Array;
  sigma: Float64Array | null;
}

export interface SequentialOptions extends PeakFitOptions {
  /** Called after each frame with (framesDone, framesTotal). */
  onProgress?: (done: number, total: number) => void;
}

/** A pattern's x axis as 2θ (°), converted from q or d with the wavelength (core/xrd/axes); 2θ is not copied. */
export function patternTwoThetaDeg(pattern: Pattern, wavelengthA: number | null = pattern.wavelengthA): Float64Array {
  if (pattern.xUnit === '2th_deg') return pattern.x;
  try {
    return axisToTwoThetaDeg(pattern.x, pattern.xUnit, wavelengthA);
  } catch (e) {
    throw new Error(`${pattern.fileName}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** FrameData from a Pattern: ascending in 2θ, points without a Bragg angle (NaN after conversion) dropped. */
export function frameData(pattern: Pattern, wavelengthA: number | null = pattern.wavelengthA): FrameData {
  const tth = patternTwoThetaDeg(pattern, wavelengthA);
  const n = tth.length;
  let finite = 0;
  let firstX = NaN;
  let lastX = NaN;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(tth[i])) continue;
    finite++;
    if (Number.isNaN(firstX)) firstX = tth[i];
    lastX = tth[i];
  }
  const descending = firstX > lastX;
  if (finite === n && !descending) return { twoThetaDeg: tth, intensity: pattern.intensity, sigma: pattern.sigma };
  const x = new Float64Array(finite);
  const y = new Float64Array(finite);
  const s = pattern.sigma ? new Float64Array(finite) : null;
  let k = 0;
  for (let q = 0; q < n; q++) {
    const i = descending ? n - 1 - q : q;
    if (!Number.isFinite(tth[i])) continue;
    x[k] = tth[i];
    y[k] = pattern.intensity[i];
    if (s) s[k] = pattern.sigma![i];
    k++;
  }
  return { twoThetaDeg: x, intensity: y, sigma: s };
}

/** The seeds for the next frame from this frame's result (absent peaks keep the previous seed, minus its area). */
export function nextSeeds(previous: PeakSeed[], result: RoiFitResult): PeakSeed[] {
  return previous.map((seed, j) => {
    const r = result.peaks[j];
    if (r.present) return { label: r.label, centreDeg: r.centreDeg, fwhmDeg: r.fwhmDeg, eta: r.eta, area: r.area };
    return { label: r.label, centreDeg: seed.centreDeg, fwhmDeg: seed.fwhmDeg, eta: seed.eta };
  });
}

/** Sequential fit over frames already on a 2θ axis. */
export function fitFrames(frames: FrameData[], timesS: Float64Array, rois: RoiDefinition[], options: SequentialOptions = {}): SequenceFitResult {
  const out: SequenceFitResult = { timesS, rois: rois.map((roi) => ({ roi, frames: [] as RoiFitResult[] })), errors: [] };
  const seeds = rois.map((r) => r.peaks.map((p) => ({ ...p })));
  frames.forEach((frame, f) => {
    rois.forEach((roi, r) => {
      try {
        const res = fitRoi(frame.twoThetaDeg, frame.intensity, frame.sigma, { ...roi, peaks: seeds[r] }, options);
        out.rois[r].frames.push(res);
        seeds[r] = nextSeeds(seeds[r], res);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        out.errors.push({ frame: f, roiId: roi.id, message });
        out.rois[r].frames.push({
          roiId: roi.id, background: [], backgroundSigma: [], xRefDeg: NaN, chi2: NaN, reducedChi2: NaN, iterations: 0, converged: false, nPoints: 0,
          peaks: seeds[r].map((s, j) => ({
            present: false, label: s.label ?? `${roi.id}#${j + 1}`, limit: NaN, netArea: NaN, netAreaSigma: NaN, reason: 'screen', centreDeg: s.centreDeg ?? NaN,
          })),
        });
      }
    });
    options.onProgress?.(f + 1, frames.length);
  });
  return out;
}

/** Sequential fit of a PatternSequence (x converted to 2θ with the sequence's wavelength where needed). */
export function fitSequence(sequence: PatternSequence, rois: RoiDefinition[], options: SequentialOptions = {}): SequenceFitResult {
  const frames = sequence.frames.map((p) => frameData(p, p.wavelengthA ?? sequence.wavelengthA));
  return fitFrames(frames, sequence.timesS, rois, options);
}

/** One peak's parameters through the sequence (NaN where absent or failed). */
export function peakSeries(result: SequenceFitResult, roiId: string, peakIndex = 0): PeakSeries {
  const entry = result.rois.find((r) => r.roi.id === roiId);
  if (!entry) throw new Error(`no ROI '${roiId}' in the result`);
  const n = entry.frames.length;
  const mk = (): Float64Array => new Float64Array(n).fill(NaN);
  const s: PeakSeries = {
    roiId, label: entry.roi.peaks[peakIndex]?.label ?? `${roiId}#${peakIndex + 1}`, timesS: result.timesS.subarray(0, n), present: new Uint8Array(n),
    centreDeg: mk(), centreSigmaDeg: mk(), fwhmDeg: mk(), fwhmSigmaDeg: mk(), eta: mk(), etaSigma: mk(), area: mk(), areaSigma: mk(), limit: mk(),
  };
  entry.frames.forEach((fr, i) => {
    const p = fr.peaks[peakIndex];
    if (!p) return;
    s.limit[i] = p.limit;
    if (!p.present) return;
    s.present[i] = 1;
    s.centreDeg[i] = p.centreDeg;
    s.centreSigmaDeg[i] = p.sigma.centreDeg;
    s.fwhmDeg[i] = p.fwhmDeg;
    s.fwhmSigmaDeg[i] = p.sigma.fwhmDeg;
    s.eta[i] = p.eta;
    s.etaSigma[i] = p.sigma.eta;
    s.area[i] = p.area;
    s.areaSigma[i] = p.sigma.area;
  });
  return s;
}
