/**
 * The in situ SXRD analysis pipeline: one PatternSequence → weight fractions, cells, peaks and phase presence on
 * the sequence's one time axis (docs/xrd-cli.md). Stages, in order:
 *
 *  1. Frames to 2θ (ascending) with the sequence's wavelength, cropped to the chosen 2θ range.
 *  2. Starting cells: library cells are at room temperature, in situ data are not (≈1 % at 700 °C), and a
 *     whole-pattern fit started 3 FWHM away does not converge. Cells are scaled by factors found with a matched
 *     filter Σ_j I_j·y_net(2θ_j(s)) of each phase's reflections: one common expansion for the phases of fixed
 *     composition, then each phase within ±0.5 % of it and each Vegard solid solution over its end members, the
 *     other phases' lines masked, on the earliest of eight sampled frames where the phase stands out (so a
 *     drifting solid solution starts where the chain starts). See startingCells. The refined phases are searched
 *     alone, then the phases only tested or fitted as peaks against them (startingCellSearch's `known`), so that a
 *     detect-only phase never changes what is refined.
 *  3. Sequential Rietveld refinement (core/xrd/rietveld): every frame seeded by the previous one; Hill–Howard
 *     weight fractions; fcc (Fe,Ni) composition follows its cell by Vegard's law.
 *  4. Sequential single-peak fits of 'phase:hkl' ROIs (core/xrd/peaks fitRoi), the ROI following the phase's
 *     refined cell and zero shift frame by frame; a peak below its detection limit is reported absent with the
 *     limit. Cubic cells (and fcc xNi by Vegard) from the fitted centres.
 *  5. Presence of each phase (core/xrd/peaks reflectionScore), the same whether it is refined or only tested: in
 *     every frame its reflections are ranked by how crowded they are by the other phases' lines at their current
 *     cells (overlapClass) and intensity, the best three tested with the other lines fitted as nuisance peaks; the
 *     positions follow a refined cell only where the data determine it (cellDetermined); detected from the first
 *     of minConsecutive frames that pass.
 *  6. Fit quality (assessFit): frames with GoF > 2 are poor, and the phases present exactly then are named.
 *
 * Pure: bytes never touched here (the CLI and the app read files and build the sequence).
 */
import type { Pattern, PatternSequence } from '../../shared/xrd';
import type {
  XrdAnalysis,
  XrdAnalysisOptions,
  XrdDetection,
  XrdFitQuality,
  XrdFrameResult,
  XrdInstrumentInfo,
  XrdPeakFrame,
  XrdPeakInfo,
  XrdPhaseFrame,
  XrdPhaseInfo,
  XrdPresenceFrame,
} from '../../shared/xrd-results';
import { cellVolumeA3, dSpacingA } from './crystal/lattice';
import { feNiPhase, getPhase, withLattice } from './crystal/library';
import { generateReflections } from './crystal/reflections';
import { parseCif } from './crystal/cif';
import type { Lattice, PhaseDef } from './crystal/types';
import { fitRoi } from './peaks/fitRoi';
import { braggDSpacingA, braggTwoThetaDeg, FCC_FENI_700C, latticeParameterA, vegardFraction, type CrystalSystem } from './peaks/lattice';
import { reflectionScore } from './peaks/presence';
import { parseReflectionSpec } from './peaks/reflections';
import { frameData, type FrameData } from './peaks/sequential';
import type { PeakSeed, RoiFitResult } from './peaks/types';
import { refineSequence, rietveldPhaseFromDef, type FrameResult, type RietveldOptions } from './rietveld/index';

/** The option defaults (XrdAnalysisOptions documents each). */
export const XRD_ANALYSIS_DEFAULTS = {
  refine: true,
  backgroundOrder: 1,
  backgroundTerms: 7,
  dropBelowWt: 0.005,
  polarisationK: 0.5,
  debyeWaller: true,
  vegardEndsA: { a0A: FCC_FENI_700C.a0A, a1A: FCC_FENI_700C.a1A },
  detectionK: 3,
  minConsecutive: 2,
  cellSearchRange: [-0.015, 0.035] as [number, number],
};

type Settings = XrdAnalysis['settings'];

/** Phases for the analysis: refined ones and those only tested for presence. */
export interface ResolvedPhases {
  refine: PhaseDef[];
  detect: PhaseDef[];
}

/** Progress over all stages: Rietveld frames, then peak frames, then presence frames. */
export type ProgressCallback = (done: number, total: number) => void;

// ---------------------------------------------------------------------------------------------------------------
// Phases

/** A Vegard solid solution rebuilt on other end members (composition x kept); other phases unchanged. */
export function withVegardEnds(def: PhaseDef, ends: { a0A: number; a1A: number }): PhaseDef {
  if (!def.vegard) return def;
  const law = {
    ...def.vegard,
    endMembers: { aAtZeroA: ends.a0A, aAtOneA: ends.a1A },
    citation: `Vegard end members a(x=0) = ${ends.a0A} Å, a(x=1) = ${ends.a1A} Å set by the analysis (default: the 700 °C law FCC_FENI_700C of core/xrd/peaks/lattice); library law: ${def.vegard.citation}`,
  };
  const x = Math.min(1, Math.max(0, def.vegard.x));
  return { ...feNiPhase(x, law), id: def.id };
}

/**
 * Library or CIF phases by id (case-insensitive). CIF phases are named by parseCif ('cif-<block name>').
 * Throws with the list of known ids when one is unknown.
 */
export function resolvePhases(options: Pick<XrdAnalysisOptions, 'phases' | 'detectPhases' | 'cifs' | 'vegardEndsA'>): ResolvedPhases {
  const fromCif = (options.cifs ?? []).map((c) => parseCif(c.text, c.fileName));
  const ends = options.vegardEndsA ?? XRD_ANALYSIS_DEFAULTS.vegardEndsA;
  const lookup = (id: string): PhaseDef => {
    const key = id.trim().toLowerCase();
    const cif = fromCif.find((p) => p.id.toLowerCase() === key);
    if (cif) return cif;
    try {
      return withVegardEnds(getPhase(id.trim()), ends);
    } catch (e) {
      const extra = fromCif.length ? `; from CIF: ${fromCif.map((p) => p.id).join(', ')}` : '';
      throw new Error(`${e instanceof Error ? e.message : String(e)}${extra}`);
    }
  };
  const refine = uniqueIds(options.phases).map(lookup);
  const detect = uniqueIds(options.detectPhases ?? options.phases).map(lookup);
  return { refine, detect };
}

