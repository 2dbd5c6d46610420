/** The radiography result as a CSV table: one row per frame (time, temperature, every region's mean and I/I₀). */
import type { RadiographyResult, RegionSeries } from '../../shared/radiography';

function cell(v: number | string | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(Number(v.toPrecision(10))) : '';
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function radiographyCsv(r: RadiographyResult): string {
  const regions: RegionSeries[] = [r.frame, ...r.rois, ...(r.grid?.cells ?? []), ...r.groups];
  const header = ['frame', 'time_s', 'temperature_K', ...regions.map((s) => `${s.name}_mean`), ...regions.map((s) => `${s.name}_I_over_I0`)];
  const lines = [
    `# ${r.stack.name}: ${r.stack.width}x${r.stack.height} ${r.stack.pixelType}; times: ${r.stack.timeNote}; flat field: ${r.flatField}`,
    `# a pixel belongs to a region when its centre is inside; I0 = mean of the first frame(s)`,
    header.map(cell).join(','),
  ];
  for (let i = 0; i < r.framesDone; i++) {
    lines.push([i, r.timesS[i], r.temperatureK ? r.temperatureK[i] : null, ...regions.map((s) => s.mean[i]), ...regions.map((s) => s.normalised[i])].map(cell).join(','));
  }
  return lines.join('\n') + '\n';
}
