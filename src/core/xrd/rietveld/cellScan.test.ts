/**
 * The cell scans of a cold start (cellScan.ts): one common isotropic factor over ±cellSearch, then each phase alone
 * over ±cellSearchFine, a cell moving only when that lowers χ². Data are noise-free patterns calculated at known
 * cells on the scan's grid (steps of cellSearchStep from the start), so the expected cells are those inputs.
 */
import { describe, expect, it } from 'vitest';
import { calculatePattern, initialState } from './index';
import { scanCells, searchCells } from './cellScan';
import { buildLinesOnly, makeCtx } from './model';
import { resolveOptions } from './state';
import type { RietveldOptions, RietveldPhase } from './types';
import { cubicTestPhase, poissonNoise, seededRandom } from './testkit';

const x = Float64Array.from({ length: 1401 }, (_, i) => 2 + i * 0.01);
const opts: RietveldOptions = { radiation: { wavelengthA: 0.2 }, profileStart: { W: 0.03 ** 2, eta: 0.4 }, backgroundTerms: 1 };
const fcc = cubicTestPhase('fcc', 3.6, 'F', 4 * 58.7);
const bcc = cubicTestPhase('bcc', 2.87, 'I', 2 * 55.85);
const withA = (ph: RietveldPhase, aA: number): RietveldPhase => ({ ...ph, lattice: { ...ph.lattice, aA, bA: aA, cA: aA } });

/** y = 400 + Σ scale·column of the phases at their own cells (a forward calculation). */
function pattern(phases: RietveldPhase[], scales: number[]): Float64Array {
  const st = initialState(phases, opts);
  st.phases.forEach((ps, p) => (ps.scale = scales[p]));
  st.background = Float64Array.from([400]);
  st.backgroundRangeDeg = [x[0], x[x.length - 1]];
  return calculatePattern(x, phases, st, opts).total;
}

function ctxFor(phases: RietveldPhase[], y: Float64Array, o: RietveldOptions = opts): ReturnType<typeof makeCtx> {
  const ctx = makeCtx({ twoThetaDeg: x, intensity: y }, phases, initialState(phases, o), resolveOptions(o));
  buildLinesOnly(ctx);
  return ctx;
}

describe('cell scans of a cold start', () => {
  it('both cells expanded by 1.2 % (on the coarse grid of 4 × 0.05 %): the common scan finds them', () => {
    const y = pattern([withA(fcc, 3.6 * 1.012), withA(bcc, 2.87 * 1.012)], [2e-4, 1e-3]);
    const ctx = ctxFor([fcc, bcc], y);
    searchCells(ctx);
    expect(ctx.st.phases[0].lattice.aA / 3.6 - 1).toBeCloseTo(0.012, 9);
    expect(ctx.st.phases[1].lattice.aA / 2.87 - 1).toBeCloseTo(0.012, 9);
    // the scales are solved at the found cells: the inputs back
    expect(ctx.st.phases[0].scale).toBeCloseTo(2e-4, 9);
    expect(ctx.st.phases[1].scale).toBeCloseTo(1e-3, 8);
  });

  it('then each phase alone: fcc +1.2 %, bcc +1.2 % − 0.15 % (3 fine steps off the common factor)', () => {
    const y = pattern([withA(fcc, 3.6 * 1.012), withA(bcc, 2.87 * 1.012 * 0.9985)], [2e-4, 1e-3]);
    const ctx = ctxFor([fcc, bcc], y);
    searchCells(ctx);
    // within half a fine step (0.025 %): the products of the common and the own factor are not exactly the grid's
    expect(Math.abs(ctx.st.phases[0].lattice.aA / (3.6 * 1.012) - 1)).toBeLessThan(2.5e-4);
    expect(Math.abs(ctx.st.phases[1].lattice.aA / (2.87 * 1.012 * 0.9985) - 1)).toBeLessThan(2.5e-4);
  });

  it('a phase whose data sit at its start cell stays there (with counting noise, χ² is that of the noise)', () => {
    const y = poissonNoise(pattern([fcc], [2e-4]), seededRandom(5));
    const ctx = ctxFor([fcc], y);
    scanCells(ctx, [0], 0.004);
    expect(ctx.st.phases[0].lattice.aA).toBe(3.6);
    expect(ctx.st.phases[0].scale / 2e-4 - 1).toBeLessThan(0.01);
  });

  it('a scan never leaves the phase\'s aRangeA: the data at +1.2 %, the range ends at +0.3 %', () => {
    const y = pattern([withA(fcc, 3.6 * 1.012)], [2e-4]);
    const limited: RietveldPhase = { ...fcc, aRangeA: [3.59, 3.6 * 1.003] };
    const ctx = ctxFor([limited], y);
    scanCells(ctx, [0], 0.02);
    const a = ctx.st.phases[0].lattice.aA;
    expect(a).toBeLessThanOrEqual(3.6 * 1.003);
    // the best allowed point of the grid (the fit improves towards the data's cell): 1 + 6 × 0.05 % = +0.3 %
    expect(a / 3.6 - 1).toBeCloseTo(0.003, 9);
  });

  it('a monoclinic cell: a, b, c scaled together, β kept (an angle is not a length)', () => {
    const mono = (s: number): RietveldPhase => ({ ...fcc, id: 'mono', lattice: { aA: 3.6 * s, bA: 3.7 * s, cA: 3.8 * s, alphaDeg: 90, betaDeg: 95, gammaDeg: 90 } });
    const y = pattern([mono(1.008)], [2e-4]);
    const ctx = ctxFor([mono(1)], y);
    expect(ctx.st.phases[0].system).toBe('monoclinic');
    scanCells(ctx, [0], 0.02);
    const lat = ctx.st.phases[0].lattice;
    expect([lat.aA / 3.6, lat.bA / 3.7, lat.cA / 3.8].map((r) => Math.round((r - 1) * 1e9) / 1e9)).toEqual([0.008, 0.008, 0.008]);
    expect(lat.betaDeg).toBe(95);
  });

  it('a frame with nothing in it (all zero): no cell moves', () => {
    const ctx = ctxFor([fcc, bcc], new Float64Array(x.length));
    searchCells(ctx);
    expect(ctx.st.phases.map((ps) => ps.lattice.aA)).toEqual([3.6, 2.87]);
  });
});

