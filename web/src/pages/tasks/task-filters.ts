import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { TListPlanItemsQuery } from '../../../../common';
import { ITEM_SORTS, ITEM_STATUSES, type ItemSort, type ItemStatus } from '../../../../common/enums';
import { LIMITS } from '../../../../common/limits';
import type { PlanItemsQuery } from '../../api/items';

export type { ItemSort };
export type SortOrder = TListPlanItemsQuery['order'];

export const ITEM_SORT_KEYS = ITEM_SORTS;
export const PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The task table's state, all of it in the URL so that a reload or a shared link shows the same rows. */
export interface TaskFilters {
  q: string;
  group?: string;
  lead?: string;
  status: ItemStatus[];
  overdue: boolean;
  deadlineFrom?: string;
  deadlineTo?: string;
  sort: ItemSort;
  order: SortOrder;
  page: number;
  pageSize: number;
}

const DEFAULTS: TaskFilters = {
  q: '',
  status: [],
  overdue: false,
  sort: 'code',
  order: 'asc',
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
};

function positiveInt(value: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
}

function optional(value: string | null): string | undefined {
  return value ? value : undefined;
}

/** Unknown or malformed values fall back to defaults rather than reaching the API as a 400. */
export function parseTaskFilters(params: URLSearchParams): TaskFilters {
  const status = (params.get('status') ?? '')
    .split(',')
    .filter((s): s is ItemStatus => (ITEM_STATUSES as readonly string[]).includes(s));
  const sort = params.get('sort');
  const from = params.get('deadlineFrom');
  const to = params.get('deadlineTo');
  return {
    q: (params.get('q') ?? '').slice(0, LIMITS.searchLength),
    group: optional(params.get('group')),
    lead: optional(params.get('lead')),
    status: [...new Set(status)],
    overdue: params.get('overdue') === 'true',
    deadlineFrom: from && ISO_DATE.test(from) ? from : undefined,
    deadlineTo: to && ISO_DATE.test(to) ? to : undefined,
    sort: (ITEM_SORT_KEYS as readonly string[]).includes(sort ?? '') ? (sort as ItemSort) : DEFAULTS.sort,
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
    page: positiveInt(params.get('page'), DEFAULTS.page),
    pageSize: positiveInt(params.get('pageSize'), DEFAULTS.pageSize, LIMITS.pageSizeMax),
  };
}

/** Only non-default values go into the URL, in a stable order. */
export function serializeTaskFilters(filters: TaskFilters): URLSearchParams {
  const params = new URLSearchParams();
  const put = (key: string, value: string | undefined, fallback?: string) => {
    if (value && value !== fallback) params.set(key, value);
  };
  put('q', filters.q.trim());
  put('group', filters.group);
  put('lead', filters.lead);
  put('status', filters.status.join(','));
  put('overdue', filters.overdue ? 'true' : undefined);
  put('deadlineFrom', filters.deadlineFrom);
  put('deadlineTo', filters.deadlineTo);
  put('sort', filters.sort, DEFAULTS.sort);
  put('order', filters.order, DEFAULTS.order);
  put('page', String(filters.page), String(DEFAULTS.page));
  put('pageSize', String(filters.pageSize), String(DEFAULTS.pageSize));
  return params;
}

export function toItemsQuery(filters: TaskFilters): PlanItemsQuery {
  return {
    q: filters.q.trim() || undefined,
    group: filters.group,
    lead: filters.lead,
    status: filters.status.length > 0 ? filters.status : undefined,
    overdue: filters.overdue || undefined,
    deadlineFrom: filters.deadlineFrom,
    deadlineTo: filters.deadlineTo,
    sort: filters.sort,
    order: filters.order,
    page: filters.page,
    pageSize: filters.pageSize,
  };
}

/** How many narrowing filters are on (for the "Bộ lọc (n)" badge on phones). */
export function activeFilterCount(f: TaskFilters): number {
  return [f.group, f.lead, f.status.length > 0, f.overdue, f.deadlineFrom || f.deadlineTo].filter(Boolean)
    .length;
}

export function useTaskFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseTaskFilters(params), [params]);

  /** Any change of what is shown goes back to page 1, unless the change is the page itself. */
  const update = useCallback(
    (patch: Partial<TaskFilters>, options: { replace?: boolean } = {}) => {
      setParams(
        (prev) => {
          const current = parseTaskFilters(prev);
          const pageOnly = Object.keys(patch).every((k) => k === 'page' || k === 'pageSize');
          const next = { ...current, ...patch, ...(pageOnly || 'page' in patch ? {} : { page: 1 }) };
          return serializeTaskFilters(next);
        },
        { replace: options.replace },
      );
    },
    [setParams],
  );

  const reset = useCallback(() => setParams(new URLSearchParams()), [setParams]);
  return { filters, update, reset };
}
