/** The data behind each SXRD figure as CSV text (LF line ends, '.' decimals, empty cells for missing values). */
import { partialNote, xrdAnalysisToCsv } from '../../../../core/xrd/pipeline';
import type { XrdAnalysis } from '../../../../shared/xrd-results';
import type { FrameFit } from './frame';
import type { FrameCurve, HeatmapGrid } from '../../../../shared/xrd-display';
import { tCentreS, xCentre } from './heatmap';
import type { TickRow } from './reflections';
import type { XrdAxis } from './style';

const AXIS_COLUMN: Record<XrdAxis, string> = { '2th_deg': 'twoThetaDeg', 'q_A^-1': 'qPerA', d_A: 'dA' };

function num(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(10))) : '';
}

function cell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Heatmap as a matrix: first row the x bin centres, first column the time bin centres (s), cells the mean counts. */
export function heatmapCsv(grid: HeatmapGrid): string {
  const head = [`timeS\\${AXIS_COLUMN[grid.axis]}`];
  for (let xi = 0; xi < grid.xBins; xi++) head.push(num(xCentre(grid, xi)));
  const rows = [head.join(',')];
  for (let ti = 0; ti < grid.tBins; ti++) {
    const r = [num(tCentreS(grid, ti))];
    for (let xi = 0; xi < grid.xBins; xi++) {
      const c = ti * grid.xBins + xi;
      r.push(grid.count[c] > 0 ? num(grid.sum[c] / grid.count[c]) : '');
    }
    rows.push(r.join(','));
  }
  return rows.join('\n') + '\n';
}

/** Frames in long form: frame, timeS, file, x, intensity (counts). */
export function framesCsv(frames: FrameCurve[], axis: XrdAxis): string {
  const rows = [['frame', 'timeS', 'file', AXIS_COLUMN[axis], 'intensity'].join(',')];
  for (const f of frames) {
    const pre = `${f.index},${num(f.timeS)},${cell(f.fileName)},`;
    for (let k = 0; k < f.x.length; k++) rows.push(pre + num(f.x[k]) + ',' + num(f.intensity[k]));
  }
  return rows.join('\n') + '\n';
}

/** One frame: x and intensity, or 2θ, obs, calc, background, obs − calc when refined; then the reflection ticks. */
export function frameCsv(frame: FrameCurve, axis: XrdAxis, fit: FrameFit | null, ticks: TickRow[]): string {
  const rows: string[] = [];
  if (fit) {
    rows.push('twoThetaDeg,observed,calculated,background,difference');
    for (let k = 0; k < fit.twoThetaDeg.length; k++) {
      const b = fit.background ? num(fit.background[k]) : '';
      rows.push([num(fit.twoThetaDeg[k]), num(fit.observed[k]), num(fit.calculated[k]), b, num(fit.observed[k] - fit.calculated[k])].join(','));
    }
  } else {
    rows.push(`${AXIS_COLUMN[axis]},intensity`);
    for (let k = 0; k < frame.x.length; k++) rows.push(num(frame.x[k]) + ',' + num(frame.intensity[k]));
  }
  if (ticks.length > 0) {
    rows.push('', 'phase,h,k,l,twoThetaDeg,dA,relativeIntensity');
    for (const r of ticks) for (const t of r.ticks) rows.push([cell(r.phaseId), t.h, t.k, t.l, num(t.twoThetaDeg), num(t.dA), num(t.relativeIntensity)].join(','));
  }
  return rows.join('\n') + '\n';
}

export { partialNote };

/** Results vs time: the pipeline's own table (core/xrd/pipeline xrdAnalysisToCsv), marked partial when cancelled. */
export function resultsCsv(analysis: XrdAnalysis): string {
  return xrdAnalysisToCsv(analysis);
}
