import { useEffect, useSyncExternalStore } from 'react';
import { usePlans } from '../api/plans';

/** The plan the user last looked at, so "Nhiệm vụ" and "Đơn vị" links stay within it. */
const STORAGE_KEY = 'lo-trinh.plan';
const listeners = new Set<() => void>();

function readStored(): string | undefined {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

let remembered = readStored();

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useRememberPlan(planId: string | undefined) {
  useEffect(() => {
    if (!planId || planId === remembered) return;
    remembered = planId;
    try {
      localStorage.setItem(STORAGE_KEY, planId);
    } catch {
      // private mode: remembered for this tab only
    }
    for (const listener of listeners) listener();
  }, [planId]);
}

/** The newest active plan (or, failing that, the newest plan of any status). */
export function useDefaultPlan() {
  const active = usePlans({ status: 'active', sort: 'issueDate', order: 'desc', pageSize: 1 });
  const noActive = active.isSuccess && active.data.items.length === 0;
  const any = usePlans({ sort: 'issueDate', order: 'desc', pageSize: 1 }, { enabled: noActive });
  const plan = active.data?.items[0] ?? (noActive ? any.data?.items[0] : undefined);
  return {
    plan,
    isLoading: active.isLoading || (noActive && any.isLoading),
    error: active.error ?? (noActive ? any.error : null),
    refetch: active.refetch,
  };
}

/** For navigation: the remembered plan if any, else the default one. */
export function useCurrentPlanId(): string | undefined {
  const stored = useSyncExternalStore(subscribe, () => remembered);
  const { plan } = useDefaultPlan();
  return stored ?? plan?.id;
}
