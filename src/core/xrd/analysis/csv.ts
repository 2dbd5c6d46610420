/** The sequence analysis as a CSV table, one row per frame. */
import type { XrdAnalysis } from '../../../shared/xrd-results';

function csvCell(v: number | string | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') return Number.isFinite(v) ? String(Number(v.toPrecision(10))) : '';
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * One row per frame: index, timeS, file, rwp, rexp, chi2, gof (fractions / dimensionless), zeroShiftDeg (and
 * displacementDeg when refined); per refined phase its weight fraction (0…1), σ, dropped (1/0), a (Å), σ(a) (and
 * xNi, σ for fcc-FeNi); per peak present, centre and FWHM (°), area and its σ and the detection limit (counts·°),
 * a (Å), xNi; per tested phase its present flag. Units in the column names. Empty cells where a value does not
 * exist. LF line ends.
 */
export function xrdAnalysisToCsv(result: XrdAnalysis): string {
  const refined = result.phases.filter((p) => p.refined);
  const vegard = new Set(refined.filter((p) => p.vegard).map((p) => p.id));
  const detected = result.phases.filter((p) => p.detected);
  const displacement = result.frames.some((f) => f.displacementDeg !== undefined);
  const header = ['index', 'timeS', 'file', 'rwp', 'rexp', 'chi2', 'gof', 'zeroShiftDeg'];
  if (displacement) header.push('displacementDeg');
  for (const p of refined) {
    header.push(`${p.id}_weightFraction`, `${p.id}_weightFractionSigma`, `${p.id}_dropped`, `${p.id}_aA`, `${p.id}_aSigmaA`);
    if (vegard.has(p.id)) header.push(`${p.id}_xNi`, `${p.id}_xNiSigma`);
  }
  for (const k of result.peaks) {
    const s = k.spec;
    header.push(
      `${s}_present`, `${s}_centreDeg`, `${s}_centreSigmaDeg`, `${s}_fwhmDeg`, `${s}_fwhmSigmaDeg`, `${s}_areaCountsDeg`, `${s}_areaSigmaCountsDeg`,
      `${s}_limitCountsDeg`, `${s}_aA`, `${s}_aSigmaA`,
    );
    if (k.phaseId.toLowerCase() === 'fcc-feni') header.push(`${s}_xNi`, `${s}_xNiSigma`);
  }
  for (const p of detected) header.push(`${p.id}_present`);
  const rows = [header.map(csvCell).join(',')];
  for (const fr of result.frames) {
    const row: (number | string | boolean | null | undefined)[] = [fr.index, fr.timeS, fr.label ? `${fr.fileName} ${fr.label}` : fr.fileName, fr.rwp, fr.rexp, fr.chi2, fr.gof, fr.zeroShiftDeg];
    if (displacement) row.push(fr.displacementDeg);
    for (const p of refined) {
      const ph = fr.phases[p.id];
      row.push(ph?.weightFraction, ph?.weightFractionSigma, ph?.dropped, ph?.aA, ph?.aSigmaA);
      if (vegard.has(p.id)) row.push(ph?.xNi, ph?.xNiSigma);
    }
    for (const k of result.peaks) {
      const pk = fr.peaks[k.spec];
      row.push(pk?.present, pk?.centreDeg, pk?.centreSigmaDeg, pk?.fwhmDeg, pk?.fwhmSigmaDeg, pk?.area, pk?.areaSigma, pk?.limit, pk?.aA, pk?.aSigmaA);
      if (k.phaseId.toLowerCase() === 'fcc-feni') row.push(pk?.xNi, pk?.xNiSigma);
    }
    for (const p of detected) row.push(fr.presence[p.id]?.present);
    rows.push(row.map(csvCell).join(','));
  }
  return rows.join('\n') + '\n';
}
