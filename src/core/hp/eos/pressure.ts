/**
 * The pressure API that the CLI, the app, the EDD analysis and the XRD maps use:
 *
 *   pressureGPa(scale, input, T)                  → P (GPa)
 *   pressureWithSigma(scale, input, options)      → P ± σ_P with V, V/V₀, warnings and the citation
 *   volumeAt(scale, P, T)                         → V(P, T) (Å³), V/V₀, warnings
 *
 * `input` is a unit-cell volume, a cell (a, or a and c for hcp calibrants) or V/V₀. σ_P comes from the σ of the
 * lattice parameters (or of V) and of T by first-order propagation with the analytic derivatives:
 *   σ_P² = (∂P/∂V · σ_V)² + (∂P/∂T · σ_T)²,
 * σ_V from σ_a, σ_c and cov(a, c) (cell.ts); the parts from a, c and T are reported (with cov(a, c) ≠ 0 the parts
 * from a and c do not add in quadrature to the part from V).
 * Outside a scale's validated range the result carries a warning (never a refusal); a temperature away from the
 * reference of an isotherm-only scale is refused, because such a scale has no thermal pressure to give.
 */
import { cubicVolume, hexagonalVolume, hexagonalVolumeDerivatives, type CellInput } from './cell';
import { eosModel, type EosModel } from './model';
import { latticeSystem, type ScaleDefinition } from './schema';
import { EosSolveError, solveVolume } from './solve';
import { referenceTemperatureK } from './registry';

export type VolumeInput =
  | { volumeA3: number; sigmaVolumeA3?: number }
  | { cell: CellInput }
  | { vOverV0: number; sigmaVOverV0?: number };

export interface PressureOptions {
  /** Temperature (K); default the scale's reference temperature (300 K for most). */
  temperatureK?: number;
  sigmaTemperatureK?: number;
  /** Use this V₀ (Å³) instead of the scale's, e.g. the calibrant's own volume measured at 1 bar. */
  v0A3?: number;
}

export interface PressureResult {
  pressureGPa: number;
  sigmaGPa: number;
  /** The parts of σ_P from the volume and from the temperature. */
  sigmaFromVolumeGPa: number;
  sigmaFromTemperatureGPa: number;
  /** |∂P/∂V·∂V/∂a|·σ_a and |∂P/∂V·∂V/∂c|·σ_c for a cell input (null for a volume or V/V₀; c: hexagonal cells only). */
  sigmaFromAGPa: number | null;
  sigmaFromCGPa: number | null;
  volumeA3: number;
  sigmaVolumeA3: number;
  vOverV0: number;
  v0A3: number;
  temperatureK: number;
  /** Isothermal bulk modulus −V·∂P/∂V at (V, T), GPa. */
  bulkModulusGPa: number;
  calibrant: string;
  scale: string;
  scaleName: string;
  citation: string;
  doi: string | null;
  warnings: string[];
}

/** Invalid input (bad numbers, a cell that does not fit the calibrant, T for an isotherm-only scale). */
export class PressureInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PressureInputError';
  }
}

const ISOTHERM_T_TOLERANCE_K = 10;

const overrideCache = new WeakMap<ScaleDefinition, Map<number, ScaleDefinition>>();

/** The scale itself, or a copy with another V₀. */
export function withV0(def: ScaleDefinition, v0A3?: number): ScaleDefinition {
  if (v0A3 === undefined || v0A3 === def.v0A3) return def;
  if (!(v0A3 > 0) || !Number.isFinite(v0A3)) throw new PressureInputError(`V0 must be a positive number of Å³ (got ${v0A3})`);
  let m = overrideCache.get(def);
  if (!m) overrideCache.set(def, (m = new Map()));
  let d = m.get(v0A3);
  if (!d) m.set(v0A3, (d = { ...def, v0A3 }));
  return d;
}

function finitePositive(name: string, v: number | undefined): void {
  if (v === undefined) return;
  if (!Number.isFinite(v) || v < 0) throw new PressureInputError(`${name} must be a non-negative number (got ${v})`);
}

