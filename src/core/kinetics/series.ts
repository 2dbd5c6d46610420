/**
 * One kinetic series (several runs of one material at different heating rates or temperatures) → every method
 * that applies: the entry point of the kinetics, used by the CLI, the app's worker and the benchmark.
 *
 * Mode: 'auto' makes a series of isothermal runs isothermal and a series of linearly heated runs non-isothermal;
 * a mixed series must be given a mode. Non-isothermal: Friedman, KAS, OFW, Starink, Vyazovkin, advanced Vyazovkin,
 * Kissinger. Isothermal: JMAK per run, model fitting and AICc ranking, Arrhenius, ln t_α vs 1/T, and the methods that
 * need no constant β (Friedman, advanced Vyazovkin). Then, from the preferred E(α) (advanced Vyazovkin, else
 * Vyazovkin, Friedman, the isothermal ln t_α, KAS): multi-step flag, compensation effect, master plot, prediction.
 */
import { METHOD_LABELS } from '../../shared/kinetics';
import type {
  ArrheniusResult,
  IsoconversionalMethod,
  IsoconversionalSeries,
  KineticsMethod,
  KineticsMode,
  KineticsOptions,
  KineticsRunSummary,
  KineticsSeriesResult,
  ModelFit,
  MultiStepFlag,
  SeriesSummaryE,
} from '../../shared/kinetics';
import { KINETICS_DEFAULTS } from './constants';
import { compensationEffect, masterPlot } from './compensation';
import { arrhenius, avrami, bestFixedModel, fitModels, isothermalIsoconversional } from './isothermal';
import { kissinger, linearIsoconversional, type LinearMethod } from './linear-methods';
import type { KineticRun } from './prepare';
import { generalizedTime, predictIsothermal, tilingIntervals } from './prediction';
import { checkSeriesInput, KineticsInputError, qualityWarnings } from './quality';
import { analyseRun, type RunKinetics } from './run-analysis';
import { advancedIntervals, advancedVyazovkin, vyazovkin } from './vyazovkin';

export class KineticsCancelled extends Error {
  override name = 'KineticsCancelled';
  constructor() {
    super('the kinetics computation was cancelled');
  }
}

export interface KineticsHooks {
  /** Called as work progresses: done of total steps, and what is being done. */
  onProgress?(done: number, total: number, stage: string): void;
  /** Polled between steps; true stops the computation (KineticsCancelled is thrown). */
  isCancelled?(): boolean;
}

/** The α grid alphaMin : alphaStep : alphaMax, rounded to the step's decimals. */
export function alphaGrid(alphaMin: number, alphaMax: number, alphaStep: number): number[] {
  if (!(alphaMin > 0 && alphaMax < 1 && alphaMin <= alphaMax && alphaStep > 0)) {
    throw new KineticsInputError(`α grid ${alphaMin}:${alphaStep}:${alphaMax}: expected 0 < α_min ≤ α_max < 1 and a step > 0`);
  }
  const decimals = Math.min(10, Math.max(2, -Math.floor(Math.log10(alphaStep)) + 2));
  const out: number[] = [];
  for (let k = 0; ; k++) {
    const a = Number((alphaMin + k * alphaStep).toFixed(decimals));
    if (a > alphaMax + 1e-9) break;
    out.push(a);
    if (out.length > 10000) throw new KineticsInputError('α grid: more than 10,000 points');
  }
  return out;
}

const NONISO_DEFAULT: KineticsMethod[] = ['friedman', 'kas', 'ofw', 'starink', 'vyazovkin', 'advancedVyazovkin', 'kissinger'];
const ISO_DEFAULT: KineticsMethod[] = ['friedman', 'advancedVyazovkin'];
const NEEDS_HEATING: KineticsMethod[] = ['kas', 'ofw', 'starink', 'vyazovkin', 'kissinger'];
const PREFERRED: (IsoconversionalMethod | 'isothermal')[] = ['advancedVyazovkin', 'vyazovkin', 'isothermal', 'friedman', 'kas', 'starink', 'ofw'];

