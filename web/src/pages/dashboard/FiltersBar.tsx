import { useMemo } from 'react';
import type { TPlanTreeNode } from '../../../../common';
import { ORG_UNIT_KINDS } from '../../../../common/enums';
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
  // one entry per period, named by its latest round's title: the dashboard picks a round by its period
  const periods = useMemo(() => {
    const byPeriod = new Map<string, string>();
    for (const r of rounds.data?.items ?? []) if (!byPeriod.has(r.period)) byPeriod.set(r.period, r.title);
    return [...byPeriod].map(([value, label]) => ({ value, label }));
  }, [rounds.data]);
  const groups = useMemo(() => groupOptions(tree.data?.roots ?? []), [tree.data]);
  // native selects: antd's Select would add ~30 KB of JavaScript to the leader's first screen
  return (
    <search
      className="lt-dash-filters"
      aria-label={t.dashboard.filters.label}
      data-testid="dashboard-filters"
    >
      {(plans.data?.items.length ?? 0) > 1 ? (
        <NativeSelect
          label={t.nav.plan}
          value={planId}
          onChange={(value) => update({ planId: value, period: undefined, group: undefined })}
          options={plans.data!.items.map((p) => ({ value: p.id, label: p.number }))}
        />
      ) : null}
      <NativeSelect
        label={t.dashboard.filters.period}
        value={filters.period ?? ''}
        onChange={(value) => update({ period: value || undefined })}
        options={[{ value: '', label: t.dashboard.filters.periodCurrent }, ...periods]}
        testId="filter-period"
      />
      <NativeSelect
        label={t.dashboard.filters.group}
        value={filters.group ?? ''}
        onChange={(value) => update({ group: value || undefined })}
        options={[{ value: '', label: t.dashboard.filters.groupAll }, ...groups]}
        testId="filter-group"
      />
      <NativeSelect
        label={t.dashboard.filters.unitKind}
        value={filters.unitKind ?? ''}
        onChange={(value) => update({ unitKind: (value || undefined) as DashboardFilters['unitKind'] })}
        options={[
          { value: '', label: t.dashboard.filters.unitKindAll },
          ...ORG_UNIT_KINDS.map((k) => ({ value: k, label: t.orgUnitKind[k] })),
        ]}
        testId="filter-kind"
      />
    </search>
  );
}

function NativeSelect({
  label,
  value,
  onChange,
  options,
  testId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  testId?: string;
}) {
  return (
    <label className="lt-dash-select">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
