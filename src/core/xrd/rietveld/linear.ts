/**
 * The linear part of the refinement: phase scales (≥ 0 by an active set) and Chebyshev background solved exactly
 * by weighted least squares for the current phase columns, and Hill–Howard weight fractions from the scales.
 */
import { solveSymmetric } from '../../math/linalg';
import { cellVolume } from './lattice';
import { accumulatePhase, type Ctx } from './model';
import { dotRuns, intersectRuns, runsOf, scaleRuns } from './runs';
import type { PhaseState } from './state';

/** Σ a·b over the first n points (four partial sums). */
export function dot(a: Float64Array, b: Float64Array, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += a[i] * b[i];
    s1 += a[i + 1] * b[i + 1];
    s2 += a[i + 2] * b[i + 2];
    s3 += a[i + 3] * b[i + 3];
  }
  for (; i < n; i++) s0 += a[i] * b[i];
  return s0 + s1 + s2 + s3;
}

/** Σ w·a·b over the first n points. */
export function dotW(w: Float64Array, a: Float64Array, b: Float64Array, n: number): number {
  // four partial sums: independent chains the CPU can run side by side
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += w[i] * a[i] * b[i];
    s1 += w[i + 1] * a[i + 1] * b[i + 1];
    s2 += w[i + 2] * a[i + 2] * b[i + 2];
    s3 += w[i + 3] * a[i + 3] * b[i + 3];
  }
  for (; i < n; i++) s0 += w[i] * a[i] * b[i];
  return s0 + s1 + s2 + s3;
}

/**
 * Solve the linear parameters (scales ≥ 0, background) for the current columns; sets the state's scales and
 * background, the model, and returns χ² = Σ w (y − yc)².
 */
export function solveLinear(ctx: Ctx): number {
  const { w, y, n, bg, cols, st } = ctx;
  const nB = bg.length;
  const nP = cols.length;
  const atZero = ctx.atZero;
  for (let p = 0; p < nP; p++) atZero[p] = !ctx.inModel[p];
  // phase Grams (computed once, reused over active-set passes)
  const pp = new Float64Array(nP * nP);
  const pb = new Float64Array(nP * nB);
  const py = new Float64Array(nP);
  // √w × each phase column once, over its runs only (runs.ts: the same bits as over every point); the background
  // columns and y come scaled with the frame (makeCtx)
  const colScaled = ctx.arrays('colScaled', nP, n);
  const sw = ctx.sqrtW;
  const runs = ctx.colRuns;
  for (let p = 0; p < nP; p++) if (ctx.inModel[p]) scaleRuns(colScaled[p], cols[p], sw, runs[p]);
  let most = 0;
  for (let p = 0; p < nP; p++) most = Math.max(most, runs[p][0]);
  const shared = runsOf(2 * most);
  for (let p = 0; p < nP; p++) {
    if (!ctx.inModel[p]) continue;
    const sp = colScaled[p];
    const rp = runs[p];
    py[p] = dotRuns(sp, ctx.yScaled, n, rp);
    for (let q = p; q < nP; q++) {
      if (!ctx.inModel[q]) continue;
      const both = q === p ? rp : intersectRuns(rp, runs[q], shared);
      pp[p * nP + q] = pp[q * nP + p] = dotRuns(sp, colScaled[q], n, both);
    }
    for (let b = 0; b < nB; b++) pb[p * nB + b] = dotRuns(sp, ctx.bgScaled[b], n, rp);
  }
  let sol: Float64Array | null = null;
  let idx: number[] = [];
  for (let pass = 0; pass <= nP; pass++) {
    idx = [];
    for (let p = 0; p < nP; p++) if (!atZero[p]) idx.push(p);
    const m = idx.length + nB;
    const a = gramOf(idx, pp, pb, ctx.bgGram, nP, nB);
    const rhs = new Float64Array(m);
    for (let i = 0; i < idx.length; i++) rhs[i] = py[idx[i]];
    for (let b = 0; b < nB; b++) rhs[idx.length + b] = ctx.bgRhs[b];
    sol = solveSymmetric(a, rhs, m);
    if (!sol) {
      // singular: hold the phase column the others (and the background) explain best, and retry
      if (idx.length === 0) break;
      atZero[mostDependent(idx, pp, pb, ctx.bgGram, nP, nB)] = true;
      continue;
    }
    let worst = -1;
    let worstVal = 0;
    for (let i = 0; i < idx.length; i++) if (sol[i] < worstVal) { worstVal = sol[i]; worst = idx[i]; }
    if (worst < 0) break;
    atZero[worst] = true;
  }
  for (let p = 0; p < nP; p++) st.phases[p].scale = 0;
  if (sol) {
    for (let i = 0; i < idx.length; i++) st.phases[idx[i]].scale = sol[i];
    for (let b = 0; b < nB; b++) st.background[b] = sol[idx.length + b];
  }
  // the model: the background terms point by point, then each phase's scale × column over its runs; per point the
  // terms are added in the order of one pass over all of them (outside its runs a phase would add ±0, which changes
  // no sum: runs.ts)
  const model = ctx.model;
  const coef = st.background;
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let b = 0; b < nB; b++) v += coef[b] * bg[b][i];
    model[i] = v;
  }
  for (let p = 0; p < nP; p++) {
    const s = st.phases[p].scale;
    if (s === 0) continue;
    addScaledRuns(model, cols[p], s, ctx.colRuns[p]);
  }
  let chi2 = 0;
  for (let i = 0; i < n; i++) {
    const r = y[i] - model[i];
    chi2 += w[i] * r * r;
  }
  return chi2;
}

