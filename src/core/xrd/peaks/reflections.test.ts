// ROIs and presence positions from the crystallography, on cells whose reflections follow by hand: fcc (h, k, l all
// even or all odd), 2θ from Bragg, and the relative intensities of an fcc metal (111 strongest, then 200).
import { describe, expect, it } from 'vitest';
import { cubicLattice } from '../crystal/lattice';
import { getPhase } from '../crystal/library';
import { braggTwoThetaDeg } from './lattice';
import { parseHkl, parseReflectionSpec, reflectionPositionsDeg, roiFromReflection, strongestReflections } from './reflections';

const LAMBDA = 0.20735;
const tth = (aA: number, h: number, k: number, l: number): number => braggTwoThetaDeg(aA / Math.sqrt(h * h + k * k + l * l), LAMBDA);

describe('hkl and phase:hkl specs', () => {
  it('single digits run together, or any integers separated by spaces or commas', () => {
    expect(parseHkl(' 111 ')).toEqual([1, 1, 1]);
    expect(parseHkl('-1-1-1')).toEqual([-1, -1, -1]);
    expect(parseHkl('-1 1 0')).toEqual([-1, 1, 0]);
    expect(parseHkl('12 0 0')).toEqual([12, 0, 0]);
    expect(parseHkl('1,1,0')).toEqual([1, 1, 0]);
  });

  it('refuses anything but three integers, quoting the text', () => {
    for (const t of ['', '11', '1111', '1 1', '1 1 1 1', '1.5 0 0', 'a 0 0', '1,,', 'h k l']) {
      expect(() => parseHkl(t), t).toThrow(`'${t}' is not an hkl triple`);
    }
  });

  it("the last ':' separates phase and hkl; a missing phase is refused", () => {
    expect(parseReflectionSpec('Fe:Ni:200')).toEqual({ phaseId: 'Fe:Ni', hkl: [2, 0, 0] });
    expect(parseReflectionSpec('hematite:1 0 4')).toEqual({ phaseId: 'hematite', hkl: [1, 0, 4] });
    expect(() => parseReflectionSpec(':200')).toThrow("':200' is not 'phase:hkl'");
    expect(() => parseReflectionSpec('fcc-FeNi:2x0')).toThrow("'2x0' is not an hkl triple");
  });
});

describe('roiFromReflection', () => {
  it('centres the ROI on the Bragg angle of the (given) cell, ±0.2° unless set, one peak labelled phase hkl', () => {
    const roi = roiFromReflection('fcc-FeNi:200', getPhase, { wavelengthA: LAMBDA, lattice: cubicLattice(3.6) });
    const t = tth(3.6, 2, 0, 0);
    expect(roi.expectedTwoThetaDeg).toBeCloseTo(t, 12);
    expect(roi).toEqual({
      id: 'fcc-FeNi:200', fromDeg: expect.closeTo(t - 0.2, 12), toDeg: expect.closeTo(t + 0.2, 12), backgroundOrder: 1, expectedTwoThetaDeg: expect.closeTo(t, 12),
      peaks: [{ label: 'fcc-FeNi 200', fwhmDeg: undefined }],
    });
    const set = roiFromReflection('fcc-FeNi:111', getPhase, { wavelengthA: LAMBDA, lattice: cubicLattice(3.6), halfWidthDeg: 0.05, fwhmDeg: 0.02, backgroundOrder: 0 });
    expect(set.fromDeg).toBeCloseTo(tth(3.6, 1, 1, 1) - 0.05, 12);
    expect(set.toDeg).toBeCloseTo(tth(3.6, 1, 1, 1) + 0.05, 12);
    expect(set.backgroundOrder).toBe(0);
    expect(set.peaks).toEqual([{ label: 'fcc-FeNi 111', fwhmDeg: 0.02 }]);
  });

  it("without a cell it uses the phase's own", () => {
    const phase = getPhase('magnetite');
    const roi = roiFromReflection('magnetite:311', getPhase, { wavelengthA: LAMBDA });
    expect(roi.expectedTwoThetaDeg).toBeCloseTo(tth(phase.lattice.aA, 3, 1, 1), 10);
  });

  it('an unknown phase or an unreachable reflection is refused, naming it', () => {
    const none = (): undefined => undefined;
    expect(() => roiFromReflection('bcc-Fe:110', none, { wavelengthA: LAMBDA })).toThrow("unknown phase 'bcc-Fe' in 'bcc-Fe:110'");
    // d(200) = 1.8 Å cannot diffract 5 Å radiation (λ > 2d)
    expect(() => roiFromReflection('fcc-FeNi:200', getPhase, { wavelengthA: 5, lattice: cubicLattice(3.6) })).toThrow(
      'fcc-FeNi:200: d = 1.8000 Å is out of reach at λ = 5 Å',
    );
  });
});