function uniqueIds(ids: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of ids) {
    const id = raw.trim();
    if (id && !seen.has(id.toLowerCase())) {
      seen.add(id.toLowerCase());
      out.push(id);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Frames

/** FrameData cropped to [minDeg, maxDeg] (views, no copies). */
export function cropFrame(frame: FrameData, minDeg: number, maxDeg: number): FrameData {
  const x = frame.twoThetaDeg;
  let i0 = 0;
  while (i0 < x.length && !(x[i0] >= minDeg)) i0++;
  let i1 = x.length;
  while (i1 > i0 && !(x[i1 - 1] <= maxDeg)) i1--;
  if (i0 === 0 && i1 === x.length) return frame;
  return { twoThetaDeg: x.subarray(i0, i1), intensity: frame.intensity.subarray(i0, i1), sigma: frame.sigma ? frame.sigma.subarray(i0, i1) : null };
}

/**
 * Running minimum of y over [i − h, i + h] (clipped at the ends), NaN counting as +∞ (a window of NaN gives +∞).
 * O(n) whatever h: a deque of indices whose values increase from its head, the head being the window's leftmost
 * minimum (the sliding-window minimum of Lemire 2006, "Streaming maximum-minimum filter using no more than three
 * comparisons per element").
 */
export function runningMin(y: Float64Array, h: number): Float64Array {
  const n = y.length;
  const v = new Float64Array(n);
  for (let k = 0; k < n; k++) v[k] = y[k] === y[k] ? y[k] : Infinity;
  const out = new Float64Array(n);
  const dq = new Int32Array(n);
  let head = 0;
  let tail = 0;
  let next = 0;
  for (let i = 0; i < n; i++) {
    const b = Math.min(n - 1, i + h);
    for (; next <= b; next++) {
      const value = v[next];
      while (tail > head && v[dq[tail - 1]] > value) tail--;
      dq[tail++] = next;
    }
    while (dq[head] < i - h) head++;
    out[i] = v[dq[head]];
  }
  return out;
}

/**
 * Smooth background under a pattern: a running minimum over `window` points followed by a running mean over the
 * same window (a rolling-ball stand-in; good enough to rank cell scales, not for quantities). O(n) in the points
 * and independent of the window.
 */
export function roughBackground(y: Float64Array, window: number): Float64Array {
  const n = y.length;
  const h = Math.max(1, Math.floor(window / 2));
  const mins = runningMin(y, h);
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

/** A frame minus its rough background, with the variance of each point. */
export interface NetFrame {
  x: Float64Array;
  net: Float64Array;
  variance: Float64Array;
}

export function netFrame(frame: FrameData): NetFrame {
  const x = frame.twoThetaDeg;
  const n = x.length;
  const step = n > 1 ? (x[n - 1] - x[0]) / (n - 1) : 1;
  const bg = roughBackground(frame.intensity, Math.max(9, Math.round(0.4 / step)));
  const net = new Float64Array(n);
  const variance = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    net[i] = frame.intensity[i] - bg[i];
    const s = frame.sigma ? frame.sigma[i] : NaN;
    variance[i] = Number.isFinite(s) && s > 0 ? s * s : Math.max(1, frame.intensity[i]);
  }
  return { x, net, variance };
}

/** Linear interpolation on an ascending grid; NaN outside. */
function interp(x: Float64Array, y: Float64Array, at: number): number {
  const n = x.length;
  if (n < 2 || !(at >= x[0] && at <= x[n - 1])) return NaN;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= at) lo = mid;
    else hi = mid;
  }
  const t = (at - x[lo]) / (x[hi] - x[lo] || 1);
  return y[lo] + t * (y[hi] - y[lo]);
}

/**
 * A typical peak FWHM (2θ°) of a frame: the median full width at half maximum of its five highest net maxima.
 * Falls back to 4 grid steps when no peak stands out.
 */
export function estimateFwhmDeg(frame: FrameData): number {
  const { x, net, variance } = netFrame(frame);
  const n = x.length;
  const step = n > 1 ? (x[n - 1] - x[0]) / (n - 1) : 0.01;
  const maxima: number[] = [];
  for (let i = 2; i < n - 2; i++) {
    if (net[i] > 5 * Math.sqrt(variance[i]) && net[i] >= net[i - 1] && net[i] > net[i + 1] && net[i] >= net[i - 2] && net[i] > net[i + 2]) maxima.push(i);
  }
  maxima.sort((a, b) => net[b] - net[a]);
  const widths: number[] = [];
  const taken: number[] = [];
  for (const i of maxima) {
    if (widths.length >= 5) break;
    if (taken.some((j) => Math.abs(j - i) < 10)) continue;
    taken.push(i);
    const half = net[i] / 2;
    let l = i;
    while (l > 0 && net[l] > half) l--;
    let r = i;
    while (r < n - 1 && net[r] > half) r++;
    if (l === 0 || r === n - 1) continue;
    const xl = x[l] + ((half - net[l]) / (net[l + 1] - net[l] || 1)) * (x[l + 1] - x[l]);
    const xr = x[r - 1] + ((net[r - 1] - half) / (net[r - 1] - net[r] || 1)) * (x[r] - x[r - 1]);
    if (xr > xl) widths.push(xr - xl);
  }
  if (widths.length === 0) return 4 * step;
  widths.sort((a, b) => a - b);
  return Math.max(2 * step, Math.min(1, widths[widths.length >> 1]));
}

// ---------------------------------------------------------------------------------------------------------------
// Starting cells

export interface CellSearchResult {
  /** Scale applied to the phase's cell edges. */
  scale: number;
  /** Robust significance of the best score over the scan: (best − median)/(1.4826·MAD). */
  z: number;
  /** Frame the scale was found on (−1: the mean of the sampled frames). */
  frame: number;
  /** Strong reflections (≥ 10 % of the strongest) usable at the best scale, and how many of them stand > 3σ. */
  linesStrong: number;
  linesSeen: number;
}

/** Significance a cell match needs to count as found. */
const CELL_FOUND_Z = 8;

/** A match counts when it stands out of the scan and most strong reflections are seen (at least two). */
export function cellFound(r: CellSearchResult | null): boolean {
  return r !== null && r.z >= CELL_FOUND_Z && r.linesSeen >= 2 && r.linesSeen >= 0.6 * r.linesStrong;
}

/** Reflections of a phase for the cell scan: d (Å) and intensity relative to its strongest. */
export interface PhaseLines {
  dA: number[];
  w: number[];
}

export function phaseLines(def: PhaseDef, wavelengthA: number, loDeg: number, hiDeg: number, debyeWaller: boolean, minRelative = 0.005): PhaseLines {
  const refl = generateReflections(def, {
    wavelengthA, twoThetaMinDeg: Math.max(0.01, loDeg), twoThetaMaxDeg: Math.min(179, hiDeg), debyeWaller, minRelativeIntensity: minRelative,
  });
  const wMax = refl.reduce((m, r) => Math.max(m, r.intensity), 0) || 1;
  return { dA: refl.map((r) => r.dA), w: refl.map((r) => r.intensity / wMax) };
}

/** Points of a frame's grid within ±halfDeg of any of the given positions (1 = masked). */
function maskAround(x: Float64Array, positionsDeg: number[], halfDeg: number): Uint8Array {
  const mask = new Uint8Array(x.length);
  const n = x.length;
  if (n < 2) return mask;
  const step = (x[n - 1] - x[0]) / (n - 1);
  for (const p of positionsDeg) {
    const i0 = Math.max(0, Math.floor((p - halfDeg - x[0]) / step));
    const i1 = Math.min(n - 1, Math.ceil((p + halfDeg - x[0]) / step));
    for (let i = i0; i <= i1; i++) if (Math.abs(x[i] - p) <= halfDeg) mask[i] = 1;
  }
  return mask;
}

/** Value at a position unless the nearest grid point is masked (NaN then). */
function maskedInterp(net: NetFrame, mask: Uint8Array | null, at: number): number {
  const x = net.x;
  const n = x.length;
  if (n < 2 || !(at >= x[0] && at <= x[n - 1])) return NaN;
  if (mask) {
    const i = Math.round(((at - x[0]) / (x[n - 1] - x[0])) * (n - 1));
    if (mask[Math.max(0, Math.min(n - 1, i))]) return NaN;
  }
  return interp(x, net.net, at);
}

/**
 * Scan one cell scale s for a set of lines (matched filter Σ_j w_j·(y_net(2θ(d_j·s)) − floor)) on each of the given
 * frames, points under `mask` ignored; z is the best score over its pure-noise standard deviation √(Σ w_j²σ_j²).
 * Returns the earliest frame's result that counts as found (cellFound), else the best one.
 */
export function scanCellScale(
  lines: PhaseLines[], nets: { index: number; net: NetFrame; mask: Uint8Array | null }[], wavelengthA: number, range: [number, number],
): CellSearchResult | null {
  if (nets.length === 0 || lines.every((l) => l.dA.length === 0)) return null;
  const { nS, scaleAt } = scanGrid(nets[0].net.x, range);
  let best: CellSearchResult | null = null;
  for (const { index, net, mask } of nets) {
    // noise floor: the median net over the usable points, and the score's standard deviation for pure noise
    const usable: number[] = [];
    for (let i = 0; i < net.net.length; i++) if (!mask || !mask[i]) usable.push(net.net[i]);
    const floor = median(usable);
    if (!Number.isFinite(floor)) continue;
    let kBest = 0;
    let scoreBest = -Infinity;
    for (let k = 0; k < nS; k++) {
      const s = scaleAt(k);
      let sc = 0;
      for (const l of lines) {
        for (let j = 0; j < l.dA.length; j++) {
          const v = maskedInterp(net, mask, braggTwoThetaDeg(l.dA[j] * s, wavelengthA));
          if (Number.isFinite(v)) sc += l.w[j] * (v - floor);
        }
      }
      if (sc > scoreBest) {
        scoreBest = sc;
        kBest = k;
      }
    }
    const s = scaleAt(kBest);
    let var0 = 0;
    let strong = 0;
    let seen = 0;
    for (const l of lines) {
      for (let j = 0; j < l.dA.length; j++) {
        const t = braggTwoThetaDeg(l.dA[j] * s, wavelengthA);
        const v = maskedInterp(net, mask, t);
        if (!Number.isFinite(v)) continue;
        const varT = interp(net.x, net.variance, t);
        var0 += l.w[j] * l.w[j] * varT;
        // the strong lines must be there too, not one line falling on another phase's peak
        if (l.w[j] < 0.1) continue;
        strong++;
        if (v - floor > 3 * Math.sqrt(varT)) seen++;
      }
    }
    const result: CellSearchResult = { scale: s, z: scoreBest / Math.sqrt(var0 || 1), frame: index, linesStrong: strong, linesSeen: seen };
    if (cellFound(result)) return result;
    if (!best || result.z > best.z) best = result;
  }
  return best;
}

