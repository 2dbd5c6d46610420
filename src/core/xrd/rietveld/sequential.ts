/**
 * Sequential refinement of a pattern series: each frame starts from the previous frame's refined state (cell,
 * profile, zero, background, scales, dropped/frozen flags), so slowly changing in situ series converge in a few
 * iterations and phases appear and vanish cleanly.
 */
import { cloneState, initialState, refineFrame, type RefinementState } from './engine';
import type { FrameResult, RietveldOptions, RietveldPattern, RietveldPhase, RietveldProgress } from './types';

export interface SequentialHooks {
  /** Called after every frame. */
  onProgress?: (progress: RietveldProgress) => void;
  /** Polled before every frame; return true to stop (the frames done so far are returned). */
  shouldCancel?: () => boolean;
  /** Starting state (default: the phases' own cells and the options' starting profile). */
  start?: RefinementState;
}

export interface SequentialResult {
  frames: FrameResult[];
  cancelled: boolean;
  /** State after the last refined frame (seed for a continuation). */
  finalState: RefinementState;
}

/**
 * The chain of frames, each seeded by the one before, one frame per step: it pauses before every frame (so the
 * driver can yield to the event loop), then polls shouldCancel, refines the frame and reports progress; its return
 * value is the result. Shared by refineSequence and refineSequenceAsync.
 */
function* sequenceSteps(
  patterns: RietveldPattern[],
  phases: RietveldPhase[],
  options: RietveldOptions,
  hooks: SequentialHooks,
): Generator<void, SequentialResult, void> {
  let state = hooks.start ? cloneState(hooks.start) : initialState(phases, options);
  let seeded = hooks.start !== undefined;
  const frames: FrameResult[] = [];
  let cancelled = false;
  for (let i = 0; i < patterns.length; i++) {
    yield;
    if (hooks.shouldCancel?.()) {
      cancelled = true;
      break;
    }
    const next = cloneState(state);
    const result = refineFrame(patterns[i], phases, next, options, i, seeded);
    frames.push(result);
    state = next;
    seeded = true;
    hooks.onProgress?.({ done: i + 1, total: patterns.length, last: result });
  }
  return { frames, cancelled, finalState: state };
}

/** Refine frames in order, each seeded by the one before. */
export function refineSequence(
  patterns: RietveldPattern[],
  phases: RietveldPhase[],
  options: RietveldOptions,
  hooks: SequentialHooks = {},
): SequentialResult {
  const steps = sequenceSteps(patterns, phases, options, hooks);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/** Refine one pattern on its own (not seeded; no freezing of small phases). */
export function refinePattern(pattern: RietveldPattern, phases: RietveldPhase[], options: RietveldOptions, start?: RefinementState): { result: FrameResult; state: RefinementState } {
  const state = start ? cloneState(start) : initialState(phases, options);
  const result = refineFrame(pattern, phases, state, options, 0, false);
  return { result, state };
}

/**
 * The same chain as refineSequence, yielding to the event loop between frames so that a worker can receive a
 * cancel message (and post progress) while it runs.
 */
export async function refineSequenceAsync(
  patterns: RietveldPattern[],
  phases: RietveldPhase[],
  options: RietveldOptions,
  hooks: SequentialHooks = {},
): Promise<SequentialResult> {
  const steps = sequenceSteps(patterns, phases, options, hooks);
  let step = steps.next();
  let lastYield = Date.now();
  while (!step.done) {
    if (Date.now() - lastYield > 20) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      lastYield = Date.now();
    }
    step = steps.next();
  }
  return step.value;
}
