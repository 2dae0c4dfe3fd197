import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type {
  TAttachedEvidence,
  TReport,
  TReportDiff,
  TSaveReportRequest,
  TTransitionRequest,
} from '../../../common/contracts/reports';
import type { ReportAction } from '../../../common/enums';
import { apiFetch } from './client';
import { inboxKeys } from './inbox';

export const reportKeys = {
  all: ['reports'] as const,
  detail: (id: string) => ['reports', 'detail', id] as const,
  diff: (id: string) => ['reports', 'diff', id] as const,
};

export function useReport(id: string | undefined) {
  return useQuery({
    queryKey: reportKeys.detail(id ?? ''),
    queryFn: ({ signal }) => apiFetch<TReport>(`/reports/${id}`, { signal }),
    enabled: Boolean(id),
    // a reviewer opens what the unit saved a moment ago
    staleTime: 0,
  });
}

/** What changed since the report was last returned; only asked for reports that were returned. */
export function useReportDiff(id: string | undefined, enabled: boolean, version: number | undefined) {
  return useQuery({
    queryKey: [...reportKeys.diff(id ?? ''), version ?? 0],
    queryFn: ({ signal }) => apiFetch<TReportDiff>(`/reports/${id}/diff`, { signal }),
    enabled: Boolean(id) && enabled,
    staleTime: 0,
  });
}

/** Autosave: the changed fields only, based on the version the edits were made on (409 if stale). */
export function saveReport(id: string, body: TSaveReportRequest): Promise<TReport> {
  return apiFetch<TReport>(`/reports/${id}`, { method: 'PATCH', body });
}

/**
 * A workflow step. The same `idempotencyKey` is sent again when the user retries the same step
 * after a failure, so a step the server made but whose answer was lost is not made twice.
 */
export function transitionReport(
  id: string,
  action: ReportAction,
  body: TTransitionRequest,
  idempotencyKey: string,
): Promise<TReport> {
  return apiFetch<TReport>(`/reports/${id}/${action}`, {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

/**
 * Attaches a file to the report (or to one of its tasks), based on the report's `version` (409 if
 * someone changed it since); the server judges the file's type by content.
 */
export function uploadEvidence(
  reportId: string,
  file: File,
  version: number,
  planItemId?: string,
): Promise<TAttachedEvidence> {
  return apiFetch<TAttachedEvidence>(`/reports/${reportId}/evidence`, {
    method: 'POST',
    query: { fileName: file.name, planItemId, version },
    body: file,
  });
}

/** Takes a file off the report, based on the report's `version`; answers the report as it is now. */
export function removeEvidence(reportId: string, evidenceId: string, version: number): Promise<TReport> {
  return apiFetch<TReport>(`/reports/${reportId}/evidence/${evidenceId}`, {
    method: 'DELETE',
    query: { version },
  });
}

/**
 * The report's version as this page last had it from the server: autosave, reload and workflow
 * steps all leave their answer in the query cache, synchronously, before their promise settles.
 */
export function useHeldReportVersion(reportId: string): () => number | undefined {
  const queryClient = useQueryClient();
  return useCallback(
    () => queryClient.getQueryData<TReport>(reportKeys.detail(reportId))?.version,
    [queryClient, reportId],
  );
}

/** Same-origin download address; the session cookie goes along. */
export function evidenceUrl(reportId: string, evidenceId: string): string {
  return `/api/reports/${reportId}/evidence/${evidenceId}`;
}

/** After a save or a step: the report is fresh; the inbox, the rounds' counts and the plan are not. */
export function afterReportChange(queryClient: QueryClient, report: TReport, transition: boolean) {
  queryClient.setQueryData(reportKeys.detail(report.id), report);
  if (!transition) return;
  void queryClient.invalidateQueries({ queryKey: reportKeys.diff(report.id) });
  void queryClient.invalidateQueries({ queryKey: inboxKeys.all });
  void queryClient.invalidateQueries({ queryKey: ['rounds'] });
  // an accepted report moves its tasks' progress
  if (report.status === 'accepted') {
    void queryClient.invalidateQueries({ queryKey: ['items'] });
    void queryClient.invalidateQueries({ queryKey: ['plans'] });
  }
}

export function useAfterReportChange() {
  const queryClient = useQueryClient();
  return useCallback(
    (report: TReport, transition: boolean) => afterReportChange(queryClient, report, transition),
    [queryClient],
  );
}
