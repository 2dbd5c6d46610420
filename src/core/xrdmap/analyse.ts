/**
 * A 2D XRD map analysed point by point (docs/xrd-maps.md, "Analysis"):
 *
 *  1. Every pattern on 2θ with the map's wavelength, cropped to the common 2θ range (or the one chosen).
 *  2. The plan (planMap): starting cells placed by a least-squares line match (cells.ts) on 6 × 6 points spread over
 *     the map, and the map's zero shift refined on them (median).
 *  3. Rietveld refinement at every point (analyseMapPoints), seeded by a refined neighbour or started cold (cells
 *     placed on the point's own pattern); a poor seeded fit is refitted cold. Bands of rows can run on threads with
 *     the same plan (bandOrders, finishMap).
 *  4. Presence: kept by the refinement, scale ≥ 3 σ, and the phase's own lines ≥ 5 σ at its refined cell.
 *  5. Peak windows (windows.ts). 6. Pressure through the chosen scale. Per-point goodness of fit and flags.
 */
import type { Pattern } from '../../shared/xrd';
import { isFlaggedPoint, type MapAnalysisOptions, type MapLayout, type MapPeakAtPoint, type MapPhaseAtPoint, type MapPlan, type MapPointFlag, type MapPointResult, type MapResult } from '../../shared/xrd-map';
import { parseCif } from '../xrd/crystal/cif';
import { getPhase, withLattice } from '../xrd/crystal/library';
import { dSpacingA } from '../xrd/crystal/lattice';
import type { Lattice, PhaseDef } from '../xrd/crystal/types';
import { frameData, type FrameData } from '../xrd/peaks/sequential';
import { parseReflectionSpec } from '../xrd/peaks/reflections';
import { calculatePattern, cloneState, freeFromLattice, initialState, refineFrame, rietveldPhaseFromDef, stateFromResult, type RefinementState } from '../xrd/rietveld/index';
import type { FrameResult, RietveldOptions, RietveldPattern, RietveldPhase } from '../xrd/rietveld/types';
import { pressureWithSigma, scaleById, type ScaleDefinition } from '../hp/eos/index';
import { describeMissing } from './grid';
import { windowMetrics } from './windows';
import { copyMatch, distinctLineSignificance, matchPattern, phaseLines, placePhases, scaled, spreadSamples, type MatchPattern, type PhaseLines } from './cells';

/** A point whose goodness of fit exceeds this factor × the median of the last 50 points is refined again from a cold start. */
const RETRY_GOF_FACTOR = 1.5;
/** A phase out of the model is placed at a point only where its lines stand out this many robust SDs. */
const PLACE_MIN_Z = 8;
/** Starting cells: a phase is placed on a sampled point where its lines stand out this many robust SDs. */
const START_MIN_Z = 6;
/** A kept phase is present only where the lines only it has stand out this many σ (cells.ts distinctLineSignificance). */
const DISTINCT_MIN_SIGMA = 5;
/** A point whose goodness of fit exceeds this factor × the map's median is flagged 'poor-fit'. */
const POOR_GOF_FACTOR = 1.5;

function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export const MAP_DEFAULTS = { cellScaleRange: [0.78, 1.03] as [number, number], scaleStep: 0.0005, detectionK: 3, stepUm: 1, samplesPerSide: 6 };

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

/** The map's wavelength and common 2θ range (or the one chosen). */
function mapRange(patterns: (Pattern | null)[], options: MapAnalysisOptions): { lo: number; hi: number; wavelengthA: number } {
  const present = patterns.filter((p): p is Pattern => p !== null);
  if (present.length === 0) throw new Error('no pattern on the map');
  const wavelengthA = options.wavelengthA ?? present.find((p) => p.wavelengthA)?.wavelengthA ?? null;
  if (!wavelengthA) throw new Error('the files do not state the wavelength: give it (Å)');
  let lo = -Infinity;
  let hi = Infinity;
  for (const p of present) {
    const f = frameData(p, wavelengthA);
    lo = Math.max(lo, f.twoThetaDeg[0]);
    hi = Math.min(hi, f.twoThetaDeg[f.twoThetaDeg.length - 1]);
  }
  lo = options.twoThetaMinDeg ?? lo;
  hi = options.twoThetaMaxDeg ?? hi;
  if (!(hi > lo)) throw new Error(`the patterns share no 2θ range (${lo.toFixed(3)}–${hi.toFixed(3)}°)`);
  return { lo, hi, wavelengthA };
}

