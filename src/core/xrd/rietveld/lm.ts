/**
 * Levenberg–Marquardt over the non-linear parameters with the linear ones solved at every evaluation (variable
 * projection, Golub & Pereyra 1973; Kaufman's step), projected steps at bounds, and the covariance of scales and
 * parameters from the last normal matrix.
 */
import { invertSymmetric, solveSymmetric } from '../../math/linalg';
import { dotW, evaluate } from './linear';
import { accumulatePhase, getParam, setParam, type Ctx } from './model';
import { clipRuns, dotRuns, dotSeq4Runs, fullRuns, intersectRuns, runsOf, unionRuns } from './runs';

/** Outcome of one LM run: final χ², iterations, convergence, and the covariance of [scales, bg, params]. */
export interface LmOutcome {
  chi2: number;
  iterations: number;
  converged: boolean;
  /** Standard uncertainty (unscaled by χ²) of each phase scale and of each non-linear parameter. */
  scaleVar: Float64Array;
  scaleCov: Float64Array;
  paramVar: Float64Array;
  /** Covariance (unscaled by χ²) of the non-linear parameters, nQ × nQ row-major (0 for a parameter held). */
  paramCov: Float64Array;
}

/** dst = √w × src (returns dst). */
function scaleInto(dst: Float64Array, src: Float64Array, sw: Float64Array, n: number): Float64Array {
  for (let t = 0; t < n; t++) dst[t] = sw[t] * src[t];
  return dst;
}

/**
 * Convergence seen one iteration early: the χ² decrease that a further Gauss–Newton step would bring, predicted
 * with this iteration's normal matrix A and √w-scaled columns J at the new residual r (after the step, linear
 * parameters re-solved): Δχ² = gᵀA⁻¹g with g = Jᵀr. Below tolerance × χ², the next iteration (a new Jacobian and
 * normal matrix) would end the refinement anyway. Not used when the set of positive scales changed or a parameter on
 * a bound would be pushed outward (the prediction would not hold there).
 */
function nextStepNegligible(
  ctx: Ctx, a: Float64Array, scaledOf: Float64Array[], runsOfCol: Float64Array[], lin: number[], nl: number[], chi2: number,
): boolean {
  const { n, y, model, sqrtW, params, ro } = ctx;
  let k = 0;
  for (let p = 0; p < ctx.st.phases.length; p++) {
    if (ctx.st.phases[p].scale > 0 && lin[k++] !== p) return false;
  }
  if (k !== lin.length) return false;
  // Stryker disable next-line StringLiteral: equivalent — a scratch buffer's name: any name gives an n-long buffer written in full below before it is read
  const r = ctx.arrays('residual', 1, n)[0];
  for (let i = 0; i < n; i++) r[i] = sqrtW[i] * (y[i] - model[i]);
  const m = scaledOf.length;
  const g = new Float64Array(m);
  for (let i = 0; i < m; i++) g[i] = dotRuns(scaledOf[i], r, n, runsOfCol[i]);
  const delta = solveSymmetric(a, g, m);
  if (!delta) return false;
  const nLin = m - nl.length;
  for (let j = 0; j < nl.length; j++) {
    const q = params[nl[j]];
    const v = getParam(ctx, q);
    const d = delta[nLin + j];
    if ((v <= q.min && d < 0) || (v >= q.max && d > 0)) return false;
  }
  let decrease = 0;
  for (let i = 0; i < m; i++) decrease += g[i] * delta[i];
  return decrease < ro.tolerance * chi2;
}

/** `chi2Now`: χ² of an evaluation of the current parameters just made (with this ctx's phases in the model), else
 * evaluated here. `maxIterations` (default the options'): 0 re-solves the linear part only. */
