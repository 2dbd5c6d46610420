/**
 * The one hook that owns an ECharts instance: init on mount, setOption on change, resize with its box, dispose.
 * A new option is taken in a task of its own after the commit and drawn in the next frame (lazyUpdate), so a view
 * with several charts never blocks the page for the sum of their work.
 * With `onWindow` the chart also reports what the user does to the view (see charts/window.ts):
 * - wheel / drag: zoom / pan time (ECharts' inside zoom and the slider), reported as the x range;
 * - Shift + wheel / Shift + drag over a panel: zoom / pan that panel's y axes about the cursor;
 * - double-click: reset everything.
 * The parent rebuilds the option from the new window; changes the chart reported itself are merged into the
 * running chart at once (so a drag in progress continues), anything else replaces the option.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import { registerChart } from '../export/screen';
import { panRange, zoomRange, type Range } from './window';

export type WindowChange = { x?: Range | null; y?: Record<string, Range> } | 'reset';

export interface ChartEvents {
  onLegendChange?: (selected: Record<string, boolean>) => void;
  onWindow?: (change: WindowChange) => void;
  /** The cursor over a plot area: its grid and the data coordinates there; null when it leaves every grid. */
  onPointer?: (at: { grid: number; x: number; y: number } | null) => void;
  /** A click on a plot area: its grid and the data coordinates there. */
  onClickAt?: (at: { grid: number; x: number; y: number }) => void;
  /** Registers the chart under this id, so that its figure export can show what the screen shows (export/screen). */
  registryId?: string;
}

interface AxisInfo {
  index: number;
  id: string;
  grid: number;
  range: Range;
}

/** y axes with an id and an explicit numeric range, by grid (what Shift + wheel / drag can act on). */
export function yAxesOf(option: EChartsOption): AxisInfo[] {
  const raw = option.yAxis;
  const list = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Record<string, unknown>[];
  const out: AxisInfo[] = [];
  list.forEach((a, index) => {
    if (typeof a.id === 'string' && typeof a.min === 'number' && typeof a.max === 'number') {
      out.push({ index, id: a.id, grid: typeof a.gridIndex === 'number' ? a.gridIndex : 0, range: [a.min, a.max] });
    }
  });
  return out;
}

/** A key that changes when series, axes or grids are added or removed (then the option is replaced, not merged). */
export function structureKey(option: EChartsOption): string {
  const arr = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v : v ? [v] : []) as Record<string, unknown>[];
  return JSON.stringify([
    arr(option.series).map((s) => [s.type, s.name, s.xAxisIndex, s.yAxisIndex]),
    arr(option.xAxis).map((a) => a.id ?? ''),
    arr(option.yAxis).map((a) => a.id ?? ''),
    arr(option.grid).length,
  ]);
}

const gridCount = (option: EChartsOption): number => (Array.isArray(option.grid) ? option.grid.length : option.grid ? 1 : 0);

