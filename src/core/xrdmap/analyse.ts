/**
 * A 2D XRD map analysed point by point (docs/xrd-maps.md):
 *
 *  1. Every pattern on 2θ with the map's wavelength, cropped to the common 2θ range (or the one chosen).
 *  2. Starting cells: high-pressure cells are far from the library's (Re at 30 GPa is 3 % smaller in a), beyond the
 *     Rietveld cell search. Each phase's cell is scaled by the factor s (cellScaleRange, default 0.78–1.03, steps of
 *     0.0005) that maximises the matched filter Σ_hkl I_hkl · y_net(2θ_hkl(s)) on up to 25 points spread over the
 *     map; the best point's s wins.
 *  3. Whole-pattern (Rietveld) refinement at every point (core/xrd/rietveld refineFrame), the points in serpentine
 *     order (row 0 left to right, row 1 right to left, …) so that each is seeded by its neighbour; after a missing
 *     point the next one starts cold with the cell search. Zero shift held (one detector for the map). Hill–Howard
 *     weight fractions, cells with σ(a).
 *  4. Presence: a phase is detected at a point when the refinement keeps it (weight fraction above the drop limit)
 *     and its scale factor is at least detectionK = 3 standard uncertainties. A phase out of the model is placed by
 *     the matched filter before each point is refined only where its lines stand out (z ≥ 8 robust SDs).
 *  5. Peak windows ('phase:hkl' ± 3 FWHM around the line at the point's refined cell, or 'lo-hi' °2θ): sum, area
 *     above a straight background, centroid, FWHM (windows.ts).
 *  6. Pressure from the chosen phase's refined cell through the chosen scale (core/hp/eos pressureWithSigma), where
 *     that phase is detected.
 */
import type { Pattern } from '../../shared/xrd';
import type { MapAnalysisOptions, MapLayout, MapPeakAtPoint, MapPhaseAtPoint, MapPointResult, MapResult } from '../../shared/xrd-map';
import { parseCif } from '../xrd/crystal/cif';
import { getPhase, withLattice } from '../xrd/crystal/library';
import { generateReflections } from '../xrd/crystal/reflections';
import { dSpacingA } from '../xrd/crystal/lattice';
import type { Lattice, PhaseDef } from '../xrd/crystal/types';
import { frameData, type FrameData } from '../xrd/peaks/sequential';
import { parseReflectionSpec } from '../xrd/peaks/reflections';
import { calculatePattern, cloneState, freeFromLattice, initialState, refineFrame, rietveldPhaseFromDef, stateFromResult, type RefinementState } from '../xrd/rietveld/index';
import type { FrameResult, RietveldOptions, RietveldPattern, RietveldPhase } from '../xrd/rietveld/types';
import { pressureWithSigma, scaleById, type ScaleDefinition } from '../hp/eos/index';
import { describeMissing } from './grid';
import { windowMetrics } from './windows';

/** A point whose Rwp exceeds this factor × the median of the last 50 points is refined again from a cold start. */
const RETRY_RWP_FACTOR = 1.5;
/** A phase's cell is moved by the matched filter only when its best response stands this many robust SDs out. */
const PLACE_MIN_Z = 8;

function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export const MAP_DEFAULTS = { cellScaleRange: [0.78, 1.03] as [number, number], scaleStep: 0.0005, detectionK: 3, stepUm: 1, samplePoints: 25 };

export interface MapHooks {
  onProgress?: (done: number, total: number) => void;
  shouldCancel?: () => boolean;
}

/** What the refinement ran on, kept to draw a point's fit (mapPointFit). */
export interface MapFitSetup {
  phases: RietveldPhase[];
  options: RietveldOptions;
  /** Row-major like the layout; null for missing points. */
  patterns: (RietveldPattern | null)[];
  results: (FrameResult | null)[];
}