export function runLm(ctx: Ctx, chi2Now?: number, maxIterations = ctx.ro.maxIterations): LmOutcome {
  const { ro, n, w, y, params, jac, cols, bg } = ctx;
  const nP = cols.length;
  const nB = bg.length;
  let chi2 = chi2Now ?? evaluate(ctx);
  let lambda = 1e-3;
  let iterations = 0;
  let converged = params.length === 0;
  const nQ = params.length;
  let lastNormal: { a: Float64Array; m: number; lin: number[]; nl: number[] } | null = null;
  for (; iterations < maxIterations && nQ > 0; iterations++) {
    for (const j of jac) j.fill(0);
    for (let p = 0; p < nP; p++) if (ctx.inModel[p]) accumulatePhase(ctx, p, true);
    // residual
    const r = ctx.arrays('residual', 1, n)[0];
    for (let i = 0; i < n; i++) r[i] = y[i] - ctx.model[i];
    // columns of the joint system: phases with a positive scale, background, non-linear params whose phase is live
    const lin: number[] = [];
    for (let p = 0; p < nP; p++) if (ctx.st.phases[p].scale > 0) lin.push(p);
    const nl: number[] = [];
    params.forEach((q, qi) => {
      if (q.phase < 0 || ctx.st.phases[q.phase].scale > 0) nl.push(qi);
    });
    const m = lin.length + nB + nl.length;
    const nLin = lin.length + nB;
    const a = new Float64Array(m * m);
    const g = new Float64Array(m);
    // the columns × √w: the model derivative w.r.t. a scale is its unit-scale column (scaled here), the background
    // columns come scaled with the frame, the Jacobian columns from accumulatePhase; then plain dot products (one
    // multiply per point), the background–background block from the frame's Gram matrix, four columns per pass
    // over the points (each point of column i read once for four products)
    //
    // Each column is nonzero only over its runs (runs.ts): a phase's over its lines, a Jacobian column over the lines
    // of the phases it moves, a background column everywhere; every product is summed over the runs both columns
    // share, in the order (and with the partial sums) of the products over every point that it replaces: the dense four-column sum's
    // single sums for the columns j of each group of four, dot's four partial sums for the last (m − j₀) mod 4.
    const sw = ctx.sqrtW;
    const work = ctx.arrays('scaled', lin.length, n);
    const scaledOf: Float64Array[] = [];
    const runsOfCol: Float64Array[] = [];
    // scaled over every point (0 outside the runs: the groups of four below read a column over its neighbours' runs
    // too); the runs copied: the trial steps' evaluations rewrite the phases' runs, and nextStepNegligible reads these
    // columns after
    lin.forEach((p, i) => {
      scaledOf.push(scaleInto(work[i], cols[p], sw, n));
      runsOfCol.push(ctx.colRuns[p].slice(0, 1 + 2 * ctx.colRuns[p][0]));
    });
    // pushed one by one: spreading a map over an empty list passed a second kind of array here
    const everywhere = fullRuns(n);
    for (const b of ctx.bgScaled) {
      scaledOf.push(b);
      runsOfCol.push(everywhere);
    }
    for (const qi of nl) {
      scaledOf.push(jac[qi]);
      runsOfCol.push(jacobianRuns(ctx, params[qi].phase));
    }
    for (let t = 0; t < n; t++) r[t] *= sw[t];
    const isBg = (i: number): boolean => i >= lin.length && i < nLin;
    const both = runsOf(2 * maxRuns(runsOfCol));
    for (let i = 0; i < m; i++) {
      const si = scaledOf[i];
      const ri = runsOfCol[i];
      g[i] = dotRuns(si, r, n, ri);
      // background × background from the frame's Gram matrix
      let j = i;
      if (isBg(i)) {
        for (; j < nLin; j++) a[i * m + j] = a[j * m + i] = ctx.bgGram[(i - lin.length) * nB + (j - lin.length)];
      }
      // four columns at once (a dense four-column sum over every point before) over the row's runs within the span of the four columns'
      // (every column here is exactly 0 outside its runs, so the points between add nothing)
      for (; j + 3 < m; j += 4) {
        let lo = n;
        let hi = 0;
        for (let k = j; k < j + 4; k++) {
          const rk = runsOfCol[k];
          if (rk[0] === 0) continue;
          lo = Math.min(lo, rk[1]);
          hi = Math.max(hi, rk[2 * rk[0]]);
        }
        const shared = clipRuns(ri, lo, hi, both);
        const s4 = dotSeq4Runs(si, scaledOf[j], scaledOf[j + 1], scaledOf[j + 2], scaledOf[j + 3], shared);
        for (let k = 0; k < 4; k++) a[i * m + j + k] = a[(j + k) * m + i] = s4[k];
      }
      for (; j < m; j++) a[i * m + j] = a[j * m + i] = dotRuns(si, scaledOf[j], n, intersectRuns(ri, runsOfCol[j], both));
    }
    // a parameter with no effect on the model (e.g. a width held at its floor) takes no step
    for (let k = nLin; k < m; k++) {
      if (!(a[k * m + k] > 0)) {
        for (let j = 0; j < m; j++) a[k * m + j] = a[j * m + k] = 0;
        a[k * m + k] = 1;
        g[k] = 0;
      }
    }
    lastNormal = { a, m, lin, nl };
    if (nl.length === 0) {
      converged = true;
      break;
    }
    const saved = Float64Array.from(params, (q) => getParam(ctx, q));
    // Stryker disable next-line StringLiteral: equivalent — a scratch buffer's name: any name gives an n-long buffer set in full on the next line
    const savedModel = ctx.arrays('savedModel', 1, n)[0];
    savedModel.set(ctx.model);
    const savedState = { scales: ctx.st.phases.map((ps) => ps.scale), bgc: ctx.st.background.slice(), model: savedModel };
    let accepted = false;
    let newChi2 = chi2;
    while (lambda < 1e10) {
      const damped = a.slice();
      for (let k = nLin; k < m; k++) damped[k * m + k] *= 1 + lambda;
      let delta = solveSymmetric(damped, g, m);
      // projected step: a parameter sitting on a bound that the step pushes outward is held for this step
      if (delta) {
        // Stryker disable next-line BooleanLiteral: equivalent — true with nothing held re-solves the same system (gh = g, damped untouched): the same step
        let held = false;
        const gh = g.slice();
        for (let k = 0; k < nl.length; k++) {
          const q = params[nl[k]];
          const v = saved[nl[k]];
          const d = delta[nLin + k];
          if ((v <= q.min && d < 0) || (v >= q.max && d > 0)) {
            const kk = nLin + k;
            for (let j = 0; j < m; j++) damped[kk * m + j] = damped[j * m + kk] = 0;
            damped[kk * m + kk] = 1;
            gh[kk] = 0;
            held = true;
          }
        }
        if (held) delta = solveSymmetric(damped, gh, m);
      }
      if (!delta) {
        lambda *= 10;
        continue;
      }
      for (let k = 0; k < nl.length; k++) {
        const q = params[nl[k]];
        const v = Math.min(q.max, Math.max(q.min, saved[nl[k]] + delta[nLin + k]));
        setParam(ctx, q, v);
      }
      newChi2 = evaluate(ctx);
      if (newChi2 < chi2) {
        accepted = true;
        lambda = Math.max(lambda / 5, 1e-9);
        break;
      }
      for (let k = 0; k < nQ; k++) setParam(ctx, params[k], saved[k]);
      lambda *= 6;
    }
    if (!accepted) {
      // restore the last good evaluation (the parameters are back already: every refused trial restores them)
      ctx.st.phases.forEach((ps, p) => (ps.scale = savedState.scales[p]));
      ctx.st.background.set(savedState.bgc);
      ctx.model.set(savedState.model);
      converged = true;
      break;
    }
    const rel = (chi2 - newChi2) / chi2;
    chi2 = newChi2;
    if (rel < ro.tolerance || nextStepNegligible(ctx, a, scaledOf, runsOfCol, lin, nl, newChi2)) {
      converged = true;
      iterations++;
      break;
    }
  }
  if (nQ === 0 || !lastNormal) {
    // only linear parameters: covariance from the linear normal matrix
    const lin: number[] = [];
    for (let p = 0; p < nP; p++) if (ctx.st.phases[p].scale > 0) lin.push(p);
    const colsAll: Float64Array[] = [];
    for (const p of lin) colsAll.push(cols[p]);
    for (const b of bg) colsAll.push(b);
    const m = colsAll.length;
    const a = new Float64Array(m * m);
    for (let i = 0; i < m; i++) for (let j = i; j < m; j++) a[i * m + j] = a[j * m + i] = dotW(w, colsAll[i], colsAll[j], n);
    lastNormal = { a, m, lin, nl: [] };
  }
  const inv = invertSymmetric(lastNormal.a, lastNormal.m);
  const scaleVar = new Float64Array(nP);
  const scaleCov = new Float64Array(nP * nP);
  const paramVar = new Float64Array(nQ);
  const paramCov = new Float64Array(nQ * nQ);
  if (inv) {
    const { lin, nl, m } = lastNormal;
    const nLin = lin.length + nB;
    lin.forEach((p, i) => {
      scaleVar[p] = inv[i * m + i];
      lin.forEach((q, j) => (scaleCov[p * nP + q] = inv[i * m + j]));
    });
    nl.forEach((qi, k) => {
      paramVar[qi] = inv[(nLin + k) * m + nLin + k];
      nl.forEach((qj, l) => (paramCov[qi * nQ + qj] = inv[(nLin + k) * m + nLin + l]));
    });
  }
  return lmOutcome(chi2, iterations, converged, scaleVar, scaleCov, paramVar, paramCov);
}

/** Where a Jacobian column can be nonzero: over its phase's lines, or (a global parameter) every phase's in the model. */
function jacobianRuns(ctx: Ctx, phase: number): Float64Array {
  if (phase >= 0) return ctx.colRuns[phase].slice(0, 1 + 2 * ctx.colRuns[phase][0]);
  const lists: Float64Array[] = [];
  let count = 0;
  for (let p = 0; p < ctx.colRuns.length; p++) {
    if (!ctx.inModel[p]) continue;
    lists.push(ctx.colRuns[p]);
    count += ctx.colRuns[p][0];
  }
  return unionRuns(lists, runsOf(count));
}

/** The most ranges in any of the lists. */
function maxRuns(lists: Float64Array[]): number {
  let c = 0;
  for (const r of lists) c = Math.max(c, r[0]);
  return c;
}

/** Every LmOutcome is made here, so all have one hidden class (spread copies made others, and the functions reading
 * them were compiled again). */
export function lmOutcome(
  chi2: number, iterations: number, converged: boolean, scaleVar: Float64Array, scaleCov: Float64Array, paramVar: Float64Array, paramCov: Float64Array,
): LmOutcome {
  return { chi2, iterations, converged, scaleVar, scaleCov, paramVar, paramCov };
}
