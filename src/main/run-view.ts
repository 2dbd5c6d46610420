/**
 * What the session shows of one TGA run, computed from its full arrays: the display-sized raw series and the
 * analysis with its display series. Pure functions, so they run where the data are: in the handlers for a change
 * of settings, and in the import worker for a newly read file (its first analysis comes back with it, and the
 * server's main thread never spends a 1,000,000-point analysis while other sessions wait).
 */
import type { AnalysisSettings, AnalysisView, OnsetConstruction, RunRole, RunView } from '../shared/api';
import type { RecipeInput, TgaAnalysis } from '../shared/analysis';
import type { TgaRun } from '../shared/types';
import { analyzeTga } from '../core/tga/analyze';
import { extrapolatedOnset } from '../core/tga/metrics';
import { isReducingGas } from '../core/tga/start';
import { displaySeries, DISPLAY_POINTS, finitePairs, lttbIndices, pick, unionIndices } from './downsample';

export const looksLikeBlank = (name: string): boolean => /(^|[^a-z])(blank|empty|leer|baseline)([^a-z]|$)/i.test(name);

/** Raw mass and temperature, display-sized. */
export function rawDisplay(run: TgaRun): { massRaw: RunView['massRaw']; temperature: RunView['temperature'] } {
  const mass = run.massMg ?? run.massPercent;
  return {
    massRaw: mass ? displaySeries(run.timeS, mass, DISPLAY_POINTS) : null,
    temperature: run.temperatureC ? displaySeries(run.timeS, run.temperatureC, DISPLAY_POINTS) : null,
  };
}

/** File time where the reducing gas is switched off after the start (the end of the data when it never is). */
export function windowEnd(run: TgaRun, startS: number): number {
  const events = [...run.gasEvents].sort((p, q) => p.timeS - q.timeS);
  const off = events.find((e) => e.timeS > startS && !isReducingGas(e.gas));
  return off ? off.timeS : run.timeS[run.timeS.length - 1];
}

export function buildAnalysisView(run: TgaRun, a: TgaAnalysis): AnalysisView {
  const startS = a.reduction.startS;
  const endS = windowEnd(run, startS);
  // Display α, dα/dt and α(T) over the reducing window (what the metrics use); the CSV has every point.
  let m = a.tS.length;
  while (m > 2 && a.tS[m - 1] >= endS - startS) m--;
  const t = a.tS.subarray(0, m);
  const alpha = a.alpha.subarray(0, m);
  const rate = a.dAlphaDtPerS.subarray(0, m);
  const ia = lttbIndices(t, alpha, DISPLAY_POINTS);
  const finiteRate = finitePairs(t, rate);
  const rateOk = finiteRate.x.length === t.length;
  const ir = rateOk ? lttbIndices(t, rate, DISPLAY_POINTS) : new Int32Array(0);
  const shared = unionIndices(ia, ir);
  const fileTime = new Float64Array(a.tS.length);
  for (let i = 0; i < a.tS.length; i++) fileTime[i] = a.tS[i] + startS;
  return {
    reduction: a.reduction,
    recipe: a.recipe,
    metrics: a.metrics,
    warnings: a.warnings,
    alpha: finitePairs(pick(t, ia), pick(alpha, ia)),
    rate: rateOk ? finitePairs(pick(t, ir), pick(rate, ir)) : displaySeries(t, rate),
    rateVsAlpha: finitePairs(pick(alpha, shared), pick(rate, shared)),
    alphaVsTemperature: a.temperatureC ? displaySeries(a.temperatureC.subarray(0, m), alpha) : null,
    onsetConstruction: onsetConstruction(a, m),
    massCorrected: displaySeries(fileTime, a.massCorrectedMg),
    nioLossShare: a.nioShare ? a.nioShare.lossShare : null,
    windowEndS: endS,
  };
}

/**
 * The tangent construction behind metrics.onsetExtrapolatedC (baseline α = 0, tangent at the inflection), for the
 * α(T) plot. The core computed it over its reducing window; the same call over the window shown (windowPoints),
 * else over all points, reproduces it — only a construction whose onset equals the metric's is returned.
 */
function onsetConstruction(a: TgaAnalysis, windowPoints: number): OnsetConstruction | null {
  const onsetC = a.metrics.onsetExtrapolatedC;
  if (onsetC === null || onsetC === undefined || !a.temperatureC) return null;
  for (const n of [windowPoints, a.tS.length]) {
    const c = extrapolatedOnset(a.tS, a.alpha, a.dAlphaDtPerS, a.temperatureC, n);
    if (c && Math.abs(c.onsetC - onsetC) <= 1e-6 * Math.max(1, Math.abs(onsetC))) return c;
  }
  return null;
}

/** A run's analysis state as the session caches it: the analysis (null for blanks or on failure) and why not. */
export interface RunAnalysisState {
  analysis: TgaAnalysis | null;
  view: AnalysisView | null;
  note: string | null;
}

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Analyse one run as the session does. `blank` is the blank run chosen for it (null = none). Blanks are not
 * analysed. A failure becomes a note, not an exception.
 */
export function analyseRun(
  run: TgaRun,
  settings: { role: RunRole; recipe: RecipeInput | null; startS: number | null },
  analysis: AnalysisSettings,
  blank: TgaRun | null,
  log?: (message: string) => void,
): RunAnalysisState {
  if (settings.role === 'blank') return { analysis: null, view: null, note: 'Blank run: used to correct the sample runs, not analysed itself.' };
  try {
    const result = analyzeTga(run, {
      recipe: settings.recipe ?? undefined,
      startS: settings.startS,
      alphaTargets: analysis.alphaTargets,
      sgWindowS: analysis.sgWindowS,
      saturationFraction: analysis.saturationFraction,
      blank,
    });
    return { analysis: result, view: buildAnalysisView(run, result), note: null };
  } catch (error) {
    log?.(`analysis of ${run.source.fileName} failed: ${errorMessage(error)}`);
    return { analysis: null, view: null, note: `Analysis failed: ${errorMessage(error)}` };
  }
}

/** The Float64Array buffers of an analysis, to transfer it out of a worker. */
export function analysisBuffers(a: TgaAnalysis | null): ArrayBuffer[] {
  if (!a) return [];
  const arrays = [a.tS, a.alpha, a.dAlphaDtPerS, a.temperatureC, a.massCorrectedMg, a.nioShare?.apparentFe2O3Alpha ?? null];
  const buffers = new Set<ArrayBuffer>();
  for (const x of arrays) if (x && x.buffer instanceof ArrayBuffer) buffers.add(x.buffer);
  return [...buffers];
}
