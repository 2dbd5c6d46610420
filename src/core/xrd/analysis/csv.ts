/** The sequence analysis as a CSV table, one row per frame. */
import { bSourceLabel, type XrdAnalysis, type XrdPhaseFrame } from '../../../shared/xrd-results';

function csvCell(v: number | string | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') return Number.isFinite(v) ? String(Number(v.toPrecision(10))) : '';
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** CSV column suffix and unit of the other free cell parameters. */
const LATTICE_COLUMNS: Record<string, { value: string; key: 'bA' | 'cA' | 'alphaDeg' | 'betaDeg' | 'gammaDeg' }> = {
  b: { value: 'bA', key: 'bA' },
  c: { value: 'cA', key: 'cA' },
  alpha: { value: 'alphaDeg', key: 'alphaDeg' },
  beta: { value: 'betaDeg', key: 'betaDeg' },
  gamma: { value: 'gammaDeg', key: 'gammaDeg' },
};

/**
 * One row per frame: index, timeS, file, temperatureC (when the sequence gives one), rwp, rexp, chi2, gof
 * (fractions / dimensionless), zeroShiftDeg and its σ (and displacementDeg, σ when refined); per refined phase its
 * weight fraction (0…1), σ, dropped (1/0), a (Å) and σ(a), the other refined cell parameters with their σ, xNi with
 * its statistical and systematic σ (fcc-FeNi), B (Å², mean over the phase's atoms) with σ and whether it was refined,
 * crystallite size (nm) and microstrain with their σ, and the refined profile terms (η, U, W, …) with their σ; per
 * peak present, centre and FWHM (°), area and its σ and the detection limit (counts·°), a (Å), xNi; per tested phase
 * its present flag. Units in the column names. Empty cells where a value does not exist. LF line ends.
 */
/**
 * 'partial: N of M frames' when the analysis was cancelled (M unknown in results made before frameTotal existed),
 * null when it covers the whole sequence: the results view and the CSV say it in these words.
 */
export function partialNote(result: Pick<XrdAnalysis, 'cancelled' | 'frames' | 'frameTotal'>): string | null {
  if (!result.cancelled) return null;
  return `partial: ${result.frames.length} of ${result.frameTotal ?? '?'} frames`;
}

/** A cancelled analysis's CSV opens with the comment line '# partial: N of M frames (the analysis was cancelled)'. */
export function xrdAnalysisToCsv(result: XrdAnalysis): string {
  const refined = result.phases.filter((p) => p.refined);
  const vegard = new Set(refined.filter((p) => p.vegard).map((p) => p.id));
  const detected = result.phases.filter((p) => p.detected);
  const displacement = result.frames.some((f) => f.displacementDeg !== undefined);
  const temperature = result.frames.some((f) => f.temperatureC !== undefined && f.temperatureC !== null);
  // per phase, what any frame reports: other cell parameters, B, size, strain, profile terms
  const any = (id: string, pick: (ph: XrdPhaseFrame) => unknown): boolean => result.frames.some((f) => f.phases[id] && pick(f.phases[id]) !== undefined);
  const extra = new Map(refined.map((p) => {
    const lattice = Object.keys(LATTICE_COLUMNS).filter((k) => result.frames.some((f) => f.phases[p.id]?.latticeSigma?.[k] !== undefined));
    const terms = [...new Set(result.frames.flatMap((f) => Object.keys(f.phases[p.id]?.profile ?? {})))];
    return [p.id, { lattice, b: any(p.id, (ph) => ph.bIsoA2), size: any(p.id, (ph) => ph.sizeNm), strain: any(p.id, (ph) => ph.microstrain), terms }];
  }));
  const header = ['index', 'timeS', 'file'];
  if (temperature) header.push('temperatureC');
  header.push('rwp', 'rexp', 'chi2', 'gof', 'zeroShiftDeg', 'zeroShiftSigmaDeg');
  if (displacement) header.push('displacementDeg', 'displacementSigmaDeg');
  for (const p of refined) {
    const e = extra.get(p.id)!;
    header.push(`${p.id}_weightFraction`, `${p.id}_weightFractionSigma`, `${p.id}_dropped`, `${p.id}_aA`, `${p.id}_aSigmaA`);
    for (const k of e.lattice) header.push(`${p.id}_${LATTICE_COLUMNS[k].value}`, `${p.id}_${k}Sigma${LATTICE_COLUMNS[k].value.replace(/^[a-z]+/, '')}`);
    if (vegard.has(p.id)) header.push(`${p.id}_xNi`, `${p.id}_xNiSigma`, `${p.id}_xNiSystematicSigma`);
    if (e.b) header.push(`${p.id}_bIsoA2`, `${p.id}_bIsoSigmaA2`, `${p.id}_bRefined`, `${p.id}_bSource`);
    if (e.size) header.push(`${p.id}_sizeNm`, `${p.id}_sizeSigmaNm`);
    if (e.strain) header.push(`${p.id}_microstrain`, `${p.id}_microstrainSigma`);
    for (const t of e.terms) header.push(`${p.id}_${t}`, `${p.id}_${t}Sigma`);
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
  const partial = partialNote(result);
  const rows = [...(partial ? [`# ${partial} (the analysis was cancelled)`] : []), header.map(csvCell).join(',')];
  for (const fr of result.frames) {
    const row: (number | string | boolean | null | undefined)[] = [fr.index, fr.timeS, fr.label ? `${fr.fileName} ${fr.label}` : fr.fileName];
    if (temperature) row.push(fr.temperatureC);
    row.push(fr.rwp, fr.rexp, fr.chi2, fr.gof, fr.zeroShiftDeg, fr.zeroShiftSigmaDeg);
    if (displacement) row.push(fr.displacementDeg, fr.displacementSigmaDeg);
    for (const p of refined) {
      const e = extra.get(p.id)!;
      const ph = fr.phases[p.id];
      row.push(ph?.weightFraction, ph?.weightFractionSigma, ph?.dropped, ph?.aA, ph?.aSigmaA);
      for (const k of e.lattice) row.push(ph?.lattice[LATTICE_COLUMNS[k].key], ph?.latticeSigma?.[k]);
      if (vegard.has(p.id)) row.push(ph?.xNi, ph?.xNiSigma, ph?.xNiSystematicSigma);
      if (e.b) row.push(ph?.bIsoA2, ph?.bIsoSigmaA2, ph?.bRefined, ph && ph.bIsoA2 !== undefined ? bSourceLabel(ph) : undefined);
      if (e.size) row.push(ph?.sizeNm, ph?.sizeSigmaNm);
      if (e.strain) row.push(ph?.microstrain, ph?.microstrainSigma);
      for (const t of e.terms) row.push(ph?.profile?.[t]?.value, ph?.profile?.[t]?.sigma);
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
