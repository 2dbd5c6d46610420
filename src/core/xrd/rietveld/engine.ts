/**
 * One-pattern Rietveld refinement: model evaluation with analytic profile derivatives, and a Levenberg–Marquardt
 * loop over the non-linear parameters in which the linear ones (phase scales, Chebyshev background) are solved
 * exactly by weighted linear least squares at every evaluation (variable projection, Golub & Pereyra 1973;
 * Kaufman's step). Scales are kept ≥ 0 by an active set.
 */
import { cellVolume, freeLatticeNames, latticeFromFree } from './lattice';
import { scanCells, searchCells } from './cellScan';
import { evaluate, fractionsNow, hillHoward, solveLinear, zmvOf } from './linear';
import { lmOutcome, runLm, type LmOutcome } from './lm';
import { accumulatePhase, buildLinesOnly, buildParams, makeCtx, workspaceFor, type Ctx } from './model';
import { cloneState, resolveOptions, type RefinementState } from './state';
import type { FrameResult, RietveldOptions, RietveldPattern, RietveldPhase } from './types';

export { hillHoward } from './linear';
export { cloneState, initialState, resolveOptions, stateFromResult, type PhaseState, type RefinementState, type ResolvedOptions } from './state';

/**
 * Refine one pattern from a state (modified in place; pass the previous frame's final state to seed a
 * sequential refinement, with `seeded` true). Phases below dropBelowWt are dropped (scale 0, flagged) and
 * re-admitted when a trial linear solve gives them at least that fraction again; phases below freezeBelowWt
 * keep their cell and profile (seeded frames only) while their scale is still refined, below refineProfileMinWt
 * their profile, below refineBMinWt their ΔB. A seeded frame moves cells and sample broadening only so far from the
 * previous frame (cellStepLimit, profileStepFactor); when its GoF still jumps (× 1.3 and + 0.3 over the previous
 * frame's: a fading phase's widths ran off to cover another's misfit, say), it is refined again from the previous
 * state in two stages — cells and zero with the profiles held, then everything — and the better fit is kept.
 */
export function refineFrame(
  pattern: RietveldPattern,
  phases: RietveldPhase[],
  st: RefinementState,
  options: RietveldOptions,
  index = 0,
  seeded = false,
): FrameResult {
  const start = seeded ? cloneState(st) : null;
  let result = refineOnce(pattern, phases, st, options, index, seeded, !seeded);
  const prev = start?.lastGof;
  const jumped = (gof: number): boolean => prev !== undefined && gof > Math.max(1.3 * prev, prev + 0.3);
  if (start && jumped(result.gof)) {
    // first retry: two stages from the previous state; second (still jumped): every cell scanned again first, as
    // in a cold start, each phase alone (a Vegard phase over its whole composition range: the fcc metal of a
    // reduction can move 0.03 Å between frames while Fe joins the Ni)
    for (const rescan of [false, true]) {
      const again = cloneState(start);
      const retry = refineOnce(pattern, phases, again, options, index, seeded, true, rescan);
      if (retry.chi2 < result.chi2) {
        Object.assign(st, again);
        result = retry;
      }
      if (!jumped(result.gof)) break;
    }
  }
  st.lastGof = result.gof;
  return result;
}

