/** A map result as a CSV table: one row per analysed point (position, pressure, each phase's fraction, cell, presence, peaks). */
import type { MapResult } from '../../shared/xrd-map';

function cell(v: number | string | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') return Number.isFinite(v) ? String(Number(v.toPrecision(10))) : '';
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function mapCsv(r: MapResult): string {
  const ids = r.phases.map((p) => p.id);
  const header = ['ix', 'iy', 'x_um', 'y_um', 'file', 'pressure_GPa', 'pressure_sigma_GPa', 'pressure_sigma_from_a_GPa', 'pressure_sigma_from_c_GPa', 'pressure_sigma_from_T_GPa', 'Rwp', 'GoF', 'flags'];
  for (const id of ids) header.push(`${id}_detected`, `${id}_weight_fraction`, `${id}_weight_fraction_sigma`, `${id}_a_A`, `${id}_a_sigma_A`, `${id}_c_A`, `${id}_c_sigma_A`, `${id}_ac_covariance_A2`, `${id}_V_A3`);
  for (const pk of r.peaks) header.push(`${pk}_sum`, `${pk}_area`, `${pk}_centroid_deg`, `${pk}_fwhm_deg`);
  const lines = [
    `# ${r.nx} x ${r.ny} map, step ${r.stepUm} um; lambda ${r.wavelengthA} A; zero shift ${r.plan.zeroShiftDeg} deg held${r.pressure ? `; pressure from ${r.pressure.phase} by ${r.pressure.scale} (${r.pressure.citation})` : ''}`,
    header.map(cell).join(','),
  ];
  for (const p of r.points) {
    if (!p) continue;
    const row: (number | string | boolean | null)[] = [p.ix, p.iy, p.xUm, p.yUm, p.fileName, p.pressureGPa, p.pressureSigmaGPa, p.pressureSigmaParts?.aGPa ?? null, p.pressureSigmaParts?.cGPa ?? null, p.pressureSigmaParts?.temperatureGPa ?? null, p.rwp, p.gof, p.flags.join(' ')];
    for (const id of ids) {
      const ph = p.phases[id];
      row.push(ph?.detected ?? null, ph?.weightFraction ?? null, ph?.weightFractionSigma ?? null, ph?.a ?? null, ph?.aSigma ?? null, ph?.c ?? null, ph?.cSigma ?? null, ph?.acCovarianceA2 ?? null, ph?.volumeA3 ?? null);
    }
    for (const pk of r.peaks) {
      const m = p.peaks[pk];
      row.push(m?.sum ?? null, m?.area ?? null, m?.centroidDeg ?? null, m?.fwhmDeg ?? null);
    }
    lines.push(row.map(cell).join(','));
  }
  return lines.join('\n') + '\n';
}
