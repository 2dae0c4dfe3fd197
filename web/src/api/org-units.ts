import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { TListOrgUnitsQuery, TOrgUnit, TOrgUnitList, TOrgUnitTree } from '../../../common';
import { LIMITS } from '../../../common/limits';
import { apiFetch } from './client';

export type OrgUnitsQuery = Partial<TListOrgUnitsQuery>;

export const orgUnitKeys = {
  all: ['org-units'] as const,
  list: (query: OrgUnitsQuery) => ['org-units', 'list', query] as const,
  tree: ['org-units', 'tree'] as const,
  detail: (id: string) => ['org-units', 'detail', id] as const,
};

/** The unit register changes rarely; pickers and labels share one cached copy. */
const ORG_UNITS_STALE_MS = 5 * 60_000;

export function useOrgUnits(query: OrgUnitsQuery) {
  return useQuery({
    queryKey: orgUnitKeys.list(query),
    queryFn: ({ signal }) => apiFetch<TOrgUnitList>('/org-units', { query, signal }),
    staleTime: ORG_UNITS_STALE_MS,
  });
}

/** Every active unit, for pickers (the province has a few hundred). */
export function useAllOrgUnits() {
  const query = useOrgUnits({ pageSize: LIMITS.treePageSizeMax, sort: 'name' });
  const items = query.data?.items;
  const byId = useMemo(() => new Map((items ?? []).map((u) => [u.id, u])), [items]);
  return { ...query, units: items ?? [], byId };
}

export function useOrgUnitTree() {
  return useQuery({
    queryKey: orgUnitKeys.tree,
    queryFn: ({ signal }) => apiFetch<TOrgUnitTree>('/org-units/tree', { signal }),
    staleTime: ORG_UNITS_STALE_MS,
  });
}

export function useOrgUnit(id: string | undefined) {
  return useQuery({
    queryKey: orgUnitKeys.detail(id ?? ''),
    queryFn: ({ signal }) => apiFetch<TOrgUnit>(`/org-units/${id}`, { signal }),
    enabled: Boolean(id),
    staleTime: ORG_UNITS_STALE_MS,
  });
}