/** Patterns on 2θ cropped to the plan's range (the points outside `only` are left null). */
function mapFrames(patterns: (Pattern | null)[], plan: Pick<MapPlan, 'lo' | 'hi' | 'wavelengthA'>, only?: Set<number>): (RietveldPattern | null)[] {
  return patterns.map((p, k) => (p && (!only || only.has(k)) ? cropped(frameData(p, plan.wavelengthA), plan.lo, plan.hi) : null));
}

/** Everything a thread needs to refine points, rebuilt from the options and the plan. */
interface MapContext {
  defs: PhaseDef[];
  scale: ScaleDefinition | null;
  phases: RietveldPhase[];
  rvOptions: RietveldOptions;
  /** Lines at the library cells. */
  lineSets: PhaseLines[];
  /** Starting lattice of each phase (the library's when it was not placed). */
  startLattices: Lattice[];
  range: [number, number];
  maskHalfDeg: number;
}

function mapContext(options: MapAnalysisOptions, plan: MapPlan): MapContext {
  const { defs, scale } = checkMapOptions(options);
  const debyeWaller = options.debyeWaller ?? true;
  const { wavelengthA, lo, hi, fwhmDeg } = plan;
  const startLattices = defs.map((def, p) => scaled(def.lattice, plan.startS[p] ?? 1));
  const phases = defs.map((def, p) => rietveldPhaseFromDef(withLattice(def, startLattices[p]), { wavelengthA, twoThetaMaxDeg: hi, debyeWaller, lattice: startLattices[p], marginDeg: 1.5 }));
  const rvOptions: RietveldOptions = {
    radiation: { wavelengthA },
    profile: 'pv',
    profileStart: { W: fwhmDeg * fwhmDeg, eta: 0.5 },
    refineZero: false,
    backgroundTerms: 6,
    polarisationK: options.polarisationK ?? 0.5,
    twoThetaMinDeg: lo,
    twoThetaMaxDeg: hi,
    zeroShiftDeg: plan.zeroShiftDeg,
    cellSearch: 0.01,
    maxIterations: 25,
    // map points are not a time sequence: a neighbour's cell and widths are a seed, not a bound (no step limits)
    cellStepLimit: Infinity,
    profileStepFactor: Infinity,
  };
  const lineSets = defs.map((def) => phaseLines(def, wavelengthA, hi, debyeWaller));
  return { defs, scale, phases, rvOptions, lineSets, startLattices, range: options.cellScaleRange ?? MAP_DEFAULTS.cellScaleRange, maskHalfDeg: 4 * fwhmDeg };
}

/**
 * Starting cells (docs/xrd-maps.md): on up to 6 × 6 points spread over the map in both directions, the phases are
 * placed by the least-squares line match over the whole scale range (cells.ts placePhases: the phase removing most
 * χ² first, its lines masked at that point's own scale before the next is scanned); each phase starts at its scale
 * on the sampled point where its lines removed most χ².
 */
