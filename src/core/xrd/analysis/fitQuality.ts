/**
 * Fit quality of a refined sequence: frames whose GoF says the model does not describe the data, and the phases
 * present exactly then.
 */
import type { XrdFitQuality, XrdFrameResult } from '../../../shared/xrd-results';
import { settingRef } from '../../../shared/xrd-settings';

/** GoF above which a frame's fit is called poor (Rwp twice what counting noise explains). */
export const POOR_FIT_GOF = 2;

/**
 * Fit quality over the refined frames: frames with GoF = Rwp/Rexp > 2 are poor. Their weight fractions are
 * model-limited (a wrong or missing structure, a missing phase, a profile that cannot follow the peaks), whatever
 * their statistical σ says.
 */
export function assessFit(frames: XrdFrameResult[], refinedIds: string[]): XrdFitQuality {
  const poor = frames.filter((f) => f.gof !== null && f.gof > POOR_FIT_GOF);
  const gofs = frames.map((f) => f.gof).filter((g): g is number => g !== null && Number.isFinite(g));
  const rwps = frames.map((f) => f.rwp).filter((g): g is number => g !== null && Number.isFinite(g));
  const maxGof = gofs.length ? Math.max(...gofs) : null;
  const maxRwp = rwps.length ? Math.max(...rwps) : null;
  const phasesPresent = refinedIds
    .map((id) => ({ id, maxWeightFraction: Math.max(0, ...poor.map((f) => (f.phases[id] && !f.phases[id].dropped ? f.phases[id].weightFraction : 0))) }))
    .filter((p) => p.maxWeightFraction > 0)
    .sort((a, b) => b.maxWeightFraction - a.maxWeightFraction);
  // suspects: phases in the model in every poor frame and weaker in every good frame than in any poor one — the fit
  // is poor exactly while they are there (a structure that does not match the sample, typically)
  const good = frames.filter((f) => f.gof !== null && !(f.gof > POOR_FIT_GOF));
  const wf = (f: XrdFrameResult, id: string): number => (f.phases[id] && !f.phases[id].dropped ? f.phases[id].weightFraction : 0);
  const suspects = poor.length && good.length
    ? refinedIds.filter((id) => {
      const minPoor = Math.min(...poor.map((f) => wf(f, id)));
      return minPoor > 0 && good.every((f) => wf(f, id) < minPoor);
    })
    : [];
  const pct = (x: number): string => (100 * x).toFixed(1);
  let message: string;
  if (poor.length === 0) message = `fit good: GoF ≤ ${POOR_FIT_GOF} in every frame (max GoF ${maxGof?.toFixed(2) ?? '–'}, max Rwp ${maxRwp === null ? '–' : pct(maxRwp)} %)`;
  else {
    const worst = poor.reduce((a, b) => ((a.gof ?? 0) >= (b.gof ?? 0) ? a : b));
    message = `POOR FIT in ${poor.length} of ${frames.length} frames (t = ${poor[0].timeS}–${poor[poor.length - 1].timeS} s): GoF up to ${(worst.gof ?? NaN).toFixed(1)}, `
      + `Rwp up to ${pct(Math.max(...poor.map((f) => f.rwp ?? 0)))} % (at t = ${worst.timeS} s)`
      + (suspects.length
        ? `, exactly while ${suspects.join(', ')} ${suspects.length === 1 ? 'is' : 'are'} present (${suspects.length === 1 ? 'its structure model' : 'their structure models'} may not match the sample, or a phase present at the same time is missing from the list)`
        : ` while ${phasesPresent.map((p) => `${p.id} (≤ ${pct(p.maxWeightFraction)} wt%)`).join(', ') || 'the refined phases'} ${phasesPresent.length === 1 ? 'is' : 'are'} in the model`)
      + '. The weight fractions of those frames are not reliable beyond their σ: check that every phase present is listed '
      + `and that each structure matches the sample (a structure of your own: ${settingRef('cif')}), and the instrument (${settingRef('profile')}); `
      + 'preferred orientation (texture, e.g. rolled steel) is not modelled and also fits poorly';
  }
  return {
    poorFrames: poor.length, gofThreshold: POOR_FIT_GOF, maxGof, maxRwp,
    poorFromS: poor.length ? poor[0].timeS : null, poorToS: poor.length ? poor[poor.length - 1].timeS : null, phasesPresent, suspects, message,
  };
}
