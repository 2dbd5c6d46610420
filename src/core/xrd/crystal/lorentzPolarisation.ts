/**
 * Lorentz–polarisation factors for powder diffraction (International Tables Vol. C, §6.2.5 and §2.3).
 * Lorentz (powder, ring fraction included): L = 1/(sin²θ·cosθ), the same for Debye–Scherrer and Bragg–Brentano
 * (constant irradiated volume). Polarisation P is normalised to 1 at 2θ = 0, so LP is dimensionless × L.
 *
 * - Debye–Scherrer 'unpolarised' (default): P = (1 + cos²2θ)/2. pymatgen's XRDCalculator uses
 *   (1 + cos²2θ)/(sin²θ cosθ), i.e. 2× this LP — identical relative intensities.
 * - Debye–Scherrer 'none': P = 1, for data already divided by the polarisation factor (pyFAI
 *   'Polarization factor applied: True').
 * - Debye–Scherrer 'synchrotron': P = ½[1 + cos²2θ − p·cos2χ·sin²2θ] (pyFAI convention, p = polarisation
 *   factor, χ = azimuth from the horizontal polarisation plane); full-ring averages reduce to 'unpolarised'.
 * - Bragg–Brentano with a monochromator at 2θm: P = (1 + cos²2θm·cos²2θ)/(1 + cos²2θm); without, (1 + cos²2θ)/2.
 */
import type { Geometry } from './types';

const DEG = Math.PI / 180;

export const DEFAULT_GEOMETRY: Geometry = { kind: 'debye-scherrer', polarisation: 'unpolarised' };
export const DEFAULT_SYNCHROTRON_POLARISATION = 0.99;
export const DEFAULT_SYNCHROTRON_AZIMUTH_DEG = 90;

/** Polarisation factor P(2θ) for a geometry (1 at 2θ = 0). */
export function polarisationFactor(twoThetaDeg: number, geometry: Geometry = DEFAULT_GEOMETRY): number {
  const c2 = Math.cos(twoThetaDeg * DEG);
  const cos2 = c2 * c2;
  if (geometry.kind === 'bragg-brentano') {
    const m = geometry.monochromatorTwoThetaDeg ?? 0;
    if (!m) return (1 + cos2) / 2;
    const cm = Math.cos(m * DEG);
    return (1 + cm * cm * cos2) / (1 + cm * cm);
  }
  const model = geometry.polarisation ?? 'unpolarised';
  if (model === 'none') return 1;
  if (model === 'unpolarised') return (1 + cos2) / 2;
  const p = geometry.polarisationFraction ?? DEFAULT_SYNCHROTRON_POLARISATION;
  const chi = (geometry.azimuthDeg ?? DEFAULT_SYNCHROTRON_AZIMUTH_DEG) * DEG;
  return 0.5 * (1 + cos2 - p * Math.cos(2 * chi) * (1 - cos2));
}

/** Lorentz factor of a powder pattern, 1/(sin²θ cosθ). */
export function lorentzFactor(twoThetaDeg: number): number {
  const th = (twoThetaDeg * DEG) / 2;
  const s = Math.sin(th);
  return 1 / (s * s * Math.cos(th));
}

/** Lorentz–polarisation factor LP(2θ) for the geometry (see the module comment for the models). */
export function lorentzPolarisation(twoThetaDeg: number, geometry: Geometry = DEFAULT_GEOMETRY): number {
  return lorentzFactor(twoThetaDeg) * polarisationFactor(twoThetaDeg, geometry);
}