export function useChart(option: EChartsOption, events: ChartEvents = {}): React.RefObject<HTMLDivElement | null> {
  const ref = useRef<HTMLDivElement | null>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const eventsRef = useRef(events);
  const optionRef = useRef(option);
  const applied = useRef<{ key: string } | null>(null);
  const ownChange = useRef(false);

  useEffect(() => {
    eventsRef.current = events;
  }, [events]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, null, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('legendselectchanged', (event) => {
      eventsRef.current.onLegendChange?.((event as { selected: Record<string, boolean> }).selected);
    });

    // x zoom and pan (ECharts' own inside zoom and slider), coalesced to one report per frame.
    let frame = 0;
    chart.on('datazoom', () => {
      if (!eventsRef.current.onWindow || frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const zoom = (chart.getOption().dataZoom as { start?: number; end?: number; startValue?: number; endValue?: number }[] | undefined)?.[0];
        if (!zoom) return;
        const full = (zoom.start ?? 0) <= 1e-6 && (zoom.end ?? 100) >= 100 - 1e-6;
        ownChange.current = true;
        eventsRef.current.onWindow?.({ x: full || zoom.startValue === undefined || zoom.endValue === undefined ? null : [zoom.startValue, zoom.endValue] });
      });
    });
    // data coordinates on the grid's first value axes (a heatmap's grids start with hidden category axes of bins)
    const along = (key: 'xAxisIndex' | 'yAxisIndex', index: number, pixel: number): number => {
      const v = chart.convertFromPixel({ [key]: index }, pixel) as unknown;
      return Array.isArray(v) ? Number(v[key === 'xAxisIndex' ? 0 : 1]) : Number(v);
    };
    const valueAxisOf = (axes: unknown, g: number): number => {
      const list = (Array.isArray(axes) ? axes : axes ? [axes] : []) as Record<string, unknown>[];
      return list.findIndex((a) => (typeof a.gridIndex === 'number' ? a.gridIndex : 0) === g && a.type !== 'category');
    };
    const dataAt = (px: number, py: number): { grid: number; x: number; y: number } | null => {
      const p: [number, number] = [px, py];
      const opt = optionRef.current;
      for (let g = gridCount(opt) - 1; g >= 0; g--) {
        if (!chart.containPixel({ gridIndex: g }, p)) continue;
        const xi = valueAxisOf(opt.xAxis, g);
        const yi = valueAxisOf(opt.yAxis, g);
        const v = xi >= 0 && yi >= 0 ? [along('xAxisIndex', xi, px), along('yAxisIndex', yi, py)] : (chart.convertFromPixel({ gridIndex: g }, p) as unknown as number[]);
        if (Array.isArray(v) && Number.isFinite(v[0]) && Number.isFinite(v[1])) return { grid: g, x: v[0], y: v[1] };
      }
      return null;
    };
    chart.getZr().on('mousemove', (e) => {
      const report = eventsRef.current.onPointer;
      if (report) report(dataAt(e.offsetX, e.offsetY));
    });
    chart.getZr().on('click', (e) => {
      const report = eventsRef.current.onClickAt;
      const at = report ? dataAt(e.offsetX, e.offsetY) : null;
      if (report && at) report(at);
    });
    chart.getZr().on('globalout', () => eventsRef.current.onPointer?.(null));
    chart.getZr().on('dblclick', () => {
      ownChange.current = false;
      eventsRef.current.onWindow?.('reset');
    });

    // y zoom and pan with Shift, over the panel under the cursor. Capture phase: ECharts never sees these.
    const point = (e: MouseEvent): [number, number] => {
      const r = el.getBoundingClientRect();
      return [e.clientX - r.left, e.clientY - r.top];
    };
    const axesAt = (p: [number, number]): AxisInfo[] => {
      const opt = optionRef.current;
      let grid = -1;
      for (let g = 0; g < gridCount(opt); g++) if (chart.containPixel({ gridIndex: g }, p)) grid = g;
      return grid < 0 ? [] : yAxesOf(opt).filter((a) => a.grid === grid);
    };
    const valueAtPixel = (a: AxisInfo, py: number): number => {
      const v = chart.convertFromPixel({ yAxisIndex: a.index }, py) as unknown;
      return Array.isArray(v) ? Number(v[1]) : Number(v);
    };
    const onWheel = (e: WheelEvent): void => {
      if (!e.shiftKey || !eventsRef.current.onWindow) return;
      const p = point(e);
      const axes = axesAt(p);
      if (axes.length === 0) return;
      e.preventDefault();
      e.stopPropagation();
      const delta = e.deltaY !== 0 ? e.deltaY : e.deltaX;
      const factor = delta > 0 ? 1.2 : 1 / 1.2;
      const y: Record<string, Range> = {};
      for (const a of axes) {
        const c = valueAtPixel(a, p[1]);
        if (Number.isFinite(c)) y[a.id] = zoomRange(a.range, c, factor);
      }
      ownChange.current = true;
      eventsRef.current.onWindow({ y });
    };
    let drag: { axes: AxisInfo[]; py: number; perPixel: number[] } | null = null;
    const onMove = (e: MouseEvent): void => {
      if (!drag) return;
      e.preventDefault();
      const dy = point(e)[1] - drag.py;
      const y: Record<string, Range> = {};
      drag.axes.forEach((a, i) => {
        y[a.id] = panRange(a.range, dy * drag!.perPixel[i]);
      });
      ownChange.current = true;
      eventsRef.current.onWindow?.({ y });
    };
    const onUp = (): void => {
      drag = null;
      window.removeEventListener('mousemove', onMove, true);
      window.removeEventListener('mouseup', onUp, true);
    };
    const onDown = (e: MouseEvent): void => {
      if (!e.shiftKey || e.button !== 0 || !eventsRef.current.onWindow) return;
      const p = point(e);
      const axes = axesAt(p);
      if (axes.length === 0) return;
      e.preventDefault();
      e.stopPropagation();
      // data units per pixel of each axis (pixels grow downwards, values upwards)
      const perPixel = axes.map((a) => {
        const p0 = chart.convertToPixel({ yAxisIndex: a.index }, a.range[0]) as unknown as number;
        const p1 = chart.convertToPixel({ yAxisIndex: a.index }, a.range[1]) as unknown as number;
        return p0 === p1 ? 0 : (a.range[1] - a.range[0]) / (p0 - p1);
      });
      drag = { axes, py: p[1], perPixel };
      window.addEventListener('mousemove', onMove, true);
      window.addEventListener('mouseup', onUp, true);
    };
    el.addEventListener('wheel', onWheel, { capture: true, passive: false });
    el.addEventListener('mousedown', onDown, true);

    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      if (frame) cancelAnimationFrame(frame);
      onUp();
      el.removeEventListener('wheel', onWheel, { capture: true } as EventListenerOptions);
      el.removeEventListener('mousedown', onDown, true);
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  const registryId = events.registryId;
  useEffect(() => {
    const chart = chartRef.current;
    return chart && registryId ? registerChart(registryId, chart) : undefined;
  }, [registryId]);

  // Each chart takes its new option in a task of its own after the commit, and draws in the next animation frame
  // (lazyUpdate): a view with several charts never blocks the page for the sum of their work.
  useEffect(() => {
    optionRef.current = option;
    const chart = chartRef.current;
    if (!chart) return;
    const key = structureKey(option);
    // A view change the chart itself reported (zoom, pan) is merged at once, so a gesture in progress goes on.
    const merge = ownChange.current && applied.current?.key === key;
    ownChange.current = false;
    applied.current = { key };
    if (merge) {
      chart.setOption(option, { notMerge: false, lazyUpdate: true });
      return;
    }
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      chartRef.current?.setOption(option, { notMerge: true, lazyUpdate: true });
    }, 0);
    return () => {
      clearTimeout(timer);
      if (!done) applied.current = null; // the replacement never ran: the next option replaces, never merges
    };
  }, [option]);

  return ref;
}
