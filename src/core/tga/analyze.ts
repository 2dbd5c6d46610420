/**
 * TGA reduction analysis, the entry point: blank correction → reduction window → m_start → α(t) → dα/dt →
 * metrics. α(t) = (m_start − m(t)) / Δm_theoretical, with t = 0 at the reduction start, m_start the mean corrected
 * mass over the 10 s before the start and Δm_theoretical = theoreticalLossFraction × powder mass.
 * The powder mass is the sample mass as loaded (the file's initial sample mass, else the corrected mass at the
 * first data point): the recipe's fractions refer to the powder that was weighed in.
 */
import type { Recipe, TgaAnalysis, TgaAnalysisOptions } from '../../shared/analysis';
import type { TgaRun } from '../../shared/types';
import { buildRecipe } from '../chem/recipe';
import { subtractBlank } from './blank';
import { savitzkyGolayDerivative } from './derivative';
import { runChecks } from './checks';
import { computeMetrics } from './metrics';
import { alphaFinalWarning, plausibleSampleMassMg } from './plausibility';
import { firstBackwardsIndex, lowerBound, meanRange } from './series';
import { detectMassLossOnset, findReductionWindow, isReducingGas, startIndex } from './start';
import { parseProgrammeText, placeProgramme } from './programme';
import type { Segment } from '../../shared/types';

export const TGA_DEFAULTS = {
  alphaTargets: [0.5, 0.9],
  saturationFraction: 0.99,
  /**
   * Savitzky–Golay window for dα/dt (s). 15 s resolves the H2-switch maximum of the simulated runs within
   * −0.4…+2.3 % at a dα/dt noise of 0.09–0.13 % of the peak (31 s: −4…−15 %, 0.03–0.05 %); docs/tga-analysis.md.
   */
  sgWindowS: 15,
  sgPolynomial: 2,
  onsetAlpha: 0.02,
  /** m_start is the mean corrected mass over this many seconds before the start. */
  startAverageS: 10,
  /** α_final is the mean α over this many seconds at the end of the reducing window. */
  finalWindowS: 30,
} as const;

export type AnalyzeTgaOptions = TgaAnalysisOptions & {
  blank?: TgaRun | null;
  /** File time (s) where the reducing window ends (metrics stop there); null/undefined = automatic. */
  endS?: number | null;
};


/** The run's mass in mg (or in % of the initial mass when that is all the file gives) and what it is. */
function massOf(run: TgaRun, role: string): { mass: Float64Array; unit: 'mg' | '%' } {
  if (run.massMg) return { mass: run.massMg, unit: 'mg' };
  if (run.massPercent) return { mass: run.massPercent, unit: '%' };
  throw new Error(`${run.source.fileName}: the ${role} has no mass column`);
}

/** The run cut before the first point where time runs backwards (a second run appended, a stray marker row). */
function firstStretch(run: TgaRun, role: string, warnings: string[]): TgaRun {
  const k = firstBackwardsIndex(run.timeS);
  if (k < 0) return run;
  warnings.push(
    `Time runs backwards in the ${role} at data point ${k + 1} (${run.timeS[k]} s after ${run.timeS[k - 1]} s): only the first ${k} points are analysed.`,
  );
  const cut = <T extends Float64Array | null>(a: T): T => (a ? (a.subarray(0, k) as T) : a);
  return { ...run, timeS: cut(run.timeS), temperatureC: cut(run.temperatureC), massMg: cut(run.massMg), massPercent: cut(run.massPercent) };
}

/** Metadata keys whose values may hold the method's text (STARe 'Method', TRIOS 'proceduresegments', …). */
const METHOD_KEYS = /method|programme|program|procedure|segments|steps/i;

/**
 * The segments the window rules use: the file's own, or — when it has none — a programme written in its header,
 * placed on the time axis and checked against the measured temperature (core/tga/programme.ts). Says in `notes` what
 * was done with a header programme.
 */
