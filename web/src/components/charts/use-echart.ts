import { type EChartsCoreOption, type EChartsType, init } from 'echarts/core';
import { useEffect, useRef } from 'react';

/**
 * An ECharts instance in a div: created on mount, resized with its box, given each new option whole
 * (notMerge), disposed on unmount. The caller registers the chart kinds it draws with `use([...])`,
 * so each chart's chunk carries only its own parts.
 */
export function useEChart(option: EChartsCoreOption) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  return { box, chart };
}
