import {
  keepPreviousData,
  type QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type {
  TCreatePlanItemRequest,
  TListPlanItemsQuery,
  TPlanItemDetail,
  TPlanItemHistory,
  TPlanItemList,
  TUpdatePlanItemRequest,
} from '../../../common';
import { apiFetch } from './client';
import { planKeys } from './plans';

export type PlanItemsQuery = Partial<TListPlanItemsQuery>;

export const itemKeys = {
  all: ['items'] as const,
  lists: (planId: string) => ['items', 'list', planId] as const,
  list: (planId: string, query: PlanItemsQuery) => ['items', 'list', planId, query] as const,
  detail: (id: string) => ['items', 'detail', id] as const,
  history: (id: string) => ['items', 'history', id] as const,
};

export function usePlanItems(planId: string | undefined, query: PlanItemsQuery) {
  return useQuery({
    queryKey: itemKeys.list(planId ?? '', query),
    queryFn: ({ signal }) => apiFetch<TPlanItemList>(`/plans/${planId}/items`, { query, signal }),
    enabled: Boolean(planId),
    placeholderData: keepPreviousData,
  });
}

export function useItem(id: string | undefined) {
  return useQuery({
    queryKey: itemKeys.detail(id ?? ''),
    queryFn: ({ signal }) => apiFetch<TPlanItemDetail>(`/items/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

export function useItemHistory(id: string | undefined) {
  return useQuery({
    queryKey: itemKeys.history(id ?? ''),
    queryFn: ({ signal }) => apiFetch<TPlanItemHistory>(`/items/${id}/history`, { signal }),
    enabled: Boolean(id),
  });
}

/** After any write: the item itself is fresh; lists, the tree and the plan's counts are not. */
function afterWrite(queryClient: QueryClient, item: TPlanItemDetail) {
  queryClient.setQueryData(itemKeys.detail(item.id), item);
  void queryClient.invalidateQueries({ queryKey: itemKeys.history(item.id) });
  void queryClient.invalidateQueries({ queryKey: itemKeys.lists(item.planId) });
  void queryClient.invalidateQueries({ queryKey: planKeys.tree(item.planId) });
  void queryClient.invalidateQueries({ queryKey: planKeys.detail(item.planId) });
  void queryClient.invalidateQueries({ queryKey: ['org-units'] });
}

export function useCreateItem(planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreatePlanItemRequest) =>
      apiFetch<TPlanItemDetail>(`/plans/${planId}/items`, { method: 'POST', body }),
    onSuccess: (item) => afterWrite(queryClient, item),
  });
}

export function useUpdateItem(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdatePlanItemRequest) =>
      apiFetch<TPlanItemDetail>(`/items/${id}`, { method: 'PATCH', body }),
    onSuccess: (item) => afterWrite(queryClient, item),
  });
}

export function useArchiveItem(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, version }: { action: 'archive' | 'restore'; version: number }) =>
      apiFetch<TPlanItemDetail>(`/items/${id}/${action}`, { method: 'POST', body: { version } }),
    onSuccess: (item) => afterWrite(queryClient, item),
  });
}
