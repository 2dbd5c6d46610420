/**
 * Equations of state and pressure scales (issue 7 §1). Stable API for the CLI, the app, EDD and XRD maps:
 *
 *   scaleById(id, calibrant?, registry?)            a scale definition (UnknownScaleError lists what exists)
 *   listScales(registry?) / calibrants(registry?)  the library with citations
 *   createRegistry(customScales)                   built-ins + the user's own (JSON, zod-validated)
 *   pressureGPa(scale, {volumeA3 | cell | vOverV0}, temperatureK?)
 *   pressureWithSigma(scale, input, {temperatureK, sigmaTemperatureK, v0A3})
 *   volumeAt(scale, pressureGPa, temperatureK?)
 *   eosModel(scale)                                P(V,T), ∂P/∂V, ∂P/∂T for hot loops; solveVolume(model, P, T)
 *
 * Units: Å³ per unit cell, Å, GPa, K. See docs/high-pressure.md.
 */
export { AVOGADRO, GAS_CONSTANT, HC_KEV_A, cellVolumeFromMolarCm3, molarVolumeM3 } from './constants';
export { cubicAFromVolume, cubicVolume, hexagonalAFromVolume, hexagonalVolume, hexagonalVolumeDerivatives, type CellInput, type CellVolume } from './cell';
export { debyeD3, debyeEnergy, debyeIntegral3 } from './debye';
export { makeIsotherm, type Isotherm } from './isotherm';
export { BUILTIN_SCALES } from './library';
export { eosModel, type EosModel } from './model';
export {
  PressureInputError, cellParts, pressureGPa, pressureWithSigma, rangeWarnings, resolveVolume, volumeAt, withV0,
  type PressureOptions, type PressureResult, type VolumeInput, type VolumeResult,
} from './pressure';
export {
  calibrants, createRegistry, DEFAULT_REGISTRY, listScales, referenceTemperatureK, scaleById, summarizeScale, thermalModelLabel,
  UnknownScaleError, type ScaleRegistry, type ScaleSummary,
} from './registry';
export {
  latticeSystem, parseScaleDefinitions, scaleDefinitionSchema, ScaleFileError,
  type GammaSpec, type IsothermSpec, type Lattice, type ScaleDefinition, type StructureSpec, type TableSpec, type ThermalSpec, type ValiditySpec,
} from './schema';
export { EosSolveError, solveVolume, solveVolumes } from './solve';
export { makeThermalPressure, dorogokupetsFreeEnergy, type ThermalPressure } from './thermal';
