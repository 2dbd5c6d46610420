/**
 * Reflections of the selected phases for the views: tick rows under a pattern (one row per phase, hkl in the
 * tooltip) and zoom windows around a reflection ('fcc-FeNi:200' → a 2θ window around fcc (Fe,Ni) 200), from the
 * phase library's (or a CIF phase's) generateReflections (core/xrd/crystal) at the sequence's wavelength, at the
 * library cell or at a given cell (an analysed frame's refined cell: frameLattices).
 */
import { convertAxis } from '../../../../core/xrd/axes';
import { generateReflections, getPhase, phaseLibrary, type Lattice, type PhaseDef } from '../../../../core/xrd/crystal/index';
import { parseReflectionSpec } from '../../../../core/xrd/peaks/reflections';
import { cellDetermined } from '../../../../core/xrd/pipeline';
import type { XrdAnalysis } from '../../../../shared/xrd-results';
import { phaseColor, phaseLabel, type XrdAxis } from './style';

export interface Tick {
  h: number;
  k: number;
  l: number;
  twoThetaDeg: number;
  dA: number;
  /** Position on the display axis. */
  x: number;
  /** m·|F|²·LP relative to the phase's strongest reflection in range (0…1). */
  relativeIntensity: number;
}

export interface TickRow {
  phaseId: string;
  name: string;
  color: string;
  ticks: Tick[];
}

export interface TickOptions {
  wavelengthA: number;
  twoThetaMinDeg: number;
  twoThetaMaxDeg: number;
  axis?: XrdAxis;
  /** Per-phase lattice (refined or starting cell) instead of the library's room-temperature cell. */
  lattices?: Record<string, Lattice>;
  /** Leave out reflections weaker than this fraction of the phase's strongest. Default 0.01. */
  minRelativeIntensity?: number;
  /** Phases beyond the library (read from CIF files), by id. */
  phases?: PhaseStructures;
}

/** Structures of phases that are not in the library (CIF phases of the session), by id. */
export type PhaseStructures = Record<string, PhaseDef>;

/** A phase by id: the given structures first (CIF), then the library; null when unknown. */
export function findPhase(id: string, phases?: PhaseStructures): PhaseDef | null {
  return phases?.[id] ?? libraryPhase(id);
}

/**
 * The cell of every phase of an analysis at frame `index`, as the pipeline places its lines: a refined phase's
 * refined cell from the last frame (≤ index) where the data determine it (core/xrd/pipeline cellDetermined: not
 * dropped, not frozen, a clear fraction), else its starting cell; other phases their starting cell.
 */
export function frameLattices(analysis: XrdAnalysis, index: number): Record<string, Lattice> {
  const out: Record<string, Lattice> = {};
  for (const p of analysis.phases) {
    let lattice: Lattice = p.startLattice;
    if (p.refined) {
      const last = Math.min(index, analysis.frames.length - 1);
      for (let f = last; f >= 0; f--) {
        const ph = analysis.frames[f].phases[p.id];
        if (ph && cellDetermined(ph)) {
          lattice = ph.lattice;
          break;
        }
      }
    }
    out[p.id] = lattice;
  }
  return out;
}

/** A library phase by id, or null (unknown ids are skipped by the views, not fatal). */
export function libraryPhase(id: string): PhaseDef | null {
  try {
    return getPhase(id);
  } catch {
    return null;
  }
}

/** One row of ticks per phase, in the order given. */
export function tickRows(phaseIds: string[], options: TickOptions): TickRow[] {
  const axis = options.axis ?? '2th_deg';
  const rows: TickRow[] = [];
  for (const id of phaseIds) {
    const phase = findPhase(id, options.phases);
    if (!phase) continue;
    const refl = generateReflections(phase, {
      wavelengthA: options.wavelengthA,
      twoThetaMinDeg: options.twoThetaMinDeg,
      twoThetaMaxDeg: options.twoThetaMaxDeg,
      lattice: options.lattices?.[id],
      minRelativeIntensity: options.minRelativeIntensity ?? 0.01,
    });
    let max = 0;
    for (const r of refl) max = Math.max(max, r.intensity);
    const tth = Float64Array.from(refl.map((r) => r.twoThetaDeg));
    const x = axis === '2th_deg' ? tth : convertAxis(tth, '2th_deg', axis, options.wavelengthA);
    rows.push({
      phaseId: id,
      name: phaseLabel(id),
      color: phaseColor(id, phaseIds),
      ticks: refl.map((r, i) => ({ h: r.h, k: r.k, l: r.l, twoThetaDeg: r.twoThetaDeg, dA: r.dA, x: x[i], relativeIntensity: max > 0 ? r.intensity / max : 0 })),
    });
  }
  return rows;
}

