import { useQuery } from '@tanstack/react-query';
import type { TAnalyticsResult, TBreakdown, TPerformance } from '../../../common/contracts/analytics';
import { apiFetch, toSearchParams } from './client';

export interface AnalyticsQuery {
  /** indicator codes */
  indicators: readonly string[];
  orgUnitId: string;
  periodType: 'month' | 'quarter' | 'half_year' | 'nine_months' | 'year';
  from: string;
  to: string;
  by?: 'total' | 'children';
}

export const analyticsKeys = {
  all: ['analytics'] as const,
  query: (query: AnalyticsQuery) => ['analytics', query] as const,
  performance: (indicator: string, orgUnitId: string, year?: number) =>
    ['analytics', 'performance', indicator, orgUnitId, year ?? null] as const,
};

/** Figures are computed live from the values: fresh on every visit (a write shows in the next read). */
export function useAnalytics(query: AnalyticsQuery) {
  return useQuery({
    queryKey: analyticsKeys.query(query),
    queryFn: ({ signal }) => apiFetch<TAnalyticsResult>('/analytics', { query: { ...query }, signal }),
    staleTime: 0,
  });
}

/** Series, target path, attainment and forecast of one indicator for one unit, judged by the server. */
export function usePerformance(indicator: string | undefined, orgUnitId: string | undefined, year?: number) {
  return useQuery({
    queryKey: analyticsKeys.performance(indicator ?? '', orgUnitId ?? '', year),
    queryFn: ({ signal }) =>
      apiFetch<TPerformance>('/analytics/performance', { query: { indicator, orgUnitId, year }, signal }),
    enabled: Boolean(indicator && orgUnitId),
    staleTime: 0,
  });
}

/** Every commune and ward of a subtree with its figure for a period and how much it has reported. */
export function useBreakdown(indicator: string, orgUnitId: string, period: string) {
  return useQuery({
    queryKey: ['analytics', 'breakdown', indicator, orgUnitId, period] as const,
    queryFn: ({ signal }) =>
      apiFetch<TBreakdown>('/analytics/breakdown', { query: { indicator, orgUnitId, period }, signal }),
    staleTime: 0,
  });
}

/** Same-origin URLs of the XLSX files; the cookie goes along. */
export const breakdownExportUrl = (indicator: string, orgUnitId: string, period: string) =>
  `/api/analytics/breakdown.xlsx${toSearchParams({ indicator, orgUnitId, period })}`;
export const seriesExportUrl = (indicator: string, orgUnitId: string, year: number) =>
  `/api/analytics/performance.xlsx${toSearchParams({ indicator, orgUnitId, year })}`;
