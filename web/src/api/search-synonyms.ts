import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCreateSynonymGroupRequest,
  TSynonymGroup,
  TSynonymGroupList,
  TUpdateSynonymGroupRequest,
} from '../../../common/contracts/search-synonyms';
import { apiFetch } from './client';

const KEY = ['search-synonyms'] as const;

export function useSynonymGroups() {
  return useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => apiFetch<TSynonymGroupList>('/search-synonyms', { signal }),
    select: (data) => data.items,
  });
}

/** Create (no id) or update (id and version) a group; every search after it uses the new forms. */
export function useSaveSynonymGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id?: string } & (TCreateSynonymGroupRequest | TUpdateSynonymGroupRequest)) => {
      const { id, ...body } = input;
      return id
        ? apiFetch<TSynonymGroup>(`/search-synonyms/${id}`, { method: 'PUT', body })
        : apiFetch<TSynonymGroup>('/search-synonyms', { method: 'POST', body });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useDeleteSynonymGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (group: { id: string; version: number }) =>
      apiFetch<null>(`/search-synonyms/${group.id}`, { method: 'DELETE', query: { version: group.version } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