/** Library or CIF phases by id (case-insensitive); throws with the known ids. */
export function resolveMapPhases(ids: string[], cifs: { fileName: string; text: string }[] = []): PhaseDef[] {
  const fromCif = cifs.map((c) => parseCif(c.text, c.fileName));
  const seen = new Set<string>();
  return ids
    .map((raw) => raw.trim())
    .filter((id) => id !== '' && !seen.has(id.toLowerCase()) && seen.add(id.toLowerCase()))
    .map((id) => {
      const cif = fromCif.find((p) => p.id.toLowerCase() === id.toLowerCase());
      if (cif) return cif;
      try {
        return getPhase(id);
      } catch (e) {
        const extra = fromCif.length ? `; from CIF: ${fromCif.map((p) => p.id).join(', ')}` : '';
        throw new Error(`${e instanceof Error ? e.message : String(e)}${extra}`);
      }
    });
}

function scaled(l: Lattice, s: number): Lattice {
  return { ...l, aA: l.aA * s, bA: l.bA * s, cA: l.cA * s };
}

/** Counts above a running lower envelope (minimum over ±w points, then averaged): peaks without background. */
export function netCounts(y: Float64Array, w: number): Float64Array {
  const n = y.length;
  const lo = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let m = Infinity;
    for (let j = Math.max(0, i - w); j <= Math.min(n - 1, i + w); j++) if (y[j] < m) m = y[j];
    lo[i] = m;
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    let c = 0;
    for (let j = Math.max(0, i - w); j <= Math.min(n - 1, i + w); j++) {
      s += lo[j];
      c++;
    }
    out[i] = Math.max(0, y[i] - s / c);
  }
  return out;
}

function interpAt(x: Float64Array, y: Float64Array, at: number): number {
  if (at <= x[0] || at >= x[x.length - 1]) return 0;
  let lo = 0;
  let hi = x.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= at) lo = mid;
    else hi = mid;
  }
  return y[lo] + ((y[hi] - y[lo]) * (at - x[lo])) / (x[hi] - x[lo]);
}

/** d-spacings and relative intensities of a phase's lines (library cell), the strongest first. */
function phaseLines(def: PhaseDef, wavelengthA: number, maxDeg: number, debyeWaller: boolean): { d: number[]; w: number[] } {
  const refl = generateReflections(def, { wavelengthA, twoThetaMaxDeg: Math.min(179, maxDeg / 0.75), debyeWaller });
  const max = Math.max(...refl.map((r) => r.intensity), 0);
  const kept = refl.filter((r) => r.intensity >= 0.01 * max);
  return { d: kept.map((r) => r.dA), w: kept.map((r) => r.intensity / max) };
}

/**
 * Best isotropic scale s of a phase's lines on one net pattern, with the filter's response and its significance z:
 * (best − median) / (1.4826 · MAD) of the responses over the scanned range (how far the best stands out).
 */
export function scanScale(x: Float64Array, net: Float64Array, lines: { d: number[]; w: number[] }, wavelengthA: number, range: [number, number], step: number): { s: number; score: number; z: number } {
  let best = { s: 1, score: -Infinity };
  const lo = x[0];
  const hi = x[x.length - 1];
  const scores: number[] = [];
  for (let s = range[0]; s <= range[1] + 1e-12; s += step) {
    let score = 0;
    for (let j = 0; j < lines.d.length; j++) {
      const sin = wavelengthA / (2 * lines.d[j] * s);
      if (sin >= 1) continue;
      const tth = (2 * Math.asin(sin) * 180) / Math.PI;
      if (tth <= lo || tth >= hi) continue;
      score += lines.w[j] * interpAt(x, net, tth);
    }
    scores.push(score);
    if (score > best.score) best = { s, score };
  }
  const med = median(scores);
  const mad = median(scores.map((v) => Math.abs(v - med))) * 1.4826;
  return { ...best, z: mad > 0 ? (best.score - med) / mad : best.score > med ? Infinity : 0 };
}

