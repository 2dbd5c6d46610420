/**
 * Unit tests of the refinement machinery on hand-computed cases and on synthetic patterns simulated from known
 * parameters (hand-made reflection lists, Poisson noise from a seeded generator).
 */
import { describe, expect, it } from 'vitest';
import { feNiPhase, getPhase, lorentzPolarisation, withLattice, type Geometry } from '../crystal';
import {
  calculatePattern,
  cellVolume,
  dSpacing,
  hillHoward,
  inferCrystalSystem,
  initialState,
  lorentzPolarisationFactor,
  lpOptionsFromGeometry,
  pseudoVoigt,
  refinePattern,
  refineSequence,
  rietveldPhaseFromDef,
  stateFromResult,
  tchCombine,
  type ProfileParams,
  type RietveldOptions,
  type RietveldPhase,
} from './index';
import { cubicTestPhase, poissonNoise, seededRandom } from './testkit';

const axis = (from: number, to: number, step: number): Float64Array => Float64Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => from + i * step);

describe('cell geometry', () => {
  it('infers the crystal system and computes d and V', () => {
    expect(inferCrystalSystem({ aA: 4, bA: 4, cA: 4, alphaDeg: 90, betaDeg: 90, gammaDeg: 90 })).toBe('cubic');
    expect(inferCrystalSystem({ aA: 3.78, bA: 3.78, cA: 9.51, alphaDeg: 90, betaDeg: 90, gammaDeg: 90 })).toBe('tetragonal');
    expect(inferCrystalSystem({ aA: 5.038, bA: 5.038, cA: 13.772, alphaDeg: 90, betaDeg: 90, gammaDeg: 120 })).toBe('hexagonal');
    expect(inferCrystalSystem({ aA: 5, bA: 6, cA: 7, alphaDeg: 90, betaDeg: 100, gammaDeg: 90 })).toBe('monoclinic');
    // cubic d(hkl) = a/√(h²+k²+l²); hexagonal 1/d² = 4(h²+hk+k²)/(3a²) + l²/c²
    expect(dSpacing({ aA: 4, bA: 4, cA: 4, alphaDeg: 90, betaDeg: 90, gammaDeg: 90 }, 1, 1, 1)).toBeCloseTo(4 / Math.sqrt(3), 12);
    const hex = { aA: 5.038, bA: 5.038, cA: 13.772, alphaDeg: 90, betaDeg: 90, gammaDeg: 120 };
    expect(dSpacing(hex, 1, 0, 4)).toBeCloseTo(1 / Math.sqrt(4 / (3 * 5.038 ** 2) + 16 / 13.772 ** 2), 12);
    expect(cellVolume(hex)).toBeCloseTo((Math.sqrt(3) / 2) * 5.038 ** 2 * 13.772, 9);
  });
});