function decideMode(runs: RunKinetics[], asked: KineticsOptions['mode']): KineticsMode {
  if (asked === 'isothermal' || asked === 'nonisothermal') return asked;
  const iso = runs.filter((r) => r.kind === 'isothermal');
  if (iso.length === runs.length) return 'isothermal';
  if (iso.length === 0) return 'nonisothermal';
  throw new KineticsInputError(
    `mixed series: ${iso.map((r) => r.run.label).join(', ')} ${iso.length === 1 ? 'is' : 'are'} isothermal and ${runs.filter((r) => r.kind !== 'isothermal').map((r) => r.run.label).join(', ')} heated over the α range; give the mode (isothermal or non-isothermal) or split the series`,
  );
}

function decimated(run: RunKinetics): KineticsRunSummary['curves'] {
  const { tS, alpha, temperatureK } = run.run;
  const n = tS.length;
  const stride = Math.max(1, Math.ceil(n / 600));
  const out: KineticsRunSummary['curves'] = { tS: [], alpha: [], temperatureK: [], rateAlpha: [], ratePerS: [] };
  for (let i = 0; i < n; i += stride) {
    if (!Number.isFinite(alpha[i])) continue;
    out.tS.push(tS[i]);
    out.alpha.push(alpha[i]);
    out.temperatureK.push(temperatureK[i]);
    out.rateAlpha.push(alpha[i]);
    out.ratePerS.push(Number.isFinite(run.ratePerS[i]) ? run.ratePerS[i] : 0);
  }
  return out;
}

function summary(r: RunKinetics, models: ModelFit[] | null, avr: KineticsRunSummary['avrami']): KineticsRunSummary {
  const p = r.peak;
  return {
    label: r.run.label,
    fileName: r.run.fileName,
    kind: r.kind,
    heatingRateKPerMin: r.heatingRateKPerS > 0 ? r.heatingRateKPerS * 60 : null,
    heatingDeviationK: Number.isFinite(r.heatingDeviationK) ? r.heatingDeviationK : null,
    meanTemperatureK: r.meanTemperatureK,
    temperatureSpanK: r.temperatureSpanK,
    sampleMassMg: r.run.sampleMassMg,
    blankApplied: r.run.blankApplied,
    alphaBasis: r.run.alphaBasis,
    startS: r.run.startS,
    startNote: r.run.startNote,
    endS: r.run.endS,
    endNote: r.run.endNote,
    alphaMax: r.alphaMax,
    tAlphaS: Array.from(r.tAlphaS, (t) => (Number.isFinite(t) ? t : null)),
    peak: p ? { tS: p.tS, temperatureK: p.temperatureK, alpha: p.alpha, ratePerS: p.ratePerS } : null,
    avrami: avr,
    models,
    bestModel: models ? bestFixedModel(models) : null,
    curves: decimated(r),
    warnings: r.run.warnings,
  };
}

function preferredSeries(iso: KineticsSeriesResult['isoconversional']): IsoconversionalSeries | null {
  for (const m of PREFERRED) {
    const s = iso[m];
    if (s && s.points.some((p) => p.eKJPerMol !== null)) return s;
  }
  return null;
}

function inRange(alpha: number, range: [number, number]): boolean {
  return alpha >= range[0] - 1e-9 && alpha <= range[1] + 1e-9;
}

