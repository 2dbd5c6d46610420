/**
 * After E(α): the compensation effect, ln A_α, and the reconstructed reaction model (ICTAC 2011 §2.5, eqs. 17–26).
 *
 * Compensation effect: every fixed model j of the ICTAC table fitted to each run i separately, differentially,
 *   ln[(dα/dt)_α / f_j(α)] = ln A_ij − E_ij/(R T_α)   (one line through the run's α of the grid),
 * gives pairs (E_ij, ln A_ij) that fall on ln A = a E + b; with the isoconversional E_α, ln A_α = a E_α + b.
 * Isothermal runs give no such line (T is constant): the compensation effect is then not computed.
 *
 * Master plot (Gotor et al., J. Phys. Chem. A 104 (2000) 10777), model-free: with the generalized time
 * θ(α) = Σ J (prediction.ts), g(α)/g(0.5) = θ(α)/θ(0.5) for a single-step process whatever A is; it is compared
 * with every model's g(α)/g(0.5) and the nearest (least RMS over the grid) is named; its ln A = ⟨ln[g(α)/θ(α)]⟩
 * (exact on single-step data, unlike the compensation line, whose ln A_α is typically within ±1). The differential
 * master plot f(α)/f(0.5) = (dα/dt)_α exp(E_α/RT_α)/[(dα/dt)_0.5 exp(E_0.5/RT_0.5)] needs α = 0.5 on the grid. Reconstructed forms:
 * f(α) = (dα/dt)_α / [A_α exp(−E_α/RT_α)] and g(α) = Σ_l A_l J_l (mean over runs).
 */
import type { CompensationResult, GeneralizedTime, IsoconversionalSeries, MasterPlotResult } from '../../shared/kinetics';
import { R_J_PER_MOL_K } from './constants';
import { REACTION_MODELS } from './models';
import type { RunKinetics } from './run-analysis';
import { fitLine, orNull } from './stats';

export function compensationEffect(runs: RunKinetics[], grid: number[], series: IsoconversionalSeries): CompensationResult | null {
  const pairs: CompensationResult['points'] = [];
  // one model fit per run (single heating rate or temperature), as ICTAC 2011 §2.5 recommends: these pairs lie on a
  // tight line; fits across runs would scatter the wrong models' pairs.
  for (const r of runs) {
    if (r.kind === 'isothermal') continue;
    for (const model of REACTION_MODELS) {
      const x: number[] = [];
      const y: number[] = [];
      for (let k = 0; k < grid.length; k++) {
        const T = r.temperatureAlphaK[k];
        const rate = r.rateAlphaPerS[k];
        const f = model.f(grid[k]);
        if (!(T > 0 && rate > 0 && f > 0 && Number.isFinite(f))) continue;
        x.push(1000 / T);
        y.push(Math.log(rate / f));
      }
      const fit = x.length >= 3 ? fitLine(x, y) : null;
      if (!fit) continue;
      const e = -fit.slope * R_J_PER_MOL_K;
      if (!(e > 0)) continue;
      pairs.push({ code: model.code, eKJPerMol: e, lnAPerS: fit.intercept });
    }
  }
  if (pairs.length < 3) return null;
  const line = fitLine(
    pairs.map((p) => p.eKJPerMol),
    pairs.map((p) => p.lnAPerS),
  );
  if (!line) return null;
  return {
    a: line.slope,
    b: line.intercept,
    r2: orNull(line.r2),
    points: pairs,
    lnAPerS: series.points.map((p) => ({ alpha: p.alpha, lnAPerS: p.eKJPerMol === null ? null : line.intercept + line.slope * p.eKJPerMol })),
    eMethod: series.method,
  };
}

