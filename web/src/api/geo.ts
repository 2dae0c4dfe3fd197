import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MapLayer, TCommuneMap } from '../../../common/contracts/geo';
import { apiFetch } from './client';

/** What colours the map: an indicator in a period, or a round's completeness. */
export type MapSelection =
  | { layer: 'indicator'; indicator: string; period: string }
  | { layer: 'completeness'; roundId: string };

/** A GeoJSON FeatureCollection as ECharts' registerMap takes it. */
export interface BoundaryCollection {
  type: 'FeatureCollection';
  features: {
    id?: string;
    properties: { code: string; name: string };
    geometry?: { type: string; coordinates: unknown };
  }[];
}

export const geoKeys = {
  all: ['geo'] as const,
  map: (selection: MapSelection) => ['geo', 'map', selection] as const,
  boundary: (provinceId: string, version: string) => ['geo', 'boundary', provinceId, version] as const,
};

const queryOf = (selection: MapSelection): Record<string, string> & { layer: MapLayer } =>
  selection.layer === 'indicator'
    ? { layer: 'indicator', indicator: selection.indicator, period: selection.period }
    : { layer: 'completeness', roundId: selection.roundId };

/** The communes' values, computed live by the server: fresh on every visit. */
export function useCommuneMap(selection: MapSelection | null) {
  return useQuery({
    queryKey: geoKeys.map(selection ?? { layer: 'completeness', roundId: '' }),
    queryFn: ({ signal }) => apiFetch<TCommuneMap>('/dashboard/map', { query: queryOf(selection!), signal }),
    enabled: selection !== null,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/**
 * A province's boundaries (~100 KB brotli). Asked by version: the browser keeps the file for a
 * year, and a new file ships under a new version.
 */
export function useBoundary(provinceId: string | undefined, version: string | undefined) {
  return useQuery({
    queryKey: geoKeys.boundary(provinceId ?? '', version ?? ''),
    queryFn: ({ signal }) =>
      apiFetch<BoundaryCollection>(`/geo/${provinceId}`, { query: { v: version }, signal }),
    enabled: Boolean(provinceId && version),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
}