describe('profile and intensity factors', () => {
  it('pseudo-Voigt is area-normalised with FWHM h', () => {
    const h = 0.05;
    let area = 0;
    for (let x = -50; x <= 50; x += 0.0005) area += pseudoVoigt(x, h, 0.4) * 0.0005;
    expect(area).toBeCloseTo(1, 3);
    const peak = pseudoVoigt(0, h, 0);
    expect(pseudoVoigt(h / 2, h, 0) / peak).toBeCloseTo(0.5, 12);
    expect(pseudoVoigt(h / 2, h, 1) / pseudoVoigt(0, h, 1)).toBeCloseTo(0.5, 12);
  });
  it('TCH reduces to the pure shapes', () => {
    expect(tchCombine(0.1, 0)).toEqual({ fwhm: 0.1, eta: 0 });
    const l = tchCombine(0, 0.1);
    expect(l.fwhm).toBeCloseTo(0.1, 12);
    expect(l.eta).toBeCloseTo(1, 3);
  });
  it('Lorentz–polarisation: K = 0.5 is pymatgen’s factor / 2, K = 1 the polarisation-free one', () => {
    const tt = 30;
    const th = (tt * Math.PI) / 360;
    const pymatgen = (1 + Math.cos(2 * th) ** 2) / (Math.sin(th) ** 2 * Math.cos(th));
    expect(lorentzPolarisationFactor(tt, 0.5, 1)).toBeCloseTo(pymatgen / 2, 12);
    expect(lorentzPolarisationFactor(tt, 1, 1)).toBeCloseTo(1 / (Math.sin(th) ** 2 * Math.cos(th)), 12);
  });
  it('matches the crystallography module’s geometries up to a constant factor', () => {
    const geometries: Geometry[] = [
      { kind: 'debye-scherrer', polarisation: 'none' },
      { kind: 'debye-scherrer', polarisation: 'unpolarised' },
      { kind: 'debye-scherrer', polarisation: 'synchrotron', polarisationFraction: 0.95, azimuthDeg: 30 },
      { kind: 'bragg-brentano', monochromatorTwoThetaDeg: 26.6 },
    ];
    for (const g of geometries) {
      const o = lpOptionsFromGeometry(g);
      const cm = Math.cos((o.monochromatorTwoThetaDeg * Math.PI) / 180) ** 2;
      const ratio = (tt: number): number => lorentzPolarisationFactor(tt, o.polarisationK, cm) / lorentzPolarisation(tt, g);
      expect(ratio(100) / ratio(20)).toBeCloseTo(1, 12);
    }
  });
});

describe('Hill–Howard weight fractions', () => {
  it('W_p = S_p(ZMV)_p / Σ S_i(ZMV)_i with propagated uncertainty', () => {
    const { w, sigma } = hillHoward([2, 1], [1, 2], [0.01, 0, 0, 0.04]);
    expect(w[0]).toBeCloseTo(0.5, 15);
    expect(w[1]).toBeCloseTo(0.5, 15);
    // ∂W0/∂S0 = zmv0(1 − W0)/Σ = 0.125, ∂W0/∂S1 = −zmv1·W0/Σ = −0.25 → σ² = 0.125²·0.01 + 0.25²·0.04
    expect(sigma[0]).toBeCloseTo(Math.sqrt(0.125 ** 2 * 0.01 + 0.25 ** 2 * 0.04), 12);
    expect(sigma[1]).toBeCloseTo(sigma[0], 12);
    const neg = hillHoward([-1, 1], [1, 1]);
    expect(Array.from(neg.w)).toEqual([0, 1]);
  });
});

/** Simulate a pattern from a state, with Poisson noise. */
function simulate(phases: RietveldPhase[], opts: RietveldOptions, x: Float64Array, scales: number[], seed: number, bg = [400, -60, 25]): Float64Array {
  const st = initialState(phases, opts);
  scales.forEach((s, p) => (st.phases[p].scale = s));
  st.background = Float64Array.from({ length: 7 }, (_, i) => bg[i] ?? 0);
  st.backgroundRangeDeg = [x[0], x[x.length - 1]];
  return poissonNoise(calculatePattern(x, phases, st, opts).total, seededRandom(seed));
}

