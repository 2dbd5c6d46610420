/**
 * Cell scans before the least squares: isotropic scale factors of the cells for the lowest χ² with the linear
 * parameters solved (cold starts, and phases entering a sequence for the first time).
 */
import { latticeFromFree } from './lattice';
import { solveLinear } from './linear';
import { accumulatePhase, type Ctx } from './model';
import type { PhaseState } from './state';

/**
 * Isotropic scan of the cells of `which` phases together (all free lengths × s) for the lowest χ² with the
 * linear parameters solved: s over 1 ± halfRange in coarse steps of 4·step, then ±3 steps around the best.
 * The cells move only when that beats s = 1, so phases with no intensity keep their start.
 */
export function scanCells(ctx: Ctx, which: number[], halfRange: number): void {
  const { ro, st } = ctx;
  // Stryker disable next-line MethodExpression: equivalent — the scan replaces ps.free (never writes it in place), so the copy and the array read the same
  const bases = which.map((p) => st.phases[p].free.slice());
  // a factor is admissible when every phase's a stays within its aRangeA
  const admissible = (s: number): boolean =>
    which.every((p, k) => {
      const range = ctx.phases[p].aRangeA;
      const a = bases[k][0] * s;
      return !range || (a >= range[0] && a <= range[1]);
    });
  const place = (s: number): void => {
    which.forEach((p, k) => {
      const ps = st.phases[p];
      ps.free = bases[k].map((v, i) => (isLengthParam(ps, i) ? v * s : v));
      ps.lattice = latticeFromFree(ps.system, ps.free, 0, ps.lattice);
      accumulatePhase(ctx, p, false);
    });
  };
  // a start outside its range: any admissible factor beats it (χ² of the start taken as +∞)
  let best = Infinity;
  if (admissible(1)) {
    place(1);
    best = solveLinear(ctx);
  }
  const chi1 = best;
  let bestS = 1;
  const tryS = (s: number): void => {
    if (!admissible(s)) return;
    place(s);
    const chi2 = solveLinear(ctx);
    if (chi2 < best) {
      best = chi2;
      bestS = s;
    }
  };
  const coarse = 4 * ro.cellSearchStep;
  const nCoarse = Math.round(halfRange / coarse);
  for (let k = -nCoarse; k <= nCoarse; k++) if (k !== 0) tryS(1 + k * coarse);
  const centre = bestS;
  for (let k = -3; k <= 3; k++) if (k !== 0) tryS(centre + k * ro.cellSearchStep);
  // the start kept unless beaten by 1e-4 of its χ² (or inadmissible and some factor admissible); when no factor is
  // admissible the start stays too, its columns computed
  if (!(best < chi1 * (1 - 1e-4))) bestS = 1;
  place(bestS);
  solveLinear(ctx);
}

function isLengthParam(ps: PhaseState, i: number): boolean {
  // the free parameters (lattice.ts freeFromLattice): a, α for rhombohedral; else up to three lengths, then angles
  return ps.system === 'rhombohedral' ? i === 0 : i < 3;
}

/**
 * Cold start: one common expansion factor for every cell over ±cellSearch (phases cannot trade places, as two
 * rock-salt oxides 3 % apart would if scanned alone), then each phase alone over ±cellSearchFine, strongest first.
 */
export function searchCells(ctx: Ctx): void {
  const nP = ctx.phases.length;
  for (let p = 0; p < nP; p++) accumulatePhase(ctx, p, false);
  solveLinear(ctx);
  const all = [...Array(nP).keys()];
  scanCells(ctx, all, ctx.ro.cellSearch);
  const order = all.sort((a, b) => ctx.st.phases[b].scale - ctx.st.phases[a].scale);
  for (const p of order) scanCells(ctx, [p], ctx.ro.cellSearchFine);
}
