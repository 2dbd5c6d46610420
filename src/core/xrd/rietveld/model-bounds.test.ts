/**
 * The bounds the least squares works within (buildParams), pinned to what the options promise (types.ts) and to the
 * physics they stand for: a sequential frame moves a cell length at most cellStepLimit and a size or strain at most
 * a factor profileStepFactor from the previous frame's; the sample broadening is capped so that size or strain
 * alone gives at most maxSampleFwhmDeg at the top of the range (Scherrer β = Kλ/(L·cosθ), strain β = 4ε·tanθ,
 * evaluated here from those formulas); η stays in [0, 1]; ΔB keeps every atom's B ≥ 0.
 */
import { describe, expect, it } from 'vitest';
import { initialState } from './index';
import { buildParams, makeCtx, type ParamRef } from './model';
import { resolveOptions } from './state';
import type { RietveldOptions } from './types';
import { cubicTestPhase } from './testkit';

const x = Float64Array.from({ length: 1401 }, (_, i) => 2 + i * 0.01);
const y = new Float64Array(x.length).fill(100);
const fcc = cubicTestPhase('fcc', 3.6, 'F', 4 * 58.7);
const DEG = Math.PI / 180;

function paramsFor(opts: RietveldOptions, setUp?: (ctx: ReturnType<typeof makeCtx>) => void): ParamRef[] {
  const st = initialState([fcc], opts);
  const ctx = makeCtx({ twoThetaDeg: x, intensity: y }, [fcc], st, resolveOptions(opts));
  setUp?.(ctx);
  buildParams(ctx);
  return ctx.params;
}
const find = (params: ParamRef[], kind: ParamRef['kind'], name: string | null = null): ParamRef => {
  const q = params.find((p) => p.kind === kind && p.name === name);
  if (!q) throw new Error(`no ${kind} ${name ?? ''} parameter`);
  return q;
};

