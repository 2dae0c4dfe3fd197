import { useQuery } from '@tanstack/react-query';
import type { TInbox } from '../../../common/contracts/inbox';
import { apiFetch } from './client';

export const inboxKeys = {
  all: ['inbox'] as const,
};

/** The badge in the navigation reads it too: fresh on every visit, and every few minutes. */
const INBOX_REFRESH_MS = 5 * 60_000;

export function useInbox(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: inboxKeys.all,
    queryFn: ({ signal }) => apiFetch<TInbox>('/inbox', { signal }),
    enabled: options.enabled ?? true,
    staleTime: 15_000,
    refetchInterval: INBOX_REFRESH_MS,
  });
}

/** Everything waiting for the user, across the four lists. */
export function inboxTotal(inbox: TInbox | undefined): number {
  if (!inbox) return 0;
  return inbox.toFill.length + inbox.returned.length + inbox.toApprove.length + inbox.toReview.length;
}
