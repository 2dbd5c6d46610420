import type { EChartsOption } from 'echarts';
import { useChart, type WindowChange } from './useChart';

export function Chart(props: {
  option: EChartsOption;
  label: string;
  testId: string;
  onLegendChange?: (selected: Record<string, boolean>) => void;
  /** Zoom, pan and reset of the view (charts/window.ts); without it the chart keeps ECharts' own zoom only. */
  onWindow?: (change: WindowChange) => void;
}) {
  const ref = useChart(props.option, { onLegendChange: props.onLegendChange, onWindow: props.onWindow });
  return <div ref={ref} className="chart" role="img" aria-label={props.label} data-testid={props.testId} />;
}
