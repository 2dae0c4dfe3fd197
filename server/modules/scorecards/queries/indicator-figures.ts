import { sql } from 'drizzle-orm';
import type { Direction, OrgUnitKind, TimeAggregation } from '../../../../common/enums';
import type { Executor } from '../../../db/client';
import { rowsOf } from '../../../db/sql';
import { timelinessSql } from '../../rounds/queries';

export interface IndicatorFigureRow {
  report_id: string;
  org_unit_id: string;
  period: string;
  indicator_id: string;
  code: string;
  name: string;
  aggregation: string;
  time_aggregation: TimeAggregation;
  direction: Direction;
  baseline_year: number | null;
  baseline_value: string | null;
  targets: Record<string, number>;
  /** the unit's own value for the round's period, as text (numeric) */
  value: string | null;
}

/**
 * The indicator figures the units' reports in the rounds of the given periods had to carry (one
 * per report and indicator), with the unit's own value for the round's period — for reports whose
 * due date has come or that were sent.
 */
export async function listIndicatorFigures(
  db: Executor,
  options: { kinds: readonly OrgUnitKind[]; periods: readonly string[]; today: string },
): Promise<IndicatorFigureRow[]> {
  return rowsOf<IndicatorFigureRow>(
    await db.execute(sql`
      select ri.report_id, r.org_unit_id, rd.period, i.id as indicator_id, i.code, i.name, i.aggregation,
        i.time_aggregation, i.direction, i.baseline_year, i.baseline_value::text as baseline_value, i.targets,
        v.value::text as value
      from report_indicators ri
      join reports r on r.id = ri.report_id
      join rounds rd on rd.id = r.round_id
      join org_units o on o.id = r.org_unit_id
      join indicators i on i.id = ri.indicator_id
      left join data_values v on v.indicator_id = ri.indicator_id and v.org_unit_id = r.org_unit_id
        and v.period = rd.period
      where rd.period = any(${sql.param([...options.periods])}::text[])
        and o.kind = any(${sql.param([...options.kinds])}::text[])
        and ${timelinessSql(options.today)} <> 'pending'
      order by rd.period, i.code`),
  );
}
