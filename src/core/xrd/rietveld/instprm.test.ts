/** GSAS-II .instprm parsing and tube radiations (instprm.ts). */
import { describe, expect, it } from 'vitest';
import { missingShared, readSharedText } from '../../../../test/fixtures/shared-fixtures';
import { parseInstprm, tubeRadiation } from './instprm';

describe('parseInstprm', () => {
  it.skipIf(missingShared('xrd/nist-austenite-ferrite'))('reads the NIST Bruker D8 file (Kα doublet, polarisation 0.7) and converts the profile to FWHM terms', () => {
    const p = parseInstprm(readSharedText('xrd/nist-austenite-ferrite/BrukerD8_E211110.instprm'));
    expect(p.type).toBe('PXC');
    expect(p.radiation).toEqual({ wavelengthA: 1.5405, wavelength2A: 1.5443, ratio21: 0.5 });
    expect(p.polarisationK).toBe(0.7);
    expect(p.zeroShiftDeg).toBe(0);
    // Gaussian variance (centideg²) → FWHM² (deg²): × 8 ln2 / 10⁴; Lorentzian FWHM centideg → deg
    expect(p.profile.U).toBeCloseTo((8 * Math.LN2 * 9.415874063652902) / 1e4, 12);
    expect(p.profile.V).toBeCloseTo((8 * Math.LN2 * -12.57478502333727) / 1e4, 12);
    expect(p.profile.W).toBeCloseTo((8 * Math.LN2 * 22.75787728686985) / 1e4, 12);
    expect(p.profile.X).toBeCloseTo(0.006625974091166742, 12);
    expect(p.profile.Y).toBeCloseTo(0.02501062523941929, 12);
    // FWHM_G at 2θ = 44.7° from the file: √(8 ln2 (U tan²θ + V tanθ + W))/100
    const t = Math.tan((44.7 * Math.PI) / 360);
    const fwhmG = Math.sqrt(p.profile.U * t * t + p.profile.V * t + p.profile.W);
    expect(fwhmG).toBeCloseTo(Math.sqrt(8 * Math.LN2 * (9.415874063652902 * t * t - 12.57478502333727 * t + 22.75787728686985)) / 100, 12);
  });

  it('takes a single Lam, and refuses files without a wavelength or of time-of-flight type', () => {
    expect(parseInstprm('Type:PXC\nLam:0.4136\nU:1\nV:-1\nW:1\n').radiation).toEqual({ wavelengthA: 0.4136 });
    expect(() => parseInstprm('Type:PXC\nU:1\nV:1\nW:1\n')).toThrow(/no wavelength/);
    expect(() => parseInstprm('Type:PNT\nLam:1\nU:1\nV:1\nW:1\n')).toThrow(/constant-wavelength/);
    expect(() => parseInstprm('Type:PXC\nLam:1.54\nU:1\nW:1\n')).toThrow(/no V/);
  });
});

describe('tubeRadiation', () => {
  it('knows Cu Kα1/Kα2 (Hölzer 1997) and a monochromated Kα1', () => {
    expect(tubeRadiation('CuKa')).toEqual({ wavelengthA: 1.5405929, wavelength2A: 1.5444274, ratio21: 0.5 });
    expect(tubeRadiation('cu')).toEqual(tubeRadiation('CuKa'));
    expect(tubeRadiation('CuKα1')).toEqual({ wavelengthA: 1.5405929 });
    expect(tubeRadiation('MoKa').wavelengthA).toBeCloseTo(0.70932, 5);
    expect(() => tubeRadiation('XyKa')).toThrow(/unknown radiation 'XyKa'; known: CuKa/);
  });
});