function scanGrid(x: Float64Array, range: [number, number]): { nS: number; scaleAt: (k: number) => number } {
  const top = Math.max(x[x.length - 1], 1);
  const stepS = Math.min(2e-4, (0.1 * 0.03) / top);
  const nS = Math.max(3, Math.round((range[1] - range[0]) / stepS) + 1);
  return { nS, scaleAt: (k) => 1 + range[0] + (k * (range[1] - range[0])) / (nS - 1) };
}

/**
 * One scale shared by several phases: each phase's matched-filter curve over the scan is put on a robust z scale
 * ((c − median)/(1.4826·MAD), clipped at 0) and the curves are summed, so every phase has one vote whatever its
 * scattering power and a coincidence of one phase's lines with another's peaks does not win. Returns the best
 * scale and the largest single-phase z there.
 */
export function commonCellScale(
  lines: PhaseLines[], net: NetFrame, mask: Uint8Array | null, wavelengthA: number, range: [number, number],
): { scale: number; z: number } | null {
  if (lines.length === 0) return null;
  const { nS, scaleAt } = scanGrid(net.x, range);
  const total = new Float64Array(nS);
  const perPhase: Float64Array[] = [];
  for (const l of lines) {
    const curve = new Float64Array(nS);
    for (let k = 0; k < nS; k++) {
      const s = scaleAt(k);
      let sc = 0;
      for (let j = 0; j < l.dA.length; j++) {
        const v = maskedInterp(net, mask, braggTwoThetaDeg(l.dA[j] * s, wavelengthA));
        if (Number.isFinite(v)) sc += l.w[j] * v;
      }
      curve[k] = sc;
    }
    const med = median(Array.from(curve));
    const mad = 1.4826 * median(Array.from(curve, (v) => Math.abs(v - med))) || 1e-12;
    for (let k = 0; k < nS; k++) curve[k] = Math.max(0, (curve[k] - med) / mad);
    perPhase.push(curve);
    for (let k = 0; k < nS; k++) total[k] += curve[k];
  }
  let kBest = 0;
  for (let k = 1; k < nS; k++) if (total[k] > total[kBest]) kBest = k;
  return { scale: scaleAt(kBest), z: Math.max(...perPhase.map((c) => c[kBest])) };
}

function sampleIndices(n: number, m: number): number[] {
  if (n <= m) return Array.from({ length: n }, (_, i) => i);
  const out = new Set<number>();
  for (let k = 0; k < m; k++) out.add(Math.round((k * (n - 1)) / (m - 1)));
  return [...out].sort((a, b) => a - b);
}

function median(values: number[]): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

/** Mean of the sampled frames' net signals on the first one's grid. */
function meanNet(nets: NetFrame[]): NetFrame {
  const x = nets[0].x;
  const net = new Float64Array(x.length);
  const variance = new Float64Array(x.length);
  for (const nf of nets) {
    const same = nf.x === x || nf.x.length === x.length;
    for (let i = 0; i < x.length; i++) {
      net[i] += (same ? nf.net[i] : interp(nf.x, nf.net, x[i])) / nets.length;
      variance[i] += (same ? nf.variance[i] : interp(nf.x, nf.variance, x[i])) / (nets.length * nets.length);
    }
  }
  return { x, net, variance };
}

/** Range of a solid solution's scale: its end members, plus ½ % either side. */
function vegardRange(ph: PhaseDef): [number, number] {
  const { aAtZeroA, aAtOneA } = ph.vegard!.endMembers;
  const a = ph.lattice.aA;
  return [Math.min(aAtZeroA, aAtOneA) / a - 1 - 0.005, Math.max(aAtZeroA, aAtOneA) / a - 1 + 0.005];
}

/** How a phase's starting cell was found. */
export interface StartingCell {
  def: PhaseDef;
  source: XrdPhaseInfo['startSource'];
  scale: number;
}

/** Starting cells found before (e.g. the refined phases') and the common expansion they were started from. */
export interface KnownStartingCells {
  cells: StartingCell[];
  /** s_c of that search; null when it found none. */
  commonScale: number | null;
}

/**
 * The starting cell of every phase (module comment, stage 2):
 *  a. one common expansion s_c for the phases of fixed composition, scanned over `range` on the mean of eight
 *     sampled frames (every phase's lines at once, so coincidences of one phase's lines with another's peaks do
 *     not win);
 *  b. each solid solution (Vegard) over its end members, the other phases' lines masked (±2.5 FWHM), on the
 *     earliest sampled frame where it is found;
 *  c. each fixed-composition phase within s_c ± 0.5 %, every other phase's lines masked (solid solutions over
 *     their whole range), earliest sampled frame where it is found; else s_c ('common').
 */
export function startingCells(
  phases: PhaseDef[], frames: FrameData[], wavelengthA: number, range: [number, number], debyeWaller: boolean, fwhmDeg: number,
): StartingCell[] {
  return startingCellSearch(phases, frames, wavelengthA, range, debyeWaller, fwhmDeg).cells;
}

/**
 * startingCells, also returning s_c. With `known`, the cells of those phases stay as they are: they only mask the
 * new phases' searches (fixed-composition phases at their cell, solid solutions over their whole range), and a
 * common expansion found with them is the new phases' s_c. The pipeline searches the refined phases alone, then the
 * phases only tested for presence (or named in a peak spec) against them, so that those never move a refined
 * phase's start: an absent detect-only phase would otherwise mask a refined phase's lines or shift s_c.
 */