function refineOnce(
  pattern: RietveldPattern,
  phases: RietveldPhase[],
  st: RefinementState,
  options: RietveldOptions,
  index: number,
  seeded: boolean,
  twoStage: boolean,
  rescan = false,
): FrameResult {
  const ro = resolveOptions(options);
  const heldB = pattern.bOffsetHeldA2;
  for (let p = 0; p < phases.length; p++) {
    const f = phases[p].intensitiesFor;
    if (f) st.phases[p].intensities = f(st.phases[p].lattice);
    if (heldB && Number.isFinite(heldB[p])) st.phases[p].bOffsetA2 = heldB[p];
  }
  const ctx = makeCtx(pattern, phases, st, ro, false, workspaceFor(phases));
  // probe: every phase in, linear parameters only; re-admit dropped phases that come back above the limit
  const wasDropped = st.phases.map((ps) => ps.dropped);
  for (let p = 0; p < phases.length; p++) ctx.inModel[p] = true;
  buildLinesOnly(ctx);
  if (ro.cellSearch > 0 && ro.refineLattice) {
    if (!seeded) searchCells(ctx);
    else if (rescan) {
      for (let q = 0; q < phases.length; q++) accumulatePhase(ctx, q, false);
      solveLinear(ctx);
      const order = st.phases.map((_, p) => p).filter((p) => !st.phases[p].dropped).sort((a, b) => st.phases[b].scale - st.phases[a].scale);
      for (const p of order) scanCells(ctx, [p], phases[p].aRangeA ? ro.cellSearch : ro.cellSearchFine);
    } else {
      // a phase that has never been in the model still has its starting cell: scan it before deciding
      let scanned = false;
      st.phases.forEach((ps, p) => {
        if (ps.dropped && !ps.everRefined) {
          if (!scanned) for (let q = 0; q < phases.length; q++) accumulatePhase(ctx, q, false);
          // Stryker disable next-line BooleanLiteral: equivalent — false would recompute every column before each later newcomer at the cells it already has (the same columns): work only
          scanned = true;
          scanCells(ctx, [p], ro.cellSearchFine);
        }
      });
    }
  }
  // a phase that leaves the model in this frame keeps the cell (after the scans), profile and ΔB it came in with
  const before = st.phases.map((ps) => ({ free: ps.free.slice(), profile: { ...ps.profile }, bOffsetA2: ps.bOffsetA2 }));
  const chi2Probe = evaluate(ctx);
  const w0 = fractionsNow(ctx);
  st.phases.forEach((ps, p) => {
    if (wasDropped[p]) ps.dropped = w0[p] < ro.dropBelowWt;
    ps.frozen = ps.dropped || (seeded && w0[p] < ro.freezeBelowWt);
    ctx.inModel[p] = !ps.dropped;
    // ΔB only for a phase strong enough to tell its B from its scale; held otherwise (carried from earlier frames).
    // refineB, and a phase frozen or out of the model (no parameter at all), are buildParams' to check
    ctx.bActive[p] = w0[p] >= ro.refineBMinWt && !(heldB && Number.isFinite(heldB[p]));
    // widths likewise: a weak (or absent) phase's widths would cover the others' misfit
    ctx.profileActive[p] = w0[p] >= ro.refineProfileMinWt;
  });
  if (seeded) ctx.trust = st.phases.map((ps) => ({ free: ps.free.slice(), profile: { ...ps.profile } }));
  // cold start (and a retried frame) in two stages, as in hand refinement: cells, zero and displacement with the
  // profiles held (so widths and η do not run off to cover misplaced peaks), then everything
  if (twoStage) {
    buildParams(ctx, false);
    runLm(ctx);
  }
  buildParams(ctx);
  // with every phase still in the model, the probe's evaluation is the starting point of the least squares
  let out = runLm(ctx, !twoStage && ctx.inModel.every(Boolean) ? chi2Probe : undefined);
  // composition following the cell (Vegard): update the intensities and the mass; polish the refinement when
  // the composition moved by more than 0.01 during this frame (|F|² of fcc (Fe,Ni) then changes by ≈ 0.1 %), else
  // re-solve the scales only (with the new |F|² and mass)
  if (phases.some((ph, p) => ph.intensitiesFor && ctx.inModel[p] && !st.phases[p].frozen)) {
    let moved = 0;
    for (let p = 0; p < phases.length; p++) {
      const f = phases[p].intensitiesFor;
      if (!f) continue;
      const x0 = st.phases[p].intensities.x ?? 0;
      st.phases[p].intensities = f(st.phases[p].lattice);
      moved = Math.max(moved, Math.abs((st.phases[p].intensities.x ?? 0) - x0));
    }
    if (moved > 1e-2) {
      const more = runLm(ctx);
      out = lmOutcome(more.chi2, out.iterations + more.iterations, more.converged, more.scaleVar, more.scaleCov, more.paramVar, more.paramCov);
    } else {
      // the covariance of the full refinement stands; only χ² follows the re-solved scales
      out = lmOutcome(evaluate(ctx), out.iterations, out.converged, out.scaleVar, out.scaleCov, out.paramVar, out.paramCov);
    }
  }
  // drop phases that ended below the limit, and re-solve the linear part without them
  const w1 = fractionsNow(ctx);
  st.phases.forEach((ps, p) => {
    if (ctx.inModel[p] && !ps.frozen && w1[p] >= ro.dropBelowWt && ro.refineLattice) ps.everRefined = true;
  });
  let changed = false;
  st.phases.forEach((ps, p) => {
    if (ctx.inModel[p] && w1[p] < ro.dropBelowWt) {
      ps.free = before[p].free;
      ps.lattice = latticeFromFree(ps.system, ps.free, 0, ps.lattice);
      if (!ro.sharedProfile) Object.assign(ps.profile, before[p].profile);
      ps.bOffsetA2 = before[p].bOffsetA2;
      ps.dropped = true;
      ps.frozen = true;
      ctx.inModel[p] = false;
      changed = true;
    }
  });
  if (changed) {
    const again = runLm(ctx, undefined, 0);
    out = lmOutcome(again.chi2, out.iterations, out.converged, again.scaleVar, again.scaleCov, out.paramVar, out.paramCov);
  }
  return frameResult(ctx, out, index);
}

