/**
 * Conversions between the x axes of a powder pattern: 2θ (degrees), q (Å⁻¹ and nm⁻¹) and d-spacing (Å).
 *
 *   q = 4π sin θ / λ          (momentum transfer; θ = 2θ/2)
 *   d = λ / (2 sin θ) = 2π / q (Bragg's law, n = 1)
 *   q[nm⁻¹] = 10 · q[Å⁻¹]
 *
 * Array functions return new Float64Arrays and never mutate their inputs. Points that have no image (q > 4π/λ,
 * d < λ/2, 2θ = 0 for d) become NaN.
 */
import type { Pattern, XAxisUnit } from '../../shared/xrd';

const DEG = Math.PI / 180;

/** q (Å⁻¹) of one 2θ (deg). */
export function twoThetaDegToQPerA(twoThetaDeg: number, wavelengthA: number): number {
  return (4 * Math.PI * Math.sin((twoThetaDeg * DEG) / 2)) / wavelengthA;
}

/** 2θ (deg) of one q (Å⁻¹); NaN beyond the back-scattering limit q = 4π/λ. */
export function qPerAToTwoThetaDeg(qPerA: number, wavelengthA: number): number {
  const s = (qPerA * wavelengthA) / (4 * Math.PI);
  return Math.abs(s) <= 1 ? (2 * Math.asin(s)) / DEG : NaN;
}

/** d (Å) of one 2θ (deg); NaN at 2θ = 0. */
export function twoThetaDegToDA(twoThetaDeg: number, wavelengthA: number): number {
  const s = Math.sin((twoThetaDeg * DEG) / 2);
  return s > 0 ? wavelengthA / (2 * s) : NaN;
}

/** 2θ (deg) of one d (Å); NaN when d < λ/2 (no Bragg angle). */
export function dAToTwoThetaDeg(dA: number, wavelengthA: number): number {
  const s = wavelengthA / (2 * dA);
  return dA > 0 && s <= 1 ? (2 * Math.asin(s)) / DEG : NaN;
}

/** d = 2π/q (Å from Å⁻¹); NaN for q ≤ 0. */
export function qPerAToDA(qPerA: number): number {
  return qPerA > 0 ? (2 * Math.PI) / qPerA : NaN;
}

/** q = 2π/d (Å⁻¹ from Å); NaN for d ≤ 0. */
export function dAToQPerA(dA: number): number {
  return dA > 0 ? (2 * Math.PI) / dA : NaN;
}

function map(a: Float64Array, f: (v: number) => number): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = f(a[i]);
  return out;
}

/** Any supported axis → 2θ (deg). */
export function axisToTwoThetaDeg(x: Float64Array, unit: XAxisUnit, wavelengthA: number | null): Float64Array {
  if (unit === '2th_deg') return Float64Array.from(x);
  const lam = requireWavelength(wavelengthA, unit, '2th_deg');
  if (unit === 'q_A^-1') return map(x, (q) => qPerAToTwoThetaDeg(q, lam));
  if (unit === 'q_nm^-1') return map(x, (q) => qPerAToTwoThetaDeg(q / 10, lam));
  return map(x, (d) => dAToTwoThetaDeg(d, lam));
}

/** Any supported axis → q (Å⁻¹). A wavelength is needed only when converting from 2θ. */
export function axisToQPerA(x: Float64Array, unit: XAxisUnit, wavelengthA: number | null): Float64Array {
  if (unit === 'q_A^-1') return Float64Array.from(x);
  if (unit === 'q_nm^-1') return map(x, (q) => q / 10);
  if (unit === 'd_A') return map(x, dAToQPerA);
  const lam = requireWavelength(wavelengthA, unit, 'q_A^-1');
  return map(x, (t) => twoThetaDegToQPerA(t, lam));
}

/** Any supported axis → d (Å). A wavelength is needed only when converting from 2θ. */
export function axisToDA(x: Float64Array, unit: XAxisUnit, wavelengthA: number | null): Float64Array {
  if (unit === 'd_A') return Float64Array.from(x);
  if (unit === 'q_A^-1') return map(x, qPerAToDA);
  if (unit === 'q_nm^-1') return map(x, (q) => qPerAToDA(q / 10));
  const lam = requireWavelength(wavelengthA, unit, 'd_A');
  return map(x, (t) => twoThetaDegToDA(t, lam));
}

/** Convert an axis between any two units. */
export function convertAxis(x: Float64Array, from: XAxisUnit, to: XAxisUnit, wavelengthA: number | null): Float64Array {
  if (from === to) return Float64Array.from(x);
  if (to === '2th_deg') return axisToTwoThetaDeg(x, from, wavelengthA);
  if (to === 'q_A^-1') return axisToQPerA(x, from, wavelengthA);
  if (to === 'q_nm^-1') return map(axisToQPerA(x, from, wavelengthA), (q) => q * 10);
  return axisToDA(x, from, wavelengthA);
}

function requireWavelength(wavelengthA: number | null | undefined, from: XAxisUnit, to: XAxisUnit): number {
  if (wavelengthA === null || wavelengthA === undefined || !(wavelengthA > 0)) {
    throw new Error(`converting ${from} to ${to} needs the wavelength: the file does not state it, enter it (Å)`);
  }
  return wavelengthA;
}

/** The pattern's x as 2θ (deg). wavelengthA overrides the pattern's own wavelength. */
export function toTwoThetaDeg(pattern: Pattern, wavelengthA?: number): Float64Array {
  return axisToTwoThetaDeg(pattern.x, pattern.xUnit, wavelengthA ?? pattern.wavelengthA);
}

/** The pattern's x as q (Å⁻¹). */
export function toQPerA(pattern: Pattern, wavelengthA?: number): Float64Array {
  return axisToQPerA(pattern.x, pattern.xUnit, wavelengthA ?? pattern.wavelengthA);
}

/** The pattern's x as q (nm⁻¹). */
export function toQPerNm(pattern: Pattern, wavelengthA?: number): Float64Array {
  return convertAxis(pattern.x, pattern.xUnit, 'q_nm^-1', wavelengthA ?? pattern.wavelengthA);
}

/** The pattern's x as d (Å). */
export function toDA(pattern: Pattern, wavelengthA?: number): Float64Array {
  return axisToDA(pattern.x, pattern.xUnit, wavelengthA ?? pattern.wavelengthA);
}

/** A copy of the pattern with x in another unit (intensity and sigma shared, not copied). */
export function withAxis(pattern: Pattern, unit: XAxisUnit, wavelengthA?: number): Pattern {
  const lam = wavelengthA ?? pattern.wavelengthA;
  return { ...pattern, x: convertAxis(pattern.x, pattern.xUnit, unit, lam), xUnit: unit, wavelengthA: lam ?? null };
}
