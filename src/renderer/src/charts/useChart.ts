/** The one hook that owns an ECharts instance: init on mount, setOption on change, resize with its box, dispose. */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';

export function useChart(option: EChartsOption, onLegendChange?: (selected: Record<string, boolean>) => void): React.RefObject<HTMLDivElement | null> {
  const ref = useRef<HTMLDivElement | null>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const legendRef = useRef(onLegendChange);

  useEffect(() => {
    legendRef.current = onLegendChange;
  }, [onLegendChange]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, null, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('legendselectchanged', (event) => {
      legendRef.current?.((event as { selected: Record<string, boolean> }).selected);
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return ref;
}
