/** The one hook that owns an ECharts instance: init on mount, setOption on change (in its own task), resize with its box, dispose. */
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

  // Each chart takes its new option in a task of its own after the commit, and draws in the next animation frame
  // (lazyUpdate): a view with several charts never blocks the page for the sum of their work.
  useEffect(() => {
    const timer = setTimeout(() => chartRef.current?.setOption(option, { notMerge: true, lazyUpdate: true }), 0);
    return () => clearTimeout(timer);
  }, [option]);

  return ref;
}