export function planMap(patterns: (Pattern | null)[], layout: MapLayout, options: MapAnalysisOptions): MapPlan {
  const { defs } = checkMapOptions(options);
  const { lo, hi, wavelengthA } = mapRange(patterns, options);
  const debyeWaller = options.debyeWaller ?? true;
  const samples = spreadSamples(layout.nx, layout.ny, (k) => patterns[k] !== null && patterns[k] !== undefined, MAP_DEFAULTS.samplesPerSide);
  const rv = mapFrames(patterns, { lo, hi, wavelengthA }, new Set(samples));
  const fwhmDeg = median(samples.map((k) => estimateFwhm(rv[k]!)));
  const lineSets = defs.map((def) => phaseLines(def, wavelengthA, hi, debyeWaller));
  const range = options.cellScaleRange ?? MAP_DEFAULTS.cellScaleRange;
  const best: { s: number; gain: number; found: number }[] = defs.map(() => ({ s: 1, gain: -Infinity, found: 0 }));
  /** The cells placed on each sampled point (the zero shift is refined from them below). */
  const placedAt = new Map<number, (number | null)[]>();
  for (const k of samples) {
    const m = matchPattern(rv[k]!.twoThetaDeg, rv[k]!.intensity);
    const { s, hits } = placePhases(m, lineSets, wavelengthA, defs.map(() => range), MAP_DEFAULTS.scaleStep, START_MIN_Z, 4 * fwhmDeg);
    placedAt.set(k, s);
    s.forEach((sp, p) => {
      if (sp === null) return;
      best[p].found++;
      if (hits[p]!.gain > best[p].gain) best[p] = { ...best[p], s: sp, gain: hits[p]!.gain };
    });
  }
  const warnings: string[] = [];
  const startS = best.map((b) => (b.found > 0 ? b.s : null));
  // one detector for the map: its 2θ zero refined on the sampled points (cells placed there), the median held for all
  let zeroShiftDeg = options.zeroShiftDeg ?? 0;
  if (options.zeroShiftDeg === undefined || options.zeroShiftDeg === null) {
    const draft: MapPlan = { wavelengthA, lo, hi, startS, fwhmDeg, samples, warnings: [], zeroShiftDeg: 0 };
    const ctx = mapContext(options, draft);
    const zeros: number[] = [];
    for (const k of samples) {
      const s = placedAt.get(k)!;
      if (s.every((x) => x === null)) continue;
      const st = withPlaced(ctx, initialState(ctx.phases, ctx.rvOptions), s);
      const r = refineFrame(rv[k]!, ctx.phases, st, { ...ctx.rvOptions, refineZero: true }, k, false);
      if (Number.isFinite(r.zeroShiftDeg) && Number.isFinite(r.gof)) zeros.push(r.zeroShiftDeg);
    }
    if (zeros.length > 0) zeroShiftDeg = median(zeros);
  }
  defs.forEach((def, p) => {
    if (best[p].found === 0) warnings.push(`${def.id}: its lines stand out on none of the ${samples.length} sampled points; it starts at the library cell and is placed point by point where it stands out`);
  });
  return { wavelengthA, lo, hi, startS, fwhmDeg, samples, warnings, zeroShiftDeg };
}

/** Bands of whole rows (ny split in `bands` nearly equal parts), each in serpentine order: one per worker thread. */
export function bandOrders(nx: number, ny: number, bands: number): number[][] {
  const n = Math.max(1, Math.min(bands, ny));
  const all = serpentineOrder(nx, ny);
  return Array.from({ length: n }, (_, b) => {
    const y0 = Math.floor((b * ny) / n);
    const y1 = Math.floor(((b + 1) * ny) / n);
    return all.slice(y0 * nx, y1 * nx);
  });
}

/** The points of one run of analyseMapPoints: row-major, null where not analysed. */
export interface MapPointsPart {
  points: (MapPointResult | null)[];
  results: (FrameResult | null)[];
  warnings: string[];
  done: number;
  cancelled: boolean;
}

/** Phase cells of a state as scales of the library cells. */
function stateScales(ctx: MapContext, st: RefinementState): number[] {
  return ctx.defs.map((def, p) => st.phases[p].lattice.aA / def.lattice.aA);
}

/** A state with the cells placed by the line match on one pattern (placed phases only; the others keep theirs). */
function withPlaced(ctx: MapContext, from: RefinementState, s: (number | null)[]): RefinementState {
  const next = cloneState(from);
  s.forEach((sp, p) => {
    if (sp === null) return;
    const lattice = scaled(ctx.defs[p].lattice, sp);
    next.phases[p].lattice = { ...lattice };
    next.phases[p].free = freeFromLattice(next.phases[p].system, lattice);
  });
  return next;
}

/**
 * Refine the points of `order` in that order (docs/xrd-maps.md, steps 3–6), each seeded by the point before it when
 * that is a grid neighbour, else by any neighbour already refined, else from a cold start (cells placed by the line
 * match over the whole range on the point's own pattern).
 */