describe('bounds of the refined parameters', () => {
  it('sample broadening capped at maxSampleFwhmDeg at the top of the range (Scherrer and 4ε·tanθ)', () => {
    const opts: RietveldOptions = { radiation: { wavelengthA: 0.2 }, refineProfile: ['W', 'eta', 'size', 'strain'], maxSampleFwhmDeg: 0.2 };
    const params = paramsFor(opts);
    // top of the range 2θ = 16°: θ = 8°; H = 0.2° = 0.2·π/180 rad; λ = 0.02 nm
    const theta = 8 * DEG;
    const h = 0.2 * DEG;
    // the smallest crystallites allowed: β = K·λ/(L·cosθ) = H  →  L = 0.9 · 0.02 nm / (H·cos 8°) = 5.2073 nm
    const lMinNm = (0.9 * 0.02) / (h * Math.cos(theta));
    expect(lMinNm).toBeCloseTo(5.2073, 3);
    expect(find(params, 'prof', 'size').max).toBeCloseTo(1 / lMinNm, 12);
    expect(find(params, 'prof', 'size').min).toBe(0);
    // the largest strain: 4ε·tanθ = H  →  ε = H / (4 tan 8°) = 0.0062094
    expect(find(params, 'prof', 'strain').max).toBeCloseTo(h / (4 * Math.tan(theta)), 12);
    expect(find(params, 'prof', 'strain').max).toBeCloseTo(0.0062094, 6);
    expect(find(params, 'prof', 'strain').min).toBe(0);
    // η is a mixing fraction
    expect([find(params, 'prof', 'eta').min, find(params, 'prof', 'eta').max]).toEqual([0, 1]);
    // without a cap: 1/L up to 1 nm⁻¹ (1 nm crystallites) and ε up to 10 %
    const open = paramsFor({ ...opts, maxSampleFwhmDeg: undefined });
    expect(find(open, 'prof', 'size').max).toBe(1);
    expect(find(open, 'prof', 'strain').max).toBe(0.1);
  });

  it('one profile for all phases: each term once (phase −1), 1/L up to 1 nm⁻¹, ε up to 10 %, η in [0, 1]', () => {
    const params = paramsFor({ radiation: { wavelengthA: 0.2 }, sharedProfile: true, refineProfile: ['size', 'strain', 'eta'] });
    const prof = params.filter((q) => q.kind === 'prof');
    expect(prof.map((q) => [q.name, q.phase, q.min, q.max])).toEqual([
      ['size', -1, 0, 1],
      ['strain', -1, 0, 0.1],
      ['eta', -1, 0, 1],
    ]);
  });

  it('one profile for all phases keeps the per-phase cap (maxSampleFwhmDeg) and step limit (profileStepFactor)', () => {
    const opts: RietveldOptions = { radiation: { wavelengthA: 0.2 }, sharedProfile: true, refineProfile: ['size', 'strain'], maxSampleFwhmDeg: 0.2 };
    // the cap at 2θ = 16° (θ = 8°), H = 0.2°: 1/L ≤ H·cosθ/(K·λ), ε ≤ H/(4·tanθ), as for a phase's own profile
    const theta = 8 * DEG;
    const h = 0.2 * DEG;
    const capped = paramsFor(opts);
    expect(find(capped, 'prof', 'size').phase).toBe(-1);
    expect(find(capped, 'prof', 'size').max).toBeCloseTo((h * Math.cos(theta)) / (0.9 * 0.02), 12);
    expect(find(capped, 'prof', 'strain').max).toBeCloseTo(h / (4 * Math.tan(theta)), 12);
    // a sequential frame: within ×/÷ 2 of the previous frame's shared size and strain (below the cap)
    const stepped = paramsFor({ ...opts, profileStepFactor: 2 }, (ctx) => {
      ctx.trust = [{ free: [3.61], profile: { U: 0, V: 0, W: 1e-3, X: 0, Y: 0, eta: 0.5, size: 0.05, strain: 1e-3 } }];
    });
    expect([find(stepped, 'prof', 'size').min, find(stepped, 'prof', 'size').max]).toEqual([0.025, 0.1]);
    expect([find(stepped, 'prof', 'strain').min, find(stepped, 'prof', 'strain').max]).toEqual([5e-4, 2e-3]);
  });

  it('ΔB from −B̄ (no atom below B = 0) to 10 Å², refined only where asked', () => {
    const withB = { ...fcc, intensities: { ...fcc.intensities, bMeanA2: 0.45 } };
    const opts: RietveldOptions = { radiation: { wavelengthA: 0.2 }, refineB: true };
    const st = initialState([withB], opts);
    const ctx = makeCtx({ twoThetaDeg: x, intensity: y }, [withB], st, resolveOptions(opts));
    ctx.bActive[0] = true;
    buildParams(ctx);
    const dw = find(ctx.params, 'dw');
    expect([dw.min, dw.max]).toEqual([-0.45, 10]);
    // held this frame (a minor phase): no ΔB parameter; nor in the first stage of a two-stage refinement
    ctx.bActive[0] = false;
    buildParams(ctx);
    expect(ctx.params.some((q) => q.kind === 'dw')).toBe(false);
    ctx.bActive[0] = true;
    buildParams(ctx, false);
    expect(ctx.params.some((q) => q.kind === 'dw' || q.kind === 'prof')).toBe(false);
  });

  it('a sequential frame: cell within ±cellStepLimit and size, strain within ×/÷ profileStepFactor of the previous frame', () => {
    const opts: RietveldOptions = { radiation: { wavelengthA: 0.2 }, refineProfile: ['W', 'size', 'strain'], cellStepLimit: 0.002, profileStepFactor: 2 };
    const params = paramsFor(opts, (ctx) => {
      ctx.trust = [{ free: [3.61], profile: { U: 0, V: 0, W: 1e-3, X: 0, Y: 0, eta: 0.5, size: 0.05, strain: 1e-3 } }];
    });
    const a = find(params, 'lat');
    expect(a.min).toBeCloseTo(3.61 * 0.998, 12);
    expect(a.max).toBeCloseTo(3.61 * 1.002, 12);
    expect(find(params, 'prof', 'size').min).toBeCloseTo(0.025, 12);
    expect(find(params, 'prof', 'size').max).toBeCloseTo(0.1, 12);
    expect(find(params, 'prof', 'strain').min).toBeCloseTo(5e-4, 12);
    expect(find(params, 'prof', 'strain').max).toBeCloseTo(2e-3, 12);
    // a previous frame with no size broadening (1/L = 0): ×/÷ a factor of 0 would pin it at 0; the size stays free
    const fromZero = paramsFor(opts, (ctx) => {
      ctx.trust = [{ free: [3.61], profile: { U: 0, V: 0, W: 1e-3, X: 0, Y: 0, eta: 0.5, size: 0, strain: 1e-3 } }];
    });
    expect([find(fromZero, 'prof', 'size').min, find(fromZero, 'prof', 'size').max]).toEqual([0, 1]);
    // W is not limited by the previous frame
    const w = find(params, 'prof', 'W');
    expect(w.max).toBeGreaterThan(1);
    // defaults: 1 % and a factor 3
    const byDefault = paramsFor({ radiation: { wavelengthA: 0.2 }, refineProfile: ['size'] }, (ctx) => {
      ctx.trust = [{ free: [3.61], profile: { U: 0, V: 0, W: 1e-3, X: 0, Y: 0, eta: 0.5, size: 0.06 } }];
    });
    expect(find(byDefault, 'lat').min).toBeCloseTo(3.61 * 0.99, 12);
    expect(find(byDefault, 'lat').max).toBeCloseTo(3.61 * 1.01, 12);
    expect(find(byDefault, 'prof', 'size').min).toBeCloseTo(0.02, 12);
    expect(find(byDefault, 'prof', 'size').max).toBeCloseTo(0.18, 12);
    // an angle is not a length: a rhombohedral α keeps its [30°, 150°] in a sequential frame
    const rh = { ...fcc, id: 'rh', lattice: { aA: 5, bA: 5, cA: 5, alphaDeg: 60, betaDeg: 60, gammaDeg: 60 } };
    const st = initialState([rh], opts);
    const ctx = makeCtx({ twoThetaDeg: x, intensity: y }, [rh], st, resolveOptions(opts));
    ctx.trust = [{ free: [5, 60], profile: { U: 0, V: 0, W: 1e-3, X: 0, Y: 0, eta: 0.5 } }];
    buildParams(ctx);
    const lat = ctx.params.filter((q) => q.kind === 'lat');
    expect(lat.map((q) => [q.index, q.min, q.max])).toEqual([
      [0, 5 * 0.998, 5 * 1.002],
      [1, 30, 150],
    ]);
    // a monoclinic β and the three triclinic angles likewise
    const angleBounds = (lattice: typeof fcc.lattice): number[][] => {
      const ph = { ...fcc, id: 'low', lattice };
      const c = makeCtx({ twoThetaDeg: x, intensity: y }, [ph], initialState([ph], opts), resolveOptions(opts));
      buildParams(c);
      return c.params.filter((q) => q.kind === 'lat' && q.min === 30).map((q) => [q.index, q.max]);
    };
    expect(angleBounds({ aA: 5, bA: 6, cA: 7, alphaDeg: 90, betaDeg: 100, gammaDeg: 90 })).toEqual([[3, 150]]);
    expect(angleBounds({ aA: 5, bA: 6, cA: 7, alphaDeg: 80, betaDeg: 100, gammaDeg: 110 })).toEqual([
      [3, 150],
      [4, 150],
      [5, 150],
    ]);
    // a cold start (no previous frame) is not limited that way: the cell may move ±20 %
    const cold = find(paramsFor(opts), 'lat');
    expect(cold.max - cold.min).toBeGreaterThan(1);
  });
});

