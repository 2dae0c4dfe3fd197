/**
 * The choropleth itself: the only module that imports ECharts, loaded with `lazy()` by the panel,
 * so no page pays for it until a map is drawn. Only the map series, the visual map, the tooltip and
 * the canvas renderer — no world map, no tiles: the boundaries come from our own server.
 */
import { MapChart } from 'echarts/charts';
import { TooltipComponent, VisualMapComponent } from 'echarts/components';
import { type EChartsCoreOption, type EChartsType, getMap, init, registerMap, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { BoundaryCollection } from '../../api/geo';

use([MapChart, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export interface MapDatum {
  /** the commune's code: the boundary features are matched on it (`nameProperty: 'code'`) */
  name: string;
  value: number | null;
  orgUnitId: string;
  /** may the reader open it (their scope) */
  clickable: boolean;
}

interface Props {
  /** registered once per name: province code and boundary version */
  mapName: string;
  boundary: BoundaryCollection;
  /** the option without its series data, which comes from `data` */
  option: EChartsCoreOption;
  data: MapDatum[];
  height: number;
  onSelect: (datum: MapDatum) => void;
  /** the instance, for the PNG export */
  onReady?: (chart: EChartsType | null) => void;
}

/** How many regions the chart drew: the browser test reads it from the box. */
function drawnRegions(chart: EChartsType): number {
  const model = (chart as unknown as { getModel(): { getSeriesByIndex(i: number): unknown } }).getModel();
  const series = model.getSeriesByIndex(0) as
    | { getData(): { count(): number; getItemGraphicEl(i: number): unknown } }
    | undefined;
  if (!series) return 0;
  const data = series.getData();
  let drawn = 0;
  for (let i = 0; i < data.count(); i++) if (data.getItemGraphicEl(i)) drawn++;
  return drawn;
}

export default function CommuneMapChart({
  mapName,
  boundary,
  option,
  data,
  height,
  onSelect,
  onReady,
}: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => {
      const datum = params.data as MapDatum | undefined;
      if (datum?.clickable) select.current(datum);
    });
    instance.on('finished', () => {
      element.dataset.regions = String(drawnRegions(instance));
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    onReady?.(instance);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
      onReady?.(null);
    };
  }, [onReady]);

  useEffect(() => {
    // registerMap keeps the parsed regions by name: once per boundary version
    if (!getMap(mapName)) registerMap(mapName, boundary as unknown as Parameters<typeof registerMap>[1]);
    const base = option as { series?: Record<string, unknown>[] };
    chart.current?.setOption(
      {
        ...option,
        series: (base.series ?? []).map((s) => ({ ...s, map: mapName, nameProperty: 'code', data })),
      },
      { notMerge: true },
    );
  }, [mapName, boundary, option, data]);

  // the values are in the table beside the map (for screen readers and keyboards): the canvas is decoration
  return <div ref={box} className="lt-map-canvas" style={{ height, width: '100%' }} aria-hidden="true" />;
}
