import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  DashboardTable,
  TaskListKind,
  TCurrentRound,
  TDashboardQuery,
  TIndicatorAttainment,
  TRoundThemes,
  TTaskList,
  TTaskStatusByGroup,
} from '../../../common/contracts/dashboard';
import { apiFetch, toSearchParams } from './client';

/**
 * Every ~30 s each panel asks again. The server answers with an ETag and `Cache-Control: no-cache`,
 * so the browser itself sends If-None-Match and, while nothing changed, gets a bodiless 304 and
 * hands the cached answer back (the same data: TanStack Query keeps the same objects, nothing
 * re-renders). A report accepted a moment ago changes the server's data version: the next poll
 * gets the new figures. Polling rather than server-sent events: one connection less per open
 * screen, and it works unchanged through the proxies and the several instances a province may run.
 */
export const DASHBOARD_POLL_MS = 30_000;

export const dashboardKeys = {
  all: ['dashboard'] as const,
  panel: (panel: string, query: object) => ['dashboard', panel, query] as const,
};

function usePanel<T>(panel: string, query: TDashboardQuery | undefined, extra: object = {}) {
  return useQuery({
    queryKey: dashboardKeys.panel(panel, { ...query, ...extra }),
    queryFn: ({ signal }) => apiFetch<T>(`/dashboard/${panel}`, { query: { ...query, ...extra }, signal }),
    enabled: Boolean(query?.planId),
    placeholderData: keepPreviousData,
    staleTime: 0,
    refetchInterval: DASHBOARD_POLL_MS,
  });
}

export const useTaskStatus = (query: TDashboardQuery | undefined) =>
  usePanel<TTaskStatusByGroup>('task-status', query);

export const useTaskList = (query: TDashboardQuery | undefined, list: TaskListKind, limit = 10) =>
  usePanel<TTaskList>('task-list', query, { list, limit });

export const useIndicatorAttainment = (query: TDashboardQuery | undefined) =>
  usePanel<TIndicatorAttainment>('indicators', query);

export const useCurrentRound = (query: TDashboardQuery | undefined) =>
  usePanel<TCurrentRound>('round', query);

export const useRoundThemes = (query: TDashboardQuery | undefined) => usePanel<TRoundThemes>('themes', query);

/** The address of a table's XLSX download, with the page's filters (the server applies the reader's scope). */
export const exportUrl = (query: TDashboardQuery, table: DashboardTable) =>
  `/api/dashboard/export.xlsx${toSearchParams({ ...query, table })}`;
