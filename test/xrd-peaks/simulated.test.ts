/**
 * Peak fitting, lattice parameters, Vegard composition and phase presence on the simulated 700 °C sequences
 * (test/fixtures/simulated/, falling back to ../shared/fixtures/simulated/), against their truth.json.
 * The .xy files are read by a minimal local reader so these tests do not depend on the format registry.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { braggTwoThetaDeg, FCC_FENI_700C, latticeFromPeak, vegardFraction } from '../../src/core/xrd/peaks/lattice';
import { detectPresence, type ReflectionPosition } from '../../src/core/xrd/peaks/presence';
import { fitFrames, peakSeries, type FrameData } from '../../src/core/xrd/peaks/sequential';

const repoRoot = path.resolve(__dirname, '../..');

function fixtureDir(name: string): string {
  const local = path.join(repoRoot, 'test/fixtures/simulated', name);
  return existsSync(path.join(local, 'truth.json')) ? local : path.resolve(repoRoot, '../shared/fixtures/simulated', name);
}

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
  const dir = fixtureDir(name);
  const files = readdirSync(dir).filter((f) => f.endsWith('.xy')).sort();
  const read = files.map((f) => readXy(path.join(dir, f)));
  const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth;
  return {
    frames: read.map((r) => r.frame), timesS: Float64Array.from(files, (_, i) => i * 30), wavelengthA: read[0].wavelengthA, truth,
  };
}

/** 2θ of the allowed reflections of a cubic lattice (rule on hkl) between lo and hi. */
function cubicPositions(aA: number, wavelengthA: number, allowed: (h: number, k: number, l: number) => boolean, lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let h = 0; h <= 12; h++) for (let k = 0; k <= h; k++) for (let l = 0; l <= k; l++) {
    if (h + k + l === 0 || !allowed(h, k, l)) continue;
    const tth = braggTwoThetaDeg(aA / Math.sqrt(h * h + k * k + l * l), wavelengthA);
    if (tth >= lo && tth <= hi) out.push(tth);
  }
  return out;
}
const fccRule = (h: number, k: number, l: number): boolean => (h % 2 === k % 2 && k % 2 === l % 2);
// Spinel Fd-3m: all odd, or all even with h + k + l = 4n (International Tables, general + special conditions).
const spinelRule = (h: number, k: number, l: number): boolean => fccRule(h, k, l) && (h % 2 === 1 || (h + k + l) % 4 === 0);
const bccRule = (h: number, k: number, l: number): boolean => (h + k + l) % 2 === 0;

const nio = loadSequence('sxrd-fe2o3_nio-700C');
const fe = loadSequence('sxrd-fe2o3-700C');

