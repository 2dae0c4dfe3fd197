import { useQuery } from '@tanstack/react-query';
import type { TUnitOverview } from '../../../common/contracts/unit-overview';
import { apiFetch } from './client';

export const unitOverviewKeys = {
  unit: (orgUnitId: string) => ['dashboard', 'unit', orgUnitId] as const,
};

/** An agency or a commune at a glance: its tasks, reporting record and indicators. */
export function useUnitOverview(orgUnitId: string | undefined) {
  return useQuery({
    queryKey: unitOverviewKeys.unit(orgUnitId ?? ''),
    queryFn: ({ signal }) => apiFetch<TUnitOverview>(`/dashboard/units/${orgUnitId}`, { signal }),
    enabled: Boolean(orgUnitId),
  });
}
