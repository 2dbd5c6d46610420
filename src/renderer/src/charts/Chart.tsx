import type { EChartsOption } from 'echarts';
import { useChart, yAxesOf, type WindowChange } from './useChart';

/** What the chart shows, as attributes the end-to-end tests (and assistive tools) can read: the canvas cannot. */
function described(option: EChartsOption): Record<string, string> {
  const zoom = (Array.isArray(option.dataZoom) ? option.dataZoom[0] : option.dataZoom) as { startValue?: number; endValue?: number } | undefined;
  const series = (Array.isArray(option.series) ? option.series : option.series ? [option.series] : []) as { name?: string; type?: string }[];
  const legend = (Array.isArray(option.legend) ? option.legend[0] : option.legend) as { data?: (string | { name: string })[] } | undefined;
  const grid = (Array.isArray(option.grid) ? option.grid[0] : option.grid) as { top?: number | string } | undefined;
  return {
    'data-x-range': zoom && zoom.startValue !== undefined ? `${zoom.startValue},${zoom.endValue}` : '',
    'data-y-ranges': JSON.stringify(Object.fromEntries(yAxesOf(option).map((a) => [a.id, a.range]))),
    'data-legend': JSON.stringify((legend?.data ?? []).map((d) => (typeof d === 'string' ? d : d.name))),
    'data-lines': String(series.filter((s) => s.type === 'line' && s.name !== 't₀').length),
    'data-markers': String(series.filter((s) => s.type === 'scatter').length),
    'data-grid-top': String(grid?.top ?? ''),
  };
}

export function Chart(props: {
  option: EChartsOption;
  label: string;
  testId: string;
  onLegendChange?: (selected: Record<string, boolean>) => void;
  /** Zoom, pan and reset of the view (charts/window.ts); without it the chart keeps ECharts' own zoom only. */
  onWindow?: (change: WindowChange) => void;
  /** The cursor over a plot area in data coordinates (see useChart). */
  onPointer?: (at: { grid: number; x: number; y: number } | null) => void;
  /** A click on a plot area in data coordinates. */
  onClickAt?: (at: { grid: number; x: number; y: number }) => void;
  /** Extra attributes for tests (e.g. the legend's layout). */
  data?: Record<string, string>;
}) {
  const ref = useChart(props.option, { onLegendChange: props.onLegendChange, onWindow: props.onWindow, registryId: props.testId, onPointer: props.onPointer, onClickAt: props.onClickAt });
  const attrs = props.onWindow ? { ...described(props.option), ...props.data } : {};
  return <div ref={ref} className="chart" role="img" aria-label={props.label} data-testid={props.testId} {...attrs} />;
}
