/**
 * Derived curves of the session's runs: what an expression can see of a run (core/tga/derived RunChannels), and
 * the run's curves evaluated in order — a curve may use the curves defined before it on the same run, and the
 * measured channels of other runs (never their derived curves, so no two curves can depend on each other).
 */
import type { ChannelInfo, DerivedCurveDef, DerivedCurveView } from '../shared/api';
import type { TgaRun } from '../shared/types';
import { channelSymbol, DerivedError, derivedNameProblem, evaluateDerived, type RunChannels } from '../core/tga/derived';
import { firstBackwardsIndex } from '../core/tga/series';
import { initialValue } from '../core/tga/tg';
import { displaySeries } from './downsample';

/** A derived curve at full resolution on its run's time axis, or why it could not be evaluated. */
export interface EvaluatedCurve {
  def: DerivedCurveDef;
  values: Float64Array | null;
  unit: string;
  error: string | null;
  warnings: string[];
}

/** The measured channels of a run as expressions see them: t, m, T, m0 and every other column (cut where time
 * runs backwards, as the analysis does). */
export function measuredChannels(label: string, run: TgaRun): RunChannels {
  const k = firstBackwardsIndex(run.timeS);
  const cut = (a: Float64Array): Float64Array => (k < 0 ? a : a.subarray(0, k));
  const timeS = cut(run.timeS);
  const channels: RunChannels['channels'] = [];
  const scalars: RunChannels['scalars'] = [];
  const mass = run.massMg ?? run.massPercent;
  if (mass) {
    const unit = run.massMg ? 'mg' : '%';
    channels.push({ symbol: 'm', name: 'mass', unit, values: cut(mass) });
    const m0 = run.massMg && run.sample.initialMassMg !== undefined ? run.sample.initialMassMg : initialValue(cut(mass));
    scalars.push({ symbol: 'm0', name: run.massMg && run.sample.initialMassMg !== undefined ? 'initial mass (stated in the file)' : 'initial mass (mean of the first 5 points)', unit, value: m0 });
  }
  if (run.temperatureC) channels.push({ symbol: 'T', name: 'temperature', unit: '°C', values: cut(run.temperatureC) });
  const used = new Set(['t', ...channels.map((c) => c.symbol), ...scalars.map((s) => s.symbol)]);
  for (const c of run.channels) {
    let symbol = channelSymbol(c.name);
    for (let j = 2; used.has(symbol); j++) symbol = `${channelSymbol(c.name)}_${j}`;
    used.add(symbol);
    channels.push({ symbol, name: c.name, unit: c.unit, values: cut(c.values) });
  }
  return { label, fileName: run.source.fileName, timeS, channels, scalars };
}

export interface CurveContext {
  blank: RunChannels | null;
  runs: RunChannels[];
  sgWindowS: number;
}

/** Evaluate a run's curves in order; each successful curve becomes a channel the next ones can use. */
export function evaluateRunCurves(base: RunChannels, defs: DerivedCurveDef[], ctx: CurveContext): { curves: EvaluatedCurve[]; self: RunChannels } {
  const self: RunChannels = { ...base, channels: [...base.channels] };
  const curves: EvaluatedCurve[] = [];
  for (const def of defs) {
    try {
      const taken = [...self.channels.map((c) => c.symbol), ...self.scalars.map((s) => s.symbol)];
      const problem = derivedNameProblem(def.name, taken);
      if (problem) throw new DerivedError(problem);
      const r = evaluateDerived(def.expression, { self, blank: ctx.blank, runs: ctx.runs, sgWindowS: ctx.sgWindowS }, def.unit);
      curves.push({ def, values: r.values, unit: r.unit, error: null, warnings: r.warnings });
      self.channels.push({ symbol: def.name, name: def.name, unit: r.unit, values: r.values });
    } catch (e) {
      curves.push({ def, values: null, unit: '', error: e instanceof Error ? e.message : String(e), warnings: [] });
    }
  }
  return { curves, self };
}

/** The unit a new curve would have on this run, or why it cannot be evaluated (no data are computed). */
export function previewCurve(self: RunChannels, def: DerivedCurveDef, ctx: CurveContext): { unit: string | null; error: string | null } {
  try {
    const taken = [...self.channels.map((c) => c.symbol), ...self.scalars.map((s) => s.symbol)];
    const problem = derivedNameProblem(def.name, taken);
    if (problem) throw new DerivedError(problem);
    // A full evaluation also checks the asked unit and finds runs that do not exist; it costs milliseconds.
    const r = evaluateDerived(def.expression, { self, blank: ctx.blank, runs: ctx.runs, sgWindowS: ctx.sgWindowS }, def.unit);
    return { unit: r.unit, error: null };
  } catch (e) {
    return { unit: null, error: e instanceof Error ? e.message : String(e) };
  }
}

export function channelInfo(self: RunChannels, derivedNames: Set<string>): ChannelInfo[] {
  return [
    { symbol: 't', name: 'time (file time)', unit: 's', kind: 'time' },
    ...self.channels.map((c): ChannelInfo => ({ symbol: c.symbol, name: c.name, unit: c.unit, kind: derivedNames.has(c.symbol) ? 'derived' : 'measured' })),
    ...self.scalars.map((s): ChannelInfo => ({ symbol: s.symbol, name: s.name, unit: s.unit, kind: 'scalar' })),
  ];
}

export function curveViews(self: RunChannels, curves: EvaluatedCurve[]): DerivedCurveView[] {
  return curves.map((c) => ({
    name: c.def.name,
    expression: c.def.expression,
    requestedUnit: c.def.unit,
    unit: c.unit,
    series: c.values ? displaySeries(self.timeS, c.values) : null,
    error: c.error,
    warnings: c.warnings,
  }));
}
