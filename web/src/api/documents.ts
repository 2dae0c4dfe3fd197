import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCreateDocumentRequest,
  TDocument,
  TDocumentList,
  TIssueDocumentRequest,
  TUpdateDocumentRequest,
} from '../../../common/contracts/documents';
import { apiFetch } from './client';

export const documentKeys = {
  all: ['documents'] as const,
  list: (roundId: string) => ['documents', 'list', roundId] as const,
  detail: (id: string) => ['documents', 'detail', id] as const,
};

/** The round's report documents the reader may see (the province's, its units'). */
export function useRoundDocuments(roundId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: documentKeys.list(roundId ?? ''),
    queryFn: ({ signal }) => apiFetch<TDocumentList>('/documents', { query: { roundId }, signal }),
    enabled: Boolean(roundId) && enabled,
    staleTime: 0,
  });
}

export function useDocument(id: string | undefined) {
  return useQuery({
    queryKey: documentKeys.detail(id ?? ''),
    queryFn: ({ signal }) => apiFetch<TDocument>(`/documents/${id}`, { signal }),
    enabled: Boolean(id),
    staleTime: 0,
  });
}

function useDocumentMutation<T>(request: (body: T) => Promise<TDocument>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (document) => {
      queryClient.setQueryData(documentKeys.detail(document.id), document);
      void queryClient.invalidateQueries({ queryKey: documentKeys.list(document.roundId) });
    },
  });
}

/** Drafts a report from the round's accepted reports. */
export const useCreateDocument = () =>
  useDocumentMutation((body: TCreateDocumentRequest) =>
    apiFetch<TDocument>('/documents', { method: 'POST', body }),
  );

/** Saves the header and the sections from the version shown (409 when someone saved first). */
export const useUpdateDocument = (id: string) =>
  useDocumentMutation((body: TUpdateDocumentRequest) =>
    apiFetch<TDocument>(`/documents/${id}`, { method: 'PATCH', body }),
  );

export const useIssueDocument = (id: string) =>
  useDocumentMutation((body: TIssueDocumentRequest) =>
    apiFetch<TDocument>(`/documents/${id}/issue`, { method: 'POST', body }),
  );

/** Same-origin download addresses; the session cookie goes along. */
export const documentFiles = {
  draftDocx: (id: string) => `/api/documents/${id}/draft.docx`,
  draftPdf: (id: string) => `/api/documents/${id}/draft.pdf`,
  draftAnnexes: (id: string) => `/api/documents/${id}/draft-annexes.xlsx`,
  versionDocx: (id: string, no: number) => `/api/documents/${id}/versions/${no}/report.docx`,
  versionPdf: (id: string, no: number) => `/api/documents/${id}/versions/${no}/report.pdf`,
  versionAnnexes: (id: string, no: number) => `/api/documents/${id}/versions/${no}/annexes.xlsx`,
};