export function windowSegments(run: TgaRun): { segments: Segment[]; from: 'file' | 'programme'; notes: string[] } {
  if (run.segments.length > 0) return { segments: run.segments, from: 'file', notes: [] };
  const text = [...run.programme, ...Object.entries(run.metadata).filter(([k]) => METHOD_KEYS.test(k)).map(([, v]) => v)];
  const steps = parseProgrammeText(text);
  if (steps.filter((st) => st.kind !== 'gas').length === 0) return { segments: [], from: 'file', notes: [] };
  const placed = placeProgramme(steps, run.timeS, run.temperatureC);
  if (!placed.ok) return { segments: [], from: 'file', notes: [`The programme in the file header was not used: ${placed.reason}.`] };
  return { segments: placed.segments, from: 'programme', notes: [`Programme from the file header: ${placed.note}.`] };
}

/** File time of the first switch to a reducing gas, or null. */
function reducingSwitchS(run: TgaRun): number | null {
  const e = [...run.gasEvents].sort((a, b) => a.timeS - b.timeS).find((g) => isReducingGas(g.gas));
  return e ? e.timeS : null;
}

/** The first stage of analyzeTga: blank correction, reduction window, m_start, the α normalisation and α(t). */
export interface TgaConversion {
  reduction: TgaAnalysis['reduction'];
  recipe: Recipe | null;
  /** From the reduction start on (to the end of the data): time since start, α, T, corrected mass. */
  tS: Float64Array;
  alpha: Float64Array;
  temperatureC: Float64Array | null;
  massCorrectedMg: Float64Array;
  /** Points of tS that belong to the reducing window. */
  windowPoints: number;
  /** True when the window ends before the data do. */
  windowEndsEarly: boolean;
  /** The blank-corrected mass over the whole run, on the file's time axis. */
  corrected: TgaAnalysis['corrected'];
  /** With a manual start: where the automatic rule and the mass-loss onset would have started (the checks use it). */
  earlierStartsS: { timeS: number; what: string }[];
  warnings: string[];
}

/**
 * Blank → window → α, without dα/dt or metrics (the kinetics module starts from here: core/kinetics/prepare.ts).
 */