describe('single-pattern refinement of patterns this engine simulated (consistency checks; independent references: nist.test.ts, topas.test.ts, simulated.test.ts)', () => {
  const fcc = cubicTestPhase('fcc', 3.6, 'F', 4 * 58.7);
  const bcc = cubicTestPhase('bcc', 2.87, 'I', 2 * 55.85);
  const zmv = (p: RietveldPhase, a: number): number => p.intensities.cellMassAmu * a ** 3;

  it('synchrotron pV: recovers weight fractions, cells, widths and η from a displaced start', () => {
    const opts: RietveldOptions = { radiation: { wavelengthA: 0.2 }, profileStart: { W: 0.03 ** 2, eta: 0.4 } };
    const x = axis(2, 16, 0.005);
    const y = simulate([fcc, bcc], opts, x, [2e-4, 5e-4], 1);
    const w0 = (2e-4 * zmv(fcc, 3.6)) / (2e-4 * zmv(fcc, 3.6) + 5e-4 * zmv(bcc, 2.87));
    const start = [
      { ...fcc, lattice: { ...fcc.lattice, aA: 3.604, bA: 3.604, cA: 3.604 } },
      { ...bcc, lattice: { ...bcc.lattice, aA: 2.868, bA: 2.868, cA: 2.868 } },
    ];
    const { result } = refinePattern({ twoThetaDeg: x, intensity: y }, start, { ...opts, profileStart: { W: 0.04 ** 2, eta: 0.6 } });
    expect(result.converged).toBe(true);
    expect(result.phases[0].weightFraction).toBeCloseTo(w0, 2);
    expect(Math.abs(result.phases[0].weightFraction - w0)).toBeLessThan(4 * result.phases[0].weightFractionSigma + 1e-4);
    expect(result.phases[0].lattice.aA).toBeCloseTo(3.6, 4);
    expect(result.phases[1].lattice.aA).toBeCloseTo(2.87, 4);
    expect(Math.sqrt(result.phases[0].profile.W)).toBeCloseTo(0.03, 3);
    expect(result.phases[1].profile.eta).toBeCloseTo(0.4, 1);
    expect(result.gof).toBeGreaterThan(0.9);
    expect(result.gof).toBeLessThan(1.1);
    expect(result.rwp).toBeCloseTo(result.rexp * result.gof, 10);
    // the calculated pattern rebuilt from the result reproduces Rwp; curves add up to the total
    const calc = calculatePattern(x, start, stateFromResult(result, start, opts), opts);
    let num = 0;
    let den = 0;
    for (let i = 0; i < x.length; i++) {
      const w = 1 / Math.max(y[i], 1);
      num += w * (y[i] - calc.total[i]) ** 2;
      den += w * y[i] ** 2;
      expect(calc.background[i] + calc.phases[0][i] + calc.phases[1][i]).toBeCloseTo(calc.total[i], 6);
    }
    expect(Math.sqrt(num / den)).toBeCloseTo(result.rwp, 8);
  });

  it('lab Bragg–Brentano, Cu Kα1/Kα2 doublet, TCH profile and specimen displacement', () => {
    const opts: RietveldOptions = {
      radiation: { wavelengthA: 1.540596, wavelength2A: 1.544493, ratio21: 0.5 },
      profile: 'tch',
      profileStart: { U: 0.004, V: -0.002, W: 0.003, X: 0.03, Y: 0 },
      refineProfile: ['X'],
      refineZero: false,
      refineDisplacement: true,
      displacementDeg: 0.03,
      polarisationK: 0.7,
    };
    const x = axis(35, 120, 0.02);
    const y = simulate([fcc, bcc], opts, x, [3e-4, 3e-3], 2, [1500, -200, 100]);
    const w0 = (3e-4 * zmv(fcc, 3.6)) / (3e-4 * zmv(fcc, 3.6) + 3e-3 * zmv(bcc, 2.87));
    const { result } = refinePattern({ twoThetaDeg: x, intensity: y }, [fcc, bcc], { ...opts, displacementDeg: 0, profileStart: { ...opts.profileStart, X: 0.05 } });
    // within 3σ (σ ≈ 0.004 here; over six noise seeds the mean is within 0.002 of the truth)
    expect(Math.abs(result.phases[0].weightFraction - w0)).toBeLessThan(3 * result.phases[0].weightFractionSigma);
    expect(result.phases[0].weightFractionSigma).toBeLessThan(0.006);
    expect(Math.abs(result.displacementDeg - 0.03)).toBeLessThan(0.003);
    expect(result.phases[1].profile.X).toBeCloseTo(0.03, 2);
    expect(result.gof).toBeLessThan(1.1);
  });

  it('cold start: the cell scan finds cells 1.8 % off (room-temperature cells on data at ≈1000 °C)', () => {
    const opts: RietveldOptions = { radiation: { wavelengthA: 0.2 }, profileStart: { W: 0.03 ** 2, eta: 0.4 } };
    const x = axis(2, 16, 0.005);
    const y = simulate([fcc, bcc], opts, x, [2e-4, 5e-4], 6);
    const cold = [fcc, bcc].map((p) => {
      const a = p.lattice.aA / 1.018;
      return { ...p, lattice: { ...p.lattice, aA: a, bA: a, cA: a } };
    });
    const found = refinePattern({ twoThetaDeg: x, intensity: y }, cold, opts).result;
    expect(found.phases[0].lattice.aA).toBeCloseTo(3.6, 4);
    expect(found.phases[1].lattice.aA).toBeCloseTo(2.87, 4);
    expect(found.gof).toBeLessThan(1.1);
    // and from 3 % off at the edge of a wider scan (lines 16 FWHM away at 16°)
    const colder = [fcc, bcc].map((p) => {
      const a = p.lattice.aA / 1.03;
      return { ...p, lattice: { ...p.lattice, aA: a, bA: a, cA: a } };
    });
    const scanned = refinePattern({ twoThetaDeg: x, intensity: y }, colder, { ...opts, cellSearch: 0.035 }).result;
    expect(scanned.phases[0].lattice.aA).toBeCloseTo(3.6, 4);
    expect(scanned.gof).toBeLessThan(1.1);
  });

  it('a phase that is absent gets weight 0, flagged, never negative', () => {
    const opts: RietveldOptions = { radiation: { wavelengthA: 0.2 }, profileStart: { W: 0.03 ** 2, eta: 0.4 } };
    const x = axis(2, 16, 0.005);
    const y = simulate([fcc], opts, x, [2e-4], 3);
    const { result } = refinePattern({ twoThetaDeg: x, intensity: y }, [fcc, bcc], opts);
    expect(result.phases[1].dropped).toBe(true);
    expect(result.phases[1].weightFraction).toBe(0);
    expect(result.phases[1].scale).toBe(0);
    expect(result.phases[0].weightFraction).toBe(1);
    // the same with the absent phase listed first (phase index 0 is not special): weight 0, the present phase's cell
    // and width as simulated, and no σ for a cell that was not refined
    const first = refinePattern({ twoThetaDeg: x, intensity: y }, [bcc, fcc], opts).result;
    expect(first.phases[0].dropped).toBe(true);
    expect(first.phases[0].weightFraction).toBe(0);
    expect(first.phases[1].weightFraction).toBe(1);
    expect(first.phases[1].lattice.aA).toBeCloseTo(3.6, 4);
    expect(Math.sqrt(first.phases[1].profile.W)).toBeCloseTo(0.03, 3);
    expect(first.phases[0].aSigmaA).toBe(0);
    expect(first.gof).toBeLessThan(1.1);
  });
});