describe('strongestReflections and reflectionPositionsDeg (fcc, a = 3.6 Å)', () => {
  const fcc = getPhase('fcc-FeNi');
  const lattice = cubicLattice(3.6);
  const range = { wavelengthA: LAMBDA, twoThetaMinDeg: 5, twoThetaMaxDeg: 12, lattice };

  it('fcc metal: 111 strongest, then 200 (ICDD Ni 04-0850: 100, 42); labels phase hkl', () => {
    const s = strongestReflections(fcc, { ...range, count: 2 });
    expect(s.map((r) => r.label)).toEqual(['fcc-FeNi 111', 'fcc-FeNi 200']);
    expect(s[0].twoThetaDeg).toBeCloseTo(tth(3.6, 1, 1, 1), 10);
    expect(s[1].twoThetaDeg).toBeCloseTo(tth(3.6, 2, 0, 0), 10);
    // three by default
    expect(strongestReflections(fcc, range)).toHaveLength(3);
  });

  it('a reflection within 0.06° of another phase is skipped; farther is kept; the separation can be set', () => {
    const t111 = tth(3.6, 1, 1, 1);
    expect(strongestReflections(fcc, { ...range, count: 1, avoidDeg: [t111 + 0.05] })[0].label).toBe('fcc-FeNi 200');
    expect(strongestReflections(fcc, { ...range, count: 1, avoidDeg: [t111 - 0.07] })[0].label).toBe('fcc-FeNi 111');
    expect(strongestReflections(fcc, { ...range, count: 1, avoidDeg: [t111 - 0.07], minSeparationDeg: 0.1 })[0].label).toBe('fcc-FeNi 200');
  });

  it('by intensity, not by angle: magnetite\'s strongest is 311 (ICDD 19-0629: 100), after 111 and 220 in 2θ (after the seed-32 draw)', () => {
    const s = strongestReflections(getPhase('magnetite')!, { wavelengthA: LAMBDA, twoThetaMinDeg: 2, twoThetaMaxDeg: 12, count: 1 });
    expect(s.map((r) => r.label)).toEqual(['magnetite 311']);
  });

  it('only reflections inside the 2θ range', () => {
    // 5°…7.5° holds 111 (5.72°) and 200 (6.60°) only
    expect(strongestReflections(fcc, { ...range, twoThetaMaxDeg: 7.5, count: 5 }).map((r) => r.label)).toEqual(['fcc-FeNi 111', 'fcc-FeNi 200']);
  });

  it('every allowed reflection of every phase, ascending, each phase on its own cell', () => {
    const pos = reflectionPositionsDeg([fcc, fcc], { wavelengthA: LAMBDA, twoThetaMinDeg: 5, twoThetaMaxDeg: 10, lattices: { 'fcc-FeNi': lattice } });
    // fcc up to 10°: 111, 200, 220 (9.34°; 311 is at 10.96°), twice
    const one = [tth(3.6, 1, 1, 1), tth(3.6, 2, 0, 0), tth(3.6, 2, 2, 0)];
    expect(pos).toHaveLength(6);
    const want = [...one, ...one].sort((a, b) => a - b);
    pos.forEach((p, i) => expect(p).toBeCloseTo(want[i], 10));
    // without a lattice given, the phase's own
    const own = reflectionPositionsDeg([fcc], { wavelengthA: LAMBDA, twoThetaMinDeg: 5, twoThetaMaxDeg: 9 });
    expect(own[0]).toBeCloseTo(tth(fcc.lattice.aA, 1, 1, 1), 10);
  });
});