describe('weights of the least squares (makeCtx)', () => {
  it('w = 1/σ² where σ is given and usable, else 1/max(y, 1) (Poisson); a point without intensity weighs 0', () => {
    const xs = Float64Array.from({ length: 10 }, (_, i) => 10 + 0.01 * i);
    const ys = Float64Array.from([400, 0.25, 400, Number.NaN, 9, 16, 2500, 100, 100, 100]);
    const sigma = Float64Array.from([4, 0.5, 0, 3, Number.NaN, Number.POSITIVE_INFINITY, 25, 5, 5, 5]);
    const opts: RietveldOptions = { radiation: { wavelengthA: 0.2 }, backgroundTerms: 1 };
    const ctx = makeCtx({ twoThetaDeg: xs, intensity: ys, sigma }, [fcc], initialState([fcc], opts), resolveOptions(opts));
    // σ = 4 → 1/16; σ = 0.5 → 4 (σ rules, not max(y, 1)); σ = 0, NaN, ∞ → 1/max(y, 1); NaN intensity → 0
    expect(Array.from(ctx.w)).toEqual([1 / 16, 4, 1 / 400, 0, 1 / 9, 1 / 16, 1 / 625, 1 / 25, 1 / 25, 1 / 25]);
    expect(Array.from(ctx.sqrtW)).toEqual(Array.from(ctx.w, Math.sqrt));
    // Σ w y² over the usable points (the denominator of Rwp)
    expect(ctx.sumWy2).toBeCloseTo(400 ** 2 / 16 + 4 * 0.25 ** 2 + 400 + 9 + 16 + 2500 ** 2 / 625 + 3 * 400, 9);
    // without σ: every weight is Poisson's
    const plain = makeCtx({ twoThetaDeg: xs, intensity: ys }, [fcc], initialState([fcc], opts), resolveOptions(opts));
    expect(Array.from(plain.w)).toEqual([1 / 400, 1, 1 / 400, 0, 1 / 9, 1 / 16, 1 / 2500, 1 / 100, 1 / 100, 1 / 100]);
  });
});

