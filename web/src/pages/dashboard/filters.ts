import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { TDashboardQuery } from '../../../../common/contracts/dashboard';
import { ORG_UNIT_KINDS, type OrgUnitKind } from '../../../../common/enums';
import { useCurrentPlanId } from '../../app/current-plan';

/** The dashboard's filters as they sit in the URL (?plan=…&period=…&group=…&kind=…). */
export interface DashboardFilters {
  planId?: string;
  period?: string;
  group?: string;
  unitKind?: OrgUnitKind;
}

/** 2026, 2026M03, 2026Q1, 2026S1, 2026N9 (common/periods.ts would bring zod into the page). */
const PERIOD = /^20\d{2}(M(0[1-9]|1[0-2])|Q[1-4]|S1|N9)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Malformed values are dropped rather than sent on to a 400. */
export function parseDashboardFilters(params: URLSearchParams): DashboardFilters {
  const plan = params.get('plan') ?? '';
  const period = params.get('period') ?? '';
  const group = params.get('group') ?? '';
  const kind = params.get('kind') ?? '';
  return {
    planId: UUID.test(plan) ? plan : undefined,
    period: PERIOD.test(period) ? period : undefined,
    group: UUID.test(group) ? group : undefined,
    unitKind: (ORG_UNIT_KINDS as readonly string[]).includes(kind) ? (kind as OrgUnitKind) : undefined,
  };
}

export function serializeDashboardFilters(f: DashboardFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (f.planId) params.set('plan', f.planId);
  if (f.period) params.set('period', f.period);
  if (f.group) params.set('group', f.group);
  if (f.unitKind) params.set('kind', f.unitKind);
  return params;
}

/** The filters, the API query they make (the plan defaults to the current one) and a setter. */
export function useDashboardFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseDashboardFilters(params), [params]);
  const currentPlanId = useCurrentPlanId();
  const planId = filters.planId ?? currentPlanId;
  const query = useMemo<TDashboardQuery | undefined>(
    () =>
      planId
        ? {
            planId,
            ...(filters.period ? { period: filters.period } : {}),
            ...(filters.group ? { group: filters.group } : {}),
            ...(filters.unitKind ? { unitKind: filters.unitKind } : {}),
          }
        : undefined,
    [planId, filters.period, filters.group, filters.unitKind],
  );
  const update = useCallback(
    (patch: Partial<DashboardFilters>) =>
      setParams((prev) => serializeDashboardFilters({ ...parseDashboardFilters(prev), ...patch }), {
        replace: true,
      }),
    [setParams],
  );
  return { filters, query, update };
}