function frameResult(ctx: Ctx, out: LmOutcome, index: number): FrameResult {
  const { st, n, y, model } = ctx;
  const nParams = ctx.params.filter((q) => q.phase < 0 || ctx.inModel[q.phase]).length + ctx.bg.length + st.phases.filter((ps) => ps.scale > 0).length;
  let nUsed = 0;
  for (let i = 0; i < n; i++) if (ctx.w[i] > 0) nUsed++;
  const chi2Red = out.chi2 / Math.max(1, nUsed - nParams);
  // typed arrays: one kind of array into hillHoward whatever the values (a list of scales changed kind with a 0)
  const zmv = Float64Array.from(st.phases, zmvOf);
  const scaleCov = out.scaleCov.map((v) => v * chi2Red);
  const hh = hillHoward(
    Float64Array.from(st.phases, (ps) => ps.scale),
    zmv,
    scaleCov,
  );
  let sumAbs = 0;
  let sumY = 0;
  for (let i = 0; i < n; i++) {
    sumAbs += Math.abs(y[i] - model[i]);
    sumY += Math.abs(y[i]);
  }
  // an all-zero frame: nothing observed and nothing misfit, Rwp 0 (as Rp), not 0/0
  const rwp = ctx.sumWy2 > 0 ? Math.sqrt(out.chi2 / ctx.sumWy2) : 0;
  const rexp = Math.sqrt(Math.max(1, nUsed - nParams) / ctx.sumWy2);
  const globalSigma = (kind: 'zero' | 'disp'): number => {
    const qi = ctx.params.findIndex((q) => q.kind === kind);
    return qi >= 0 && out.paramVar[qi] > 0 ? Math.sqrt(out.paramVar[qi] * chi2Red) : 0;
  };
  return {
    index,
    phases: st.phases.map((ps, p) => {
      const latIdx = ctx.params.findIndex((q) => q.kind === 'lat' && q.phase === p && q.index === 0);
      // σ of every refined parameter of this phase (a parameter of a phase out of the model has none)
      const sigmas: Record<string, number> = {};
      const refinedAt: Record<string, number> = {};
      const names = freeLatticeNames(ps.system);
      ctx.params.forEach((q, qi) => {
        if (q.phase !== p || !ctx.inModel[p] || !(out.paramVar[qi] > 0)) return;
        const name = q.kind === 'lat' ? names[q.index] : q.kind === 'dw' ? 'B' : q.name;
        if (!name) return;
        sigmas[name] = Math.sqrt(out.paramVar[qi] * chi2Red);
        refinedAt[name] = qi;
      });
      // cov(a, c) of a cell with both free (hexagonal, tetragonal…): what a pressure from a and c needs (cell.ts)
      const { a: aIdx, c: cIdx } = refinedAt;
      const acCov = aIdx !== undefined && cIdx !== undefined ? out.paramCov[aIdx * ctx.params.length + cIdx] * chi2Red : undefined;
      const bMean = ps.intensities.bMeanA2;
      return {
        id: ctx.phases[p].id,
        scale: ps.scale,
        scaleSigma: Math.sqrt(out.scaleVar[p] * chi2Red),
        bOffsetA2: ps.bOffsetA2,
        bOffsetSigmaA2: sigmas.B ?? 0,
        bRefined: sigmas.B !== undefined,
        bMeanA2: bMean !== undefined ? bMean + ps.bOffsetA2 : null,
        sigmas,
        ...(acCov !== undefined && Number.isFinite(acCov) ? { acCovarianceA2: acCov } : {}),
        weightFraction: hh.w[p],
        weightFractionSigma: hh.sigma[p],
        dropped: ps.dropped,
        frozen: ps.frozen,
        lattice: { ...ps.lattice },
        aSigmaA: latIdx >= 0 ? Math.sqrt(out.paramVar[latIdx] * chi2Red) : 0,
        profile: { ...ps.profile },
        cellVolumeA3: cellVolume(ps.lattice),
        cellMassAmu: ps.intensities.cellMassAmu,
        ...(ps.intensities.x !== undefined ? { x: ps.intensities.x } : {}),
      };
    }),
    zeroShiftDeg: st.zeroShiftDeg,
    displacementDeg: st.displacementDeg,
    zeroShiftSigmaDeg: globalSigma('zero'),
    displacementSigmaDeg: globalSigma('disp'),
    background: st.background.slice(),
    backgroundRangeDeg: [st.backgroundRangeDeg[0], st.backgroundRangeDeg[1]],
    rwp,
    rp: sumY > 0 ? sumAbs / sumY : 0,
    rexp,
    chi2: chi2Red,
    gof: Math.sqrt(chi2Red),
    nPoints: nUsed,
    nParams,
    iterations: out.iterations,
    converged: out.converged,
  };
}

