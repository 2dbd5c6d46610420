/**
 * Finding scales: the built-in library plus the user's own scales. An id that does not resolve is an error that
 * lists what exists — never a silent fall-back to some default scale.
 */
import { BUILTIN_SCALES } from './library';
import { parseScaleDefinitions, type Lattice, type ScaleDefinition } from './schema';

export class UnknownScaleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownScaleError';
  }
}

export interface ScaleRegistry {
  readonly scales: readonly ScaleDefinition[];
  /** Ids (calibrant/id) of the user's scales. */
  readonly customKeys: ReadonlySet<string>;
}

export interface ScaleSummary {
  calibrant: string;
  id: string;
  aliases: string[];
  /** The calibrant's lattice: 'hcp' needs a and c, the others a. */
  lattice: Lattice;
  name: string;
  citation: string;
  doi: string | null;
  isotherm: string;
  thermalModel: string;
  v0A3: number;
  referenceTemperatureK: number;
  validity: string;
  custom: boolean;
}

const key = (calibrant: string, id: string): string => `${calibrant.toLowerCase()}/${id}`;

/** A registry of the built-in scales and `custom` (validated again here); a clash of calibrant + id is refused. */
export function createRegistry(custom: readonly unknown[] = []): ScaleRegistry {
  const scales: ScaleDefinition[] = [...BUILTIN_SCALES];
  const taken = new Map<string, string>();
  for (const s of scales) for (const id of [s.id, ...(s.aliases ?? [])]) taken.set(key(s.calibrant, id), 'built-in');
  const customKeys = new Set<string>();
  custom.forEach((raw, i) => {
    const [def] = parseScaleDefinitions(raw, `custom scale #${i + 1}`);
    for (const id of [def.id, ...(def.aliases ?? [])]) {
      const k = key(def.calibrant, id);
      if (taken.has(k)) {
        throw new UnknownScaleError(`custom scale "${def.id}" for ${def.calibrant}: the id "${id}" is already used by a ${taken.get(k)} scale; choose another id`);
      }
      taken.set(k, 'custom');
    }
    customKeys.add(key(def.calibrant, def.id));
    scales.push(def);
  });
  return { scales, customKeys };
}

export const DEFAULT_REGISTRY: ScaleRegistry = createRegistry();

/** Calibrant names in the registry, in library order. */
export function calibrants(registry: ScaleRegistry = DEFAULT_REGISTRY): string[] {
  return [...new Set(registry.scales.map((s) => s.calibrant))];
}

function canonicalCalibrant(name: string, registry: ScaleRegistry): string | null {
  const lc = name.trim().toLowerCase();
  return calibrants(registry).find((c) => c.toLowerCase() === lc) ?? null;
}

/**
 * The scale with this id (or alias) for this calibrant. Without a calibrant the id must be unique in the
 * registry. Throws UnknownScaleError naming what is available.
 */
export function scaleById(id: string, calibrant?: string, registry: ScaleRegistry = DEFAULT_REGISTRY): ScaleDefinition {
  const want = id.trim().toLowerCase();
  const matches = (s: ScaleDefinition): boolean => s.id === want || (s.aliases ?? []).includes(want);
  if (calibrant !== undefined) {
    const cal = canonicalCalibrant(calibrant, registry);
    if (!cal) throw new UnknownScaleError(`unknown calibrant "${calibrant}"; calibrants: ${calibrants(registry).join(', ')}`);
    const hit = registry.scales.find((s) => s.calibrant === cal && matches(s));
    if (!hit) {
      const ids = registry.scales.filter((s) => s.calibrant === cal).map((s) => [s.id, ...(s.aliases ?? [])].join(' = '));
      throw new UnknownScaleError(`unknown scale "${id}" for ${cal}; scales for ${cal}: ${ids.join(', ')}`);
    }
    return hit;
  }
  const hits = registry.scales.filter(matches);
  if (hits.length === 1) return hits[0];
  if (hits.length === 0) throw new UnknownScaleError(`unknown scale "${id}"; run "reductionlab scales" for the list`);
  throw new UnknownScaleError(`scale "${id}" exists for ${hits.map((h) => h.calibrant).join(', ')}: name the calibrant`);
}

