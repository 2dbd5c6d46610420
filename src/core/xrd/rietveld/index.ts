/** Whole-pattern (Rietveld) refinement: per frame and sequential, with Hill–Howard weight fractions. */
export type * from './types';
export { calculatePattern, cloneState, hillHoward, initialState, refineFrame, stateFromResult, type PhaseState, type RefinementState } from './engine';
export { refinePattern, refineSequence, refineSequenceAsync, type SequentialHooks, type SequentialResult } from './sequential';
export { cellVolume, dSpacing, freeFromLattice, freeLatticeNames, inferCrystalSystem, latticeFromFree } from './lattice';
export { lorentzPolarisationFactor, pseudoVoigt, tchCombine } from './profile';
export { lpOptionsFromGeometry, rietveldPhaseFromDef, withNiFraction, type PhaseFromDefOptions } from './phases';
export { parseInstprm, TUBE_RADIATIONS, tubeRadiation, type InstrumentParameters } from './instprm';
