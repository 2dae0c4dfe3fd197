import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CatalogueSheet,
  TBudgetLine,
  TCatalogueImportPreview,
  TCreateBudgetLineRequest,
  TCreatePolicyRequest,
  TCreateProgrammeRequest,
  TListBudgetLinesQuery,
  TListPoliciesQuery,
  TListProgrammesQuery,
  TPolicy,
  TProgramme,
  TUpdateBudgetLineRequest,
  TUpdatePolicyRequest,
  TUpdateProgrammeRequest,
} from '../../../../common/contracts/programmes';
import { apiFetch } from '../../api/client';

type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
export type BudgetLinePage = Page<TBudgetLine> & {
  totals: {
    allocated: number;
    disbursed: number;
    byYear: { year: number; allocated: number; disbursed: number }[];
    bySource: { source: TBudgetLine['source']; allocated: number; disbursed: number }[];
  };
};

/** Everything of the catalogue is invalidated together: a line changes its programme's sums. */
const ALL = ['programme-catalogue'] as const;
const keys = {
  programmes: (q: Partial<TListProgrammesQuery>) => [...ALL, 'programmes', q] as const,
  policies: (q: Partial<TListPoliciesQuery>) => [...ALL, 'policies', q] as const,
  lines: (q: Partial<TListBudgetLinesQuery>) => [...ALL, 'lines', q] as const,
};

export function useProgrammes(query: Partial<TListProgrammesQuery>) {
  return useQuery({
    queryKey: keys.programmes(query),
    queryFn: ({ signal }) => apiFetch<Page<TProgramme>>('/programmes', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function usePolicies(query: Partial<TListPoliciesQuery>) {
  return useQuery({
    queryKey: keys.policies(query),
    queryFn: ({ signal }) => apiFetch<Page<TPolicy>>('/support-policies', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useBudgetLines(query: Partial<TListBudgetLinesQuery>, enabled = true) {
  return useQuery({
    queryKey: keys.lines(query),
    queryFn: ({ signal }) => apiFetch<BudgetLinePage>('/budget-lines', { query, signal }),
    enabled,
  });
}

function useCatalogueMutation<I, O>(run: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => queryClient.invalidateQueries({ queryKey: ALL }) });
}

export const useSaveProgramme = () =>
  useCatalogueMutation(
    ({ id, body }: { id?: string; body: TCreateProgrammeRequest | TUpdateProgrammeRequest }) =>
      id
        ? apiFetch<TProgramme>(`/programmes/${id}`, { method: 'PATCH', body })
        : apiFetch<TProgramme>('/programmes', { method: 'POST', body }),
  );

export const useSavePolicy = () =>
  useCatalogueMutation(({ id, body }: { id?: string; body: TCreatePolicyRequest | TUpdatePolicyRequest }) =>
    id
      ? apiFetch<TPolicy>(`/support-policies/${id}`, { method: 'PATCH', body })
      : apiFetch<TPolicy>('/support-policies', { method: 'POST', body }),
  );

export const useArchive = () =>
  useCatalogueMutation(
    ({
      path,
      id,
      version,
      archived,
    }: {
      path: 'programmes' | 'support-policies';
      id: string;
      version: number;
      archived: boolean;
    }) =>
      apiFetch<unknown>(`/${path}/${id}/${archived ? 'archive' : 'restore'}`, {
        method: 'POST',
        body: { version },
      }),
  );

export const useSaveBudgetLine = () =>
  useCatalogueMutation(
    ({ id, body }: { id?: string; body: TCreateBudgetLineRequest | TUpdateBudgetLineRequest }) =>
      id
        ? apiFetch<TBudgetLine>(`/budget-lines/${id}`, { method: 'PATCH', body })
        : apiFetch<TBudgetLine>('/budget-lines', { method: 'POST', body }),
  );

export const useDeleteBudgetLine = () =>
  useCatalogueMutation((line: { id: string; version: number }) =>
    apiFetch<null>(`/budget-lines/${line.id}`, { method: 'DELETE', query: { version: line.version } }),
  );

/** Plain links: the browser downloads them. */
export const templateUrl = (kind: CatalogueSheet) => `/api/programme-catalogue/template.xlsx?kind=${kind}`;
export const exportUrl = (kind: CatalogueSheet) => `/api/programme-catalogue/export.xlsx?kind=${kind}`;

const asFile = (file: File) => new Blob([file], { type: 'application/octet-stream' });

export function previewImport(kind: CatalogueSheet, file: File) {
  return apiFetch<TCatalogueImportPreview>('/programme-catalogue/import/preview', {
    method: 'POST',
    query: { kind },
    body: asFile(file),
  });
}

export const useImport = () =>
  useCatalogueMutation(({ kind, file }: { kind: CatalogueSheet; file: File }) =>
    apiFetch<TCatalogueImportPreview>('/programme-catalogue/import', {
      method: 'POST',
      query: { kind },
      body: asFile(file),
    }),
  );