/** Zero the net counts within ±halfDeg of a phase's lines at scale s (in place). */
function maskLines(x: Float64Array, net: Float64Array, lines: { d: number[] }, wavelengthA: number, s: number, halfDeg: number): void {
  for (const d of lines.d) {
    const sin = wavelengthA / (2 * d * s);
    if (sin >= 1) continue;
    const tth = (2 * Math.asin(sin) * 180) / Math.PI;
    for (let i = 0; i < x.length; i++) if (Math.abs(x[i] - tth) <= halfDeg) net[i] = 0;
  }
}

/** Points in serpentine order (row-major index). */
export function serpentineOrder(nx: number, ny: number): number[] {
  const out: number[] = [];
  for (let iy = 0; iy < ny; iy++) for (let c = 0; c < nx; c++) out.push(iy * nx + (iy % 2 === 0 ? c : nx - 1 - c));
  return out;
}

function cropped(f: FrameData, lo: number, hi: number): RietveldPattern {
  let i0 = 0;
  while (i0 < f.twoThetaDeg.length && f.twoThetaDeg[i0] < lo) i0++;
  let i1 = f.twoThetaDeg.length;
  while (i1 > i0 && f.twoThetaDeg[i1 - 1] > hi) i1--;
  return { twoThetaDeg: f.twoThetaDeg.subarray(i0, i1), intensity: f.intensity.subarray(i0, i1), sigma: f.sigma ? f.sigma.subarray(i0, i1) : null };
}

/** FWHM (°) of the strongest line of a pattern, from its half-maximum crossings; a fallback of 0.05°. */
function estimateFwhm(p: RietveldPattern): number {
  let k = 0;
  for (let i = 1; i < p.intensity.length; i++) if (p.intensity[i] > p.intensity[k]) k = i;
  const x = p.twoThetaDeg;
  const m = windowMetrics(x, p.intensity, x[Math.max(0, k - 40)], x[Math.min(x.length - 1, k + 40)]);
  return m.fwhmDeg && m.fwhmDeg > 0 && m.fwhmDeg < 1 ? m.fwhmDeg : 0.05;
}

/** Window of a peak spec at a point: 'phase:hkl' around the line at the refined cell, or 'lo-hi'. */
function peakWindow(spec: string, defs: PhaseDef[], lattices: Record<string, Lattice>, wavelengthA: number, fwhmDeg: number): [number, number] {
  const range = /^\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*$/.exec(spec);
  if (range) return [Number(range[1]), Number(range[2])];
  const { phaseId, hkl } = parseReflectionSpec(spec);
  const def = defs.find((d) => d.id.toLowerCase() === phaseId.toLowerCase());
  if (!def) throw new Error(`peak ${spec}: ${phaseId} is not one of the map's phases (${defs.map((d) => d.id).join(', ')})`);
  const l = lattices[def.id] ?? def.lattice;
  const sin = wavelengthA / (2 * dSpacingA(l, hkl[0], hkl[1], hkl[2]));
  if (!(sin < 1)) throw new Error(`peak ${spec}: reflection ${hkl.join('')} of ${def.id} is beyond 2θ = 180°`);
  const refl = { twoThetaDeg: (2 * Math.asin(sin) * 180) / Math.PI };
  return [refl.twoThetaDeg - 3 * fwhmDeg, refl.twoThetaDeg + 3 * fwhmDeg];
}