export function multiStepFlag(s: IsoconversionalSeries, range: [number, number]): MultiStepFlag {
  const es = s.points.filter((p) => inRange(p.alpha, range) && p.eKJPerMol !== null).map((p) => p.eKJPerMol as number);
  if (es.length < 2) return { flagged: false, method: s.method, spreadFraction: null, message: 'Too few E(α) values to judge whether E varies with α.' };
  const mean = es.reduce((a, b) => a + b, 0) / es.length;
  const spread = (Math.max(...es) - Math.min(...es)) / Math.abs(mean);
  const pct = (spread * 100).toFixed(0);
  const flagged = spread > KINETICS_DEFAULTS.multiStepFraction;
  return {
    flagged,
    method: s.method,
    spreadFraction: spread,
    message: flagged
      ? `multi-step: E(α) varies by ${pct} % of its mean over α ${range[0]}–${range[1]} (> ${KINETICS_DEFAULTS.multiStepFraction * 100} %, ICTAC 2011): a single E is not meaningful.`
      : `E(α) varies by ${pct} % of its mean over α ${range[0]}–${range[1]} (≤ ${KINETICS_DEFAULTS.multiStepFraction * 100} %): consistent with single-step kinetics.`,
  };
}

export function summariseE(s: IsoconversionalSeries, range: [number, number]): SeriesSummaryE {
  const pts = s.points.filter((p) => inRange(p.alpha, range) && p.eKJPerMol !== null);
  const es = pts.map((p) => p.eKJPerMol as number);
  const cis = pts.map((p) => p.ci95KJPerMol).filter((c): c is number => c !== null);
  return {
    method: s.method,
    alphaRange: range,
    meanKJPerMol: es.length ? es.reduce((a, b) => a + b, 0) / es.length : null,
    ci95KJPerMol: cis.length === pts.length && cis.length > 0 ? cis.reduce((a, b) => a + b, 0) / cis.length : null,
    points: es.length,
  };
}