/** model += s × col over the points of `runs`. */
function addScaledRuns(model: Float64Array, col: Float64Array, s: number, runs: Float64Array): void {
  const count = runs[0];
  for (let k = 0; k < count; k++) {
    const hi = runs[2 + 2 * k];
    for (let i = runs[1 + 2 * k]; i < hi; i++) model[i] += s * col[i];
  }
}

export function evaluate(ctx: Ctx): number {
  for (let p = 0; p < ctx.phases.length; p++) if (ctx.inModel[p]) accumulatePhase(ctx, p, false);
  return solveLinear(ctx);
}

/** Hill–Howard weight fractions W_p = S_p(ZMV)_p / Σ S_i(ZMV)_i and their uncertainties from the scale covariance. */
export function hillHoward(scales: ArrayLike<number>, zmv: ArrayLike<number>, scaleCov?: ArrayLike<number>): { w: Float64Array; sigma: Float64Array } {
  const n = scales.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.max(0, scales[i]) * zmv[i];
  const w = new Float64Array(n);
  const sigma = new Float64Array(n);
  if (!(sum > 0)) return { w, sigma };
  for (let i = 0; i < n; i++) w[i] = (Math.max(0, scales[i]) * zmv[i]) / sum;
  if (scaleCov) {
    // ∂W_p/∂S_j = zmv_j (δ_pj − W_p) / Σ
    for (let p = 0; p < n; p++) {
      let v = 0;
      for (let i = 0; i < n; i++) {
        // scales held at zero (dropped or at the non-negativity bound) do not vary
        if (!(scales[i] > 0)) continue;
        const gi = (zmv[i] * ((i === p ? 1 : 0) - w[p])) / sum;
        if (gi === 0) continue;
        for (let j = 0; j < n; j++) {
          if (!(scales[j] > 0)) continue;
          const gj = (zmv[j] * ((j === p ? 1 : 0) - w[p])) / sum;
          v += gi * gj * scaleCov[i * n + j];
        }
      }
      sigma[p] = Math.sqrt(Math.max(0, v));
    }
  }
  return { w, sigma };
}

export function zmvOf(ps: PhaseState): number {
  return ps.intensities.cellMassAmu * cellVolume(ps.lattice);
}

export function fractionsNow(ctx: Ctx): Float64Array {
  return hillHoward(
    Float64Array.from(ctx.st.phases, (ps) => ps.scale),
    Float64Array.from(ctx.st.phases, zmvOf),
  ).w;
}

/**
 * The phase of idx whose column is closest to a combination of the other columns (phases of idx and background):
 * least 1 − R² = |c_p − P c_p|² / |c_p|², P the projection on the others, from the Gram matrices (a zero column
 * counts as fully dependent). A duplicate phase is held, not a faint independent one. Candidates whose others are
 * singular themselves are skipped; if every one is, the weakest column (least |c_p|²).
 */
function mostDependent(idx: number[], pp: Float64Array, pb: Float64Array, bgGram: Float64Array, nP: number, nB: number): number {
  let best = -1;
  let bestRel = Infinity;
  const k = idx.length - 1;
  const m = k + nB;
  for (const p of idx) {
    const others = idx.filter((q) => q !== p);
    const a = gramOf(others, pp, pb, bgGram, nP, nB);
    const rhs = new Float64Array(m);
    for (let i = 0; i < k; i++) rhs[i] = pp[others[i] * nP + p];
    for (let b = 0; b < nB; b++) rhs[k + b] = pb[p * nB + b];
    const norm2 = pp[p * nP + p];
    let rel = 0;
    if (norm2 > 0) {
      const sol = m > 0 ? solveSymmetric(a, rhs, m) : new Float64Array(0);
      if (!sol) continue;
      let explained = 0;
      for (let i = 0; i < m; i++) explained += rhs[i] * sol[i];
      rel = (norm2 - explained) / norm2;
    }
    if (rel < bestRel) {
      bestRel = rel;
      best = p;
    }
  }
  if (best >= 0) return best;
  let weakest = idx[0];
  for (const p of idx) if (pp[p * nP + p] < pp[weakest * nP + weakest]) weakest = p;
  return weakest;
}

/**
 * The Gram matrix of the phase columns `sel` followed by the nB background columns, (|sel| + nB)², from the
 * phase–phase (pp, nP × nP), phase–background (pb, nP × nB) and background (bgGram, nB × nB) blocks.
 */
function gramOf(sel: number[], pp: Float64Array, pb: Float64Array, bgGram: Float64Array, nP: number, nB: number): Float64Array {
  const k = sel.length;
  const m = k + nB;
  const a = new Float64Array(m * m);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) a[i * m + j] = pp[sel[i] * nP + sel[j]];
    for (let b = 0; b < nB; b++) a[i * m + k + b] = a[(k + b) * m + i] = pb[sel[i] * nB + b];
  }
  for (let b = 0; b < nB; b++) for (let c = 0; c < nB; c++) a[(k + b) * m + k + c] = bgGram[b * nB + c];
  return a;
}
