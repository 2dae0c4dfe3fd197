import { Select } from 'antd';
import { useMemo } from 'react';
import type { TPlanTreeNode } from '../../../../common';
import { ORG_UNIT_KINDS } from '../../../../common/enums';
import { periodLabel } from '../../../../common/periods';
import { usePlans, usePlanTree } from '../../api/plans';
import { useRounds } from '../../api/rounds';
import { useT } from '../../i18n';
import type { DashboardFilters } from './filters';

/** Groups to two levels, indented: a leader picks a part of the plan, not a leaf. */
function groupOptions(nodes: TPlanTreeNode[], depth = 0): { value: string; label: string }[] {
  return nodes
    .filter((n) => n.kind === 'group')
    .flatMap((n) => [
      { value: n.id, label: `${'\u2003'.repeat(depth)}${n.code} ${n.title}` },
      ...(depth < 1 ? groupOptions(n.children, depth + 1) : []),
    ]);
}

/** Plan, round, group and kind of unit; every choice goes into the URL. */
export function FiltersBar({
  planId,
  filters,
  update,
}: {
  planId: string;
  filters: DashboardFilters;
  update: (patch: Partial<DashboardFilters>) => void;
}) {
  const t = useT();
  const plans = usePlans({ pageSize: 50 });
  const rounds = useRounds({ planId, pageSize: 100 });
  const tree = usePlanTree(planId);
  const periods = useMemo(() => [...new Set((rounds.data?.items ?? []).map((r) => r.period))], [rounds.data]);
  const groups = useMemo(() => groupOptions(tree.data?.roots ?? []), [tree.data]);
  return (
    <search
      className="lt-dash-filters"
      aria-label={t.dashboard.filters.label}
      data-testid="dashboard-filters"
    >
      {(plans.data?.items.length ?? 0) > 1 ? (
        <Select
          aria-label={t.nav.plan}
          value={planId}
          onChange={(value) => update({ planId: value, period: undefined, group: undefined })}
          options={plans.data!.items.map((p) => ({ value: p.id, label: p.number }))}
          style={{ minWidth: 140 }}
        />
      ) : null}
      <Select
        aria-label={t.dashboard.filters.period}
        value={filters.period ?? ''}
        onChange={(value) => update({ period: value || undefined })}
        options={[
          { value: '', label: t.dashboard.filters.periodCurrent },
          ...periods.map((p) => ({ value: p, label: periodLabel(p) })),
        ]}
        style={{ minWidth: 160 }}
        data-testid="filter-period"
      />
      <Select
        aria-label={t.dashboard.filters.group}
        value={filters.group ?? ''}
        onChange={(value) => update({ group: value || undefined })}
        options={[{ value: '', label: t.dashboard.filters.groupAll }, ...groups]}
        style={{ minWidth: 220, maxWidth: 420 }}
        popupMatchSelectWidth={false}
        showSearch={{ optionFilterProp: 'label' }}
        data-testid="filter-group"
      />
      <Select
        aria-label={t.dashboard.filters.unitKind}
        value={filters.unitKind ?? ''}
        onChange={(value) => update({ unitKind: (value || undefined) as DashboardFilters['unitKind'] })}
        options={[
          { value: '', label: t.dashboard.filters.unitKindAll },
          ...ORG_UNIT_KINDS.map((k) => ({ value: k, label: t.orgUnitKind[k] })),
        ]}
        style={{ minWidth: 170 }}
        data-testid="filter-kind"
      />
    </search>
  );
}
