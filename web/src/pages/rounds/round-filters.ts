import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { REPORT_STATUSES, type ReportStatus, TIMELINESS, type Timeliness } from '../../../../common/enums';
import { LIMITS } from '../../../../common/limits';

export const ROUND_PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;

/** The completeness table's state, all in the URL: a reload or a shared link shows the same rows. */
export interface RoundReportFiltersState {
  q: string;
  status: ReportStatus[];
  timeliness: Timeliness[];
  page: number;
  pageSize: number;
}

function positiveInt(value: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
}

function listOf<T extends string>(value: string | null, allowed: readonly T[]): T[] {
  const picked = (value ?? '').split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));
  return [...new Set(picked)];
}

/** Unknown values fall back to defaults rather than reaching the API as a 400. */
export function parseRoundReportFilters(params: URLSearchParams): RoundReportFiltersState {
  return {
    q: (params.get('q') ?? '').slice(0, LIMITS.searchLength),
    status: listOf(params.get('status'), REPORT_STATUSES),
    timeliness: listOf(params.get('timeliness'), TIMELINESS),
    page: positiveInt(params.get('page'), 1),
    pageSize: positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE, LIMITS.pageSizeMax),
  };
}

export function serializeRoundReportFilters(f: RoundReportFiltersState): URLSearchParams {
  const params = new URLSearchParams();
  if (f.q.trim()) params.set('q', f.q.trim());
  if (f.status.length) params.set('status', f.status.join(','));
  if (f.timeliness.length) params.set('timeliness', f.timeliness.join(','));
  if (f.page !== 1) params.set('page', String(f.page));
  if (f.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(f.pageSize));
  return params;
}

/** The filters without paging, as the list and the XLSX export take them. */
export function toRoundReportFilters(f: RoundReportFiltersState) {
  return {
    q: f.q.trim() || undefined,
    status: f.status.length ? f.status : undefined,
    timeliness: f.timeliness.length ? f.timeliness : undefined,
  };
}

export function useRoundReportFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseRoundReportFilters(params), [params]);
  /** Any change of what is shown goes back to page 1, unless the change is the page itself. */
  const update = useCallback(
    (patch: Partial<RoundReportFiltersState>, options: { replace?: boolean } = {}) => {
      setParams(
        (prev) => {
          const current = parseRoundReportFilters(prev);
          const paging = 'page' in patch || 'pageSize' in patch;
          return serializeRoundReportFilters({ ...current, ...patch, ...(paging ? {} : { page: 1 }) });
        },
        { replace: options.replace },
      );
    },
    [setParams],
  );
  const reset = useCallback(() => setParams(new URLSearchParams()), [setParams]);
  return { filters, update, reset };
}
