import { useQuery } from '@tanstack/react-query';
import type { TAnalyticsResult, TPerformance } from '../../../common/contracts/analytics';
import { apiFetch } from './client';

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