export function masterPlot(runs: RunKinetics[], gt: GeneralizedTime, compensation: CompensationResult | null): MasterPlotResult {
  const alphas = gt.alphas;
  const m = alphas.length;
  // θ_i(α_k) = Σ_{l≤k} J_il (null once a run misses an interval)
  const theta = gt.lnJ.map((row) => {
    const out: (number | null)[] = [];
    let s = 0;
    let ok = true;
    for (let l = 0; l < m; l++) {
      if (!ok || row[l] === null) {
        ok = false;
        out.push(null);
      } else {
        s += Math.exp(row[l] as number);
        out.push(s);
      }
    }
    return out;
  });
  const atHalf = (vals: (number | null)[]): number | null => {
    for (let k = 0; k < m; k++) {
      if (Math.abs(alphas[k] - 0.5) < 1e-9) return vals[k];
      if (k > 0 && alphas[k - 1] < 0.5 && alphas[k] > 0.5) {
        const a = vals[k - 1];
        const b = vals[k];
        if (a === null || b === null) return null;
        return a + ((0.5 - alphas[k - 1]) / (alphas[k] - alphas[k - 1])) * (b - a);
      }
    }
    return null;
  };
  const mean = (xs: (number | null)[]): number | null => {
    const v = xs.filter((x): x is number => x !== null && Number.isFinite(x));
    return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
  };
  const gNormalized: (number | null)[] = alphas.map((_, k) =>
    mean(
      theta.map((th) => {
        const h = atHalf(th);
        return h && th[k] !== null ? (th[k] as number) / h : null;
      }),
    ),
  );
  // differential master plot: (dα/dt) exp(E/RT) ∝ A f(α), normalised at α = 0.5 per run (A cancels)
  const reduced = (r: RunKinetics, k: number): number | null => {
    const e = gt.eKJPerMol[k];
    const T = r.temperatureAlphaK[k];
    const rate = r.rateAlphaPerS[k];
    return e === null || !(T > 0 && rate > 0) ? null : Math.log(rate) + (e * 1000) / (R_J_PER_MOL_K * T);
  };
  const halfIndex = alphas.findIndex((a) => Math.abs(a - 0.5) < 1e-9);
  const fNormalized: (number | null)[] = alphas.map((_, k) =>
    halfIndex < 0
      ? null
      : mean(
          runs.map((r) => {
            const a = reduced(r, k);
            const b = reduced(r, halfIndex);
            return a === null || b === null ? null : Math.exp(a - b);
          }),
        ),
  );
  const models = REACTION_MODELS.map((model) => {
    const g05 = model.g(0.5);
    const f05 = model.f(0.5);
    const g = alphas.map((a) => {
      const v = model.g(a) / g05;
      return Number.isFinite(v) ? v : null;
    });
    const f = alphas.map((a) => {
      const v = model.f(a) / f05;
      return Number.isFinite(v) ? v : null;
    });
    let s = 0;
    let c = 0;
    for (let k = 0; k < m; k++) {
      const e = gNormalized[k];
      const t = g[k];
      if (e === null || t === null) continue;
      s += (e - t) * (e - t);
      c++;
    }
    return { code: model.code, gNormalized: g, fNormalized: f, rms: c > 0 ? Math.sqrt(s / c) : null };
  });
  let nearest: string | null = null;
  let best = Infinity;
  for (const mo of models) if (mo.rms !== null && mo.rms < best) {
    best = mo.rms;
    nearest = mo.code;
  }
  // ln A of the nearest model: g(α) = A θ(α) at every α and run
  let lnANearest: number | null = null;
  const nearestModel = REACTION_MODELS.find((mo) => mo.code === nearest);
  if (nearestModel) {
    const vals: number[] = [];
    for (const th of theta) for (let k = 0; k < m; k++) {
      const t = th[k];
      const g = nearestModel.g(alphas[k]);
      if (t !== null && t > 0 && g > 0 && Number.isFinite(g)) vals.push(Math.log(g / t));
    }
    lnANearest = vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : null;
  }
  // reconstructed f(α), g(α) with ln A_α from the compensation line
  const lnA = compensation ? compensation.lnAPerS.map((p) => p.lnAPerS) : alphas.map(() => null);
  const fReconstructed = alphas.map((_, k) => {
    const la = lnA[k];
    const e = gt.eKJPerMol[k];
    if (la === null || e === null) return null;
    return mean(
      runs.map((r) => {
        const T = r.temperatureAlphaK[k];
        const rate = r.rateAlphaPerS[k];
        if (!(T > 0 && rate > 0)) return null;
        return rate / Math.exp(la - (e * 1000) / (R_J_PER_MOL_K * T));
      }),
    );
  });
  const gReconstructed = alphas.map((_, k) =>
    mean(
      gt.lnJ.map((row) => {
        let s = 0;
        for (let l = 0; l <= k; l++) {
          const j = row[l];
          const la = lnA[l];
          if (j === null || la === null) return null;
          s += Math.exp(la + j);
        }
        return s;
      }),
    ),
  );
  return { alphas: alphas.slice(), gNormalized, fNormalized, fReconstructed, gReconstructed, models, nearestModel: nearest, nearestModelLnAPerS: lnANearest, eMethod: gt.eMethod };
}