describe('B, crystallite size and microstrain (synthetic patterns made with known values)', () => {
  const fcc = cubicTestPhase('fcc', 3.6, 'F', 4 * 58.7);
  const bcc = cubicTestPhase('bcc', 2.87, 'I', 2 * 55.85);
  const x = axis(2, 16, 0.005);
  /** A pattern from a state with ΔB and profile set per phase. */
  const simulateWith = (opts: RietveldOptions, scales: number[], bOffsets: number[], profiles: Partial<ProfileParams>[], seed: number): Float64Array => {
    const st = initialState([fcc, bcc], opts);
    scales.forEach((sc, p) => {
      st.phases[p].scale = sc;
      st.phases[p].bOffsetA2 = bOffsets[p];
      Object.assign(st.phases[p].profile, profiles[p]);
    });
    st.background = Float64Array.from({ length: 7 }, (_, i) => [400, -60, 25][i] ?? 0);
    st.backgroundRangeDeg = [x[0], x[x.length - 1]];
    return poissonNoise(calculatePattern(x, [fcc, bcc], st, opts).total, seededRandom(seed));
  };

  it('recovers ΔB per phase (exp(−2ΔB·s²) on |F|²) with its σ, and the weight fractions with it', () => {
    const inst = { U: 0.05, V: -0.002, W: 0.0004, X: 0, Y: 0, eta: 0.5 };
    const opts: RietveldOptions = { radiation: { wavelengthA: 0.2 }, profileStart: inst, refineProfile: ['eta'], refineB: true, refineBMinWt: 0.1 };
    const y = simulateWith(opts, [2e-4, 5e-4], [0.6, 0.3], [{}, {}], 11);
    const { result } = refinePattern({ twoThetaDeg: x, intensity: y }, [fcc, bcc], opts);
    for (const [p, b] of [[0, 0.6], [1, 0.3]] as const) {
      const ph = result.phases[p];
      expect(ph.bRefined).toBe(true);
      expect(ph.bOffsetSigmaA2).toBeGreaterThan(0);
      expect(Math.abs(ph.bOffsetA2 - b)).toBeLessThan(4 * ph.bOffsetSigmaA2);
      expect(ph.sigmas.B).toBe(ph.bOffsetSigmaA2);
    }
    expect(result.gof).toBeLessThan(1.1);
    // held below refineBMinWt: the same fit with a high limit keeps ΔB at its start (0) and reports no σ
    const held = refinePattern({ twoThetaDeg: x, intensity: y }, [fcc, bcc], { ...opts, refineBMinWt: 0.99 }).result;
    expect(held.phases.map((ph) => [ph.bRefined, ph.bOffsetA2, ph.bOffsetSigmaA2])).toEqual([[false, 0, 0], [false, 0, 0]]);
    expect(held.gof).toBeGreaterThan(result.gof);
  });

  it('pV: size (K·λ/(L·cosθ)) and microstrain (4ε·tanθ) on a known instrument profile, each with its σ', () => {
    const inst = { U: 0.05, V: -0.002, W: 0.0004, X: 0, Y: 0 };
    const truth = [{ size: 1 / 40, strain: 8e-4, eta: 0.45 }, { size: 1 / 25, strain: 3e-4, eta: 0.55 }];
    const opts: RietveldOptions = { radiation: { wavelengthA: 0.2 }, profileStart: { ...inst, eta: 0.5, size: 0.02, strain: 5e-4 }, refineProfile: ['size', 'strain', 'eta'] };
    const y = simulateWith(opts, [2e-4, 5e-4], [0, 0], truth, 12);
    const { result } = refinePattern({ twoThetaDeg: x, intensity: y }, [fcc, bcc], opts);
    result.phases.forEach((ph, p) => {
      expect(1 / (ph.profile.size as number)).toBeGreaterThan(0.9 / truth[p].size);
      expect(1 / (ph.profile.size as number)).toBeLessThan(1.1 / truth[p].size);
      expect(Math.abs((ph.profile.strain as number) - truth[p].strain)).toBeLessThan(Math.max(4 * ph.sigmas.strain, 0.1 * truth[p].strain));
      for (const k of ['size', 'strain', 'eta', 'a']) expect(ph.sigmas[k], k).toBeGreaterThan(0);
    });
    expect(result.zeroShiftSigmaDeg).toBeGreaterThan(0);
    expect(result.gof).toBeLessThan(1.1);
  });

  it('TCH: Lorentzian size and strain on a Gaussian instrument', () => {
    const inst = { U: 0.05, V: -0.002, W: 0.0004, X: 0, Y: 0, eta: 0 };
    const opts: RietveldOptions = { radiation: { wavelengthA: 0.2 }, profile: 'tch', profileStart: { ...inst, size: 0.02, strain: 5e-4 }, refineProfile: ['size', 'strain'] };
    const y = simulateWith(opts, [2e-4, 5e-4], [0, 0], [{ size: 1 / 50, strain: 6e-4 }, { size: 1 / 30, strain: 2e-4 }], 13);
    const { result } = refinePattern({ twoThetaDeg: x, intensity: y }, [fcc, bcc], opts);
    expect(1 / (result.phases[0].profile.size as number)).toBeCloseTo(50, -1);
    expect(1 / (result.phases[1].profile.size as number)).toBeCloseTo(30, -1);
    expect(result.gof).toBeLessThan(1.1);
  });

  it('a parameter with no effect on the model (X, a TCH term, asked for with a pV profile) takes no step; the rest refines', () => {
    // X enters only the TCH Lorentzian width: with profile 'pv' its derivative is exactly zero, so its column and row
    // of the normal matrix are zero. It must stay at its start, and W and η must still reach the simulated values
    // (0.03°, 0.4) from a displaced start, with the cells.
    const opts: RietveldOptions = { radiation: { wavelengthA: 0.2 }, profileStart: { W: 0.03 ** 2, eta: 0.4 } };
    const y = simulate([fcc, bcc], opts, x, [2e-4, 5e-4], 15);
    const start = [fcc, { ...bcc, lattice: { ...bcc.lattice, aA: 2.868, bA: 2.868, cA: 2.868 } }];
    const { result } = refinePattern({ twoThetaDeg: x, intensity: y }, start, {
      ...opts, profileStart: { W: 0.04 ** 2, eta: 0.6, X: 0.02 }, refineProfile: ['X', 'W', 'eta'],
    });
    expect(result.converged).toBe(true);
    for (const ph of result.phases) {
      expect(ph.profile.X).toBe(0.02);
      expect(Math.sqrt(ph.profile.W)).toBeCloseTo(0.03, 3);
      expect(ph.profile.eta).toBeCloseTo(0.4, 1);
    }
    expect(result.phases[1].lattice.aA).toBeCloseTo(2.87, 4);
    expect(result.gof).toBeLessThan(1.1);
  });

  it('η started at its bound (1) comes back: the derivative is taken backwards there', () => {
    const opts: RietveldOptions = { radiation: { wavelengthA: 0.2 }, profileStart: { W: 0.03 ** 2, eta: 0.4 } };
    const y = simulate([fcc, bcc], opts, x, [2e-4, 5e-4], 14);
    const { result } = refinePattern({ twoThetaDeg: x, intensity: y }, [fcc, bcc], { ...opts, profileStart: { W: 0.03 ** 2, eta: 1 } });
    expect(result.phases[0].profile.eta).toBeCloseTo(0.4, 1);
    expect(result.gof).toBeLessThan(1.1);
  });
});

