/**
 * ROIs and presence-test positions from the crystallography: 'phase:hkl' specs such as 'fcc-FeNi:200' or
 * 'wustite:200', and a phase's strongest reflections that no other candidate phase overlaps.
 * The phase lookup is passed in (e.g. the phase library's getPhase), so this module needs only PhaseDef.
 */
import { dSpacingA } from '../crystal/lattice';
import { generateReflections } from '../crystal/reflections';
import type { Lattice, PhaseDef } from '../crystal/types';
import { braggTwoThetaDeg } from './lattice';
import type { ReflectionPosition } from './presence';
import type { RoiDefinition } from './types';

export interface ReflectionSpec {
  phaseId: string;
  hkl: [number, number, number];
}

/** Miller indices from '200', '1-10', '-1 1 0', '10,-1,2' (digits are single indices unless separated). */
export function parseHkl(text: string): [number, number, number] {
  const t = text.trim();
  const parts = /[\s,]/.test(t) ? t.split(/[\s,]+/).filter(Boolean) : (t.match(/-?\d/g) ?? []);
  if (parts.length !== 3 || parts.some((p) => !/^-?\d+$/.test(p))) throw new Error(`'${text}' is not an hkl triple`);
  return [Number(parts[0]), Number(parts[1]), Number(parts[2])];
}

/** 'fcc-FeNi:200' → { phaseId: 'fcc-FeNi', hkl: [2, 0, 0] } (the last ':' separates). */
export function parseReflectionSpec(spec: string): ReflectionSpec {
  const i = spec.lastIndexOf(':');
  if (i <= 0) throw new Error(`'${spec}' is not 'phase:hkl'`);
  return { phaseId: spec.slice(0, i), hkl: parseHkl(spec.slice(i + 1)) };
}

export interface RoiFromReflectionOptions {
  wavelengthA: number;
  /** ROI half-width around the expected 2θ (°); default 0.2 (room-temperature lattices shift at 700 °C). */
  halfWidthDeg?: number;
  /** Lattice to use instead of the phase's (refined, thermally expanded). */
  lattice?: Lattice;
  /** Seed FWHM (2θ°); estimated from the data when omitted. */
  fwhmDeg?: number;
  backgroundOrder?: number;
}

/**
 * A one-peak ROI around a phase reflection. The seed centre is left to the data (largest net maximum in the
 * ROI) because the library lattice rarely matches the sample's temperature and composition; the expected
 * position is the ROI's middle.
 */
export function roiFromReflection(
  spec: string, getPhase: (id: string) => PhaseDef | undefined, options: RoiFromReflectionOptions,
): RoiDefinition & { expectedTwoThetaDeg: number } {
  const { phaseId, hkl } = parseReflectionSpec(spec);
  const phase = getPhase(phaseId);
  if (!phase) throw new Error(`unknown phase '${phaseId}' in '${spec}'`);
  const d = dSpacingA(options.lattice ?? phase.lattice, hkl[0], hkl[1], hkl[2]);
  const tth = braggTwoThetaDeg(d, options.wavelengthA);
  if (!Number.isFinite(tth)) throw new Error(`${spec}: d = ${d.toFixed(4)} Å is out of reach at λ = ${options.wavelengthA} Å`);
  const hw = options.halfWidthDeg ?? 0.2;
  return {
    id: spec, fromDeg: tth - hw, toDeg: tth + hw, backgroundOrder: options.backgroundOrder ?? 1, expectedTwoThetaDeg: tth,
    peaks: [{ label: `${phaseId} ${hkl.join('')}`, fwhmDeg: options.fwhmDeg }],
  };
}

export interface StrongestOptions {
  wavelengthA: number;
  twoThetaMinDeg: number;
  twoThetaMaxDeg: number;
  /** How many reflections to keep; default 3. */
  count?: number;
  lattice?: Lattice;
  /** Reflections of other candidate phases; a reflection closer than minSeparationDeg to any is skipped. */
  avoidDeg?: number[];
  /**
   * Default 0.06° (1.5 FWHM of the simulated 700 °C data): closer overlaps cannot be told apart; farther ones are
   * fitted alongside as nuisance peaks by the presence test.
   */
  minSeparationDeg?: number;
}

/** The strongest reflections of a phase in a 2θ range that no other phase's reflection overlaps. */
export function strongestReflections(phase: PhaseDef, options: StrongestOptions): ReflectionPosition[] {
  const refl = generateReflections(phase, {
    wavelengthA: options.wavelengthA, twoThetaMinDeg: options.twoThetaMinDeg, twoThetaMaxDeg: options.twoThetaMaxDeg, lattice: options.lattice,
  }).filter((r) => r.intensity > 0);
  const sep = options.minSeparationDeg ?? 0.06;
  const avoid = options.avoidDeg ?? [];
  return refl
    .filter((r) => avoid.every((a) => Math.abs(a - r.twoThetaDeg) >= sep))
    .sort((a, b) => b.intensity - a.intensity)
    .slice(0, options.count ?? 3)
    .map((r) => ({ label: `${phase.id} ${r.h}${r.k}${r.l}`, twoThetaDeg: r.twoThetaDeg }));
}

/** All reflection positions (2θ°) of the given phases in a range, to avoid in presence tests and flanks. */
export function reflectionPositionsDeg(phases: PhaseDef[], options: Omit<StrongestOptions, 'count' | 'avoidDeg' | 'minSeparationDeg'> & { lattices?: Record<string, Lattice> }): number[] {
  const out: number[] = [];
  for (const ph of phases) {
    for (const r of generateReflections(ph, {
      wavelengthA: options.wavelengthA, twoThetaMinDeg: options.twoThetaMinDeg, twoThetaMaxDeg: options.twoThetaMaxDeg,
      lattice: options.lattices?.[ph.id],
    })) out.push(r.twoThetaDeg);
  }
  return out.sort((a, b) => a - b);
}