export function analyseMapPoints(patterns: (Pattern | null)[], layout: MapLayout, options: MapAnalysisOptions, plan: MapPlan, order: number[], hooks: MapHooks = {}): MapPointsPart {
  const { nx, ny } = layout;
  const ctx = mapContext(options, plan);
  const { defs, scale, phases, rvOptions, lineSets, range } = ctx;
  const wavelengthA = plan.wavelengthA;
  const todo = order.filter((k) => patterns[k] !== null && patterns[k] !== undefined);
  const rv = mapFrames(patterns, plan, new Set(todo));
  const warnings: string[] = [];
  const results: (FrameResult | null)[] = new Array(nx * ny).fill(null);
  const points: (MapPointResult | null)[] = new Array(nx * ny).fill(null);
  const stepUm = options.stepUm ?? MAP_DEFAULTS.stepUm;
  const stepYUm = options.stepYUm ?? stepUm;
  const pressureTK = options.pressure?.temperatureK;
  const recentGof: number[] = [];
  /** Final states of the points refined in the last two rows' worth of points, to seed their neighbours. */
  const states = new Map<number, RefinementState>();
  const fresh = initialState(phases, rvOptions);
  /** The line-match pattern of the point being refined (made once per point; placements mask a copy). */
  let matchK = -1;
  let matchM: MatchPattern | null = null;
  const matchAt = (k: number): MatchPattern => {
    if (matchK !== k || !matchM) {
      matchM = matchPattern(rv[k]!.twoThetaDeg, rv[k]!.intensity);
      matchK = k;
    }
    return matchM;
  };
  const coldStart = (k: number): RefinementState => {
    const m = copyMatch(matchAt(k));
    const { s } = placePhases(m, lineSets, wavelengthA, defs.map(() => range), MAP_DEFAULTS.scaleStep, START_MIN_Z, ctx.maskHalfDeg);
    return withPlaced(ctx, fresh, s);
  };
  /** A phase out of the model may enter here at a cell far from its last one: place it where its lines stand out. */
  const placeDropped = (k: number, from: RefinementState): RefinementState => {
    const m = copyMatch(matchAt(k));
    const current = stateScales(ctx, from);
    const ranges = from.phases.map((ps) => (ps.dropped ? range : null));
    const fixed = from.phases.map((ps, p) => (ps.dropped ? null : current[p]));
    const { s } = placePhases(m, lineSets, wavelengthA, ranges, MAP_DEFAULTS.scaleStep, PLACE_MIN_Z, ctx.maskHalfDeg, fixed);
    return withPlaced(ctx, from, s);
  };
  let previous = -1;
  let done = 0;
  let cancelled = false;
  let retried = 0;
  const isNeighbour = (a: number, b: number) => Math.abs((a % nx) - (b % nx)) + Math.abs(Math.floor(a / nx) - Math.floor(b / nx)) === 1;
  for (const k of todo) {
    if (hooks.shouldCancel?.()) {
      cancelled = true;
      break;
    }
    const ix = k % nx;
    const iy = Math.floor(k / nx);
    let seed: RefinementState | null = null;
    if (previous >= 0 && isNeighbour(previous, k)) seed = states.get(previous) ?? null;
    if (!seed) for (const q of [k - nx, k + nx, k - 1, k + 1]) if (q >= 0 && q < nx * ny && isNeighbour(q, k) && states.has(q)) seed = states.get(q)!;
    const flags: MapPointFlag[] = [];
    let state: RefinementState;
    const seeded = seed !== null;
    if (seed) {
      state = cloneState(seed);
      if (state.phases.some((ph) => ph.dropped)) state = placeDropped(k, state);
    } else state = coldStart(k);
    let result = refineFrame(rv[k]!, phases, state, rvOptions, k, seeded);
    // a poor fit (a diverged step, a wrong seed): this point again from a cold start; the better fit wins. Judged
    // on the goodness of fit (Rwp follows the counts, which change across a chamber's edge)
    const typical = median(recentGof);
    if (seeded && recentGof.length >= 5 && !(result.gof <= RETRY_GOF_FACTOR * typical)) {
      const again = coldStart(k);
      const retry = refineFrame(rv[k]!, phases, again, rvOptions, k, false);
      retried++;
      if (retry.gof < result.gof) {
        result = retry;
        state = again;
        flags.push('retried');
      }
    }
    if (Number.isFinite(result.gof)) {
      recentGof.push(result.gof);
      if (recentGof.length > 50) recentGof.shift();
    }
    results[k] = result;
    states.set(k, state);
    states.delete(k - 2 * nx);
    states.delete(k + 2 * nx);
    previous = k;
    const phaseOut: Record<string, MapPhaseAtPoint> = {};
    const lattices: Record<string, Lattice> = {};
    const kept = result.phases.map((r) => !r.dropped && r.scale > 0 && !(r.scale < MAP_DEFAULTS.detectionK * r.scaleSigma));
    const cellScales = result.phases.map((r, p) => r.lattice.aA / defs[p].lattice.aA);
    const matched = kept.some((x) => x) ? matchAt(k) : null;
    const detectedAt = result.phases.map((r, p) => {
      // presence: the refinement keeps the phase with its scale factor ≥ 3 σ (NaN-safe; its weight fraction's σ
      // mixes in every other phase's), and the lines that only it has (away from the other kept phases' lines)
      // stand out at its refined cell: a phase cannot be present on intensity another phase explains
      const others = result.phases.map((_, q) => q).filter((q) => q !== p && kept[q]).map((q) => ({ lines: lineSets[q], s: cellScales[q] }));
      const distinct = kept[p] ? distinctLineSignificance(matched!, lineSets[p], wavelengthA, cellScales[p], others, 2 * plan.fwhmDeg) : null;
      return kept[p] && (distinct === null || distinct >= DISTINCT_MIN_SIGMA);
    });
    // Weight fractions over the phases found at the point (Hill–Howard fractions are relative, so those of the found
    // phases are renormalised to sum to 1): a phase the presence test rejects has only borrowed another phase's
    // intensity or the background's, and its fraction would take weight from the phases that are there.
    const foundSum = result.phases.reduce((sum, r, p) => sum + (detectedAt[p] ? r.weightFraction : 0), 0);
    const renorm = foundSum > 0 ? 1 / foundSum : 1;
    result.phases.forEach((r, p) => {
      const hex = Math.abs(r.lattice.gammaDeg - 120) < 1e-6;
      const cubic = !hex && Math.abs(r.lattice.aA - r.lattice.cA) < 1e-9;
      const detected = detectedAt[p];
      lattices[phases[p].id] = r.lattice;
      const sCell = r.lattice.aA / defs[p].lattice.aA;
      if (detected && !(sCell > range[0] + MAP_DEFAULTS.scaleStep && sCell < range[1] - MAP_DEFAULTS.scaleStep) && !flags.includes('cell-at-edge')) flags.push('cell-at-edge');
      phaseOut[phases[p].id] = {
        weightFraction: detected ? r.weightFraction * renorm : 0,
        weightFractionSigma: r.weightFractionSigma * renorm,
        a: detected ? r.lattice.aA : null,
        c: detected && !cubic ? r.lattice.cA : null,
        aSigma: detected ? r.aSigmaA : null,
        cSigma: detected && !cubic ? (r.sigmas.c ?? null) : null,
        acCovarianceA2: detected && !cubic ? (r.acCovarianceA2 ?? null) : null,
        volumeA3: detected ? r.cellVolumeA3 : null,
        detected,
      };
    });
    const peaks: Record<string, MapPeakAtPoint> = {};
    for (const spec of options.peaks ?? []) {
      const win = peakWindow(spec, defs, lattices, wavelengthA, plan.fwhmDeg);
      peaks[spec] = windowMetrics(rv[k]!.twoThetaDeg, rv[k]!.intensity, win[0], win[1]);
    }
    let pressureGPa: number | null = null;
    let pressureSigmaGPa: number | null = null;
    let pressureSigmaParts: MapPointResult['pressureSigmaParts'] = null;
    if (scale && options.pressure) {
      const id = defs.find((d) => d.id.toLowerCase() === options.pressure!.phase.toLowerCase())!.id;
      const ph = phaseOut[id];
      if (ph?.detected && ph.a !== null) {
        try {
          // σ(P) from σ(a), σ(c), cov(a, c) (the refinement's covariance matrix) and σ(T) (core/hp/eos
          // pressureWithSigma); |cov| is kept within σ(a)·σ(c) against rounding
          const sa = ph.aSigma ?? 0;
          const sc = ph.cSigma ?? 0;
          const cov = ph.acCovarianceA2;
          const covIn = ph.c !== null && cov !== undefined && cov !== null ? { covarianceACA2: Math.max(-sa * sc, Math.min(sa * sc, cov)) } : {};
          const cellIn = { aA: ph.a, sigmaAA: sa, ...(ph.c !== null ? { cA: ph.c, sigmaCA: sc, ...covIn } : {}) };
          const p = pressureWithSigma(scale, { cell: cellIn }, { temperatureK: pressureTK, sigmaTemperatureK: options.pressure.sigmaTemperatureK });
          pressureGPa = p.pressureGPa;
          pressureSigmaGPa = p.sigmaGPa;
          pressureSigmaParts = { aGPa: p.sigmaFromAGPa ?? 0, cGPa: p.sigmaFromCGPa, temperatureGPa: p.sigmaFromTemperatureGPa };
        } catch (e) {
          warnings.push(`point (ix ${ix}, iy ${iy}): no pressure (${e instanceof Error ? e.message : String(e)})`);
          flags.push('no-pressure');
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
      pressureSigmaParts,
      rwp: Number.isFinite(result.rwp) ? result.rwp : null,
      gof: Number.isFinite(result.gof) ? result.gof : null,
      flags,
    };
    done++;
    hooks.onProgress?.(done, todo.length);
  }
  if (retried > 0) warnings.push(`${retried} point(s) fitted poorly when seeded by their neighbour were refined again from a cold start`);
  return { points, results, warnings, done, cancelled };
}

/** Join the parts of a map (bands) into its result; flags points whose goodness of fit is far above the map's. */
export function finishMap(layout: MapLayout, options: MapAnalysisOptions, plan: MapPlan, parts: MapPointsPart[]): { result: MapResult; results: (FrameResult | null)[] } {
  const { nx, ny } = layout;
  const { defs, scale } = checkMapOptions(options);
  const points: (MapPointResult | null)[] = new Array(nx * ny).fill(null);
  const results: (FrameResult | null)[] = new Array(nx * ny).fill(null);
  for (const part of parts) {
    part.points.forEach((p, k) => {
      if (p) points[k] = p;
    });
    part.results.forEach((r, k) => {
      if (r) results[k] = r;
    });
  }
  const gofs = points.filter((p): p is MapPointResult => p !== null && p.gof !== null).map((p) => p.gof!);
  const typicalGof = median(gofs);
  for (const p of points) if (p && p.gof !== null && p.gof > POOR_GOF_FACTOR * typicalGof) p.flags.push('poor-fit');
  const warnings: string[] = [...layout.problems];
  if (layout.missing.length) warnings.push(`${layout.missing.length} point(s) have no pattern: ${describeMissing(layout.missing)}`);
  warnings.push(...plan.warnings);
  // the retry counts of the bands add up
  let retried = 0;
  for (const part of parts) {
    for (const w of part.warnings) {
      const m = /^(\d+) point\(s\) fitted poorly/.exec(w);
      if (m) retried += Number(m[1]);
      else warnings.push(w);
    }
  }
  if (retried > 0) warnings.push(`${retried} point(s) fitted poorly when seeded by their neighbour were refined again from a cold start`);
  const flagged = points.filter((p) => p && isFlaggedPoint(p)).length;
  if (flagged > 0) warnings.push(`${flagged} point(s) flagged (poor fit, a cell at the end of the search range or no pressure): see the flags column`);
  const stepUm = options.stepUm ?? MAP_DEFAULTS.stepUm;
  const pressureTK = options.pressure?.temperatureK;
  const result: MapResult = {
    nx,
    ny,
    stepUm,
    stepYUm: options.stepYUm ?? stepUm,
    wavelengthA: plan.wavelengthA,
    twoThetaRangeDeg: [plan.lo, plan.hi],
    phases: defs.map((def, p) => {
      const l = scaled(def.lattice, plan.startS[p] ?? 1);
      return { id: def.id, name: def.name, startA: l.aA, startC: Math.abs(l.gammaDeg - 120) < 1e-6 ? l.cA : null };
    }),
    peaks: options.peaks ?? [],
    pressure: scale && options.pressure ? { phase: options.pressure.phase, scale: scale.id, scaleName: scale.name, citation: scale.citation, temperatureK: pressureTK ?? 300, ...(options.pressure.sigmaTemperatureK ? { sigmaTemperatureK: options.pressure.sigmaTemperatureK } : {}) } : null,
    points,
    missing: layout.missing,
    layoutNote: layout.note,
    cancelled: parts.some((p) => p.cancelled),
    done: parts.reduce((a, p) => a + p.done, 0),
    warnings,
    medianGof: Number.isFinite(typicalGof) ? typicalGof : null,
    plan,
  };
  return { result, results };
}

/**
 * The fit setup of an analysed map, rebuilt from its patterns, options and plan (the per-point results come from the
 * analysis, e.g. a worker): what mapPointFit draws from.
 */
export function rebuildMapSetup(patterns: (Pattern | null)[], options: MapAnalysisOptions, plan: MapPlan, results: (FrameResult | null)[]): MapFitSetup {
  const ctx = mapContext(options, plan);
  return { phases: ctx.phases, options: ctx.rvOptions, patterns: mapFrames(patterns, plan), results };
}

/** The whole map on this thread: plan, every point in serpentine order, result. */
export function analyseMap(patterns: (Pattern | null)[], layout: MapLayout, options: MapAnalysisOptions, hooks: MapHooks = {}): { result: MapResult; setup: MapFitSetup; plan: MapPlan } {
  const plan = planMap(patterns, layout, options);
  const part = analyseMapPoints(patterns, layout, options, plan, serpentineOrder(layout.nx, layout.ny), hooks);
  const { result, results } = finishMap(layout, options, plan, [part]);
  return { result, setup: rebuildMapSetup(patterns, options, plan, results), plan };
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