describe('an isotropic scan moves the lengths of a cell, never its angles', () => {
  // reflections of a small P cell (any hkl list will do: the lines follow the cell through the metric tensor)
  const base = cubicTestPhase('low', 4, 'P', 100, 3);
  const lowCell = (lattice: RietveldPhase['lattice'], crystalSystem: RietveldPhase['crystalSystem']): RietveldPhase => ({ ...base, lattice, crystalSystem });
  const scaled = (ph: RietveldPhase, s: number): RietveldPhase => ({ ...ph, lattice: { ...ph.lattice, aA: ph.lattice.aA * s, bA: ph.lattice.bA * s, cA: ph.lattice.cA * s } });
  const cases: [string, RietveldPhase, number[]][] = [
    ['rhombohedral (a, α)', lowCell({ aA: 4, bA: 4, cA: 4, alphaDeg: 80, betaDeg: 80, gammaDeg: 80 }, 'rhombohedral'), [4, 80]],
    ['hexagonal (a, c)', lowCell({ aA: 4, bA: 4, cA: 6, alphaDeg: 90, betaDeg: 90, gammaDeg: 120 }, 'hexagonal'), [4, 6]],
    ['monoclinic (a, b, c, β)', lowCell({ aA: 4, bA: 4.5, cA: 5, alphaDeg: 90, betaDeg: 100, gammaDeg: 90 }, 'monoclinic'), [4, 4.5, 5, 100]],
    ['triclinic (a, b, c, α, β, γ)', lowCell({ aA: 4, bA: 4.5, cA: 5, alphaDeg: 85, betaDeg: 100, gammaDeg: 95 }, 'triclinic'), [4, 4.5, 5, 85, 100, 95]],
  ];
  for (const [name, ph, free] of cases) {
    it(`${name}: data at lengths × 1.008 (a coarse step) → lengths × 1.008, angles as they were`, () => {
      const y = pattern([scaled(ph, 1.008)], [1e-3]);
      const ctx = ctxFor([ph], y);
      expect(ctx.st.phases[0].free).toEqual(free);
      scanCells(ctx, [0], 0.02);
      const nLengths = name.startsWith('rhombohedral') ? 1 : name.startsWith('hexagonal') ? 2 : 3;
      const got = ctx.st.phases[0].free;
      free.forEach((v, i) => {
        if (i < nLengths) expect(got[i], `free ${i}`).toBeCloseTo(v * 1.008, 12);
        else expect(got[i], `free ${i}`).toBe(v);
      });
      expect(ctx.st.phases[0].lattice.aA).toBeCloseTo(4 * 1.008, 12);
    });
  }

  it('a cell bounded in a (aRangeA, a Vegard phase): the scan stops at the bound', () => {
    const ph = { ...withA(fcc, 3.6), aRangeA: [3.59, 3.61] as [number, number] };
    const y = pattern([withA(fcc, 3.6 * 1.008)], [2e-4]);
    const ctx = ctxFor([ph], y);
    scanCells(ctx, [0], 0.02);
    // on the grid 1 + k·0.002, then ± 0.0005 steps: the last factor inside 3.61/3.6 = 1.00278 is 1.0025
    expect(ctx.st.phases[0].lattice.aA).toBeCloseTo(3.6 * 1.0025, 12);
    // below: data at a × 0.992; the first factor inside 3.59/3.6 = 0.99722 from below is 0.9975 (0.998 − one step)
    const low = ctxFor([ph], pattern([withA(fcc, 3.6 * 0.992)], [2e-4]));
    scanCells(low, [0], 0.02);
    expect(low.st.phases[0].lattice.aA).toBeCloseTo(3.6 * 0.9975, 12);
  });
});
