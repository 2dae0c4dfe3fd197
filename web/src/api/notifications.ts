import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TNotificationList } from '../../../common/contracts/inbox';
import { apiFetch } from './client';

export const notificationKeys = {
  all: ['notifications'] as const,
};

/**
 * Modest polling for slow links and phones: once a minute while the tab is visible (TanStack
 * Query pauses it in the background), and when the user comes back to the tab.
 */
const NOTIFICATIONS_REFRESH_MS = 60_000;

export function useNotifications(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: notificationKeys.all,
    queryFn: ({ signal }) => apiFetch<TNotificationList>('/notifications', { signal }),
    enabled: options.enabled ?? true,
    staleTime: 30_000,
    refetchInterval: NOTIFICATIONS_REFRESH_MS,
    refetchOnWindowFocus: true,
  });
}

/** Marks one read; the bell updates at once, the server's answer follows with the next poll. */
export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/notifications/${id}/read`, { method: 'POST' }),
    onMutate: (id) => {
      queryClient.setQueryData<TNotificationList>(notificationKeys.all, (list) => {
        const target = list?.items.find((n) => n.id === id);
        if (!list || !target || target.read) return list;
        return {
          items: list.items.map((n) => (n.id === id ? { ...n, read: true } : n)),
          unread: Math.max(0, list.unread - 1),
        };
      });
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<void>('/notifications/read-all', { method: 'POST' }),
    onMutate: () => {
      queryClient.setQueryData<TNotificationList>(notificationKeys.all, (list) =>
        list ? { items: list.items.map((n) => ({ ...n, read: true })), unread: 0 } : list,
      );
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
