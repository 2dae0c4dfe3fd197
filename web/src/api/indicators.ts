import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCreateIndicatorRequest,
  TIndicator,
  TIndicatorList,
  TListIndicatorsQuery,
  TUpdateIndicatorRequest,
} from '../../../common/contracts/indicators';
import { apiFetch } from './client';

/** Filters as the query string carries them (lists and booleans as the API reads them). */
export type IndicatorsQuery = Partial<
  Omit<
    TListIndicatorsQuery,
    'frequency' | 'computed' | 'includeArchived' | 'attainment' | 'withAttainment'
  > & {
    withAttainment: boolean;
    frequency: readonly string[];
    attainment: readonly string[];
    computed: boolean;
    includeArchived: boolean;
  }
>;

export const indicatorKeys = {
  all: ['indicators'] as const,
  list: (query: IndicatorsQuery) => ['indicators', 'list', query] as const,
  detail: (id: string) => ['indicators', 'detail', id] as const,
};

/** The whole catalogue (about 150 indicators at most): for pickers and for joining to other data. */
const CATALOGUE_PAGE = { page: 1, pageSize: 500 } as const;
const CATALOGUE_STALE_MS = 5 * 60_000;

export function useIndicators(query: IndicatorsQuery) {
  return useQuery({
    queryKey: indicatorKeys.list(query),
    queryFn: ({ signal }) => apiFetch<TIndicatorList>('/indicators', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useIndicatorCatalogue() {
  return useQuery({
    queryKey: indicatorKeys.list(CATALOGUE_PAGE),
    queryFn: ({ signal }) => apiFetch<TIndicatorList>('/indicators', { query: CATALOGUE_PAGE, signal }),
    staleTime: CATALOGUE_STALE_MS,
    select: (data) => data.items,
  });
}

export function useIndicator(id: string | undefined) {
  return useQuery({
    queryKey: indicatorKeys.detail(id ?? ''),
    queryFn: ({ signal }) => apiFetch<TIndicator>(`/indicators/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

export function useIndicatorMutations() {
  const queryClient = useQueryClient();
  const onSuccess = (indicator: TIndicator) => {
    queryClient.setQueryData(indicatorKeys.detail(indicator.id), indicator);
    void queryClient.invalidateQueries({ queryKey: ['indicators', 'list'] });
    // the entry grid shows targets and rules
    void queryClient.invalidateQueries({ queryKey: ['data-values'] });
  };
  const create = useMutation({
    mutationFn: (body: TCreateIndicatorRequest) =>
      apiFetch<TIndicator>('/indicators', { method: 'POST', body }),
    onSuccess,
  });
  const update = useMutation({
    mutationFn: ({ id, ...body }: TUpdateIndicatorRequest & { id: string }) =>
      apiFetch<TIndicator>(`/indicators/${id}`, { method: 'PATCH', body }),
    onSuccess,
  });
  return { create, update };
}
