import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TGenerateSynthesisRequest,
  TLexicon,
  TLexiconPreview,
  TPreviewLexiconRequest,
  TRiskList,
  TRoundSynthesis,
  TSaveLexiconRequest,
  TSaveSynthesisRequest,
  TSynthesisVersionDetail,
  TSynthesisVersionList,
} from '../../../common/contracts/synthesis';
import { apiFetch } from './client';

export const synthesisKeys = {
  round: (roundId: string) => ['synthesis', 'round', roundId] as const,
  versions: (roundId: string) => ['synthesis', 'versions', roundId] as const,
  version: (roundId: string, version: number) => ['synthesis', 'version', roundId, version] as const,
  risks: (roundId: string) => ['synthesis', 'risks', roundId] as const,
  lexicon: ['synthesis', 'lexicon'] as const,
};

export function useRoundSynthesis(roundId: string | undefined) {
  return useQuery({
    queryKey: synthesisKeys.round(roundId ?? ''),
    queryFn: ({ signal }) => apiFetch<TRoundSynthesis>(`/rounds/${roundId}/synthesis`, { signal }),
    enabled: Boolean(roundId),
    staleTime: 0,
  });
}

export function useSynthesisVersions(roundId: string, enabled: boolean) {
  return useQuery({
    queryKey: synthesisKeys.versions(roundId),
    queryFn: ({ signal }) =>
      apiFetch<TSynthesisVersionList>(`/rounds/${roundId}/synthesis/versions`, { signal }),
    enabled,
    staleTime: 0,
  });
}

export function useSynthesisVersion(roundId: string, version: number | null) {
  return useQuery({
    queryKey: synthesisKeys.version(roundId, version ?? 0),
    queryFn: ({ signal }) =>
      apiFetch<TSynthesisVersionDetail>(`/rounds/${roundId}/synthesis/versions/${version}`, { signal }),
    enabled: version !== null,
  });
}

export function useRoundRisks(roundId: string, enabled: boolean) {
  return useQuery({
    queryKey: synthesisKeys.risks(roundId),
    queryFn: ({ signal }) => apiFetch<TRiskList>(`/rounds/${roundId}/risks`, { signal }),
    enabled,
    staleTime: 60_000,
  });
}

function useSynthesisMutation<T>(roundId: string, request: (body: T) => Promise<TRoundSynthesis>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (synthesis) => {
      queryClient.setQueryData(synthesisKeys.round(roundId), synthesis);
      void queryClient.invalidateQueries({ queryKey: synthesisKeys.versions(roundId) });
    },
  });
}

/** Drafts (again) from the round's sent reports, from the version shown (null before the first). */
export const useGenerateSynthesis = (roundId: string) =>
  useSynthesisMutation(roundId, (body: TGenerateSynthesisRequest) =>
    apiFetch<TRoundSynthesis>(`/rounds/${roundId}/synthesis/generate`, { method: 'POST', body }),
  );

/** Saves the secretariat's text from the version shown (409 when someone saved first). */
export const useSaveSynthesis = (roundId: string) =>
  useSynthesisMutation(roundId, (body: TSaveSynthesisRequest) =>
    apiFetch<TRoundSynthesis>(`/rounds/${roundId}/synthesis`, { method: 'PUT', body }),
  );

export function useLexicon() {
  return useQuery({
    queryKey: synthesisKeys.lexicon,
    queryFn: ({ signal }) => apiFetch<TLexicon>('/synthesis-lexicon', { signal }),
    staleTime: 0,
  });
}

export function useSaveLexicon() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TSaveLexiconRequest) =>
      apiFetch<TLexicon>('/synthesis-lexicon', { method: 'PUT', body }),
    onSuccess: (lexicon) => queryClient.setQueryData(synthesisKeys.lexicon, lexicon),
  });
}

export function usePreviewLexicon() {
  return useMutation({
    mutationFn: (body: TPreviewLexiconRequest) =>
      apiFetch<TLexiconPreview>('/synthesis-lexicon/preview', { method: 'POST', body }),
  });
}
