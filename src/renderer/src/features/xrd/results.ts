/**
 * Results vs time: aligned panels sharing one time axis — weight fractions (lines with ±σ bands, or stacked
 * areas), lattice parameter a, one peak parameter (centre, FWHM or area) and Rwp — with the TGA α(t) of a chosen
 * run on a second y axis of the top panel, so phase changes and mass loss read together. Also the detection
 * summary ("bcc-Fe: not detected (limit …)").
 */
import type { EChartsOption, SeriesOption } from 'echarts';
import type { Series } from '../../../../shared/api';
import type { XrdAnalysis } from '../../../../shared/xrd-results';
import { baseOption, formatNumber, interaction, legend, legendLayout, valueAxis, type ChartView } from '../../charts/style';
import { phaseColor, phaseLabel, timeScale, timeTitle, XRD_TITLES, type TimeUnit } from './style';
import { frameResultHtml, nearestResultFrame } from './results-readout';

/** Series name of the frame-on-screen marker (one per panel; not in the legend). */
export const FRAME_MARKER = 'frame on screen';

export type ResultsPanel = 'weight' | 'lattice' | 'composition' | 'peak' | 'rwp';
export type PeakParameter = 'centre' | 'fwhm' | 'area';

/** α(t) of a TGA run, time since the reduction start (s), as AnalysisView.alpha gives it. */
export interface TgaOverlay {
  label: string;
  color: string;
  alpha: Series;
  /** Added to the TGA times to put them on the SXRD clock (s). Default 0: both count from the H2 switch. */
  shiftS?: number;
  /** Formulas of the run's recipe (Fe2O3, NiO…): match it to a sequence's phases. */
  precursors?: string[];
}

/**
 * The TGA run whose recipe matches the sequence's phases best: each precursor formula equal to a phase's id, name or
 * formula (NiO) counts +2, one contained in it (Ni in fcc-FeNi) +1, one missing −1; Fe2O3, which every sample starts
 * from, does not count; the first of equal scores wins. Null without runs.
 */