describe('sequential fits of the simulated Fe2O3 + NiO sequence', () => {
  const result = fitFrames(nio.frames, nio.timesS, [
    { id: 'fcc-FeNi:200', fromDeg: 6.4, toDeg: 6.75, peaks: [{ label: 'fcc 200' }] },
    { id: 'magnetite:422', fromDeg: 6.75, toDeg: 7.05, peaks: [{ label: 'Fe3O4 422' }] },
  ]);

  it('reads 61 frames at λ = 0.20735 Å and fits every frame without error', () => {
    expect(nio.frames).toHaveLength(61);
    expect(nio.wavelengthA).toBeCloseTo(0.20735, 6);
    expect(result.errors).toEqual([]);
    expect(result.rois[0].frames).toHaveLength(61);
  });

  it('gives fcc a from (200) and the Ni fraction by Vegard consistent with the truth in every frame', () => {
    const s = peakSeries(result, 'fcc-FeNi:200');
    let worstA = 0;
    let worstX = 0;
    for (let i = 0; i < 61; i++) {
      expect(s.present[i]).toBe(1);
      const { aA } = latticeFromPeak(s.centreDeg[i], s.centreSigmaDeg[i], nio.wavelengthA, [2, 0, 0]);
      const x = vegardFraction(aA, FCC_FENI_700C);
      const tr = nio.truth.frames[i];
      // Within 4σ of the propagated uncertainty, or 2e-4 Å for the strongest frames (σ ~ 1e-5 Å).
      expect(Math.abs(aA.value - tr.a.fcc)).toBeLessThan(Math.max(4 * aA.sigma, 2e-4));
      expect(Math.abs(x.value - tr.fcc_x_ni!)).toBeLessThan(Math.max(4 * x.sigma, 2e-3));
      worstA = Math.max(worstA, Math.abs(aA.value - tr.a.fcc));
      worstX = Math.max(worstX, Math.abs(x.value - tr.fcc_x_ni!));
    }
    // First and last frames: x = 1.0 (pure Ni) and 0.349.
    const first = vegardFraction(latticeFromPeak(s.centreDeg[0], s.centreSigmaDeg[0], nio.wavelengthA, [2, 0, 0]).aA);
    const last = vegardFraction(latticeFromPeak(s.centreDeg[60], s.centreSigmaDeg[60], nio.wavelengthA, [2, 0, 0]).aA);
    expect(first.value).toBeCloseTo(1.0, 1);
    expect(last.value).toBeCloseTo(0.349, 2);
    expect(worstA).toBeLessThan(1e-3);
    expect(worstX).toBeLessThan(1e-2);
    // η of the simulation is 0.4.
    expect(s.eta[60]).toBeGreaterThan(0.3);
    expect(s.eta[60]).toBeLessThan(0.5);
  });

  it('reports magnetite 422 as present at the start and absent, with a limit, once magnetite is gone', () => {
    const s = peakSeries(result, 'magnetite:422');
    expect(s.present[0]).toBe(1);
    const aFe3O4 = nio.truth.frames[0].a.Fe3O4;
    expect(s.centreDeg[0]).toBeCloseTo(braggTwoThetaDeg(aFe3O4 / Math.sqrt(24), nio.wavelengthA), 3);
    for (let i = 0; i < 61; i++) {
      if (nio.truth.frames[i].wt.Fe3O4 === 0) {
        expect(s.present[i], `frame ${i}`).toBe(0);
        expect(s.limit[i]).toBeGreaterThan(0);
      }
    }
    // The peak's area falls with the magnetite fraction while present.
    expect(s.area[5]).toBeLessThan(s.area[0]);
  });

  it('finds no bcc Fe in Fe2O3 + NiO (bcc {200}, as the reference study reports)', () => {
    const r = presence(nio);
    expect(r.detected).toBe(false);
    expect(r.firstTimeS).toBeNull();
    expect(r.limit).toBeGreaterThan(0);
    expect(r.message).toMatch(/^not detected \(limit /);
  });
});

function presence(seq: Sequence): ReturnType<typeof detectPresence> {
  const lambda = seq.wavelengthA;
  const a0 = seq.truth.frames[0].a;
  const others = [
    ...cubicPositions(a0.Fe3O4, lambda, spinelRule, 2, 16),
    ...cubicPositions(a0.FeO, lambda, fccRule, 2, 16),
    ...(a0.NiO ? cubicPositions(a0.NiO, lambda, fccRule, 2, 16) : []),
    ...(a0.fcc ? cubicPositions(a0.fcc, lambda, fccRule, 2, 16) : []),
  ];
  const bccA = 2.89373175;
  const reflections: ReflectionPosition[] = [{ label: 'bcc-Fe 200', twoThetaDeg: braggTwoThetaDeg(bccA / 2, lambda) }];
  expect(cubicPositions(bccA, lambda, bccRule, 8, 8.5)[0]).toBeCloseTo(reflections[0].twoThetaDeg, 9);
  return detectPresence(seq.frames, seq.timesS, 'bcc-Fe', reflections, { fwhmDeg: 0.04, otherPeaksDeg: others });
}

describe('phase presence in the simulated Fe2O3 sequence', () => {
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