describe('every parameter of a cold start, in order, with its bounds', () => {
  it('zero and displacement ±5°, a monoclinic cell (a within aRangeA, b and c ±20 %, β 30–150°), each profile term', () => {
    // bounds as the physics asks: widths U, X, Y ≥ 0, V of either sign, W above a 1e-9 deg² floor, η a fraction,
    // 1/L from none to 1 nm⁻¹, ε from 0 to 10 %; a cold start (no previous frame) is not step-limited
    const mono = { ...fcc, id: 'mono', lattice: { aA: 5, bA: 6, cA: 7, alphaDeg: 90, betaDeg: 100, gammaDeg: 90 }, aRangeA: [4.9, 5.2] as [number, number] };
    const opts: RietveldOptions = {
      radiation: { wavelengthA: 0.2 }, refineDisplacement: true, refineProfile: ['U', 'V', 'W', 'X', 'Y', 'eta', 'size', 'strain'],
    };
    const ctx = makeCtx({ twoThetaDeg: x, intensity: y }, [mono], initialState([mono], opts), resolveOptions(opts));
    buildParams(ctx);
    expect(ctx.params.map((q) => [q.kind, q.phase, q.index, q.name, q.min, q.max])).toEqual([
      ['zero', -1, 0, null, -5, 5],
      ['disp', -1, 0, null, -5, 5],
      ['lat', 0, 0, null, 4.9, 5.2],
      ['lat', 0, 1, null, 6 * 0.8, 6 * 1.2],
      ['lat', 0, 2, null, 7 * 0.8, 7 * 1.2],
      ['lat', 0, 3, null, 30, 150],
      ['prof', 0, 0, 'U', 0, 10],
      ['prof', 0, 0, 'V', -10, 10],
      ['prof', 0, 0, 'W', 1e-9, 10],
      ['prof', 0, 0, 'X', 0, 10],
      ['prof', 0, 0, 'Y', 0, 10],
      ['prof', 0, 0, 'eta', 0, 1],
      ['prof', 0, 0, 'size', 0, 1],
      ['prof', 0, 0, 'strain', 0, 0.1],
    ]);
    // finite-difference steps: lengths 1e-7 of their value, the angle 1e-5°
    const steps = ctx.params.slice(2, 6).map((q) => q.step);
    [5, 6, 7].forEach((v, i) => expect(steps[i]).toBeCloseTo(1e-7 * v, 20));
    expect(steps[3]).toBe(1e-5);
    // one Jacobian column per parameter; per phase the parameters that move its lines (all 14 here)
    expect(ctx.jac).toHaveLength(14);
    expect(ctx.lines[0].rel).toEqual([...Array(14).keys()]);
    expect(ctx.lines[0].n).toBe(fcc.h.length);
  });

  it('a frozen phase or one out of the model has no parameter; its lines see only the global ones', () => {
    const opts: RietveldOptions = { radiation: { wavelengthA: 0.2 } };
    const st = initialState([fcc, fcc, fcc], opts);
    st.phases[1].frozen = true;
    const ctx = makeCtx({ twoThetaDeg: x, intensity: y }, [fcc, fcc, fcc], st, resolveOptions(opts));
    ctx.inModel[2] = false;
    ctx.profileActive[0] = false;
    buildParams(ctx);
    // zero, then phase 0's a (its profile held: below refineProfileMinWt)
    expect(ctx.params.map((q) => [q.kind, q.phase, q.name])).toEqual([['zero', -1, null], ['lat', 0, null]]);
    expect(ctx.lines.map((l) => l.rel)).toEqual([[0, 1], [0], [0]]);
    // the Kα doublet: two lines per reflection
    const two = { ...opts, radiation: { wavelengthA: 0.2, wavelength2A: 0.2005 } };
    const c2 = makeCtx({ twoThetaDeg: x, intensity: y }, [fcc], initialState([fcc], two), resolveOptions(two));
    buildParams(c2);
    expect(c2.lines[0].n).toBe(2 * fcc.h.length);
  });
});
