/**
 * Blank (buoyancy) correction: an empty-crucible run with the same temperature and gas programme records the
 * apparent mass change from buoyancy, gas-switch steps and drift. It is aligned on programme time — time since an
 * anchor in each run: by default each run's first point; analyzeTga passes the two runs' switches to the reducing
 * gas when both files record one, so the buoyancy step at the switch cancels even when the exports start at
 * different moments — interpolated onto the sample's time axis, reduced to its change from its own initial mass
 * (mean of its first 5 points), and subtracted: m_corr(t) = m_raw(t) − (m_blank(t) − m_blank,0).
 */
import { interpolateLinear, meanRange } from './series';

export interface BlankCorrection {
  rawMg: Float64Array;
  /** The blank's apparent mass change on the sample's time axis (mg). */
  blankMg: Float64Array;
  correctedMg: Float64Array;
  warnings: string[];
}

export function subtractBlank(
  sampleTimeS: Float64Array,
  sampleMassMg: Float64Array,
  blankTimeS: Float64Array,
  blankMassMg: Float64Array,
  anchors?: { sampleS: number; blankS: number },
): BlankCorrection {
  const warnings: string[] = [];
  if (blankTimeS.length < 2) throw new Error('blank correction: the blank run has fewer than two points');
  const t0Sample = anchors ? anchors.sampleS : sampleTimeS[0];
  const t0Blank = anchors ? anchors.blankS : blankTimeS[0];
  const blankProgrammeS = new Float64Array(blankTimeS.length);
  for (let i = 0; i < blankTimeS.length; i++) blankProgrammeS[i] = blankTimeS[i] - t0Blank;
  const sampleProgrammeS = new Float64Array(sampleTimeS.length);
  for (let i = 0; i < sampleTimeS.length; i++) sampleProgrammeS[i] = sampleTimeS[i] - t0Sample;
  const { values, heldPoints } = interpolateLinear(blankProgrammeS, blankMassMg, sampleProgrammeS);
  const blankInitialMg = meanRange(blankMassMg, 0, 5);
  const correctedMg = new Float64Array(sampleMassMg.length);
  for (let i = 0; i < values.length; i++) {
    values[i] -= blankInitialMg;
    correctedMg[i] = sampleMassMg[i] - values[i];
  }
  if (heldPoints > 0) {
    warnings.push(`The blank does not cover ${heldPoints} sample point(s) (it is shorter, or starts later on the aligned time axis): its end values were held there.`);
  }
  return { rawMg: sampleMassMg, blankMg: values, correctedMg, warnings };
}
