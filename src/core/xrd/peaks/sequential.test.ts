import { describe, expect, it } from 'vitest';
import type { Pattern, PatternSequence } from '../../../shared/xrd';
import { braggDSpacingA, braggTwoThetaDeg, latticeFromPeak, latticeParameterA, vegardFraction } from './lattice';
import { parseHkl, parseReflectionSpec } from './reflections';
import { fitFrames, fitSequence, frameData, peakSeries, type FrameData } from './sequential';
import { poissonCounts, poissonGenerator, syntheticPattern, twoThetaAxis } from './synthetic';

const x = twoThetaAxis(6.0, 7.0, 0.005);

/** 30 frames: a peak drifting 6.50 → 6.53°, gone in frames 10–19, back from frame 20; a steady neighbour. */
function fadingSequence(seed: number): { frames: FrameData[]; centres: number[]; areas: number[] } {
  const draw = poissonGenerator(seed);
  const centres: number[] = [];
  const areas: number[] = [];
  const frames: FrameData[] = [];
  for (let f = 0; f < 30; f++) {
    const c = 6.5 + 0.001 * f;
    const a = f >= 10 && f < 20 ? 0 : 15 + 0.5 * f;
    centres.push(c);
    areas.push(a);
    const y = poissonCounts(syntheticPattern(x, [
      { centreDeg: c, fwhmDeg: 0.04, eta: 0.4, area: a },
      { centreDeg: 6.62, fwhmDeg: 0.045, eta: 0.3, area: 10 },
    ], [400, 50], 6.5), draw);
    frames.push({ twoThetaDeg: x, intensity: y, sigma: null });
  }
  return { frames, centres, areas };
}

describe('sequential fitting of sequences from our own generator (consistency checks; independent: test/xrd-peaks on the simulated studies)', () => {
  const times = Float64Array.from({ length: 30 }, (_, i) => 2 * i);
  const seq = fadingSequence(5);
  // Computed inside the tests on first use, not while the file is collected (mutation testing credits code run at
  // collection to no test and runs it before a mutant is switched on; test/README.md).
  const fit = () => fitFrames(seq.frames, times, [{
    id: 'pair', fromDeg: 6.35, toDeg: 6.75, peaks: [{ label: 'fading', centreDeg: 6.5, fwhmDeg: 0.05 }, { label: 'steady', centreDeg: 6.62, fwhmDeg: 0.05 }],
  }]);

  it('tracks a drifting peak, reports it absent while gone and re-seeds it when it returns', () => {
    const result = fit();
    const fading = peakSeries(result, 'pair', 0);
    const steady = peakSeries(result, 'pair', 1);
    expect(result.errors).toEqual([]);
    for (let f = 0; f < 30; f++) {
      if (seq.areas[f] === 0) {
        expect(fading.present[f], `frame ${f}`).toBe(0);
        expect(fading.limit[f]).toBeGreaterThan(0);
        expect(Number.isNaN(fading.centreDeg[f])).toBe(true);
      } else {
        expect(fading.present[f], `frame ${f}`).toBe(1);
        expect(Math.abs(fading.centreDeg[f] - seq.centres[f])).toBeLessThan(4 * fading.centreSigmaDeg[f]);
        expect(Math.abs(fading.area[f] - seq.areas[f])).toBeLessThan(4 * fading.areaSigma[f]);
      }
      expect(steady.present[f]).toBe(1);
      expect(Math.abs(steady.area[f] - 10)).toBeLessThan(4 * steady.areaSigma[f]);
    }
    // The absent frames were not fitted: the ROI's model then has one peak only.
    const absentFrame = result.rois[0].frames[15];
    expect(absentFrame.peaks[0].present).toBe(false);
    expect(absentFrame.peaks[0].present === false && absentFrame.peaks[0].reason).toBe('screen');
    expect(steady.timesS[29]).toBe(58);
  });

  it('fits a PatternSequence whose x axis is q (Å⁻¹), converting with the wavelength', () => {
    const lambda = 0.20735;
    const q = Float64Array.from(x, (t) => (4 * Math.PI * Math.sin((t * Math.PI) / 360)) / lambda);
    const patterns: Pattern[] = seq.frames.slice(0, 3).map((fr, i) => ({
      fileName: `f${i}.xy`, formatId: 'test', x: q, xUnit: 'q_A^-1', intensity: fr.intensity, sigma: null, wavelengthA: null, metadata: {}, warnings: [],
    }));
    const sequence: PatternSequence = { frames: patterns, timesS: Float64Array.of(0, 2, 4), timeSource: 'interval', skipped: [], wavelengthA: lambda };
    expect(frameData(patterns[0], lambda).twoThetaDeg[10]).toBeCloseTo(x[10], 10);
    // d (Å) runs the other way and beyond λ/2 has no Bragg angle: reversed to ascending 2θ, that point dropped.
    const dPattern: Pattern = { ...patterns[0], xUnit: 'd_A', x: Float64Array.of(0.05, 1.5, 2.0), intensity: Float64Array.of(1, 2, 3), sigma: Float64Array.of(4, 5, 6) };
    const fd = frameData(dPattern, lambda);
    expect(Array.from(fd.intensity)).toEqual([3, 2]);
    expect(Array.from(fd.sigma!)).toEqual([6, 5]);
    expect(fd.twoThetaDeg[0]).toBeLessThan(fd.twoThetaDeg[1]);
    const r = fitSequence(sequence, [{ id: 'one', fromDeg: 6.35, toDeg: 6.75, peaks: [{ centreDeg: 6.5 }, { centreDeg: 6.62 }] }]);
    const s = peakSeries(r, 'one');
    expect(s.centreDeg[2]).toBeCloseTo(6.502, 2);
    expect(() => fitSequence({ ...sequence, wavelengthA: null }, r.rois.map((e) => e.roi))).toThrow(/wavelength/);
  });
});

