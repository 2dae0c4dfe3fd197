import type { EChartsCoreOption } from 'echarts/core';
import type { TCommuneMap, TCommuneMapUnit } from '../../../../common/contracts/geo';
import type { Messages } from '../../i18n';
import { formatNumber } from '../../lib/format';
import type { MapDatum } from './CommuneMapChart';

/** Nghệ An lies near 19°N: 1° of longitude is cos(19°) ≈ 0.95 of a degree of latitude. */
export const ASPECT_SCALE = 0.95;

/** Light to dark blue: more is darker (the legend says which end is high). */
const SEQUENTIAL = ['#e6f4ff', '#91caff', '#4096ff', '#0958d9', '#002c8c'];
const NO_DATA = '#e8e8e8';
const COMPLETENESS = { none: '#cf1322', partial: '#fa8c16', all: '#389e0d' };

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The tooltip is HTML: names come from the database. */
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A commune's value as a sentence part: the figure with its unit, or why there is none. */
export function valueText(unit: TCommuneMapUnit, map: TCommuneMap, t: Messages): string {
  if (!unit.visible) return t.map.hidden;
  if (map.layer === 'completeness') {
    const r = unit.reports;
    if (!r || r.expected === 0) return t.map.notExpected;
    return t.map.reports(r.submitted, r.expected, r.accepted);
  }
  if (unit.value === null) return unit.note ?? t.map.noData;
  const suffix = map.indicator?.unit ? ` ${map.indicator.unit}` : '';
  return `${formatNumber(round2(unit.value))}${suffix}`;
}

export interface MapDatumWithText extends MapDatum {
  label: string;
  text: string;
}

export function mapData(map: TCommuneMap, t: Messages): MapDatumWithText[] {
  return map.units.map((unit) => ({
    name: unit.code,
    value: unit.visible ? unit.value : null,
    orgUnitId: unit.orgUnitId,
    clickable: unit.visible,
    label: unit.name,
    text: valueText(unit, map, t),
  }));
}

function visualMap(map: TCommuneMap, t: Messages) {
  const common = {
    seriesIndex: 0,
    left: 0,
    bottom: 0,
    orient: 'horizontal',
    textStyle: { color: '#262626' },
  };
  if (map.layer === 'completeness') {
    return {
      ...common,
      type: 'piecewise',
      itemGap: 12,
      pieces: [
        { value: 0, label: t.map.pieces.none, color: COMPLETENESS.none },
        { gt: 0, lt: 100, label: t.map.pieces.partial, color: COMPLETENESS.partial },
        { value: 100, label: t.map.pieces.all, color: COMPLETENESS.all },
      ],
    };
  }
  const values = map.units.flatMap((u) => (u.visible && u.value !== null ? [u.value] : []));
  const min = values.length ? Math.min(...values) : 0;
  const max = values.length ? Math.max(...values) : 1;
  return {
    ...common,
    type: 'continuous',
    min,
    // one value only: a range of one, so the scale is not degenerate
    max: max > min ? max : min + 1,
    calculable: false,
    itemWidth: 12,
    itemHeight: 140,
    text: [
      `${t.map.legendHigh} (${formatNumber(round2(max))})`,
      `${t.map.legendLow} (${formatNumber(round2(min))})`,
    ],
    inRange: { color: SEQUENTIAL },
  };
}

/** Everything but the map's name and data, which the chart adds. */
export function mapOption(map: TCommuneMap, t: Messages): EChartsCoreOption {
  return {
    animation: false,
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params: { data?: MapDatumWithText }) =>
        params.data ? `<b>${escapeHtml(params.data.label)}</b><br/>${escapeHtml(params.data.text)}` : '',
    },
    visualMap: visualMap(map, t),
    series: [
      {
        type: 'map',
        roam: false,
        selectedMode: false,
        // the box (left, top, width, height) is the chart's: it keeps the map's shape
        aspectScale: ASPECT_SCALE,
        label: { show: false },
        itemStyle: { areaColor: NO_DATA, borderColor: '#ffffff', borderWidth: 0.6 },
        emphasis: {
          label: { show: false },
          itemStyle: { areaColor: '#ffd666', borderColor: '#614700', borderWidth: 1 },
        },
      },
    ],
  };
}