export interface ZoomWindow {
  spec: string;
  label: string;
  /** Window in 2θ (°) and on the display axis (ascending). */
  twoThetaDeg: [number, number];
  range: [number, number];
}

/**
 * The window around reflection `spec` ('phase:hkl'): from its 2θ at the library cell to its 2θ at `lattice`
 * (e.g. the cell found in the data, ~1 % larger at 700 °C), widened by halfWidthDeg on both sides.
 */
export function zoomWindow(spec: string, options: { wavelengthA: number; axis?: XrdAxis; halfWidthDeg?: number; lattice?: Lattice; phases?: PhaseStructures }): ZoomWindow {
  const { phaseId, hkl } = parseReflectionSpec(spec);
  const phase = findPhase(phaseId, options.phases);
  if (!phase) throw new Error(`unknown phase '${phaseId}' in '${spec}'`);
  const hw = options.halfWidthDeg ?? 0.25;
  const at = (lat: Lattice): number => {
    const refl = generateReflections(phase, { wavelengthA: options.wavelengthA, twoThetaMaxDeg: 179, lattice: lat });
    const key = canonical(hkl);
    const r = refl.find((x) => x.h === hkl[0] && x.k === hkl[1] && x.l === hkl[2]) ?? refl.find((x) => canonical([x.h, x.k, x.l]) === key);
    if (!r) throw new Error(`${spec}: no ${hkl.join('')} reflection for ${phase.name} (absent by symmetry?)`);
    return r.twoThetaDeg;
  };
  const t0 = at(phase.lattice);
  const t1 = options.lattice ? at(options.lattice) : t0;
  const tth: [number, number] = [Math.min(t0, t1) - hw, Math.max(t0, t1) + hw];
  const axis = options.axis ?? '2th_deg';
  const conv = convertAxis(Float64Array.from(tth), '2th_deg', axis, options.wavelengthA);
  return { spec, label: `${phaseLabel(phaseId)} ${hkl.join('')}`, twoThetaDeg: tth, range: [Math.min(conv[0], conv[1]), Math.max(conv[0], conv[1])] };
}

/** hkl as a sorted |h|,|k|,|l| key: cubic equivalents (200, 020, 002) match (other systems match hkl exactly first). */
function canonical(hkl: number[]): string {
  return hkl
    .map(Math.abs)
    .sort((a, b) => b - a)
    .join(',');
}

/** Ids and names of the library phases, for the pickers. */
export function libraryPhases(): { id: string; name: string; formula: string }[] {
  return phaseLibrary.map((p) => ({ id: p.id, name: p.name, formula: p.formula }));
}

/** Default zoom windows for a set of phases: each phase's {200} when it has one in range, else its strongest. */
export function defaultWindowSpecs(phaseIds: string[], wavelengthA: number, twoThetaRangeDeg: [number, number], phases?: PhaseStructures): string[] {
  const out: string[] = [];
  for (const id of phaseIds) {
    const phase = findPhase(id, phases);
    if (!phase) continue;
    const refl = generateReflections(phase, { wavelengthA, twoThetaMinDeg: twoThetaRangeDeg[0], twoThetaMaxDeg: twoThetaRangeDeg[1] });
    if (refl.length === 0) continue;
    const r200 = refl.find((r) => canonical([r.h, r.k, r.l]) === '2,0,0');
    const best = r200 ?? refl.reduce((a, b) => (b.intensity > a.intensity ? b : a));
    out.push(`${id}:${best.h}${best.k}${best.l}`);
  }
  return out;
}