describe('input checks', () => {
  it('rejects a decreasing 2θ axis and ignores non-finite intensities', () => {
    const fcc = cubicTestPhase('fcc', 3.6, 'F', 4 * 58.7);
    const opts: RietveldOptions = { radiation: { wavelengthA: 0.2 }, profileStart: { W: 0.03 ** 2, eta: 0.4 } };
    const x = axis(2, 16, 0.005);
    const y = simulate([fcc], opts, x, [2e-4], 5);
    expect(() => refinePattern({ twoThetaDeg: x.slice().reverse(), intensity: y }, [fcc], opts)).toThrow(/2θ must increase/);
    const holes = y.slice();
    for (let i = 100; i < 200; i++) holes[i] = Number.NaN;
    const { result } = refinePattern({ twoThetaDeg: x, intensity: holes }, [fcc], opts);
    expect(result.phases[0].lattice.aA).toBeCloseTo(3.6, 4);
    expect(result.gof).toBeLessThan(1.1);
  });
});

describe('library phases on patterns this engine simulated (consistency check)', () => {
  it('hexagonal hematite + cubic magnetite: a and c refined independently, fractions recovered', () => {
    const opts: RietveldOptions = { radiation: { wavelengthA: 0.20735 }, profileStart: { W: 0.03 ** 2, eta: 0.5 } };
    const mk = (id: string, lattice?: { aA: number; cA: number }) => {
      const def = getPhase(id);
      const l = lattice ? { ...def.lattice, aA: lattice.aA, bA: lattice.aA, cA: lattice.cA } : def.lattice;
      return rietveldPhaseFromDef(withLattice(def, l), { wavelengthA: 0.20735, twoThetaMaxDeg: 16 });
    };
    const truth = [mk('hematite'), mk('magnetite')];
    const x = axis(2, 16, 0.005);
    const y = simulate(truth, opts, x, [3e-6, 4e-7], 7);
    const zmv = truth.map((p) => p.intensities.cellMassAmu * cellVolume(p.lattice));
    const w0 = (3e-6 * zmv[0]) / (3e-6 * zmv[0] + 4e-7 * zmv[1]);
    // start with a 0.3 % too long and c 0.3 % too short: an isotropic scan cannot fix both, the least squares must
    const start = [mk('hematite', { aA: 5.038 * 1.003, cA: 13.772 * 0.997 }), mk('magnetite')];
    const { result } = refinePattern({ twoThetaDeg: x, intensity: y }, start, opts);
    const hem = result.phases[0];
    expect(hem.lattice.gammaDeg).toBe(120);
    expect(hem.lattice.aA).toBeCloseTo(5.038, 3);
    expect(hem.lattice.cA).toBeCloseTo(13.772, 3);
    expect(Math.abs(hem.weightFraction - w0)).toBeLessThan(Math.max(3 * hem.weightFractionSigma, 0.005));
    expect(result.gof).toBeLessThan(1.1);
  });
});

