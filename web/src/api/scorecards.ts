import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ScorecardPeerGroup,
  TCreateScorecardFormulaRequest,
  TScorecardDetail,
  TScorecardFormula,
  TScorecardFormulaList,
  TScorecardList,
} from '../../../common/contracts/scorecards';
import { apiFetch, toSearchParams } from './client';

export interface ScorecardListQuery {
  period: string;
  kind: ScorecardPeerGroup;
}

export const scorecardKeys = {
  all: ['scorecards'] as const,
  list: (query: ScorecardListQuery) => ['scorecards', 'list', query] as const,
  card: (orgUnitId: string, period: string) => ['scorecards', 'card', orgUnitId, period] as const,
  formulas: ['scorecards', 'formulas'] as const,
};

export function useScorecards(query: ScorecardListQuery) {
  return useQuery({
    queryKey: scorecardKeys.list(query),
    queryFn: ({ signal }) => apiFetch<TScorecardList>('/scorecards', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useScorecard(orgUnitId: string | undefined, period: string) {
  return useQuery({
    queryKey: scorecardKeys.card(orgUnitId ?? '', period),
    queryFn: ({ signal }) =>
      apiFetch<TScorecardDetail>(`/scorecards/${orgUnitId}`, { query: { period }, signal }),
    enabled: Boolean(orgUnitId),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useScorecardFormulas() {
  return useQuery({
    queryKey: scorecardKeys.formulas,
    queryFn: ({ signal }) => apiFetch<TScorecardFormulaList>('/scorecards/formulas', { signal }),
  });
}

/** A new version of the weights; every scorecard not yet published is scored with it from now on. */
export function useCreateScorecardFormula() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TCreateScorecardFormulaRequest) =>
      apiFetch<TScorecardFormula>('/scorecards/formulas', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scorecardKeys.all }),
  });
}

export function usePublishScorecards() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (period: string) =>
      apiFetch<{ period: string; formulaVersion: number; units: number }>('/scorecards/publications', {
        method: 'POST',
        body: { period },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scorecardKeys.all }),
  });
}

/** The ranked table as XLSX, as the reader sees it (a plain link: the session cookie goes along). */
export const scorecardsXlsxUrl = (query: ScorecardListQuery) =>
  `/api/scorecards.xlsx${toSearchParams({ ...query })}`;
