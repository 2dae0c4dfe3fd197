import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TAuditEventFilters, TAuditEventList } from '../../../common/contracts/audit';
import { apiFetch, toSearchParams } from './client';

export interface AuditEventsQuery extends TAuditEventFilters {
  page?: number;
  pageSize?: number;
}

export const auditKeys = {
  all: ['audit-events'] as const,
  list: (query: AuditEventsQuery) => ['audit-events', 'list', query] as const,
};

export function useAuditEvents(query: AuditEventsQuery, enabled = true) {
  return useQuery({
    queryKey: auditKeys.list(query),
    queryFn: ({ signal }) => apiFetch<TAuditEventList>('/audit-events', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Same-origin URL of the XLSX export with the given filters; the session cookie goes along. */
/** The signed checkpoints of the audit chain, for the auditor to keep outside the system. */
export const AUDIT_CHECKPOINTS_URL = '/api/audit-checkpoints.json';

export function auditExportUrl(filters: TAuditEventFilters): string {
  return `/api/audit-events.xlsx${toSearchParams({ ...filters })}`;
}