export function tgaConversion(sampleRun: TgaRun, options: AnalyzeTgaOptions = {}): TgaConversion {
  const warnings: string[] = [];
  const run = firstStretch(sampleRun, 'sample run', warnings);
  const timeS = run.timeS;
  const n = timeS.length;
  if (n < 3) throw new Error(`${run.source.fileName}: only ${n} data points, too few to analyse`);
  const { mass: rawMass, unit } = massOf(run, 'sample run');
  if (unit === '%') warnings.push('The file gives mass in % of the initial mass only: masses below are in %, not mg.');

  let massCorr = rawMass;
  if (options.blank) {
    const blank = firstStretch(options.blank, 'blank', warnings);
    const { mass: blankMass, unit: blankUnit } = massOf(blank, 'blank run');
    if (blankUnit !== unit) throw new Error(`the blank's mass is in ${blankUnit} but the sample's is in ${unit}: cannot subtract`);
    const sampleSwitch = reducingSwitchS(run);
    const blankSwitch = reducingSwitchS(blank);
    const anchors = sampleSwitch !== null && blankSwitch !== null ? { sampleS: sampleSwitch, blankS: blankSwitch } : undefined;
    const apartS = anchors ? Math.abs(anchors.sampleS - timeS[0] - (anchors.blankS - blank.timeS[0])) : 0;
    if (apartS > 1e-6) {
      warnings.push(
        `The blank is aligned on the switch to the reducing gas (sample ${anchors?.sampleS} s, blank ${anchors?.blankS} s): counted from their first points the two runs would be ${Math.round(apartS * 10) / 10} s out of step.`,
      );
    }
    const corr = subtractBlank(timeS, rawMass, blank.timeS, blankMass, anchors);
    massCorr = corr.correctedMg;
    warnings.push(...corr.warnings);
  }

  const programme = windowSegments(run);
  warnings.push(...programme.notes);
  const window = findReductionWindow({
    timeS,
    massMg: massCorr,
    gasEvents: run.gasEvents,
    segments: programme.segments,
    segmentsFrom: programme.from,
    temperatureC: run.temperatureC,
    startS: options.startS,
    endS: options.endS,
  });
  const i0 = startIndex(timeS, window.startS);
  const before = lowerBound(timeS, window.startS - TGA_DEFAULTS.startAverageS);
  const atStart = lowerBound(timeS, window.startS);
  const massStartMg = atStart > before ? meanRange(massCorr, before, atStart) : massCorr[i0];
  const iEnd = Math.max(i0 + 1, Math.min(n, lowerBound(timeS, window.endS)));

  const recipe: Recipe | null = options.recipe ? buildRecipe(options.recipe) : null;
  // Without a stated sample mass: the mean of the first 5 points (one point alone carries the balance noise).
  // A stated mass that is not positive or beyond any balance is not used (importTga has said so in the run's warnings).
  const stated = plausibleSampleMassMg(run.sample.initialMassMg) ? run.sample.initialMassMg : undefined;
  const powderMass = unit === '%' ? 100 : (stated ?? meanRange(massCorr, 0, 5));
  if (!(powderMass > 0) || !Number.isFinite(powderMass)) {
    throw new Error(
      `${run.source.fileName}: the sample mass (${Number(powderMass.toPrecision(4))} mg, the mean of the first points) is not a positive mass, so α is undefined (is this run a blank, an empty crucible?)`,
    );
  }
  let theoreticalLossFraction: number;
  let theoreticalLossMg: number;
  if (recipe) {
    theoreticalLossFraction = recipe.theoreticalLossFraction;
    theoreticalLossMg = theoreticalLossFraction * powderMass;
    if (!(theoreticalLossMg > 0)) throw new Error('the recipe removes no mass (no reducible oxide), so α is undefined');
  } else {
    // No recipe: normalise to the loss observed at the end of the reducing window (α_final = 1 by construction).
    const endFrom = lowerBound(timeS, timeS[iEnd - 1] - TGA_DEFAULTS.finalWindowS);
    theoreticalLossMg = massStartMg - meanRange(massCorr, Math.min(endFrom, iEnd - 1), iEnd);
    theoreticalLossFraction = theoreticalLossMg / powderMass;
    warnings.push('No recipe: α is normalised to the observed loss over the reducing window, not to a theoretical loss.');
    if (!(theoreticalLossMg > 0)) throw new Error('no recipe and no net mass loss in the reducing window: α is undefined');
  }

  const m = n - i0;
  const tS = new Float64Array(m);
  const alpha = new Float64Array(m);
  const massCorrectedMg = massCorr.slice(i0);
  const invLoss = 1 / theoreticalLossMg;
  for (let k = 0; k < m; k++) {
    tS[k] = timeS[i0 + k] - window.startS;
    alpha[k] = (massStartMg - massCorrectedMg[k]) * invLoss;
  }
  const temperatureC = run.temperatureC ? run.temperatureC.slice(i0) : null;
  return {
    reduction: {
      startS: window.startS,
      startSource: window.startSource,
      startNote: window.startNote,
      endS: window.endS,
      endSource: window.endSource,
      endNote: window.endNote,
      massStartMg,
      theoreticalLossMg,
      theoreticalLossFraction,
    },
    recipe,
    tS,
    alpha,
    temperatureC,
    massCorrectedMg,
    windowPoints: iEnd - i0,
    windowEndsEarly: window.endS < timeS[n - 1],
    corrected: { timeS, massMg: massCorr, unit },
    earlierStartsS: window.startSource === 'manual' ? earlierStarts(run, programme, timeS, massCorr, options.endS) : [],
    warnings,
  };
}

