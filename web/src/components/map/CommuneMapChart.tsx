/**
 * The choropleth itself: the only module that imports ECharts, loaded with `lazy()` by the panel,
 * so no page pays for it until a map is drawn. Only the map series, the visual map, the tooltip and
 * the canvas renderer — no world map, no tiles: the boundaries come from our own server.
 */
import { MapChart } from 'echarts/charts';
import { TooltipComponent, VisualMapComponent } from 'echarts/components';
import { type EChartsCoreOption, type EChartsType, getMap, init, registerMap, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import type { BoundaryCollection } from '../../api/geo';
import { ASPECT_SCALE } from './map-option';

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

/** The map's top and bottom margins (the legend sits in the bottom one), as map-option.ts sets them. */
const TOP = 8;
const BOTTOM = 44;
const SIDE = 8;

/** Width over height of the boundaries as drawn (ECharts: bounding box × aspectScale). */
function aspectOf(boundary: BoundaryCollection): number {
  let [west, east, south, north] = [Infinity, -Infinity, Infinity, -Infinity];
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') {
      const [lon, lat] = c as number[];
      west = Math.min(west, lon!);
      east = Math.max(east, lon!);
      south = Math.min(south, lat!);
      north = Math.max(north, lat!);
    } else for (const part of c) walk(part);
  };
  for (const f of boundary.features) walk(f.geometry?.coordinates);
  return north > south ? ((east - west) / (north - south)) * ASPECT_SCALE : 1;
}

/**
 * The map's box in the chart: as large as fits, its shape kept (ECharts stretches the map to a box
 * given by all four sides), centred.
 */
function layoutIn(width: number, height: number, aspect: number) {
  const room = { width: Math.max(width - 2 * SIDE, 1), height: Math.max(height - TOP - BOTTOM, 1) };
  const fit =
    room.width / room.height > aspect
      ? { width: room.height * aspect, height: room.height }
      : { width: room.width, height: room.width / aspect };
  return {
    left: (width - fit.width) / 2,
    top: TOP + (room.height - fit.height) / 2,
    width: fit.width,
    height: fit.height,
  };
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
  const aspect = useMemo(() => aspectOf(boundary), [boundary]);
  const aspectRef = useRef(aspect);
  aspectRef.current = aspect;

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
    const observer = new ResizeObserver(() => {
      instance.resize();
      if (instance.getOption()) {
        instance.setOption({
          series: [layoutIn(element.clientWidth, element.clientHeight, aspectRef.current)],
        });
      }
    });
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
    const element = box.current;
    const layout = element ? layoutIn(element.clientWidth, element.clientHeight, aspect) : {};
    chart.current?.setOption(
      {
        ...option,
        series: (base.series ?? []).map((s) => ({
          ...s,
          ...layout,
          map: mapName,
          nameProperty: 'code',
          data,
        })),
      },
      { notMerge: true },
    );
  }, [mapName, boundary, option, data, aspect]);

  // the values are in the table beside the map (for screen readers and keyboards): the canvas is decoration
  return <div ref={box} className="lt-map-canvas" style={{ height, width: '100%' }} aria-hidden="true" />;
}
