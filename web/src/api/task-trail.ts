import { useQuery } from '@tanstack/react-query';
import type { TTaskTrail } from '../../../common/contracts/task-trail';
import { apiFetch } from './client';

export const trailKeys = {
  item: (itemId: string) => ['items', 'trail', itemId] as const,
};

/** A task's reports round by round (only those the caller may read). */
export function useTaskTrail(itemId: string | undefined) {
  return useQuery({
    queryKey: trailKeys.item(itemId ?? ''),
    queryFn: ({ signal }) => apiFetch<TTaskTrail>(`/items/${itemId}/trail`, { signal }),
    enabled: Boolean(itemId),
  });
}

/** Where a trail's evidence file downloads from (the report's own evidence route). */
export const evidenceHref = (reportId: string, evidenceId: string) =>
  `/api/reports/${reportId}/evidence/${evidenceId}`;