export function analyzeTga(sampleRun: TgaRun, options: AnalyzeTgaOptions = {}): TgaAnalysis {
  const c = tgaConversion(sampleRun, options);
  const { tS, alpha, temperatureC, recipe, warnings } = c;
  const sgWindowS = options.sgWindowS ?? TGA_DEFAULTS.sgWindowS;
  const sgPolynomial = options.sgPolynomial ?? TGA_DEFAULTS.sgPolynomial;
  const deriv = savitzkyGolayDerivative(tS, alpha, { windowS: sgWindowS, polynomial: sgPolynomial });
  if (deriv.resampled) warnings.push(`Uneven time steps: dα/dt was computed on an even ${Number(deriv.stepS.toPrecision(6))} s grid and interpolated back.`);

  const metrics = computeMetrics({
    tS,
    alpha,
    dAlphaDtPerS: deriv.values,
    temperatureC,
    windowPoints: c.windowPoints,
    alphaTargets: options.alphaTargets ?? [...TGA_DEFAULTS.alphaTargets],
    saturationFraction: options.saturationFraction ?? TGA_DEFAULTS.saturationFraction,
    onsetAlpha: options.onsetAlpha ?? TGA_DEFAULTS.onsetAlpha,
    finalWindowS: TGA_DEFAULTS.finalWindowS,
  });
  if (c.windowEndsEarly) warnings.push(`Metrics use the reducing window only (until ${c.reduction.endNote}).`);
  const implausible = alphaFinalWarning(metrics.alphaFinal, c.reduction.theoreticalLossMg, recipe !== null);
  if (implausible) warnings.unshift(implausible);

  const checks = runChecks({
    tS,
    alpha,
    dAlphaDtPerS: deriv.values,
    windowPoints: c.windowPoints,
    sgWindowS,
    sgPolynomial,
    timeS: c.corrected.timeS,
    massMg: c.corrected.massMg,
    startS: c.reduction.startS,
    startManual: c.reduction.startSource === 'manual',
    earlierStartsS: c.earlierStartsS,
    theoreticalLossMg: c.reduction.theoreticalLossMg,
    massStartMg: c.reduction.massStartMg,
    massUnit: c.corrected.unit,
  });

  return {
    reduction: c.reduction,
    recipe,
    tS,
    alpha,
    dAlphaDtPerS: deriv.values,
    temperatureC,
    massCorrectedMg: c.massCorrectedMg,
    metrics,
    nioShare: recipe ? nioShare(recipe, alpha) : null,
    corrected: c.corrected,
    checks,
    warnings,
  };
}

/** Where the reduction would start without the manual start: the automatic rule and the onset of the mass loss. */
function earlierStarts(run: TgaRun, programme: ReturnType<typeof windowSegments>, timeS: Float64Array, massMg: Float64Array, endS: number | null | undefined): { timeS: number; what: string }[] {
  const out: { timeS: number; what: string }[] = [];
  try {
    const auto = findReductionWindow({ timeS, massMg, gasEvents: run.gasEvents, segments: programme.segments, segmentsFrom: programme.from, temperatureC: run.temperatureC, startS: null, endS: null });
    if (auto.startSource !== 'detected') out.push({ timeS: auto.startS, what: `the automatic start (${auto.startNote})` });
  } catch {
    // no automatic start: only the data can tell
  }
  const onset = detectMassLossOnset(timeS, massMg);
  if (onset !== null && (endS === null || endS === undefined || onset < endS)) out.push({ timeS: onset, what: 'the onset of the main mass-loss step' });
  return out;
}

/**
 * Fe2O3 + NiO: NiO reduces first and fast (it is reduced well below 700 °C and its product Ni catalyses the Fe2O3
 * reduction), so the first lossShare of α is taken as NiO's and the rest as Fe2O3's:
 * α_Fe2O3 = clip((α − s)/(1 − s), 0, 1) with s = NiO's loss contribution / total theoretical loss.
 */
export function nioShare(recipe: Recipe, alpha: Float64Array): TgaAnalysis['nioShare'] {
  const nio = recipe.precursors.find((p) => p.formula.replace(/\s/g, '') === 'NiO');
  if (!nio || !(recipe.theoreticalLossFraction > 0)) return null;
  const lossShare = nio.lossContribution / recipe.theoreticalLossFraction;
  if (!(lossShare < 1)) return null;
  const apparentFe2O3Alpha = new Float64Array(alpha.length);
  const inv = 1 / (1 - lossShare);
  for (let i = 0; i < alpha.length; i++) {
    const v = (alpha[i] - lossShare) * inv;
    apparentFe2O3Alpha[i] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
  return { lossShare, apparentFe2O3Alpha };
}
