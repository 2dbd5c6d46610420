/**
 * Energy-dispersive diffraction (issue 7 §2): 2θ calibration from a known phase, calibrant peaks fitted in energy,
 * cell by least squares, P ± σ by a pressure scale; sequences give P(t). See docs/high-pressure.md.
 */
export {
  analyseEdd, calibrateTwoTheta, dFromEnergyA, energyKeVFromD,
  type AnalysisOptions, type CalibrationOptions, type CalibrationResult, type CommonOptions, type EddAnalysis, type EddPeak,
} from './analyse';
export { snipBackground, smooth } from './background';
export { calibrantElements, FLUORESCENCE_ELEMENTS, fluorescenceLines, type FluorescenceLine } from './fluorescence';
export { type RoiCurve } from './peaks';
export { allowedReflections, dSpacingA, isAllowed, parseHkl, type Cell, type Hkl } from './reflections';
export { analyseSequence, frameTimes, type SequenceFrame, type SequenceFrameResult, type SequenceResult } from './sequence';