describe('lattice parameters and Vegard', () => {
  it('converts 2θ to d by Bragg and back, with σ_d = d·cot θ·σ_θ', () => {
    const d = braggDSpacingA(30, 1.5406, 0.01);
    expect(d.value).toBeCloseTo(1.5406 / (2 * Math.sin(Math.PI / 12)), 12);
    expect(d.sigma).toBeCloseTo((d.value / Math.tan(Math.PI / 12)) * (0.005 * Math.PI / 180), 14);
    expect(braggTwoThetaDeg(d.value, 1.5406)).toBeCloseTo(30, 10);
    expect(Number.isNaN(braggTwoThetaDeg(0.5, 1.5406))).toBe(true);
  });

  it('gives a for cubic, tetragonal and hexagonal reflections', () => {
    // Si (a = 5.431 Å) 311 at Cu Kα1.
    const si = latticeFromPeak(braggTwoThetaDeg(5.431 / Math.sqrt(11), 1.5406), 0.002, 1.5406, [3, 1, 1]);
    expect(si.aA.value).toBeCloseTo(5.431, 10);
    expect(si.aA.sigma / si.aA.value).toBeCloseTo(si.dA.sigma / si.dA.value, 12);
    // Rutile a = 4.594, c = 2.959: 1/d² = (h² + k²)/a² + l²/c² for 101.
    const dRut = 1 / Math.sqrt(1 / 4.594 ** 2 + 1 / 2.959 ** 2);
    expect(latticeParameterA({ value: dRut, sigma: 0 }, [1, 0, 1], 'tetragonal', 2.959 / 4.594).value).toBeCloseTo(4.594, 10);
    // Hematite (hexagonal axes) a = 5.0356, c = 13.7489: 104 reflection.
    const a = 5.0356;
    const c = 13.7489;
    const dHem = 1 / Math.sqrt((4 / 3) * (1 + 0 + 0) / a ** 2 + 16 / c ** 2);
    expect(latticeParameterA({ value: dHem, sigma: 0 }, [1, 0, 4], 'hexagonal', c / a).value).toBeCloseTo(a, 10);
    expect(() => latticeParameterA({ value: 2, sigma: 0 }, [1, 0, 4], 'hexagonal')).toThrow(/c\/a/);
  });

  it('solves Vegard for x on the end members given, σ_x = σ_a/|a₁ − a₀|', () => {
    const ends = { a0A: 3.668, a1A: 3.5656 };
    expect(vegardFraction({ value: ends.a1A, sigma: 0 }, ends).value).toBeCloseTo(1, 12);
    expect(vegardFraction({ value: ends.a0A, sigma: 0 }, ends).value).toBeCloseTo(0, 12);
    // Fe–36 wt.% Ni at 700 °C (x = 0.3486): a = 3.668 − 0.3486·0.1024 = 3.63230336 Å
    const v = vegardFraction({ value: 3.63230336, sigma: 1e-4 }, ends);
    expect(v.value).toBeCloseTo(0.3486, 9);
    expect(v.sigma).toBeCloseTo(1e-4 / 0.1024, 12);
    expect(vegardFraction({ value: 3.55, sigma: 0 }, { a0A: 3.591, a1A: 3.5238 }).value).toBeCloseTo(0.6101, 4);
  });

  it('parses hkl and phase:hkl specs', () => {
    expect(parseHkl('200')).toEqual([2, 0, 0]);
    expect(parseHkl('1-10')).toEqual([1, -1, 0]);
    expect(parseHkl('10, -1, 2')).toEqual([10, -1, 2]);
    expect(parseReflectionSpec('fcc-FeNi:200')).toEqual({ phaseId: 'fcc-FeNi', hkl: [2, 0, 0] });
    expect(() => parseReflectionSpec('wustite')).toThrow(/phase:hkl/);
    expect(() => parseHkl('20')).toThrow(/hkl/);
  });
});
