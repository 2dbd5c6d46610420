/**
 * Phases of an analysis: library ids and CIF phases resolved to definitions. Library phases are taken at the run
 * temperature (cell by their mean thermal expansion, B by the Debye model, Vegard end members expanded:
 * crystal/thermal); a Vegard solid solution is rebuilt on end members the caller gives.
 */
import type { XrdAnalysisOptions } from '../../../shared/xrd-results';
import { parseCif } from '../crystal/cif';
import { DEFAULT_FENI_VEGARD, getPhase, vegardLattice } from '../crystal/library';
import { phaseAtTemperature, ROOM_TEMPERATURE_C, vegardAtTemperature } from '../crystal/thermal';
import type { PhaseDef, VegardLaw } from '../crystal/types';
import type { ResolvedPhases } from './common';

/**
 * A Vegard solid solution on end members given by the caller (at the temperature the phase is for; composition x,
 * atoms and their B kept). Given ends carry no uncertainty or thermal expansion of their own, so no systematic σ of
 * x is derived from them. Other phases unchanged.
 */
export function withVegardEnds(def: PhaseDef, ends: { a0A: number; a1A: number }): PhaseDef {
  if (!def.vegard) return def;
  const law: VegardLaw = {
    parameter: def.vegard.parameter,
    endMembers: { aAtZeroA: ends.a0A, aAtOneA: ends.a1A },
    x: Math.min(1, Math.max(0, def.vegard.x)),
    citation: `Vegard end members a(x=0) = ${ends.a0A} Å, a(x=1) = ${ends.a1A} Å set by the analysis; library law: ${def.vegard.citation}`,
    ...(def.vegard.temperatureC !== undefined ? { temperatureC: def.vegard.temperatureC } : {}),
  };
  return { ...def, lattice: vegardLattice(law, law.x), vegard: law };
}

/** The library's fcc (Fe,Ni) Vegard end members (Ni and Invar at room temperature) at a run temperature (Å). */
export function literatureVegardEnds(temperatureC: number): { a0A: number; a1A: number } {
  const law = vegardAtTemperature(DEFAULT_FENI_VEGARD, temperatureC);
  return { a0A: law.endMembers.aAtZeroA, a1A: law.endMembers.aAtOneA };
}

/** A library phase at the run temperature, on the caller's Vegard ends when given. */
export function libraryPhaseAt(id: string, temperatureC: number, vegardEndsA?: { a0A: number; a1A: number }): PhaseDef {
  const def = phaseAtTemperature(getPhase(id.trim()), temperatureC);
  return vegardEndsA ? withVegardEnds(def, vegardEndsA) : def;
}

/**
 * Library or CIF phases by id (case-insensitive). CIF phases are named by parseCif ('cif-<block name>') and used as
 * the file gives them; library phases are taken at options.temperatureC (default 25 °C).
 * Throws with the list of known ids when one is unknown.
 */
export function resolvePhases(options: Pick<XrdAnalysisOptions, 'phases' | 'detectPhases' | 'cifs' | 'vegardEndsA' | 'temperatureC'>): ResolvedPhases {
  const fromCif = (options.cifs ?? []).map((c) => parseCif(c.text, c.fileName));
  const t = options.temperatureC ?? ROOM_TEMPERATURE_C;
  const lookup = (id: string): PhaseDef => {
    const key = id.trim().toLowerCase();
    const cif = fromCif.find((p) => p.id.toLowerCase() === key);
    if (cif) return cif;
    try {
      return libraryPhaseAt(id, t, options.vegardEndsA);
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
