/**
 * What the results of one frame say, for the results chart's tooltip and the line under it: time (s) and
 * temperature (°C, when known), every refined phase's weight fraction with its σ in wt % (100 × the Hill–Howard mass
 * fraction), lattice parameter a with its σ in Å, Rwp (%) and GoF. Every number carries its unit. Also the frame
 * nearest a time, so a click on a results chart picks the frame shown in the frame view.
 */
import type { XrdAnalysis } from '../../../../shared/xrd-results';
import { formatNumber } from '../../charts/style';
import { phaseLabel } from './style';

/** Index (into analysis.frames) of the frame whose time is nearest `timeS`; null without frames. */
export function nearestResultFrame(analysis: XrdAnalysis, timeS: number): number | null {
  let best: number | null = null;
  let bestD = Infinity;
  analysis.frames.forEach((f, i) => {
    const d = Math.abs(f.timeS - timeS);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

/** Index into analysis.frames of the sequence frame `frameIndex` (the analysis may cover part of the frames). */
export function resultIndexOfFrame(analysis: XrdAnalysis, frameIndex: number): number | null {
  const i = analysis.frames.findIndex((f) => f.index === frameIndex);
  return i < 0 ? null : i;
}

/** A value with its σ in the σ's precision: '43.1 ± 0.4'. */
export function withSigma(v: number, sigma: number | null | undefined): string {
  if (sigma === null || sigma === undefined || !Number.isFinite(sigma) || sigma <= 0) return formatNumber(v);
  // two significant digits of σ set the decimals of both (at most 6)
  const decimals = Math.min(6, Math.max(0, 1 - Math.floor(Math.log10(sigma))));
  return `${v.toFixed(decimals)} ± ${sigma.toFixed(decimals)}`;
}

export interface FrameResultRow {
  label: string;
  text: string;
}

/** The rows of one result frame (index into analysis.frames), each a label and its value with its unit. */
export function frameResultRows(analysis: XrdAnalysis, i: number): { head: string; rows: FrameResultRow[] } {
  const f = analysis.frames[i];
  if (!f) return { head: '', rows: [] };
  const t = typeof f.temperatureC === 'number' && Number.isFinite(f.temperatureC) ? ` · T = ${formatNumber(f.temperatureC)} °C` : '';
  const head = `frame ${f.index + 1} · t = ${formatNumber(f.timeS)} s (${formatNumber(f.timeS / 60)} min)${t}`;
  const rows: FrameResultRow[] = [];
  for (const p of analysis.phases.filter((q) => q.refined)) {
    const ph = f.phases[p.id];
    if (!ph) continue;
    const w = ph.dropped ? '0 wt % (out of the model)' : `${withSigma(100 * ph.weightFraction, 100 * ph.weightFractionSigma)} wt %`;
    const a = ph.dropped || !Number.isFinite(ph.aA) ? '' : ` · a = ${withSigma(ph.aA, ph.aSigmaA)} Å`;
    rows.push({ label: phaseLabel(p.id), text: `${w}${a}` });
  }
  if (f.rwp !== null || f.gof !== null) {
    rows.push({ label: 'fit', text: `Rwp ${f.rwp === null ? '–' : `${(100 * f.rwp).toFixed(2)} %`} · GoF ${f.gof === null ? '–' : f.gof.toFixed(2)}` });
  }
  return { head, rows };
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The tooltip of the results chart at frame i: the head in bold, then a row per phase and the fit quality. */
export function frameResultHtml(analysis: XrdAnalysis, i: number, colors: Record<string, string> = {}): string {
  const { head, rows } = frameResultRows(analysis, i);
  if (!head) return '';
  const key = (label: string) => (colors[label] ? `<span style="display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:4px;background:${colors[label]}"></span>` : '');
  return [`<b>${escapeHtml(head)}</b>`, ...rows.map((r) => `${key(r.label)}${escapeHtml(r.label)}: <b>${escapeHtml(r.text)}</b>`)].join('<br/>');
}

/** The same as one line of plain text (under the chart). */
export function frameResultText(analysis: XrdAnalysis, i: number): string {
  const { head, rows } = frameResultRows(analysis, i);
  return [head, ...rows.map((r) => `${r.label}: ${r.text}`)].join(' · ');
}