export function startingCellSearch(
  phases: PhaseDef[], frames: FrameData[], wavelengthA: number, range: [number, number], debyeWaller: boolean, fwhmDeg: number,
  known?: KnownStartingCells,
): { cells: StartingCell[]; commonScale: number | null } {
  if (frames.length === 0) return { cells: phases.map((def) => ({ def, source: 'library', scale: 1 })), commonScale: null };
  const sampled = sampleIndices(frames.length, 8).map((index) => ({ index, net: netFrame(frames[index]) }));
  const x = sampled[0].net.x;
  const lo = x[0];
  const hi = x[x.length - 1];
  const linesOf = (ph: PhaseDef, r: [number, number]): PhaseLines =>
    // a line at 2θ_L on the library cell sits near 2θ_L/s on the scaled one
    phaseLines(ph, wavelengthA, lo * (1 + r[0]) - 0.5, hi * (1 + r[1]) + 0.5, debyeWaller);
  const strongOf = (l: PhaseLines): PhaseLines => ({ dA: l.dA.filter((_, j) => l.w[j] >= 0.02), w: l.w.filter((w) => w >= 0.02) });
  const lines = phases.map((ph) => linesOf(ph, ph.vegard ? vegardRange(ph) : range));
  const strongLines = lines.map(strongOf);
  const fixed = phases.map((ph, i) => i).filter((i) => !phases[i].vegard);
  const mean = meanNet(sampled.map((s) => s.net));
  const positions = (l: PhaseLines, s: number): number[] => l.dA.map((d) => braggTwoThetaDeg(d * s, wavelengthA)).filter(Number.isFinite);
  const positionsAt = (i: number, s: number): number[] => positions(strongLines[i], s);
  const bandOf = (ph: PhaseDef, strong: PhaseLines): number[] => {
    // a solid solution's lines over its whole range, sampled every quarter FWHM at the top of the pattern
    const r = vegardRange(ph);
    const n = Math.max(2, Math.ceil(((r[1] - r[0]) * hi) / (0.25 * fwhmDeg)));
    const out: number[] = [];
    for (let k = 0; k <= n; k++) out.push(...positions(strong, 1 + r[0] + (k * (r[1] - r[0])) / n));
    return out;
  };
  const band = (i: number): number[] => bandOf(phases[i], strongLines[i]);
  // the known phases' lines: fixed-composition ones at their starting cell, solid solutions over their range
  const knownFixed: number[] = [];
  const knownBands: number[] = [];
  for (const c of known?.cells ?? []) {
    if (c.def.vegard) knownBands.push(...bandOf(c.def, strongOf(linesOf(c.def, vegardRange(c.def)))));
    else knownFixed.push(...positions(strongOf(linesOf(c.def, [0, 0])), 1));
  }
  // a. common expansion, solid-solution bands and known phases masked (or the known phases' own)
  let sCommon = 1;
  let commonFound = false;
  if (known && known.commonScale !== null) {
    sCommon = known.commonScale;
    commonFound = true;
  } else if (fixed.length) {
    const masked: number[] = [...knownFixed, ...knownBands];
    phases.forEach((ph, i) => {
      if (ph.vegard) masked.push(...band(i));
    });
    const r = commonCellScale(fixed.map((i) => lines[i]), mean, masked.length ? maskAround(mean.x, masked, 2.5 * fwhmDeg) : null, wavelengthA, range);
    if (r && r.z >= CELL_FOUND_Z) {
      sCommon = r.scale;
      commonFound = true;
    }
  }
  const scales = phases.map((ph) => (ph.vegard ? NaN : sCommon));
  const sources: XrdPhaseInfo['startSource'][] = phases.map((ph) => (ph.vegard || !commonFound ? 'library' : 'common'));
  const half = 2.5 * fwhmDeg;
  // b. solid solutions
  phases.forEach((ph, i) => {
    if (!ph.vegard) return;
    const others: number[] = [...knownFixed];
    for (const j of fixed) others.push(...positionsAt(j, sCommon));
    const nets = sampled.map((s) => ({ ...s, mask: maskAround(s.net.x, others, half) }));
    const r = scanCellScale([lines[i]], nets, wavelengthA, vegardRange(ph));
    if (r && cellFound(r)) {
      scales[i] = r.scale;
      sources[i] = 'search';
    }
  });
  // c. fixed-composition phases, fine
  for (const i of fixed) {
    const others: number[] = [...knownFixed, ...knownBands];
    phases.forEach((q, j) => {
      if (j === i) return;
      if (q.vegard) others.push(...band(j));
      else others.push(...positionsAt(j, sCommon));
    });
    const nets = sampled.map((s) => ({ ...s, mask: maskAround(s.net.x, others, half) }));
    const r = scanCellScale([lines[i]], nets, wavelengthA, [sCommon - 1 - 0.005, sCommon - 1 + 0.005]);
    if (r && cellFound(r)) {
      scales[i] = r.scale;
      sources[i] = 'search';
    }
  }
  const cells = phases.map((ph, i) => {
    const scale = Number.isFinite(scales[i]) ? scales[i] : 1;
    return { def: startDef(ph, scale), source: sources[i], scale };
  });
  return { cells, commonScale: commonFound ? sCommon : null };
}

function startDef(ph: PhaseDef, scale: number): PhaseDef {
  if (scale === 1) return ph;
  if (ph.vegard) {
    const { aAtZeroA, aAtOneA } = ph.vegard.endMembers;
    const a = ph.lattice.aA * scale;
    const x = Math.min(1, Math.max(0, (a - aAtZeroA) / (aAtOneA - aAtZeroA)));
    return { ...feNiPhase(x, { ...ph.vegard, endMembers: { aAtZeroA, aAtOneA } }), id: ph.id };
  }
  return withLattice(ph, scaledLattice(ph.lattice, scale));
}

