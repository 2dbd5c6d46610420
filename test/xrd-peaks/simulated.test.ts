/**
 * Peak fitting, lattice parameters, Vegard composition and phase presence on the simulated 700 °C sequences
 * (../shared/fixtures/simulated/, read in place; skipped with a printed reason when absent), against their
 * truth.json. The .xy files are read by a minimal local reader so these tests do not depend on the format registry.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { braggTwoThetaDeg, latticeFromPeak, vegardFraction } from '../../src/core/xrd/peaks/lattice';
import { literatureVegardEnds } from '../../src/core/xrd/analysis/phases';
import { haveSimulated, simulatedDir } from '../fixtures/xrd/paths';
import { detectPresence } from '../../src/core/xrd/peaks/presence';
import { reflectionPositionsDeg, roiFromReflection, strongestReflections } from '../../src/core/xrd/peaks/reflections';
import { cubicLattice, getPhase, phaseAtTemperature, withCubicA, type Lattice } from '../../src/core/xrd/crystal';
import { fitFrames, peakSeries, type FrameData } from '../../src/core/xrd/peaks/sequential';

/** The literature fcc (Fe,Ni) law at 700 °C (Ni and Invar at room temperature, ᾱ = 17.5·10⁻⁶ K⁻¹). */
const ENDS_700C = literatureVegardEnds(700);

interface Truth {
  wavelength_A: number;
  frames: { t_s: number; wt: Record<string, number>; fcc_x_ni?: number; a: Record<string, number> }[];
}

interface Sequence {
  frames: FrameData[];
  timesS: Float64Array;
  wavelengthA: number;
  truth: Truth;
}

/** Minimal pyFAI .xy reader: '# Wavelength: … m' and two numeric columns. */
function readXy(file: string): { frame: FrameData; wavelengthA: number } {
  const text = readFileSync(file, 'utf8');
  const xs: number[] = [];
  const ys: number[] = [];
  let wavelengthA = NaN;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) {
      const m = /Wavelength:\s*([0-9.eE+-]+)/.exec(line);
      if (m) wavelengthA = Number(m[1]) * 1e10;
      continue;
    }
    const parts = line.trim().split(/\s+/);
    if (parts.length < 2) continue;
    xs.push(Number(parts[0]));
    ys.push(Number(parts[1]));
  }
  return { frame: { twoThetaDeg: Float64Array.from(xs), intensity: Float64Array.from(ys), sigma: null }, wavelengthA };
}

function loadSequence(name: string): Sequence {
  const dir = simulatedDir(name);
  const files = readdirSync(dir).filter((f) => f.endsWith('.xy')).sort();
  const read = files.map((f) => readXy(path.join(dir, f)));
  const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth;
  return {
    frames: read.map((r) => r.frame), timesS: Float64Array.from(files, (_, i) => i * 30), wavelengthA: read[0].wavelengthA, truth,
  };
}

const haveNio = haveSimulated('sxrd-fe2o3_nio-700C');
const haveFe = haveSimulated('sxrd-fe2o3-700C');
const nio = haveNio ? loadSequence('sxrd-fe2o3_nio-700C') : null!;
const fe = haveFe ? loadSequence('sxrd-fe2o3-700C') : null!;

