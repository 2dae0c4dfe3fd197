import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TListPlansQuery, TPlan, TPlanList, TPlanTree } from '../../../common';
import { apiFetch } from './client';

export type PlansQuery = Partial<TListPlansQuery>;

export const planKeys = {
  all: ['plans'] as const,
  list: (query: PlansQuery) => ['plans', 'list', query] as const,
  detail: (id: string) => ['plans', 'detail', id] as const,
  tree: (id: string) => ['plans', 'tree', id] as const,
};

export function fetchPlans(query: PlansQuery, signal?: AbortSignal) {
  return apiFetch<TPlanList>('/plans', { query, signal });
}

export function usePlans(query: PlansQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: planKeys.list(query),
    queryFn: ({ signal }) => fetchPlans(query, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function usePlan(id: string | undefined) {
  return useQuery({
    queryKey: planKeys.detail(id ?? ''),
    queryFn: ({ signal }) => apiFetch<TPlan>(`/plans/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

export function usePlanTree(id: string | undefined) {
  return useQuery({
    queryKey: planKeys.tree(id ?? ''),
    queryFn: ({ signal }) => apiFetch<TPlanTree>(`/plans/${id}/tree`, { signal }),
    enabled: Boolean(id),
  });
}
