/**
 * "Export what is on screen": the view state of an on-screen chart (its zoom on each axis and the series hidden from
 * the legend) read from the live ECharts instance, and applied to the print option of the same plot. One path for
 * every plot of every workspace: a chart registers itself under its test id (charts/useChart), and the export bar
 * that names the chart applies that chart's state to the figure it exports.
 */
import type { EChartsOption } from 'echarts';

export interface ZoomState {
  xAxisIndex: number[];
  yAxisIndex: number[];
  startValue: number;
  endValue: number;
  filterMode: string;
}

export interface ScreenState {
  /** Zoomed ranges (dataZoom components that do not show everything). */
  zoom: ZoomState[];
  /** Series names switched off in the legend. */
  hidden: string[];
}

export const EMPTY_SCREEN: ScreenState = { zoom: [], hidden: [] };

type Loose = Record<string, unknown>;
const list = (v: unknown): Loose[] => (Array.isArray(v) ? v : v ? [v] : []) as Loose[];
const indices = (v: unknown): number[] => (Array.isArray(v) ? (v as number[]) : typeof v === 'number' ? [v] : []);

/** The view state from a chart's current option (ECharts' getOption(): dataZoom with start/end in % and values). */
export function screenStateFromOption(current: Loose): ScreenState {
  const zoom: ZoomState[] = [];
  const seen = new Set<string>();
  for (const z of list(current.dataZoom)) {
    const start = Number(z.start ?? 0);
    const end = Number(z.end ?? 100);
    if (!(start > 1e-6 || end < 100 - 1e-6)) continue;
    const sv = Number(z.startValue);
    const ev = Number(z.endValue);
    if (!Number.isFinite(sv) || !Number.isFinite(ev)) continue;
    const x = indices(z.xAxisIndex);
    const y = indices(z.yAxisIndex);
    // an inside zoom and its slider share the axes: one entry
    const key = JSON.stringify([x, y]);
    if (seen.has(key)) continue;
    seen.add(key);
    zoom.push({ xAxisIndex: x, yAxisIndex: y, startValue: sv, endValue: ev, filterMode: String(z.filterMode ?? 'filter') });
  }
  const hidden = new Set<string>();
  for (const l of list(current.legend)) {
    const selected = (l.selected ?? {}) as Record<string, boolean>;
    for (const [name, on] of Object.entries(selected)) if (on === false) hidden.add(name);
  }
  return { zoom, hidden: [...hidden] };
}

/**
 * The print option showing what the screen shows: hidden series left out (with their legend entries), each zoomed
 * axis at its on-screen range through a disabled inside zoom (which also rescales the other axis to the visible data
 * where the screen does, filterMode 'filter').
 */
export function applyScreenState(option: EChartsOption, state: ScreenState): EChartsOption {
  if (state.zoom.length === 0 && state.hidden.length === 0) return option;
  const hidden = new Set(state.hidden);
  const out: Loose = { ...(option as Loose) };
  if (hidden.size > 0) {
    out.series = list(option.series).filter((s) => !hidden.has(String(s.name ?? '')));
    out.legend = list(option.legend).map((l) => ({
      ...l,
      data: Array.isArray(l.data) ? (l.data as (string | Loose)[]).filter((d) => !hidden.has(typeof d === 'string' ? d : String(d.name))) : l.data,
    }));
  }
  if (state.zoom.length > 0) {
    const xCount = list(option.xAxis).length;
    const yCount = list(option.yAxis).length;
    out.dataZoom = state.zoom
      .map((z) => ({ ...z, xAxisIndex: z.xAxisIndex.filter((i) => i < xCount), yAxisIndex: z.yAxisIndex.filter((i) => i < yCount) }))
      .filter((z) => z.xAxisIndex.length + z.yAxisIndex.length > 0)
      .map((z) => ({
        type: 'inside',
        disabled: true,
        ...(z.xAxisIndex.length ? { xAxisIndex: z.xAxisIndex } : {}),
        ...(z.yAxisIndex.length ? { yAxisIndex: z.yAxisIndex } : {}),
        startValue: z.startValue,
        endValue: z.endValue,
        filterMode: z.filterMode,
      }));
  }
  return out as EChartsOption;
}

// ---- the registry of on-screen charts -------------------------------------------------------------------------

interface Readable {
  getOption(): unknown;
}
const charts = new Map<string, Readable>();

export function registerChart(id: string, chart: Readable): () => void {
  charts.set(id, chart);
  return () => {
    if (charts.get(id) === chart) charts.delete(id);
  };
}

/** The view state of the chart on screen under `id` (nothing zoomed or hidden when there is none). */
export function screenState(id: string | undefined): ScreenState {
  const chart = id ? charts.get(id) : undefined;
  return chart ? screenStateFromOption(chart.getOption() as Loose) : EMPTY_SCREEN;
}
