/**
 * What the session shows of one TGA run, computed from its full arrays: the display-sized raw series and the
 * analysis with its display series (tga-views.ts). Pure functions, so they run where the data are: in the handlers
 * for a change of settings, and in the import worker for a newly read file (its first analysis comes back with it,
 * and the server's main thread never spends a 1,000,000-point analysis while other sessions wait).
 */
import type { AnalysisSettings, AnalysisView, RunRole, RunView } from '../shared/api';
import type { RecipeInput, TgaAnalysis } from '../shared/analysis';
import type { TgaRun } from '../shared/types';
import { analyzeTga } from '../core/tga/analyze';
import { displaySeries, DISPLAY_POINTS } from './downsample';
import { buildAnalysisView } from './tga-views';

export const looksLikeBlank = (name: string): boolean => /(^|[^a-z])(blank|empty|leer|baseline)([^a-z]|$)/i.test(name);

/** Raw mass and temperature, display-sized. */
export function rawDisplay(run: TgaRun): { massRaw: RunView['massRaw']; temperature: RunView['temperature'] } {
  const mass = run.massMg ?? run.massPercent;
  return {
    massRaw: mass ? displaySeries(run.timeS, mass, DISPLAY_POINTS) : null,
    temperature: run.temperatureC ? displaySeries(run.timeS, run.temperatureC, DISPLAY_POINTS) : null,
  };
}

/** A run's analysis state as the session caches it: the analysis (null for blanks or on failure) and why not. */
export interface RunAnalysisState {
  analysis: TgaAnalysis | null;
  view: AnalysisView | null;
  note: string | null;
}

/** What of a run's settings the analysis depends on. */
export interface RunAnalysisInputs {
  role: RunRole;
  recipe: RecipeInput | null;
  startS: number | null;
  endS: number | null;
  blankId: string | null;
}

/** The cache key of an analysis: it is reused only while these inputs are the same. */
export function analysisKeyOf(settings: RunAnalysisInputs, analysis: AnalysisSettings): string {
  return JSON.stringify([settings.recipe, settings.startS, settings.endS, settings.blankId, settings.role, analysis]);
}

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Analyse one run as the session does. `blank` is the blank run chosen for it (null = none). Blanks are not
 * analysed. A failure becomes a note, not an exception.
 */
export function analyseRun(run: TgaRun, settings: Omit<RunAnalysisInputs, 'blankId'>, analysis: AnalysisSettings, blank: TgaRun | null, log?: (message: string) => void): RunAnalysisState {
  if (settings.role === 'blank') return { analysis: null, view: null, note: 'Blank run: used to correct the sample runs, not analysed itself.' };
  try {
    const result = analyzeTga(run, {
      recipe: settings.recipe ?? undefined,
      startS: settings.startS,
      endS: settings.endS,
      alphaTargets: analysis.alphaTargets,
      sgWindowS: analysis.sgWindowS,
      saturationFraction: analysis.saturationFraction,
      blank,
    });
    return { analysis: result, view: buildAnalysisView(result, analysis.sgWindowS), note: null };
  } catch (error) {
    log?.(`analysis of ${run.source.fileName} failed: ${errorMessage(error)}`);
    return { analysis: null, view: null, note: `Analysis failed: ${errorMessage(error)}` };
  }
}

/** The Float64Array buffers of an analysis, to transfer it out of a worker (what is not listed is copied). */
export function analysisBuffers(a: TgaAnalysis | null): ArrayBuffer[] {
  if (!a) return [];
  const arrays = [a.tS, a.alpha, a.dAlphaDtPerS, a.temperatureC, a.massCorrectedMg, a.nioShare?.apparentFe2O3Alpha ?? null];
  const buffers = new Set<ArrayBuffer>();
  for (const x of arrays) if (x && x.buffer instanceof ArrayBuffer) buffers.add(x.buffer);
  return [...buffers];
}
