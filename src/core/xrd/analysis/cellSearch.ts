/**
 * Starting cells (stage 2 of the analysis): library cells are at room temperature, in situ data are not (≈1 % at
 * 700 °C), and a whole-pattern fit started 3 FWHM away does not converge. Cells are scaled by factors found with a
 * matched filter Σ_j I_j·y_net(2θ_j(s)) of each phase's reflections: one common expansion for the phases of fixed
 * composition, then each phase within ±0.5 % of it and each Vegard solid solution over its end members, the other
 * phases' lines masked, on the earliest of eight sampled frames where the phase stands out.
 */
import type { XrdPhaseInfo } from '../../../shared/xrd-results';
import { withLattice, withVegardComposition } from '../crystal/library';
import { generateReflections } from '../crystal/reflections';
import type { Lattice, PhaseDef } from '../crystal/types';
import { braggTwoThetaDeg } from '../peaks/lattice';
import type { FrameData } from '../peaks/sequential';
import { interp, median } from './common';
import { netFrame, type NetFrame } from './frames';

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
 * ((c − median)/(1.4826·MAD), clipped at 0 and at the significance CELL_FOUND_Z) and the curves are summed, so every
 * phase has one vote whatever its scattering power and a coincidence of one phase's lines with another's peaks does
 * not win. Returns the best
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
    // each phase's vote saturates once its match is significant: an absent phase whose lines happen to fall on
    // another phase's strong peaks (bcc 110 on fcc 111) has a large z there, but must not outvote the phases that
    // are there and agree on one scale
    for (let k = 0; k < nS; k++) total[k] += Math.min(curve[k], CELL_FOUND_Z);
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
    return withVegardComposition(ph, x);
  }
  return withLattice(ph, scaledLattice(ph.lattice, scale));
}

function scaledLattice(l: Lattice, s: number): Lattice {
  return { ...l, aA: l.aA * s, bA: l.bA * s, cA: l.cA * s };
}