/**
 * Calculated pattern for a state over a 2θ axis: total, background and one curve per phase (for plots and for
 * simulating test data).
 */
export function calculatePattern(
  twoThetaDeg: Float64Array,
  phases: RietveldPhase[],
  st: RefinementState,
  options: RietveldOptions,
): { total: Float64Array; background: Float64Array; phases: Float64Array[] } {
  const ro = { ...resolveOptions(options), twoThetaMinDeg: -Infinity, twoThetaMaxDeg: Infinity, backgroundTerms: st.background.length };
  const ctx = makeCtx({ twoThetaDeg, intensity: new Float64Array(twoThetaDeg.length) }, phases, cloneState(st), ro, true);
  buildLinesOnly(ctx);
  const n = twoThetaDeg.length;
  const background = new Float64Array(n);
  ctx.bg.forEach((col, b) => {
    for (let i = 0; i < n; i++) background[i] += st.background[b] * col[i];
  });
  const total = background.slice();
  const curves = phases.map((_, p) => {
    const c = new Float64Array(n);
    if (st.phases[p].dropped || st.phases[p].scale === 0) return c;
    accumulatePhase(ctx, p, false);
    const s = st.phases[p].scale;
    for (let i = 0; i < n; i++) {
      c[i] = s * ctx.cols[p][i];
      total[i] += c[i];
    }
    return c;
  });
  return { total, background, phases: curves };
}
