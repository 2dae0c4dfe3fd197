import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  RoundAction,
  TCloseRoundRequest,
  Timeliness,
  TOpenRoundRequest,
  TReopenRoundRequest,
  TReportHistory,
  TRound,
  TRoundList,
  ZRoundReportList,
  ZRoundScheduleList,
} from '../../../common/contracts/rounds';
import type { ReportStatus, RoundStatus } from '../../../common/enums';
import { apiFetch, toSearchParams } from './client';
import { inboxKeys } from './inbox';
import { reportKeys } from './reports';

export type TRoundReportList = z.infer<typeof ZRoundReportList>;

export interface RoundsQuery {
  planId?: string;
  status?: RoundStatus;
  page?: number;
  pageSize?: number;
}

/** The completeness table's filters, as the API reads them (lists joined with commas). */
export interface RoundReportFilters {
  status?: readonly ReportStatus[];
  timeliness?: readonly Timeliness[];
  q?: string;
}

export interface RoundReportsQuery extends RoundReportFilters {
  page?: number;
  pageSize?: number;
}

export const roundKeys = {
  all: ['rounds'] as const,
  list: (query: RoundsQuery) => ['rounds', 'list', query] as const,
  detail: (id: string) => ['rounds', 'detail', id] as const,
  reports: (id: string, query: RoundReportsQuery) => ['rounds', 'reports', id, query] as const,
  // under 'rounds': a report's workflow step invalidates ['rounds'], and so this too
  history: (orgUnitId: string) => ['rounds', 'history', orgUnitId] as const,
};

export function useRounds(query: RoundsQuery) {
  return useQuery({
    queryKey: roundKeys.list(query),
    queryFn: ({ signal }) => apiFetch<TRoundList>('/rounds', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useRound(id: string | undefined) {
  return useQuery({
    queryKey: roundKeys.detail(id ?? ''),
    queryFn: ({ signal }) => apiFetch<TRound>(`/rounds/${id}`, { signal }),
    enabled: Boolean(id),
    staleTime: 0,
  });
}

export function useRoundReports(id: string | undefined, query: RoundReportsQuery) {
  return useQuery({
    queryKey: roundKeys.reports(id ?? '', query),
    queryFn: ({ signal }) =>
      apiFetch<TRoundReportList>(`/rounds/${id}/reports`, { query: { ...query }, signal }),
    enabled: Boolean(id),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** One unit's report in every round it had to report in, newest first, with its record summed up. */
export function useReportHistory(orgUnitId: string | undefined) {
  return useQuery({
    queryKey: roundKeys.history(orgUnitId ?? ''),
    queryFn: ({ signal }) => apiFetch<TReportHistory>('/report-history', { query: { orgUnitId }, signal }),
    enabled: Boolean(orgUnitId),
    staleTime: 0,
  });
}

/** A plan's schedules: the working days after the cut-off each period type is due (the open dialog). */
export function useRoundSchedules(planId: string | undefined) {
  return useQuery({
    queryKey: ['rounds', 'schedules', planId ?? ''] as const,
    queryFn: ({ signal }) =>
      apiFetch<z.infer<typeof ZRoundScheduleList>>('/round-schedules', { query: { planId }, signal }),
    enabled: Boolean(planId),
  });
}

export function useOpenRound() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TOpenRoundRequest) => apiFetch<TRound>('/rounds', { method: 'POST', body }),
    onSuccess: (round) => {
      queryClient.setQueryData(roundKeys.detail(round.id), round);
      void queryClient.invalidateQueries({ queryKey: ['rounds', 'list'] });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.all });
    },
  });
}

/**
 * Closes or reopens a round from the version shown; its units' reports and the inboxes change
 * with it.
 */
export function useRoundAction(id: string, action: RoundAction) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCloseRoundRequest | TReopenRoundRequest) =>
      apiFetch<TRound>(`/rounds/${id}/${action}`, { method: 'POST', body }),
    onSuccess: (round) => {
      queryClient.setQueryData(roundKeys.detail(round.id), round);
      void queryClient.invalidateQueries({ queryKey: ['rounds', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['rounds', 'reports', round.id] });
      void queryClient.invalidateQueries({ queryKey: reportKeys.all });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.all });
    },
  });
}

/** Same-origin URL of the completeness table as XLSX, with the filters shown; the cookie goes along. */
export function roundReportsExportUrl(id: string, filters: RoundReportFilters): string {
  return `/api/rounds/${id}/reports.xlsx${toSearchParams({ ...filters })}`;
}