export function matchingTgaRun(runs: TgaOverlay[], phases: { id: string; name: string; formula?: string }[]): TgaOverlay | null {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const keys = phases.flatMap((p) => [p.id, p.name, p.formula ?? ''].map(norm)).filter(Boolean);
  // the oxide every sample starts from does not tell samples apart
  const telling = (f: string) => norm(f) !== 'fe2o3';
  let best: TgaOverlay | null = null;
  let bestScore = -Infinity;
  for (const r of runs) {
    const formulas = (r.precursors ?? []).filter(telling);
    const score = formulas.reduce((s, f) => s + (keys.some((k) => k === norm(f)) ? 2 : keys.some((k) => k.includes(norm(f))) ? 1 : -1), 0);
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}

export interface ResultsData {
  analysis: XrdAnalysis;
  panels: ResultsPanel[];
  timeUnit: TimeUnit;
  /** Weight fractions as stacked areas (no σ bands) instead of lines with ±σ bands. */
  stacked?: boolean;
  /** Phases whose a is plotted (default: every refined phase; phases with very different a are better alone). */
  latticePhases?: string[];
  /** Peak spec and parameter of the 'peak' panel (default the first peak, centre). */
  peak?: { spec: string; parameter: PeakParameter };
  tga?: TgaOverlay | null;
  /** Height of the chart in its units (pt in print, px on screen) for the panel layout. Default 280 pt / 560 px. */
  height?: number;
  /** The frame on screen (index into analysis.frames): a vertical marker in every panel on screen (not in print). */
  frameIndex?: number | null;
}

const PANEL_WEIGHT: Record<ResultsPanel, number> = { weight: 2, lattice: 1.2, composition: 1.2, peak: 1.2, rwp: 0.8 };

/** Frames that have a value, as [t, v] pairs (nulls and non-finite values dropped, which leaves gaps). */
function pts(times: number[], values: (number | null | undefined)[], scale: number): [number, number | null][] {
  return times.map((t, i) => {
    const v = values[i];
    return [t * scale, typeof v === 'number' && Number.isFinite(v) ? v : null];
  });
}

export function resultsOption(data: ResultsData, view: ChartView): EChartsOption {
  const print = view.medium === 'print';
  const a = data.analysis;
  const scale = timeScale(data.timeUnit);
  const times = a.frames.map((f) => f.timeS);
  const panels = data.panels.length ? data.panels : (['weight'] as ResultsPanel[]);
  const refined = a.phases.filter((p) => p.refined);
  const allIds = a.phases.map((p) => p.id);
  const legendNames: string[] = [];
  const series: SeriesOption[] = [];
  const grids: Record<string, unknown>[] = [];
  const xAxes: Record<string, unknown>[] = [];
  const yAxes: Record<string, unknown>[] = [];

  const names = [...refined.map((p) => phaseLabel(p.id)), ...(data.tga ? [`α, ${data.tga.label}`] : [])];
  const legendH = legendLayout(view, names).height;
  const top = legendH + (print ? 6 : 14);
  const bottom = print ? 24 : 64;
  const gap = print ? 6 : 14;
  const left = print ? 36 : 72;
  const right = data.tga && panels.includes('weight') ? (print ? 26 : 60) : print ? 8 : 24;
  const totalWeight = panels.reduce((s, p) => s + PANEL_WEIGHT[p], 0);
  // Grid boxes in % of the chart height (ECharts takes px or %): margins converted at the layout height.
  const H = data.height ?? (print ? 280 : 560);
  const pct = (v: number) => `${Math.round((10000 * v) / H) / 100}%`;
  const usable = H - top - bottom - gap * (panels.length - 1);
  let acc = 0;
  const tMax = times.length ? Math.max(...times) * scale : 1;

  panels.forEach((panel, k) => {
    const frac = PANEL_WEIGHT[panel] / totalWeight;
    const topPct = acc;
    acc += frac;
    const last = k === panels.length - 1;
    grids.push({
      left,
      right,
      top: pct(top + topPct * usable + k * gap),
      height: pct(frac * usable),
      show: print,
      borderColor: '#000',
      borderWidth: view.axisWidth,
    });
    const gi = grids.length - 1;
    xAxes.push(
      valueAxis(view, last ? timeTitle(data.timeUnit) : '', {
        gridIndex: gi,
        min: 0,
        max: tMax,
        nameGap: print ? 13 : 28,
        ...(last ? {} : { axisLabel: { show: false } }),
      }),
    );
    const xi = xAxes.length - 1;
    const yName = panel === 'weight' ? XRD_TITLES.weight : panel === 'lattice' ? XRD_TITLES.latticeA : panel === 'composition' ? XRD_TITLES.xNi : panel === 'rwp' ? XRD_TITLES.rwp : peakTitle(data.peak?.parameter ?? 'centre');
    // Stacked panels: a lower panel's top tick label would sit on the upper panel's bottom one, so it is left out.
    yAxes.push(
      valueAxis(view, yName, {
        gridIndex: gi,
        nameGap: print ? 24 : 54,
        splitNumber: 3,
        scale: panel !== 'weight',
        ...(panel === 'weight' ? { min: 0, max: 100, interval: 25 } : panel === 'composition' ? { min: 0, max: 1 } : {}),
        ...(k > 0 ? { axisLabel: { showMaxLabel: false } } : {}),
      }),
    );
    const yi = yAxes.length - 1;
    const marked = !print && data.frameIndex !== null && data.frameIndex !== undefined ? a.frames[data.frameIndex] : undefined;
    if (marked) {
      series.push({
        type: 'line',
        name: FRAME_MARKER,
        xAxisIndex: xi,
        yAxisIndex: yi,
        data: [],
        silent: true,
        tooltip: { show: false },
        markLine: { silent: true, symbol: 'none', animation: false, label: { show: false }, lineStyle: { color: '#d0312d', width: 1.5, type: 'solid' }, data: [{ xAxis: marked.timeS * scale }] },
        z: 5,
      } as SeriesOption);
    }

    if (panel === 'weight') {
      for (const p of refined) {
        const color = phaseColor(p.id, allIds);
        const w = a.frames.map((f) => (f.phases[p.id] ? 100 * f.phases[p.id].weightFraction : null));
        const s = a.frames.map((f) => (f.phases[p.id] ? 100 * f.phases[p.id].weightFractionSigma : null));
        legendNames.push(phaseLabel(p.id));
        if (data.stacked) continue;
        // ±σ band under the line (the line comes first: the legend takes its key from the first series of a name)
        const lo = w.map((v, i) => (v === null || s[i] === null ? null : Math.max(0, v - (s[i] as number))));
        const hi = w.map((v, i) => (v === null || s[i] === null ? null : Math.min(100, v + (s[i] as number))));
        series.push(lineSeries(phaseLabel(p.id), pts(times, w, scale), xi, yi, color, view));
        series.push(bandSeries(phaseLabel(p.id), times.map((t) => t * scale), lo, hi, color, 0.25, xi, yi));
      }
      if (data.stacked) {
        // stacked areas computed here (ECharts stacks on the x dimension when both axes are value axes)
        const cum = times.map(() => 0);
        for (const p of refined) {
          const color = phaseColor(p.id, allIds);
          const lo = cum.slice();
          a.frames.forEach((f, i) => (cum[i] += f.phases[p.id] ? 100 * f.phases[p.id].weightFraction : 0));
          series.push({ ...lineSeries(phaseLabel(p.id), pts(times, cum.slice(), scale), xi, yi, color, view), lineStyle: { width: view.lineWidth * 0.5, color: '#ffffff' } } as SeriesOption);
          series.push(bandSeries(phaseLabel(p.id), times.map((t) => t * scale), lo, cum.slice(), color, 0.85, xi, yi));
        }
      }
      if (data.tga) {
        const t = data.tga;
        const shift = t.shiftS ?? 0;
        const name = `α, ${t.label}`;
        legendNames.push(name);
        // 1.05 is headroom above α = 1, not a value to label: its label would crowd (on screen, overlap) the '1'
        yAxes.push(valueAxis(view, XRD_TITLES.alpha, { gridIndex: gi, position: 'right', min: 0, max: 1.05, interval: 0.5, nameGap: print ? 16 : 34, splitLine: { show: false }, axisLabel: { showMaxLabel: false } }));
        const data2: [number, number][] = [];
        const stride = Math.max(1, Math.floor(t.alpha.x.length / 2000));
        for (let i = 0; i < t.alpha.x.length; i += stride) {
          const ts = (t.alpha.x[i] + shift) * scale;
          if (ts >= 0 && ts <= tMax) data2.push([ts, t.alpha.y[i]]);
        }
        series.push({ type: 'line', name, xAxisIndex: xi, yAxisIndex: yAxes.length - 1, data: data2, showSymbol: false, symbol: 'none', lineStyle: { width: view.lineWidth, color: t.color, type: 'dashed' }, itemStyle: { color: t.color }, emphasis: { disabled: true }, z: 4 } as SeriesOption);
      }
    } else if (panel === 'lattice') {
      const ids = data.latticePhases ?? refined.map((p) => p.id);
      for (const id of ids) {
        const p = a.phases.find((q) => q.id === id);
        if (!p) continue;
        const color = phaseColor(id, allIds);
        const v = a.frames.map((f) => {
          const ph = f.phases[id];
          return ph && !ph.dropped ? ph.aA : null;
        });
        series.push(lineSeries(phaseLabel(id), pts(times, v, scale), xi, yi, color, view, true));
      }
    } else if (panel === 'composition') {
      // Vegard Ni fraction of every solid-solution phase from its refined cell, with its ±σ band
      for (const p of refined) {
        const x = a.frames.map((f) => {
          const ph = f.phases[p.id];
          return ph && !ph.dropped && typeof ph.xNi === 'number' ? ph.xNi : null;
        });
        if (x.every((v) => v === null)) continue;
        const s = a.frames.map((f) => f.phases[p.id]?.xNiSigma ?? null);
        const color = phaseColor(p.id, allIds);
        const lo = x.map((v, i) => (v === null || s[i] === null ? null : v - (s[i] as number)));
        const hi = x.map((v, i) => (v === null || s[i] === null ? null : v + (s[i] as number)));
        series.push(lineSeries(phaseLabel(p.id), pts(times, x, scale), xi, yi, color, view, true));
        series.push(bandSeries(phaseLabel(p.id), times.map((t) => t * scale), lo, hi, color, 0.25, xi, yi));
      }
    } else if (panel === 'peak') {
      const spec = data.peak?.spec ?? a.peaks[0]?.spec;
      const info = a.peaks.find((p) => p.spec === spec);
      if (info) {
        const param = data.peak?.parameter ?? 'centre';
        const v = a.frames.map((f) => {
          const pk = f.peaks[info.spec];
          if (!pk || !pk.present) return null;
          return param === 'centre' ? pk.centreDeg : param === 'fwhm' ? pk.fwhmDeg : pk.area;
        });
        series.push(lineSeries(info.label, pts(times, v, scale), xi, yi, phaseColor(info.phaseId, allIds), view, true));
      }
    } else {
      const rwp = a.frames.map((f) => (f.rwp === null ? null : 100 * f.rwp));
      const rexp = a.frames.map((f) => (f.rexp === null ? null : 100 * f.rexp));
      series.push(lineSeries('Rwp', pts(times, rwp, scale), xi, yi, '#000000', view, true));
      series.push({ ...lineSeries('Rexp', pts(times, rexp, scale), xi, yi, '#777777', view), lineStyle: { width: view.lineWidth, color: '#777777', type: 'dashed' } } as SeriesOption);
      legendNames.push('Rwp', 'Rexp');
    }
  });

  const inter = interaction(view, xAxes.map((_, i) => i)) as Record<string, unknown>;
  const colors = Object.fromEntries(refined.map((p) => [phaseLabel(p.id), phaseColor(p.id, allIds)]));
  return {
    ...baseOption(view),
    legend: legend(view, legendNames),
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    series,
    ...inter,
    // the tooltip reads the frame nearest the cursor: time, temperature, every phase's wt % ± σ and a, Rwp, GoF
    ...(inter.tooltip
      ? {
          tooltip: {
            ...(inter.tooltip as Record<string, unknown>),
            formatter: (params: unknown) => {
              const list = (Array.isArray(params) ? params : [params]) as { axisValue?: unknown; value?: unknown }[];
              const x = Number(list[0]?.axisValue ?? (Array.isArray(list[0]?.value) ? (list[0].value as number[])[0] : NaN));
              const i = Number.isFinite(x) ? nearestResultFrame(a, x / scale) : null;
              return i === null ? '' : frameResultHtml(a, i, colors);
            },
          },
        }
      : {}),
    axisPointer: print ? undefined : { link: [{ xAxisIndex: 'all' }] },
  } as EChartsOption;
}

/**
 * A filled band between lower and upper over t (gaps where either is null): a custom series of polygons, one per
 * run of finite frames, clipped to the grid.
 */
export function bandSeries(name: string, t: number[], lower: (number | null)[], upper: (number | null)[], color: string, opacity: number, xi: number, yi: number): SeriesOption {
  const runs: [number, number, number][][] = [];
  let cur: [number, number, number][] = [];
  for (let i = 0; i < t.length; i++) {
    const lo = lower[i];
    const hi = upper[i];
    if (lo === null || hi === null || !Number.isFinite(lo) || !Number.isFinite(hi)) {
      if (cur.length > 1) runs.push(cur);
      cur = [];
    } else cur.push([t[i], lo, hi]);
  }
  if (cur.length > 1) runs.push(cur);
  return {
    type: 'custom',
    name,
    xAxisIndex: xi,
    yAxisIndex: yi,
    data: runs.map((_, k) => k),
    clip: true,
    silent: true,
    tooltip: { show: false },
    z: 1,
    renderItem: (params: { dataIndex: number }, api: { coord: (v: [number, number]) => [number, number] }) => {
      const run = runs[params.dataIndex];
      const top = run.map(([x, , hi]) => api.coord([x, hi]));
      const bottom = run.map(([x, lo]) => api.coord([x, lo])).reverse();
      return { type: 'polygon', shape: { points: [...top, ...bottom] }, style: { fill: color, opacity } };
    },
  } as unknown as SeriesOption;
}

function peakTitle(p: PeakParameter): string {
  return p === 'centre' ? XRD_TITLES.centre : p === 'fwhm' ? XRD_TITLES.fwhm : XRD_TITLES.area;
}

function lineSeries(name: string, data: [number, number | null][], xi: number, yi: number, color: string, view: ChartView, symbols = false): SeriesOption {
  const print = view.medium === 'print';
  return {
    type: 'line',
    name,
    xAxisIndex: xi,
    yAxisIndex: yi,
    data,
    showSymbol: symbols,
    symbol: 'circle',
    symbolSize: print ? 2 : 4,
    connectNulls: false,
    lineStyle: { width: view.lineWidth, color },
    itemStyle: { color },
    emphasis: { disabled: true },
    z: 3,
  } as SeriesOption;
}

export interface DetectionRow {
  phaseId: string;
  name: string;
  color: string;
  detected: boolean;
  /** 'wüstite: detected from t = 150 s', 'bcc-Fe: not detected (limit 12.3 counts·°)'. */
  text: string;
}

/** One line per phase tested for presence, in the analysis' phase order. */
export function detectionSummary(analysis: XrdAnalysis, timeUnit: TimeUnit = 's'): DetectionRow[] {
  const ids = analysis.phases.map((p) => p.id);
  return analysis.phases
    .filter((p) => analysis.detection[p.id])
    .map((p) => {
      const d = analysis.detection[p.id];
      let text: string;
      if (d.detected && d.firstTimeS !== null) text = `detected from t = ${formatNumber(d.firstTimeS * timeScale(timeUnit))} ${timeUnit}`;
      else if (d.reflections.length > 0) text = `not detected (limit ${d.limit === null ? '–' : formatNumber(d.limit)} counts·°)`;
      else text = d.message;
      return { phaseId: p.id, name: phaseLabel(p.id), color: phaseColor(p.id, ids), detected: d.detected, text: `${phaseLabel(p.id)}: ${text}` };
    });
}