function scaledLattice(l: Lattice, s: number): Lattice {
  return { ...l, aA: l.aA * s, bA: l.bA * s, cA: l.cA * s };
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers on lattices

function systemOf(l: Lattice): { system: CrystalSystem; cOverA?: number } | null {
  const right = Math.abs(l.alphaDeg - 90) < 1e-6 && Math.abs(l.betaDeg - 90) < 1e-6;
  if (!right) return null;
  const eq = (p: number, q: number): boolean => Math.abs(p - q) < 1e-6 * p;
  if (Math.abs(l.gammaDeg - 90) < 1e-6 && eq(l.aA, l.bA)) return eq(l.aA, l.cA) ? { system: 'cubic' } : { system: 'tetragonal', cOverA: l.cA / l.aA };
  if (Math.abs(l.gammaDeg - 120) < 1e-6 && eq(l.aA, l.bA)) return { system: 'hexagonal', cOverA: l.cA / l.aA };
  return null;
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

// ---------------------------------------------------------------------------------------------------------------
// The pipeline

interface PhaseTrack {
  /** Cell of the phase in every frame (refined where available, else the starting cell). */
  lattice: Lattice[];
  /** (V_f/V_start)^(1/3): the isotropic d-spacing ratio used to move its reflections. */
  ratio: Float64Array;
}

/** Analyse a sequence with phases named in the options (library ids or CIF phases). */
export function analyseSequence(
  seq: PatternSequence, options: XrdAnalysisOptions, onProgress?: ProgressCallback, signal?: { cancelled: boolean },
): XrdAnalysis {
  const phases = resolvePhases(options);
  return analyseSequenceWithPhases(seq, phases, options, onProgress, signal);
}

/**
 * The pipeline on phase definitions given directly (e.g. structures built in code). options.phases and
 * options.detectPhases are ignored: `phases` says what is refined and what is detected.
 */
export function analyseSequenceWithPhases(
  seq: PatternSequence, phases: ResolvedPhases, options: XrdAnalysisOptions, onProgress?: ProgressCallback, signal?: { cancelled: boolean },
): XrdAnalysis {
  const settings: Settings = {
    phases: phases.refine.map((p) => p.id),
    detectPhases: phases.detect.map((p) => p.id),
    peaks: options.peaks ?? [],
    refine: options.refine ?? XRD_ANALYSIS_DEFAULTS.refine,
    backgroundOrder: options.backgroundOrder ?? XRD_ANALYSIS_DEFAULTS.backgroundOrder,
    backgroundTerms: options.backgroundTerms ?? XRD_ANALYSIS_DEFAULTS.backgroundTerms,
    dropBelowWt: options.dropBelowWt ?? XRD_ANALYSIS_DEFAULTS.dropBelowWt,
    polarisationK: options.polarisationK ?? XRD_ANALYSIS_DEFAULTS.polarisationK,
    debyeWaller: options.debyeWaller ?? XRD_ANALYSIS_DEFAULTS.debyeWaller,
    vegardEndsA: options.vegardEndsA ?? XRD_ANALYSIS_DEFAULTS.vegardEndsA,
    detectionK: options.detectionK ?? XRD_ANALYSIS_DEFAULTS.detectionK,
    minConsecutive: options.minConsecutive ?? XRD_ANALYSIS_DEFAULTS.minConsecutive,
    cellSearchRange: options.cellSearchRange ?? XRD_ANALYSIS_DEFAULTS.cellSearchRange,
  };
  const warnings = [...(seq.warnings ?? [])];
  if (seq.frames.length === 0) throw new Error('the sequence has no frames');
  if (settings.refine && phases.refine.length === 0) throw new Error('no phases to refine: name at least one phase, or turn refinement off');

  // 1. wavelength, frames on 2θ, range
  const fileWavelength = seq.wavelengthA ?? seq.frames.find((f) => f.wavelengthA !== null)?.wavelengthA ?? null;
  const wavelengthA = fileWavelength ?? options.wavelengthA ?? null;
  if (wavelengthA === null || !(wavelengthA > 0)) {
    throw new Error('no wavelength: the files do not state one; give it (e.g. --wavelength 0.20735 for 0.20735 Å)');
  }
  if (fileWavelength !== null && options.wavelengthA !== undefined && Math.abs(options.wavelengthA - fileWavelength) > 1e-6 * fileWavelength) {
    warnings.push(`the files state λ = ${fileWavelength} Å; the given ${options.wavelengthA} Å is not used`);
  }
  const full = seq.frames.map((p: Pattern) => frameData(p, wavelengthA));
  let minDeg = Math.max(...full.map((f) => f.twoThetaDeg[0]));
  let maxDeg = Math.min(...full.map((f) => f.twoThetaDeg[f.twoThetaDeg.length - 1]));
  if (options.twoThetaMinDeg !== undefined) minDeg = Math.max(minDeg, options.twoThetaMinDeg);
  if (options.twoThetaMaxDeg !== undefined) maxDeg = Math.min(maxDeg, options.twoThetaMaxDeg);
  if (!(maxDeg > minDeg)) throw new Error(`empty 2θ range ${minDeg}–${maxDeg}°`);
  const frames = full.map((f) => cropFrame(f, minDeg, maxDeg));
  const n = frames.length;
  const fwhmDeg = estimateFwhmDeg(frames[0]);
  const instrument = instrumentModel(options, settings.polarisationK);
  // Kα2 lies 0.2–0.6 % above Kα1 for the usual anodes; anything else means the Kα2 belongs to another λ than the
  // one used (e.g. --radiation CuKa on files that state a synchrotron λ)
  if (instrument.wavelength2A !== null && !(instrument.wavelength2A > wavelengthA && instrument.wavelength2A < 1.01 * wavelengthA)) {
    throw new Error(`the Kα2 wavelength ${instrument.wavelength2A} Å does not belong to the λ used, ${wavelengthA} Å${fileWavelength !== null ? ' (stated by the files)' : ''}: drop --radiation/--instprm or check the files`);
  }

  // 2. starting cells for every phase (refined ∪ detected ∪ named in a peak spec), one entry per id
  const all: PhaseDef[] = [];
  for (const p of [...phases.refine, ...phases.detect]) if (!all.some((q) => q.id === p.id)) all.push(p);
  const peakSpecs = settings.peaks.map((spec) => {
    const { phaseId, hkl } = parseReflectionSpec(spec);
    let def = all.find((p) => p.id.toLowerCase() === phaseId.toLowerCase());
    if (!def) {
      def = withVegardEnds(getPhase(phaseId), settings.vegardEndsA);
      all.push(def);
    }
    return { spec, def, hkl };
  });
  // the refined phases first and alone: a phase only tested for presence (or named in a peak spec) must not move
  // what is refined (an absent one masked a refined phase's lines or shifted the common expansion); the others are
  // searched afterwards against the refined phases' cells and common expansion
  const primary = settings.refine ? all.filter((p) => phases.refine.some((q) => q.id === p.id)) : all;
  const rest = all.filter((p) => !primary.includes(p));
  const cellArgs = [frames, wavelengthA, settings.cellSearchRange, settings.debyeWaller, fwhmDeg] as const;
  const first = startingCellSearch(primary, ...cellArgs);
  const second = rest.length ? startingCellSearch(rest, ...cellArgs, first).cells : [];
  const startById = new Map([...primary.map((p, i) => [p.id, first.cells[i]] as const), ...rest.map((p, i) => [p.id, second[i]] as const)]);

  const stagesTotal = n * ((settings.refine ? 1 : 0) + (settings.peaks.length ? 1 : 0) + (phases.detect.length ? 1 : 0));
  let stagesDone = 0;
  const tick = (): void => {
    stagesDone++;
    onProgress?.(stagesDone, stagesTotal);
  };
  let cancelled = false;

  // 3. Rietveld
  let rv: FrameResult[] = [];
  if (settings.refine) {
    const rvPhases = phases.refine.map((p) =>
      rietveldPhaseFromDef(startById.get(p.id)!.def, { wavelengthA, twoThetaMaxDeg: maxDeg, debyeWaller: settings.debyeWaller }),
    );
    const rvOptions = rietveldOptionsFor(instrument, settings, wavelengthA, fwhmDeg, minDeg, maxDeg);
    const run = refineSequence(
      frames.map((f) => ({ twoThetaDeg: f.twoThetaDeg, intensity: f.intensity, sigma: f.sigma })),
      rvPhases,
      rvOptions,
      { shouldCancel: () => signal?.cancelled === true, onProgress: () => tick() },
    );
    rv = run.frames;
    cancelled = run.cancelled;
  }
  const nDone = settings.refine ? rv.length : n;

  // cells per frame for every phase
  const track = new Map<string, PhaseTrack>();
  for (const p of all) {
    const start = startById.get(p.id)!.def.lattice;
    const v0 = cellVolumeA3(start);
    const refinedIndex = settings.refine ? phases.refine.findIndex((q) => q.id === p.id) : -1;
    const lattice: Lattice[] = [];
    const ratio = new Float64Array(nDone);
    let last = start;
    for (let f = 0; f < nDone; f++) {
      if (refinedIndex >= 0) {
        // only a cell the data determine moves the phase's lines: a dropped, frozen or ~0 wt% phase's refined cell
        // is free to wander onto another phase's peak (and would make its presence test find that peak)
        const ph = rv[f].phases[refinedIndex];
        if (cellDetermined(ph)) last = ph.lattice;
      }
      lattice.push(last);
      ratio[f] = Math.cbrt(cellVolumeA3(last) / v0);
    }
    track.set(p.id, { lattice, ratio });
  }
  // the refined position shift of frame f at 2θ: zero + D·cosθ (D: Bragg–Brentano specimen displacement)
  const zeroOf = (f: number, twoThetaDeg: number): number =>
    settings.refine && rv[f] ? rv[f].zeroShiftDeg + (rv[f].displacementDeg || 0) * Math.cos((twoThetaDeg * Math.PI) / 360) : 0;

  // 4. peaks
  const peakInfos: XrdPeakInfo[] = [];
  const peakFrames: Record<string, XrdPeakFrame[]> = {};
  if (!cancelled && settings.peaks.length) {
    const peakDefs = peakSpecs.map(({ spec, def, hkl }) => {
      const start = startById.get(def.id)!.def;
      const expected = braggTwoThetaDeg(dSpacingA(start.lattice, hkl[0], hkl[1], hkl[2]), wavelengthA);
      if (!Number.isFinite(expected)) throw new Error(`${spec}: out of reach at λ = ${wavelengthA} Å`);
      const info: XrdPeakInfo = { spec, phaseId: def.id, hkl, label: `${def.id} ${hkl.join(' ')}`, expectedTwoThetaDeg: expected };
      return { info, def };
    });
    for (const { info } of peakDefs) peakInfos.push(info);
    const shiftTrusted = (f: number): boolean => settings.refine && rv[f] !== undefined && rv[f].gof <= POOR_FIT_GOF;
    const results = fitPeaks(frames.slice(0, nDone), peakDefs, track, zeroOf, shiftTrusted, all, startById, new Set(settings.refine ? phases.refine.map((p) => p.id) : []), wavelengthA, fwhmDeg, settings, () => {
      if (signal?.cancelled) return false;
      tick();
      return true;
    }, instrument.wavelength2A);
    if (results.cancelled) cancelled = true;
    Object.assign(peakFrames, results.byFrame);
  }

  // 5. presence
  const presenceFrames: Record<string, XrdPresenceFrame[]> = {};
  const detection: Record<string, XrdDetection> = {};
  if (!cancelled && phases.detect.length) {
    const candidates = all.filter((p) => phases.refine.some((q) => q.id === p.id) || phases.detect.some((q) => q.id === p.id));
    const res = detectAll(frames.slice(0, nDone), seq.timesS, phases.detect, candidates, startById, track, zeroOf, wavelengthA, minDeg, maxDeg, fwhmDeg, settings, () => {
      if (signal?.cancelled) return false;
      tick();
      return true;
    }, instrument.wavelength2A !== null ? { wavelength2A: instrument.wavelength2A, ratio21: instrument.ratio21 ?? 0.5 } : null);
    if (res.cancelled) cancelled = true;
    else {
      Object.assign(presenceFrames, res.perFrame);
      Object.assign(detection, res.detection);
    }
  }

  // 6. assemble
  const out: XrdFrameResult[] = [];
  for (let f = 0; f < nDone; f++) {
    const pattern = seq.frames[f];
    const r = settings.refine ? rv[f] : null;
    const phaseOut: Record<string, XrdPhaseFrame> = {};
    if (r) {
      phases.refine.forEach((p, i) => {
        const ph = r.phases[i];
        const entry: XrdPhaseFrame = {
          weightFraction: ph.weightFraction,
          weightFractionSigma: ph.weightFractionSigma,
          dropped: ph.dropped,
          frozen: ph.frozen,
          lattice: { ...ph.lattice },
          aA: ph.lattice.aA,
          aSigmaA: ph.aSigmaA,
        };
        const law = startById.get(p.id)!.def.vegard;
        if (law) {
          const span = law.endMembers.aAtOneA - law.endMembers.aAtZeroA;
          entry.xNi = ph.x ?? (ph.lattice.aA - law.endMembers.aAtZeroA) / span;
          entry.xNiSigma = ph.aSigmaA / Math.abs(span);
        }
        phaseOut[p.id] = entry;
      });
    }
    const peaksOut: Record<string, XrdPeakFrame> = {};
    for (const info of peakInfos) if (peakFrames[info.spec]?.[f]) peaksOut[info.spec] = peakFrames[info.spec][f];
    const presenceOut: Record<string, XrdPresenceFrame> = {};
    for (const p of phases.detect) if (presenceFrames[p.id]?.[f]) presenceOut[p.id] = presenceFrames[p.id][f];
    out.push({
      index: f,
      timeS: seq.timesS[f],
      fileName: pattern.fileName,
      ...(pattern.label !== undefined ? { label: pattern.label } : {}),
      rwp: r ? r.rwp : null,
      rp: r ? r.rp : null,
      rexp: r ? r.rexp : null,
      chi2: r ? r.chi2 : null,
      gof: r ? r.gof : null,
      zeroShiftDeg: r ? r.zeroShiftDeg : null,
      ...(instrument.refineDisplacement ? { displacementDeg: r ? r.displacementDeg : null } : {}),
      converged: r ? r.converged : null,
      phases: phaseOut,
      peaks: peaksOut,
      presence: presenceOut,
    });
  }

  const refinedIds = new Set(phases.refine.map((p) => p.id));
  const detectIds = new Set(phases.detect.map((p) => p.id));
  const phaseInfos: XrdPhaseInfo[] = all.map((p) => {
      const s = startById.get(p.id)!;
      const law = s.def.vegard;
      return {
        id: p.id,
        name: p.name,
        formula: p.formula,
        spaceGroup: p.spaceGroup.symbol,
        refined: settings.refine && refinedIds.has(p.id),
        detected: detectIds.has(p.id),
        libraryLattice: { ...p.lattice },
        startLattice: { ...s.def.lattice },
        startSource: s.source,
        ...(law ? { vegard: { a0A: law.endMembers.aAtZeroA, a1A: law.endMembers.aAtOneA } } : {}),
        citation: p.citation,
      };
    });
  if (instrument.wavelength2A !== null && peakInfos.length) {
    warnings.push('peaks on Kα1/Kα2 data are fitted as single pseudo-Voigts: where Kα2 is not resolved from Kα1 the fitted centre lies between them and the cell from it is short (NIST ferrite 110: −0.002 Å against the Rietveld cell); use the Rietveld cells for lattice parameters');
  }
  const fitQuality = settings.refine ? assessFit(out, phases.refine.map((p) => p.id)) : undefined;
  if (fitQuality && fitQuality.poorFrames > 0) warnings.push(fitQuality.message);
  for (const p of phaseInfos) {
    if (p.startSource !== 'search') warnings.push(`${p.id}: no clear signal to match its cell; started from the ${p.startSource === 'common' ? 'common expansion of the phases' : 'library cell'}`);
  }

  return {
    wavelengthA,
    wavelengthSource: fileWavelength !== null ? 'files' : 'option',
    timeSource: seq.timeSource,
    twoThetaMinDeg: minDeg,
    twoThetaMaxDeg: maxDeg,
    refined: settings.refine,
    phases: phaseInfos,
    peaks: peakInfos,
    frames: out,
    detection,
    skipped: seq.skipped,
    warnings,
    cancelled,
    settings,
    instrument,
    ...(all.some((p) => p.vegard) ? { vegardEndsSource: options.vegardEndsA ? 'option' as const : 'default' as const } : {}),
    ...(fitQuality ? { fitQuality } : {}),
  };
}

/** The Rietveld instrument model from the options and their geometry-dependent defaults. */
export function instrumentModel(options: XrdAnalysisOptions, polarisationK: number): XrdInstrumentInfo {
  const geometry = options.geometry ?? 'debye-scherrer';
  const bb = geometry === 'bragg-brentano';
  const inst = options.instrumentProfile ?? null;
  const profile = options.profile ?? (bb || inst ? 'tch' : 'pv');
  if (inst && profile !== 'tch') throw new Error('an instrument profile (U, V, W, X, Y) needs the \'tch\' profile');
  const refineProfile = options.refineProfile ?? (inst ? ['Y'] : profile === 'tch' ? ['U', 'W', 'X'] : ['W', 'eta']);
  const l2 = options.wavelength2A;
  return {
    geometry,
    profile,
    refineProfile: [...refineProfile],
    wavelength2A: l2 !== undefined && l2 > 0 ? l2 : null,
    ratio21: l2 !== undefined && l2 > 0 ? options.ratio21 ?? 0.5 : null,
    instrumentProfile: inst ? { U: inst.U, V: inst.V, W: inst.W, X: inst.X, Y: inst.Y } : null,
    zeroShiftDeg: options.zeroShiftDeg ?? 0,
    refineZero: options.refineZero ?? !bb,
    refineDisplacement: options.refineDisplacement ?? bb,
    polarisationK,
    monochromatorTwoThetaDeg: options.monochromatorTwoThetaDeg ?? 0,
  };
}

/**
 * Starting profile of the Rietveld fit: the instrument profile when given; else from the FWHM Γ measured on the
 * first frame — 'pv': W = Γ², η = 0.5; 'tch': half Gaussian, half Lorentzian at mid-range 2θ (W = (0.7Γ)², X from
 * 0.45Γ·cosθ), U = V = Y = 0.
 */
export function profileStartFor(instrument: XrdInstrumentInfo, fwhmDeg: number, midTwoThetaDeg: number): RietveldOptions['profileStart'] {
  if (instrument.instrumentProfile) return { ...instrument.instrumentProfile, eta: 0.5 };
  if (instrument.profile === 'pv') return { W: fwhmDeg * fwhmDeg, eta: 0.5 };
  const cosTheta = Math.cos((midTwoThetaDeg * Math.PI) / 360);
  return { U: 0, V: 0, W: (0.7 * fwhmDeg) ** 2, X: 0.45 * fwhmDeg * cosTheta, Y: 0, eta: 0.5 };
}

/** The Rietveld options of a sequence analysis: the instrument model plus the analysis settings (one place, so the
 *  app's frame fits re-run exactly the refinement the pipeline ran). */
export function rietveldOptionsFor(
  instrument: XrdInstrumentInfo,
  settings: Pick<Settings, 'backgroundTerms' | 'polarisationK' | 'dropBelowWt'>,
  wavelengthA: number,
  fwhmDeg: number,
  minDeg: number,
  maxDeg: number,
): RietveldOptions {
  return {
    radiation: { wavelengthA, ...(instrument.wavelength2A !== null ? { wavelength2A: instrument.wavelength2A, ratio21: instrument.ratio21 ?? 0.5 } : {}) },
    profile: instrument.profile,
    profileStart: profileStartFor(instrument, fwhmDeg, 0.5 * (minDeg + maxDeg)),
    refineProfile: instrument.refineProfile as RietveldOptions['refineProfile'],
    backgroundTerms: settings.backgroundTerms,
    polarisationK: settings.polarisationK,
    monochromatorTwoThetaDeg: instrument.monochromatorTwoThetaDeg,
    zeroShiftDeg: instrument.zeroShiftDeg,
    refineZero: instrument.refineZero,
    refineDisplacement: instrument.refineDisplacement,
    dropBelowWt: settings.dropBelowWt,
  };
}

/** GoF above which a frame's fit is called poor (Rwp twice what counting noise explains). */
export const POOR_FIT_GOF = 2;

/**
 * Fit quality over the refined frames: frames with GoF = Rwp/Rexp > 2 are poor. Their weight fractions are
 * model-limited (a wrong or missing structure, a missing phase, a profile that cannot follow the peaks), whatever
 * their statistical σ says.
 */
export function assessFit(frames: XrdFrameResult[], refinedIds: string[]): XrdFitQuality {
  const poor = frames.filter((f) => f.gof !== null && f.gof > POOR_FIT_GOF);
  const gofs = frames.map((f) => f.gof).filter((g): g is number => g !== null && Number.isFinite(g));
  const rwps = frames.map((f) => f.rwp).filter((g): g is number => g !== null && Number.isFinite(g));
  const maxGof = gofs.length ? Math.max(...gofs) : null;
  const maxRwp = rwps.length ? Math.max(...rwps) : null;
  const phasesPresent = refinedIds
    .map((id) => ({ id, maxWeightFraction: Math.max(0, ...poor.map((f) => (f.phases[id] && !f.phases[id].dropped ? f.phases[id].weightFraction : 0))) }))
    .filter((p) => p.maxWeightFraction > 0)
    .sort((a, b) => b.maxWeightFraction - a.maxWeightFraction);
  // suspects: phases in the model in every poor frame and weaker in every good frame than in any poor one — the fit
  // is poor exactly while they are there (a structure that does not match the sample, typically)
  const good = frames.filter((f) => f.gof !== null && !(f.gof > POOR_FIT_GOF));
  const wf = (f: XrdFrameResult, id: string): number => (f.phases[id] && !f.phases[id].dropped ? f.phases[id].weightFraction : 0);
  const suspects = poor.length && good.length
    ? refinedIds.filter((id) => {
      const minPoor = Math.min(...poor.map((f) => wf(f, id)));
      return minPoor > 0 && good.every((f) => wf(f, id) < minPoor);
    })
    : [];
  const pct = (x: number): string => (100 * x).toFixed(1);
  let message: string;
  if (poor.length === 0) message = `fit good: GoF ≤ ${POOR_FIT_GOF} in every frame (max GoF ${maxGof?.toFixed(2) ?? '–'}, max Rwp ${maxRwp === null ? '–' : pct(maxRwp)} %)`;
  else {
    const worst = poor.reduce((a, b) => ((a.gof ?? 0) >= (b.gof ?? 0) ? a : b));
    message = `POOR FIT in ${poor.length} of ${frames.length} frames (t = ${poor[0].timeS}–${poor[poor.length - 1].timeS} s): GoF up to ${(worst.gof ?? NaN).toFixed(1)}, `
      + `Rwp up to ${pct(Math.max(...poor.map((f) => f.rwp ?? 0)))} % (at t = ${worst.timeS} s)`
      + (suspects.length
        ? `, exactly while ${suspects.join(', ')} ${suspects.length === 1 ? 'is' : 'are'} present (its structure model may not match the sample)`
        : ` while ${phasesPresent.map((p) => `${p.id} (≤ ${pct(p.maxWeightFraction)} wt%)`).join(', ') || 'the refined phases'} ${phasesPresent.length === 1 ? 'is' : 'are'} in the model`)
      + '. The weight fractions of those frames are not reliable beyond their σ: check that every phase present is listed '
      + 'and that each structure matches the sample (a custom structure: --cif FILE, then its id cif-<data block>), and the geometry/radiation/profile options; '
      + 'preferred orientation (texture, e.g. rolled steel) is not modelled and also fits poorly';
  }
  return {
    poorFrames: poor.length, gofThreshold: POOR_FIT_GOF, maxGof, maxRwp,
    poorFromS: poor.length ? poor[0].timeS : null, poorToS: poor.length ? poor[poor.length - 1].timeS : null, phasesPresent, suspects, message,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Peaks

/**
 * ROI half-width around a candidate at `centreDeg`: the default, narrowed so that no other reflection sits on the
 * ROI's edge (within [half − FWHM, half + 3 FWHM]), where its flank would lift the counts without being fitted
 * as a nuisance peak. Never below `minDeg` (reflections closer than that are the candidate's own business).
 */
export function roiHalfWidthDeg(centreDeg: number, othersDeg: number[], defaultDeg: number, fwhmDeg: number, minDeg: number): number {
  let half = defaultDeg;
  const floor = Math.max(minDeg + fwhmDeg, 2.5 * fwhmDeg);
  for (let iter = 0; iter < 20; iter++) {
    const edge = othersDeg.map((o) => Math.abs(o - centreDeg)).filter((d) => d >= half - fwhmDeg && d <= half + 3 * fwhmDeg && d > minDeg);
    if (edge.length === 0) break;
    const next = Math.min(...edge) - 3 * fwhmDeg;
    if (next < floor) break;
    half = next;
  }
  return half;
}

/** Reflection positions (2θ°) of a phase in frame f: its starting reflections moved by the cell ratio and zero. */
function movedPositions(baseD: number[], ratio: number, shiftDeg: (twoThetaDeg: number) => number, wavelengthA: number): number[] {
  const out: number[] = [];
  for (const d of baseD) {
    const t = braggTwoThetaDeg(d * ratio, wavelengthA);
    if (Number.isFinite(t)) out.push(t + shiftDeg(t));
  }
  return out;
}

function reflectionDs(def: PhaseDef, wavelengthA: number, minDeg: number, maxDeg: number, debyeWaller: boolean, minRelative = 0.005): number[] {
  return generateReflections(def, {
    wavelengthA, twoThetaMinDeg: Math.max(0.01, minDeg * 0.95), twoThetaMaxDeg: Math.min(179, maxDeg * 1.05), minRelativeIntensity: minRelative, debyeWaller,
  }).map((r) => r.dA);
}

function fitPeaks(
  frames: FrameData[],
  peakDefs: { info: XrdPeakInfo; def: PhaseDef }[],
  track: Map<string, PhaseTrack>,
  zeroOf: (f: number, twoThetaDeg: number) => number,
  shiftTrusted: (f: number) => boolean,
  all: PhaseDef[],
  startById: Map<string, { def: PhaseDef }>,
  refinedIds: Set<string>,
  wavelengthA: number,
  fwhmDeg: number,
  settings: Settings,
  step: () => boolean,
  wavelength2A: number | null = null,
): { byFrame: Record<string, XrdPeakFrame[]>; cancelled: boolean } {
  const x0 = frames[0]?.twoThetaDeg ?? new Float64Array(0);
  const minDeg = x0[0] ?? 0;
  const maxDeg = x0[x0.length - 1] ?? 0;
  // nuisance reflections of every phase at its starting cell (moved per frame)
  const baseDs = new Map(all.map((p) => [p.id, reflectionDs(startById.get(p.id)!.def, wavelengthA, minDeg, maxDeg, settings.debyeWaller)]));
  const halfDeg = Math.max(0.12, 6 * fwhmDeg);
  const seeds: PeakSeed[] = peakDefs.map(() => ({ fwhmDeg, eta: 0.5 }));
  const lastCentre = new Float64Array(peakDefs.length).fill(NaN);
  const byFrame: Record<string, XrdPeakFrame[]> = {};
  for (const { info } of peakDefs) byFrame[info.spec] = [];
  for (let f = 0; f < frames.length; f++) {
    peakDefs.forEach(({ info, def }, i) => {
      const tr = track.get(def.id)!;
      const lat = tr.lattice[f];
      const [h, k, l] = info.hkl;
      const bragg = braggTwoThetaDeg(dSpacingA(lat, h, k, l), wavelengthA);
      const centre = bragg + zeroOf(f, bragg);
      const seed: PeakSeed = { ...seeds[i], label: info.label };
      // follow the refined cell: shift the previous fitted centre by the change of the expected position
      seed.centreDeg = Number.isFinite(lastCentre[i]) && seeds[i].centreDeg !== undefined ? (seeds[i].centreDeg as number) + (centre - lastCentre[i]) : centre;
      lastCentre[i] = centre;
      // where the refinement places the phase, the centre is known to a fraction of a FWHM; elsewhere the peak is
      // followed from frame to frame and may move further
      const followed = !refinedIds.has(def.id);
      const searchFwhm = followed ? 2 : 0.75;
      const c = seed.centreDeg as number;
      const others: number[] = [];
      for (const p of all) {
        others.push(...movedPositions(baseDs.get(p.id)!, track.get(p.id)!.ratio[f], (t) => zeroOf(f, t), wavelengthA));
        // Kα2 lines (the peak's own too: beyond its search window it is fitted as a separate nuisance peak)
        if (wavelength2A !== null) others.push(...movedPositions(baseDs.get(p.id)!, track.get(p.id)!.ratio[f], (t) => zeroOf(f, t), wavelength2A));
      }
      const half = roiHalfWidthDeg(c, others, halfDeg, fwhmDeg, searchFwhm * fwhmDeg);
      // other reflections in the ROI are fitted alongside, unless they sit where the candidate may go
      const nuisance: PeakSeed[] = others
        .filter((t) => Math.abs(t - c) > searchFwhm * fwhmDeg && Math.abs(t - c) < half - fwhmDeg)
        .map((t) => ({ label: 'nuisance', centreDeg: t, fwhmDeg }));
      let entry: XrdPeakFrame;
      try {
        const res: RoiFitResult = fitRoi(frames[f].twoThetaDeg, frames[f].intensity, frames[f].sigma, {
          id: info.spec, fromDeg: c - half, toDeg: c + half, backgroundOrder: settings.backgroundOrder, peaks: [seed, ...nuisance],
        }, { detectionK: settings.detectionK, searchFwhm });
        const p = res.peaks[0];
        if (p.present) {
          seeds[i] = { centreDeg: p.centreDeg, fwhmDeg: p.fwhmDeg, eta: p.eta, area: p.area };
          // the cell from the centre corrected for the refined instrument shift (zero + D·cosθ: not a lattice effect),
          // when the frame's whole-pattern fit is good enough to trust that shift
          entry = peakEntry(p.centreDeg, p.sigma.centreDeg, p, info, lat, wavelengthA, settings, shiftTrusted(f) ? zeroOf(f, p.centreDeg) : 0);
        } else {
          seeds[i] = { centreDeg: seed.centreDeg, fwhmDeg: seeds[i].fwhmDeg, eta: seeds[i].eta };
          entry = absentEntry(p.limit);
        }
      } catch (e) {
        entry = { ...absentEntry(NaN), error: e instanceof Error ? e.message : String(e) };
      }
      byFrame[info.spec].push(entry);
    });
    if (!step()) return { byFrame, cancelled: true };
  }
  return { byFrame, cancelled: false };
}

function absentEntry(limit: number): XrdPeakFrame {
  return {
    present: false, centreDeg: null, centreSigmaDeg: null, fwhmDeg: null, fwhmSigmaDeg: null, eta: null, area: null, areaSigma: null,
    limit: finiteOrNull(limit), aA: null, aSigmaA: null, xNi: null, xNiSigma: null,
  };
}

function peakEntry(
  centreDeg: number, centreSigmaDeg: number,
  p: { fwhmDeg: number; eta: number; area: number; sigma: { fwhmDeg: number; area: number }; limit: number },
  info: XrdPeakInfo, lat: Lattice, wavelengthA: number, settings: Settings, shiftDeg = 0,
): XrdPeakFrame {
  let aA: number | null = null;
  let aSigmaA: number | null = null;
  let xNi: number | null = null;
  let xNiSigma: number | null = null;
  const sys = systemOf(lat);
  if (sys) {
    const a = latticeParameterA(braggDSpacingA(centreDeg - shiftDeg, wavelengthA, centreSigmaDeg), info.hkl, sys.system, sys.cOverA);
    aA = a.value;
    aSigmaA = a.sigma;
    if (info.phaseId.toLowerCase() === 'fcc-feni') {
      const x = vegardFraction(a, settings.vegardEndsA);
      xNi = x.value;
      xNiSigma = x.sigma;
    }
  }
  return {
    present: true, centreDeg, centreSigmaDeg, fwhmDeg: p.fwhmDeg, fwhmSigmaDeg: finiteOrNull(p.sigma.fwhmDeg), eta: p.eta, area: p.area,
    areaSigma: finiteOrNull(p.sigma.area), limit: finiteOrNull(p.limit), aA, aSigmaA, xNi, xNiSigma,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Presence

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

function detectAll(
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

// ---------------------------------------------------------------------------------------------------------------
// CSV

function csvCell(v: number | string | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') return Number.isFinite(v) ? String(Number(v.toPrecision(10))) : '';
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * One row per frame: index, timeS, file, rwp, rexp, chi2, gof (fractions / dimensionless), zeroShiftDeg (and
 * displacementDeg when refined); per refined phase its weight fraction (0…1), σ, dropped (1/0), a (Å), σ(a) (and
 * xNi, σ for fcc-FeNi); per peak present, centre and FWHM (°), area and its σ and the detection limit (counts·°),
 * a (Å), xNi; per tested phase its present flag. Units in the column names. Empty cells where a value does not
 * exist. LF line ends.
 */
export function xrdAnalysisToCsv(result: XrdAnalysis): string {
  const refined = result.phases.filter((p) => p.refined);
  const vegard = new Set(refined.filter((p) => p.vegard).map((p) => p.id));
  const detected = result.phases.filter((p) => p.detected);
  const displacement = result.frames.some((f) => f.displacementDeg !== undefined);
  const header = ['index', 'timeS', 'file', 'rwp', 'rexp', 'chi2', 'gof', 'zeroShiftDeg'];
  if (displacement) header.push('displacementDeg');
  for (const p of refined) {
    header.push(`${p.id}_weightFraction`, `${p.id}_weightFractionSigma`, `${p.id}_dropped`, `${p.id}_aA`, `${p.id}_aSigmaA`);
    if (vegard.has(p.id)) header.push(`${p.id}_xNi`, `${p.id}_xNiSigma`);
  }
  for (const k of result.peaks) {
    const s = k.spec;
    header.push(
      `${s}_present`, `${s}_centreDeg`, `${s}_centreSigmaDeg`, `${s}_fwhmDeg`, `${s}_fwhmSigmaDeg`, `${s}_areaCountsDeg`, `${s}_areaSigmaCountsDeg`,
      `${s}_limitCountsDeg`, `${s}_aA`, `${s}_aSigmaA`,
    );
    if (k.phaseId.toLowerCase() === 'fcc-feni') header.push(`${s}_xNi`, `${s}_xNiSigma`);
  }
  for (const p of detected) header.push(`${p.id}_present`);
  const rows = [header.map(csvCell).join(',')];
  for (const fr of result.frames) {
    const row: (number | string | boolean | null | undefined)[] = [fr.index, fr.timeS, fr.label ? `${fr.fileName} ${fr.label}` : fr.fileName, fr.rwp, fr.rexp, fr.chi2, fr.gof, fr.zeroShiftDeg];
    if (displacement) row.push(fr.displacementDeg);
    for (const p of refined) {
      const ph = fr.phases[p.id];
      row.push(ph?.weightFraction, ph?.weightFractionSigma, ph?.dropped, ph?.aA, ph?.aSigmaA);
      if (vegard.has(p.id)) row.push(ph?.xNi, ph?.xNiSigma);
    }
    for (const k of result.peaks) {
      const pk = fr.peaks[k.spec];
      row.push(pk?.present, pk?.centreDeg, pk?.centreSigmaDeg, pk?.fwhmDeg, pk?.fwhmSigmaDeg, pk?.area, pk?.areaSigma, pk?.limit, pk?.aA, pk?.aSigmaA);
      if (k.phaseId.toLowerCase() === 'fcc-feni') row.push(pk?.xNi, pk?.xNiSigma);
    }
    for (const p of detected) row.push(fr.presence[p.id]?.present);
    rows.push(row.map(csvCell).join(','));
  }
  return rows.join('\n') + '\n';
}