/** Unit-cell volume and its σ from any input form. */
export function resolveVolume(def: ScaleDefinition, input: VolumeInput): { volumeA3: number; sigmaVolumeA3: number } {
  if ('cell' in input) {
    const c = input.cell;
    if (!(c.aA > 0) || !Number.isFinite(c.aA)) throw new PressureInputError(`a must be a positive number of Å (got ${c.aA})`);
    finitePositive('σ(a)', c.sigmaAA);
    finitePositive('σ(c)', c.sigmaCA);
    const system = latticeSystem(def.structure.lattice);
    if (system === 'hexagonal') {
      if (c.cA === undefined) throw new PressureInputError(`${def.calibrant} is hexagonal: give both a and c`);
      if (!(c.cA > 0) || !Number.isFinite(c.cA)) throw new PressureInputError(`c must be a positive number of Å (got ${c.cA})`);
      if (c.covarianceACA2 !== undefined && !(Number.isFinite(c.covarianceACA2) && Math.abs(c.covarianceACA2) <= (c.sigmaAA ?? 0) * (c.sigmaCA ?? 0) * (1 + 1e-9))) {
        throw new PressureInputError(`cov(a, c) must be a number with |cov| ≤ σ(a)·σ(c) (got ${c.covarianceACA2})`);
      }
      return hexagonalVolume(c.aA, c.cA, c.sigmaAA ?? 0, c.sigmaCA ?? 0, c.covarianceACA2 ?? 0);
    }
    if (c.cA !== undefined) throw new PressureInputError(`${def.calibrant} is cubic: give only a (c was given)`);
    return cubicVolume(c.aA, c.sigmaAA ?? 0);
  }
  if ('volumeA3' in input) {
    if (!(input.volumeA3 > 0) || !Number.isFinite(input.volumeA3)) throw new PressureInputError(`volume must be a positive number of Å³ (got ${input.volumeA3})`);
    finitePositive('σ(V)', input.sigmaVolumeA3);
    return { volumeA3: input.volumeA3, sigmaVolumeA3: input.sigmaVolumeA3 ?? 0 };
  }
  if (!(input.vOverV0 > 0) || !Number.isFinite(input.vOverV0)) throw new PressureInputError(`V/V0 must be a positive number (got ${input.vOverV0})`);
  finitePositive('σ(V/V0)', input.sigmaVOverV0);
  return { volumeA3: input.vOverV0 * def.v0A3, sigmaVolumeA3: (input.sigmaVOverV0 ?? 0) * def.v0A3 };
}

/** The temperature to use, refusing a non-reference temperature for an isotherm-only scale. */
export function resolveTemperature(def: ScaleDefinition, model: EosModel, temperatureK: number | undefined, warnings: string[]): number {
  const tRef = referenceTemperatureK(def);
  if (temperatureK === undefined) return tRef;
  if (!Number.isFinite(temperatureK) || temperatureK <= 0) throw new PressureInputError(`temperature must be a positive number of K (got ${temperatureK})`);
  if (!model.hasThermalModel && temperatureK !== tRef) {
    if (Math.abs(temperatureK - tRef) > ISOTHERM_T_TOLERANCE_K) {
      throw new PressureInputError(`${def.calibrant} ${def.id} is a ${tRef} K isotherm without a thermal model: it cannot give a pressure at ${temperatureK} K; choose a scale with a thermal model`);
    }
    warnings.push(`${def.id} is a ${tRef} K isotherm: the pressure is the ${tRef} K value (${temperatureK} K was given)`);
    return tRef;
  }
  return temperatureK;
}

/** Warnings for a state outside the scale's validated range. */
export function rangeWarnings(def: ScaleDefinition, pressureGPa: number, vOverV0: number, temperatureK: number): string[] {
  const w: string[] = [];
  const v = def.validity;
  const why = v?.note ? ` (${v.note})` : '';
  if (v?.maxPressureGPa !== undefined && pressureGPa > v.maxPressureGPa) {
    w.push(`${pressureGPa.toFixed(1)} GPa (V/V0 = ${vOverV0.toFixed(4)}) is beyond the ${v.maxPressureGPa} GPa to which ${def.calibrant} ${def.id} was calibrated${why}: an extrapolation`);
  }
  if (v?.minVOverV0 !== undefined && vOverV0 < v.minVOverV0) {
    w.push(`V/V0 = ${vOverV0.toFixed(4)} is below the ${v.minVOverV0} to which ${def.calibrant} ${def.id} was calibrated${why}: an extrapolation`);
  }
  if (def.eos.kind === 'table' && 1 - vOverV0 < def.eos.table.compression[0]) {
    w.push(`V/V0 = ${vOverV0.toFixed(4)} lies outside the ${def.id} table (compression ${def.eos.table.compression[0]}–${def.eos.table.compression[def.eos.table.compression.length - 1]}): linear continuation`);
  }
  if (v?.maxTemperatureK !== undefined && temperatureK > v.maxTemperatureK) {
    w.push(`${temperatureK} K is above the ${v.maxTemperatureK} K to which ${def.calibrant} ${def.id} was calibrated${why}`);
  }
  if (v?.minTemperatureK !== undefined && temperatureK < v.minTemperatureK) {
    w.push(`${temperatureK} K is below the ${v.minTemperatureK} K to which ${def.calibrant} ${def.id} was calibrated${why}`);
  }
  if (pressureGPa < 0) w.push(`negative pressure (${pressureGPa.toFixed(2)} GPa): the volume is larger than V0 at this temperature`);
  return w;
}

