/**
 * Crystallography core: phase library, CIF import, space-group symmetry, X-ray form factors, structure factors,
 * Lorentz–polarisation and reflection lists. See docs/crystallography.md.
 */
export type {
  AtomSite,
  CellAtom,
  Geometry,
  HklEntry,
  Lattice,
  PhaseDef,
  PolarisationModel,
  Reflection,
  ReflectionOptions,
  SpaceGroupRef,
  VegardLaw,
} from './types';
export {
  cellVolumeA3,
  cubicLattice,
  dFromTwoThetaA,
  dSpacingA,
  dSpacingsA,
  hexagonalLattice,
  invDSquared,
  reciprocalMetric,
  tetragonalLattice,
  type ReciprocalMetric,
  twoThetaDeg,
} from './lattice';
export {
  closeGroup,
  composeOps,
  expandSites,
  formatSymop,
  isSystematicallyAbsent,
  laueRotations,
  orbitOfSite,
  parseSymop,
  phaseOps,
  shiftOrigin,
  type SymOp,
} from './symmetry';
export {
  atomicNumber,
  formFactor,
  formFactorCoefficients,
  formFactorFromCoefficients,
  formFactorKey,
  modelCoefficients,
  parseSpecies,
  type FormFactorModel,
  type SpeciesSymbol,
} from './formFactors';
export {
  prepareStructure,
  preparedF2,
  preparedStructureOf,
  structureFactorSquared,
  type PreparedStructure,
  type StructureFactorOptions,
} from './structureFactor';
export {
  DEFAULT_GEOMETRY,
  DEFAULT_SYNCHROTRON_AZIMUTH_DEG,
  DEFAULT_SYNCHROTRON_POLARISATION,
  lorentzFactor,
  lorentzPolarisation,
  polarisationFactor,
} from './lorentzPolarisation';
export {
  generateReflections,
  hklList,
  prepareReflectionTable,
  reflectionTwoThetas,
  tableF2,
  type ReflectionTable,
} from './reflections';
export { cellComposition, cellMassAmu, xrayDensityGPerCm3 } from './cellMass';
export { cifNumber, parseCif } from './cif';
export {
  bFromU,
  DEFAULT_FENI_VEGARD,
  feNiPhase,
  getPhase,
  phaseLibrary,
  SYMMETRY,
  vegardComposition,
  vegardLattice,
  withCubicA,
  withLattice,
  withVegardComposition,
} from './library';
export {
  bAtTemperature, debyeB, debyeTemperatureFromB, expandedLattice, expansionFactor, phaseAtTemperature, ROOM_TEMPERATURE_C, vegardAtTemperature,
  vegardSystematicSigma,
} from './thermal';
