export { analyzeTga, nioShare, TGA_DEFAULTS } from './analyze';
export type { AnalyzeTgaOptions } from './analyze';
export { subtractBlank } from './blank';
export type { BlankCorrection } from './blank';
export { savitzkyGolayDerivative, windowPoints } from './derivative';
export { computeMetrics, speedUps, alphaKey, initialHeatingRateCPerMin } from './metrics';
export { findReductionWindow, detectMassLossOnset, isReducingGas, startIndex } from './start';
export type { ReductionWindow } from './start';
export { interpolateLinear, firstCrossing, medianStep, lowerBound, meanRange } from './series';