describe('sequential refinement of patterns this engine simulated (consistency checks)', () => {
  it('seeds each frame, drops a vanishing phase and re-admits it when it grows back', () => {
    const fcc = cubicTestPhase('fcc', 3.6, 'F', 4 * 58.7);
    const bcc = cubicTestPhase('bcc', 2.87, 'I', 2 * 55.85);
    const opts: RietveldOptions = { radiation: { wavelengthA: 0.2 }, profileStart: { W: 0.03 ** 2, eta: 0.4 } };
    const x = axis(2, 16, 0.005);
    const bccScale = [5e-4, 2e-4, 0, 0, 2e-4, 5e-4];
    const patterns = bccScale.map((s, i) => ({ twoThetaDeg: x, intensity: simulate(s > 0 ? [fcc, bcc] : [fcc], opts, x, s > 0 ? [2e-4, s] : [2e-4], 10 + i) }));
    const progress: number[] = [];
    const { frames, cancelled } = refineSequence(patterns, [fcc, bcc], opts, { onProgress: (p) => progress.push(p.done) });
    expect(cancelled).toBe(false);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    expect(frames.map((f) => f.phases[1].dropped)).toEqual([false, false, true, true, false, false]);
    for (const f of frames) for (const p of f.phases) expect(p.weightFraction).toBeGreaterThanOrEqual(0);
    expect(frames[5].phases[1].lattice.aA).toBeCloseTo(2.87, 4);
    // warm starts: later frames need fewer iterations than the cold first one
    expect(frames[1].iterations).toBeLessThanOrEqual(frames[0].iterations);
    const stopAfter = 2;
    const part = refineSequence(patterns, [fcc, bcc], opts, { shouldCancel: () => progress.length >= 6 + stopAfter, onProgress: (p) => progress.push(p.done) });
    expect(part.cancelled).toBe(true);
    expect(part.frames).toHaveLength(stopAfter);
  });

  it('Vegard phase: composition and mass follow the refined cell', () => {
    const law = { parameter: 'xNi' as const, endMembers: { aAtZeroA: 3.665, aAtOneA: 3.5628 }, x: 0.5, citation: 'test' };
    const truthX = 0.3;
    const truthPhase = rietveldPhaseFromDef(feNiPhase(truthX, law), { wavelengthA: 0.2, twoThetaMaxDeg: 16, debyeWaller: false });
    const opts: RietveldOptions = { radiation: { wavelengthA: 0.2 }, profileStart: { W: 0.03 ** 2, eta: 0.4 } };
    const x = axis(2, 16, 0.005);
    const y = simulate([truthPhase], opts, x, [1e-4], 4);
    const start = rietveldPhaseFromDef(feNiPhase(0.4, law), { wavelengthA: 0.2, twoThetaMaxDeg: 16, debyeWaller: false });
    const { result } = refinePattern({ twoThetaDeg: x, intensity: y }, [start], opts);
    const p = result.phases[0];
    expect(p.lattice.aA).toBeCloseTo(3.665 + truthX * (3.5628 - 3.665), 4);
    expect(p.x).toBeCloseTo(truthX, 2);
    expect(p.cellMassAmu).toBeCloseTo(4 * (0.7 * 55.845 + 0.3 * 58.6934), 0);
    expect(p.scale).toBeCloseTo(1e-4, 6);
  });
});
