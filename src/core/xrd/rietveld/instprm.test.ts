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

describe('parseInstprm: the file format line by line', () => {
  // A GSAS-II file as its "Save instrument parameters" writes it (CRLF, a comment header, keys with spaces around
  // the colon, text values), made by hand with round numbers so the conversions can be checked by eye.
  const file = [
    '#GSAS-II instrument parameter file; do not add/delete items!',
    'Type: PXC',
    '   #Zero: 0.5', // an old value, commented out with spaces before the #
    'Bank:1.0',
    'Lam1 : 1.5405',
    'Lam2:1.5443',
    'I(L2)/I(L1):0.48',
    'Zero:-0.012',
    'Polariz.:0.99',
    'Azimuth:0.0',
    'U:100.0',
    'V:-50.0',
    'W:25.0',
    'X:2.5',
    'Y:-4.0',
    'Z:0.0',
    'SH/L:0.002',
    '',
    '#Lam1:0.7',
    ':7',
    'no colon here',
    'Note:   ',
  ].join('\r\n');

  it('reads the doublet with its ratio, zero, polarisation; U, V, W × 8 ln2/10⁴ (deg²), X, Y / 100 (deg)', () => {
    const p = parseInstprm(file);
    expect(p.type).toBe('PXC');
    expect(p.radiation).toEqual({ wavelengthA: 1.5405, wavelength2A: 1.5443, ratio21: 0.48 });
    expect(p.zeroShiftDeg).toBe(-0.012);
    expect(p.polarisationK).toBe(0.99);
    const k = (8 * Math.LN2) / 1e4; // 5.5452·10⁻⁴
    expect(k).toBeCloseTo(5.5452e-4, 8);
    expect(p.profile).toEqual({ U: 100 * k, V: -50 * k, W: 25 * k, X: 0.025, Y: -0.04, eta: 0 });
    // only numeric keys, as written; comments, lines without a key, empty values and text values are left out
    expect(p.raw).toEqual({
      Bank: 1, Lam1: 1.5405, Lam2: 1.5443, 'I(L2)/I(L1)': 0.48, Zero: -0.012, 'Polariz.': 0.99, Azimuth: 0, U: 100, V: -50, W: 25, X: 2.5, Y: -4, Z: 0, 'SH/L': 0.002,
    });
  });

  it('defaults: no ratio → ½, no zero → 0, no polarisation → null (the caller decides), no X, Y → 0', () => {
    const p = parseInstprm('Lam1:0.5\nLam2:0.502\nU:1\nV:0\nW:4\n');
    expect(p.type).toBe('');
    expect(p.radiation).toEqual({ wavelengthA: 0.5, wavelength2A: 0.502, ratio21: 0.5 });
    expect(p.zeroShiftDeg).toBe(0);
    expect(p.polarisationK).toBeNull();
    expect(p.profile.X).toBe(0);
    expect(p.profile.Y).toBe(0);
  });

  it('Lam1 wins over Lam; Lam2 counts only beside a Lam1; a neutron constant-wavelength file is fine', () => {
    expect(parseInstprm('Lam1:0.7\nLam:0.9\nU:1\nV:0\nW:1').radiation).toEqual({ wavelengthA: 0.7 });
    expect(parseInstprm('Lam:0.9\nLam2:0.95\nU:1\nV:0\nW:1').radiation).toEqual({ wavelengthA: 0.9 });
    expect(parseInstprm('Lam1:0.7\nLam2:0\nU:1\nV:0\nW:1').radiation).toEqual({ wavelengthA: 0.7 });
    expect(parseInstprm('Type:PNC\nLam:1.54\nU:1\nV:0\nW:1').type).toBe('PNC');
  });

  it('refusals say what is missing or wrong', () => {
    expect(() => parseInstprm('Type:PNT\nLam:1\nU:1\nV:1\nW:1')).toThrow(
      "instrument parameters of type 'PNT': only constant-wavelength powder data (PXC, PNC) are supported",
    );
    expect(() => parseInstprm('Type:SXC\nLam:1\nU:1\nV:1\nW:1')).toThrow(/type 'SXC'/);
    // the type starts with P (powder) and has C (constant wavelength) third
    expect(() => parseInstprm('Type:SPXC\nLam:1\nU:1\nV:1\nW:1')).toThrow(/type 'SPXC'/);
    expect(() => parseInstprm('Lam:0\nU:1\nV:1\nW:1')).toThrow('instrument parameters: no wavelength (Lam1 or Lam)');
    expect(() => parseInstprm('Lam:-1.5\nU:1\nV:1\nW:1')).toThrow(/no wavelength/);
    expect(() => parseInstprm('Lam:1\nV:1\nW:1')).toThrow('instrument parameters: no U');
    expect(() => parseInstprm('Lam:1\nU:1\nV:1')).toThrow('instrument parameters: no W');
    expect(() => parseInstprm('Lam:1\nU:abc\nV:1\nW:1')).toThrow('instrument parameters: no U');
  });
});

describe('tubeRadiation: names and copies', () => {
  it('every tube by element or line, with or without hyphen and α; Kα2 = Kα1 + the Hölzer separation', () => {
    expect(tubeRadiation('Co')).toEqual({ wavelengthA: 1.7889961, wavelength2A: 1.7928351, ratio21: 0.5 });
    expect(tubeRadiation(' co-ka1 ')).toEqual({ wavelengthA: 1.7889961 });
    expect(tubeRadiation('Mo-Kα')).toEqual({ wavelengthA: 0.7093171, wavelength2A: 0.7136043, ratio21: 0.5 });
    expect(tubeRadiation('MOKA1')).toEqual({ wavelengthA: 0.7093171 });
    expect(tubeRadiation('Cr').wavelengthA).toBe(2.289726);
    expect(tubeRadiation('fe').wavelength2A).toBe(1.939973);
    expect(tubeRadiation('cuka1')).toEqual({ wavelengthA: 1.5405929 });
  });

  it('returns a copy: changing it does not change the table', () => {
    const r = tubeRadiation('Cu');
    r.wavelengthA = 9;
    expect(tubeRadiation('Cu').wavelengthA).toBe(1.5405929);
  });

  it('an unknown name lists every known one', () => {
    expect(() => tubeRadiation('Ag')).toThrow("unknown radiation 'Ag'; known: CuKa, CuKa1, CoKa, CoKa1, MoKa, MoKa1, CrKa, FeKa");
    expect(() => tubeRadiation('')).toThrow(/unknown radiation ''/);
  });
});
