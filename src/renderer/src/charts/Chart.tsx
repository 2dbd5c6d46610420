import type { EChartsOption } from 'echarts';
import { useChart } from './useChart';

export function Chart(props: { option: EChartsOption; label: string; testId: string; onLegendChange?: (selected: Record<string, boolean>) => void }) {
  const ref = useChart(props.option, props.onLegendChange);
  return <div ref={ref} className="chart" role="img" aria-label={props.label} data-testid={props.testId} />;
}