/** The parts of σ_P from σ_a and σ_c of a cell input (|∂P/∂V| given; |∂P/∂V| = K_T/V from a PressureResult). */
export function cellParts(input: VolumeInput, absDPdV: number): { sigmaFromAGPa: number | null; sigmaFromCGPa: number | null } {
  if (!('cell' in input)) return { sigmaFromAGPa: null, sigmaFromCGPa: null };
  const c = input.cell;
  if (c.cA === undefined) return { sigmaFromAGPa: absDPdV * 3 * c.aA * c.aA * (c.sigmaAA ?? 0), sigmaFromCGPa: null };
  const { dVdaA2, dVdcA2 } = hexagonalVolumeDerivatives(c.aA, c.cA);
  return { sigmaFromAGPa: absDPdV * dVdaA2 * (c.sigmaAA ?? 0), sigmaFromCGPa: absDPdV * dVdcA2 * (c.sigmaCA ?? 0) };
}

/** P (GPa) of a scale at a volume / cell / V/V₀ and temperature (default: the scale's reference temperature). */
export function pressureGPa(def: ScaleDefinition, input: VolumeInput, temperatureK?: number): number {
  return pressureWithSigma(def, input, { temperatureK }).pressureGPa;
}

/** P ± σ_P with the volume, V/V₀, bulk modulus, citation and range warnings. */
export function pressureWithSigma(scale: ScaleDefinition, input: VolumeInput, options: PressureOptions = {}): PressureResult {
  const def = withV0(scale, options.v0A3);
  const model = eosModel(def);
  const warnings: string[] = [];
  const { volumeA3, sigmaVolumeA3 } = resolveVolume(def, input);
  const t = resolveTemperature(def, model, options.temperatureK, warnings);
  finitePositive('σ(T)', options.sigmaTemperatureK);
  const p = model.pressureGPa(volumeA3, t);
  if (!Number.isFinite(p)) throw new PressureInputError(`${def.id}: no pressure at V = ${volumeA3} Å³ and ${t} K`);
  const dPdV = model.dPdV(volumeA3, t);
  const sigmaT = model.hasThermalModel ? (options.sigmaTemperatureK ?? 0) : 0;
  const sV = Math.abs(dPdV) * sigmaVolumeA3;
  const sT = sigmaT > 0 ? Math.abs(model.dPdT(volumeA3, t)) * sigmaT : 0;
  const vOverV0 = volumeA3 / def.v0A3;
  const parts = cellParts(input, Math.abs(dPdV));
  warnings.push(...rangeWarnings(def, p, vOverV0, t));
  if (!(dPdV < 0)) warnings.push(`${def.id}: dP/dV ≥ 0 at V/V0 = ${vOverV0.toFixed(4)} — the EOS is unstable there; the pressure is not meaningful`);
  if (options.v0A3 !== undefined && options.v0A3 !== scale.v0A3) warnings.push(`V0 = ${options.v0A3} Å³ used instead of the scale's ${scale.v0A3} Å³`);
  return {
    pressureGPa: p, sigmaGPa: Math.hypot(sV, sT), sigmaFromVolumeGPa: sV, sigmaFromTemperatureGPa: sT, ...parts,
    volumeA3, sigmaVolumeA3, vOverV0, v0A3: def.v0A3, temperatureK: t, bulkModulusGPa: -volumeA3 * dPdV,
    calibrant: def.calibrant, scale: def.id, scaleName: def.name, citation: def.citation, doi: def.doi ?? null, warnings,
  };
}

export interface VolumeResult {
  volumeA3: number;
  vOverV0: number;
  temperatureK: number;
  warnings: string[];
}

/** V(P, T) of a scale; throws PressureInputError when there is no stable volume. */
export function volumeAt(scale: ScaleDefinition, pressure: number, temperatureK?: number, v0A3?: number): VolumeResult {
  const def = withV0(scale, v0A3);
  const model = eosModel(def);
  const warnings: string[] = [];
  const t = resolveTemperature(def, model, temperatureK, warnings);
  let v: number;
  try {
    v = solveVolume(model, pressure, t);
  } catch (e) {
    if (e instanceof EosSolveError) throw new PressureInputError(e.message);
    throw e;
  }
  const vOverV0 = v / def.v0A3;
  warnings.push(...rangeWarnings(def, pressure, vOverV0, t));
  return { volumeA3: v, vOverV0, temperatureK: t, warnings };
}