export function analyseSeries(name: string, inputs: KineticRun[], options: KineticsOptions = {}, hooks: KineticsHooks = {}): KineticsSeriesResult {
  const grid = alphaGrid(options.alphaMin ?? KINETICS_DEFAULTS.alphaMin, options.alphaMax ?? KINETICS_DEFAULTS.alphaMax, options.alphaStep ?? KINETICS_DEFAULTS.alphaStep);
  const step = options.alphaStep ?? KINETICS_DEFAULTS.alphaStep;
  const cancelled = (): void => {
    if (hooks.isCancelled?.()) throw new KineticsCancelled();
  };
  const runs = inputs.map((r) => analyseRun(r, { grid, derivativeWindowFraction: options.derivativeWindowFraction }));
  if (runs.length < 2) checkSeriesInput(runs, 'nonisothermal');
  const mode = decideMode(runs, options.mode ?? 'auto');
  checkSeriesInput(runs, mode);
  const warnings = qualityWarnings(runs, mode, grid);
  const wanted = new Set<KineticsMethod>(options.methods ?? (mode === 'isothermal' ? ISO_DEFAULT : NONISO_DEFAULT));
  if (mode === 'isothermal') {
    const skipped = NEEDS_HEATING.filter((m) => wanted.has(m));
    if (skipped.length && options.methods) {
      const names = skipped.map((m) => METHOD_LABELS[m]);
      warnings.push(`${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} need` : `${names[0]} needs`} linear heating: not computed for an isothermal series.`);
    }
    for (const m of skipped) wanted.delete(m);
  }
  const heatedLinearly = runs.filter((r) => r.kind === 'heating');
  if (mode === 'nonisothermal' && heatedLinearly.length < runs.length) {
    const needs = NEEDS_HEATING.filter((m) => wanted.has(m));
    if (needs.length) warnings.push(`${needs.join(', ')} use only the linearly heated runs (${heatedLinearly.map((r) => r.run.label).join(', ') || 'none'}).`);
  }

  // progress: one unit per α per iterative method, one per run for the model fits, a few for the rest
  const aVySteps = wanted.has('advancedVyazovkin') ? grid.length : 0;
  const total = 4 + aVySteps + (wanted.has('vyazovkin') ? 1 : 0) + (mode === 'isothermal' ? runs.length : 0);
  let done = 0;
  const tick = (stage: string, by = 1): void => {
    done += by;
    hooks.onProgress?.(Math.min(done, total), total, stage);
    cancelled();
  };
  tick('runs prepared');

  const iso: KineticsSeriesResult['isoconversional'] = {};
  const linear: LinearMethod[] = ['friedman', 'kas', 'ofw', 'starink'];
  const linRuns = (m: LinearMethod): RunKinetics[] => (m === 'friedman' ? runs : heatedLinearly);
  for (const m of linear) if (wanted.has(m)) iso[m] = linearIsoconversional(m, linRuns(m), grid);
  // starting values for the non-linear methods: KAS (or Friedman), computed anyway
  const kasGuess = linearIsoconversional('kas', heatedLinearly.length >= 2 ? heatedLinearly : runs, grid);
  const friedGuess = iso.friedman ?? linearIsoconversional('friedman', runs, grid);
  const guess = (k: number): number => {
    const a = kasGuess.points[k]?.eKJPerMol;
    const b = friedGuess.points[k]?.eKJPerMol;
    return a !== null && a !== undefined && a > 0 ? a : b !== null && b !== undefined && b > 0 ? b : NaN;
  };
  tick('linear methods');
  if (wanted.has('vyazovkin') && heatedLinearly.length >= 2) {
    iso.vyazovkin = vyazovkin(heatedLinearly, grid, guess);
    tick('Vyazovkin');
  }
  if (mode === 'isothermal') iso.isothermal = isothermalIsoconversional(runs, grid);
  // the grid's tiling [α_{l−1}, α_l] per run: the generalized time, and the advanced Vyazovkin intervals when Δα is
  // the grid's step (then only the first interval differs: [α_0 − Δα, α_0] instead of [0, α_0])
  const tiles = runs.map((r) => tilingIntervals(r, grid));
  if (wanted.has('advancedVyazovkin')) {
    const deltaAlpha = options.advancedDeltaAlpha ?? step;
    const isoGuess = iso.isothermal;
    const g2 = (k: number): number => {
      const g = guess(k);
      const gi = isoGuess?.points[k]?.eKJPerMol;
      return mode === 'isothermal' && gi !== null && gi !== undefined && gi > 0 ? gi : g;
    };
    const given =
      Math.abs(deltaAlpha - step) < 1e-12
        ? runs.map((r, i) => {
            const first = advancedIntervals(r, grid.slice(0, 1), deltaAlpha)[0];
            return [first, ...tiles[i].slice(1)];
          })
        : undefined;
    const av = advancedVyazovkin(runs, grid, deltaAlpha, g2, () => tick('advanced Vyazovkin'), given);
    iso.advancedVyazovkin = { method: av.method, points: av.points, ciMeaning: av.ciMeaning, lines: null, yLabel: null };
  }
  const kiss = wanted.has('kissinger') && mode === 'nonisothermal' ? kissinger(heatedLinearly) : null;

  // isothermal: JMAK, model fits, Arrhenius
  let summaries: KineticsRunSummary[];
  let arr: ArrheniusResult | null = null;
  let arrAvrami: ArrheniusResult | null = null;
  let bestModel: string | null = null;
  let ranking: KineticsSeriesResult['modelRanking'] = null;
  if (mode === 'isothermal') {
    const window = options.avramiWindow ?? KINETICS_DEFAULTS.avramiWindow;
    summaries = runs.map((r) => {
      const fits = fitModels(r, grid[0], grid[grid.length - 1]);
      const s = summary(r, fits, avrami(r, window));
      tick('model fitting');
      return s;
    });
    const totals = new Map<string, { aicc: number; ssr: number; flexible: boolean; count: number }>();
    for (const s of summaries) {
      for (const m of s.models ?? []) {
        if (m.aicc === null) continue;
        const t = totals.get(m.code) ?? { aicc: 0, ssr: 0, flexible: m.flexible, count: 0 };
        t.aicc += m.aicc;
        t.ssr += m.ssr ?? 0;
        t.count++;
        totals.set(m.code, t);
      }
    }
    const complete = [...totals.entries()].filter(([, t]) => t.count === summaries.length);
    const bestFixed = complete.filter(([, t]) => !t.flexible).sort((a, b) => a[1].aicc - b[1].aicc)[0];
    if (bestFixed) {
      bestModel = bestFixed[0];
      ranking = complete
        .map(([code, t]) => ({ code, aicc: t.aicc, deltaAicc: t.aicc - bestFixed[1].aicc, flexible: t.flexible }))
        .sort((a, b) => a.aicc - b.aicc);
      const ks = summaries.map((s, i) => ({ temperatureK: runs[i].meanTemperatureK, kPerS: s.models?.find((m) => m.code === bestModel)?.kPerS ?? NaN }));
      arr = arrhenius(ks, `k of the best model (${bestModel}) per run`);
      // a flexible model that halves the residuals of every fixed model (and wins on AICc) says no table model fits
      const fixedSsr = bestFixed[1].ssr;
      const flexBetter = ranking.filter((r) => r.flexible && r.deltaAicc < -10 && (totals.get(r.code)?.ssr ?? Infinity) < 0.5 * fixedSsr);
      if (flexBetter.length) {
        warnings.push(
          `${flexBetter.map((r) => r.code).join(', ')} fit${flexBetter.length === 1 ? 's' : ''} much better than every fixed model (ΔAICc ${flexBetter.map((r) => r.deltaAicc.toFixed(0)).join(', ')}; residuals less than half of ${bestModel}'s): no single model of the ICTAC table describes the runs; the mechanism may be mixed or change with α.`,
        );
      }
    }
    const ak = summaries.map((s, i) => ({ temperatureK: runs[i].meanTemperatureK, kPerS: s.avrami?.kPerS ?? NaN }));
    arrAvrami = arrhenius(ak, 'Avrami k per run');
    const ns = summaries.map((s) => s.avrami?.n).filter((n): n is number => n !== undefined);
    if (ns.length >= 2 && Math.max(...ns) - Math.min(...ns) > 0.5) warnings.push(`The Avrami exponent changes between runs (${ns.map((n) => n.toFixed(2)).join(', ')}): a single Arrhenius line of k is questionable.`);
  } else summaries = runs.map((r) => summary(r, null, null));

  // after E(α)
  const meanRange: [number, number] = options.meanRange ?? [grid[0], grid[grid.length - 1]];
  const primary = preferredSeries(iso);
  const multiStep = primary ? multiStepFlag(primary, meanRange) : null;
  if (multiStep?.flagged) warnings.push(multiStep.message);
  const compensation = primary ? compensationEffect(runs, grid, primary) : null;
  const gt = primary ? generalizedTime(runs, grid, primary, tiles) : null;
  const mp = gt ? masterPlot(runs, gt, compensation) : null;
  let predictionK = options.predictionTemperatureK ?? null;
  if (predictionK === null) {
    const temps = (mode === 'isothermal' ? runs.map((r) => r.meanTemperatureK) : runs.map((r) => r.temperatureAlphaK[Math.floor(grid.length / 2)])).filter(Number.isFinite).sort((a, b) => a - b);
    predictionK = temps.length ? temps[Math.floor(temps.length / 2)] : null;
  }
  const prediction = gt && predictionK !== null ? predictIsothermal(gt, predictionK) : null;
  tick('compensation, master plot, prediction');
  hooks.onProgress?.(total, total, 'done');

  return {
    name,
    mode,
    runs: summaries,
    alphas: grid,
    isoconversional: iso,
    kissinger: kiss,
    arrhenius: arr,
    arrheniusAvrami: arrAvrami,
    bestModel,
    modelRanking: ranking,
    compensation,
    masterPlot: mp,
    prediction,
    generalizedTime: gt,
    multiStep,
    summaryE: primary ? summariseE(primary, meanRange) : null,
    warnings,
  };
}
