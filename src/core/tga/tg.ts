/**
 * TG and DTG as the vendors' software shows them: mass in % of the initial mass, TG(t) = 100·m(t)/m_initial, with
 * m_initial the mean of the first 5 finite points (the balance reading when the run starts, so TG starts at 100 %
 * whatever the stated sample mass; a file that gives % already is rescaled the same way), and DTG = dTG/dt in
 * %/min by the same Savitzky–Golay derivative (and window) as dα/dt.
 */
import { savitzkyGolayDerivative } from './derivative';

export interface Thermogravimetry {
  initialMass: number;
  tgPercent: Float64Array;
  dtgPercentPerMin: Float64Array;
}

/** Mean of the first `count` finite values (NaN when there are none). */
export function initialValue(values: Float64Array, count = 5): number {
  let s = 0;
  let k = 0;
  for (let i = 0; i < values.length && k < count; i++) {
    if (Number.isFinite(values[i])) {
      s += values[i];
      k++;
    }
  }
  return k === 0 ? NaN : s / k;
}

export function thermogravimetry(timeS: Float64Array, mass: Float64Array, options: { sgWindowS: number; sgPolynomial?: number }): Thermogravimetry {
  const initialMass = initialValue(mass);
  if (!(initialMass > 0)) throw new Error(`TG: the initial mass (${initialMass}) is not positive`);
  const tgPercent = new Float64Array(mass.length);
  const k = 100 / initialMass;
  for (let i = 0; i < mass.length; i++) tgPercent[i] = mass[i] * k;
  const d = savitzkyGolayDerivative(timeS, tgPercent, { windowS: options.sgWindowS, polynomial: options.sgPolynomial ?? 2 }).values;
  const dtgPercentPerMin = new Float64Array(d.length);
  for (let i = 0; i < d.length; i++) dtgPercentPerMin[i] = d[i] * 60;
  return { initialMass, tgPercent, dtgPercentPerMin };
}