describe.skipIf(!haveNio)('sequential fits of the simulated Fe2O3 + NiO sequence', () => {
  // Fitted on first use inside a test, not while the file is collected: code run at collection (or in beforeAll) is
  // credited to no test by mutation testing's per-test coverage and runs before a mutant is switched on, so a fit
  // there is neither mutated nor able to kill (test/README.md). Later tests of this file reuse the same fit.
  let fitted: ReturnType<typeof fitFrames> | null = null;
  const fit = (): ReturnType<typeof fitFrames> =>
    (fitted ??= fitFrames(nio.frames, nio.timesS, [
      { id: 'fcc-FeNi:200', fromDeg: 6.4, toDeg: 6.75, peaks: [{ label: 'fcc 200' }] },
      { id: 'magnetite:422', fromDeg: 6.75, toDeg: 7.05, peaks: [{ label: 'Fe3O4 422' }] },
    ]));

  it('reads 61 frames at λ = 0.20735 Å and fits every frame without error', () => {
    expect(nio.frames).toHaveLength(61);
    expect(nio.wavelengthA).toBeCloseTo(0.20735, 6);
    const result = fit();
    expect(result.errors).toEqual([]);
    expect(result.rois[0].frames).toHaveLength(61);
  });

  it('gives fcc a from (200) and the Ni fraction by Vegard consistent with the truth in every frame', () => {
    const s = peakSeries(fit(), 'fcc-FeNi:200');
    let worstA = 0;
    let worstX = 0;
    for (let i = 0; i < 61; i++) {
      expect(s.present[i]).toBe(1);
      const { aA } = latticeFromPeak(s.centreDeg[i], s.centreSigmaDeg[i], nio.wavelengthA, [2, 0, 0]);
      const x = vegardFraction(aA, ENDS_700C);
      const tr = nio.truth.frames[i];
      // Within 4σ of the propagated uncertainty, or 2e-4 Å for the strongest frames (σ ~ 1e-5 Å); x also carries
      // the difference between the literature end members and the simulation's (≤ 0.0004 Å: ≤ 0.004 in x)
      expect(Math.abs(aA.value - tr.a.fcc)).toBeLessThan(Math.max(4 * aA.sigma, 2e-4));
      expect(Math.abs(x.value - tr.fcc_x_ni!)).toBeLessThan(Math.max(4 * x.sigma, 4e-3));
      worstA = Math.max(worstA, Math.abs(aA.value - tr.a.fcc));
      worstX = Math.max(worstX, Math.abs(x.value - tr.fcc_x_ni!));
    }
    // First and last frames: x = 1.0 (pure Ni) and 0.349.
    const first = vegardFraction(latticeFromPeak(s.centreDeg[0], s.centreSigmaDeg[0], nio.wavelengthA, [2, 0, 0]).aA, ENDS_700C);
    const last = vegardFraction(latticeFromPeak(s.centreDeg[60], s.centreSigmaDeg[60], nio.wavelengthA, [2, 0, 0]).aA, ENDS_700C);
    expect(first.value).toBeCloseTo(1.0, 1);
    expect(last.value).toBeCloseTo(0.349, 2);
    expect(worstA).toBeLessThan(1e-3);
    expect(worstX).toBeLessThan(1e-2);
    // η of the simulation's fcc is 0.55 (one free pseudo-Voigt on a 0.35° window: within ±0.15)
    expect(s.eta[60]).toBeGreaterThan(0.4);
    expect(s.eta[60]).toBeLessThan(0.7);
  });

  it('reports magnetite 422 as present at the start and absent, with a limit, once magnetite is gone', () => {
    const s = peakSeries(fit(), 'magnetite:422');
    expect(s.present[0]).toBe(1);
    const aFe3O4 = nio.truth.frames[0].a.Fe3O4;
    expect(s.centreDeg[0]).toBeCloseTo(braggTwoThetaDeg(aFe3O4 / Math.sqrt(24), nio.wavelengthA), 3);
    // The truth never reaches 0 (it decays to ~4e-10), so thresholds, not equality: below 0.01 wt% the 422 peak
    // is far under the detection limit and must be reported absent; above 3 wt% it must be found (magnetite's 422 is
    // one of its weaker lines: on this study it is found down to 2.7 wt% and lost at 2.0 wt%).
    const wt = nio.truth.frames.map((f) => f.wt.Fe3O4);
    const gone = wt.flatMap((w, i) => (w < 1e-4 ? [i] : []));
    const clear = wt.flatMap((w, i) => (w > 3e-2 ? [i] : []));
    expect(gone.length).toBeGreaterThanOrEqual(30);
    expect(clear.length).toBeGreaterThanOrEqual(10);
    for (const i of gone) {
      expect(s.present[i], `frame ${i} (truth ${wt[i]})`).toBe(0);
      expect(s.limit[i], `frame ${i}`).toBeGreaterThan(0);
    }
    for (const i of clear) expect(s.present[i], `frame ${i} (truth ${wt[i]})`).toBe(1);
    // The peak's area falls with the magnetite fraction while present.
    expect(s.area[5]).toBeLessThan(s.area[0]);
  });

  it('builds the fcc 200 ROI from the phase library and fits it like the 2θ-range ROI', () => {
    const roi = roiFromReflection('fcc-FeNi:200', getPhase, { wavelengthA: nio.wavelengthA, lattice: cubicLattice(3.6), halfWidthDeg: 0.18 });
    expect(roi.expectedTwoThetaDeg).toBeCloseTo(braggTwoThetaDeg(1.8, nio.wavelengthA), 10);
    const byPhase = peakSeries(fitFrames(nio.frames.slice(55), nio.timesS.slice(55), [roi]), 'fcc-FeNi:200');
    const byRange = peakSeries(fit(), 'fcc-FeNi:200');
    expect(byPhase.label).toBe('fcc-FeNi 200');
    expect(byPhase.centreDeg[5]).toBeCloseTo(byRange.centreDeg[60], 4);
    expect(() => roiFromReflection('nonsense:200', getPhase, { wavelengthA: 0.2 })).toThrow(/unknown phase/);
  });

  it('finds no bcc Fe in Fe2O3 + NiO (bcc {200}, as the reference study reports)', () => {
    const r = presence(nio);
    expect(r.detected).toBe(false);
    expect(r.firstTimeS).toBeNull();
    expect(r.limit).toBeGreaterThan(0);
    expect(r.message).toMatch(/^not detected \(limit /);
  });
});

/**
 * bcc Fe presence from the crystallography: its three strongest reflections that no other phase of the sample
 * overlaps (the library structures at 700 °C on the simulation's 700 °C lattices; fcc at both ends of its drift).
 */
function presence(seq: Sequence): ReturnType<typeof detectPresence> {
  const lambda = seq.wavelengthA;
  const a0 = seq.truth.frames[0].a;
  const aEnd = seq.truth.frames[seq.truth.frames.length - 1].a;
  const hot = (id: string, aA: number) => withCubicA(phaseAtTemperature(getPhase(id), 700), aA);
  const others = [hot('magnetite', a0.Fe3O4), hot('wustite', a0.FeO)];
  const lattices: Record<string, Lattice> = {};
  if (a0.NiO) others.push(hot('NiO', a0.NiO));
  if (a0.fcc) {
    others.push(withCubicA(getPhase('fcc-FeNi'), a0.fcc), { ...withCubicA(getPhase('fcc-FeNi'), aEnd.fcc), id: 'fcc-end' });
  }
  const range = { wavelengthA: lambda, twoThetaMinDeg: 2.5, twoThetaMaxDeg: 15.5, lattices };
  const avoid = reflectionPositionsDeg(others, range);
  const bccA = 2.89373175;
  const reflections = strongestReflections(getPhase('bcc-Fe'), { ...range, lattice: cubicLattice(bccA), avoidDeg: avoid, count: 3 });
  // With fcc (Fe,Ni) in the sample, bcc 110 sits on fcc 111 and is left out; bcc 200 (the reference study's
  // reflection) is always used.
  if (a0.fcc) expect(reflections.map((r) => r.label)).not.toContain('bcc-Fe 110');
  else expect(reflections.map((r) => r.label)).toContain('bcc-Fe 110');
  expect(reflections.map((r) => r.label)).toContain('bcc-Fe 200');
  const r200 = reflections.find((r) => r.label === 'bcc-Fe 200')!;
  expect(r200.twoThetaDeg).toBeCloseTo(braggTwoThetaDeg(bccA / 2, lambda), 9);
  return detectPresence(seq.frames, seq.timesS, 'bcc-Fe', reflections, { fwhmDeg: 0.04, otherPeaksDeg: avoid });
}

describe.skipIf(!haveFe)('phase presence in the simulated Fe2O3 sequence', () => {
  it('detects bcc Fe once it forms, not before', () => {
    const r = presence(fe);
    expect(r.detected).toBe(true);
    const firstWithBcc = fe.truth.frames.findIndex((f) => f.wt.bcc_Fe > 0);
    const firstAbovePercent = fe.truth.frames.findIndex((f) => f.wt.bcc_Fe > 0.02);
    expect(r.firstFrame!).toBeGreaterThanOrEqual(firstWithBcc);
    expect(r.firstFrame!).toBeLessThanOrEqual(firstAbovePercent);
    expect(r.message).toBe(`detected from t = ${r.firstTimeS} s`);
    // Once there, it stays detected to the end.
    for (let i = r.firstFrame!; i < 61; i++) expect(r.perFrame.detected[i], `frame ${i}`).toBe(1);
  });
});