/** Validate the options against what the map needs; throws in words. */
export function checkMapOptions(options: MapAnalysisOptions): { defs: PhaseDef[]; scale: ScaleDefinition | null } {
  if (options.phases.length === 0) throw new Error('name the phases of the map (e.g. Re,Fe3N)');
  const defs = resolveMapPhases(options.phases, options.cifs);
  let scale: ScaleDefinition | null = null;
  if (options.pressure) {
    const ph = defs.find((d) => d.id.toLowerCase() === options.pressure!.phase.toLowerCase());
    if (!ph) throw new Error(`pressure: ${options.pressure.phase} is not one of the map's phases (${defs.map((d) => d.id).join(', ')})`);
    scale = scaleById(options.pressure.scale, ph.id.replace(/^cif-/, ''));
  }
  for (const spec of options.peaks ?? []) {
    if (/^\s*\d+(?:\.\d+)?\s*-\s*\d+(?:\.\d+)?\s*$/.test(spec)) continue;
    const { phaseId } = parseReflectionSpec(spec);
    if (!defs.some((d) => d.id.toLowerCase() === phaseId.toLowerCase())) throw new Error(`peak ${spec}: ${phaseId} is not one of the map's phases`);
  }
  return { defs, scale };
}

/** Patterns on 2θ, cropped to the common (or chosen) range. */
function mapFrames(patterns: (Pattern | null)[], options: MapAnalysisOptions): { rv: (RietveldPattern | null)[]; lo: number; hi: number; wavelengthA: number } {
  const present = patterns.filter((p): p is Pattern => p !== null);
  if (present.length === 0) throw new Error('no pattern on the map');
  const wavelengthA = options.wavelengthA ?? present.find((p) => p.wavelengthA)?.wavelengthA ?? null;
  if (!wavelengthA) throw new Error('the files do not state the wavelength: give it (Å)');
  const frames = patterns.map((p) => (p ? frameData(p, wavelengthA) : null));
  let lo = -Infinity;
  let hi = Infinity;
  for (const f of frames) {
    if (!f) continue;
    lo = Math.max(lo, f.twoThetaDeg[0]);
    hi = Math.min(hi, f.twoThetaDeg[f.twoThetaDeg.length - 1]);
  }
  lo = options.twoThetaMinDeg ?? lo;
  hi = options.twoThetaMaxDeg ?? hi;
  if (!(hi > lo)) throw new Error(`the patterns share no 2θ range (${lo.toFixed(3)}–${hi.toFixed(3)}°)`);
  return { rv: frames.map((f) => (f ? cropped(f, lo, hi) : null)), lo, hi, wavelengthA };
}

/** The Rietveld phases at their starting cells and the refinement options of a map. */
function mapRefinement(defs: PhaseDef[], lattices: Lattice[], frames: ReturnType<typeof mapFrames>, options: MapAnalysisOptions): { phases: RietveldPhase[]; rvOptions: RietveldOptions; fwhmDeg: number } {
  const { rv, lo, hi, wavelengthA } = frames;
  const debyeWaller = options.debyeWaller ?? true;
  const phases = defs.map((def, p) => rietveldPhaseFromDef(withLattice(def, lattices[p]), { wavelengthA, twoThetaMaxDeg: hi, debyeWaller, lattice: lattices[p], marginDeg: 1.5 }));
  const fwhmDeg = estimateFwhm(rv.find((p) => p !== null)!);
  const rvOptions: RietveldOptions = {
    radiation: { wavelengthA },
    profile: 'pv',
    profileStart: { W: fwhmDeg * fwhmDeg, eta: 0.5 },
    refineZero: false,
    backgroundTerms: 6,
    polarisationK: options.polarisationK ?? 0.5,
    twoThetaMinDeg: lo,
    twoThetaMaxDeg: hi,
    cellSearch: 0.01,
    maxIterations: 25,
    // map points are not a time sequence: a neighbour's cell and widths are a seed, not a bound (no step limits)
    cellStepLimit: Infinity,
    profileStepFactor: Infinity,
  };
  return { phases, rvOptions, fwhmDeg };
}

/**
 * The fit setup of an analysed map, rebuilt from its patterns, options and starting cells (the per-point results
 * come from the analysis, e.g. a worker): what mapPointFit draws from.
 */
