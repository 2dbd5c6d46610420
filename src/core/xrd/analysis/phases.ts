/**
 * Phases of an analysis: library ids and CIF phases resolved to definitions, Vegard solid solutions rebuilt on the
 * analysis's end members.
 */
import type { XrdAnalysisOptions } from '../../../shared/xrd-results';
import { parseCif } from '../crystal/cif';
import { feNiPhase, getPhase } from '../crystal/library';
import type { PhaseDef } from '../crystal/types';
import { XRD_ANALYSIS_DEFAULTS, type ResolvedPhases } from './common';

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
