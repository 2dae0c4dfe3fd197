import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TPublication,
  TPublicationList,
  TPublicationPreview,
  TPublicFlagList,
  TSetPublicFlagsRequest,
} from '../../../../common/contracts/publishing';
import { apiFetch } from '../../api/client';

export const publishingKeys = {
  all: ['publications'] as const,
  list: ['publications', 'list'] as const,
  preview: ['publications', 'preview'] as const,
  flags: (planId: string) => ['publications', 'flags', planId] as const,
};

export function usePublications() {
  return useQuery({
    queryKey: publishingKeys.list,
    queryFn: ({ signal }) => apiFetch<TPublicationList>('/publications', { signal }),
  });
}

/** What a publication made now would hold: always fresh, it is the basis of the decision. */
export function usePublicationPreview() {
  return useQuery({
    queryKey: publishingKeys.preview,
    queryFn: ({ signal }) => apiFetch<TPublicationPreview>('/publications/preview', { signal }),
    staleTime: 0,
  });
}

export function usePublicFlags(planId: string | undefined) {
  return useQuery({
    queryKey: publishingKeys.flags(planId ?? ''),
    queryFn: ({ signal }) =>
      apiFetch<TPublicFlagList>('/publications/plan-items', { query: { planId: planId! }, signal }),
    enabled: Boolean(planId),
  });
}

export function usePublish() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (note: string) =>
      apiFetch<TPublication>('/publications', { method: 'POST', body: note ? { note } : {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: publishingKeys.all }),
  });
}

export function useWithdraw() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<TPublication>(`/publications/${id}/withdraw`, { method: 'POST', body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: publishingKeys.all }),
  });
}

export function useSetPublicFlags() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TSetPublicFlagsRequest) =>
      apiFetch<{ changed: number }>('/publications/plan-items', { method: 'PUT', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: publishingKeys.all }),
  });
}
