import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TUnitIndicator } from '../../../../common/contracts/unit-overview';
import { DIRECTIONS, ORG_AGGREGATIONS, TIME_AGGREGATIONS, VALUE_TYPES } from '../../../../common/enums';
import { periodMonths, periodType, periodYear } from '../../../../common/periods';
import type { Executor } from '../../../db/client';
import { rowsOf } from '../../../db/sql';
import { judge, pathValue, targetPath } from '../../analytics/attainment';

const ZIndicatorRow = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  value_type: z.enum(VALUE_TYPES),
  direction: z.enum(DIRECTIONS),
  aggregation: z.enum(ORG_AGGREGATIONS),
  time_aggregation: z.enum(TIME_AGGREGATIONS),
  baseline_year: z.number().int().nullable(),
  baseline_value: z.string().nullable(),
  targets: z.record(z.string(), z.number()),
  period: z.string().nullable(),
  value: z.string().nullable(),
});
type IndicatorRow = z.infer<typeof ZIndicatorRow>;

/**
 * The unit's figure against the province's target, when the two measure the same thing: a share,
 * an average or a level (not a sum, which only the province's total reaches), and not a flow read
 * part way through its year. Expected = the target path at the end of the value's period
 * (analytics/attainment.ts judge).
 */
export function unitAttainment(row: IndicatorRow): TUnitIndicator['attainment'] {
  if (row.period === null || row.value === null) return null;
  if (row.value_type === 'boolean' || row.aggregation === 'sum' || row.aggregation === 'none') return null;
  const wholeYear = periodType(row.period) === 'year';
  if (row.time_aggregation === 'sum' && !wholeYear) return null;
  const year = periodYear(row.period);
  const baseline =
    row.baseline_year !== null && row.baseline_value !== null
      ? { year: row.baseline_year, value: Number(row.baseline_value) }
      : null;
  const path = targetPath(baseline, row.targets);
  const target = pathValue(path, year);
  const lastMonth = Number(periodMonths(row.period).at(-1)!.slice(-2));
  const { status, expected } = judge({
    actual: Number(row.value),
    target,
    start: pathValue(path, year - 1),
    elapsed: lastMonth / 12,
    direction: row.direction,
    timeAggregation: row.time_aggregation,
  });
  return { status, target, expected, year };
}

/**
 * The indicators the unit enters (its kind reports them), answers for (responsible unit) or has
 * values of, with its own latest value — one index probe per indicator on data_values' key.
 * Computed and archived indicators are left out: they hold no values of their own.
 */
export async function getUnitIndicators(db: Executor, orgUnitId: string): Promise<TUnitIndicator[]> {
  const rows = rowsOf<unknown>(
    await db.execute(sql`
      select i.id, i.code, i.name, i.unit, i.value_type, i.direction, i.aggregation, i.time_aggregation,
        i.baseline_year, i.baseline_value::text as baseline_value, i.targets,
        lv.period, lv.value::text as value
      from indicators i
        cross join (select kind from org_units where id = ${orgUnitId}) u
        left join lateral (
          select v.period, v.value from data_values v
          where v.indicator_id = i.id and v.org_unit_id = ${orgUnitId}
          order by v.period desc limit 1
        ) lv on true
      where i.archived_at is null and i.formula is null
        and (i.reported_by @> jsonb_build_array(u.kind) or i.responsible_org_unit_id = ${orgUnitId}
          or lv.period is not null)
      order by i.code`),
  );
  return rows.map((raw) => {
    const row = ZIndicatorRow.parse(raw);
    return {
      id: row.id,
      code: row.code,
      name: row.name,
      unit: row.unit,
      valueType: row.value_type,
      direction: row.direction,
      latest:
        row.period !== null && row.value !== null ? { period: row.period, value: Number(row.value) } : null,
      attainment: unitAttainment(row),
    };
  });
}
