import type { TCommuneMapUnit } from '../../../common/contracts/geo';
import type { PeriodType } from '../../../common/periods';
import { periodType } from '../../../common/periods';
import type { Executor } from '../../db/client';
import type { ReadScope } from '../../policy';
import { runAnalytics } from '../analytics/service';
import type { MapUnit } from './queries';

/**
 * Each commune's figure of one indicator for one period, from the analytics service (the unit's
 * own value merged with its live roll-up, the org and time rules applied, formulas evaluated):
 * one breakdown by child unit per parent of communes — one for a province whose communes sit
 * right under it. A figure outside the reader's scope is withheld, never sent.
 */
export async function indicatorLayer(
  db: Executor,
  options: { units: MapUnit[]; indicator: string; period: string; scope: ReadScope },
): Promise<TCommuneMapUnit[]> {
  const { units, indicator, period, scope } = options;
  const visible = scope.all ? null : new Set(scope.orgUnitIds);
  const wanted = units.filter((u) => visible === null || visible.has(u.id));
  const parents = [...new Set(wanted.map((u) => u.parent_id))];
  const figures = new Map<string, { value: number | null; count: number; note?: string }>();
  for (const parent of parents) {
    const result = await runAnalytics(db, {
      indicators: [indicator],
      orgUnitId: parent,
      periodType: periodType(period) as PeriodType,
      from: period,
      to: period,
      by: 'children',
    });
    for (const row of result.rows) figures.set(row.orgUnitId, row);
  }
  return units.map((u): TCommuneMapUnit => {
    const shown = visible === null || visible.has(u.id);
    const figure = shown ? figures.get(u.id) : undefined;
    return {
      ...unitFields(u),
      value: figure?.value ?? null,
      visible: shown,
      count: shown ? (figure?.count ?? 0) : null,
      reports: null,
      ...(figure?.note ? { note: figure.note } : {}),
    };
  });
}

export const unitFields = (u: MapUnit) => ({
  orgUnitId: u.id,
  code: u.code,
  name: u.name,
  shortName: u.short_name,
  kind: u.kind,
});
