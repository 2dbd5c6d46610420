/**
 * GSAS-II instrument parameter files (.instprm: 'key:value' lines, '#' comments) for the Rietveld module:
 * radiation (Lam1/Lam2 and I(L2)/I(L1), or Lam), polarisation, zero and the instrument profile.
 *
 * GSAS-II's profile is a Gaussian variance σ² = U tan²θ + V tanθ + W in centideg² and a Lorentzian FWHM
 * γ = X/cosθ + Y tanθ in centideg (GSAS-II manual, "Instrument parameters"; Thompson, Cox & Hastings,
 * J. Appl. Cryst. 20 (1987) 79). This module's TCH profile takes FWHMs in degrees: FWHM_G² = 8 ln2 · σ², so
 * U_here = 8 ln2 · U_GSAS / 10⁴ (deg²), X_here = X_GSAS / 100 (deg).
 */
import type { ProfileParams, RietveldRadiation } from './types';

export interface InstrumentParameters {
  /** 'PXC' (constant-wavelength X-ray), 'PNC' (neutron), …: only constant-wavelength types are usable. */
  type: string;
  radiation: RietveldRadiation;
  /** GSAS-II 'Polariz.': the K of LP = (K + (1−K)·cos²2θ)/(sin²θ cosθ) (0.5 unpolarised). */
  polarisationK: number | null;
  /** Zero shift, degrees 2θ (GSAS-II 'Zero'). */
  zeroShiftDeg: number;
  /** The instrument profile in this module's units (FWHM terms: U, V, W deg²; X, Y deg; η unused by 'tch'). */
  profile: ProfileParams;
  /** Every numeric key as written. */
  raw: Record<string, number>;
}

/** Parse a GSAS-II .instprm text; throws when it has no wavelength or no U, V, W. */
export function parseInstprm(text: string): InstrumentParameters {
  const raw: Record<string, number> = {};
  let type = '';
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const i = t.indexOf(':');
    if (i <= 0) continue;
    const key = t.slice(0, i).trim();
    const value = t.slice(i + 1).trim();
    if (key === 'Type') type = value;
    const x = Number(value);
    if (value !== '' && Number.isFinite(x)) raw[key] = x;
  }
  if (type && !/^P.C/.test(type)) throw new Error(`instrument parameters of type '${type}': only constant-wavelength powder data (PXC, PNC) are supported`);
  const lam1 = raw.Lam1 ?? raw.Lam;
  if (!(lam1 > 0)) throw new Error('instrument parameters: no wavelength (Lam1 or Lam)');
  for (const k of ['U', 'V', 'W']) if (!Number.isFinite(raw[k])) throw new Error(`instrument parameters: no ${k}`);
  // Stryker disable next-line EqualityOperator: equivalent — Lam1 = 0 was refused above (no wavelength)
  const radiation: RietveldRadiation = raw.Lam2 > 0 && raw.Lam1 > 0
    ? { wavelengthA: raw.Lam1, wavelength2A: raw.Lam2, ratio21: raw['I(L2)/I(L1)'] ?? 0.5 }
    : { wavelengthA: lam1 };
  const k = (8 * Math.LN2) / 1e4;
  return {
    type,
    radiation,
    polarisationK: Number.isFinite(raw['Polariz.']) ? raw['Polariz.'] : null,
    zeroShiftDeg: raw.Zero ?? 0,
    profile: { U: k * raw.U, V: k * raw.V, W: k * raw.W, X: (raw.X ?? 0) / 100, Y: (raw.Y ?? 0) / 100, eta: 0 },
    raw,
  };
}

/**
 * Laboratory radiations by name: Kα1, Kα2 (Å) of Hölzer et al., Phys. Rev. A 56 (1997) 4554 (International
 * Tables C, 3rd ed., Table 4.2.2.1), I(Kα2)/I(Kα1) = 0.5. 'CuKa1' etc.: a monochromated Kα1 beam.
 */
export const TUBE_RADIATIONS: Record<string, RietveldRadiation> = {
  CuKa: { wavelengthA: 1.5405929, wavelength2A: 1.5444274, ratio21: 0.5 },
  CuKa1: { wavelengthA: 1.5405929 },
  CoKa: { wavelengthA: 1.7889961, wavelength2A: 1.7928351, ratio21: 0.5 },
  CoKa1: { wavelengthA: 1.7889961 },
  MoKa: { wavelengthA: 0.7093171, wavelength2A: 0.7136043, ratio21: 0.5 },
  MoKa1: { wavelengthA: 0.7093171 },
  CrKa: { wavelengthA: 2.289726, wavelength2A: 2.293651, ratio21: 0.5 },
  FeKa: { wavelengthA: 1.936041, wavelength2A: 1.939973, ratio21: 0.5 },
};

/** A tube radiation by name, case-insensitive ('CuKa', 'cuka1', 'Cu'); throws with the known names. */
export function tubeRadiation(name: string): RietveldRadiation {
  const key = name.trim().toLowerCase().replace(/α/g, 'a').replace(/-/g, '');
  const hit = Object.entries(TUBE_RADIATIONS).find(([k]) => k.toLowerCase() === key || k.toLowerCase() === `${key}ka`);
  if (!hit) throw new Error(`unknown radiation '${name}'; known: ${Object.keys(TUBE_RADIATIONS).join(', ')}`);
  return { ...hit[1] };
}
