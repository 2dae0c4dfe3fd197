import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type EChartsCoreOption, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { type Ref, useImperativeHandle, useMemo } from 'react';
import type { TTaskStatusByGroup } from '../../../../common/contracts/dashboard';
import { useEChart } from '../../components/charts/use-echart';
import { STATUS_FILL, STATUS_ORDER } from '../../lib/status';

// Only what this chart draws: the chunk is loaded with the chart, not with the page.
use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** What the page may ask of a drawn chart. */
export interface ChartHandle {
  /** the chart as a PNG data URL (ECharts getDataURL), on a solid background */
  toPng(): string | null;
}

interface Props {
  data: TTaskStatusByGroup;
  statusLabels: Record<string, string>;
  ungrouped: string;
  dark?: boolean;
  height?: number;
  fontSize?: number;
  ref?: Ref<ChartHandle>;
}

/**
 * Tasks by status per group as stacked horizontal bars. The figures are in the table beside it
 * (for screen readers and for clicking through); the canvas is decoration.
 */
export default function StatusChart({
  data,
  statusLabels,
  ungrouped,
  dark,
  height,
  fontSize = 12,
  ref,
}: Props) {
  const background = dark ? '#141414' : '#ffffff';
  const text = dark ? '#e6e6e6' : '#333333';
  const option = useMemo<EChartsCoreOption>(() => {
    const groups = [...data.groups].reverse();
    return {
      animation: false,
      textStyle: { fontSize, color: text },
      legend: { top: 0, textStyle: { fontSize, color: text } },
      grid: { top: fontSize * 3, left: 8, right: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize, color: text } },
      yAxis: {
        type: 'category',
        data: groups.map((g) => (g.code ? `${g.code}` : ungrouped)),
        axisLabel: { fontSize, color: text },
      },
      series: STATUS_ORDER.map((status) => ({
        name: statusLabels[status],
        type: 'bar',
        stack: 'tasks',
        itemStyle: { color: STATUS_FILL[status] },
        data: groups.map((g) => g.counts[status] ?? 0),
      })),
    };
  }, [data, statusLabels, ungrouped, fontSize, text]);

  const { box, chart } = useEChart(option);
  useImperativeHandle(
    ref,
    () => ({
      toPng: () =>
        chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: background }) ?? null,
    }),
    [background, chart],
  );

  const rows = Math.max(data.groups.length, 1);
  return (
    <div
      ref={box}
      aria-hidden="true"
      data-testid="dashboard-status-chart"
      style={{ width: '100%', height: height ?? 60 + rows * (fontSize * 2.6) }}
    />
  );
}
