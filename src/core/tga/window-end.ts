/**
 * Where the reducing window ends when no gas switch says so: from the programme's segments (the file's, or the
 * header programme placed by core/tga/programme.ts) and from the measured temperature. The order of all the rules
 * is in start.ts (findReductionWindow): the user's end > a gas switch > the programme > the temperature > the end of
 * the data.
 *
 * Programme: a start inside an isothermal segment ends with that hold (consecutive holds at the same temperature,
 * within 2 °C, count as one: a gas switch inside a hold need not be a segment boundary); a start inside a heating
 * ramp ends where the first cooling segment after it begins.
 *
 * Temperature (TEMPERATURE_END_RULE): over the second half of the first `plateauWindowS` after the start (so that an
 * overshoot settling at the start of a hold is not taken for a ramp) the temperature is a plateau when it drifts by
 * less than `plateauMaxCPerMin`; its level T_h is the median there and its noise σ = 1.4826 × the median absolute
 * deviation (floor 0.01 °C). The band is max(k·σ, ΔT_min). The hold ends when, after the temperature
 * has first been inside the band (an overshoot at the start of a hold is not an end), it stays outside the band for
 * at least `minPoints` consecutive points spanning at least `minSeconds`; the end is then placed on the last point
 * before that run that lies within max(2σ, 0.1 °C) of T_h — where the temperature began to leave, not where it
 * crossed the band. Without a plateau at the start (a reduction under a temperature ramp) the same test runs against
 * the running maximum of the temperature: the window ends where cooling starts.
 */
import type { Segment } from '../../shared/types';

export const TEMPERATURE_END_RULE = {
  /** Band half-width in noise units … */
  k: 5,
  /** … and at least this many °C. */
  minBandC: 2,
  /** A departure must last this many consecutive points … */
  minPoints: 5,
  /** … spanning at least this many seconds. */
  minSeconds: 10,
  /** The plateau's level and noise are taken over this long after the start (s). */
  plateauWindowS: 120,
  /** Drift below which that stretch is a plateau (°C/min). */
  plateauMaxCPerMin: 0.5,
} as const;

export interface WindowEnd {
  endS: number;
  note: string;
}

const fmtS = (s: number): string => `${Math.round(s * 10) / 10} s`;
const fmtC = (c: number): string => `${Math.round(c * 10) / 10} °C`;

function median(values: number[]): number {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** End of the hold (or heating) that contains `startS`, from programme segments; null when the programme says none. */
export function programmeEnd(segments: Segment[], startS: number, lastS: number): { endS: number; label: string; kind: 'hold' | 'heating' } | null {
  const sorted = [...segments].sort((a, b) => a.startS - b.startS);
  const k = sorted.findIndex((s) => s.startS <= startS && startS < s.endS);
  if (k < 0) return null;
  const seg = sorted[k];
  if (seg.kind === 'isothermal') {
    let end = seg.endS;
    let last = seg;
    for (let j = k + 1; j < sorted.length; j++) {
      const next = sorted[j];
      const same = next.kind === 'isothermal' && (seg.targetC === undefined || next.targetC === undefined || Math.abs(next.targetC - seg.targetC) <= 2);
      if (!same || next.startS > end + 1) break;
      end = next.endS;
      last = next;
    }
    if (!(end < lastS)) return null;
    return { endS: end, label: last === seg ? seg.label : `${seg.label} … ${last.label}`, kind: 'hold' };
  }
  if (seg.kind === 'ramp') {
    const cool = sorted.slice(k + 1).find((s) => s.kind === 'cool');
    if (!cool || !(cool.startS < lastS)) return null;
    return { endS: cool.startS, label: cool.label, kind: 'heating' };
  }
  return null;
}

/** End of the hold (or of the heating) that contains `startS`, from the measured temperature; null when it does not end. */
export function temperatureEnd(timeS: Float64Array, temperatureC: Float64Array | null, startS: number): WindowEnd | null {
  if (!temperatureC) return null;
  const rule = TEMPERATURE_END_RULE;
  const n = timeS.length;
  let i0 = 0;
  while (i0 < n && timeS[i0] < startS) i0++;
  if (i0 >= n - rule.minPoints) return null;
  const windowEnd = startS + rule.plateauWindowS;
  const idx: number[] = [];
  for (let i = i0; i < n && timeS[i] <= windowEnd; i++) if (Number.isFinite(temperatureC[i])) idx.push(i);
  if (idx.length < rule.minPoints) return null;
  // The decision and the plateau's level and noise come from the second half of the window, so an overshoot that
  // settles at the start of a hold does not read as a ramp.
  const values = idx.map((i) => temperatureC[i]);
  const half = values.slice(Math.floor(values.length / 2));
  const halfIdx = idx.slice(Math.floor(idx.length / 2));
  const q = Math.max(1, Math.floor(half.length / 2));
  const early = median(half.slice(0, q));
  const late = median(half.slice(-q));
  const spanMin = (timeS[halfIdx[halfIdx.length - 1]] - timeS[halfIdx[0]]) / 60;
  const plateau = spanMin > 0 && Math.abs(late - early) / (spanMin / 2) < rule.plateauMaxCPerMin;
  // noise: from the plateau's deviations, or (on a ramp) from successive differences (σ_diff / √2)
  let sigma: number;
  let level = Number.NaN;
  if (plateau) {
    level = median(half);
    sigma = 1.4826 * median(half.map((v) => Math.abs(v - level)));
  } else {
    const diffs = values.slice(1).map((v, j) => v - values[j]);
    const md = median(diffs);
    sigma = (1.4826 * median(diffs.map((d) => Math.abs(d - md)))) / Math.SQRT2;
  }
  sigma = Math.max(sigma, 0.01);
  const band = Math.max(rule.k * sigma, rule.minBandC);
  const near = Math.max(2 * sigma, 0.1);
  let reference = plateau ? level : -Infinity;
  let entered = !plateau;
  let runStart = -1;
  let lastNear = i0;
  for (let i = i0; i < n; i++) {
    const T = temperatureC[i];
    if (!Number.isFinite(T)) continue;
    if (!plateau && T > reference) reference = T;
    const off = plateau ? Math.abs(T - reference) > band : T < reference - band;
    if (!entered) {
      if (Math.abs(T - reference) <= band) entered = true;
      else continue;
    }
    if (!off) {
      runStart = -1;
      if ((plateau ? Math.abs(T - reference) : reference - T) <= near) lastNear = i;
      continue;
    }
    if (runStart < 0) runStart = i;
    const count = i - runStart + 1;
    if (count >= rule.minPoints && timeS[i] - timeS[runStart] >= rule.minSeconds) {
      const endS = timeS[lastNear];
      const direction = plateau ? (temperatureC[i] < reference ? 'cooling' : 'heating') : 'cooling';
      const what = plateau ? `the temperature leaves the ${fmtC(reference)} hold (${direction})` : `cooling starts (${fmtC(reference)} maximum)`;
      return {
        endS,
        note: `${what} at ${fmtS(endS)}: out of the band of ±${fmtC(band)} = max(${rule.k}σ, ${rule.minBandC} °C), σ = ${Math.round(sigma * 1000) / 1000} °C, for ${rule.minPoints}+ points and ${rule.minSeconds}+ s from ${fmtS(timeS[runStart])}`,
      };
    }
  }
  return null;
}
