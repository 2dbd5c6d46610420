/** Kinetics of TGA series (issue 9): isoconversional, Kissinger, isothermal model fitting, comparison. docs/kinetics.md. */
export { R_J_PER_MOL_K, KINETICS_DEFAULTS } from './constants';
export { prepareKineticRun } from './prepare';
export type { KineticRun, PrepareOptions } from './prepare';
export { analyseRun, crossings } from './run-analysis';
export type { RunKinetics } from './run-analysis';
export { analyseSeries, alphaGrid, KineticsCancelled, multiStepFlag, summariseE } from './series';
export type { KineticsHooks } from './series';
export { KineticsInputError } from './quality';
export { compareSeries } from './compare';
export type { CompareOptions } from './compare';
export { predictIsothermal, predictedTimeAt } from './prediction';
export { REACTION_MODELS, modelByCode } from './models';
export { lnTemperatureIntegral, lnP, scaledExpIntegral, expIntegral, P_APPROXIMATIONS } from './temperature-integral';
export { fitLine, studentTQuantile, fQuantile } from './stats';