export function rebuildMapSetup(patterns: (Pattern | null)[], options: MapAnalysisOptions, result: MapResult, results: (FrameResult | null)[]): MapFitSetup {
  const defs = resolveMapPhases(options.phases, options.cifs);
  const frames = mapFrames(patterns, options);
  const lattices = defs.map((def) => {
    const start = result.phases.find((p) => p.id === def.id);
    return start ? scaled(def.lattice, start.startA / def.lattice.aA) : def.lattice;
  });
  const { phases, rvOptions } = mapRefinement(defs, lattices, frames, options);
  return { phases, options: rvOptions, patterns: frames.rv, results };
}

export function analyseMap(patterns: (Pattern | null)[], layout: MapLayout, options: MapAnalysisOptions, hooks: MapHooks = {}): { result: MapResult; setup: MapFitSetup } {
  const { nx, ny } = layout;
  const { defs, scale } = checkMapOptions(options);
  const warnings: string[] = [...layout.problems];
  if (layout.missing.length) warnings.push(`${layout.missing.length} point(s) have no pattern: ${describeMissing(layout.missing)}`);
  const frames = mapFrames(patterns, options);
  const { rv, hi, lo, wavelengthA } = frames;
  const debyeWaller = options.debyeWaller ?? true;

  // 2. starting cells by a wide matched-filter scan on sampled points
  const filled = rv.map((p, k) => (p ? k : -1)).filter((k) => k >= 0);
  const sampleCount = Math.min(MAP_DEFAULTS.samplePoints, filled.length);
  const samples = Array.from({ length: sampleCount }, (_, i) => filled[Math.floor(((i + 0.5) * filled.length) / sampleCount)]);
  const nets = new Map<number, Float64Array>();
  const netOf = (k: number) => {
    let n = nets.get(k);
    if (!n) nets.set(k, (n = netCounts(rv[k]!.intensity, 25)));
    return n;
  };
  const range = options.cellScaleRange ?? MAP_DEFAULTS.cellScaleRange;
  // the phase that stands out most is placed first, its lines masked, then the next: a strong phase's lines cannot
  // pass for a weaker phase's at a wrong cell
  const lineSets = defs.map((def) => phaseLines(def, wavelengthA, hi, debyeWaller));
  const found = new Map<number, number>();
  const maskHalfDeg = 4 * estimateFwhm(rv[filled[0]]!);
  while (found.size < defs.length) {
    let pick = { p: -1, s: 1, score: -Infinity };
    for (let p = 0; p < defs.length; p++) {
      if (found.has(p)) continue;
      const total = lineSets[p].w.reduce((a, b) => a + b, 0);
      for (const k of samples) {
        const r = scanScale(rv[k]!.twoThetaDeg, netOf(k), lineSets[p], wavelengthA, range, MAP_DEFAULTS.scaleStep);
        if (r.score / total > pick.score) pick = { p, s: r.s, score: r.score / total };
      }
    }
    found.set(pick.p, pick.s);
    for (const k of samples) maskLines(rv[k]!.twoThetaDeg, netOf(k), lineSets[pick.p], wavelengthA, pick.s, maskHalfDeg);
  }
  const starts = defs.map((def, p) => ({ def, s: found.get(p)!, lattice: scaled(def.lattice, found.get(p)!) }));
  const { phases, rvOptions, fwhmDeg } = mapRefinement(
    defs,
    starts.map((s) => s.lattice),
    frames,
    options,
  );

  // 3–6. point by point in serpentine order
  const order = serpentineOrder(nx, ny).filter((k) => rv[k] !== null);
  const results: (FrameResult | null)[] = new Array(nx * ny).fill(null);
  const points: (MapPointResult | null)[] = new Array(nx * ny).fill(null);
  const stepUm = options.stepUm ?? MAP_DEFAULTS.stepUm;
  const stepYUm = options.stepYUm ?? stepUm;
  const pressureTK = options.pressure?.temperatureK;
  let state: RefinementState = initialState(phases, rvOptions);
  const recentRwp: number[] = [];
  let retried = 0;
  const lineSetsAtStart = defs.map((def, p) => ({ d: lineSets[p].d.map((d) => d * starts[p].s), w: lineSets[p].w }));
  /**
   * Cells placed by the matched filter on point k's own pattern, phase after phase (those in the model first, the
   * strongest first), each phase's lines masked before the next is scanned. `only` limits the phases moved (the
   * others keep their cells but still mask their lines); the scan spans ±span around each phase's cell in `from`
   * (around its starting cell when it is out of the model).
   */
  const placeCells = (k: number, from: RefinementState, span: number, only: (p: number) => boolean): RefinementState => {
    const next = cloneState(from);
    const x = rv[k]!.twoThetaDeg;
    const net = netCounts(rv[k]!.intensity, 25);
    const order = defs.map((_, p) => p).sort((a, b) => Number(from.phases[a].dropped) - Number(from.phases[b].dropped) || from.phases[b].scale - from.phases[a].scale);
    for (const p of order) {
      // a phase out of the model drifts with the engine's re-entry scans: search around its starting cell instead
      const current = from.phases[p].dropped ? 1 : from.phases[p].lattice.aA / starts[p].lattice.aA;
      let s = current;
      if (only(p)) {
        const hit = scanScale(x, net, lineSetsAtStart[p], wavelengthA, [current * (1 - span), current * (1 + span)], MAP_DEFAULTS.scaleStep);
        // move the cell only where the phase's lines clearly stand out (a phase that is not there keeps its cell)
        if (hit.z >= PLACE_MIN_Z) s = hit.s;
        const lattice = scaled(starts[p].lattice, s);
        const ps = next.phases[p];
        ps.lattice = { ...lattice };
        ps.free = freeFromLattice(ps.system, lattice);
      }
      maskLines(x, net, lineSetsAtStart[p], wavelengthA, s, maskHalfDeg);
    }
    return next;
  };

  let previous = -1;
  let done = 0;
  let cancelled = false;
  for (const k of order) {
    if (hooks.shouldCancel?.()) {
      cancelled = true;
      break;
    }
    const ix = k % nx;
    const iy = Math.floor(k / nx);
    // seeded by the neighbour before it in serpentine order; cold (cell search) at the start and after a gap
    const neighbour = previous >= 0 && Math.abs((previous % nx) - ix) + Math.abs(Math.floor(previous / nx) - iy) === 1;
    if (!neighbour) state = initialState(phases, rvOptions);
    // a phase out of the model may enter here at a cell far from its last one (the pressure changed meanwhile):
    // place it by the matched filter, the lines of the phases in the model masked
    if (neighbour && state.phases.some((ph) => ph.dropped)) state = placeCells(k, state, 0.03, (p) => state.phases[p].dropped);
    const seededState = cloneState(state);
    let result = refineFrame(rv[k]!, phases, state, rvOptions, k, neighbour);
    // a poor fit (a diverged step): this point again from every cell placed by the matched filter; the better fit wins
    const typical = median(recentRwp);
    if (recentRwp.length >= 5 && !(result.rwp <= RETRY_RWP_FACTOR * typical)) {
      const again = placeCells(k, seededState, 0.015, () => true);
      const retry = refineFrame(rv[k]!, phases, again, rvOptions, k, true);
      if (retry.rwp < result.rwp) {
        result = retry;
        state = again;
      }
      retried++;
    }
    if (Number.isFinite(result.rwp)) {
      recentRwp.push(result.rwp);
      if (recentRwp.length > 50) recentRwp.shift();
    }
    results[k] = result;
    previous = k;
    const phaseOut: Record<string, MapPhaseAtPoint> = {};
    const lattices: Record<string, Lattice> = {};
    result.phases.forEach((r, p) => {
      const hex = Math.abs(r.lattice.gammaDeg - 120) < 1e-6;
      const cubic = !hex && Math.abs(r.lattice.aA - r.lattice.cA) < 1e-9;
      // presence from the phase's own scale factor (its weight fraction's σ mixes in every other phase's), NaN-safe
      const detected = !r.dropped && r.scale > 0 && !(r.scale < MAP_DEFAULTS.detectionK * r.scaleSigma);
      lattices[phases[p].id] = r.lattice;
      phaseOut[phases[p].id] = {
        weightFraction: r.weightFraction,
        weightFractionSigma: r.weightFractionSigma,
        a: detected ? r.lattice.aA : null,
        c: detected && !cubic ? r.lattice.cA : null,
        aSigma: detected ? r.aSigmaA : null,
        volumeA3: detected ? r.cellVolumeA3 : null,
        detected,
      };
    });
    const peaks: Record<string, MapPeakAtPoint> = {};
    for (const spec of options.peaks ?? []) {
      const win = peakWindow(spec, defs, lattices, wavelengthA, fwhmDeg);
      peaks[spec] = windowMetrics(rv[k]!.twoThetaDeg, rv[k]!.intensity, win[0], win[1]);
    }
    let pressureGPa: number | null = null;
    let pressureSigmaGPa: number | null = null;
    if (scale && options.pressure) {
      const id = defs.find((d) => d.id.toLowerCase() === options.pressure!.phase.toLowerCase())!.id;
      const ph = phaseOut[id];
      if (ph?.detected && ph.a !== null) {
        try {
          const p = pressureWithSigma(scale, { cell: { aA: ph.a, ...(ph.c !== null ? { cA: ph.c } : {}), sigmaAA: ph.aSigma ?? 0 } }, { temperatureK: pressureTK });
          pressureGPa = p.pressureGPa;
          pressureSigmaGPa = p.sigmaGPa;
        } catch (e) {
          warnings.push(`point (ix ${ix}, iy ${iy}): no pressure (${e instanceof Error ? e.message : String(e)})`);
        }
      }
    }
    const src = layout.points[k]!;
    points[k] = {
      ix,
      iy,
      xUm: src.xUm ?? ix * stepUm,
      yUm: src.yUm ?? iy * stepYUm,
      fileName: src.fileName,
      phases: phaseOut,
      peaks,
      pressureGPa,
      pressureSigmaGPa,
      rwp: Number.isFinite(result.rwp) ? result.rwp : null,
    };
    done++;
    hooks.onProgress?.(done, order.length);
  }
  if (retried > 0) warnings.push(`${retried} point(s) fitted poorly when seeded by their neighbour were refined again from a cold start`);
  const result: MapResult = {
    nx,
    ny,
    stepUm,
    stepYUm,
    wavelengthA,
    twoThetaRangeDeg: [lo, hi],
    phases: starts.map((s) => ({ id: s.def.id, name: s.def.name, startA: s.lattice.aA, startC: Math.abs(s.lattice.gammaDeg - 120) < 1e-6 ? s.lattice.cA : null })),
    peaks: options.peaks ?? [],
    pressure: scale && options.pressure ? { phase: options.pressure.phase, scale: scale.id, scaleName: scale.name, citation: scale.citation, temperatureK: pressureTK ?? 300 } : null,
    points,
    missing: layout.missing,
    layoutNote: layout.note,
    cancelled,
    done,
    warnings,
  };
  return { result, setup: { phases, options: rvOptions, patterns: rv, results } };
}

/** Observed, calculated, background and each phase's curve at one point (null for a missing or unanalysed point). */
export function mapPointFit(setup: MapFitSetup, k: number): { twoThetaDeg: Float64Array; observed: Float64Array; calculated: Float64Array; background: Float64Array; phases: Float64Array[]; rwp: number } | null {
  const r = setup.results[k];
  const p = setup.patterns[k];
  if (!r || !p) return null;
  const state = stateFromResult(r, setup.phases, setup.options);
  const calc = calculatePattern(p.twoThetaDeg, setup.phases, state, setup.options);
  return { twoThetaDeg: p.twoThetaDeg, observed: p.intensity, calculated: calc.total, background: calc.background, phases: calc.phases, rwp: r.rwp };
}