function isothermLabel(def: ScaleDefinition): string {
  if (def.eos.kind === 'table') return 'table';
  const i = def.eos.isotherm;
  const base = `${i.form.toUpperCase()} K0 = ${i.k0GPa.toFixed(2)} GPa, K0′ = ${i.k0Prime}`;
  return i.form === 'bm4' ? `${base}, K0″ = ${i.k0DoublePrimePerGPa} GPa⁻¹` : base;
}

export function thermalModelLabel(def: ScaleDefinition): string {
  if (def.eos.kind === 'table') return `tabulated P(V,T), ${def.eos.table.temperatureK[0]}–${def.eos.table.temperatureK[def.eos.table.temperatureK.length - 1]} K`;
  const t = def.eos.thermal;
  switch (t.model) {
    case 'none':
      return `none (${t.referenceTemperatureK} K isotherm only)`;
    case 'mgd': {
      const g = t.gamma;
      const gs = g.form === 'power-law' ? `γ0 = ${g.gamma0}, q = ${g.q}` : g.form === 'speziale' ? `Speziale q(V): γ0 = ${g.gamma0}, q0 = ${g.q0}, q1 = ${g.q1}` : `Tange γ(V): γ0 = ${g.gamma0}, a = ${g.a}, b = ${g.b}`;
      return `Mie–Grüneisen–Debye, θ0 = ${t.debyeTemperature0K} K, ${gs}`;
    }
    case 'alpha-kt':
      return `αK_T = ${(t.alphaKtGPaPerK * 1000).toFixed(3)} MPa/K, (∂K_T/∂T)_V = ${(t.dKdTAtConstantVGPaPerK * 1000).toFixed(2)} MPa/K`;
    case 'dorogokupets-oganov-2007':
      return 'Dorogokupets–Oganov 2007 free energy (2 Bose–Einstein + 2 Einstein terms, anharmonicity, electrons, vacancies)';
  }
}

export function referenceTemperatureK(def: ScaleDefinition): number {
  return def.eos.kind === 'table' ? def.eos.referenceTemperatureK : def.eos.thermal.referenceTemperatureK;
}

function validityLabel(def: ScaleDefinition): string {
  const v = def.validity;
  if (!v) return 'not stated';
  const parts: string[] = [];
  if (v.maxPressureGPa !== undefined) parts.push(`P ≤ ${v.maxPressureGPa} GPa`);
  if (v.minVOverV0 !== undefined) parts.push(`V/V0 ≥ ${v.minVOverV0}`);
  if (v.minTemperatureK !== undefined || v.maxTemperatureK !== undefined) parts.push(`T ${v.minTemperatureK ?? '—'}–${v.maxTemperatureK ?? '—'} K`);
  const nums = parts.length ? parts.join(', ') : 'no numeric range';
  return v.note ? `${nums} (${v.note})` : nums;
}

export function summarizeScale(def: ScaleDefinition, registry: ScaleRegistry = DEFAULT_REGISTRY): ScaleSummary {
  return {
    calibrant: def.calibrant, id: def.id, aliases: def.aliases ?? [], lattice: def.structure.lattice, name: def.name, citation: def.citation, doi: def.doi ?? null,
    isotherm: isothermLabel(def), thermalModel: thermalModelLabel(def), v0A3: def.v0A3, referenceTemperatureK: referenceTemperatureK(def),
    validity: validityLabel(def), custom: registry.customKeys.has(key(def.calibrant, def.id)),
  };
}

/** Every scale of the registry, calibrant by calibrant. */
export function listScales(registry: ScaleRegistry = DEFAULT_REGISTRY): ScaleSummary[] {
  return registry.scales.map((s) => summarizeScale(s, registry));
}
