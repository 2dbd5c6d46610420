/**
 * Single-peak fitting of in situ XRD sequences: pseudo-Voigt ROIs fitted frame after frame, detection limits,
 * lattice parameters, Vegard composition and phase presence over time. See docs/peak-fitting.md.
 */
export type {
  AbsentPeak, PeakFitOptions, PeakResult, PeakSeed, PeakSeries, PresentPeak, RoiDefinition, RoiFitResult, SequenceFitResult,
} from './types';
export { erf, PARAMS_PER_PEAK, pseudoVoigt, pseudoVoigtAreaWithin, pseudoVoigtHeight, roiModel } from './pseudoVoigt';
export { fitRoi, roiIndexRange, weightedPolyFit } from './fitRoi';
export { fitFrames, fitSequence, frameData, nextSeeds, patternTwoThetaDeg, peakSeries, type FrameData, type SequentialOptions } from './sequential';
export {
  braggDSpacingA, braggTwoThetaDeg, latticeFromPeak, latticeParameterA, vegardFraction,
  type CrystalSystem, type ValueWithSigma, type VegardEndMembers,
} from './lattice';
export { detectPresence, reflectionScore, type PresenceOptions, type ReflectionScore, type PresenceResult, type ReflectionPosition } from './presence';
export {
  parseHkl, parseReflectionSpec, reflectionPositionsDeg, roiFromReflection, strongestReflections,
  type ReflectionSpec, type RoiFromReflectionOptions, type StrongestOptions,
} from './reflections';
export { poissonCounts, poissonGenerator, syntheticPattern, twoThetaAxis, uniformGenerator, type SyntheticPeak } from './synthetic';
