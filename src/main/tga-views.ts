/**
 * Display views of one analysed run: the α series over the reducing window, the α(T) onset construction, TG and
 * DTG over the whole run, all display-sized (LTTB, downsample.ts). The analysis itself stays at full resolution.
 */
import type { AnalysisView, OnsetConstruction } from '../shared/api';
import type { TgaAnalysis } from '../shared/analysis';
import { extrapolatedOnset } from '../core/tga/metrics';
import { thermogravimetry } from '../core/tga/tg';
import { displaySeries, DISPLAY_POINTS, finitePairs, lttbIndices, pick, unionIndices } from './downsample';

export function buildAnalysisView(a: TgaAnalysis, sgWindowS: number): AnalysisView {
  const startS = a.reduction.startS;
  const endS = a.reduction.endS;
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
    ...tgDtg(a, sgWindowS),
    checks: a.checks,
  };
}

/** TG (% of the initial mass) and DTG (%/min) of the whole run against time since the reduction start. */
function tgDtg(a: TgaAnalysis, sgWindowS: number): { tg: AnalysisView['tg']; dtg: AnalysisView['dtg'] } {
  const { timeS, massMg } = a.corrected;
  const since = new Float64Array(timeS.length);
  for (let i = 0; i < timeS.length; i++) since[i] = timeS[i] - a.reduction.startS;
  try {
    const tg = thermogravimetry(timeS, massMg, { sgWindowS });
    return { tg: displaySeries(since, tg.tgPercent), dtg: displaySeries(since, tg.dtgPercentPerMin) };
  } catch {
    const empty = { x: new Float64Array(0), y: new Float64Array(0) };
    return { tg: empty, dtg: empty };
  }
}

/**
 * The tangent construction behind metrics.onsetExtrapolatedC (baseline α = 0, tangent at the inflection), for the
 * α(T) plot. The core computed it over its reducing window; the same call over the window shown (windowPoints),
 * else over all points, reproduces it — only a construction whose onset equals the metric's is returned.
 */
export function onsetConstruction(a: TgaAnalysis, windowPoints: number): OnsetConstruction | null {
  const onsetC = a.metrics.onsetExtrapolatedC;
  if (onsetC === null || onsetC === undefined || !a.temperatureC) return null;
  for (const n of [windowPoints, a.tS.length]) {
    const c = extrapolatedOnset(a.tS, a.alpha, a.dAlphaDtPerS, a.temperatureC, n);
    if (c && Math.abs(c.onsetC - onsetC) <= 1e-6 * Math.max(1, Math.abs(onsetC))) return c;
  }
  return null;
}
