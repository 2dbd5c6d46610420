/**
 * Linear isoconversional methods (ICTAC 2011, Vyazovkin et al., Thermochim. Acta 520 (2011) 1, §2.2) and
 * Kissinger (ASTM E698). At each α, a straight line through one point per run, x = 1000/T_α:
 *
 *   Friedman (1964):            ln(dα/dt)_α,i    = ln[A f(α)] − E/(R T_α,i)              E = −R·slope
 *   KAS (Kissinger–Akahira–Sunose; Murray–White p(x) ≈ e⁻ˣ/x²):
 *                               ln(β_i/T²_α,i)    = const − E/(R T_α,i)                   E = −R·slope
 *   OFW (Ozawa–Flynn–Wall; Doyle ln p(x) ≈ −5.331 − 1.052x):
 *                               ln β_i            = const − 1.052 E/(R T_α,i)             E = −R·slope/1.052
 *   Starink (2003):             ln(β_i/T^1.92_α,i) = const − 1.0008 E/(R T_α,i)          E = −R·slope/1.0008
 *   Kissinger (ASTM E698):      ln(β_i/T²_p,i)    = ln(AR/E) − E/(R T_p,i)                 at the DTG peak
 *
 * The 95 % interval of each E is the Student t half-width of the slope, t_{0.975, n−2} · SE(slope) · R (scaled
 * like E), n the number of runs: it measures how well the runs fall on one line, not the bias of the
 * approximation (docs/kinetics.md lists those biases).
 */
import type { EAlphaPoint, IsoconversionalSeries, IsoLine, KissingerResult } from '../../shared/kinetics';
import { R_J_PER_MOL_K } from './constants';
import type { RunKinetics } from './run-analysis';
import { fitLine, orNull } from './stats';

export type LinearMethod = 'friedman' | 'kas' | 'ofw' | 'starink';

interface MethodDef {
  /** Ordinate at α for one run (NaN when undefined). */
  y(r: RunKinetics, k: number): number;
  /** E = −R·slope/factor with slope per (1/T); in kJ/mol with x = 1000/T. */
  factor: number;
  yLabel: string;
  needsHeatingRate: boolean;
}

const METHODS: Record<LinearMethod, MethodDef> = {
  friedman: { y: (r, k) => (r.rateAlphaPerS[k] > 0 ? Math.log(r.rateAlphaPerS[k]) : NaN), factor: 1, yLabel: 'ln[(dα/dt)/s⁻¹]', needsHeatingRate: false },
  kas: { y: (r, k) => Math.log(r.heatingRateKPerS / (r.temperatureAlphaK[k] * r.temperatureAlphaK[k])), factor: 1, yLabel: 'ln[(β/K s⁻¹)/(T/K)²]', needsHeatingRate: true },
  ofw: { y: (r) => Math.log(r.heatingRateKPerS), factor: 1.052, yLabel: 'ln(β/K s⁻¹)', needsHeatingRate: true },
  starink: { y: (r, k) => Math.log(r.heatingRateKPerS / Math.pow(r.temperatureAlphaK[k], 1.92)), factor: 1.0008, yLabel: 'ln[(β/K s⁻¹)/(T/K)^1.92]', needsHeatingRate: true },
};

export const LINEAR_CI_MEANING =
  'Two-sided 95 % Student t interval of the regression slope: E ± t(0.975, n − 2)·SE(slope)·R/c with n runs (undefined for n = 2); it reflects the scatter of the runs about the isoconversional line, not the bias of the temperature-integral approximation.';

function emptyPoint(alpha: number, runs: number): EAlphaPoint {
  return { alpha, eKJPerMol: null, ci95KJPerMol: null, ci95LowKJPerMol: null, ci95HighKJPerMol: null, runs, r2: null };
}

export function linearIsoconversional(method: LinearMethod, runs: RunKinetics[], grid: number[]): IsoconversionalSeries {
  const def = METHODS[method];
  const points: EAlphaPoint[] = [];
  const lines: IsoLine[] = [];
  for (let k = 0; k < grid.length; k++) {
    const x: number[] = [];
    const y: number[] = [];
    for (const r of runs) {
      const T = r.temperatureAlphaK[k];
      if (!Number.isFinite(T)) continue;
      if (def.needsHeatingRate && !(r.heatingRateKPerS > 0)) continue;
      const v = def.y(r, k);
      if (!Number.isFinite(v)) continue;
      x.push(1000 / T);
      y.push(v);
    }
    const fit = x.length >= 2 ? fitLine(x, y) : null;
    if (!fit) {
      points.push(emptyPoint(grid[k], x.length));
      continue;
    }
    // x = 1000/T: slope = −c·E/(1000 R), so E[kJ/mol] = −slope·R[J mol⁻¹ K⁻¹]/c
    const e = (-fit.slope * R_J_PER_MOL_K) / def.factor;
    const ci = orNull((fit.slopeCi95 * R_J_PER_MOL_K) / def.factor);
    points.push({
      alpha: grid[k],
      eKJPerMol: orNull(e),
      ci95KJPerMol: ci,
      ci95LowKJPerMol: ci === null ? null : e - ci,
      ci95HighKJPerMol: ci === null ? null : e + ci,
      runs: x.length,
      r2: orNull(fit.r2),
    });
    lines.push({ alpha: grid[k], x, y, slope: fit.slope, intercept: fit.intercept });
  }
  return { method, points, ciMeaning: LINEAR_CI_MEANING, lines, yLabel: def.yLabel };
}

/** Kissinger (ASTM E698) from the DTG peak of every linearly heated run; null with fewer than two. */
export function kissinger(runs: RunKinetics[]): KissingerResult | null {
  const used = runs.filter((r) => r.kind === 'heating' && r.heatingRateKPerS > 0 && r.peak !== null);
  if (used.length < 2) return null;
  const x = used.map((r) => 1000 / (r.peak as NonNullable<RunKinetics['peak']>).temperatureK);
  const y = used.map((r) => {
    const T = (r.peak as NonNullable<RunKinetics['peak']>).temperatureK;
    return Math.log(r.heatingRateKPerS / (T * T));
  });
  const fit = fitLine(x, y);
  if (!fit) return null;
  const eKJ = -fit.slope * R_J_PER_MOL_K;
  const ci = orNull(fit.slopeCi95 * R_J_PER_MOL_K);
  // intercept = ln(A R / E)  →  ln A = intercept + ln(E/R), A in s⁻¹ (β in K/s)
  const lnA = fit.intercept + Math.log((eKJ * 1000) / R_J_PER_MOL_K);
  return {
    eKJPerMol: eKJ,
    ci95KJPerMol: ci,
    lnAPerS: lnA,
    r2: orNull(fit.r2),
    line: { alpha: NaN, x, y, slope: fit.slope, intercept: fit.intercept },
    peaks: used.map((r) => {
      const p = r.peak as NonNullable<RunKinetics['peak']>;
      return { label: r.run.label, temperatureK: p.temperatureK, alpha: p.alpha, heatingRateKPerMin: r.heatingRateKPerS * 60 };
    }),
  };
}
