/**
 * V(P, T): the volume at which a scale gives a pressure, by safeguarded Newton iteration inside a bracket.
 *
 * P(V) falls monotonically with V wherever a scale is physical. Each evaluation narrows a bracket
 * [lo, hi] (P(lo) > P_target > P(hi)); a Newton step that leaves the bracket, or meets dP/dV ≥ 0, is replaced by
 * bisection (or by a geometric expansion while one side is still open). The search is confined to
 * V/V₀ ∈ [0.02, 4]; no sign change there, a bracket that inverts (P rising with V) or a root with dP/dV ≥ 0 raise
 * EosSolveError instead of returning a wrong volume.
 */
import type { EosModel } from './model';

export class EosSolveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EosSolveError';
  }
}

const X_MIN = 0.02;
const X_MAX = 4;

interface Start {
  t: number;
  p0: number;
  k0: number;
}
const starts = new WeakMap<EosModel, Start>();
const work = new Float64Array(2);

/** P(V₀, T) and K(V₀, T) for the Murnaghan start, cached per model for the last temperature. */
function startAt(model: EosModel, t: number): Start {
  let s = starts.get(model);
  if (!s || s.t !== t) {
    model.evaluate(model.v0A3, t, work);
    s = { t, p0: work[0], k0: -model.v0A3 * work[1] };
    starts.set(model, s);
  }
  return s;
}

/**
 * Cell volume (Å³) at pressureGPa and temperatureK; throws EosSolveError when there is no stable root.
 * guessA3: a starting volume (e.g. the previous point of a series); default Murnaghan from (V₀, P(V₀,T), K(V₀,T)).
 */
export function solveVolume(model: EosModel, pressureGPa: number, temperatureK: number, guessA3?: number): number {
  if (!Number.isFinite(pressureGPa)) throw new EosSolveError(`pressure must be a finite number (got ${pressureGPa})`);
  const v0 = model.v0A3;
  const vMin = X_MIN * v0;
  const vMax = X_MAX * v0;
  let v = v0;
  if (guessA3 !== undefined && guessA3 >= vMin && guessA3 <= vMax) v = guessA3;
  else {
    const { p0, k0 } = startAt(model, temperatureK);
    if (Number.isFinite(p0) && k0 > 0) {
      const base = 1 + (4 * (pressureGPa - p0)) / k0;
      v = base > 0.05 ? v0 * Math.pow(base, -0.25) : v0 * 0.5;
      if (!(v >= vMin && v <= vMax)) v = v0;
    }
  }
  let lo = -Infinity; // largest V known to give P > target (too compressed)
  let hi = Infinity; // smallest V known to give P < target
  const tolP = 1e-12 * Math.max(1, Math.abs(pressureGPa));
  for (let iter = 0; iter < 200; iter++) {
    model.evaluate(v, temperatureK, work);
    const f = work[0] - pressureGPa;
    const d = work[1];
    if (!Number.isFinite(f)) throw new EosSolveError(`${model.def.id}: pressure is not finite at V/V0 = ${(v / v0).toPrecision(4)}`);
    if (Math.abs(f) <= tolP) return checkedRoot(model, v, temperatureK, d);
    if (f > 0) lo = Math.max(lo, v);
    else hi = Math.min(hi, v);
    if (lo >= hi) {
      throw new EosSolveError(`${model.def.id}: P(V) is not monotonic near V/V0 = ${(v / v0).toPrecision(4)} at ${temperatureK} K`);
    }
    let next = d < 0 && Number.isFinite(d) ? v - f / d : NaN;
    const bracketed = Number.isFinite(lo) && Number.isFinite(hi);
    if (bracketed) {
      if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    } else if (Number.isFinite(lo)) {
      // Root above lo: Newton if it goes up (at most ×1.5), else expand.
      if (!(next > lo) || next > 1.5 * v) next = Math.min(1.5 * v, vMax);
      if (v >= vMax) throw noRoot(model, pressureGPa, temperatureK);
    } else {
      if (!(next < hi) || next < v / 1.5) next = Math.max(v / 1.5, vMin);
      if (v <= vMin) throw noRoot(model, pressureGPa, temperatureK);
    }
    // Newton converges quadratically: once a step is below 1e-9·V the next one would be ~1e-18·V, so the step's
    // end point is the root to double precision (a bisection step is never accepted here).
    if (d < 0 && Math.abs(next - v) <= 1e-9 * v && next === v - f / d) return checkedRoot(model, next, temperatureK, d);
    v = next;
  }
  throw new EosSolveError(`${model.def.id}: no convergence for P = ${pressureGPa} GPa at ${temperatureK} K`);
}

function noRoot(model: EosModel, p: number, t: number): EosSolveError {
  return new EosSolveError(`${model.def.id}: no volume between ${X_MIN} and ${X_MAX} V0 gives ${p} GPa at ${t} K`);
}

function checkedRoot(model: EosModel, v: number, t: number, slope?: number): number {
  const d = slope ?? model.dPdV(v, t);
  if (!(d < 0)) {
    throw new EosSolveError(`${model.def.id}: the root at V/V0 = ${(v / model.v0A3).toPrecision(4)} is mechanically unstable (dP/dV ≥ 0)`);
  }
  return v;
}

/**
 * V(P, T) for many pressures at one temperature (NaN where there is no stable root). Each point starts from the
 * previous point's volume corrected by its bulk modulus when the pressures come in small steps (a sorted series,
 * a map), else from the Murnaghan guess.
 */
export function solveVolumes(model: EosModel, pressuresGPa: ArrayLike<number>, temperatureK: number, out = new Float64Array(pressuresGPa.length)): Float64Array {
  let prevV = NaN;
  let prevP = NaN;
  for (let i = 0; i < pressuresGPa.length; i++) {
    const p = pressuresGPa[i];
    let guess: number | undefined;
    if (Number.isFinite(prevV)) {
      model.evaluate(prevV, temperatureK, work);
      const k = -prevV * work[1];
      const step = (p - prevP) / k;
      if (k > 0 && Math.abs(step) < 0.05) guess = prevV * (1 - step);
    }
    try {
      out[i] = solveVolume(model, p, temperatureK, guess);
      prevV = out[i];
      prevP = p;
    } catch {
      out[i] = NaN;
      prevV = NaN;
    }
  }
  return out;
}
