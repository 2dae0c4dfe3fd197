import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type EChartsCoreOption, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { type CSSProperties, useMemo } from 'react';
import { useEChart } from '../../components/charts/use-echart';
import { formatNumber } from '../../lib/format';

// Only the parts this chart uses: the bundle stays small and nothing loads from elsewhere.
use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** The chart in its div. */
function EChart({ option, style }: { option: EChartsCoreOption; style: CSSProperties }) {
  const { box } = useEChart(option);
  // the figures are in the table beside the chart (for screen readers); the canvas is decoration
  return <div ref={box} style={style} aria-hidden="true" />;
}

interface Props {
  /** axis labels, one per period */
  labels: string[];
  /** tooltip titles, one per period */
  titles: string[];
  actual: (number | null)[];
  target: (number | null)[] | null;
  actualName: string;
  targetName: string;
  unit: string;
  height?: number;
}

const ACTUAL_COLOR = '#1f5fa6';
const TARGET_COLOR = '#d4380d';

/** The tooltip is HTML: the unit is typed by users. */
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const valueText = (value: unknown) =>
  typeof value === 'number' ? formatNumber(Math.round(value * 100) / 100) : '—';

/** The figure by period (solid, with points) against the target path (dashed). */
export function TrendChart({
  labels,
  titles,
  actual,
  target,
  actualName,
  targetName,
  unit,
  height = 340,
}: Props) {
  const option = useMemo<EChartsCoreOption>(
    () => ({
      animation: false,
      color: [ACTUAL_COLOR, TARGET_COLOR],
      // axis labels stay inside the box (outerBounds), with room for the legend above
      grid: { top: 40, left: 8, right: 16, bottom: 8, outerBounds: { left: 0, right: 0, top: 0, bottom: 6 } },
      legend: { top: 0, right: 0, itemGap: 16 },
      tooltip: {
        trigger: 'axis',
        formatter: (params: { dataIndex: number; marker: string; seriesName: string; value: unknown }[]) => {
          const first = params[0];
          if (!first) return '';
          const lines = params.map(
            (p) =>
              `${p.marker} ${escapeHtml(p.seriesName)}: <b>${valueText(p.value)}</b> ${escapeHtml(unit)}`,
          );
          return [escapeHtml(titles[first.dataIndex] ?? ''), ...lines].join('<br/>');
        },
      },
      xAxis: { type: 'category', data: labels, boundaryGap: false, axisLabel: { hideOverlap: true } },
      // the unit over the value axis, on the left; the legend on the right
      yAxis: {
        type: 'value',
        scale: true,
        name: unit,
        nameLocation: 'end',
        nameGap: 14,
        nameTextStyle: { align: 'left', color: '#5c6b7a' },
        axisLabel: { formatter: (v: number) => formatNumber(v) },
      },
      series: [
        {
          name: actualName,
          type: 'line',
          data: actual,
          symbolSize: 6,
          connectNulls: false,
          lineStyle: { width: 2.5 },
        },
        ...(target
          ? [
              {
                name: targetName,
                type: 'line',
                data: target,
                symbol: 'none',
                connectNulls: true,
                lineStyle: { type: 'dashed', width: 2 },
              },
            ]
          : []),
      ],
    }),
    [labels, titles, actual, target, actualName, targetName, unit],
  );
  return <EChart option={option} style={{ height, width: '100%' }} />;
}
