import { useIsFetching, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { dashboardKeys } from '../../api/dashboard';

/** The time (HH:mm:ss) the dashboard's figures were last confirmed by the server, updated by each poll. */
export function useFreshness(): string | null {
  const client = useQueryClient();
  const fetching = useIsFetching({ queryKey: dashboardKeys.all });
  const [at, setAt] = useState<string | null>(null);
  useEffect(() => {
    if (fetching > 0) return;
    const times = client
      .getQueryCache()
      .findAll({ queryKey: dashboardKeys.all })
      .map((q) => q.state.dataUpdatedAt)
      .filter((n) => n > 0);
    if (times.length === 0) return;
    setAt(
      new Date(Math.max(...times)).toLocaleTimeString('vi-VN', {
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        timeZone: 'Asia/Ho_Chi_Minh',
      }),
    );
  }, [fetching, client]);
  return at;
}
